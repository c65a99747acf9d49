#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import QuipuCore

/// Something derived from one journal's bytes alone that a cache file may keep between runs: the
/// summary cache (`SessionSummary`) and the search index (`EncodedSearchDocuments`) are two.
protocol CachedValue: Sendable {
    /// The first line of its cache file: the format and its version.
    static var magic: [UInt8] { get }
    /// Starts the cache file's name (`summaries`, `search`).
    static var fileStem: String { get }
    func encode(into out: inout CacheWriter)
    static func decode(from r: inout CacheReader) -> Self?
}

/// A kept value and the version of its journal's file it was derived from.
struct CacheEntry<Value: CachedValue>: Sendable {
    var key: JournalFileKey
    var value: Value
}

/// One cache file: a text line naming the format and its version, then binary: the program and
/// the sessions folder it was written for, the entries (session id, file key, value), and a
/// checksum of everything before it (`fileChecksum`). Numbers are 64-bit little-endian; text is a
/// 32-bit length and UTF-8 bytes.
enum CacheFile<Value: CachedValue> {
    static func encode(_ entries: [(String, CacheEntry<Value>)], folder: String, program: String) -> [UInt8] {
        var out = CacheWriter()
        out.bytes.reserveCapacity(256 + entries.count * 200)
        out.bytes += Value.magic
        out.text(program)
        out.text(folder)
        out.int(Int64(entries.count))
        for (id, entry) in entries {
            out.text(id)
            let k = entry.key
            for n in [Int64(bitPattern: k.device), Int64(bitPattern: k.inode), k.size, k.modified, k.changed] { out.int(n) }
            entry.value.encode(into: &out)
        }
        out.int(Int64(bitPattern: out.bytes.withUnsafeBytes(fileChecksum)))
        return out.bytes
    }

    /// The entries with their session ids, in the order written; nil for anything but a whole,
    /// intact file written by this program for this folder.
    static func decode(_ bytes: [UInt8], folder: String, program: String) -> [(String, CacheEntry<Value>)]? {
        let magic = Value.magic
        guard bytes.count >= magic.count + 8, bytes.starts(with: magic) else { return nil }
        let body = bytes.count - 8
        return bytes.withUnsafeBytes { whole -> [(String, CacheEntry<Value>)]? in
            let raw = UnsafeRawBufferPointer(rebasing: whole[..<body])
            guard UInt64(littleEndian: whole.loadUnaligned(fromByteOffset: body, as: UInt64.self)) == fileChecksum(raw) else { return nil }
            var r = CacheReader(raw: raw, offset: magic.count, source: bytes)
            guard r.text() == program, r.text() == folder, let count = r.int(), count >= 0, count <= body else { return nil }
            var entries: [(String, CacheEntry<Value>)] = []
            entries.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let id = r.text(), let device = r.int(), let inode = r.int(), let size = r.int(),
                      let modified = r.int(), let changed = r.int(), let value = Value.decode(from: &r)
                else { return nil }
                let key = JournalFileKey(device: UInt64(bitPattern: device), inode: UInt64(bitPattern: inode), size: size,
                                         modified: modified, changed: changed)
                entries.append((id, CacheEntry(key: key, value: value)))
            }
            return r.offset == r.raw.count ? entries : nil
        }
    }

    /// The entries of the cache file, or nil when it is missing, unreadable or not to be trusted.
    static func read(_ place: CacheFolder.Place) -> [(String, CacheEntry<Value>)]? {
        guard let bytes = readCacheFile(place.file(Value.self)) else { return nil }
        return decode(bytes, folder: place.folder, program: place.program)
    }

    /// Where the entry for each of `ids` (sorted) is in `entries`, or -1. Entries are written in
    /// the order of the ids, so one merging pass finds them; any out of order are only missed,
    /// never misread. Positions, not copies: an entry holds slices of the file, and copying ten
    /// thousand of them costs a reference count each.
    static func positions(of ids: [String], in entries: [(String, CacheEntry<Value>)]) -> [Int] {
        var found: [Int] = []
        found.reserveCapacity(ids.count)
        var next = 0
        for id in ids {
            // Usually the very next entry: one equality test, not an ordering and then equality.
            if next < entries.count, entries[next].0 == id {
                found.append(next)
                next += 1
                continue
            }
            while next < entries.count, utf8Precedes(entries[next].0, id) { next += 1 }
            found.append(next < entries.count && entries[next].0 == id ? next : -1)
        }
        return found
    }

    /// Replaces the cache file atomically; a cache that cannot be written is simply not kept.
    static func write(_ entries: [(String, CacheEntry<Value>)], to place: CacheFolder.Place) {
        try? makeDirectories(place.directory, mode: 0o700, what: Message("the cache folder", context: "a folder"))
        try? writeFileAtomically(encode(entries, folder: place.folder, program: place.program), to: place.file(Value.self))
    }
}

extension SessionsFolder {
    /// For each session (sorted by id), in order: `cached(id, value)` where the cache file keeps a
    /// value for the journal's file as it is now, else `derive(id, devices)` (the devices that
    /// wrote to it beside `<id>.txt`). Both run on every core.
    ///
    /// `derive` gives its result and the value to keep, or nil when the value may differ while
    /// the file stays the same. A value is kept only when its file has also settled (see
    /// `JournalFileKey.isSettled`); the file is rewritten only when an entry was added or dropped.
    /// `lookedAt`: the real time (ns) just before the files are looked at.
    ///
    /// The ids are given by `listFiles` (`sessionFiles`): the folder is listed and its files looked
    /// at while the cache file is read on another thread. A session written by several devices
    /// is keyed by all its files (`JournalFileKey.combined`). `spreadCurrent`: `cached` does real
    /// work (search matches every document), so current entries are spread over the cores too.
    func throughCache<Value: CachedValue, Result>(
        _ listFiles: () throws -> (ids: [String], devices: [String: [String]]), place: CacheFolder.Place?,
        lookedAt started: Int64,
        spreadCurrent: Bool = false,
        cached: @Sendable (String, Value) -> Result,
        derive: @Sendable (String, [String]) -> (result: Result, keep: Value?)
    ) rethrows -> [Result] {
        let reading = CacheRead<Value>(place)
        let (ids, devices) = try listFiles()
        let directory = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if directory >= 0 { Glibc.close(directory) } }
        // Each key is taken before anything is read from its file, so a change made after this
        // gives a different key next time.
        let keys = parallelMap(Array(ids.indices)) { i -> JournalFileKey? in
            let key = JournalFileKey(directory: directory, journal: ids[i])
            guard let others = devices[ids[i]] else { return key }
            return others.reduce(key) { key, device in
                key?.combined(with: JournalFileKey(directory: directory, name: "\(ids[i]).\(device).txt"))
            }
        }
        let kept = reading.wait()
        let found = CacheFile<Value>.positions(of: ids, in: kept)
        // Beside each journal's result: whether its entry was current, or the entry to add for
        // one read afresh. Kept apart from the results, which are returned as they are.
        let hit = UnsafeMutableBufferPointer<Bool>.allocate(capacity: ids.count)
        hit.initialize(repeating: false)
        let added = UnsafeMutableBufferPointer<CacheEntry<Value>?>.allocate(capacity: ids.count)
        added.initialize(repeating: nil)
        defer {
            hit.deallocate()
            added.deinitialize()
            added.deallocate()
        }
        nonisolated(unsafe) let addedSlots = added
        // Current entries are taken on this thread: they are cheap, and their values usually share
        // the cache file's buffer, whose reference count would bounce between cores if two
        // threads copied them at once. Only the journals read afresh are spread over the cores.
        var missing: [Int] = []
        let slots = UnsafeMutableBufferPointer<Result?>.allocate(capacity: ids.count)
        slots.initialize(repeating: nil)
        defer {
            slots.deinitialize()
            slots.deallocate()
        }
        var current: [Int] = []
        for i in ids.indices {
            if let key = keys[i], found[i] >= 0, kept[found[i]].1.key == key {
                hit[i] = true
                current.append(i)
            } else {
                missing.append(i)
            }
        }
        if spreadCurrent {
            var results = parallelMap(current) { i in cached(ids[i], kept[found[i]].1.value) }
            for i in current.reversed() { slots[i] = results.removeLast() }
        } else {
            for i in current { slots[i] = cached(ids[i], kept[found[i]].1.value) }
        }
        var derived = parallelMap(missing) { i -> Result in
            let (result, keep) = derive(ids[i], devices[ids[i]] ?? [])
            if let key = keys[i], let keep, key.isSettled(at: started) { addedSlots[i] = CacheEntry(key: key, value: keep) }
            return result
        }
        for i in missing.reversed() { slots[i] = derived.removeLast() }
        let results = [Result](unsafeUninitializedCapacity: ids.count) { out, count in
            for i in 0..<ids.count { (out.baseAddress! + i).initialize(to: (slots.baseAddress! + i).move()!) }
            slots.baseAddress!.initialize(repeating: nil, count: ids.count)
            count = ids.count
        }
        let hits = hit.count(where: { $0 })
        let adding = added.count(where: { $0 != nil })
        // Rewritten only when it would say something new: an added entry, or one dropped (its
        // journal changed, unreadable or gone).
        if let place, adding > 0 || hits != kept.count {
            var entries: [(String, CacheEntry<Value>)] = []
            entries.reserveCapacity(hits + adding)
            for i in ids.indices {
                if hit[i] { entries.append((ids[i], kept[found[i]].1)) }
                if let entry = added[i] { entries.append((ids[i], entry)) }
            }
            CacheFile<Value>.write(entries, to: place)
        }
        return results
    }
}

/// A cache file read and decoded on another thread while the caller does something else.
private final class CacheRead<Value: CachedValue>: @unchecked Sendable {
    /// Written by the reading thread before it signals `done`; read only after waiting on it.
    private var entries: [(String, CacheEntry<Value>)]?
    private let done = DispatchSemaphore(value: 0)

    init(_ place: CacheFolder.Place?) {
        guard let place else { done.signal(); return }
        DispatchQueue.global().async {
            self.entries = CacheFile<Value>.read(place)
            self.done.signal()
        }
    }

    /// The entries, or none when the file is missing or not to be trusted.
    func wait() -> [(String, CacheEntry<Value>)] {
        done.wait()
        return entries ?? []
    }
}

/// Whether `a` comes before `b` in byte order: `String`'s order for ASCII text such as session
/// ids, without its Unicode checks.
func utf8Precedes(_ a: String, _ b: String) -> Bool {
    a.utf8.withContiguousStorageIfAvailable { x in
        b.utf8.withContiguousStorageIfAvailable { y in
            let n = min(x.count, y.count)
            let order = n == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, n)
            return order != 0 ? order < 0 : x.count < y.count
        }
    }.flatMap { $0 } ?? a.utf8.lexicographicallyPrecedes(b.utf8)
}
