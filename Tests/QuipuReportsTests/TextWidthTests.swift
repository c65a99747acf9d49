import Testing
@testable import QuipuReports

/// Columns are counted in linear time now; they must come out exactly as the character-by-character
/// definition says, for every mix of wide, combining and ASCII text.
@Suite("Text widths in tables")
struct TextWidthTests {
    static let pieces = ["a", "Z", " ", "é", "e\u{301}", "\u{301}", "流", "域", "会議", "⛰️", "👩‍👩‍👧", "🇵🇪", "\r\n", "\r", "ｱ", "한", "…"]

    /// The definitions, spelled out: the width of each character, and the longest prefix that
    /// leaves a column for the ellipsis.
    static func width(_ text: String) -> Int { text.reduce(0) { $0 + TextReport.width(of: $1) } }
    static func truncated(_ text: String, to width: Int) -> String {
        guard self.width(text) > width else { return text }
        var out = ""
        for c in text {
            if self.width(out + String(c)) > width - 1 { break }
            out.append(c)
        }
        return out + "…"
    }

    @Test func widthsAndTruncationFollowTheDefinition() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...20, using: &rng)).map { _ in Self.pieces.randomElement(using: &rng)! }.joined()
            let limit = Int.random(in: 1...12, using: &rng)
            #expect(TextReport.displayWidth(text) == Self.width(text), "\(text.unicodeScalars.map(\.value))")
            #expect(TextReport.truncate(text, to: limit) == Self.truncated(text, to: limit), "\(text.unicodeScalars.map(\.value)) \(limit)")
        }
        #expect(TextReport.displayWidth("ab\r\ncd") == 5)
        #expect(TextReport.truncate("流域の会議と水", to: 6) == "流域…")
    }
}
