#if canImport(Glibc)
import Glibc
#endif
import QuipuCore
import QuipuStore
import QuipuTUI

// Usage: quipu-bench QUIPU_RELEASE_BINARY [WORKDIR]
let arguments = CommandLine.arguments

// `quipu-bench --peak-kb PROGRAM ARGS…` runs the program and prints its peak resident memory.
// Peak memory is measured through this small, freshly started process because Linux hands the
// spawning process's own high-water mark to a child at exec: measured straight from the bench,
// which holds the generated sessions, `list` would be charged for the bench's memory.
if arguments.count > 2, arguments[1] == "--peak-kb" {
    let child = run(Array(arguments.dropFirst(2)))
    print(child.status == 0 ? child.peakKilobytes : -1)
    exit(0)
}
guard arguments.count >= 2 else { print("usage: quipu-bench QUIPU_BINARY [WORKDIR]"); exit(2) }
let quipu = arguments[1]
let work = arguments.count > 2 ? arguments[2] : "/tmp/quipu-bench"
_ = shell("rm -rf '\(work)' && mkdir -p '\(work)'")
// Quipu's derived caches go into the work folder, so every run starts without them.
setenv("QUIPU_CACHE_DIR", work + "/cache", 1)

struct Row {
    var figure: String
    var value: String
    var baseline: String
    var ratio: Double?
    var target: String
    var pass: Bool?
}
nonisolated(unsafe) var rows: [Row] = []
func report(_ row: Row) {
    rows.append(row)
    print("measured: \(row.figure): \(row.value) (baseline \(row.baseline))")
}
let now = Timestamp(year: 2026, month: 11, day: 29, hour: 15)

/// `QUIPU_BENCH_ONLY=key,open` runs only those sections (key, open, append, list, startup, screens).
func wanted(_ section: String) -> Bool {
    guard let only = getenv("QUIPU_BENCH_ONLY").map({ String(cString: $0) }), !only.isEmpty else { return true }
    return only.split(separator: ",").contains { $0 == section }
}

// 1. A key, a 120×40 frame and its diff, on a big session.
if wanted("key") {
    let big = bigSession(ideas: 1000, participants: 100, votes: 20, actions: 300, seed: 42)
    var model = AppModel()
    _ = model.update(.session(big.log, readOnly: false), now: now)
    _ = model.update(.key(.char("2")), now: now)
    var previous = model.render(width: 120, height: 40, now: now).buffer
    var i = 0
    let keyTimes = samples(4000) {
        i += 1
        _ = model.update(.key(i % 40 < 20 ? .down : .up), now: now)
        let frame = model.render(width: 120, height: 40, now: now)
        _ = frame.buffer.diff(from: previous)
        previous = frame.buffer
    }
    // Baseline: writing 40 lines of text into a 120×40 buffer, nothing else.
    let lines = (0..<40).map { "I\($0)   area      " + String(repeating: "water committee ", count: 6) }
    let fillTimes = samples(4000) {
        var buffer = CellBuffer(width: 120, height: 40)
        for (y, line) in lines.enumerated() { buffer.put(line, x: 0, y: y) }
    }
    let p50 = median(keyTimes), p99 = percentile(keyTimes, 0.99), base = median(fillTimes)
    report(Row(figure: "key + 120×40 frame + diff, 1,000 ideas (median)", value: format(p50), baseline: "fill 120×40: " + format(base),
               ratio: p50 / base, target: "≤ 0.2 ms", pass: p50 <= 200_000))
    report(Row(figure: "key + 120×40 frame + diff, 1,000 ideas (p99)", value: format(p99), baseline: "fill 120×40: " + format(base),
               ratio: p99 / base, target: "≤ 1 ms", pass: p99 <= 1_000_000))
}

// 2. Open (parse + replay) a 100,000-event journal.
if wanted("open") {
    var rng = Seeded(state: 7)
    var b = bigSession(ideas: 2000, participants: 100, votes: 1, actions: 200, seed: 7)
    var events = b.log.events
    var seq = events.count
    var at = b.now
    b.apply(.openVote(method: .dot, dots: 3, maxPerItem: nil, candidates: ["I1", "I2", "I3", "I4"]))
    events = b.log.events
    seq = events.count
    while events.count < 100_000 {
        seq += 1
        at = at.adding(milliseconds: 700)
        let r = Int(rng.next() % 100)
        let change: Change
        switch r {
        case 0..<40: change = .ideaEdited(id: "I\(1 + Int(rng.next() % 2000))", text: sentence(&rng, words: 6))
        case 40..<70: change = .ballotCast(vote: "V2", ballot: Ballot(by: "P\(2 + Int(rng.next() % 99))", choices: [.init(idea: "I\(1 + Int(rng.next() % 4))", points: 2)], binding: true))
        case 70..<85: change = .participantUpdated(id: "P\(1 + Int(rng.next() % 100))", present: rng.next() % 2 == 0, observer: nil)
        case 85..<95: change = .actionStatusChanged(id: "A\(1 + Int(rng.next() % 200))", status: ActionStatus.allCases[Int(rng.next() % 4)])
        default: change = rng.next() % 2 == 0 ? .timerPaused : .timerResumed
        }
        events.append(Event(id: EventID(seq: seq, writer: "bench"), at: at, change: change))
    }
    let path = work + "/2026-11-29-big.txt"
    writeText(JournalFormat.header + "\n" + events.map(JournalFormat.encode).joined(), to: path)
    _ = shell("cat '\(path)' > /dev/null")
    var count = 0
    let openTimes = samples(5) {
        let parsed = try! JournalReader.parse(try! readFile(path), file: path)
        let log = SessionLog(id: "2026-11-29-big", events: parsed.events)
        count = log.events.count
    }
    let open = median(openTimes)
    let wc = medianRun(5, ["wc", "-l", path])
    let perSecond = Double(count) / (open / 1e9)
    report(Row(figure: "open a \(count)-event journal", value: "\(format(open)) (\(Int(perSecond / 1000))k events/s)",
               baseline: "wc -l: " + format(wc), ratio: open / wc, target: "≥ 1M events/s, ≤ 20× wc -l",
               pass: perSecond >= 1_000_000 && open / wc <= 20))
}

// 3. A durable append against a bare write + fdatasync of the same bytes.
if wanted("append") {
    let folder = SessionsFolder(path: work + "/append")
    let journal = try! folder.create(title: "Append", agenda: try! AgendaTemplate.resolve(nil), at: now, writer: "bench")
    let appendTimes = try! samples(300) {
        try journal.append(now: { now }) { try $0.decide(.addIdea(text: "Community water committees", kind: .area, by: nil, area: nil)) }
    }
    let line = Array(JournalFormat.encode(journal.log.events.last!).utf8)
    let fd = open(work + "/bare.txt", O_WRONLY | O_CREAT | O_APPEND, 0o644)
    let bareTimes = samples(300) {
        _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        fdatasync(fd)
    }
    close(fd)
    let a = median(appendTimes), w = median(bareTimes)
    report(Row(figure: "durable append of one event (median)", value: format(a), baseline: "write + fdatasync: " + format(w),
               ratio: a / w, target: "≤ 1.2×", pass: a / w <= 1.2))
}

// 4–5. Listing and searching 10,000 sessions of about 100 events.
if wanted("list") {
    let dir = work + "/many"
    _ = shell("mkdir -p '\(dir)'")
    var rng = Seeded(state: 99)
    for n in 0..<10_000 {
        let day = 1 + n % 28
        var s = SessionBuilder(id: "2026-10-\(day < 10 ? "0" : "")\(day)-initiative-\(n)", title: "Initiative \(n)",
                               start: Timestamp(year: 2026, month: 10, day: day, hour: 14))
        s.apply(.startTimer)
        for p in 0..<10 { s.apply(.addParticipant(name: "Person \(p)", organisation: "Org", group: .ngo, country: "", observer: p == 9)) }
        for _ in 0..<40 { s.apply(.addIdea(text: sentence(&rng, words: 6), kind: .area, by: nil, area: nil)) }
        s.apply(.openVote(method: .dot, dots: 3, maxPerItem: nil, candidates: ["I1", "I2", "I3"]))
        for p in 1...9 { s.apply(.castBallot(vote: nil, by: "P\(p)", choices: [.init(idea: "I\(1 + p % 3)", points: 3)])) }
        s.apply(.closeVote(id: nil))
        for a in 0..<30 { s.apply(.addAction(text: sentence(&rng, words: 5), owner: "P\(1 + a % 9)", due: "2027-03", idea: nil)) }
        s.apply(.close)
        writeText(s.text, to: "\(dir)/\(s.log.state.id).txt")
    }
    let cat = { shell("cat '\(dir)'/*.txt > /dev/null").nanoseconds }
    _ = cat()
    let catTime = median((0..<5).map { _ in cat() })
    // Medians, like the baselines: a first run is one with a cache folder of its own, still empty.
    var cold = 0
    func coldRun(_ argv: [String]) -> ProcessRun {
        cold += 1
        setenv("QUIPU_CACHE_DIR", work + "/cache-cold-\(cold)", 1)
        defer { setenv("QUIPU_CACHE_DIR", work + "/cache", 1) }
        return run(argv)
    }
    func medianOf(_ runs: [ProcessRun]) -> ProcessRun {
        runs.first { $0.status != 0 } ?? runs.sorted { $0.nanoseconds < $1.nanoseconds }[runs.count / 2]
    }
    let list = [quipu, "list", "--json", "--dir", dir]
    let first = medianOf((0..<3).map { _ in coldRun(list) })
    _ = run(list)
    let second = medianOf((0..<5).map { _ in run(list) })
    // Peak memory of a run without a cache (the most it reads and keeps).
    setenv("QUIPU_CACHE_DIR", work + "/cache-memory", 1)
    let probe = run([CommandLine.arguments[0], "--peak-kb", quipu, "list", "--json", "--dir", dir], capture: true)
    setenv("QUIPU_CACHE_DIR", work + "/cache", 1)
    let peakKilobytes = Int(String(decoding: probe.output, as: UTF8.self).filter { !$0.isWhitespace }) ?? -1
    report(Row(figure: "list --json, 10,000 sessions, first run", value: format(first.nanoseconds), baseline: "cat: " + format(catTime),
               ratio: first.nanoseconds / catTime, target: "≤ 2× cat", pass: first.status == 0 && first.nanoseconds / catTime <= 2))
    report(Row(figure: "list --json, 10,000 sessions, second run", value: format(second.nanoseconds), baseline: "cat: " + format(catTime),
               ratio: second.nanoseconds / catTime, target: "≤ 0.2× cat", pass: second.status == 0 && second.nanoseconds / catTime <= 0.2))
    report(Row(figure: "peak memory, list over 10,000 sessions", value: peakKilobytes < 0 ? "failed" : "\(peakKilobytes / 1024) MB", baseline: "—",
               ratio: nil, target: "≤ 64 MB", pass: peakKilobytes >= 0 && peakKilobytes <= 64 * 1024))
    let grep = medianRun(3, ["grep", "-rlF", "glacier", dir])
    let searchGlacier = [quipu, "search", "glacier", "--dir", dir]
    let search = medianOf((0..<3).map { _ in coldRun(searchGlacier) })
    _ = run(searchGlacier)
    report(Row(figure: "search WORD, 10,000 sessions", value: search.status == 0 ? format(search.nanoseconds) : "not available (exit \(search.status))",
               baseline: "grep -rlF: " + format(grep), ratio: search.status == 0 ? search.nanoseconds / grep : nil,
               target: "≤ 1.5× grep", pass: search.status == 0 && search.nanoseconds / grep <= 1.5))
    // The same command again: an earlier run built the search index, this one finds it current.
    let again = medianOf((0..<3).map { _ in run(searchGlacier) })
    report(Row(figure: "search WORD, 10,000 sessions, second run",
               value: again.status == 0 ? format(again.nanoseconds) : "not available (exit \(again.status))",
               baseline: "grep -rlF: " + format(grep), ratio: again.status == 0 ? again.nanoseconds / grep : nil,
               target: "≤ 1.5× grep", pass: again.status == 0 && again.nanoseconds / grep <= 1.5))
}

// 6. Start-up against a minimal Swift program that links Foundation.
if wanted("startup") {
    let src = work + "/minimal.swift"
    writeText("import Foundation\nprint(ProcessInfo.processInfo.arguments.count)\n", to: src)
    let built = run(["swiftc", "-O", "-o", work + "/minimal", src])
    let empty = work + "/empty"
    _ = shell("mkdir -p '\(empty)'")
    let minimal = built.status == 0 ? medianRun(30, [work + "/minimal"]) : .nan
    let list = medianRun(30, [quipu, "list", "--dir", empty])
    report(Row(figure: "start-up: list on an empty folder", value: format(list), baseline: "minimal Swift + Foundation: " + format(minimal),
               ratio: list / minimal, target: "≤ 2×", pass: list / minimal <= 2))
}

// 7–8. The screens: peak memory on the big session, and bytes sent for one typed character.
if wanted("screens") {
    let dir = work + "/screens"
    let folder = SessionsFolder(path: dir)
    try! folder.ensureExists()
    let big = bigSession(ideas: 1000, participants: 100, votes: 20, actions: 300, seed: 42)
    var idle = big
    idle.log = SessionLog(id: "2026-11-29-big", events: big.log.events.filter { $0.change != .timerStarted })
    writeText(idle.text, to: folder.journalPath("2026-11-29-big"))
    let socket = "quipu-bench"
    func tmux(_ args: [String]) -> ProcessRun { run(["tmux", "-L", socket] + args, capture: true) }
    func screen() -> String { String(decoding: tmux(["capture-pane", "-p", "-t", "b"]).output, as: UTF8.self) }
    func waitFor(_ text: String) -> Bool {
        for _ in 0..<200 { if screen().contains(text) { return true }; usleep(50_000) }
        return false
    }
    _ = tmux(["-u", "new-session", "-d", "-s", "b", "-x", "120", "-y", "40", "env LC_ALL=C.UTF-8 \(quipu) open 2026-11-29-big --dir \(dir)"])
    defer { _ = tmux(["kill-server"]) }
    var memory = "n/a", memoryPass: Bool? = nil
    if waitFor("Big breakout") {
        _ = tmux(["send-keys", "-t", "b", "2"]); _ = waitFor(" I1 ")
        for _ in 0..<30 { _ = tmux(["send-keys", "-t", "b", "PageDown"]) }
        usleep(300_000)
        let pid = String(decoding: tmux(["display-message", "-p", "-t", "b", "#{pane_pid}"]).output, as: UTF8.self)
            .filter(\.isNumber)
        let status = String(decoding: readProcFile("/proc/\(pid)/status") ?? [], as: UTF8.self)
        if let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kb = Int(line.split(separator: " ").dropFirst().first ?? "") {
            memory = "\(kb / 1024) MB"
            memoryPass = kb <= 64 * 1024
        }
        // Bytes to the terminal per typed character, in a text field, clock idle.
        let log = work + "/pane.bytes"
        _ = tmux(["send-keys", "-t", "b", "a"]); usleep(300_000)
        _ = tmux(["pipe-pane", "-o", "-t", "b", "cat >> \(log)"]); usleep(300_000)
        var sizes: [Double] = []
        var typed = ""
        for c in "watershed" {
            let before = fileSize(log)
            typed.append(c)
            _ = tmux(["send-keys", "-t", "b", "-l", String(c)])
            _ = waitFor(typed)
            usleep(300_000)
            sizes.append(Double(fileSize(log) - before))
        }
        let bytes = median(sizes)
        report(Row(figure: "bytes sent for one character typed into a text field", value: "\(Int(bytes)) bytes", baseline: "—",
                   ratio: nil, target: "≤ 32", pass: bytes <= 32))
    }
    report(Row(figure: "peak memory, screens on the 1,000-idea session", value: memory, baseline: "—", ratio: nil,
               target: "≤ 64 MB", pass: memoryPass))
}

func fileSize(_ path: String) -> Int {
    var st = stat()
    return stat(path, &st) == 0 ? Int(st.st_size) : 0
}

// The table.
print("")
print("| figure | Quipu | baseline | ratio | target | result |")
print("| --- | ---: | ---: | ---: | --- | --- |")
for row in rows {
    let ratio = row.ratio.map { format3(($0 * 100).rounded() / 100) + "×" } ?? "—"
    let result = row.pass.map { $0 ? "pass" : "short" } ?? "n/a"
    print("| \(row.figure) | \(row.value) | \(row.baseline) | \(ratio) | \(row.target) | \(result) |")
}
