import Foundation
import Testing

let tortureBinary = URL(fileURLWithPath: quipuBinary).deletingLastPathComponent().path + "/quipu-torture"

/// How many kill -9 rounds: `make test` runs 200, `make soak` 2,000 (QUIPU_SOAK_ROUNDS).
let killRounds = Int(ProcessInfo.processInfo.environment["QUIPU_SOAK_ROUNDS"] ?? "") ?? 200

func startTorture(dir: String, id: String, writer: String, count: Int) throws -> (Process, Pipe) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tortureBinary)
    process.arguments = [dir, id, writer, String(count)]
    // The same machine as the commands that made the session: the same device, the same file.
    var env = ProcessInfo.processInfo.environment
    env["QUIPU_STATE_DIR"] = testStateDirectory
    process.environment = env
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    return (process, out)
}

func journalEventIDs(_ dir: String, _ id: String) throws -> [String] {
    let text = try String(contentsOfFile: dir + "/\(id).txt", encoding: .utf8)
    return text.split(separator: "\n").dropFirst().compactMap { line in
        let parts = line.split(separator: " ", maxSplits: 3)
        return parts.count >= 3 ? "\(parts[0])@\(parts[2])" : nil
    }
}

@Suite("Nothing lost: kill -9 and concurrent writers", .serialized)
struct DurabilityTests {
    @Test func everyEventReportedDurableSurvivesKill9() throws {
        let dir = scratchFolder()
        let id = try quipu(["new", "Durability"], dir: dir).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        var promised: Set<String> = []
        var rng = SystemRandomNumberGenerator()
        for round in 0..<killRounds {
            let (process, out) = try startTorture(dir: dir, id: id, writer: "k\(round)", count: 100_000)
            // Let it run a random while (2–40 ms), then the hardest stop there is.
            usleep(UInt32.random(in: 2_000...40_000, using: &rng))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            // A number cut mid-print was not promised; only whole lines count.
            let lines = printed.split(separator: "\n", omittingEmptySubsequences: false)
            promised.formUnion(lines.dropLast().map(String.init))
            // Reopen, as the next writer would: a torn tail (if any) is quarantined.
            let check = try quipu(["show", id, "--json"], dir: dir)
            #expect(check.status == 0, "round \(round): \(check.stderr)")
        }
        // One last writer recovers whatever the last kill tore.
        let (final, _) = try startTorture(dir: dir, id: id, writer: "last", count: 1)
        final.waitUntilExit()
        let quarantined = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("quarantine") }.count
        let onDisk = Set(try journalEventIDs(dir, id))
        let missing = promised.subtracting(onDisk)
        #expect(missing.isEmpty, "printed as saved but not in the journal: \(missing.sorted().prefix(10))")
        // Not vacuous: writers got events saved before being killed (how many depends on load).
        #expect(promised.count >= killRounds / 10, "the writer should get events saved in many rounds")
        // Each kill leaves at most one torn tail, each quarantined by the next writer.
        #expect(quarantined <= killRounds)
        print("kill -9 rounds: \(killRounds), events promised: \(promised.count), torn tails quarantined: \(quarantined)")
    }

    @Test func fourWritersAppendingAtOnceInterleaveWholeLines() throws {
        let dir = scratchFolder()
        let id = try quipu(["new", "Concurrency"], dir: dir).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let writers = try (1...4).map { try startTorture(dir: dir, id: id, writer: "c\($0)", count: 250) }
        for (process, _) in writers {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let ids = try journalEventIDs(dir, id)
        #expect(ids.count == 1 + 1000) // session.create and 4 × 250
        let seqs = ids.map { String($0.split(separator: "@")[0]) }
        #expect(Set(seqs).count == ids.count, "sequence numbers must be unique")
        #expect(seqs == (1...ids.count).map { String($0) }, "sequence numbers follow the file order")
        // Every line parses: no interleaved bytes.
        let check = try quipu(["check", id], dir: dir)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let ideas = try #require(try showJSON(id, dir: dir)["ideas"] as? [[String: Any]])
        #expect(ideas.count == 1000)
        #expect(Set(ideas.compactMap { $0["id"] as? String }).count == 1000)
    }
}
