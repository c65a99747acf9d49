import QuipuCore
import Testing

/// The session's details and agenda changed after it was created: journalled, undoable, and
/// never moving time the clock already recorded.
@Suite struct AgendaEditTests {
    var names: (Harness) -> [String] = { $0.state.agenda.map(\.name) }

    @Test func detailsChangeOneFieldAtATimeAndUndo() throws {
        var h = Harness()
        let events = try h.run(.editSession(title: "Watershed management", initiative: "Andes water", facilitator: nil,
                                            rapporteur: "Bina Gurung"))
        // Each field written names the value it replaces (here the session.create's: no edit yet).
        let created = h.log.events[0].id
        #expect(events.map(\.change) == [.sessionEdited(title: nil, initiative: "Andes water", facilitator: nil,
                                                        rapporteur: "Bina Gurung",
                                                        over: ["initiative": created, "rapporteur": created])],
                "only what changed is written")
        #expect(h.state.initiative == "Andes water" && h.state.rapporteur == "Bina Gurung" && h.state.facilitator == "Ana")
        #expect(h.refusal(.editSession(title: "Watershed management", initiative: nil, facilitator: nil, rapporteur: nil))
                == "nothing to change: the session's details are already so")
        #expect(h.refusal(.editSession(title: "  ", initiative: nil, facilitator: nil, rapporteur: nil)) == "the title is empty")
        try h.run(.undo)
        #expect(h.state.initiative == "Watershed management" && h.state.rapporteur == "Ben")
    }

    @Test func phasesStillToComeCanBeAddedRemovedMovedAndTimed() throws {
        var h = Harness()
        try h.run(.startTimer)
        h.advance(minutes: 12)
        try h.run(.nextPhase)                                   // phase 2 runs; phase 1 took 12 minutes
        try h.run(.addPhase(at: 2, Phase(name: "Coffee", plannedSeconds: 600)))
        #expect(names(h)[1...3] == ["Prioritize areas of action", "Coffee", "Programme & project ideas"])
        try h.run(.movePhase(2, to: 4))
        #expect(names(h)[2...] == ["Programme & project ideas", "Workplan, roles & responsibilities", "Coffee",
                                    "Wrap-up & conclusions for plenary"])
        try h.run(.removePhase(4))
        #expect(!names(h).contains("Coffee"))
        try h.run(.adjustPhase(seconds: 300, phase: 3))
        #expect(h.state.agenda[3].plannedSeconds == 25 * 60)
        try h.run(.editPhase(0, name: "Welcome", plannedSeconds: nil))
        #expect(names(h)[0] == "Welcome", "a phase that ran may be renamed")
        #expect(h.reading.phases[0].actualSeconds == 12 * 60, "its time stays with it")
        #expect(h.state.clock.phase == 1)
    }

    @Test func phasesThatRanOrRunNowKeepTheirPlace() {
        var h = Harness()
        try! h.run(.startTimer)
        h.advance(minutes: 5)
        try! h.run(.nextPhase)
        #expect(h.refusal(.removePhase(0)) == "phase 1, Opening & introductions, has already run: only phases still to come can be removed")
        #expect(h.refusal(.removePhase(1)) == "phase 2, Prioritize areas of action, is the current phase: only phases still to come can be removed")
        #expect(h.refusal(.movePhase(3, to: 1))?.hasPrefix("phase 2, Prioritize areas of action, is the current phase") == true)
        #expect(h.refusal(.addPhase(at: 1, Phase(name: "Break", plannedSeconds: 300)))
                == "a new phase goes after the phases that have run (from position 3)")
        #expect(h.refusal(.adjustPhase(seconds: 60, phase: 0)) == "phase 1, Opening & introductions, is done: its minutes are what it took")
        #expect(h.refusal(.editPhase(0, name: nil, plannedSeconds: 300)) == "phase 1, Opening & introductions, is done: its minutes are what it took")
        #expect(h.refusal(.editPhase(2, name: "Programme & project ideas", plannedSeconds: 1500))
                == "nothing to change: phase 3 is already so")
        let both = try! h.run(.editPhase(2, name: "Projects", plannedSeconds: 1200)).map(\.change)
        // The rename names the event whose name it replaces (the session's creation here).
        #expect(both == [.phaseRenamed(phase: 2, name: "Projects", over: h.log.events[0].id), .phaseAdjusted(phase: 2, seconds: -300)])
        #expect(h.refusal(.addPhase(at: 5, Phase(name: "Break", plannedSeconds: 90))) == "a phase lasts a whole number of minutes from 1 to 1440")
        #expect(h.refusal(.removePhase(9)) == "there is no phase 10; the agenda has 5")
    }

    @Test func anAgendaChangeTheClockHasMovedPastIsNotUndoneUnderIt() throws {
        var h = Harness()
        try h.run(.removePhase(2))
        try h.run(.startTimer)
        #expect(h.refusal(.undo) == "the clock has moved since the agenda was changed; change the agenda again instead of undoing")
        var quiet = Harness()
        try quiet.run(.removePhase(2))
        try quiet.run(.undo)
        #expect(quiet.state.agenda.count == 5, "undone while the clock stood still")
    }

    @Test func backFromFinishedTheClockRunsAgain() throws {
        var h = Harness(agenda: [Phase(name: "Only", plannedSeconds: 600)])
        try h.run(.startTimer)
        h.advance(minutes: 10)
        try h.run(.nextPhase)
        #expect(h.state.clock.state == .finished)
        try h.run(.previousPhase)
        #expect(h.state.clock.state == .running && h.state.clock.phase == 0)
    }

    @Test func agendaEditsRoundTripThroughTheirRecords() throws {
        for change: Change in [.sessionEdited(title: "T", initiative: "", facilitator: nil, rapporteur: "R"),
                               .phaseRenamed(phase: 2, name: "Priorities"), .phaseRenamed(phase: 0, name: "Open", over: EventID(seq: 3, writer: "k3f9")),
                               .phaseAdded(at: 1, Phase(name: "Break", plannedSeconds: 600)),
                               .phaseRemoved(phase: 3), .phaseMoved(phase: 3, to: 1)] {
            #expect(try Change(record: change.record) == change)
        }
    }
}

/// The idea edit form's whole idea: only what changed is written, and an area keeps its links.
@Suite struct ReviseIdeaTests {
    @Test func kindProposerAndAreaChangeTogether() throws {
        var h = Harness()
        let ana = h.addMember("Ana Lima")
        let area = h.addArea("Water")
        try h.run(.addIdea(text: "Springs map", kind: .note, by: nil, area: nil))
        let changes = try h.run(.reviseIdea(id: "I2", text: "Springs map", kind: .project, by: "Ana", area: area)).map(\.change)
        let added = h.log.events.first { if case .ideaAdded(let i) = $0.change { i.id == "I2" } else { false } }!.id
        #expect(changes == [.ideaSet(id: "I2", kind: .project, by: ana, over: ["kind": added, "by": added]), .ideaLinked(id: "I2", area: area)])
        #expect(h.state.idea("I2")?.kind == .project && h.state.idea("I2")?.by == ana && h.state.idea("I2")?.area == area)
        #expect(h.refusal(.reviseIdea(id: "I2", text: nil, kind: .project, by: "Ana Lima", area: "I1"))
                == "nothing to change: I2 is already so")
        #expect(h.refusal(.reviseIdea(id: "I1", text: nil, kind: .note, by: nil, area: nil))
                == "I1 is the area of I2; unlink them before it becomes a note")
        try h.run(.reviseIdea(id: "I2", text: nil, kind: .note, by: "", area: nil))
        #expect(h.state.idea("I2")?.area == nil, "a note belongs to no area")
        #expect(h.state.idea("I2")?.by == nil)
        try h.run(.undo)
        #expect(h.state.idea("I2")?.area == area, "undo takes back the newest change")
    }
}
