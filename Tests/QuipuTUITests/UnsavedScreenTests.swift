import Testing
@testable import QuipuCore
import QuipuText
@testable import QuipuTUI

@Suite struct UnsavedScreenTests {
    static let diskFull = "cannot write x.txt: No space left on device"

    func queued(_ number: Int, _ summary: String = "add area \"Agua\"") -> UnsavedChange {
        UnsavedChange(number: number, session: "2026-11-29-watershed", summary: summary, reason: UnsavedScreenTests.diskFull)
    }

    @Test func changesTheDiskRefusedAreAnnouncedInWordsInTheHeader() {
        var model = sessionModel(keys: [.char("2")])
        #expect(!model.lines()[0].contains("UNSAVED"))
        model.unsaved = [queued(1), queued(2)]
        model.report(unsaved: UnsavedScreenTests.diskFull)
        let frame = model.render(width: 80, height: 24, now: sampleNow)
        let lines = frame.buffer.lines()
        #expect(lines[0] == " Watershed management                              UNSAVED (2) ! list · RUNNING")
        #expect((lines[21] + lines[22]).contains("NOT SAVED: cannot write x.txt"))
        // The word is drawn in the error style, reversed, not only coloured.
        let x = lines[0].count - "UNSAVED (2) ! list · RUNNING".count
        #expect(frame.buffer[x, 0].style.reverse)
        model.unsaved = []
        #expect(!model.lines()[0].contains("UNSAVED"))
    }

    @Test func aQueuedIdeaClosesItsFormSoASecondEnterCannotQueueItTwice() {
        var model = sessionModel(keys: [.char("2")])
        _ = model.press([.char("a")])
        var effects = model.type("Full disk idea number 22")
        effects += model.press([.enter])
        #expect(effects == [.perform(.addIdea(text: "Full disk idea number 22", kind: .area, by: nil, area: nil))])
        // The run loop queued it: the disk refused the write.
        model.unsaved = [queued(1)]
        model.report(unsaved: UnsavedScreenTests.diskFull)
        #expect(model.form == nil)
        // The next idea is typed into a new, empty form, and only it is submitted.
        _ = model.press([.char("a")])
        #expect(model.form?.fields[0].input.text == "")
        _ = model.type("Full disk idea number 23")
        #expect(model.press([.enter]) == [.perform(.addIdea(text: "Full disk idea number 23", kind: .area, by: nil, area: nil))])
    }

    @Test func aRefusedFormStaysOpenWithItsText() {
        var model = sessionModel(keys: [.char("2"), .char("a")])
        _ = model.type("Kept as typed")
        _ = model.press([.enter])
        model.report(error: "the session is closed")
        #expect(model.form?.fields[0].input.text == "Kept as typed")
    }

    @Test func theUnsavedListShowsEachChangeAndCancelsOneAfterAsking() {
        var model = sessionModel(keys: [.char("2")])
        model.unsaved = [queued(1, "add area \"Agua para todos\""), queued(2, "add area \"Glaciares\"")]
        _ = model.press([.char("!")])
        var lines = model.lines()
        #expect(lines[0].hasPrefix(" Not saved yet · 2 changes, retried in this order"))
        #expect(lines[5] == " 1. 2026-11-29-watershed · add area \"Agua para todos\"")
        #expect(lines[6].hasPrefix("    cannot write x.txt: No space left on device"))
        #expect(lines[7].hasPrefix(" 2. 2026-11-29-watershed · add area \"Glaciares\""))
        #expect(lines[23].hasPrefix(" ↑↓ choose · d cancel this change · Esc close"))
        #expect(model.press([.down, .char("d")]).isEmpty)
        lines = model.lines()
        #expect(lines[22].hasPrefix(" Cancel add area \"Glaciares\"? It will never be saved.  y/n"))
        #expect(model.press([.char("y")]) == [.cancelUnsaved(2)])
        // A key that means nothing here says so, and runs nothing.
        #expect(model.press([.char(" ")]).isEmpty)
        #expect(model.lines()[22].contains("in the unsaved list"))
        _ = model.press([.escape])
        #expect(model.lines()[1].hasPrefix(" Phase"))
    }

    @Test func withNothingUnsavedTheKeySaysSo() {
        var model = sessionModel(keys: [.char("!")])
        #expect(model.lines()[22].hasPrefix(" every change is saved"))
    }

    @Test func quittingWithUnsavedChangesAsksFirst() {
        var model = AppModel()
        model.showHome([])
        model.unsaved = [queued(1)]
        #expect(model.press([.char("q")]).isEmpty)
        #expect(model.lines()[22].hasPrefix(" 1 change not saved yet: quit and keep it in a recovery file?  y/n"))
        #expect(model.press([.char("n")]).isEmpty)
        #expect(model.press([.char("q")]).isEmpty)
        #expect(model.press([.char("y")]) == [.quit])
        // Ctrl-C asks too, and a second Ctrl-C is the yes.
        #expect(model.press([.ctrl("c")]).isEmpty)
        #expect(model.press([.ctrl("c")]) == [.quit])
    }

    @Test func ctrlCWithAHalfTypedFormAsksAndKeepsTheText() {
        var model = sessionModel(keys: [.char("2"), .char("a")])
        _ = model.type("Half typed")
        #expect(model.press([.ctrl("c")]).isEmpty)
        #expect(model.lines()[22].hasPrefix(" The form is not submitted: quit and keep its text in a recovery file?  y/n"))
        #expect(model.draft == "Add idea: Idea=Half typed")
        #expect(model.press([.ctrl("c")]) == [.quit])
        // Nothing waiting, nothing typed: Ctrl-C quits at once.
        var idle = sessionModel()
        #expect(idle.press([.ctrl("c")]) == [.quit])
    }

    @Test func aRecoveryFileFromAnEarlierRunIsOfferedOnOpening() {
        var model = sessionModel()
        #expect(model.offerRecovery("/s/2026-11-29-watershed.txt.unsaved-1", changes: 2).isEmpty)
        #expect(model.lines()[22].hasPrefix(" 2 changes from an earlier run were never saved: apply now?  y/n"))
        #expect(model.press([.char("y")]) == [.applyRecovery("/s/2026-11-29-watershed.txt.unsaved-1")])
        // Only a form's unsubmitted text: nothing to ask ("0 changes… apply now?"); it is set aside.
        var typedOnly = sessionModel()
        #expect(typedOnly.offerRecovery("/s/x.txt.unsaved-2", changes: 0) == [.applyRecovery("/s/x.txt.unsaved-2")])
        #expect(!typedOnly.lines().contains { $0.contains("y/n") })
    }

    @Test func aCommandIsSummarisedInWordsNeverAsASwiftValue() {
        #expect(describe( .addIdea(text: "Agua\npara todos", kind: .area, by: nil, area: nil)) == "add area \"Agua para todos\"")
        #expect(describe( .toggleTimer) == "toggle timer")
        #expect(describe( .goToPhase(2)) == "go to phase")
        #expect(!describe( .setParticipant(who: "P1", present: true, observer: nil)).contains("QuipuCore"))
    }
}

