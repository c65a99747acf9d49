import Foundation
import Testing

/// Keys through the real terminal: Alt chords decoded by the ncurses adapter, and a screen too
/// small to see taking no keys.
@Suite("Keys, end to end", .serialized)
struct KeysEndToEndTests {
    func newSession(_ dir: String) throws -> String {
        let out = try quipu(["new", "Watershed management"], dir: dir)
        try #require(out.status == 0, "\(out.stderr)")
        return out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func altNWhileTypingAnIdeaStaysInTheForm() throws {
        let dir = scratchFolder()
        let id = try newSession(dir)
        let term = try Terminal([quipuBinary, "open", id, "--dir", dir])
        #expect(term.waitFor(text: "Opening & introductions"))
        try term.send("2", "a")
        #expect(term.waitFor(text: "Idea:"))
        try term.type("Water for all")
        // tmux sends Alt-n as Esc and n together: once read as Esc (cancel) then n (next phase).
        try term.send("M-n", "M-b")
        try term.type("clean ")
        try term.send("Enter")
        #expect(term.waitFor(text: "saved I1"))
        let show = try showJSON(id, dir: dir)
        let ideas = try #require(show["ideas"] as? [[String: Any]])
        #expect(ideas.compactMap { $0["text"] as? String } == ["Water for clean all"])
        let timer = try #require(show["timer"] as? [String: Any])
        #expect(timer["state"] as? String == "idle", "no n reached the clock")
        #expect((timer["phase"] as? Int ?? 0) == 0 || timer["phase"] == nil)
    }

    @Test func aTooSmallTerminalTakesNoKeys() throws {
        let dir = scratchFolder()
        let id = try newSession(dir)
        #expect(try quipu(["idea", id, "add", "Glacier monitoring"], dir: dir).status == 0)
        let term = try Terminal([quipuBinary, "open", id, "--dir", dir])
        #expect(term.waitFor(text: "Opening & introductions"))
        try term.send("2")
        #expect(term.waitFor(text: "Glacier monitoring"))
        try term.tmux(["resize-window", "-t", term.session, "-x", "20", "-y", "5"])
        #expect(term.waitFor(text: "Terminal too small"))
        try term.send("d", "y", "Space")
        try term.tmux(["resize-window", "-t", term.session, "-x", "80", "-y", "24"])
        #expect(term.waitFor(text: "Glacier monitoring"))
        let show = try showJSON(id, dir: dir)
        let ideas = try #require(show["ideas"] as? [[String: Any]])
        #expect(ideas.first?["status"] as? String != "withdrawn", "d y did nothing unseen")
        let timer = try #require(show["timer"] as? [String: Any])
        #expect(timer["state"] as? String == "idle")
    }
}
