/// One place a search text was found in a session: enough to list it and to open the session at
/// the item (the tab it lives on and its id).
public struct SearchHit: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The session's title, initiative, facilitator or rapporteur.
        case session
        case participant, idea, note, role, action
    }

    public var sessionID: String
    public var sessionTitle: String
    public var initiative: String
    public var date: String
    public var kind: Kind
    /// The item's id (`P3`, `I7`, `V1`, `A2`), or the role's name; nil for the session itself.
    public var item: String?
    /// The text that matched, as a person reads it (`I7 Markets and fair prices…`).
    public var text: String

    public init(sessionID: String, sessionTitle: String, initiative: String, date: String, kind: Kind,
                item: String?, text: String) {
        self.sessionID = sessionID
        self.sessionTitle = sessionTitle
        self.initiative = initiative
        self.date = date
        self.kind = kind
        self.item = item
        self.text = text
    }
}

extension Session {
    /// Every item whose text contains `query`, ignoring case: the session's own names,
    /// participants (name, organisation, country), ideas and notes (text, proposer), roles, and
    /// actions (text, owner).
    public func search(_ query: String) -> [SearchHit] {
        let needle = query.trimmingSpaces.lowercased()
        guard !needle.isEmpty else { return [] }
        func has(_ fields: String?...) -> Bool { fields.contains { $0?.lowercased().contains(needle) ?? false } }
        let date = createdAt?.date ?? String(id.prefix(10))
        var hits: [SearchHit] = []
        func hit(_ kind: SearchHit.Kind, _ item: String?, _ text: String) {
            hits.append(SearchHit(sessionID: id, sessionTitle: title, initiative: initiative, date: date,
                                  kind: kind, item: item, text: text))
        }
        if has(title, initiative, facilitator, rapporteur, id) {
            let people = [facilitator, rapporteur].filter { !$0.isEmpty }.joined(separator: ", ")
            hit(.session, nil, title + (people.isEmpty ? "" : " (\(people))"))
        }
        for p in participants where has(p.name, p.organisation, p.country) {
            let details = [p.organisation, p.country].filter { !$0.isEmpty }.joined(separator: ", ")
            hit(.participant, p.id, p.name + (details.isEmpty ? "" : " (\(details))"))
        }
        for i in ideas where has(i.text, i.by.map(displayName)) {
            hit(i.kind == .note ? .note : .idea, i.id, i.text + (i.withdrawn ? " (withdrawn)" : ""))
        }
        for r in roles where has(r.role, displayName(r.holder)) {
            hit(.role, r.role, "\(r.role): \(displayName(r.holder))")
        }
        for a in actions where has(a.text, displayName(a.owner), participant(a.owner)?.organisation) {
            hit(.action, a.id, "\(a.text) — \(displayName(a.owner))" + (a.due.map { ", due \($0)" } ?? ""))
        }
        return hits
    }
}
