// Running the clock: start, pause, resume, move between phases, extend the current one.
// Extending the session, respreading the agenda and warnings are in ClockPlan.swift.

extension SessionLog {
    /// Starting, pausing and resuming the clock, moving between phases, adjusting the current one.
    func decideClock(_ command: Command) throws(QuipuError) -> [Change] {
        let s = state
        switch command {
        case .toggleTimer:
            switch s.clock.state {
            case .idle: return try decide(.startTimer)
            case .running: return [.timerPaused]
            case .paused: return [.timerResumed]
            case .finished: throw QuipuError("the clock has finished; go back a phase (N) to run it again")
            }
        case .startTimer:
            switch s.clock.state {
            case .idle:
                guard !s.agenda.isEmpty else { throw QuipuError("the session has no agenda") }
                return [.timerStarted]
            case .paused: return [.timerResumed]
            case .running: throw QuipuError("the clock is already running")
            case .finished: throw QuipuError("the clock has finished; go back a phase to run it again")
            }
        case .pauseTimer:
            guard s.clock.state == .running else { throw QuipuError("the clock is not running") }
            return [.timerPaused]
        case .resumeTimer:
            guard s.clock.state == .paused else {
                throw s.clock.state == .idle ? QuipuError("the clock has not started; start it first") : QuipuError("the clock is not paused")
            }
            return [.timerResumed]
        case .nextPhase:
            let current = s.clock.phase ?? 0
            guard s.clock.state != .finished else { throw QuipuError("the clock has finished: there is no next phase") }
            return [.phaseChanged(to: current + 1)]
        case .previousPhase:
            // Back from the end: the room is still talking, so the clock runs again at once.
            if s.clock.state == .finished { return [.phaseChanged(to: s.agenda.count - 1), .timerResumed] }
            guard let current = s.clock.phase, current > 0 else { throw QuipuError("this is the first phase") }
            return [.phaseChanged(to: current - 1)]
        case let .goToPhase(index):
            guard s.agenda.indices.contains(index) else {
                throw QuipuError("there is no phase {n}; the agenda has {count}", ["n": .number(index + 1), "count": .number(s.agenda.count)])
            }
            return [.phaseChanged(to: index)]
        case let .adjustPhase(seconds, chosen):
            let current = s.clock.phase ?? 0
            let index = chosen ?? current
            guard s.agenda.indices.contains(index) else {
                if chosen == nil { throw QuipuError("the session has no agenda") }
                throw QuipuError("there is no phase {n}; the agenda has {count}", ["n": .number(index + 1), "count": .number(s.agenda.count)])
            }
            guard s.clock.state != .finished else { throw QuipuError("the clock has finished") }
            guard index >= current else {
                throw QuipuError("phase {n}, {name}, is done: its minutes are what it took", ["n": .number(index + 1), "name": .text(s.agenda[index].name)])
            }
            let planned = s.agenda[index].plannedSeconds
            if seconds < 0, planned + seconds < 60 {
                throw QuipuError("{name} cannot be shorter than one minute", ["name": .text(s.agenda[index].name)])
            }
            guard seconds != 0 else { throw QuipuError("extend by a non-zero number of minutes") }
            return [.phaseAdjusted(phase: index, seconds: seconds)]
        default:
            preconditionFailure("decide routes only clock commands here")
        }
    }
}
