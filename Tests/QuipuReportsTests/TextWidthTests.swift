import Testing
@testable import QuipuReports
import QuipuText

/// The command line's tables measure text with the screens' width (QuipuText), so a column of
/// ⛰️, 流域 or 👩‍👩‍👧 lines up in both; truncation keeps whole graphemes and leaves a column for "…".
@Suite("Text widths in tables")
struct TextWidthTests {
    static let pieces = ["a", "Z", " ", "é", "e\u{301}", "流", "域", "会議", "⛰️", "👩‍👩‍👧", "🇵🇪", "ｱ", "한", "…"]

    /// The definition, spelled out: the longest prefix of whole graphemes that leaves a column
    /// for the ellipsis.
    static func truncated(_ text: String, to width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        var out = ""
        for c in text {
            if displayWidth(out + String(c)) > width - 1 { break }
            out.append(c)
        }
        return out + "…"
    }

    @Test func truncationFollowsTheDefinition() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...20, using: &rng)).map { _ in Self.pieces.randomElement(using: &rng)! }.joined()
            let limit = Int.random(in: 1...12, using: &rng)
            #expect(truncate(text, toWidth: limit) == Self.truncated(text, to: limit), "\(text.unicodeScalars.map(\.value)) \(limit)")
        }
        #expect(truncate("流域の会議と水", toWidth: 6) == "流域…")
    }

    @Test func aTableColumnLinesUpAfterWideAndEmojiText() {
        // ⛰️ (U+26F0 U+FE0F) is two columns on the screen: it was one in the tables.
        #expect(displayWidth("⛰️") == 2)
        let lines = TextReport.table([["⛰️ Andes", "x"], ["Páramos", "y"], ["流域管理", "z"]])
        let columns = lines.map { line in displayWidth(String(line.prefix { $0 != "x" && $0 != "y" && $0 != "z" })) }
        #expect(Set(columns).count == 1, "\(lines)")
    }
}
