#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QuipuCore

/// An operating-system call that failed: what was being done, to which file, and why.
public struct StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    static func errno(_ what: String, _ path: String, _ code: Int32 = Glibc.errno) -> StoreError {
        StoreError("\(what) \(path): \(String(cString: strerror(code)))")
    }
}

/// One session's journal, open for reading and appending.
///
/// Every append happens under an exclusive `flock` on the journal: the writer first reads what
/// other writers appended since it last looked (so its decisions see their changes and its
/// sequence numbers follow theirs), then writes its complete lines with `O_APPEND`, then
/// `fdatasync`s, and only then reports success. A failed write is cut back off the file.
public final class Journal {
    public let path: String
    public let id: String
    public let writer: String
    public private(set) var log: SessionLog
    /// Warnings from reading (unknown kinds, a quarantined tail).
    public private(set) var warnings: [String] = []
    private var fd: Int32
    /// Bytes of the file already folded into `log`.
    private var knownLength: Int
    private var knownLines: Int
    private let fs: FileSystem
    /// How long to wait for another writer's lock before saying who holds it.
    public var lockTimeoutMilliseconds = 5000

    /// Opens an existing journal for appending. A torn tail is quarantined (under the lock) and
    /// reported in `warnings`; corruption in the middle throws and changes nothing.
    public convenience init(path: String, id: String, writer: String, fs: FileSystem = PosixFileSystem.shared) throws {
        let fd = fs.open(path, O_RDWR | O_APPEND | O_CLOEXEC, 0)
        guard fd >= 0 else {
            let code = Glibc.errno
            throw code == ENOENT ? StoreError("there is no session \(id)") : StoreError.errno("cannot open", path, code)
        }
        try self.init(fd: fd, path: path, id: id, writer: writer, fs: fs)
    }

    /// Takes over an open descriptor (closed on failure) and folds the journal in.
    private init(fd: Int32, path: String, id: String, writer: String, fs: FileSystem) throws {
        self.path = path
        self.id = id
        self.writer = writer
        self.fs = fs
        self.fd = fd
        log = SessionLog(id: id)
        knownLength = 0
        knownLines = 0
        do {
            try withLock { try catchUp() }
        } catch {
            Glibc.close(fd)
            self.fd = -1
            throw error
        }
    }

    /// Creates a new journal with its header and first events; fails if the file exists.
    public static func create(path: String, id: String, writer: String, at: Timestamp, changes: [Change],
                              fs: FileSystem = PosixFileSystem.shared) throws -> Journal {
        let fd = fs.open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            let code = Glibc.errno
            throw code == EEXIST ? StoreError("session \(id) already exists") : StoreError.errno("cannot create", path, code)
        }
        var text = JournalFormat.header + "\n"
        for (i, change) in changes.enumerated() {
            text += JournalFormat.encode(Event(id: EventID(seq: i + 1, writer: writer), at: at, change: change))
        }
        do {
            try writeAll(fd, Array(text.utf8), path: path, fs: fs)
            guard fs.fdatasync(fd) == 0 else { throw StoreError.errno("cannot save", path) }
            try syncDirectory(of: path, fs: fs)
        } catch {
            // A session that could not be saved whole does not exist.
            Glibc.close(fd)
            unlink(path)
            throw error
        }
        do {
            return try Journal(fd: fd, path: path, id: id, writer: writer, fs: fs)
        } catch {
            unlink(path)
            throw error
        }
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    /// Reads what other writers appended since the last look. Returns the new events.
    @discardableResult
    public func refresh() throws -> [Event] {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreError.errno("cannot read", path) }
        guard Int(st.st_size) != knownLength else { return [] }
        let before = log.events.count
        try withLock { try catchUp() }
        return Array(log.events.dropFirst(before))
    }

    /// Whether another writer has appended since the last look (a cheap `fstat`).
    public var hasNewData: Bool {
        var st = stat()
        return fstat(fd, &st) == 0 && Int(st.st_size) != knownLength
    }

    /// Decides and appends under the lock. `decide` sees every event appended so far by anyone.
    /// Returns the appended events once they are durable on disk.
    @discardableResult
    public func append(now: () -> Timestamp, _ decide: (SessionLog) throws -> [Change]) throws -> [Event] {
        try withLock {
            try catchUp()
            let changes = try decide(log)
            guard !changes.isEmpty else { return [] }
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
                    throw StoreError("internal error: \(event.change.record.kind) did not survive encoding; nothing was saved")
                }
                bytes += lineBytes
                events.append(event)
                seq += 1
            }
            do {
                try writeAll(fd, bytes, path: path, fs: fs)
                guard fs.fdatasync(fd) == 0 else { throw StoreError.errno("cannot save", path) }
            } catch {
                // Leave no partial line behind: cut the file back to where it was. The cut goes
                // straight to the system: if the disk refuses even that, the next writer's
                // recovery quarantines the partial line as a torn tail.
                _ = Glibc.ftruncate(fd, off_t(knownLength))
                _ = Glibc.fdatasync(fd)
                throw error
            }
            knownLength += bytes.count
            knownLines += events.count
            log.append(events)
            return events
        }
    }

    // MARK: - Internals

    private func withLock<T>(_ body: () throws -> T) throws -> T {
        var waited = 0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = Glibc.errno
            guard code == EWOULDBLOCK || code == EINTR else { throw StoreError.errno("cannot lock", path, code) }
            // Appends hold the lock for milliseconds; one held for seconds is stuck.
            if waited >= lockTimeoutMilliseconds {
                let holder = lockHolder(of: fd) ?? "another process"
                let waitedFor = lockTimeoutMilliseconds >= 1000 ? "\(lockTimeoutMilliseconds / 1000) s" : "\(lockTimeoutMilliseconds) ms"
                throw StoreError("\(id) is locked by \(holder) for over \(waitedFor); nothing was saved — is that program stopped?")
            }
            usleep(2000)
            waited += 2
        }
        defer { _ = flock(fd, LOCK_UN) }
        return try body()
    }

    /// Folds in what was appended since `knownLength`. Must hold the lock: a torn tail seen under
    /// the lock is a crashed writer's, never a live one's, so it is safe to quarantine.
    private func catchUp() throws {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreError.errno("cannot read", path) }
        let size = Int(st.st_size)
        if size < knownLength {
            throw StoreError("\(path) became shorter while open; it was changed outside Quipu — reopen it")
        }
        guard size > knownLength else { return }
        let data = try Journal.readRange(fd, from: knownLength, count: size - knownLength, path: path)
        let parsed = try JournalReader.parse(data, file: path, expectHeader: knownLength == 0, startLine: knownLines + 1)
        warnings += parsed.warnings
        if let tail = parsed.tail {
            let quarantine = try Journal.quarantine(tail.bytes, beside: path, fs: fs)
            let goodEnd = knownLength + parsed.goodLength
            guard fs.ftruncate(fd, off_t(goodEnd)) == 0, fs.fdatasync(fd) == 0 else {
                throw StoreError.errno("cannot cut the torn tail off", path)
            }
            warnings.append("\(path):\(tail.line):1: a torn or damaged tail (\(tail.reason)) was moved to \(quarantine)")
        }
        knownLength += parsed.goodLength
        knownLines += countLines(data[..<parsed.goodLength])
        log.append(parsed.events)
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
                throw StoreError.errno("cannot quarantine the torn tail to", candidate)
            }
            defer { Glibc.close(qfd) }
            try writeAll(qfd, bytes, path: candidate, fs: fs)
            guard fs.fsync(qfd) == 0 else { throw StoreError.errno("cannot save", candidate) }
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
                    throw StoreError.errno("cannot read", path)
                }
                if n == 0 { break }
                got += n
            }
            initialized = got
        }
    }
}

/// Reads a whole file.
public func readFile(_ path: String) throws -> [UInt8] {
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
        let code = Glibc.errno
        throw code == ENOENT ? StoreError("\(path): no such file") : StoreError.errno("cannot open", path, code)
    }
    defer { Glibc.close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw StoreError.errno("cannot read", path) }
    return try Journal.readRange(fd, from: 0, count: Int(st.st_size), path: path)
}
