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

    @Test func instantRunoffEliminatesTheTiedTogetherAndLetsAFinalTieStand() {
        // Round 1: A 2, B 2, C 1, D 1 → C and D out together; their truncated ballots exhaust.
        // Round 2: A 2, B 2 → eliminating the fewest would eliminate everyone, so both win.
        let vote = rankedVote(.irv, candidates: ["A", "B", "C", "D"], ballots: [["A"], ["A"], ["B"], ["B"], ["C"], ["D"]])
        let rounds = vote.irvRounds
        #expect(rounds.count == 2)
        #expect(rounds[0].eliminated == ["C", "D"])
        #expect(rounds[1].exhausted == 2)
        #expect(rounds[1].winners == ["A", "B"])
        #expect(ranks(vote.results) == ["A": 1, "B": 1, "C": 3, "D": 3])
        #expect(vote.tiedLeaders == ["A", "B"])
    }

    @Test func instantRunoffTransfersTruncatedBallotsOnlyAsFarAsTheyGo() {
        // Round 1: A 3, B 2, C 2 (of 7) → no majority; B and C tie for fewest and go together;
        // the B>C ballots exhaust, the C>A ballot moves to A: round 2 A 4 wins.
        let vote = rankedVote(.irv, candidates: ["A", "B", "C"],
                              ballots: [["A"], ["A"], ["A"], ["B", "C"], ["B"], ["C", "A"], ["C"]])
        #expect(vote.irvRounds.count == 2)
        #expect(vote.irvRounds[0].eliminated == ["B", "C"])
        #expect(vote.irvRounds[1].votes == [.init(idea: "A", points: 4)])
        #expect(vote.irvRounds[1].exhausted == 3)
        #expect(vote.results.first == RankedResult(idea: "A", score: 4, rank: 1))
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
