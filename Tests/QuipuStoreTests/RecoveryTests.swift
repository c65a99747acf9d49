import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import QuipuCore
@testable import QuipuStore

@Suite("Recovery from what crashes and editors leave behind")
struct RecoveryTests {
    func session(_ folder: SessionsFolder) throws -> (Journal, String) {
        let journal = try folder.create(title: "Andes", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "w1")
        try journal.append(now: { start }) { try $0.decide(.addIdea(text: "Kept", kind: .area, by: nil, area: nil)) }
        return (journal, folder.journalPath(journal.id))
    }

    func append(_ bytes: [UInt8], to path: String) {
        let handle = FileHandle(forWritingAtPath: path)!
        handle.seekToEndOfFile()
        handle.write(Data(bytes))
        handle.closeFile()
    }

    static let garbageTails: [(String, [UInt8])] = {
        let nuls: [UInt8] = Array(repeating: 0, count: 512)
        let badStart: [UInt8] = Array("3 2026-11-29T14:05:00.000Z w1 idea.add id=I2 kind=area text=\"".utf8)
        let badUTF8: [UInt8] = badStart + [0xC3, 0x28] + Array("\"\n".utf8)
        let unparsable: [UInt8] = Array("3 2026-11-29T14:05:00.000Z w1 idea.add id=I2 kind=ar\n".utf8) + [0, 0, 0]
        let half: [UInt8] = Array("3 2026-11-29T14:05".utf8)
        return [("NUL bytes from a power cut", nuls), ("bad UTF-8 in a complete line", badUTF8),
                ("a line that does not parse, then NULs", unparsable), ("half an event", half)]
    }()

    @Test(arguments: garbageTails)
    func aGarbageTailIsQuarantinedWholeAndTheRestKept(what: String, tail: [UInt8]) throws {
        let folder = temporaryFolder()
        let (journal, path) = try session(folder)
        let good = try readFile(path)
        append(tail, to: path)
        let writer = try folder.open(journal.id, writer: "w2")
        #expect(writer.log.state.ideas.map(\.text) == ["Kept"], "\(what)")
        #expect(writer.warnings.count == 1, "\(what)")
        #expect(try readFile(path + ".quarantine-1") == tail, "\(what)")
        #expect(try readFile(path) == good, "\(what)")
    }

    @Test func aStuckLockNamesItsHolder() throws {
        let folder = temporaryFolder()
        let (journal, path) = try session(folder)
        // Another open of the file takes the lock and does not let go (a stopped program).
        let holder = open(path, O_RDONLY)
        defer { close(holder) }
        try #require(flock(holder, LOCK_EX) == 0)
        journal.lockTimeoutMilliseconds = 200
        let before = try readFile(path)
        #expect {
            try journal.append(now: { start }) { try $0.decide(.addIdea(text: "Waits", kind: .area, by: nil, area: nil)) }
        } throws: { error in
            let message = (error as? StoreError)?.message ?? ""
            return message.hasPrefix("\(journal.id) is locked by ") && message.contains("(pid \(getpid())) for over 200 ms")
                && message.hasSuffix("nothing was saved — is that program stopped?")
        }
        #expect(try readFile(path) == before)
        flock(holder, LOCK_UN)
        try journal.append(now: { start }) { try $0.decide(.addIdea(text: "Waits", kind: .area, by: nil, area: nil)) }
    }

    /// `make test` cuts a 40-event journal at every byte; `make soak` (QUIPU_SOAK_ROUNDS) cuts
    /// a 200-event one, which takes about half a minute in a debug build.
    @Test func everyPrefixOfAJournalOpensWithExactlyItsCompleteLines() throws {
        let events = ProcessInfo.processInfo.environment["QUIPU_SOAK_ROUNDS"] == nil ? 40 : 200
        var text = JournalFormat.header + "\n"
        var lineEnds: [Int] = []
        var written: [Event] = []
        for i in 1...events {
            let change: Change = i == 1
                ? .sessionCreated(title: "T", initiative: "", facilitator: "", rapporteur: "", agenda: [Phase(name: "A", plannedSeconds: 60)])
                : .ideaAdded(Idea(id: "I\(i)", text: "Idée n° \(i) «agua» 🌊 \"q\"", kind: .area))
            let event = Event(id: EventID(seq: i, writer: "w1"), at: start.adding(seconds: Int64(i)), change: change)
            written.append(event)
            text += JournalFormat.encode(event)
            lineEnds.append(text.utf8.count)
        }
        let bytes = Array(text.utf8)
        let headerEnd = JournalFormat.header.utf8.count + 1
        var complete = 0
        for cut in headerEnd...bytes.count {
            while complete < lineEnds.count && lineEnds[complete] <= cut { complete += 1 }
            let parsed = try JournalReader.parse(Array(bytes[..<cut]), file: "j.txt")
            if parsed.events != Array(written.prefix(complete)) || (parsed.tail == nil) != (cut == headerEnd || lineEnds.contains(cut)) {
                Issue.record("cut at byte \(cut): \(parsed.events.count) events, expected \(complete)")
                return
            }
            if let tail = parsed.tail, tail.bytes != Array(bytes[(complete == 0 ? headerEnd : lineEnds[complete - 1])..<cut]) {
                Issue.record("cut at byte \(cut): the quarantined tail is not exactly the partial line")
                return
            }
        }
    }

    @Test func filesAreCreatedWithTheUsersUmask() throws {
        let old = umask(0o027)
        defer { umask(old) }
        let folder = temporaryFolder()
        let (_, path) = try session(folder)
        var st = stat()
        stat(path, &st)
        #expect(st.st_mode & 0o777 == 0o640)
    }
}
