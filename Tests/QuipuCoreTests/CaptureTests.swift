import Testing
@testable import QuipuCore

@Suite("Capture: editing, removing, linking, merging, roles, workplan, carry-over, each undone")
struct CaptureTests {
    /// Runs `command`, checks `changed` on the result, undoes it and checks the state is back,
    /// then redoes it and checks it is there again.
    func roundTrip(_ h: inout Harness, _ command: Command, _ changed: (Session) -> Bool) throws {
        let before = h.state
        try h.run(command)
        #expect(changed(h.state))
        try h.run(.undo)
        #expect(h.state.participants == before.participants)
        #expect(h.state.removedParticipants == before.removedParticipants)
        #expect(h.state.ideas == before.ideas)
        #expect(h.state.votes == before.votes)
        #expect(h.state.roles == before.roles)
        #expect(h.state.actions == before.actions)
        try h.run(.redo)
        #expect(changed(h.state))
    }

    @Test func participantsAreEditedAndUndone() throws {
        var h = Harness()
        _ = h.addMember("Ana Quispe")
        _ = h.addMember("Ben Okafor")
        try roundTrip(&h, .editParticipant(who: "ana quispe", name: "Ana Quispe Mamani", organisation: "SENAMHI",
                                          group: .research, country: "Perú")) { s in
            s.participant("P1") == Participant(id: "P1", name: "Ana Quispe Mamani", organisation: "SENAMHI",
                                               group: .research, country: "Perú")
        }
        #expect(h.refusal(.editParticipant(who: "P2", name: "ana quispe mamani", organisation: nil, group: nil, country: nil))
            == "ana quispe mamani is already on the roster as P1")
        #expect(h.refusal(.editParticipant(who: "P2", name: "Ben Okafor", organisation: nil, group: .government, country: nil))
            == "nothing to change: P2 Ben Okafor already reads that way")
        #expect(h.refusal(.editParticipant(who: "P2", name: " ", organisation: nil, group: nil, country: nil))
            == "the name is empty")
        try roundTrip(&h, .setParticipant(who: "P2", present: false, observer: true)) { s in
            s.participant("P2")?.present == false && s.participant("P2")?.observer == true
        }
    }

    @Test func aRemovedParticipantLeavesTheRosterButNotTheRecord() throws {
        var h = Harness()
        let ana = h.addMember("Ana Quispe")
        _ = h.addMember("Ben Okafor")
        _ = h.addArea("Water")
        _ = h.addArea("Soil")
        try h.run(.openVote(method: .dot, dots: 3, maxPerItem: nil, candidates: nil))
        try h.run(.castBallot(vote: nil, by: ana, choices: [.init(idea: "I1", points: 3)]))
        try h.run(.addAction(text: "Draft the note", owner: ana, due: nil, idea: nil))
        try roundTrip(&h, .removeParticipant(who: "Ana Quispe")) { s in
            s.participant(ana) == nil && s.participants.count == 1 && s.displayName(ana) == "Ana Quispe"
                && s.votes[0].ballots.map(\.by) == [ana] && s.actions[0].owner == ana
        }
        #expect(h.refusal(.removeParticipant(who: "Ana Quispe"))?.hasPrefix("no participant \"Ana Quispe\"") == true)
        // Ids are never reused: the next participant is P3.
        #expect(h.addMember("Carla") == "P3")
        // The name is free again.
        #expect(h.addMember("Ana Quispe") == "P4")
    }

    @Test func countsByStakeholderGroup() throws {
        var h = Harness()
        try h.run(.addParticipant(name: "A", organisation: "", group: .ngo, country: "", observer: false))
        try h.run(.addParticipant(name: "B", organisation: "", group: .government, country: "", observer: false))
        try h.run(.addParticipant(name: "C", organisation: "", group: .ngo, country: "", observer: true))
        #expect(h.state.groupCounts.map { "\($0.group.rawValue) \($0.count)" } == ["government 1", "NGO 2"])
    }

    @Test func programmeAndProjectIdeasLinkToAnArea() throws {
        var h = Harness()
        _ = h.addArea("Water")
        try h.run(.addIdea(text: "Basin programme", kind: .programme, by: nil, area: nil))
        try h.run(.addIdea(text: "A note", kind: .note, by: nil, area: nil))
        try roundTrip(&h, .linkIdea(id: "i2", area: "I1")) { $0.idea("I2")?.area == "I1" }
        #expect(h.refusal(.linkIdea(id: "I3", area: "I1")) == "I3 is a note idea; only programme and project ideas link to an area")
        #expect(h.refusal(.linkIdea(id: "I2", area: "I2")) == "I2 is a programme idea, not an area")
        #expect(h.refusal(.linkIdea(id: "I2", area: "I1")) == "I2 is already linked to I1")
        try roundTrip(&h, .linkIdea(id: "I2", area: nil)) { $0.idea("I2")?.area == nil }
    }

    @Test func mergeKeepsVotesActionsAndLinksAttached() throws {
        var h = Harness()
        let ana = h.addMember("Ana")
        let ben = h.addMember("Ben")
        _ = h.addArea("Water committees")        // I1
        _ = h.addArea("Committees for water")    // I2, the duplicate
        _ = h.addArea("Soil")                    // I3
        try h.run(.addIdea(text: "Train leaders", kind: .project, by: nil, area: "I2")) // I4
        try h.run(.openVote(method: .dot, dots: 3, maxPerItem: nil, candidates: nil))
        try h.run(.castBallot(vote: nil, by: ana, choices: [.init(idea: "I1", points: 1), .init(idea: "I2", points: 2)]))
        try h.run(.castBallot(vote: nil, by: ben, choices: [.init(idea: "I2", points: 3)]))
        try h.run(.addAction(text: "Map committees", owner: ben, due: "2027-03", idea: "I2"))
        try roundTrip(&h, .mergeIdea(id: "I2", into: "I1")) { s in
            let v = s.votes[0]
            return s.idea("I2")?.withdrawn == true && s.idea("I2")?.mergedInto == "I1"
                && s.idea("I4")?.area == "I1" && s.actions[0].idea == "I1"
                && v.candidates == ["I1", "I3"]
                && v.ballots.first { $0.by == ana }?.choices == [.init(idea: "I1", points: 3)]
                && v.ballots.first { $0.by == ben }?.choices == [.init(idea: "I1", points: 3)]
                && v.results.first?.idea == "I1" && v.results.first?.score == 6
        }
        #expect(h.refusal(.mergeIdea(id: "I2", into: "I1")) == "I2 is already withdrawn")
        #expect(h.refusal(.mergeIdea(id: "I1", into: "I1")) == "an idea cannot be merged into itself")
        #expect(h.refusal(.mergeIdea(id: "I3", into: "I2")) == "I2 is withdrawn; merge into an idea still open")
        #expect(h.refusal(.mergeIdea(id: "I1", into: "I4")) == "ideas are linked to the area I1; merge it into another area, not a project")
    }

    @Test func anApprovalOrRankingIsNotCountedTwiceWhenIdeasMerge() throws {
        for (method, choices, expected) in [
            (VoteMethod.approval, [Ballot.Choice(idea: "I1", points: 1), .init(idea: "I2", points: 1)], [Ballot.Choice(idea: "I1", points: 1)]),
            (.borda, [.init(idea: "I3", points: 1), .init(idea: "I2", points: 2), .init(idea: "I1", points: 3)],
             [.init(idea: "I3", points: 1), .init(idea: "I1", points: 2)]),
        ] {
            var h = Harness()
            let ana = h.addMember("Ana")
            _ = h.addArea("Water")
            _ = h.addArea("Water again")
            _ = h.addArea("Soil")
            try h.run(.openVote(method: method, dots: 3, maxPerItem: nil, candidates: nil))
            try h.run(.castBallot(vote: nil, by: ana, choices: choices))
            try h.run(.mergeIdea(id: "I2", into: "I1"))
            #expect(h.state.votes[0].ballots[0].choices == expected, "\(method)")
        }
    }

    @Test func aClosedVoteKeepsItsCountWhenIdeasMerge() throws {
        var h = Harness()
        let ana = h.addMember("Ana")
        _ = h.addArea("Water")
        _ = h.addArea("Water again")
        try h.run(.openVote(method: .dot, dots: 3, maxPerItem: nil, candidates: nil))
        try h.run(.castBallot(vote: nil, by: ana, choices: [.init(idea: "I2", points: 3)]))
        try h.run(.closeVote(id: nil))
        try h.run(.mergeIdea(id: "I2", into: "I1"))
        #expect(h.state.votes[0].candidates == ["I1", "I2"])
        #expect(h.state.votes[0].ballots[0].choices == [.init(idea: "I2", points: 3)])
    }

    @Test func rolesHaveSeveralHoldersAndAreUnassigned() throws {
        var h = Harness()
        let ana = h.addMember("Ana")
        try h.run(.assignRole(role: "Focal point", holder: "Ana"))
        try h.run(.assignRole(role: "focal point", holder: "org:CARE Peru"))
        #expect(h.state.roles == [RoleAssignment(role: "focal point", holder: ana),
                                  RoleAssignment(role: "focal point", holder: "CARE Peru")])
        try roundTrip(&h, .unassignRole(role: "FOCAL POINT", holder: "care peru")) {
            $0.roles == [RoleAssignment(role: "focal point", holder: ana)]
        }
        #expect(h.refusal(.unassignRole(role: "lead", holder: "Ana")) == "Ana does not hold the role lead")
    }

    @Test func actionsHaveSupportersAndAreEdited() throws {
        var h = Harness()
        let ana = h.addMember("Ana")
        let ben = h.addMember("Ben")
        _ = h.addArea("Water")
        try h.run(.addAction(text: "Draft", owner: "Ana", due: "2027-03", idea: nil, supporters: ["ben", "org:CARE", "Ana", "Ben"]))
        #expect(h.state.actions[0].supporters == [ben, "CARE"])
        try h.run(.setActionStatus(id: "A1", status: .inProgress))
        try roundTrip(&h, .editAction(id: "a1", text: "Draft the note", owner: "Ben", due: "2027-04-15", idea: "I1",
                                      supporters: ["Ana"])) { s in
            s.actions[0] == Action(id: "A1", text: "Draft the note", owner: ben, due: "2027-04-15", idea: "I1",
                                   status: .inProgress, supporters: [ana])
        }
        try roundTrip(&h, .editAction(id: "A1", text: nil, owner: nil, due: "", idea: "", supporters: [])) { s in
            s.actions[0].due == nil && s.actions[0].idea == nil && s.actions[0].supporters.isEmpty
        }
        #expect(h.refusal(.editAction(id: "A1", text: nil, owner: nil, due: "2027-13", idea: nil, supporters: nil))
            == "due date \"2027-13\" must be YYYY-MM-DD or YYYY-MM")
        #expect(h.refusal(.editAction(id: "A1", text: "Draft the note", owner: nil, due: nil, idea: nil, supporters: nil))
            == "nothing to change: A1 already reads that way")
        #expect(h.refusal(.editAction(id: "A9", text: "x", owner: nil, due: nil, idea: nil, supporters: nil))
            == "there is no action A9 in 2026-11-29-watershed-management")
    }

    @Test func theWorkplanIsSortedByDueDateAndOverdueIsMarked() throws {
        var h = Harness()
        try h.run(.addAction(text: "Undated", owner: "org:CARE", due: nil, idea: nil))
        try h.run(.addAction(text: "End of March", owner: "org:CARE", due: "2027-03", idea: nil))
        try h.run(.addAction(text: "Mid March", owner: "org:CARE", due: "2027-03-15", idea: nil))
        try h.run(.addAction(text: "Last year", owner: "org:CARE", due: "2026-10-01", idea: nil))
        try h.run(.addAction(text: "Done last year", owner: "org:CARE", due: "2026-09", idea: nil))
        try h.run(.setActionStatus(id: "A5", status: .done))
        #expect(h.state.actionsByDue.map(\.id) == ["A5", "A4", "A3", "A2", "A1"])
        let now = Timestamp(year: 2027, month: 3, day: 20)
        #expect(h.state.actionsByDue.map { $0.isOverdue(at: now) } == [false, true, true, false, false])
        #expect(h.state.action("A2")?.isOverdue(at: Timestamp(year: 2027, month: 4, day: 1)) == true)
    }

    @Test func openActionsCarryOverOnceByName() throws {
        var earlier = Harness()
        let ana = earlier.addMember("Ana Quispe")
        _ = earlier.addMember("Ben")
        try earlier.run(.addAction(text: "Map committees", owner: ana, due: "2027-03", idea: nil, supporters: ["Ben", "org:CARE"]))
        try earlier.run(.addAction(text: "Finished", owner: "org:CARE", due: nil, idea: nil))
        try earlier.run(.addAction(text: "Started", owner: "org:CARE", due: nil, idea: nil))
        try earlier.run(.setActionStatus(id: "A2", status: .done))
        try earlier.run(.setActionStatus(id: "A3", status: .inProgress))
        let source = earlier.state

        var h = Harness()
        h.log = SessionLog(id: "2027-02-01-watershed-management")
        try h.run(.createSession(title: "Watershed again", initiative: "Watershed management", facilitator: "", rapporteur: "",
                                 agenda: try AgendaTemplate.resolve(nil)))
        let here = h.addMember("ana quispe")
        try h.run(.addAction(text: "New one", owner: "org:CARE", due: nil, idea: nil))
        let before = h.state.actions
        try h.run(.carryOver(from: source))
        #expect(h.state.actions.dropFirst().map { $0 } == [
                Action(id: "A2", text: "Map committees", owner: here, due: "2027-03", status: .open,
                       supporters: ["Ben", "CARE"], carriedFrom: "2026-11-29-watershed-management/A1"),
                Action(id: "A3", text: "Started", owner: "CARE", status: .inProgress,
                       carriedFrom: "2026-11-29-watershed-management/A3"),
            ])
        // A carry-over is one step: one undo takes every carried action back, one redo returns them.
        try h.run(.undo)
        #expect(h.state.actions == before)
        try h.run(.redo)
        #expect(h.state.actions.map(\.id) == ["A1", "A2", "A3"])
        #expect(h.refusal(.redo) == "there is nothing to redo")
        #expect(h.refusal(.carryOver(from: source)) == "the open actions of 2026-11-29-watershed-management are already carried over")
        #expect(h.refusal(.carryOver(from: h.state)) == "a session cannot carry over its own actions")
    }

    @Test func newChangesSurviveTheirWrittenForm() throws {
        let changes: [Change] = [
            .participantEdited(id: "P1", name: "Ana \"Q\"", organisation: "", group: .majorGroup, country: nil),
            .participantRemoved(id: "P2"),
            .ideaLinked(id: "I2", area: "I1"), .ideaLinked(id: "I2", area: nil),
            .ideaMerged(id: "I3", into: "I1"),
            .roleUnassigned(RoleAssignment(role: "focal point", holder: "CARE, Peru")),
            .actionEdited(Action(id: "A1", text: "x", owner: "P1", due: nil, idea: "I1", supporters: ["P2", "CARE"])),
            .actionCarried(Action(id: "A2", text: "y", owner: "Ana", due: "2027-03", status: .inProgress,
                                  supporters: [], carriedFrom: "2026-11-29-water/A4")),
            .actionAdded(Action(id: "A3", text: "z", owner: "P1", supporters: ["P2"])),
        ]
        for change in changes {
            #expect(try Change(record: change.record) == change)
            #expect(change.isUndoable)
        }
    }
}
