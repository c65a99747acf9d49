import QuipuCore
import QuipuReports
import Testing

@Suite("Plan versus actual in the report and show")
struct ClockReportTests {
    @Test func aReSpreadSessionComparesWithTheBudgetAndSaysWhy() throws {
        var b = Breakout()
        try b.run(.createSession(title: "Andes", initiative: "", facilitator: "", rapporteur: "",
                                 agenda: AgendaTemplate.resolve("A:10,B:20,C:10")), atMinute: 0)
        try b.run(.startTimer, atMinute: 0)
        try b.run(.nextPhase, atMinute: 16) // A overran by 6
        try b.run(.respread(now: b.at(minute: 16)), atMinute: 16)
        try b.run(.nextPhase, atMinute: 32)
        try b.run(.close, atMinute: 41)
        let report = MarkdownReport.render(b.session, at: b.at(minute: 50))
        #expect(report.contains("| 1 | A | 10:00 | 16:00 | +06:00 |"))
        #expect(report.contains("| 2 | B | 16:00 | 16:00 |"))
        #expect(report.contains("| | **Total** | **40:00** | **41:00** | **+01:00** |"))
        #expect(report.contains("re-spread during the session to fit the 40:00 budget"))
        let show = TextReport.show(b.session, at: b.at(minute: 50))
        #expect(show.contains("B") && show.contains("16:00"))
    }
}
