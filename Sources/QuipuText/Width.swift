// How many terminal columns text takes, and text cut or wrapped to a width: the one rule the
// screens, the command line's tables and the reports share. Journal text is made `inert`
// (QuipuCore) before it is measured for the terminal.
import QuipuCore

/// `s` cut at a grapheme boundary to at most `width` columns, ending with "…" if anything was cut.
/// Like `truncate`, but cut at the end of a word when one ends in the last third of the
/// width, so a line reads "areas of…" rather than "areas o…".
public func truncateAtWord(_ s: String, toWidth width: Int) -> String {
    let cut = truncate(s, toWidth: width)
    guard cut.hasSuffix("…"), displayWidth(cut) < displayWidth(inert(s)) || cut != s else { return cut }
    var kept = Array(cut.dropLast())
    let keptCount = kept.count
    guard keptCount > 0, !kept[keptCount - 1].isWhitespace else { return String(kept).trimmingTrailingSpaces() + "…" }
    let full = Array(inert(s))
    if full.count > keptCount, full[keptCount].isWhitespace { return cut }   // cut fell at a word end
    guard let space = kept.lastIndex(where: \.isWhitespace), space >= keptCount * 2 / 3 else { return cut }
    kept.removeSubrange(space...)
    return String(kept).trimmingTrailingSpaces() + "…"
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace || last == "·" { s.removeLast() }
        return String(s)
    }
}

public func truncate(_ s: String, toWidth width: Int) -> String {
    guard width > 0 else { return "" }
    if let simple = simpleTextWidth(s) {
        // Simple scalars (SimpleText.swift) are graphemes of their own and need no inerting.
        if simple <= width { return s }
        var result = String.UnicodeScalarView()
        var used = 0
        for scalar in s.unicodeScalars {
            let scalarWidth = simpleWidth(scalar.value)!
            if used + scalarWidth > width - 1 { break }
            result.append(scalar)
            used += scalarWidth
        }
        return String(result) + "…"
    }
    let safe = inert(s)
    if displayWidth(safe) <= width { return safe }
    var result = ""
    var used = 0
    for character in safe {
        let characterWidth = displayWidth(character)
        if used + characterWidth > width - 1 { break }
        result.append(character)
        used += characterWidth
    }
    return result + "…"
}

// MARK: - Display width

/// Terminal columns a grapheme takes: 0, 1 or 2 (more for clusters of several spacing
/// letters). Emoji sequences (ZWJ families, flags, skin tones, VS16) count as one wide character.
public func displayWidth(_ c: Character) -> Int {
    let scalars = c.unicodeScalars
    let first = scalars.first!
    if first.value >= 0x20 && first.value < 0x7F && scalars.count == 1 { return 1 }
    var total = 0
    var isEmoji = false
    for scalar in scalars {
        total += scalarWidth(scalar)
        if scalar.properties.isEmojiPresentation || (scalar.value == 0xFE0F && first.properties.isEmoji) {
            isEmoji = true
        }
    }
    return isEmoji && scalars.count > 1 ? 2 : total
}

/// Terminal columns a string takes.
public func displayWidth(_ s: String) -> Int {
    if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s.utf8.count }
    if let simple = simpleTextWidth(s) { return simple }
    // As `forEachGrapheme` walks, without making a `Character` of each ASCII byte.
    let utf8 = s.utf8
    var total = 0
    var index = s.startIndex
    while index < s.endIndex {
        let byte = utf8[index]
        let next = utf8.index(after: index)
        if byte < 0x80 && (next == s.endIndex || utf8[next] < 0x80) {
            if byte >= 0x20 && byte != 0x7F { total += 1 }
            index = next
        } else {
            total += displayWidth(s[index])
            index = s.index(after: index)
        }
    }
    return total
}

/// Calls `body` with each grapheme of `s` and its display width until `body` returns false.
/// Grapheme breaking is slow, so an ASCII character followed by another ASCII character (which
/// can never join it, short of CR LF, and controls are 0 wide anyway) skips it.
public func forEachGrapheme(_ s: String, _ body: (Character, Int) -> Bool) {
    let utf8 = s.utf8
    var index = s.startIndex
    while index < s.endIndex {
        let byte = utf8[index]
        let next = utf8.index(after: index)
        if byte < 0x80 && (next == s.endIndex || utf8[next] < 0x80) {
            guard body(Character(Unicode.Scalar(byte)), byte >= 0x20 && byte != 0x7F ? 1 : 0) else { return }
            index = next
        } else {
            let character = s[index]
            guard body(character, displayWidth(character)) else { return }
            index = s.index(after: index)
        }
    }
}

/// wcwidth, from Unicode properties: controls and marks 0, East Asian Wide/Fullwidth and
/// emoji-presentation characters 2, everything else 1.
public func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x7F { return value >= 0x20 ? 1 : 0 }
    if value < 0xA0 { return 0 }
    if value < 0x300 { return 1 }
    // Hangul medial vowels and final consonants join the initial consonant before them.
    if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
    let properties = scalar.properties
    switch properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control: return 0
    default: break
    }
    if value >= 0x1100 && (properties.isEmojiPresentation || isEastAsianWide(value)) { return 2 }
    return 1
}

/// East Asian Width W or F (Unicode 15.1), excluding the emoji, which `isEmojiPresentation`
/// already covers. Sorted, for binary search.
private let eastAsianWideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x2E99, 0x2E9B...0x2EF3, 0x2F00...0x2FD5,
    0x2FF0...0x2FFF, 0x3000...0x303E, 0x3041...0x3096, 0x3099...0x30FF, 0x3105...0x312F,
    0x3131...0x318E, 0x3190...0x31E3, 0x31EF...0x321E, 0x3220...0x3247, 0x3250...0x4DBF,
    0x4E00...0xA48C, 0xA490...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3, 0xF900...0xFAFF,
    0xFE10...0xFE19, 0xFE30...0xFE52, 0xFE54...0xFE66, 0xFE68...0xFE6B, 0xFF01...0xFF60,
    0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x16FF0...0x16FF1, 0x17000...0x187F7,
    0x18800...0x18CD5, 0x18D00...0x18D08, 0x1AFF0...0x1AFF3, 0x1AFF5...0x1AFFB,
    0x1AFFD...0x1AFFE, 0x1B000...0x1B122, 0x1B132...0x1B132, 0x1B150...0x1B152,
    0x1B155...0x1B155, 0x1B164...0x1B167, 0x1B170...0x1B2FB, 0x1F200...0x1F202,
    0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265,
    0x20000...0x2FFFD, 0x30000...0x3FFFD,
]

private func isEastAsianWide(_ value: UInt32) -> Bool {
    var low = 0, high = eastAsianWideRanges.count - 1
    while low <= high {
        let middle = (low + high) / 2
        let range = eastAsianWideRanges[middle]
        if value < range.lowerBound { high = middle - 1 } else if value > range.upperBound { low = middle + 1 } else { return true }
    }
    return false
}

/// Greedy word wrap by display width, keeping the leading indent; a word longer than a line
/// is cut with "…".
public func wrap(_ text: String, width: Int, indentContinuation: Bool = false) -> [String] {
    guard width > 0 else { return [] }
    guard displayWidth(text) > width else { return [text] }
    if simpleTextWidth(text) != nil { return wrapSimple(text, width: width, indentContinuation: indentContinuation) }
    return wrapGraphemes(text, width: width, indentContinuation: indentContinuation)
}

/// Parts joined with `separator`, a line broken only between two parts (a part wider than the
/// line is wrapped at its words): a key and its words stay together, as in `c close · b ballots`.
public func wrapParts(_ parts: [String], separator: String = " · ", width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for part in parts {
        let candidate = line.isEmpty ? part : line + separator + part
        if displayWidth(candidate) <= width {
            line = candidate
            continue
        }
        if !line.isEmpty { lines.append(line) }
        let pieces = wrap(part, width: width)
        lines += pieces.dropLast()
        line = pieces.last ?? ""
    }
    if !line.isEmpty { lines.append(line) }
    return lines
}

/// `wrap` for any text, grapheme by grapheme.
public func wrapGraphemes(_ text: String, width: Int, indentContinuation: Bool) -> [String] {
    let lead = String(text.prefix { $0 == " " })
    let continuation = indentContinuation ? lead + "  " : ""
    var lines: [String] = []
    var line = lead
    var lineHasWord = false
    for word in text.dropFirst(lead.count).split(separator: " ") {
        let candidate = lineHasWord ? line + " " + word : line + word
        if displayWidth(candidate) <= width {
            line = candidate
        } else if lineHasWord {
            lines.append(line)
            line = truncate(continuation + word, toWidth: width)
        } else {
            line = truncate(candidate, toWidth: width)
        }
        lineHasWord = true
    }
    lines.append(line)
    return lines
}

/// Pasted text without terminal escape sequences: colour codes copied from a terminal
/// (`ESC[31m`), titles (`ESC]0;…BEL`) and other `ESC` sequences are removed whole, so none is
/// left behind as `[31m`.
public func removingEscapeSequences(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0 == "\u{1B}" || $0 == "\u{9B}" || $0 == "\u{07}" }) else { return text }
    var out = String.UnicodeScalarView()
    var scalars = Array(text.unicodeScalars)[...]
    while let c = scalars.popFirst() {
        switch c {
        case "\u{1B}":
            guard let kind = scalars.popFirst() else { break }
            switch kind {
            case "[": dropCSI(&scalars)
            case "]", "P", "X", "^", "_":
                // A string up to BEL or ESC \.
                while let s = scalars.popFirst() {
                    if s == "\u{07}" { break }
                    if s == "\u{1B}", scalars.first == "\\" { scalars.removeFirst(); break }
                }
            case _ where (0x20...0x2F).contains(kind.value):
                // ESC, intermediates, a final character (ESC ( B chooses a character set).
                while let s = scalars.popFirst(), (0x20...0x2F).contains(s.value) {}
            default: break   // ESC and one character
            }
        case "\u{9B}": dropCSI(&scalars)
        case "\u{07}": break   // a BEL that ended no sequence
        default: out.append(c)
        }
    }
    return String(out)
}

/// Parameters and intermediates, then the final byte (@ to ~).
private func dropCSI(_ scalars: inout ArraySlice<Unicode.Scalar>) {
    while let s = scalars.popFirst() {
        if (0x40...0x7E).contains(s.value) { return }
    }
}
