import QuipuCore

extension SessionsFolder {
    /// The session whose open actions `id` would carry over: the latest session of the same
    /// initiative (compared as names are, capitals and accents aside, as the plenary groups
    /// them) created before it. A session without an initiative has no
    /// source and says so.
    public func carryOverSource(for id: String) throws -> Session {
        let target = try load(id).log.state
        guard let created = target.createdAt else { throw StoreError(Message("{id} has no creation event", ["id": .text(id)])) }
        return try carryOverSource(initiative: target.initiative, before: (created, id))
    }

    /// The latest session of `initiative` that sorts before `before` (creation time, then id);
    /// sessions that cannot be read are passed over.
    public func carryOverSource(initiative: String, before: (Timestamp, String)) throws -> Session {
        let key = nameKey(initiative)
        guard !key.isEmpty else {
            throw StoreError(Message("the session names no initiative, so it has no earlier session to carry actions from"))
        }
        var best: (Timestamp, String, Session)?
        let files = try sessionFiles()
        for other in files.ids where other != before.1 {
            guard let s = try? load(other, devices: files.devices[other] ?? []).log.state, nameKey(s.initiative) == key, let created = s.createdAt,
                  (created, s.id) < before else { continue }
            if let b = best, (b.0, b.1) >= (created, s.id) { continue }
            best = (created, s.id, s)
        }
        guard let best else { throw StoreError(Message("no earlier session of {initiative} to carry actions from", ["initiative": .text(initiative)])) }
        return best.2
    }
}
