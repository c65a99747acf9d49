import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// The package's root, found from this file's place in it.
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// The real binary under test: `QUIPU_BIN`, or the debug build `make test` makes first.
let quipuBinary: String = ProcessInfo.processInfo.environment["QUIPU_BIN"] ?? packageRoot + "/.build/debug/quipu"

/// A fresh, empty sessions folder.
/// A scratch copy of the example journals (Sessions/), so nothing a test does touches the repository.
func exampleSessionsCopy() throws -> String {
    let dir = scratchFolder()
    let source = packageRoot + "/Sessions"
    for name in try FileManager.default.contentsOfDirectory(atPath: source) where name.hasSuffix(".txt") {
        try FileManager.default.copyItem(atPath: source + "/" + name, toPath: dir + "/" + name)
    }
    return dir
}

func scratchFolder() -> String {
    let path = NSTemporaryDirectory() + "quipu-e2e-" + UUID().uuidString.prefix(8)
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Where the binary under test keeps its summary caches.
let testCacheDirectory = NSTemporaryDirectory() + "quipu-e2e-cache"
/// Where the binary under test keeps anonymous votes' ballot keys.
let testStateDirectory = NSTemporaryDirectory() + "quipu-e2e-state"

/// Runs `quipu ARGS --dir DIR` to completion.
@discardableResult
func quipu(_ arguments: [String], dir: String, environment: [String: String] = [:]) throws -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: quipuBinary)
    process.arguments = arguments + ["--dir", dir]
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "QUIPU_DIR")
    env.removeValue(forKey: "QUIPU_NOW")
    // English unless a test asks for another language: a tester's own LANGUAGE or QUIPU_LANG
    // must not turn the English tests Spanish.
    for name in ["QUIPU_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"] { env.removeValue(forKey: name) }
    env["LANG"] = "C.UTF-8"
    // Summary caches go to a scratch folder, not the tester's ~/.cache.
    env["QUIPU_CACHE_DIR"] = testCacheDirectory
    env["QUIPU_STATE_DIR"] = testStateDirectory
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                  stderr: String(decoding: stderr, as: UTF8.self))
}

/// `quipu show ID --json`, parsed.
func showJSON(_ id: String, dir: String) throws -> [String: Any] {
    let out = try quipu(["show", id, "--json"], dir: dir)
    guard out.status == 0, let object = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any] else {
        throw DriverError("show --json failed (\(out.status)): \(out.stderr)")
    }
    return object
}

struct DriverError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The real program in a real terminal: tmux on a private server, driven by `send-keys` and read
/// by `capture-pane`, waiting on what the screen shows rather than on sleeps.
final class Terminal {
    let socket = "quipu-e2e-" + UUID().uuidString.prefix(8)
    let session = "t"

    init(_ command: [String], width: Int = 80, height: Int = 24, environment: [String: String] = [:]) throws {
        // English unless a test asks for another language (LC_ALL= LANG=es_PE.UTF-8).
        var env = "-u QUIPU_LANG -u LANGUAGE -u LC_MESSAGES LC_ALL=C.UTF-8 TERM=screen-256color QUIPU_CACHE_DIR=\(shellQuote(testCacheDirectory))"
            + " QUIPU_STATE_DIR=\(shellQuote(testStateDirectory))"
        for (k, v) in environment { env += " \(k)=\(shellQuote(v))" }
        let line = "env \(env) " + command.map(shellQuote).joined(separator: " ")
        try tmux(["-u", "new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), line])
        try tmux(["set-option", "-t", session, "remain-on-exit", "on"])
        serverPid = Int32((try tmux(["display-message", "-p", "#{pid}"])).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// The tmux server's pid, so it is stopped even when its socket is gone.
    private var serverPid: Int32 = 0

    deinit {
        _ = try? tmux(["kill-server"])
        if serverPid > 0 { kill(serverPid, SIGKILL) }
    }

    /// Runs a tmux client with posix_spawn and waitpid. (Foundation's Process never sees the
    /// `new-session` client exit: the server it forks keeps what Process watches open.)
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let result = try spawn(["tmux", "-L", socket] + arguments, captureOutput: !arguments.contains("new-session"))
        guard result.status == 0 else { throw DriverError("tmux \(arguments.joined(separator: " ")) failed") }
        return result.output
    }

    /// Keys as tmux names them (`Enter`, `Escape`, `Space`, `C-c`) or literal text with `literal`.
    ///
    /// Esc is followed by a tenth of a second, as a person's next key would be: a key that comes
    /// with the Esc is Alt plus that key, as terminals send it (NcursesTerminal.keyAfterEscape).
    func send(_ keys: String...) throws {
        var batch: [String] = []
        for key in keys {
            batch.append(key)
            if key == "Escape" {
                try tmux(["send-keys", "-t", session] + batch)
                batch = []
                usleep(100_000)
            }
        }
        if !batch.isEmpty { try tmux(["send-keys", "-t", session] + batch) }
    }
    func type(_ text: String) throws { try tmux(["send-keys", "-t", session, "-l", text]) }

    var screen: String { (try? tmux(["capture-pane", "-p", "-t", session])) ?? "" }

    /// The pid of the program in the pane.
    var pid: Int32 { Int32((try? tmux(["display-message", "-p", "-t", session, "#{pane_pid}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0 }

    /// The pid of the pane program's first child: quipu, when the pane runs it under `sh`.
    func childPid() -> Int32 {
        let children = (try? spawn(["pgrep", "-P", String(pid)], captureOutput: true).output) ?? ""
        return Int32(children.split(separator: "\n").first ?? "") ?? 0
    }

    var exited: Bool { (try? tmux(["display-message", "-p", "-t", session, "#{pane_dead}"]))?.hasPrefix("1") ?? true }

    /// Polls every 50 ms until the screen satisfies `condition`; records the whole screen when it
    /// never does.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 10, sourceLocation: SourceLocation = #_sourceLocation,
                 _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen
            if condition(last) { return true }
            usleep(50_000)
        }
        Issue.record("the screen never showed \(what); it shows:\n\(last)", sourceLocation: sourceLocation)
        return false
    }

    func waitFor(text: String, timeout: Double = 10, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        waitFor("\"\(text)\"", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }
}

func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

/// Runs a program from PATH, waits for it, and returns its exit status and (optionally) its
/// standard output. Its other descriptors are closed on exec, so a daemon it starts holds none
/// of ours.
func spawn(_ argv: [String], captureOutput: Bool) throws -> (status: Int32, output: String) {
    var fds: [Int32] = [-1, -1]
    if captureOutput {
        guard pipe(&fds) == 0 else { throw DriverError("pipe failed") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    if captureOutput {
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    } else {
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    }
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    // Tests run in parallel: without this a tmux server would inherit (and hold open forever)
    // another test's pipe, and that test would wait for an end of file that never comes.
    addCloseFrom(&actions, 3)
    let cArgs = argv.map { strdup($0) } + [nil]
    defer { for a in cArgs { free(a) } }
    var pid: pid_t = 0
    let rc = posix_spawnp(&pid, argv[0], &actions, nil, cArgs, environ)
    if captureOutput { close(fds[1]) }
    guard rc == 0 else {
        if captureOutput { close(fds[0]) }
        throw DriverError("cannot run \(argv[0]): \(String(cString: strerror(rc)))")
    }
    var output = [UInt8]()
    if captureOutput {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fds[0], &buffer, buffer.count)
            if n > 0 { output += buffer[..<n] } else if n == 0 || errno != EINTR { break }
        }
        close(fds[0])
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return (exitStatus, String(decoding: output, as: UTF8.self))
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module does not
/// declare: found at run time.
private func addCloseFrom(_ actions: inout posix_spawn_file_actions_t, _ lowest: Int32) {
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return }
    _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, lowest)
}
