/// What a search can find in one session, taken apart from the session: each candidate hit with
/// the texts it matches on. `Session.search` is `searchDocuments().hits(for:)`, so a search over
/// documents kept from an earlier run (the search index) finds exactly what a replay would.
///
/// Documents depend on the journal alone (never on the clock), so they may be kept while the
/// journal's file stays the same.
public struct SearchDocuments: Equatable, Sendable {
    public var sessionID: String
    public var sessionTitle: String
    public var initiative: String
    /// `createdAt`'s day, or the id's first ten characters.
    public var date: String
    /// In the order hits are listed: the session, participants, ideas and notes, roles, actions.
    public var documents: [SearchDocument]

    public init(sessionID: String, sessionTitle: String, initiative: String, date: String, documents: [SearchDocument]) {
        self.sessionID = sessionID
        self.sessionTitle = sessionTitle
        self.initiative = initiative
        self.date = date
        self.documents = documents
    }

    /// The documents any of whose fields contains `query` (both folded, `fold`), as hits.
    public func hits(for query: String) -> [SearchHit] {
        SearchDocuments.matcher(for: query).map(hits) ?? []
    }

    /// The documents any of whose fields `match` matches, as hits.
    public func hits(_ match: LowercasedMatch) -> [SearchHit] {
        documents.compactMap { $0.fields.contains(where: match.matches) ? hit($0) : nil }
    }

    /// The rule every search applies to a field (a field is kept folded, `fold`): the query
    /// folded the same way is part of it. Nil when the query is only spaces.
    public static func matcher(for query: String) -> LowercasedMatch? {
        let needle = fold(query)
        return needle.isEmpty ? nil : LowercasedMatch(needle)
    }

    /// A text as the search compares it: the roster's name key (`nameKey`), so capitals, accents
    /// and runs of spaces do not matter (`nuflo` finds Gonzalo Ñuflo, `peru` Perú).
    public static func fold(_ text: String) -> String { nameKey(text) }

    /// The hit a matching document makes.
    public func hit(_ document: SearchDocument) -> SearchHit {
        SearchHit(sessionID: sessionID, sessionTitle: sessionTitle, initiative: initiative, date: date,
                  kind: document.kind, item: document.item, text: document.text)
    }
}

/// One candidate hit: what it lists as (kind, item, text) and the texts it is found by.
public struct SearchDocument: Equatable, Sendable {
    public var kind: SearchHit.Kind
    public var item: String?
    public var text: String
    /// The texts it is found by, folded (`SearchDocuments.fold`) by whoever makes the document.
    public var fields: [String]

    public init(kind: SearchHit.Kind, item: String?, text: String, fields: [String]) {
        self.kind = kind
        self.item = item
        self.text = text
        self.fields = fields
    }
}

extension Session {
    /// Every candidate hit of `search`: the session's own names, participants (name,
    /// organisation, country), ideas and notes (text, proposer), roles (role, holder), and
    /// actions (text, owner, owner's organisation).
    public func searchDocuments() -> SearchDocuments {
        var documents: [SearchDocument] = []
        documents.reserveCapacity(1 + participants.count + ideas.count + roles.count + actions.count)
        let people = [facilitator, rapporteur].filter { !$0.isEmpty }.joined(separator: ", ")
        documents.append(SearchDocument(kind: .session, item: nil, text: title + (people.isEmpty ? "" : " (\(people))"),
                                        fields: fold([title, initiative, facilitator, rapporteur, id])))
        for p in participants {
            let details = [p.organisation, p.country].filter { !$0.isEmpty }.joined(separator: ", ")
            documents.append(SearchDocument(kind: .participant, item: p.id, text: p.name + (details.isEmpty ? "" : " (\(details))"),
                                            fields: fold([p.name, p.organisation, p.country])))
        }
        for i in ideas {
            documents.append(SearchDocument(kind: i.kind == .note ? .note : .idea, item: i.id,
                                            text: i.text + (i.withdrawn ? " (withdrawn)" : ""),
                                            fields: fold([i.text] + (i.by.map { [displayName($0)] } ?? []))))
        }
        for r in roles {
            let holder = displayName(r.holder)
            documents.append(SearchDocument(kind: .role, item: r.role, text: "\(r.role): \(holder)", fields: fold([r.role, holder])))
        }
        for a in actions {
            let owner = displayName(a.owner)
            documents.append(SearchDocument(kind: .action, item: a.id, text: "\(a.text) — \(owner)" + (a.due.map { ", due \($0)" } ?? ""),
                                            fields: fold([a.text, owner] + (participant(a.owner)?.organisation).map { [$0] }.orEmpty)))
        }
        return SearchDocuments(sessionID: id, sessionTitle: title, initiative: initiative,
                               date: createdAt?.date ?? String(id.prefix(10)), documents: documents)
    }
}

private func fold(_ fields: [String]) -> [String] { fields.map(SearchDocuments.fold) }

private extension Optional where Wrapped == [String] {
    var orEmpty: [String] { self ?? [] }
}
