import Foundation
import Testing
@testable import QuipuCore
@testable import QuipuStore

/// Search reads the journals in parallel, from the search index where it is current; it must find
/// exactly what replaying every journal finds.
@Suite("Searching the folder")
struct SearchScanTests {
    let folder = temporaryFolder()
    let cache = CacheFolder(directory: NSTemporaryDirectory() + "quipu-cache-tests-" + UUID().uuidString)

    func session(_ title: String, date day: Int, ideas: [String], actions: [String] = []) throws -> Journal {
        var clock = TickingClock()
        let created = Timestamp(year: 2026, month: 11, day: day, hour: 9)
        let journal = try folder.create(title: title, initiative: "Watershed", facilitator: "Ana Flores",
                                        agenda: try AgendaTemplate.resolve(nil), at: created, writer: "w1")
        try journal.append(now: { clock.tick() }) { try $0.decide(.addParticipant(name: "María Quispe", organisation: "CONDESAN", group: .ngo, country: "Perú", observer: false)) }
        for idea in ideas {
            try journal.append(now: { clock.tick() }) { try $0.decide(.addIdea(text: idea, kind: .area, by: "P1", area: nil)) }
        }
        for action in actions {
            try journal.append(now: { clock.tick() }) { try $0.decide(.addAction(text: action, owner: "P1", due: nil, idea: nil)) }
        }
        return journal
    }

    /// Fills the summary cache as `quipu list` would once the files are old.
    func warmCache() throws {
        _ = try folder.summaries(at: start, cache: cache, lookedAt: realTimeNanoseconds() + 3_600_000_000_000)
        #expect(try cache.place(for: folder).flatMap(CacheFile<CachedSummary>.read)?.isEmpty == false)
    }

    /// What search finds by replaying every session, whatever the query.
    func replayed(_ query: String) throws -> [SearchHit] {
        try folder.sessionIDs().compactMap { try? folder.load($0).log.state }
            .sorted { a, b in
                let da = a.createdAt?.date ?? "", db = b.createdAt?.date ?? ""
                return da != db ? da > db : a.id > b.id
            }
            .flatMap { $0.search(query) }
    }

    @Test func passingOverJournalsFindsWhatReplayingEveryOneFinds() throws {
        _ = try session("Watershed management", date: 3, ideas: ["Glacier monitoring", "Community WATER committees"],
                        actions: ["Map the springs"])
        _ = try session("Páramo restoration", date: 5, ideas: ["Seed banks", "Quinoa markets"], actions: ["Call the glacier lab"])
        _ = try session("Early warning", date: 4, ideas: ["Radio network"])
        _ = try session("Thermometry", date: 2, ideas: ["\u{212A}elvin scale thermometers", "Why\u{37E} ask", "Tabs\tand\u{2028}separators"])
        // Written by hand: a letter spelled as an escape.
        let escaped = try session("Escapes", date: 1, ideas: ["Placeholder text"])
        let path = folder.journalPath(escaped.id)
        try writeFileAtomically(Array(fileText(path).replacingOccurrences(of: "Placeholder text", with: #"Gl\u{61}cier \u{4B}ELVIN"#).utf8),
                                to: path)
        try warmCache()
        let queries = ["glacier", "GLACIER", "water committees", "kelvin", "why; ask", "2026-11-04", "early-warning",
                       "maría", "Ana", "condesan", "springs", "nothing matches this", "tabs and", "ation", "p1", "i2"]
        for query in queries {
            let expected = try replayed(query)
            let (withCache, unreadable) = try folder.search(query, cache: cache)
            let (withoutCache, _) = try folder.search(query, cache: nil)
            #expect(withCache == expected, "\(query)")
            #expect(withoutCache == expected, "\(query)")
            #expect(unreadable.isEmpty)
        }
        #expect(try folder.search("kelvin", cache: cache).hits.filter { $0.kind == .idea }.map(\.text)
                == ["\u{212A}elvin scale thermometers", "Glacier KELVIN"])
        #expect(try folder.search("why; ask", cache: cache).hits.count == 1)
        #expect(try folder.search("2026-11-04", cache: cache).hits.map(\.kind) == [.session])
        #expect(try folder.search("glacier", cache: cache).hits.map(\.sessionID)
                == ["2026-11-05-paramo-restoration", "2026-11-03-watershed-management", "2026-11-01-escapes"])
    }

    @Test func aJournalThatCannotBeReadIsNamedEvenWhenItCannotMatch() throws {
        _ = try session("Watershed management", date: 3, ideas: ["Glacier monitoring"])
        try warmCache()
        let damaged = try session("Seed banks", date: 4, ideas: ["One", "Two"])
        let path = folder.journalPath(damaged.id)
        try writeFileAtomically(Array(fileText(path).replacingOccurrences(of: "text=One", with: "text=\"One").utf8), to: path)
        let (hits, unreadable) = try folder.search("glacier", cache: cache)
        #expect(hits.map(\.text) == ["Glacier monitoring"])
        #expect(unreadable == [damaged.id])
    }
}
