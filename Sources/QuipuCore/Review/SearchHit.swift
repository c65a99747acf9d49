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
    /// Every item whose text contains `query`, capitals, accents and runs of spaces aside: the session's own names,
    /// participants (name, organisation, country), ideas and notes (text, proposer), roles, and
    /// actions (text, owner). The candidates and their texts are `searchDocuments()`.
    public func search(_ query: String) -> [SearchHit] {
        searchDocuments().hits(for: query)
    }
}
