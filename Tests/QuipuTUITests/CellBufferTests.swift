import QuipuCore
import Testing
@testable import QuipuText
@testable import QuipuTUI

@Suite struct DisplayWidthTests {
    @Test func asciiIsOneColumnEach() {
        #expect(displayWidth("Quipu 90:00") == 11)
        #expect(displayWidth("") == 0)
    }

    @Test func cjkAndFullwidthAreTwoColumns() {
        #expect(displayWidth("会議") == 4)
        #expect(displayWidth("회의") == 4)
        #expect(displayWidth("ＡＢ") == 4)
        #expect(displayWidth("かな") == 4)
    }

    @Test func emojiAreTwoColumnsEvenAsSequences() {
        #expect(displayWidth("🗳") == 1)          // text presentation by default
        #expect(displayWidth("🗳\u{FE0F}") == 2)  // …asked for as emoji
        #expect(displayWidth("👍") == 2)
        #expect(displayWidth("👍🏽") == 2)
        #expect(displayWidth("👩‍👩‍👧") == 2)
        #expect(displayWidth("🇵🇪") == 2)
    }

    @Test func combiningMarksAndFormatCharactersTakeNoColumn() {
        #expect(displayWidth("e\u{301}") == 1)
        #expect(displayWidth("Cusco\u{200B}") == 5)
        #expect(displayWidth("\u{1100}\u{1161}\u{11A8}") == 2)  // Hangul jamo: one syllable
    }
}

@Suite struct PutTests {
    @Test func asciiIsWrittenAndReportsColumnsUsed() {
        var buffer = CellBuffer(width: 20, height: 2)
        let used = buffer.put("Agenda", x: 2, y: 1, style: .plain.bold())
        #expect(used == 6)
        #expect(buffer.lines() == ["", "  Agenda"])
        #expect(buffer[2, 1] == Cell(text: "A", style: .plain.bold()))
        #expect(buffer[8, 1] == Cell.blank)
    }

    @Test func clipsAtTheRightEdgeAndAtMaxWidth() {
        var buffer = CellBuffer(width: 10, height: 2)
        #expect(buffer.put("Prioritize areas", x: 4, y: 0) == 6)
        #expect(buffer.put("Prioritize areas", x: 0, y: 1, maxWidth: 3) == 3)
        #expect(buffer.lines() == ["    Priori", "Pri"])
    }

    @Test func outsideTheBufferWritesNothing() {
        var buffer = CellBuffer(width: 5, height: 1)
        #expect(buffer.put("x", x: 0, y: 1) == 0)
        #expect(buffer.put("x", x: 5, y: 0) == 0)
        #expect(buffer.put("abc", x: -2, y: 0) == 3)
        #expect(buffer.lines() == ["c"])
    }

    @Test func wideCharactersTakeTwoCellsAndTheCursorMovesByTwo() {
        var buffer = CellBuffer(width: 10, height: 1)
        let used = buffer.put("会議", x: 1, y: 0)
        #expect(used == 4)
        buffer.put("!", x: 1 + used, y: 0)
        #expect(buffer.lines() == [" 会議!"])
        #expect(buffer[1, 0].text == "会")
        #expect(buffer[2, 0].isContinuation)
        #expect(buffer[3, 0].text == "議")
        #expect(buffer[4, 0].isContinuation)
        #expect(buffer[5, 0].text == "!")
    }

    @Test func emojiTakeTwoCells() {
        var buffer = CellBuffer(width: 6, height: 1)
        #expect(buffer.put("👍🏽ok", x: 0, y: 0) == 4)
        #expect(buffer[0, 0].text == "👍🏽")
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer.lines() == ["👍🏽ok"])
    }

    @Test func combiningMarkStaysWithItsLetterInOneColumn() {
        var buffer = CellBuffer(width: 10, height: 1)
        #expect(buffer.put("Pe\u{301}rez", x: 0, y: 0) == 5)
        #expect(buffer[1, 0].text == "e\u{301}")
        #expect(buffer[2, 0].text == "r")
    }

    @Test func leadingCombiningMarkJoinsTheCellToItsLeft() {
        var buffer = CellBuffer(width: 10, height: 1)
        buffer.put("Jose", x: 0, y: 0)
        #expect(buffer.put("\u{301}", x: 4, y: 0) == 0)
        #expect(buffer.lines() == ["Jose\u{301}"])
    }

    @Test func wideCharacterThatDoesNotFitInTheLastColumnBecomesASpace() {
        var buffer = CellBuffer(width: 5, height: 1)
        buffer.put("#####", x: 0, y: 0)
        let used = buffer.put("ab会", x: 2, y: 0)
        #expect(used == 3)
        #expect(buffer[4, 0] == Cell.blank)
        #expect(buffer.lines() == ["##ab"])
        #expect(buffer.put("会", x: 0, y: 0, maxWidth: 1) == 1)
        #expect(buffer.lines() == [" #ab"])
    }

    @Test func wideCharacterCutByTheLeftEdgeBecomesASpace() {
        var buffer = CellBuffer(width: 5, height: 1)
        #expect(buffer.put("会x", x: -1, y: 0) == 3)
        #expect(buffer.lines() == [" x"])
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = CellBuffer(width: 6, height: 1)
        buffer.put("会議", x: 0, y: 0)
        buffer.put("x", x: 1, y: 0)   // right half of 会
        #expect(buffer.lines() == [" x議"])
        buffer.put("y", x: 2, y: 0)   // left half of 議
        #expect(buffer.lines() == [" xy"])
        #expect(!buffer[3, 0].isContinuation)
    }

    @Test func fillAndClear() {
        var buffer = CellBuffer(width: 6, height: 3)
        buffer.put("会議会議", x: 0, y: 1)
        buffer.fill(x: 1, y: 0, width: 2, height: 2, style: .plain.reverse())
        #expect(buffer[1, 0].style.reverse)
        #expect(buffer.lines() == ["", "    会", ""])
        buffer.clear()
        #expect(buffer == CellBuffer(width: 6, height: 3))
    }
}

@Suite struct TruncateTests {
    @Test func shortTextIsUntouched() {
        var buffer = CellBuffer(width: 20, height: 1)
        #expect(buffer.putTruncated("Andes", x: 0, y: 0, width: 5) == 5)
        #expect(buffer.lines() == ["Andes"])
    }

    @Test func longTextEndsWithAnEllipsisInsideTheWidth() {
        var buffer = CellBuffer(width: 20, height: 1)
        #expect(buffer.putTruncated("Watershed management", x: 0, y: 0, width: 10) == 10)
        #expect(buffer.lines() == ["Watershed…"])
    }

    @Test func wideCharactersAreNeverCutInHalf() {
        #expect(truncate("会議室予約", toWidth: 4) == "会…")
        #expect(truncate("会議室予約", toWidth: 5) == "会議…")
        #expect(displayWidth(truncate("👍👍👍", toWidth: 4)) <= 4)
        #expect(truncate("abc", toWidth: 0) == "")
        #expect(truncate("abc", toWidth: 1) == "…")
    }
}

@Suite struct InertTests {
    @Test func escapeSequencesBecomeVisibleText() {
        #expect(inert("\u{1B}[2J") == "␛[2J")
        #expect(inert("line one\nline two\r") == "line one␤line two␍")
        #expect(inert("tab\there") == "tab␉here")
        #expect(inert("\u{7F}\u{9B}31m") == "␡�31m")
    }

    @Test func bidiOverridesAreReplaced() {
        #expect(inert("abc\u{202E}fed") == "abc�fed")
        #expect(inert("\u{2066}x\u{2069}") == "�x�")
    }

    @Test func ordinaryTextIsKept() {
        #expect(inert("Hindu Kush Himalaya — 会議 👍🏽 e\u{301}") == "Hindu Kush Himalaya — 会議 👍🏽 e\u{301}")
    }

    @Test func noCellEverHoldsAControlCharacter() {
        let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{1B}[H\r\n\u{0}\u{8}\u{9B}6n\u{7F}\u{202E}evil\u{2067}\u{2028}"
        var buffer = CellBuffer(width: 80, height: 3)
        buffer.put(hostile, x: 0, y: 0)
        buffer.putTruncated(hostile, x: 0, y: 1, width: 10)
        buffer.put("\u{1B}" + hostile, x: 70, y: 2)   // the ASCII fast path must not skip it
        let forbidden: (Unicode.Scalar) -> Bool = {
            $0.value < 0x20 || (0x7F..<0xA0).contains($0.value)
                || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value)
        }
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                #expect(!buffer[x, y].text.unicodeScalars.contains(where: forbidden), "cell (\(x), \(y))")
            }
        }
        #expect(buffer.lines()[0].hasPrefix("␛]0;pwned␇␛[2J␛[H␍␤␀␈�6n␡�evil�␤"))
    }
}

@Suite struct DiffTests {
    @Test func firstFrameIsTheWholeScreen() {
        var buffer = CellBuffer(width: 80, height: 24)
        buffer.put("Quipu", x: 0, y: 0, style: .plain.bold())
        let runs = buffer.diff(from: nil)
        #expect(runs.count == 25)   // row 0 has two styles
        #expect(runs[0] == CellRun(x: 0, y: 0, text: "Quipu", style: .plain.bold()))
        #expect(runs[1] == CellRun(x: 5, y: 0, text: String(repeating: " ", count: 75), style: .plain))
        #expect(runs.reduce(0) { $0 + displayWidth($1.text) } == 80 * 24)
    }

    @Test func anotherSizeIsTreatedAsNoPreviousFrame() {
        let small = CellBuffer(width: 10, height: 2)
        let large = CellBuffer(width: 12, height: 2)
        #expect(large.diff(from: small) == large.diff(from: nil))
    }

    @Test func identicalFramesProduceNothing() {
        var buffer = CellBuffer(width: 80, height: 24)
        buffer.put("Phase 2 of 5 · 12:34 left", x: 3, y: 2)
        #expect(buffer.diff(from: buffer).isEmpty)
    }

    @Test func oneChangedCharacterIsOneRunOfOneCell() {
        var before = CellBuffer(width: 80, height: 24)
        before.put("12:34", x: 70, y: 0)
        var after = before
        after.put("3", x: 74, y: 0)
        #expect(after.diff(from: before) == [CellRun(x: 74, y: 0, text: "3", style: .plain)])
    }

    @Test func runsSplitOnStyleAndUnchangedCells() {
        let before = CellBuffer(width: 20, height: 1)
        var after = before
        after.put("ab", x: 0, y: 0)
        after.put("cd", x: 2, y: 0, style: .plain.fg(.red))
        after.put("ef", x: 10, y: 0)
        #expect(after.diff(from: before) == [
            CellRun(x: 0, y: 0, text: "ab", style: .plain),
            CellRun(x: 2, y: 0, text: "cd", style: .plain.fg(.red)),
            CellRun(x: 10, y: 0, text: "ef", style: .plain),
        ])
    }

    @Test func aWideCharacterIsSentWholeWhenEitherHalfChanged() {
        var before = CellBuffer(width: 10, height: 1)
        before.put("ab", x: 2, y: 0)
        var after = before
        after.put("会", x: 1, y: 0)   // covers column 2 ("a"), leaves "b" at 3
        #expect(after.diff(from: before) == [CellRun(x: 1, y: 0, text: "会", style: .plain)])

        var narrower = after
        narrower.put("x", x: 1, y: 0)   // the right half becomes a space
        #expect(narrower.diff(from: after) == [CellRun(x: 1, y: 0, text: "x ", style: .plain)])
    }

    @Test func runsNeverFuseCellsIntoOneGrapheme() {
        var buffer = CellBuffer(width: 10, height: 1)
        buffer.put("\u{1F1F5}", x: 0, y: 0)   // two lone regional indicators in adjacent cells
        buffer.put("\u{1F1EA}", x: 2, y: 0)
        let runs = buffer.diff(from: CellBuffer(width: 10, height: 1))
        #expect(runs.count == 2)
        var replayed = CellBuffer(width: 10, height: 1)
        for run in runs { replayed.put(run.text, x: run.x, y: run.y, style: run.style) }
        #expect(replayed == buffer)
    }

    @Test func applyingTheDiffReproducesTheFrame() {
        var before = CellBuffer(width: 30, height: 3)
        before.put("Ideas 会議 👍🏽", x: 0, y: 0)
        before.put("e\u{301}tude", x: 5, y: 1, style: .plain.underline())
        var after = before
        after.put("Vote 投票", x: 1, y: 0, style: .plain.reverse())
        after.fill(x: 0, y: 2, width: 30, height: 1, style: .plain.bg(.blue))

        let terminal = TestTerminal(width: 30, height: 3)
        terminal.draw(before.diff(from: nil), cursor: nil)
        terminal.resetCounters()
        terminal.draw(after.diff(from: before), cursor: (x: 3, y: 1))
        #expect(terminal.screen == after)
        #expect(terminal.cellsDrawn < 30 * 3)
        #expect(terminal.cursor?.x == 3)
    }
}

@Suite struct TestTerminalTests {
    @Test func scriptedKeysComeOutInOrderThenNothing() {
        let terminal = TestTerminal()
        terminal.type("a ")
        terminal.press(.enter, .ctrl("c"))
        #expect(terminal.readKey(timeoutMilliseconds: 0) == .char("a"))
        #expect(terminal.readKey(timeoutMilliseconds: 0) == .char(" "))
        #expect(terminal.readKey(timeoutMilliseconds: 0) == .enter)
        #expect(terminal.readKey(timeoutMilliseconds: 0) == .ctrl("c"))
        #expect(terminal.readKey(timeoutMilliseconds: 0) == nil)
    }

    @Test func resizeChangesSizeAndQueuesAResizeKey() {
        let terminal = TestTerminal(width: 80, height: 24)
        terminal.resize(width: 100, height: 30)
        #expect(terminal.size == (100, 30))
        #expect(terminal.screen.width == 100)
        #expect(terminal.readKey(timeoutMilliseconds: 0) == .resize)
    }

    @Test func keysDescribeThemselvesForHelp() {
        #expect(Key.char(" ").description == "Space")
        #expect(Key.ctrl("c").description == "Ctrl-C")
        #expect(Key.backTab.description == "Shift-Tab")
        #expect(Key.function(1).description == "F1")
        #expect(Key.char("\u{1B}").description == "␛")
    }
}
