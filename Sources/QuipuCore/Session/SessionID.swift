/// Session ids: the date and a slug of the title, `2026-11-29-watershed-management`.
public enum SessionID {
    /// Lower-case ASCII letters and digits joined by single hyphens; accents folded where Unicode
    /// decomposes them, everything else dropped. Never empty, never a path.
    public static func slug(_ title: String) -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in title.decomposedASCIIScalars {
            let v = scalar.value
            let isAlnum = (v >= 48 && v <= 57) || (v >= 97 && v <= 122) || (v >= 65 && v <= 90)
            if isAlnum {
                if pendingHyphen && !out.isEmpty { out += "-" }
                pendingHyphen = false
                out.unicodeScalars.append(v >= 65 && v <= 90 ? Unicode.Scalar(v + 32)! : scalar)
                if out.utf8.count >= 60 { break }
            } else {
                pendingHyphen = true
            }
        }
        return out.isEmpty ? "session" : out
    }

    /// The id for a new session on `date` (YYYY-MM-DD) that does not clash with `existing`.
    public static func make(title: String, date: String, existing: Set<String>) -> String {
        let base = "\(date)-\(slug(title))"
        if !existing.contains(base) { return base }
        var n = 2
        while existing.contains("\(base)-\(n)") { n += 1 }
        return "\(base)-\(n)"
    }

    /// Ids name files in the sessions folder: only `[a-z0-9-]`, not starting with a hyphen or dot.
    public static func isValid(_ id: String) -> Bool {
        guard let first = id.utf8.first, first != UInt8(ascii: "-"), id.utf8.count <= 100 else { return false }
        return id.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }
}

extension String {
    /// The scalars of the canonical decomposition, so `é` becomes `e` + a combining mark.
    /// Latin letters with accents folded to their base letter (`é` → `e`, `Ñ` → `N`), read from
    /// the Unicode name so no table or Foundation is needed; other scalars are kept as they are.
    var decomposedASCIIScalars: [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        for scalar in unicodeScalars {
            if scalar.isASCII { result.append(scalar); continue }
            if let name = scalar.properties.name {
                let words = name.split(separator: " ")
                if words.count >= 4, words[0] == "LATIN", words[2] == "LETTER", words[3].count == 1,
                   let base = words[3].unicodeScalars.first {
                    result.append(words[1] == "SMALL" ? Unicode.Scalar(base.value + 32)! : base)
                    continue
                }
            }
            result.append(scalar)
        }
        return result
    }
}
