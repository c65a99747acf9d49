import QuipuCore
import QuipuText

/// The session report (MarkdownReport) as lines for a screen of `width` columns: the Report tab
/// shows what the `.md` file will say, not a second account of the session. Headings lose
/// their `#`, emphasis and escapes their marks, lists get a bullet, tables are aligned and their
/// widest text column cut at a word end to fit, and paragraphs wrap.
public enum ScreenReport {
    public struct Line: Equatable, Sendable {
        public var text: String
        /// 1 for the title, 2 for a section, 3 for a subsection; 0 for everything else.
        public var heading: Int
    }

    public static func lines(_ s: Session, at now: Timestamp, width: Int) -> [Line] {
        lines(markdown: MarkdownReport.render(s, at: now), width: width)
    }

    public static func lines(markdown: String, width: Int) -> [Line] {
        var out: [Line] = []
        var table: [String] = []
        func flushTable() {
            guard !table.isEmpty else { return }
            out += tableLines(table, width: width).map { Line(text: $0, heading: 0) }
            table = []
        }
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if raw.hasPrefix("|") {
                table.append(raw)
                continue
            }
            flushTable()
            let level = raw.prefix { $0 == "#" }.count
            if level > 0, raw.dropFirst(level).first == " " {
                out.append(Line(text: plain(String(raw.dropFirst(level + 1))), heading: level))
            } else if raw.hasPrefix("- ") {
                out += wrap(" • " + plain(String(raw.dropFirst(2))), width: width, indentContinuation: true)
                    .map { Line(text: $0, heading: 0) }
            } else if raw.isEmpty {
                if out.last?.text.isEmpty == false { out.append(Line(text: "", heading: 0)) }
            } else {
                out += wrap(" " + plain(raw), width: width, indentContinuation: false).map { Line(text: $0, heading: 0) }
            }
        }
        flushTable()
        while out.last?.text.isEmpty == true { out.removeLast() }
        return out
    }

    /// Markdown's marks taken off: `**bold**`, `_italic_`, `` `code` `` and backslash escapes.
    static func plain(_ markdown: String) -> String {
        var out = ""
        var chars = markdown[...]
        while let c = chars.popFirst() {
            switch c {
            case "\\":
                if let next = chars.popFirst() { out.append(next) }
            case "*", "`":
                continue
            case "_":
                // Emphasis marks stand at a word's edge; an underscore inside a word is text.
                let before = out.last, after = chars.first
                if before == nil || before == " " || after == nil || after == " " || after == "." || after == "," { continue }
                out.append(c)
            default:
                out.append(c)
            }
        }
        return out
    }

    /// A Markdown table as aligned columns; the separator row says which are right-aligned.
    static func tableLines(_ rows: [String], width: Int) -> [String] {
        func cells(_ row: String) -> [String] {
            var parts: [String] = []
            var current = ""
            var escaped = false
            for c in row.dropFirst() {
                if escaped { current.append(c); escaped = false; continue }
                if c == "\\" { escaped = true; current.append(c); continue }
                if c == "|" { parts.append(current.trimmingSpaces); current = ""; continue }
                current.append(c)
            }
            return parts.map(plain)
        }
        let separator = rows.first { $0.contains("---") }
        let right = Set(separator.map(cells)?.enumerated().filter { $0.element.hasSuffix(":") }.map(\.offset) ?? [])
        var body = rows.filter { $0 != separator }.map(cells)
        guard let columns = body.map(\.count).max(), columns > 0 else { return [] }
        // Cut the widest left-aligned column at word ends until the table fits (a column keeps
        // at least 8 columns).
        func columnWidth(_ i: Int) -> Int { body.map { $0.indices.contains(i) ? displayWidth($0[i]) : 0 }.max() ?? 0 }
        while true {
            let total = 1 + (0..<columns).map(columnWidth).reduce(0, +) + 2 * (columns - 1)
            guard total > width, let widest = (0..<columns).filter({ !right.contains($0) }).max(by: { columnWidth($0) < columnWidth($1) }),
                  columnWidth(widest) > 8 else { break }
            let before = columnWidth(widest)
            let target = max(8, before - (total - width))
            body = body.map { row in
                var row = row
                if row.indices.contains(widest) { row[widest] = truncateAtWord(row[widest], toWidth: target) }
                return row
            }
            if columnWidth(widest) >= before { break }
        }
        return TextReport.table(body, rightAligned: right).map { " " + $0 }
    }
}
