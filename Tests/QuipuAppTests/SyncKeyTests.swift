import Foundation
import Testing
@testable import QuipuApp
@testable import QuipuCore
@testable import QuipuStore
@testable import QuipuTUI

/// `S` on the screens runs the folder's sync (real git) and shows what happened in the status line.
@Suite("S: sync from the screens")
struct SyncKeyTests {
    let start = Timestamp(year: 2026, month: 11, day: 28, hour: 14)

    /// Two laptops' folders sharing a bare remote: `b` (rap2) has added an idea to the session
    /// `a` (lap1) made, and pushed it. Returns `a` and the session's id.
    func twoLaptops() throws -> (a: SessionsFolder, id: String) {
        let remote = NSTemporaryDirectory() + "quipu-remote-" + UUID().uuidString.prefix(8) + ".git"
        let made = Process()
        made.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        made.arguments = ["git", "init", "-q", "--bare", remote]
        try made.run()
        made.waitUntilExit()
        let a = SessionsFolder(path: scratchSessionsFolder("quipu-sync-a-").path, device: "lap1")
        let b = SessionsFolder(path: scratchSessionsFolder("quipu-sync-b-").path, device: "rap2")
        let created = try a.create(title: "Andes", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "cli")
        var syncA = try GitSync(folder: a)
        try syncA.run(remote: remote) { _ in }
        var syncB = try GitSync(folder: b)
        try syncB.run(remote: remote) { _ in }
        try b.open(created.id, writer: "cli").append(now: { start.adding(seconds: 60) }) {
            try $0.decide(.addIdea(text: "Early warning", kind: .area, by: nil, area: nil))
        }
        try syncB.run(remote: nil) { _ in }
        return (a, created.id)
    }

    /// Runs the screens' idle step (as the run loop does between keys) until the sync ends.
    func waitForSync(_ runner: EffectRunner, seconds: Double = 30) {
        let until = Date().addingTimeInterval(seconds)
        while runner.isSyncing, Date() < until {
            runner.idle()
            usleep(20_000)
        }
        runner.idle()
    }

    func screen(_ runner: EffectRunner, at now: Timestamp) -> String {
        runner.model.render(width: 100, height: 24, now: now).buffer.lines().joined(separator: "\n")
    }

    @Test func sInASessionSyncsAndShowsWhatArrived() throws {
        let (a, id) = try twoLaptops()
        let runner = EffectRunner(folder: a, writer: "screens", journal: try a.open(id, writer: "screens"),
                                  quiet: true, clock: { start }, localTime: { $0.iso8601 })
        runner.send(.key(.char("2")))
        runner.send(.key(.char("S")))
        waitForSync(runner)
        let screen = screen(runner, at: start)
        #expect(screen.contains("from rap2: Andes: 1 idea"), "\(screen)")
        #expect(screen.contains("I1-rap2"), "\(screen)")
    }

    /// A git whose fetch waits while a gate file is there (ten seconds at most, so a sync that
    /// blocked the screens would fail this test, not hang it): a real process, a slow remote.
    func slowGit(gate: String) throws -> String {
        let script = NSTemporaryDirectory() + "quipu-slow-git-" + UUID().uuidString.prefix(8)
        let real = try #require(GitSync.findGit())
        try """
            #!/bin/sh
            for a in "$@"; do
              if [ "$a" = fetch ]; then
                n=0
                while [ -e '\(gate)' ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n+1)); done
              fi
            done
            exec '\(real)' "$@"

            """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        return script
    }

    @Test func theScreensAnswerKeysWhileASyncRunsAndSayItsOutcomeAfter() throws {
        let (a, id) = try twoLaptops()
        let gate = NSTemporaryDirectory() + "quipu-gate-" + UUID().uuidString.prefix(8)
        FileManager.default.createFile(atPath: gate, contents: nil)
        defer { unlink(gate) }
        let clock = TickingClock(start)
        let runner = EffectRunner(folder: a, writer: "screens", journal: try a.open(id, writer: "screens"),
                                  quiet: true, clock: clock.now, localTime: { $0.iso8601 })
        runner.gitPath = try slowGit(gate: gate)

        let pressed = Date()
        runner.send(.key(.char("S")))
        #expect(Date().timeIntervalSince(pressed) < 2, "S waited for git")
        #expect(runner.isSyncing)
        #expect(screen(runner, at: start).contains("syncing…"))
        // While git waits on the remote: the clock ticks, keys are answered, a change is saved.
        for _ in 0..<3 { runner.idle() }
        runner.send(.key(.char("2")))
        runner.send(.key(.char("a")))
        for key in "Springs" { runner.send(.key(.char(key))) }
        runner.send(.key(.enter))
        #expect(runner.journal?.log.state.ideas.map(\.text) == ["Springs"])
        // A second S says one is running, and starts none.
        runner.send(.key(.char("S")))
        #expect(screen(runner, at: start).contains("a sync is already running"), "\(screen(runner, at: start))")
        #expect(runner.isSyncing)
        #expect(Date().timeIntervalSince(pressed) < 5, "the screens waited for git")

        unlink(gate)
        waitForSync(runner)
        #expect(!runner.isSyncing)
        let after = screen(runner, at: start)
        #expect(after.contains("from rap2: Andes: 1 idea"), "\(after)")
        #expect(after.contains("I1-rap2") && after.contains("Springs"), "\(after)")
    }

    @Test func aSyncThatEndsOnHomeLeavesAFormBeingTypedAlone() throws {
        let (a, _) = try twoLaptops()
        let gate = NSTemporaryDirectory() + "quipu-gate-" + UUID().uuidString.prefix(8)
        FileManager.default.createFile(atPath: gate, contents: nil)
        defer { unlink(gate) }
        let runner = EffectRunner(folder: a, writer: "screens", journal: nil, quiet: true, clock: TickingClock(start).now,
                                  localTime: { $0.iso8601 })
        runner.gitPath = try slowGit(gate: gate)
        runner.send(.key(.char("S")))
        // A new session's form, typed into while git runs: the sync's end does not take it away.
        runner.send(.key(.char("a")))
        for key in "Plenary prep" { runner.send(.key(.char(key))) }
        unlink(gate)
        waitForSync(runner)
        #expect(!runner.isSyncing)
        #expect(runner.model.draft?.contains("Plenary prep") == true, "\(screen(runner, at: start))")
        #expect(screen(runner, at: start).contains("from rap2: Andes: 1 idea"), "\(screen(runner, at: start))")
    }
}
