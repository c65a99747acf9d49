#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QuipuCore
import QuipuText

/// An operating-system call that failed: what was being done, to which file, and why.
public struct StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, for each language to say.
    public var text: Message
    public init(_ text: Message) { self.text = text }
    /// A sentence in English only, with no catalogue entry.
    public init(_ message: String) { text = Message(message) }
    /// What went wrong, in English.
    public var message: String { text.english }
    public var description: String { message }
    /// Two errors are the same when they say the same.
    public static func == (a: StoreError, b: StoreError) -> Bool { a.message == b.message }

    /// `what` (a message with a `{path}` placeholder: `cannot open {path}`), then the system's
    /// reason (`No such file or directory`, from the C library, as it gives it).
    static func errno(_ what: Message, _ path: String, _ code: Int32 = Glibc.errno) -> StoreError {
        var what = what
        what.arguments["path"] = .text(path)
        return StoreError(Message("{action}: {reason}", ["action": .message(what), "reason": .text(String(cString: strerror(code)))],
                                  context: "a failed system call"))
    }
}

/// One session's journal, open for reading and appending.
///
/// Every append happens under an exclusive `flock` on the journal: the writer first makes sure
/// its descriptor is still the file at the path (a `git checkout`, `sed -i` or sync tool
/// replaces files; writing to the old one would save into a file nobody else can see), then
/// reads what other writers appended since it last looked (so its decisions see their changes
/// and its sequence numbers follow theirs), checking that the file still begins with what it
/// read before, then writes its complete lines with `O_APPEND`, then `fdatasync`s, and only then
/// reports success. A failed write is cut back off the file.
public final class Journal {
    public let path: String
    public let id: String
    public let writer: String
    /// Who is at this writer's keyboard: recorded (`writer.join`) with the writer's first change
    /// to the session, and again when it changes. Nil records nothing.
    public var writerName: String?
    public private(set) var log: SessionLog
    /// Warnings from reading (unknown kinds, a quarantined tail).
    public private(set) var warnings: [String] = []
    private var fd: Int32
    /// The bytes of the file already folded into `log`, exactly as read or written: the file
    /// must still begin with them, or it was changed outside Quipu.
    private var knownBytes: [UInt8] = []
    private var knownLength: Int { knownBytes.count }
    private var knownLines: Int
    /// The file as it was after the last look (read or own append), under the lock. While the
    /// file at the path still matches it, nothing changed and nothing needs reading.
    private var signature: FileSignature?
    private let fs: FileSystem
    /// How long to wait for another writer's lock before saying who holds it.
    public var lockTimeoutMilliseconds = 5000
    /// Where anonymous votes' ballot keys are kept (see BallotKeys.swift).
    public var ballotKeys: BallotKeyring = BallotKeys.standard ?? NoBallotKeys()
    /// The folder whose other files of this session (other devices' journals) are read beside
    /// `path`, which is this device's own; nil reads `path` alone.
    private let folder: SessionsFolder?
    /// What ids minted here end with (`Session.idSuffix`).
    private let idSuffix: String
    /// The session's other files, as last read: never written here (each device appends only
    /// to its own file, so a git merge never touches one file from two sides).
    private var others: [String: OtherFile] = [:]
    /// The folder as last looked at: a file added to it (a pull) changes it.
    private var folderSignature: FileSignature?

    private struct OtherFile {
        var signature: FileSignature?
        var events: [Event]
    }

    /// Opens an existing journal for appending. A torn tail is quarantined (under the lock) and
    /// reported in `warnings`; corruption in the middle throws and changes nothing. With a
    /// `folder`, `path` is this device's own file of the session, which need not exist yet (it
    /// is made at the first change), and the session's other files are read beside it.
    public convenience init(path: String, id: String, writer: String, fs: FileSystem = PosixFileSystem.shared,
                            folder: SessionsFolder? = nil, idSuffix: String = "") throws {
        let fd = fs.open(path, O_RDWR | O_APPEND | O_CLOEXEC, 0)
        guard fd >= 0 || (folder != nil && Glibc.errno == ENOENT && path != folder?.journalPath(id)) else {
            let code = Glibc.errno
            throw code == ENOENT ? StoreError("there is no session \(id)") : StoreError.errno(Message("cannot open {path}"), path, code)
        }
        try self.init(fd: fd, path: path, id: id, writer: writer, fs: fs, folder: folder, idSuffix: idSuffix)
    }

    /// Takes over an open descriptor (closed on failure; -1 when this device's file is not made
    /// yet) and folds the journal in.
    private init(fd: Int32, path: String, id: String, writer: String, fs: FileSystem, folder: SessionsFolder?,
                 idSuffix: String) throws {
        self.path = path
        self.id = id
        self.writer = writer
        self.fs = fs
        self.fd = fd
        self.folder = folder
        self.idSuffix = idSuffix
        log = SessionLog(id: id)
        knownLines = 0
        do {
            try withLock { try catchUp() }
        } catch {
            if fd >= 0 { Glibc.close(fd) }
            self.fd = -1
            throw error
        }
    }

    /// Creates a new journal with its header and first events; fails if the file exists.
    public static func create(path: String, id: String, writer: String, at: Timestamp, changes: [Change],
                              fs: FileSystem = PosixFileSystem.shared, folder: SessionsFolder? = nil) throws -> Journal {
        let fd = fs.open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            let code = Glibc.errno
            throw code == EEXIST ? StoreError("session \(id) already exists") : StoreError.errno(Message("cannot create {path}"), path, code)
        }
        var text = JournalFormat.header + "\n"
        for (i, change) in changes.enumerated() {
            text += JournalFormat.encode(Event(id: EventID(seq: i + 1, writer: writer), at: at, change: change))
        }
        do {
            try writeAll(fd, Array(text.utf8), path: path, fs: fs)
            guard fs.fdatasync(fd) == 0 else { throw StoreError.errno(Message("cannot save {path}"), path) }
            try syncDirectory(of: path, fs: fs)
        } catch {
            // A session that could not be saved whole does not exist.
            Glibc.close(fd)
            unlink(path)
            throw error
        }
        do {
            return try Journal(fd: fd, path: path, id: id, writer: writer, fs: fs, folder: folder, idSuffix: "")
        } catch {
            unlink(path)
            throw error
        }
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    /// Reads what other writers appended since the last look. Returns the new events.
    @discardableResult
    public func refresh() throws -> [Event] {
        guard hasNewData else { return [] }
        let before = log.events
        try withLock { try catchUp() }
        // Usually what is new is a tail; after a rewrite outside Quipu it is whatever was not
        // there before.
        if log.events.starts(with: before) { return Array(log.events.dropFirst(before.count)) }
        let old = Set(before.map(\.id))
        return log.events.filter { !old.contains($0.id) }
    }

    /// Whether the file at the path is not as last seen: another writer appended, or it was
    /// replaced, rewritten, deleted or moved away (a cheap `stat` of the path).
    public var hasNewData: Bool {
        if FileSignature(path: path) != signature { return true }
        guard let folder else { return false }
        // Another device's file arrived (a pull) or changed.
        if FileSignature(path: folder.path) != folderSignature { return true }
        return others.contains { FileSignature(path: $0.key) != $0.value.signature }
    }

    /// Decides and appends under the lock. `decide` sees every event appended so far by anyone.
    /// Returns the appended events once they are durable on disk.
    @discardableResult
    public func append(now: () -> Timestamp, _ decide: (SessionLog) throws -> [Change]) throws -> [Event] {
        let appended = try withLock { () throws -> [Event]? in
            try catchUp()
            // Sealed before encoding: an anonymous ballot's voter never reaches the file.
            var changes = try log.state.sealed(try decide(log), keys: ballotKeys)
            guard !changes.isEmpty else { return [] }
            if fd < 0 {
                // This device's first change to the session: its own file is made now (and
                // nothing when a command is refused), and the change decided again under its lock,
                // in case another terminal on this device made it first.
                try makeOwnFile()
                return nil
            }
            if let writerName, log.state.writerName(writer) != writerName {
                changes.insert(.writerJoined(name: writerName), at: 0)
            }
            // One append is one step, which one undo takes back: its events share this timestamp.
            let at = max(now(), log.events.last?.at ?? now())
            var seq = log.nextSeq
            var events: [Event] = []
            var bytes: [UInt8] = []
            for change in changes {
                let event = Event(id: EventID(seq: seq, writer: writer), at: at, change: change)
                let line = JournalFormat.encode(event)
                // Encode, parse back, compare: no value may ever break the grammar.
                let lineBytes = Array(line.utf8)
                guard let back = try? JournalFormat.parseLine(lineBytes[..<(lineBytes.count - 1)]), back == event else {
                    throw StoreError(Message("internal error: {kind} did not survive encoding; nothing was saved", ["kind": .text(event.change.record.kind)]))
                }
                bytes += lineBytes
                events.append(event)
                seq += 1
            }
            do {
                try writeAll(fd, bytes, path: path, fs: fs)
                guard fs.fdatasync(fd) == 0 else { throw StoreError.errno(Message("cannot save {path}"), path) }
            } catch {
                // Leave no partial line behind: cut the file back to where it was. The cut goes
                // straight to the system: if the disk refuses even that, the next writer's
                // recovery quarantines the partial line as a torn tail.
                _ = Glibc.ftruncate(fd, off_t(knownLength))
                _ = Glibc.fdatasync(fd)
                throw error
            }
            knownBytes += bytes
            knownLines += events.count
            signature = FileSignature(fd: fd)
            let closing = log.state
            log.append(events)
            // Who voted is on disk: the key that could join ballots to voters goes.
            for case let .voteClosed(id, _?, _) in events.map(\.change) {
                if let name = closing.vote(id)?.ballotKey { ballotKeys.destroy(name) }
            }
            return events
        }
        return try appended ?? append(now: now, decide)
    }

    /// Makes this device's own file of the session: the header, durably. Another terminal of
    /// this device may make it at the same moment: the header is written once, under its lock.
    private func makeOwnFile() throws {
        let made = fs.open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o666)
        guard made >= 0 else { throw StoreError.errno(Message("cannot create {path}"), path) }
        do {
            try lock(made)
            defer { _ = flock(made, LOCK_UN) }
            var st = stat()
            guard fstat(made, &st) == 0 else { throw StoreError.errno(Message("cannot read {path}"), path) }
            if st.st_size == 0 {
                try writeAll(made, Array((JournalFormat.header + "\n").utf8), path: path, fs: fs)
                guard fs.fdatasync(made) == 0 else {
                    _ = Glibc.ftruncate(made, 0)
                    throw StoreError.errno(Message("cannot save {path}"), path)
                }
                try syncDirectory(of: path, fs: fs)
            }
        } catch {
            Glibc.close(made)
            throw error
        }
        fd = made
    }

    // MARK: - Internals

    /// Runs `body` under this device's file's lock (without one while the file is not made yet).
    private func withLock<T>(_ body: () throws -> T) throws -> T {
        guard fd >= 0 else { return try body() }
        try lock(fd)
        var locked = fd
        defer { _ = flock(locked, LOCK_UN) }
        try followPath(&locked)
        return try body()
    }

    /// Waits for the exclusive lock on `fd`; one held for seconds is stuck, and says by whom.
    private func lock(_ fd: Int32) throws {
        var waited = 0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = Glibc.errno
            guard code == EWOULDBLOCK || code == EINTR else { throw StoreError.errno(Message("cannot lock {path}"), path, code) }
            // Appends hold the lock for milliseconds; one held for seconds is stuck.
            if waited >= lockTimeoutMilliseconds {
                let holder: Message.Argument = lockHolder(of: fd).map { .text($0) } ?? .message(Message("another process"))
                let waitedFor = lockTimeoutMilliseconds >= 1000
                    ? Message("{n} s", ["n": .number(Int(lockTimeoutMilliseconds / 1000))], context: "seconds")
                    : Message("{n} ms", ["n": .number(Int(lockTimeoutMilliseconds))], context: "milliseconds")
                throw StoreError(Message("{id} is locked by {holder} for over {time}; nothing was saved — is that program stopped?",
                                         ["id": .text(id), "holder": holder, "time": .message(waitedFor)]))
            }
            usleep(2000)
            waited += 2
        }
    }

    /// Makes sure the descriptor (locked, in `locked`) is the file at the path. A file replaced
    /// at the path (rename over it: git, `sed -i`, editors, sync tools) is opened and locked in
    /// its place, and `catchUp` then reads it whole; a file deleted or moved away is refused,
    /// so nothing is ever written to a file no other reader can see.
    private func followPath(_ locked: inout Int32) throws {
        for _ in 0..<16 {
            var atPath = stat()
            guard stat(path, &atPath) == 0 else {
                let code = Glibc.errno
                if code == ENOENT {
                    throw StoreError(Message("{path} was deleted or moved away while open; nothing was saved to it", ["path": .text(path)]))
                }
                throw StoreError.errno(Message("cannot read {path}"), path, code)
            }
            var open = stat()
            guard fstat(fd, &open) == 0 else { throw StoreError.errno(Message("cannot read {path}"), path) }
            if open.st_dev == atPath.st_dev && open.st_ino == atPath.st_ino { return }
            let replacement = fs.open(path, O_RDWR | O_APPEND | O_CLOEXEC, 0)
            guard replacement >= 0 else {
                if Glibc.errno == ENOENT { continue }
                throw StoreError.errno(Message("cannot open {path}"), path)
            }
            do { try lock(replacement) } catch {
                Glibc.close(replacement)
                throw error
            }
            // The old file is no one's any more: let it go. The lock moves with the descriptor.
            _ = flock(locked, LOCK_UN)
            Glibc.close(fd)
            fd = replacement
            locked = replacement
            // Looked at afresh: the signature is the old file's, so catchUp reads this one whole.
        }
        throw StoreError(Message("{path} keeps being replaced while Quipu opens it; nothing was saved — try again", ["path": .text(path)]))
    }

    /// Folds in what was appended since the last look. Must hold the lock: a torn tail seen
    /// under the lock is a crashed writer's, never a live one's, so it is safe to quarantine.
    /// The file must still begin with the bytes already read; when it does not (replaced by an
    /// older or edited copy, damaged in place), it is read whole and taken only if every event
    /// known so far is still in it, unchanged; otherwise nothing is written and it says where.
    private func catchUp() throws {
        try catchUpOthers()
        guard fd >= 0 else { return }
        let current = FileSignature(fd: fd)
        guard current != signature else { return }
        guard let current else { throw StoreError.errno(Message("cannot read {path}"), path) }
        let data = try Journal.readRange(fd, from: 0, count: current.size, path: path)
        if Journal.hasPrefix(data, knownBytes) {
            try foldTail(of: data)
        } else {
            try reread(data)
        }
        signature = FileSignature(fd: fd)
    }

    /// Reads the session's other files that are new or changed since the last look (whole: they
    /// are small, and git replaces them rather than appending). A torn tail there is left alone
    /// (it is another device's file: a pull caught half-way), and damage in the middle throws.
    private func catchUpOthers() throws {
        guard let folder else { return }
        let folderNow = FileSignature(path: folder.path)
        var changed = false
        if folderNow != folderSignature || others.contains(where: { FileSignature(path: $0.key) != $0.value.signature }) {
            let paths = try folder.journalPaths(id).filter { $0 != path }
            for gone in others.keys where !paths.contains(gone) {
                others[gone] = nil
                changed = true
            }
            for other in paths {
                let signature = FileSignature(path: other)
                if let known = others[other], known.signature == signature { continue }
                let parsed = try JournalReader.parse(try readFile(other), file: other)
                if others[other]?.events != parsed.events {
                    warnings += parsed.warnings
                    changed = true
                }
                others[other] = OtherFile(signature: signature, events: parsed.events)
            }
        }
        folderSignature = folderNow
        guard changed || log.events.isEmpty else { return }
        let own = log.events.filter { !otherIDs.contains($0.id) }
        otherIDs = Set(others.values.flatMap { $0.events.map(\.id) })
        rebuild(own: own)
    }

    /// The ids of the events in the other files, as last read.
    private var otherIDs: Set<EventID> = []

    /// The log again from this device's events and the other files' (sorted by `(seq, writer)`;
    /// an event in two files counts once), with this device's id suffix.
    private func rebuild(own: [Event]) {
        log = SessionLog(id: id, events: own + others.values.flatMap(\.events))
        log.idSuffix = idSuffix
    }

    /// Folds the lines after `knownBytes` (the common case: other writers appended).
    private func foldTail(of data: [UInt8]) throws {
        guard data.count > knownLength else { return }
        let new = knownLength == 0 ? data : Array(data[knownLength...])
        let parsed = try JournalReader.parse(new, file: path, expectHeader: knownLength == 0, startLine: knownLines + 1)
        warnings += parsed.warnings
        try quarantineTail(parsed, goodEnd: knownLength + parsed.goodLength)
        if knownBytes.isEmpty && parsed.goodLength == new.count {
            knownBytes = new  // the first read: kept as it is, not copied
        } else {
            knownBytes += new[..<parsed.goodLength]
        }
        knownLines += countLines(new[..<parsed.goodLength])
        log.append(parsed.events)
    }

    /// The file no longer begins with what was read: read it whole, and take it only if it still
    /// holds every event known so far, as it was (comments added, lines reordered by a merge,
    /// events appended elsewhere are fine; an event gone or altered is history rewritten).
    private func reread(_ data: [UInt8]) throws {
        let parsed = try JournalReader.parse(data, file: path)
        var byID: [EventID: Event] = [:]
        for event in parsed.events { byID[event.id] = event }
        if let lost = log.events.first(where: { byID[$0.id] != $0 && !otherIDs.contains($0.id) }) {
            let (line, column) = Journal.place(ofFirstDifference: knownBytes, data)
            throw StoreError(.at("\(path):\(line):\(column)", Message(
                "the journal was changed outside Quipu and event {event} is no longer in it as it was; nothing was saved — restore the file, or reopen the session to read it as it is now",
                ["event": .text("\(lost.id)")])))
        }
        try quarantineTail(parsed, goodEnd: parsed.goodLength)
        let before = log.events.count
        warnings += parsed.warnings
        rebuild(own: parsed.events)
        knownBytes = Array(data[..<parsed.goodLength])
        knownLines = countLines(data[..<parsed.goodLength])
        warnings.append(trn("{path} was replaced or rewritten outside Quipu; read it again ({n} new event)",
                            "{path} was replaced or rewritten outside Quipu; read it again ({n} new events)",
                            count: log.events.count - before, ["path": path]))
    }

    /// Copies a torn tail aside and cuts it off the file at `goodEnd`.
    private func quarantineTail(_ parsed: ParsedJournal, goodEnd: Int) throws {
        guard let tail = parsed.tail else { return }
        let quarantine = try Journal.quarantine(tail.bytes, beside: path, fs: fs)
        guard fs.ftruncate(fd, off_t(goodEnd)) == 0, fs.fdatasync(fd) == 0 else {
            throw StoreError.errno(Message("cannot cut the torn tail off {path}"), path)
        }
        warnings.append(Message.at("\(path):\(tail.line):1", Message("a torn or damaged tail ({reason}) was moved to {quarantine}",
                                                                    ["reason": .text(tail.reason), "quarantine": .text(quarantine)])).localized)
    }

    static func hasPrefix(_ data: [UInt8], _ prefix: [UInt8]) -> Bool {
        guard data.count >= prefix.count else { return false }
        guard !prefix.isEmpty else { return true }
        return data.withUnsafeBytes { d in prefix.withUnsafeBytes { p in memcmp(d.baseAddress!, p.baseAddress!, p.count) == 0 } }
    }

    /// `LINE:COL` (1-based) in `new` of the first byte where it stops agreeing with `old`.
    static func place(ofFirstDifference old: [UInt8], _ new: [UInt8]) -> (Int, Int) {
        var i = 0
        while i < old.count && i < new.count && old[i] == new[i] { i += 1 }
        var line = 1, lineStart = 0
        for (k, b) in new[..<min(i, new.count)].enumerated() where b == 0x0A {
            line += 1
            lineStart = k + 1
        }
        return (line, i - lineStart + 1)
    }

    private func countLines(_ bytes: ArraySlice<UInt8>) -> Int {
        var n = 0
        for b in bytes where b == 0x0A { n += 1 }
        return n
    }

    /// Writes the tail beside the journal, durably, as `<journal>.quarantine-N`.
    static func quarantine(_ bytes: [UInt8], beside path: String, fs: FileSystem) throws -> String {
        var n = 1
        while true {
            let candidate = "\(path).quarantine-\(n)"
            let qfd = fs.open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if qfd < 0 {
                if Glibc.errno == EEXIST { n += 1; continue }
                throw StoreError.errno(Message("cannot quarantine the torn tail to {path}"), candidate)
            }
            defer { Glibc.close(qfd) }
            try writeAll(qfd, bytes, path: candidate, fs: fs)
            guard fs.fsync(qfd) == 0 else { throw StoreError.errno(Message("cannot save {path}"), candidate) }
            try syncDirectory(of: candidate, fs: fs)
            return candidate
        }
    }

    static func readRange(_ fd: Int32, from: Int, count: Int, path: String) throws -> [UInt8] {
        // Not zeroed first: the read fills it (megabytes for a cache file).
        try [UInt8](unsafeUninitializedCapacity: count) { raw, initialized in
            var got = 0
            while got < count {
                let n = pread(fd, raw.baseAddress! + got, count - got, off_t(from + got))
                if n < 0 {
                    if Glibc.errno == EINTR { continue }
                    throw StoreError.errno(Message("cannot read {path}"), path)
                }
                if n == 0 { break }
                got += n
            }
            initialized = got
        }
    }
}

/// What a file looked like: which file it is and whether it changed. Two equal signatures of
/// the file at a path mean no one wrote, replaced or truncated it in between (the change time
/// moves on every write and cannot be set back).
struct FileSignature: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int
    var modified: timespec
    var changed: timespec

    init?(fd: Int32) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        self.init(st)
    }

    init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        self.init(st)
    }

    private init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int(st.st_size)
        modified = st.st_mtim
        changed = st.st_ctim
    }

    static func == (a: FileSignature, b: FileSignature) -> Bool {
        a.device == b.device && a.inode == b.inode && a.size == b.size
            && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
            && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
    }
}

/// Reads a whole file.
public func readFile(_ path: String) throws -> [UInt8] {
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
        let code = Glibc.errno
        throw code == ENOENT ? StoreError("\(path): no such file") : StoreError.errno(Message("cannot open {path}"), path, code)
    }
    defer { Glibc.close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw StoreError.errno(Message("cannot read {path}"), path) }
    return try Journal.readRange(fd, from: 0, count: Int(st.st_size), path: path)
}
