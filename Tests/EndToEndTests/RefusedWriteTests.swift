import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The disk refuses a write: a file-size limit (`prlimit`) just above the journal's size makes
/// the next append fail part-way, as a full disk does, and raising it makes room again.
@Suite("A refused write, end to end", .serialized)
struct RefusedWriteTests {
    @Test func aChangeTheDiskRefusesIsShownUnsavedAndSavedOnceThereIsRoom() throws {
        let dir = scratchFolder()
        let id = try quipu(["new", "Full disk"], dir: dir).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let size = try FileManager.default.attributesOfItem(atPath: dir + "/\(id).txt")[.size] as? Int ?? 0
        let term = try Terminal(["prlimit", "--fsize=\(size + 20):unlimited", quipuBinary, "open", id, "--dir", dir])
        #expect(term.waitFor(text: "Opening & introductions"))

        try term.send("2")
        try term.send("a")
        try term.type("Agua para todos: comités de cuenca en cada municipio")
        try term.send("Enter")
        #expect(term.waitFor(text: "UNSAVED (1)"))
        #expect(term.waitFor(text: "NOT SAVED"))
        let journal = try String(contentsOfFile: dir + "/\(id).txt", encoding: .utf8)
        #expect(journal.utf8.count == size, "the partial line was cut back off")
        #expect(journal.hasSuffix("\n"))

        // Room again: the kept change is written, and only then called saved.
        let pid = term.pid
        try #require(try spawn(["prlimit", "--pid", String(pid), "--fsize=unlimited:unlimited"], captureOutput: false).status == 0)
        #expect(term.waitFor(text: "saved I1", timeout: 5))
        #expect(term.waitFor("UNSAVED gone") { !$0.contains("UNSAVED") })
        let ideas = try #require(try showJSON(id, dir: dir)["ideas"] as? [[String: Any]])
        #expect(ideas.compactMap { $0["text"] as? String } == ["Agua para todos: comités de cuenca en cada municipio"])
    }
}
