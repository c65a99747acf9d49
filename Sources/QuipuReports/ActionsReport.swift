import QuipuCore
import QuipuText

/// Actions across sessions (`quipu actions`): who owes what, by when, from which session.
public enum ActionsReport {
    public struct Row: Equatable, Sendable {
        public var sessionID: String
        public var sessionTitle: String
        public var initiative: String
        public var action: Action
        /// The owner's name when the owner is a participant, else the owner text (an organisation).
        public var ownerName: String
        public var organisation: String
        public var ideaText: String?
        public var overdue: Bool
    }

    /// Which actions to list: by owner (a participant's id, name or organisation, or an
    /// organisation owner's name; case-insensitive, part of a name is enough), by status (nil:
    /// open and in progress), and only overdue ones.
    public struct Filter: Sendable {
        public var owner: String?
        public var status: ActionStatus?
        public var overdueOnly: Bool
        public init(owner: String? = nil, status: ActionStatus? = nil, overdueOnly: Bool = false) {
            self.owner = owner
            self.status = status
            self.overdueOnly = overdueOnly
        }
    }

    /// Rows sorted by due date (undated last), then session and action id. `today` is
    /// `YYYY-MM-DD`.
    public static func rows(_ sessions: [Session], filter: Filter, today: String) -> [Row] {
        var rows: [Row] = []
        for s in sessions {
            for a in s.actions {
                let p = s.participant(a.owner)
                let row = Row(sessionID: s.id, sessionTitle: s.title, initiative: s.initiative, action: a,
                              ownerName: p?.name ?? a.owner, organisation: p?.organisation ?? "",
                              ideaText: a.idea.flatMap { s.idea($0)?.text },
                              overdue: isOverdue(a, today: today))
                if let status = filter.status {
                    guard a.status == status else { continue }
                } else {
                    guard a.status == .open || a.status == .inProgress else { continue }
                }
                if filter.overdueOnly, !row.overdue { continue }
                if let owner = filter.owner?.trimmedLowercased, !owner.isEmpty {
                    let exactID = a.owner.lowercased() == owner
                    let named = [row.ownerName, row.organisation].contains { $0.lowercased().contains(owner) }
                    guard exactID || named else { continue }
                }
                rows.append(row)
            }
        }
        return rows.sorted { a, b in
            let da = a.action.due ?? "\u{10FFFF}", db = b.action.due ?? "\u{10FFFF}"
            if da != db { return da < db }
            if a.sessionID != b.sessionID { return a.sessionID < b.sessionID }
            return a.action.id.count != b.action.id.count ? a.action.id.count < b.action.id.count : a.action.id < b.action.id
        }
    }

    /// Still to do and past its date: a day (`2027-01-15`) before `today`, or a month (`2027-01`)
    /// that has ended.
    public static func isOverdue(_ a: Action, today: String) -> Bool {
        guard a.status == .open || a.status == .inProgress, let due = a.due else { return false }
        switch due.count {
        case 10: return due < today
        case 7: return due < String(today.prefix(7))
        default: return false
        }
    }

    public static func text(_ rows: [Row], today: String) -> String {
        guard !rows.isEmpty else { return "no actions\n" }
        var table = [["due", "status", "owner", "action", "session"]]
        for r in rows {
            let owner = r.organisation.isEmpty ? r.ownerName : "\(r.ownerName) (\(r.organisation))"
            table.append([(r.action.due ?? "no date") + (r.overdue ? " OVERDUE" : ""), r.action.status.rawValue,
                          inert(owner), "\(r.action.id) " + truncate(inert(r.action.text), toWidth: 60),
                          r.sessionID])
        }
        let overdue = rows.filter(\.overdue).count
        return TextReport.table(table).joined(separator: "\n") + "\n"
            + "\(plural(rows.count, "action"))" + (overdue > 0 ? ", \(overdue) overdue on \(today)" : "") + "\n"
    }

    /// An array of objects; every key always present (`null` when empty). See docs/JSON.md.
    public static func json(_ rows: [Row]) -> String {
        JSONValue.array(rows.map { r in
            .object([
                ("session", .string(r.sessionID)),
                ("sessionTitle", .string(r.sessionTitle)),
                ("initiative", .nonEmpty(r.initiative)),
                ("id", .string(r.action.id)),
                ("text", .string(r.action.text)),
                ("owner", .string(r.action.owner)),
                ("ownerName", .string(r.ownerName)),
                ("organisation", .nonEmpty(r.organisation)),
                ("due", .optional(r.action.due)),
                ("status", .string(r.action.status.rawValue)),
                ("idea", .optional(r.action.idea)),
                ("ideaText", .optional(r.ideaText)),
                ("overdue", .bool(r.overdue)),
            ])
        }).rendered
    }
}

extension String {
    var trimmedLowercased: String {
        var s = Substring(lowercased())
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
