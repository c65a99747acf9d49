// Votes in words, the same on the screens, the command line and the reports.
import QuipuCore

/// `I2 and I3`, `I1, I2 and I4`.
public func listed(_ items: [String]) -> String {
    items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
}

/// A result's score with what it counts, singular or plural: `1 dot`, `3 approvals`,
/// `1 candidate beaten`, `2 votes in last round`.
public func scoreText(_ score: Int, _ method: VoteMethod) -> String {
    switch method {
    case .dot: plural(score, "dot")
    case .approval: plural(score, "approval")
    case .score: plural(score, "point")
    case .borda: plural(score, "Borda point")
    case .irv: plural(score, "vote") + " in last round"
    case .schulze: (score == 1 ? "1 candidate" : "\(score) candidates") + " beaten"
    }
}

/// One instant-runoff round after its number, with why it ended as it did:
/// `I1 3 · I2 2 · I3 2 · exhausted 1 → out: I3 (tie for last with I2 broken by round 1 counts)`.
public func irvRoundText(_ round: IRVRound) -> String {
    var line = round.votes.map { "\($0.idea) \($0.points)" }.joined(separator: " · ")
    if round.exhausted > 0 { line += " · exhausted \(round.exhausted)" }
    let out = round.eliminated.joined(separator: ", ")
    func tiedFirst() -> String { round.winners.count == 1 ? "\(round.winners[0]) wins" : "tied for first: \(listed(round.winners))" }
    func others(_ tied: [String]) -> String { listed(tied.filter { !round.eliminated.contains($0) }) }
    let why: String
    switch round.decision {
    case .majority, .allTied:
        why = tiedFirst()
    case .fewest:
        why = "out: \(out)"
    case .together:
        let between = round.votes.filter { round.eliminated.contains($0.idea) }.reduce(0) { $0 + $1.points }
        let next = round.votes.filter { !round.eliminated.contains($0.idea) }.map(\.points).min() ?? 0
        why = "out together: \(out) (\(plural(between, "vote")) between them, fewer than the next candidate's \(next))"
    case let .tieBrokenByRound(tied, number):
        why = "out: \(out) (tie for last with \(others(tied)) broken by round \(number) counts)"
    case let .tieWithoutEffect(tied):
        why = round.eliminated.count > 1
            ? "out together: \(out) (tied for last; the winner is the same whichever goes out)"
            : "out: \(out) (tied for last with \(others(tied)); the winner is the same whichever goes out)"
    case let .tieUnbroken(tied, outcomes):
        let ways = outcomes.map { o in
            "with \(o.out) out " + (o.winners.count == 1 ? "\(o.winners[0].idea) wins" : "\(listed(o.winners.map(\.idea))) tie")
        }
        why = "tie for last between \(listed(tied)) that no earlier round breaks"
            + (ways.isEmpty ? "; " + tiedFirst() : ": " + ways.joined(separator: ", "))
    }
    return line + " → " + why
}

extension Vote {
    /// Turnout: binding ballots over eligible members, to the nearest percent (half up: 2 of 3
    /// is 67%, 1 of 8 is 13%): `7 of 8 eligible members voted (88%)`, `1 of 1 eligible member
    /// voted (100%)`.
    public var turnoutText: String {
        let n = bindingBallots.count
        guard !eligible.isEmpty else { return "\(plural(n, "ballot")); no members were eligible" }
        return "\(n) of \(plural(eligible.count, "eligible member")) voted (\((n * 200 + eligible.count) / (eligible.count * 2))%)"
    }
}
