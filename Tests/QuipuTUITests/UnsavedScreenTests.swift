import Testing
@testable import QuipuCore
@testable import QuipuTUI

@Suite struct UnsavedScreenTests {
    @Test func changesTheDiskRefusedAreAnnouncedInWordsInTheHeader() {
        var model = sessionModel(keys: [.char("2")])
        #expect(!model.lines()[0].contains("UNSAVED"))
        model.unsavedChanges = 2
        model.report(error: "NOT SAVED: cannot write x.txt: No space left on device — kept, retrying")
        let frame = model.render(width: 80, height: 24, now: sampleNow)
        let lines = frame.buffer.lines()
        #expect(lines[0] == " Watershed management                                     UNSAVED (2) · RUNNING")
        #expect(lines[22].contains("NOT SAVED: cannot write x.txt"))
        // The word is drawn in the error style, reversed, not only coloured.
        let x = lines[0].count - "UNSAVED (2) · RUNNING".count
        #expect(frame.buffer[x, 0].style.reverse)
        model.unsavedChanges = 0
        #expect(!model.lines()[0].contains("UNSAVED"))
    }
}
