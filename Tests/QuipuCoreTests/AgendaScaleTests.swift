import Testing
@testable import QuipuCore

/// `quipu new --minutes N`: the room has N minutes, so the agenda gets exactly N, in whole
/// minutes, in proportion; an N the phases cannot share (less than a minute each) is refused.
@Suite struct AgendaScaleTests {
    func minutes(_ phases: [Phase]) -> [Int64] { phases.map { $0.plannedSeconds / 60 } }

    @Test(arguments: [5, 7, 13, 45, 60, 89, 90, 91, 120, 600])
    func theScaledAgendaAddsUpToExactlyTheMinutesAskedFor(total: Int) throws {
        let phases = try AgendaTemplate.resolve("breakout-90", minutes: total)
        #expect(phases.reduce(0) { $0 + $1.plannedSeconds } == Int64(total) * 60, "\(minutes(phases))")
        #expect(phases.allSatisfy { $0.plannedSeconds >= 60 && $0.plannedSeconds % 60 == 0 }, "\(minutes(phases))")
        #expect(phases.map(\.name) == AgendaTemplate.templates["breakout-90"]!.map(\.name))
    }

    @Test func theProportionsAreKept() throws {
        #expect(minutes(try AgendaTemplate.resolve("breakout-90", minutes: 60)) == [7, 17, 17, 13, 6])
        #expect(minutes(try AgendaTemplate.resolve("breakout-90", minutes: 180)) == [20, 50, 50, 40, 20])
        #expect(minutes(try AgendaTemplate.resolve("Intro:10,Discuss:30,Close:5", minutes: 45)) == [10, 30, 5])
    }

    @Test func fewerMinutesThanPhasesAreRefusedSayingWhatTheAgendaAddsUpTo() throws {
        #expect(throws: QuipuError("--minutes 2 is too short for this agenda: its 5 phases add up to 90 minutes, and each needs at least one (give --minutes 5 or more, or a shorter agenda)")) {
            try AgendaTemplate.resolve("breakout-90", minutes: 2)
        }
        #expect(minutes(try AgendaTemplate.resolve("breakout-90", minutes: 5)) == [1, 1, 1, 1, 1])
    }
}
