#if canImport(Glibc)
import Glibc
#endif

/// The checksum closing a cache file (summary cache 3 and 4, search index 2 on): FNV-1a-style over
/// 8-byte words in four independent lanes, so that the multiplications of one lane do not wait
/// for the others' (megabytes are summed on every `list`); the lanes and the tail are folded at
/// the end. Catches a damaged or torn cache file; it is not a cryptographic hash.
func fileChecksum(_ raw: UnsafeRawBufferPointer) -> UInt64 {
    let prime: UInt64 = 0x100_0000_01b3
    var h0: UInt64 = 0xcbf2_9ce4_8422_2325, h1 = h0 ^ 1, h2 = h0 ^ 2, h3 = h0 ^ 3
    var i = 0
    while i + 32 <= raw.count {
        h0 = (h0 ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* prime
        h1 = (h1 ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))) &* prime
        h2 = (h2 ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))) &* prime
        h3 = (h3 ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))) &* prime
        h0 ^= h0 >> 32
        h1 ^= h1 >> 32
        h2 ^= h2 >> 32
        h3 ^= h3 >> 32
        i += 32
    }
    var h = h0
    for lane in [h1, h2, h3] {
        h = (h ^ lane) &* prime
        h ^= h >> 32
    }
    while i < raw.count {
        h = (h ^ UInt64(raw[i])) &* prime
        i += 1
    }
    h = (h ^ UInt64(raw.count)) &* prime
    return h ^ (h >> 29)
}

/// The whole of a cache file, read into an array whose pages are mapped in one call before the
/// read fills them, rather than one page fault at a time while the kernel copies (thousands of
/// faults for a summary cache of 10,000 sessions). nil when it cannot be read.
func readCacheFile(_ path: String) -> [UInt8]? {
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { Glibc.close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
    let size = Int(st.st_size)
    guard size > 0 else { return [] }
    var complete = false
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
        count = 0
        guard let base = buffer.baseAddress else { return }
        // MADV_POPULATE_WRITE (Linux 5.14): an older kernel refuses it and the read faults the
        // pages in as before. Only whole pages inside the buffer are named.
        let page = max(Int(sysconf(Int32(_SC_PAGESIZE))), 4096)
        let start = (Int(bitPattern: base) + page - 1) / page * page
        let end = (Int(bitPattern: base) + size) / page * page
        if end > start, let first = UnsafeMutableRawPointer(bitPattern: start) {
            // MADV_HUGEPAGE first: megabytes are then mapped 2 MB at a time where the kernel can.
            if end - start >= 4 << 20 { _ = madvise(first, end - start, 14) }
            _ = madvise(first, end - start, 23)
        }
        while count < size {
            let n = pread(fd, base + count, size - count, off_t(count))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            count += n
        }
        complete = count == size
    }
    return complete ? bytes : nil
}

/// `strings` in byte order (`utf8Precedes`), sorted by their first 32 bytes packed into four
/// big-endian words, so that most comparisons are of integers; only strings whose first 32 bytes
/// are equal are compared in full. Short strings are padded with zero bytes, which sort before
/// any byte of text (session ids hold none: `SessionID.isValid`; any zero byte falls back to a full
/// comparison anyway, being indistinguishable from the padding).
func sortedByUTF8(_ strings: [String]) -> [String] {
    struct Keyed { var a: UInt64, b: UInt64, c: UInt64, d: UInt64, full: Bool, index: Int }
    var keyed: [Keyed] = []
    keyed.reserveCapacity(strings.count)
    for (index, string) in strings.enumerated() {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var full = true
        var s = string
        s.withUTF8 { utf8 in
            withUnsafeMutableBytes(of: &words) { raw in
                let n = min(utf8.count, 32)
                raw.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(utf8)[..<n]))
                // Whole only when nothing was cut off and no byte could be taken for padding.
                full = utf8.count <= 32 && !utf8.contains(0)
            }
        }
        keyed.append(Keyed(a: UInt64(bigEndian: words.0), b: UInt64(bigEndian: words.1), c: UInt64(bigEndian: words.2),
                           d: UInt64(bigEndian: words.3), full: full, index: index))
    }
    keyed.sort { x, y in
        if x.a != y.a { return x.a < y.a }
        if x.b != y.b { return x.b < y.b }
        if x.c != y.c { return x.c < y.c }
        if x.d != y.d { return x.d < y.d }
        if x.full && y.full { return false }
        return utf8Precedes(strings[x.index], strings[y.index])
    }
    return keyed.map { strings[$0.index] }
}

/// Where a `list --json` item goes, as integers: its date's first 16 bytes and its id's first 32,
/// packed big-endian, so that checking ten thousand items already in order compares words in one
/// small array instead of bytes scattered through the cache file.
struct ListOrderKey {
    var date0: UInt64 = 0, date1: UInt64 = 0
    var id0: UInt64 = 0, id1: UInt64 = 0, id2: UInt64 = 0, id3: UInt64 = 0
    /// Both texts are ASCII, where byte order is `String`'s order.
    var ascii = true
    /// The date and the id are without zero bytes and fit their words: equal words then mean
    /// equal texts. Words that differ order ASCII texts whether or not they are whole (zero
    /// padding sorts a text before any longer one it starts).
    var dateWhole = true, idWhole = true

    init(encoded: ArraySlice<UInt8>, id: Range<Int>, date: Range<Int>) {
        encoded.withUnsafeBufferPointer { buffer in
            let base = encoded.startIndex
            func pack(_ range: Range<Int>, into words: UnsafeMutableRawBufferPointer) -> Bool {
                let text = UnsafeBufferPointer(rebasing: buffer[(range.lowerBound - base)..<(range.upperBound - base)])
                var whole = text.count <= words.count
                for byte in text {
                    if byte >= 0x80 { ascii = false }
                    if byte == 0 { whole = false }
                }
                words.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(text).prefix(words.count)))
                return whole
            }
            var d: (UInt64, UInt64) = (0, 0)
            var i: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            dateWhole = withUnsafeMutableBytes(of: &d) { pack(date, into: $0) }
            idWhole = withUnsafeMutableBytes(of: &i) { pack(id, into: $0) }
            (date0, date1) = (UInt64(bigEndian: d.0), UInt64(bigEndian: d.1))
            (id0, id1, id2, id3) = (UInt64(bigEndian: i.0), UInt64(bigEndian: i.1), UInt64(bigEndian: i.2), UInt64(bigEndian: i.3))
        }
    }

    /// Whether this item goes before `other` (by date, then id); nil when the words cannot tell.
    func precedes(_ other: ListOrderKey) -> Bool? {
        guard ascii && other.ascii else { return nil }
        if date0 != other.date0 { return date0 < other.date0 }
        if date1 != other.date1 { return date1 < other.date1 }
        // Equal words are equal dates only when both are whole.
        guard dateWhole && other.dateWhole else { return nil }
        if id0 != other.id0 { return id0 < other.id0 }
        if id1 != other.id1 { return id1 < other.id1 }
        if id2 != other.id2 { return id2 < other.id2 }
        if id3 != other.id3 { return id3 < other.id3 }
        return idWhole && other.idWhole ? false : nil
    }
}
