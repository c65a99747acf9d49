import Testing
import PropertyBased
@testable import QuipuCore

/// Search skips lowercasing text its bytes rule out; the answer must always be the rule's own,
/// `text.lowercased().contains(needle)`, which compares Characters.
@Suite("Matching search text")
struct TextMatchTests {
    /// Pieces chosen to trip a byte scan: case, accents composed and not, combining marks, the
    /// characters that lowercase or are canonically equal to ASCII, CR LF, wide text.
    static let pieces = ["a", "B", "k", "K", "\u{212A}", "\u{130}", "i", "I", "\u{307}", ";", "\u{37E}", "`", "\u{1FEF}",
                         "e", "é", "e\u{301}", "\u{301}", " ", "\r\n", "\r", "\n", "流域", "ß", "SS", "Σ", "ς", "-", "1"]

    /// The rule spelled out: the lowercased text's Characters hold the needle's as a run. (Said
    /// here because with Foundation imported, `String.contains` compares scalars instead.)
    static func rule(_ text: String, _ needle: String) -> Bool {
        let t = Array(text.lowercased()), n = Array(needle)
        guard n.count <= t.count else { return false }
        return (0...(t.count - n.count)).contains { Array(t[$0..<($0 + n.count)]) == n }
    }

    @Test func theScanNeverChangesTheAnswer() async {
        let piece = Gen.int(in: 0...(Self.pieces.count - 1)).map { Self.pieces[$0] }
        let text = piece.array(of: 0...12).map { $0.joined() }
        let needle = piece.array(of: 1...4).map { $0.joined().lowercased() }
        await propertyCheck(count: 3000, input: text, needle) { text, needle in
            #expect(LowercasedMatch(needle).matches(text) == Self.rule(text, needle))
        }
        // Needles with capitals (search lowercases its own, but the rule holds for any).
        await propertyCheck(count: 1000, input: text, piece.array(of: 1...4).map { $0.joined() }) { text, needle in
            #expect(LowercasedMatch(needle).matches(text) == Self.rule(text, needle))
        }
    }

    @Test func lookalikesOfASCIIStillMatch() {
        #expect(LowercasedMatch("kelvin").matches("\u{212A}elvin"))
        #expect(LowercasedMatch("a;b").matches("A\u{37E}B"))
        #expect(LowercasedMatch("`x").matches("\u{1FEF}X"))
        #expect(LowercasedMatch("glacier").matches("Glacier lakes"))
        #expect(!LowercasedMatch("glacier").matches("Glaciers"[..<"Glaciers".index("Glaciers".startIndex, offsetBy: 6)].description))
        #expect(!LowercasedMatch("cafe").matches("cafe\u{301}"))
        // CR LF is one Character: neither half of it matches alone.
        #expect(!LowercasedMatch("\n").matches("a\r\nb"))
        #expect(!LowercasedMatch("a\r").matches("A\r\nb"))
        #expect(LowercasedMatch("a\r\nb").matches("A\r\nB"))
        #expect(LowercasedMatch("\n").matches("a\nb"))
    }
}
