import CSV
import Foundation
import QuipuCore
import QuipuText

/// A session as spreadsheet tables (`export --format csv`): one CSV per table, written with the
/// CSV library, a header row first, one row per item. Cells a spreadsheet would run as a formula
/// (`=`, `+`, `-`, `@`, tab or CR first) start with an apostrophe instead, so opening an export
/// never runs text someone typed into a session.
public enum CSVExport {
    public struct Table: Equatable, Sendable {
        /// `ideas`, `ballots`, `results`, `actions`, `participants`, `roles`: the file is `<id>-<name>.csv`.
        public var name: String
        public var header: [String]
        /// Cells as written: already neutralised.
        public var rows: [[String]]
    }

    /// The tables in the order they are written.
    public static let tableNames = ["participants", "ideas", "ballots", "results", "roles", "actions"]

    /// The header row is in `language` (nil: the session's report language); the cells keep
    /// their codes (`yes`, `observer`, `ngo`, `dot`, `open`), which programs and the roster
    /// import read.
    public static func tables(_ s: Session, language: Language? = nil) -> [Table] {
        (language ?? Language.ofReports(s)).speak { tablesHere(s) }
    }

    static func tablesHere(_ s: Session) -> [Table] {
        let id = s.id
        let session = tr("session", context: "a CSV column")
        func yes(_ b: Bool) -> String { b ? "yes" : "no" }
        func name(_ who: String?) -> String {
            guard let who, let p = s.participant(who) else { return "" }
            return p.name
        }
        var tables: [Table] = []
        tables.append(Table(
            name: "participants",
            header: [session, "id", tr("name", context: "a CSV column"), tr("organisation", context: "a CSV column"), tr("group", context: "a CSV column"), tr("country", context: "a CSV column"), tr("role", context: "a CSV column: member or observer"), tr("present", context: "a CSV column")],
            rows: s.participants.map { p in
                [id, p.id, p.name, p.organisation, p.group.rawValue, p.country, p.observer ? "observer" : "member",
                 yes(p.present)]
            }))
        tables.append(Table(
            name: "ideas",
            header: [session, "id", tr("kind", context: "a CSV column"), tr("text", context: "a CSV column"), tr("by", context: "a CSV column"), tr("by_name", context: "a CSV column"), tr("area", context: "a CSV column"), tr("withdrawn", context: "a CSV column")],
            rows: s.ideas.map { i in
                [id, i.id, i.kind.rawValue, i.text, i.by ?? "", name(i.by), i.area ?? "", yes(i.withdrawn)]
            }))
        tables.append(Table(
            name: "ballots",
            header: [session, tr("vote", context: "a CSV column"), tr("voter", context: "a CSV column"), tr("voter_name", context: "a CSV column"), tr("binding", context: "a CSV column"), tr("idea", context: "a CSV column"), tr("points", context: "a CSV column")],
            // Anonymous votes never show how anyone voted; hidden results wait for the close.
            rows: s.votes.filter { !$0.anonymous && $0.resultsVisible }.flatMap { v in
                v.ballots.flatMap { b in
                    b.choices.map { c in [id, v.id, b.by, name(b.by), yes(b.binding), c.idea, String(c.points)] }
                }
            }))
        tables.append(Table(
            name: "results",
            header: [session, tr("vote", context: "a CSV column"), tr("method", context: "a CSV column"), tr("status", context: "a CSV column"), tr("binding", context: "a CSV column"), tr("rank", context: "a CSV column"), tr("idea", context: "a CSV column"), tr("text", context: "a CSV column"), tr("score", context: "a CSV column")],
            rows: s.votes.filter(\.resultsVisible).flatMap { v in
                [(true, v.results), (false, v.nonBindingResults)].flatMap { binding, results in
                    // Non-binding results only when observers voted: otherwise they are all zero.
                    (binding || !v.nonBindingBallots.isEmpty ? results : []).map { r in
                        [id, v.id, v.method.rawValue, v.status.rawValue, yes(binding), String(r.rank), r.idea,
                         s.idea(r.idea)?.text ?? "", String(r.score)]
                    }
                }
            }))
        tables.append(Table(
            name: "roles",
            header: [session, tr("role", context: "a CSV column"), tr("holder", context: "a CSV column"), tr("holder_name", context: "a CSV column")],
            rows: s.roles.map { [id, $0.role, $0.holder, name($0.holder)] }))
        tables.append(Table(
            name: "actions",
            header: [session, "id", tr("text", context: "a CSV column"), tr("owner", context: "a CSV column"), tr("owner_name", context: "a CSV column"), tr("organisation", context: "a CSV column"), tr("due", context: "a CSV column"), tr("status", context: "a CSV column"), tr("idea", context: "a CSV column"), tr("idea_text", context: "a CSV column")],
            rows: s.actions.map { a in
                [id, a.id, a.text, a.owner, name(a.owner), s.participant(a.owner)?.organisation ?? "", a.due ?? "",
                 a.status.rawValue, a.idea ?? "", a.idea.flatMap { s.idea($0)?.text } ?? ""]
            }))
        return tables.map { t in Table(name: t.name, header: t.header, rows: t.rows.map { $0.map(neutralise) }) }
    }

    /// The file name of a table for a session: `2026-11-28-andes-ideas.csv`.
    public static func fileName(session id: String, table: String) -> String { "\(id)-\(table).csv" }

    /// The table as CSV text: RFC 4180 quoting by the CSV library, LF line ends, a final newline.
    public static func render(_ table: Table) throws -> String {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: table.header)
        for row in table.rows { try writer.write(row: row) }
        writer.stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return "" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A cell a spreadsheet would read as a formula or a command gets a leading apostrophe,
    /// which spreadsheets show as text and hide.
    public static func neutralise(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first else { return cell }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return "'" + cell
        default: return cell
        }
    }
}
