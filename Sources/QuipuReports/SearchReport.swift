import QuipuCore

/// Search hits for people (`quipu search`) and for programs (`--json`).
public enum SearchReport {
    public static func text(_ hits: [SearchHit]) -> String {
        guard !hits.isEmpty else { return "no matches\n" }
        let rows = hits.map { h in
            [h.sessionID, h.kind.rawValue, h.item.map(inert) ?? "", TextReport.truncate(inert(h.text), to: 70)]
        }
        let sessions = Set(hits.map(\.sessionID)).count
        return TextReport.table(rows).joined(separator: "\n") + "\n"
            + "\(hits.count == 1 ? "1 match" : "\(hits.count) matches") in \(TextReport.plural(sessions, "session"))\n"
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
