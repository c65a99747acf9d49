import Foundation
import Testing

/// A reviewer months later: search, follow-ups, roll-ups, over the shipped example sessions.
@Suite("Reviewing past sessions, end to end", .serialized)
struct ReviewEndToEndTests {
    func examples() throws -> String { try exampleSessionsCopy() }

    @Test func overdueActionsAcrossTheExampleSessions() throws {
        let out = try quipu(["actions", "--overdue", "--json"], dir: packageRoot + "/Sessions",
                            environment: ["QUIPU_NOW": "2027-03-01T12:00:00Z", "TZ": "UTC"])
        try #require(out.status == 0, "\(out.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]])
        let found = rows.map { "\($0["session"] as? String ?? "") \($0["id"] as? String ?? "") \($0["due"] as? String ?? "")" }
        #expect(found == [
            "2026-11-27-watershed-management A5 2027-01",
            "2026-11-28-andes A5 2027-01-15",
            "2026-11-27-watershed-management A1 2027-01-31",
            "2026-11-28-andes A1 2027-02",
        ])
        #expect(rows.allSatisfy { $0["overdue"] as? Bool == true })
        #expect(rows.first?["status"] as? String == "in-progress")
        #expect(rows.first?["ownerName"] as? String == "FAO")
        #expect(rows[1]["ownerName"] as? String == "Gonzalo Ñuflo")

        // A day earlier in January nothing from February is late, and done actions never are.
        let january = try quipu(["actions", "--overdue", "--json"], dir: packageRoot + "/Sessions",
                                environment: ["QUIPU_NOW": "2027-01-20T12:00:00Z", "TZ": "UTC"])
        let early = try #require(try JSONSerialization.jsonObject(with: Data(january.stdout.utf8)) as? [[String: Any]])
        #expect(early.compactMap { $0["id"] as? String } == ["A5"])
    }

    @Test func csvExportWritesOneFilePerTableAndPlenaryReportAFile() throws {
        let dir = try examples()
        let out = try quipu(["export", "2026-11-28-andes", "--format", "csv", "--output", dir + "/csv"], dir: dir)
        try #require(out.status == 0, "\(out.stderr)")
        for table in ["participants", "ideas", "ballots", "results", "roles", "actions"] {
            #expect(FileManager.default.fileExists(atPath: "\(dir)/csv/2026-11-28-andes-\(table).csv"), "\(table)")
        }
        let missing = try quipu(["export", "2026-11-28-andes", "--format", "csv"], dir: dir)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--output DIR"))

        let plenary = try quipu(["report", "--plenary", "--initiative", "Andes", "--output", dir + "/plenary.md"], dir: dir)
        try #require(plenary.status == 0, "\(plenary.stderr)")
        let text = try String(contentsOfFile: dir + "/plenary.md", encoding: .utf8)
        #expect(text.contains("## Andes\n"))
        #expect(!text.contains("## Watershed management"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "no temporary files left behind")
    }

    @Test func searchFromHomeOpensTheSessionWithTheItemSelected() throws {
        let dir = try examples()
        let term = try Terminal([quipuBinary, "--dir", dir])
        #expect(term.waitFor(text: "3 sessions"))
        try term.send("s")
        #expect(term.waitFor(text: "Search every session"))
        try term.type("seed bank")
        try term.send("Enter")
        #expect(term.waitFor(text: "2 matches in 1 session"))
        // The second hit: action A2 of the Andes session.
        try term.send("Down")
        try term.send("Enter")
        #expect(term.waitFor(text: "found A2 on the Workplan tab"))
        #expect(term.waitFor(text: "CLOSED"), "a closed session opens read-only")
        // The row of A2 is the one drawn in reverse video: selected.
        #expect(term.waitFor("A2 selected") { _ in
            let styled = (try? term.tmux(["capture-pane", "-p", "-e", "-t", term.session])) ?? ""
            return styled.split(separator: "\n").contains { $0.contains("A2") && $0.contains("\u{1B}[7m") }
        })
        // Closed: changes are refused until it is reopened, which asks first.
        try term.send("R")
        #expect(term.waitFor(text: "Reopen this closed session for changes?"))
        try term.send("n")
        #expect(term.waitFor(text: "cancelled"))
        // Back home, the search is still there to open the next hit.
        try term.send("q")
        #expect(term.waitFor(text: "2 matches in 1 session"))
    }

    @Test func closingOnTheScreenWritesTheReport() throws {
        let dir = scratchFolder()
        let created = try quipu(["new", "Gender", "--initiative", "Gender"], dir: dir)
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let term = try Terminal([quipuBinary, "open", id, "--dir", dir])
        #expect(term.waitFor(text: "Opening & introductions"))
        try term.send("C")
        #expect(term.waitFor(text: "Close this session?"))
        try term.send("y")
        #expect(term.waitFor(text: "report written"))
        let report = try String(contentsOfFile: "\(dir)/\(id).md", encoding: .utf8)
        #expect(report.hasPrefix("# Gender\n"))
        #expect(report.contains("- **Status:** closed"))
    }

    @Test func timelineFromTheCommandLine() throws {
        let out = try quipu(["show", "2026-11-28-andes", "--timeline", "--kind", "votes"], dir: packageRoot + "/Sessions",
                            environment: ["TZ": "America/Lima"])
        try #require(out.status == 0, "\(out.stderr)")
        // 19:52 UTC is 14:52 in Cusco.
        #expect(out.stdout.contains("2026-11-28 14:52"))
        #expect(out.stdout.contains("open on I1, I2, I3, I5, I6, I7"))
        #expect(!out.stdout.contains("clock started"))
    }
}
