import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import QuipuCore
@testable import QuipuStore

/// The real file system, except that the Nth operation fails (or writes short) as a disk might.
final class FaultyFileSystem: FileSystem, @unchecked Sendable {
    enum Fault { case error(Int32), shortWrite, shortWriteThenError(Int32) }

    var calls = 0
    var failAt: Int?
    var fault: Fault = .error(EIO)
    /// When true the fault repeats for every later call too, until cleared.
    var persistent = false
    private var pendingError: Int32?

    func clear() { failAt = nil; pendingError = nil }

    private func injected() -> Bool {
        calls += 1
        if let e = pendingError { pendingError = nil; errno = e; return true }
        guard let n = failAt, calls == n || (persistent && calls > n) else { return false }
        if case let .error(e) = fault { errno = e }
        return true
    }

    func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
        if injected(), case let .error(e) = fault { errno = e; return -1 }
        return Glibc.open(path, flags, mode)
    }
    func write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        if injected() {
            switch fault {
            case let .error(e):
                errno = e
                return -1
            case .shortWrite:
                return Glibc.write(fd, buffer, max(1, count / 2))
            case let .shortWriteThenError(e):
                pendingError = e
                return Glibc.write(fd, buffer, max(1, count / 2))
            }
        }
        return Glibc.write(fd, buffer, count)
    }
    func fdatasync(_ fd: Int32) -> Int32 { injected() && isError ? -1 : Glibc.fdatasync(fd) }
    func fsync(_ fd: Int32) -> Int32 { injected() && isError ? -1 : Glibc.fsync(fd) }
    func ftruncate(_ fd: Int32, _ length: off_t) -> Int32 { injected() && isError ? -1 : Glibc.ftruncate(fd, length) }
    func rename(_ from: String, _ to: String) -> Int32 { injected() && isError ? -1 : Glibc.rename(from, to) }

    private var isError: Bool { if case .error = fault { return true } else { return false } }
}

/// A session's life, one durable step at a time.
let life: [Command] = [
    .addParticipant(name: "María Quispe Mamani", organisation: "CONDESAN", group: .ngo, country: "Perú", observer: false),
    .addParticipant(name: "Tenzin Norbu", organisation: "ICIMOD", group: .intergovernmental, country: "Nepal", observer: true),
    .startTimer,
    .addIdea(text: "Comités de agua", kind: .area, by: "P1", area: nil),
    .addIdea(text: "Glacier lake early warning 🏔️", kind: .area, by: nil, area: nil),
    .nextPhase,
    .openVote(method: .dot, dots: 3, maxPerItem: nil, candidates: nil),
    .castBallot(vote: nil, by: "P1", choices: [.init(idea: "I2", points: 3)]),
    .closeVote(id: nil),
    .assignRole(role: "lead", holder: "P1"),
    .addAction(text: "Map the basin committees", owner: "CONDESAN", due: "2027-03", idea: "I1"),
    .undo,
    .close,
]

@Suite("Disk faults at every step of a session's life")
struct FaultInjectionTests {
    /// Plays the life; a step that fails is checked and retried once the fault clears.
    /// Returns the journal's bytes and how many faults were met.
    func play(_ fs: FaultyFileSystem) throws -> (bytes: [UInt8], failures: Int) {
        let folder = SessionsFolder(path: temporaryFolder().path, fs: fs)
        let now = { start }
        var failures = 0
        var journal: Journal!
        while journal == nil {
            do {
                journal = try folder.create(title: "Andes", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "w1")
            } catch {
                failures += 1
                // A session that could not be created leaves no file behind.
                #expect(try folder.sessionIDs().isEmpty)
                fs.clear()
            }
        }
        let path = folder.journalPath(journal.id)
        for command in life {
            let before = try readFile(path)
            do {
                try journal.append(now: now) { try $0.decide(command) }
            } catch let error as StoreError {
                failures += 1
                #expect(!error.message.isEmpty)
                // No partial line: the file is exactly as it was.
                #expect(try readFile(path) == before)
                fs.clear()
                try journal.append(now: now) { try $0.decide(command) }
            }
            let after = try readFile(path)
            #expect(after.last == 0x0A)
            #expect(try JournalReader.parse(after, file: path).tail == nil)
        }
        return (try readFile(path), failures)
    }

    @Test func faultsAtEveryOperationLoseNothingAndLeaveNoPartialLine() throws {
        let clean = FaultyFileSystem()
        let expected = try play(clean).bytes
        let operations = clean.calls
        #expect(operations > 30)
        let faults: [FaultyFileSystem.Fault] = [.error(ENOSPC), .error(EIO), .error(EACCES), .shortWrite, .shortWriteThenError(ENOSPC)]
        var met = 0
        for n in 1...operations {
            for fault in faults {
                let fs = FaultyFileSystem()
                fs.failAt = n
                fs.fault = fault
                let (bytes, failures) = try play(fs)
                met += failures
                // Once the fault clears, the journal is exactly what a faultless run writes.
                #expect(bytes == expected, "fault \(fault) at operation \(n)")
            }
        }
        #expect(met >= operations * 3)
    }

    @Test func aPersistentFaultKeepsRefusingUntilItClears() throws {
        let fs = FaultyFileSystem()
        let folder = SessionsFolder(path: temporaryFolder().path, fs: fs)
        let journal = try folder.create(title: "Andes", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "w1")
        let path = folder.journalPath(journal.id)
        let before = try readFile(path)
        fs.failAt = fs.calls + 1
        fs.fault = .error(ENOSPC)
        fs.persistent = true
        for _ in 0..<3 {
            #expect {
                try journal.append(now: { start }) { try $0.decide(.addIdea(text: "Kept in memory", kind: .area, by: nil, area: nil)) }
            } throws: { error in
                (error as? StoreError)?.message == "cannot write \(path): No space left on device"
            }
            #expect(try readFile(path) == before)
        }
        fs.clear()
        try journal.append(now: { start }) { try $0.decide(.addIdea(text: "Kept in memory", kind: .area, by: nil, area: nil)) }
        #expect(try folder.load(journal.id).log.state.ideas.map(\.text) == ["Kept in memory"])
    }

    @Test func aFailedQuarantineChangesNothing() throws {
        let fs = FaultyFileSystem()
        let folder = SessionsFolder(path: temporaryFolder().path, fs: fs)
        let journal = try folder.create(title: "Andes", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "w1")
        let path = folder.journalPath(journal.id)
        let torn = try readFile(path) + Array("2 2026-11-29T14:00:00.000Z w1 idea.a".utf8)
        _ = FileManager.default.createFile(atPath: path, contents: Data(torn))
        fs.failAt = fs.calls + 1 // the quarantine file's open
        fs.fault = .error(EACCES)
        #expect(throws: StoreError.self) { try folder.open(journal.id, writer: "w2") }
        #expect(try readFile(path) == torn)
        fs.clear()
        let reopened = try folder.open(journal.id, writer: "w2")
        #expect(reopened.warnings.count == 1)
    }
}

@Suite("Reports and exports written atomically, under disk faults")
struct AtomicWriteFaultTests {
    @Test func everyFaultLeavesTheOldFileOrTheNewOneAndNoTemporaryFile() throws {
        let folder = temporaryFolder()
        let path = folder.path + "/2026-11-29-andes.md"
        let old = Array("# Andes\n\nthe old report\n".utf8)
        let new = Array(String(repeating: "# Andes\n\n| a | b |\n| --- | --- |\n| agua | 3 |\n", count: 50).utf8)
        let clean = FaultyFileSystem()
        _ = FileManager.default.createFile(atPath: path, contents: Data(old))
        try writeFileAtomically(new, to: path, fs: clean)
        let operations = clean.calls // open, write, fsync, rename, open folder, fsync folder
        #expect(operations >= 6)
        for n in 1...operations {
            for fault: FaultyFileSystem.Fault in [.error(ENOSPC), .error(EIO), .error(EACCES), .shortWriteThenError(ENOSPC)] {
                _ = FileManager.default.createFile(atPath: path, contents: Data(old))
                let fs = FaultyFileSystem()
                fs.failAt = n
                fs.fault = fault
                do {
                    try writeFileAtomically(new, to: path, fs: fs)
                } catch let error as StoreError {
                    #expect(!error.message.isEmpty)
                }
                let now = try readFile(path)
                #expect(now == old || now == new, "fault \(fault) at operation \(n) left a mixed file")
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }.isEmpty,
                        "fault \(fault) at operation \(n) left a temporary file")
                // The retry, once the disk is well again, writes the new report.
                try writeFileAtomically(new, to: path)
                #expect(try readFile(path) == new)
            }
        }
    }
}
