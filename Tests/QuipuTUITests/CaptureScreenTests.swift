import QuipuCore
import Testing
@testable import QuipuTUI

@Suite struct CaptureScreenTests {
    /// The performed commands among `effects`.
    func commands(_ effects: [Effect]) -> [Command] {
        performedCommands(effects)
    }

    @Test func theTextFieldPutsTheCursorOnTheRightColumnAfterWideCharactersAndCombiningMarks() {
        var model = sessionModel(keys: [.char("2"), .char("a")])
        // "e" then a combining acute: one character, one column. 会議: two columns each.
        _ = model.press([.char("会"), .char("議"), .char(" "), .char("e"), .char("\u{301}"), .char("!")])
        var frame = model.render(width: 80, height: 24, now: sampleNow)
        #expect(frame.buffer.lines()[18] == "  Idea: 会議 é!")
        // "  Idea: " is 8 columns; 会議 4, space 1, é 1, ! 1.
        #expect(frame.cursor?.x == 15 && frame.cursor?.y == 18)
        #expect(frame.buffer[8, 18].text == "会" && frame.buffer[9, 18].text == "" && frame.buffer[10, 18].text == "議")
        #expect(frame.buffer[13, 18].text == "e\u{301}")
        _ = model.press([.home, .right])
        frame = model.render(width: 80, height: 24, now: sampleNow)
        #expect(frame.cursor?.x == 10, "one character right of Home is two columns in")
        _ = model.press([.delete])
        #expect(model.render(width: 80, height: 24, now: sampleNow).buffer.lines()[18] == "  Idea: 会 é!")
        _ = model.press([.end, .left, .backspace])
        frame = model.render(width: 80, height: 24, now: sampleNow)
        #expect(frame.buffer.lines()[18] == "  Idea: 会 !", "Backspace removes é with its mark")
        #expect(frame.cursor?.x == 11)
        _ = model.press([.ctrl("w")])
        #expect(model.render(width: 80, height: 24, now: sampleNow).buffer.lines()[18] == "  Idea: !")
        _ = model.press([.end, .ctrl("u")])
        #expect(model.render(width: 80, height: 24, now: sampleNow).cursor?.x == 8)
        _ = model.type("never mind")
        #expect(model.press([.escape]).isEmpty, "Esc cancels without writing")
        #expect(model.lines()[23].hasPrefix(" a add"))
    }

    @Test func pastingFiveLinesIntoTheIdeaFieldAddsFiveIdeasAndNoKeys() {
        var model = sessionModel(keys: [.char("2"), .char("a"), .tab, .tab])   // kind: project
        let effects = model.press([.paste("Map springs\r\nq\n\n  u  \n\u{1B}[Aescape? no\nC close\n")])
        #expect(commands(effects) == ["Map springs", "q", "u", "escape? no", "C close"].map {
            .addIdea(text: $0, kind: .project, by: nil, area: nil)
        })
        #expect(effects.count == 1, "nothing but the ideas, in one step: no quit, undo or close")
        model.report(saved: "saved I5")
        #expect(model.lines()[23].hasPrefix(" a add"), "the form closes once saved")
    }

    @Test func aPasteWithoutAFormAddsIdeasOnlyOnTheIdeasTab() {
        var ideas = sessionModel(keys: [.char("2")])
        #expect(commands(ideas.press([.paste("One\nTwo")])) == [.addIdea(text: "One", kind: .area, by: nil, area: nil),
                                                                 .addIdea(text: "Two", kind: .area, by: nil, area: nil)])
        var single = sessionModel(keys: [.char("2")])
        #expect(single.press([.paste("Just one q")]).isEmpty)
        #expect(single.lines()[18] == "  Idea: Just one q", "one line opens the form with it, to check and save")
        var agenda = sessionModel()
        #expect(agenda.press([.paste("q\nu\n ")]).isEmpty)
        #expect(agenda.lines()[22].hasPrefix(" a paste goes into a text field"))
        #expect(agenda.lines()[3].hasPrefix("  1 Agenda"), "still on the session: q in a paste did not leave")
    }

    @Test func aPasteIntoOneLineFieldJoinsLines() {
        var f = TextField("a")
        _ = f.handle(.paste("b\nc\td"))
        #expect(f.text == "ab c d")
        #expect(f.handle(.paste("x")) == .editing)
    }

    @Test func ideasFilterByKindWrapAndMerge() {
        var log = sampleLog()
        let changes = try! log.decide(.addIdea(text: String(repeating: "community water committees ", count: 5), kind: .note,
                                               by: nil, area: nil))
        log.append(changes.map { Event(id: EventID(seq: log.nextSeq, writer: "t"), at: sampleNow, change: $0) })
        var model = sessionModel(log, keys: [.char("2")])
        let lines = model.lines()
        #expect(lines[9] == " I5   note      community water committees community water")
        #expect(lines[10] == "                committees community water committees community")
        _ = model.press([.char("f")])
        #expect(model.lines()[5].hasPrefix(" I1   area"))
        #expect(model.lines()[4].contains("area only · f"))
        #expect(!model.lines().joined().contains("I3"), "the project is filtered out")
        _ = model.press([.char("f"), .char("f")])
        #expect(model.lines()[5].hasPrefix(" I3   project"))
        _ = model.press([.char("f"), .char("f")])
        #expect(model.lines()[8].hasPrefix(" I4"), "every kind again")
        _ = model.press([.down, .char("m")])
        _ = model.type("i1")
        #expect(commands(model.press([.enter])) == [.mergeIdea(id: "I2", into: "i1")])
    }

    @Test func linkingAndEditingParticipantsAndActionsUseForms() {
        var add = sessionModel(keys: [.char("2"), .char("a")])
        _ = add.type("Basin pilot")
        _ = add.press([.tab, .tab, .down, .down])
        _ = add.type("I1")
        #expect(commands(add.press([.enter])) == [.addIdea(text: "Basin pilot", kind: .project, by: nil, area: "I1")],
                "the add form links a project to an area")

        var model = sessionModel(keys: [.char("2"), .down, .down, .char("l")])
        _ = model.press([.ctrl("u")])
        #expect(commands(model.press([.enter])) == [.linkIdea(id: "I3", area: nil)])

        var people = sessionModel(keys: [.char("3"), .down, .char("e")])
        #expect(people.lines().contains("  Name:         Kenji Sato"))
        _ = people.press([.down, .down, .ctrl("u")])
        _ = people.type("research")
        #expect(commands(people.press([.enter])) == [.editParticipant(who: "P2", name: "Kenji Sato",
                                                                     organisation: "Ministry of Environment",
                                                                     group: .research, country: "JP")])
        var remove = sessionModel(keys: [.char("3"), .char("d")])
        #expect(commands(remove.press([.char("y")])) == [.removeParticipant(who: "P1")])
    }

    @Test func theWorkplanIsInDueOrderWithOverdueMarked() {
        var log = sampleLog()
        for command: Command in [
            .addAction(text: "Later", owner: "P1", due: "2027-06", idea: nil),
            .addAction(text: "Late", owner: "org:CARE", due: "2026-10-15", idea: nil, supporters: ["P2"]),
            .addAction(text: "Whenever", owner: "P2", due: nil, idea: nil),
        ] {
            let changes = try! log.decide(command)
            log.append(changes.map { Event(id: EventID(seq: log.nextSeq, writer: "t"), at: sampleNow, change: $0) })
        }
        var model = sessionModel(log, keys: [.char("5")])
        let rows = model.lines().filter { $0.hasPrefix(" A") }
        #expect(rows.map { String($0.prefix(4)) } == [" A2 ", " A1 ", " A3 "])
        #expect(rows[0].contains("CARE +1") && rows[0].contains("2026-10-15 !"))
        #expect(!rows[1].contains("!"))
        _ = model.press([.char("e")])
        #expect(model.lines().contains("  Supporters: P2"))
        _ = model.press([.escape, .char("d")])
        #expect(commands(model.press([])) == [])
        var drop = sessionModel(log, keys: [.char("5")])
        #expect(commands(drop.press([.char("d"), .char("y")])) == [.setActionStatus(id: "A2", status: .dropped)])
        var carry = sessionModel(log, keys: [.char("5"), .char("c")])
        #expect(carry.press([.char("y")]) == [.carryOver])
    }
}

@Suite struct EditedMeanwhileTests {
    @Test func aSaveOverAnotherTerminalsChangeSaysSoAndShowsBoth() {
        var model = sessionModel(keys: [.char("2"), .char("e")])
        _ = model.press([.end])
        _ = model.type(" (Andes)")
        // Meanwhile another terminal rewords the same idea.
        var log = sampleLog()
        let changes = try! log.decide(.editIdea(id: "I1", text: "Glacier retreat early warning"))
        log.append(changes.map { Event(id: EventID(seq: log.nextSeq, writer: "other"), at: sampleNow, change: $0) })
        _ = model.update(.changed(log), now: sampleNow)
        #expect(model.press([.enter]).isEmpty, "nothing is written over it unasked")
        let screen = model.lines().joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(screen.contains("changed in another terminal meanwhile, now I1 \"Glacier retreat early warning\" (area); "
            + "Enter again saves yours over it, Esc keeps theirs"), "\(screen)")
        #expect(screen.contains("Glacier retreat monitoring (Andes)"), "the form keeps what was typed here")
        #expect(performedCommands(model.press([.enter])).first
            == .reviseIdea(id: "I1", text: "Glacier retreat monitoring (Andes)", kind: .area, by: "P1", area: ""))
    }
}

@Suite struct OtherTerminalTests {
    @Test func anotherTerminalsUndoIsToldWithWhoseItWas() {
        var model = sessionModel(keys: [.char("2")])
        _ = model.update(.writer(id: "mine", name: "Ana Quispe"), now: sampleNow)
        var log = sampleLog()
        func append(_ writer: String, _ changes: [Change]) {
            let first = log.nextSeq
            log.append(changes.enumerated().map { Event(id: EventID(seq: first + $0.offset, writer: writer), at: sampleNow, change: $0.element) })
        }
        append("other", [.writerJoined(name: "Kenji Sato")] + (try! log.decide(.addIdea(text: "Springs", kind: .area, by: nil, area: nil))))
        _ = model.update(.changed(log), now: sampleNow)
        #expect(!model.lines().contains { $0.contains("terminal undid") }, "an addition is no news")
        append("other", try! log.decide(.undo, by: "other"))
        _ = model.update(.changed(log), now: sampleNow)
        #expect(model.lines().contains { $0.contains("Kenji Sato's terminal undid:") && $0.contains("I5") },
                "\(model.lines().joined(separator: "\n"))")
        // This terminal's own undo is said by its own save, not as another's.
        append("mine", try! log.decide(.addIdea(text: "Wells", kind: .area, by: nil, area: nil)))
        _ = model.update(.changed(log), now: sampleNow)
        model.report(saved: "")
        append("mine", try! log.decide(.undo, by: "mine"))
        var fresh = model
        fresh.report(saved: "ok")
        _ = fresh.update(.changed(log), now: sampleNow)
        #expect(!fresh.lines().contains { $0.contains("terminal undid") })
    }
}
