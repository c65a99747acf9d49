import Testing
@testable import QuipuCore

/// `SessionSummary.carriedOn`: each open action counts in the one session where it lives now.
@Suite("Carried actions in the sessions list")
struct CarryChainTests {
    typealias Listed = (id: String, date: String, links: [ActionLink])

    func carriedOn(_ sessions: [Listed]) -> [String: Int] {
        let carrying = sessions.indices.filter { sessions[$0].links.contains { $0.carriedFrom != nil } }
        let placed = SessionSummary.carriedOn(carrying: carrying, session: { id in sessions.firstIndex { $0.id == id } },
                                              links: { sessions[$0] })
        return Dictionary(uniqueKeysWithValues: placed.map { (sessions[$0.index].id, $0.count) })
    }

    @Test func aChainOverThreeSessionsLivesAtItsLastCopy() {
        let s1: Listed = ("2026-11-27-a", "2026-11-27", [ActionLink(id: "A1", open: true, carriedFrom: nil),
                                                         ActionLink(id: "A2", open: true, carriedFrom: nil)])
        let s2: Listed = ("2026-11-28-a", "2026-11-28", [ActionLink(id: "A1", open: true, carriedFrom: "2026-11-27-a/A1"),
                                                         ActionLink(id: "A2", open: true, carriedFrom: "2026-11-27-a/A2")])
        // Only A1 went on again, and is done there (so not in its links); A9 came from a session not listed.
        let s3: Listed = ("2026-11-29-a", "2026-11-29", [ActionLink(id: "A1", open: false, carriedFrom: "2026-11-28-a/A1"),
                                                         ActionLink(id: "A2", open: true, carriedFrom: "2026-10-01-gone/A9")])
        let other: Listed = ("2026-11-27-b", "2026-11-27", [ActionLink(id: "A1", open: true, carriedFrom: nil)])
        #expect(carriedOn([s1, s2, s3, other]) == ["2026-11-27-a": 2, "2026-11-28-a": 1])
        #expect(carriedOn([s1, other]) == [:])
        // Carried into two sessions: it lives in the later one.
        let s4: Listed = ("2026-11-30-a", "2026-11-30", [ActionLink(id: "A3", open: true, carriedFrom: "2026-11-28-a/A2")])
        #expect(carriedOn([s1, s2, s3, s4]) == ["2026-11-27-a": 2, "2026-11-28-a": 2])
    }
}
