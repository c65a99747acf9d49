// Re-planning and warnings for the breakout clock: extending the session, re-spreading the
// remaining phases over the remaining time, and the 5-, 1- and 10-minute warnings.

/// A clock warning. Each fires once (per phase for the phase warnings, once per session for
/// the session warning), with a bell, a flash, colour and always words.
public enum ClockWarning: String, CaseIterable, Comparable, Sendable {
    case phase5 = "phase-5"
    case phase1 = "phase-1"
    case session10 = "session-10"

    /// The words the screen shows: never colour alone.
    public var words: String { wordsMessage.english }

    /// `words`, for each language to say.
    public var wordsMessage: Message {
        switch self {
        case .phase5: Message("5 MIN LEFT")
        case .phase1: Message("1 MIN LEFT")
        case .session10: Message("10 MIN LEFT IN SESSION")
        }
    }

    /// What the warning watches fall to this many milliseconds.
    public var thresholdMilliseconds: Int64 {
        switch self {
        case .phase5: 300_000
        case .phase1: 60_000
        case .session10: 600_000
        }
    }

    /// The `warningsGiven` key: the phase warnings once per phase, the session warning once.
    public func key(phase: Int) -> String {
        self == .session10 ? rawValue : "\(rawValue)@\(phase)"
    }

    /// `5`, `1`, `10`, or the journal name, as typed on the command line.
    public init?(loose text: String) {
        switch text.lowercased() {
        case "5", "phase-5", "5-min": self = .phase5
        case "1", "phase-1", "1-min": self = .phase1
        case "10", "session-10", "session": self = .session10
        default: return nil
        }
    }

    public static func < (a: ClockWarning, b: ClockWarning) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

extension Session {
    /// The warnings whose moment has come at `now` and that have not been given: a threshold
    /// crossed in the current phase (or in the session), also while nobody had Quipu open.
    /// Switched-off warnings, an idle or finished clock, and an already overrun phase give none.
    /// A phase planned no longer than a threshold does not warn at its start.
    public func dueWarnings(at now: Timestamp) -> [ClockWarning] {
        guard clock.state == .running || clock.state == .paused, let phase = clock.phase,
              agenda.indices.contains(phase) else { return [] }
        let r = clockReading(at: now)
        var due: [ClockWarning] = []
        for w in ClockWarning.allCases where !clock.warningsOff.contains(w) && !clock.warningsGiven.contains(w.key(phase: phase)) {
            let (left, planned) = w == .session10
                ? (r.sessionRemainingMilliseconds, r.totalMilliseconds)
                : (r.phaseRemainingMilliseconds, agenda[phase].plannedSeconds * 1000)
            // Under a second left is time up, not a warning (a re-spread can end a phase now).
            if left >= 1000, left <= w.thresholdMilliseconds, planned > w.thresholdMilliseconds { due.append(w) }
        }
        return due
    }

    /// The warnings the clock is within at `now` (switched on; given or not): what the header
    /// and the projector spell out while they last. At most one phase warning (the more urgent)
    /// and the session warning.
    public func activeWarnings(at now: Timestamp) -> [ClockWarning] {
        guard clock.state == .running || clock.state == .paused, let phase = clock.phase,
              agenda.indices.contains(phase) else { return [] }
        let r = clockReading(at: now)
        var active: [ClockWarning] = []
        for w in [ClockWarning.phase1, .phase5] where !clock.warningsOff.contains(w) {
            let left = r.phaseRemainingMilliseconds
            if left >= 1000, left <= w.thresholdMilliseconds, agenda[phase].plannedSeconds * 1000 > w.thresholdMilliseconds {
                active.append(w)
                break
            }
        }
        let left = r.sessionRemainingMilliseconds
        if !clock.warningsOff.contains(.session10), left > 0, left <= ClockWarning.session10.thresholdMilliseconds {
            active.append(.session10)
        }
        return active
    }

    /// New planned seconds for the current phase and every later one, so that, run as
    /// planned from `now`, they end exactly when the session's budget ends. The time left is
    /// shared in proportion to what each phase has left of its plan (an overrun current phase
    /// has nothing left and ends now); later phases get whole minutes and the last takes the
    /// rounding. The session's budget does not move.
    public func respreadPlan(at now: Timestamp) throws(QuipuError) -> (from: Int, seconds: [Int64]) {
        switch clock.state {
        case .idle: throw QuipuError("the clock has not started; there is nothing to re-spread yet")
        case .finished: throw QuipuError("the clock has finished; there is nothing left to re-spread")
        case .running, .paused: break
        }
        guard let current = clock.phase, agenda.indices.contains(current) else {
            throw QuipuError("the session has no agenda")
        }
        let r = clockReading(at: now)
        let left = r.sessionRemainingMilliseconds
        guard left >= 60_000 else {
            throw QuipuError("the session's time is used up; extend the session first (extend-session MIN)")
        }
        guard r.behindMilliseconds / 1000 != 0 else { throw QuipuError("the session is on plan; there is nothing to re-spread") }
        let indices = Array(current..<agenda.count)
        let weights = indices.map { max(0, agenda[$0].plannedSeconds * 1000 - r.phases[$0].actualMilliseconds) }
        let weight = weights.reduce(0, +)
        guard weight > 0 else { throw QuipuError("no phase has planned time left to re-spread") }
        let actual = indices.map { r.phases[$0].actualMilliseconds }
        let target = (actual.reduce(0, +) + left) / 1000
        var seconds: [Int64] = []
        // Whole minutes, as a facilitator reads and announces them; what rounding leaves over
        // stays in the session's budget (the offset), so the session still ends when it did.
        func minutes(_ s: Int64) -> Int64 { (s + 30) / 60 * 60 }
        for (k, i) in indices.enumerated() {
            let ran = (actual[k] + 999) / 1000
            if k == indices.count - 1 {
                seconds.append(minutes(target - seconds.reduce(0, +)))
            } else {
                let share = (left * weights[k] / weight + 30_000) / 60_000 * 60
                seconds.append(max((ran + 59) / 60 * 60, minutes(ran + share)))
            }
            let planned = seconds[k]
            if i > current, planned - (actual[k] + 999) / 1000 < 60 {
                let laterCount = agenda.count - current - 1
                throw QuipuError("only {time} are left for {n} phases: too little to re-spread; extend the session or skip a phase", ["time": .text(clockText(seconds: left / 1000)), "n": .number(laterCount + 1)])
            }
            if planned <= 0 { throw QuipuError("too little time is left to re-spread") }
        }
        return (current, seconds)
    }
}

extension SessionLog {
    func decideClockPlan(_ command: Command) throws(QuipuError) -> [Change] {
        let s = state
        switch command {
        case let .extendSession(seconds):
            guard let last = s.agenda.indices.last else { throw QuipuError("the session has no agenda") }
            guard s.clock.state != .finished else { throw QuipuError("the clock has finished; go back a phase to run it again") }
            guard seconds != 0 else { throw QuipuError("extend the session by a non-zero number of minutes") }
            if s.agenda[last].plannedSeconds + seconds < 60 {
                throw QuipuError("the session can lose at most {minutes} min: its last phase, {name}, cannot be shorter than one minute", ["minutes": .number(Int((s.agenda[last].plannedSeconds - 60) / 60)), "name": .text(s.agenda[last].name)])
            }
            return [.phaseAdjusted(phase: last, seconds: seconds)]
        case let .respread(now):
            let plan = try s.respreadPlan(at: now)
            return [.agendaRespread(from: plan.from, seconds: plan.seconds)]
        case let .applyRespread(from, seconds):
            guard s.clock.phase == from, s.clock.state != .finished, seconds.count == s.agenda.count - from else {
                throw QuipuError("the clock or the agenda changed since the re-spread was offered; press s again")
            }
            guard seconds.allSatisfy({ $0 >= 60 }) else { throw QuipuError("a phase cannot be planned for less than one minute") }
            return [.agendaRespread(from: from, seconds: seconds)]
        case let .switchWarning(warning, on):
            let kinds = warning.map { [$0] } ?? ClockWarning.allCases
            let changes = kinds.filter { s.clock.warningsOff.contains($0) == on }.map { Change.warningSwitched($0, on: on) }
            guard !changes.isEmpty else {
                switch (warning, on) {
                case let (warning?, true): throw QuipuError("the {warning} warning is already on", ["warning": .message(warning.wordsMessage)])
                case let (warning?, false): throw QuipuError("the {warning} warning is already off", ["warning": .message(warning.wordsMessage)])
                case (nil, true): throw QuipuError("all warnings are already on")
                case (nil, false): throw QuipuError("all warnings are already off")
                }
            }
            return changes
        case let .acknowledgeWarnings(warnings, phase):
            return warnings.filter { !s.clock.warningsGiven.contains($0.key(phase: phase)) }
                .map { Change.warningGiven($0, phase: phase) }
        default:
            return []
        }
    }
}

extension Session {
    mutating func evolveClockPlan(_ change: Change) {
        switch change {
        case let .agendaRespread(from, seconds):
            guard from >= 0, from + seconds.count <= agenda.count else { break }
            for (k, value) in seconds.enumerated() {
                let i = from + k
                let planned = max(1, value)
                clock.budgetOffsetSeconds += agenda[i].plannedSeconds - planned
                agenda[i].plannedSeconds = planned
            }
        case let .warningSwitched(warning, on):
            if on { clock.warningsOff.remove(warning) } else { clock.warningsOff.insert(warning) }
        case let .warningGiven(warning, phase):
            clock.warningsGiven.insert(warning.key(phase: phase))
        default:
            break
        }
    }
}
