import Testing
import PropertyBased
@testable import QuipuCore

/// A vote value with ranked ballots, for tallies worked by hand.
private func rankedVote(_ method: VoteMethod, candidates: [String], ballots: [[String]]) -> Vote {
    var vote = Vote(id: "V1", method: method, candidates: candidates, eligible: ballots.indices.map { "P\($0 + 1)" })
    vote.ballots = ballots.enumerated().map { i, order in
        Ballot(by: "P\(i + 1)", choices: order.enumerated().map { Ballot.Choice(idea: $0.element, points: $0.offset + 1) })
    }
    return vote
}

private func ranks(_ results: [RankedResult]) -> [String: Int] {
    Dictionary(uniqueKeysWithValues: results.map { ($0.idea, $0.rank) })
}

private func scores(_ results: [RankedResult]) -> [String: Int] {
    Dictionary(uniqueKeysWithValues: results.map { ($0.idea, $0.score) })
}

@Suite("Vote methods")
struct VoteMethodTests {
    // The classic Tennessee capital election: 100 voters, four cities.
    // M = Memphis, N = Nashville, C = Chattanooga, K = Knoxville.
    static let cities = ["M", "N", "C", "K"]
    static let tennessee: [[String]] =
        Array(repeating: ["M", "N", "C", "K"], count: 42) + Array(repeating: ["N", "C", "K", "M"], count: 26)
        + Array(repeating: ["C", "K", "N", "M"], count: 15) + Array(repeating: ["K", "C", "N", "M"], count: 17)

    @Test func tennesseePluralityPicksMemphis() {
        // Plurality is a one-dot vote: each voter's dot on their first choice.
        var vote = Vote(id: "V1", method: .dot, dotsPerMember: 1, candidates: Self.cities, eligible: [])
        vote.ballots = Self.tennessee.enumerated().map { Ballot(by: "P\($0.offset)", choices: [.init(idea: $0.element[0], points: 1)]) }
        #expect(vote.results.map(\.idea) == ["M", "N", "K", "C"])
        #expect(vote.results.map(\.score) == [42, 26, 17, 15])
    }

    @Test func tennesseeBordaPicksNashville() {
        let vote = rankedVote(.borda, candidates: Self.cities, ballots: Self.tennessee)
        // M: 42×3 = 126; N: 42×2 + 26×3 + 15 + 17 = 194; C: 42 + 26×2 + 15×3 + 17×2 = 173; K: 26 + 15×2 + 17×3 = 107.
        #expect(vote.results == [RankedResult(idea: "N", score: 194, rank: 1), RankedResult(idea: "C", score: 173, rank: 2),
                                 RankedResult(idea: "M", score: 126, rank: 3), RankedResult(idea: "K", score: 107, rank: 4)])
    }

    @Test func tennesseeInstantRunoffPicksKnoxville() {
        let vote = rankedVote(.irv, candidates: Self.cities, ballots: Self.tennessee)
        let rounds = vote.irvRounds
        #expect(rounds.count == 3)
        #expect(rounds[0].votes.map(\.points) == [42, 26, 15, 17])
        #expect(rounds[0].eliminated == ["C"])
        #expect(rounds[1].votes.map(\.idea) == ["M", "N", "K"])
        #expect(rounds[1].votes.map(\.points) == [42, 26, 32])
        #expect(rounds[1].eliminated == ["N"])
        #expect(rounds[2].votes.map(\.points) == [42, 58])
        #expect(rounds[2].winners == ["K"])
        #expect(vote.results.map(\.idea) == ["K", "M", "N", "C"])
        #expect(vote.results.map(\.rank) == [1, 2, 3, 4])
    }

    @Test func tennesseeSchulzePicksTheCondorcetWinnerNashville() throws {
        let vote = rankedVote(.schulze, candidates: Self.cities, ballots: Self.tennessee)
        let m = try #require(vote.schulzeStrengths)
        // Rows over columns in candidate order M, N, C, K.
        #expect(m.pairwise == [[0, 42, 42, 42], [58, 0, 68, 68], [58, 32, 0, 83], [58, 32, 17, 0]])
        #expect(m.strongest == [[0, 0, 0, 0], [58, 0, 68, 68], [58, 0, 0, 83], [58, 0, 0, 0]])
        #expect(vote.results.map(\.idea) == ["N", "C", "K", "M"])
        #expect(vote.results.map(\.score) == [3, 2, 1, 0])
    }

    // MARK: Ties, method by method

    @Test func approvalTiesShareARank() {
        var vote = Vote(id: "V1", method: .approval, candidates: ["A", "B", "C"], eligible: ["P1", "P2"])
        vote.ballots = [Ballot(by: "P1", choices: [.init(idea: "A", points: 1), .init(idea: "B", points: 1)]),
                        Ballot(by: "P2", choices: [.init(idea: "B", points: 1), .init(idea: "A", points: 1)])]
        #expect(ranks(vote.results) == ["A": 1, "B": 1, "C": 3])
        #expect(vote.tiedLeaders == ["A", "B"])
    }

    @Test func scoreTiesShareARank() {
        var vote = Vote(id: "V1", method: .score, candidates: ["A", "B", "C"], eligible: ["P1", "P2"])
        vote.ballots = [Ballot(by: "P1", choices: [.init(idea: "A", points: 5), .init(idea: "B", points: 2), .init(idea: "C", points: 0)]),
                        Ballot(by: "P2", choices: [.init(idea: "A", points: 1), .init(idea: "B", points: 4)])]
        #expect(scores(vote.results) == ["A": 6, "B": 6, "C": 0])
        #expect(ranks(vote.results) == ["A": 1, "B": 1, "C": 3])
    }

    @Test func bordaTiesAndTruncatedBallots() {
        // m = 3: first choice 2 points, second 1, unranked 0.
        let vote = rankedVote(.borda, candidates: ["A", "B", "C"], ballots: [["A"], ["B"], ["C", "A"]])
        #expect(scores(vote.results) == ["A": 3, "B": 2, "C": 2])
        #expect(ranks(vote.results) == ["A": 1, "B": 2, "C": 2])
    }

    @Test func instantRunoffPutsOutATieThatChangesNothingTogetherAndLetsAFinalTieStand() {
        // Round 1: A 2, B 2, C 1, D 1 → C and D tie for last; their 2 votes reach A's and B's 2,
        // but whichever goes out (or both), A and B end level: C and D go out together.
        // Round 2: A 2, B 2 → everyone left is level: a tie for first, for the tie-break to settle.
        let vote = rankedVote(.irv, candidates: ["A", "B", "C", "D"], ballots: [["A"], ["A"], ["B"], ["B"], ["C"], ["D"]])
        let rounds = vote.irvRounds
        #expect(rounds.count == 2)
        #expect(rounds[0].eliminated == ["C", "D"])
        #expect(rounds[0].decision == .tieWithoutEffect(tied: ["C", "D"]))
        #expect(rounds[1].exhausted == 2)
        #expect(rounds[1].winners == ["A", "B"])
        #expect(rounds[1].decision == .allTied)
        #expect(ranks(vote.results) == ["A": 1, "B": 1, "C": 3, "D": 3])
        #expect(vote.tiedLeaders == ["A", "B"])
    }

    @Test func instantRunoffTransfersTruncatedBallotsOnlyAsFarAsTheyGo() {
        // Round 1: A 4, B 3, C 2 (of 9) → no majority; C out alone; its C>A ballot moves to A and
        // its C ballot exhausts: round 2 A 5 of the 8 continuing wins.
        let vote = rankedVote(.irv, candidates: ["A", "B", "C"],
                              ballots: Array(repeating: ["A"], count: 4) + Array(repeating: ["B"], count: 3) + [["C", "A"], ["C"]])
        #expect(vote.irvRounds.count == 2)
        #expect(vote.irvRounds[0].eliminated == ["C"])
        #expect(vote.irvRounds[1].votes == [.init(idea: "A", points: 5), .init(idea: "B", points: 3)])
        #expect(vote.irvRounds[1].exhausted == 1)
        #expect(vote.results.first == RankedResult(idea: "A", score: 5, rank: 1))
        // A 3, B 2, C 2: B and C tie for last with 4 between them. B out: its B>C ballot moves to
        // C, its B ballot exhausts, A 3 and C 3 level. C out: C>A moves to A, A 4 of 6 wins.
        let tied = rankedVote(.irv, candidates: ["A", "B", "C"],
                              ballots: [["A"], ["A"], ["A"], ["B", "C"], ["B"], ["C", "A"], ["C"]])
        #expect(tied.irvRounds.count == 1)
        #expect(tied.irvRounds[0].decision == .tieUnbroken(tied: ["B", "C"], outcomes: [
            IRVOutcome(out: "B", winners: [.init(idea: "A", points: 3), .init(idea: "C", points: 3)]),
            IRVOutcome(out: "C", winners: [.init(idea: "A", points: 4)]),
        ]))
        #expect(tied.tiedLeaders == ["A", "C"])
    }

    @Test func schulzeTiesAndCycles() {
        let even = rankedVote(.schulze, candidates: ["A", "B"], ballots: [["A", "B"], ["B", "A"]])
        #expect(ranks(even.results) == ["A": 1, "B": 1])
        // A perfect rock-paper-scissors cycle: every path is as strong as its reverse.
        let cycle = rankedVote(.schulze, candidates: ["A", "B", "C"], ballots: [["A", "B", "C"], ["B", "C", "A"], ["C", "A", "B"]])
        #expect(ranks(cycle.results) == ["A": 1, "B": 1, "C": 1])
        // Truncated: ranked candidates beat unranked ones; unranked are level with each other.
        let truncated = rankedVote(.schulze, candidates: ["A", "B", "C"], ballots: [["A"], ["A"], ["B"]])
        #expect(truncated.schulzeStrengths?.pairwise == [[0, 2, 2], [1, 0, 1], [0, 0, 0]])
        #expect(truncated.results.map(\.idea) == ["A", "B", "C"])
        #expect(truncated.results.map(\.rank) == [1, 2, 3])
    }

    // MARK: Properties

    /// Ballots drawn from numbers: each picks one of the 24 orders of four candidates and how many to rank.
    static func ballots(from numbers: [Int]) -> [[String]] {
        numbers.map { n in
            var pool = cities
            var order: [String] = []
            var code = n % 24
            for radix in stride(from: 4, through: 1, by: -1) {
                order.append(pool.remove(at: code % radix))
                code /= radix
            }
            return Array(order.prefix(n / 24 + 1))
        }
    }

    @Test func rankingXFirstNeverLowersXsBordaScore() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...95).array(of: 1...12)) { numbers in
            let ballots = Self.ballots(from: numbers)
            let before = scores(rankedVote(.borda, candidates: Self.cities, ballots: ballots).results)
            for x in Self.cities {
                var changed = ballots
                changed[0] = [x] + changed[0].filter { $0 != x }
                let after = scores(rankedVote(.borda, candidates: Self.cities, ballots: changed).results)
                #expect(after[x]! >= before[x]!)
            }
        }
    }

    @Test func schulzePicksTheCondorcetWinnerWheneverOneExists() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...95).array(of: 1...15)) { numbers in
            let vote = rankedVote(.schulze, candidates: Self.cities, ballots: Self.ballots(from: numbers))
            let d = vote.schulzeStrengths!.pairwise
            let n = Self.cities.count
            guard let w = (0..<n).first(where: { i in (0..<n).allSatisfy { j in j == i || d[i][j] > d[j][i] } }) else { return }
            #expect(vote.results.filter { $0.rank == 1 }.map(\.idea) == [Self.cities[w]])
        }
    }

    @Test func instantRunoffAlwaysHasAWinnerAndRanksAreCompetitionRanks() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...95).array(of: 0...12)) { numbers in
            let vote = rankedVote(.irv, candidates: Self.cities, ballots: Self.ballots(from: numbers))
            let results = vote.results
            #expect(results.first?.rank == 1)
            #expect(Set(results.map(\.idea)) == Set(Self.cities))
            for (i, r) in results.enumerated() {
                #expect(r.rank == i + 1 || r.rank == results[i - 1].rank)
            }
            #expect(vote.irvRounds.last?.winners.isEmpty == false)
        }
    }
}

extension VoteMethodTests {
    @Test func aSchulzeCycleIsATieForFirst() {
        let cycle = rankedVote(.schulze, candidates: ["A", "B", "C"], ballots: [["A", "B", "C"], ["B", "C", "A"], ["C", "A", "B"]])
        #expect(cycle.tiedLeaders == ["A", "B", "C"])
        #expect(rankedVote(.schulze, candidates: ["A", "B"], ballots: []).tiedLeaders == [])
    }
}

// MARK: Ties for last in an instant runoff

extension VoteMethodTests {
    @Test func aTieForLastThatCouldReachTheNextIsNotEliminatedTogether() {
        // Issue 14: I1×3, I2 I3×2, I3 I2×2. Round 1: I1 3, I2 2, I3 2. Eliminating I2 and I3
        // together declared I1 (3 of 7), though either would beat I1 4–3. Their 4 votes reach
        // I1's 3, so they cannot go together; no earlier round separates them, and which goes
        // out decides the winner: I2 and I3 are tied for first.
        let vote = rankedVote(.irv, candidates: ["I1", "I2", "I3"],
                              ballots: Array(repeating: ["I1"], count: 3) + Array(repeating: ["I2", "I3"], count: 2)
                                  + Array(repeating: ["I3", "I2"], count: 2))
        let rounds = vote.irvRounds
        #expect(rounds.count == 1)
        #expect(rounds[0].eliminated == [])
        #expect(rounds[0].winners == ["I2", "I3"])
        #expect(rounds[0].decision == .tieUnbroken(tied: ["I2", "I3"], outcomes: [
            IRVOutcome(out: "I2", winners: [.init(idea: "I3", points: 4)]),
            IRVOutcome(out: "I3", winners: [.init(idea: "I2", points: 4)]),
        ]))
        #expect(vote.tiedLeaders == ["I2", "I3"])
        #expect(ranks(vote.results) == ["I2": 1, "I3": 1, "I1": 3])
        #expect(scores(vote.results) == ["I2": 4, "I3": 4, "I1": 3])
    }

    @Test func aTieForLastIsBrokenByTheLatestEarlierRoundWhereTheyDiffer() {
        // Round 1: A 4, B 3, C 2, D 1 → D out alone (1 < 2), its ballot goes to C.
        // Round 2: A 4, B 3, C 3 → B and C tie for last (6 reach A's 4); in round 1 C had
        // fewer (2 against 3), so C goes; C's ballots go to B. Round 3: A 4, B 6 → B wins.
        let ballots: [[String]] = Array(repeating: ["A"], count: 4) + Array(repeating: ["B"], count: 3)
            + Array(repeating: ["C", "B"], count: 2) + [["D", "C", "B"]]
        let vote = rankedVote(.irv, candidates: ["A", "B", "C", "D"], ballots: ballots)
        let rounds = vote.irvRounds
        #expect(rounds.map(\.eliminated) == [["D"], ["C"], []])
        #expect(rounds[0].decision == .fewest)
        #expect(rounds[1].decision == .tieBrokenByRound(tied: ["B", "C"], round: 1))
        #expect(rounds[2].winners == ["B"])
        #expect(vote.results.map(\.idea) == ["B", "A", "C", "D"])
    }

    @Test func theLowestGoTogetherOnlyWhenTheirVotesTogetherCannotReachTheNext() {
        // Round 1: A 5, B 4, C 1, D 1: C and D have 2 between them, fewer than B's 4: both go.
        let vote = rankedVote(.irv, candidates: ["A", "B", "C", "D"],
                              ballots: Array(repeating: ["A"], count: 5) + Array(repeating: ["B"], count: 4) + [["C", "B"], ["D", "B"]])
        #expect(vote.irvRounds[0].eliminated == ["C", "D"])
        #expect(vote.irvRounds[0].decision == .together)
        #expect(vote.irvRounds[1].winners == ["B"])
        // Several lowest, not tied: B 0 + C 1 + D 2 = 3 is below A's and E's 5, so all three go
        // at once (no order among them could lift one past A or E).
        let batch = rankedVote(.irv, candidates: ["A", "B", "C", "D", "E"],
                               ballots: Array(repeating: ["A"], count: 5) + Array(repeating: ["E"], count: 5)
                                   + [["C", "A"], ["D", "A"], ["D"]])
        #expect(batch.irvRounds[0].eliminated == ["B", "C", "D"])
        #expect(batch.irvRounds[0].decision == .together)
        #expect(batch.irvRounds[1].votes == [.init(idea: "A", points: 7), .init(idea: "E", points: 5)])
    }
}

extension VoteMethodTests {
    /// Every winner plain instant runoff can give when each tie for the fewest votes may go any
    /// way: one candidate out a round, a majority of the continuing ballots wins, and a count
    /// where everyone left is level ends with all of them tied.
    static func possibleWinners(_ ballots: [[String]], _ continuing: [String]) -> Set<String> {
        var votes: [String: Int] = [:]
        for b in ballots { if let top = b.first(where: continuing.contains) { votes[top, default: 0] += 1 } }
        let counts = continuing.map { votes[$0] ?? 0 }
        let active = counts.reduce(0, +)
        if let i = counts.indices.first(where: { active > 0 && counts[$0] * 2 > active }) { return [continuing[i]] }
        let fewest = counts.min()!
        if counts.allSatisfy({ $0 == fewest }) { return Set(continuing) }
        var winners: Set<String> = []
        for i in continuing.indices where counts[i] == fewest {
            winners.formUnion(possibleWinners(ballots, continuing.filter { $0 != continuing[i] }))
        }
        return winners
    }

    @Test func instantRunoffNamesOnlyWinnersThatOneAtATimeEliminationCanGive() async {
        // Batch elimination and the tie rules may only narrow the outcomes of eliminating one
        // candidate at a time, never add one; and when that has one winner, so does the count.
        await propertyCheck(count: 400, input: Gen.int(in: 0...95).array(of: 0...14)) { numbers in
            let ballots = Self.ballots(from: numbers)
            let winners = Set(rankedVote(.irv, candidates: Self.cities, ballots: ballots).irvRounds.last?.winners ?? [])
            let possible = Self.possibleWinners(ballots, Self.cities)
            #expect(!winners.isEmpty)
            #expect(winners.isSubset(of: possible), "\(ballots): \(winners) beyond \(possible)")
            if possible.count == 1 { #expect(winners == possible, "\(ballots)") }
        }
    }

    @Test func theLastTwoAreSettledHeadToHeadNeverByATieRule() async {
        // With two candidates left, each ballot counts for the one it ranks higher: the one who
        // beats the other head to head wins, and if they are level both are tied for first. No
        // earlier round's counts put out a Condorcet winner of the last two.
        await propertyCheck(count: 400, input: Gen.int(in: 0...95).array(of: 0...14)) { numbers in
            let ballots = Self.ballots(from: numbers)
            let rounds = rankedVote(.irv, candidates: Self.cities, ballots: ballots).irvRounds
            for (i, round) in rounds.enumerated() where round.votes.count == 2 {
                let (a, b) = (round.votes[0].idea, round.votes[1].idea)
                func prefers(_ x: String, _ y: String) -> Int {
                    ballots.count { ballot in
                        guard let px = ballot.firstIndex(of: x) else { return false }
                        return ballot.firstIndex(of: y).map { px < $0 } ?? true
                    }
                }
                let (ab, ba) = (prefers(a, b), prefers(b, a))
                #expect(i == rounds.count - 1, "the last two end the count")
                #expect(round.eliminated.isEmpty)
                #expect(round.winners == (ab > ba ? [a] : ab < ba ? [b] : [a, b]), "\(ballots)")
            }
        }
    }
}
