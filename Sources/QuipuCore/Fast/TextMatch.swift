/// `text.lowercased().contains(needle)` — the search's rule, which compares Characters — with a
/// byte scan first that rules out, without lowercasing or searching, text that cannot match.
///
/// For a needle of ASCII, a match in the lowercased text is a run of the needle's bytes in the
/// text, up to ASCII case, unless the text holds one of the four characters that lowercase to
/// ASCII bytes or are canonically equal to an ASCII character: U+0130 İ (→ i̇), U+212A K (Kelvin
/// sign → k), U+037E ; (Greek question mark) and U+1FEF ` (Greek varia). Text that passes the
/// scan is searched by the rule itself, so the answer is always the rule's.
public struct LowercasedMatch: Sendable {
    public let needle: String
    /// The needle's bytes when it is ASCII without capitals (and not empty): only then can bytes
    /// decide.
    private let ascii: [UInt8]?
    /// Without CR or LF, a run of the needle's bytes in ASCII text is a run of its Characters
    /// (CR LF is the one ASCII pair that makes a single Character).
    private let lineBreakFree: Bool

    public init(_ needle: String) {
        self.needle = needle
        let bytes = Array(needle.utf8)
        ascii = !bytes.isEmpty && bytes.allSatisfy { $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) } ? bytes : nil
        lineBreakFree = !bytes.contains(0x0A) && !bytes.contains(0x0D)
    }

    public func matches(_ text: String) -> Bool {
        if let ascii, let verdict = text.utf8.withContiguousStorageIfAvailable({ t in ascii.withUnsafeBufferPointer { decide(t, $0) } }),
           let verdict {
            return verdict
        }
        return text.lowercased().contains(needle)
    }

    /// `matches` of the text these UTF-8 bytes spell, deciding from the bytes where they can.
    public func matches(utf8 text: UnsafeBufferPointer<UInt8>) -> Bool {
        withMatcher { $0(text) }
    }

    /// Gives `body` `matches(utf8:)` as a function that holds on to the needle's bytes, for
    /// matching many texts in a row; and whether `mayContain` can rule texts out for it.
    public func withMatcher<R>(_ body: (_ matches: (UnsafeBufferPointer<UInt8>) -> Bool) -> R) -> R {
        func slow(_ text: UnsafeBufferPointer<UInt8>) -> Bool { String(decoding: text, as: UTF8.self).lowercased().contains(needle) }
        guard let ascii else { return body(slow) }
        // The word-at-a-time scan rules most texts out before the exact look.
        return ascii.withUnsafeBufferPointer { n in
            body { text in LowercasedMatch.mayContain(text, n) && (decide(text, n) ?? slow(text)) }
        }
    }

    /// The needle's bytes when `mayContain` can rule text out for it (ASCII without capitals).
    public var asciiNeedle: [UInt8]? { ascii }

    /// False when the text cannot match; true when it holds the needle's bytes between ASCII
    /// bytes (or the ends); nil when only the rule itself can tell.
    ///
    /// A needle without CR or LF found between ASCII bytes is a run of whole Characters: an ASCII
    /// byte ends any Character before it (CR LF aside), and none after it can join the run's last
    /// Character (combining marks and the like are not ASCII). Lowercasing leaves ASCII as ASCII,
    /// so the lowercased text holds the same run, whatever else it holds.
    private func decide(_ text: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Bool? {
        var found = false
        var i = 0
        let count = text.count
        while i < count {
            let b = text[i]
            if b >= 0x80 {
                if b == 0xC4 || b == 0xCD || b == 0xE1 || b == 0xE2, LowercasedMatch.isLookalike(text, at: i) { return nil }
            } else if asciiLowercase(b) == n[0], count - i >= n.count {
                var j = 1
                while j < n.count, asciiLowercase(text[i + j]) == n[j] { j += 1 }
                if j == n.count {
                    let end = i + n.count
                    if lineBreakFree, i == 0 || text[i - 1] < 0x80, end == count || text[end] < 0x80 { return true }
                    found = true
                }
            }
            i += 1
        }
        return found ? nil : false
    }

    /// False only when `text`, lowercased, cannot contain the ASCII `needle` (lowercase, not
    /// empty): neither its bytes up to ASCII case nor one of the four characters are there.
    public static func mayContain(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        needle.withUnsafeBufferPointer { mayContain(text, $0) }
    }

    static func mayContain(_ text: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = text.count
        /// Whether a match or one of the four characters starts at `i`.
        func startsAt(_ i: Int) -> Bool {
            let b = text[i]
            if b >= 0x80 {
                // The lead bytes of the four characters: C4 B0, CD BE, E1 BF AF, E2 84 AA.
                return (b == 0xC4 || b == 0xCD || b == 0xE1 || b == 0xE2) && isLookalike(text, at: i)
            }
            guard asciiLowercase(b) == n[0], count - i >= n.count else { return false }
            var j = 1
            while j < n.count, asciiLowercase(text[i + j]) == n[j] { j += 1 }
            return j == n.count
        }
        // Eight bytes at a time, passing over words with no byte of 0x80 or above and none
        // equal to the needle's first byte up to ASCII case (a letter's two cases differ in
        // the 0x20 bit alone, so setting it in every byte finds both; other bytes may then
        // be found too, and are only looked at closely).
        let first = n[0]
        let fold: UInt64 = first >= 0x61 && first <= 0x7A ? 0x2020_2020_2020_2020 : 0
        let pattern = UInt64(first) &* 0x0101_0101_0101_0101
        let raw = UnsafeRawBufferPointer(text)
        var i = 0
        while i + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let x = (word | fold) ^ pattern
            let hasFirst = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
            if hasFirst != 0 || word & 0x8080_8080_8080_8080 != 0 {
                for k in i..<(i + 8) where startsAt(k) { return true }
            }
            i += 8
        }
        while i < count {
            if startsAt(i) { return true }
            i += 1
        }
        return false
    }

    private static func isLookalike(_ t: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let left = t.count - i
        switch t[i] {
        case 0xC4: return left >= 2 && t[i + 1] == 0xB0
        case 0xCD: return left >= 2 && t[i + 1] == 0xBE
        case 0xE1: return left >= 3 && t[i + 1] == 0xBF && t[i + 2] == 0xAF
        case 0xE2: return left >= 3 && t[i + 1] == 0x84 && t[i + 2] == 0xAA
        default: return false
        }
    }
}

@inline(__always)
private func asciiLowercase(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
