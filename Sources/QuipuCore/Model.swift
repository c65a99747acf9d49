/// What went wrong, in one sentence a facilitator can act on.
public struct QuipuError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

public enum SessionStatus: String, Sendable, CaseIterable, Codable {
    case planned, running, closed
}

public struct Phase: Equatable, Sendable {
    public var name: String
    public var plannedSeconds: Int64
    public init(name: String, plannedSeconds: Int64) {
        self.name = name
        self.plannedSeconds = plannedSeconds
    }
}

public enum StakeholderGroup: String, Sendable, CaseIterable {
    case government, intergovernmental, ngo = "NGO", majorGroup = "major group",
         privateSector = "private sector", research, other

    /// Accepts the usual spellings: `NGO`, `ngo`, `major-group`, `Major group`, `igo`…
    public init?(loose text: String) {
        let key = String(text.lowercased().map { $0 == "-" || $0 == "_" ? " " : $0 })
        switch key.trimmingSpaces {
        case "government", "gov", "govt", "national government": self = .government
        case "intergovernmental", "igo", "intergovernmental agency", "un": self = .intergovernmental
        case "ngo", "ngos", "non governmental", "civil society": self = .ngo
        case "major group", "major groups": self = .majorGroup
        case "private sector", "private", "business": self = .privateSector
        case "research", "academia", "university": self = .research
        case "other", "": self = .other
        default: return nil
        }
    }
}

public struct Participant: Equatable, Sendable {
    public var id: String
    public var name: String
    public var organisation: String
    public var group: StakeholderGroup
    public var country: String
    public var observer: Bool
    public var present: Bool
    public var isMember: Bool { !observer }

    public init(id: String, name: String, organisation: String = "", group: StakeholderGroup = .other,
                country: String = "", observer: Bool = false, present: Bool = true) {
        self.id = id
        self.name = name
        self.organisation = organisation
        self.group = group
        self.country = country
        self.observer = observer
        self.present = present
    }
}

public enum IdeaKind: String, Sendable, CaseIterable {
    case area, programme, project, note
}

public struct Idea: Equatable, Sendable {
    public var id: String
    public var text: String
    public var kind: IdeaKind
    /// A participant id, or a free-text name when the proposer is not on the roster.
    public var by: String?
    /// The area (an idea id) a programme or project idea belongs to.
    public var area: String?
    public var withdrawn: Bool
    /// Set when the idea was merged into another as a duplicate (it is then also withdrawn).
    public var mergedInto: String?

    public init(id: String, text: String, kind: IdeaKind = .area, by: String? = nil, area: String? = nil,
                withdrawn: Bool = false, mergedInto: String? = nil) {
        self.id = id
        self.text = text
        self.kind = kind
        self.by = by
        self.area = area
        self.withdrawn = withdrawn
        self.mergedInto = mergedInto
    }
}

public enum VoteMethod: String, Sendable, CaseIterable {
    case dot, approval, score, borda, irv, schulze
}

public enum VoteStatus: String, Sendable {
    case open, closed
}

public struct Ballot: Equatable, Sendable {
    /// The participant id of the voter.
    public var by: String
    /// Points given to each candidate, in the order the voter gave them.
    public var choices: [Choice]
    /// Members eligible when the vote opened cast binding ballots; everyone else's are non-binding.
    public var binding: Bool

    public init(by: String, choices: [Choice], binding: Bool = true) {
        self.by = by
        self.choices = choices
        self.binding = binding
    }

    public struct Choice: Equatable, Sendable {
        public var idea: String
        public var points: Int
        public init(idea: String, points: Int) {
            self.idea = idea
            self.points = points
        }
    }
}

public struct Vote: Equatable, Sendable {
    public var id: String
    public var method: VoteMethod
    public var dotsPerMember: Int
    public var maxPerItem: Int?
    public var candidates: [String]
    /// Members present when the vote opened: frozen, so arrivals and departures do not change it.
    public var eligible: [String]
    public var status: VoteStatus
    /// One ballot per voter: a later ballot replaces the earlier one.
    public var ballots: [Ballot]
    /// Options declared at opening (see VoteMethods.swift).
    public var hideResults = false
    public var anonymous = false
    public var tieBreak: TieBreak = .none
    /// The vote whose tie this runoff settles.
    public var runoffOf: String?
    /// An anonymous vote's ballot key, by name (see SecretBallot.swift); nil for a vote that is
    /// not anonymous, or one opened before ballots were sealed.
    public var ballotKey: String?
    /// Who cast a ballot in an anonymous vote, written when it closes; nil otherwise.
    public var voters: [String]?
    /// Show-of-hands counts, one per stakeholder group (or none); a later count for the same group replaces it.
    public var tallies: [HandTally] = []

    public init(id: String, method: VoteMethod = .dot, dotsPerMember: Int = 3, maxPerItem: Int? = nil,
                candidates: [String], eligible: [String], status: VoteStatus = .open, ballots: [Ballot] = []) {
        self.id = id
        self.method = method
        self.dotsPerMember = dotsPerMember
        self.maxPerItem = maxPerItem
        self.candidates = candidates
        self.eligible = eligible
        self.status = status
        self.ballots = ballots
    }

    public var bindingBallots: [Ballot] { ballots.filter(\.binding) }
    /// Who has voted, by participant id. An open anonymous vote's ballots carry tokens, so who
    /// voted is known when it closes.
    public var voterIDs: [String] { voters ?? ballots.map(\.by).filter { !BallotKey.isToken($0) } }
    public var nonBindingBallots: [Ballot] { ballots.filter { !$0.binding } }
}

public struct RoleAssignment: Equatable, Sendable {
    public var role: String
    /// A participant id, or an organisation's name.
    public var holder: String

    public init(role: String, holder: String) {
        self.role = role
        self.holder = holder
    }
}

public enum ActionStatus: String, Sendable, CaseIterable {
    case open, inProgress = "in-progress", done, dropped
}

public struct Action: Equatable, Sendable {
    public var id: String
    public var text: String
    /// A participant id, or an organisation's name.
    public var owner: String
    /// `YYYY-MM-DD` or `YYYY-MM`.
    public var due: String?
    public var idea: String?
    public var status: ActionStatus
    /// Participant ids or organisation names helping the owner.
    public var supporters: [String]
    /// `SESSION/ACTION` when the action was carried over from an earlier session.
    public var carriedFrom: String?

    public init(id: String, text: String, owner: String, due: String? = nil, idea: String? = nil,
                status: ActionStatus = .open, supporters: [String] = [], carriedFrom: String? = nil) {
        self.id = id
        self.text = text
        self.owner = owner
        self.due = due
        self.idea = idea
        self.status = status
        self.supporters = supporters
        self.carriedFrom = carriedFrom
    }
}

/// Everything known about one session: the fold of its journal's events.
public struct Session: Equatable, Sendable {
    public var id: String
    public var title: String = ""
    public var initiative: String = ""
    public var facilitator: String = ""
    public var rapporteur: String = ""
    public var createdAt: Timestamp?
    public var status: SessionStatus = .planned
    public var agenda: [Phase] = []
    public var clock = SessionClock()
    public var participants: [Participant] {
        get { storedParticipants }
        set { storedParticipants = newValue; indexes.participants.invalidate() }
        _modify { indexes.participants.invalidate(); yield &storedParticipants }
    }
    /// Participants removed from the roster: no longer listed, but old ballots and actions still
    /// name them.
    public var removedParticipants: [Participant] = []
    public var ideas: [Idea] {
        get { storedIdeas }
        set { storedIdeas = newValue; indexes.ideas.invalidate() }
        _modify { indexes.ideas.invalidate(); yield &storedIdeas }
    }
    public var votes: [Vote] {
        get { storedVotes }
        set { storedVotes = newValue; indexes.invalidateVotes() }
        _modify { indexes.invalidateVotes(); yield &storedVotes }
    }
    public var roles: [RoleAssignment] = []
    public var actions: [Action] {
        get { storedActions }
        set { storedActions = newValue; indexes.actions.invalidate() }
        _modify { indexes.actions.invalidate(); yield &storedActions }
    }
    /// Kinds of events this version does not know: kept in the journal, reported, otherwise ignored.
    public var unknownKinds: [String] = []
    /// The highest number handed out per id prefix (`P`, `I`, `V`, `A`), including undone items,
    /// so an id is never reused.
    public var lastNumber: [String: Int] = [:]
    public var lastChangeAt: Timestamp?
    public var eventCount = 0

    public init(id: String) { self.id = id }

    // The collections, kept here so `evolve` can keep their id indexes (SessionIndex.swift) right;
    // a write through the public properties above marks the index stale instead.
    var storedParticipants: [Participant] = []
    var storedIdeas: [Idea] = []
    var storedVotes: [Vote] = []
    var storedActions: [Action] = []
    var indexes = SessionIndexes()

    public func participant(_ id: String) -> Participant? {
        indexes.participants.position(of: id, in: storedParticipants).map { storedParticipants[$0] }
    }
    public func idea(_ id: String) -> Idea? { indexes.ideas.position(of: id, in: storedIdeas).map { storedIdeas[$0] } }
    public func vote(_ id: String) -> Vote? { indexes.votes.position(of: id, in: storedVotes).map { storedVotes[$0] } }
    public func action(_ id: String) -> Action? {
        indexes.actions.position(of: id, in: storedActions).map { storedActions[$0] }
    }
    public var openVote: Vote? { votes.last { $0.status == .open } }

    /// A participant's name for an id, or the text itself when it is not a participant id.
    public func displayName(_ who: String?) -> String {
        guard let who else { return "" }
        return participant(who)?.name ?? removedParticipants.last { $0.id == who }?.name ?? who
    }

    func nextID(_ prefix: String) -> String { "\(prefix)\((lastNumber[prefix] ?? 0) + 1)" }

    mutating func noteID(_ id: String) {
        // `P12`, `I7`: read from the canonical key without building a `Character` or `Substring`.
        if let key = canonicalIDKey(id) {
            let prefix = String(Unicode.Scalar(UInt8(truncatingIfNeeded: key >> 56)))
            lastNumber[prefix] = max(lastNumber[prefix] ?? 0, Int(key & 0x00FF_FFFF_FFFF_FFFF))
            return
        }
        guard let first = id.first, first.isLetter, let n = Int(id.dropFirst()) else { return }
        let prefix = String(first)
        lastNumber[prefix] = max(lastNumber[prefix] ?? 0, n)
    }
}

extension String {
    /// Without leading and trailing white space (no Foundation needed).
    public var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
