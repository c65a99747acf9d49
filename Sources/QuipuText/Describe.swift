// What each change and command says in words: one switch for every layer. The screens' status
// line uses the short wording (`saved I3`, `clock paused`); the command line, the timeline and
// recovery use the record wording, ids first (`I3 "Community water committees" (area)`).
import QuipuCore

public enum Wording: Sendable {
    /// After a save on the screens: short, what the facilitator just did.
    case status
    /// One line of the record, ids first, text quoted.
    case record
}

/// One line saying what a change did. `s` is the session after the change. (An undo in the
/// status wording is put into words by the screens, which know what it undid.)
public func describe(_ change: Change, in s: Session, as wording: Wording = .record) -> String {
    let status = wording == .status
    func quoted(_ text: String) -> String { "\"\(inert(text))\"" }
    func idea(_ id: String) -> String { s.idea(id).map { "\(id) \(quoted($0.text))" } ?? id }
    switch change {
    case let .sessionCreated(title, _, _, _, agenda, _, _):
        return status ? "created \(inert(title))" : "\(s.id) \(quoted(title)) (\(agenda.count) phases)"
    case let .sessionEdited(title, initiative, facilitator, rapporteur, _, _):
        let parts = [title.map { "title \(quoted($0))" }, initiative.map { "initiative \(quoted($0))" },
                     facilitator.map { "facilitator \(quoted($0))" }, rapporteur.map { "rapporteur \(quoted($0))" }]
            .compactMap { $0 }.joined(separator: ", ")
        return status ? "session details saved: \(parts)" : "\(s.id) now has \(parts)"
    case let .phaseRenamed(phase, name, _):
        return "phase \(phase + 1) renamed \(quoted(name))"
    case let .phaseAdded(at, phase):
        return "phase \(at + 1) added: \(quoted(phase.name)), \(phase.plannedSeconds / 60) min"
    case let .phaseRemoved(phase):
        return "phase \(phase + 1) removed; the agenda has \(plural(s.agenda.count, "phase"))"
    case let .phaseMoved(phase, to):
        let name = s.agenda.indices.contains(to) ? " " + quoted(s.agenda[to].name) : ""
        return "phase \(phase + 1)\(name) moved to \(to + 1)"
    case .timerStarted: return "clock started"
    case .timerPaused: return "clock paused"
    case .timerResumed: return "clock resumed"
    case let .phaseChanged(to):
        if to >= s.agenda.count { return status ? "clock finished: all phases done" : "clock finished" }
        return status ? "phase \(to + 1): \(inert(s.agenda[to].name))" : "phase \(to + 1)/\(s.agenda.count) \(inert(s.agenda[to].name))"
    case let .phaseAdjusted(phase, seconds):
        if status {
            let by = "\(seconds > 0 ? "extended" : "shortened") by \(abs(seconds) / 60) min"
            let current = s.clock.phase ?? 0
            // > and < change the session's budget through its last phase: say it is the session.
            // On the last phase the phase and the session end together: both are said.
            if phase == s.agenda.count - 1 {
                return phase == current ? "phase and session \(by)" : "session \(by) (its last phase)"
            }
            return phase == current ? "phase \(by)" : "phase \(phase + 1) \(by)"
        }
        let planned = s.agenda.indices.contains(phase) ? ", now \(clockText(seconds: s.agenda[phase].plannedSeconds))" : ""
        return "phase \(phase + 1) \(seconds > 0 ? "extended" : "shortened") by \(clockText(seconds: abs(seconds)))\(planned)"
    case let .participantAdded(p):
        if status { return "saved \(p.id) \(inert(p.name))" }
        let details = [p.organisation, p.group.rawValue, p.country].filter { !$0.isEmpty }.map(inert)
        return "\(p.id) \(quoted(p.name)) (\(p.observer ? "observer" : "member"), \(details.joined(separator: ", ")))"
    case let .participantUpdated(id, present, observer, _):
        let now = [present.map { $0 ? "present" : "absent" }, observer.map { $0 ? "observer" : "member" }]
            .compactMap { $0 }.joined(separator: ", ")
        return status ? "\(inert(s.displayName(id))): \(now)" : "\(id) \(quoted(s.displayName(id))) now \(now)"
    case let .ideaAdded(i):
        return status ? "saved \(i.id)" : "\(i.id) \(quoted(i.text)) (\(i.kind.rawValue)\(i.area.map { " under \($0)" } ?? ""))"
    case let .ideaEdited(id, text, _): return status ? "saved \(id)" : "\(id) \(quoted(text)) (edited)"
    case let .ideaSet(id, kind, by, _):
        let parts = [kind.map { "now " + withArticle($0.rawValue) }, by.map { $0.isEmpty ? "no proposer" : "by \(inert(s.displayName($0)))" }]
            .compactMap { $0 }.joined(separator: ", ")
        return status ? "saved \(id): \(parts)" : "\(idea(id)) \(parts)"
    case let .ideaWithdrawn(id): return status ? "withdrew \(id)" : "\(idea(id)) withdrawn"
    case let .participantEdited(id, _, _, _, _, _):
        if status { return "saved \(id) \(inert(s.displayName(id)))" }
        let p = s.participant(id)
        let details = [p?.organisation ?? "", p?.group.rawValue ?? "", p?.country ?? ""].filter { !$0.isEmpty }.map(inert)
        return "\(id) \(quoted(s.displayName(id))) (\(details.joined(separator: ", ")))"
    case let .participantRemoved(id):
        return status ? "removed \(id) \(inert(s.displayName(id))) from the roster" : "\(id) \(quoted(s.displayName(id))) removed from the roster"
    case let .ideaLinked(id, area):
        if status { return area.map { "linked \(id) to \($0)" } ?? "unlinked \(id)" }
        return area.map { "\(idea(id)) under \($0)" } ?? "\(idea(id)) unlinked"
    case let .ideaMerged(id, into): return status ? "merged \(id) into \(into)" : "\(id) merged into \(idea(into))"
    case let .roleAssigned(r, _):
        return status ? "\(inert(s.displayName(r.holder))) is \(inert(r.role))" : "\(inert(r.role)): \(who(r.holder, in: s))"
    case let .roleUnassigned(r, _):
        return status ? "\(inert(s.displayName(r.holder))) is no longer \(inert(r.role))" : "\(inert(r.role)): \(who(r.holder, in: s)) no longer"
    case let .actionAdded(a):
        if status { return "saved \(a.id)" }
        return "\(a.id) \(quoted(a.text)) owner \(who(a.owner, in: s))"
            + (a.due.map { ", due \(inert($0))" } ?? "") + (a.idea.map { ", for \($0)" } ?? "")
    case let .actionEdited(a, _), let .actionCarried(a):
        if status {
            if case .actionCarried = change { return "carried over \(a.id) from \(inert(a.carriedFrom ?? "an earlier session"))" }
            return "saved \(a.id)"
        }
        return "\(a.id) \(quoted(a.text)) owner \(who(a.owner, in: s))"
            + (a.due.map { ", due \(inert($0))" } ?? "") + (a.idea.map { ", for \($0)" } ?? "")
            + (a.supporters.isEmpty ? "" : ", with " + a.supporters.map { who($0, in: s) }.joined(separator: ", "))
            + (a.carriedFrom.map { ", carried over from \(inert($0))" } ?? "")
    case let .actionStatusChanged(id, state, _):
        return "\(id) \(state.rawValue)" + (status ? "" : s.action(id).map { " \(quoted($0.text))" } ?? "")
    case let .voteOpened(v):
        if status { return "opened \(v.id) on \(v.candidates.count) candidates; \(v.eligible.count) members may vote" }
        let options = v.optionsText
        return "\(v.id) \(v.method.title) open on \(v.candidates.joined(separator: ", ")): "
            + (options.isEmpty ? "" : options + ", ") + "\(plural(v.eligible.count, "member")) eligible"
    case let .ballotCast(vote, ballot):
        let v = s.vote(vote)
        // A sealed ballot names no one; who voted is on the close.
        if BallotKey.isToken(ballot.by) {
            if status { return "saved an anonymous ballot in \(vote)" + (v.map { ": \($0.ballots.count) cast so far" } ?? "") }
            return "\(vote) anonymous ballot" + (ballot.binding ? "" : " (non-binding)")
        }
        if status { return "saved \(inert(s.displayName(ballot.by)))'s ballot in \(vote)" }
        let voter = "\(vote) ballot from \(ballot.by) \(quoted(s.displayName(ballot.by)))" + (ballot.binding ? "" : " (non-binding)")
        // An anonymous vote records that a member voted, never shows how.
        if v?.anonymous == true { return voter + " (anonymous)" }
        return voter + ": " + ballotText(ballot, method: v?.method ?? .dot)
    case let .voteClosed(id, voters, _):
        guard !status, let voters else { return status ? "closed \(id)" : "\(id) closed" }
        return "\(id) closed; voted: " + (voters.isEmpty ? "nobody" : voters.map { who($0, in: s) }.joined(separator: ", "))
    case let .handsTallied(vote, tally):
        let group = tally.group.map { " (\($0.rawValue))" } ?? ""
        if status { return "saved the show of hands in \(vote)" + group }
        return "\(vote) show of hands" + group + ": " + tally.counts.map { "\($0.idea)=\($0.points)" }.joined(separator: " ")
    case let .ballotRemoved(vote, by):
        let name = inert(s.displayName(by))
        return status ? "removed \(name)'s ballot from \(vote)" : "\(vote) ballot from \(by) \(quoted(s.displayName(by))) removed"
    case let .lateBallotAccepted(vote, _):
        return status ? "a late ballot in \(vote) counted" : "\(vote) late ballot counted by the facilitator"
    case let .tieDecided(vote, id, reason):
        return status ? "the tie in \(vote) decided for \(id)"
                      : "\(vote) tie decided by the facilitator for \(idea(id)): \(quoted(reason))"
    case .sessionClosed: return status ? "session closed (read-only; R reopens)" : "\(s.id) closed"
    case .sessionReopened: return status ? "session reopened" : "\(s.id) reopened"
    case let .agendaRespread(from, seconds):
        return "re-spread phases \(from + 1)–\(from + seconds.count)"
            + (status ? " over the time left" : ": " + seconds.map { clockText(seconds: $0) }.joined(separator: ", "))
    case let .warningSwitched(w, on): return "\(w.words) warning \(on ? "on" : "off")"
    case let .warningGiven(w, phase):
        if !status { return "\(w.words) given in phase \(phase + 1)" }
        return w == .session10 || phase >= s.agenda.count ? w.words : "\(w.words) · \(inert(s.agenda[phase].name))"
    case let .undo(target): return status ? "undone" : "undo of \(target)"
    case let .writerJoined(name): return status ? "\(inert(name)) is at the keys" : "\(quoted(name)) is at the keys"
    case let .unknown(record): return status ? "saved \(inert(record.kind))" : inert(record.kind)
    }
}

/// `P3 María Quispe Mamani`, or the text itself for an organisation.
public func who(_ id: String, in s: Session) -> String {
    s.participant(id).map { "\($0.id) \(inert($0.name))" }
        ?? (s.displayName(id) == id ? inert(id) : "\(id) \(inert(s.displayName(id)))")
}

/// A ballot as its method reads: `I3:2 I1:1`, `I1 I4`, `I1=5 I2=3`, `I4 > I1 > I2`.
public func ballotText(_ ballot: Ballot, method: VoteMethod) -> String {
    switch method {
    case .dot: return ballot.choices.map { "\($0.idea):\($0.points)" }.joined(separator: " ")
    case .approval: return ballot.choices.map(\.idea).joined(separator: " ")
    case .score: return ballot.choices.map { "\($0.idea)=\($0.points)" }.joined(separator: " ")
    case .borda, .irv, .schulze:
        return ballot.choices.sorted { $0.points < $1.points }.map(\.idea).joined(separator: " > ")
    }
}

/// A command in words, for a change still waiting to be saved: `add idea "Agua para todos"`.
/// Text is shown as typed (made inert, cut at 60 characters), never as a Swift value.
public func describe(_ command: Command) -> String {
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
    case let .batch(commands):
        return commands.count == 1 ? describe(commands[0])
            : "\(commands.count) changes at once: " + commands.prefix(3).map(describe).joined(separator: "; ")
            + (commands.count > 3 ? "; …" : "")
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
