import QuipuCore
import Testing
@testable import QuipuText
@testable import QuipuTUI

// The machinery that makes a frame fast (issue 8) must never change what is drawn: the compact
// cells, the fast path for simple text, the lazily drawn tables and the remembered lists.

/// A deterministic generator, so a failure repeats.
private struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Every scalar the fast path treats as simple.
private let simpleRanges: [ClosedRange<UInt32>] = [
    0x20...0x7E, 0xA0...0xA8, 0xAA...0xAC, 0xAF...0x2FF, 0x370...0x482, 0x48A...0x52F, 0x1E00...0x1EFF,
    0x2010...0x2027, 0x2190...0x2193, 0x2500...0x259F, 0x3041...0x3096, 0x30A1...0x30FA, 0x4E00...0x9FFF, 0xAC00...0xD7A3,
]

private let words = ["water", "páramo", "流域", "montaña", "ação", "Привет", "ελληνικά", "Tiếng", "かな", "カナ",
                     "회의", "—", "·", "…", "█░", "a", "bb", "x-y", "«quote»", "comités", "↑↓"]

private func sentence(_ rng: inout Seeded, words count: Int) -> String {
    var text = String(repeating: " ", count: Int(rng.next() % 3))
    for index in 0..<count {
        if index > 0 { text += Int(rng.next() % 5) == 0 ? "  " : " " }
        text += words[Int(rng.next() % UInt64(words.count))]
    }
    return text
}

@Suite struct SimpleTextTests {
    @Test func everySimpleScalarIsOneGraphemeOfTheWidthClaimed() {
        var rng = Seeded(state: 1)
        let all = simpleRanges.flatMap { Array($0) }
        for value in all {
            let scalar = Unicode.Scalar(value)!
            #expect(simpleWidth(value) == displayWidth(Character(scalar)), "U+\(String(value, radix: 16))")
            // Between two other simple scalars it still stands alone.
            let before = Unicode.Scalar(all[Int(rng.next() % UInt64(all.count))])!
            let after = Unicode.Scalar(all[Int(rng.next() % UInt64(all.count))])!
            var text = String.UnicodeScalarView()
            text.append(contentsOf: [before, scalar, scalar, after])
            #expect(String(text).count == 4, "U+\(String(value, radix: 16))")
        }
        #expect(simpleWidth(0x301) == nil && simpleWidth(0x200D) == nil && simpleWidth(0x1F1F5) == nil)
        #expect(simpleWidth(0xA9) == nil && simpleWidth(0x1F44D) == nil && simpleWidth(0x1100) == nil)
    }

    @Test func simpleWrapTruncateAndWidthAgreeWithTheGraphemePath() {
        var rng = Seeded(state: 2)
        for _ in 0..<400 {
            let text = sentence(&rng, words: 1 + Int(rng.next() % 12))
            #expect(simpleTextWidth(text) != nil)
            var graphemeWidth = 0
            forEachGrapheme(text) { _, width in graphemeWidth += width; return true }
            #expect(displayWidth(text) == graphemeWidth)
            for width in 1...24 {
                for indent in [false, true] where displayWidth(text) > width {
                    #expect(wrapSimple(text, width: width, indentContinuation: indent)
                        == wrapGraphemes(text, width: width, indentContinuation: indent), "\(text) at \(width)")
                }
                // The grapheme path of truncate, by hand: whole graphemes, then "…".
                var expected = text
                if graphemeWidth > width {
                    expected = ""
                    var used = 0
                    for character in text {
                        if used + displayWidth(character) > width - 1 { break }
                        expected.append(character)
                        used += displayWidth(character)
                    }
                    expected += "…"
                }
                #expect(truncate(text, toWidth: width) == expected)
            }
        }
    }

    @Test func theWidthOfOtherTextIsTheSumOfItsGraphemes() {
        let texts = ["ab👍🏽c", "e\u{301}x", "🇵🇪 flag", "\u{1B}[2J", "a\u{200D}b", "x\u{FE0F}y", "👩‍👩‍👧 family", "é🗳\u{FE0F}",
                     "\u{1100}\u{1161}\u{11A8}z", "↔ ▶ ©", "tab\there", ""]
        for text in texts {
            var graphemeWidth = 0
            forEachGrapheme(text) { _, width in graphemeWidth += width; return true }
            #expect(displayWidth(text) == graphemeWidth, "\(text)")
        }
    }

    @Test func simpleTextIsWrittenAsTheGraphemePathWritesIt() {
        var rng = Seeded(state: 3)
        for _ in 0..<400 {
            let text = sentence(&rng, words: 1 + Int(rng.next() % 6))
            let x = Int(rng.next() % 30) - 6
            let maxWidth: Int? = rng.next() % 2 == 0 ? nil : Int(rng.next() % 20)
            var background = CellBuffer(width: 24, height: 1)
            background.put("会議会議会議会議会議会議", x: Int(rng.next() % 2), y: 0)
            var fast = background
            var general = background
            // A zero-width space at the end is not simple, so it sends the same text down the
            // general path, where it changes nothing.
            let fastUsed = fast.put(text, x: x, y: 0, style: .plain.bold(), maxWidth: maxWidth)
            let generalUsed = general.put(text + "\u{200B}", x: x, y: 0, style: .plain.bold(), maxWidth: maxWidth)
            #expect(fastUsed == generalUsed, "\(text) at \(x)")
            #expect(fast == general, "\(text) at \(x)")
        }
    }
}

@Suite struct CompactCellTests {
    @Test func buffersCompareByWhatTheyShowNotByHowTheyNumberClusters() {
        var a = CellBuffer(width: 6, height: 1)
        a.put("e\u{301}", x: 0, y: 0)
        a.put("👍🏽", x: 2, y: 0)
        var b = CellBuffer(width: 6, height: 1)
        b.put("👍🏽", x: 2, y: 0)   // numbered first here
        b.put("e\u{301}", x: 0, y: 0)
        #expect(a == b)
        #expect(a.diff(from: b).isEmpty)
        b.put("a\u{301}", x: 0, y: 0)
        #expect(a != b)
        #expect(a.diff(from: b) == [CellRun(x: 0, y: 0, text: "e\u{301}", style: .plain)])
        #expect(b[2, 0] == Cell(text: "👍🏽") && b[3, 0] == Cell(text: ""))
    }

    @Test func aLongLivedBufferKeepsOnlyTheClustersItShows() {
        var buffer = CellBuffer(width: 4, height: 1)
        let marks: [Unicode.Scalar] = ["\u{300}", "\u{301}", "\u{302}", "\u{303}", "\u{308}"]
        for round in 0..<2_000 {
            let base = Unicode.Scalar(0x61 + UInt32(round % 26))!
            var text = String.UnicodeScalarView([base])
            text.append(marks[round % marks.count])
            text.append(marks[(round / 5) % marks.count])
            buffer.put(String(text), x: round % 4, y: 0)
            #expect(buffer[round % 4, 0].text == String(text))
        }
        #expect(buffer.lines()[0].count == 4)
    }

    @Test func stylesSurviveTheirPacking() {
        var buffer = CellBuffer(width: 9, height: 1)
        let colors: [Color] = [.standard, .black, .red, .green, .yellow, .blue, .magenta, .cyan, .white]
        for (x, color) in colors.enumerated() {
            let style = Style(fg: color, bg: colors[8 - x], bold: x % 2 == 0, reverse: x % 3 == 0, underline: x % 4 == 0,
                              dim: x % 5 == 0)
            buffer.put("x", x: x, y: 0, style: style)
            #expect(buffer[x, 0].style == style)
        }
    }
}

/// A session with `count` ideas of about two lines each at 80 columns, built through the engine.
private func longLog(ideas count: Int) -> SessionLog {
    var log = sampleLog()
    var rng = Seeded(state: 4)
    for _ in 0..<count {
        let changes = try! log.decide(.addIdea(text: sentence(&rng, words: 14), kind: .area, by: "P2", area: nil))
        let first = log.nextSeq
        log.append(changes.enumerated().map { Event(id: EventID(seq: first + $0.offset, writer: "t"), at: sampleNow, change: $0.element) })
    }
    return log
}

private func applying(_ command: Command, to log: SessionLog) -> SessionLog {
    var log = log
    let changes = try! log.decide(command)
    let first = log.nextSeq
    log.append(changes.enumerated().map { Event(id: EventID(seq: first + $0.offset, writer: "t"), at: sampleNow, change: $0.element) })
    return log
}

extension CellBuffer {
    /// The wrapped table as it was before rows were made lazily: every row wrapped, and the
    /// first row shown found by walking down from the top.
    mutating func eagerWrappedTable(_ columns: [Column], _ rows: [TableRow], wrapColumn: Int, maxLines: Int = 4,
                                    selected: Int?, in area: Area) {
        let all = eagerRows(columns, rows, wrapColumn: wrapColumn, maxLines: maxLines, selected: selected, in: area)
        guard all.first > 0 || all.shown < rows.count, area.height > 3 else { return }
        fill(x: area.x, y: area.y, width: area.width, height: area.height)
        let some = eagerRows(columns, rows, wrapColumn: wrapColumn, maxLines: maxLines, selected: selected,
                             in: Area(x: area.x, y: area.y, width: area.width, height: area.height - 1))
        var parts: [String] = []
        if some.first > 0 { parts.append("↑ \(some.first) above") }
        if some.shown < rows.count { parts.append("↓ \(rows.count - some.shown) more") }
        let badge = parts.joined(separator: " · ") + " "
        put(badge, x: area.x + area.width - displayWidth(badge), y: area.y + area.height - 1, style: Styles.muted)
    }

    mutating func eagerRows(_ columns: [Column], _ rows: [TableRow], wrapColumn: Int, maxLines: Int,
                            selected: Int?, in area: Area) -> (first: Int, shown: Int) {
        guard area.height > 0 else { return (0, rows.count) }
        table(columns, [], selected: nil, in: Area(x: area.x, y: area.y, width: area.width, height: 1))
        let visible = area.height - 1
        guard visible > 0 else { return (0, rows.count) }
        let widths = columnWidths(columns, total: area.width)
        let wrapped: [[String]] = rows.map { row in
            var lines = wrapGraphemes(row.cells[wrapColumn], width: widths[wrapColumn], indentContinuation: false)
            if displayWidth(row.cells[wrapColumn]) <= widths[wrapColumn] { lines = [row.cells[wrapColumn]] }
            if lines.isEmpty { lines = [""] }
            if lines.count > maxLines {
                lines = Array(lines.prefix(maxLines))
                lines[maxLines - 1] = truncate(lines[maxLines - 1] + " …", toWidth: widths[wrapColumn])
            }
            return lines
        }
        var first = 0
        if let selected, selected < rows.count {
            while first < selected, wrapped[first...selected].reduce(0, { $0 + $1.count }) > visible { first += 1 }
        }
        var y = area.y + 1
        var shown = first
        for index in first..<rows.count {
            let lines = wrapped[index]
            guard y + lines.count <= area.y + area.height || y == area.y + 1 else { break }
            let row = rows[index]
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

/// The Ideas table drawn from every row, the way it was drawn before rows were made lazily.
private func eagerIdeas(_ model: AppModel, width: Int, height: Int) -> [String] {
    var buffer = model.render(width: width, height: height, now: sampleNow).buffer
    let session = model.log!.state
    let area = Area(x: 0, y: 4, width: width, height: height - 6)
    buffer.fill(x: 0, y: area.y, width: width, height: area.height)
    let columns = [
        Column(title: "ID", width: 4), Column(title: "Kind", width: 9),
        Column(title: "Idea", width: 10, flex: 3), Column(title: "By", width: 10, flex: 1),
    ]
    buffer.eagerWrappedTable(columns, model.ideaRows(session), wrapColumn: 2, selected: model.selectedIndex(.ideas), in: area)
    return buffer.lines()
}

@Suite struct LazyTableTests {
    @Test func theIdeasTableScrollsAsWhenEveryRowWasDrawn() {
        var model = sessionModel(longLog(ideas: 120), keys: [.char("2")])
        for step in 0..<160 {
            let key: Key = step < 70 ? .down : step < 90 ? .pageDown : step < 100 ? .end : step < 140 ? .up : .pageUp
            _ = model.handle(key, now: sampleNow)
            #expect(model.lines(100, 30) == eagerIdeas(model, width: 100, height: 30), "step \(step)")
        }
    }
}

@Suite struct RememberedListTests {
    @Test func aChangedSessionIsShownAtOnceThroughEveryRememberedList() {
        var model = sessionModel(longLog(ideas: 40), keys: [.char("2"), .char("/")])
        _ = model.type("glacier")
        _ = model.handle(.enter, now: sampleNow)
        let before = model.lines(100, 30)
        #expect(!before.joined().contains("Zebra glacier"))
        // A new idea that matches the filter, and an edit that changes a long idea's wrapping.
        var log = applying(.addIdea(text: "Zebra glacier survey", kind: .area, by: nil, area: nil), to: model.log!)
        log = applying(.editIdea(id: "I1", text: "Glacier retreat " + String(repeating: "monitoring ", count: 12)), to: log)
        model.sessionChanged(log)
        let after = model.lines(100, 30)
        #expect(after.joined().contains("Zebra glacier survey"))
        #expect(after.filter { $0.contains("monitoring monitoring") }.count >= 2)
        #expect(after == eagerIdeas(model, width: 100, height: 30))
    }

    @Test func copiesOfAModelNeverShowEachOthersSession() {
        var first = sessionModel(keys: [.char("2"), .char("/")])
        _ = first.type("a")
        var second = first
        second.sessionChanged(applying(.addIdea(text: "Alpaca wool market", kind: .project, by: nil, area: nil), to: first.log!))
        for _ in 0..<3 {
            #expect(!first.lines().joined().contains("Alpaca"))
            #expect(second.lines().joined().contains("Alpaca wool market"))
        }
        first.sessionChanged(first.log!)   // the same value again: still right
        #expect(!first.lines().joined().contains("Alpaca"))
    }

    @Test func theRosterLineFollowsPresence() {
        var model = sessionModel(keys: [.char("3")])
        func presentLine() -> String? { model.lines().first { $0.contains("participants:") } }
        func expected() -> String {
            "(\(model.log!.state.participants.filter { $0.isMember && $0.present }.count) present)"
        }
        #expect(presentLine()?.contains(expected()) == true)
        let before = presentLine()
        model.sessionChanged(applying(.setParticipant(who: "P1", present: false, observer: nil), to: model.log!))
        #expect(presentLine() != before)
        #expect(presentLine()?.contains(expected()) == true)
    }

    @Test func aSessionOtherThanTheOneShownIsNeverAnsweredFromMemory() {
        var model = sessionModel(keys: [.char("2"), .char("/")])
        _ = model.type("a")
        let shown = model.visibleIdeas(model.log!.state)
        let other = applying(.addIdea(text: "Andean seed bank", kind: .area, by: nil, area: nil), to: model.log!).state
        #expect(model.visibleIdeas(other).count == shown.count + 1)
        #expect(model.visibleIdeas(model.log!.state).map(\.id) == shown.map(\.id))
    }

    @Test func theWorkplanReportAndHomeFollowChanges() {
        var model = sessionModel(keys: [.char("5")])
        _ = model.lines()
        var log = applying(.addAction(text: "Map the springs", owner: "P1", due: "2026-12-01", idea: nil), to: model.log!)
        model.sessionChanged(log)
        #expect(model.lines().contains { $0.contains("Map the springs") })
        log = applying(.addAction(text: "Earlier task", owner: "P2", due: "2026-11-30", idea: nil), to: log)
        model.sessionChanged(log)
        let rows = model.lines().filter { $0.contains("Map the springs") || $0.contains("Earlier task") }
        #expect(rows.count == 2 && rows[0].contains("Earlier task"))

        _ = model.handle(.char("6"), now: sampleNow)
        let early = model.lines(80, 24, now: sampleNow)
        let later = model.lines(80, 24, now: sampleNow.adding(seconds: 125))
        #expect(early != later)   // the clock line moves, the rest is remembered
        #expect(later.contains { $0.contains("the clock ran") })
        model.sessionChanged(applying(.addIdea(text: "Terraces for the páramo", kind: .area, by: nil, area: nil), to: log))
        for _ in 0..<30 { _ = model.handle(.down, now: sampleNow) }
        #expect(model.lines(80, 60).contains { $0.contains("Terraces for the páramo") })

        var home = AppModel()
        let summary = model.log!.state.summary(at: sampleNow)
        func named(_ title: String, _ date: String) -> SessionSummary {
            var s = summary
            s.title = title
            s.initiative = title
            s.id = "\(date)-\(title.lowercased())"
            s.date = date
            return s
        }
        home.showHome([named("Bravo", "2026-11-01"), named("Alpha", "2026-10-01")])
        #expect(home.lines().firstIndex { $0.contains("Bravo") }! < home.lines().firstIndex { $0.contains("Alpha") }!)
        _ = home.handle(.char("o"), now: sampleNow)   // by initiative
        #expect(home.lines().firstIndex { $0.contains("Alpha") }! < home.lines().firstIndex { $0.contains("Bravo") }!)
        home.showHome([named("Charlie", "2026-12-01")] + [named("Bravo", "2026-11-01"), named("Alpha", "2026-10-01")])
        #expect(home.lines().contains { $0.contains("Charlie") })
    }
}
