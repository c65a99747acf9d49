#if canImport(Glibc)
import Glibc
#endif
import QuipuCore

/// This machine's device id: which journal file of a session it appends to (docs/FORMAT.md,
/// "Several devices") and the suffix of the ids it mints in sessions another device created.
///
/// `QUIPU_DEVICE` when set (tests, or a name people recognise: `rapporteur2`); otherwise chosen
/// once, four random letters or digits, and kept in `device` in the user's state folder
/// (`$QUIPU_STATE_DIR`, else `$XDG_STATE_HOME/quipu`, else `~/.local/state/quipu`), beside the
/// ballot keys and outside every sessions folder, so a copy or a clone of the folder never
/// carries it. Nil when there is no state folder: then sessions are written as before 1.1.
public enum Device {
    /// One to twelve letters a-z or digits.
    public static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 12 && id.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }
    }

    /// `QUIPU_DEVICE` when it is set but is not a device id.
    public static var invalidOverride: String? {
        guard let value = getenv("QUIPU_DEVICE").map({ String(cString: $0) }), !value.isEmpty, !isValid(value) else { return nil }
        return value
    }

    /// This machine's device id, found (or chosen) once per process.
    public static let current: String? = find()

    private static func find() -> String? {
        if let value = getenv("QUIPU_DEVICE").map({ String(cString: $0) }), isValid(value) { return value }
        guard let directory = userDirectory(override: "QUIPU_STATE_DIR", xdg: "XDG_STATE_HOME", underHome: ".local/state")
        else { return nil }
        let path = directory + "/device"
        if let kept = read(path) { return kept }
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        let chosen = String(decoding: (0..<4).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }, as: UTF8.self)
        do {
            try makeDirectories(directory, mode: 0o700, what: Message("the state folder", context: "a folder"))
            // Two first runs at once: one file wins, and both use it.
            let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd < 0 { return read(path) }
            defer { Glibc.close(fd) }
            try writeAll(fd, Array((chosen + "\n").utf8), path: path, fs: PosixFileSystem.shared)
            _ = Glibc.fsync(fd)
            return chosen
        } catch {
            return nil
        }
    }

    private static func read(_ path: String) -> String? {
        guard let bytes = try? readFile(path) else { return nil }
        let text = String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
        return isValid(text) ? text : nil
    }
}
