// How a `CellBuffer` stores its cells: one 64-bit slot each, so that writing a line of ASCII is
// a store per column and comparing two frames is comparing integers.
//
// A slot is a glyph in its low 32 bits and a packed `Style` above them:
//  * glyph 0 is a continuation column (the `Cell.text` "");
//  * a glyph without the cluster bit is a grapheme of one Unicode scalar, that scalar's value;
//  * a glyph with the cluster bit is a grapheme of several scalars (a letter with a combining
//    mark, an emoji sequence, a flag), the index of its text in the buffer's `ClusterTable`.
// Slots compare equal as integers whenever their cells do, except that two cluster slots of
// different buffers must compare their texts (each buffer numbers its own clusters).

enum Slot {
    static let clusterBit: UInt32 = 0x8000_0000
    static let glyphMask: UInt64 = 0xFFFF_FFFF

    @inline(__always) static func make(glyph: UInt32, style: UInt64) -> UInt64 { UInt64(glyph) | style }
    @inline(__always) static func glyph(_ slot: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: slot) }
    @inline(__always) static func style(_ slot: UInt64) -> UInt64 { slot & ~glyphMask }
    @inline(__always) static func isCluster(_ slot: UInt64) -> Bool { glyph(slot) & clusterBit != 0 }
    @inline(__always) static func isContinuation(_ slot: UInt64) -> Bool { glyph(slot) == 0 }

    /// A space in the plain style: what a new buffer is full of.
    static let blank: UInt64 = 0x20
}

extension Style {
    /// The style in a slot's upper half: fg and bg 4 bits each, then bold, reverse, underline, dim.
    @inline(__always) var slotBits: UInt64 {
        var bits = UInt64(fg.rawValue) | UInt64(bg.rawValue) << 4
        if bold { bits |= 1 << 8 }
        if reverse { bits |= 1 << 9 }
        if underline { bits |= 1 << 10 }
        if dim { bits |= 1 << 11 }
        return bits << 32
    }

    init(slotBits: UInt64) {
        let bits = slotBits >> 32
        self.init(fg: Color(rawValue: UInt8(bits & 0xF)) ?? .standard, bg: Color(rawValue: UInt8(bits >> 4 & 0xF)) ?? .standard,
                  bold: bits & 1 << 8 != 0, reverse: bits & 1 << 9 != 0,
                  underline: bits & 1 << 10 != 0, dim: bits & 1 << 11 != 0)
    }
}

/// The texts of a buffer's multi-scalar graphemes, each kept once.
struct ClusterTable: Sendable {
    private(set) var texts: [String] = []
    private var numbers: [String: UInt32] = [:]

    var isEmpty: Bool { texts.isEmpty }
    var count: Int { texts.count }

    subscript(glyph: UInt32) -> String { texts[Int(glyph & ~Slot.clusterBit)] }

    /// The glyph for `text`, adding it when new.
    mutating func glyph(for text: String) -> UInt32 {
        if let number = numbers[text] { return number }
        let number = UInt32(texts.count) | Slot.clusterBit
        texts.append(text)
        numbers[text] = number
        return number
    }
}

/// A grapheme's text as UTF-8 appended to `bytes`.
@inline(__always)
func appendScalar(_ value: UInt32, to bytes: inout [UInt8]) {
    if value < 0x80 {
        bytes.append(UInt8(value))
    } else if value < 0x800 {
        bytes.append(UInt8(0xC0 | value >> 6))
        bytes.append(UInt8(0x80 | value & 0x3F))
    } else if value < 0x10000 {
        bytes.append(UInt8(0xE0 | value >> 12))
        bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
        bytes.append(UInt8(0x80 | value & 0x3F))
    } else {
        bytes.append(UInt8(0xF0 | value >> 18))
        bytes.append(UInt8(0x80 | value >> 12 & 0x3F))
        bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
        bytes.append(UInt8(0x80 | value & 0x3F))
    }
}
