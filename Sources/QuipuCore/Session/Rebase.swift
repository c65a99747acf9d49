/// Changes made against an earlier state of a session, brought onto the session as it is now:
/// what a recovery file holds (changes the disk refused, kept when Quipu had to exit).
///
/// Ids the changes minted (`I3`, `P5`, `V2`, `A4`) are minted again from the current state, so
/// they never collide with ids another writer took meanwhile, and every reference to them in
/// the later changes follows; undo targets among them follow their new event ids. When nothing
/// was written meanwhile, the changes come back exactly as they were.
extension SessionLog {
    public func rebased(_ recovered: [Event], writer: String) -> [Change] {
        var ids: [String: String] = [:]
        var events: [EventID: EventID] = [:]
        var last = state.lastNumber
        var out: [Change] = []
        for (offset, event) in recovered.enumerated() {
            // Renamed by what came before it; then what it mints is minted again.
            var change = event.change.renamingIDs(ids, events: events)
            if let minted = event.change.mintedID, let prefix = minted.first.map(String.init) {
                let number = (last[prefix] ?? 0) + 1
                last[prefix] = number
                ids[minted] = "\(prefix)\(number)\(state.idSuffix)"
                change = change.renamingIDs([minted: "\(prefix)\(number)\(state.idSuffix)"])
            }
            // The event this change becomes when appended: the writer's next sequence numbers.
            events[event.id] = EventID(seq: nextSeq + offset, writer: writer)
            out.append(change)
        }
        return out
    }
}

extension Change {
    /// The entity id this change brings into being, if any.
    public var mintedID: String? {
        switch self {
        case let .participantAdded(p): p.id
        case let .ideaAdded(i): i.id
        case let .voteOpened(v): v.id
        case let .actionAdded(a), let .actionCarried(a): a.id
        default: nil
        }
    }

    /// Keys whose values are, or list, entity ids (`I1`, `I1:3,I2:1`, `P1,P2`).
    static let idKeys: Set<String> = ["id", "by", "vote", "area", "into", "idea", "owner", "holder", "supporter",
                                      "candidates", "eligible", "choices", "counts", "runoff-of"]

    /// The same change with entity ids renamed by `ids` and undo targets by `events`; text
    /// (an idea's wording, a name) is never touched.
    public func renamingIDs(_ ids: [String: String], events: [EventID: EventID] = [:]) -> Change {
        if case .undo(let target) = self { return .undo(target: events[target] ?? target) }
        guard !ids.isEmpty else { return self }
        var record = self.record
        var changed = false
        for i in record.fields.indices where Change.idKeys.contains(record.fields[i].key) {
            let value = record.fields[i].value
            let renamed = value.split(separator: ",", omittingEmptySubsequences: false).map { item -> String in
                let parts = item.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                guard let new = ids[String(parts[0])] else { return String(item) }
                return parts.count == 2 ? new + ":" + parts[1] : new
            }.joined(separator: ",")
            if renamed != value {
                record.fields[i].value = renamed
                changed = true
            }
        }
        guard changed, let back = try? Change(record: record) else { return self }
        return back
    }
}
