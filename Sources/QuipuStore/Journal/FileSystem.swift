#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QuipuCore

/// The file operations on the journal's write path, behind a seam so tests can make any one of
/// them fail (ENOSPC, EIO, EACCES…) once or for good. Each returns what the system call returns
/// and leaves `errno` set on failure.
public protocol FileSystem: AnyObject, Sendable {
    func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32
    func write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int
    func fdatasync(_ fd: Int32) -> Int32
    func fsync(_ fd: Int32) -> Int32
    func ftruncate(_ fd: Int32, _ length: off_t) -> Int32
    func rename(_ from: String, _ to: String) -> Int32
}

/// The operating system itself.
public final class PosixFileSystem: FileSystem {
    public static let shared = PosixFileSystem()
    public init() {}
    public func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { Glibc.open(path, flags, mode) }
    public func write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { Glibc.write(fd, buffer, count) }
    public func fdatasync(_ fd: Int32) -> Int32 { Glibc.fdatasync(fd) }
    public func fsync(_ fd: Int32) -> Int32 { Glibc.fsync(fd) }
    public func ftruncate(_ fd: Int32, _ length: off_t) -> Int32 { Glibc.ftruncate(fd, length) }
    public func rename(_ from: String, _ to: String) -> Int32 { Glibc.rename(from, to) }
}

/// Writes a file atomically: a temporary file in the same folder, `fsync`, `rename` over the
/// target, `fsync` of the folder. A reader sees the old file or the new one, never half of one.
public func writeFileAtomically(_ bytes: [UInt8], to path: String, fs: FileSystem = PosixFileSystem.shared) throws {
    // Hidden and in the same folder, so the rename stays on one filesystem and a listing of the
    // folder never shows a half-written report.
    let slash = path.lastIndex(of: "/")
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let temporary = (slash.map { String(path[...$0]) } ?? "") + ".\(name).\(getpid()).tmp"
    let fd = fs.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
    guard fd >= 0 else { throw StoreError.errno(Message("cannot write {path}"), temporary) }
    do {
        defer { Glibc.close(fd) }
        try writeAll(fd, bytes, path: temporary, fs: fs)
        guard fs.fsync(fd) == 0 else { throw StoreError.errno(Message("cannot save {path}"), temporary) }
    } catch {
        unlink(temporary)
        throw error
    }
    guard fs.rename(temporary, path) == 0 else {
        let code = Glibc.errno
        unlink(temporary)
        throw StoreError.errno(Message("cannot replace {path}"), path, code)
    }
    try syncDirectory(of: path, fs: fs)
}

/// Loops until every byte is written (a write may be partial) or one fails.
func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String, fs: FileSystem) throws {
    var offset = 0
    try bytes.withUnsafeBytes { raw in
        while offset < raw.count {
            let n = fs.write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if Glibc.errno == EINTR { continue }
                throw StoreError.errno(Message("cannot write {path}"), path)
            }
            if n == 0 { throw StoreError(Message("cannot write {path}: the disk accepted nothing", ["path": .text(path)])) }
            offset += n
        }
    }
}

func syncDirectory(of path: String, fs: FileSystem) throws {
    let dir = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    let dfd = fs.open(dir.isEmpty ? "/" : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)
    guard dfd >= 0 else { throw StoreError.errno(Message("cannot open folder {path}"), dir) }
    defer { Glibc.close(dfd) }
    guard fs.fsync(dfd) == 0 else { throw StoreError.errno(Message("cannot save folder {path}"), dir) }
}

/// Who holds the `flock` on a file, from /proc/locks: "quipu (pid 4242)", or nil when unknown.
func lockHolder(of fd: Int32) -> String? {
    var st = stat()
    guard fstat(fd, &st) == 0, let locks = readProcFile("/proc/locks") else { return nil }
    let inodeSuffix = ":\(st.st_ino)"
    for line in String(decoding: locks, as: UTF8.self).split(separator: "\n") {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        // "1: FLOCK  ADVISORY  WRITE 4242 08:01:1234567 0 EOF"
        guard fields.count >= 6, fields[1] == "FLOCK", fields[5].hasSuffix(inodeSuffix),
              let pid = Int32(fields[4]) else { continue }
        let comm = readProcFile("/proc/\(pid)/comm").map { String(decoding: $0, as: UTF8.self) }?
            .trimmingCharacters(in: [" ", "\n"]) ?? "a process"
        return "\(comm) (pid \(pid))"
    }
    return nil
}

/// Reads a /proc file to its end (they report a size of 0, so `readFile` would read nothing).
public func readProcFile(_ path: String) -> [UInt8]? {
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { Glibc.close(fd) }
    var data: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 16384)
    while true {
        let n = Glibc.read(fd, &buffer, buffer.count)
        if n > 0 { data += buffer[..<n] } else if n == 0 { return data } else if Glibc.errno != EINTR { return nil }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}

/// A per-user folder the XDG way: `$OVERRIDE`, else `$XDG_…/quipu` (ignored when relative, as
/// the specification says), else `$HOME/<underHome>/quipu`; nil when none is set.
func userDirectory(override: String, xdg: String, underHome: String) -> String? {
    func variable(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }
    if let dir = variable(override) { return dir }
    if let base = variable(xdg), base.hasPrefix("/") { return base + "/quipu" }
    return variable("HOME").map { $0 + "/" + underHome + "/quipu" }
}

/// `mkdir -p`: the folder and any missing parents, each made with `mode`.
func makeDirectories(_ path: String, mode: mode_t, what: Message) throws {
    var built = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
        built += "/" + part
        if mkdir(built, mode) != 0, Glibc.errno != EEXIST { throw StoreError.errno(Message("cannot create {what} {path}", ["what": .message(what)]), built) }
    }
}
