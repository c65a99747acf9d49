import Testing
import PropertyBased
@testable import QuipuCore

@Suite("Dot voting")
struct VotingTests {
    /// Three members present, one absent member, one observer; three areas.
    func room() -> Harness {
        var h = Harness()
        _ = h.addMember("Ana")      // P1
        _ = h.addMember("Ben")      // P2
        _ = h.addMember("Carla")    // P3
        _ = h.addMember("Dmitri")   // P4, absent when the vote opens
        _ = h.addMember("Olga", observer: true) // P5
        try! h.run(.setParticipant(who: "P4", present: false, observer: nil))
        _ = h.addArea("Water committees") // I1
        _ = h.addArea("Glacier monitoring") // I2
        _ = h.addArea("Payment for ecosystem services") // I3
        return h
    }

    @Test func theEligibleListIsFrozenAtOpening() throws {
        var h = room()
        try h.run(.openVote(method: .dot, dots: 3, maxPerItem: 2, candidates: nil))
        let vote = try #require(h.state.openVote)
        #expect(vote.candidates == ["I1", "I2", "I3"])
        #expect(vote.eligible == ["P1", "P2", "P3"])
        try h.run(.setParticipant(who: "P4", present: true, observer: nil))
        #expect(h.refusal(.castBallot(vote: nil, by: "Dmitri", choices: [.init(idea: "I1", points: 1)]))
            == "Dmitri was not present when V1 opened, so cannot cast a binding ballot")
    }

    @Test func badBallotsAreRefusedWithOneSentenceAndNothingChanges() throws {
        var h = room()
        try h.run(.openVote(method: .dot, dots: 3, maxPerItem: 2, candidates: nil))
        let before = h.log
        #expect(h.refusal(.castBallot(vote: nil, by: "P1", choices: [.init(idea: "I1", points: 2), .init(idea: "I2", points: 2)]))
            == "Ana's ballot uses 4 dots; each voter has 3")
        #expect(h.refusal(.castBallot(vote: nil, by: "P1", choices: [.init(idea: "I1", points: 3)]))
            == "3 dots on I1 is over the cap of 2 per item")
        #expect(h.refusal(.castBallot(vote: nil, by: "Zed", choices: [.init(idea: "I1", points: 1)]))
            == "no participant \"Zed\" in 2026-11-29-watershed-management; use an id like P1 or a name on the roster")
        #expect(h.refusal(.castBallot(vote: nil, by: "P1", choices: [.init(idea: "I9", points: 1)]))
            == "there is no idea I9 in 2026-11-29-watershed-management")
        #expect(h.log == before)
    }

    @Test func resultsShareRanksForTiesAndKeepObserversApart() throws {
        var h = room()
        try h.run(.openVote(method: .dot, dots: 3, maxPerItem: nil, candidates: nil))
        try h.run(.castBallot(vote: nil, by: "P1", choices: [.init(idea: "I1", points: 2), .init(idea: "I2", points: 1)]))
        try h.run(.castBallot(vote: nil, by: "P2", choices: [.init(idea: "I2", points: 2), .init(idea: "I3", points: 1)]))
        try h.run(.castBallot(vote: nil, by: "P3", choices: [.init(idea: "I1", points: 1), .init(idea: "I3", points: 1)]))
        try h.run(.castBallot(vote: nil, by: "Olga", choices: [.init(idea: "I3", points: 3)]))
        try h.run(.closeVote(id: nil))
        let vote = h.state.votes[0]
        #expect(vote.status == .closed)
        #expect(vote.results == [RankedResult(idea: "I1", score: 3, rank: 1),
                                 RankedResult(idea: "I2", score: 3, rank: 1),
                                 RankedResult(idea: "I3", score: 2, rank: 3)])
        #expect(vote.nonBindingResults.first == RankedResult(idea: "I3", score: 3, rank: 1))
        #expect(vote.tiedLeaders == ["I1", "I2"])
        #expect(h.refusal(.castBallot(vote: "V1", by: "P1", choices: [.init(idea: "I1", points: 1)])) == "vote V1 is closed")
    }

    @Test func aLaterBallotReplacesTheEarlierOne() throws {
        var h = room()
        try h.run(.openVote(method: .dot, dots: 3, maxPerItem: nil, candidates: ["I2", "I3"]))
        try h.run(.castBallot(vote: nil, by: "P1", choices: [.init(idea: "I2", points: 3)]))
        try h.run(.castBallot(vote: nil, by: "p1", choices: [.init(idea: "I3", points: 1), .init(idea: "I3", points: 1)]))
        let vote = h.state.votes[0]
        #expect(vote.ballots.count == 1)
        #expect(vote.results.map(\.score) == [2, 0])
    }

    @Test func competitionRankingIsOneOneThree() {
        let r = competitionRanking([("a", 5), ("b", 7), ("c", 5), ("d", 1)])
        #expect(r.map(\.idea) == ["b", "a", "c", "d"])
        #expect(r.map(\.rank) == [1, 2, 2, 4])
    }

    @Test func dotTotalsEqualTheSumOfBallots() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...3).array(of: 1...12)) { dotsPerVoter in
            var h = Harness()
            for i in 0..<dotsPerVoter.count { _ = h.addMember("Voter \(i)") }
            _ = h.addArea("A"); _ = h.addArea("B")
            try! h.run(.openVote(method: .dot, dots: 3, maxPerItem: nil, candidates: nil))
            for (i, dots) in dotsPerVoter.enumerated() where dots > 0 {
                try! h.run(.castBallot(vote: nil, by: "P\(i + 1)", choices: [.init(idea: i % 2 == 0 ? "I1" : "I2", points: dots)]))
            }
            let total = h.state.votes[0].results.reduce(0) { $0 + $1.score }
            #expect(total == dotsPerVoter.reduce(0, +))
            // Ranks never decrease down the list, and equal scores share a rank.
            let results = h.state.votes[0].results
            for (a, b) in zip(results, results.dropFirst()) {
                #expect(a.score >= b.score)
                #expect((a.score == b.score) == (a.rank == b.rank))
            }
        }
    }
}
