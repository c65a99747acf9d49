// A fast path for the text most screens hold: letters, digits, punctuation, CJK, box drawing.
//
// Grapheme breaking and Unicode property look-ups are slow, and a frame measures every cell it
// writes. Most scalars, though, are a grapheme on their own whatever their neighbours are, as
// long as those neighbours are of the same kind: they are not controls, marks, joiners,
// prepended marks, emoji, regional indicators or Hangul jamo, so none of the rules that keep
// scalars together in one grapheme (UAX #29 GB3–GB13) can apply between two of them. For a
// text made only of such "simple" scalars, each scalar is one grapheme and its width is known
// from its block, so it can be measured and written scalar by scalar. Anything else takes the
// general path (`forEachGrapheme`), which gives the same answers slowly.

/// The display width (1 or 2) of a simple scalar, or nil when `value` is not one.
@inlinable
public func simpleWidth(_ value: UInt32) -> Int? {
    switch value {
    case 0x20...0x7E: return 1
    case 0xAD, 0xA9, 0xAE: return nil                   // soft hyphen (a control); © ® (emoji)
    case 0xA0...0x2FF: return 1                         // Latin-1, Latin Extended, IPA, modifiers
    case 0x370...0x482, 0x48A...0x52F: return 1         // Greek, Cyrillic (not its combining marks)
    case 0x1E00...0x1EFF: return 1                      // Latin Extended Additional
    case 0x2010...0x2027: return 1                      // dashes, quotes, bullet, ellipsis
    case 0x2190...0x2193: return 1                      // ← ↑ → ↓ (not ↔ and after: emoji)
    case 0x2500...0x259F: return 1                      // box drawing, block elements
    case 0x3041...0x3096, 0x30A1...0x30FA: return 2     // kana (not the combining sound marks)
    case 0x4E00...0x9FFF: return 2                      // CJK unified ideographs
    case 0xAC00...0xD7A3: return 2                      // Hangul syllables
    default: return nil
    }
}

/// The width of `s` when it is made only of simple scalars (each one grapheme); nil otherwise.
@inlinable
public func simpleTextWidth(_ s: String) -> Int? {
    var total = 0
    for scalar in s.unicodeScalars {
        guard let width = simpleWidth(scalar.value) else { return nil }
        total += width
    }
    return total
}

/// `wrap` for a text of simple scalars, where every scalar is a grapheme: the same lines,
/// with widths added up as the line grows instead of measured again for every word.
public func wrapSimple(_ text: String, width: Int, indentContinuation: Bool) -> [String] {
    let scalars = text.unicodeScalars
    let leadCount = scalars.prefix { $0 == " " }.count
    let lead = String(repeating: " ", count: leadCount)
    let continuation = indentContinuation ? lead + "  " : ""
    var lines: [String] = []
    var line = lead
    var lineWidth = leadCount
    var lineHasWord = false
    for wordScalars in scalars.dropFirst(leadCount).split(separator: " ") {
        let word = text[wordScalars.startIndex..<wordScalars.endIndex]
        let wordWidth = wordScalars.reduce(0) { $0 + simpleWidth($1.value)! }
        let candidateWidth = lineWidth + (lineHasWord ? 1 : 0) + wordWidth
        if candidateWidth <= width {
            line += lineHasWord ? " " + word : String(word)
            lineWidth = candidateWidth
        } else {
            if lineHasWord {
                lines.append(line)
                line = truncate(continuation + word, toWidth: width)
            } else {
                line = truncate(line + word, toWidth: width)
            }
            lineWidth = displayWidth(line)
        }
        lineHasWord = true
    }
    lines.append(line)
    return lines
}
