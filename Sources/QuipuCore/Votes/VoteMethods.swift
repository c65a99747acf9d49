/// Vote methods beyond dot voting, the options declared when a vote opens, quick tallies and
/// runoffs (instant runoff is in InstantRunoff.swift). Definitions are in the README, "How votes are
/// counted", and docs/FORMAT.md (`vote.open`, `vote.cast`).

/// What happens when candidates share first place: declared when the vote opens.
public enum TieBreak: String, Sendable, CaseIterable {
    case none, facilitator, runoff

    public var sentence: String { sentenceMessage.english }

    /// `sentence`, for each language to say.
    public var sentenceMessage: Message {
        switch self {
        case .none: Message("no tie-break was declared: the tie stands")
        case .facilitator: Message("the facilitator decides")
        case .runoff: Message("a runoff vote among the tied")
        }
    }
}

/// Counts from a show of hands, optionally for one stakeholder group.
public struct HandTally: Equatable, Sendable {
    public var group: StakeholderGroup?
    public var counts: [Ballot.Choice]
    public init(group: StakeholderGroup?, counts: [Ballot.Choice]) {
        self.group = group
        self.counts = counts
    }
}

/// Everything set when a vote opens.
public struct VoteSetup: Equatable, Sendable {
    public var method: VoteMethod
    public var dots: Int
    public var maxPerItem: Int?
    public var candidates: [String]?
    public var hideResults: Bool
    public var anonymous: Bool
    public var tieBreak: TieBreak

    public init(method: VoteMethod = .dot, dots: Int = 3, maxPerItem: Int? = nil, candidates: [String]? = nil,
                hideResults: Bool = false, anonymous: Bool = false, tieBreak: TieBreak = .none) {
        self.method = method
        self.dots = dots
        self.maxPerItem = maxPerItem
        self.candidates = candidates
        self.hideResults = hideResults
        self.anonymous = anonymous
        self.tieBreak = tieBreak
    }
}

extension VoteMethod {
    /// Ballots list candidates in order of preference (first choice first).
    public var isRanked: Bool { self == .borda || self == .irv || self == .schulze }
    /// A show of hands gives one count per candidate, which only adds up for these methods.
    public var acceptsHandTally: Bool { self == .dot || self == .approval }

    /// `dot vote`, `instant runoff (IRV)`…
    public var title: String { name.english }

    /// `title`, for each language to say.
    public var name: Message {
        switch self {
        case .dot: Message("dot vote")
        case .approval: Message("approval vote")
        case .score: Message("score vote (0–5)")
        case .borda: Message("Borda count")
        case .irv: Message("instant runoff (IRV)")
        case .schulze: Message("Schulze (Condorcet)")
        }
    }

    /// What a result's score counts.
    public var scoreName: String { scoreNameMessage.english }

    /// `scoreName`, for each language to say.
    public var scoreNameMessage: Message {
        switch self {
        case .dot: Message("dots", context: "what a vote's score counts")
        case .approval: Message("approvals", context: "what a vote's score counts")
        case .score: Message("points", context: "what a vote's score counts")
        case .borda: Message("Borda points", context: "what a vote's score counts")
        case .irv: Message("votes in last round", context: "what a vote's score counts")
        case .schulze: Message("candidates beaten", context: "what a vote's score counts")
        }
    }

    /// How to write a ballot, for help and refusals.
    public var ballotExample: String {
        switch self {
        case .dot: "I3:2 I1"
        case .approval: "I1 I4"
        case .score: "I1=5 I2=3"
        case .borda, .irv, .schulze: "I4 I1 I2"
        }
    }
}

/// The Schulze method's two matrices, indexed like `candidates`.
public struct SchulzeStrengths: Equatable, Sendable {
    public var candidates: [String]
    /// `d[i][j]`: ballots that rank candidate i above candidate j.
    public var pairwise: [[Int]]
    /// `p[i][j]`: the strength of the strongest path from i to j.
    public var strongest: [[Int]]
}

/// A show of hands as typed, on the screens or the command line: `I1=12 I2=7` (or `I1:12`,
/// commas or spaces between).
public func parseHandCounts(_ words: [String]) throws(QuipuError) -> [Ballot.Choice] {
    var result: [Ballot.Choice] = []
    for part in words.flatMap({ $0.split(whereSeparator: { $0 == " " || $0 == "," }) }) {
        let pieces = part.split(whereSeparator: { $0 == "=" || $0 == ":" })
        guard pieces.count == 2, let n = Int(pieces[1]), n >= 0 else {
            throw QuipuError("\"{part}\" is not a count; write IDEA=COUNT, like I1=12", ["part": .text(String(part))])
        }
        result.append(Ballot.Choice(idea: canonicalEntityID(String(pieces[0])), points: n))
    }
    return result
}

/// Parses the words of a ballot as the vote's method expects them:
/// dot `I3:2 I1`, approval `I1 I4`, score `I1=5 I2=3`, ranked `I4 I1 I2` (first choice first).
/// Ranked choices come back with their place as points (1 = first choice).
public func parseBallot(_ words: [String], method: VoteMethod) throws(QuipuError) -> [Ballot.Choice] {
    var result: [Ballot.Choice] = []
    let parts = words.flatMap { $0.split(whereSeparator: { $0 == "," || $0 == " " }) }.map(String.init)
    for part in parts {
        let separator: Character? = part.contains("=") ? "=" : part.contains(":") ? ":" : nil
        var idea = canonicalEntityID(part)
        var number: Int?
        if let separator {
            let pieces = part.split(separator: separator, omittingEmptySubsequences: false)
            guard pieces.count == 2, !pieces[0].isEmpty, let n = Int(pieces[1]) else {
                throw QuipuError("choice \"{part}\" is not understood; a {method} ballot looks like {example}", ["part": .text(part), "method": .message(method.name), "example": .text(method.ballotExample)])
            }
            idea = canonicalEntityID(String(pieces[0]))
            number = n
        }
        switch method {
        case .dot:
            if let number, number < 1 { throw QuipuError("choice \"{part}\" must give at least one dot, e.g. I3:2", ["part": .text(part)]) }
            result.append(.init(idea: idea, points: number ?? 1))
        case .approval:
            if number != nil { throw QuipuError("an approval ballot names candidates without numbers, e.g. I1 I4") }
            result.append(.init(idea: idea, points: 1))
        case .score:
            guard let number else { throw QuipuError("give {id} a score from 0 to 5, e.g. {id}=4", ["id": .text(idea)]) }
            result.append(.init(idea: idea, points: number))
        case .borda, .irv, .schulze:
            if number != nil { throw QuipuError("a ranked ballot lists candidates in order, first choice first, without numbers, e.g. I4 I1 I2") }
            result.append(.init(idea: idea, points: result.count + 1))
        }
    }
    return result
}

extension Vote {
    /// The declared options in words: `3 dots per member, at most 2 per item, results hidden until close`.
    public var optionsText: String { options.map(\.english).joined(separator: ", ") }

    /// The declared options, each a message for the language to say (joined with commas).
    public var options: [Message] {
        var parts: [Message] = []
        if method == .dot {
            parts.append(Message("{n} dot per member", plural: "{n} dots per member", count: dotsPerMember))
            if let maxPerItem { parts.append(Message("at most {n} per item", ["n": .number(maxPerItem)])) }
        }
        if hideResults { parts.append(Message("results hidden until close")) }
        if anonymous { parts.append(Message("anonymous ballots")) }
        if tieBreak == .runoff { parts.append(Message("ties: runoff")) }
        if tieBreak == .facilitator { parts.append(Message("ties: facilitator decides")) }
        if let runoffOf { parts.append(Message("runoff of {vote}", ["vote": .text(runoffOf)])) }
        return parts
    }

    /// Results may be shown: the vote is closed, or it was opened neither with hidden results
    /// nor anonymous. A running tally of an anonymous vote would let anyone watching the bars
    /// (the screen, the projector, `show --json`) see how the voter just entered voted.
    public var resultsVisible: Bool { status == .closed || !(hideResults || anonymous) }

    /// The tie-break rule that applies now, when candidates share first place.
    public var tieBreakApplies: TieBreak? { tiedLeaders.isEmpty ? nil : tieBreak }

    /// The instant-runoff rounds of the binding ballots (empty for other methods).
    public var irvRounds: [IRVRound] { method == .irv ? instantRunoff(bindingBallots).rounds : [] }
    /// The Schulze matrices of the binding ballots (nil for other methods).
    public var schulzeStrengths: SchulzeStrengths? { method == .schulze ? schulze(bindingBallots).strengths : nil }

    /// Per-candidate totals of the show-of-hands counts.
    func handTotals() -> [String: Int] {
        var totals: [String: Int] = [:]
        for t in tallies { for c in t.counts { totals[c.idea, default: 0] += c.points } }
        return totals
    }

    /// Candidates in a ranked ballot, first choice first, keeping only this vote's candidates.
    func preferenceOrder(_ ballot: Ballot) -> [String] {
        ballot.choices.sorted { $0.points < $1.points }.map(\.idea).filter { candidates.contains($0) }
    }

    /// Results of one set of ballots under this vote's method.
    func rank(_ ballots: [Ballot], includeHands: Bool) -> [RankedResult] {
        switch method {
        case .dot, .approval, .score:
            var totals = includeHands ? handTotals() : [:]
            for ballot in ballots {
                for choice in ballot.choices where candidates.contains(choice.idea) {
                    totals[choice.idea, default: 0] += method == .approval ? 1 : choice.points
                }
            }
            return competitionRanking(candidates.map { ($0, totals[$0] ?? 0) })
        case .borda:
            var totals: [String: Int] = [:]
            let m = candidates.count
            for ballot in ballots {
                for (k, idea) in preferenceOrder(ballot).enumerated() { totals[idea, default: 0] += m - (k + 1) }
            }
            return competitionRanking(candidates.map { ($0, totals[$0] ?? 0) })
        case .irv:
            return instantRunoff(ballots).ranking
        case .schulze:
            return schulze(ballots).ranking
        }
    }

    /// Schulze: `d[i][j]` counts ballots ranking i above j (a ranked candidate is above every
    /// unranked one; unranked candidates are equal); path strengths by the widest-path
    /// Floyd–Warshall; i is ahead of j when `p[i][j] > p[j][i]`. That relation is a weak order,
    /// so the number of candidates a candidate beats ranks it, and equal counts are ties.
    func schulze(_ ballots: [Ballot]) -> (strengths: SchulzeStrengths, ranking: [RankedResult]) {
        let n = candidates.count
        var d = Array(repeating: Array(repeating: 0, count: n), count: n)
        for ballot in ballots {
            var place = Array(repeating: Int.max, count: n)
            for (k, idea) in preferenceOrder(ballot).enumerated() {
                if let i = candidates.firstIndex(of: idea) { place[i] = k }
            }
            for i in 0..<n { for j in 0..<n where i != j && place[i] < place[j] { d[i][j] += 1 } }
        }
        var p = Array(repeating: Array(repeating: 0, count: n), count: n)
        for i in 0..<n { for j in 0..<n where i != j && d[i][j] > d[j][i] { p[i][j] = d[i][j] } }
        for k in 0..<n {
            for i in 0..<n where i != k {
                for j in 0..<n where j != i && j != k {
                    p[i][j] = max(p[i][j], min(p[i][k], p[k][j]))
                }
            }
        }
        let beaten = (0..<n).map { i in (0..<n).filter { j in j != i && p[i][j] > p[j][i] }.count }
        return (SchulzeStrengths(candidates: candidates, pairwise: d, strongest: p),
                competitionRanking((0..<n).map { (candidates[$0], beaten[$0]) }))
    }
}
