import Testing
@testable import QuipuCore

/// `asciiNameKey` (Fast/FastText.swift) is `nameKeyByScalars` on ASCII text, and `nameKey` is
/// the reference on any text.
@Suite struct NameKeyTests {
    static let pieces = ["a", "Z", "q", "7", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{1}", "\u{1F}", "-", ",",
                         "Sofía", "Ñ", "e\u{301}", "\u{A0}", "İ", "流域", "\u{7F}", "~"]

    @Test func theBytePathAgreesWithTheReference() {
        var rng: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17
            return Int(rng % UInt64(n))
        }
        for round in 0..<20_000 {
            // Half the texts ASCII only, so the byte path is taken.
            let pool = round % 2 == 0 ? Self.pieces.filter { $0.utf8.allSatisfy { $0 < 0x80 } } : Self.pieces
            let text = (0..<next(9)).map { _ in pool[next(pool.count)] }.joined()
            #expect(nameKey(text) == nameKeyByScalars(text), "\(text.unicodeScalars.map { $0.value })")
        }
    }

    @Test func examples() {
        #expect(nameKey("  Sofía  Mendoza ") == "sofia mendoza")
        #expect(nameKey("Gonzalo Ñuflo") == "gonzalo nuflo")
        #expect(nameKey("already a key") == "already a key")
        #expect(nameKey("\tBina\r\nGURUNG ") == "bina gurung")
        #expect(nameKey("") == "")
        #expect(asciiNameKey("Perú") == nil)
    }
}
