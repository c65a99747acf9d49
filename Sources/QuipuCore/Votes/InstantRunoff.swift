/// Instant runoff (IRV): each ballot counts for its highest-ranked continuing candidate; a
/// candidate with more than half of the continuing ballots wins; otherwise candidates go out
/// until one does. Who goes out, round by round:
///
/// - the one candidate with the fewest votes (`fewest`);
/// - or the several lowest together, when their votes between them are fewer than the next
///   candidate's (`together`): no order of eliminating them one by one could lift any of them
///   past that candidate, so the result is the same as one at a time (safe batch elimination);
/// - candidates tied for the fewest whose votes together reach the next candidate's are never
///   put out together (that could name a winner whom either of them would beat): the one with
///   fewer votes in the latest earlier round where they differ goes (`tieBrokenByRound`);
/// - when no earlier round separates them, the count tries each of them going out. If the
///   winner is the same either way, the count goes on (`tieWithoutEffect`); if not, it stops:
///   every candidate who wins in one of those outcomes is tied for first (`tieUnbroken`), and
///   the vote's declared tie-break (`TieBreak`) settles that tie like any other.
///
/// When every continuing candidate has the same count they are tied for first (`allTied`): a tie
/// at the top is the tie-break's to settle, never earlier rounds'.
public struct IRVRound: Equatable, Sendable {
    /// Continuing candidates and their votes this round, in candidate order.
    public var votes: [Ballot.Choice]
    /// Ballots whose every ranked candidate has been eliminated.
    public var exhausted: Int
    /// Out at the end of this round, in candidate order.
    public var eliminated: [String]
    /// Set on the last round: the winner, or the candidates tied for first.
    public var winners: [String]
    /// Why the round ended as it did.
    public var decision: IRVDecision
}

/// How a round of an instant runoff ended (see `IRVRound`).
public enum IRVDecision: Equatable, Sendable {
    /// More than half of the continuing ballots: `winners` holds the one.
    case majority
    /// Every continuing candidate has the same count: they are tied for first.
    case allTied
    /// The one candidate with the fewest votes goes out.
    case fewest
    /// The lowest candidates go out together: their votes between them are fewer than the next
    /// candidate's.
    case together
    /// Tied for the fewest votes; the one with fewer in `round` (counted from 1), the latest
    /// earlier round where they differ, goes out.
    case tieBrokenByRound(tied: [String], round: Int)
    /// Tied for the fewest votes and no earlier round separates them, but the winner is the same
    /// whichever goes out.
    case tieWithoutEffect(tied: [String])
    /// Tied for the fewest votes, no earlier round separates them, and who goes out decides the
    /// winner: the count stops, and each outcome's winners are tied for first.
    case tieUnbroken(tied: [String], outcomes: [IRVOutcome])
}

/// What the rest of the count gives when one of the candidates tied for last goes out.
public struct IRVOutcome: Equatable, Sendable {
    public var out: String
    /// The winners then (several when that count ends in a tie), with their votes in its last round.
    public var winners: [Ballot.Choice]

    public init(out: String, winners: [Ballot.Choice]) {
        self.out = out
        self.winners = winners
    }
}

extension Vote {
    /// The rounds of an instant runoff over these ballots, and the ranking they give: later
    /// elimination ranks higher; within a round, more votes rank higher.
    func instantRunoff(_ ballots: [Ballot]) -> (rounds: [IRVRound], ranking: [RankedResult]) {
        var count = RunoffCount(orders: ballots.map(preferenceOrder))
        let rounds = count.rounds(from: candidates, after: [])
        return (rounds, runoffRanking(rounds))
    }

    private func runoffRanking(_ rounds: [IRVRound]) -> [RankedResult] {
        // How far each candidate got (round index), the votes that order it there, and its score.
        var reached: [String: (round: Int, order: Int, score: Int)] = [:]
        for (i, round) in rounds.enumerated() {
            for c in round.votes { reached[c.idea] = (i, c.points, c.points) }
        }
        if let last = rounds.last, last.decision != .allTied {
            // The winners (of each outcome, when the count stopped at a tie) rank above everyone
            // else in the last round, level with each other, scored (and listed) by their votes
            // when they won.
            for w in RunoffCount.finalScores(rounds) { reached[w.idea] = (rounds.count, 0, w.points) }
        }
        let keyed = candidates.map { ($0, reached[$0] ?? (0, 0, 0)) }
        let sorted = keyed.enumerated().sorted { a, b in
            let (x, y) = (a.element.1, b.element.1)
            if x.round != y.round { return x.round > y.round }
            if x.order != y.order { return x.order > y.order }
            if x.score != y.score { return x.score > y.score }
            return a.offset < b.offset
        }.map(\.element)
        var ranking: [RankedResult] = []
        for (i, entry) in sorted.enumerated() {
            let prev = i > 0 ? sorted[i - 1].1 : nil
            let rank = prev.map { $0.round == entry.1.round && $0.order == entry.1.order } == true ? ranking[i - 1].rank : i + 1
            ranking.append(RankedResult(idea: entry.0, score: entry.1.score, rank: rank))
        }
        return ranking
    }
}

/// One instant-runoff count over ballots already reduced to their preference orders.
struct RunoffCount {
    let orders: [[String]]
    /// Rounds the count may still take. Trying each candidate of an unbroken tie for last counts
    /// the rest afresh, and ties inside those counts multiply; no real vote comes near this, and
    /// past it an unbroken tie gives every continuing candidate as a possible winner, which is
    /// never narrower than the truth.
    private var budget = 5_000

    init(orders: [[String]]) { self.orders = orders }

    /// The rounds after `history`, starting with `start` continuing; returns `history` and them.
    mutating func rounds(from start: [String], after history: [IRVRound]) -> [IRVRound] {
        var continuing = start
        var rounds = history
        while !continuing.isEmpty {
            budget -= 1
            var round = tally(continuing)
            let counted = round.votes
            let active = counted.reduce(0) { $0 + $1.points }
            if let leader = counted.max(by: { $0.points < $1.points }), active > 0, leader.points * 2 > active {
                round.winners = [leader.idea]
                round.decision = .majority
                return rounds + [round]
            }
            let fewest = counted.map(\.points).min() ?? 0
            if counted.allSatisfy({ $0.points == fewest }) {
                round.winners = continuing
                round.decision = .allTied
                return rounds + [round]
            }
            // The largest group of lowest candidates whose votes together stay below the next one's.
            let ascending = counted.enumerated().sorted {
                $0.element.points != $1.element.points ? $0.element.points < $1.element.points : $0.offset < $1.offset
            }.map(\.element)
            var group = 0, below = 0
            for k in 1..<ascending.count {
                below += ascending[k - 1].points
                if below < ascending[k].points { group = k }
            }
            if group > 0 {
                let out = Set(ascending.prefix(group).map(\.idea))
                round.eliminated = continuing.filter(out.contains)
                round.decision = group == 1 ? .fewest : .together
            } else {
                let tied = counted.filter { $0.points == fewest }.map(\.idea)
                let (left, brokenBy) = Self.breakByEarlierRounds(tied, rounds)
                if let brokenBy {
                    round.eliminated = left
                    round.decision = .tieBrokenByRound(tied: tied, round: brokenBy)
                } else {
                    return rounds + settle(left, in: round, continuing: continuing, after: rounds)
                }
            }
            rounds.append(round)
            continuing.removeAll { round.eliminated.contains($0) }
        }
        return rounds
    }

    /// A tie for last that no earlier round breaks: the rounds from `round` on.
    private mutating func settle(_ tied: [String], in round: IRVRound, continuing: [String],
                                 after earlier: [IRVRound]) -> [IRVRound] {
        var stopped = round
        stopped.winners = continuing
        stopped.decision = .tieUnbroken(tied: tied, outcomes: [])
        guard budget > 0 else { return [stopped] }
        let branches = tied.map { out -> [IRVRound] in
            var r = round
            r.eliminated = [out]
            return Array(rounds(from: continuing.filter { $0 != out }, after: earlier + [r]).dropFirst(earlier.count))
        }
        let outcomes = zip(tied, branches).map { IRVOutcome(out: $0, winners: Self.finalScores($1)) }
        let winnerSets = outcomes.map { Set($0.winners.map(\.idea)) }
        if winnerSets.allSatisfy({ $0 == winnerSets[0] }) {
            // Whoever goes out, the same winner: go on, all of them out at once if that too gives
            // that winner (they then share a place), else the first of them.
            var together = round
            together.eliminated = tied
            together.decision = .tieWithoutEffect(tied: tied)
            let rest = Array(rounds(from: continuing.filter { !tied.contains($0) }, after: earlier + [together])
                .dropFirst(earlier.count))
            if Set(Self.finalScores(rest).map(\.idea)) == winnerSets[0] { return rest }
            var first = branches[0]
            first[0].decision = .tieWithoutEffect(tied: tied)
            return first
        }
        let possible = winnerSets.reduce(Set<String>()) { $0.union($1) }
        stopped.winners = continuing.filter(possible.contains)
        stopped.decision = .tieUnbroken(tied: tied, outcomes: outcomes)
        return [stopped]
    }

    /// Each ballot for its highest-ranked continuing candidate.
    private func tally(_ continuing: [String]) -> IRVRound {
        var votes: [String: Int] = [:]
        var exhausted = 0
        for order in orders {
            if let top = order.first(where: continuing.contains) { votes[top, default: 0] += 1 } else { exhausted += 1 }
        }
        return IRVRound(votes: continuing.map { Ballot.Choice(idea: $0, points: votes[$0] ?? 0) }, exhausted: exhausted,
                        eliminated: [], winners: [], decision: .allTied)
    }

    /// Goes back through the earlier rounds, latest first, keeping those of `tied` with the fewest
    /// votes in each round where they differ; stops when one is left. Returns who is left and the
    /// round (from 1) that left one, or nil when none did.
    static func breakByEarlierRounds(_ tied: [String], _ earlier: [IRVRound]) -> ([String], Int?) {
        var left = tied
        for (i, round) in earlier.enumerated().reversed() {
            let counts = left.map { c in round.votes.first { $0.idea == c }?.points ?? 0 }
            guard let low = counts.min() else { break }
            left = zip(left, counts).filter { $0.1 == low }.map(\.0)
            if left.count == 1 { return (left, i + 1) }
        }
        return (left, nil)
    }

    /// The winners of a count and their votes when they won; for a count stopped at an unbroken
    /// tie, each outcome's winners (their first outcome's votes).
    static func finalScores(_ rounds: [IRVRound]) -> [Ballot.Choice] {
        guard let last = rounds.last else { return [] }
        if case let .tieUnbroken(_, outcomes) = last.decision, !outcomes.isEmpty {
            var scores: [Ballot.Choice] = []
            for w in last.winners {
                if let won = outcomes.lazy.flatMap(\.winners).first(where: { $0.idea == w }) { scores.append(won) }
            }
            return scores
        }
        return last.votes.filter { last.winners.contains($0.idea) }
    }
}
