import Foundation
import Testing
@testable import QuipuCore
@testable import QuipuStore

/// The `.gitattributes` and `.gitignore` a sync needs, in a folder that already has its own:
/// the user's lines kept, Quipu's added once, committed, and nothing more on the next sync.
@Suite("quipu sync and the folder's own git files")
struct GitSyncFilesTests {
    /// Runs git in `dir` (a real process) and gives its output.
    @discardableResult
    static func git(_ arguments: [String], in dir: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=Test", "-c", "user.email=test@localhost", "-c", "commit.gpgsign=false"]
            + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments)")
        return String(decoding: data, as: UTF8.self)
    }

    @Test func existingFilesGainTheLinesQuipuNeedsOnceAndTheChangeIsCommitted() throws {
        let root = NSTemporaryDirectory() + "quipu-gitfiles-" + UUID().uuidString.prefix(8)
        let path = root + "/Sessions"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Self.git(["init", "-q", "--bare", root + "/remote.git"], in: root)
        // The user's repository already ignores and describes some files of its own: one rule
        // Quipu needs is there already, the last line has no line end.
        try Self.git(["init", "-q"], in: path)
        let userIgnore = "# mine\nnode_modules/\n*.md\n*.log"
        let userAttributes = "*.png binary\r\n*.txt text eol=lf\r\n"
        try userIgnore.write(toFile: path + "/.gitignore", atomically: true, encoding: .utf8)
        try userAttributes.write(toFile: path + "/.gitattributes", atomically: true, encoding: .utf8)
        try Self.git(["add", "-A"], in: path)
        try Self.git(["commit", "-q", "-m", "mine"], in: path)

        let folder = SessionsFolder(path: path, device: "lap1")
        _ = try folder.create(title: "Andes", agenda: try AgendaTemplate.resolve(nil),
                              at: Timestamp(year: 2026, month: 11, day: 28, hour: 14), writer: "cli")
        var sync = try GitSync(folder: folder)
        try sync.run(remote: root + "/remote.git") { _ in }

        let ignore = try String(contentsOfFile: path + "/.gitignore", encoding: .utf8)
        #expect(ignore.hasPrefix(userIgnore + "\n"), "the user's lines stay first: \(ignore)")
        let rules = ignore.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        for needed in ["*.md", "*.tmp", ".*.tmp", "*.unsaved-*", "*.quarantine-*", ".quipu-sync.lock", "node_modules/", "*.log"] {
            #expect(rules.filter { $0 == needed }.count == 1, "\(needed) once in \(ignore)")
        }
        let attributes = try String(contentsOfFile: path + "/.gitattributes", encoding: .utf8)
        #expect(attributes == userAttributes, "it already had what Quipu needs: \(attributes)")
        // Committed, with the journal; nothing left over.
        #expect(try Self.git(["status", "--porcelain"], in: path).isEmpty)
        #expect(try Self.git(["show", "HEAD:.gitignore"], in: path) == ignore)
        #expect(try Self.git(["ls-remote", root + "/remote.git"], in: path).contains("refs/heads/"))

        // Again: nothing to add, nothing to commit.
        let head = try Self.git(["rev-parse", "HEAD"], in: path)
        try sync.run(remote: nil) { _ in }
        #expect(try String(contentsOfFile: path + "/.gitignore", encoding: .utf8) == ignore)
        #expect(try Self.git(["rev-parse", "HEAD"], in: path) == head)
    }

    @Test func onlyTheMissingRulesAreAddedEachOnce() {
        #expect(GitSync.missingLines("# x\na\nb\n\nb\nc\n", in: " a \r\n# b\nc") == ["b"])
        #expect(GitSync.missingLines(GitSync.ignore, in: GitSync.ignore).isEmpty)
    }
}
