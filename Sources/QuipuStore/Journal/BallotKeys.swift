import Glibc
import QuipuCore

/// The ballot keys of anonymous votes opened on this machine (see QuipuCore's SecretBallot.swift),
/// one file each in a folder of the user's own, outside every sessions folder: a copy of the
/// folder, a git push or a backup of the sessions never carries them.
///
/// A key file is made with `O_EXCL` and mode 0600 in a folder of mode 0700, saved durably before
/// the vote that names it is written, and destroyed (overwritten, then removed) once the vote's
/// close is durable.
public final class BallotKeys: BallotKeyring, @unchecked Sendable {
    public let directory: String
    private let fs: FileSystem

    public init(directory: String, fs: FileSystem = PosixFileSystem.shared) {
        self.directory = directory
        self.fs = fs
    }

    /// `$QUIPU_STATE_DIR/ballot-keys`, else `$XDG_STATE_HOME/quipu/ballot-keys`, else
    /// `$HOME/.local/state/quipu/ballot-keys`; nil when none is set.
    public static var standard: BallotKeys? {
        userDirectory(override: "QUIPU_STATE_DIR", xdg: "XDG_STATE_HOME", underHome: ".local/state")
            .map { BallotKeys(directory: $0 + "/ballot-keys") }
    }

    static let header = "quipu-ballot-key 1"

    public func path(of name: String) -> String { directory + "/" + name }

    public func key(named name: String) throws -> BallotKey? {
        // A name is 16 hex digits: nothing in a journal can point this outside the folder.
        guard name.count == 16, name.allSatisfy(\.isHexDigit) else { return nil }
        let fd = Glibc.open(path(of: name), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if Glibc.errno == ENOENT { return nil }
            throw StoreError.errno(Message("cannot read the ballot key {path}"), path(of: name))
        }
        defer { Glibc.close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = Glibc.read(fd, &buffer, buffer.count)
        let lines = String(decoding: buffer.prefix(max(0, n)), as: UTF8.self).split(separator: "\n")
        guard lines.count == 2, lines[0] == Self.header, lines[1].count == 32,
              let k0 = UInt64(lines[1].prefix(16), radix: 16), let k1 = UInt64(lines[1].suffix(16), radix: 16) else {
            throw StoreError(.at(path(of: name), Message("not a ballot key; the vote that names it cannot take ballots")))
        }
        return BallotKey(k0: k0, k1: k1)
    }

    public func newKey() throws -> String {
        try makeDirectories(directory, mode: 0o700, what: Message("the ballot keys folder", context: "a folder"))
        var random = SystemRandomNumberGenerator()
        while true {
            let name = hexadecimal(random.next())
            let fd = fs.open(path(of: name), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd < 0, Glibc.errno == EEXIST { continue }
            guard fd >= 0 else { throw StoreError.errno(Message("cannot keep a ballot key in {path}"), directory) }
            let text = Self.header + "\n" + hexadecimal(random.next()) + hexadecimal(random.next()) + "\n"
            do {
                defer { Glibc.close(fd) }
                try writeAll(fd, Array(text.utf8), path: path(of: name), fs: fs)
                guard fs.fsync(fd) == 0 else { throw StoreError.errno(Message("cannot save {path}"), path(of: name)) }
                try syncDirectory(of: path(of: name), fs: fs)
            } catch {
                unlink(path(of: name))
                throw error
            }
            return name
        }
    }

    /// Destroys a key: its bytes overwritten on disk, then the file removed. (On a copy-on-write
    /// or wear-levelled disk the old bytes may survive below the file system; RELIABILITY.md says so.)
    public func destroy(_ name: String) {
        guard name.count == 16, name.allSatisfy(\.isHexDigit) else { return }
        let fd = Glibc.open(path(of: name), O_WRONLY | O_CLOEXEC)
        if fd >= 0 {
            let zeros = [UInt8](repeating: 0x30, count: Self.header.utf8.count + 34)
            _ = zeros.withUnsafeBytes { Glibc.pwrite(fd, $0.baseAddress, $0.count, 0) }
            _ = Glibc.fsync(fd)
            Glibc.close(fd)
        }
        unlink(path(of: name))
        try? syncDirectory(of: path(of: name), fs: fs)
    }
}

/// Used when no folder for keys can be found (no `HOME`): anonymous votes cannot be opened.
struct NoBallotKeys: BallotKeyring {
    func key(named name: String) throws -> BallotKey? { nil }
    func newKey() throws -> String {
        throw StoreError(Message("an anonymous vote needs a folder for its ballot key: set HOME, XDG_STATE_HOME or QUIPU_STATE_DIR"))
    }
    func destroy(_ name: String) {}
}
