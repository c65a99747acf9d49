import Testing
@testable import QuipuCore

/// `Session.search` is the fold of `searchDocuments()` and a matcher over them; on any session it
/// must find exactly what the search did before it was taken apart (kept here as the reference).
@Suite("Search documents")
struct SearchDocumentTests {
    /// The search as it was written before documents: the reference the documents must agree with.
    func referenceSearch(_ s: Session, _ query: String) -> [SearchHit] {
        // Capitals, accents and runs of spaces do not matter: texts compare by their name key.
        let needle = nameKey(query)
        guard !needle.isEmpty else { return [] }
        func has(_ fields: String?...) -> Bool { fields.contains { $0.map { nameKey($0).lowercased().contains(needle) } ?? false } }
        let date = s.createdAt?.date ?? String(s.id.prefix(10))
        var hits: [SearchHit] = []
        func hit(_ kind: SearchHit.Kind, _ item: String?, _ text: String) {
            hits.append(SearchHit(sessionID: s.id, sessionTitle: s.title, initiative: s.initiative, date: date,
                                  kind: kind, item: item, text: text))
        }
        if has(s.title, s.initiative, s.facilitator, s.rapporteur, s.id) {
            let people = [s.facilitator, s.rapporteur].filter { !$0.isEmpty }.joined(separator: ", ")
            hit(.session, nil, s.title + (people.isEmpty ? "" : " (\(people))"))
        }
        for p in s.participants where has(p.name, p.organisation, p.country) {
            let details = [p.organisation, p.country].filter { !$0.isEmpty }.joined(separator: ", ")
            hit(.participant, p.id, p.name + (details.isEmpty ? "" : " (\(details))"))
        }
        for i in s.ideas where has(i.text, i.by.map(s.displayName)) {
            hit(i.kind == .note ? .note : .idea, i.id, i.text + (i.withdrawn ? " (withdrawn)" : ""))
        }
        for r in s.roles where has(r.role, s.displayName(r.holder)) {
            hit(.role, r.role, "\(r.role): \(s.displayName(r.holder))")
        }
        for a in s.actions where has(a.text, s.displayName(a.owner), s.participant(a.owner)?.organisation) {
            hit(.action, a.id, "\(a.text) — \(s.displayName(a.owner))" + (a.due.map { ", due \($0)" } ?? ""))
        }
        return hits
    }

    static let words = ["Glacier", "glacier", "GLACIER", "water", "Páramo", "流域", "\u{212A}elvin", "İstanbul", "why\u{37E}",
                        "María", "Quispe", "CONDESAN", "Perú", "seed", "bank", "monitoring", "e\u{301}cole", "école", "P1", "I2"]

    /// A session built from `seed`: participants (some renamed, some removed), ideas and notes
    /// (some withdrawn, some proposed by participants or by free-text names), roles and actions.
    static func generated(_ seed: UInt64) -> Session {
        var rng = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        func next(_ n: Int) -> Int {
            rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17
            return Int(rng % UInt64(n))
        }
        func text(_ count: Int) -> String { (0..<count).map { _ in words[next(words.count)] }.joined(separator: " ") }
        var h = Harness()
        var people: [String] = []
        for _ in 0..<(1 + next(5)) {
            if let events = try? h.run(.addParticipant(name: text(2), organisation: next(3) == 0 ? "" : text(1),
                                                        group: .ngo, country: next(2) == 0 ? "" : text(1), observer: next(4) == 0)),
               case let .participantAdded(p) = events.first?.change {
                people.append(p.id)
            }
        }
        func someone() -> String { people.isEmpty ? "Nobody" : people[next(people.count)] }
        for _ in 0..<(next(8)) {
            let kind = IdeaKind.allCases[next(IdeaKind.allCases.count)]
            let by: String? = [nil, someone(), text(1)][next(3)]
            _ = try? h.run(.addIdea(text: text(1 + next(4)), kind: kind, by: by, area: nil))
        }
        for _ in 0..<next(3) { _ = try? h.run(.withdrawIdea(id: "I\(1 + next(8))")) }
        for _ in 0..<next(3) { _ = try? h.run(.assignRole(role: ["Rapporteur", "Timekeeper", text(1)][next(3)], holder: [someone(), text(2)][next(2)])) }
        for _ in 0..<next(4) {
            _ = try? h.run(.addAction(text: text(1 + next(3)), owner: [someone(), text(1)][next(2)], due: next(2) == 0 ? nil : "2027-03", idea: nil))
        }
        for _ in 0..<next(2) { _ = try? h.run(.editParticipant(who: someone(), name: text(2), organisation: nil, group: nil, country: nil)) }
        // Removed participants are still named where they proposed, held or own something.
        for _ in 0..<next(3) { _ = try? h.run(.removeParticipant(who: someone())) }
        return h.state
    }

    @Test func searchFromDocumentsIsTheSearchAsItWas() {
        var compared = 0, found = 0
        for seed in 1...300 as ClosedRange<UInt64> {
            let session = Self.generated(seed)
            let documents = session.searchDocuments()
            let queries = Self.words + ["", "  ", " glacier ", "a", "e", "(", "—", ", due", "watershed", "2026-11-29", "withdrawn",
                                        "kelvin", "i̇", ";", "ana", "ben", "p", "Nobody", "quispe (", "ecole"]
            for query in queries {
                let expected = referenceSearch(session, query)
                #expect(session.search(query) == expected, "seed \(seed), query \(query)")
                #expect(documents.hits(for: query) == expected, "seed \(seed), query \(query)")
                compared += 1
                found += expected.count
            }
        }
        #expect(compared == 300 * 40)
        // The generated sessions do give hits of every kind.
        #expect(found > 1000)
    }

    /// The word-at-a-time scan never rules out text that matches.
    @Test func mayContainIsTrueOfEveryMatch() {
        var rng: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ n: Int) -> Int {
            rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17
            return Int(rng % UInt64(n))
        }
        let pieces = Self.words + ["a", "B", "@", "`", "\u{130}", "\u{1FEF}", "Z", "z", " ", "\r\n", "1"]
        var matched = 0
        for _ in 0..<3000 {
            let text = (0..<next(12)).map { _ in pieces[next(pieces.count)] }.joined()
            let needle = (0..<(1 + next(2))).map { _ in pieces[next(pieces.count)] }.joined().lowercased()
            let match = LowercasedMatch(needle)
            guard let ascii = match.asciiNeedle else { continue }
            if match.matches(text) {
                matched += 1
                #expect(Array(text.utf8).withUnsafeBufferPointer { LowercasedMatch.mayContain($0, ascii) }, "\(text) \(needle)")
            }
        }
        #expect(matched > 100)
    }

    @Test func everyKindOfHitIsGenerated() {
        var kinds = Set<SearchHit.Kind>()
        var withdrawn = false, removedNamed = false
        for seed in 1...300 as ClosedRange<UInt64> {
            let s = Self.generated(seed)
            for d in s.searchDocuments().documents { kinds.insert(d.kind) }
            withdrawn = withdrawn || s.ideas.contains(where: \.withdrawn)
            let removed = Set(s.removedParticipants.map(\.id))
            removedNamed = removedNamed || s.actions.contains { removed.contains($0.owner) }
                || s.ideas.contains { $0.by.map(removed.contains) ?? false } || s.roles.contains { removed.contains($0.holder) }
        }
        #expect(kinds == Set(SearchHit.Kind.allCases))
        #expect(withdrawn)
        #expect(removedNamed)
    }
}
