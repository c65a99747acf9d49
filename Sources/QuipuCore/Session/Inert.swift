/// Making text safe to show. A journal is data that anyone can edit, not a program: nothing
/// read from it (or typed, or imported) may reach a terminal as a control sequence.

/// `s` with everything that could act on a terminal replaced by a visible, inert stand-in:
/// C0 controls become Unicode Control Pictures (ESC → "␛", tab → "␉", newline → "␤"), DEL → "␡",
/// C1 controls and the bidi embedding/override/isolate controls → "�", and the line and
/// paragraph separators → "␤". Everything else is kept.
public func inert(_ s: String) -> String {
    if !needsInerting(s) { return s }
    var result = String.UnicodeScalarView()
    for scalar in s.unicodeScalars {
        result.append(inertScalar(scalar))
    }
    return String(result)
}

/// A quick byte scan for anything `inert` would replace, so clean text is returned as is.
private func needsInerting(_ s: String) -> Bool { hasUnsafeForTerminal(utf8: s.utf8) }

/// Whether UTF-8 text holds a scalar `isUnsafeForTerminal` is true of, by a scan of its bytes.
@inlinable
public func hasUnsafeForTerminal<Bytes: Sequence<UInt8>>(utf8 bytes: Bytes) -> Bool {
    var previous: UInt8 = 0, beforePrevious: UInt8 = 0
    for byte in bytes {
        if byte < 0x20 || byte == 0x7F { return true }
        // C1 controls are C2 80 … C2 9F in UTF-8.
        if previous == 0xC2 && byte < 0xA0 && byte >= 0x80 { return true }
        // U+2028…U+202E are E2 80 A8…AE; U+2066…U+2069 are E2 81 A6…A9.
        if beforePrevious == 0xE2
            && ((previous == 0x80 && (0xA8...0xAE).contains(byte)) || (previous == 0x81 && (0xA6...0xA9).contains(byte))) {
            return true
        }
        // U+FEFF is EF BB BF.
        if beforePrevious == 0xEF && previous == 0xBB && byte == 0xBF { return true }
        beforePrevious = previous
        previous = byte
    }
    return false
}

private func inertScalar(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    switch scalar.value {
    case 0x0A, 0x2028, 0x2029: return "\u{2424}"           // ␤ SYMBOL FOR NEWLINE
    case 0x00..<0x20: return Unicode.Scalar(0x2400 + scalar.value)!  // ␀ … ␟
    case 0x7F: return "\u{2421}"                            // ␡
    case 0x80..<0xA0: return "\u{FFFD}"
    case 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: return "\u{FFFD}"
    default: return scalar
    }
}


/// Whether a scalar could act on a terminal or hide or reorder text: C0 and C1 controls, DEL,
/// line and paragraph separators, bidi embeddings, overrides and isolates, and U+FEFF.
public func isUnsafeForTerminal(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return v < 0x20 || (v >= 0x7F && v < 0xA0) || v == 0x2028 || v == 0x2029
        || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069) || v == 0xFEFF
}

/// Writes `text` between double quotes with `\\ \" \n \r \t` escapes, and every other scalar
/// that could act on a terminal in the form the caller's format uses (`\u{1B}` in the journal,
/// `\u001b` in JSON): one quoting rule for every text Quipu writes.
public func appendQuoted(_ text: String, to out: inout String, escapingOther escape: (Unicode.Scalar) -> String) {
    out += "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if isUnsafeForTerminal(scalar) { out += escape(scalar) } else { out.unicodeScalars.append(scalar) }
        }
    }
    out += "\""
}

/// Appends `s` as a JSON string: text with nothing to escape is copied as it is; anything else
/// goes through `appendQuoted`, which escapes quotes and backslashes and writes everything that
/// could act on a terminal when the JSON is printed raw (C0 and C1 controls, bidi overrides,
/// line separators) as `\u00XX`.
/// The one JSON quoting rule: `list --json` items kept in the summary cache and every JSON
/// document QuipuReports renders use it.
public func appendJSONString(_ s: String, to out: inout [UInt8]) {
    var s = s
    let copied = s.withUTF8 { utf8 -> Bool in
        guard !utf8.contains(UInt8(ascii: "\"")), !utf8.contains(UInt8(ascii: "\\")),
              !hasUnsafeForTerminal(utf8: utf8) else { return false }
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: utf8)
        out.append(UInt8(ascii: "\""))
        return true
    }
    if !copied {
        var text = ""
        appendJSONString(s, to: &text)
        out += text.utf8
    }
}

/// `appendJSONString` into text.
public func appendJSONString(_ s: String, to out: inout String) {
    appendQuoted(s, to: &out) { scalar in
        let hex = String(scalar.value, radix: 16, uppercase: false)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
