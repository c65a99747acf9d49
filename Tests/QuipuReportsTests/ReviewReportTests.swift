import CSV
import Foundation
import QuipuCore
import QuipuReports
import QuipuStore
import Testing

// Golden files of the outcome report, the plenary roll-up and the CSV exports of the example
// sessions shipped in Sessions/. When the examples or the renderings change on purpose, update
// them with:
//
//     QUIPU_UPDATE_GOLDEN=1 swift test --filter ReviewReportTests
//
// and read the diff of Tests/QuipuReportsTests/Golden/ before committing it.

let reportsPackageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

let goldenFolder = reportsPackageRoot + "/Tests/QuipuReportsTests/Golden"
let exampleIDs = ["2026-11-27-watershed-management", "2026-11-28-andes",
                  "2026-11-29-watershed-management-follow-up-on-the-workplan"]
/// After every example session: the planned follow-up renders the same whenever it is rendered
/// before it starts.
let goldenNow = Timestamp(year: 2026, month: 12, day: 1, hour: 12)

func exampleSession(_ id: String) throws -> Session {
    try SessionsFolder(path: reportsPackageRoot + "/Sessions").load(id).log.state
}

func exampleSessions() throws -> [Session] { try exampleIDs.map(exampleSession) }

/// Compares `actual` with the golden file `name`, or rewrites it when QUIPU_UPDATE_GOLDEN=1.
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let path = goldenFolder + "/" + name
    if ProcessInfo.processInfo.environment["QUIPU_UPDATE_GOLDEN"] == "1" {
        try? FileManager.default.createDirectory(atPath: goldenFolder, withIntermediateDirectories: true)
        try! actual.write(toFile: path, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
        Issue.record("no golden file \(name); run with QUIPU_UPDATE_GOLDEN=1 to create it", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = Array(zip(e, a)).firstIndex { $0 != $1 } ?? min(e.count, a.count)
        Issue.record("""
            \(name) differs from its golden file at line \(line + 1):
              golden: \(line < e.count ? String(e[line]) : "(end)")
              now:    \(line < a.count ? String(a[line]) : "(end)")
            (QUIPU_UPDATE_GOLDEN=1 rewrites the golden files)
            """, sourceLocation: sourceLocation)
    }
}

/// Every row the CSV library reads back from `text`.
func readCSV(_ text: String) throws -> [[String]] {
    let reader = try CSVReader(string: text)
    var rows: [[String]] = []
    while let row = reader.next() { rows.append(row) }
    if let error = reader.error { throw error }
    return rows
}

func expectValidTables(_ markdown: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for table in tables(in: markdown) {
        let width = cellCount(table[0])
        #expect(table.count >= 2 && table[1].allSatisfy { "|-: ".contains($0) }, "a delimiter row under \(table[0])",
                sourceLocation: sourceLocation)
        for row in table { #expect(cellCount(row) == width, "\(row)", sourceLocation: sourceLocation) }
    }
}

/// The first object of a JSON array has exactly `keys`, in this order.
func expectKeysInOrder(_ json: String, _ keys: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    let firstObject = json.components(separatedBy: "\n  }")[0]
    let found = firstObject.split(separator: "\n").compactMap { line -> String? in
        let t = line.drop { $0 == " " }
        guard t.hasPrefix("\""), line.hasPrefix("    \""), let end = t.dropFirst().firstIndex(of: "\"") else { return nil }
        return String(t[t.index(after: t.startIndex)..<end])
    }
    #expect(found == keys, sourceLocation: sourceLocation)
}

/// Whether `c` occurs in `text` without a backslash before it.
func hasUnescaped(_ c: Character, in text: String) -> Bool {
    var escaped = false
    for x in text {
        if escaped { escaped = false; continue }
        if x == "\\" { escaped = true } else if x == c { return true }
    }
    return false
}

@Suite struct ReviewReportTests {
    @Test func outcomeReportsOfTheExampleSessions() throws {
        for id in exampleIDs {
            let md = MarkdownReport.render(try exampleSession(id), at: goldenNow)
            expectGolden(md, "\(id).md")
            expectValidTables(md)
        }
    }

    @Test func theReportHasEverySectionTheRapporteurNeeds() throws {
        let md = MarkdownReport.render(try exampleSession("2026-11-28-andes"), at: goldenNow)
        for needle in ["- **Initiative:** Andes", "- **Date:** 28 November 2026", "- **Facilitator:** Carmen Condori Mamani",
                       "- **Rapporteur:** Diego Castaño", "## Agenda: planned and actual time", "### National governments",
                       "- **Observers:** Patrick Moreau", "Turnout: 9 of 9 eligible members voted (100%).",
                       "Non-binding: 2 observer ballots", "### Programme ideas", "### Project ideas",
                       "## Roles and responsibilities", "| # | Action | Owner | Due | Status | For |", "## Left open",
                       "- An area with no programme or project idea yet: I3 Sustainable tourism along the Qhapaq Ñan.",
                       "- 5 actions still to do: A1, A2, A3, A4, A5, in the workplan above."] {
            #expect(md.contains(needle), "missing: \(needle)")
        }
    }

    @Test func plenaryRollUpOfTheExampleSessions() throws {
        let sessions = try exampleSessions()
        let md = PlenaryReport.render(sessions, selection: .init(includePlanned: true), today: goldenNow.date)
        expectGolden(md, "plenary.md")
        expectValidTables(md)
        #expect(md.contains("## Andes\n"))
        #expect(md.contains("## Watershed management\n"))
        let andesOnly = PlenaryReport.render(sessions, selection: .init(initiatives: ["andes"]), today: goldenNow.date)
        #expect(!andesOnly.contains("## Watershed management"))
        let lastDay = PlenaryReport.render(sessions, selection: .init(from: "2026-11-28", to: "2026-11-28"), today: goldenNow.date)
        #expect(lastDay.contains("1 session of 1 initiative, from 28 November 2026 to 28 November 2026."))
    }

    @Test func csvTablesOfTheExampleSessions() throws {
        for id in exampleIDs {
            for table in CSVExport.tables(try exampleSession(id)) {
                let text = try CSVExport.render(table)
                expectGolden(text, CSVExport.fileName(session: id, table: table.name))
                // Read back with the CSV library: the same rows, header first.
                #expect(try readCSV(text) == [table.header] + table.rows, "\(id) \(table.name)")
            }
        }
    }

    @Test func csvHasEveryTableTheIssueNames() throws {
        let names = CSVExport.tables(try exampleSession("2026-11-28-andes")).map(\.name)
        for name in ["ideas", "ballots", "results", "actions", "participants"] { #expect(names.contains(name)) }
    }

    @Test func hostileTextKeepsReportTablesValidAndCSVInert() throws {
        let hostile = "=HYPERLINK(\"http://x\",\"a|b\") <img src=x> *bold* _u_ `c` # h \\|"
        var b = try Breakout.watershed(member2: "-2+3 | Mallory <b>", area1: hostile)
        try b.run(.addAction(text: "@SUM(A1) | `x`", owner: "org:+Org | <i>", due: "2027-01", idea: "I1"), atMinute: 16)
        try b.run(.assignRole(role: "lead | *co*", holder: "P2"), atMinute: 16)
        var s = b.session
        // The engine refuses a newline in a name, but a journal edited by hand may carry one.
        s.participants[1].name += "\n| new | row |"
        let report = MarkdownReport.render(s, at: b.at(minute: 20))
        expectValidTables(report)
        #expect(!hasUnescaped("<", in: report), "no HTML gets through")
        #expect(report.contains("\\<img src=x\\>") && report.contains("Mallory \\<b\\>"))
        // A newline in a name never ends a table row early.
        #expect(!report.contains("\n| new | row |"))
        let plenary = PlenaryReport.render([s], selection: .init(includePlanned: true), today: goldenNow.date)
        expectValidTables(plenary)
        #expect(!hasUnescaped("<", in: plenary))

        for table in CSVExport.tables(s) {
            let read = try readCSV(try CSVExport.render(table))
            #expect(read == [table.header] + table.rows)
            for cell in read.dropFirst().joined() {
                #expect(!["=", "+", "-", "@"].contains(cell.first.map(String.init) ?? ""), "\(table.name): \(cell)")
            }
        }
        let ideas = try #require(CSVExport.tables(s).first { $0.name == "ideas" })
        #expect(ideas.rows[0][3] == "'" + hostile)
        let actions = try #require(CSVExport.tables(s).first { $0.name == "actions" })
        #expect(actions.rows.last?[2] == "'@SUM(A1) | `x`")
        #expect(actions.rows.last?[3] == "'+Org | <i>")
    }

    @Test func actionsAndSearchJSONKeepTheDocumentedKeysInOrder() throws {
        let sessions = try exampleSessions()
        let actions = ActionsReport.json(try ActionsReport.rows(sessions, filter: .init(), today: "2027-03-01"))
        expectKeysInOrder(actions, ["session", "sessionTitle", "initiative", "id", "text", "owner", "ownerName",
                                    "organisation", "due", "status", "idea", "ideaText", "overdue", "carriedFrom"])
        let search = SearchReport.json(sessions.flatMap { $0.search("water") })
        expectKeysInOrder(search, ["session", "sessionTitle", "initiative", "date", "kind", "item", "text"])
    }

    @Test func leftOpenSaysWhatTheBreakoutDidNotSettle() throws {
        var b = try Breakout.watershed()
        let running = MarkdownReport.render(b.session, at: b.at(minute: 20))
        #expect(!running.contains("never reached"), "phases ahead of a running clock are still to come")
        try b.run(.close, atMinute: 20)
        let md = MarkdownReport.render(b.session, at: b.at(minute: 20))
        let section = String(md[md.range(of: "## Left open")!.lowerBound...])
        #expect(section.contains("- 1 action still to do: A1, in the workplan above."), "not the workplan again")
        #expect(section.contains("- An area with no programme or project idea yet: I1 Community water committees."))
        #expect(!section.contains("(CONDESAN)"), "no owner in brackets in brackets")
        #expect(section.contains("- Phases the clock never reached: 3 Programme & project ideas; 4 Workplan, roles & responsibilities; 5 Wrap-up & conclusions for plenary."))
    }

    @Test func overdueMeansStillToDoAndPastItsDayOrMonth() {
        func action(_ due: String?, _ status: ActionStatus = .open) -> Action {
            Action(id: "A1", text: "x", owner: "P1", due: due, status: status)
        }
        #expect(ActionsReport.isOverdue(action("2027-01-14"), today: "2027-01-15"))
        #expect(!ActionsReport.isOverdue(action("2027-01-15"), today: "2027-01-15"), "due today is not late yet")
        #expect(!ActionsReport.isOverdue(action("2027-01"), today: "2027-01-31"), "the month has not ended")
        #expect(ActionsReport.isOverdue(action("2027-01"), today: "2027-02-01"))
        #expect(ActionsReport.isOverdue(action("2027-01", .inProgress), today: "2027-02-01"))
        #expect(!ActionsReport.isOverdue(action("2027-01", .done), today: "2027-02-01"))
        #expect(!ActionsReport.isOverdue(action(nil), today: "2099-01-01"))
    }

    @Test func actionsAcrossSessionsByOwnerAndStatus() throws {
        let sessions = try exampleSessions()
        let fao = try ActionsReport.rows(sessions, filter: .init(owner: "fao"), today: "2027-03-01")
        #expect(fao.map { "\($0.sessionID) \($0.action.id)" } == ["2026-11-27-watershed-management A5"])
        let inProgress = try ActionsReport.rows(sessions, filter: .init(status: .inProgress), today: "2027-03-01")
        #expect(inProgress.map(\.action.id) == ["A5"])
        let byName = try ActionsReport.rows(sessions, filter: .init(owner: "Sofía Mendoza"), today: "2027-03-01")
        #expect(byName.map { "\($0.sessionID) \($0.action.id)" } == ["2026-11-28-andes A2"])
    }

    @Test func searchFindsIdeasActionsPeopleRolesAndNotes() throws {
        let andes = try exampleSession("2026-11-28-andes")
        let hits = andes.search("SEED")
        #expect(hits.map { "\($0.kind.rawValue) \($0.item ?? "")" } == ["idea I10", "idea I11", "action A2"])
        #expect(andes.search("condesan").map(\.kind) == [.participant, .role])
        #expect(andes.search("secretariat").map { "\($0.kind.rawValue) \($0.item ?? "")" } == ["note I15", "action A5"])
        #expect(andes.search("  ").isEmpty)
    }

    @Test func timelineReadsTheJournalAsHistory() throws {
        let log = try SessionsFolder(path: reportsPackageRoot + "/Sessions").load("2026-11-28-andes").log
        let entries = TimelineReport.entries(log, localTime: { $0.iso8601 })
        #expect(entries.count == log.events.count)
        let duplicate = try #require(entries.first { $0.text.contains("\"Market access\"") })
        #expect(duplicate.undone)
        #expect(duplicate.who == "cusco", "who made the change: the writer (the examples name none)")
        let undo = try #require(entries.first { $0.kind == .undo })
        #expect(undo.text.hasPrefix("undid: I8"))
        #expect(entries.filter { $0.kind == .votes }.count == 13, "open, 11 ballots, close")
        #expect(entries.first?.who == "cusco", "the writer when no participant is named")
    }
}
