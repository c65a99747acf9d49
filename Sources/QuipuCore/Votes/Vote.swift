// Votes: the vote, its ballots and their methods' shared vocabulary. Deciding is in
// VoteDecide.swift, counting in VoteMethods.swift and Voting.swift, secrecy in SecretBallot.swift.

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
    /// The facilitator's choice among the tied leaders (tie-break `facilitator`), once recorded.
    public var decision: TieDecision?
    /// Ballots the close had not seen (cast on another laptop and merged later): listed, not
    /// counted.
    public var late: [Ballot] = []
    /// The events that cast `late`, in the same order (what `vote.accept` names).
    var lateEvents: [EventID] = []
    /// Every cast and removal while open, in replay order, so a close can count only what it saw.
    var casts: [Cast] = []

    struct Cast: Equatable, Sendable {
        var event: EventID
        var by: String
        /// Nil for a removal (`vote.uncast`).
        var ballot: Ballot?
    }

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

extension Session {
    /// The vote the Vote tab and the projector show: the open one, else the latest.
    public var shownVote: Vote? { openVote ?? votes.last }
}

/// The facilitator's choice of one of the candidates tied for first, and why.
public struct TieDecision: Equatable, Sendable {
    public var idea: String
    public var reason: String
    public init(idea: String, reason: String) {
        self.idea = idea
        self.reason = reason
    }
}

