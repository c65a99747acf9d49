import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// An anonymous vote through the real binary: the journal says who voted and what was voted,
/// and nothing in it joins the two; the key that could is kept off the sessions folder and
/// destroyed when the vote closes.
@Suite("Secret ballots, end to end")
struct SecretBallotEndToEndTests {
    @Test func theJournalOfAnAnonymousVoteJoinsNoVoterToAChoice() throws {
        let dir = scratchFolder(), state = scratchFolder()
        let env = ["QUIPU_STATE_DIR": state]
        func run(_ arguments: [String], environment: [String: String]? = nil) throws -> Output {
            try quipu(arguments, dir: dir, environment: environment ?? env)
        }
        let id = try run(["new", "Andes"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let names = ["Ana Flores", "Ben Okoro", "Carla Ruiz"]
        for name in names { try run(["participant", id, "add", name]) }
        try run(["participant", id, "add", "Dmitri Volkov", "--observer"])
        for area in ["Glaciers", "Páramos", "Water funds"] { try run(["idea", id, "add", area, "--kind", "area"]) }
        let opened = try run(["vote", id, "open", "--method", "approval", "--anonymous"])
        #expect(opened.status == 0, "\(opened.stderr)")

        // The key is outside the sessions folder, readable by its owner only.
        let keys = state + "/ballot-keys"
        let held = try FileManager.default.contentsOfDirectory(atPath: keys)
        #expect(held.count == 1)
        var st = stat()
        #expect(stat(keys + "/" + held[0], &st) == 0 && st.st_mode & 0o777 == 0o600)
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: dir)).contains { $0.contains(held[0]) })

        // Carla, Dmitri, Ana, then Ana again: not in id order.
        for (who, choice) in [("Carla Ruiz", "I2"), ("Dmitri Volkov", "I1"), ("P1", "I1"), ("Ana Flores", "I3")] {
            let cast = try run(["vote", id, "cast", "--by", who, choice])
            #expect(cast.status == 0, "\(cast.stderr)")
        }
        let open = try #require((try showJSON(id, dir: dir)["votes"] as? [[String: Any]])?.first)
        #expect(open["ballots"] as? Int == 3)
        #expect(open["results"] == nil || (open["results"] as? [Any])?.isEmpty == true, "\(open)")

        // Another machine (no key) can neither cast nor close, and writes nothing.
        let journal = dir + "/\(id).txt"
        let before = try Data(contentsOf: URL(fileURLWithPath: journal))
        let elsewhere = try run(["vote", id, "cast", "--by", "Ben Okoro", "I1"], environment: ["QUIPU_STATE_DIR": scratchFolder()])
        #expect(elsewhere.status == 1)
        #expect(elsewhere.stderr.contains("V1 is an anonymous vote opened on another machine"), "\(elsewhere.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: journal)) == before)

        let closed = try run(["vote", id, "close"])
        #expect(closed.status == 0, "\(closed.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: keys).isEmpty, "the key is destroyed at the close")

        let text = try String(contentsOfFile: journal, encoding: .utf8)
        let voteLines = text.split(separator: "\n").filter { $0.contains(" vote.") }
        let casts = voteLines.filter { $0.contains(" vote.cast ") }
        #expect(casts.count == 4)
        for line in casts {
            // No participant id, no name, no part of a name.
            #expect(line.range(of: #"\bP[0-9]+\b"#, options: .regularExpression) == nil, "\(line)")
            for name in names + ["Dmitri Volkov"] {
                for part in name.split(separator: " ") { #expect(!line.contains(part), "\(line)") }
            }
            #expect(line.range(of: #" by=~[0-9a-f]{16} "#, options: .regularExpression) != nil, "\(line)")
        }
        // Who voted is one line, in id order, not the order of the ballots.
        let close = try #require(voteLines.last)
        // (`seen` names the ballot lines the close counted: nothing more than the lines say.)
        #expect(close.contains("vote.close id=V1 seen=") && close.hasSuffix(" voters=P1,P3,P4"), "\(close)")
        // The journal names the key; only the machine that opened the vote ever held it.
        #expect(voteLines.first?.hasSuffix("anonymous=yes ballot-key=\(held[0])") == true, "\(voteLines)")

        // The results come at the close, and the report names the voters, not their choices.
        let vote = try #require((try showJSON(id, dir: dir)["votes"] as? [[String: Any]])?.first)
        let results = try #require(vote["results"] as? [[String: Any]])
        #expect(Dictionary(uniqueKeysWithValues: results.map { ($0["idea"] as! String, $0["score"] as! Int) }) == ["I1": 0, "I2": 1, "I3": 1])
        let undo = try run(["undo", id])
        #expect(undo.status == 1)
        #expect(undo.stderr.contains("V1 was anonymous, and its ballot key is gone: its close cannot be undone"), "\(undo.stderr)")
        #expect(try run(["--help"]).stdout.contains("QUIPU_STATE_DIR  where anonymous votes' ballot keys are kept"))
    }
}
