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
    mutating func table(_ columns: [Column], count: Int, row: (Int) -> TableRow, selected: Int?, in area: Area) {
        guard area.height > 0 else { return }
        let widths = columnWidths(columns, total: area.width)
        drawRow(columns.map(\.title), columns, widths, y: area.y, x: area.x, style: Styles.heading, fillWidth: 0)
        let visible = area.height - 1
        guard visible > 0 else { return }
        let first = selected.map { $0 >= visible ? $0 - visible + 1 : 0 } ?? 0
        for index in stride(from: first, to: min(count, first + visible), by: 1) {
            let tableRow = row(index)
            let isSelected = index == selected
            drawRow(tableRow.cells, columns, widths, y: area.y + 1 + index - first, x: area.x,
                    style: isSelected ? tableRow.style.reverse() : tableRow.style, fillWidth: isSelected ? area.width : 0)
        }
        if first + visible < count {
            let more = " ↓ \(count - first - visible) more "
            put(more, x: area.x + area.width - displayWidth(more), y: area.y, style: Styles.muted)
        }
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
    let fixed = columns.filter { $0.flex == 0 }.reduce(0) { $0 + $1.width }
    let flexTotal = columns.reduce(0) { $0 + $1.flex }
    let spare = max(0, total - 1 - fixed - columns.count)
    var given = 0
    var widths = columns.map { column -> Int in
        guard column.flex > 0 else { return column.width }
        let w = max(column.width, spare * column.flex / max(1, flexTotal))
        given += w
        return w
    }
    // Rounding leftovers go to the first flexible column.
    if let first = columns.firstIndex(where: { $0.flex > 0 }), given < spare { widths[first] += spare - given }
    return widths
}
