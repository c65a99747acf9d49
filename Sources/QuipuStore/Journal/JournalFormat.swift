import QuipuCore

/// The journal's line grammar (docs/FORMAT.md): encoding and byte-level parsing.
///
/// ```
/// quipu-journal 1.1
/// 1 2026-11-29T14:00:00.000Z k3f9a2 session.create title="Watershed management" phase="600 Opening"
/// 2 2026-11-29T14:01:12.345Z k3f9a2 idea.add id=I1 kind=area text="Community water committees"
/// ```
public enum JournalFormat {
    public static let major = 1
    public static let minor = 1
    public static let headerPrefix = "quipu-journal"
    public static var header: String { "\(headerPrefix) \(major).\(minor)" }

    // MARK: Encoding

    /// One event as one complete line, newline included.
    public static func encode(_ event: Event) -> String {
        let record = event.change.record
        var line = "\(event.id.seq) \(event.at.iso8601) \(event.id.writer) \(record.kind)"
        for field in record.fields {
            line += " "
            line += field.key
            line += "="
            appendValue(field.value, to: &line)
        }
        line += "\n"
        return line
    }

    /// Bare when every byte is printable ASCII other than `"` and `\`; quoted otherwise.
    static func appendValue(_ value: String, to out: inout String) {
        if !value.isEmpty, value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
            out += value
            return
        }
        appendQuoted(value, to: &out) { "\\u{" + String($0.value, radix: 16, uppercase: true) + "}" }
    }

    /// Controls, line and paragraph separators and bidi overrides are written as `\u{…}` so the
    /// file stays one event a line in every editor and cannot reorder what a reader sees.

    // MARK: Parsing

    /// Where a line is wrong: the 1-based column (in characters) and what is wrong there.
    public struct LineError: Error, Equatable, Sendable {
        public var column: Int
        /// What is wrong there, for each language to say.
        public var reason: Message
        public init(column: Int, message: Message) {
            self.column = column
            reason = message
        }
        /// A reason in English only, with no catalogue entry (the tests' reference parser).
        public init(column: Int, message: String) {
            self.init(column: column, message: Message(message))
        }
        /// What is wrong there, in English.
        public var message: String { reason.english }
        public static func == (a: LineError, b: LineError) -> Bool { a.column == b.column && a.message == b.message }
    }

    /// Parses the header line; returns the version or throws.
    public static func parseHeader(_ line: ArraySlice<UInt8>) throws(LineError) -> (major: Int, minor: Int) {
        let prefix = Array((headerPrefix + " ").utf8)
        guard line.count > prefix.count, line.prefix(prefix.count).elementsEqual(prefix) else {
            throw LineError(column: 1, message: Message("not a Quipu journal: the first line must be \"{header}\"", ["header": .text(header)]))
        }
        let rest = String(decoding: line.dropFirst(prefix.count), as: UTF8.self)
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let ma = Int(parts[0]), let mi = Int(parts[1]), ma >= 0, mi >= 0 else {
            throw LineError(column: prefix.count + 1, message: Message("the journal version must be MAJOR.MINOR, not \"{version}\"", ["version": .text(rest)]))
        }
        return (ma, mi)
    }

    /// Parses one event line (without its newline) from bytes (the work is in LineParser.swift).
    public static func parseLine(_ line: ArraySlice<UInt8>) throws(LineError) -> Event {
        try line.withUnsafeBufferPointer { b in
            var context = LineContext()
            return Result { () throws(LineError) -> Event in try parseLine(bytes: b, context: &context) }
        }.get()
    }

    @inline(__always)
    static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b == 0x2E || b == 0x2D
    }

    static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Int? {
        guard needle.count <= hay.count else { return nil }
        var i = hay.startIndex
        while i + needle.count <= hay.endIndex {
            if hay[i] == needle[0], hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
