import Foundation
import Testing
@testable import QuipuCore
@testable import QuipuStore

/// A session written on several devices: each appends to its own file, the session is the union.
@Suite("One session, several devices")
struct DeviceFilesTests {
    /// The same folder as another device sees it.
    func on(_ device: String, _ path: String) -> SessionsFolder { SessionsFolder(path: path, device: device) }

    /// What a pull brings: the files the other device wrote (`only`: those whose names end so).
    func copyJournals(from: String, to: String, only: String = ".txt") throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: from) where name.hasSuffix(only) {
            let target = to + "/" + name
            try? FileManager.default.removeItem(atPath: target)
            try FileManager.default.copyItem(atPath: from + "/" + name, toPath: target)
        }
    }

    @Test func eachDeviceAppendsToItsOwnFileAndTheSessionIsTheUnion() throws {
        let a = on("lap1", temporaryFolder().path)
        let b = on("lap2", temporaryFolder().path)
        var clock = TickingClock()
        let created = try a.create(title: "Andes", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "wa")
        #expect(created.log.state.creatorDevice == "lap1")
        let id = created.id
        try created.append(now: { clock.tick() }) { try $0.decide(.addIdea(text: "Glaciers", kind: .area, by: nil, area: nil)) }
        try copyJournals(from: a.path, to: b.path)

        // Offline on both: each mints its own ids, and each seq follows what that device has seen.
        let onB = try b.open(id, writer: "wb")
        #expect(onB.path == b.journalPath(id, device: "lap2"))
        #expect(!FileManager.default.fileExists(atPath: onB.path), "made at the first change, not on open")
        let fromB = try onB.append(now: { clock.tick() }) { try $0.decide(.addIdea(text: "Water", kind: .area, by: nil, area: nil)) }
        #expect(fromB.map(\.id.seq) == [3])
        #expect(onB.log.state.ideas.map(\.id) == ["I1", "I2-lap2"])
        let fromA = try a.open(id, writer: "wa").append(now: { clock.tick() }) {
            try $0.decide(.addIdea(text: "Forests", kind: .area, by: nil, area: nil))
        }
        #expect(fromA.map(\.id.seq) == [3])

        // What git would bring: each device's files, never one file changed on two sides.
        try copyJournals(from: b.path, to: a.path, only: ".lap2.txt")
        try copyJournals(from: a.path, to: b.path, only: "\(id).txt")
        for folder in [a, b] {
            #expect(try folder.journalPaths(id) == [folder.journalPath(id), folder.journalPath(id, device: "lap2")])
            let state = try folder.load(id).log.state
            #expect(state.ideas.map(\.id).sorted() == ["I1", "I2", "I2-lap2"])
        }
        #expect(try a.load(id).log == b.load(id).log)
        #expect(fileText(a.journalPath(id)) == fileText(b.journalPath(id)))

        // The next change on either device follows every file: a Lamport clock.
        let next = try b.open(id, writer: "wb").append(now: { clock.tick() }) {
            try $0.decide(.addIdea(text: "Páramos", kind: .area, by: nil, area: nil))
        }
        #expect(next.map(\.id.seq) == [4])
        #expect(next.first.map { if case let .ideaAdded(i) = $0.change { i.id } else { "" } } == "I3-lap2")
        #expect(try b.summaries(at: clock.now, cache: nil).first?.summary.get().ideas == 4)
        #expect(try b.search("páramos", cache: nil).hits.map(\.item) == ["I3-lap2"])
    }

    @Test func anOpenJournalSeesAnotherDevicesFileArrive() throws {
        let a = on("lap1", temporaryFolder().path)
        var clock = TickingClock()
        let journal = try a.create(title: "Andes", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "wa")
        let b = on("lap2", temporaryFolder().path)
        try copyJournals(from: a.path, to: b.path)
        try b.open(journal.id, writer: "wb").append(now: { clock.tick() }) {
            try $0.decide(.addParticipant(name: "Bina Gurung", organisation: "", group: .other, country: "", observer: false))
        }
        #expect(!journal.hasNewData)
        try copyJournals(from: b.path, to: a.path, only: ".lap2.txt")
        #expect(journal.hasNewData)
        let new = try journal.refresh()
        #expect(new.count == 1)
        #expect(journal.log.state.participants.map(\.id) == ["P1-lap2"])
        // Typed in any case, the suffixed id is found.
        #expect(try journal.log.resolveParticipant("p1-LAP2").name == "Bina Gurung")
    }

    @Test func aSessionWithoutACreatorDeviceIsWrittenAsBefore() throws {
        let path = temporaryFolder().path
        let legacy = SessionsFolder(path: path, device: nil)
        let journal = try legacy.create(title: "Old", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "w1")
        #expect(journal.log.state.creatorDevice == nil)
        #expect(!fileText(legacy.journalPath(journal.id)).contains("device="))
        let later = try on("lap9", path).open(journal.id, writer: "w2")
        #expect(later.path == legacy.journalPath(journal.id))
        // Once the folder is shared through git, every device writes a file of its own.
        try FileManager.default.createDirectory(atPath: path + "/.git", withIntermediateDirectories: true)
        let shared = try on("lap9", path).open(journal.id, writer: "w2")
        #expect(shared.path == legacy.journalPath(journal.id, device: "lap9"))
        try shared.append(now: { start.adding(seconds: 60) }) { try $0.decide(.addIdea(text: "Agua", kind: .area, by: nil, area: nil)) }
        #expect(shared.log.state.ideas.map(\.id) == ["I1-lap9"])
    }

    @Test func theCachesReadAgainWhenAnotherDevicesFileArrivesOrGrows() throws {
        let a = on("lap1", temporaryFolder().path)
        let b = on("lap2", temporaryFolder().path)
        let cache = CacheFolder(directory: NSTemporaryDirectory() + "quipu-cache-tests-" + UUID().uuidString)
        // Files written now count as settled for a listing made "an hour later".
        let later = realTimeNanoseconds() + 3_600_000_000_000
        var clock = TickingClock()
        let journal = try a.create(title: "Andes", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "wa")
        func ideas() throws -> Int { try a.summaries(at: clock.now, cache: cache, lookedAt: later).first!.summary.get().ideas }
        func found(_ text: String) throws -> Int { try a.search(text, cache: cache, lookedAt: later).hits.count }
        #expect(try ideas() == 0 && found("páramos") == 0)
        try copyJournals(from: a.path, to: b.path)
        let onB = try b.open(journal.id, writer: "wb")
        try onB.append(now: { clock.tick() }) { try $0.decide(.addIdea(text: "Páramos", kind: .area, by: nil, area: nil)) }
        try copyJournals(from: b.path, to: a.path, only: ".lap2.txt")
        #expect(try ideas() == 1 && found("páramos") == 1, "a file that arrived")
        try onB.append(now: { clock.tick() }) { try $0.decide(.addIdea(text: "Páramos altos", kind: .area, by: nil, area: nil)) }
        try copyJournals(from: b.path, to: a.path, only: ".lap2.txt")
        #expect(try ideas() == 2 && found("páramos") == 2, "a file that grew")
        try FileManager.default.removeItem(atPath: a.journalPath(journal.id, device: "lap2"))
        #expect(try ideas() == 0 && found("páramos") == 0, "a file that went")
    }
}
