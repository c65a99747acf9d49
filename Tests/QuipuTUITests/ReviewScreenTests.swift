import QuipuCore
import Testing
@testable import QuipuTUI

/// A session made through the engine on `day`, optionally started or closed.
private func makeLog(_ id: String, title: String, initiative: String, day: Int, start: Bool = false,
                     close: Bool = false) -> SessionLog {
    let at = Timestamp(year: 2026, month: 11, day: day, hour: 14)
    var log = SessionLog(id: id)
    var commands: [Command] = [.createSession(title: title, initiative: initiative, facilitator: "", rapporteur: "",
                                              agenda: AgendaTemplate.templates["breakout-90"]!)]
    if start { commands.append(.startTimer) }
    if close { commands.append(.close) }
    for command in commands {
        let changes = try! log.decide(command)
        let first = log.nextSeq
        log.append(changes.enumerated().map { Event(id: EventID(seq: first + $0.offset, writer: "t"), at: at, change: $0.element) })
    }
    return log
}

private let folder = [
    makeLog("2026-11-27-zambezi", title: "Zambezi", initiative: "Africa", day: 27, close: true),
    makeLog("2026-11-28-andes", title: "Andes", initiative: "Andes", day: 28, start: true),
    makeLog("2026-11-29-central-asia", title: "Central Asia", initiative: "Central Asia", day: 29),
]

private func homeModel() -> AppModel {
    var model = AppModel()
    model.showHome(folder.map { $0.state.summary(at: sampleNow) })
    return model
}

private func homeTitles(_ model: AppModel) -> [String] { model.visibleHomeRows.compactMap(\.summary?.title) }

@Suite struct ReviewScreenTests {
    @Test func oCyclesTheOrderOfTheSessionsList() {
        var model = homeModel()
        #expect(homeTitles(model) == ["Central Asia", "Andes", "Zambezi"], "newest first")
        #expect(model.lines()[0].hasSuffix("3 sessions · by date"))
        _ = model.press([.char("o")])
        #expect(homeTitles(model) == ["Zambezi", "Andes", "Central Asia"], "by initiative: Africa, Andes, Central Asia")
        _ = model.press([.char("o")])
        #expect(homeTitles(model) == ["Andes", "Central Asia", "Zambezi"], "running, planned, closed")
        #expect(model.lines()[0].hasSuffix("by status"))
        _ = model.press([.char("o")])
        #expect(homeTitles(model) == ["Central Asia", "Andes", "Zambezi"])
    }

    @Test func aSearchHitOpensTheSessionOnItsTabWithTheItemSelected() {
        var model = homeModel()
        #expect(model.press([.char("s")]).isEmpty)
        #expect(model.lines()[22] == " Search every session:")
        #expect(model.type("seed") == [])
        #expect(model.press([.enter]) == [.search("seed")])

        var log = makeLog("2026-11-28-andes", title: "Andes", initiative: "Andes", day: 28)
        for command: Command in [.addIdea(text: "Glaciers", kind: .area, by: nil, area: nil),
                                 .addIdea(text: "Seed banks", kind: .area, by: nil, area: nil),
                                 .addIdea(text: "Seed fairs", kind: .project, by: nil, area: "I2")] {
            let changes = try! log.decide(command)
            let first = log.nextSeq
            log.append(changes.enumerated().map { Event(id: EventID(seq: first + $0.offset, writer: "t"), at: sampleNow, change: $0.element) })
        }
        let hits = log.state.search("seed")
        #expect(hits.map(\.item) == ["I2", "I3"])
        model.showSearchResults("seed", hits)
        let screen = model.lines()
        #expect(screen[0].hasPrefix(" Quipu · search \"seed\""))
        #expect(screen[0].hasSuffix("2 matches in 1 session"))
        #expect(screen[3].contains("I2   Seed banks"))

        #expect(model.press([.down, .enter]) == [.openSession("2026-11-28-andes")])
        model.showSession(log, readOnly: false)
        #expect(model.tab == .ideas)
        #expect(model.selectedIndex(.ideas) == 2)
        let buffer = model.render(width: 80, height: 24, now: sampleNow).buffer
        #expect(buffer.lines()[7].contains("I3"))
        #expect(buffer[1, 7].style.reverse, "the hit's row is the selected one")
        #expect(model.lines()[22].contains("found I3 on the Ideas tab"))

        // Back home, the hits are still there; Esc returns to the sessions.
        model.showHome(folder.map { $0.state.summary(at: sampleNow) })
        #expect(model.lines()[0].contains("search \"seed\""))
        _ = model.press([.escape])
        #expect(model.lines()[0].hasPrefix(" Quipu · sessions"))
    }

    @Test func aClosedSessionIsReadOnlyAndReopeningAsksFirst() {
        var model = AppModel()
        model.showSession(folder[0], readOnly: false)
        #expect(model.lines()[0].hasSuffix("CLOSED · read-only"))
        #expect(model.press([.char("2"), .char("a")]).isEmpty)
        #expect(model.lines()[22].contains("closed and read-only; press R to reopen"))
        #expect(model.press([.escape, .char("R")]).isEmpty)
        #expect(model.lines()[22].contains("Reopen this closed session for changes?"))
        #expect(model.press([.char("y")]) == [.perform(.reopen)])
    }

    @Test func timelineScrollsAndFiltersByKind() {
        var model = sessionModel()
        #expect(model.press([.char("t")]) == [.timeline])
        let log = sampleLog()
        let entries = log.events.map { e in
            TimelineEntry(id: e.id, at: e.at, localTime: e.at.iso8601, who: e.id.writer,
                          kind: .init(eventKind: e.change.record.kind), text: e.change.record.kind, undone: false)
        }
        model.showTimeline(entries)
        var screen = model.lines()
        #expect(screen[0].hasPrefix(" Watershed management · timeline"))
        #expect(screen[0].hasSuffix("\(entries.count) · all events"))
        #expect(screen[2].contains("session.create"))
        _ = model.press([.char("f")])
        screen = model.lines()
        #expect(screen[0].hasSuffix("1 · only clock") || screen[0].contains("only clock"))
        #expect(!screen.contains { $0.contains("participant.add") })
        _ = model.press([.char("f")])
        #expect(model.lines()[0].contains("only people"))
        #expect(model.lines().filter { $0.contains("participant.add") }.count == 3)
        _ = model.press([.escape])
        #expect(model.lines()[3].contains("1 Agenda"), "back on the session screen")
    }
}

@Suite struct TimelineWordsTests {
    @Test func aLongEventIsCutAtAWordEnd() {
        var model = sessionModel()
        let text = "2026-11-29-watershed-management \"Watershed management and community water governance\" (5 phases)"
        _ = model.update(.timeline([TimelineEntry(id: EventID(seq: 1, writer: "t"), at: sampleNow, localTime: "2026-11-29 14:00",
                                                  who: "Ana Quispe", kind: .session, text: text, undone: false)]), now: sampleNow)
        let row = model.lines().first { $0.contains("2026-11-29 14:00") } ?? ""
        let shown = String(row.trimmed.split(separator: "session  ").last!.dropLast())   // without the …
        #expect(row.trimmed.hasSuffix("…") && text.hasPrefix(shown), "\(row)")
        #expect(text.dropFirst(shown.count).first == " ", "cut after a whole word: \(row)")
    }
}
