/// A GNU gettext `.po` file: entries of `msgctxt`, `msgid`, `msgid_plural`, `msgstr` or
/// `msgstr[N]`, each a run of quoted strings; comments `#`, with `#,` flags (`fuzzy`). The
/// empty msgid is the header.
public struct POFile: Sendable {
    public struct Entry: Sendable, Equatable {
        public var msgctxt: String?
        public var msgid = ""
        public var msgidPlural: String?
        /// One string, or one per plural form.
        public var msgstr: [String] = []
        public var fuzzy = false
        /// Where the entry starts: `es/screens.po:12`.
        public var line = 0
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var file: String, line: Int, column: Int, reason: String
        public var description: String { "\(file):\(line):\(column): \(reason)" }
    }

    public var entries: [Entry] = []
    /// The header's `Name: value` lines.
    public var header: [String: String] = [:]

    public static func parse(_ text: String, file: String) throws(ParseError) -> POFile {
        var result = POFile()
        var entry = Entry()
        var started = false
        // Which string a continuation line adds to.
        enum Field { case context, id, plural, str(Int) }
        var field: Field?
        var flags: [String] = []

        func finish() {
            if started {
                entry.fuzzy = flags.contains("fuzzy")
                result.entries.append(entry)
            }
            entry = Entry()
            started = false
            field = nil
            flags = []
        }

        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            let column = line.count - trimmed.count + 1
            func fail(_ reason: String, at col: Int? = nil) -> ParseError {
                ParseError(file: file, line: lineNumber, column: col ?? column, reason: reason)
            }
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("#") {
                // A comment before a keyword starts a new entry.
                if started && field != nil, case .str = field! { finish() }
                if trimmed.hasPrefix("#,") {
                    flags += trimmed.dropFirst(2).split(separator: ",").map { $0.trimmingCharacters(in: " \t") }
                }
                continue
            }
            if trimmed.hasPrefix("\"") {
                guard let current = field else { throw fail("a string with no msgid or msgstr before it") }
                let value = try unquote(trimmed, fail)
                switch current {
                case .context: entry.msgctxt! += value
                case .id: entry.msgid += value
                case .plural: entry.msgidPlural! += value
                case .str(let i): entry.msgstr[i] += value
                }
                continue
            }
            let keyword = trimmed.prefix { $0 != " " && $0 != "\t" }
            let rest = trimmed.dropFirst(keyword.count).drop { $0 == " " || $0 == "\t" }
            let valueColumn = column + (trimmed.count - rest.count)
            guard rest.hasPrefix("\"") else { throw fail("\(keyword) needs a quoted string", at: valueColumn) }
            let value = try unquote(rest) { reason, _ in fail(reason, at: valueColumn) }
            switch keyword {
            case "msgctxt":
                finish()
                started = true
                entry.line = lineNumber
                entry.msgctxt = value
                field = .context
            case "msgid":
                if started, entry.msgctxt == nil || !entry.msgid.isEmpty || !entry.msgstr.isEmpty { finish() }
                if !started { started = true; entry.line = lineNumber }
                entry.msgid = value
                field = .id
            case "msgid_plural":
                guard started, case .id = field! else { throw fail("msgid_plural must follow a msgid") }
                entry.msgidPlural = value
                field = .plural
            default:
                guard started else { throw fail("\(keyword) with no msgid before it") }
                if keyword == "msgstr" {
                    guard entry.msgidPlural == nil else { throw fail("a plural message needs msgstr[0], msgstr[1]…") }
                    entry.msgstr = [value]
                    field = .str(0)
                } else if keyword.hasPrefix("msgstr["), keyword.hasSuffix("]"),
                          let i = Int(keyword.dropFirst(7).dropLast()), i == entry.msgstr.count {
                    guard entry.msgidPlural != nil else { throw fail("msgstr[\(i)] belongs to a message with msgid_plural") }
                    entry.msgstr.append(value)
                    field = .str(i)
                } else {
                    throw fail("\"\(keyword)\" is not a .po keyword (msgctxt, msgid, msgid_plural, msgstr, msgstr[N] in order)")
                }
            }
        }
        finish()
        if let header = result.entries.first(where: { $0.msgid.isEmpty && $0.msgctxt == nil }), let text = header.msgstr.first {
            for line in text.split(separator: "\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                result.header[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: " ")
            }
        }
        return result
    }

    /// The text of `"…"` with its escapes (`\"`, `\\`, `\n`, `\t`) read.
    static func unquote(_ s: Substring, _ fail: (String, Int?) -> ParseError) throws(ParseError) -> String {
        var out = ""
        var i = s.index(after: s.startIndex)
        var escaped = false
        while i < s.endIndex {
            let c = s[i]
            if escaped {
                switch c {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "\"", "\\": out.append(c)
                default: throw fail("unknown escape \\\(c)", nil)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "\"" {
                let after = s[s.index(after: i)...].trimmingCharacters(in: " \t")
                guard after.isEmpty else { throw fail("text after the closing quote", nil) }
                return out
            } else {
                out.append(c)
            }
            i = s.index(after: i)
        }
        throw fail("the string has no closing quote", nil)
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
