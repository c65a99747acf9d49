// A screen as a grid of cells: what every view draws into, what a backend draws from.
//
// Views never talk to the terminal. They write text into a `CellBuffer`; the run loop hands the
// difference between the previous frame and this one (`diff(from:)`) to a `TerminalBackend`.
// Screen tests assert on `lines()` of a buffer or of `TestTerminal.screen`.
//
// Two invariants hold for every buffer, whatever is written into it:
//  * no cell contains a control character (C0, DEL, C1) or a bidi override: `put` passes all text
//    through `inert(_:)`, because journal text is data and must never reach the terminal raw;
//  * a grapheme `displayWidth` columns wide occupies its cell plus `displayWidth - 1` continuation
//    cells (text ""), always all of them: overwriting part of a wide character blanks the rest.
import QuipuCore
import QuipuText


/// The eight ANSI colours, plus the terminal's own default.
public enum Color: UInt8, Sendable {
    case standard, black, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell looks. Backends without colour (or with `NO_COLOR` set) keep only the attributes.
public struct Style: Hashable, Sendable {
    public var fg: Color
    public var bg: Color
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(
        fg: Color = .standard, bg: Color = .standard,
        bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false
    ) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    /// Terminal default colours, no attributes.
    public static let plain = Style()

    public func fg(_ color: Color) -> Style { var copy = self; copy.fg = color; return copy }
    public func bg(_ color: Color) -> Style { var copy = self; copy.bg = color; return copy }
    public func bold(_ on: Bool = true) -> Style { var copy = self; copy.bold = on; return copy }
    public func reverse(_ on: Bool = true) -> Style { var copy = self; copy.reverse = on; return copy }
    public func underline(_ on: Bool = true) -> Style { var copy = self; copy.underline = on; return copy }
    public func dim(_ on: Bool = true) -> Style { var copy = self; copy.dim = on; return copy }
}

/// One terminal column.
public struct Cell: Hashable, Sendable {
    /// One grapheme cluster; "" marks a continuation column of the wide character to its left.
    public var text: String
    public var style: Style

    public init(text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell(text: " ")

    /// True for the second (and later) columns of a wide character.
    public var isContinuation: Bool { text.isEmpty }
}

/// Consecutive changed cells of one row sharing one style, ready to be drawn at (x, y).
/// `text` is the concatenation of the cells' graphemes; a wide character is never split.
public struct CellRun: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var text: String
    public var style: Style

    public init(x: Int, y: Int, text: String, style: Style) {
        self.x = x
        self.y = y
        self.text = text
        self.style = style
    }
}

public struct CellBuffer: Equatable, Sendable, CustomStringConvertible {
    public private(set) var width: Int
    public private(set) var height: Int
    /// Row-major, `width * height` cells, each packed into one slot (CellSlots.swift).
    private var slots: [UInt64]
    /// The texts of the multi-scalar graphemes that slots refer to.
    private var clusters = ClusterTable()

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        slots = Array(repeating: Slot.blank, count: self.width * self.height)
    }

    /// The cell at column `x`, row `y` (both from 0). Traps when out of range, like an array.
    public subscript(x: Int, y: Int) -> Cell {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "cell (\(x), \(y)) outside \(width)×\(height)")
        let slot = slots[y * width + x]
        return Cell(text: text(of: Slot.glyph(slot)), style: Style(slotBits: Slot.style(slot)))
    }

    /// The text of a glyph: "" for a continuation, else its grapheme.
    private func text(of glyph: UInt32) -> String {
        if glyph == 0 { return "" }
        if glyph & Slot.clusterBit != 0 { return clusters[glyph] }
        return String(Character(Unicode.Scalar(glyph)!))
    }

    /// The glyph for a grapheme of this buffer.
    private mutating func glyph(for character: Character) -> UInt32 {
        let scalars = character.unicodeScalars
        if scalars.index(after: scalars.startIndex) == scalars.endIndex { return scalars.first!.value }
        if clusters.count >= slots.count + 64 { compactClusters() }
        return clusters.glyph(for: String(character))
    }

    /// Drops cluster texts no cell uses any more, so a long-lived buffer (a test terminal's
    /// screen) does not grow with every frame drawn into it.
    private mutating func compactClusters() {
        let old = clusters
        clusters = ClusterTable()
        for index in slots.indices where Slot.isCluster(slots[index]) {
            let slot = slots[index]
            slots[index] = Slot.make(glyph: clusters.glyph(for: old[Slot.glyph(slot)]), style: Slot.style(slot))
        }
    }

    /// Whether the cell at `index` here shows the same as the cell at `otherIndex` of `other`.
    @inline(__always)
    private func sameCell(_ index: Int, _ other: CellBuffer, _ otherIndex: Int) -> Bool {
        let mine = slots[index], theirs = other.slots[otherIndex]
        guard Slot.isCluster(mine) && Slot.isCluster(theirs) else { return mine == theirs }
        return Slot.style(mine) == Slot.style(theirs) && clusters[Slot.glyph(mine)] == other.clusters[Slot.glyph(theirs)]
    }

    public static func == (lhs: CellBuffer, rhs: CellBuffer) -> Bool {
        guard lhs.width == rhs.width, lhs.height == rhs.height else { return false }
        if lhs.clusters.isEmpty && rhs.clusters.isEmpty { return lhs.slots == rhs.slots }
        return lhs.slots.indices.allSatisfy { lhs.sameCell($0, rhs, $0) }
    }

    // MARK: Writing

    /// Writes `s` from column `x` of row `y`, grapheme by grapheme, and returns the number of
    /// columns it advanced (the next free column is `x + result`).
    ///
    /// Text is made `inert` first. Writing stops at the right edge of the buffer, or after
    /// `maxWidth` columns; a wide character that does not fit in what is left is replaced by
    /// spaces, so half a character never shows. Columns left of 0 are skipped. A zero-width
    /// grapheme at the very start (say, a lone combining mark) joins the character to its left
    /// when it can, and is dropped otherwise.
    @discardableResult
    public mutating func put(_ s: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = maxWidth.map { $0 >= width - x ? width : x + max(0, $0) } ?? width
        guard x < limit, !s.isEmpty else { return 0 }
        let rowStart = y * width
        let styleBits = style.slotBits

        var ascii = s
        let wroteASCII: Int? = ascii.withUTF8 { bytes in
            // Printable ASCII: one byte, one grapheme, one column, nothing to make inert.
            for byte in bytes where byte < 0x20 || byte >= 0x7F { return nil }
            let first = max(x, 0)
            let end = min(limit, x + bytes.count)
            guard first < end else { return max(0, end - x) }
            breakWideCharacter(row: y, before: first)
            slots.withUnsafeMutableBufferPointer { slots in
                for column in first..<end {
                    slots[rowStart + column] = UInt64(bytes[column - x]) | styleBits
                }
            }
            breakWideCharacter(row: y, after: end)
            return end - x
        }
        if let wroteASCII { return wroteASCII }

        var column = x
        var written = false   // the neighbours are only repaired once something is written
        func write(_ glyph: UInt32, width cellWidth: Int, at target: Int) {
            if !written {
                breakWideCharacter(row: y, before: target)
                written = true
            }
            slots[rowStart + target] = Slot.make(glyph: glyph, style: styleBits)
            for continuation in 1..<max(1, cellWidth) {
                slots[rowStart + target + continuation] = Slot.make(glyph: 0, style: styleBits)
            }
        }
        /// Places one grapheme `characterWidth` columns wide; false when the span is full.
        func place(_ characterWidth: Int, _ glyph: () -> UInt32) -> Bool {
            if column + characterWidth > limit {
                // Does not fit: blank what is left of the span rather than show half of it.
                while column < limit {
                    if column >= 0 { write(0x20, width: 1, at: column) }
                    column += 1
                }
                return false
            }
            if column < 0 {
                // Clipped at the left edge: the visible part of a wide character becomes spaces.
                for blankColumn in 0..<max(0, column + characterWidth) { write(0x20, width: 1, at: blankColumn) }
            } else {
                write(glyph(), width: characterWidth, at: column)
            }
            column += characterWidth
            return true
        }
        if simpleTextWidth(s) != nil {
            // Simple scalars (SimpleText.swift): each is a grapheme, none needs making inert.
            for scalar in s.unicodeScalars {
                if !place(simpleWidth(scalar.value)!, { scalar.value }) { break }
            }
        } else {
            forEachGrapheme(inert(s)) { character, characterWidth in
                if characterWidth == 0 {
                    if !written && column == x { attach(character, row: y, before: max(x, 0)) }
                    return true
                }
                return place(characterWidth) { glyph(for: character) }
            }
        }
        if written { breakWideCharacter(row: y, after: column) }
        return column - x
    }

    /// Writes `s` into `width` columns from (x, y); when it does not fit, it is cut at a grapheme
    /// boundary and ends with "…". Returns the columns used.
    @discardableResult
    public mutating func putTruncated(_ s: String, x: Int, y: Int, width: Int, style: Style = .plain) -> Int {
        put(truncate(s, toWidth: width), x: x, y: y, style: style, maxWidth: width)
    }

    /// Fills a rectangle (clipped to the buffer) with spaces in `style`.
    public mutating func fill(x: Int, y: Int, width fillWidth: Int, height fillHeight: Int, style: Style = .plain) {
        let left = max(0, x), right = min(width, x + max(0, fillWidth))
        let top = max(0, y), bottom = min(height, y + max(0, fillHeight))
        guard left < right, top < bottom else { return }
        let blank = Slot.make(glyph: 0x20, style: style.slotBits)
        for row in top..<bottom {
            breakWideCharacter(row: row, before: left)
            for column in left..<right { slots[row * width + column] = blank }
            breakWideCharacter(row: row, after: right)
        }
    }

    /// Blanks the whole buffer in `style`.
    public mutating func clear(style: Style = .plain) {
        let blank = Slot.make(glyph: 0x20, style: style.slotBits)
        for index in slots.indices { slots[index] = blank }
        clusters = ClusterTable()
    }

    /// Before a write starting at `column`: if `column` is the second half of a wide character,
    /// its first half would be left alone on screen, so it becomes a space.
    private mutating func breakWideCharacter(row: Int, before column: Int) {
        guard column > 0, column < width else { return }
        let rowStart = row * width
        guard Slot.isContinuation(slots[rowStart + column]) else { return }
        var base = column - 1
        while base > 0 && Slot.isContinuation(slots[rowStart + base]) { base -= 1 }
        for index in base..<column {
            slots[rowStart + index] = Slot.make(glyph: 0x20, style: Slot.style(slots[rowStart + index]))
        }
    }

    /// After a write ending just before `column`: continuation cells there lost their first
    /// half, so they become spaces.
    private mutating func breakWideCharacter(row: Int, after column: Int) {
        let rowStart = row * width
        var index = column
        while index < width && Slot.isContinuation(slots[rowStart + index]) {
            slots[rowStart + index] = Slot.make(glyph: 0x20, style: Slot.style(slots[rowStart + index]))
            index += 1
        }
    }

    /// Joins a zero-width grapheme to the character left of `column`, if the result is still
    /// one grapheme of the same width; otherwise it is dropped.
    private mutating func attach(_ character: Character, row: Int, before column: Int) {
        guard column > 0, column <= width else { return }
        let rowStart = row * width
        var base = column - 1
        while base > 0 && Slot.isContinuation(slots[rowStart + base]) { base -= 1 }
        let slot = slots[rowStart + base]
        let old = text(of: Slot.glyph(slot))
        let joined = old + String(character)
        guard !old.isEmpty, joined.count == 1, displayWidth(joined) == displayWidth(old) else { return }
        slots[rowStart + base] = Slot.make(glyph: glyph(for: Character(joined)), style: Slot.style(slot))
    }

    // MARK: Reading

    /// Each row as text: continuation columns skipped, trailing spaces trimmed.
    public func lines() -> [String] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(width * 3)
        return (0..<height).map { row in
            bytes.removeAll(keepingCapacity: true)
            var end = 0   // bytes up to the last column that is not a space
            for index in row * width..<(row + 1) * width {
                appendText(of: Slot.glyph(slots[index]), to: &bytes)
                if Slot.glyph(slots[index]) != 0x20 { end = bytes.count }
            }
            return String(decoding: bytes[..<end], as: UTF8.self)
        }
    }

    /// A glyph's text as UTF-8: nothing for a continuation.
    @inline(__always)
    private func appendText(of glyph: UInt32, to bytes: inout [UInt8]) {
        if glyph & Slot.clusterBit != 0 {
            bytes.append(contentsOf: clusters[glyph].utf8)
        } else if glyph != 0 {
            appendScalar(glyph, to: &bytes)
        }
    }

    public var description: String { lines().joined(separator: "\n") }

    /// The runs of cells that differ from `previous` — all of them when there is no previous
    /// frame or it has another size. Each run is one row's consecutive changed cells with one
    /// style; a wide character is always sent whole, with all its columns.
    public func diff(from previous: CellBuffer?) -> [CellRun] {
        let sameSize = previous.map { $0.width == width && $0.height == height } ?? false
        let old = sameSize ? previous! : CellBuffer(width: 0, height: 0)
        // Cluster slots of two buffers compare by text; any other slots compare as integers.
        let compareTexts = !clusters.isEmpty || !old.clusters.isEmpty
        var builder = RunBuilder()
        for row in 0..<height {
            // Most rows do not change between frames; skip those with one tight loop.
            if sameSize && !rowDiffers(row, from: old, compareTexts: compareTexts) { continue }
            diffRow(row, from: old, everyCell: !sameSize, compareTexts: compareTexts, into: &builder)
        }
        return builder.runs
    }

    /// The run being built, and those built so far; its text grows in place.
    private struct RunBuilder {
        var runs: [CellRun] = []
        var text: [UInt8] = []
        var x = 0, y = 0, end = -1
        var style: UInt64 = 0
        var lastGlyph: UInt32 = 0

        mutating func flush() {
            guard !text.isEmpty else { return }
            runs.append(CellRun(x: x, y: y, text: String(decoding: text, as: UTF8.self), style: Style(slotBits: style)))
            text.removeAll(keepingCapacity: true)
        }
    }

    /// The runs of one row: its cells that differ from `old` (all of them with `everyCell`).
    private func diffRow(_ row: Int, from old: CellBuffer, everyCell: Bool, compareTexts: Bool,
                         into run: inout RunBuilder) {
        let rowStart = row * width
        slots.withUnsafeBufferPointer { slots in
            old.slots.withUnsafeBufferPointer { oldSlots in
                var column = 0
                while column < width {
                    var span = 1
                    while column + span < width && Slot.isContinuation(slots[rowStart + column + span]) { span += 1 }
                    var changed = everyCell
                    if !everyCell {
                        for index in rowStart + column..<rowStart + column + span
                        where compareTexts ? !sameCell(index, old, index) : slots[index] != oldSlots[index] {
                            changed = true
                            break
                        }
                    }
                    if changed {
                        let slot = slots[rowStart + column]
                        // Only reachable if the invariant were broken; never send an empty cell.
                        let glyph = Slot.isContinuation(slot) ? 0x20 : Slot.glyph(slot)
                        if run.text.isEmpty || run.style != Slot.style(slot) || run.end != column
                            || wouldJoin(run.lastGlyph, glyph) {
                            run.flush()
                            run.x = column
                            run.y = row
                            run.style = Slot.style(slot)
                        }
                        appendText(of: glyph, to: &run.text)
                        run.lastGlyph = glyph
                        run.end = column + span
                    } else {
                        run.flush()
                    }
                    column += span
                }
                run.flush()
            }
        }
    }

    /// Whether any cell of `row` differs from the same cell of `old`, a buffer of the same size.
    private func rowDiffers(_ row: Int, from old: CellBuffer, compareTexts: Bool) -> Bool {
        let start = row * width
        guard !compareTexts else { return (start..<start + width).contains { !sameCell($0, old, $0) } }
        return slots.withUnsafeBufferPointer { new in
            old.slots.withUnsafeBufferPointer { was in
                // No early exit, so that the loop vectorises: a row is 80 to 300 slots.
                var difference: UInt64 = 0
                for index in start..<start + width { difference |= new[index] ^ was[index] }
                return difference != 0
            }
        }
    }

    /// True when a cell showing `next` right after one showing `last` would fuse with it into
    /// one grapheme (two lone regional indicators, say), which would make a run's text
    /// re-segment differently.
    private func wouldJoin(_ last: UInt32, _ next: UInt32) -> Bool {
        if last < 0x80 && next < 0x80 { return false }
        // Two simple scalars (SimpleText.swift) never join; a cluster glyph is never simple.
        if simpleWidth(last) != nil && simpleWidth(next) != nil { return false }
        return (text(of: last) + text(of: next)).count != 2
    }
}
