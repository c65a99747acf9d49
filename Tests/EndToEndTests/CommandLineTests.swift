import Foundation
import Testing

/// The real binary, driven as a script or a second terminal would.
@Suite("The command line, end to end")
struct CommandLineTests {
    @Test func anOutputInAFolderThatIsNotThereOrOnAFolderSaysSo() throws {
        let dir = scratchFolder()
        let id = try quipu(["new", "Paramos"], dir: dir).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let missing = try quipu(["export", id, "--format", "html", "--output", dir + "/nowhere/page.html"], dir: dir)
        #expect(missing.status == 1 && missing.stderr.contains("there is no folder") && missing.stderr.contains("page.html"),
                "\(missing.stderr)")
        let folder = try quipu(["export", id, "--format", "md", "--output", dir], dir: dir)
        #expect(folder.status == 1 && folder.stderr.contains("is a folder; --output takes a file name"), "\(folder.stderr)")
    }

    @Test func undoTakesBackYourOwnLastCommandAndTheTimelineNamesWhoTyped() throws {
        let dir = scratchFolder()
        let still = ["QUIPU_NOW": "2026-11-29T14:00:00Z"]
        let id = try quipu(["new", "Paramos"], dir: dir, environment: still).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // A change from another writer (a terminal of the screens, say) is not the command line's to undo.
        var laptop = still
        laptop["QUIPU_WRITER"] = "laptop1"
        #expect(try quipu(["idea", id, "add", "From the laptop"], dir: dir, environment: laptop).status == 0)
        let refused = try quipu(["undo", id], dir: dir, environment: still)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("nothing of yours to undo here"), "\(refused.stderr)")
        // Two commands under a clock standing still are still two steps: undo takes the last only.
        for text in ["Springs", "Wells"] {
            #expect(try quipu(["idea", id, "add", text, "--as", "Bina Gurung"], dir: dir, environment: still).status == 0)
        }
        let undone = try quipu(["undo", id], dir: dir, environment: still)
        #expect(undone.stdout.contains("undid: I3"), "\(undone.stdout)\(undone.stderr)")
        let ideas = try #require(try showJSON(id, dir: dir)["ideas"] as? [[String: Any]])
        #expect(ideas.compactMap { $0["text"] as? String } == ["From the laptop", "Springs"])
        let timeline = try quipu(["show", id, "--timeline"], dir: dir, environment: ["TZ": "UTC"])
        #expect(timeline.stdout.contains("Bina Gurung"), "\(timeline.stdout)")
        #expect(timeline.stdout.contains("laptop1"), "a writer nobody named keeps its id")
        let journal = try String(contentsOfFile: dir + "/\(id).txt", encoding: .utf8)
        #expect(journal.components(separatedBy: "writer.join name=\"Bina Gurung\"").count == 2, "named once: \(journal)")
    }

    @Test func newAddShowRoundTripThroughTheJournal() throws {
        let dir = scratchFolder()
        let created = try quipu(["new", "Watershed management", "--initiative", "Watershed management"], dir: dir,
                                environment: ["QUIPU_NOW": "2026-11-29T14:00:00Z"])
        #expect(created.status == 0, "\(created.stderr)")
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(id == "2026-11-29-watershed-management")

        let added = try quipu(["idea", id, "add", "Community water committees", "--kind", "area"], dir: dir)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("I1"))

        let json = try showJSON(id, dir: dir)
        let ideas = try #require(json["ideas"] as? [[String: Any]])
        #expect(ideas.count == 1)
        #expect(ideas.first?["text"] as? String == "Community water committees")
        #expect(ideas.first?["kind"] as? String == "area")
        let timer = try #require(json["timer"] as? [String: Any])
        #expect(timer["state"] as? String == "idle")
        #expect(timer["totalSeconds"] as? Int == 5400)

        // The journal is plain text a person can read.
        let text = try String(contentsOfFile: dir + "/\(id).txt", encoding: .utf8)
        #expect(text.hasPrefix("quipu-journal 1.1\n"))
        #expect(text.contains("idea.add id=I1 kind=area text=\"Community water committees\""))
    }

    @Test func anUnknownSessionIsOneLineOnStderrAndCreatesNothing() throws {
        let dir = scratchFolder()
        let out = try quipu(["show", "no-such-session"], dir: dir)
        #expect(out.status == 1)
        #expect(out.stdout.isEmpty)
        let lines = out.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(out.stderr)")
        #expect(out.stderr.contains("no-such-session"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test func aRefusedBallotWritesNothing() throws {
        let dir = scratchFolder()
        let id = try quipu(["new", "Andes"], dir: dir).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        for name in ["Ana", "Ben"] { try quipu(["participant", id, "add", name], dir: dir) }
        try quipu(["idea", id, "add", "Glaciers", "--kind", "area"], dir: dir)
        try quipu(["idea", id, "add", "Páramos", "--kind", "area"], dir: dir)
        #expect(try quipu(["vote", id, "open", "--dots", "3"], dir: dir).status == 0)
        let journal = dir + "/\(id).txt"
        let before = try Data(contentsOf: URL(fileURLWithPath: journal))
        let refused = try quipu(["vote", id, "cast", "--by", "Ana", "I1:3", "I2"], dir: dir)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("4 dots"), "\(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: journal)) == before)
        #expect(try quipu(["vote", id, "cast", "--by", "P1", "I2:2", "I1"], dir: dir).status == 0)
        #expect(try quipu(["vote", id, "cast", "--by", "ben", "I2"], dir: dir).status == 0)
        #expect(try quipu(["vote", id, "close"], dir: dir).status == 0)
        let votes = try #require(try showJSON(id, dir: dir)["votes"] as? [[String: Any]])
        let results = try #require(votes.first?["results"] as? [[String: Any]])
        #expect(results.first?["idea"] as? String == "I2")
        #expect(results.first?["score"] as? Int == 3)
        #expect(results.first?["rank"] as? Int == 1)
    }

    @Test func checkNamesTheLineAndColumnOfDamage() throws {
        let dir = scratchFolder()
        let id = try quipu(["new", "Gender"], dir: dir).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try quipu(["idea", id, "add", "One"], dir: dir)
        try quipu(["idea", id, "add", "Two"], dir: dir)
        let path = dir + "/\(id).txt"
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        lines[2] = lines[2].replacingOccurrences(of: " idea.add ", with: " idea.add \u{1B}[31m ")
        try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let out = try quipu(["check", id], dir: dir)
        #expect(out.status == 1)
        #expect(out.stdout.contains("\(path):3:") || out.stderr.contains("\(path):3:"), "\(out.stdout)\(out.stderr)")
        // The escape sequence from the file is shown inert, never sent to the terminal.
        #expect(!(out.stdout + out.stderr).contains("\u{1B}"))
    }

    @Test func minutesFewerThanTheAgendaCanShareAreRefusedAndOthersAreExactlyApplied() throws {
        let dir = scratchFolder()
        let refused = try quipu(["new", "Andes", "--minutes", "2"], dir: dir)
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("its 5 phases add up to 90 minutes"), "\(refused.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "nothing created")

        let scaled = try quipu(["new", "Andes", "--minutes", "7"], dir: dir)
        #expect(scaled.status == 0, "\(scaled.stderr)")
        let id = scaled.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let timer = try #require(try showJSON(id, dir: dir)["timer"] as? [String: Any])
        #expect(timer["totalSeconds"] as? Int == 7 * 60, "the room has 7 minutes, not 8")
    }
}
