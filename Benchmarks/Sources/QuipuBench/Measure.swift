#if canImport(Glibc)
import Glibc
#endif

func nowNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Nanoseconds each run of `body` took.
func samples(_ count: Int, _ body: () throws -> Void) rethrows -> [Double] {
    var out: [Double] = []
    out.reserveCapacity(count)
    for _ in 0..<count {
        let t0 = nowNanoseconds()
        try body()
        out.append(Double(nowNanoseconds() - t0))
    }
    return out
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
}

func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

struct ProcessRun {
    var nanoseconds: Double
    var peakKilobytes: Int
    var status: Int32
    var output: [UInt8]
}

/// Runs a program to completion: wall time, peak resident memory (from wait4), exit status.
func run(_ argv: [String], stdoutTo path: String = "/dev/null", capture: Bool = false) -> ProcessRun {
    var fds: [Int32] = [-1, -1]
    if capture { _ = pipe(&fds) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    if capture {
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        // Only stdout may hold the pipe: a child that outlives the call (the tmux server that
        // `tmux new-session` forks) would otherwise keep it open, and the read below would
        // never see its end.
        posix_spawn_file_actions_addclose(&actions, fds[1])
    } else {
        posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    }
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let cArgs = argv.map { strdup($0) } + [nil]
    defer { for a in cArgs { free(a) } }
    var pid: pid_t = 0
    let t0 = nowNanoseconds()
    guard posix_spawnp(&pid, argv[0], &actions, nil, cArgs, environ) == 0 else {
        fatalError("cannot run \(argv[0])")
    }
    var output: [UInt8] = []
    if capture {
        close(fds[1])
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fds[0], &buffer, buffer.count)
            if n <= 0 { break }
            output += buffer[..<n]
        }
        close(fds[0])
    }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let elapsed = Double(nowNanoseconds() - t0)
    return ProcessRun(nanoseconds: elapsed, peakKilobytes: Int(usage.ru_maxrss), status: (status >> 8) & 0xFF, output: output)
}

/// The median wall time of `count` runs.
func medianRun(_ count: Int, _ argv: [String]) -> Double {
    median((0..<count).map { _ in run(argv).nanoseconds })
}

func shell(_ command: String) -> ProcessRun { run(["sh", "-c", command]) }

func writeText(_ text: String, to path: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let bytes = Array(text.utf8)
    var offset = 0
    bytes.withUnsafeBytes { raw in
        while offset < raw.count {
            let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n <= 0 { break }
            offset += n
        }
    }
    close(fd)
}

func format(_ nanoseconds: Double) -> String {
    if nanoseconds >= 1e9 { return String(format3(nanoseconds / 1e9)) + " s" }
    if nanoseconds >= 1e6 { return String(format3(nanoseconds / 1e6)) + " ms" }
    return String(format3(nanoseconds / 1e3)) + " µs"
}

func format3(_ v: Double) -> String {
    let rounded = (v * 1000).rounded() / 1000
    var s = String(rounded)
    if s.hasSuffix(".0") { s.removeLast(2) }
    return s
}
