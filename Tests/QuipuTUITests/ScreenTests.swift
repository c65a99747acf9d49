import QuipuCore
import Testing
@testable import QuipuTUI

/// A session built through the engine with an exact clock: created at 14:00:00, clock started
/// at 14:01:00, phase 2 from 14:11:00.
func sampleLog() -> SessionLog {
    let start = Timestamp(year: 2026, month: 11, day: 29, hour: 14)
    var log = SessionLog(id: "2026-11-29-watershed-management")
    func at(_ seconds: Int64, _ command: Command) {
        let changes = try! log.decide(command)
        let first = log.nextSeq
        log.append(changes.enumerated().map { offset, change in
            Event(id: EventID(seq: first + offset, writer: "t"), at: start.adding(seconds: seconds), change: change)
        })
    }
    at(0, .createSession(title: "Watershed management", initiative: "Watershed management", facilitator: "Ana Quispe",
                         rapporteur: "", agenda: AgendaTemplate.templates["breakout-90"]!))
    at(30, .addParticipant(name: "Ana Quispe", organisation: "CONDESAN", group: .ngo, country: "PE", observer: false))
    at(40, .addParticipant(name: "Kenji Sato", organisation: "Ministry of Environment", group: .government, country: "JP",
                           observer: false))
    at(50, .addParticipant(name: "Amara Okafor", organisation: "UNEP", group: .intergovernmental, country: "KE",
                           observer: true))
    at(60, .startTimer)
    at(660, .nextPhase)
    at(700, .addIdea(text: "Glacier retreat monitoring", kind: .area, by: "P1", area: nil))
    at(710, .addIdea(text: "Agua potable para comunidades altoandinas ñ", kind: .area, by: "Kenji Sato", area: nil))
    at(720, .addIdea(text: "流域管理 pilot in two basins", kind: .project, by: nil, area: "I1"))
    at(730, .addIdea(text: "Payment for ecosystem services", kind: .area, by: "org:Municipality of Cusco", area: nil))
    at(740, .withdrawIdea(id: "I4"))
    return log
}

/// 14:01:00 start, phase 2 from 14:11:00; at 14:20:00 phase 2 has 16:00 left.
let sampleNow = Timestamp(year: 2026, month: 11, day: 29, hour: 14, minute: 20)

/// The commands among `effects`, a batch (a paste: one undo step) opened into its commands.
func performedCommands(_ effects: [Effect]) -> [Command] {
    effects.flatMap { effect -> [Command] in
        guard case let .perform(c) = effect else { return [] }
        if case let .batch(commands) = c { return commands }
        return [c]
    }
}

func sessionModel(_ log: SessionLog = sampleLog(), keys: [Key] = []) -> AppModel {
    var model = AppModel()
    model.showSession(log, readOnly: false)
    for key in keys { _ = model.handle(key, now: sampleNow) }
    return model
}

extension AppModel {
    /// Presses keys one after another and returns every effect they produced.
    mutating func press(_ keys: [Key], now: Timestamp = sampleNow) -> [Effect] {
        keys.flatMap { handle($0, now: now) }
    }

    mutating func type(_ text: String) -> [Effect] { press(text.map(Key.char)) }

    func lines(_ width: Int = 80, _ height: Int = 24, now: Timestamp = sampleNow) -> [String] {
        render(width: width, height: height, now: now).buffer.lines()
    }
}

@Suite struct SessionScreenTests {
    @Test func ideasTabWithARunningClockAt80x24() {
        let model = sessionModel(keys: [.char("2")])
        let blank = Array(repeating: "", count: 14)
        #expect(model.lines() == [
            " Watershed management                                                   RUNNING",
            " Phase 2/5 · Prioritize areas of action                 16:00 left · ends 14:36",
            " Next: Programme & project ideas ███░░░░░░░░░░  session 71:00 left · ends 15:31",
            "  1 Agenda  2 Ideas  3 Participants  4 Vote  5 Workplan  6 Report",
            " ID   Kind      Idea                                            By",
            " I1   area      Glacier retreat monitoring                      Ana Quispe",
            " I2   area      Agua potable para comunidades altoandinas ñ     Kenji Sato",
            " I3   project   流域管理 pilot in two basins (under I1)",
            " I4   area      Payment for ecosystem services (withdrawn)      Municipality o…",
        ] + blank + [
            " a add · e edit · d withdraw · m merge · f kind · Space timer · ? help · q back",
        ])
    }

    @Test func selectedRowIsReversedAndWithdrawnIdeasAreDim() {
        let buffer = sessionModel(keys: [.char("2"), .down]).render(width: 80, height: 24, now: sampleNow).buffer
        #expect(buffer[1, 6].style.reverse)
        #expect(buffer[79, 6].style.reverse)
        #expect(!buffer[1, 5].style.reverse)
        #expect(buffer[20, 8].style.dim)
        #expect(buffer[12, 3].style.reverse, "the current tab is highlighted")
    }

    @Test func headerUsesTheWidthAt120x40() {
        let lines = sessionModel(keys: [.char("2")]).lines(120, 40)
        #expect(lines.count == 40)
        #expect(lines[0] == " Watershed management" + String(repeating: " ", count: 91) + "RUNNING")
        #expect(lines[1] == " Phase 2/5 · Prioritize areas of action" + String(repeating: " ", count: 57) + "16:00 left · ends 14:36")
        // 19 of 90 minutes run: 21% of a 55-cell bar after what comes next.
        #expect(lines[2].hasPrefix(" Next: Programme & project ideas " + String(repeating: "█", count: 11) + "░"))
        #expect(lines[2].hasSuffix("░  session 71:00 left · ends 15:31"))
        #expect(lines[3] == "  1 Agenda  2 Ideas  3 Participants  4 Vote  5 Workplan  6 Report")
        #expect(lines[8].hasSuffix("Municipality of Cusco"), "wider columns: nothing cut")
        #expect(lines[39].hasPrefix(" a add"))
    }

    @Test func clockStatesAndOverrunAreSaidInWords() {
        let notStarted = sessionModel(SessionLog(id: "x")).lines()
        #expect(notStarted.count == 24)
        var log = sampleLog()
        let paused = Event(id: EventID(seq: log.nextSeq, writer: "t"), at: sampleNow, change: .timerPaused)
        log.append([paused])
        #expect(sessionModel(log).lines()[0].hasSuffix("PAUSED"))
        // Phase 2 started 14:11 with 25:00 planned: at 14:38:30 it has overrun by 2:30.
        let late = Timestamp(year: 2026, month: 11, day: 29, hour: 14, minute: 38, second: 30)
        #expect(sessionModel().lines(now: late)[1].hasSuffix("+02:30 OVERRUN"))
    }

    @Test func tooSmallShowsOnlyAMessage() {
        let lines = sessionModel().lines(20, 5)
        #expect(lines == ["", "Terminal too small:", " 20×5 (need 40×10)", "", ""])
        let home = AppModel().lines(39, 24)
        #expect(home.filter { !$0.isEmpty } == ["Terminal too small: 39×24 (need 40×10)"])
    }

    @Test func helpListsEveryKeyOfTheSpecification() {
        var help = sessionModel(keys: [.char("?")])
        #expect(help.lines()[0].hasSuffix("page 1/2 · PgDn next · any other key closes"))
        var text = help.lines().joined(separator: "\n")
        _ = help.press([.pageDown])
        #expect(help.lines()[0].hasSuffix("page 2/2 · PgDn next · any other key closes"), "PgDn turns the page")
        text += help.lines().joined(separator: "\n")
        for key in ["1-6", "Tab Shift-Tab", "↑ ↓  j k", "Enter", "Esc", "a ", "e / d", "u / U", "Space", "n / N",
                    "+ / -", "/ ", "p ", "? ", "q ", "Ctrl-C", "People x o", "People e d", "Ideas f l m", "Vote o / c", "Work r Enter",
                    "Work e d", "Work c x", "C / R", "Ctrl-U Ctrl-W", "Alt-b Alt-f", "Alt-d", "Vote b d", "Vote f", "W "] {
            #expect(text.contains("  " + key), "help lacks \(key)")
        }
        #expect(!text.contains("…"), "no description is cut: a long one goes on to the next line\n\(text)")

        var model = sessionModel(keys: [.char("?")])
        #expect(model.press([.char("x")]).isEmpty)
        #expect(model.lines()[3].hasPrefix("  1 Agenda"), "any other key closes help")
    }

    @Test func projectorShowsHugeDigitsAndWhatComesNext() {
        var model = sessionModel(keys: [.char("p")])
        let lines = model.lines()
        #expect(lines[1].trimmed == "Prioritize areas of action")
        #expect(lines.filter { $0.contains("████") }.count >= 5)
        #expect(lines.contains { $0.contains("Next: Programme & project ideas") })
        #expect(bigText("16:00", width: 78, height: 17).count == 15)
        #expect(model.press([.char("x")]).isEmpty, "any key returns, and does nothing else")
        #expect(model.lines()[0].hasPrefix(" Watershed management"))
    }

    @Test func addingAnIdeaTypesIntoAFormAndPerformsOnEnter() {
        var model = sessionModel()
        #expect(model.press([.char("2"), .char("a")]).isEmpty)
        #expect(model.type("Agua potable ñ").isEmpty)
        let frame = model.render(width: 80, height: 24, now: sampleNow)
        #expect(frame.buffer.lines()[18] == "  Idea: Agua potable ñ")
        #expect(frame.cursor?.x == 22 && frame.cursor?.y == 18)
        #expect(model.press([.enter]) == [.perform(.addIdea(text: "Agua potable ñ", kind: .area, by: nil, area: nil))])
    }

    @Test func tabCyclesTheKindAndEscCancelsWithoutEffect() {
        var model = sessionModel(keys: [.char("2"), .char("a")])
        _ = model.type("Pilot")
        _ = model.press([.tab, .tab, .down])
        _ = model.type("P2")
        #expect(model.press([.enter]) == [.perform(.addIdea(text: "Pilot", kind: .project, by: "P2", area: nil))])

        var cancelled = sessionModel(keys: [.char("2"), .char("a")])
        _ = cancelled.type("never mind")
        #expect(cancelled.press([.escape]).isEmpty)
        #expect(cancelled.lines()[23].hasPrefix(" a add"), "the form is gone")
        #expect(cancelled.press([.enter]) == [], "Enter on the list edits, it does not resubmit")
    }

    @Test func aRefusedFormKeepsItsTextAndASavedOneCloses() {
        var model = sessionModel(keys: [.char("2"), .char("a")])
        _ = model.type(String(repeating: "x", count: 2500))
        #expect(model.press([.enter]).count == 1)
        model.report(error: "the idea is 2500 characters long; the most is 2000")
        #expect(model.lines()[22] == " the idea is 2500 characters long; the most is 2000")
        #expect(model.lines()[18].hasPrefix("  Idea: xxxx"), "still there to fix")
        _ = model.press([.ctrl("u")])
        _ = model.type("Short")
        #expect(model.press([.enter]) == [.perform(.addIdea(text: "Short", kind: .area, by: nil, area: nil))])
        model.report(saved: "saved I5")
        #expect(model.lines()[22] == " saved I5")
        #expect(model.lines()[23].hasPrefix(" a add"))
    }

    @Test func globalKeysBecomeEngineCommands() {
        var model = sessionModel()
        #expect(model.press([.char(" ")]) == [.perform(.toggleTimer)])
        #expect(model.press([.char("n")]) == [.perform(.nextPhase)])
        #expect(model.press([.char("N")]) == [.perform(.previousPhase)])
        #expect(model.press([.char("+")]) == [.perform(.adjustPhase(seconds: 60, phase: 1))], "the Agenda tab's selected phase")
        #expect(model.press([.char("-")]) == [.perform(.adjustPhase(seconds: -60, phase: 1))])
        _ = model.press([.char("2")])
        #expect(model.press([.char("+")]) == [.perform(.adjustPhase(seconds: 60))], "elsewhere the current phase")
        _ = model.press([.char("1")])
        #expect(model.press([.char("u")]) == [.perform(.undo)])
        #expect(model.press([.char("q")]) == [.reloadList])
        #expect(model.screen == .home)
        #expect(model.press([.ctrl("c")]) == [.quit])
    }

    @Test func tabsSwitchByNumberAndTab() {
        var model = sessionModel()
        _ = model.press([.char("4")])
        #expect(model.tab == .vote)
        _ = model.press([.tab, .tab, .tab])
        #expect(model.tab == .agenda)
        _ = model.press([.backTab])
        #expect(model.tab == .report)
    }

    @Test func withdrawAsksFirst() {
        var model = sessionModel(keys: [.char("2"), .char("j")])
        #expect(model.press([.char("d")]).isEmpty)
        #expect(model.lines()[22].hasPrefix(" Withdraw I2 \"Agua potable"))
        #expect(model.lines()[22].hasSuffix("y/n"))
        #expect(model.press([.char("y")]) == [.perform(.withdrawIdea(id: "I2"))])
        #expect(model.press([.char("d"), .char("n")]).isEmpty)
    }

    @Test func selectionFollowsTheIdeaWhenTheListChanges() {
        var model = sessionModel(keys: [.char("2"), .char("/")])
        _ = model.type("agua")
        #expect(model.lines()[5].hasPrefix(" I2"))
        _ = model.press([.enter, .char("/"), .ctrl("u"), .enter])
        #expect(model.lines()[6].hasPrefix(" I2"))
        #expect(model.press([.char("e")]).isEmpty)
        #expect(model.lines()[18].hasPrefix("  Idea: Agua potable"), "edit starts from the selected idea's text")
    }

    @Test func participantsToggleAndVoteOpens() {
        var model = sessionModel(keys: [.char("3"), .down])
        #expect(model.press([.char("x")]) == [.perform(.setParticipant(who: "P2", present: false, observer: nil))])
        #expect(model.press([.char("o")]) == [.perform(.setParticipant(who: "P2", present: nil, observer: true))])
        _ = model.press([.char("4")])
        #expect(model.lines()[5] == "  No vote yet.")
        #expect(model.press([.char("a")]).isEmpty)
        #expect(model.lines()[22] == " no vote is open; close this form and press o to open one")
        #expect(model.lines()[19].hasPrefix("── Ballot · cannot be saved now (see below) · Esc closes ──"))
        #expect(model.press([.escape, .char("o")]).isEmpty, "o asks for the method, candidates and options")
        #expect(model.press([.enter]) == [.perform(.startVote(VoteSetup()))], "Enter alone: a dot vote on every open area")
    }

    @Test func anOpenVoteShowsALiveTally() {
        var log = sampleLog()
        for command: Command in [
            .openVote(method: .dot, dots: 3, maxPerItem: nil, candidates: nil),
            .castBallot(vote: nil, by: "P1", choices: [.init(idea: "I2", points: 2), .init(idea: "I1", points: 1)]),
            .castBallot(vote: nil, by: "Kenji Sato", choices: [.init(idea: "I2", points: 3)]),
        ] {
            log.append(try! log.decide(command).map { Event(id: EventID(seq: log.nextSeq, writer: "t"), at: sampleNow, change: $0) })
        }
        var model = sessionModel(log, keys: [.char("4")])
        let lines = model.lines()
        #expect(lines[4].hasPrefix(" V1 · dot vote · 3 dots per member") && lines[4].hasSuffix("OPEN"))
        #expect(lines[5] == "  Turnout: 2 of 2 eligible members voted (100%)")
        #expect(lines[8].hasPrefix("    1 I2   Agua potable") && lines[8].hasSuffix("█    5"), "\(lines[8])")
        #expect(lines[9].hasPrefix("    2 I1   Glacier retreat monitoring") && lines[9].hasSuffix(" 1"))
        #expect(lines[8].filter { $0 == "█" }.count == 20 && lines[9].filter { $0 == "█" }.count == 4)
        _ = model.press([.char("a")])
        _ = model.type("Ana Quispe")
        _ = model.press([.tab])
        _ = model.type("I1:2 i2")
        #expect(model.press([.enter]).isEmpty, "Ana Quispe has voted already: asked first")
        #expect(model.press([.char("y")]) == [.perform(.castBallotText(vote: nil, by: "Ana Quispe", words: ["I1:2 i2"]))])
        model.report(saved: "saved")
        #expect(model.press([.escape]).isEmpty, "the ballot form stays open for the next voter until Esc")
        #expect(model.press([.char("c")]).isEmpty)
        #expect(model.press([.char("y")]) == [.perform(.closeVote(id: "V1"))])
    }

    @Test func workplanAddsActionsAndCyclesStatus() {
        var model = sessionModel(keys: [.char("5"), .char("a")])
        _ = model.type("Draft concept note")
        #expect(model.press([.enter]).isEmpty, "Enter moves on to the owner while it is empty")
        _ = model.type("Ana Quispe")
        _ = model.press([.down])
        _ = model.type("2027-03")
        #expect(model.press([.enter]) == [.perform(.addAction(text: "Draft concept note", owner: "Ana Quispe",
                                                               due: "2027-03", idea: nil))])
        var log = sampleLog()
        log.append(try! log.decide(.addAction(text: "Draft", owner: "P1", due: nil, idea: nil))
            .map { Event(id: EventID(seq: log.nextSeq, writer: "t"), at: sampleNow, change: $0) })
        model.sessionChanged(log)
        model.report(saved: "saved A1")
        #expect(model.press([.enter]) == [.perform(.setActionStatus(id: "A1", status: .inProgress))])
        #expect(model.press([.char("r")]).isEmpty)
        #expect(model.lines()[19].hasPrefix("── Assign role"))
    }

    @Test func aClosedSessionRefusesChangesUntilReopened() {
        var log = sampleLog()
        log.append(try! log.decide(.close).map { Event(id: EventID(seq: log.nextSeq, writer: "t"), at: sampleNow, change: $0) })
        var model = sessionModel(log, keys: [.char("2")])
        #expect(model.lines()[0].hasSuffix("CLOSED · read-only"))
        #expect(model.press([.char("a")]).isEmpty)
        #expect(model.lines()[22] == " this session is closed and read-only; press R to reopen it")
        #expect(model.press([.char(" "), .enter]).isEmpty, "typed into the form, and Enter saves nothing")
        #expect(model.press([.escape, .char(" ")]).isEmpty)
        #expect(model.lines()[22] == " this session is closed and read-only; press R to reopen it")
        #expect(model.press([.char("R")]).isEmpty)
        #expect(model.press([.char("y")]) == [.perform(.reopen)])
    }

    @Test func clockWarningsRingOnceAsThresholdsAreCrossed() {
        var model = sessionModel()
        // Phase 2 ends at 14:36:00.
        let t = { (m: Int, s: Int) in Timestamp(year: 2026, month: 11, day: 29, hour: 14, minute: m, second: s) }
        #expect(model.tick(now: t(30, 0)).isEmpty)
        #expect(model.tick(now: t(31, 0)) == [.bell, .perform(.acknowledgeWarnings([.phase5], phase: 1))])
        #expect(model.lines(now: t(31, 0))[22] == " 5 MIN LEFT · Prioritize areas of action")
        #expect(model.tick(now: t(31, 1)).isEmpty)
        #expect(model.tick(now: t(35, 0)) == [.bell, .perform(.acknowledgeWarnings([.phase1], phase: 1))])
    }

    @Test func savedMessagesNameWhatChanged() {
        let log = sampleLog()
        #expect(savedMessage(for: [log.events[7]], in: log) == "saved I2")
        #expect(savedMessage(for: [log.events[4]], in: log) == "clock started")
    }
}

@Suite struct HomeScreenTests {
    func closedSession(_ id: String, _ title: String) -> SessionSummary {
        var log = SessionLog(id: id)
        for command: Command in [.createSession(title: title, initiative: "", facilitator: "", rapporteur: "",
                                                agenda: AgendaTemplate.templates["roundtable-45"]!), .close] {
            log.append(try! log.decide(command).map { Event(id: EventID(seq: log.nextSeq, writer: "t"), at: sampleNow, change: $0) })
        }
        return log.state.summary(at: sampleNow)
    }

    @Test func anEmptyFolderSaysHowToStart() {
        var model = AppModel()
        model.showHome([])
        let lines = model.lines()
        #expect(lines[0].hasPrefix(" Quipu · sessions") && lines[0].hasSuffix("0 sessions"))
        #expect(lines[3] == "  No sessions in this folder yet.")
        #expect(lines[5].contains("Press a to create one"))
    }

    @Test func listsSessionsFiltersAndOpens() {
        var model = AppModel()
        model.showHome([sampleLog().state.summary(at: sampleNow), closedSession("2026-11-29-gender", "Gender")])
        let lines = model.lines()
        #expect(lines[2] == " Date       Session               Status     Time Ppl Ideas Acts Top priority")
        #expect(lines[3] == " 2026-11-29 Watershed management  running   19:00   3     3    0 —")
        #expect(lines[4] == " 2026-11-29 Gender                closed    00:00   0     0    0 —")
        #expect(model.press([.char("j"), .enter]) == [.openSession("2026-11-29-gender")])
        _ = model.press([.char("/")])
        _ = model.type("WATER")
        #expect(model.lines()[4] == "")
        _ = model.press([.enter])
        #expect(model.press([.enter]) == [.openSession("2026-11-29-watershed-management")])
        _ = model.press([.char("a")])
        _ = model.type("Education")
        #expect(model.press([.enter]) == [.createSession(NewSession(title: "Education"))])
        model.showHome([])
        #expect(model.press([.char("q")]) == [.quit])
    }
}
