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

/// One line saying what a change did, in the current language. `s` is the session after the
/// change. (An undo in the status wording is put into words by the screens, which know what it
/// undid.)
public func describe(_ change: Change, in s: Session, as wording: Wording = .record) -> String {
    let status = wording == .status
    let comma = tr(", ", context: "between items of a list")
    func quoted(_ text: String) -> String { "\"\(inert(text))\"" }
    func idea(_ id: String) -> String { s.idea(id).map { "\(id) \(quoted($0.text))" } ?? id }
    func member(_ observer: Bool) -> String { observer ? tr("observer", context: "a participant") : tr("member", context: "a participant") }
    switch change {
    case let .sessionCreated(title, _, _, _, agenda, _, _):
        return status ? tr("created {title}", ["title": inert(title)])
            : trn("{session} {title} ({n} phase)", "{session} {title} ({n} phases)", count: agenda.count,
                  ["session": s.id, "title": quoted(title)])
    case let .sessionEdited(title, initiative, facilitator, rapporteur, _, _):
        let parts = [title.map { tr("title {value}", ["value": quoted($0)]) },
                     initiative.map { tr("initiative {value}", ["value": quoted($0)]) },
                     facilitator.map { tr("facilitator {value}", ["value": quoted($0)]) },
                     rapporteur.map { tr("rapporteur {value}", ["value": quoted($0)]) }]
            .compactMap { $0 }.joined(separator: comma)
        return status ? tr("session details saved: {details}", ["details": parts])
            : tr("{session} now has {details}", ["session": s.id, "details": parts])
    case let .phaseRenamed(phase, name, _):
        return tr("phase {n} renamed {name}", ["n": phase + 1, "name": quoted(name)])
    case let .phaseAdded(at, phase):
        return tr("phase {n} added: {name}, {minutes} min", ["n": at + 1, "name": quoted(phase.name), "minutes": Int(phase.plannedSeconds / 60)])
    case let .phaseRemoved(phase):
        return trn("phase {removed} removed; the agenda has {n} phase", "phase {removed} removed; the agenda has {n} phases",
                   count: s.agenda.count, ["removed": phase + 1])
    case let .phaseMoved(phase, to):
        guard s.agenda.indices.contains(to) else { return tr("phase {n} moved to {to}", ["n": phase + 1, "to": to + 1]) }
        return tr("phase {n} {name} moved to {to}", ["n": phase + 1, "name": quoted(s.agenda[to].name), "to": to + 1])
    case .timerStarted: return tr("clock started")
    case .timerPaused: return tr("clock paused")
    case .timerResumed: return tr("clock resumed")
    case let .phaseChanged(to):
        if to >= s.agenda.count { return status ? tr("clock finished: all phases done") : tr("clock finished") }
        return status ? tr("phase {n}: {name}", ["n": to + 1, "name": inert(s.agenda[to].name)])
            : tr("phase {n}/{phases} {name}", ["n": to + 1, "phases": s.agenda.count, "name": inert(s.agenda[to].name)])
    case let .phaseAdjusted(phase, seconds):
        let longer = seconds > 0
        if status {
            let minutes = Int(abs(seconds) / 60)
            let current = s.clock.phase ?? 0
            // > and < change the session's budget through its last phase: say it is the session.
            // On the last phase the phase and the session end together: both are said.
            if phase == s.agenda.count - 1 {
                if phase == current {
                    return longer ? tr("phase and session extended by {minutes} min", ["minutes": minutes])
                        : tr("phase and session shortened by {minutes} min", ["minutes": minutes])
                }
                return longer ? tr("session extended by {minutes} min (its last phase)", ["minutes": minutes])
                    : tr("session shortened by {minutes} min (its last phase)", ["minutes": minutes])
            }
            if phase == current {
                return longer ? tr("phase extended by {minutes} min", ["minutes": minutes])
                    : tr("phase shortened by {minutes} min", ["minutes": minutes])
            }
            return longer ? tr("phase {n} extended by {minutes} min", ["n": phase + 1, "minutes": minutes])
                : tr("phase {n} shortened by {minutes} min", ["n": phase + 1, "minutes": minutes])
        }
        let by = clockText(seconds: abs(seconds))
        guard s.agenda.indices.contains(phase) else {
            return longer ? tr("phase {n} extended by {time}", ["n": phase + 1, "time": by])
                : tr("phase {n} shortened by {time}", ["n": phase + 1, "time": by])
        }
        let now = clockText(seconds: s.agenda[phase].plannedSeconds)
        return longer ? tr("phase {n} extended by {time}, now {planned}", ["n": phase + 1, "time": by, "planned": now])
            : tr("phase {n} shortened by {time}, now {planned}", ["n": phase + 1, "time": by, "planned": now])
    case let .participantAdded(p):
        if status { return tr("saved {id} {name}", ["id": p.id, "name": inert(p.name)]) }
        let details = [p.organisation, p.group.name.localized, p.country].filter { !$0.isEmpty }.map(inert)
        return "\(p.id) \(quoted(p.name)) (" + ([member(p.observer)] + details).joined(separator: comma) + ")"
    case let .participantUpdated(id, present, observer, _):
        let now = [present.map { $0 ? tr("present", context: "a participant") : tr("absent", context: "a participant") },
                   observer.map(member)]
            .compactMap { $0 }.joined(separator: comma)
        return status ? tr("{name}: {state}", ["name": inert(s.displayName(id)), "state": now], context: "a participant's new state")
            : tr("{id} {name} now {state}", ["id": id, "name": quoted(s.displayName(id)), "state": now])
    case let .ideaAdded(i):
        if status { return tr("saved {id}", ["id": i.id]) }
        guard let area = i.area else { return "\(i.id) \(quoted(i.text)) (\(kindWord(i.kind)))" }
        return "\(i.id) \(quoted(i.text)) (" + tr("{kind} under {area}", ["kind": kindWord(i.kind), "area": area]) + ")"
    case let .ideaEdited(id, text, _):
        return status ? tr("saved {id}", ["id": id]) : tr("{id} {text} (edited)", ["id": id, "text": quoted(text)])
    case let .ideaSet(id, kind, by, _):
        let parts = [kind.map(nowKind),
                     by.map { $0.isEmpty ? tr("no proposer") : tr("by {name}", ["name": inert(s.displayName($0))], context: "a proposer") }]
            .compactMap { $0 }.joined(separator: comma)
        return status ? tr("saved {id}: {changes}", ["id": id, "changes": parts]) : "\(idea(id)) \(parts)"
    case let .ideaWithdrawn(id):
        return status ? tr("withdrew {id}", ["id": id]) : tr("{idea} withdrawn", ["idea": idea(id)])
    case let .participantEdited(id, _, _, _, _, _):
        if status { return tr("saved {id} {name}", ["id": id, "name": inert(s.displayName(id))]) }
        let p = s.participant(id)
        let details = [p?.organisation ?? "", p?.group.name.localized ?? "", p?.country ?? ""].filter { !$0.isEmpty }.map(inert)
        return "\(id) \(quoted(s.displayName(id))) (\(details.joined(separator: comma)))"
    case let .participantRemoved(id):
        return status ? tr("removed {id} {name} from the roster", ["id": id, "name": inert(s.displayName(id))])
            : tr("{id} {name} removed from the roster", ["id": id, "name": quoted(s.displayName(id))])
    case let .ideaLinked(id, area):
        if status {
            return area.map { tr("linked {id} to {area}", ["id": id, "area": $0]) } ?? tr("unlinked {id}", ["id": id])
        }
        return area.map { tr("{idea} under {area}", ["idea": idea(id), "area": $0]) } ?? tr("{idea} unlinked", ["idea": idea(id)])
    case let .ideaMerged(id, into):
        return status ? tr("merged {id} into {into}", ["id": id, "into": into])
            : tr("{id} merged into {idea}", ["id": id, "idea": idea(into)])
    case let .roleAssigned(r, _):
        return status ? tr("{name} is {role}", ["name": inert(s.displayName(r.holder)), "role": inert(r.role)])
            : tr("{role}: {who}", ["role": inert(r.role), "who": who(r.holder, in: s)], context: "a role and its holder")
    case let .roleUnassigned(r, _):
        return status ? tr("{name} is no longer {role}", ["name": inert(s.displayName(r.holder)), "role": inert(r.role)])
            : tr("{role}: {who} no longer", ["role": inert(r.role), "who": who(r.holder, in: s)])
    case let .actionAdded(a):
        if status { return tr("saved {id}", ["id": a.id]) }
        return actionLine(a, in: s, full: false)
    case let .actionEdited(a, _), let .actionCarried(a):
        if status {
            if case .actionCarried = change {
                return a.carriedFrom.map { tr("carried over {id} from {session}", ["id": a.id, "session": inert($0)]) }
                    ?? tr("carried over {id} from an earlier session", ["id": a.id])
            }
            return tr("saved {id}", ["id": a.id])
        }
        return actionLine(a, in: s, full: true)
    case let .actionStatusChanged(id, state, _):
        let text = status ? nil : s.action(id).map { quoted($0.text) }
        return text.map { tr("{id} {status} {text}", ["id": id, "status": actionStatusWord(state), "text": $0], context: "an action") }
            ?? tr("{id} {status}", ["id": id, "status": actionStatusWord(state)], context: "an action")
    case let .voteOpened(v):
        if status {
            return trn("opened {vote} on {candidates} candidates; {n} member may vote",
                       "opened {vote} on {candidates} candidates; {n} members may vote",
                       count: v.eligible.count, ["vote": v.id, "candidates": v.candidates.count])
        }
        let options = voteOptionsText(v)
        let arguments: [String: any MessageValue] = ["vote": v.id, "method": methodTitle(v.method),
                                                     "candidates": v.candidates.joined(separator: ", "), "options": options]
        return options.isEmpty
            ? trn("{vote} {method} open on {candidates}: {n} member eligible",
                  "{vote} {method} open on {candidates}: {n} members eligible", count: v.eligible.count, arguments)
            : trn("{vote} {method} open on {candidates}: {options}, {n} member eligible",
                  "{vote} {method} open on {candidates}: {options}, {n} members eligible", count: v.eligible.count, arguments)
    case let .ballotCast(vote, ballot):
        let v = s.vote(vote)
        // A sealed ballot names no one; who voted is on the close.
        if BallotKey.isToken(ballot.by) {
            if status {
                return v.map { trn("saved an anonymous ballot in {vote}: {n} cast so far", "saved an anonymous ballot in {vote}: {n} cast so far",
                                   count: $0.ballots.count, ["vote": vote]) }
                    ?? tr("saved an anonymous ballot in {vote}", ["vote": vote])
            }
            return ballot.binding ? tr("{vote} anonymous ballot", ["vote": vote]) : tr("{vote} anonymous ballot (non-binding)", ["vote": vote])
        }
        if status { return tr("saved {name}'s ballot in {vote}", ["name": inert(s.displayName(ballot.by)), "vote": vote]) }
        let from: [String: any MessageValue] = ["vote": vote, "id": ballot.by, "name": quoted(s.displayName(ballot.by)),
                                                "choices": ballotText(ballot, method: v?.method ?? .dot)]
        // An anonymous vote records that a member voted, never shows how.
        if v?.anonymous == true {
            return ballot.binding ? tr("{vote} ballot from {id} {name} (anonymous)", from)
                : tr("{vote} ballot from {id} {name} (non-binding) (anonymous)", from)
        }
        return ballot.binding ? tr("{vote} ballot from {id} {name}: {choices}", from)
            : tr("{vote} ballot from {id} {name} (non-binding): {choices}", from)
    case let .voteClosed(id, voters, _):
        guard !status, let voters else { return status ? tr("closed {vote}", ["vote": id]) : tr("{vote} closed", ["vote": id]) }
        return voters.isEmpty ? tr("{vote} closed; voted: nobody", ["vote": id])
            : tr("{vote} closed; voted: {names}", ["vote": id, "names": voters.map { who($0, in: s) }.joined(separator: ", ")])
    case let .handsTallied(vote, tally):
        let counts = tally.counts.map { "\($0.idea)=\($0.points)" }.joined(separator: " ")
        if let group = tally.group?.name.localized {
            return status ? tr("saved the show of hands in {vote} ({group})", ["vote": vote, "group": group])
                : tr("{vote} show of hands ({group}): {counts}", ["vote": vote, "group": group, "counts": counts])
        }
        return status ? tr("saved the show of hands in {vote}", ["vote": vote])
            : tr("{vote} show of hands: {counts}", ["vote": vote, "counts": counts])
    case let .ballotRemoved(vote, by):
        return status ? tr("removed {name}'s ballot from {vote}", ["name": inert(s.displayName(by)), "vote": vote])
            : tr("{vote} ballot from {id} {name} removed", ["vote": vote, "id": by, "name": quoted(s.displayName(by))])
    case let .lateBallotAccepted(vote, _):
        return status ? tr("a late ballot in {vote} counted", ["vote": vote]) : tr("{vote} late ballot counted by the facilitator", ["vote": vote])
    case let .tieDecided(vote, id, reason):
        return status ? tr("the tie in {vote} decided for {idea}", ["vote": vote, "idea": id])
            : tr("{vote} tie decided by the facilitator for {idea}: {reason}", ["vote": vote, "idea": idea(id), "reason": quoted(reason)])
    case .sessionClosed: return status ? tr("session closed (read-only; R reopens)") : tr("{session} closed", ["session": s.id])
    case .sessionReopened: return status ? tr("session reopened") : tr("{session} reopened", ["session": s.id])
    case let .agendaRespread(from, seconds):
        let range: [String: any MessageValue] = ["from": from + 1, "to": from + seconds.count,
                                                 "times": seconds.map { clockText(seconds: $0) }.joined(separator: ", ")]
        return status ? tr("re-spread phases {from}–{to} over the time left", range) : tr("re-spread phases {from}–{to}: {times}", range)
    case let .warningSwitched(w, on):
        return on ? tr("{warning} warning on", ["warning": warningWords(w)]) : tr("{warning} warning off", ["warning": warningWords(w)])
    case let .warningGiven(w, phase):
        if !status { return tr("{warning} given in phase {n}", ["warning": warningWords(w), "n": phase + 1]) }
        return w == .session10 || phase >= s.agenda.count ? warningWords(w) : "\(warningWords(w)) · \(inert(s.agenda[phase].name))"
    case let .undo(target): return status ? tr("undone") : tr("undo of {event}", ["event": target.description])
    case let .writerJoined(name):
        return tr("{name} is at the keys", ["name": status ? inert(name) : quoted(name)])
    case let .unknown(record): return status ? tr("saved {kind}", ["kind": inert(record.kind)]) : inert(record.kind)
    }
}

/// An action in the record wording: `A1 "Draft the note" owner P1 María, due 2027-03, for I1`;
/// `full` adds who supports it and where it was carried over from.
func actionLine(_ a: Action, in s: Session, full: Bool) -> String {
    let comma = tr(", ", context: "between items of a list")
    var parts = ["\(a.id) \"\(inert(a.text))\" " + tr("owner {who}", ["who": who(a.owner, in: s)])]
    if let due = a.due { parts.append(tr("due {date}", ["date": inert(due)])) }
    if let idea = a.idea { parts.append(tr("for {idea}", ["idea": idea], context: "the idea an action serves")) }
    if full, !a.supporters.isEmpty { parts.append(tr("with {names}", ["names": a.supporters.map { who($0, in: s) }.joined(separator: ", ")])) }
    if full, let from = a.carriedFrom { parts.append(tr("carried over from {session}", ["session": inert(from)])) }
    return parts.joined(separator: comma)
}

/// The warning as the screen says it: `5 MIN LEFT`, in the current language.
public func warningWords(_ w: ClockWarning) -> String { w.wordsMessage.localized }

/// An idea's new kind: `now an area`.
func nowKind(_ k: IdeaKind) -> String {
    switch k {
    case .area: tr("now an area")
    case .programme: tr("now a programme")
    case .project: tr("now a project")
    case .note: tr("now a note")
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
/// Text is shown as typed (made inert, cut at 60 characters), never as a Swift value. Commands
/// without words of their own are named by their case (`toggle timer`), in English.
public func describe(_ command: Command) -> String {
    func quoted(_ text: String) -> String {
        let flat = inert(String(text.map { $0.isNewline ? " " : $0 }))
        return "\"" + (flat.count > 60 ? String(flat.prefix(59)) + "…" : flat) + "\""
    }
    switch command {
    case let .addIdea(text, kind, _, _):
        let t = quoted(text)
        switch kind {
        case .area: return tr("add area {text}", ["text": t])
        case .programme: return tr("add programme {text}", ["text": t])
        case .project: return tr("add project {text}", ["text": t])
        case .note: return tr("add note {text}", ["text": t])
        }
    case let .editIdea(id, text): return tr("edit {id} to {text}", ["id": id, "text": quoted(text)])
    case let .withdrawIdea(id): return tr("withdraw {id}", ["id": id])
    case let .addParticipant(name, _, _, _, observer):
        return observer ? tr("add observer {name}", ["name": quoted(name)]) : tr("add member {name}", ["name": quoted(name)])
    case let .castBallot(vote, by, _):
        return vote.map { tr("ballot of {name} in {vote}", ["name": quoted(by), "vote": $0]) } ?? tr("ballot of {name}", ["name": quoted(by)])
    case let .castBallotText(vote, by, words):
        let arguments: [String: any MessageValue] = ["name": quoted(by), "choices": quoted(words.joined(separator: " ")), "vote": vote ?? ""]
        return vote == nil ? tr("ballot of {name}: {choices}", arguments) : tr("ballot of {name}: {choices} in {vote}", arguments)
    case let .addAction(text, owner, _, _, _): return tr("add action {text} for {owner}", ["text": quoted(text), "owner": quoted(owner)])
    case let .editAction(id, text, _, _, _, _):
        return text.map { tr("edit {id} to {text}", ["id": id, "text": quoted($0)]) } ?? tr("edit {id}", ["id": id])
    case let .assignRole(role, holder): return tr("{holder} as {role}", ["holder": quoted(holder), "role": quoted(role)])
    case let .unassignRole(role, holder): return tr("{holder} no longer {role}", ["holder": quoted(holder), "role": quoted(role)])
    case let .setActionStatus(id, status): return tr("{id} {status}", ["id": id, "status": actionStatusWord(status)], context: "an action")
    case let .batch(commands):
        if commands.count == 1 { return describe(commands[0]) }
        return tr("{n} changes at once: {changes}", ["n": commands.count,
                                                     "changes": commands.prefix(3).map(describe).joined(separator: "; ") + (commands.count > 3 ? "; …" : "")])
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
