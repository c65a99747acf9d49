/// What a person asks for. `decide` turns it into changes or refuses it with one clear sentence.
public enum Command: Equatable, Sendable {
    /// `language`: the code of the reports' language (`es`), nil for English.
    case createSession(title: String, initiative: String, facilitator: String, rapporteur: String, agenda: [Phase],
                       language: String? = nil)
    /// Space: start when idle, pause when running, resume when paused.
    case toggleTimer
    case startTimer
    case pauseTimer
    case resumeTimer
    case nextPhase
    case previousPhase
    case goToPhase(Int)
    /// Extend (positive) or shorten (negative) a phase: the current one, or (`phase`) one still
    /// to come.
    case adjustPhase(seconds: Int64, phase: Int? = nil)
    /// Title, initiative, facilitator, rapporteur; nil leaves one as it was.
    case editSession(title: String?, initiative: String?, facilitator: String?, rapporteur: String?, language: String? = nil)
    /// A phase's new name and planned minutes (nil leaves one as it was); minutes only for the
    /// current phase or one still to come.
    case editPhase(Int, name: String?, plannedSeconds: Int64?)
    /// Inserts a phase before position `at` (0-based; the number of phases appends it).
    case addPhase(at: Int, Phase)
    case removePhase(Int)
    case movePhase(Int, to: Int)
    /// Add (or, negative, take away) minutes of the session's budget: they go to the last phase.
    case extendSession(seconds: Int64)
    /// Re-spread the current and later phases over the time left at `now` (ClockPlan.swift).
    case respread(now: Timestamp)
    /// A re-spread exactly as it was offered (`Session.respreadPlan`), refused if the clock moved
    /// to another phase since.
    case applyRespread(from: Int, seconds: [Int64])
    /// Switch one warning (nil: all) on or off for this session.
    case switchWarning(ClockWarning?, on: Bool)
    /// Record warnings as given in a phase, so they fire once; already given ones are skipped.
    case acknowledgeWarnings([ClockWarning], phase: Int)
    case addParticipant(name: String, organisation: String, group: StakeholderGroup, country: String, observer: Bool)
    case setParticipant(who: String, present: Bool?, observer: Bool?)
    case addIdea(text: String, kind: IdeaKind, by: String?, area: String?)
    case editIdea(id: String, text: String)
    /// The edit form's whole idea: text, kind, proposer (empty clears) and area (empty unlinks);
    /// nil leaves one as it was. Only what changed is written.
    case reviseIdea(id: String, text: String?, kind: IdeaKind?, by: String?, area: String?)
    case withdrawIdea(id: String)
    case openVote(method: VoteMethod, dots: Int, maxPerItem: Int?, candidates: [String]?)
    case castBallot(vote: String?, by: String, choices: [Ballot.Choice])
    case closeVote(id: String?)
    /// Opens a vote with every option (`openVote` is the short form).
    case startVote(VoteSetup)
    /// A ballot as typed (`I3:2 I1`, `I1 I4`, `I1=5 I2=3`, `I4 I1 I2`), read by the vote's method.
    case castBallotText(vote: String?, by: String, words: [String])
    /// A show of hands: counts per candidate, optionally for one stakeholder group.
    case tallyHands(vote: String?, group: StakeholderGroup?, counts: [Ballot.Choice])
    /// A new vote among the candidates tied for first in a closed vote (default: the latest).
    case openRunoff(of: String?)
    /// Takes one voter's ballot out of an open vote (default: the open one).
    case removeBallot(vote: String?, by: String)
    /// Count the late ballots of a closed vote (the latest with any when nil).
    case acceptLateBallots(vote: String?)
    /// The facilitator's choice among the tied leaders of a closed vote (default: the latest),
    /// with the reason, for a vote whose tie-break is `facilitator`.
    case decideTie(vote: String?, idea: String, reason: String)
    case assignRole(role: String, holder: String)
    case addAction(text: String, owner: String, due: String?, idea: String?, supporters: [String] = [])
    /// Nil leaves a field as it was; an empty name, organisation or country is refused/cleared.
    case editParticipant(who: String, name: String?, organisation: String?, group: StakeholderGroup?, country: String?)
    case removeParticipant(who: String)
    /// Links a programme or project idea to an area; a nil or empty area unlinks it.
    case linkIdea(id: String, area: String?)
    case mergeIdea(id: String, into: String)
    case unassignRole(role: String, holder: String)
    /// Nil leaves a field as it was; an empty due or idea clears it.
    case editAction(id: String, text: String?, owner: String?, due: String?, idea: String?, supporters: [String]?)
    /// Brings the still-open actions of an earlier session (of the same initiative) into this one.
    case carryOver(from: Session)
    case setActionStatus(id: String, status: ActionStatus)
    case close
    case reopen
    case undo
    case redo
    /// Several commands as one step (a paste of many lines): each is decided against the
    /// session as the ones before it leave it; one refused refuses them all.
    indirect case batch([Command])
}

/// The longest text accepted for an idea, an action or a name: a paste of a whole document is a
/// mistake, not an idea.
public let maximumTextLength = 2000

extension SessionLog {
    /// Validates a command against the current state and returns the changes it makes. Nothing
    /// is written when it throws. Each command is decided in the room of its domain: the switch
    /// below is exhaustive, so a new command must be given one.
    public func decide(_ command: Command) throws(QuipuError) -> [Change] {
        try decide(command, by: nil)
    }

    /// As `decide(_:)`, for `writer`: undo and redo take back that writer's own steps (the last
    /// change made in this terminal, or by this command-line writer), not another's.
    public func decide(_ command: Command, by writer: String?) throws(QuipuError) -> [Change] {
        let s = state
        if s.status == .closed {
            switch command {
            case .reopen, .createSession: break
            default:
                throw QuipuError("session {id} is closed; reopen it to change anything", ["id": .text(s.id)])
            }
        }
        switch command {
        case .createSession, .close, .reopen, .undo, .redo:
            return try decideSession(command, writer: writer)
        case let .batch(commands):
            return try decideBatch(commands, writer: writer)
        case .toggleTimer, .startTimer, .pauseTimer, .resumeTimer, .nextPhase, .previousPhase, .goToPhase, .adjustPhase:
            return try decideClock(command)
        case .extendSession, .respread, .applyRespread, .switchWarning, .acknowledgeWarnings:
            return try decideClockPlan(command)
        case .editSession, .editPhase, .addPhase, .removePhase, .movePhase:
            return try decideAgenda(command)
        case .addParticipant, .setParticipant, .editParticipant, .removeParticipant:
            return try decideParticipants(command)
        case .addIdea, .editIdea, .reviseIdea, .withdrawIdea, .linkIdea, .mergeIdea:
            return try decideIdeas(command)
        case .openVote, .startVote, .castBallot, .castBallotText, .tallyHands, .openRunoff, .closeVote, .removeBallot,
             .decideTie, .acceptLateBallots:
            return try decideVotes(command)
        case .assignRole, .unassignRole, .addAction, .editAction, .setActionStatus, .carryOver:
            return try decideWorkplan(command)
        }
    }

    /// Creating, closing and reopening the session; undo and redo.
    func decideSession(_ command: Command, writer: String?) throws(QuipuError) -> [Change] {
        let s = state
        switch command {
        case let .createSession(title, initiative, facilitator, rapporteur, agenda, language):
            guard s.eventCount == 0 else { throw QuipuError("session {id} already exists", ["id": .text(s.id)]) }
            let title = try cleanText(title, what: "title")
            guard !agenda.isEmpty else { throw QuipuError("the agenda has no phases") }
            return [.sessionCreated(title: title, initiative: try cleanText(initiative, what: "initiative", allowEmpty: true),
                                    facilitator: try cleanText(facilitator, what: "facilitator", allowEmpty: true),
                                    rapporteur: try cleanText(rapporteur, what: "rapporteur", allowEmpty: true),
                                    agenda: agenda, language: language == "en" ? nil : language)]

        case .close:
            var changes: [Change] = []
            for v in s.votes where v.status == .open { changes.append(.voteClosed(id: v.id, seen: seenBallots(of: v.id))) }
            return changes + [.sessionClosed]
        case .reopen:
            guard s.status == .closed else { throw QuipuError("session {id} is not closed", ["id": .text(s.id)]) }
            return [.sessionReopened]
        case .undo:
            let step = undoStep(by: writer)
            guard !step.isEmpty else {
                if writer != nil, !undoStep().isEmpty {
                    throw QuipuError("nothing of yours to undo here: the changes still in force were made elsewhere (another terminal or command); the timeline (t) shows who")
                }
                throw QuipuError("there is nothing to undo")
            }
            for target in step {
                if case let .voteClosed(id, _?, _) = target.change {
                    // Its ballot key is gone: reopened, it could take no more ballots (SecretBallot.swift).
                    throw QuipuError("{vote} was anonymous, and its ballot key is gone: its close cannot be undone", ["vote": .text(id)])
                }
                if target.change.reshapesAgenda, events.contains(where: { $0.id > target.id && $0.change.movesClock }) {
                    // Undone, it would shift the phases the clock has since moved through.
                    throw QuipuError("the clock has moved since the agenda was changed; change the agenda again instead of undoing")
                }
            }
            // Newest first, as they would be taken back one by one.
            return step.reversed().map { .undo(target: $0.id) }
        case .redo:
            let step = redoStep(by: writer)
            guard !step.isEmpty else { throw QuipuError("there is nothing to redo") }
            return step.reversed().map { .undo(target: $0.id) }
        default:
            preconditionFailure("decide routes only session commands here")
        }
    }
}

extension SessionLog {
    func decideBatch(_ commands: [Command], writer: String?) throws(QuipuError) -> [Change] {
        var scratch = self
        var all: [Change] = []
        for (n, command) in commands.enumerated() {
            let changes: [Change]
            do {
                changes = try scratch.decide(command, by: writer)
            } catch {
                throw commands.count == 1 ? error : QuipuError("item {item} of {count}: {reason}; nothing was saved", ["item": .number(n + 1), "count": .number(commands.count), "reason": .message(error.text)])
            }
            let first = scratch.nextSeq
            // Stand-in ids, so the next command sees this one's effect; the store assigns the real ones.
            scratch.append(changes.enumerated().map {
                Event(id: EventID(seq: first + $0.offset, writer: "batch"), at: scratch.events.last?.at ?? Timestamp(milliseconds: 0),
                      change: $0.element)
            })
            all += changes
        }
        return all
    }
}

/// Trims, refuses empty, over-long or line-broken text: one item is one line.
func cleanText(_ text: String, what: String, allowEmpty: Bool = false) throws(QuipuError) -> String {
    let t = text.trimmingSpaces
    // `{what}` is the field with its article ("the title", "la idea"), so each language keeps its
    // genders; the sentences around it need no agreement in English, Spanish or French.
    let field = Message.Argument.message(theField(what))
    if t.isEmpty && !allowEmpty { throw QuipuError("{what} is empty", ["what": field]) }
    if t.count > maximumTextLength {
        throw QuipuError("{what} is {count} characters long; the most is {most}",
                         ["what": field, "count": .number(t.count), "most": .number(maximumTextLength)])
    }
    if t.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
        throw QuipuError("{what} spans several lines; give one line (paste several ideas to add one per line)", ["what": field])
    }
    return t
}

/// A field a refusal names, with its article (`the title`): a message of its own, so Spanish and
/// French give it their own article and gender (`el título`, `la idea`; `le titre`, `l'idée`).
func theField(_ what: String) -> Message {
    switch what {
    case "title": Message("the title", context: "a field")
    case "initiative": Message("the initiative", context: "a field")
    case "facilitator": Message("the facilitator", context: "a field")
    case "rapporteur": Message("the rapporteur", context: "a field")
    case "name": Message("the name", context: "a field")
    case "organisation": Message("the organisation", context: "a field")
    case "country": Message("the country", context: "a field")
    case "idea": Message("the idea", context: "a field")
    case "role": Message("the role", context: "a field")
    case "action": Message("the action", context: "a field")
    case "phase name": Message("the phase name", context: "a field")
    case "proposer": Message("the proposer", context: "a field")
    case "holder": Message("the holder", context: "a field")
    case "owner": Message("the owner", context: "a field")
    case "supporter": Message("the supporter", context: "a field")
    default: Message("the {field}", ["field": .text(what)], context: "a field")
    }
}
