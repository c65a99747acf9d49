import Foundation
import QuipuCore
import QuipuReports
import Testing

/// A session built the way the journal builds it: commands decided against the log, their
/// changes appended as events at exact times. No wall clock anywhere.
struct Breakout {
    var log = SessionLog(id: "2026-11-27-watershed-management")
    let start = Timestamp(year: 2026, month: 11, day: 27, hour: 14)
    var seq = 0
    /// Set, the changes are sealed as the journal writes them (anonymous ballots get tokens).
    var keys: BallotKeyring?

    mutating func run(_ command: Command, atMinute minute: Int64) throws {
        let decided = try log.decide(command)
        let changes = try keys.map { try log.state.sealed(decided, keys: $0) } ?? decided
        log.append(changes.map { change in
            seq += 1
            return Event(id: EventID(seq: seq, writer: "test"), at: start.adding(seconds: minute * 60), change: change)
        })
    }

    var session: Session { log.state }
    func at(minute: Int64) -> Timestamp { start.adding(seconds: minute * 60) }

    /// Two members and an observer, three areas (one withdrawn), a programme, a closed dot vote,
    /// a role and an action; the clock 12 minutes into the session with a 3-minute pause.
    static func watershed(member2: String = "José Gutiérrez", area1: String = "Community water committees") throws -> Breakout {
        var b = Breakout()
        try b.run(.createSession(title: "Watershed management", initiative: "Watershed management",
                                 facilitator: "María Quispe Mamani", rapporteur: "Anna Keller",
                                 agenda: AgendaTemplate.resolve(nil)), atMinute: 0)
        try b.run(.startTimer, atMinute: 0)
        try b.run(.addParticipant(name: "María Quispe Mamani", organisation: "CONDESAN", group: .ngo,
                                  country: "Peru", observer: false), atMinute: 1)
        try b.run(.addParticipant(name: member2, organisation: "Ministerio del Ambiente", group: .government,
                                  country: "Peru", observer: false), atMinute: 1)
        try b.run(.addParticipant(name: "Anna Keller", organisation: "FAO", group: .intergovernmental,
                                  country: "", observer: true), atMinute: 2)
        try b.run(.pauseTimer, atMinute: 4)
        try b.run(.resumeTimer, atMinute: 7)
        try b.run(.nextPhase, atMinute: 10)
        try b.run(.addIdea(text: area1, kind: .area, by: "P1", area: nil), atMinute: 11)
        try b.run(.addIdea(text: "Payment for ecosystem services", kind: .area, by: "P2", area: nil), atMinute: 11)
        try b.run(.addIdea(text: "Glacier monitoring", kind: .area, by: nil, area: nil), atMinute: 12)
        try b.run(.addIdea(text: "Andean water fund", kind: .programme, by: nil, area: "I2"), atMinute: 12)
        try b.run(.withdrawIdea(id: "I3"), atMinute: 12)
        try b.run(.openVote(method: .dot, dots: 3, maxPerItem: 2, candidates: nil), atMinute: 13)
        try b.run(.castBallot(vote: nil, by: "P1", choices: [.init(idea: "I1", points: 2), .init(idea: "I2", points: 1)]),
                  atMinute: 13)
        try b.run(.castBallot(vote: nil, by: "P2", choices: [.init(idea: "I1", points: 1)]), atMinute: 13)
        try b.run(.castBallot(vote: nil, by: "P3", choices: [.init(idea: "I2", points: 2)]), atMinute: 14)
        try b.run(.closeVote(id: nil), atMinute: 14)
        try b.run(.assignRole(role: "lead", holder: "P1"), atMinute: 14)
        try b.run(.addAction(text: "Draft the concept note", owner: "P1", due: "2027-03", idea: "I1"), atMinute: 15)
        return b
    }
}

func parseJSON(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

/// Cells in a Markdown table row: `|` separators not escaped by a backslash.
func cellCount(_ row: String) -> Int {
    var count = 0
    var escaped = false
    for c in row {
        if escaped { escaped = false; continue }
        if c == "\\" { escaped = true } else if c == "|" { count += 1 }
    }
    return count - 1
}

/// Every table in the Markdown: consecutive lines starting with `|`.
func tables(in markdown: String) -> [[String]] {
    var result: [[String]] = []
    var current: [String] = []
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
        if line.hasPrefix("|") {
            current.append(line)
        } else if !current.isEmpty {
            result.append(current)
            current = []
        }
    }
    if !current.isEmpty { result.append(current) }
    return result
}

@Suite struct JSONExportTests {
    @Test func carriesTheTimerAtTheGivenMoment() throws {
        let b = try Breakout.watershed()
        let json = try parseJSON(JSONExport.render(b.session, at: b.at(minute: 20)))
        let timer = try #require(json["timer"] as? [String: Any])
        #expect(timer["state"] as? String == "running")
        #expect(timer["phase"] as? Int == 1)
        #expect(timer["totalSeconds"] as? Int == 90 * 60)
        // 17 minutes run (20 minus a 3-minute pause): 7 in phase 1, 10 in phase 2 of 25.
        #expect(timer["phaseRemainingSeconds"] as? Int == 15 * 60)
        #expect(timer["sessionRemainingSeconds"] as? Int == 73 * 60)
        let phases = try #require(timer["phases"] as? [[String: Any]])
        #expect(phases.count == 5)
        #expect(phases[0]["name"] as? String == "Opening & introductions")
        #expect(phases[0]["plannedSeconds"] as? Int == 600)
        #expect(phases[0]["actualSeconds"] as? Int == 7 * 60)
        #expect(phases[1]["actualSeconds"] as? Int == 10 * 60)
    }

    @Test func carriesIdeasVotesRolesAndActions() throws {
        let b = try Breakout.watershed()
        let json = try parseJSON(JSONExport.render(b.session, at: b.at(minute: 20)))
        #expect(json["id"] as? String == "2026-11-27-watershed-management")
        #expect(json["status"] as? String == "running")
        #expect(json["date"] as? String == "2026-11-27")
        #expect(json["createdAt"] as? String == "2026-11-27T14:00:00.000Z")

        let ideas = try #require(json["ideas"] as? [[String: Any]])
        #expect(ideas.map { $0["id"] as? String } == ["I1", "I2", "I3", "I4"])
        #expect(ideas[2]["withdrawn"] as? Bool == true)
        #expect(ideas[3]["kind"] as? String == "programme")
        #expect(ideas[3]["area"] as? String == "I2")
        #expect(ideas[2]["by"] is NSNull, "a missing proposer is null, not left out")

        let vote = try #require((json["votes"] as? [[String: Any]])?.first)
        #expect(vote["status"] as? String == "closed")
        #expect(vote["candidates"] as? [String] == ["I1", "I2"])
        #expect(vote["ballots"] as? Int == 3)
        let results = try #require(vote["results"] as? [[String: Any]])
        #expect(results.map { $0["idea"] as? String } == ["I1", "I2"])
        #expect(results.map { $0["score"] as? Int } == [3, 1])
        #expect(results.map { $0["rank"] as? Int } == [1, 2])
        let nonBinding = try #require(vote["nonBinding"] as? [[String: Any]])
        #expect(nonBinding.first?["idea"] as? String == "I2")
        #expect(nonBinding.first?["score"] as? Int == 2)

        let roles = try #require(json["roles"] as? [[String: Any]])
        #expect(roles.first?["role"] as? String == "lead")
        #expect(roles.first?["holder"] as? String == "P1")
        let action = try #require((json["actions"] as? [[String: Any]])?.first)
        #expect(action["owner"] as? String == "P1")
        #expect(action["due"] as? String == "2027-03")
        #expect(action["idea"] as? String == "I1")
        #expect(action["status"] as? String == "open")

        let observer = try #require((json["participants"] as? [[String: Any]])?.last)
        #expect(observer["observer"] as? Bool == true)
        #expect(observer["country"] is NSNull)
    }

    @Test func keepsKeysInTheDocumentedOrder() throws {
        let b = try Breakout.watershed()
        let text = JSONExport.render(b.session, at: b.at(minute: 20))
        let keys = ["\"id\"", "\"title\"", "\"initiative\"", "\"status\"", "\"facilitator\"", "\"rapporteur\"",
                    "\"createdAt\"", "\"date\"", "\"timer\"", "\"participants\"", "\"ideas\"", "\"votes\"",
                    "\"roles\"", "\"actions\""]
        let positions = keys.map { text.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        #expect(text == JSONExport.render(b.session, at: b.at(minute: 20)))
    }

    @Test func escapesControlCharactersSoPrintingItIsSafe() throws {
        let b = try Breakout.watershed(area1: "Water \u{1B}[31mred\u{1B}[0m and \u{9B}2J")
        let text = JSONExport.render(b.session, at: b.at(minute: 20))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B })
        let ideas = try #require(try parseJSON(text)["ideas"] as? [[String: Any]])
        #expect(ideas[0]["text"] as? String == "Water \u{1B}[31mred\u{1B}[0m and \u{9B}2J", "the data itself survives")
    }

    @Test func listsSummaries() throws {
        let b = try Breakout.watershed()
        let text = JSONExport.list([b.session.summary(at: b.at(minute: 20))])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(rows.first?["id"] as? String == "2026-11-27-watershed-management")
        #expect(rows.first?["topPriority"] as? String == "Community water committees")
        #expect(rows.first?["ideas"] as? Int == 3)
    }
}

@Suite struct MarkdownReportTests {
    @Test func hasThePlenarySections() throws {
        let b = try Breakout.watershed()
        let md = MarkdownReport.render(b.session, at: b.at(minute: 20))
        #expect(md.hasPrefix("# Watershed management\n"))
        for heading in ["## Agenda: planned and actual time", "## Participants", "## Priorities", "## Ideas",
                        "## Roles and responsibilities", "## Workplan", "### Withdrawn"] {
            #expect(md.contains("\n\(heading)\n"), "missing \(heading)")
        }
        #expect(md.contains("| 1 | Opening & introductions | 10:00 | 07:00 | -03:00 |"))
        #expect(md.contains("Turnout: 2 of 2 eligible members voted (100%)."))
        #expect(md.contains("| 1 | I1 | Community water committees | 3 |"))
        #expect(md.contains("| A1 | Draft the concept note | María Quispe Mamani (CONDESAN) | 2027-03 | open | I1 Community water committees |"))
        #expect(md.contains("- **Members:** María Quispe Mamani (CONDESAN, Peru)"))
        #expect(md.contains("- **Observers:** Anna Keller (FAO)"))
        #expect(md.contains("Non-binding: 1 observer ballot"))
    }

    @Test func everyTableRowHasTheHeadersNumberOfCells() throws {
        let b = try Breakout.watershed()
        let found = tables(in: MarkdownReport.render(b.session, at: b.at(minute: 20)))
        #expect(found.count == 5, "agenda, results, non-binding results, roles, workplan")
        for table in found {
            let width = cellCount(table[0])
            for row in table { #expect(cellCount(row) == width, "\(row)") }
        }
    }

    @Test func hostileTextStaysTextAndKeepsTablesValid() throws {
        let hostile = "a|b <script>alert(1)</script> *x* _y_ `z` [l](u) \\| &lt;"
        let b = try Breakout.watershed(member2: "Eve | Mallory", area1: hostile)
        let md = MarkdownReport.render(b.session, at: b.at(minute: 20))
        for table in tables(in: md) {
            let width = cellCount(table[0])
            for row in table { #expect(cellCount(row) == width, "\(row)") }
        }
        #expect(!md.contains("<script>"))
        #expect(md.contains("a\\|b \\<script\\>alert(1)\\</script\\> \\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\\\\\| \\&lt;"))
        #expect(md.contains("Eve \\| Mallory"))
    }

    @Test func controlCharactersAreShownInert() throws {
        let b = try Breakout.watershed(area1: "Water \u{1B}[2J committees")
        let md = MarkdownReport.render(b.session, at: b.at(minute: 20))
        #expect(!md.unicodeScalars.contains { $0.value == 0x1B })
        #expect(md.contains("Water \u{241B}\\[2J committees"))
    }

    @Test func aClosedSessionRendersTheSameWhenever() throws {
        var b = try Breakout.watershed()
        try b.run(.close, atMinute: 95)
        let early = MarkdownReport.render(b.session, at: b.at(minute: 95))
        #expect(early == MarkdownReport.render(b.session, at: b.at(minute: 60 * 24 * 400)))
        #expect(early.contains("- **Status:** closed; the clock ran 92:00 of 90:00"))
    }
}

@Suite struct TextReportTests {
    @Test func clockLineReadsPhaseRemainingAndSession() throws {
        let b = try Breakout.watershed()
        #expect(TextReport.clockLine(b.session.clockReading(at: b.at(minute: 20)))
            == "running · phase 2/5 Prioritize areas of action · 15:00 left · session 73:00 left")
        #expect(TextReport.clockLine(b.session.clockReading(at: b.at(minute: 50)))
            == "running · phase 2/5 Prioritize areas of action · +15:00 over · session 43:00 left")
    }

    @Test func showIsInert() throws {
        let b = try Breakout.watershed(area1: "Water \u{1B}]0;owned\u{7} committees")
        let text = TextReport.show(b.session, at: b.at(minute: 20))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.contains("I1  area       Water ␛]0;owned␇ committees"))
    }
}
