import Testing
@testable import QuipuCore

@Suite("Participants, ideas, roles, actions, close, undo")
struct EngineTests {
    @Test func participantsAreMembersOrObserversWithTypedIds() throws {
        var h = Harness()
        let ana = h.addMember("Ana Quispe")
        let obs = h.addMember("Olivier Observer", observer: true)
        #expect(ana == "P1")
        #expect(obs == "P2")
        #expect(h.state.participant("P2")?.observer == true)
        #expect(h.refusal(.addParticipant(name: "ana quispe", organisation: "", group: .ngo, country: "", observer: false))
            == "ana quispe is already on the roster as P1 (Ana Quispe); if they are two people, tell them apart in the name (a second surname or an initial)")
        try h.run(.setParticipant(who: "ANA QUISPE", present: false, observer: nil))
        #expect(h.state.participant("P1")?.present == false)
    }

    @Test func ideasAreAddedLinkedEditedAndWithdrawnButKept() throws {
        var h = Harness()
        let p = h.addMember("José Gutiérrez")
        let area = h.addArea("Community water committees")
        try h.run(.addIdea(text: "Train 40 committee leaders", kind: .project, by: "josé gutiérrez", area: "i1"))
        let project = try #require(h.state.idea("I2"))
        #expect(project.by == p)
        #expect(project.area == area)
        #expect(h.refusal(.addIdea(text: "x", kind: .project, by: nil, area: "I2")) == "I2 is a project idea, not an area")
        try h.run(.editIdea(id: "I1", text: "Community water committees in every basin"))
        #expect(h.state.idea("I1")?.text == "Community water committees in every basin")
        try h.run(.withdrawIdea(id: "I2"))
        #expect(h.state.idea("I2")?.withdrawn == true)
        #expect(h.state.ideas.count == 2)
        #expect(h.refusal(.withdrawIdea(id: "I9")) == "there is no idea I9 in 2026-11-29-watershed-management")
    }

    @Test func textIsCheckedBeforeAnythingIsWritten() {
        var h = Harness()
        let before = h.log
        #expect(h.refusal(.addIdea(text: "   ", kind: .area, by: nil, area: nil)) == "the idea is empty")
        #expect(h.refusal(.addIdea(text: String(repeating: "x", count: 10_000), kind: .area, by: nil, area: nil))
            == "the idea is 10000 characters long; the most is 2000")
        #expect(h.refusal(.addIdea(text: "one\ntwo", kind: .area, by: nil, area: nil))?.hasPrefix("the idea spans several lines") == true)
        #expect(h.log == before)
    }

    @Test func rolesAndActions() throws {
        var h = Harness()
        _ = h.addMember("María Quispe Mamani")
        try h.run(.assignRole(role: "Lead", holder: "maría quispe mamani"))
        try h.run(.assignRole(role: "focal point", holder: "org:CONDESAN"))
        #expect(h.state.roles == [RoleAssignment(role: "lead", holder: "P1"), RoleAssignment(role: "focal point", holder: "CONDESAN")])
        #expect(h.refusal(.assignRole(role: "lead", holder: "P1")) == "María Quispe Mamani already holds the role lead")
        try h.run(.addAction(text: "Draft the basin workplan", owner: "P1", due: "2027-03", idea: nil))
        #expect(h.refusal(.addAction(text: "x", owner: "P1", due: "2027-02-30", idea: nil)) == "due date \"2027-02-30\" must be YYYY-MM-DD or YYYY-MM")
        try h.run(.setActionStatus(id: "a1", status: .inProgress))
        #expect(h.state.action("A1")?.status == .inProgress)
        #expect(h.state.action("A1")?.owner == "P1")
    }

    @Test func aClosedSessionRefusesChangesUntilReopened() throws {
        var h = Harness()
        _ = h.addArea("Water")
        try h.run(.close)
        #expect(h.state.status == .closed)
        #expect(h.refusal(.addIdea(text: "Late idea", kind: .note, by: nil, area: nil))
            == "session 2026-11-29-watershed-management is closed; reopen it to change anything")
        try h.run(.reopen)
        #expect(h.state.status == .planned)
        _ = h.addArea("Late idea")
    }

    @Test func undoCancelsTheLastChangeAndRedoBringsItBack() throws {
        var h = Harness()
        _ = h.addArea("First")
        _ = h.addArea("Second")
        try h.run(.undo)
        #expect(h.state.ideas.map(\.text) == ["First"])
        try h.run(.undo)
        #expect(h.state.ideas.isEmpty)
        #expect(h.refusal(.undo) == "there is nothing to undo")
        try h.run(.redo)
        #expect(h.state.ideas.map(\.text) == ["First"])
        try h.run(.redo)
        #expect(h.state.ideas.map(\.text) == ["First", "Second"])
        #expect(h.refusal(.redo) == "there is nothing to redo")
    }

    @Test func aNewChangeAfterUndoClearsRedoAndIdsAreNeverReused() throws {
        var h = Harness()
        _ = h.addArea("First")
        try h.run(.undo)
        let id = h.addArea("Another")
        #expect(id == "I2")
        #expect(h.refusal(.redo) == "there is nothing to redo")
    }

    @Test func undoDoesNotTurnBackTheRoomsClock() throws {
        var h = Harness()
        _ = h.addArea("Water")
        try h.run(.startTimer)
        h.advance(minutes: 1)
        try h.run(.undo)
        #expect(h.state.ideas.isEmpty)
        #expect(h.reading.state == .running)
    }

    @Test func undoOfAReplacedBallotRestoresTheEarlierBallot() throws {
        var h = Harness()
        let p = h.addMember("Ana")
        _ = h.addArea("A"); _ = h.addArea("B")
        try h.run(.openVote(method: .dot, dots: 3, maxPerItem: nil, candidates: nil))
        try h.run(.castBallot(vote: nil, by: p, choices: [.init(idea: "I1", points: 3)]))
        try h.run(.castBallot(vote: nil, by: p, choices: [.init(idea: "I2", points: 3)]))
        #expect(h.state.votes[0].results.first?.idea == "I2")
        try h.run(.undo)
        #expect(h.state.votes[0].ballots.count == 1)
        #expect(h.state.votes[0].results.first?.idea == "I1")
    }

    @Test func replayOrderDoesNotDependOnTheOrderOfLines() throws {
        var h = Harness()
        _ = h.addArea("One")
        _ = h.addArea("Two")
        try h.run(.undo)
        let shuffled = SessionLog(id: h.state.id, events: h.log.events.reversed())
        #expect(shuffled.state == h.state)
        // A line present twice (two copies merged) counts once.
        let doubled = SessionLog(id: h.state.id, events: h.log.events + h.log.events)
        #expect(doubled.state.ideas == h.state.ideas)
    }

    @Test func sessionIdsAreDateAndSlug() {
        #expect(SessionID.slug("Watershed management") == "watershed-management")
        #expect(SessionID.slug("  Gênero & Educación: Andes!! ") == "genero-educacion-andes")
        #expect(SessionID.slug("../../etc/passwd") == "etc-passwd")
        #expect(SessionID.slug("会議") == "session")
        #expect(SessionID.make(title: "Andes", date: "2026-11-29", existing: ["2026-11-29-andes", "2026-11-29-andes-2"])
            == "2026-11-29-andes-3")
        #expect(!SessionID.isValid("../x"))
        #expect(!SessionID.isValid("-rf"))
        #expect(SessionID.isValid("2026-11-29-andes"))
    }

    @Test func timestampsFormatAndParseExactly() {
        let t = Timestamp(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 58, millisecond: 7)
        #expect(t.iso8601 == "2024-02-29T23:59:58.007Z")
        #expect(Timestamp.parse("2024-02-29T23:59:58.007Z") == t)
        #expect(Timestamp.parse("2024-02-29T23:59:58Z") == t.adding(milliseconds: -7))
        #expect(Timestamp.parse("2023-02-29T00:00:00Z") == nil)
        #expect(Timestamp.parse("2024-02-29 23:59:58Z") == nil)
        #expect(Timestamp(milliseconds: 0).iso8601 == "1970-01-01T00:00:00.000Z")
    }
}

@Suite("Undo: this writer's own last step")
struct UndoStepTests {
    @Test func undoTakesBackThisTerminalsChangeNotTheOthers() throws {
        var h = Harness()
        h.writer = "ana"
        _ = h.addArea("Water")
        h.writer = "ben"
        _ = h.addArea("Glaciers")
        h.writer = "ana"
        try h.run(.undo)
        #expect(h.state.ideas.filter { !$0.withdrawn }.map(\.text) == ["Glaciers"], "Ana's undo takes back Ana's idea, not Ben's newer one")
        #expect(h.refusal(.undo) == "nothing of yours to undo here: the changes still in force were made elsewhere "
            + "(another terminal or command); the timeline (t) shows who")
        h.writer = "ben"
        #expect(h.refusal(.redo) == "there is nothing to redo", "Ben has nothing to redo: the undo was Ana's")
    }

    @Test func aPasteIsOneStep() throws {
        var h = Harness()
        _ = h.addArea("Water")
        try h.run(.batch(["One", "Two", "Three"].map { .addIdea(text: $0, kind: .project, by: nil, area: "I1") }))
        #expect(h.state.ideas.map(\.id) == ["I1", "I2", "I3", "I4"])
        #expect(h.refusal(.batch([.addIdea(text: "Fine", kind: .note, by: nil, area: nil),
                                  .addIdea(text: "Bad", kind: .note, by: "Nobody at all", area: nil)]))?
            .hasPrefix("item 2 of 2: no participant or organisation on the roster is \"Nobody at all\"") == true)
        #expect(h.state.ideas.count == 4, "a batch refused in part saves nothing")
        try h.run(.undo)
        #expect(h.state.ideas.map(\.id) == ["I1"], "one undo takes the whole paste back")
        try h.run(.redo)
        #expect(h.state.ideas.map(\.id) == ["I1", "I2", "I3", "I4"])
    }

    @Test func withdrawingAnAreaUnlinksItsIdeasInTheSameStep() throws {
        var h = Harness()
        _ = h.addArea("Water")
        try h.run(.addIdea(text: "Springs map", kind: .project, by: nil, area: "I1"))
        try h.run(.addIdea(text: "Committees school", kind: .programme, by: nil, area: "I1"))
        let changes = try h.run(.withdrawIdea(id: "I1")).map(\.change)
        #expect(changes == [.ideaWithdrawn(id: "I1"), .ideaLinked(id: "I2", area: nil), .ideaLinked(id: "I3", area: nil)])
        #expect(h.state.ideas.compactMap(\.area).isEmpty, "no idea is left under an area that is gone")
        #expect(h.refusal(.addIdea(text: "Wells", kind: .project, by: nil, area: "I1"))
            == "I1 is withdrawn; put the idea under an area still open")
        #expect(h.refusal(.reviseIdea(id: "I2", text: nil, kind: nil, by: nil, area: "I1"))
            == "I1 is withdrawn; link I2 to an area still open")
        try h.run(.undo)
        #expect(h.state.idea("I1")?.withdrawn == false)
        #expect(h.state.ideas.compactMap(\.area) == ["I1", "I1"], "one undo brings the area and its links back")
    }

    @Test func theTimelineSaysUndidAndRedidAsTheyWere() throws {
        var h = Harness()
        _ = h.addArea("Water")
        try h.run(.undo)
        try h.run(.redo)
        let undo = h.log.events[h.log.events.count - 2], redo = h.log.events[h.log.events.count - 1]
        guard case let .undo(first) = undo.change, case let .undo(second) = redo.change else {
            Issue.record("expected two undo events")
            return
        }
        #expect(h.log.undoMeaning(first)?.redo == false, "the first undo is an undo, even once it is redone")
        #expect(h.log.undoMeaning(second)?.redo == true)
    }

    @Test func aWriterIsNamedByWhoIsAtTheKeys() throws {
        var h = Harness()
        var log = h.log
        log.append([Event(id: EventID(seq: log.nextSeq, writer: "k3f9"), at: h.now, change: .writerJoined(name: "Bina Gurung"))])
        #expect(log.state.writerNames == ["k3f9": "Bina Gurung"])
        #expect(Change.writerJoined(name: "x").isUndoable == false, "naming who is at the keys is not a change to undo")
    }
}
