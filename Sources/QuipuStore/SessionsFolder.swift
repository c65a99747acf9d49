#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QuipuCore

/// The sessions folder: one `<id>.txt` journal per session (and derived `<id>.md` reports).
public struct SessionsFolder: Sendable {
    public let path: String
    /// The seam tests use to inject disk faults.
    public let fs: FileSystem

    public init(path: String, fs: FileSystem = PosixFileSystem.shared) {
        var p = path
        while p.count > 1, p.hasSuffix("/") { p.removeLast() }
        self.path = p
        self.fs = fs
    }

    public func journalPath(_ id: String) -> String { "\(path)/\(id).txt" }
    public func reportPath(_ id: String) -> String { "\(path)/\(id).md" }

    public var exists: Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Creates the folder (and its parents) when missing.
    public func ensureExists() throws {
        guard !exists else { return }
        try makeDirectories(path, mode: 0o777, what: "the sessions folder")
    }

    /// The ids of every session in the folder, sorted.
    public func sessionIDs() throws -> [String] {
        guard let dir = opendir(path) else {
            let code = Glibc.errno
            if code == ENOENT { return [] }
            throw StoreError.errno("cannot read the sessions folder", path, code)
        }
        defer { closedir(dir) }
        var ids: [String] = []
        let suffix = Array(".txt".utf8)
        while let entry = readdir(dir) {
            // Ids are ASCII (`SessionID.isValid`): the name's bytes are enough, and one String.
            let id = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String? in
                let name = raw.prefix(while: { $0 != 0 })
                guard name.count > suffix.count, name.suffix(suffix.count).elementsEqual(suffix) else { return nil }
                return String(decoding: name.dropLast(suffix.count), as: UTF8.self)
            }
            if let id, SessionID.isValid(id) { ids.append(id) }
        }
        // Byte order, which is `String`'s order for ASCII, without its Unicode checks.
        return sortedByUTF8(ids)
    }

    /// Checks an id typed by a person before it names a file: never a path outside the folder.
    public func validate(_ id: String) throws -> String {
        guard SessionID.isValid(id) else {
            throw StoreError("\"\(JournalReader.inertExcerpt(ArraySlice(id.utf8), limit: 60))\" is not a session id (ids look like 2026-11-29-watershed-management)")
        }
        return id
    }

    /// Reads a session without taking the lock or changing anything: for `show`, `list`, reports.
    /// A torn tail is left in place (a writer quarantines it) and reported in the warnings.
    public func load(_ id: String) throws -> (log: SessionLog, warnings: [String]) {
        let id = try validate(id)
        let path = journalPath(id)
        let data: [UInt8]
        do {
            data = try readFile(path)
        } catch let error as StoreError where error.message.hasSuffix("no such file") {
            throw StoreError("there is no session \(id) in \(self.path)")
        }
        let parsed = try JournalReader.parse(data, file: path)
        var warnings = parsed.warnings
        if let tail = parsed.tail {
            warnings.append("\(path):\(tail.line):1: ignoring a torn or damaged tail (\(tail.reason)); the next change will quarantine it")
        }
        return (SessionLog(id: id, events: parsed.events), warnings)
    }

    /// Opens a session for writing.
    public func open(_ id: String, writer: String) throws -> Journal {
        let id = try validate(id)
        guard access(journalPath(id), F_OK) == 0 else { throw StoreError("there is no session \(id) in \(path)") }
        return try Journal(path: journalPath(id), id: id, writer: writer, fs: fs)
    }

    /// Creates a new session, choosing an id from the date and title that no session has yet.
    public func create(title: String, initiative: String = "", facilitator: String = "", rapporteur: String = "",
                       agenda: [Phase], at: Timestamp, writer: String) throws -> Journal {
        try ensureExists()
        let existing = Set(try sessionIDs())
        var id = SessionID.make(title: title, date: at.date, existing: existing)
        let command = Command.createSession(title: title, initiative: initiative, facilitator: facilitator,
                                            rapporteur: rapporteur, agenda: agenda)
        let changes = try SessionLog(id: id).decide(command)
        // Another process may take the same id between listing and creating: try the next one.
        for _ in 0..<100 {
            do {
                return try Journal.create(path: journalPath(id), id: id, writer: writer, at: at, changes: changes, fs: fs)
            } catch let error as StoreError where error.message.hasSuffix("already exists") {
                id = SessionID.make(title: title, date: at.date, existing: Set(try sessionIDs()).union([id]))
            }
        }
        throw StoreError("cannot find a free id for \"\(title)\"")
    }

    /// A fresh writer id for this process: random, so two terminals never share one.
    public static func newWriterID() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var rng = SystemRandomNumberGenerator()
        return String((0..<6).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
    }

    /// A command's writer id: `c`, seven letters or digits for this user on this machine (the
    /// same for every command, so `quipu undo` finds the user's own commands: `EventID.family`),
    /// and four random ones for this command (so each command is a step of its own, even under
    /// a fixed `QUIPU_NOW`).
    public static func commandLineWriterID(host: String, user: UInt32) -> String {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return commandLineFamily(host: host, user: user)
            + String((0..<4).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
    }

    static func commandLineFamily(host: String, user: UInt32) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325   // FNV-1a
        for byte in Array(host.utf8) + withUnsafeBytes(of: user.littleEndian, Array.init) {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return "c" + String((0..<7).map { i in alphabet[Int((hash >> (UInt64(i) * 5)) % 36)] })
    }
}

/// The wall clock, for the executable. The engine and the store never read it themselves.
public func wallClock() -> Timestamp {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Timestamp(milliseconds: Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000)
}
