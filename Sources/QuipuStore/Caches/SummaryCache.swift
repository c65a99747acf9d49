#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import QuipuCore
import QuipuText

/// One journal of the folder as a listing sees it: its summary, or why it could not be read.
public struct SessionListing: Sendable {
    public var id: String
    public var summary: Result<SessionSummary, any Error>
    /// What the reader noticed in a journal it could read (a torn tail, unknown kinds…).
    public var warnings: [String]

    /// Why the journal could not be read, in one line (`FILE:LINE:COL: message`); nil when it was.
    public var damage: SessionDamage? {
        guard case .failure(let error) = summary else { return nil }
        let text = (error as? JournalError)?.summaryMessage.localized ?? (error as? StoreError)?.text.localized
            ?? (error as? QuipuError)?.localized ?? String(describing: error)
        return SessionDamage(id: id, problem: String(text.split(separator: "\n").first ?? ""))
    }
}

extension SessionsFolder {
    /// Every session's summary at `now`, in id order; the list and the home screen both read the
    /// folder through here. Journals are read in parallel and only their summaries are kept.
    ///
    /// A summary that cannot change while its journal stays the same (the clock is not running,
    /// the journal read without warnings) is kept in `cache` and used again while the journal's
    /// file has the same name, inode, size, modification and change times. The cache is derived:
    /// a missing or damaged one is rebuilt, and one that cannot be written is simply not kept.
    public func summaries(at now: Timestamp, cache: CacheFolder? = .standard) throws -> [SessionListing] {
        try summaries(at: now, cache: cache, lookedAt: realTimeNanoseconds())
    }

    /// `lookedAt`: the real time (ns) just before the files are looked at; tests move it ahead
    /// so that files they have just written count as settled.
    func summaries(at now: Timestamp, cache: CacheFolder?, lookedAt started: Int64) throws -> [SessionListing] {
        let fresh: @Sendable (String, [String]?) -> (result: SessionListing, keep: CachedSummary?) = { id, devices in
            do {
                let (log, warnings) = try load(id, devices: devices)
                let session = log.state
                let summary = session.summary(at: now)
                // Kept only when it cannot change while the file stays the same: not while the
                // clock runs (the duration grows), not with warnings (they are shown each time).
                let keep = warnings.isEmpty && session.clock.state != .running
                return (SessionListing(id: id, summary: .success(summary), warnings: warnings), keep ? CachedSummary(summary) : nil)
            } catch {
                return (SessionListing(id: id, summary: .failure(error), warnings: []), nil)
            }
        }
        var listings = try throughCache({ try sessionFiles() }, place: cache?.place(for: self), lookedAt: started,
                                        cached: { id, kept in
                                            // An entry that does not decode (never written so) is read afresh.
                                            kept.summary.map { SessionListing(id: id, summary: .success($0), warnings: []) } ?? fresh(id, nil).result
                                        },
                                        derive: { fresh($0, $1) })
        Self.placeCarriedActions(in: &listings)
        return listings
    }

    /// Counts each action where it lives now: one carried into a later session of the folder is
    /// `carriedOn` in the earlier one, not open there. Applied to the summaries as read (each
    /// from its journal alone, so cached alone); `listJSON` does the same with its items.
    static func placeCarriedActions(in listings: inout [SessionListing]) {
        var carrying: [Int] = []
        for i in listings.indices {
            if case .success(let s) = listings[i].summary, s.carriesActions { carrying.append(i) }
        }
        guard !carrying.isEmpty else { return }
        let placed = SessionSummary.carriedOn(carrying: carrying, session: { id in
            sortedIndex(of: id, count: listings.count, id: { listings[$0].id }).flatMap { i in
                (try? listings[i].summary.get()) != nil ? i : nil
            }
        }, listed: { i in
            let s = try! listings[i].summary.get()
            return (listings[i].id, s.date, s.carriedActions)
        }, isOpen: { i, action in
            (try? listings[i].summary.get())?.openActionIDs.contains(action) ?? false
        })
        for (i, n) in placed {
            guard case .success(var s) = listings[i].summary else { continue }
            s.place(carriedOn: n)
            listings[i].summary = .success(s)
        }
    }
}

/// Where `id` is among `count` ids sorted in byte order (as `sessionIDs` gives them; `id(i)` is
/// the i-th), or nil.
func sortedIndex(of id: String, count: Int, id idAt: (Int) -> String) -> Int? {
    var (low, high) = (0, count)
    while low < high {
        let mid = (low + high) / 2
        if utf8Precedes(idAt(mid), id) { low = mid + 1 } else { high = mid }
    }
    return low < count && idAt(low) == id ? low : nil
}

/// The summary's own fields as a `CachedSummary` keeps them.
extension SessionSummary {
    func encode(into out: inout CacheWriter) {
        out.text(id)
        out.text(date)
        out.text(title)
        out.text(initiative)
        out.text(status.rawValue)
        for n in [durationSeconds, plannedSeconds, Int64(participants), Int64(members), Int64(observers),
                  Int64(ideas), Int64(actions), Int64(openActions)] { out.int(n) }
        if let topPriority { out.int(1); out.text(topPriority) } else { out.int(0) }
    }

    /// `carriedActions` and `openActionIDs`: how many were carried here, then each one's id, 1
    /// when open (else 0), and where it came from; then the open ids' words and other ids, each
    /// list after its count.
    func encodeLinks(into out: inout CacheWriter) {
        out.int(Int64(carriedActions.count))
        for link in carriedActions {
            out.text(link.id)
            out.int(link.open ? 1 : 0)
            out.text(link.carriedFrom)
        }
        out.int(Int64(openActionIDs.words.count))
        for word in openActionIDs.words { out.int(Int64(bitPattern: word)) }
        out.int(Int64(openActionIDs.others.count))
        for id in openActionIDs.others { out.text(id) }
    }

    static func decodeLinks(from r: inout CacheReader) -> (carried: [ActionLink], open: ActionIDs)? {
        guard let count = r.int(), count >= 0, count <= r.raw.count else { return nil }
        var carried: [ActionLink] = []
        for _ in 0..<count {
            guard let id = r.text(), let open = r.int(), open == 0 || open == 1, let from = r.text() else { return nil }
            carried.append(ActionLink(id: id, open: open == 1, carriedFrom: from))
        }
        guard let wordCount = r.int(), wordCount >= 0, wordCount <= r.raw.count else { return nil }
        var words: [UInt64] = []
        for _ in 0..<wordCount {
            guard let w = r.int() else { return nil }
            words.append(UInt64(bitPattern: w))
        }
        guard let otherCount = r.int(), otherCount >= 0, otherCount <= r.raw.count else { return nil }
        var others: [String] = []
        for _ in 0..<otherCount {
            guard let id = r.text() else { return nil }
            others.append(id)
        }
        guard let open = ActionIDs(words: words, others: others) else { return nil }
        return (carried, open)
    }

    static func decode(from r: inout CacheReader) -> SessionSummary? {
        guard let sid = r.text(), let date = r.text(), let title = r.text(), let initiative = r.text(),
              let status = r.text().flatMap(SessionStatus.init(rawValue:)),
              let duration = r.int(), let planned = r.int(), let participants = r.int(), let members = r.int(),
              let observers = r.int(), let ideas = r.int(), let actions = r.int(), let open = r.int(),
              let hasTop = r.int()
        else { return nil }
        var top: String?
        if hasTop == 1 { guard let t = r.text() else { return nil }; top = t } else if hasTop != 0 { return nil }
        return SessionSummary(
            id: sid, date: date, title: title, initiative: initiative, status: status,
            durationSeconds: duration, plannedSeconds: planned, participants: Int(participants),
            members: Int(members), observers: Int(observers), ideas: Int(ideas), actions: Int(actions),
            openActions: Int(open), topPriority: top)
    }
}

/// What identifies one version of a journal's file without reading it. Taken before the file is
/// read, so any later change (an append, a rewrite, a replacement) gives a different key.
struct JournalFileKey: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    /// Modification and status-change times, in nanoseconds since 1970.
    var modified: Int64
    var changed: Int64

    init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, changed: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.changed = changed
    }

    /// The key of the journal of `id` (`<id>.txt`), its name built on the stack: ten thousand
    /// of these are taken each time the folder is listed.
    init?(directory: Int32, journal id: String) {
        var id = id
        let key = id.withUTF8 { utf8 in
            withUnsafeTemporaryAllocation(of: CChar.self, capacity: utf8.count + 5) { name -> JournalFileKey? in
                UnsafeMutableRawBufferPointer(name).copyMemory(from: UnsafeRawBufferPointer(utf8))
                for (i, c) in ".txt\0".utf8.enumerated() { name[utf8.count + i] = CChar(bitPattern: c) }
                return JournalFileKey(directory: directory, cName: name.baseAddress!)
            }
        }
        guard let key else { return nil }
        self = key
    }

    init?(directory: Int32, name: String) {
        guard let key = name.withCString({ JournalFileKey(directory: directory, cName: $0) }) else { return nil }
        self = key
    }

    private init?(directory: Int32, cName name: UnsafePointer<CChar>) {
        var st = stat()
        guard (directory >= 0 ? fstatat(directory, name, &st, 0) : -1) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        self.init(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
                  modified: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
                  changed: Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec))
    }

    /// The key of a session of several files: any file's change, arrival or removal changes it
    /// (the sizes add up, the times are the latest, and each file's inode is mixed in). Nil
    /// when a file is gone between listing and looking.
    func combined(with other: JournalFileKey?) -> JournalFileKey? {
        guard let other else { return nil }
        return JournalFileKey(device: device, inode: (inode &* 0x9E37_79B9_7F4A_7C15) ^ other.inode &+ other.device,
                              size: size + other.size, modified: max(modified, other.modified),
                              changed: max(changed, other.changed))
    }

    /// Whether a change made after `now` is sure to show in the times. The file system stamps
    /// times from a clock that ticks coarsely (a few milliseconds; a second or two on some file
    /// systems, which show it by whole-second times), so a file changed within a tick of being
    /// looked at could change again and keep the same times; such a file is not cached yet.
    func isSettled(at now: Int64) -> Bool {
        let fine = modified % 1_000_000_000 != 0 || changed % 1_000_000_000 != 0
        let margin: Int64 = fine ? 100_000_000 : 3_000_000_000
        return max(modified, changed) < now - margin
    }
}

func realTimeNanoseconds() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
}

/// `transform` of each element, computed on every core, in the original order.
func parallelMap<T: Sendable, R>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count > 1 else { return items.map(transform) }
    let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
    results.initialize(repeating: nil)
    defer { results.deinitialize(); results.deallocate() }
    nonisolated(unsafe) let slots = results
    DispatchQueue.concurrentPerform(iterations: items.count) { i in slots[i] = transform(items[i]) }
    // Moved out, not copied: a copy would retain and then release whatever each result holds.
    return [R](unsafeUninitializedCapacity: items.count) { out, count in
        for i in 0..<items.count { (out.baseAddress! + i).initialize(to: (results.baseAddress! + i).move()!) }
        results.baseAddress!.initialize(repeating: nil, count: items.count)
        count = items.count
    }
}

/// A 64-bit checksum (FNV-1a over 8-byte words): names a sessions folder's cache files
/// (`fileChecksum` closes them).
func checksum(_ raw: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    var i = 0
    while i + 8 <= raw.count {
        h = (h ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* 0x100_0000_01b3
        h ^= h >> 32
        i += 8
    }
    while i < raw.count {
        h = (h ^ UInt64(raw[i])) &* 0x100_0000_01b3
        i += 1
    }
    return h
}

struct CacheWriter {
    var bytes: [UInt8] = []
    mutating func int(_ n: Int64) { withUnsafeBytes(of: n.littleEndian) { bytes += $0 } }
    mutating func slice(_ b: ArraySlice<UInt8>) {
        withUnsafeBytes(of: UInt32(b.count).littleEndian) { bytes += $0 }
        bytes += b
    }
    mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            withUnsafeBytes(of: UInt32(utf8.count).littleEndian) { bytes += $0 }
            bytes += utf8
        }
    }
}

struct CacheReader {
    let raw: UnsafeRawBufferPointer
    var offset: Int
    /// The array `raw` is the start of, when a value may keep a slice of it instead of a copy.
    var source: [UInt8] = []

    mutating func int() -> Int64? {
        guard raw.count - offset >= 8 else { return nil }
        defer { offset += 8 }
        return Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self))
    }

    mutating func text() -> String? {
        guard raw.count - offset >= 4 else { return nil }
        let count = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        guard raw.count - offset - 4 >= count else { return nil }
        defer { offset += 4 + count }
        return String(decoding: UnsafeRawBufferPointer(rebasing: raw[(offset + 4)..<(offset + 4 + count)]), as: UTF8.self)
    }

    /// Text's bytes as a slice of `source` (shared, not copied) when there is one.
    mutating func slice() -> ArraySlice<UInt8>? {
        guard raw.count - offset >= 4 else { return nil }
        let count = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        guard raw.count - offset - 4 >= count else { return nil }
        let range = (offset + 4)..<(offset + 4 + count)
        offset += 4 + count
        return source.count >= range.upperBound ? source[range] : Array(raw[range])[...]
    }
}
