/// What a person asks for. `decide` turns it into changes or refuses it with one clear sentence.
public enum Command: Equatable, Sendable {
    case createSession(title: String, initiative: String, facilitator: String, rapporteur: String, agenda: [Phase])
    /// Space: start when idle, pause when running, resume when paused.
    case toggleTimer
    case startTimer
    case pauseTimer
    case resumeTimer
    case nextPhase
    case previousPhase
    case goToPhase(Int)
    /// Extend (positive) or shorten (negative) the current phase.
    case adjustPhase(seconds: Int64)
    /// Add (or, negative, take away) minutes of the session's budget: they go to the last phase.
    case extendSession(seconds: Int64)
    /// Re-spread the current and later phases over the time left at `now` (ClockPlan.swift).
    case respread(now: Timestamp)
    /// Switch one warning (nil: all) on or off for this session.
    case switchWarning(ClockWarning?, on: Bool)
    /// Record warnings as given in a phase, so they fire once; already given ones are skipped.
    case acknowledgeWarnings([ClockWarning], phase: Int)
    case addParticipant(name: String, organisation: String, group: StakeholderGroup, country: String, observer: Bool)
    case setParticipant(who: String, present: Bool?, observer: Bool?)
    case addIdea(text: String, kind: IdeaKind, by: String?, area: String?)
    case editIdea(id: String, text: String)
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
}

/// The longest text accepted for an idea, an action or a name: a paste of a whole document is a
/// mistake, not an idea.
public let maximumTextLength = 2000

extension SessionLog {
    /// Validates a command against the current state and returns the changes it makes. Nothing
    /// is written when it throws.
    public func decide(_ command: Command) throws(QuipuError) -> [Change] {
        let s = state
        if s.status == .closed {
            switch command {
            case .reopen, .createSession: break
            default:
                throw QuipuError("session \(s.id) is closed; reopen it to change anything")
            }
        }
        switch command {
        case let .createSession(title, initiative, facilitator, rapporteur, agenda):
            guard s.eventCount == 0 else { throw QuipuError("session \(s.id) already exists") }
            let title = try cleanText(title, what: "title")
            guard !agenda.isEmpty else { throw QuipuError("the agenda has no phases") }
            return [.sessionCreated(title: title, initiative: try cleanText(initiative, what: "initiative", allowEmpty: true),
                                    facilitator: try cleanText(facilitator, what: "facilitator", allowEmpty: true),
                                    rapporteur: try cleanText(rapporteur, what: "rapporteur", allowEmpty: true),
                                    agenda: agenda)]

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
                throw QuipuError(s.clock.state == .idle ? "the clock has not started; start it first" : "the clock is not paused")
            }
            return [.timerResumed]
        case .nextPhase:
            let current = s.clock.phase ?? 0
            guard s.clock.state != .finished else { throw QuipuError("the clock has finished: there is no next phase") }
            return [.phaseChanged(to: current + 1)]
        case .previousPhase:
            if s.clock.state == .finished { return [.phaseChanged(to: s.agenda.count - 1)] }
            guard let current = s.clock.phase, current > 0 else { throw QuipuError("this is the first phase") }
            return [.phaseChanged(to: current - 1)]
        case let .goToPhase(index):
            guard s.agenda.indices.contains(index) else {
                throw QuipuError("there is no phase \(index + 1); the agenda has \(s.agenda.count)")
            }
            return [.phaseChanged(to: index)]
        case .extendSession, .respread, .switchWarning, .acknowledgeWarnings:
            return try decideClockPlan(command)
        case let .adjustPhase(seconds):
            let index = s.clock.phase ?? 0
            guard s.agenda.indices.contains(index) else { throw QuipuError("the session has no agenda") }
            guard s.clock.state != .finished else { throw QuipuError("the clock has finished") }
            let planned = s.agenda[index].plannedSeconds
            if seconds < 0, planned + seconds < 60 {
                throw QuipuError("\(s.agenda[index].name) cannot be shorter than one minute")
            }
            guard seconds != 0 else { throw QuipuError("extend by a non-zero number of minutes") }
            return [.phaseAdjusted(phase: index, seconds: seconds)]

        case let .addParticipant(name, organisation, group, country, observer):
            let name = try cleanText(name, what: "name")
            if let existing = s.participants.first(where: { $0.name.lowercased() == name.lowercased() }) {
                throw QuipuError("\(name) is already on the roster as \(existing.id)")
            }
            return [.participantAdded(Participant(
                id: s.nextID("P"), name: name,
                organisation: try cleanText(organisation, what: "organisation", allowEmpty: true), group: group,
                country: try cleanText(country, what: "country", allowEmpty: true), observer: observer, present: true))]
        case let .setParticipant(who, present, observer):
            let p = try resolveParticipant(who)
            guard present != nil || observer != nil else { throw QuipuError("say what to change: present, absent, member or observer") }
            return [.participantUpdated(id: p.id, present: present, observer: observer)]

        case let .addIdea(text, kind, by, area):
            let text = try cleanText(text, what: "idea")
            var proposer: String?
            if let by, !by.trimmingSpaces.isEmpty {
                proposer = try participantOrText(by, what: "proposer")
            }
            var areaID: String?
            if let area, !area.isEmpty {
                let a = try resolveIdea(area)
                guard a.kind == .area else { throw QuipuError("\(a.id) is a \(a.kind.rawValue) idea, not an area") }
                areaID = a.id
            }
            return [.ideaAdded(Idea(id: s.nextID("I"), text: text, kind: kind, by: proposer, area: areaID, withdrawn: false))]
        case let .editIdea(id, text):
            let idea = try resolveIdea(id)
            let text = try cleanText(text, what: "idea")
            guard text != idea.text else { throw QuipuError("\(idea.id) already says that") }
            return [.ideaEdited(id: idea.id, text: text)]
        case let .withdrawIdea(id):
            let idea = try resolveIdea(id)
            guard !idea.withdrawn else { throw QuipuError("\(idea.id) is already withdrawn") }
            if let v = s.openVote, v.candidates.contains(idea.id) {
                throw QuipuError("\(idea.id) is a candidate in the open vote \(v.id); close the vote first")
            }
            return [.ideaWithdrawn(id: idea.id)]

        case let .openVote(method, dots, maxPerItem, candidates):
            return try decideOpenVote(VoteSetup(method: method, dots: dots, maxPerItem: maxPerItem, candidates: candidates))
        case let .startVote(setup):
            return try decideOpenVote(setup)
        case let .castBallot(voteID, by, choices):
            return try decideBallot(vote: voteID, by: by, choices: choices)
        case let .castBallotText(voteID, by, words):
            let vote = try resolveOpenVote(voteID)
            return try decideBallot(vote: vote.id, by: by, choices: try parseBallot(words, method: vote.method))
        case let .tallyHands(voteID, group, counts):
            return try decideTally(vote: voteID, group: group, counts: counts)
        case let .openRunoff(of):
            return try decideRunoff(of: of)
        case let .closeVote(id):
            let vote = try resolveOpenVote(id)
            return [.voteClosed(id: vote.id)]

        case let .assignRole(role, holder):
            let role = try cleanText(role, what: "role").lowercased()
            let holderID = try participantOrText(holder, what: "holder")
            let assignment = RoleAssignment(role: role, holder: holderID)
            guard !s.roles.contains(assignment) else {
                throw QuipuError("\(s.displayName(holderID)) already holds the role \(role)")
            }
            return [.roleAssigned(assignment)]
        case .editParticipant, .removeParticipant, .linkIdea, .mergeIdea, .unassignRole, .editAction, .carryOver:
            return try decideCapture(command)
        case let .addAction(text, owner, due, idea, supporters):
            let text = try cleanText(text, what: "action")
            let ownerID = try participantOrText(owner, what: "owner")
            var dueText: String?
            if let due, !due.isEmpty {
                guard isValidDue(due) else { throw QuipuError("due date \"\(due)\" must be YYYY-MM-DD or YYYY-MM") }
                dueText = due
            }
            var ideaID: String?
            if let idea, !idea.isEmpty { ideaID = try resolveIdea(idea).id }
            return [.actionAdded(Action(id: s.nextID("A"), text: text, owner: ownerID, due: dueText, idea: ideaID,
                                        status: .open, supporters: try resolveSupporters(supporters, owner: ownerID)))]
        case let .setActionStatus(id, status):
            guard let action = s.action(id.uppercased()) else { throw QuipuError("there is no action \(id) in \(s.id)") }
            guard action.status != status else { throw QuipuError("\(action.id) is already \(status.rawValue)") }
            return [.actionStatusChanged(id: action.id, status: status)]

        case .close:
            var changes: [Change] = []
            for v in s.votes where v.status == .open { changes.append(.voteClosed(id: v.id)) }
            return changes + [.sessionClosed]
        case .reopen:
            guard s.status == .closed else { throw QuipuError("session \(s.id) is not closed") }
            return [.sessionReopened]
        case .undo:
            guard let target = undoTarget else { throw QuipuError("there is nothing to undo") }
            if case let .voteClosed(id, _?) = target.change {
                // Its ballot key is gone: reopened, it could take no more ballots (SecretBallot.swift).
                throw QuipuError("\(id) was anonymous, and its ballot key is gone: its close cannot be undone")
            }
            return [.undo(target: target.id)]
        case .redo:
            guard let target = redoTarget else { throw QuipuError("there is nothing to redo") }
            return [.undo(target: target.id)]
        }
    }

    /// `P3`, or a participant's exact name (case-insensitive).
    public func resolveParticipant(_ who: String) throws(QuipuError) -> Participant {
        let key = who.trimmingSpaces
        if let p = state.participant(key.uppercased()) { return p }
        let lower = key.lowercased()
        if let p = state.participants.first(where: { $0.name.lowercased() == lower }) { return p }
        throw QuipuError("no participant \"\(key)\" in \(state.id); use an id like P1 or a name on the roster")
    }

    /// A participant's id when `who` names one; otherwise the text itself (an organisation, or a
    /// person not on the roster).
    func participantOrText(_ who: String, what: String) throws(QuipuError) -> String {
        if let p = try? resolveParticipant(who) { return p.id }
        return try cleanText(who, what: what)
    }

    public func resolveIdea(_ id: String) throws(QuipuError) -> Idea {
        let key = id.trimmingSpaces.uppercased()
        guard let idea = state.idea(key) else { throw QuipuError("there is no idea \(id.trimmingSpaces) in \(state.id)") }
        return idea
    }

    func resolveOpenVote(_ id: String?) throws(QuipuError) -> Vote {
        if let id {
            guard let v = state.vote(id.trimmingSpaces.uppercased()) else { throw QuipuError("there is no vote \(id) in \(state.id)") }
            guard v.status == .open else { throw QuipuError("vote \(v.id) is closed") }
            return v
        }
        guard let v = state.openVote else {
            if let last = state.votes.last { throw QuipuError("vote \(last.id) is closed and no vote is open in \(state.id)") }
            throw QuipuError("no vote is open in \(state.id)")
        }
        return v
    }
}

/// Trims, refuses empty, over-long or line-broken text: one item is one line.
func cleanText(_ text: String, what: String, allowEmpty: Bool = false) throws(QuipuError) -> String {
    let t = text.trimmingSpaces
    if t.isEmpty && !allowEmpty { throw QuipuError("the \(what) is empty") }
    if t.count > maximumTextLength {
        throw QuipuError("the \(what) is \(t.count) characters long; the most is \(maximumTextLength)")
    }
    if t.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
        throw QuipuError("the \(what) spans several lines; give one line (paste several ideas to add one per line)")
    }
    return t
}

/// `YYYY-MM-DD` or `YYYY-MM`, a real date.
public func isValidDue(_ text: String) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2 || parts.count == 3, parts[0].count == 4, parts[1].count == 2,
          let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), y >= 1900 else { return false }
    if parts.count == 3 {
        guard parts[2].count == 2, let d = Int(parts[2]) else { return false }
        return (1...Timestamp.daysIn(month: m, year: y)).contains(d)
    }
    return true
}
