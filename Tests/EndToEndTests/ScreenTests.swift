import Foundation
import Testing

/// The screens of the real binary in tmux at 80×24, as a facilitator sees them.
@Suite("The screens, end to end", .serialized)
struct ScreenEndToEndTests {
    func newSession(_ dir: String, _ title: String = "Watershed management") throws -> String {
        let out = try quipu(["new", title], dir: dir)
        try #require(out.status == 0, "\(out.stderr)")
        return out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func anIdeaTypedOnTheIdeasTabIsSavedAndSurvivesKill9() throws {
        let dir = scratchFolder()
        let id = try newSession(dir)
        let term = try Terminal([quipuBinary, "open", id, "--dir", dir], environment: ["QUIPU_WRITER": "laptop1"])
        #expect(term.waitFor(text: "Opening & introductions"))
        #expect(term.waitFor(text: "10:00"))

        // Space starts the clock and it counts down.
        try term.send("Space")
        #expect(term.waitFor("the clock counting down") { $0.contains("09:5") })

        try term.send("2")
        try term.send("a")
        try term.type("Comités de agua en cada cuenca")
        try term.send("Enter")
        #expect(term.waitFor(text: "Comités de agua en cada cuenca"))
        try term.send("a")
        try term.type("Glacier lake early warning")
        try term.send("Enter")
        #expect(term.waitFor(text: "Glacier lake early warning"))

        // Whatever the screen showed is on disk, even after the hardest stop.
        kill(term.pid, SIGKILL)
        #expect(term.waitFor("the program gone") { _ in term.exited })
        let ideas = try #require(try showJSON(id, dir: dir)["ideas"] as? [[String: Any]])
        #expect(ideas.compactMap { $0["text"] as? String } == ["Comités de agua en cada cuenca", "Glacier lake early warning"])
        // The screens record the writer id they were given, as the commands do.
        let journal = try String(contentsOfFile: dir + "/\(id).txt", encoding: .utf8)
        #expect(journal.contains(" laptop1 idea.add id=I2 "))
        let timer = try #require(try showJSON(id, dir: dir)["timer"] as? [String: Any])
        #expect(timer["state"] as? String == "running")
    }

    @Test func homeListsSessionsAndQuitRestoresTheTerminal() throws {
        let dir = scratchFolder()
        _ = try newSession(dir, "Andes regional initiative")
        let term = try Terminal(["sh", "-c", "\(shellQuote(quipuBinary)) --dir \(shellQuote(dir)); echo quipu-exited-$?"])
        #expect(term.waitFor(text: "Andes regional"))
        try term.send("q")
        #expect(term.waitFor(text: "quipu-exited-0"))
    }

    @Test func ctrlCRestoresTheTerminal() throws {
        let dir = scratchFolder()
        let id = try newSession(dir)
        let term = try Terminal(["sh", "-c", "\(shellQuote(quipuBinary)) open \(id) --dir \(shellQuote(dir)); echo quipu-exited-$?"])
        #expect(term.waitFor(text: "Opening & introductions"))
        try term.send("C-c")
        #expect(term.waitFor(text: "quipu-exited-0"))
    }
}
