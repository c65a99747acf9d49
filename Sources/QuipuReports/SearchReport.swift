import Dispatch
import QuipuCore
import QuipuText

/// Search hits for people (`quipu search`) and for programs (`--json`).
public enum SearchReport {
    /// A table (session, kind, item, text) as `TextReport.table` lays it out, written straight
    /// into bytes, in parallel once the column widths are known: a search may find a hundred
    /// thousand hits.
    public static func text(_ hits: [SearchHit]) -> String {
        guard !hits.isEmpty else { return tr("no matches") + "\n" }
        var widths = [0, 0, 0]
        for h in hits {
            widths[0] = max(widths[0], displayWidth(h.sessionID))
            widths[1] = max(widths[1], displayWidth(h.kind.rawValue))
            widths[2] = max(widths[2], displayWidth(h.item.map(inert) ?? ""))
        }
        let chunk = 4096
        let parts = (hits.count + chunk - 1) / chunk
        let lines = UnsafeMutableBufferPointer<[UInt8]>.allocate(capacity: parts)
        lines.initialize(repeating: [])
        defer { lines.deinitialize(); lines.deallocate() }
        nonisolated(unsafe) let slots = lines
        let columns = widths
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var out: [UInt8] = []
            out.reserveCapacity(chunk * 96)
            for h in hits[(part * chunk)..<min(hits.count, (part + 1) * chunk)] { line(h, widths: columns, into: &out) }
            slots[part] = out
        }
        var out: [UInt8] = []
        out.reserveCapacity(lines.reduce(0) { $0 + $1.count })
        for part in lines { out += part }
        let sessions = Set(hits.map(\.sessionID)).count
        return String(decoding: out, as: UTF8.self)
            + tr("{matches} in {sessions}", ["matches": Message("{n} match", plural: "{n} matches", count: hits.count),
                                              "sessions": Message("{n} session", plural: "{n} sessions", count: sessions)]) + "\n"
    }

    /// One hit's row of the table, with its line feed.
    private static func line(_ h: SearchHit, widths: [Int], into out: inout [UInt8]) {
        let start = out.count
        for (column, cell) in [h.sessionID, h.kind.rawValue, h.item.map(inert) ?? ""].enumerated() {
            out += cell.utf8
            out += repeatElement(0x20, count: widths[column] - displayWidth(cell) + 2)
        }
        out += truncate(inert(h.text), toWidth: 70).utf8
        // Trailing blanks trimmed, as the table trims them: a Character at a time, where a space
        // right after a non-ASCII byte could belong to the Character before it.
        var end = out.count
        while end > start, out[end - 1] == 0x20 { end -= 1 }
        if end > start, out[end - 1] >= 0x80, end < out.count {
            var line = String(decoding: out[start...], as: UTF8.self)
            while line.last == " " { line.removeLast() }
            out.replaceSubrange(start..., with: line.utf8)
        } else {
            out.removeSubrange(end...)
        }
        out.append(0x0A)
    }

    public static func json(_ hits: [SearchHit]) -> String {
        JSONValue.array(hits.map { h in
            .object([
                ("session", .string(h.sessionID)),
                ("sessionTitle", .string(h.sessionTitle)),
                ("initiative", .nonEmpty(h.initiative)),
                ("date", .string(h.date)),
                ("kind", .string(h.kind.rawValue)),
                ("item", .optional(h.item)),
                ("text", .string(h.text)),
            ])
        }).rendered
    }
}
