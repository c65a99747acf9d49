import Foundation
import Testing
@testable import QuipuCore
@testable import QuipuStore

/// The search index must never be wrong: whatever happened to the journals or to the index file,
/// a search through it finds exactly what a search that replays every journal finds.
@Suite("The search index")
struct SearchIndexTests {
    let folder = temporaryFolder()
    let cache = CacheFolder(directory: NSTemporaryDirectory() + "quipu-cache-tests-" + UUID().uuidString)
    /// As if the files had been written long ago: fresh files are otherwise not kept yet.
    let later = realTimeNanoseconds() + 3_600_000_000_000
    let queries = ["glacier", "GLACIER", "water committees", "kelvin", "maría", "condesan", "springs", "terraces",
                   "managemen", "2026-11-29", "p1", "withdrawn", "nothing matches this", "  ", "流域"]

    @discardableResult
    func session(_ title: String, ideas: [String] = ["Community water committees", "Glacier monitoring"]) throws -> Journal {
        var clock = TickingClock()
        let journal = try folder.create(title: title, initiative: "Watershed", facilitator: "Ana Flores",
                                        agenda: try AgendaTemplate.resolve(nil), at: start, writer: "w1")
        try journal.append(now: { clock.tick() }) { try $0.decide(.addParticipant(name: "María Quispe", organisation: "CONDESAN", group: .ngo, country: "Perú", observer: false)) }
        for idea in ideas {
            try journal.append(now: { clock.tick() }) { try $0.decide(.addIdea(text: idea, kind: .area, by: "P1", area: nil)) }
        }
        try journal.append(now: { clock.tick() }) { try $0.decide(.addIdea(text: "Glacier lake note", kind: .note, by: "org:Visitor", area: nil)) }
        try journal.append(now: { clock.tick() }) { try $0.decide(.withdrawIdea(id: "I1")) }
        try journal.append(now: { clock.tick() }) { try $0.decide(.assignRole(role: "Rapporteur", holder: "P1")) }
        try journal.append(now: { clock.tick() }) { try $0.decide(.addAction(text: "Map the springs", owner: "P1", due: "2027-03", idea: nil)) }
        // Still named where she owns and holds something.
        try journal.append(now: { clock.tick() }) { try $0.decide(.removeParticipant(who: "P1")) }
        return journal
    }

    /// What search finds by replaying every journal.
    func truth(_ query: String) throws -> [SearchHit] { try folder.search(query, cache: nil).hits }

    func searched(_ query: String) throws -> [SearchHit] { try folder.search(query, cache: cache, lookedAt: later).hits }

    var place: CacheFolder.Place { cache.place(for: folder)! }
    var indexFile: String { place.file(EncodedSearchDocuments.self) }

    func indexedIDs() -> [String] { CacheFile<EncodedSearchDocuments>.read(place)?.map(\.0) ?? [] }

    /// Puts a made-up title into the index entry of `id`, so a test can tell when the index is used.
    func doctorIndex(_ id: String, title: String) throws {
        var entries = try #require(CacheFile<EncodedSearchDocuments>.read(place))
        let index = try #require(entries.firstIndex { $0.0 == id })
        var documents = try #require(entries[index].1.value.decoded())
        documents.sessionTitle = title
        entries[index].1.value = EncodedSearchDocuments(documents)
        CacheFile<EncodedSearchDocuments>.write(entries, to: place)
    }

    @Test func encodedDocumentsGiveTheHitsTheDocumentsGive() throws {
        try session("Watershed management")
        try session("Páramo 流域 restoration", ideas: ["\u{212A}elvin scale", "Women's \"rights\" to water", "Tabs\tand\u{2028}lines"])
        for id in try folder.sessionIDs() {
            let documents = try folder.load(id).log.state.searchDocuments()
            let encoded = EncodedSearchDocuments(documents)
            #expect(encoded.decoded() == documents)
            for query in queries + ["tabs\tand", "rights\" to"] {
                let match = try #require(SearchDocuments.matcher(for: query) ?? LowercasedMatch("x"))
                #expect(encoded.hits(match) == documents.hits(match), "\(query)")
            }
        }
        #expect(EncodedSearchDocuments(bytes: [1, 2, 3]).decoded() == nil)
    }

    @Test func aSearchThroughTheIndexIsTheSearchWithoutIt() throws {
        try session("Watershed management")
        try session("Páramo 流域 restoration", ideas: ["Seed bank", "\u{212A}elvin scale", "Glacier GLACIER"])
        try session("Early warning", ideas: [])
        for query in queries {
            let expected = try truth(query)
            #expect(try searched(query) == expected, "cold: \(query)")
            #expect(indexedIDs() == (try folder.sessionIDs()))
            #expect(try searched(query) == expected, "warm: \(query)")
        }
        #expect(try truth("glacier").count == 5)
        // A removed participant is still found by name where she proposed, holds or owns something.
        #expect(Set(try truth("maría").map(\.kind)) == [.idea, .role, .action])
    }

    @Test func anEntryIsUsedOnlyWhileItsJournalIsUnchanged() throws {
        let journal = try session("Watershed management")
        _ = try searched("glacier")
        try doctorIndex(journal.id, title: "From the index")
        #expect(Set(try searched("glacier").map(\.sessionTitle)) == ["From the index"])

        // An append: the size differs.
        let writer = try folder.open(journal.id, writer: "w2")
        try writer.append(now: { start.adding(seconds: 100) }) { try $0.decide(.addIdea(text: "Terraces", kind: .area, by: nil, area: nil)) }
        #expect(try searched("terraces").map(\.text) == ["Terraces"])
        #expect(Set(try searched("glacier").map(\.sessionTitle)) == ["Watershed management"])
        for query in queries { #expect(try searched(query) == truth(query), "\(query)") }
    }

    @Test func aRewriteOfTheSameSizeWithTheOldModificationTimeIsSeen() throws {
        let journal = try session("Watershed management")
        let path = folder.journalPath(journal.id)
        _ = try searched("glacier")
        try doctorIndex(journal.id, title: "From the index")
        #expect(try searched("glacier").first?.sessionTitle == "From the index")

        var before = stat()
        stat(path, &before)
        let text = fileText(path).replacingOccurrences(of: "Glacier monitoring", with: "Glacier monitorinG")
        let fd = open(path, O_WRONLY)
        _ = Array(text.utf8).withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        close(fd)
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)

        let hits = try searched("glacier")
        #expect(hits.first?.sessionTitle == "Watershed management")
        #expect(hits.contains { $0.text == "Glacier monitorinG" })
        #expect(hits == (try truth("glacier")))
    }

    @Test func deletedJournalsDropOut() throws {
        let kept = try session("Watershed management")
        let deleted = try session("Glacier lakes")
        _ = try searched("glacier")
        #expect(indexedIDs() == [deleted.id, kept.id].sorted())
        unlink(folder.journalPath(deleted.id))
        let hits = try searched("glacier")
        #expect(Set(hits.map(\.sessionID)) == [kept.id])
        #expect(hits == (try truth("glacier")))
        #expect(indexedIDs() == [kept.id])
    }

    @Test func aDamagedIndexFileIsIgnoredAndRebuilt() throws {
        try session("Watershed management")
        try session("Glacier lakes")
        let expected = try truth("glacier")
        _ = try searched("glacier")
        let good = try readFile(indexFile)
        var flipped = good
        flipped[good.count / 2] ^= 0x20
        let damaged: [(String, [UInt8])] = [
            ("truncated", Array(good.prefix(good.count / 2))),
            ("cut by one byte", Array(good.dropLast())),
            ("one bit flipped", flipped),
            ("a summary cache", Array("quipu summary cache 1\n".utf8) + good.dropFirst(EncodedSearchDocuments.magic.count)),
            ("empty", []),
        ]
        for (what, bytes) in damaged {
            try writeFileAtomically(bytes, to: indexFile)
            #expect(try searched("glacier") == expected, "\(what)")
            #expect(try readFile(indexFile) == good, "\(what): rebuilt")
        }
    }

    @Test func unreadableAndFreshJournalsAreNotIndexed() throws {
        try session("Watershed management")
        let damaged = try session("Seed banks", ideas: ["One", "Two"])
        let path = folder.journalPath(damaged.id)
        try writeFileAtomically(Array(fileText(path).replacingOccurrences(of: "text=One", with: "text=\"One").utf8), to: path)
        for _ in 0..<2 {
            let (hits, unreadable) = try folder.search("glacier", cache: cache, lookedAt: later)
            #expect(unreadable == [damaged.id])
            #expect(Set(hits.map(\.sessionID)) == ["2026-11-29-watershed-management"])
        }
        #expect(indexedIDs() == ["2026-11-29-watershed-management"])

        // Written just now: not kept yet, as it could change again within the clock's tick.
        let other = temporaryFolder()
        _ = try other.create(title: "Fresh", initiative: "", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "w1")
        _ = try other.search("fresh", cache: cache, lookedAt: realTimeNanoseconds())
        #expect(cache.place(for: other).flatMap(CacheFile<EncodedSearchDocuments>.read)?.isEmpty != false)
    }

    @Test func theIndexIsItsOwnFileBesideTheSummaryCache() throws {
        try session("Watershed management")
        _ = try searched("glacier")
        _ = try folder.summaries(at: start, cache: cache, lookedAt: later)
        #expect(indexFile != cache.file(for: folder))
        #expect((indexFile as NSString).deletingLastPathComponent == (cache.file(for: folder)! as NSString).deletingLastPathComponent)
        #expect(FileManager.default.fileExists(atPath: indexFile))
        #expect(FileManager.default.fileExists(atPath: cache.file(for: folder)!))
    }
}
