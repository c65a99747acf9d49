import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `quipu sync` with real git and real processes: clones of a bare repository in a temporary
/// folder, each its own laptop (`QUIPU_DEVICE`), with no git configuration of the user's.
@Suite("Sync through git, end to end")
struct SyncEndToEndTests {
    /// Three laptops and the shared remote.
    struct Conference {
        let root: String
        var remote: String { root + "/remote.git" }
        let laptops: [String]

        init(laptops: [String] = ["lap1", "rap2", "obs3"]) throws {
            root = scratchFolder()
            self.laptops = laptops
            try FileManager.default.createDirectory(atPath: root + "/home", withIntermediateDirectories: true)
            for laptop in laptops { try FileManager.default.createDirectory(atPath: folder(laptop), withIntermediateDirectories: true) }
            let made = try SyncEndToEndTests.git(["init", "-q", "--bare", remote], in: root)
            #expect(made.status == 0, "\(made.stderr)")
        }

        /// A copy of the whole conference (laptops, remote, home) in a folder of its own; its
        /// syncs name its own remote (`sync` passes `--remote`, which replaces the copied URL).
        private init(copying other: Conference) throws {
            root = scratchFolder()
            laptops = other.laptops
            let copied = try SyncEndToEndTests.run("/bin/cp", ["-a", other.root + "/.", root])
            #expect(copied.status == 0, "\(copied.stderr)")
        }

        func copy() throws -> Conference { try Conference(copying: self) }

        func folder(_ laptop: String) -> String { root + "/" + laptop }

        /// A command on one laptop: its device, a still clock, and no git configuration.
        @discardableResult
        func run(_ laptop: String, _ arguments: [String]) throws -> Output {
            try quipu(arguments, dir: folder(laptop), environment: [
                "QUIPU_DEVICE": laptop, "QUIPU_NOW": "2026-11-28T14:00:00Z",
                "HOME": root + "/home", "XDG_CONFIG_HOME": root + "/home", "GIT_CONFIG_NOSYSTEM": "1",
            ])
        }

        @discardableResult
        func sync(_ laptop: String) throws -> Output {
            let out = try run(laptop, ["sync", "--remote", remote])
            #expect(out.status == 0, "\(laptop): \(out.stderr)")
            #expect(!out.stderr.contains("CONFLICT"))
            return out
        }

        /// Every journal file of a laptop's folder, by name.
        func journals(_ laptop: String) throws -> [String: Data] {
            var files: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: folder(laptop)) where name.hasSuffix(".txt") {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: folder(laptop) + "/" + name))
            }
            return files
        }
    }

    static func git(_ arguments: [String], in dir: String) throws -> Output {
        try run("/usr/bin/env", ["git"] + arguments, in: dir)
    }

    static func run(_ program: String, _ arguments: [String], in dir: String = "/") throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        let (out, err) = (Pipe(), Pipe())
        process.standardOutput = out
        process.standardError = err
        try process.run()
        nonisolated(unsafe) var stderr = Data()
        let reading = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            stderr = err.fileHandleForReading.readDataToEndOfFile()
            reading.signal()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        reading.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func threeLaptopsAppendingOfflineAndSyncingInAnyOrderEndWithOneSession() throws {
        let c = try Conference()
        let id = try c.run("lap1", ["new", "Andes", "--initiative", "Andes", "--facilitator", "Carmen"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        for name in ["Ana Lima", "Ben Okoro", "Chen Wei"] { try c.run("lap1", ["participant", id, "add", name]) }
        try c.run("lap1", ["idea", id, "add", "Glaciers"])
        try c.run("lap1", ["idea", id, "add", "Páramos"])
        try c.run("lap1", ["vote", id, "open", "--method", "approval"])
        let first = try c.sync("lap1")
        #expect(first.stdout.contains("committed: Andes: 1 new session, 3 participants, 2 ideas, 1 vote opened"), "\(first.stdout)")
        #expect(try c.sync("rap2").stdout.contains("from lap1: Andes: 1 new session"))
        try c.sync("obs3")

        // Offline, all three at once: ideas, a participant, ballots; the facilitator closes the vote.
        try c.run("lap1", ["idea", id, "add", "Water committees"])
        try c.run("lap1", ["vote", id, "cast", "--by", "Ana Lima", "I1"])
        try c.run("rap2", ["idea", id, "add", "Early warning"])
        try c.run("rap2", ["participant", id, "add", "Dana Ruiz"])
        try c.run("rap2", ["vote", id, "cast", "--by", "Ben Okoro", "I2"])
        try c.run("obs3", ["idea", id, "add", "Payment for services"])
        // The same idea reworded on two laptops at once: the later in (seq, writer) order is kept
        // (lap1's: it had seen more), the other is a conflict.
        try c.run("lap1", ["idea", id, "edit", "I2", "Páramos and wetlands"])
        try c.run("obs3", ["idea", id, "edit", "I2", "Páramo conservation"])
        try c.run("obs3", ["action", id, "add", "Draft the note", "--owner", "Chen Wei"])
        try c.sync("obs3")
        try c.sync("lap1")
        try c.run("lap1", ["vote", id, "close"])
        let fromOthers = try c.sync("rap2")
        #expect(fromOthers.stdout.contains("from obs3: Andes: 1 idea, 1 edit, 1 action"), "\(fromOthers.stdout)")
        #expect(fromOthers.stdout.contains("from lap1: Andes: 1 idea, 1 ballot, 1 edit"), "\(fromOthers.stdout)")
        try c.sync("lap1")
        try c.run("obs3", ["idea", id, "add", "Páramo restoration"])
        for laptop in ["obs3", "rap2", "lap1", "obs3", "rap2"] { try c.sync(laptop) }

        // One session everywhere: the same files byte for byte, the same state.
        let files = try c.journals("lap1")
        #expect(Set(files.keys) == ["\(id).txt", "\(id).rap2.txt", "\(id).obs3.txt"])
        for laptop in ["rap2", "obs3"] { #expect(try c.journals(laptop) == files, "\(laptop)'s journals differ") }
        let shown = try c.run("lap1", ["show", id, "--json"]).stdout
        for laptop in ["rap2", "obs3"] { #expect(try c.run(laptop, ["show", id, "--json"]).stdout == shown) }
        // Nothing lost, nothing twice, no id shared.
        let state = try showJSON(id, dir: c.folder("lap1"))
        let ideas = (state["ideas"] as? [[String: Any]]) ?? []
        #expect(ideas.compactMap { $0["text"] as? String }.sorted()
                == ["Early warning", "Glaciers", "Payment for services", "Páramo restoration", "Páramos and wetlands", "Water committees"])
        let conflicts = (state["conflicts"] as? [[String: Any]]) ?? []
        #expect(conflicts.count == 1)
        #expect(conflicts.first?["lost"] as? String == "Páramo conservation")
        #expect(Set(ideas.compactMap { $0["id"] as? String }).count == 6)
        #expect(ideas.compactMap { $0["id"] as? String }.contains("I3-rap2"))
        let events = files.values.flatMap { String(decoding: $0, as: UTF8.self).split(separator: "\n").dropFirst() }
            .map { line -> String in
                let parts = line.split(separator: " ")
                return "\(parts[0])@\(parts[2])"
            }
        #expect(Set(events).count == events.count, "an event in two files")
        let votes = (state["votes"] as? [[String: Any]]) ?? []
        #expect((votes.first?["status"] as? String) == "closed")
        // Ben voted on rap2 before it had seen lap1's close, and lap1 closed without his ballot:
        // listed as late on every laptop, not counted.
        let late = (votes.first?["late"] as? [[String: Any]]) ?? []
        #expect(late.compactMap { $0["by"] as? String } == ["P2"])
        #expect((votes.first?["ballots"] as? Int) == 1)
        // The plenary says what its ranking leaves out: the late ballot and the crossed edit.
        let plenary = try c.run("rap2", ["report", "--plenary", "--include-planned"]).stdout
        #expect(plenary.contains("1 late ballot, cast on a laptop that had not seen its close"), "\(plenary)")
        #expect(plenary.contains("1 change made at once on two laptops"), "\(plenary)")
        let accepted = try c.run("lap1", ["vote", id, "accept"])
        #expect(accepted.stdout.contains("saved V1 late ballot counted by the facilitator"), "\(accepted.stdout) \(accepted.stderr)")
        #expect(try c.run("lap1", ["check"]).status == 0)
        #expect(try c.run("lap1", ["list"]).stdout.contains("Andes"))
    }

    /// Every order of three laptops' syncs, after all three changed the session offline, ends
    /// in the same files and state on every laptop, whatever the order: one set-up, copied for
    /// each of the six orders.
    @Test func everyOrderOfThreeLaptopsSyncsEndsTheSameEverywhere() throws {
        let fixture = try Conference()
        let id = try fixture.run("lap1", ["new", "Andes", "--initiative", "Andes"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        for name in ["Ana Lima", "Ben Okoro", "Chen Wei"] { try fixture.run("lap1", ["participant", id, "add", name]) }
        for text in ["Glaciers", "Páramos"] { try fixture.run("lap1", ["idea", id, "add", text]) }
        try fixture.run("lap1", ["vote", id, "open", "--method", "approval"])
        for laptop in fixture.laptops { try fixture.sync(laptop) }

        // Offline on all three: ideas, a participant, ballots, the vote closed on lap1, an idea
        // reworded on two laptops and a participant's presence and role changed on two.
        func run(_ laptop: String, _ arguments: [String]) throws {
            let out = try fixture.run(laptop, arguments)
            #expect(out.status == 0, "\(laptop) \(arguments): \(out.stderr)")
        }
        try run("lap1", ["idea", id, "add", "Water committees"])
        try run("lap1", ["vote", id, "cast", "--by", "Ana Lima", "I1"])
        try run("lap1", ["idea", id, "edit", "I2", "Páramos and wetlands"])
        try run("lap1", ["vote", id, "close"])
        try run("rap2", ["idea", id, "add", "Early warning"])
        try run("rap2", ["participant", id, "add", "Dana Ruiz"])
        try run("rap2", ["vote", id, "cast", "--by", "Ben Okoro", "I2"])
        try run("rap2", ["participant", id, "set", "Chen Wei", "--absent"])
        try run("obs3", ["idea", id, "add", "Payment for services"])
        try run("obs3", ["participant", id, "add", "Eva Soto"])
        try run("obs3", ["idea", id, "edit", "I2", "Páramo conservation"])
        try run("obs3", ["participant", id, "set", "Chen Wei", "--present", "--observer"])
        try run("obs3", ["vote", id, "cast", "--by", "Chen Wei", "I1"])

        /// Every event line of a laptop's files, as `SEQ@WRITER` (the header aside).
        func events(_ c: Conference, _ laptop: String) throws -> [String] {
            try c.journals(laptop).values.flatMap { String(decoding: $0, as: UTF8.self).split(separator: "\n").dropFirst() }
                .filter { !$0.hasPrefix("#") }
                .map { line in let parts = line.split(separator: " "); return "\(parts[0])@\(parts[2])" }
        }
        // What was made, each event once: no order of syncs may lose one or copy one.
        let made = Set(try fixture.laptops.flatMap { try events(fixture, $0) })

        func permutations(_ xs: [String]) -> [[String]] {
            xs.count <= 1 ? [xs] : xs.indices.flatMap { i in
                permutations(Array(xs[..<i] + xs[(i + 1)...])).map { [xs[i]] + $0 }
            }
        }
        var everyOrder: (files: [String: Data], shown: String)?
        for order in permutations(fixture.laptops) {
            let c = try fixture.copy()
            for laptop in order + order { try c.sync(laptop) }
            let files = try c.journals(order[0])
            #expect(files.count == 3, "\(order): \(files.keys.sorted())")
            let shown = try c.run(order[0], ["show", id, "--json"]).stdout
            for laptop in order.dropFirst() {
                #expect(try c.journals(laptop) == files, "\(order): \(laptop)'s journals differ")
                #expect(try c.run(laptop, ["show", id, "--json"]).stdout == shown, "\(order): \(laptop) shows another session")
            }
            let all = try events(c, order[0])
            #expect(all.count == made.count && Set(all) == made, "\(order): an event lost or twice")
            let state = try showJSON(id, dir: c.folder(order[0]))
            let ideas = (state["ideas"] as? [[String: Any]]) ?? []
            let people = (state["participants"] as? [[String: Any]]) ?? []
            #expect(ideas.count == 5 && Set(ideas.compactMap { $0["id"] as? String }).count == 5, "\(order)")
            #expect(people.count == 5 && Set(people.compactMap { $0["id"] as? String }).count == 5, "\(order)")
            // The rewording crossed, and Chen's presence (absent on rap2, present on obs3); only
            // obs3 made him an observer, which is no conflict.
            let conflicts = (state["conflicts"] as? [[String: Any]]) ?? []
            #expect(conflicts.map { "\($0["item"] ?? "") \($0["field"] ?? "")" }.sorted() == ["I2 text", "P3 present"],
                    "\(order): \(conflicts)")
            // And every order ends as every other.
            if let everyOrder {
                #expect(files == everyOrder.files && shown == everyOrder.shown, "\(order) ends unlike \(fixture.laptops)")
            } else {
                everyOrder = (files, shown)
            }
            try? FileManager.default.removeItem(atPath: c.root)
        }
    }

    /// `S` in the real screens (tmux) with a git whose fetch waits on a gate file (on `PATH`
    /// before the real one): the clock keeps counting and keys are answered while it waits.
    @Test func sOnTheScreensSyncsInTheBackgroundWhileTheClockRuns() throws {
        let c = try Conference(laptops: ["lap1", "rap2"])
        let id = try c.run("lap1", ["new", "Andes"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try c.sync("lap1")
        try c.sync("rap2")
        try c.run("rap2", ["idea", id, "add", "Early warning"])
        try c.sync("rap2")
        let bin = c.root + "/slow-bin", gate = c.root + "/gate"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let real = try #require(try SyncEndToEndTests.run("/bin/sh", ["-c", "command -v git"]).stdout
            .split(separator: "\n").first.map(String.init))
        try """
            #!/bin/sh
            for a in "$@"; do
              if [ "$a" = fetch ]; then
                n=0
                while [ -e '\(gate)' ] && [ $n -lt 400 ]; do sleep 0.05; n=$((n+1)); done
              fi
            done
            exec '\(real)' "$@"

            """.write(toFile: bin + "/git", atomically: true, encoding: .utf8)
        chmod(bin + "/git", 0o755)
        FileManager.default.createFile(atPath: gate, contents: nil)
        let path = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let term = try Terminal([quipuBinary, "open", id, "--dir", c.folder("lap1")], environment: [
            "QUIPU_DEVICE": "lap1", "HOME": c.root + "/home", "GIT_CONFIG_NOSYSTEM": "1", "PATH": path])
        #expect(term.waitFor(text: "10:00"))
        try term.send("Space")
        try term.send("S")
        #expect(term.waitFor(text: "syncing…"))
        // git waits on the remote; the clock counts down and a tab key is answered meanwhile.
        #expect(term.waitFor("the clock counting down") { $0.contains("09:5") })
        try term.send("S")
        #expect(term.waitFor(text: "a sync is already running"))
        try term.send("2")
        #expect(term.waitFor(text: "No ideas yet"))
        #expect(FileManager.default.fileExists(atPath: gate), "the sync was waiting all along")
        unlink(gate)
        #expect(term.waitFor(text: "from rap2: Andes: 1 idea", timeout: 20))
        #expect(term.waitFor(text: "Early warning"))
        try term.send("q")
    }

    @Test func errorsAreOneLineAndTwoSyncsAtOnceBothFinish() throws {
        let c = try Conference()
        try c.run("lap1", ["new", "Andes"])
        let noRemote = try c.run("lap1", ["sync"])
        #expect(noRemote.status == 1)
        #expect(noRemote.stderr == "quipu: no remote to sync with: run quipu sync --remote URL once (what changed is committed here)\n")
        let unreachable = try c.run("lap1", ["sync", "--remote", c.root + "/nowhere.git"])
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.hasPrefix("quipu: cannot reach the remote \(c.root)/nowhere.git: "))
        #expect(unreachable.stderr.split(separator: "\n").count == 1)
        let noGit = try quipu(["sync"], dir: c.folder("lap1"), environment: ["PATH": "/nonexistent"])
        #expect(noGit.stderr == "quipu: git is not installed: install it (apt-get install git) and run quipu sync again\n")

        // Twice at once, with the remote set: both finish, one after the other.
        try c.run("lap1", ["sync", "--remote", c.remote])
        try c.run("lap1", ["new", "Watershed"])
        let environment = ["QUIPU_DEVICE": "lap1", "HOME": c.root + "/home", "GIT_CONFIG_NOSYSTEM": "1"]
        let runs = (0..<2).map { _ -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: quipuBinary)
            p.arguments = ["sync", "--dir", c.folder("lap1")]
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try? p.run()
            return p
        }
        for p in runs {
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
        // What is derived stays out of the repository.
        let ignored = try String(contentsOfFile: c.folder("lap1") + "/.gitignore", encoding: .utf8)
        #expect(ignored.contains("*.md") && !ignored.contains("merge"))
        let attributes = try String(contentsOfFile: c.folder("lap1") + "/.gitattributes", encoding: .utf8)
        #expect(attributes.contains("*.txt text eol=lf") && !attributes.contains("merge"))
    }

    @Test func aLaptopJoinsByCloneOrWithNoFolderAndTwoSessionsOfOneNameAreBothKept() throws {
        let c = try Conference(laptops: ["lap1", "rap2"])
        try c.run("lap1", ["new", "Andes water"])
        try c.sync("lap1")
        // A clone of a bare repository whose HEAD names master: nothing to check out, but the
        // laptop's first sync must meet the others on main, not start a branch of its own.
        try FileManager.default.removeItem(atPath: c.folder("rap2"))
        _ = try SyncEndToEndTests.git(["clone", "-q", c.remote, c.folder("rap2")], in: c.root)
        let joined = try c.run("rap2", ["sync"])
        #expect(joined.stdout.contains("from lap1: Andes water: 1 new session"), "\(joined.stdout)\(joined.stderr)")
        // Offline, both make a session of the same title on the same day: both are kept.
        try c.run("lap1", ["new", "Plenary prep"])
        try c.run("rap2", ["new", "Plenary prep"])
        try c.sync("lap1")
        let second = try c.sync("rap2")
        #expect(second.stdout.contains("renamed this laptop's session 2026-11-28-plenary-prep to 2026-11-28-plenary-prep-rap2"),
                "\(second.stdout)\(second.stderr)")
        try c.sync("lap1")
        #expect(try c.journals("lap1") == c.journals("rap2"))
        #expect(try c.journals("lap1").keys.sorted() == ["2026-11-28-andes-water.txt", "2026-11-28-plenary-prep-rap2.txt",
                                                          "2026-11-28-plenary-prep.txt"])
        // A third laptop with no sessions folder yet joins with --remote.
        let fresh = c.root + "/lap3/Sessions"
        let third = try quipu(["sync", "--remote", c.remote], dir: fresh, environment: [
            "QUIPU_DEVICE": "lap3", "HOME": c.root + "/home", "GIT_CONFIG_NOSYSTEM": "1"])
        #expect(third.status == 0 && third.stdout.contains("made the sessions folder"), "\(third.stdout)\(third.stderr)")
        #expect(FileManager.default.fileExists(atPath: fresh + "/2026-11-28-plenary-prep-rap2.txt"))
        // An unreachable host says why, not git's advice.
        let ssh = try c.run("lap1", ["sync", "--remote", "ssh://nonexistent.invalid/x.git"])
        #expect(ssh.stderr.contains("Could not resolve hostname") || ssh.stderr.contains("nonexistent.invalid:"), "\(ssh.stderr)")
        #expect(!ssh.stderr.contains("and the repository exists"), "\(ssh.stderr)")
    }

    @Test func aSyncKilledHalfWayLeavesTheFolderReadableAndTheNextCompletesIt() throws {
        let c = try Conference()
        let id = try c.run("lap1", ["new", "Andes"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try c.sync("lap1")
        try c.sync("rap2")
        var rng = SystemRandomNumberGenerator()
        for round in 0..<6 {
            try c.run("rap2", ["idea", id, "add", "Idea \(round)"])
            let p = Process()
            p.executableURL = URL(fileURLWithPath: quipuBinary)
            p.arguments = ["sync", "--dir", c.folder("rap2")]
            p.environment = ProcessInfo.processInfo.environment.merging(
                ["QUIPU_DEVICE": "rap2", "HOME": c.root + "/home", "GIT_CONFIG_NOSYSTEM": "1",
                 "QUIPU_STATE_DIR": testStateDirectory]) { $1 }
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(UInt32.random(in: 5_000...150_000, using: &rng))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            #expect(try c.run("rap2", ["show", id]).status == 0, "round \(round): readable after the kill")
        }
        // git children the kill left running finish on their own; then a sync completes it all.
        usleep(300_000)
        try c.sync("rap2")
        try c.sync("lap1")
        let ideas = (try showJSON(id, dir: c.folder("lap1"))["ideas"] as? [[String: Any]]) ?? []
        #expect(ideas.count == 6)
        #expect(try c.journals("lap1") == c.journals("rap2"))
    }

    @Test func twelveBreakoutsOnTwelveLaptopsMeetInOnePlenaryReport() throws {
        let laptops = (1...12).map { "room\($0)" }
        let c = try Conference(laptops: laptops)
        for (n, laptop) in laptops.enumerated() {
            try c.run(laptop, ["new", "Breakout \(n + 1)", "--initiative", "Initiative \(n + 1)"])
            try c.sync(laptop)
        }
        try c.sync("room1")
        let report = try c.run("room1", ["report", "--plenary", "--include-planned"])
        #expect(report.status == 0, "\(report.stderr)")
        for n in 1...12 { #expect(report.stdout.contains("Initiative \(n)"), "Initiative \(n) is missing") }
    }
}
