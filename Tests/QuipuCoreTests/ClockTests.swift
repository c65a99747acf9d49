import Testing
@testable import QuipuCore

@Suite("The breakout clock, on an exact clock")
struct ClockTests {
    @Test func beforeStartTheClockShowsTheWholeFirstPhase() {
        let h = Harness()
        #expect(h.reading.state == .idle)
        #expect(h.reading.phaseName == "Opening & introductions")
        #expect(h.reading.phaseRemainingSeconds == 600)
        #expect(h.reading.sessionRemainingSeconds == 90 * 60)
        #expect(h.state.status == .planned)
    }

    @Test func runningTimeCountsDownPhaseAndSession() throws {
        var h = Harness()
        try h.run(.toggleTimer)
        h.advance(minutes: 3, seconds: 20)
        #expect(h.reading.state == .running)
        #expect(h.reading.phaseRemainingSeconds == 400)
        #expect(h.reading.sessionRemainingSeconds == 90 * 60 - 200)
        #expect(h.state.status == .running)
    }

    @Test func pausedTimeNeverCounts() throws {
        var h = Harness()
        try h.run(.startTimer)
        h.advance(minutes: 2)
        try h.run(.toggleTimer) // pause
        h.advance(minutes: 30)
        #expect(h.reading.state == .paused)
        #expect(h.reading.phaseRemainingSeconds == 8 * 60)
        try h.run(.toggleTimer) // resume
        h.advance(minutes: 1)
        #expect(h.reading.phaseRemainingSeconds == 7 * 60)
    }

    @Test func pauseAcrossAPhaseBoundaryKeepsEachPhasesOwnTime() throws {
        var h = Harness()
        try h.run(.startTimer)
        h.advance(minutes: 4)
        try h.run(.pauseTimer)
        try h.run(.nextPhase) // moving while paused
        h.advance(minutes: 10)
        #expect(h.reading.phase == 1)
        #expect(h.reading.phaseRemainingSeconds == 25 * 60)
        try h.run(.resumeTimer)
        h.advance(minutes: 5)
        #expect(h.reading.phases[0].actualSeconds == 4 * 60)
        #expect(h.reading.phases[1].actualSeconds == 5 * 60)
        #expect(h.reading.sessionRemainingSeconds == 81 * 60)
    }

    @Test func anOverrunPhaseGoesNegativeAndShowsAPlus() throws {
        var h = Harness()
        try h.run(.startTimer)
        h.advance(minutes: 11, seconds: 5)
        #expect(h.reading.phaseRemainingSeconds == -65)
        #expect(clockText(seconds: h.reading.phaseRemainingSeconds, overrunSign: true) == "+01:05")
    }

    @Test func countdownRoundsUpSoZeroMeansTimeIsUp() throws {
        var h = Harness(agenda: [Phase(name: "Only", plannedSeconds: 60)])
        try h.run(.startTimer)
        h.now = h.now.adding(milliseconds: 400)
        #expect(h.reading.phaseRemainingSeconds == 60)
        h.now = h.now.adding(milliseconds: 59_600)
        #expect(h.reading.phaseRemainingSeconds == 0)
        h.now = h.now.adding(milliseconds: 1000)
        #expect(h.reading.phaseRemainingSeconds == -1)
    }

    @Test func extendAndShortenTheCurrentPhase() throws {
        var h = Harness()
        try h.run(.startTimer)
        try h.run(.adjustPhase(seconds: 60))
        #expect(h.reading.phaseRemainingSeconds == 11 * 60)
        #expect(h.reading.totalSeconds == 91 * 60)
        try h.run(.adjustPhase(seconds: -120))
        #expect(h.reading.phaseRemainingSeconds == 9 * 60)
        #expect(h.refusal(.adjustPhase(seconds: -9 * 60)) == "Opening & introductions cannot be shorter than one minute")
    }

    @Test func previousAndNextAroundTheEnds() throws {
        var h = Harness(agenda: [Phase(name: "A", plannedSeconds: 60), Phase(name: "B", plannedSeconds: 120)])
        #expect(h.refusal(.previousPhase) == "this is the first phase")
        try h.run(.startTimer)
        try h.run(.nextPhase)
        #expect(h.reading.phaseName == "B")
        #expect(h.reading.nextPhaseName == nil)
        h.advance(seconds: 30)
        try h.run(.nextPhase) // past the last phase: finished
        #expect(h.reading.state == .finished)
        #expect(h.refusal(.nextPhase) == "the clock has finished: there is no next phase")
        h.advance(minutes: 5)
        #expect(h.reading.phases[1].actualSeconds == 30) // finished time does not count
        try h.run(.previousPhase) // back to the last phase: the room is still talking, so it runs
        #expect(h.reading.state == .running)
        #expect(h.reading.phaseName == "B")
        h.advance(seconds: 10)
        #expect(h.reading.phases[1].actualSeconds == 40)
    }

    @Test func nextBeforeStartingSkipsAheadWithoutStartingTheClock() throws {
        var h = Harness()
        try h.run(.nextPhase)
        h.advance(minutes: 3)
        #expect(h.reading.state == .paused)
        #expect(h.reading.phase == 1)
        #expect(h.reading.phaseRemainingSeconds == 25 * 60)
        try h.run(.toggleTimer)
        h.advance(minutes: 1)
        #expect(h.reading.phaseRemainingSeconds == 24 * 60)
    }

    @Test func replayAtALaterTimeGivesTheSameRemainingTimeAsTheLiveSession() throws {
        var h = Harness()
        try h.run(.startTimer)
        h.advance(minutes: 7)
        try h.run(.nextPhase)
        h.advance(minutes: 3)
        try h.run(.pauseTimer)
        h.advance(minutes: 1)
        try h.run(.resumeTimer)
        h.advance(minutes: 12, seconds: 7)
        let live = h.reading
        // Quipu closed and reopened an hour later: the same events, read at the same moment…
        let replayed = SessionLog(id: h.log.state.id, events: h.log.events)
        #expect(replayed.state.clockReading(at: h.now) == live)
        // …and the room kept going while it was closed.
        let later = replayed.state.clockReading(at: h.now.adding(seconds: 3600))
        #expect(later.phaseRemainingSeconds == live.phaseRemainingSeconds - 3600)
    }

    @Test func closingStopsTheClock() throws {
        var h = Harness()
        try h.run(.startTimer)
        h.advance(minutes: 5)
        try h.run(.close)
        h.advance(minutes: 50)
        #expect(h.reading.state == .finished)
        #expect(h.reading.phases[0].actualSeconds == 300)
        #expect(h.state.status == .closed)
    }

    @Test func agendasFromTemplatesAndInlineText() throws {
        #expect(try AgendaTemplate.resolve("roundtable-45").reduce(0) { $0 + $1.plannedSeconds } == 45 * 60)
        let inline = try AgendaTemplate.resolve("Intro:10, Discuss:30 ,Close:5")
        #expect(inline.map(\.name) == ["Intro", "Discuss", "Close"])
        #expect(inline.map(\.plannedSeconds) == [600, 1800, 300])
        let scaled = try AgendaTemplate.resolve("breakout-90", minutes: 60)
        #expect(scaled.reduce(0) { $0 + $1.plannedSeconds } == 3600)
        #expect(throws: QuipuError.self) { try AgendaTemplate.resolve("Intro:0") }
        #expect(throws: QuipuError.self) { try AgendaTemplate.resolve(":10") }
        #expect(throws: QuipuError.self) { try AgendaTemplate.resolve("no-such-template") }
    }
}
