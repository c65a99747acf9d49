import QuipuCore

extension SessionsFolder {
    /// Searches every session in the folder, newest first (by date, then id), for `query`.
    /// A journal that cannot be read is skipped and named in `unreadable`, so one damaged file
    /// does not hide the others.
    public func search(_ query: String) throws -> (hits: [SearchHit], unreadable: [String]) {
        let (all, unreadable) = try loadAll()
        let sessions = all.sorted { a, b in
            let da = a.createdAt?.date ?? String(a.id.prefix(10)), db = b.createdAt?.date ?? String(b.id.prefix(10))
            return da != db ? da > db : a.id > b.id
        }
        return (sessions.flatMap { $0.search(query) }, unreadable)
    }

    /// Every session that can be read, in id order, and the ids of those that cannot.
    public func loadAll() throws -> (sessions: [Session], unreadable: [String]) {
        var sessions: [Session] = []
        var unreadable: [String] = []
        for id in try sessionIDs() {
            if let loaded = try? load(id) { sessions.append(loaded.log.state) } else { unreadable.append(id) }
        }
        return (sessions, unreadable)
    }
}
