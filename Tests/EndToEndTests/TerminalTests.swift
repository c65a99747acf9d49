import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The terminal is the facilitator's: restored on every way out, never left drawing garbage.
@Suite("The terminal, end to end", .serialized)
struct TerminalEndToEndTests {
    func newSession(_ dir: String) throws -> String {
        let out = try quipu(["new", "Gender and mountain women"], dir: dir)
        try #require(out.status == 0, "\(out.stderr)")
        return out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `quipu open ID` under `sh`, which prints how quipu ended once the terminal is back.
    func openUnderShell(_ id: String, _ dir: String) throws -> Terminal {
        try Terminal(["sh", "-c", "\(shellQuote(quipuBinary)) open \(id) --dir \(shellQuote(dir)); echo quipu-exited-$?; stty -a | grep -o -- '-\\?icanon' | head -1 | sed 's/^/mode:/'"])
    }


    @Test func anEmojiSequenceIsDrawnWholeAndTheRowStaysAligned() throws {
        let dir = scratchFolder()
        let id = try newSession(dir)
        for name in ["Eva Luna 👩🏽‍🌾", "Ana Quispe"] {
            #expect(try quipu(["participant", id, "add", name, "--org", "CARE"], dir: dir).status == 0)
        }
        let term = try Terminal([quipuBinary, "open", id, "--dir", dir])
        #expect(term.waitFor(text: "Opening & introductions"))
        try term.send("3")
        #expect(term.waitFor(text: "Eva Luna 👩🏽‍🌾"), "the whole sequence, not its first character")
        // Moving the selection redraws the rows: the organisation stays in its column.
        try term.send("j", "k")
        let rows = term.screen.split(separator: "\n").filter { $0.contains("CARE") }.map(String.init)
        #expect(rows.count == 2 && rows[0].contains("👩🏽‍🌾"), "\(term.screen)")
    }

    @Test(arguments: [SIGTERM, SIGHUP])
    func aSignalSavesNothingHalfAndRestoresTheTerminal(signal: Int32) throws {
        let dir = scratchFolder()
        let id = try newSession(dir)
        let term = try openUnderShell(id, dir)
        #expect(term.waitFor(text: "Opening & introductions"))
        try term.send("2")
        try term.send("a")
        try term.type("Saved before the signal")
        try term.send("Enter")
        #expect(term.waitFor(text: "saved I1"))
        let pid = term.childPid()
        try #require(pid > 0)
        kill(pid, signal)
        // The shell runs again on a restored terminal: canonical mode is back on.
        #expect(term.waitFor(text: "quipu-exited-\(128 + signal)"))
        #expect(term.waitFor(text: "mode:icanon"))
        let ideas = try #require(try showJSON(id, dir: dir)["ideas"] as? [[String: Any]])
        #expect(ideas.compactMap { $0["text"] as? String } == ["Saved before the signal"])
    }

    @Test func aSecondTerminalsChangesShowWithinASecond() throws {
        let dir = scratchFolder()
        let id = try newSession(dir)
        let term = try Terminal([quipuBinary, "open", id, "--dir", dir])
        #expect(term.waitFor(text: "Opening & introductions"))
        try term.send("2")
        #expect(term.waitFor("the Ideas tab") { $0.contains("No ideas yet") || $0.contains(" ID ") })
        // The rapporteur, from another terminal.
        let added = try quipu(["idea", id, "add", "Women's land tenure in high valleys", "--kind", "area"], dir: dir)
        #expect(added.status == 0)
        #expect(term.waitFor(text: "Women's land tenure in high valleys", timeout: 3))
    }

    @Test func resizeStormsEndInACorrectScreenAndTooSmallSaysSo() throws {
        let dir = scratchFolder()
        let id = try newSession(dir)
        let term = try Terminal([quipuBinary, "open", id, "--dir", dir])
        #expect(term.waitFor(text: "Opening & introductions"))
        for (w, h) in [(120, 40), (20, 5), (200, 60), (41, 11), (79, 23), (30, 8), (100, 30)] {
            try term.tmux(["resize-window", "-t", term.session, "-x", String(w), "-y", String(h)])
        }
        try term.tmux(["resize-window", "-t", term.session, "-x", "20", "-y", "5"])
        #expect(term.waitFor("the too-small message") { $0.contains("Terminal too") || $0.contains("too small") })
        try term.tmux(["resize-window", "-t", term.session, "-x", "80", "-y", "24"])
        #expect(term.waitFor(text: "1 Agenda  2 Ideas  3 Participants  4 Vote  5 Workplan  6 Report"))
        // Still alive and answering keys.
        try term.send("?")
        #expect(term.waitFor(text: "Quipu · keys"))
    }

    @Test func aTenThousandCharacterPasteIsRefusedInWordsAndTheScreenSurvives() throws {
        let dir = scratchFolder()
        let id = try newSession(dir)
        let term = try Terminal([quipuBinary, "open", id, "--dir", dir])
        #expect(term.waitFor(text: "Opening & introductions"))
        try term.send("2")
        try term.send("a")
        try term.type(String(repeating: "agua ", count: 2000))
        try term.send("Enter")
        #expect(term.waitFor(text: "the most is 2000", timeout: 15))
        let ideas = try #require(try showJSON(id, dir: dir)["ideas"] as? [[String: Any]])
        #expect(ideas.isEmpty)
    }
}
