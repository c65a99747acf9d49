import Foundation
import Testing
import PropertyBased
@testable import QuipuCore
@testable import QuipuStore

/// A fresh sessions folder under the system's temporary directory.
func temporaryFolder() -> SessionsFolder {
    let path = NSTemporaryDirectory() + "quipu-tests-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return SessionsFolder(path: path)
}

func fileText(_ path: String) -> String { String(decoding: try! readFile(path), as: UTF8.self) }

let start = Timestamp(year: 2026, month: 11, day: 29, hour: 14)

struct TickingClock {
    var now = start
    mutating func tick() -> Timestamp { now = now.adding(seconds: 1); return now }
}

@Suite("The journal on disk")
struct JournalTests {
    func newSession(_ folder: SessionsFolder, writer: String = "w1") throws -> Journal {
        try folder.create(title: "Watershed management", initiative: "Watershed", agenda: try AgendaTemplate.resolve(nil),
                          at: start, writer: writer)
    }

    @Test func aNewSessionIsAReadableTextFile() throws {
        let folder = temporaryFolder()
        let journal = try newSession(folder)
        #expect(journal.id == "2026-11-29-watershed-management")
        try journal.append(now: { start.adding(seconds: 60) }) {
            try $0.decide(.addIdea(text: "Comités de agua \"comunitarios\"", kind: .area, by: nil, area: nil))
        }
        let lines = fileText(folder.journalPath(journal.id)).split(separator: "\n")
        #expect(lines[0] == "quipu-journal 1.1")
        #expect(lines[1].hasPrefix("1 2026-11-29T14:00:00.000Z w1 session.create title=\"Watershed management\" initiative=Watershed"))
        #expect(lines.last == #"2 2026-11-29T14:01:00.000Z w1 idea.add id=I1 kind=area text="Comités de agua \"comunitarios\"""#)
    }

    @Test func whatIsWrittenReadsBackEqual() throws {
        let folder = temporaryFolder()
        let journal = try newSession(folder)
        var clock = TickingClock()
        try journal.append(now: { clock.tick() }) { try $0.decide(.addParticipant(name: "María Quispe", organisation: "CONDESAN", group: .ngo, country: "Perú", observer: false)) }
        try journal.append(now: { clock.tick() }) { try $0.decide(.addIdea(text: "Glacier lakes ⛰️ 会議", kind: .area, by: "P1", area: nil)) }
        try journal.append(now: { clock.tick() }) { try $0.decide(.addIdea(text: "Second", kind: .area, by: nil, area: nil)) }
        try journal.append(now: { clock.tick() }) { try $0.decide(.startTimer) }
        try journal.append(now: { clock.tick() }) { try $0.decide(.openVote(method: .dot, dots: 3, maxPerItem: 2, candidates: nil)) }
        try journal.append(now: { clock.tick() }) { try $0.decide(.castBallot(vote: nil, by: "P1", choices: [.init(idea: "I1", points: 2)])) }
        try journal.append(now: { clock.tick() }) { try $0.decide(.undo) }
        let (reread, warnings) = try folder.load(journal.id)
        #expect(warnings.isEmpty)
        #expect(reread == journal.log)
        #expect(reread.state.participants[0].country == "Perú")
    }

    @Test func twoWritersSeeEachOthersChangesAndNeverShareASequenceNumber() throws {
        let folder = temporaryFolder()
        let first = try newSession(folder, writer: "aaa")
        let second = try folder.open(first.id, writer: "bbb")
        try first.append(now: { start }) { try $0.decide(.addIdea(text: "From the facilitator", kind: .area, by: nil, area: nil)) }
        #expect(second.hasNewData)
        try second.append(now: { start }) { try $0.decide(.addIdea(text: "From the rapporteur", kind: .area, by: nil, area: nil)) }
        // The second writer decided on fresh state: its idea is I2, not a second I1.
        #expect(second.log.state.ideas.map(\.id) == ["I1", "I2"])
        let new = try first.refresh()
        #expect(new.count == 1)
        #expect(first.log.state.ideas.map(\.text) == ["From the facilitator", "From the rapporteur"])
        #expect(first.log.events.map(\.id.seq) == [1, 2, 3])
    }

    @Test func aTornTailIsQuarantinedNotDropped() throws {
        let folder = temporaryFolder()
        let journal = try newSession(folder)
        let path = folder.journalPath(journal.id)
        try journal.append(now: { start }) { try $0.decide(.addIdea(text: "Kept", kind: .area, by: nil, area: nil)) }
        let good = fileText(path)
        let torn = "3 2026-11-29T14:05:00.000Z w1 idea.add id=I2 kind=area text=\"Half writ"
        _ = FileManager.default.createFile(atPath: path, contents: Data((good + torn).utf8))

        // A reader leaves the file alone and says what it saw.
        let (log, warnings) = try folder.load(journal.id)
        #expect(log.state.ideas.map(\.text) == ["Kept"])
        #expect(warnings.count == 1)
        #expect(warnings[0].hasPrefix("\(path):4:1: ignoring a torn or damaged tail"))
        #expect(fileText(path) == good + torn)

        // A writer, under the lock, moves the tail aside and carries on.
        let writer = try folder.open(journal.id, writer: "w2")
        #expect(writer.warnings.count == 1)
        #expect(writer.warnings[0].contains("was moved to \(path).quarantine-1"))
        #expect(fileText(path + ".quarantine-1") == torn)
        #expect(fileText(path) == good)
        try writer.append(now: { start }) { try $0.decide(.addIdea(text: "After", kind: .area, by: nil, area: nil)) }
        #expect(try folder.load(journal.id).log.state.ideas.map(\.text) == ["Kept", "After"])
    }

    @Test func aBadLineInTheMiddleStopsWithItsPlaceAndChangesNothing() throws {
        let folder = temporaryFolder()
        let journal = try newSession(folder)
        let path = folder.journalPath(journal.id)
        try journal.append(now: { start }) { try $0.decide(.addIdea(text: "One", kind: .area, by: nil, area: nil)) }
        try journal.append(now: { start }) { try $0.decide(.addIdea(text: "Two", kind: .area, by: nil, area: nil)) }
        var lines = fileText(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[2] = lines[2].replacingOccurrences(of: "kind=area", with: "kind=arena")
        let damaged = lines.joined(separator: "\n")
        _ = FileManager.default.createFile(atPath: path, contents: Data(damaged.utf8))
        do {
            _ = try folder.open(journal.id, writer: "w2")
            Issue.record("a damaged journal opened")
        } catch let error as JournalError {
            #expect(error.summary == "\(path):3:46: unknown idea kind \"arena\"")
            #expect(error.description.contains("3 | 2 2026-11-29T14:00:00.000Z w1 idea.add id=I1 kind=arena"))
        }
        #expect(fileText(path) == damaged)
    }

    @Test func aJournalFromANewerMajorVersionIsRefusedAsNewer() throws {
        let folder = temporaryFolder()
        let path = folder.journalPath("2026-11-29-future")
        _ = FileManager.default.createFile(atPath: path, contents: Data("quipu-journal 2.0\n1 2026-11-29T14:00:00Z w1 hologram.add\n".utf8))
        #expect {
            _ = try folder.load("2026-11-29-future")
        } throws: { error in
            (error as? JournalError)?.message.hasPrefix("this journal was written by a newer Quipu (format 2.0)") == true
        }
    }

    @Test func unknownEventKindsAreKeptAndWarnedAbout() throws {
        let folder = temporaryFolder()
        let journal = try newSession(folder)
        let path = folder.journalPath(journal.id)
        let handle = FileHandle(forWritingAtPath: path)!
        handle.seekToEndOfFile()
        handle.write(Data("2 2026-11-29T14:01:00.000Z zz9 poll.emoji face=\"🙂\"\n".utf8))
        handle.closeFile()
        let writer = try folder.open(journal.id, writer: "w2")
        #expect(writer.warnings == ["\(path):3:1: unknown event kind \"poll.emoji\" kept as it is"])
        try writer.append(now: { start }) { try $0.decide(.addIdea(text: "Next", kind: .area, by: nil, area: nil)) }
        #expect(fileText(path).contains("poll.emoji face=\"🙂\"\n3 "))
        #expect(writer.log.state.unknownKinds == ["poll.emoji"])
    }

    @Test func idsThatCouldEscapeTheFolderAreRefused() {
        let folder = temporaryFolder()
        #expect(throws: StoreError.self) { try folder.load("../../etc/passwd") }
        #expect(throws: StoreError.self) { try folder.open("/tmp/x", writer: "w1") }
        #expect {
            try folder.load("2026-01-01-nothing")
        } throws: { error in
            (error as? StoreError)?.message == "there is no session 2026-01-01-nothing in \(folder.path)"
        }
    }

    @Test func sessionsOfTheSameTitleOnTheSameDayGetNumberedIds() throws {
        let folder = temporaryFolder()
        #expect(try newSession(folder).id == "2026-11-29-watershed-management")
        #expect(try newSession(folder).id == "2026-11-29-watershed-management-2")
        #expect(try folder.sessionIDs() == ["2026-11-29-watershed-management", "2026-11-29-watershed-management-2"])
    }
}

@Suite("The journal grammar")
struct FormatTests {
    /// Strings meant to break a line format: quotes, escapes, newlines, NUL, separators, bidi, emoji.
    static let hostile: [String] = [
        "", " ", "\"", "\\", "\\n", "a=b", "x y", "\n", "\r\n", "\t", "\u{0}", "\u{1B}[2J", "\u{7F}", "\u{85}",
        "\u{2028}", "\u{2029}", "\u{202E}evil", "\u{FEFF}", "👩🏽‍🌾", "会議", "é", "e\u{301}", "مرحبا", "}{", "\\u{41}",
    ]

    static let hostileText = Gen<String>.oneOf(
        Gen<String?>.element(of: hostile).map { $0 ?? "" },
        Gen<Character>.character(in: "\u{0}"..."\u{D7FF}").string(of: 0...12),
        Gen<Character>.character(in: "\u{E000}"..."\u{10FFFF}").string(of: 0...4),
        Gen<String?>.element(of: hostile).map { $0 ?? "" }.array(of: 0...6).map { $0.joined() }
    )

    @Test func everyValueSurvivesEncodingAndParsing() async {
        await propertyCheck(count: 1500, input: Self.hostileText, Self.hostileText) { text, name in
            let event = Event(id: EventID(seq: 42, writer: "k3f9"), at: start,
                              change: .ideaAdded(Idea(id: "I7", text: text, kind: .project, by: name, area: "I1", withdrawn: false)))
            let line = JournalFormat.encode(event)
            let bytes = Array(line.utf8)
            // One event is exactly one line, with no control characters in it.
            #expect(bytes.last == 0x0A)
            #expect(!bytes.dropLast().contains { $0 < 0x20 || $0 == 0x7F })
            #expect((try? JournalFormat.parseLine(bytes.dropLast())) == event)
        }
    }

    @Test func unknownRecordsSurviveWithTheirFieldsInOrder() async {
        await propertyCheck(count: 1000, input: Self.hostileText, Gen.int(in: 1...1_000_000)) { text, seq in
            let record = Record(kind: "future.thing", fields: [Field("b", text), Field("a", "1"), Field("b", "again")])
            let event = Event(id: EventID(seq: seq, writer: "abc"), at: start, change: .unknown(record))
            let bytes = Array(JournalFormat.encode(event).utf8)
            #expect((try? JournalFormat.parseLine(bytes.dropLast())) == event)
        }
    }

    @Test(arguments: [
        ("x 2026-11-29T14:00:00Z w1 idea.add", 1, "expected a sequence number (1, 2, 3…) at the start of the line"),
        ("1 2026-11-29 w1 idea.add", 3, "expected a UTC timestamp like 2026-11-29T14:03:12.345Z"),
        ("1 2026-11-29T14:00:00Z W1 idea.add", 24, "expected a writer id (1 to 16 of a-z 0-9)"),
        ("1 2026-11-29T14:00:00Z w1 idea.add id=I1 kind=area text=\"open", 57, "this quoted value is not closed with \""),
        ("1 2026-11-29T14:00:00Z w1 idea.add id=I1 kind=area text=\"a\\qb\"", 59, "unknown escape \\q; use \\\\ \\\" \\n \\r \\t or \\u{…}"),
        ("1 2026-11-29T14:00:00Z w1 idea.add id=I1 kind=area", 27, "idea.add needs text="),
        ("1 2026-11-29T14:00:00Z w1 idea.add id=I1 kind=area text=café", 60, "a value with spaces or non-ASCII text must be in double quotes"),
    ])
    func badLinesNameTheColumn(line: String, column: Int, message: String) {
        #expect(throws: JournalFormat.LineError(column: column, message: message)) {
            try JournalFormat.parseLine(ArraySlice(Array(line.utf8)))
        }
    }
}
