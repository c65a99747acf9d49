import QuipuCore
import QuipuText
// Drawing helpers shared by every view: a rectangle, a one-line bar, and a table with a
// heading, a selected row and scrolling.

/// A rectangle of the screen.
struct Area {
    var x: Int
    var y: Int
    var width: Int
    var height: Int
}

enum Styles {
    static let titleBar = Style(fg: .white, bg: .blue, bold: true)
    static let heading = Style.plain.bold().underline()
    static let selected = Style.plain.reverse()
    static let currentTab = Style.plain.reverse().bold()
    static let footer = Style(fg: .black, bg: .cyan)
    static let key = Style.plain.bold()
    static let error = Style(fg: .red, bold: true)
    static let warning = Style(fg: .yellow, bold: true)
    static let muted = Style.plain.dim()
}

/// The width of an id column: four, or the longest id (`I12-rap2`, minted on another laptop).
func idColumnWidth<S: Sequence>(_ ids: S) -> Int where S.Element == String {
    ids.reduce(4) { max($0, $1.utf8.count) }
}

struct Column {
    var title: String
    var width: Int
    /// Share of the columns left over after the fixed widths; 0 keeps `width`.
    var flex = 0
    var alignRight = false
}

struct TableRow {
    var cells: [String]
    var style: Style = .plain
}

extension CellBuffer {
    /// A full-width line in `style`: `left` from the left edge, `right` against the right edge;
    /// `left` is cut with "…" so that `right` always shows.
    mutating func bar(y: Int, left: String, right: String = "", style: Style, x: Int = 0, width barWidth: Int? = nil) {
        let w = barWidth ?? width
        fill(x: x, y: y, width: w, height: 1, style: style)
        let rightWidth = min(displayWidth(right), w)
        if rightWidth > 0 { put(right, x: x + w - rightWidth, y: y, style: style, maxWidth: rightWidth) }
        putTruncated(left, x: x, y: y, width: max(0, w - rightWidth - (rightWidth > 0 ? 1 : 0)), style: style)
    }

    /// A line of words (a count line, a message): when it does not fit it is cut at the end of
    /// a word and ends with "…". Returns the columns used.
    @discardableResult
    mutating func putWords(_ text: String, x: Int, y: Int, width: Int, style: Style = .plain) -> Int {
        put(truncateAtWord(text, toWidth: width), x: x, y: y, style: style, maxWidth: width)
    }

    /// `text` centred on row `y`.
    mutating func centered(_ text: String, y: Int, style: Style = .plain) {
        let t = truncate(text, toWidth: width)
        put(t, x: max(0, (width - displayWidth(t)) / 2), y: y, style: style)
    }

    /// A table: the heading on the area's first row, then rows, scrolled to keep `selected`
    /// in view. A selected row is drawn reversed across the whole width.
    mutating func table(_ columns: [Column], _ rows: [TableRow], selected: Int?, in area: Area) {
        table(columns, count: rows.count, row: { rows[$0] }, selected: selected, in: area)
    }

    /// A table of `count` rows, of which only those in view are asked for (`row(index)`), so a
    /// long list costs a screenful per frame.
    /// When the rows do not all fit, the last line says how many are above and below, so no
    /// badge covers the column titles.
    mutating func table(_ columns: [Column], count: Int, row: (Int) -> TableRow, selected: Int?, in area: Area) {
        guard area.height > 0 else { return }
        let widths = columnWidths(columns, total: area.width)
        drawRow(columns.map(\.title), columns, widths, y: area.y, x: area.x, style: Styles.heading, fillWidth: 0)
        var visible = area.height - 1
        if count > visible, visible > 1 { visible -= 1 }
        guard visible > 0 else { return }
        let first = selected.map { $0 >= visible ? $0 - visible + 1 : 0 } ?? 0
        for index in stride(from: first, to: min(count, first + visible), by: 1) {
            let tableRow = row(index)
            let isSelected = index == selected
            drawRow(tableRow.cells, columns, widths, y: area.y + 1 + index - first, x: area.x,
                    style: isSelected ? tableRow.style.reverse() : tableRow.style, fillWidth: isSelected ? area.width : 0)
        }
        scrollBadge(above: first, below: count - min(count, first + visible), in: area)
    }

    /// `↑ 3 above · ↓ 6 more` on the last line of `area`, right-aligned; nothing when all show.
    private mutating func scrollBadge(above: Int, below: Int, in area: Area) {
        guard above > 0 || below > 0, area.height > 2 else { return }
        let text = [above > 0 ? tr("↑ {n} above", ["n": above]) : nil, below > 0 ? tr("↓ {n} more", ["n": below]) : nil].compactMap { $0 }
            .joined(separator: " · ") + " "
        put(text, x: area.x + area.width - displayWidth(text), y: area.y + area.height - 1, style: Styles.muted)
    }

    private mutating func drawRow(_ cells: [String], _ columns: [Column], _ widths: [Int], y: Int, x: Int,
                                  style: Style, fillWidth: Int) {
        if fillWidth > 0 { fill(x: x, y: y, width: fillWidth, height: 1, style: style) }
        var column = x + 1
        for (index, text) in cells.enumerated() where index < widths.count {
            let w = widths[index]
            if columns[index].alignRight {
                let t = truncate(text, toWidth: w)
                put(t, x: column + w - displayWidth(t), y: y, style: style)
            } else {
                putTruncated(text, x: column, y: y, width: w, style: style)
            }
            column += w + 1
        }
    }
}

/// Fixed columns keep their width; the rest of the line (minus one space between columns and
/// one at the left edge) is shared by the flexible ones.
func columnWidths(_ columns: [Column], total: Int) -> [Int] {
    let fixed = columns.filter { $0.flex == 0 }.reduce(0) { $0 + max($1.width, displayWidth($1.title)) }
    let flexTotal = columns.reduce(0) { $0 + $1.flex }
    let spare = max(0, total - 1 - fixed - columns.count)
    var given = 0
    var widths = columns.map { column -> Int in
        // A fixed column is never narrower than its title (a longer word in another language).
        guard column.flex > 0 else { return max(column.width, displayWidth(column.title)) }
        let w = max(column.width, spare * column.flex / max(1, flexTotal))
        given += w
        return w
    }
    // Rounding leftovers go to the first flexible column.
    if let first = columns.firstIndex(where: { $0.flex > 0 }), given < spare { widths[first] += spare - given }
    return widths
}

extension CellBuffer {
    /// A table whose `wrapColumn` wraps onto as many lines as it needs (at most `maxLines`), so a
    /// long idea is read whole; the other cells sit on the row's first line. The selected row is
    /// always entirely in view.
    mutating func wrappedTable(_ columns: [Column], _ rows: [TableRow], wrapColumn: Int, maxLines: Int = 4,
                               selected: Int?, in area: Area) {
        wrappedTable(columns, count: rows.count, row: { rows[$0] }, wrapColumn: wrapColumn, maxLines: maxLines,
                     selected: selected, in: area)
    }

    /// The same for `count` rows, of which only those that decide the scrolling or are in view
    /// are asked for (`row(index)`) and wrapped, so a long list costs a screenful per frame.
    mutating func wrappedTable(_ columns: [Column], count: Int, row: (Int) -> TableRow, wrapColumn: Int,
                               maxLines: Int = 4, selected: Int?, in area: Area,
                               remembered: (rows: WrappedRows, list: ListKey)? = nil) {
        let (first, shown) = wrappedRows(columns, count: count, row: row, wrapColumn: wrapColumn, maxLines: maxLines,
                                         selected: selected, in: area, remembered: remembered)
        guard first > 0 || shown < count, area.height > 3 else { return }
        // Not all fit: again, one line shorter, and that line says what is above and below.
        let inner = Area(x: area.x, y: area.y, width: area.width, height: area.height - 1)
        fill(x: area.x, y: area.y, width: area.width, height: area.height)
        let again = wrappedRows(columns, count: count, row: row, wrapColumn: wrapColumn, maxLines: maxLines,
                                selected: selected, in: inner, remembered: remembered)
        scrollBadge(above: again.first, below: count - again.shown, in: area)
    }

    /// Draws the rows from the one that keeps `selected` in view; returns the first and one past
    /// the last row drawn.
    private mutating func wrappedRows(_ columns: [Column], count: Int, row: (Int) -> TableRow, wrapColumn: Int,
                                      maxLines: Int, selected: Int?, in area: Area,
                                      remembered: (rows: WrappedRows, list: ListKey)?) -> (first: Int, shown: Int) {
        guard area.height > 0 else { return (0, count) }
        table(columns, [], selected: nil, in: Area(x: area.x, y: area.y, width: area.width, height: 1))
        let visible = area.height - 1
        guard visible > 0 else { return (0, count) }
        let widths = columnWidths(columns, total: area.width)
        var made: [Int: (row: TableRow, lines: [String])] = [:]
        func rowAndLines(_ index: Int) -> (row: TableRow, lines: [String]) {
            if let done = made[index] { return done }
            let tableRow = row(index)
            func wrapped() -> [String] {
                var lines = wrap(tableRow.cells[wrapColumn], width: widths[wrapColumn])
                if lines.isEmpty { lines = [""] }
                if lines.count > maxLines {
                    lines = Array(lines.prefix(maxLines))
                    lines[maxLines - 1] = truncate(lines[maxLines - 1] + " …", toWidth: widths[wrapColumn])
                }
                return lines
            }
            let lines = remembered.map { memo in
                memo.rows.lines(.init(list: memo.list, width: widths[wrapColumn], maxLines: maxLines), row: index, wrapped)
            } ?? wrapped()
            made[index] = (tableRow, lines)
            return (tableRow, lines)
        }
        // The first row shown is the earliest from which the selected row still fits whole (or
        // the selected row itself when it alone does not fit): found walking up from it.
        var first = 0
        if let selected, selected >= 0, selected < count {
            first = selected
            var used = rowAndLines(selected).lines.count
            while first > 0 {
                let above = rowAndLines(first - 1).lines.count
                if used + above > visible { break }
                used += above
                first -= 1
            }
        }
        var y = area.y + 1
        var shown = first
        for index in first..<count {
            let (row, lines) = rowAndLines(index)
            guard y + lines.count <= area.y + area.height || y == area.y + 1 else { break }
            let style = index == selected ? row.style.reverse() : row.style
            if index == selected { fill(x: area.x, y: y, width: area.width, height: min(lines.count, area.y + area.height - y), style: style) }
            var column = area.x + 1
            for (c, text) in row.cells.enumerated() where c < widths.count {
                if c == wrapColumn {
                    for (n, line) in lines.enumerated() where y + n < area.y + area.height {
                        putTruncated(line, x: column, y: y + n, width: widths[c], style: style)
                    }
                } else {
                    putTruncated(text, x: column, y: y, width: widths[c], style: style)
                }
                column += widths[c] + 1
            }
            y += lines.count
            shown = index + 1
        }
        return (first, shown)
    }
}

extension AppModel {
    /// What an empty tab says: a line or two on what goes here and the key that adds it.
    func explain(_ paragraphs: [String], in area: Area, into buffer: inout CellBuffer) {
        var y = area.y + 1
        for paragraph in paragraphs {
            for line in wrap(paragraph, width: area.width - 4) where y < area.y + area.height {
                buffer.put(line, x: 2, y: y)
                y += 1
            }
        }
    }
}
