import Testing
@testable import QuipuText
@testable import QuipuTUI

@Suite struct TextFieldTests {
    func field(_ keys: [Key], from text: String = "") -> TextField {
        var f = TextField(text)
        for key in keys { _ = f.handle(key) }
        return f
    }

    func typed(_ text: String) -> [Key] { text.map(Key.char) }

    @Test func insertsAtTheCursor() {
        let f = field(typed("Agua") + [.home] + typed("¡") + [.end] + typed("!") + [.left, .left] + typed("_"))
        #expect(f.text == "¡Agu_a!")
        #expect(f.cursor == 5)
    }

    @Test func deletesBackwardForwardAndKills() {
        #expect(field([.backspace], from: "abc").text == "ab")
        #expect(field([.home, .delete], from: "abc").text == "bc")
        #expect(field([.home, .backspace], from: "abc").text == "abc")
        #expect(field([.end, .delete], from: "abc").text == "abc")
        #expect(field([.left, .left, .ctrl("u")], from: "abcd").text == "cd")
        #expect(field([.left, .ctrl("k")], from: "abcd").text == "abc")
        #expect(field([.ctrl("w")], from: "Water for  all  ").text == "Water for  ")
        #expect(field([.ctrl("w"), .ctrl("w")], from: "Water for all").text == "Water ")
    }

    @Test func wideCharactersMoveTheCursorTwoColumns() {
        var f = field(typed("会議 ok"))
        #expect(f.cursorColumn == 7)
        _ = f.handle(.home)
        _ = f.handle(.right)
        #expect(f.cursorColumn == 2)
        _ = f.handle(.right)
        #expect(f.cursorColumn == 4)
        _ = f.handle(.backspace)
        #expect(f.text == "会 ok")
        #expect(f.cursorColumn == 2)
    }

    @Test func combiningMarksJoinTheCharacterBefore() {
        let f = field([.char("n"), .char("\u{303}"), .char("a")])
        #expect(f.characters.count == 2)
        #expect(f.text == "n\u{303}a")
        #expect(f.cursorColumn == 2)
        #expect(field([.backspace], from: f.text).text == "n\u{303}")
    }

    @Test func enterConfirmsEscCancelsOtherKeysAreIgnored() {
        var f = TextField("x")
        #expect(f.handle(.enter) == .confirmed)
        #expect(f.handle(.escape) == .cancelled)
        #expect(f.handle(.up) == .ignored)
        #expect(f.handle(.char("y")) == .editing)
    }

    @Test func scrollsHorizontallyKeepingTheCursorVisible() {
        var f = TextField(String(repeating: "a", count: 30) + "END")
        var view = f.visible(width: 10)
        #expect(view.text.hasSuffix("END"))
        #expect(view.cursorColumn < 10)
        _ = f.handle(.home)
        view = f.visible(width: 10)
        #expect(view.text == String(repeating: "a", count: 10))
        #expect(view.cursorColumn == 0)
        #expect(TextField("short").visible(width: 10) == ("short", 5))
        // A wide character is never cut in half at the window's edges.
        let wide = TextField(String(repeating: "会", count: 12)).visible(width: 9)
        #expect(displayWidth(wide.text) <= 9)
        #expect(wide.cursorColumn < 9)
    }

    @Test func aLongPasteStaysFast() {
        var f = TextField()
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for c in String(repeating: "Agua potable ñ 会議 ", count: 560).prefix(10_000) { _ = f.handle(.char(c)) }
            _ = f.visible(width: 70)
        }
        #expect(f.characters.count == 10_000)
        #expect(elapsed < .milliseconds(500))
    }
}
