#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QuipuCore
import QuipuText

/// The sessions folder: one `<id>.txt` journal per session, written by the device that created
/// it, and `<id>.<device>.txt` beside it for each other device that wrote to it (and derived
/// `<id>.md` reports). A session is the union of its files.
public struct SessionsFolder: Sendable {
    public let path: String
    /// The seam tests use to inject disk faults.
    public let fs: FileSystem
    /// This machine's device id (`Device.current`); nil writes every session to `<id>.txt`.
    public let device: String?

    public init(path: String, fs: FileSystem = PosixFileSystem.shared, device: String? = Device.current) {
        var p = path
        while p.count > 1, p.hasSuffix("/") { p.removeLast() }
        self.path = p
        self.fs = fs
        self.device = device
    }

    /// The creating device's journal of a session.
    public func journalPath(_ id: String) -> String { "\(path)/\(id).txt" }
    /// Another device's journal of a session.
    public func journalPath(_ id: String, device: String) -> String { "\(path)/\(id).\(device).txt" }

    /// Every journal file of a session that exists: `<id>.txt` first, then the other devices'
    /// in name order.
    public func journalPaths(_ id: String) throws -> [String] {
        var paths = access(journalPath(id), F_OK) == 0 ? [journalPath(id)] : []
        paths += try sessionFiles().devices[id, default: []].map { journalPath(id, device: $0) }
        return paths
    }
    public func reportPath(_ id: String) -> String { "\(path)/\(id).md" }

    public var exists: Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Creates the folder (and its parents) when missing.
    public func ensureExists() throws {
        guard !exists else { return }
        try makeDirectories(path, mode: 0o777, what: Message("the sessions folder", context: "a folder"))
    }

    /// The ids of every session in the folder, sorted.
    public func sessionIDs() throws -> [String] { try sessionFiles().ids }

    /// The ids of every session in the folder (one whose creator's `<id>.txt` is there), sorted,
    /// and the devices that wrote to each beside it (`<id>.<device>.txt`), sorted.
    public func sessionFiles() throws -> (ids: [String], devices: [String: [String]]) {
        guard let dir = opendir(path) else {
            let code = Glibc.errno
            if code == ENOENT { return ([], [:]) }
            throw StoreError.errno(Message("cannot read the sessions folder {path}"), path, code)
        }
        defer { closedir(dir) }
        var ids: [String] = []
        var devices: [String: [String]] = [:]
        let suffix = Array(".txt".utf8)
        while let entry = readdir(dir) {
            // Ids are ASCII (`SessionID.isValid`): the name's bytes are enough, and one String.
            let stem = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String? in
                let name = raw.prefix(while: { $0 != 0 })
                guard name.count > suffix.count, name.suffix(suffix.count).elementsEqual(suffix) else { return nil }
                return String(decoding: name.dropLast(suffix.count), as: UTF8.self)
            }
            guard let stem else { continue }
            if SessionID.isValid(stem) {
                ids.append(stem)
            } else if let dot = stem.utf8.lastIndex(of: 0x2E) {
                // A session id has no dot: `<id>.<device>` splits at the last one.
                let id = String(stem[..<dot]), device = String(stem[stem.index(after: dot)...])
                if SessionID.isValid(id), Device.isValid(device) { devices[id, default: []].append(device) }
            }
        }
        for key in devices.keys { devices[key] = sortedByUTF8(devices[key]!) }
        // Byte order, which is `String`'s order for ASCII, without its Unicode checks.
        return (sortedByUTF8(ids), devices)
    }

    /// Checks an id typed by a person before it names a file: never a path outside the folder.
    public func validate(_ id: String) throws -> String {
        guard SessionID.isValid(id) else {
            throw StoreError(Message("\"{id}\" is not a session id (ids look like 2026-11-29-watershed-management)", ["id": .text(JournalReader.inertExcerpt(ArraySlice(id.utf8), limit: 60))]))
        }
        return id
    }

    /// Reads a session without taking the lock or changing anything: for `show`, `list`, reports.
    /// A torn tail is left in place (a writer quarantines it) and reported in the warnings.
    public func load(_ id: String) throws -> (log: SessionLog, warnings: [String]) {
        try load(id, devices: nil)
    }

    /// The same, with the devices that wrote to it beside `<id>.txt` when a listing of the folder
    /// already found them (nil looks).
    func load(_ id: String, devices: [String]?) throws -> (log: SessionLog, warnings: [String]) {
        let id = try validate(id)
        guard access(journalPath(id), F_OK) == 0 else { throw StoreError(Message("there is no session {id} in {folder}", ["id": .text(id), "folder": .text(self.path)])) }
        var events: [Event] = []
        var warnings: [String] = []
        let paths = try devices.map { [journalPath(id)] + $0.map { journalPath(id, device: $0) } } ?? journalPaths(id)
        for path in paths {
            let parsed = try JournalReader.parse(try readFile(path), file: path)
            events += parsed.events
            warnings += parsed.warnings
            if let tail = parsed.tail {
                warnings.append(Message.at("\(path):\(tail.line):1", Message("ignoring a torn or damaged tail ({reason}); the next change will quarantine it",
                                                                            ["reason": .text(tail.reason)])).localized)
            }
        }
        return (SessionLog(id: id, events: events), warnings)
    }

    /// Opens a session for writing: this device's own file of it (`<id>.txt` on the device that
    /// created it, `<id>.<device>.txt` on any other, made at its first change), the other
    /// files read beside it.
    public func open(_ id: String, writer: String) throws -> Journal {
        let id = try validate(id)
        guard access(journalPath(id), F_OK) == 0 else { throw StoreError(Message("there is no session {id} in {folder}", ["id": .text(id), "folder": .text(path)])) }
        let creator = try creatorDevice(of: id)
        // A session made before 1.1 names no creator: written as before until its folder is
        // shared through git, and then by every device in a file of its own.
        guard let device, creator.map({ $0 != device }) ?? isInGitRepository else {
            return try Journal(path: journalPath(id), id: id, writer: writer, fs: fs, folder: self)
        }
        return try Journal(path: journalPath(id, device: device), id: id, writer: writer, fs: fs, folder: self,
                           idSuffix: "-" + device)
    }

    /// Whether the folder is in a git repository (it or a folder above it has `.git`).
    var isInGitRepository: Bool {
        guard let real = realpath(path, nil) else { return false }
        var dir = String(cString: real)
        free(real)
        while true {
            if access(dir + "/.git", F_OK) == 0 { return true }
            guard let slash = dir.lastIndex(of: "/"), dir != "/" else { return false }
            dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
        }
    }

    /// The device that created a session, from the first event of `<id>.txt`; nil for a session
    /// made before journal format 1.1.
    func creatorDevice(of id: String) throws -> String? {
        let fd = Glibc.open(journalPath(id), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.errno(Message("cannot open {path}"), journalPath(id)) }
        defer { Glibc.close(fd) }
        // The header and `session.create` come first; 64 KiB holds any agenda.
        let head = try Journal.readRange(fd, from: 0, count: 65536, path: journalPath(id))
        guard let end = head.lastIndex(of: 0x0A) else { return nil }
        let parsed = try? JournalReader.parse(Array(head[...end]), file: journalPath(id))
        guard case let .sessionCreated(_, _, _, _, _, device, _)? = parsed?.events.first?.change else { return nil }
        return device
    }

    /// Creates a new session, choosing an id from the date and title that no session has yet.
    public func create(title: String, initiative: String = "", facilitator: String = "", rapporteur: String = "",
                       agenda: [Phase], language: String? = nil, at: Timestamp, writer: String) throws -> Journal {
        try ensureExists()
        let existing = Set(try sessionIDs())
        var id = SessionID.make(title: title, date: at.date, existing: existing)
        let command = Command.createSession(title: title, initiative: initiative, facilitator: facilitator,
                                            rapporteur: rapporteur, agenda: agenda, language: language)
        let changes = try SessionLog(id: id).decide(command).map { change -> Change in
            // The creator's device is recorded: its journal is `<id>.txt`, every other device's beside it.
            guard case let .sessionCreated(title, initiative, facilitator, rapporteur, agenda, _, language) = change else { return change }
            return .sessionCreated(title: title, initiative: initiative, facilitator: facilitator, rapporteur: rapporteur,
                                   agenda: agenda, device: device, language: language)
        }
        // Another process may take the same id between listing and creating: try the next one.
        for _ in 0..<100 {
            do {
                return try Journal.create(path: journalPath(id), id: id, writer: writer, at: at, changes: changes, fs: fs,
                                          folder: self)
            } catch let error as StoreError where error.message.hasSuffix("already exists") {
                id = SessionID.make(title: title, date: at.date, existing: Set(try sessionIDs()).union([id]))
            }
        }
        throw StoreError(Message("cannot find a free id for \"{title}\"", ["title": .text(title)]))
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
