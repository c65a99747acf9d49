@testable import QuipuCore
@testable import QuipuStore

/// The line parser as it was before it was made fast (commit 8b3b962), kept verbatim as the
/// reference the fast parser must agree with, event for event and error for error.
enum ReferenceParser {
    typealias LineError = JournalFormat.LineError
    static func isNameByte(_ b: UInt8) -> Bool { JournalFormat.isNameByte(b) }
    static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Int? { JournalFormat.find(needle, in: hay) }

    /// Parses one event line (without its newline) from bytes.
    static func parseLine(_ line: ArraySlice<UInt8>) throws(LineError) -> Event {
        var p = line.startIndex
        let end = line.endIndex
        func column(_ index: Int) -> Int {
            // Columns count characters, as an editor shows them, not bytes.
            String(decoding: line[line.startIndex..<min(index, end)], as: UTF8.self).count + 1
        }
        func fail(_ index: Int, _ message: String) -> LineError { LineError(column: column(index), message: message) }
        func token() -> ArraySlice<UInt8> {
            let start = p
            while p < end, line[p] != 0x20 { p += 1 }
            return line[start..<p]
        }
        func space(_ what: String) throws(LineError) {
            guard p < end, line[p] == 0x20 else { throw fail(p, "expected a space before \(what)") }
            p += 1
        }

        // Sequence number.
        let seqStart = p
        let seqBytes = token()
        guard !seqBytes.isEmpty, seqBytes.count <= 18, seqBytes.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              seqBytes.first != 48 else {
            throw fail(seqStart, "expected a sequence number (1, 2, 3…) at the start of the line")
        }
        var seq = 0
        for b in seqBytes { seq = seq * 10 + Int(b - 48) }
        try space("the timestamp")
        let tsStart = p
        guard let at = Timestamp.parse(utf8: token()) else {
            throw fail(tsStart, "expected a UTC timestamp like 2026-11-29T14:03:12.345Z")
        }
        try space("the writer id")
        let writerStart = p
        let writerBytes = token()
        guard !writerBytes.isEmpty, writerBytes.count <= 16,
              writerBytes.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }) else {
            throw fail(writerStart, "expected a writer id (1 to 16 of a-z 0-9)")
        }
        try space("the event kind")
        let kindStart = p
        let kindBytes = token()
        guard !kindBytes.isEmpty, kindBytes.allSatisfy(isNameByte) else {
            throw fail(kindStart, "expected an event kind such as idea.add")
        }
        var fields: [Field] = []
        while p < end {
            try space("a field")
            let keyStart = p
            while p < end, isNameByte(line[p]) { p += 1 }
            guard p > keyStart else { throw fail(keyStart, "expected a field name (a-z 0-9 . -)") }
            let key = String(decoding: line[keyStart..<p], as: UTF8.self)
            guard p < end, line[p] == 0x3D else { throw fail(p, "expected = after \(key)") }
            p += 1
            let value: String
            if p < end, line[p] == 0x22 {
                value = try quoted(line, &p, fail)
            } else {
                let valueStart = p
                while p < end, line[p] != 0x20 {
                    let b = line[p]
                    guard b > 0x20, b < 0x7F, b != 0x5C, b != 0x22 else {
                        throw fail(p, "a value with spaces or non-ASCII text must be in double quotes")
                    }
                    p += 1
                }
                guard p > valueStart else { throw fail(valueStart, "\(key) has no value; write \(key)=\"\" for an empty one") }
                value = String(decoding: line[valueStart..<p], as: UTF8.self)
            }
            fields.append(Field(key, value))
        }
        let record = Record(kind: String(decoding: kindBytes, as: UTF8.self), fields: fields)
        let change: Change
        do {
            change = try Change(record: record)
        } catch {
            // Point at the field to blame.
            var blame = kindStart
            if let key = error.key, let found = find(Array((" " + key + "=").utf8), in: line) { blame = found + 1 }
            throw fail(blame, error.message)
        }
        return Event(id: EventID(seq: seq, writer: String(decoding: writerBytes, as: UTF8.self)), at: at, change: change)
    }

    static func quoted(_ line: ArraySlice<UInt8>, _ p: inout Int, _ fail: (Int, String) -> LineError) throws(LineError) -> String {
        let open = p
        p += 1
        var bytes: [UInt8] = []
        let end = line.endIndex
        while true {
            guard p < end else { throw fail(open, "this quoted value is not closed with \"") }
            let b = line[p]
            if b == 0x22 { p += 1; break }
            if b == 0x5C {
                guard p + 1 < end else { throw fail(p, "a backslash must be followed by \\ \" n r t or u{…}") }
                let e = line[p + 1]
                switch e {
                case 0x5C: bytes.append(0x5C); p += 2
                case 0x22: bytes.append(0x22); p += 2
                case 0x6E: bytes.append(0x0A); p += 2
                case 0x72: bytes.append(0x0D); p += 2
                case 0x74: bytes.append(0x09); p += 2
                case 0x75:
                    let escStart = p
                    guard p + 2 < end, line[p + 2] == 0x7B, let close = line[(p + 3)...].firstIndex(of: 0x7D),
                          close - (p + 3) >= 1, close - (p + 3) <= 6,
                          let v = UInt32(String(decoding: line[(p + 3)..<close], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(v) else {
                        throw fail(escStart, "\\u must be followed by {HEX} naming a Unicode scalar")
                    }
                    bytes.append(contentsOf: Array(String(scalar).utf8))
                    p = close + 1
                default:
                    throw fail(p, "unknown escape \\\(String(decoding: [e], as: UTF8.self)); use \\\\ \\\" \\n \\r \\t or \\u{…}")
                }
                continue
            }
            guard b >= 0x20, b != 0x7F else { throw fail(p, "a control character must be written as an escape") }
            bytes.append(b)
            p += 1
        }
        if p < end, line[p] != 0x20 { throw fail(p, "expected a space after the closing quote") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw fail(open, "this value is not valid UTF-8")
        }
        return text
    }

}
