import Testing
import QuipuCore
@testable import QuipuReports
import QuipuText

/// `SearchReport.text` writes its table straight into bytes; it must print exactly what the
/// general table prints for the same hits.
@Suite("Search hits as text")
struct SearchReportTextTests {
    /// The report as the general table lays it out.
    func reference(_ hits: [SearchHit]) -> String {
        guard !hits.isEmpty else { return "no matches\n" }
        let rows = hits.map { h in
            [h.sessionID, h.kind.rawValue, h.item.map(inert) ?? "", truncate(inert(h.text), toWidth: 70)]
        }
        let sessions = Set(hits.map(\.sessionID)).count
        return TextReport.table(rows).joined(separator: "\n") + "\n"
            + "\(hits.count == 1 ? "1 match" : "\(hits.count) matches") in \(sessions == 1 ? "1 session" : "\(sessions) sessions")\n"
    }

    @Test func theTableIsTheGeneralTable() {
        let texts = ["Glacier monitoring", "", "  ", "ends in spaces   ", "\u{600} ", "流域 restoration", "e\u{301} ", "tab\there",
                     "line\nbreak", String(repeating: "long words ", count: 9), String(repeating: "流域", count: 40), "x\u{600}  "]
        let items: [String?] = [nil, "I7", "Rapporteur", "流域", "", "P\u{1B}3"]
        var hits: [SearchHit] = []
        for (n, text) in texts.enumerated() {
            for (m, item) in items.enumerated() {
                hits.append(SearchHit(sessionID: "2026-11-\(10 + n % 3)-s\(m)", sessionTitle: "T", initiative: "", date: "2026-11-29",
                                      kind: SearchHit.Kind.allCases[(n + m) % SearchHit.Kind.allCases.count], item: item, text: text))
            }
        }
        #expect(SearchReport.text(hits) == reference(hits))
        for hit in hits { #expect(SearchReport.text([hit]) == reference([hit]), "\(hit.text)") }
        #expect(SearchReport.text([]) == reference([]))
    }
}
