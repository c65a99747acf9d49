import Foundation
import Testing
@testable import QuipuCore
@testable import QuipuStore

/// The byte-level parser must read every line exactly as the parser it replaced: the same event,
/// or the same error at the same column.
@Suite("The fast line parser agrees with the reference parser")
struct FastParseTests {
    typealias Outcome = Result<Event, JournalFormat.LineError>

    static func both(_ line: [UInt8]) -> (fast: Outcome, reference: Outcome) {
        let slice = line[...]
        let fast = Result { () throws(JournalFormat.LineError) -> Event in try JournalFormat.parseLine(slice) }
        let reference = Result { () throws(JournalFormat.LineError) -> Event in try ReferenceParser.parseLine(slice) }
        return (fast, reference)
    }

    static func agree(_ line: [UInt8]) -> Bool {
        let (fast, reference) = both(line)
        switch (fast, reference) {
        case let (.success(a), .success(b)): return a == b
        case let (.failure(a), .failure(b)): return a == b
        default: return false
        }
    }

    /// Events of every kind, and their lines as the journal writes them.
    static func encodedEvents(seed: UInt64, count: Int) -> [(event: Event, line: [UInt8])] {
        var maker = LineMaker(state: seed)
        return (0..<count).map { n in
            let event = Event(id: EventID(seq: n + 1, writer: maker.pick(["w1", "k3f9a2", "bench"])),
                              at: Timestamp(milliseconds: Int64(maker.int(4_000_000_000_000))), change: maker.change())
            return (event, Array(JournalFormat.encode(event).utf8.dropLast()))
        }
    }

    static func encodedLines(seed: UInt64, count: Int) -> [[UInt8]] { encodedEvents(seed: seed, count: count).map(\.line) }

    @Test func everyEncodedLineParsesTheSameAndBackToItsEvent() {
        for (event, line) in Self.encodedEvents(seed: 1, count: 3000) {
            let (fast, reference) = Self.both(line)
            #expect(fast == reference, "\(String(decoding: line, as: UTF8.self))")
            #expect(fast == .success(event), "\(String(decoding: line, as: UTF8.self))")
        }
    }

    @Test func damagedLinesFailTheSameWay() {
        // Bytes that matter to the grammar, and bytes that make UTF-8 invalid.
        let interesting: [[UInt8]] = [[0x20], [0x22], [0x5C], [0x3D], [0x2C], [0x3A], [0x0D], [0x09], [0x00], [0x7F],
                                      [0xFF], [0xC3], [0xE2, 0x84], Array("é".utf8), Array("\u{212A}".utf8),
                                      Array("\\u{41}".utf8), Array("\\u{D800}".utf8), Array("\\n".utf8), [0x30], [0x2D]]
        var maker = LineMaker(state: 2)
        var disagreements = 0
        for var line in Self.encodedLines(seed: 3, count: 2500) {
            for _ in 0...maker.int(3) {
                let at = maker.int(line.count + 1)
                switch maker.int(3) {
                case 0: line.insert(contentsOf: maker.pick(interesting), at: at)
                case 1: if at < line.count { line.remove(at: at) }
                default: if at < line.count { line[at] = maker.pick(interesting)[0] }
                }
            }
            if !Self.agree(line) {
                disagreements += 1
                let (fast, reference) = Self.both(line)
                Issue.record("\(JournalReader.inertExcerpt(line[...])): \(fast) vs \(reference)")
            }
        }
        #expect(disagreements == 0)
    }

    @Test(arguments: [
        "1 2026-11-29T14:00:00Z w1 vote.cast vote=V1 by=P1 choices=\"I1:2,I2:1\" binding=yes",
        "1 2026-11-29T14:00:00Z w1 vote.cast vote=V1 by=P1 choices=\"I\u{301}1:2,,I2:1,\" binding=yes",
        "1 2026-11-29T14:00:00Z w1 vote.cast vote=V1 by=P1 choices=\",\u{301}I1:2\" binding=yes",
        "1 2026-11-29T14:00:00Z w1 vote.cast vote=V1 by=P1 choices=\"I1:\u{301}2\" binding=yes",
        "1 2026-11-29T14:00:00Z w1 vote.cast vote=V1 by=P1 choices=I1:+2 binding=yes",
        "1 2026-11-29T14:00:00Z w1 vote.cast vote=V1 by=P1 choices=I1 binding=yes",
        "1 2026-11-29T14:00:00Z w1 vote.tally vote=V1 counts=I1:-1",
        "1 2026-11-29T14:00:00Z w1 vote.open id=V1 method=dot dots=3 candidates=I1,I2 eligible=\"P1,\u{301}P2\"",
        "1 2026-11-29T14:00:00Z w1 idea.add id=I1 kind=area text=\"caf\\u{E9} \\\"x\\\"\"",
        "1 2026-11-29T14:00:00Z w1 idea.add id=I1 kind=area text=\"\u{212A}elvin\" text=second",
        "1 2026-11-29T14:00:00.5Z w1 timer.start",
        "1 2026-02-29T14:00:00Z w1 timer.start",
        "1 2028-02-29T24:00:00Z w1 timer.start",
        "1 2028-02-29T23:59:59.999Z w1 timer.start extra=1",
        "1 2028-02-29T23:59:59.999Z w1 timer.star",
        "1 2028-02-29T23:59:59.999Z w1 ti\u{212A}mer.start",
        "1 2028-02-29T23:59:59.999Z w1 undo target=3@w1",
        "1 2028-02-29T23:59:59.999Z w1 undo target=3@W1",
        "1 2028-02-29T23:59:59.999Z w1 participant.add id=P1 name=Ana group=\"Major group\" role=observer present=no",
        "1 2028-02-29T23:59:59.999Z w1 participant.add id=P1 name=Ana group=martians",
        "1 2028-02-29T23:59:59.999Z w1 participant.set id= present=yes",
        "1 2028-02-29T23:59:59.999Z w1 action.status id=A1 status=don\u{65}",
        "1 2028-02-29T23:59:59.999Z w1 future.kind a=\"\" b=1",
        "007 2026-11-29T14:00:00Z w1 timer.start",
        "1234567890123456789 2026-11-29T14:00:00Z w1 timer.start",
        "1 2026-11-29T14:00:00Z abcdefghijklmnopq timer.start",
        "1 2026-11-29T14:00:00Z w1 idea.edit id=I1 text=\"é\"x",
        "1 2026-11-29T14:00:00Z w1 idea.edit id=I1 text=\"tab\there\"",
        "1 2026-11-29T14:00:00Z w1 idea.edit id=I1  text=x",
        "1 2026-11-29T14:00:00Z w1 idea.edit id=I1 text=",
    ])
    func edgeCasesParseTheSame(line: String) {
        let (fast, reference) = Self.both(Array(line.utf8))
        #expect(fast == reference)
    }

    @Test func theFuzzCorpusParsesTheSame() throws {
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        #expect(!files.isEmpty)
        for file in files {
            let bytes = try Array(Data(contentsOf: corpus.appendingPathComponent(file)))
            for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
                #expect(Self.agree(Array(line)), "\(file): \(JournalReader.inertExcerpt(line))")
            }
        }
    }

    @Test func theEightByteScanStopsWhereTheByteScanWould() {
        func special(_ c: UInt8) -> Bool { c == 0x22 || c == 0x5C || c < 0x20 || c == 0x7F }
        func word(_ bytes: [UInt8]) -> UInt64 { bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) } }
        for v in 0...255 {
            for at in 0..<8 {
                for filler: UInt8 in [0x61, 0xC3, 0x20, 0x80, 0xFF] {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[at] = UInt8(v)
                    #expect(JournalFormat.hasSpecialByte(word(bytes)) == bytes.contains(where: special), "\(bytes)")
                }
            }
        }
        var maker = LineMaker(state: 9)
        for _ in 0..<20000 {
            let bytes = (0..<8).map { _ in UInt8(truncatingIfNeeded: maker.next()) }
            #expect(JournalFormat.hasSpecialByte(word(bytes)) == bytes.contains(where: special))
        }
    }

    @Test func timestampsParseAlikeFromBytesAndFromAnyCollection() {
        var maker = LineMaker(state: 4)
        let samples = ["2026-11-29T14:03:12.345Z", "2026-11-29T14:03:12Z", "2024-02-29T00:00:00Z",
                       "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-11-31T00:00:00Z",
                       "2026-11-29T24:00:00Z", "2026-11-29T23:60:00Z", "2026-11-29T23:59:60Z", "2026-11-29T14:03:12.34Z",
                       "2026-11-29T14:03:12.3456Z", "2026-11-29 14:03:12Z", "2026-11-29T14:03:12", "0000-01-01T00:00:00Z",
                       "9999-12-31T23:59:59.999Z", "2026-1a-29T14:03:12Z", "", "Z", "2026-11-29T14:03:12.345Zx"]
        var all = samples
        for _ in 0..<3000 {
            var bytes = Array(maker.pick(samples).utf8)
            if !bytes.isEmpty { bytes[maker.int(bytes.count)] = maker.pick(Array("0123456789-T:.Z/ ".utf8)) }
            all.append(String(decoding: bytes, as: UTF8.self))
        }
        // In a row, as a journal's lines give them, remembering the day from one to the next.
        var day = Timestamp.Day()
        var previous = "2026-11-29T14:03:12.345Z"
        for text in all {
            for candidate in [text, String(previous.prefix(10)) + String(text.dropFirst(10)), text] {
                let bytes = Array(candidate.utf8)
                let remembered = bytes.withUnsafeBufferPointer { Timestamp.parse(utf8: $0, day: &day) }
                #expect(remembered == Timestamp.parse(utf8: bytes.lazy.map { $0 }), "\(candidate) after \(previous)")
                if remembered != nil { previous = candidate }
            }
        }
        for text in all {
            let bytes = Array(text.utf8)
            let fromSlice = Timestamp.parse(utf8: bytes[...])
            let iterated = Timestamp.parse(utf8: bytes.lazy.map { $0 }) // no contiguous storage: the iterator
            #expect(fromSlice == iterated, "\(text)")
            if let t = fromSlice, text.count == 24 { #expect(t.iso8601 == text) }
        }
    }
}

/// Seeded changes of every kind, with hostile text in them.
struct LineMaker {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    mutating func bool() -> Bool { next() % 2 == 0 }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }
    mutating func maybe<T>(_ x: T) -> T? { bool() ? x : nil }

    static let texts = ["Water committees", "Café à São Paulo", "a, b", "quote \" and \\ back", "x", "",
                        "line\nbreak", "tab\there", "K\u{212A}", "e\u{301}", "\u{202E}bidi", "emoji 🌊💧",
                        "a=b c=d", "\u{0}\u{7F}", "long text that goes on and on, well past fifteen bytes"]
    mutating func text() -> String { pick(Self.texts) }
    mutating func id(_ p: String) -> String { pick(["\(p)\(1 + int(30))", "\(p)1", "\(p)\u{301}2"]) }

    mutating func action(carried: Bool) -> Action {
        Action(id: id("A"), text: text(), owner: bool() ? id("P") : text(), due: maybe("2027-04"),
               idea: carried ? nil : maybe(id("I")), status: carried ? pick(ActionStatus.allCases) : .open,
               supporters: bool() ? [id("P"), "UNEP"] : [], carriedFrom: carried ? "2026-10-01-x/A3" : nil)
    }

    /// An event an edit says it replaces (`over`).
    mutating func event() -> EventID { EventID(seq: 1 + int(99), writer: pick(["w1", "abc", "k3f9a2"])) }
    /// `over` of an edit of some of `fields`, or none (written before 1.1).
    mutating func over(_ fields: [String]) -> [String: EventID]? {
        guard bool() else { return nil }
        var over: [String: EventID] = [:]
        for field in fields where over.isEmpty || bool() { over[field] = event() }
        return over
    }

    mutating func change() -> Change {
        switch int(41) {
        case 0: return .sessionCreated(title: text(), initiative: text(), facilitator: text(), rapporteur: "",
                                       agenda: [Phase(name: text(), plannedSeconds: 600), Phase(name: "Work", plannedSeconds: 60)])
        case 1: return pick([.timerStarted, .timerPaused, .timerResumed, .sessionClosed, .sessionReopened])
        case 2: return .phaseChanged(to: int(5))
        case 3: return .phaseAdjusted(phase: int(3), seconds: Int64(int(600)) - 300)
        case 4: return .agendaRespread(from: int(3), seconds: [60, 120, Int64(1 + int(900))])
        case 5: return .warningSwitched(pick(ClockWarning.allCases), on: bool())
        case 6: return .warningGiven(pick(ClockWarning.allCases), phase: int(4))
        case 7, 8: return .participantAdded(Participant(id: id("P"), name: text(), organisation: pick(["", "UNEP", "Café"]),
                                                        group: pick(StakeholderGroup.allCases), country: pick(["", "Perú"]),
                                                        observer: bool(), present: bool()))
        case 9: return .participantUpdated(id: id("P"), present: maybe(bool()), observer: maybe(bool()), over: over(["present", "role"]))
        case 10: return .participantEdited(id: id("P"), name: maybe(text()), organisation: maybe("WWF"),
                                           group: maybe(pick(StakeholderGroup.allCases)), country: maybe(text()))
        case 11: return .participantRemoved(id: id("P"))
        case 12, 13: return .ideaAdded(Idea(id: id("I"), text: text(), kind: pick(IdeaKind.allCases), by: maybe(text()),
                                            area: maybe(id("I"))))
        case 14, 15: return .ideaEdited(id: id("I"), text: text(), over: maybe(event()))
        case 16: return .ideaWithdrawn(id: id("I"))
        case 17: return .ideaLinked(id: id("I"), area: maybe(id("I")))
        case 18: return .ideaMerged(id: id("I"), into: id("I"))
        case 19:
            var v = Vote(id: id("V"), method: pick(VoteMethod.allCases), dotsPerMember: int(5), maxPerItem: maybe(int(3)),
                         candidates: [id("I"), id("I")], eligible: bool() ? [id("P"), id("P")] : [])
            v.hideResults = bool()
            v.anonymous = bool()
            v.tieBreak = pick(TieBreak.allCases)
            v.runoffOf = maybe(id("V"))
            v.ballotKey = maybe("0123456789abcdef")
            return .voteOpened(v)
        case 20, 21, 22:
            return .ballotCast(vote: id("V"), ballot: Ballot(by: bool() ? id("P") : "~00ff00ff00ff00ff",
                                                             choices: [.init(idea: id("I"), points: int(9)),
                                                                                  .init(idea: id("I"), points: int(3))],
                                                             binding: bool()))
        case 23: return .voteClosed(id: id("V"), voters: maybe(bool() ? [] : [id("P"), id("P")]))
        case 24: return .handsTallied(vote: id("V"), tally: HandTally(group: maybe(pick(StakeholderGroup.allCases)),
                                                                       counts: [.init(idea: id("I"), points: int(20))]))
        case 25:
            let holder = text()
            return .roleAssigned(RoleAssignment(role: pick(["chair", "note taker"]), holder: holder.isEmpty ? "x" : holder),
                                 over: maybe(event()))
        case 26: return .roleUnassigned(RoleAssignment(role: "chair", holder: id("P")), over: maybe(event()))
        case 27: return .actionAdded(action(carried: false))
        case 28: return .actionStatusChanged(id: id("A"), status: pick(ActionStatus.allCases), over: maybe(event()))
        case 29: return .actionEdited(action(carried: false))
        case 30: return .actionCarried(action(carried: true))
        case 31: return .undo(target: EventID(seq: 1 + int(99), writer: pick(["w1", "abc"])))
        case 32: return .sessionEdited(title: maybe(text()), initiative: maybe(text()), facilitator: maybe(text()),
                                       rapporteur: maybe(text()))
        case 33: return .phaseRenamed(phase: int(5), name: text(), over: maybe(event()))
        case 34: return .phaseAdded(at: int(5), Phase(name: text(), plannedSeconds: Int64(60 * (1 + int(30)))))
        case 35: return .phaseRemoved(phase: int(5))
        case 36: return .phaseMoved(phase: int(5), to: int(5))
        case 37: return .ideaSet(id: id("I"), kind: maybe(pick(IdeaKind.allCases)), by: maybe(bool() ? id("P") : ""),
                                 over: over(["kind", "by"]))
        case 38: return .ballotRemoved(vote: id("V"), by: id("P"))
        case 39: return .tieDecided(vote: id("V"), idea: id("I"), reason: text())
        default: return .unknown(Record(kind: pick(["future.kind", "x"]), fields: [Field("a", text()), Field("b-c", "1")]))
        }
    }
}
