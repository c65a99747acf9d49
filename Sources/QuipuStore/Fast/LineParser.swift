#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QuipuCore

/// The event-line grammar read straight from the journal's bytes (docs/FORMAT.md, `parseLine`).
///
/// It accepts, rejects and reports exactly as the grammar always has (the tests hold it to the
/// earlier parser, kept in `Tests/QuipuStoreTests/ReferenceParser.swift`), but it works on a
/// pointer into the file's bytes: no per-byte bounds checks, no intermediate byte arrays, and a
/// quoted value without escapes becomes its `String` in one step.
extension JournalFormat {
    /// What one line leaves for the next: lines of a journal mostly share their writer.
    struct LineContext {
        var writer = ""
        var writerBytes: [UInt8] = []
        var day = Timestamp.Day()
        /// Reused from line to line: once a line's record is gone, its buffer is free again.
        var fields: [Field] = []
        /// Which known name each of the first 16 fields has, four bits each.
        var keys: UInt64 = 0
        /// Short bare values seen lately (ids, yes, no, statuses…), by their bytes: a journal
        /// repeats them, and the same bytes make the same `String`. Empty unless asked for.
        private var recent: [(low: UInt64, high: UInt64, text: String)?] = []
        /// 64 less the number of bits of a slot in `recent`.
        private var recentShift: UInt64 = 64

        /// `lines` sizes the memory of values: 512 of them, up to 4,096 for a long journal (which
        /// has more distinct ids to remember).
        init(remembersValues: Bool = false, lines: Int = 0) {
            guard remembersValues else { return }
            var slots = 512, bits: UInt64 = 9
            while slots < 4096, slots * 8 < lines { slots *= 2; bits += 1 }
            recent = Array(repeating: nil, count: slots)
            recentShift = 64 - bits
        }

        /// A bare value's text (printable ASCII, checked by the caller).
        mutating func bareValue(_ n: UnsafeBufferPointer<UInt8>) -> String {
            guard !recent.isEmpty, n.count <= 15 else { return String(decoding: n, as: UTF8.self) }
            // The bytes, zero-padded, and the length in the top byte: equal words, equal values.
            var words: (low: UInt64, high: UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(n)) }
            let low = UInt64(littleEndian: words.low), high = UInt64(littleEndian: words.high) | UInt64(n.count) << 56
            let slot = Int(truncatingIfNeeded: ((low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F)) >> recentShift)
            if let seen = recent[slot], seen.low == low, seen.high == high { return seen.text }
            let text = String(decoding: n, as: UTF8.self)
            recent[slot] = (low, high, text)
            return text
        }
    }

    /// The field names `commonChange` reads.
    enum FieldKey: UInt8 { case other, id, text, vote, by, choices, binding, present, role, status }

    /// Byte-for-byte equality of two runs of bytes.
    @inline(__always)
    static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let pa = a.baseAddress, let pb = b.baseAddress else { return true }
        return memcmp(pa, pb, a.count) == 0
    }

    static func parseLine(bytes b: UnsafeBufferPointer<UInt8>, context: inout LineContext) throws(LineError) -> Event {
        let end = b.count
        var p = 0
        func fail(_ index: Int, _ message: Message) -> LineError {
            // Columns count characters, as an editor shows them, not bytes.
            let upTo = UnsafeBufferPointer(rebasing: b[0..<min(index, end)])
            return LineError(column: String(decoding: upTo, as: UTF8.self).count + 1, message: message)
        }
        func token() -> Range<Int> {
            let start = p
            if let base = b.baseAddress, p < end, let space = memchr(base + p, 0x20, end - p) {
                p = base.distance(to: space.assumingMemoryBound(to: UInt8.self))
            } else {
                p = end
            }
            return start..<p
        }
        func space(_ what: Message) throws(LineError) {
            guard p < end, b[p] == 0x20 else { throw fail(p, Message("expected a space before {what}", ["what": .message(what)])) }
            p += 1
        }
        func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self) }

        // Sequence number.
        let seqRange = token()
        var seq = 0
        var seqOK = !seqRange.isEmpty && seqRange.count <= 18 && b[seqRange.lowerBound] != 48
        if seqOK {
            for i in seqRange {
                let d = b[i] &- 48
                guard d <= 9 else { seqOK = false; break }
                seq = seq * 10 + Int(d)
            }
        }
        guard seqOK else { throw fail(seqRange.lowerBound, Message("expected a sequence number (1, 2, 3…) at the start of the line")) }
        try space(Message("the timestamp", context: "a journal line"))
        let tsRange = token()
        guard let at = Timestamp.parse(utf8: UnsafeBufferPointer(rebasing: b[tsRange]), day: &context.day) else {
            throw fail(tsRange.lowerBound, Message("expected a UTC timestamp like 2026-11-29T14:03:12.345Z"))
        }
        try space(Message("the writer id", context: "a journal line"))
        let writerRange = token()
        guard !writerRange.isEmpty, writerRange.count <= 16,
              writerRange.allSatisfy({ (b[$0] >= 97 && b[$0] <= 122) || (b[$0] >= 48 && b[$0] <= 57) }) else {
            throw fail(writerRange.lowerBound, Message("expected a writer id (1 to 16 of a-z 0-9)"))
        }
        try space(Message("the event kind", context: "a journal line"))
        let kindRange = token()
        guard !kindRange.isEmpty, kindRange.allSatisfy({ isNameByte(b[$0]) }) else {
            throw fail(kindRange.lowerBound, Message("expected an event kind such as idea.add"))
        }
        let (kind, known) = kindName(UnsafeBufferPointer(rebasing: b[kindRange]))
        // A frequent kind as Quipu writes it is read straight into its change; any other line
        // (and any line that reads differently) goes field by field.
        let written = known.flatMap { writtenChange($0, b, from: p, &context, fail) }
        while !context.fields.isEmpty { context.fields.removeLast() } // keeps the buffer
        context.keys = 0
        while written == nil, p < end {
            try space(Message("a field", context: "a journal line"))
            let keyStart = p
            while p < end, isNameByte(b[p]) { p += 1 }
            guard p > keyStart else { throw fail(keyStart, Message("expected a field name (a-z 0-9 . -)")) }
            let (key, keyCode) = fieldName(UnsafeBufferPointer(rebasing: b[keyStart..<p]))
            guard p < end, b[p] == 0x3D else { throw fail(p, Message("expected = after {field}", ["field": .text(key)])) }
            p += 1
            let value: String
            if p < end, b[p] == 0x22 {
                value = try quoted(b, &p, fail)
            } else {
                let valueStart = p
                while p < end, b[p] != 0x20 {
                    let c = b[p]
                    guard c > 0x20, c < 0x7F, c != 0x5C, c != 0x22 else {
                        throw fail(p, Message("a value with spaces or non-ASCII text must be in double quotes"))
                    }
                    p += 1
                }
                guard p > valueStart else { throw fail(valueStart, Message("{field} has no value; write {field}=\"\" for an empty one", ["field": .text(key)])) }
                value = context.bareValue(UnsafeBufferPointer(rebasing: b[valueStart..<p]))
            }
            context.fields.append(Field(key, value))
            if context.fields.count <= 16 { context.keys |= UInt64(keyCode.rawValue) << UInt64(4 * (context.fields.count - 1)) }
        }
        let change: Change
        if let written {
            change = written
        } else if let known, context.fields.count <= 16, let common = commonChange(known, context.fields, context.keys) {
            change = common
        } else {
            do {
                let record = Record(kind: kind, fields: context.fields)
                // The kind is already looked up: an unknown one is kept as it is.
                if let known { change = try Change(record: record, kind: known) } else { change = .unknown(record) }
            } catch {
                // Point at the field to blame.
                var blame = kindRange.lowerBound
                if let key = error.key, let found = find(Array((" " + key + "=").utf8), in: ArraySlice(b)) { blame = found + 1 }
                throw fail(blame, error.reason)
            }
        }
        let writerBytes = UnsafeBufferPointer(rebasing: b[writerRange])
        if !context.writerBytes.withUnsafeBufferPointer({ same($0, writerBytes) }) {
            context.writer = String(decoding: writerBytes, as: UTF8.self)
            context.writerBytes = Array(writerBytes)
        }
        return Event(id: EventID(seq: seq, writer: context.writer), at: at, change: change)
    }

    /// A quoted value from its opening quote at `p`; leaves `p` after the closing quote. A value
    /// without escapes or control characters (nearly all) is validated and copied once; any other
    /// is read byte by byte, escapes and errors exactly as the grammar says.
    static func quoted(_ b: UnsafeBufferPointer<UInt8>, _ p: inout Int,
                       _ fail: (Int, Message) -> LineError) throws(LineError) -> String {
        let open = p
        let end = b.count
        var q = open + 1
        var high: UInt8 = 0
        // Eight bytes at a time while none of them is a quote, a backslash, a control or DEL.
        if let base = b.baseAddress {
            while q + 8 <= end {
                let w = UnsafeRawPointer(base + q).loadUnaligned(as: UInt64.self)
                if hasSpecialByte(w) { break }
                if w & 0x8080_8080_8080_8080 != 0 { high = 0x80 }
                q += 8
            }
        }
        while q < end {
            let c = b[q]
            if c == 0x22 || c == 0x5C || c < 0x20 || c == 0x7F { break }
            high |= c
            q += 1
        }
        guard q < end, b[q] == 0x22 else { return try quotedSlowly(b, &p, fail) }
        p = q + 1
        if p < end, b[p] != 0x20 { throw fail(p, Message("expected a space after the closing quote")) }
        let content = UnsafeBufferPointer(rebasing: b[(open + 1)..<q])
        // ASCII is valid UTF-8 as it stands; other text is valid when decoding it repaired nothing.
        let decoded = String(decoding: content, as: UTF8.self)
        if high < 0x80 { return decoded }
        if let unchanged = decoded.utf8.withContiguousStorageIfAvailable({ same($0, content) }) {
            guard unchanged else { throw fail(open, Message("this value is not valid UTF-8")) }
            return decoded
        }
        guard let text = String(validating: content, as: UTF8.self) else {
            throw fail(open, Message("this value is not valid UTF-8"))
        }
        return text
    }

    static func quotedSlowly(_ line: UnsafeBufferPointer<UInt8>, _ p: inout Int,
                             _ fail: (Int, Message) -> LineError) throws(LineError) -> String {
        let open = p
        p += 1
        var bytes: [UInt8] = []
        let end = line.endIndex
        while true {
            guard p < end else { throw fail(open, Message("this quoted value is not closed with \"")) }
            let b = line[p]
            if b == 0x22 { p += 1; break }
            if b == 0x5C {
                guard p + 1 < end else { throw fail(p, Message("a backslash must be followed by \\ \" n r t or u{…}")) }
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
                          let v = UInt32(String(decoding: UnsafeBufferPointer(rebasing: line[(p + 3)..<close]), as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(v) else {
                        throw fail(escStart, Message("\\u must be followed by {HEX} naming a Unicode scalar"))
                    }
                    bytes.append(contentsOf: Array(String(scalar).utf8))
                    p = close + 1
                default:
                    throw fail(p, Message("unknown escape \\{escape}; use \\\\ \\\" \\n \\r \\t or \\u{…}", ["escape": .text(String(decoding: [e], as: UTF8.self))]))
                }
                continue
            }
            guard b >= 0x20, b != 0x7F else { throw fail(p, Message("a control character must be written as an escape")) }
            bytes.append(b)
            p += 1
        }
        if p < end, line[p] != 0x20 { throw fail(p, Message("expected a space after the closing quote")) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw fail(open, Message("this value is not valid UTF-8"))
        }
        return text
    }

    /// A field name as a `String`. The names the journal writes are taken from literals (no
    /// validating, no building); any other is decoded.
    static func fieldName(_ n: UnsafeBufferPointer<UInt8>) -> (String, FieldKey) {
        func matches(_ literal: StaticString) -> Bool {
            guard literal.utf8CodeUnitCount == n.count else { return false }
            for i in 0..<n.count where literal.utf8Start[i] != n[i] { return false }
            return true
        }
        switch (n.count, n.first ?? 0) {
        case (2, 0x69): if matches("id") { return ("id", .id) }
        case (4, 0x74): if matches("text") { return ("text", .text) }
        case (4, 0x6B): if matches("kind") { return ("kind", .other) }
        case (2, 0x62): if matches("by") { return ("by", .by) }
        case (4, 0x61): if matches("area") { return ("area", .other) }
        case (4, 0x76): if matches("vote") { return ("vote", .vote) }
        case (7, 0x63): if matches("choices") { return ("choices", .choices) }
        case (7, 0x62): if matches("binding") { return ("binding", .binding) }
        case (7, 0x70): if matches("present") { return ("present", .present) }
        case (4, 0x72): if matches("role") { return ("role", .role) }
        case (6, 0x73): if matches("status") { return ("status", .status) }
        case (4, 0x6E): if matches("name") { return ("name", .other) }
        case (5, 0x6F): if matches("owner") { return ("owner", .other) }
        case (4, 0x69): if matches("idea") { return ("idea", .other) }
        default: break
        }
        return (String(decoding: n, as: UTF8.self), .other)
    }

    /// An event kind as a `String` and, for a kind this version writes, its `EventKind` (the
    /// name then comes from its literal; any other is decoded).
    static func kindName(_ n: UnsafeBufferPointer<UInt8>) -> (String, EventKind?) {
        if n.count <= 24, let packed = KindEntry.pack(n) {
            var slot = packed.slot
            while let entry = kindTable[slot] {
                if entry.words == packed.words { return (entry.name, entry.kind) }
                slot = (slot + 1) & (kindTable.count - 1)
            }
        }
        return (String(decoding: n, as: UTF8.self), nil)
    }

    /// A kind's bytes packed into words (with its length), so finding it is a few comparisons.
    struct KindEntry {
        var words: (UInt64, UInt64, UInt64, Int)
        var name: String
        var kind: EventKind

        static func pack(_ n: UnsafeBufferPointer<UInt8>) -> (words: (UInt64, UInt64, UInt64, Int), slot: Int)? {
            guard n.count <= 24 else { return nil }
            var w: (UInt64, UInt64, UInt64) = (0, 0, 0)
            withUnsafeMutableBytes(of: &w) { $0.copyMemory(from: UnsafeRawBufferPointer(n)) }
            let mixed = (w.0 &* 0x9E37_79B9_7F4A_7C15) ^ (w.1 &* 0xC2B2_AE3D_27D4_EB4F) ^ (w.2 &+ UInt64(n.count))
            return ((w.0, w.1, w.2, n.count), Int(truncatingIfNeeded: mixed >> 58))
        }
    }

    /// The kinds this version writes, by `KindEntry.pack` slot (open addressing, 64 slots).
    private static let kindTable: [KindEntry?] = {
        var table = [KindEntry?](repeating: nil, count: 64)
        for kind in EventKind.allCases.map(\.rawValue) {
            let bytes = Array(kind.utf8)
            guard let packed = bytes.withUnsafeBufferPointer({ KindEntry.pack($0) }) else { continue }
            var slot = packed.slot
            while table[slot] != nil { slot = (slot + 1) & 63 }
            table[slot] = KindEntry(words: packed.words, name: kind, kind: EventKind(rawValue: kind)!)
        }
        return table
    }()

    /// The most frequent kinds, built straight from the fields when they are well formed: what
    /// `Change(record:)` builds from them, without building the record. Nil sends the line to
    /// `Change(record:)` (any other kind, anything missing or wrong, which then reports it).
    /// `keys` says which fields have the names read here (`fieldName` compares their bytes; at
    /// most 16 fields, or the line goes to `Change(record:)`); the first such field counts, as
    /// in `Record.value`.
    static func commonChange(_ kind: EventKind, _ fields: [Field], _ keys: UInt64) -> Change? {
        func value(_ key: FieldKey) -> String? {
            for i in fields.indices where (keys >> UInt64(4 * i)) & 0xF == UInt64(key.rawValue) { return fields[i].value }
            return nil
        }
        func id(_ key: FieldKey) -> String? {
            guard let v = value(key), !v.isEmpty else { return nil }
            return v
        }
        /// `nil` when absent, `.some(nil)` when neither yes nor no.
        func yesNo(_ key: FieldKey) -> Bool?? {
            guard let v = value(key) else { return .some(nil) }
            if v == "yes" { return true }
            if v == "no" { return false }
            return nil
        }
        switch kind {
        case .ideaEdit:
            // One that says what it replaced (`over`) goes to `Change(record:)`.
            guard fields.count == 2, let id = id(.id), let text = value(.text) else { return nil }
            return .ideaEdited(id: id, text: text)
        case .voteCast:
            guard let list = value(.choices), let choices = asciiChoices(list) else { return nil }
            guard let vote = id(.vote), let by = id(.by), let binding = yesNo(.binding) else { return nil }
            return .ballotCast(vote: vote, ballot: Ballot(by: by, choices: choices, binding: binding ?? true))
        case .participantSet:
            // One that says what it replaced (`over`) goes to `Change(record:)`.
            guard !fields.contains(where: { $0.key == "over" }), let id = id(.id), let present = yesNo(.present) else { return nil }
            let observer: Bool?
            switch value(.role) {
            case nil: observer = nil
            case "observer": observer = true
            case "member": observer = false
            default: return nil
            }
            return .participantUpdated(id: id, present: present, observer: observer)
        case .actionStatus:
            // One that says what it replaced (`over`) goes to `Change(record:)`.
            guard fields.count == 2, let id = id(.id), let text = value(.status), let status = ActionStatus(rawValue: text) else { return nil }
            return .actionStatusChanged(id: id, status: status)
        case .ideaWithdraw:
            return id(.id).map { .ideaWithdrawn(id: $0) }
        case .voteClose:
            // An anonymous vote's close also says who voted: `Change(record:)` reads that.
            guard fields.count == 1 else { return nil }
            return id(.id).map { .voteClosed(id: $0) }
        default:
            // Every other kind has only the general path.
            return nil
        }
    }

    /// `IDEA:POINTS,…` as `Change(record:)` reads it (split on commas, each part at its first
    /// colon, the points as `Int(_:)` reads them), for ASCII text, where a `Character` is a byte;
    /// nil for any other text or any part that does not read.
    static func asciiChoices(_ text: String) -> [Ballot.Choice]? {
        var text = text
        return text.withUTF8 { b -> [Ballot.Choice]? in
            var high: UInt8 = 0
            for c in b { high |= c }
            guard high < 0x80 else { return nil }
            var choices: [Ballot.Choice] = []
            var start = 0
            for i in 0...b.count where i == b.count || b[i] == 0x2C {
                defer { start = i + 1 }
                guard i > start else { continue }
                var colon = start
                while colon < i, b[colon] != 0x3A { colon += 1 }
                guard colon < i else { return nil }
                let digits = UnsafeBufferPointer(rebasing: b[(colon + 1)..<i])
                var points = 0
                if digits.count >= 1, digits.count <= 18, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                    for d in digits { points = points * 10 + Int(d - 48) }
                } else {
                    guard let general = Int(String(decoding: digits, as: UTF8.self)) else { return nil }
                    points = general
                }
                choices.append(Ballot.Choice(idea: String(decoding: UnsafeBufferPointer(rebasing: b[start..<colon]), as: UTF8.self),
                                             points: points))
            }
            return choices
        }
    }

    /// Whether any of the eight bytes in `w` is `"`, `\`, below 0x20 or 0x7F (the bytes a quoted
    /// value's fast scan stops at). Exact: each test is per byte, with no borrow between bytes.
    @inline(__always)
    static func hasSpecialByte(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // A byte is zero exactly when (x - 1) & ~x has its high bit set; only a byte-wise
        // version is exact, so the usual trick is applied to each byte kept below 0x80.
        func hasZero(_ x: UInt64) -> Bool {
            let low = x & ~highs // each byte below 0x80
            // (low + 0x7F…) sets a byte's high bit when its low 7 bits are not all zero: no carries.
            let nonzeroLow = (low &+ ~highs) & highs
            return ~(nonzeroLow | x) & highs != 0
        }
        let lowControl = ~((w & ~highs) &+ 0x6060_6060_6060_6060) & ~w & highs // a byte < 0x20
        return hasZero(w ^ (0x22 &* ones)) || hasZero(w ^ (0x5C &* ones)) || hasZero(w ^ (0x7F &* ones))
            || lowControl != 0
    }
}
