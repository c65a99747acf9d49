import Testing
@testable import QuipuCore

/// `SessionSummary.carriedOn`: each open action counts in the one session where it lives now.
@Suite("Carried actions in the sessions list")
struct CarryChainTests {
    struct Listed {
        var id: String
        var open: [String]
        var carried: [ActionLink] = []
        var date: String { String(id.prefix(10)) }
    }

    func carriedOn(_ sessions: [Listed]) -> [String: Int] {
        let carrying = sessions.indices.filter { !sessions[$0].carried.isEmpty }
        let placed = SessionSummary.carriedOn(carrying: carrying, session: { id in sessions.firstIndex { $0.id == id } },
                                              listed: { (sessions[$0].id, sessions[$0].date, sessions[$0].carried) },
                                              isOpen: { sessions[$0].open.contains($1) })
        return Dictionary(uniqueKeysWithValues: placed.map { (sessions[$0.index].id, $0.count) })
    }

    @Test func aChainOverThreeSessionsLivesAtItsLastCopy() {
        let s1 = Listed(id: "2026-11-27-a", open: ["A1", "A2", "A3"])
        let s2 = Listed(id: "2026-11-28-a", open: ["A1", "A2"], carried: [ActionLink(id: "A1", open: true, carriedFrom: "2026-11-27-a/A1"),
                                                                         ActionLink(id: "A2", open: true, carriedFrom: "2026-11-27-a/A2")])
        // Only A1 went on again, and is done there; A2 came from a session not listed.
        let s3 = Listed(id: "2026-11-29-a", open: ["A2"], carried: [ActionLink(id: "A1", open: false, carriedFrom: "2026-11-28-a/A1"),
                                                                   ActionLink(id: "A2", open: true, carriedFrom: "2026-10-01-gone/A9")])
        let other = Listed(id: "2026-11-27-b", open: ["A1"])
        #expect(carriedOn([s1, s2, s3, other]) == ["2026-11-27-a": 2, "2026-11-28-a": 1])
        #expect(carriedOn([s1, other]) == [:])
        // Carried into two sessions: it lives in the later one, by date.
        let s4 = Listed(id: "2026-11-30-a", open: ["A3"], carried: [ActionLink(id: "A3", open: true, carriedFrom: "2026-11-28-a/A2")])
        #expect(carriedOn([s1, s2, s3, s4]) == ["2026-11-27-a": 2, "2026-11-28-a": 2])
        // Carried while open, then closed in the earlier journal: not open there, so not counted.
        let closedSince = Listed(id: "2026-11-27-a", open: ["A2", "A3"])
        #expect(carriedOn([closedSince, s2]) == ["2026-11-27-a": 1])
    }

    @Test func actionIDsAreBitsForMintedIDsAndTextForOthers() {
        let ids = ActionIDs(["A1", "A64", "A65", "A0", "A01", "Área", "A65"])
        #expect(ids.words.count == 2 && ids.others == ["A0", "A01", "Área"])
        #expect(ids.count == 6)
        for id in ["A1", "A64", "A65", "A0", "A01", "Área"] { #expect(ids.contains(id), "\(id)") }
        for id in ["A2", "A66", "A128", "a1", "A", ""] { #expect(!ids.contains(id), "\(id)") }
    }
}
