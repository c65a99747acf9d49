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
        case .participantEdited(let id, _, _, _, _): return "saved \(id) \(s.displayName(id))"
        case .participantRemoved(let id): return "removed \(id) \(s.displayName(id)) from the roster"
        case .ideaLinked(let id, let area): return area.map { "linked \(id) to \($0)" } ?? "unlinked \(id)"
        case .ideaMerged(let id, let into): return "merged \(id) into \(into)"
        case .roleUnassigned(let r): return "\(s.displayName(r.holder)) is no longer \(r.role)"
        case .actionEdited(let a): return "saved \(a.id)"
        case .actionCarried(let a): return "carried over \(a.id) from \(a.carriedFrom ?? "an earlier session")"
        case .voteOpened(let v):
            return "opened \(v.id) on \(v.candidates.count) candidates; \(v.eligible.count) members may vote"
        case .ballotCast(let vote, let ballot):
            guard BallotKey.isToken(ballot.by) else { return "saved \(s.displayName(ballot.by))'s ballot in \(vote)" }
            return "saved an anonymous ballot in \(vote)" + (s.vote(vote).map { ": \($0.ballots.count) cast so far" } ?? "")
        case .voteClosed(let id, _): return "closed \(id)"
        case .handsTallied(let vote, let tally):
            return "saved the show of hands in \(vote)" + (tally.group.map { " (\($0.rawValue))" } ?? "")
        case .roleAssigned(let r): return "\(s.displayName(r.holder)) is \(r.role)"
        case .actionAdded(let a): return "saved \(a.id)"
        case .actionStatusChanged(let id, let status): return "\(id) \(status.rawValue)"
        case .sessionClosed: return "session closed (read-only; R reopens)"
        case .sessionReopened: return "session reopened"
        case .agendaRespread(let from, let seconds):
            return "re-spread phases \(from + 1)–\(from + seconds.count) over the time left"
        case .warningSwitched(let w, let on): return "\(w.words) warning \(on ? "on" : "off")"
        case .warningGiven(let w, let phase):
            return w == .session10 || phase >= s.agenda.count ? w.words : "\(w.words) · \(s.agenda[phase].name)"
        case .undo(let target):
            guard let undone = log.event(target) else { return "undone" }
            return (log.cancelled.contains(target) ? "undid: " : "redid: ") + describe(undone.change)
        case .unknown(let record): return "saved \(record.kind)"
        }
    }
    // Warnings given together (opening after both 5 and 1 minutes passed) say the most urgent.
    let given = events.compactMap { event -> ClockWarning? in
        if case let .warningGiven(w, _) = event.change, w != .session10 { return w }
        return nil
    }
    let shown = events.filter { event in
        guard case let .warningGiven(w, _) = event.change, w != .session10 else { return true }
        return !given.contains { $0.thresholdMilliseconds < w.thresholdMilliseconds }
    }
    return shown.map { describe($0.change) }.joined(separator: "; ")
}

/// A command in words, for a change still waiting to be saved: `add idea "Agua para todos"`.
/// Text is shown as typed (made inert, cut at 60 characters), never as a Swift value.
public func summary(of command: Command) -> String {
    func quoted(_ text: String) -> String {
        let flat = inert(String(text.map { $0.isNewline ? " " : $0 }))
        return "\"" + (flat.count > 60 ? String(flat.prefix(59)) + "…" : flat) + "\""
    }
    switch command {
    case let .addIdea(text, kind, _, _): return "add \(kind.rawValue) \(quoted(text))"
    case let .editIdea(id, text): return "edit \(id) to \(quoted(text))"
    case let .withdrawIdea(id): return "withdraw \(id)"
    case let .addParticipant(name, _, _, _, observer): return "add \(observer ? "observer" : "member") \(quoted(name))"
    case let .castBallot(vote, by, _): return "ballot of \(quoted(by))" + (vote.map { " in \($0)" } ?? "")
    case let .castBallotText(vote, by, words): return "ballot of \(quoted(by)): \(quoted(words.joined(separator: " ")))" + (vote.map { " in \($0)" } ?? "")
    case let .addAction(text, owner, _, _, _): return "add action \(quoted(text)) for \(quoted(owner))"
    case let .editAction(id, text, _, _, _, _): return "edit \(id)" + (text.map { " to \(quoted($0))" } ?? "")
    case let .assignRole(role, holder): return "\(quoted(holder)) as \(quoted(role))"
    case let .unassignRole(role, holder): return "\(quoted(holder)) no longer \(quoted(role))"
    case let .setActionStatus(id, status): return "\(id) \(status.rawValue)"
    default:
        // The case's name in words: `toggleTimer` → "toggle timer".
        let name = Mirror(reflecting: command).children.first?.label ?? String(describing: command)
        var words = ""
        for c in name.prefix { $0 != "(" } {
            if c.isUppercase { words += " " + c.lowercased() } else { words.append(c) }
        }
        return words
    }
}
