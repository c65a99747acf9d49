import Foundation
import QuipuText
import QuipuCore
import QuipuReports
import Testing

@Suite("Vote results in the report, the text output and JSON")
struct VoteReportTests {
    /// Watershed (two members, an observer, areas I1, I2) with a vote of `setup` and ballots.
    func voted(_ setup: VoteSetup, _ ballots: [(String, String)], close: Bool = true,
               keys: BallotKeyring? = nil, members: [String] = ["María", "José", "Rosa"]) throws -> Breakout {
        var b = Breakout()
        b.keys = keys
        try b.run(.createSession(title: "Watershed management", initiative: "", facilitator: "", rapporteur: "",
                                 agenda: AgendaTemplate.resolve(nil)), atMinute: 0)
        for name in members {
            try b.run(.addParticipant(name: name, organisation: "", group: .ngo, country: "", observer: false), atMinute: 1)
        }
        try b.run(.addParticipant(name: "Anna", organisation: "", group: .other, country: "", observer: true), atMinute: 1)
        for text in ["Water committees", "Payment for ecosystem services", "Glacier monitoring"] {
            try b.run(.addIdea(text: text, kind: .area, by: nil, area: nil), atMinute: 2)
        }
        try b.run(.startVote(setup), atMinute: 3)
        for (by, words) in ballots { try b.run(.castBallotText(vote: nil, by: by, words: [words]), atMinute: 4) }
        if close { try b.run(.closeVote(id: nil), atMinute: 5) }
        return b
    }

    func priorities(_ b: Breakout) -> String {
        let md = MarkdownReport.render(b.session, at: b.at(minute: 6))
        let start = md.range(of: "## Priorities")!.lowerBound
        let end = md.range(of: "## Ideas")!.lowerBound
        return String(md[start..<end])
    }

    @Test func instantRunoffRoundsAndTheTieBreakInTheReport() throws {
        // Round 1: I1 1, I2 1, I3 1 → all tied, all win; the declared tie-break applies.
        let b = try voted(VoteSetup(method: .irv, tieBreak: .facilitator), [("P1", "I1 I2"), ("P2", "I2"), ("P3", "I3 I1"), ("P4", "I2")])
        #expect(priorities(b) == """
            ## Priorities

            ### V1: instant runoff (IRV), ties: facilitator decides, closed

            Turnout: 3 of 3 eligible members voted (100%).

            | Rank | Idea | Candidate | Votes in last round |
            | ---: | --- | --- | ---: |
            | 1 | I1 | Water committees | 1 |
            | 1 | I2 | Payment for ecosystem services | 1 |
            | 1 | I3 | Glacier monitoring | 1 |

            Tied for first place: I1, I2, I3.

            Tie-break: the facilitator decides.

            Instant-runoff rounds:

            1. I1 1 · I2 1 · I3 1 → tied for first: I1, I2 and I3

            Non-binding: 1 observer ballot, reported apart and not counted above.

            | Rank | Idea | Candidate | Votes in last round |
            | ---: | --- | --- | ---: |
            | 1 | I2 | Payment for ecosystem services | 1 |
            | 2 | I1 | Water committees | 0 |
            | 2 | I3 | Glacier monitoring | 0 |


            """)
    }

    @Test func schulzeStrengthsAsTablesAndAnonymousBallotsNeverShowHow() throws {
        let b = try voted(VoteSetup(method: .schulze, anonymous: true), [("P1", "I2 I1 I3"), ("P2", "I2 I3"), ("P3", "I1 I2")])
        let md = priorities(b)
        #expect(md.contains("""
            Pairwise preferences (row over column):

            | | I1 | I2 | I3 |
            | --- | ---: | ---: | ---: |
            | **I1** | — | 1 | 2 |
            | **I2** | 2 | — | 3 |
            | **I3** | 1 | 0 | — |
            """))
        #expect(md.contains("Strongest paths:\n\n| | I1 | I2 | I3 |\n| --- | ---: | ---: | ---: |\n| **I1** | — | 0 | 2 |\n| **I2** | 2 | — | 3 |\n| **I3** | 0 | 0 | — |"), "\(md)")
        #expect(md.contains("Ballots were anonymous: this report shows who voted, not how."))
        let cast = b.log.events.first { if case .ballotCast = $0.change { true } else { false } }!
        #expect(describe(cast.change, in: b.session) == "V1 ballot from P1 \"María\" (anonymous)")
    }

    @Test func hiddenResultsStayOutOfTheReportAndJSONUntilClose() throws {
        let b = try voted(VoteSetup(method: .score, hideResults: true), [("P1", "I1=5 I2=1")], close: false)
        #expect(priorities(b).contains("_Results are hidden until the vote closes._"))
        #expect(!priorities(b).contains("| 1 |"))
        let json = try JSONSerialization.jsonObject(with: Data(JSONExport.render(b.session, at: b.at(minute: 6)).utf8)) as! [String: Any]
        let vote = (json["votes"] as! [[String: Any]])[0]
        #expect(vote["resultsHidden"] as? Bool == true)
        #expect((vote["results"] as? [Any])?.isEmpty == true)
        #expect(TextReport.resultLines(b.session.votes[0], in: b.session) == ["results are hidden until the vote closes"])
    }

    @Test func aTieForLastThatDecidesTheWinnerIsATieForFirstInEveryReport() throws {
        // Issue 14: I1×3, I2 I3×2, I3 I2×2 named I1 (3 of 7), though either of the others beats it 4–3.
        let members = ["Ana", "Ben", "Carla", "Dmitri", "Elena", "Farid", "Gita"]
        let ballots = [("P1", "I1"), ("P2", "I1"), ("P3", "I1"), ("P4", "I2 I3"), ("P5", "I2 I3"), ("P6", "I3 I2"), ("P7", "I3 I2")]
        let b = try voted(VoteSetup(method: .irv, tieBreak: .runoff), ballots, members: members)
        let vote = b.session.votes[0]
        let round = "I1 3 · I2 2 · I3 2 → tie for last between I2 and I3 that no earlier round breaks: "
            + "with I2 out I3 wins, with I3 out I2 wins"
        #expect(TextReport.resultLines(vote, in: b.session) == [
            "rank  idea  candidate                       votes in last round",
            "   1  I2    Payment for ecosystem services                    4",
            "   1  I3    Glacier monitoring                                4",
            "   3  I1    Water committees                                  3",
            "tied for first place: I2, I3",
            "tie-break: a runoff vote among the tied (quipu vote \(b.session.id) runoff opens one)",
            "round 1: " + round,
        ])
        #expect(priorities(b).contains("Instant-runoff rounds:\n\n1. " + round + "\n"))
        let json = try JSONSerialization.jsonObject(with: Data(JSONExport.render(b.session, at: b.at(minute: 6)).utf8)) as! [String: Any]
        let rounds = try #require((json["votes"] as! [[String: Any]])[0]["rounds"] as? [[String: Any]])
        #expect(rounds.count == 1)
        #expect(rounds[0]["decision"] as? String == "tie-unbroken")
        #expect(rounds[0]["tied"] as? [String] == ["I2", "I3"])
        #expect(rounds[0]["winners"] as? [String] == ["I2", "I3"])
        let outcomes = try #require(rounds[0]["outcomes"] as? [[String: Any]])
        #expect(outcomes.map { $0["out"] as? String } == ["I2", "I3"])
        #expect(outcomes.map { $0["winners"] as? [String: Int] } == [["I3": 4], ["I2": 4]])
        #expect(rounds[0]["why"] as? String == round)
    }

    @Test func eachRoundSaysWhyItsCandidatesWentOut() {
        func rounds(_ candidates: [String], _ ballots: [[String]]) -> [String] {
            var vote = Vote(id: "V1", method: .irv, candidates: candidates, eligible: ballots.indices.map { "P\($0)" })
            vote.ballots = ballots.enumerated().map { i, order in
                Ballot(by: "P\(i)", choices: order.enumerated().map { .init(idea: $0.element, points: $0.offset + 1) })
            }
            return TextReport.irvRoundLines(vote.irvRounds)
        }
        let a4 = Array(repeating: ["A"], count: 4), b3 = Array(repeating: ["B"], count: 3)
        #expect(rounds(["A", "B", "C", "D"], a4 + b3 + Array(repeating: ["C", "B"], count: 2) + [["D", "C", "B"]]) == [
            "round 1: A 4 · B 3 · C 2 · D 1 → out: D",
            "round 2: A 4 · B 3 · C 3 → out: C (tie for last with B broken by round 1 counts)",
            "round 3: A 4 · B 6 → B wins",
        ])
        #expect(rounds(["A", "B", "C", "D"], a4 + a4 + b3 + [["C", "B"], ["D"]]) == [
            "round 1: A 8 · B 3 · C 1 · D 1 → A wins",
        ])
        #expect(rounds(["A", "B", "C", "D"], a4 + b3 + [["C", "B"], ["D"]]).first
            == "round 1: A 4 · B 3 · C 1 · D 1 → out together: C, D (2 votes between them, fewer than the next candidate's 3)")
        #expect(rounds(["A", "B", "C", "D"], [["A"], ["A"], ["B"], ["B"], ["C"], ["D"]]) == [
            "round 1: A 2 · B 2 · C 1 · D 1 → out together: C, D (tied for last; the winner is the same whichever goes out)",
            "round 2: A 2 · B 2 · exhausted 2 → tied for first: A and B",
        ])
    }

    @Test func anAnonymousVoteKeepsItsResultsOutOfJSONUntilClose() throws {
        let b = try voted(VoteSetup(method: .score, anonymous: true), [("P1", "I1=5 I2=1")], close: false)
        let json = try JSONSerialization.jsonObject(with: Data(JSONExport.render(b.session, at: b.at(minute: 6)).utf8)) as! [String: Any]
        let vote = (json["votes"] as! [[String: Any]])[0]
        #expect(vote["resultsHidden"] as? Bool == true)
        #expect((vote["results"] as? [Any])?.isEmpty == true)
    }

    @Test func instantRunoffRoundsInJSON() throws {
        let b = try voted(VoteSetup(method: .irv), [("P1", "I1"), ("P2", "I1"), ("P3", "I2 I1")])
        let json = try JSONSerialization.jsonObject(with: Data(JSONExport.render(b.session, at: b.at(minute: 6)).utf8)) as! [String: Any]
        let vote = (json["votes"] as! [[String: Any]])[0]
        let rounds = try #require(vote["rounds"] as? [[String: Any]])
        #expect(rounds.count == 1)
        #expect(rounds[0]["votes"] as? [String: Int] == ["I1": 2, "I2": 1, "I3": 0])
        #expect(rounds[0]["winners"] as? [String] == ["I1"])
        #expect((vote["results"] as? [[String: Any]])?.first?["idea"] as? String == "I1")
    }
}

/// One key for every anonymous vote, as the store keeps them.
private struct OneKey: BallotKeyring {
    func key(named name: String) throws -> BallotKey? { BallotKey(k0: 7, k1: 11) }
    func newKey() throws -> String { "00112233aabbccdd" }
    func destroy(_ name: String) {}
}

extension VoteReportTests {
    @Test func aSealedBallotNamesNobodyInTheTimelineAndTheCloseSaysWhoVoted() throws {
        let b = try voted(VoteSetup(method: .approval, anonymous: true), [("P2", "I1"), ("P1", "I2")], keys: OneKey())
        let entries = TimelineReport.entries(b.log, localTime: { $0.iso8601 })
        let ballots = entries.filter { $0.text.hasSuffix("anonymous ballot") }
        #expect(ballots.map(\.text) == ["V1 anonymous ballot", "V1 anonymous ballot"])
        #expect(ballots.map(\.who) == ["test", "test"], "the writer, not the token")
        #expect(entries.last?.text == "V1 closed; voted: P1 María, P2 José")
        #expect(priorities(b).contains("Voted: María, José."), "\(priorities(b))")
    }
}

