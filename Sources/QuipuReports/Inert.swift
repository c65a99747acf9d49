/// Makes journal text safe to print: control characters become visible symbols (`␛`, `␊`) and
/// C1 controls, bidi overrides and line separators become `�`, so a journal — which anyone can
/// edit — never sends escape sequences to a terminal or reorders what a reader sees.
public func inert(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
    var out = ""
    out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
        let v = scalar.value
        if v < 0x20 {
            out.unicodeScalars.append(Unicode.Scalar(0x2400 + v)!)
        } else if v == 0x7F {
            out += "\u{2421}"
        } else if isUnsafe(scalar) {
            out += "\u{FFFD}"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return v < 0x20 || (v >= 0x7F && v < 0xA0) || v == 0x2028 || v == 0x2029
        || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069) || v == 0xFEFF
}
