/// The breakout clock, anchored to the wall: it is a record of when the room ran which phase,
/// so the remaining time at any moment is a pure function of the events and that moment — it
/// keeps counting while Quipu is closed or crashed, because the room did not stop.
public struct SessionClock: Equatable, Sendable {
    public enum State: String, Sendable { case idle, running, paused, finished }

    public var state: State = .idle
    /// The current phase (0-based), nil before the clock first starts.
    public var phase: Int?
    /// When the current running stretch began; nil unless running.
    public var runningSince: Timestamp?
    /// Time run so far in each phase, not counting the current running stretch.
    public var elapsedMilliseconds: [Int64] = []
    /// Added to the sum of the phases' planned time to give the session's budget. A re-spread
    /// moves planned time between phases without moving the session's end, and records the
    /// difference here (see `agenda.respread` in docs/FORMAT.md).
    public var budgetOffsetSeconds: Int64 = 0
    /// Warnings switched off for this session.
    public var warningsOff: Set<ClockWarning> = []
    /// Warnings already given, as `ClockWarning.key(phase:)`: each fires once.
    public var warningsGiven: Set<String> = []

    public init() {}

    mutating func ensureCapacity(_ phases: Int) {
        if elapsedMilliseconds.count < phases {
            elapsedMilliseconds += Array(repeating: 0, count: phases - elapsedMilliseconds.count)
        }
    }

    /// Banks the running stretch up to `at` into the current phase.
    mutating func bank(at: Timestamp) {
        guard state == .running, let since = runningSince, let phase else { return }
        ensureCapacity(phase + 1)
        elapsedMilliseconds[phase] += max(0, at.milliseconds - since.milliseconds)
        runningSince = at
    }

    func elapsed(phase index: Int, at now: Timestamp) -> Int64 {
        var ms = index < elapsedMilliseconds.count ? elapsedMilliseconds[index] : 0
        if state == .running, index == phase, let since = runningSince {
            ms += max(0, now.milliseconds - since.milliseconds)
        }
        return ms
    }
}

/// What the clock shows at one moment.
public struct ClockReading: Equatable, Sendable {
    public var state: SessionClock.State
    public var phase: Int?
    public var phaseName: String?
    public var nextPhaseName: String?
    /// Negative when the phase has overrun.
    public var phaseRemainingMilliseconds: Int64
    /// Negative when the session has overrun.
    public var sessionRemainingMilliseconds: Int64
    public var totalMilliseconds: Int64
    public var elapsedMilliseconds: Int64
    public var phases: [PhaseReading]
    /// How far behind plan the session is: where the agenda, run as planned from here, would
    /// end, minus the session's budgeted end. Negative when ahead. Phases already left count
    /// their actual time; the current and later phases count the larger of planned and actual.
    public var behindMilliseconds: Int64 = 0
    public var behindSeconds: Int64 { behindMilliseconds / 1000 }

    public struct PhaseReading: Equatable, Sendable {
        public var name: String
        public var plannedSeconds: Int64
        public var actualMilliseconds: Int64
        public var actualSeconds: Int64 { actualMilliseconds / 1000 }
    }

    /// Whole seconds as a person reads a countdown: 59.4 s left shows as 01:00 … 00:01, then 00:00
    /// exactly when time is up; past that, the overrun counts up from +00:01.
    public static func displaySeconds(_ ms: Int64) -> Int64 {
        ms >= 0 ? (ms + 999) / 1000 : ms / 1000
    }

    public var phaseRemainingSeconds: Int64 { ClockReading.displaySeconds(phaseRemainingMilliseconds) }
    public var sessionRemainingSeconds: Int64 { ClockReading.displaySeconds(sessionRemainingMilliseconds) }
    public var totalSeconds: Int64 { totalMilliseconds / 1000 }

    /// 0…1 of the session's planned time used.
    public var progress: Double {
        guard totalMilliseconds > 0 else { return 0 }
        return min(1, max(0, Double(elapsedMilliseconds) / Double(totalMilliseconds)))
    }
}

extension Session {
    /// Reads the clock at `now`.
    public func clockReading(at now: Timestamp) -> ClockReading {
        let phases = agenda.enumerated().map { index, phase in
            ClockReading.PhaseReading(name: phase.name, plannedSeconds: phase.plannedSeconds,
                                      actualMilliseconds: clock.elapsed(phase: index, at: now))
        }
        let total = agenda.reduce(0) { $0 + $1.plannedSeconds * 1000 } + clock.budgetOffsetSeconds * 1000
        let elapsed = phases.reduce(0) { $0 + $1.actualMilliseconds }
        var phaseRemaining: Int64 = 0
        var name: String?
        var next: String?
        if let index = clock.phase, index < agenda.count {
            phaseRemaining = agenda[index].plannedSeconds * 1000 - phases[index].actualMilliseconds
            name = agenda[index].name
            next = index + 1 < agenda.count ? agenda[index + 1].name : nil
        } else if clock.phase == nil, let first = agenda.first {
            phaseRemaining = first.plannedSeconds * 1000
            name = first.name
            next = agenda.count > 1 ? agenda[1].name : nil
        }
        let current = clock.state == .finished ? agenda.count : clock.phase ?? 0
        var projected: Int64 = 0
        for (index, p) in phases.enumerated() {
            projected += index < current ? p.actualMilliseconds : max(p.plannedSeconds * 1000, p.actualMilliseconds)
        }
        return ClockReading(state: clock.state, phase: clock.phase, phaseName: name, nextPhaseName: next,
                            phaseRemainingMilliseconds: phaseRemaining,
                            sessionRemainingMilliseconds: total - elapsed,
                            totalMilliseconds: total, elapsedMilliseconds: elapsed, phases: phases,
                            behindMilliseconds: projected - total)
    }
}
