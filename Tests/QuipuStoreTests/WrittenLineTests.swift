import Testing
@testable import QuipuCore
@testable import QuipuStore

/// The frequent kinds are read straight from the line when it is written as Quipu writes it; every
/// other spelling of them must still read (or fail) exactly as the reference parser says.
@Suite("Frequent lines read directly agree with the reference parser")
struct WrittenLineTests {
    static let head = "7 2026-11-29T14:00:00.250Z w1 "

    @Test(arguments: [
        "idea.edit id=I12 text=\"caf\u{E9} \u{6D41}\"",
        "idea.edit id=I12 text=\"\"",
        "vote.cast vote=V2 by=P29 choices=I1:2,I3:1 binding=yes",
        "vote.cast vote=V2 by=P29 choices=I1:2 binding=no",
        "participant.set id=P5 present=yes",
        "participant.set id=P5 present=no role=observer",
        "participant.set id=P5 role=member",
        "participant.set id=P5",
        "action.status id=A97 status=in-progress",
        "action.status id=A1 status=dropped",
    ])
    func linesAsWrittenAreReadDirectly(rest: String) throws {
        let line = Array((Self.head + rest).utf8)
        let (fast, reference) = FastParseTests.both(line)
        #expect(fast == reference)
        // The direct reading applies (so it is what the line above compared).
        let kindStart = Self.head.utf8.count
        let kindEnd = line[kindStart...].firstIndex(of: 0x20) ?? line.count
        let kind = try #require(EventKind(rawValue: String(decoding: line[kindStart..<kindEnd], as: UTF8.self)))
        var context = JournalFormat.LineContext(remembersValues: true, lines: 1)
        let change = line.withUnsafeBufferPointer { b in
            JournalFormat.writtenChange(kind, b, from: kindEnd, &context) { JournalFormat.LineError(column: $0, message: $1) }
        }
        #expect(change != nil && change == (try? fast.get())?.change)
    }

    @Test(arguments: [
        // Other orders, extra, repeated, missing, quoted or empty fields.
        "idea.edit text=\"x\" id=I1", "idea.edit id=I1 text=\"x\" text=\"y\"", "idea.edit id=I1 text=x",
        "idea.edit id=\"I1\" text=\"x\"", "idea.edit id=I1", "idea.edit id=I1 text=\"x\" ", "idea.edit id=I1 text=\"x\"y",
        "idea.edit id=I1 text=\"a\\nb\"", "idea.edit id=I1 text=\"\u{1}\"", "idea.edit id=I1 text=\"open",
        "idea.edit id= text=\"x\"", "idea.edit id=\"\" text=\"x\"", "idea.edit  id=I1 text=\"x\"", "idea.edit id=I1 note=1 text=\"x\"",
        "vote.cast by=P1 vote=V1 choices=I1:1 binding=yes", "vote.cast vote=V1 by=P1 choices=I1:1",
        "vote.cast vote=V1 by=P1 choices=I1:1 binding=maybe", "vote.cast vote=V1 by=P1 choices=I1:1 binding=Yes",
        "vote.cast vote=V1 by=P1 choices=I1 binding=yes", "vote.cast vote=V1 by=P1 choices=I1:x binding=yes",
        "vote.cast vote=V1 by=P1 choices=\"I1:1\" binding=yes", "vote.cast vote=V1 by=P1 choices=I1:1 binding=yes x=1",
        "vote.cast vote=V1 by=P1 choices=I1:1,,I2:+3 binding=yes", "vote.cast vote=V1 by=P1 choices=:1 binding=yes",
        "vote.cast vote=V1 by=P1 choices=I1:99999999999999999999 binding=yes",
        "participant.set id=P1 present=maybe", "participant.set id=P1 role=chair", "participant.set id=P1 role=observer present=yes",
        "participant.set id=P1 present=yes present=no", "participant.set present=yes id=P1", "participant.set id=P1 present=",
        "participant.set", "participant.set id=P1 present=yes role=", "participant.set id=\u{212A}1 present=yes",
        "action.status id=A1 status=finished", "action.status id=A1 status=Done", "action.status status=done id=A1",
        "action.status id=A1", "action.status id=A1 status=done status=open", "action.status id=A1 status=\"done\"",
    ])
    func otherSpellingsReadAsTheReferenceReadsThem(rest: String) {
        let (fast, reference) = FastParseTests.both(Array((Self.head + rest).utf8))
        #expect(fast == reference)
    }

    @Test func aWholeJournalReadsAsLineByLine() throws {
        let lines = FastParseTests.encodedEvents(seed: 11, count: 3000)
        let text = JournalFormat.header + "\n" + lines.map { String(decoding: $0.line, as: UTF8.self) + "\n" }.joined()
        let parsed = try JournalReader.parse(Array(text.utf8), file: "j")
        #expect(parsed.events.count == lines.count)
        for (event, line) in zip(parsed.events, lines) {
            #expect(Result { () throws(JournalFormat.LineError) -> Event in try ReferenceParser.parseLine(line.line[...]) } == .success(event))
        }
    }
}
