import Testing
@testable import QuipuCore

@Suite("Re-planning the clock: behind, extend the session, re-spread, warnings, agenda files")
struct ClockPlanTests {
    /// Replays the journal's written form (record → Change) at a later moment.
    func replayed(_ h: Harness) throws -> Session {
        let events = try h.log.events.map { e in Event(id: e.id, at: e.at, change: try Change(record: e.change.record)) }
        return SessionLog(id: h.state.id, events: events).state
    }

    @Test func theHeaderSaysHowFarBehindPlanTheSessionIs() throws {
        var h = Harness()
        try h.run(.startTimer)
        h.advance(minutes: 9)
        #expect(h.reading.behindSeconds == 0)
        h.advance(minutes: 4) // opening planned 10, ran 13
        #expect(h.reading.phaseRemainingSeconds == -180)
        #expect(h.reading.behindSeconds == 180)
        try h.run(.nextPhase)
        h.advance(minutes: 5)
        #expect(h.reading.behindSeconds == 180)
        #expect(h.reading.sessionRemainingSeconds == 72 * 60)
        // Skipping a phase gives its time back: ahead.
        try h.run(.nextPhase) // phase 2 left after 5 of 25 min
        #expect(h.reading.behindSeconds == 180 - 20 * 60)
    }

    @Test func extendingTheSessionAddsToTheLastPhase() throws {
        var h = Harness()
        try h.run(.startTimer)
        h.advance(minutes: 5)
        try h.run(.extendSession(seconds: 15 * 60))
        #expect(h.state.agenda[4].plannedSeconds == 25 * 60)
        #expect(h.state.agenda[0].plannedSeconds == 10 * 60)
        #expect(h.reading.sessionRemainingSeconds == 100 * 60)
        #expect(h.reading.phaseRemainingSeconds == 5 * 60)
        try h.run(.extendSession(seconds: -20 * 60))
        #expect(h.reading.totalSeconds == 85 * 60)
        #expect(h.refusal(.extendSession(seconds: -5 * 60))
            == "the session can lose at most 4 min: its last phase, Wrap-up & conclusions for plenary, cannot be shorter than one minute")
        #expect(h.refusal(.extendSession(seconds: 0)) == "extend the session by a non-zero number of minutes")
    }

    @Test func reSpreadingFitsTheRemainingPhasesIntoTheTimeLeftWithoutMovingTheEnd() throws {
        var h = Harness()
        #expect(h.refusal(.respread(now: h.now)) == "the clock has not started; there is nothing to re-spread yet")
        try h.run(.startTimer)
        h.advance(minutes: 5)
        #expect(h.refusal(.respread(now: h.now)) == "the session is on plan; there is nothing to re-spread")
        h.advance(minutes: 15) // opening ran 20 of 10: 10 behind
        try h.run(.nextPhase)
        h.advance(minutes: 5)
        let before = h.reading
        #expect(before.behindSeconds == 600)
        #expect(before.sessionRemainingSeconds == 65 * 60)
        let events = try h.run(.respread(now: h.now))
        // Left of plan: 20, 25, 20, 10 = 75 min for 65 min left.
        let expected: [Int64] = [1320, 1320, 1020, 540] // 22, 22, 17, 9 min
        #expect(events.map(\.change) == [Change.agendaRespread(from: 1, seconds: expected)])
        let after = h.reading
        #expect(after.behindSeconds == 0)
        #expect(after.sessionRemainingSeconds == before.sessionRemainingSeconds)
        #expect(after.totalSeconds == 90 * 60)
        #expect(after.phaseRemainingSeconds == 17 * 60)
        #expect(h.state.agenda[0].plannedSeconds == 10 * 60) // a past phase keeps its plan
        // The written form replays to the same clock, then and later.
        let again = try replayed(h)
        #expect(again.clockReading(at: h.now) == after)
        #expect(again.clockReading(at: h.now.adding(seconds: 777)) == h.state.clockReading(at: h.now.adding(seconds: 777)))
        // Undo puts the old plan back.
        try h.run(.undo)
        #expect(h.reading == before)
    }

    @Test func reSpreadingAnOverrunPhaseEndsItNowAndRefusesWhenTimeIsUsedUp() throws {
        var h = Harness(agenda: try AgendaTemplate.resolve("A:10,B:10,C:10"))
        try h.run(.startTimer)
        h.advance(minutes: 14)
        try h.run(.respread(now: h.now))
        let expected: [Int64] = [840, 480, 480] // 14, 8, 8 min
        #expect(h.state.agenda.map(\.plannedSeconds) == expected)
        #expect(h.reading.phaseRemainingSeconds == 0)
        #expect(h.reading.behindSeconds == 0)
        #expect(h.state.dueWarnings(at: h.now) == [], "a phase that ends now gives no 1 MIN LEFT")
        h.advance(minutes: 20)
        try h.run(.nextPhase)
        try h.run(.nextPhase)
        #expect(h.reading.sessionRemainingSeconds < 60)
        #expect(h.refusal(.respread(now: h.now)) == "the session's time is used up; extend the session first (extend-session MIN)")
    }

    @Test func warningsAreDueOnceEachAndCanBeSwitchedOff() throws {
        var h = Harness()
        try h.run(.startTimer)
        h.advance(minutes: 4, seconds: 59)
        #expect(h.state.dueWarnings(at: h.now) == [])
        h.advance(seconds: 1)
        #expect(h.state.dueWarnings(at: h.now) == [.phase5])
        #expect(h.state.activeWarnings(at: h.now) == [.phase5])
        try h.run(.acknowledgeWarnings([.phase5], phase: 0))
        #expect(h.state.dueWarnings(at: h.now) == [])
        // Acknowledging again writes nothing.
        #expect(try h.log.decide(.acknowledgeWarnings([.phase5], phase: 0)) == [])
        // Closed meanwhile: both 5 and 1 passed, only 1 is still owed.
        h.advance(minutes: 4, seconds: 30)
        #expect(h.state.dueWarnings(at: h.now) == [.phase1])
        try h.run(.switchWarning(.phase1, on: false))
        #expect(h.state.dueWarnings(at: h.now) == [])
        #expect(h.refusal(.switchWarning(.phase1, on: false)) == "the 1 MIN LEFT warning is already off")
        // An overrun phase does not say "1 MIN LEFT".
        try h.run(.switchWarning(nil, on: true))
        h.advance(minutes: 1)
        #expect(h.state.dueWarnings(at: h.now) == [])
        // The session warning, once per session; a 5-minute phase does not warn at its start.
        var s = Harness(agenda: try AgendaTemplate.resolve("A:5,B:20"))
        try s.run(.startTimer)
        #expect(s.state.dueWarnings(at: s.now) == [])
        s.advance(minutes: 5)
        try s.run(.nextPhase)
        s.advance(minutes: 10, seconds: 1)
        #expect(s.state.dueWarnings(at: s.now) == [.session10])
        // The written form keeps switches and given warnings.
        try h.run(.switchWarning(.session10, on: false))
        let again = try replayed(h)
        #expect(again.clock.warningsOff == [.session10])
        #expect(again.clock.warningsGiven == ["phase-5@0"])
    }

    @Test func reopeningAtArbitraryLaterTimesGivesTheLiveRemainingTime() throws {
        var h = Harness()
        try h.run(.startTimer)
        h.advance(minutes: 3, seconds: 17)
        try h.run(.pauseTimer)
        h.advance(minutes: 40)
        try h.run(.resumeTimer)
        h.advance(minutes: 9, seconds: 1)
        try h.run(.nextPhase)
        try h.run(.adjustPhase(seconds: 120))
        h.advance(seconds: 333)
        try h.run(.extendSession(seconds: 300))
        for later: Int64 in [0, 1, 59, 61, 3599, 7200, 86_400] {
            let at = h.now.adding(seconds: later)
            #expect(try replayed(h).clockReading(at: at) == h.state.clockReading(at: at))
        }
        #expect(h.reading.phaseRemainingSeconds == 27 * 60 - 333)
        #expect(h.reading.sessionRemainingSeconds == 97 * 60 - (197 + 541 + 333))
    }

    @Test func agendaFilesParseAndNameTheBadLineAndColumn() throws {
        let text = "# a comment\n\nIntro: 10\r\n  Discuss : 30\nClose:5\n"
        let phases = try AgendaFile.parse(text, path: "agendas/x.txt")
        #expect(phases.map(\.name) == ["Intro", "Discuss", "Close"])
        #expect(phases.map(\.plannedSeconds) == [600, 1800, 300])
        func error(_ text: String) -> String? {
            do { _ = try AgendaFile.parse(text, path: "a.txt"); return nil } catch { return error.message }
        }
        #expect(error("Intro: 10\nWork:   0\n") == "a.txt:2:9: phase \"Work\" needs a whole number of minutes from 1 to 1440, not \"0\"")
        #expect(error("Intro: -5") == "a.txt:1:8: phase \"Intro\" needs a whole number of minutes from 1 to 1440, not \"-5\"")
        #expect(error("  : 5") == "a.txt:1:3: the phase has an empty name")
        #expect(error("Intro 10") == "a.txt:1:1: a phase needs the form \"Name: minutes\", not \"Intro 10\"")
        #expect(error("# only a comment\n") == "a.txt:1:1: the agenda has no phases (one a line, \"Name: minutes\")")
    }

    @Test func customAgendasResolveAndScale() throws {
        let custom: (String) throws(QuipuError) -> [Phase]? = { name throws(QuipuError) in
            name == "short" ? [Phase(name: "A", plannedSeconds: 600), Phase(name: "B", plannedSeconds: 1200)] : nil
        }
        #expect(try AgendaTemplate.resolve("short", minutes: nil, customNames: ["short"], custom: custom).count == 2)
        #expect(try AgendaTemplate.resolve("short", minutes: 60, customNames: ["short"], custom: custom).map(\.plannedSeconds) == [1200, 2400])
        #expect(try AgendaTemplate.resolve("roundtable-45", minutes: 90, customNames: [], custom: custom).reduce(0) { $0 + $1.plannedSeconds } == 5400)
        do {
            _ = try AgendaTemplate.resolve("nope", minutes: nil, customNames: ["short"], custom: custom)
            Issue.record("accepted an unknown agenda")
        } catch {
            #expect(error.message.hasPrefix("unknown agenda \"nope\": use a template (breakout-90, roundtable-45, short)"))
        }
    }
}
