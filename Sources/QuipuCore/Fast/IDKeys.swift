/// Finding a session's items by id without hashing the id as a `String`.
///
/// `String` hashing has to agree with `String` equality, which is Unicode canonical equivalence,
/// so even a three-letter ASCII id costs a few hundred instructions to hash. The ids Quipu writes
/// are a letter and a number (`P12`, `I7`), and for those a much cheaper key says the same thing:
/// two ASCII texts are equal exactly when their bytes are, and a letter followed by digits without
/// a leading zero is one number. Any other id (`I07`, `x`, a Kelvin sign `K1` that equals `K1`)
/// is answered by a `String` dictionary, so answers never differ from one: `IDIndex` keeps both
/// and asks the dictionary whenever the key cannot decide; `IDMap` moves to the dictionary for good.

/// `P12` → `P` in the top byte and 12 below it: an ASCII letter then 1 to 16 ASCII digits, no
/// leading zero unless the number is just `0`. Distinct such ids have distinct keys, and a key
/// gives back its id (`IDKeyTable.text(of:)`); nil for every other id.
@inline(__always)
func canonicalIDKey(_ id: String) -> UInt64? {
    let key = id.utf8.withContiguousStorageIfAvailable { b -> UInt64? in
        guard b.count >= 2, b.count <= 17 else { return nil }
        let first = b[0]
        guard (first >= 65 && first <= 90) || (first >= 97 && first <= 122) else { return nil }
        if b[1] == 48, b.count > 2 { return nil }
        var n: UInt64 = 0
        for i in 1..<b.count {
            let d = b[i] &- 48
            guard d <= 9 else { return nil }
            n = n &* 10 &+ UInt64(d)
        }
        return UInt64(first) << 56 | n
    }
    return key ?? nil
}

/// Open addressing from canonical id keys to `Int`s (a key's top byte is a letter, so
/// `UInt64.max` marks an empty slot).
struct IDKeyTable: Sendable {
    private var slots: [(key: UInt64, value: Int)] = []
    private(set) var count = 0
    private var shift: UInt64 = 64

    init(minimumCapacity: Int = 0) {
        if minimumCapacity > 0 { resize(to: minimumCapacity) }
    }

    /// The id a key was made from.
    static func text(of key: UInt64) -> String {
        String(Unicode.Scalar(UInt8(truncatingIfNeeded: key >> 56))) + String(key & 0x00FF_FFFF_FFFF_FFFF)
    }

    @inline(__always)
    private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    func value(forKey key: UInt64) -> Int? {
        guard count > 0 else { return nil }
        return slots.withUnsafeBufferPointer { s in
            let mask = s.count - 1
            var i = home(key)
            while true {
                if s[i].key == key { return s[i].value }
                if s[i].key == .max { return nil }
                i = (i + 1) & mask
            }
        }
    }

    /// Sets the key's value; returns the one it replaced, if any.
    @discardableResult
    mutating func updateValue(_ value: Int, forKey key: UInt64) -> Int? {
        if (count + 1) * 2 > slots.count { resize(to: count + 1) }
        let mask = slots.count - 1
        var i = home(key)
        while true {
            if slots[i].key == key {
                let old = slots[i].value
                slots[i].value = value
                return old
            }
            if slots[i].key == .max {
                slots[i] = (key, value)
                count += 1
                return nil
            }
            i = (i + 1) & mask
        }
    }

    /// Room for `capacity` keys at most half full.
    private mutating func resize(to capacity: Int) {
        var size = 16, bits: UInt64 = 4
        while size < capacity * 2 { size *= 2; bits += 1 }
        guard size > slots.count else { return }
        let old = slots
        slots = Array(repeating: (UInt64.max, 0), count: size)
        shift = 64 - bits
        count = 0
        for s in old where s.key != .max { updateValue(s.value, forKey: s.key) }
    }

    /// Every key and value, in no particular order.
    var entries: [(key: UInt64, value: Int)] { slots.filter { $0.key != .max } }
}

/// A map from ids to `Int`s that is changed only through `updateValue` and answers exactly as
/// `[String: Int].updateValue` does. While every id put in is canonical (`canonicalIDKey`) it
/// keeps the cheap keys; the first other id moves everything into a `String` dictionary, which it
/// uses from then on. (There is no lookup without update: a lookup of an id that is not canonical
/// could not move the map, and might equal a canonical one, a Kelvin sign `K1` equalling `K1`.)
struct IDMap: Sendable {
    private var byKey: IDKeyTable
    private var byText: [String: Int] = [:]
    /// True once an id that is not canonical has been put in.
    private(set) var general = false

    init(minimumCapacity: Int = 0) { byKey = IDKeyTable(minimumCapacity: minimumCapacity) }

    var count: Int { general ? byText.count : byKey.count }

    /// Sets the id's value; returns the one it replaced, if any.
    @discardableResult
    mutating func updateValue(_ value: Int, forKey id: String) -> Int? {
        if !general {
            if let key = canonicalIDKey(id) { return byKey.updateValue(value, forKey: key) }
            becomeGeneral()
        }
        return byText.updateValue(value, forKey: id)
    }

    private mutating func becomeGeneral() {
        byText.reserveCapacity(byKey.count + 1)
        for e in byKey.entries { byText[IDKeyTable.text(of: e.key)] = e.value }
        byKey = IDKeyTable()
        general = true
    }
}
