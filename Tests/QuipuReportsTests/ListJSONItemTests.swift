import Foundation
import Testing
@testable import QuipuCore
@testable import QuipuReports
@testable import QuipuStore

/// `list --json` joins items the summary cache keeps (`SessionSummary.listJSONItem`): they must be
/// byte for byte what the JSON renderer writes for the same summaries.
@Suite("list --json items")
struct ListJSONItemTests {
    func summary(_ id: String, date: String = "2026-11-29", title: String, initiative: String = "",
                 status: SessionStatus = .closed, top: String? = nil, n: Int = 3) -> SessionSummary {
        SessionSummary(id: id, date: date, title: title, initiative: initiative, status: status,
                       durationSeconds: Int64(n) * 61, plannedSeconds: 5400, participants: n, members: n - 1,
                       observers: 1, ideas: n * 2, actions: 0, openActions: -n, topPriority: top)
    }

    @Test func joinedItemsAreTheRenderedList() {
        let tricky = ["", "plain", "Páramo 流域", "quote \" and \\ backslash", "tab\tnew\nline\r",
                      "\u{1B}[31mred\u{7}", "c1 \u{9B}31m", "bidi \u{202E}txet", "line \u{2028} sep", "😀 emoji"]
        var summaries: [SessionSummary] = []
        for (i, text) in tricky.enumerated() {
            summaries.append(summary("2026-11-29-s\(i)", title: text, initiative: tricky[(i + 3) % tricky.count],
                                     status: i % 2 == 0 ? .closed : .planned, top: i % 3 == 0 ? nil : tricky[(i + 5) % tricky.count], n: i))
            summaries[i].carriedOn = i % 4
        }
        for count in [0, 1, 2, summaries.count] {
            let some = Array(summaries.prefix(count))
            let joined = SessionSummary.listJSON(joining: some.map { $0.listJSONItem[...] })
            #expect(joined == JSONExport.listBytes(some), "\(count) summaries")
            #expect(String(decoding: joined, as: UTF8.self) == JSONExport.list(some))
        }
    }

    @Test func aFolderListedThroughTheCacheIsTheRenderedList() throws {
        let folder = SessionsFolder(path: NSTemporaryDirectory() + "quipu-listjson-" + UUID().uuidString)
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        let cache = CacheFolder(directory: NSTemporaryDirectory() + "quipu-listjson-cache-" + UUID().uuidString)
        let created = Timestamp(year: 2026, month: 11, day: 29, hour: 14)
        // Created on different days, so that the order by date differs from the order by id.
        for (title, day) in [("Zebra crossings", 1), ("Aquifers \"deep\"", 20), ("Mid \u{1B} term", 10), ("Alpine lakes", 20)] {
            _ = try folder.create(title: title, initiative: "", agenda: try AgendaTemplate.resolve(nil),
                                  at: created.adding(seconds: Int64(day) * 86_400), writer: "w1")
        }
        let later = realTimeNanoseconds() + 3_600_000_000_000
        let now = created.adding(seconds: 40 * 86_400)
        let expected = JSONExport.listBytes(try folder.summaries(at: now, cache: nil, lookedAt: later)
            .map { try $0.summary.get() }.sorted { ($0.date, $0.id) < ($1.date, $1.id) })
        #expect(try folder.listJSON(at: now, cache: nil, lookedAt: later).bytes == expected)
        #expect(try folder.listJSON(at: now, cache: cache, lookedAt: later).bytes == expected)
        #expect(try folder.listJSON(at: now, cache: cache, lookedAt: later).bytes == expected)
    }

    @Test func aDamagedJournalIsAnItemInItsPlaceWithEveryKey() throws {
        let folder = SessionsFolder(path: NSTemporaryDirectory() + "quipu-listjson-" + UUID().uuidString)
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        let created = Timestamp(year: 2026, month: 11, day: 27, hour: 14)
        for (title, day) in [("Zebra crossings", 0), ("Alpine lakes", 2)] {
            _ = try folder.create(title: title, agenda: try AgendaTemplate.resolve(nil), at: created.adding(seconds: Int64(day) * 86_400), writer: "w1")
        }
        // Between the two by date; and one whose name holds no date, first.
        try "quipu-journal 1.0\n1 2026-11-28T14:00:00.000Z w1 bad \"\n2 2026-11-28T14:00:00.000Z w1 timer.start\n"
            .write(toFile: folder.journalPath("2026-11-28-andes"), atomically: true, encoding: .utf8)
        try "not a journal \u{1B}[31m\n".write(toFile: folder.journalPath("notes"), atomically: true, encoding: .utf8)
        let later = realTimeNanoseconds() + 3_600_000_000_000
        let now = created.adding(seconds: 40 * 86_400)
        let listings = try folder.summaries(at: now, cache: nil, lookedAt: later)
        let damaged = listings.compactMap(\.damage)
        #expect(damaged.map(\.id) == ["2026-11-28-andes", "notes"])
        #expect(damaged.map(\.date) == ["2026-11-28", ""])
        #expect(damaged[0].problem.hasPrefix(folder.journalPath("2026-11-28-andes") + ":2:"), "\(damaged[0].problem)")
        let summaries = listings.compactMap { try? $0.summary.get() }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        let expected = JSONExport.listBytes(summaries, damaged: damaged)
        let cache = CacheFolder(directory: NSTemporaryDirectory() + "quipu-listjson-cache-" + UUID().uuidString)
        for run in 0..<3 {
            #expect(try folder.listJSON(at: now, cache: run == 0 ? nil : cache, lookedAt: later).bytes == expected, "run \(run)")
        }
        let items = try #require(try JSONSerialization.jsonObject(with: Data(expected)) as? [[String: Any]])
        #expect(items.compactMap { $0["id"] as? String } == ["notes", "2026-11-27-zebra-crossings", "2026-11-28-andes", "2026-11-29-alpine-lakes"])
        #expect(Set(items.map { Set($0.keys) }).count == 1, "every item has the same keys")
        #expect(items[2]["status"] as? String == "damaged")
        #expect(!String(decoding: expected, as: UTF8.self).contains("\u{1B}"), "journal text stays inert")
    }
}
