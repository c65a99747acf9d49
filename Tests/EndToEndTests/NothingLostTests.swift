import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The reproductions of issue 12, on the real binary in tmux: the journal replaced, damaged or
/// deleted under open screens; a full disk with Enter pressed twice and typing going on; every
/// way of quitting with changes not saved. Each change ends either in the file at the path or
/// reported unsaved and kept in a recovery file; none is written to an unlinked file.
@Suite("Nothing lost: the file changes under the screens, the disk fills, the facilitator quits", .serialized)
struct NothingLostTests {
    func newSession(_ dir: String, _ title: String = "Andes") throws -> String {
        let out = try quipu(["new", title], dir: dir)
        try #require(out.status == 0, "\(out.stderr)")
        return out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func ideas(_ id: String, _ dir: String) throws -> [String] {
        let list = try #require(try showJSON(id, dir: dir)["ideas"] as? [[String: Any]])
        return list.compactMap { idea in (idea["id"] as? String).map { "\($0) \(idea["text"] as? String ?? "")" } }
    }

    /// `quipu open` under `sh`, which prints its exit status and what it said on stderr.
    func openUnderShell(_ id: String, _ dir: String, prefix: [String] = []) throws -> Terminal {
        let command = (prefix + [quipuBinary, "open", id, "--dir", dir]).map(shellQuote).joined(separator: " ")
        return try Terminal(["sh", "-c", "\(command) 2>\(shellQuote(dir))/stderr.txt; echo quipu-exited-$?; cat \(shellQuote(dir))/stderr.txt"],
                            width: 100, height: 30)
    }

    /// What quipu printed on stderr as it exited.
    func said(_ dir: String) -> String { (try? String(contentsOfFile: dir + "/stderr.txt", encoding: .utf8)) ?? "" }


    /// Descriptors of `pid` that point at a deleted journal.
    func deletedJournals(_ pid: Int32) -> [String] {
        let dir = "/proc/\(pid)/fd"
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return fds.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "\(dir)/\($0)") }
            .filter { $0.hasSuffix(".txt (deleted)") }
    }

    func addIdea(_ term: Terminal, _ text: String) throws {
        try term.send("a")
        #expect(term.waitFor(text: "Add idea"))
        try term.type(text)
        try term.send("Enter")
    }

    /// A new session open under `sh` on the Ideas tab, with `ideas` added and saved.
    func ideasTab(saving ideas: [String]) throws -> (dir: String, id: String, path: String, term: Terminal) {
        let dir = scratchFolder()
        let id = try newSession(dir)
        let term = try openUnderShell(id, dir)
        #expect(term.waitFor(text: "Opening & introductions"))
        try term.send("2")
        for (n, text) in ideas.enumerated() {
            try addIdea(term, text)
            #expect(term.waitFor(text: "saved I\(n + 1)"))
        }
        return (dir, id, dir + "/\(id).txt", term)
    }

    @Test(arguments: ["sed -i", "git checkout"])
    func aJournalReplacedUnderTheScreensIsFollowed(how: String) throws {
        let (dir, id, path, term) = try ideasTab(saving: ["Before the replacement"])
        if how == "git checkout" {
            for args in [["init", "-q"], ["add", "\(id).txt"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "s"]] {
                try #require(try spawn(["git", "-C", dir] + args, captureOutput: true).status == 0)
            }
        }
        if how == "sed -i" {
            try #require(try spawn(["sed", "-i", "2i # note", path], captureOutput: true).status == 0)
        } else {
            // An edit then a checkout: git writes a new file and renames it over the journal.
            try #require(try spawn(["sh", "-c", "echo '# scratch' >> \(shellQuote(path))"], captureOutput: true).status == 0)
            try #require(try spawn(["git", "-C", dir, "checkout", "--", "\(id).txt"], captureOutput: true).status == 0)
        }
        // Meanwhile the command line saves an idea into the new file.
        let cli = try quipu(["idea", id, "add", "From the command line", "--kind", "area"], dir: dir)
        #expect(cli.status == 0, "\(cli.stderr)")
        try addIdea(term, "After the replacement")
        #expect(term.waitFor(text: "saved I", timeout: 5))
        let pid = term.childPid()
        #expect(deletedJournals(pid).isEmpty, "quipu writes to a deleted file: \(deletedJournals(pid))")
        #expect(try ideas(id, dir) == ["I1 Before the replacement", "I2 From the command line", "I3 After the replacement"])
        if how == "sed -i" { #expect(try String(contentsOfFile: path, encoding: .utf8).contains("# note\n")) }
        try term.send("q")
        try term.send("q")
        #expect(term.waitFor(text: "quipu-exited-0"))
    }

    @Test(arguments: ["deleted", "damaged in place"])
    func aJournalDeletedOrDamagedUnderTheScreensIsNeverWrittenBlind(how: String) throws {
        let (dir, _, path, term) = try ideasTab(saving: ["First", "Second"])
        if how == "deleted" {
            try #require(rename(path, path + ".moved") == 0)
        } else {
            // The text of I1 overwritten in place with a quote: damage in the middle.
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let damaged = text.replacingOccurrences(of: "text=First", with: "text=\"irst")
            let fd = open(path, O_WRONLY)
            _ = damaged.utf8CString.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count - 1, 0) }
            close(fd)
        }
        let before = try? String(contentsOfFile: path, encoding: .utf8)
        try addIdea(term, "Typed after")
        #expect(term.waitFor(text: "UNSAVED (1)"))
        #expect(term.waitFor(text: how == "deleted" ? "deleted or moved away" : "\(path):3:"))
        let pid = term.childPid()
        #expect(deletedJournals(pid).isEmpty)
        #expect((try? String(contentsOfFile: path, encoding: .utf8)) == before, "nothing written to the path")
        // Quitting asks, then keeps the change in a recovery file and says where.
        try term.send("q")
        try term.send("q")
        #expect(term.waitFor(text: "quit and keep it in a recovery file?"))
        try term.send("y")
        #expect(term.waitFor(text: "quipu-exited-1"))
        #expect(said(dir).contains("kept in \(path).unsaved-1"))
        let recovery = try String(contentsOfFile: path + ".unsaved-1", encoding: .utf8)
        #expect(recovery.contains("idea.add id=I3 kind=area text=\"Typed after\""))
    }

    @Test func aFullDiskWithEnterTwiceAndTypingOnSavesEachIdeaOnceInOrder() throws {
        let dir = scratchFolder()
        let id = try newSession(dir)
        let size = try FileManager.default.attributesOfItem(atPath: dir + "/\(id).txt")[.size] as? Int ?? 0
        let term = try Terminal(["prlimit", "--fsize=\(size + 20):unlimited", quipuBinary, "open", id, "--dir", dir])
        #expect(term.waitFor(text: "Opening & introductions"))
        try term.send("2")
        try term.send("a")
        try term.type("Full disk idea number 22")
        // Enter twice, as a facilitator does when nothing seems to happen: the form closed at
        // once, so the second Enter does not queue it twice…
        try term.send("Enter", "Enter")
        #expect(term.waitFor(text: "UNSAVED (1)"))
        // …and the next idea is its own.
        try term.send("a")
        try term.type("Full disk idea number 23")
        try term.send("Enter")
        #expect(term.waitFor(text: "UNSAVED (2)"))
        try term.send("!")
        #expect(term.waitFor(text: "Not saved yet · 2 changes"))
        #expect(term.waitFor(text: "1. \(id) · add area \"Full disk idea number 22\""))
        #expect(term.waitFor(text: "2. \(id) · add area \"Full disk idea number 23\""))
        try term.send("Escape")
        let pid = term.pid
        try #require(try spawn(["prlimit", "--pid", String(pid), "--fsize=unlimited:unlimited"], captureOutput: false).status == 0)
        // The session screen again (the list has no UNSAVED word of its own), with both saved.
        #expect(term.waitFor("both saved", timeout: 5) { $0.contains("saved I2") && !$0.contains("UNSAVED") })
        #expect(try ideas(id, dir) == ["I1 Full disk idea number 22", "I2 Full disk idea number 23"])
    }

    @Test(arguments: [SIGTERM, SIGHUP])
    func aSignalWritesWhatIsUnsavedToARecoveryFileThatReplays(signal: Int32) throws {
        let dir = scratchFolder()
        let id = try newSession(dir)
        let path = dir + "/\(id).txt"
        let term = try openUnderShell(id, dir)
        #expect(term.waitFor(text: "Opening & introductions"))
        try term.send("2")
        // A sync tool has the journal away for a moment: the change waits, unsaved.
        try #require(rename(path, path + ".away") == 0)
        try addIdea(term, "Kept through the signal")
        #expect(term.waitFor(text: "UNSAVED (1)"))
        // And a second idea typed but not submitted.
        try term.send("a")
        try term.type("Half typed")
        #expect(term.waitFor(text: "Half typed"))
        let pid = term.childPid()
        try #require(pid > 0)
        kill(pid, signal)
        #expect(term.waitFor(text: "quipu-exited-\(128 + signal)"))
        #expect(said(dir).contains("kept in \(path).unsaved-1"))
        let recovery = try String(contentsOfFile: path + ".unsaved-1", encoding: .utf8)
        #expect(recovery.contains(" idea.add id=I1 kind=area text=\"Kept through the signal\"\n"))
        #expect(recovery.contains("# typed but not submitted: Add idea: Idea=Half typed"))
        #expect(!recovery.contains("QuipuCore"), "never a Swift value dump")
        try #require(rename(path + ".away", path) == 0)
        let check = try quipu(["check", id], dir: dir)
        #expect(check.stdout.contains("1 unsaved change the screens could not save before exiting; apply with `quipu recover \(id)`"))
        // The next open offers to apply it.
        let again = try Terminal([quipuBinary, "open", id, "--dir", dir], width: 100, height: 30)
        #expect(again.waitFor(text: "1 change from an earlier run was never saved: apply now?"))
        try again.send("y")
        #expect(again.waitFor(text: "applied 1 recovered change"))
        #expect(try ideas(id, dir) == ["I1 Kept through the signal"])
        #expect(FileManager.default.fileExists(atPath: path + ".unsaved-1.applied"))
    }

    @Test func whenEvenTheRecoveryFileIsRefusedTheChangesArePrintedInJournalSyntax() throws {
        let dir = scratchFolder()
        let id = try newSession(dir)
        let path = dir + "/\(id).txt"
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        // The file-size limit holds for every file quipu writes, so stderr stays on the terminal.
        let command = ["prlimit", "--fsize=\(size + 20):unlimited", quipuBinary, "open", id, "--dir", dir].map(shellQuote)
        let term = try Terminal(["sh", "-c", command.joined(separator: " ") + "; echo quipu-exited-$?"], width: 200, height: 30)
        #expect(term.waitFor(text: "Opening & introductions"))
        try term.send("2")
        try addIdea(term, "Only on the terminal")
        #expect(term.waitFor(text: "UNSAVED (1)"))
        kill(term.childPid(), SIGTERM)
        #expect(term.waitFor(text: "quipu-exited-143"))
        #expect(term.waitFor(text: "the recovery file could not be written"))
        #expect(term.waitFor(text: " idea.add id=I1 kind=area text=\"Only on the terminal\""))
    }

    @Test func ctrlCWithAHalfTypedFormAsksBeforeQuitting() throws {
        let dir = scratchFolder()
        let id = try newSession(dir)
        let term = try openUnderShell(id, dir)
        #expect(term.waitFor(text: "Opening & introductions"))
        try term.send("2")
        try term.send("a")
        try term.type("Not yet submitted")
        try term.send("C-c")
        #expect(term.waitFor(text: "The form is not submitted: quit and keep its text in a recovery file?"))
        try term.send("n")
        try term.send("Enter")
        #expect(term.waitFor(text: "saved I1"))
        #expect(try ideas(id, dir) == ["I1 Not yet submitted"])
        try term.send("C-c")
        #expect(term.waitFor(text: "quipu-exited-0"))
    }
}
