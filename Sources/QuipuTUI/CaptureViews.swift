import QuipuCore
import QuipuText

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
        guard area.height > 0 else { return }
        table(columns, [], selected: nil, in: Area(x: area.x, y: area.y, width: area.width, height: 1))
        let visible = area.height - 1
        guard visible > 0 else { return }
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
        if shown < count {
            let more = " ↓ \(count - shown) more "
            put(more, x: area.x + area.width - displayWidth(more), y: area.y, style: Styles.muted)
        }
    }
}

extension AppModel {
    /// The Ideas tab's rows: merged duplicates say where they went; long ideas wrap.
    func ideaRows(_ session: Session) -> [TableRow] {
        visibleIdeas(session).map { ideaRow($0, session) }
    }

    /// One row of the Ideas tab.
    func ideaRow(_ idea: Idea, _ session: Session) -> TableRow {
        var text = idea.text
        if let area = idea.area { text += " (under \(area))" }
        if let into = idea.mergedInto { text += " (merged into \(into))" } else if idea.withdrawn { text += " (withdrawn)" }
        return TableRow(cells: [idea.id, idea.kind.rawValue, text, session.displayName(idea.by)],
                        style: idea.withdrawn ? Styles.muted : .plain)
    }

    /// The Workplan tab's rows, in due order: overdue actions marked with `!` and in the warning style.
    func actionRows(_ session: Session, now: Timestamp) -> [TableRow] {
        visibleActions(session).map { actionRow($0, session, now: now) }
    }

    /// One row of the Workplan tab.
    func actionRow(_ a: Action, _ session: Session, now: Timestamp) -> TableRow {
        let overdue = a.isOverdue(at: now)
        var owner = session.displayName(a.owner)
        if !a.supporters.isEmpty { owner += " +" + String(a.supporters.count) }
        let text = a.text + (a.carriedFrom != nil ? " (carried over)" : "")
        return TableRow(cells: [a.id, text, owner, (a.due ?? "—") + (overdue ? " !" : ""), a.status.rawValue],
                        style: a.status == .done || a.status == .dropped ? Styles.muted : overdue ? Styles.warning : .plain)
    }

    /// `government 3 · NGO 2`: who is in the room by stakeholder group.
    func groupCountsLine(_ session: Session) -> String {
        session.groupCounts.map { "\($0.group.rawValue) \($0.count)" }.joined(separator: " · ")
    }
}
