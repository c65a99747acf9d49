import QuipuCore
import QuipuText
import Testing
@testable import QuipuTUI

/// Keys never fall through into commands: what the facilitator types after a refused form, a
/// `/`, an Alt chord or on a screen too small to see goes nowhere it was not meant to.
@Suite struct KeysTests {
    func commands(_ effects: [Effect]) -> [Command] {
        performedCommands(effects)
    }

    func log(_ commands: [Command]) -> SessionLog {
        var log = sampleLog()
        for command in commands {
            let changes = try! log.decide(command)
            let first = log.nextSeq
            log.append(changes.enumerated().map { Event(id: EventID(seq: first + $0.offset, writer: "t"), at: sampleNow,
                                                         change: $0.element) })
        }
        return log
    }

    @Test func openingAVoteWhileOneIsOpenKeepsTheFormAndWhatIsTyped() {
        var model = sessionModel(log([.startVote(VoteSetup(method: .dot))]), keys: [.char("4")])
        #expect(model.press([.char("o")]).isEmpty)
        #expect(model.lines()[22].contains("vote V1 is still open"))
        // What used to run as keys: Space paused the clock, 3 switched tab, a opened a form.
        #expect(model.type("p=2 3a").isEmpty)
        #expect(model.tab == .vote)
        #expect(model.lines().contains { $0.hasPrefix("  Candidates: p=2 3a") })
        #expect(model.press([.enter]).isEmpty, "Enter refuses again, and saves nothing")
        #expect(model.lines()[22].contains("vote V1 is still open"))
        #expect(model.lines().contains { $0.hasPrefix("  Candidates: p=2 3a") }, "the text stays")
        #expect(model.press([.escape]).isEmpty)
        #expect(!model.lines().contains { $0.contains("Candidates:") }, "Esc closes it")
    }

    @Test func aBallotWithNoVoteOpenIsAFormThatSaysWhy() {
        var model = sessionModel(keys: [.char("4")])
        #expect(model.press([.char("a")]).isEmpty)
        #expect(model.type("2 I1 ").isEmpty)
        #expect(model.press([.enter, .enter]).isEmpty)
        #expect(model.lines()[22].contains("no vote is open"))
        #expect(model.tab == .vote, "2 did not switch tab")
    }

    @Test func slashOnATabWithoutAListTakesTheTextAsText() {
        var model = sessionModel(log([.startVote(VoteSetup(method: .dot))]), keys: [.char("4")])
        #expect(model.press([.char("/")]).isEmpty)
        #expect(model.type("a P1 I1").isEmpty, "a used to open the ballot form")
        #expect(model.lines()[22].hasPrefix(" / a P1 I1"))
        #expect(model.press([.escape]).isEmpty)
        #expect(!model.lines()[3].contains("filter:"), "nothing was filtered on the Vote tab")
        #expect(model.form == nil)
    }

    @Test func altChordsWhileTypingAnIdeaStayInTheField() {
        var model = sessionModel(keys: [.char("2"), .char("a")])
        _ = model.type("water for all")
        // Alt-n used to cancel the form (Esc) and move the phase (n); Alt-d to ask to withdraw.
        #expect(model.press([.alt("n"), .alt("d")]).isEmpty)
        #expect(model.lines()[18] == "  Idea: water for all")
        _ = model.press([.alt("b"), .alt("b")])
        _ = model.type("clean ")
        #expect(model.lines()[18] == "  Idea: water clean for all")
        _ = model.press([.home, .alt("d")])
        #expect(model.lines()[18] == "  Idea:  clean for all")
        _ = model.press([.alt("f"), .alt("f")])
        _ = model.type("!")
        #expect(model.lines()[18] == "  Idea:  clean for! all")
    }

    @Test func anAltChordWithNoFieldIsSaidAndDoesNothing() {
        var model = sessionModel(keys: [.char("2")])
        #expect(model.press([.alt("n"), .alt("d")]).isEmpty)
        #expect(model.form == nil && model.confirmation == nil)
        #expect(model.lines()[22].hasPrefix(" Alt-d is not a Quipu key"))
    }

    @Test func aScreenTooSmallToSeeTakesNoKeys() {
        var model = sessionModel(keys: [.char("2")])
        _ = model.update(.resized(width: 20, height: 5), now: sampleNow)
        // d then y used to withdraw I1 unseen.
        #expect(model.press([.char("d"), .char("y"), .char(" "), .char("n"), .char("a")]).isEmpty)
        #expect(model.confirmation == nil && model.form == nil)
        _ = model.update(.resized(width: 80, height: 24), now: sampleNow)
        #expect(commands(model.press([.char("d"), .char("y")])) == [.withdrawIdea(id: "I1")])
    }

    @Test func editingWithNothingSelectedHoldsTheTyping() {
        var model = sessionModel(keys: [.char("5")])
        #expect(model.press([.char("e")]).isEmpty)
        #expect(model.lines()[22].contains("no action to edit"))
        #expect(model.type("Survey springs u").isEmpty, "u used to undo")
        #expect(model.press([.enter]).isEmpty)
        #expect(model.press([.escape]).isEmpty)
        #expect(model.form == nil)
    }

    @Test func aReadOnlySessionOpensTheFormButSavesNothing() {
        var model = AppModel()
        model.showSession(sampleLog(), readOnly: true)
        _ = model.press([.char("2"), .char("a")])
        #expect(model.type("New idea").isEmpty)
        #expect(model.press([.enter]).isEmpty)
        #expect(model.lines()[22].contains("read-only"))
        #expect(model.lines()[18] == "  Idea: New idea")
    }

    @Test func droppingAnActionAsksFirst() {
        var model = sessionModel(log([.addAction(text: "Map the springs", owner: "P1", due: nil, idea: nil)]), keys: [.char("5")])
        #expect(model.press([.char("d")]).isEmpty)
        #expect(model.lines()[22].contains("Drop A1 \"Map the springs\"?"))
        #expect(commands(model.press([.char("y")])) == [.setActionStatus(id: "A1", status: .dropped)])
    }

    @Test func nOnTheLastPhaseAsksBeforeFinishingTheClock() {
        var model = sessionModel(log([.goToPhase(4)]))
        #expect(model.press([.char("n")]).isEmpty)
        #expect(model.lines()[22].contains("Wrap-up & conclusions for plenary is the last phase: finish the clock?"))
        #expect(commands(model.press([.char("y")])) == [.nextPhase])
        var earlier = sessionModel()
        #expect(commands(earlier.press([.char("n")])) == [.nextPhase], "earlier phases move at once")
    }

    @Test func closingWithAnOpenVoteSaysSo() {
        var model = sessionModel(log([.startVote(VoteSetup(method: .dot))]))
        #expect(model.press([.char("C")]).isEmpty)
        #expect(model.lines()[22].contains("V1 is open with 0 ballots: close it too, and the session?"))
        #expect(commands(model.press([.char("y")])) == [.close])
    }
}

/// Add forms have the fields their edit forms have.
@Suite struct FormFieldsTests {
    func commands(_ effects: [Effect]) -> [Command] {
        performedCommands(effects)
    }

    @Test func addingAParticipantTakesTheCountry() {
        var model = sessionModel(keys: [.char("3"), .char("a")])
        _ = model.type("Bina Gurung")
        _ = model.press([.down, .down, .down])
        _ = model.type("NP")
        #expect(commands(model.press([.enter])) == [.addParticipant(name: "Bina Gurung", organisation: "", group: .other,
                                                                    country: "NP", observer: false)])
    }

    @Test func addingAnActionTakesItsIdeaAndSupporters() {
        var model = sessionModel(keys: [.char("5"), .char("a")])
        _ = model.type("Map the springs")
        _ = model.press([.down])
        _ = model.type("P1")
        _ = model.press([.down, .down])
        _ = model.type("I1")
        _ = model.press([.down])
        _ = model.type("Kenji Sato, org:UNEP")
        #expect(commands(model.press([.enter])) == [.addAction(text: "Map the springs", owner: "P1", due: nil, idea: "I1",
                                                               supporters: ["Kenji Sato", "org:UNEP"])])
    }

    @Test func editingAnIdeaShowsAndChangesItsKindProposerAndArea() {
        var model = sessionModel(keys: [.char("2"), .down, .down, .char("e")])   // I3, a project under I1
        let lines = model.lines()
        #expect(lines.contains("  Idea: 流域管理 pilot in two basins"))
        #expect(lines.contains("  Area: I1"))
        #expect(lines.contains { $0.hasPrefix("  Kind:") && $0.contains("[project]") })
        _ = model.press([.down])
        _ = model.type("Kenji")
        #expect(commands(model.press([.enter])) == [.reviseIdea(id: "I3", text: "流域管理 pilot in two basins", kind: .project,
                                                                by: "Kenji", area: "I1")])
    }

    @Test func aMultiLinePasteIntoAOneLineFieldSaysWhatItDid() {
        var model = sessionModel(keys: [.char("5"), .char("a")])
        _ = model.press([.paste("Map the\nsprings\n")])
        #expect(model.lines()[22] == " pasted 2 lines into Action, joined into one line with spaces")
        #expect(model.lines().contains { $0.hasPrefix("  Action:") && $0.contains("Map the springs") })
    }
}

/// The clock as the header and status line say it.
@Suite struct ClockWordsTests {
    func log(_ commands: [(Int64, Command)]) -> SessionLog {
        var log = sampleLog()
        for (seconds, command) in commands {
            let at = Timestamp(year: 2026, month: 11, day: 29, hour: 14).adding(seconds: seconds)
            let changes = try! log.decide(command)
            let first = log.nextSeq
            log.append(changes.enumerated().map { Event(id: EventID(seq: first + $0.offset, writer: "t"), at: at, change: $0.element) })
        }
        return log
    }

    @Test func extendingTheSessionSaysSessionAndWarningsOffShowInTheHeader() {
        var extended = log([(800, .extendSession(seconds: 60))])
        #expect(savedMessage(for: Array(extended.events.suffix(1)), in: extended) == "session extended by 1 min (its last phase)")
        extended = log([(800, .adjustPhase(seconds: -60))])
        #expect(savedMessage(for: Array(extended.events.suffix(1)), in: extended) == "phase shortened by 1 min")
        let off = sessionModel(log([(800, .switchWarning(nil, on: false))]))
        #expect(off.lines()[0].hasSuffix("RUNNING · warnings off"))
        let some = sessionModel(log([(800, .switchWarning(.phase5, on: false))]))
        #expect(some.lines()[0].hasSuffix("RUNNING · some warnings off"))
    }

    @Test func aFinishedClockSaysHowLongItRanNotTimeLeft() {
        let finished = sessionModel(log([(900, .goToPhase(4)), (1000, .nextPhase)]))
        let lines = finished.lines()
        #expect(lines[1].hasPrefix(" All 5 phases done") && lines[1].hasSuffix("time's up"))
        #expect(lines[2].hasSuffix("finished · ran 15:40 of 90:00"), "\(lines[2])")
        #expect(!lines[2].contains("left"))
    }
}

@Suite struct LargeTypeTests {
    @Test func accentsFoldToTheirLettersAndOtherScriptsStayPlain() {
        #expect(largeText("Priorización", width: 200, height: 5) == largeText("PRIORIZACION", width: 200, height: 5))
        #expect(largeText("Prioriza\u{301}", width: 200, height: 5) == largeText("PRIORIZA", width: 200, height: 5))
        #expect(largeText("流域管理", width: 200, height: 5) == nil, "no glyphs: the caller draws it plain")
        #expect(largeText("Too long for the screen at all", width: 40, height: 5) == nil)
        #expect(largeText("A", width: 40, height: 4) == nil, "five rows at least")
    }
}

@Suite struct BigPasteTests {
    func commands(_ effects: [Effect]) -> [Command] {
        performedCommands(effects)
    }

    @Test func aPasteOfMoreThanTwentyLinesSaysHowManyIdeasAndAsks() {
        var model = sessionModel(keys: [.char("2")])
        let text = (1...37).map { "Idea \($0)" }.joined(separator: "\n")
        #expect(model.press([.paste(text)]).isEmpty, "nothing is added before the answer")
        #expect(model.lines()[22].contains("The paste has 37 lines: add 37 area ideas, one per line?"))
        let yes = model.press([.char("y")])
        #expect(commands(yes).count == 37)
        // Saved: the last idea added is selected, so the list scrolls to it.
        var log = sampleLog()
        if case let .perform(batch) = yes.first, let changes = try? log.decide(batch) {
            let first = log.nextSeq
            log.append(changes.enumerated().map { Event(id: EventID(seq: first + $0.offset, writer: "t"), at: sampleNow, change: $0.element) })
        }
        _ = model.update(.changed(log), now: sampleNow)
        #expect(model.lines().contains { $0.contains("Idea 37") }, "\(model.lines().joined(separator: "\n"))")
        var declined = sessionModel(keys: [.char("2")])
        _ = declined.press([.paste(text)])
        #expect(declined.press([.char("n")]).isEmpty)
        var twenty = sessionModel(keys: [.char("2")])
        #expect(commands(twenty.press([.paste((1...20).map { "Idea \($0)" }.joined(separator: "\n"))])).count == 20,
                "twenty lines are added at once")
    }

    @Test func escapeSequencesInAPasteAreRemovedWhole() {
        #expect(removingEscapeSequences("\u{1B}[31mred\u{1B}[0m and \u{1B}]0;title\u{07}plain \u{1B}(Bx") == "red and plain x")
        var model = sessionModel(keys: [.char("2"), .char("a")])
        _ = model.press([.paste("\u{1B}[1;31mWater\u{1B}[0m for all")])
        #expect(model.lines()[18] == "  Idea: Water for all", "no [31m left behind")
    }
}

/// The layout at 80×24: footers that fit, rows that come into view, messages that go.
@Suite struct LayoutTests {
    @Test func everyFooterFitsAt80WithHelpAndTheWayOutWhole() {
        for tab in ["1", "2", "3", "4", "5", "6"] {
            let footer = sessionModel(keys: [.char(Character(tab))]).lines()[23]
            #expect(footer.hasSuffix("? help · q back"), "tab \(tab): \(footer)")
            #expect(!footer.contains("…"))
        }
        #expect(fitFooter("a add · b bee · c sea · Space timer · ? help · q back", width: 31) == "a add · b bee · ? help · q back")
    }

    @Test func aRowAddedHereIsSelectedSoItScrollsIntoView() {
        var log = sampleLog()
        for n in 1...30 {
            let changes = try! log.decide(.addIdea(text: "Idea \(n)", kind: .note, by: nil, area: nil))
            log.append(changes.map { Event(id: EventID(seq: log.nextSeq, writer: "t"), at: sampleNow, change: $0) })
        }
        var model = sessionModel(log, keys: [.char("2"), .char("a")])
        _ = model.type("The newest idea")
        _ = model.press([.enter])
        let changes = try! log.decide(.addIdea(text: "The newest idea", kind: .area, by: nil, area: nil))
        log.append(changes.map { Event(id: EventID(seq: log.nextSeq, writer: "t"), at: sampleNow, change: $0) })
        _ = model.update(.changed(log), now: sampleNow)
        _ = model.update(.saved("saved I35"), now: sampleNow)
        #expect(model.lines().contains { $0.contains("I35") && $0.contains("The newest idea") })
        // Added in another terminal: the selection stays.
        let other = try! log.decide(.addIdea(text: "From the rapporteur", kind: .area, by: nil, area: nil))
        log.append(other.map { Event(id: EventID(seq: log.nextSeq, writer: "r"), at: sampleNow, change: $0) })
        _ = model.update(.changed(log), now: sampleNow)
        #expect(model.selection[.ideas] == "I35")
    }

    @Test func aMessageClearsWhenTheTabChanges() {
        var model = sessionModel(keys: [.char("2")])
        _ = model.press([.alt("x")])
        #expect(model.lines()[22].contains("Alt-x"))
        _ = model.press([.char("3")])
        #expect(model.lines()[22].isEmpty)
    }

    @Test func emojiSequencesAreDrawnWhole() {
        var log = sampleLog()
        let changes = try! log.decide(.addParticipant(name: "Rosa 👩🏽‍🌾 Mamani", organisation: "", group: .other, country: "",
                                                      observer: false))
        log.append(changes.map { Event(id: EventID(seq: log.nextSeq, writer: "t"), at: sampleNow, change: $0) })
        let model = sessionModel(log, keys: [.char("3")])
        let row = model.lines().first { $0.contains("Rosa") }
        #expect(row?.contains("Rosa 👩🏽‍🌾 Mamani") == true, "\(String(describing: row))")
    }
}

@Suite struct ScrollBadgeTests {
    @Test func theCountOfRowsOutOfViewNeverCoversTheColumnTitles() {
        var log = sampleLog()
        for n in 1...30 {
            let changes = try! log.decide(.addParticipant(name: "Person \(n)", organisation: "", group: .other, country: "",
                                                          observer: false))
            log.append(changes.map { Event(id: EventID(seq: log.nextSeq, writer: "t"), at: sampleNow, change: $0) })
        }
        var model = sessionModel(log, keys: [.char("3")])
        var lines = model.lines()
        #expect(lines[4].hasSuffix("Present"), "the titles whole: \(lines[4])")
        #expect(lines[20].hasSuffix("↓ 18 more"), "\(lines[20])")
        _ = model.press([.end])
        lines = model.lines()
        #expect(lines[20].hasSuffix("↑ 18 above"), "\(lines[20])")
        model = sessionModel(keys: [.char("2")])
        #expect(!model.lines().contains { $0.contains("more") }, "no badge when every row shows")
    }
}

@Suite struct NothingToActOnTests {
    @Test func dOnAnEmptyListOpensAFormSoTheYAndNTypedNextAreNotKeys() {
        var model = sessionModel(keys: [.char("5"), .char("d")])
        #expect(model.lines().contains { $0.contains("no action to drop: the list is empty") })
        #expect(model.press([.char("y"), .char(" "), .char("n")]).isEmpty, "no pause, no next phase: the keys are text")
        #expect(model.lines().contains { $0.contains("Drop action") })
    }

    @Test func removingTheCurrentPhaseIsRefusedBeforeAnyQuestion() {
        var model = sessionModel(keys: [.char("1")])
        _ = model.press([.char("d")])
        #expect(!model.lines().contains { $0.contains("y/n") }, "no question whose yes would only be refused")
        #expect(model.lines().joined(separator: " ").split(separator: " ").joined(separator: " ").contains("only phases still to come"))
        #expect(model.press([.char("y")]).isEmpty)
    }

    @Test func aTwoLineMessageNeverHidesAFormsField() {
        // A refusal long enough to take two lines, then a form: every field stays on the screen.
        var model = sessionModel(keys: [.char("1"), .char("d")])
        _ = model.press([.escape])
        model.report(error: String(repeating: "a long refusal that goes on ", count: 4))
        _ = model.press([.char("E")])
        let screen = model.lines()
        for label in ["Title:", "Initiative:", "Facilitator:", "Rapporteur:"] {
            #expect(screen.contains { $0.contains(label) }, "\(label) is drawn\n\(screen.joined(separator: "\n"))")
        }
    }
}

@Suite struct MessagesBelongToTheirScreenTests {
    @Test func aMessageClearsWhenAnotherScreenOrAFormOpens() {
        for keys: [Key] in [[.char("p"), .char("x")], [.char("?"), .char("x")], [.char("1"), .char("a")]] {
            var model = sessionModel(keys: [.char("1")])
            model.report(saved: "phase extended by 1 min")
            #expect(model.lines()[22].contains("phase extended"))
            _ = model.press(keys)
            #expect(!model.lines().contains { $0.contains("phase extended") }, "\(keys): the old message is gone")
        }
    }
}

@Suite struct HeaderRoomTests {
    @Test func whatComesNextKeepsItsPlaceBesideASessionWarning() {
        let model = sessionModel(keys: [.char("1")])
        let late = sampleNow.adding(seconds: 62 * 60)
        let header = model.lines(80, 24, now: late)[2]
        #expect(header.contains("10 MIN LEFT IN SESSION"), "\(header)")
        #expect(header.contains("Next: Programme"), "\(header)")
    }
}
