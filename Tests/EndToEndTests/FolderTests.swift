import Foundation
import Testing

/// A folder never looks empty when it is not: a mistyped folder is an error, and only `new`
/// creates one. The screens refuse, before drawing, what they cannot show.
@Suite("The sessions folder, end to end", .serialized)
struct FolderEndToEndTests {
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
