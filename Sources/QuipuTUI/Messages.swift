import QuipuCore

/// What the status line says once appended events are durable: `saved I3`, `clock paused`,
/// `undid: saved I3`. `log` is the session after the events, to name people and undone changes.
public func savedMessage(for events: [Event], in log: SessionLog) -> String {
    let s = log.state
    func describe(_ change: Change) -> String {
        switch change {
        case .sessionCreated(let title, _, _, _, _): return "created \(title)"
        case .timerStarted: return "clock started"
        case .timerPaused: return "clock paused"
        case .timerResumed: return "clock resumed"
        case .phaseChanged(let to):
            return to < s.agenda.count ? "phase \(to + 1): \(s.agenda[to].name)" : "clock finished: all phases done"
        case .phaseAdjusted(_, let seconds):
            return seconds > 0 ? "phase extended by \(seconds / 60) min" : "phase shortened by \(-seconds / 60) min"
        case .participantAdded(let p): return "saved \(p.id) \(p.name)"
        case .participantUpdated(let id, let present, let observer):
            let what = [present.map { $0 ? "present" : "absent" }, observer.map { $0 ? "observer" : "member" }]
                .compactMap { $0 }.joined(separator: ", ")
            return "\(s.displayName(id)): \(what)"
        case .ideaAdded(let idea): return "saved \(idea.id)"
        case .ideaEdited(let id, _): return "saved \(id)"
        case .ideaWithdrawn(let id): return "withdrew \(id)"
        case .voteOpened(let v):
            return "opened \(v.id) on \(v.candidates.count) candidates; \(v.eligible.count) members may vote"
        case .ballotCast(let vote, let ballot): return "saved \(s.displayName(ballot.by))'s ballot in \(vote)"
        case .voteClosed(let id): return "closed \(id)"
        case .roleAssigned(let r): return "\(s.displayName(r.holder)) is \(r.role)"
        case .actionAdded(let a): return "saved \(a.id)"
        case .actionStatusChanged(let id, let status): return "\(id) \(status.rawValue)"
        case .sessionClosed: return "session closed (read-only; R reopens)"
        case .sessionReopened: return "session reopened"
        case .undo(let target):
            guard let undone = log.event(target) else { return "undone" }
            return (log.cancelled.contains(target) ? "undid: " : "redid: ") + describe(undone.change)
        case .unknown(let record): return "saved \(record.kind)"
        }
    }
    return events.map { describe($0.change) }.joined(separator: "; ")
}
