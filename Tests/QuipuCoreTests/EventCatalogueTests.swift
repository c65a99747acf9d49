import Foundation
import Testing
@testable import QuipuCore

/// The catalogue of event kinds is the one list: docs/FORMAT.md's table of events names every
/// kind in it and no other, and every kind reads back through `Change(record:)`.
@Suite("The catalogue of event kinds")
struct EventCatalogueTests {
    /// The kinds in the first column of docs/FORMAT.md's events table (`` `a.b` / `c.d` ``).
    func documentedKinds() throws -> [String] {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let text = try String(contentsOf: url.appendingPathComponent("docs/FORMAT.md"), encoding: .utf8)
        let table = try #require(text.components(separatedBy: "\n## Events\n").last)
        return table.split(separator: "\n").filter { $0.hasPrefix("| `") }.flatMap { row in
            row.split(separator: "|")[0].split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
    }

    @Test func theFormatDocumentNamesEveryKindOnceAndNoOther() throws {
        let documented = try documentedKinds()
        #expect(documented.sorted() == EventKind.allCases.map(\.rawValue).sorted())
        #expect(Set(documented).count == documented.count)
    }

    @Test func everyKindIsLookedUpAsItselfAndAnythingElseIsUnknown() throws {
        for kind in EventKind.allCases { #expect(EventKind.lookup(kind.rawValue) == kind) }
        for other in ["idea.added", "Idea.add", "", "idea.add ", "ide\u{301}a.add"] { #expect(EventKind.lookup(other) == nil) }
        let record = Record(kind: "poll.open", fields: [Field("id", "Q1")])
        #expect(try Change(record: record) == .unknown(record))
    }
}
