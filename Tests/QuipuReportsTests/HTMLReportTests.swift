import Foundation
@testable import QuipuCore
import QuipuReports
import Testing

// The HTML pages and their charts. Golden files (QUIPU_UPDATE_GOLDEN=1 rewrites them) hold the
// example sessions' pages and each chart function's SVG; the browser and the HTML validator run
// over the real binary's pages in Tests/EndToEndTests/HTMLPageTests.swift.

let hostileTitle = "</svg><script>alert(1)</script>"

/// A closed session that ends in a tie the facilitator settled, with people's text that would be
/// markup if it were not escaped, in every place a page writes text: the title, names, ideas,
/// a phase, a role, an action and the reason.
func hostileBreakout() throws -> Breakout {
    var b = Breakout()
    try b.run(.createSession(title: hostileTitle, initiative: "\"Andes\" & <b>'co'</b>", facilitator: "Mallory \"><img src=x onerror=alert(1)>",
                             rapporteur: "R", agenda: [QuipuCore.Phase(name: "Open </text><script>alert(2)</script>", plannedSeconds: 600),
                                                      QuipuCore.Phase(name: "Vote", plannedSeconds: 1200)]), atMinute: 0)
    try b.run(.startTimer, atMinute: 0)
    try b.run(.addParticipant(name: "Ana <i>", organisation: "O'Neil & Co", group: .ngo, country: "", observer: false), atMinute: 1)
    try b.run(.addParticipant(name: "Bo", organisation: "", group: .government, country: "", observer: false), atMinute: 1)
    try b.run(.addParticipant(name: "Obs", organisation: "", group: .research, country: "", observer: true), atMinute: 1)
    try b.run(.addIdea(text: "</title><script>document.title='pwned'</script>", kind: .area, by: "P1", area: nil), atMinute: 2)
    try b.run(.addIdea(text: "Glacier \"monitoring\"", kind: .area, by: "P2", area: nil), atMinute: 2)
    try b.run(.addIdea(text: "Decided: <u>everything</u>", kind: .note, by: "P1", area: nil), atMinute: 2)
    try b.run(.nextPhase, atMinute: 12)
    try b.run(.startVote(VoteSetup(method: .dot, dots: 1, tieBreak: .facilitator)), atMinute: 13)
    try b.run(.castBallot(vote: nil, by: "P1", choices: [.init(idea: "I1", points: 1)]), atMinute: 13)
    try b.run(.castBallot(vote: nil, by: "P2", choices: [.init(idea: "I2", points: 1)]), atMinute: 13)
    try b.run(.castBallot(vote: nil, by: "P3", choices: [.init(idea: "I2", points: 1)]), atMinute: 13)
    try b.run(.closeVote(id: nil), atMinute: 14)
    try b.run(.decideTie(vote: nil, idea: "I2", reason: "glaciers <cannot> wait"), atMinute: 15)
    try b.run(.assignRole(role: "lead <script>", holder: "P1"), atMinute: 15)
    try b.run(.addAction(text: "Write </td></tr> the note", owner: "P1", due: "2026-11-30", idea: "I2"), atMinute: 16)
    try b.run(.close, atMinute: 40)
    return b
}

/// The heading levels of a page, in order: `[1, 2, 2, 3, …]`.
func headingLevels(_ html: String) -> [Int] {
    var levels: [Int] = []
    var rest = Substring(html)
    while let r = rest.range(of: "<h") {
        let after = rest[r.upperBound...]
        if let d = after.first, let n = Int(String(d)), (1...6).contains(n) { levels.append(n) }
        rest = after
    }
    return levels
}

/// WCAG relative luminance of `#rrggbb`.
func luminance(_ hex: String) -> Double {
    let v = Int(hex.dropFirst(), radix: 16)!
    func channel(_ c: Int) -> Double {
        let s = Double(c) / 255
        return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * channel(v >> 16 & 0xFF) + 0.7152 * channel(v >> 8 & 0xFF) + 0.0722 * channel(v & 0xFF)
}

func contrast(_ a: String, _ b: String) -> Double {
    let (x, y) = (luminance(a), luminance(b))
    return (max(x, y) + 0.05) / (min(x, y) + 0.05)
}

@Suite struct HTMLReportTests {
    /// The closed examples' pages are the ones shipped in Sessions/ (ShippedPageTests); the
    /// planned follow-up, which ships none, and the plenary have golden files here.
    @Test func pagesOfTheExampleSessions() throws {
        let planned = exampleIDs[2]
        expectGolden(HTMLReport.render(try exampleSession(planned), at: goldenNow), "\(planned).html")
        let plenary = PlenaryReport.renderHTML(try exampleSessions(), selection: .init(includePlanned: true),
                                               today: goldenNow.date, now: goldenNow)
        expectGolden(plenary, "plenary.html")
        // Each initiative a section of its own, which the print style sheet starts on a new page.
        #expect(plenary.components(separatedBy: "<section class=\"initiative\">").count == 3)
        #expect(plenary.contains(".initiative + .initiative { break-before: page; }"))
        #expect(plenary.contains("tr, figure, .tie, li { break-inside: avoid; }"))
    }

    @Test func aPageIsSelfContainedWithALanguageAndOneHeadingTree() throws {
        var pages = try exampleIDs.map { HTMLReport.render(try exampleSession($0), at: goldenNow) }
        pages.append(PlenaryReport.renderHTML(try exampleSessions(), selection: .init(includePlanned: true),
                                              today: goldenNow.date, now: goldenNow))
        pages.append(HTMLReport.render(try hostileBreakout().session, at: goldenNow))
        for page in pages {
            #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
            #expect(page.contains("<meta charset=\"utf-8\">"))
            for outside in ["<script", " src=\"", " href=\"", "@import", "url(http", "<link"] {
                #expect(!page.contains(outside), "nothing fetched, nothing run: \(outside)")
            }
            let levels = headingLevels(page)
            #expect(levels.first == 1 && levels.filter { $0 == 1 }.count == 1, "one h1, first")
            for (a, b) in zip(levels, levels.dropFirst()) { #expect(b <= a + 1, "no level skipped: h\(a) then h\(b)") }
        }
    }

    @Test func peoplesTextIsEscapedInTextAttributesAndSVG() throws {
        let s = try hostileBreakout().session
        let page = HTMLReport.render(s, at: goldenNow)
        let plenary = PlenaryReport.renderHTML([s], selection: .init(), today: goldenNow.date, now: goldenNow)
        for html in [page, plenary] {
            #expect(!html.contains("<script"))
            #expect(!html.contains("<img"))
            #expect(!html.contains("<u>") && !html.contains("<i>") && !html.contains("<b>"))
            #expect(!html.contains("</td></tr> the note"))
        }
        // Shown as itself: in the title, the heading, and the plenary's SVG label.
        let shown = "&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
        #expect(page.contains("<title>\(shown) — Quipu report</title>"))
        #expect(page.contains("<h1>\(shown)</h1>"))
        #expect(plenary.contains("aria-label=\"\(shown): agenda, planned and actual time\""))
        // A phase's name inside an SVG <text>.
        #expect(page.contains(">1. Open &lt;/text&gt;&lt;script&gt;alert(2)"))
        // Quotes cannot end an attribute value.
        #expect(plenary.contains("<h2>&quot;Andes&quot; &amp; &lt;b&gt;&#39;co&#39;&lt;/b&gt;</h2>") == false)
        #expect(plenary.contains("<h2>\"Andes\" &amp; &lt;b&gt;'co'&lt;/b&gt;</h2>"), "text keeps its quotes")
        #expect(Markup.escapeAttribute("a\"b'c<d>&e") == "a&quot;b&#39;c&lt;d&gt;&amp;e")
        #expect(Markup.escapeText("a\"b<c>&d\u{1B}[31m\u{FFFE}") == "a\"b&lt;c&gt;&amp;d␛[31m\u{FFFD}")
    }

    @Test func theFacilitatorsChoiceStandsBesideTheTie() throws {
        let s = try hostileBreakout().session
        let page = HTMLReport.render(s, at: goldenNow)
        #expect(page.contains("<p class=\"tie\"><strong>Tied for first place: </strong>"))
        #expect(page.contains("<strong>The facilitator chose I2</strong> Glacier \"monitoring\": “glaciers &lt;cannot&gt; wait”.</p>"))
        #expect(page.contains("1 dot · tied for first · chosen by the facilitator</text>"))
        #expect(page.contains("=1. I1 &lt;/title&gt;"), "the tie is a tie in the chart: =1 twice")
        #expect(page.contains("=1. I2 Glacier"))
        let plenary = PlenaryReport.renderHTML([s], selection: .init(), today: goldenNow.date, now: goldenNow)
        #expect(plenary.contains("The facilitator chose I2"))
        #expect(!plenary.contains("not broken"), "a tie the facilitator settled is not left open")
        let markdown = PlenaryReport.render([s], selection: .init(), today: goldenNow.date)
        #expect(markdown.contains("The facilitator chose Glacier \"monitoring\": “glaciers \\<cannot\\> wait”."))
        #expect(!markdown.contains("not broken"))
    }

    @Test func overdueActionsAreMarkedInWords() throws {
        let page = HTMLReport.render(try hostileBreakout().session, at: goldenNow)
        #expect(page.contains("<td><span class=\"date\">2026-11-30</span> <strong class=\"overdue\">overdue</strong></td>"))
        #expect(page.contains("Overdue as of 1 December 2026"))
    }

    @Test func coloursPassWCAGAAAndChartsCarryTheirNumbers() {
        let white = Palette.background
        for colour in [Palette.ink, Palette.muted, Palette.members, Palette.observers, Palette.over, Palette.rule] {
            #expect(contrast(colour, white) >= 4.5, "\(colour) on white: \(contrast(colour, white))")
        }
        #expect(contrast(Palette.ink, Palette.tint) >= 4.5)
        #expect(contrast(Palette.ink, "#f0f0f0") >= 4.5, "table headings")
        // Hatching tells observers and overruns apart from solid bars without colour.
        let chart = Charts.bars([.init(label: "I1", value: 2, rank: 1)], title: "t", unit: { "\($0) dots" }, scale: 2,
                                style: .hatched, id: "x")
        #expect(chart.html.contains("<pattern id=\"x-hatch\"") && chart.html.contains("fill=\"url(#x-hatch)\""))
        #expect(chart.html.contains(">2 dots</text>"))
    }

    @Test func instantRunoffAndSchulzeVotesDrawTheirRoundsAndGrids() throws {
        let irv = try VoteReportTests().voted(VoteSetup(method: .irv), [("P1", "I1 I2"), ("P2", "I2"), ("P3", "I3 I1"), ("P4", "I3")])
        let irvPage = HTMLReport.render(irv.session, at: irv.at(minute: 6))
        #expect(irvPage.contains("<figcaption>Instant-runoff rounds</figcaption>"))
        #expect(irvPage.contains("aria-label=\"V1: instant-runoff rounds, votes per candidate\""))
        #expect(irvPage.contains("<li>I1 1 · I2 1 · I3 1 → "), "each round's reason under the grid")
        #expect(irvPage.contains("Votes in last round, members"), "the method's score named")
        let schulze = try VoteReportTests().voted(VoteSetup(method: .schulze), [("P1", "I1 I2 I3"), ("P2", "I2 I3 I1"), ("P3", "I1 I3 I2")])
        let schulzePage = HTMLReport.render(schulze.session, at: schulze.at(minute: 6))
        #expect(schulzePage.contains("<figcaption>Pairwise preferences (ballots preferring row over column)</figcaption>"))
        #expect(schulzePage.contains("<figcaption>Strongest paths</figcaption>"))
        #expect(schulzePage.contains("V1: Schulze (Condorcet), closed"))
    }

    // MARK: Charts, one golden file each

    @Test func barsShowTiesAsTies() {
        let bars: [Charts.Bar] = [
            .init(label: "I3 Community water committees", value: 6, rank: 1, tied: true, note: "tied for first · chosen by the facilitator"),
            .init(label: "I4 Glacier monitoring", value: 6, rank: 1, tied: true, note: "tied for first"),
            .init(label: "I7 Exchange between watersheds", value: 3, rank: 3),
            .init(label: "I8 Women's role <in> water & \"management\"", value: 0, rank: 4),
        ]
        expectGolden(Charts.bars(bars, title: "V1, dot vote: members (binding)", unit: { "\($0) dots" }, scale: 6, style: .solid,
                                 id: "v1").html + "\n", "chart-bars.svg")
        expectGolden(Charts.bars(Array(bars.prefix(2)), title: "V1: observers", unit: { "\($0) dots" }, scale: 6, style: .hatched,
                                 id: "v1-observers").html + "\n", "chart-bars-hatched.svg")
    }

    @Test func irvRoundsAsAGrid() {
        let rounds = [
            IRVRound(votes: [.init(idea: "I1", points: 3), .init(idea: "I2", points: 2), .init(idea: "I3", points: 2)],
                     exhausted: 0, eliminated: ["I3"], winners: [], decision: .tieBrokenByRound(tied: ["I2", "I3"], round: 1)),
            IRVRound(votes: [.init(idea: "I1", points: 3), .init(idea: "I2", points: 3)], exhausted: 1, eliminated: [],
                     winners: ["I1", "I2"], decision: .allTied),
        ]
        expectGolden(Charts.irvRounds(rounds, candidates: ["I1", "I2", "I3"], title: "V2: instant-runoff rounds", id: "v2").html + "\n",
                     "chart-irv.svg")
    }

    @Test func schulzeGridIsSmall() {
        let d = [[0, 3, 4], [2, 0, 1], [1, 4, 0]]
        let chart = Charts.grid(d, candidates: ["I1", "I2", "I3"], title: "V3: pairwise preferences")
        expectGolden(chart.html + "\n", "chart-schulze.svg")
        #expect(chart.html.contains("viewBox=\"0 0 144 144\""))
    }

    @Test func agendaTimelineMarksOverruns() {
        let phases = [Charts.Phase(name: "Opening & introductions", planned: 600, actual: 660),
                      Charts.Phase(name: "Prioritize areas of action", planned: 1500, actual: 1440),
                      Charts.Phase(name: "Wrap-up", planned: 600, actual: 0)]
        let chart = Charts.agenda(phases, title: "Agenda: planned and actual time", id: "agenda")
        expectGolden(chart.html + "\n", "chart-agenda.svg")
        #expect(chart.html.contains("10:00 planned · 11:00 actual (+01:00 over)"))
        #expect(chart.html.contains("fill=\"url(#agenda-over)\""))
    }

    @Test func aClockLeftRunningForDaysKeepsItsAxisToAFewTicks() {
        let phases = [Charts.Phase(name: "Opening", planned: 600, actual: 6_300_000)]
        let chart = Charts.agenda(phases, title: "Agenda", id: "agenda")
        let ticks = chart.html.components(separatedBy: "text-anchor=\"middle\"").count - 1
        #expect((1...10).contains(ticks), "\(ticks) tick labels")
    }
}

@Suite struct ShippedPageTests {
    /// `make examples` wrote the pages in Sessions/ at the last moment it played.
    @Test func theExamplesShipTheirPagesAsTheyRenderNow() throws {
        let madeAt = try #require(Timestamp.parse("2026-11-29T14:12:00Z"))
        for id in exampleIDs.prefix(2) {
            let shipped = try String(contentsOfFile: reportsPackageRoot + "/Sessions/\(id).html", encoding: .utf8)
            #expect(shipped == HTMLReport.render(try exampleSession(id), at: madeAt), "run make examples: \(id).html is stale")
        }
    }
}
