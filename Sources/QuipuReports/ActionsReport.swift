import QuipuCore
import QuipuText

/// Actions across sessions (`quipu actions`): who owes what, by when, from which session. An
/// action carried from session to session is one row, where it was carried last (`TrackedAction`).
public enum ActionsReport {
    public struct Row: Equatable, Sendable {
        /// The session where the action is kept now: the last one it was carried into.
        public var sessionID: String
        public var sessionTitle: String
        public var initiative: String
        public var action: Action
        /// The owner's name when the owner is a person, else the owner text (an organisation).
        public var ownerName: String
        public var organisation: String
        public var ideaText: String?
        public var overdue: Bool
        /// Where it was before, earliest first, as `SESSION/ACTION`; empty when never carried.
        public var carriedFrom: [String]
        /// `S1 A4 → S2 A4`: where it was agreed, carried, and is now.
        public var history: [String]
    }

    /// Which actions to list: by owner (a person by name as the roster resolver reads it, an
    /// organisation, or with `session` a participant id of that session), by session, by status
    /// (nil: open and in progress), and only overdue ones.
    public struct Filter: Sendable {
        public var owner: String?
        public var session: String?
        public var status: ActionStatus?
        public var overdueOnly: Bool
        public init(owner: String? = nil, session: String? = nil, status: ActionStatus? = nil, overdueOnly: Bool = false) {
            self.owner = owner
            self.session = session
            self.status = status
            self.overdueOnly = overdueOnly
        }
    }

    /// Rows sorted by due date (undated last), then session and action id. `today` is
    /// `YYYY-MM-DD`. Refused: a session that is not there, a participant id without a session
    /// (P4 is someone else in each session), a name that could be two people or nobody.
    public static func rows(_ sessions: [Session], filter: Filter, today: String) throws(QuipuError) -> [Row] {
        var tracked = TrackedAction.all(sessions)
        if let id = filter.session {
            guard sessions.contains(where: { $0.id == id }) else { throw QuipuError("there is no session {id}", ["id": .text(id)]) }
            tracked = tracked.filter { t in t.session.id == id || t.carriedFrom.contains { $0.hasPrefix(id + "/") } }
        }
        if let owner = filter.owner {
            let owns = try ownerMatch(owner, session: filter.session, in: sessions)
            tracked = tracked.filter(owns)
        }
        var rows: [Row] = []
        for t in tracked {
            let a = t.action, s = t.session
            let row = Row(sessionID: s.id, sessionTitle: s.title, initiative: s.initiative, action: a,
                          ownerName: t.ownerName, organisation: t.organisation,
                          ideaText: a.idea.flatMap { s.idea($0)?.text },
                          overdue: isOverdue(a, today: today), carriedFrom: t.carriedFrom, history: t.history)
            if let status = filter.status {
                guard a.status == status else { continue }
            } else {
                guard a.status == .open || a.status == .inProgress else { continue }
            }
            if filter.overdueOnly, !row.overdue { continue }
            rows.append(row)
        }
        return rows.sorted { a, b in
            let da = a.action.due ?? "\u{10FFFF}", db = b.action.due ?? "\u{10FFFF}"
            if da != db { return da < db }
            if a.sessionID != b.sessionID { return a.sessionID < b.sessionID }
            return a.action.id.count != b.action.id.count ? a.action.id.count < b.action.id.count : a.action.id < b.action.id
        }
    }

    /// Which tracked actions `owner` owns. Across sessions a person is matched by name, with the
    /// roster resolver's rules (`Session.participants(named:)`), so the same person is found in
    /// every session and two people who were both P4 are never mixed; a participant id means
    /// someone only in `session`. A text that names no person names an organisation: the owner's
    /// or the owning person's, by the start of a word, however it is capitalised or accented.
    static func ownerMatch(_ owner: String, session: String?, in sessions: [Session]) throws(QuipuError) -> (TrackedAction) -> Bool {
        let text = owner.trimmingSpaces
        guard !text.isEmpty else { throw QuipuError("--owner needs a name") }
        let scope = session.map { id in sessions.filter { $0.id == id } } ?? sessions
        if let first = text.first, first == "P" || first == "p", text.count > 1,
           text.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) {
            let id = text.uppercased()
            if session == nil, !scope.contains(where: { $0.participant(id) != nil || $0.removedParticipants.contains { $0.id == id } }) {
                throw QuipuError("there is no participant {id} in any session", ["id": .text(id)])
            }
            guard let s = scope.first, session != nil else {
                throw QuipuError("{id} is a different person in each session: name the owner (--owner \"Ana Lima\") or say which session's {id} with --session ID",
                                 ["id": .text(id)])
            }
            guard let p = s.participant(id) ?? s.removedParticipants.last(where: { $0.id == id }) else {
                throw QuipuError("there is no participant {id} in {session}", ["id": .text(id), "session": .text(s.id)])
            }
            let key = nameKey(p.name)
            return { nameKey($0.ownerName) == key }
        }
        var people: [String: String] = [:]
        for s in scope {
            for p in s.participants(named: text) where people[nameKey(p.name)] == nil { people[nameKey(p.name)] = p.name }
        }
        if people.count > 1 {
            let names = people.values.sorted()
            throw QuipuError("\"{text}\" is {names}; say which", ["text": .text(text), "names": .message(alternatives(names))])
        }
        if let key = people.keys.first { return { nameKey($0.ownerName) == key } }
        let key = nameKey(text)
        func names(_ org: String) -> Bool { !org.isEmpty && (" " + nameKey(org)).contains(" " + key) }
        let owns: (TrackedAction) -> Bool = { names($0.organisation) || ($0.organisation.isEmpty && names($0.ownerName)) }
        let known = scope.contains { s in
            (s.participants + s.removedParticipants).contains { names($0.organisation) }
                || s.actions.contains { names($0.owner) } || s.roles.contains { names($0.holder) }
        }
        guard known else {
            var near: [String] = []
            for s in scope { for p in s.nearestNames(to: text) where !near.contains(p.name) { near.append(p.name) } }
            let place: Message.Argument = session.map { .text($0) } ?? .message(Message("any session"))
            guard near.isEmpty else {
                throw QuipuError("no participant or organisation is \"{text}\" in {place}; did you mean {names}?",
                                 ["text": .text(text), "place": place, "names": .message(alternatives(Array(near.prefix(3)), commas: false))])
            }
            throw QuipuError("no participant or organisation is \"{text}\" in {place}", ["text": .text(text), "place": place])
        }
        return owns
    }

    /// `Ana or Luis`, `Ana, Luis or Rosa` (`Ana or Luis or Rosa` without commas), as a message.
    static func alternatives(_ names: [String], commas: Bool = true) -> Message {
        guard names.count > 1 else { return Message("{name}", ["name": .text(names.first ?? "")], context: "a name alone") }
        let head: Message.Argument = commas ? .text(names.dropLast().joined(separator: ", "))
            : .message(alternatives(Array(names.dropLast()), commas: false))
        return Message("{first} or {last}", ["first": head, "last": .text(names.last!)], context: "choices")
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
        guard !rows.isEmpty else { return tr("no actions") + "\n" }
        var table = [[tr("due", context: "a column"), tr("status", context: "a column"), tr("owner", context: "a column"),
                      tr("action", context: "a column"), tr("session", context: "a column")]]
        for r in rows {
            let due = r.action.due ?? tr("no date")
            table.append([r.overdue ? tr("{due} OVERDUE", ["due": due]) : due, actionStatusWord(r.action.status),
                          inert(withOrganisation(r.ownerName, r.organisation)),
                          "\(r.action.id) " + truncate(inert(r.action.text), toWidth: 60),
                          r.carriedFrom.isEmpty ? r.sessionID : inert(r.history.joined(separator: " → "))])
        }
        let overdue = rows.filter(\.overdue).count
        return TextReport.table(table).joined(separator: "\n") + "\n"
            + (overdue > 0 ? trn("{n} action, {overdue} overdue on {today}", "{n} actions, {overdue} overdue on {today}", count: rows.count,
                                 ["overdue": overdue, "today": today])
                : trn("{n} action", "{n} actions", count: rows.count)) + "\n"
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
                ("carriedFrom", .array(r.carriedFrom.map { .string($0) })),
            ])
        }).rendered
    }
}
