/// One candidate's place in a vote's results.
public struct RankedResult: Equatable, Sendable {
    public var idea: String
    public var score: Int
    /// Standard competition ranking: tied candidates share a place and the next place is skipped
    /// (1, 1, 3).
    public var rank: Int
}

/// Ranks candidates by score, highest first; ties share a rank (1, 1, 3). Candidates with equal
/// scores keep the order they were listed in, which is not a tie-break: their rank is the same.
public func competitionRanking(_ scores: [(idea: String, score: Int)]) -> [RankedResult] {
    let sorted = scores.enumerated().sorted { a, b in
        a.element.score != b.element.score ? a.element.score > b.element.score : a.offset < b.offset
    }.map(\.element)
    var results: [RankedResult] = []
    for (position, entry) in sorted.enumerated() {
        let rank = position > 0 && sorted[position - 1].score == entry.score ? results[position - 1].rank : position + 1
        results.append(RankedResult(idea: entry.idea, score: entry.score, rank: rank))
    }
    return results
}

extension Vote {
    /// Results from the binding ballots of eligible members, plus any show-of-hands counts.
    public var results: [RankedResult] { rank(bindingBallots, includeHands: true) }
    /// Results from everyone else's ballots (observers), reported apart.
    public var nonBindingResults: [RankedResult] { rank(nonBindingBallots, includeHands: false) }

    /// Anyone's vote counts in the results: a binding ballot, or a show of hands above zero.
    public var hasVotes: Bool { !bindingBallots.isEmpty || handTotals().values.contains(where: { $0 > 0 }) }

    /// The candidates sharing first place, in candidate order, when more than one does and anyone voted.
    public var tiedLeaders: [String] {
        // Nobody voted: nothing is tied. (A Schulze cycle can tie everyone at score 0.)
        guard hasVotes else { return [] }
        let first = Set(results.filter { $0.rank == 1 }.map(\.idea))
        return first.count > 1 ? candidates.filter(first.contains) : []
    }

    /// Who is first once the tie-break is applied: the facilitator's choice when the leaders tie
    /// and it was recorded, otherwise every candidate ranked first (none when nobody voted).
    public var leaders: [String] {
        guard hasVotes else { return [] }
        if let decision, tiedLeaders.contains(decision.idea) { return [decision.idea] }
        return results.filter { $0.rank == 1 }.map(\.idea)
    }
}
