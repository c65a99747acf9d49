import QuipuCore

/// One session's `SearchDocuments` as the search index keeps them: bytes that a search walks
/// without turning them back into strings, except for the hits it finds.
///
/// Layout (text is its UTF-8 length as a LEB128 number, then its bytes): the session's id,
/// title, initiative and date; then per document one byte, kind (its index in `SearchHit.Kind`)
/// times 8 plus 4 if it has an item plus how its text is kept (0: as text; 1: it is the first
/// field; 2: the first field followed by this text); the item; the text; the number of fields
/// (one byte); the fields.
struct EncodedSearchDocuments: Equatable, Sendable {
    /// Often a slice of the whole index file as read, shared rather than copied.
    var bytes: ArraySlice<UInt8>

    init(bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    init(_ documents: SearchDocuments) {
        var out: [UInt8] = []
        out.reserveCapacity(64 + documents.documents.count * 48)
        func text(_ s: String) {
            var s = s
            s.withUTF8 { utf8 in
                var n = utf8.count
                while n >= 0x80 { out.append(UInt8(n & 0x7F) | 0x80); n >>= 7 }
                out.append(UInt8(n))
                out += utf8
            }
        }
        for t in [documents.sessionID, documents.sessionTitle, documents.initiative, documents.date] { text(t) }
        for d in documents.documents {
            let kind = SearchHit.Kind.allCases.firstIndex(of: d.kind)!
            let first = d.fields.first
            let form = first == d.text ? 1 : first.map { !$0.isEmpty && d.text.utf8.starts(with: $0.utf8) } == true ? 2 : 0
            out.append(UInt8(kind * 8 + (d.item == nil ? 0 : 4) + form))
            if let item = d.item { text(item) }
            switch form {
            case 0: text(d.text)
            case 2: text(String(decoding: d.text.utf8.dropFirst(first!.utf8.count), as: UTF8.self))
            default: break
            }
            precondition(d.fields.count < 256)
            out.append(UInt8(d.fields.count))
            for field in d.fields { text(field) }
        }
        bytes = out[...]
    }

    /// The hits of the documents any of whose fields `match` matches: what
    /// `SearchDocuments.hits(for:)` gives for the same documents.
    func hits(_ match: LowercasedMatch) -> [SearchHit] {
        // A session whose bytes cannot hold a match is passed over whole.
        if let needle = match.asciiNeedle, !bytes.withUnsafeBufferPointer({ LowercasedMatch.mayContain($0, needle) }) { return [] }
        return match.withMatcher { matches in walk(whole: false) { fields in fields.contains(where: matches) }.hits }
    }

    /// The documents back, as they were encoded; nil when the bytes are not an encoding.
    func decoded() -> SearchDocuments? {
        walk(whole: true) { _ in true }.session
    }

    /// Walks the documents, turning into strings only those `wanted` says yes to (given each
    /// field's bytes): as hits, or (`whole`) as documents. Nothing when the bytes end early or
    /// say something impossible.
    private func walk(whole: Bool, _ wanted: ([UnsafeBufferPointer<UInt8>]) -> Bool) -> (hits: [SearchHit], session: SearchDocuments?) {
        bytes.withUnsafeBufferPointer { b -> (hits: [SearchHit], session: SearchDocuments?) in
            var at = 0
            func span() -> UnsafeBufferPointer<UInt8>? {
                var n = 0, shift = 0
                while true {
                    guard at < b.count, shift < 35 else { return nil }
                    let byte = b[at]
                    at += 1
                    n |= Int(byte & 0x7F) << shift
                    shift += 7
                    if byte < 0x80 { break }
                }
                guard b.count - at >= n else { return nil }
                defer { at += n }
                return UnsafeBufferPointer(rebasing: b[at..<(at + n)])
            }
            func byte() -> UInt8? {
                guard at < b.count else { return nil }
                defer { at += 1 }
                return b[at]
            }
            func text(_ s: UnsafeBufferPointer<UInt8>) -> String { String(decoding: s, as: UTF8.self) }
            let none: (hits: [SearchHit], session: SearchDocuments?) = ([], nil)
            guard let id = span(), let title = span(), let initiative = span(), let date = span() else { return none }
            var session = SearchDocuments(sessionID: text(id), sessionTitle: text(title), initiative: text(initiative),
                                          date: text(date), documents: [])
            var hits: [SearchHit] = []
            var fields: [UnsafeBufferPointer<UInt8>] = []
            fields.reserveCapacity(8)
            let kinds = SearchHit.Kind.allCases
            while at < b.count {
                guard let head = byte(), Int(head >> 3) < kinds.count, head & 3 != 3 else { return none }
                var item: UnsafeBufferPointer<UInt8>?
                if head & 4 != 0 { guard let i = span() else { return none }; item = i }
                var ownText: UnsafeBufferPointer<UInt8>?
                if head & 3 != 1 { guard let t = span() else { return none }; ownText = t }
                guard let count = byte() else { return none }
                fields.removeAll(keepingCapacity: true)
                for _ in 0..<count { guard let f = span() else { return none }; fields.append(f) }
                guard head & 3 == 0 || !fields.isEmpty else { return none }
                if wanted(fields) {
                    let shown: String
                    switch head & 3 {
                    case 0: shown = text(ownText!)
                    case 1: shown = text(fields[0])
                    default: shown = text(fields[0]) + text(ownText!)
                    }
                    let kind = kinds[Int(head >> 3)]
                    if whole {
                        session.documents.append(SearchDocument(kind: kind, item: item.map(text), text: shown, fields: fields.map(text)))
                    } else {
                        hits.append(SearchHit(sessionID: session.sessionID, sessionTitle: session.sessionTitle,
                                              initiative: session.initiative, date: session.date,
                                              kind: kind, item: item.map(text), text: shown))
                    }
                }
            }
            return (hits, session)
        }
    }
}

extension EncodedSearchDocuments: CachedValue {
    static let magic = Array("quipu search index 3\n".utf8)
    static let fileStem = "search"

    func encode(into out: inout CacheWriter) {
        out.int(Int64(bytes.count))
        out.bytes += bytes
    }

    static func decode(from r: inout CacheReader) -> EncodedSearchDocuments? {
        guard let n = r.int(), n >= 0, n <= r.raw.count - r.offset else { return nil }
        defer { r.offset += Int(n) }
        let range = r.offset..<(r.offset + Int(n))
        return EncodedSearchDocuments(bytes: r.source.count >= range.upperBound ? r.source[range] : Array(r.raw[range])[...])
    }
}
