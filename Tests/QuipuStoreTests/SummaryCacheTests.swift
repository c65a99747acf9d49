import Foundation
import Testing
@testable import QuipuCore
@testable import QuipuStore

/// The summary cache must never be wrong: whatever happened to the journals or to the cache file,
/// a listing through the cache says exactly what a listing without it says.
@Suite("The summary cache")
struct SummaryCacheTests {
    let folder = temporaryFolder()
    let cache = CacheFolder(directory: NSTemporaryDirectory() + "quipu-cache-tests-" + UUID().uuidString)
    /// As if the files had been written long ago: fresh files are otherwise not cached yet.
    let later = realTimeNanoseconds() + 3_600_000_000_000

    @discardableResult
    func session(_ title: String, ideas: [String] = ["Community water committees", "Glacier monitoring"],
                 close: Bool = true) throws -> Journal {
        var clock = TickingClock()
        let journal = try folder.create(title: title, initiative: title == "Untitled" ? "" : "Watershed",
                                        agenda: try AgendaTemplate.resolve(nil), at: start, writer: "w1")
        try journal.append(now: { clock.tick() }) { try $0.decide(.addParticipant(name: "María Quispe", organisation: "CONDESAN", group: .ngo, country: "Perú", observer: false)) }
        for idea in ideas {
            try journal.append(now: { clock.tick() }) { try $0.decide(.addIdea(text: idea, kind: .area, by: "P1", area: nil)) }
        }
        try journal.append(now: { clock.tick() }) { try $0.decide(.startTimer) }
        if ideas.count >= 2 {
            try journal.append(now: { clock.tick() }) { try $0.decide(.openVote(method: .dot, dots: 3, maxPerItem: nil, candidates: nil)) }
            try journal.append(now: { clock.tick() }) { try $0.decide(.castBallot(vote: nil, by: "P1", choices: [.init(idea: "I1", points: 3)])) }
            try journal.append(now: { clock.tick() }) { try $0.decide(.closeVote(id: nil)) }
        }
        try journal.append(now: { clock.tick() }) { try $0.decide(.addAction(text: "Map the springs", owner: "P1", due: "2027-03", idea: nil)) }
        if close { try journal.append(now: { clock.tick() }) { try $0.decide(.close) } }
        return journal
    }

    func listed(at now: Timestamp = start.adding(seconds: 3600), cache: CacheFolder?) throws -> [SessionListing] {
        try folder.summaries(at: now, cache: cache, lookedAt: later)
    }

    func summaries(_ listings: [SessionListing]) -> [SessionSummary] {
        listings.compactMap { try? $0.summary.get() }
    }

    var cacheFile: String { cache.file(for: folder)! }

    func cachedIDs() -> [String] {
        guard let place = cache.place(for: folder), let entries = CacheFile<CachedSummary>.read(place) else { return [] }
        return entries.map(\.0)
    }

    /// Puts a made-up title into the cache entry of `id`, so a test can tell when the cache is used.
    func doctorCache(_ id: String, title: String) throws {
        let place = try #require(cache.place(for: folder))
        var entries = try #require(CacheFile<CachedSummary>.read(place))
        let index = try #require(entries.firstIndex { $0.0 == id })
        var summary = try #require(entries[index].1.value.summary)
        summary.title = title
        entries[index].1.value = CachedSummary(summary)
        CacheFile<CachedSummary>.write(entries, to: place)
    }

    func append(_ journal: Journal, idea: String) throws {
        let writer = try folder.open(journal.id, writer: "w2")
        try writer.append(now: { start.adding(seconds: 100) }) { try $0.decide(.reopen) }
        try writer.append(now: { start.adding(seconds: 101) }) { try $0.decide(.addIdea(text: idea, kind: .area, by: nil, area: nil)) }
    }

    @Test func aListingThroughTheCacheIsTheListingWithoutIt() throws {
        try session("Watershed management")
        try session("Páramo 流域 restoration", ideas: ["Seed bank", "Women's \"rights\" to water", "Early warning"])
        try session("Untitled", ideas: [])
        let plain = summaries(try listed(cache: nil))
        #expect(plain.count == 3)
        #expect(Set(plain.map(\.topPriority)) == ["Seed bank", "Community water committees", nil])
        let cold = summaries(try listed(cache: cache))
        #expect(cachedIDs() == plain.map(\.id))
        let warm = summaries(try listed(cache: cache))
        #expect(cold == plain)
        #expect(warm == plain)
    }

    @Test func anEntryIsUsedOnlyWhileItsJournalIsUnchanged() throws {
        let journal = try session("Watershed management")
        _ = try listed(cache: cache)
        try doctorCache(journal.id, title: "From the cache")
        #expect(summaries(try listed(cache: cache)).map(\.title) == ["From the cache"])

        // An append in the same second: the size differs.
        try append(journal, idea: "Terraces")
        let after = summaries(try listed(cache: cache))
        #expect(after.map(\.title) == ["Watershed management"])
        #expect(after.map(\.ideas) == [3])
        #expect(after == summaries(try listed(cache: nil)))
    }

    @Test func aRewriteOfTheSameSizeWithTheOldModificationTimeIsSeen() throws {
        let journal = try session("Watershed management")
        let path = folder.journalPath(journal.id)
        _ = try listed(cache: cache)
        try doctorCache(journal.id, title: "From the cache")
        #expect(summaries(try listed(cache: cache)).map(\.title) == ["From the cache"])

        // Same inode, same size, and the modification time put back: only the change time moves.
        var before = stat()
        stat(path, &before)
        let text = fileText(path).replacingOccurrences(of: "Watershed management", with: "Watershed managemenT")
        let fd = open(path, O_WRONLY)
        _ = Array(text.utf8).withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        close(fd)
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        var after = stat()
        stat(path, &after)
        #expect(after.st_ino == before.st_ino && after.st_size == before.st_size)
        #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)

        #expect(summaries(try listed(cache: cache)).map(\.title) == ["Watershed managemenT"])
    }

    @Test func deletedAndRenamedJournalsDropOut() throws {
        let kept = try session("Watershed management")
        let deleted = try session("Glacier lakes")
        let renamed = try session("Seed banks")
        _ = try listed(cache: cache)
        #expect(cachedIDs() == [deleted.id, renamed.id, kept.id].sorted())
        try doctorCache(renamed.id, title: "From the cache")

        unlink(folder.journalPath(deleted.id))
        rename(folder.journalPath(renamed.id), folder.journalPath("2026-11-29-seed-vaults"))
        let listing = summaries(try listed(cache: cache))
        #expect(listing.map(\.id) == ["2026-11-29-seed-vaults", kept.id])
        #expect(listing.map(\.title) == ["Seed banks", "Watershed management"])
        #expect(listing == summaries(try listed(cache: nil)))
        #expect(cachedIDs() == ["2026-11-29-seed-vaults", kept.id])
    }

    @Test func aDamagedCacheFileIsIgnoredAndRebuilt() throws {
        try session("Watershed management")
        try session("Glacier lakes")
        let truth = summaries(try listed(cache: nil))
        _ = try listed(cache: cache)
        let good = try readFile(cacheFile)
        var flipped = good
        flipped[good.count / 2] ^= 0x20
        var otherVersion = good
        otherVersion.replaceSubrange(0..<CachedSummary.magic.count, with: Array("quipu summary cache 9\n".utf8))
        let damaged: [(String, [UInt8])] = [
            ("truncated", Array(good.prefix(good.count / 2))),
            ("cut by one byte", Array(good.dropLast())),
            ("one bit flipped", flipped),
            ("another version", otherVersion),
            ("empty", []),
            ("garbage", Array("not a cache at all\n".utf8)),
        ]
        for (what, bytes) in damaged {
            try writeFileAtomically(bytes, to: cacheFile)
            #expect(summaries(try listed(cache: cache)) == truth, "\(what)")
            #expect(try readFile(cacheFile) == good, "\(what): rebuilt")
        }
    }

    @Test func aCacheThatCannotBeReadOrWrittenChangesNothing() throws {
        try session("Watershed management")
        let truth = summaries(try listed(cache: nil))
        // The cache folder is a file: nothing can be read or written there.
        let blocked = NSTemporaryDirectory() + "quipu-cache-blocked-" + UUID().uuidString
        try writeFileAtomically(Array("a file".utf8), to: blocked)
        let unusable = CacheFolder(directory: blocked + "/quipu")
        #expect(summaries(try listed(cache: unusable)) == truth)
        #expect(summaries(try listed(cache: unusable)) == truth)
        // The cache file is a folder.
        try FileManager.default.createDirectory(atPath: cacheFile, withIntermediateDirectories: true)
        #expect(summaries(try listed(cache: cache)) == truth)
    }

    @Test func aRunningClockIsReadAfreshEachTime() throws {
        let running = try session("Watershed management", close: false)
        let first = summaries(try listed(at: start.adding(seconds: 600), cache: cache))
        let second = summaries(try listed(at: start.adding(seconds: 900), cache: cache))
        #expect(second[0].durationSeconds == first[0].durationSeconds + 300)
        #expect(cachedIDs().isEmpty)
        #expect(second == summaries(try listed(at: start.adding(seconds: 900), cache: nil)))

        // Paused, the duration no longer depends on the time of the listing: kept.
        try running.append(now: { start.adding(seconds: 1000) }) { try $0.decide(.pauseTimer) }
        let paused = summaries(try listed(at: start.adding(seconds: 1200), cache: cache))
        #expect(cachedIDs() == [running.id])
        #expect(summaries(try listed(at: start.adding(seconds: 5000), cache: cache)) == paused)
    }

    @Test func aJournalThatCannotBeReadIsReportedEveryTime() throws {
        try session("Watershed management")
        let damaged = try session("Glacier lakes")
        let torn = try session("Seed banks")
        let path = folder.journalPath(damaged.id)
        var lines = fileText(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[3] = lines[3].replacingOccurrences(of: "kind=area", with: "kind=arena")
        try writeFileAtomically(Array(lines.joined(separator: "\n").utf8), to: path)
        try writeFileAtomically(Array((fileText(folder.journalPath(torn.id)) + "99 2026-11-29T14:05:00.000Z w1 idea.add id=I9 te").utf8),
                                to: folder.journalPath(torn.id))
        for _ in 0..<2 {
            let listing = try listed(cache: cache)
            #expect(listing.map(\.id) == [damaged.id, torn.id, "2026-11-29-watershed-management"])
            #expect(throws: JournalError.self) { try listing[0].summary.get() }
            #expect(listing[1].warnings.count == 1)
            #expect(listing[1].warnings.first?.contains("ignoring a torn or damaged tail") == true)
        }
        #expect(cachedIDs() == ["2026-11-29-watershed-management"])
    }

    @Test func aFileChangedJustNowIsNotCachedYet() throws {
        let journal = try session("Watershed management")
        _ = try folder.summaries(at: start, cache: cache, lookedAt: realTimeNanoseconds())
        #expect(cachedIDs().isEmpty)
        _ = try listed(cache: cache)
        #expect(cachedIDs() == [journal.id])
    }

    func listJSON(cache: CacheFolder?) throws -> String {
        String(decoding: try folder.listJSON(at: start.adding(seconds: 3600), cache: cache, lookedAt: later).bytes, as: UTF8.self)
    }

    @Test func listJSONThroughTheCacheIsTheJSONRenderedFresh() throws {
        #expect(try listJSON(cache: cache) == "[]\n")
        let journal = try session("Watershed management")
        try session("Páramo 流域 \"restoration\" \u{1B}[31m", ideas: ["Seed bank", "Women's \"rights\" to water", "Early warning"])
        try session("Untitled", ideas: [])
        let fresh = try listJSON(cache: nil)
        #expect(fresh.contains("\"title\": \"Páramo 流域 \\\"restoration\\\" \\u001b[31m\""))
        #expect(fresh.contains("\"initiative\": null"))
        #expect(try listJSON(cache: cache) == fresh)
        #expect(cachedIDs().count == 3)
        #expect(try listJSON(cache: cache) == fresh)

        // The kept item is what is printed: a doctored entry shows, until its journal changes.
        try doctorCache(journal.id, title: "From the cache")
        #expect(try listJSON(cache: cache) == fresh.replacingOccurrences(of: "Watershed management", with: "From the cache"))
        try append(journal, idea: "Terraces")
        let changed = try listJSON(cache: nil)
        #expect(changed != fresh)
        #expect(try listJSON(cache: cache) == changed)
        #expect(try listJSON(cache: cache) == changed)
        // The same cache serves the summaries, and a cache written by them serves the JSON.
        #expect(summaries(try listed(cache: cache)) == summaries(try listed(cache: nil)))
        try FileManager.default.removeItem(atPath: cacheFile)
        _ = try listed(cache: cache)
        #expect(cachedIDs().count == 3)
        #expect(try listJSON(cache: cache) == changed)
    }

    @Test func listJSONIsWrittenOutAsItsBytes() throws {
        for title in ["Watershed management", "Glacier lakes", "Seed banks"] { try session(title) }
        for cache in [nil, cache, cache] {
            let listed = try folder.listJSON(at: start.adding(seconds: 3600), cache: cache, lookedAt: later)
            let path = NSTemporaryDirectory() + "quipu-listjson-out-" + UUID().uuidString
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            #expect(listed.write(toFileDescriptor: fd))
            close(fd)
            #expect(try readFile(path) == listed.bytes)
            #expect(listed.bytes.starts(with: Array("[\n  {\n".utf8)))
            unlink(path)
        }
        #expect(cachedIDs().count == 3)
    }

    @Test func listJSONReportsWhatItCouldNotRead() throws {
        try session("Watershed management")
        let damaged = try session("Glacier lakes")
        let path = folder.journalPath(damaged.id)
        var lines = fileText(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[3] = lines[3].replacingOccurrences(of: "kind=area", with: "kind=arena")
        try writeFileAtomically(Array(lines.joined(separator: "\n").utf8), to: path)
        let fresh = try folder.listJSON(at: start.adding(seconds: 3600), cache: nil, lookedAt: later)
        for _ in 0..<2 {
            let listed = try folder.listJSON(at: start.adding(seconds: 3600), cache: cache, lookedAt: later)
            #expect(listed.bytes == fresh.bytes)
            #expect(listed.problems.map(\.id) == [damaged.id])
        }
        #expect(String(decoding: fresh.bytes, as: UTF8.self).contains("Watershed management"))
        #expect(!String(decoding: fresh.bytes, as: UTF8.self).contains("Glacier lakes"))
    }

    /// An action carried into a later session counts there only, whether the earlier session's
    /// summary was read afresh or from the cache (where it was kept before the carry happened),
    /// and the links each summary keeps for it come back from the cache as they went in.
    @Test func aCarriedActionCountsWhereItLivesWithOrWithoutTheCache() throws {
        let earlier = try session("Watershed management")
        // Kept in the cache while it was the only session: its action open there.
        #expect(summaries(try listed(cache: cache)).map(\.openActions) == [1])
        #expect(cachedIDs() == [earlier.id])

        let dayLater = start.adding(seconds: 86_400)
        let followUp = try folder.create(title: "Follow-up", initiative: "Watershed", agenda: try AgendaTemplate.resolve(nil),
                                         at: dayLater, writer: "w1")
        let source = try folder.load(earlier.id).log.state
        var clock = TickingClock(now: dayLater)
        try followUp.append(now: { clock.tick() }) { try $0.decide(.carryOver(from: source)) }
        let now = dayLater.adding(seconds: 3600)
        for through in [nil, cache, cache] {
            let placed = summaries(try listed(at: now, cache: through))
            #expect(placed.map(\.id) == [earlier.id, followUp.id])
            #expect(placed.map(\.actions) == [1, 1])
            #expect(placed.map(\.openActions) == [0, 1], "cache: \(through != nil)")
            #expect(placed.map(\.carriedOn) == [1, 0], "cache: \(through != nil)")
            let json = String(decoding: try folder.listJSON(at: now, cache: through, lookedAt: later).bytes, as: UTF8.self)
            #expect(json.contains("\"openActions\": 0,\n    \"topPriority\": \"Community water committees\",\n    \"damage\": null,\n    \"carriedOn\": 1\n"), "\(json)")
            #expect(json == String(decoding: SessionSummary.listJSON(joining: placed.map { $0.listJSONItem[...] }), as: UTF8.self))
        }

        // The round trip: what each entry keeps to follow actions across sessions.
        let place = try #require(cache.place(for: folder))
        let entries = try #require(CacheFile<CachedSummary>.read(place))
        #expect(entries.map(\.0) == [earlier.id, followUp.id])
        let kept = entries.map(\.1.value)
        #expect(kept.map(\.carriesActions) == [false, true])
        #expect(kept[0].summary?.carriedActions == [])
        #expect(kept[0].summary?.openActionIDs == ActionIDs(["A1"]))
        #expect(kept[1].summary?.carriedActions == [ActionLink(id: "A1", open: true, carriedFrom: "\(earlier.id)/A1")])
        #expect(kept[1].summary?.openActionIDs == ActionIDs(["A1"]))
        // Every kind of id, and a set that could not be one, through the encoding.
        var odd = try #require(kept[1].summary)
        odd.openActionIDs = ActionIDs(["A1", "A64", "A65", "A0", "A01", "a2", "A9999999", "Área", "A64"])
        #expect(CachedSummary(odd).summary == odd)
        #expect(ActionIDs(words: [1, 0], others: []) == nil)
        #expect(ActionIDs(words: [], others: ["A3"]) == nil)
        // Kept as the journal alone gives it: the carry is applied after reading.
        #expect(kept[0].summary?.openActions == 1 && kept[0].summary?.carriedOn == 0)
    }

    @Test func eachFolderHasItsOwnCacheFileNamedFromItsRealPath() throws {
        let other = temporaryFolder()
        #expect(cache.file(for: folder) != cache.file(for: other))
        #expect(cache.file(for: SessionsFolder(path: folder.path + "/")) == cache.file(for: folder))
        #expect(cache.file(for: SessionsFolder(path: folder.path + "/../" + (folder.path as NSString).lastPathComponent))
                == cache.file(for: folder))
        #expect(cache.file(for: SessionsFolder(path: folder.path + "/missing")) == nil)
    }
}
