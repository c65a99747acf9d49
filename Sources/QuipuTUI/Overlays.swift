import QuipuCore
import QuipuText

// Full-screen views over the rest: the help listing every key, and the projector clock.

/// Every key the screens honour, as help shows them (in the screens' language; the keys are the
/// same in every language). A nil key starts a section.
var helpEntries: [(key: String?, text: String)] { [
    (nil, tr("Everywhere", context: "a heading of the help")),
    ("1-6", tr("switch tab", context: "what keys do, in the help")),
    ("Tab Shift-Tab", tr("next / previous tab", context: "what keys do, in the help")),
    ("↑ ↓  j k", tr("move", context: "what keys do, in the help")),
    ("PgUp PgDn", tr("move a page", context: "what keys do, in the help")),
    ("Enter", tr("open / confirm", context: "what keys do, in the help")),
    ("Esc", tr("cancel / back", context: "what keys do, in the help")),
    ("a", tr("add in this tab", context: "what keys do, in the help")),
    ("e / d", tr("edit / withdraw idea", context: "what keys do, in the help")),
    ("u / U", tr("undo / redo mine", context: "what keys do, in the help")),
    ("W", tr("who is at the keys", context: "what keys do, in the help")),
    ("!", tr("changes not saved yet", context: "what keys do, in the help")),
    ("Space", tr("start / pause timer", context: "what keys do, in the help")),
    ("n / N", tr("next / previous phase", context: "what keys do, in the help")),
    ("+ / -", tr("phase ±1 minute", context: "what keys do, in the help")),
    ("> / <", tr("session ±1 minute", context: "what keys do, in the help")),
    ("s", tr("re-spread time left", context: "what keys do, in the help")),
    ("w", tr("warnings on / off", context: "what keys do, in the help")),
    ("/", tr("search / filter list", context: "what keys do, in the help")),
    ("p", tr("projector view", context: "what keys do, in the help")),
    ("S", tr("sync the folder (git)", context: "what keys do, in the help")),
    ("?", tr("this help", context: "what keys do, in the help")),
    ("q", tr("back; quit from home", context: "what keys do, in the help")),
    ("Ctrl-C", tr("quit", context: "what keys do, in the help")),
    (nil, tr("On a tab", context: "a heading of the help")),
    (tr("Agenda Enter", context: "keys in the help"), tr("go to selected phase", context: "what keys do, in the help")),
    (tr("Agenda a e d", context: "keys in the help"), tr("add / edit / remove phase", context: "what keys do, in the help")),
    (tr("Agenda K J", context: "keys in the help"), tr("move phase up / down", context: "what keys do, in the help")),
    ("E", tr("session details", context: "what keys do, in the help")),
    (tr("Ideas f l m", context: "keys in the help"), tr("kind / link / merge", context: "what keys do, in the help")),
    (tr("People x o", context: "keys in the help"), tr("present / observer", context: "what keys do, in the help")),
    (tr("People e d", context: "keys in the help"), tr("edit / remove", context: "what keys do, in the help")),
    (tr("Vote o / c", context: "keys in the help"), tr("open / close a vote", context: "what keys do, in the help")),
    (tr("Vote a r h", context: "keys in the help"), tr("ballot / runoff / hands", context: "what keys do, in the help")),
    (tr("Vote b d", context: "keys in the help"), tr("ballots / remove one", context: "what keys do, in the help")),
    (tr("Vote f", context: "keys in the help"), tr("facilitator decides tie", context: "what keys do, in the help")),
    (tr("Vote A", context: "keys in the help"), tr("count late ballots", context: "what keys do, in the help")),
    (tr("Work r Enter", context: "keys in the help"), tr("role / next status", context: "what keys do, in the help")),
    (tr("Work e d", context: "keys in the help"), tr("edit / drop action", context: "what keys do, in the help")),
    (tr("Work c x", context: "keys in the help"), tr("carry over / unrole", context: "what keys do, in the help")),
    ("C / R", tr("close / reopen session", context: "what keys do, in the help")),
    (tr("t, then f", context: "keys in the help"), tr("timeline, by kind", context: "what keys do, in the help")),
    (tr("Home s / o", context: "keys in the help"), tr("search all / sort", context: "what keys do, in the help")),
    (nil, tr("Typing", context: "a heading of the help")),
    ("← → Home End", tr("move in the text", context: "what keys do, in the help")),
    ("Ctrl-U Ctrl-W", tr("kill to start / word", context: "what keys do, in the help")),
    ("Alt-b Alt-f", tr("word left / right", context: "what keys do, in the help")),
    ("Alt-d", tr("cut the word after", context: "what keys do, in the help")),
    ("Tab ↑ ↓", tr("kind or role / field", context: "what keys do, in the help")),
    ("Enter / Esc", tr("save / cancel", context: "what keys do, in the help")),
] }

extension AppModel {
    /// The changes waiting to be saved, oldest first: what each does, and why it is waiting.
    func drawUnsavedList(into buffer: inout CellBuffer) {
        let count = unsaved.count
        buffer.bar(y: 0, left: " " + trn("Not saved yet · {n} change, retried in this order",
                                         "Not saved yet · {n} changes, retried in this order", count: count),
                   right: tr("Esc closes") + " ", style: Styles.titleBar)
        let why = wrap(tr("They are written as soon as the disk and the journal take them; on quit they go to a recovery file beside the journal (quipu recover applies it)."),
                       width: buffer.width - 2)
        for (i, line) in why.prefix(3).enumerated() {
            buffer.putTruncated(" " + line, x: 0, y: 2 + i, width: buffer.width, style: Styles.muted)
        }
        let top = 3 + min(3, why.count)
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
        let helpEntries = helpEntries   // said once per frame, in the screens' language
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
        let turn = pages > 1 ? tr("page {page}/{pages} · PgDn next", ["page": page + 1, "pages": pages]) + " · " : ""
        buffer.bar(y: 0, left: " " + tr("Quipu · keys"), right: turn + tr("any other key closes") + " ", style: Styles.titleBar)
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
        let phase = reading.state == .finished ? tr("All phases done") : reading.phaseName ?? ""
        let seconds = reading.state == .finished ? 0 : reading.phaseRemainingSeconds
        let (_, style) = phaseTimeText(seconds, state: reading.state)
        let strong = style == .plain ? Styles.key : style
        var status = clockStateWord(reading.state)
        if seconds < 0 { status = tr("OVERRUN · {state}", ["state": status]) }
        if !warnings.isEmpty { status = warnings.map(warningWords).joined(separator: " · ") + " · " + status }
        let next = reading.nextPhaseName.map { tr("Next: {phase}", ["phase": $0]) } ?? tr("Last phase")
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
        buffer.centered(tr("any key returns"), y: buffer.height - 1, style: Styles.muted)
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
