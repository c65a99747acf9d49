#if canImport(Glibc)
import Glibc
#endif
import QuipuCore

/// What the summary cache keeps of one session: its `list --json` item as bytes, and its summary
/// encoded. Both are usually slices of the cache file as read: `list --json` joins the items
/// without decoding anything, and the summary is decoded only when asked for.
struct CachedSummary: CachedValue {
    /// 6: `links`, and `carriedOn` at the end of each item.
    static let magic = Array("quipu summary cache 6\n".utf8)
    static let fileStem = "summaries"

    /// `SessionSummary.listJSONItem`, as the journal alone gives it (`carriedOn` 0).
    var json: ArraySlice<UInt8>
    /// `SessionSummary.encode(into:)`: starts with its id and date.
    var encoded: ArraySlice<UInt8>
    /// The summary's `carriedActions` and `openActionIDs` (`encodeLinks`): starts with how many
    /// were carried here, so a listing finds the sessions that carried actions without decoding
    /// anything.
    var links: ArraySlice<UInt8>

    init(_ summary: SessionSummary) {
        json = summary.listJSONItem[...]
        var out = CacheWriter()
        summary.encode(into: &out)
        encoded = out.bytes[...]
        var l = CacheWriter()
        summary.encodeLinks(into: &l)
        links = l.bytes[...]
    }

    init(json: ArraySlice<UInt8>, encoded: ArraySlice<UInt8>, links: ArraySlice<UInt8>) {
        self.json = json
        self.encoded = encoded
        self.links = links
    }

    /// The summary, or nil when the bytes are not one.
    var summary: SessionSummary? {
        guard var summary = Array(encoded).withUnsafeBytes({ raw -> SessionSummary? in
            var r = CacheReader(raw: raw, offset: 0)
            guard let summary = SessionSummary.decode(from: &r), r.offset == raw.count else { return nil }
            return summary
        }), let (carried, open) = actionLinks else { return nil }
        summary.carriedActions = carried
        summary.openActionIDs = open
        return summary
    }

    /// The summary's `carriedActions` and `openActionIDs`, or nil when the bytes are not them.
    var actionLinks: (carried: [ActionLink], open: ActionIDs)? {
        Array(links).withUnsafeBytes { raw in
            var r = CacheReader(raw: raw, offset: 0)
            guard let links = SessionSummary.decodeLinks(from: &r), r.offset == raw.count else { return nil }
            return links
        }
    }

    /// Whether one of the session's actions was carried from another: read from `links`' first number.
    var carriesActions: Bool {
        links.count >= 8 && links.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(as: Int64.self)) } != 0
    }

    /// Where the summary's id and date are in `encoded`; nil when it does not start with them.
    var idAndDate: (id: Range<Int>, date: Range<Int>)? {
        encoded.withUnsafeBytes { raw in
            func text(at offset: Int) -> Range<Int>? {
                guard raw.count - offset >= 4 else { return nil }
                let count = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
                guard raw.count - offset - 4 >= count else { return nil }
                return (offset + 4)..<(offset + 4 + count)
            }
            guard let id = text(at: 0), let date = text(at: id.upperBound) else { return nil }
            let base = encoded.startIndex
            return (id.lowerBound + base..<id.upperBound + base, date.lowerBound + base..<date.upperBound + base)
        }
    }

    func encode(into out: inout CacheWriter) {
        out.slice(json)
        out.slice(encoded)
        out.slice(links)
    }

    static func decode(from r: inout CacheReader) -> CachedSummary? {
        guard let json = r.slice(), let encoded = r.slice(), let links = r.slice() else { return nil }
        return CachedSummary(json: json, encoded: encoded, links: links)
    }
}

/// `list --json` of a sessions folder, and the journals it had something to say about.
public struct ListedJSON: Sendable {
    /// The document's items in order, usually slices of the cache file as read.
    var items: [ArraySlice<UInt8>]
    /// In id order, the journals that could not be read or were read with warnings.
    public var problems: [SessionListing]

    /// The number of items: sessions listed and journals that could not be read.
    public var count: Int { items.count }

    /// The whole document: what `JSONExport.list` gives for the summaries sorted by date and id.
    public var bytes: [UInt8] { SessionSummary.listJSON(joining: items) }

    /// Writes `bytes` to a file descriptor straight from the items, without joining them first
    /// (megabytes); false when it cannot be written.
    public func write(toFileDescriptor fd: Int32) -> Bool {
        guard !items.isEmpty else { return writeAll(fd, [Array("[]\n".utf8)[...]]) }
        var pieces: [ArraySlice<UInt8>] = []
        pieces.reserveCapacity(2 * items.count + 1)
        let open = Array("[\n".utf8)[...], separator = Array(",\n".utf8)[...], close = Array("\n]\n".utf8)[...]
        pieces.append(open)
        for (i, item) in items.enumerated() {
            if i > 0 { pieces.append(separator) }
            pieces.append(item)
        }
        pieces.append(close)
        return writeAll(fd, pieces)
    }

    /// `writev` a batch at a time; a short write is finished piece by piece.
    private func writeAll(_ fd: Int32, _ pieces: [ArraySlice<UInt8>]) -> Bool {
        let batch = 512
        var start = 0
        while start < pieces.count {
            let end = min(pieces.count, start + batch)
            var vectors: [iovec] = []
            vectors.reserveCapacity(end - start)
            var total = 0
            for piece in pieces[start..<end] {
                piece.withUnsafeBytes { vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count)) }
                total += piece.count
            }
            // The slices' storage outlives the call: `pieces` holds them.
            var written = withExtendedLifetime(pieces) { vectors.withUnsafeBufferPointer { Glibc.writev(fd, $0.baseAddress, Int32($0.count)) } }
            if written < 0 && errno != EINTR { return false }
            if written < total {
                // Finish by plain writes from where it stopped.
                written = max(written, 0)
                for piece in pieces[start..<end] {
                    if written >= piece.count { written -= piece.count; continue }
                    var rest = piece.dropFirst(written)
                    written = 0
                    while !rest.isEmpty {
                        let n = rest.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                        if n < 0 && errno == EINTR { continue }
                        if n <= 0 { return false }
                        rest = rest.dropFirst(n)
                    }
                }
            }
            start = end
        }
        return true
    }
}

extension SessionsFolder {
    /// `list --json` at `now`: what `JSONExport.list` gives for `summaries(at:)` sorted by date
    /// then id, through the same cache, whose kept items are joined without being decoded.
    public func listJSON(at now: Timestamp, cache: CacheFolder? = .standard) throws -> ListedJSON {
        try listJSON(at: now, cache: cache, lookedAt: realTimeNanoseconds())
    }

    func listJSON(at now: Timestamp, cache: CacheFolder?, lookedAt started: Int64) throws -> ListedJSON {
        /// A listed session's item, or what went wrong with its journal.
        enum Listed: Sendable {
            case item(CachedSummary)
            // Boxed: rare, and big to copy about.
            indirect case fresh(SessionListing, CachedSummary?)
        }
        let fresh: @Sendable (String, [String]?) -> (result: Listed, keep: CachedSummary?) = { id, devices in
            do {
                let (log, warnings) = try load(id, devices: devices)
                let session = log.state
                let plain = session.summary(at: now)
                let summary = CachedSummary(plain)
                // Kept on the same terms as `summaries(at:)`.
                let keep = warnings.isEmpty && session.clock.state != .running
                return (warnings.isEmpty ? .item(summary) : .fresh(SessionListing(id: id, summary: .success(plain), warnings: warnings), summary),
                        keep ? summary : nil)
            } catch {
                return (.fresh(SessionListing(id: id, summary: .failure(error), warnings: []), nil), nil)
            }
        }
        var ids: [String] = []
        let listed = try throughCache({ let files = try sessionFiles(); ids = files.ids; return files }, place: cache?.place(for: self), lookedAt: started,
                                      cached: { _, kept in .item(kept) },
                                      derive: { fresh($0, $1) })
        var items: [(item: CachedSummary, id: Range<Int>, date: Range<Int>, ascii: Bool, source: Int)] = []
        items.reserveCapacity(listed.count)
        // Beside `items`, where each goes as words: most are checked in order by these alone.
        var keys: [ListOrderKey] = []
        keys.reserveCapacity(listed.count)
        func add(_ item: CachedSummary, id: Range<Int>, date: Range<Int>, source: Int) {
            let key = ListOrderKey(encoded: item.encoded, id: id, date: date)
            items.append((item, id, date, key.ascii, source))
            keys.append(key)
        }
        var problems: [SessionListing] = []
        for i in listed.indices {
            if case .item(let item) = listed[i] {
                if let (id, date) = item.idAndDate {
                    add(item, id: id, date: date, source: i)
                    continue
                }
            }
            var entry = listed[i]
            // A kept entry that is not one (never written so) is read afresh.
            if case .item = entry { entry = fresh(ids[i], nil).result }
            switch entry {
            case .item(let item):
                if let (id, date) = item.idAndDate { add(item, id: id, date: date, source: i) }
            case .fresh(let listing, let item):
                problems.append(listing)
                if let item, let (id, date) = item.idAndDate { add(item, id: id, date: date, source: i) }
            }
        }
        // By date, then id, as `String` orders them: bytes compare the same for ASCII.
        func less(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>, ascii: Bool) -> Bool? {
            if ascii {
                let order = a.withUnsafeBytes { x in
                    b.withUnsafeBytes { y in
                        guard let p = x.baseAddress, let q = y.baseAddress, min(x.count, y.count) > 0 else { return Int32(0) }
                        return memcmp(p, q, min(x.count, y.count))
                    }
                }
                return order != 0 ? order < 0 : a.count == b.count ? nil : a.count < b.count
            }
            if a.elementsEqual(b) { return nil }
            let (x, y) = (String(decoding: a, as: UTF8.self), String(decoding: b, as: UTF8.self))
            return x == y ? nil : x < y
        }
        func inOrder(_ x: (item: CachedSummary, id: Range<Int>, date: Range<Int>, ascii: Bool, source: Int),
                     _ y: (item: CachedSummary, id: Range<Int>, date: Range<Int>, ascii: Bool, source: Int)) -> Bool {
            let ascii = x.ascii && y.ascii
            if let d = less(x.item.encoded[x.date], y.item.encoded[y.date], ascii: ascii) { return d }
            return less(x.item.encoded[x.id], y.item.encoded[y.id], ascii: ascii) ?? false
        }
        // Journals are named for their date, so they are usually in order already.
        let sorted = keys.indices.dropFirst().allSatisfy { i in
            keys[i].precedes(keys[i - 1]).map { !$0 } ?? !inOrder(items[i], items[i - 1])
        }
        if !sorted { items.sort(by: inOrder) }
        var json = items.map(\.item.json)
        // Each action counted where it lives now (`SessionSummary.carriedOn`, as in `placeCarriedActions`): only the
        // items of sessions whose actions were carried on are decoded and written again.
        let carrying = items.indices.filter { items[$0].item.carriesActions }
        if !carrying.isEmpty {
            var itemOf = [Int](repeating: -1, count: ids.count)
            for k in items.indices { itemOf[items[k].source] = k }
            let placed = SessionSummary.carriedOn(carrying: carrying, session: { id in
                sortedIndex(of: id, count: ids.count, id: { ids[$0] }).flatMap { itemOf[$0] >= 0 ? itemOf[$0] : nil }
            }, listed: { k in
                let item = items[k]
                return (String(decoding: item.item.encoded[item.id], as: UTF8.self),
                        String(decoding: item.item.encoded[item.date], as: UTF8.self), item.item.actionLinks?.carried ?? [])
            }, isOpen: { k, action in
                items[k].item.actionLinks?.open.contains(action) ?? false
            })
            for (k, n) in placed {
                guard var summary = items[k].item.summary else { continue }
                summary.place(carriedOn: n)
                json[k] = summary.listJSONItem[...]
            }
        }
        // Rare: journals that could not be read, each an item in its place, never left out.
        let damaged = problems.compactMap(\.damage)
        if !damaged.isEmpty {
            let key = { (i: Int) in
                (String(decoding: items[i].item.encoded[items[i].date], as: UTF8.self),
                 String(decoding: items[i].item.encoded[items[i].id], as: UTF8.self))
            }
            for (at, d) in SessionDamage.positions(of: damaged, among: items.count, key: key).reversed() {
                json.insert(d.listJSONItem[...], at: at)
            }
        }
        return ListedJSON(items: json, problems: problems)
    }
}
