import Foundation
import Testing
@testable import QuipuStore

/// The shortcuts `list --json` takes over ten thousand sessions must agree with the plain forms
/// they replace: the sort of session ids, the order of items by packed words, the cache file's
/// checksum and its reading.
@Suite("ListCache shortcuts")
struct ListCacheSpeedupTests {
    /// Texts that share long prefixes, differ past 24 or 32 bytes, are short, are prefixes of others,
    /// hold zero bytes and non-ASCII: everything the packed words might get wrong.
    static let texts: [String] = {
        var texts = ["", "a", "ab", "abc", "2026-10-01", "2026-10-01-initiative-0", "2026-10-01-initiative-1",
                     "2026-10-01-initiative-12", "2026-10-01-initiative-123", "2026-10-01-initiative-1234",
                     "2026-10-01-initiative-1235", "2026-10-01-initiative-124", "2026-10-1", "2026-10-01-",
                     "a\u{0}", "a\u{0}b", "a\u{1}", "zz", "2026-11-29-watershed-management",
                     "2026-11-29-watershed-management-2", "2026-11-29-watershed", "Ñandú", "Nandu", "é", "e\u{301}",
                     String(repeating: "x", count: 24), String(repeating: "x", count: 25), String(repeating: "x", count: 23),
                     String(repeating: "x", count: 31), String(repeating: "x", count: 32), String(repeating: "x", count: 33),
                     "2026-10-01-initiative-1008-and-more-words-a", "2026-10-01-initiative-1008-and-more-words-b",
                     "2026-10-01-initiative-1008-and-more-words"]
        var rng = SplitMix(seed: 7)
        let alphabet = Array("0123456789-abz")
        for _ in 0..<400 {
            let n = Int(rng.next() % 32)
            texts.append(String((0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }))
        }
        return texts
    }()

    @Test func sortingIDsGivesByteOrder() {
        let sorted = sortedByUTF8(Self.texts.shuffled())
        #expect(sorted == Self.texts.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    @Test func packedWordsNeverMisorder() {
        // Dates and ids drawn from the texts; the words must agree with byte order wherever they
        // decide, and decide at least for plain ASCII ids that differ in their first 24 bytes.
        let dates = ["2026-10-01", "2026-10-02", "2026-10-01x", String(repeating: "9", count: 17), "é", "a\u{0}"]
        var decided = 0
        for d1 in dates { for d2 in dates { for (n, i1) in Self.texts.prefix(50).enumerated() { for i2 in Self.texts.prefix(50) {
            let (x, xr) = encoded(id: i1, date: d1), (y, yr) = encoded(id: i2, date: d2)
            let kx = ListOrderKey(encoded: x, id: xr.id, date: xr.date), ky = ListOrderKey(encoded: y, id: yr.id, date: yr.date)
            guard let said = kx.precedes(ky) else { continue }
            decided += 1
            let truth: Bool = {
                if !d1.utf8.elementsEqual(d2.utf8) { return d1.utf8.lexicographicallyPrecedes(d2.utf8) }
                return i1.utf8.lexicographicallyPrecedes(i2.utf8)
            }()
            #expect(said == truth, "\(d1) \(i1) before \(d2) \(i2) (\(n))")
            #expect(kx.ascii && ky.ascii)
        } } } }
        #expect(decided > 1000)
        let (a, ar) = encoded(id: "2026-10-01-initiative-0", date: "2026-10-01")
        let (b, br) = encoded(id: "2026-10-01-initiative-1", date: "2026-10-01")
        #expect(ListOrderKey(encoded: a, id: ar.id, date: ar.date).precedes(ListOrderKey(encoded: b, id: br.id, date: br.date)) == true)
    }

    /// A slice laid out as `CachedSummary.encoded` starts: id, then date, each a length and bytes,
    /// at an offset inside a larger array, as slices of the cache file are.
    func encoded(id: String, date: String) -> (ArraySlice<UInt8>, (id: Range<Int>, date: Range<Int>)) {
        var out = CacheWriter()
        out.bytes = [9, 9, 9]
        out.text(id)
        out.text(date)
        out.bytes += [7]
        let slice = out.bytes[3...]
        let item = CachedSummary(json: [], encoded: slice, links: [])
        return (slice, item.idAndDate!)
    }

    @Test func checksumCatchesEveryFlippedByte() {
        var bytes = (0..<301).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        let whole = bytes.withUnsafeBytes(fileChecksum)
        for i in bytes.indices {
            bytes[i] ^= 0x10
            #expect(bytes.withUnsafeBytes(fileChecksum) != whole)
            bytes[i] ^= 0x10
        }
        // Lengths matter, and the lanes are not interchangeable.
        #expect(Array(bytes.dropLast()).withUnsafeBytes(fileChecksum) != whole)
        let swapped = Array(bytes[8..<16] + bytes[0..<8] + bytes[16...])
        #expect(swapped.withUnsafeBytes(fileChecksum) != whole)
    }

    @Test func cacheFileReadsBackExactly() throws {
        let path = NSTemporaryDirectory() + "quipu-cache-read-" + UUID().uuidString
        defer { unlink(path) }
        #expect(readCacheFile(path) == nil)
        for size in [0, 1, 4095, 4096, 4097, 5 << 20] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
            try writeFileAtomically(bytes, to: path)
            #expect(readCacheFile(path) == bytes)
        }
    }
}

/// A deterministic generator, so that a failure can be reproduced.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
