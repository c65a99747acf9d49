#if canImport(Glibc)
import Glibc
#endif
import QuipuCore

extension SessionsFolder {
    /// Searches every session in the folder, newest first (by date, then id), for `query`.
    /// A journal that cannot be read is skipped and named in `unreadable`, so one damaged file
    /// does not hide the others.
    ///
    /// Journals are searched in parallel, one at a time per core, keeping only their hits. Each
    /// session's `SearchDocuments` are kept in the search index beside the summary cache, and
    /// used again while the journal's file is unchanged (`throughCache`); only new and changed
    /// journals are parsed and replayed.
    public func search(_ query: String, cache: CacheFolder? = .standard) throws -> (hits: [SearchHit], unreadable: [String]) {
        try search(query, cache: cache, lookedAt: realTimeNanoseconds())
    }

    /// `lookedAt`: the real time (ns) just before the files are looked at; tests move it ahead
    /// so that files they have just written count as settled.
    func search(_ query: String, cache: CacheFolder?, lookedAt started: Int64) throws -> (hits: [SearchHit], unreadable: [String]) {
        let files = try sessionFiles()
        let ids = files.ids
        let match = SearchDocuments.matcher(for: query)
        let found = throughCache({ files }, place: cache?.place(for: self), lookedAt: started, spreadCurrent: true,
                                 cached: { _, documents in match.map(documents.hits) ?? [] },
                                 derive: { id, devices -> (result: [SearchHit]?, keep: EncodedSearchDocuments?) in
            guard let (log, _) = try? load(id, devices: devices) else { return (nil, nil) }
            // Documents depend on the journal alone (not on the clock): always fit to keep.
            let documents = log.state.searchDocuments()
            return (match.map(documents.hits) ?? [], EncodedSearchDocuments(documents))
        })
        var unreadable: [String] = []
        var sessions: [(date: String, id: String, hits: [SearchHit])] = []
        for (id, hits) in zip(ids, found) {
            guard let hits else { unreadable.append(id); continue }
            // Every hit carries its session's date: `createdAt`, or the id's first ten characters.
            if let first = hits.first { sessions.append((first.date, id, hits)) }
        }
        sessions.sort { a, b in a.date != b.date ? a.date > b.date : a.id > b.id }
        return (sessions.flatMap(\.hits), unreadable)
    }

    /// Every session that can be read, in id order, and the ids of those that cannot.
    public func loadAll() throws -> (sessions: [Session], unreadable: [String]) {
        var sessions: [Session] = []
        var unreadable: [String] = []
        let files = try sessionFiles()
        for id in files.ids {
            if let loaded = try? load(id, devices: files.devices[id] ?? []) { sessions.append(loaded.log.state) } else { unreadable.append(id) }
        }
        return (sessions, unreadable)
    }
}
