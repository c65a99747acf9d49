// Votes in words, the same on the screens, the command line and the reports, in the current
// language (`Language.current`).
import QuipuCore

/// A result's score with what it counts, singular or plural: `1 dot`, `3 approvals`,
/// `1 candidate beaten`, `2 votes in last round`.
public func scoreText(_ score: Int, _ method: VoteMethod) -> String {
    switch method {
    case .dot: trn("{n} dot", "{n} dots", count: score)
    case .approval: trn("{n} approval", "{n} approvals", count: score)
    case .score: trn("{n} point", "{n} points", count: score)
    case .borda: trn("{n} Borda point", "{n} Borda points", count: score)
    case .irv: trn("{n} vote in last round", "{n} votes in last round", count: score)
    case .schulze: trn("{n} candidate beaten", "{n} candidates beaten", count: score)
    }
}

/// The method's name in the current language: `dot vote`, `instant runoff (IRV)`…
public func methodTitle(_ method: VoteMethod) -> String { method.name.localized }

/// What a result's score counts, as a column heading: `Dots`, `Borda points`…
public func scoreHeading(_ method: VoteMethod) -> String {
    switch method {
    case .dot: tr("Dots")
    case .approval: tr("Approvals")
    case .score: tr("Points")
    case .borda: tr("Borda points")
    case .irv: tr("Votes in last round")
    case .schulze: tr("Candidates beaten")
    }
}

/// What a result's score counts, within a sentence: `dots`, `Borda points`…
public func scoreName(_ method: VoteMethod) -> String { method.scoreNameMessage.localized }

/// The tie-break rule in words: `the facilitator decides`.
public func tieBreakSentence(_ rule: TieBreak) -> String { rule.sentenceMessage.localized }

/// The declared options in words: `3 dots per member, at most 2 per item, results hidden until close`.
public func voteOptionsText(_ v: Vote) -> String {
    v.options.map(\.localized).joined(separator: tr(", ", context: "between items of a list"))
}

/// One instant-runoff round after its number, with why it ended as it did:
/// `I1 3 · I2 2 · I3 2 · exhausted 1 → out: I3 (tie for last with I2 broken by round 1 counts)`.
public func irvRoundText(_ round: IRVRound) -> String {
    var line = round.votes.map { "\($0.idea) \(formatNumber($0.points))" }.joined(separator: " · ")
    if round.exhausted > 0 { line += " · " + tr("exhausted {n}", ["n": round.exhausted]) }
    let out = round.eliminated.joined(separator: ", ")
    func tiedFirst() -> String {
        round.winners.count == 1 ? tr("{idea} wins", ["idea": round.winners[0]])
            : tr("tied for first: {ideas}", ["ideas": joinedList(round.winners)])
    }
    func others(_ tied: [String]) -> String { joinedList(tied.filter { !round.eliminated.contains($0) }) }
    let why: String
    switch round.decision {
    case .majority, .allTied:
        why = tiedFirst()
    case .fewest:
        why = tr("out: {ideas}", ["ideas": out])
    case .together:
        let between = round.votes.filter { round.eliminated.contains($0.idea) }.reduce(0) { $0 + $1.points }
        let next = round.votes.filter { !round.eliminated.contains($0.idea) }.map(\.points).min() ?? 0
        why = trn("out together: {ideas} ({n} vote between them, fewer than the next candidate's {next})",
                  "out together: {ideas} ({n} votes between them, fewer than the next candidate's {next})",
                  count: between, ["ideas": out, "next": next])
    case let .tieBrokenByRound(tied, number):
        why = tr("out: {ideas} (tie for last with {others} broken by round {round} counts)",
                 ["ideas": out, "others": others(tied), "round": number])
    case let .tieWithoutEffect(tied):
        why = round.eliminated.count > 1
            ? tr("out together: {ideas} (tied for last; the winner is the same whichever goes out)", ["ideas": out])
            : tr("out: {ideas} (tied for last with {others}; the winner is the same whichever goes out)",
                 ["ideas": out, "others": others(tied)])
    case let .tieUnbroken(tied, outcomes):
        let ways = outcomes.map { o in
            o.winners.count == 1 ? tr("with {out} out {idea} wins", ["out": o.out, "idea": o.winners[0].idea])
                : tr("with {out} out {ideas} tie", ["out": o.out, "ideas": joinedList(o.winners.map(\.idea))])
        }
        let comma = tr(", ", context: "between items of a list")
        why = ways.isEmpty
            ? tr("tie for last between {ideas} that no earlier round breaks; {outcome}", ["ideas": joinedList(tied), "outcome": tiedFirst()])
            : tr("tie for last between {ideas} that no earlier round breaks: {outcomes}",
                 ["ideas": joinedList(tied), "outcomes": ways.joined(separator: comma)])
    }
    return line + " → " + why
}

extension Vote {
    /// Turnout: binding ballots over eligible members, to the nearest percent (half up: 2 of 3
    /// is 67%, 1 of 8 is 13%): `7 of 8 eligible members voted (88%)`, `1 of 1 eligible member
    /// voted (100%)`.
    public var turnoutText: String {
        let n = bindingBallots.count
        guard !eligible.isEmpty else { return trn("{n} ballot; no members were eligible", "{n} ballots; no members were eligible", count: n) }
        let percent = (n * 200 + eligible.count) / (eligible.count * 2)
        return trn("{voted} of {n} eligible member voted ({percent}%)", "{voted} of {n} eligible members voted ({percent}%)",
                   count: eligible.count, ["voted": n, "percent": percent])
    }
}
