import Foundation
import Testing

/// Votes through the real binary: open with options, ballots (some refused), a show of hands,
/// close, results in `show --json`, and a runoff.
@Suite("Votes from the command line, end to end")
struct VoteCommandTests {
    func session(_ dir: String) throws -> String {
        let id = try quipu(["new", "Andes"], dir: dir).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        for name in ["Ana Flores", "Ben Okoro", "Carla Ruiz"] { try quipu(["participant", id, "add", name], dir: dir) }
        try quipu(["participant", id, "add", "Dmitri", "--observer"], dir: dir)
        for area in ["Glaciers", "Páramos", "Water funds"] { try quipu(["idea", id, "add", area, "--kind", "area"], dir: dir) }
        return id
    }

    @Test func aRankedVoteFromOpenToResultsInJSON() throws {
        let dir = scratchFolder()
        let id = try session(dir)
        let opened = try quipu(["vote", id, "open", "--method", "schulze", "--tie-break", "runoff"], dir: dir)
        #expect(opened.status == 0, "\(opened.stderr)")
        let journal = dir + "/\(id).txt"
        let before = try Data(contentsOf: URL(fileURLWithPath: journal))
        for (ballot, refusal) in [(["--by", "Zed", "I1"], "no participant \"Zed\""),
                                  (["--by", "Ana Flores", "I1", "I9"], "there is no idea I9"),
                                  (["--by", "Ana Flores", "I1", "I1"], "I1 is ranked twice"),
                                  (["--by", "Ana Flores", "I1:2"], "a ranked ballot lists candidates in order")] {
            let out = try quipu(["vote", id, "cast"] + ballot, dir: dir)
            #expect(out.status == 1)
            #expect(out.stderr.contains(refusal), "\(out.stderr)")
            #expect(out.stderr.split(separator: "\n").count == 1)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: journal)) == before, "refused ballots write nothing")

        let cast = try quipu(["vote", id, "cast", "--by", "P1", "I2", "I1", "I3"], dir: dir)
        #expect(cast.status == 0, "\(cast.stderr)")
        #expect(cast.stdout.contains("I2 > I1 > I3"), "\(cast.stdout)")
        #expect(try quipu(["vote", id, "cast", "--by", "ben okoro", "I2", "I3"], dir: dir).status == 0)
        #expect(try quipu(["vote", id, "cast", "--by", "P3", "I1", "I2"], dir: dir).status == 0)
        #expect(try quipu(["vote", id, "cast", "--by", "Dmitri", "I3"], dir: dir).status == 0)
        #expect(try quipu(["vote", id, "tally", "I1=3"], dir: dir).stderr
            .contains("a show of hands can only be tallied in a dot or approval vote"))
        let closed = try quipu(["vote", id, "close"], dir: dir)
        #expect(closed.status == 0, "\(closed.stderr)")
        #expect(closed.stdout.contains("pairwise"), "\(closed.stdout)")
        #expect(try quipu(["vote", id, "cast", "--by", "P1", "I1"], dir: dir).stderr.contains("vote V1 is closed"))

        let vote = try #require((try showJSON(id, dir: dir)["votes"] as? [[String: Any]])?.first)
        #expect(vote["method"] as? String == "schulze")
        #expect(vote["ballots"] as? Int == 4)
        let results = try #require(vote["results"] as? [[String: Any]])
        // I2 beats I1 (2–1) and I3 (3–0); I1 beats I3 (2–1).
        #expect(results.map { $0["idea"] as? String } == ["I2", "I1", "I3"])
        #expect(results.map { $0["rank"] as? Int } == [1, 2, 3])
        #expect((vote["nonBinding"] as? [[String: Any]])?.first?["idea"] as? String == "I3")
        let turnout = try #require(vote["turnout"] as? [String: Any])
        #expect(turnout["ballots"] as? Int == 3 && turnout["eligible"] as? Int == 3)
        let pairwise = try #require(vote["pairwise"] as? [String: Any])
        let preferences = try #require(pairwise["preferences"] as? [String: [String: Int]])
        #expect(preferences["I2"]?["I1"] == 2 && preferences["I1"]?["I2"] == 1)
        let tieBreak = try #require(vote["tieBreak"] as? [String: Any])
        #expect(tieBreak["rule"] as? String == "runoff" && tieBreak["applies"] as? Bool == false)
    }

    @Test func aTiedShowOfHandsGoesToARunoff() throws {
        let dir = scratchFolder()
        let id = try session(dir)
        #expect(try quipu(["vote", id, "open", "--method", "approval", "--hide-results", "--tie-break", "runoff"], dir: dir).status == 0)
        let hands = try quipu(["vote", id, "tally", "I1=4", "I2=2", "--group", "ngo"], dir: dir)
        #expect(hands.status == 0, "\(hands.stderr)")
        #expect(hands.stdout.contains("results are hidden until the vote closes"), "\(hands.stdout)")
        #expect(try quipu(["vote", id, "tally", "I2=2", "--group", "government"], dir: dir).status == 0)
        let hidden = try #require((try showJSON(id, dir: dir)["votes"] as? [[String: Any]])?.first)
        #expect(hidden["resultsHidden"] as? Bool == true)
        #expect((hidden["results"] as? [Any])?.isEmpty == true)
        #expect(try quipu(["vote", id, "close"], dir: dir).stdout.contains("tie-break: a runoff vote among the tied"))
        let runoff = try quipu(["vote", id, "runoff"], dir: dir)
        #expect(runoff.status == 0, "\(runoff.stderr)")
        let votes = try #require(try showJSON(id, dir: dir)["votes"] as? [[String: Any]])
        #expect(votes.count == 2)
        #expect((votes[0]["results"] as? [[String: Any]])?.map { $0["rank"] as? Int } == [1, 1, 3])
        #expect(votes[1]["candidates"] as? [String] == ["I1", "I2"])
        #expect(votes[1]["runoffOf"] as? String == "V1")
        #expect(try String(contentsOfFile: dir + "/\(id).txt", encoding: .utf8).contains("vote.tally vote=V1 group=NGO counts=I1:4,I2:2"))
    }
}
