/// Text helpers for reading the journal's fields: on ASCII text (nearly every field) they work on
/// bytes, where a `Character` is a byte; on any other text they do exactly what the `Character`
/// operations they stand for do.
extension String {
    var isASCIIOnly: Bool { utf8.allSatisfy { $0 < 0x80 } }

    /// `split(separator: ",").map(String.init)`.
    func commaSeparated() -> [String] {
        let split = utf8.withContiguousStorageIfAvailable { b -> [String]? in
            var high: UInt8 = 0
            for c in b { high |= c }
            guard high < 0x80 else { return nil }
            var parts: [String] = []
            var start = 0
            for i in 0...b.count where i == b.count || b[i] == 0x2C {
                if i > start { parts.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)) }
                start = i + 1
            }
            return parts
        }
        if let split = split, let parts = split { return parts }
        return self.split(separator: ",").map(String.init)
    }

    /// `firstIndex(of: ":")`.
    func firstColon() -> String.Index? {
        isASCIIOnly ? utf8.firstIndex(of: 0x3A) : firstIndex(of: ":")
    }
}

extension EventKind {
    static let named: [String: EventKind] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    /// `EventKind(rawValue:)`, without hashing when the kind is ASCII: two ASCII texts are equal exactly
    /// when their bytes are, so the bytes are compared with the few names of the same shape.
    public static func lookup(_ kind: String) -> EventKind? {
        let found = kind.utf8.withContiguousStorageIfAvailable { b -> EventKind?? in
            var high: UInt8 = 0
            for c in b { high |= c }
            guard high < 0x80 else { return .none }
            guard let first = b.first, let last = b.last else { return .some(nil) }
            candidates: for (name, known) in buckets[bucket(b.count, first, last)] where name.count == b.count {
                for i in 0..<name.count where name[i] != b[i] { continue candidates }
                return .some(known)
            }
            return .some(nil)
        }
        if let found, let answer = found { return answer }
        return named[kind]
    }

    private static func bucket(_ count: Int, _ first: UInt8, _ last: UInt8) -> Int {
        (count &* 31 &+ Int(first) &* 7 &+ Int(last)) & 255
    }

    /// The known names' bytes by `bucket` of their length, first and last byte.
    private static let buckets: [[(name: [UInt8], kind: EventKind)]] = {
        var table = [[(name: [UInt8], kind: EventKind)]](repeating: [], count: 256)
        for (name, kind) in named {
            let bytes = Array(name.utf8)
            table[bucket(bytes.count, bytes.first ?? 0, bytes.last ?? 0)].append((bytes, kind))
        }
        return table
    }()
}

/// `nameKeyByScalars(text)` for ASCII text, on bytes: capitals made small, white space (tab, line
/// feed, vertical tab, form feed, carriage return, space) trimmed and each run made one space,
/// every other byte as it is. The text itself when it is a key already; nil when it is not ASCII.
/// Held to the reference by `NameKeyTests`.
func asciiNameKey(_ text: String) -> String? {
    func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
    let result = text.utf8.withContiguousStorageIfAvailable { u -> String?? in
        var high: UInt8 = 0
        var asIs = true
        var previousSpace = true
        for b in u {
            high |= b
            if isSpace(b) {
                if previousSpace || b != 0x20 { asIs = false }
                previousSpace = true
            } else {
                if b >= 0x41, b <= 0x5A { asIs = false }
                previousSpace = false
            }
        }
        guard high < 0x80 else { return .none }
        if previousSpace, !u.isEmpty { asIs = false }
        if asIs { return .some(nil) }
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var space = false
        for b in u {
            if isSpace(b) {
                space = !out.isEmpty
                continue
            }
            if space { out.append(0x20) }
            space = false
            out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        return .some(String(decoding: out, as: UTF8.self))
    }
    guard let result, let ascii = result else { return nil }
    return ascii ?? text
}
