import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import QuipuCore
@testable import QuipuStore

/// The journal changes under an open writer, as git, `sed -i`, editors and sync tools change
/// files: replaced by rename, rewritten in place, deleted, moved away. Every change is either
/// in the file at the path or refused (and so kept unsaved by the caller); none is written to a
/// file nobody else can see.
@Suite("A journal replaced, rewritten or removed while open")
struct ReplacedJournalTests {
    func opened() throws -> (SessionsFolder, Journal, String) {
        let folder = temporaryFolder()
        let journal = try folder.create(title: "Andes", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "screens")
        try add("First", to: journal)
        return (folder, journal, folder.journalPath(journal.id))
    }

    @discardableResult
    func add(_ text: String, to journal: Journal) throws -> [Event] {
        try journal.append(now: { start }) { try $0.decide(.addIdea(text: text, kind: .area, by: nil, area: nil)) }
    }

    /// What `sed -i` does: write a new file beside it and rename it over the path.
    func replace(_ path: String, with text: String) throws {
        let temporary = path + ".sed-tmp"
        try text.write(toFile: temporary, atomically: false, encoding: .utf8)
        try #require(rename(temporary, path) == 0)
    }

    func ideas(atPath path: String) throws -> [String] {
        let parsed = try JournalReader.parse(try readFile(path), file: path)
        return SessionLog(id: "x", events: parsed.events).state.ideas.map { "\($0.id) \($0.text)" }
    }

    func text(_ path: String) throws -> String { String(decoding: try readFile(path), as: UTF8.self) }

    @Test func aFileReplacedWithACommentAddedIsFollowedAndTheCommandDecidedAgain() throws {
        let (folder, screens, path) = try opened()
        // `sed -i '2i # note' FILE`
        var lines = try text(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert("# note", at: 1)
        try replace(path, with: lines.joined(separator: "\n"))
        // Meanwhile the command line adds an idea to the new file: it takes I2.
        let cli = try folder.open(screens.id, writer: "cli")
        try add("From the command line", to: cli)

        #expect(screens.hasNewData)
        let saved = try add("From the screens", to: screens)
        // Decided again against the file as it is now: I3, not a second I2.
        #expect(saved.first?.change.ideaID == "I3")
        #expect(try ideas(atPath: path) == ["I1 First", "I2 From the command line", "I3 From the screens"])
        #expect(try text(path).contains("# note\n"), "the person's comment is kept")
        #expect(screens.warnings.contains { $0.contains("replaced or rewritten outside Quipu") })
        // The descriptor is the file at the path: nothing open points at a deleted file.
        #expect(try openDescriptors(toDeleted: path).isEmpty)
    }

    @Test func aFileReplacedByAGitCheckoutOfTheSameContentIsFollowed() throws {
        let (_, screens, path) = try opened()
        let same = try text(path)
        try replace(path, with: same)
        try add("Second", to: screens)
        #expect(try ideas(atPath: path) == ["I1 First", "I2 Second"])
    }

    @Test func anOtherWritersAppendIsSeenAfterTheReplacement() throws {
        let (folder, screens, path) = try opened()
        try replace(path, with: try text(path))
        try add("By the other terminal", to: try folder.open(screens.id, writer: "other"))
        let new = try screens.refresh()
        #expect(new.map(\.change.ideaID) == ["I2"])
        #expect(screens.log.state.ideas.map(\.text) == ["First", "By the other terminal"])
    }

    @Test func aFileReplacedByAnOlderCopyIsRefusedWithThePlace() throws {
        let (_, screens, path) = try opened()
        let before = try text(path)
        try add("Second", to: screens)
        let full = try text(path)
        // `git checkout` of an older version: I2 is gone from the file.
        try replace(path, with: before)
        #expect {
            try add("Third", to: screens)
        } throws: { error in
            let message = "\(error)"
            return message.hasPrefix("\(path):\(before.split(separator: "\n").count + 1):1: the journal was changed outside Quipu")
                && message.contains("nothing was saved")
        }
        #expect(try text(path) == before, "nothing was written to the file at the path")
        // It keeps refusing on every try, not only the first.
        #expect(throws: StoreError.self) { try add("Fourth", to: screens) }
        #expect(try text(path) == before)
        // The file put back as it was: the refused change is saved on the next try.
        try replace(path, with: full)
        try add("Third", to: screens)
        #expect(try ideas(atPath: path) == ["I1 First", "I2 Second", "I3 Third"])
    }

    @Test func aFileDamagedInPlaceIsRefusedAsTheCommandLineRefusesIt() throws {
        let (folder, screens, path) = try opened()
        try add("Second", to: screens)
        // An editor that writes in place: same inode, a byte of history changed (in I1's line,
        // with a good line after it: damage in the middle, not a torn tail).
        var bytes = try readFile(path)
        let at = try #require(bytes.lastIndex(of: UInt8(ascii: "F")))
        bytes[at] = UInt8(ascii: "\"")
        let fd = open(path, O_WRONLY)
        _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        close(fd)
        let damaged = try text(path)
        var cliMessage = ""
        do { _ = try folder.open(screens.id, writer: "cli") } catch { cliMessage = "\(error)" }
        #expect(cliMessage.hasPrefix("\(path):"))
        var screensMessage = ""
        do { try add("Third", to: screens) } catch { screensMessage = "\(error)" }
        #expect(screensMessage.split(separator: "\n").first == cliMessage.split(separator: "\n").first)
        #expect(try text(path) == damaged)
    }

    @Test func aFileRewrittenInPlaceWithTheSameEventsIsTaken() throws {
        let (_, screens, path) = try opened()
        // Same inode, a comment added at the top and the rest kept: a person's edit.
        let old = try text(path)
        var lines = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert("# checked by the rapporteur", at: 1)
        let fd = open(path, O_WRONLY | O_TRUNC)
        let new = lines.joined(separator: "\n")
        _ = new.utf8CString.withUnsafeBytes { write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
        try add("Second", to: screens)
        #expect(try ideas(atPath: path) == ["I1 First", "I2 Second"])
        #expect(try text(path).hasPrefix(new))
    }

    @Test(arguments: ["deleted", "moved away"])
    func aFileDeletedOrMovedAwayIsNeverWrittenTo(what: String) throws {
        let (_, screens, path) = try opened()
        let before = try readFile(path)
        if what == "deleted" { unlink(path) } else { try #require(rename(path, path + ".old") == 0) }
        #expect(screens.hasNewData)
        #expect {
            try add("Lost?", to: screens)
        } throws: { error in
            "\(error)" == "\(path) was deleted or moved away while open; nothing was saved to it"
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        if what == "moved away" { #expect(try readFile(path + ".old") == before) }
        #expect(throws: StoreError.self) { try screens.refresh() }
    }

    @Test func ownAppendsAloneNeverReadTheFileAgain() throws {
        // The signature kept after each append matches, so a lone writer's next append does not
        // re-read: nothing new is found and the log is the same value.
        let (_, screens, _) = try opened()
        try add("Second", to: screens)
        #expect(!screens.hasNewData)
        #expect(try screens.refresh().isEmpty)
    }
}

/// Descriptors of this process that point at a deleted file (`/proc/self/fd` shows `(deleted)`).
func openDescriptors(toDeleted path: String) throws -> [String] {
    let fds = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
    return fds.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)") }
        .filter { $0 == path + " (deleted)" }
}

extension Change {
    var ideaID: String? {
        if case .ideaAdded(let idea) = self { return idea.id }
        return nil
    }
}
