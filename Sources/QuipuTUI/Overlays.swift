import QuipuCore
import QuipuText

// Full-screen views over the rest: the help listing every key, and the projector clock.

/// Every key the screens honour, as help shows them. A nil key starts a section.
let helpEntries: [(key: String?, text: String)] = [
    (nil, "Everywhere"),
    ("1-6", "switch tab"),
    ("Tab Shift-Tab", "next / previous tab"),
    ("↑ ↓  j k", "move"),
    ("PgUp PgDn", "move a page"),
    ("Enter", "open / confirm"),
    ("Esc", "cancel / back"),
    ("a", "add in this tab"),
    ("e / d", "edit / withdraw idea"),
    ("u / U", "undo / redo mine"),
    ("W", "who is at the keys"),
    ("!", "changes not saved yet"),
    ("Space", "start / pause timer"),
    ("n / N", "next / previous phase"),
    ("+ / -", "phase ±1 minute"),
    ("> / <", "session ±1 minute"),
    ("s", "re-spread time left"),
    ("w", "warnings on / off"),
    ("/", "search / filter list"),
    ("p", "projector view"),
    ("S", "sync the folder (git)"),
    ("?", "this help"),
    ("q", "back; quit from home"),
    ("Ctrl-C", "quit"),
    (nil, "On a tab"),
    ("Agenda Enter", "go to selected phase"),
    ("Agenda a e d", "add / edit / remove phase"),
    ("Agenda K J", "move phase up / down"),
    ("E", "session details"),
    ("Ideas f l m", "kind / link / merge"),
    ("People x o", "present / observer"),
    ("People e d", "edit / remove"),
    ("Vote o / c", "open / close a vote"),
    ("Vote a r h", "ballot / runoff / hands"),
    ("Vote b d", "ballots / remove one"),
    ("Vote f", "facilitator decides tie"),
    ("Vote A", "count late ballots"),
    ("Work r Enter", "role / next status"),
    ("Work e d", "edit / drop action"),
    ("Work c x", "carry over / unrole"),
    ("C / R", "close / reopen session"),
    ("t, then f", "timeline, by kind"),
    ("Home s / o", "search all / sort"),
    (nil, "Typing"),
    ("← → Home End", "move in the text"),
    ("Ctrl-U Ctrl-W", "kill to start / word"),
    ("Alt-b Alt-f", "word left / right"),
    ("Alt-d", "cut the word after"),
    ("Tab ↑ ↓", "kind or role / field"),
    ("Enter / Esc", "save / cancel"),
]

extension AppModel {
    /// The changes waiting to be saved, oldest first: what each does, and why it is waiting.
    func drawUnsavedList(into buffer: inout CellBuffer) {
        let count = unsaved.count
        buffer.bar(y: 0, left: " Not saved yet · \(count) \(count == 1 ? "change" : "changes"), retried in this order",
                   right: "Esc closes ", style: Styles.titleBar)
        buffer.putTruncated(" They are written as soon as the disk and the journal take them; on quit they go to a",
                            x: 0, y: 2, width: buffer.width, style: Styles.muted)
        buffer.putTruncated(" recovery file beside the journal (quipu recover applies it).", x: 0, y: 3, width: buffer.width,
                            style: Styles.muted)
        let top = 5
        let rows = max(1, (buffer.height - top - 2) / 2)
        let first = max(0, min(unsavedSelection - rows + 1, count - rows))
        for (row, index) in (first..<min(count, first + rows)).enumerated() {
            let item = unsaved[index]
            let y = top + row * 2
            let style = index == unsavedSelection ? Styles.selected : .plain
            buffer.fill(x: 0, y: y, width: buffer.width, height: 1, style: style)
            buffer.putTruncated(" \(index + 1). \(item.session) · \(item.summary)", x: 0, y: y, width: buffer.width, style: style)
            buffer.putTruncated("    \(item.reason)", x: 0, y: y + 1, width: buffer.width, style: Styles.error)
        }
    }

    /// Two columns at 80×24; a description too long for its column goes on to the next line
    /// (never cut mid-word), and a section moves to the next column rather than break in two.
    /// Columns that do not fit are on the next page: PgDn, Space or ↓ turn it.
    func drawHelp(into buffer: inout CellBuffer) {
        let top = 2
        let rows = buffer.height - top - 1
        let keyWidth = (helpEntries.compactMap(\.key).map(displayWidth).max() ?? 0) + 1
        let columnWidth = max(keyWidth + 12, (buffer.width - 2) / 2)
        let perPage = max(1, (buffer.width - 1) / columnWidth)
        let textWidth = columnWidth - keyWidth - 2
        let texts = helpEntries.map { $0.key == nil ? [$0.text] : wrap($0.text, width: textWidth) }
        var places: [(column: Int, row: Int)] = []
        var column = 0, row = 0
        for (index, entry) in helpEntries.enumerated() {
            if entry.key == nil, row > 0 {
                let sectionLength = ((index + 1)..<helpEntries.count).prefix { helpEntries[$0].key != nil }
                    .map { texts[$0].count }.reduce(1, +)
                if row + 1 + sectionLength > rows { (column, row) = (column + 1, 0) } else { row += 1 }
            }
            if row + texts[index].count > rows { (column, row) = (column + 1, 0) }
            places.append((column, row))
            row += texts[index].count
        }
        let pages = (places.last?.column ?? 0) / perPage + 1
        let page = helpPage % pages
        let turn = pages > 1 ? "page \(page + 1)/\(pages) · PgDn next · " : ""
        buffer.bar(y: 0, left: " Quipu · keys", right: turn + "any other key closes ", style: Styles.titleBar)
        for ((entry, lines), place) in zip(zip(helpEntries, texts), places) where place.column / perPage == page {
            let x = 1 + (place.column % perPage) * columnWidth, y = top + place.row
            guard x + keyWidth < buffer.width else { break }
            if let key = entry.key {
                buffer.put(key, x: x + 1, y: y, style: Styles.key, maxWidth: keyWidth)
                for (i, line) in lines.enumerated() {
                    buffer.putTruncated(line, x: x + 1 + keyWidth, y: y + i, width: textWidth)
                }
            } else {
                buffer.put(entry.text, x: x, y: y, style: Styles.heading, maxWidth: columnWidth - 1)
            }
        }
    }

    /// The phase's remaining time in digits the back of the room can read; the phase's name,
    /// the warning words and what comes next in large type too, as large as the screen allows
    /// (each falls back to plain text where large type does not fit, or has no letters for it).
    func drawProjector(_ reading: ClockReading, warnings: [ClockWarning] = [], into buffer: inout CellBuffer) {
        let phase = reading.state == .finished ? "All phases done" : reading.phaseName ?? ""
        let seconds = reading.state == .finished ? 0 : reading.phaseRemainingSeconds
        let (_, style) = phaseTimeText(seconds, state: reading.state)
        let strong = style == .plain ? Styles.key : style
        var status = clockStateWord(reading.state)
        if seconds < 0 { status = "OVERRUN · " + status }
        if !warnings.isEmpty { status = warnings.map(\.words).joined(separator: " · ") + " · " + status }
        let next = reading.nextPhaseName.map { "Next: \($0)" } ?? "Last phase"
        let behind = behindText(reading).map { " · \($0)" } ?? ""

        // Bands, top to bottom: name, digits, status words, what comes next, the session line.
        // Each text band is large when a seventh of the screen holds it; the digits take the rest.
        let band = max(1, (buffer.height - 2) / 7)
        func rows(_ text: String) -> [String] { largeText(text, width: buffer.width - 2, height: band) ?? [text] }
        let (nameRows, statusRows, nextRows) = (rows(phase), rows(status), rows(next))
        var y = 1
        for (i, row) in nameRows.enumerated() { buffer.centered(row, y: y + i, style: Styles.key) }
        y += nameRows.count + 1
        let digitsHeight = max(1, buffer.height - y - statusRows.count - nextRows.count - 4)
        let glyphs = bigText(clockText(seconds: seconds, overrunSign: true), width: buffer.width - 2, height: digitsHeight)
        let top = y + max(0, (digitsHeight - glyphs.count) / 2)
        for (i, row) in glyphs.enumerated() {
            buffer.centered(row, y: top + i, style: style == .plain ? .plain.bold() : style)
        }
        y += digitsHeight
        for (i, row) in statusRows.enumerated() { buffer.centered(row, y: y + i, style: strong) }
        y += statusRows.count
        for (i, row) in nextRows.enumerated() { buffer.centered(row, y: y + i) }
        y += nextRows.count
        buffer.centered("\(sessionTimeText(reading))\(behind)", y: min(y, buffer.height - 2))
        buffer.centered("any key returns", y: buffer.height - 1, style: Styles.muted)
    }

}

/// `text` in the block font, scaled to fit, or nil when it does not fit at one cell per pixel
/// or has a character the font lacks (accents fold to their letters: "Priorización" reads
/// PRIORIZACION; a name in another script stays plain text).
func largeText(_ text: String, width: Int, height: Int) -> [String]? {
    guard height >= 5 else { return nil }
    var folded = ""
    for c in text.uppercased() {
        guard let f = foldedForFont(c) else { return nil }
        folded.append(f)
    }
    let rows = bigText(folded, width: width, height: height)
    return rows.count >= 5 ? rows : nil
}

/// A character as the block font draws it, or nil when it has no glyph.
private func foldedForFont(_ c: Character) -> Character? {
    if font[c] != nil { return c }
    let accented: [Character: Character] = [
        "Á": "A", "À": "A", "Â": "A", "Ä": "A", "Ã": "A", "É": "E", "È": "E", "Ê": "E", "Ë": "E", "Í": "I", "Ì": "I",
        "Î": "I", "Ï": "I", "Ó": "O", "Ò": "O", "Ô": "O", "Ö": "O", "Õ": "O", "Ú": "U", "Ù": "U", "Û": "U", "Ü": "U",
        "Ñ": "N", "Ç": "C", "’": "'", "—": "-", "–": "-",
    ]
    if let base = accented[c] { return base }
    // A base letter followed by combining marks (typed as two scalars).
    if let first = c.unicodeScalars.first, c.unicodeScalars.dropFirst().allSatisfy({ (0x300...0x36F).contains($0.value) }) {
        let base = Character(first)
        if font[base] != nil { return base }
    }
    return nil
}

/// A 3×5 pixel font for the clock and for large type (M, N, W and a few more are wider).
private let font: [Character: [String]] = [
    "A": ["###", "# #", "###", "# #", "# #"], "B": ["## ", "# #", "## ", "# #", "## "],
    "C": ["###", "#  ", "#  ", "#  ", "###"], "D": ["## ", "# #", "# #", "# #", "## "],
    "E": ["###", "#  ", "## ", "#  ", "###"], "F": ["###", "#  ", "## ", "#  ", "#  "],
    "G": ["###", "#  ", "# #", "# #", "###"], "H": ["# #", "# #", "###", "# #", "# #"],
    "I": ["###", " # ", " # ", " # ", "###"], "J": ["  #", "  #", "  #", "# #", "###"],
    "K": ["# #", "## ", "#  ", "## ", "# #"], "L": ["#  ", "#  ", "#  ", "#  ", "###"],
    "M": ["#   #", "## ##", "# # #", "#   #", "#   #"], "N": ["#  #", "## #", "# ##", "#  #", "#  #"],
    "O": ["###", "# #", "# #", "# #", "###"], "P": ["###", "# #", "###", "#  ", "#  "],
    "Q": ["###", "# #", "# #", "###", "  #"], "R": ["## ", "# #", "## ", "# #", "# #"],
    "S": ["###", "#  ", "###", "  #", "###"], "T": ["###", " # ", " # ", " # ", " # "],
    "U": ["# #", "# #", "# #", "# #", "###"], "V": ["# #", "# #", "# #", "# #", " # "],
    "W": ["#   #", "#   #", "# # #", "## ##", "#   #"], "X": ["# #", "# #", " # ", "# #", "# #"],
    "Y": ["# #", "# #", " # ", " # ", " # "], "Z": ["###", "  #", " # ", "#  ", "###"],
    " ": ["  ", "  ", "  ", "  ", "  "], ".": [" ", " ", " ", " ", "#"], ",": [" ", " ", " ", "#", "#"],
    "·": [" ", " ", "#", " ", " "], "&": [" # ", "# #", " # ", "# #", " ##"], "'": ["#", "#", " ", " ", " "],
    "/": ["  #", "  #", " # ", "#  ", "#  "], "(": [" #", "# ", "# ", "# ", " #"], ")": ["# ", " #", " #", " #", "# "],
    "!": ["#", "#", "#", " ", "#"], "…": ["     ", "     ", "     ", "     ", "# # #"], "?": ["###", "  #", " ##", "   ", " # "],
    "0": ["###", "# #", "# #", "# #", "###"],
    "1": [" # ", "## ", " # ", " # ", "###"],
    "2": ["###", "  #", "###", "#  ", "###"],
    "3": ["###", "  #", "###", "  #", "###"],
    "4": ["# #", "# #", "###", "  #", "  #"],
    "5": ["###", "#  ", "###", "  #", "###"],
    "6": ["###", "#  ", "###", "# #", "###"],
    "7": ["###", "  #", "  #", "  #", "  #"],
    "8": ["###", "# #", "###", "# #", "###"],
    "9": ["###", "# #", "###", "  #", "###"],
    ":": [" ", "#", " ", "#", " "],
    "+": ["   ", " # ", "###", " # ", "   "],
    "-": ["   ", "   ", "###", "   ", "   "],
]

/// `text` in block digits scaled to fit `width`×`height` cells: each pixel is as tall as fits
/// and up to twice as wide, since a terminal cell is about twice as tall as it is wide. Falls
/// back to the plain text when even one cell per pixel does not fit.
func bigText(_ text: String, width: Int, height: Int) -> [String] {
    let glyphs = text.compactMap { font[$0] }
    let pixelWidth = glyphs.reduce(0) { $0 + $1[0].count } + max(0, glyphs.count - 1)
    let rowScale = height / 5
    let columnScale = min(2 * rowScale, width / max(1, pixelWidth))
    guard rowScale >= 1, columnScale >= 1 else { return [text] }
    var rows: [String] = []
    for line in 0..<5 {
        let pixels = glyphs.map { $0[line] }.joined(separator: " ")
        let row = String(pixels.flatMap { pixel in repeatElement(pixel == "#" ? "█" : " ", count: columnScale) })
        rows += repeatElement(row, count: rowScale)
    }
    return rows
}
