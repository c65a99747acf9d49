import Foundation
import Testing

/// A folder never looks empty when it is not: a damaged journal is named, a mistyped folder is
/// an error, and only `new` creates one.
@Suite("The sessions folder, end to end", .serialized)
struct FolderEndToEndTests {
    /// Two good sessions and, between them by date, one with a damaged line in the middle.
    /// Returns the damaged session's id and the `FILE:LINE:COL` its damage is at.
    func folderWithADamagedSession(_ dir: String) throws -> (id: String, place: String) {
        for (title, day) in [("Watershed management", 27), ("Andes", 28), ("Glacier lakes", 29)] {
            let out = try quipu(["new", title], dir: dir, environment: ["QUIPU_NOW": "2026-11-\(day)T14:00:00Z"])
            try #require(out.status == 0, "\(out.stderr)")
        }
        let id = "2026-11-28-andes"
        for text in ["One", "Two"] {
            try #require(try quipu(["idea", id, "add", text], dir: dir, environment: ["QUIPU_NOW": "2026-11-28T14:05:00Z"]).status == 0)
        }
        let path = dir + "/\(id).txt"
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        // Line 3, the first idea: a timestamp no clock ever showed, with good lines after it.
        lines[2] = lines[2].replacingOccurrences(of: "2026-11-28T", with: "2026-13-28T")
        try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        return (id, "\(path):3:")
    }

    @Test func listPrintsTheGoodSessionsThenNamesTheDamagedOneWithItsPlaceAndExits1() throws {
        let dir = scratchFolder()
        let (id, place) = try folderWithADamagedSession(dir)
        let out = try quipu(["list"], dir: dir)
        #expect(out.status == 1, "\(out.stderr)")
        #expect(out.stdout.contains("Watershed management"))
        #expect(out.stdout.contains("Glacier lakes"))
        #expect(!out.stdout.contains("no sessions"))
        #expect(out.stderr.contains("skipping \(id): \(place)"), "\(out.stderr)")
        #expect(out.stderr.contains("quipu check"))

        // Only damaged sessions: still not "no sessions".
        let alone = scratchFolder()
        try FileManager.default.copyItem(atPath: dir + "/\(id).txt", toPath: alone + "/\(id).txt")
        let only = try quipu(["list"], dir: alone)
        #expect(only.status == 1)
        #expect(!only.stdout.contains("no sessions"), "\(only.stdout)")
        #expect(only.stderr.contains("skipping \(id): "), "\(only.stderr)")
    }

    @Test func listJSONIncludesTheDamagedSessionInDateOrder() throws {
        let dir = scratchFolder()
        let (id, place) = try folderWithADamagedSession(dir)
        let out = try quipu(["list", "--json"], dir: dir)
        #expect(out.status == 1)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]])
        #expect(items.compactMap { $0["id"] as? String }
            == ["2026-11-27-watershed-management", id, "2026-11-29-glacier-lakes"])
        let damaged = items[1]
        #expect(damaged["status"] as? String == "damaged")
        #expect(damaged["date"] as? String == "2026-11-28")
        #expect((damaged["damage"] as? String)?.hasPrefix(place) == true, "\(damaged)")
        #expect(items[0]["damage"] is NSNull)
        #expect(items[0]["status"] as? String == "planned")
        #expect(out.stderr.contains("skipping \(id): \(place)"))
    }

    @Test func aFolderThatDoesNotExistIsAUsageErrorForEveryCommandButNew() throws {
        let parent = scratchFolder()
        let missing = parent + "/Sesions"
        for arguments in [["list"], ["list", "--json"], ["show", "2026-11-28-andes"], ["search", "water"],
                          ["actions"], ["check"], ["idea", "2026-11-28-andes", "add", "Water"]] {
            let out = try quipu(arguments, dir: missing)
            #expect(out.status == 2, "\(arguments): \(out.status) \(out.stderr)")
            #expect(out.stdout.isEmpty, "\(arguments): \(out.stdout)")
            let lines = out.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(arguments): \(out.stderr)")
            #expect(out.stderr.contains("no sessions folder \(missing)"), "\(arguments): \(out.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: missing), "nothing but new creates the folder")

        let created = try quipu(["new", "Andes"], dir: missing)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stderr.contains("created sessions folder \(missing)"), "\(created.stderr)")
        #expect(created.stdout.split(separator: "\n").count == 1, "stdout is still only the id")
        let again = try quipu(["new", "Andes"], dir: missing)
        #expect(!again.stderr.contains("created sessions folder"), "said once, when it was created")
        #expect(try quipu(["list"], dir: missing).status == 0)
    }

    @Test func theScreensRefuseAMissingFolderBeforeTakingOverTheTerminal() throws {
        let missing = scratchFolder() + "/Sesions"
        let term = try Terminal(["sh", "-c", "\(shellQuote(quipuBinary)) --dir \(shellQuote(missing)); echo quipu-exited-$?"])
        #expect(term.waitFor(text: "quipu-exited-2"))
        #expect(term.screen.contains("no sessions folder"), "\(term.screen)")
        #expect(!term.screen.contains("Quipu · sessions"))
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func aTerminalThatCannotPlaceTheCursorGetsOneLineAndExit2() throws {
        let dir = scratchFolder()
        #expect(try quipu(["new", "Andes"], dir: dir).status == 0)
        // The pane itself is a capable terminal; only quipu is told it runs on a dumb one.
        let term = try Terminal(["sh", "-c", "TERM=dumb \(shellQuote(quipuBinary)) --dir \(shellQuote(dir)) 2>&1; echo quipu-exited-$?"],
                                width: 160)
        #expect(term.waitFor(text: "quipu-exited-2"))
        let screen = term.screen
        #expect(screen.contains("quipu: this terminal (TERM=dumb) cannot place the cursor; use a terminal like xterm-256color, or the quipu commands"),
                "\(screen)")
        #expect(!screen.contains("Quipu · sessions"), "no screen was drawn: \(screen)")
    }
}
