import QuipuCore
import Testing
@testable import QuipuTUI

/// The sample session with more clock events, each at `sampleLog`'s 14:00 + seconds.
func clockLog(_ commands: [(Int64, Command)]) -> SessionLog {
    var log = sampleLog()
    let start = Timestamp(year: 2026, month: 11, day: 29, hour: 14)
    for (seconds, command) in commands {
        let changes = try! log.decide(command)
        let first = log.nextSeq
        log.append(changes.enumerated().map { offset, change in
            Event(id: EventID(seq: first + offset, writer: "t"), at: start.adding(seconds: seconds), change: change)
        })
    }
    return log
}

func at(_ m: Int, _ s: Int = 0) -> Timestamp { Timestamp(year: 2026, month: 11, day: 29, hour: 14, minute: m, second: s) }

@Suite struct ClockScreenTests {
    @Test func headerSaysBehindAndTheWarningInWordsAt80x24() {
        // Phase 1 ran 14:01–14:11 as planned; phase 2 (25:00) ends 14:36.
        let model = sessionModel()
        let lines = model.lines(now: at(31, 30))
        #expect(lines[1] == " Phase 2/5 · Prioritize areas of action    5 MIN LEFT · 04:30 left · ends 14:36")
        #expect(lines[2] == " Next: Programme & project ideas ████░░░░░░░░░  session 59:30 left · ends 15:31")
        let late = model.lines(now: at(40, 0))
        #expect(late[1].hasSuffix("+04:00 OVERRUN"))
        #expect(late[2] == " Next: Programme &… █████░░░░░░  session 51:00 left · ends 15:31 · 04:00 behind",
                "the next phase is cut at a word to leave the bar room")
        let buffer = model.render(width: 80, height: 24, now: at(40)).buffer
        #expect(buffer[75, 1].style.fg == .red, "overrun is red as well as said")
    }

    @Test func headerAt200x60AndTheSessionWarning() {
        // Phase 2 ran 29:00 of 25:00; phase 3 from 14:40 to 15:05; phase 4 (20:00) from 15:05.
        let log = clockLog([(2400, .nextPhase), (3900, .nextPhase)])
        let model = sessionModel(log)
        let lines = model.lines(200, 60, now: Timestamp(year: 2026, month: 11, day: 29, hour: 15, minute: 22))
        #expect(lines.count == 60)
        #expect(lines[1] == " Phase 4/5 · Workplan, roles & responsibilities" + String(repeating: " ", count: 116)
            + "5 MIN LEFT · 03:00 left · ends 15:25")
        #expect(lines[2].hasPrefix(" Next: Wrap-up & conclusions for plenary █"))
        #expect(lines[2].hasSuffix("░  10 MIN LEFT IN SESSION · session 09:00 left · ends 15:31 · 04:00 behind"))
        #expect(lines[59] == " a/e/d/K/J edit · +/- min · n/N phase · Space timer · ? help · q back")
    }

    @Test func theWarningFlashesWhenItFiresAndQuietSilencesIt() {
        var model = sessionModel()
        #expect(model.tick(now: at(31, 0)) == [.bell, .perform(.acknowledgeWarnings([.phase5], phase: 1))])
        let flashing = model.render(width: 80, height: 24, now: at(31, 1)).buffer
        #expect(flashing[50, 1].style.reverse)
        let later = model.render(width: 80, height: 24, now: at(31, 5)).buffer
        #expect(!later[50, 1].style.reverse)
        #expect(model.tick(now: at(31, 2)).isEmpty, "once, not on every redraw")

        var quiet = sessionModel()
        quiet.quiet = true
        #expect(quiet.tick(now: at(31, 0)).isEmpty)
        #expect(!quiet.lines(now: at(31, 0))[1].contains("MIN LEFT"))
    }

    @Test func aWarningCrossedWhileClosedFiresOnceOnOpening() {
        // Quipu opened again at 14:35:10: the 5-minute and 1-minute thresholds both passed.
        var model = sessionModel()
        #expect(model.tick(now: at(35, 10)) == [.bell, .perform(.acknowledgeWarnings([.phase5, .phase1], phase: 1))])
        #expect(model.lines(now: at(35, 10))[22] == " 1 MIN LEFT · Prioritize areas of action")
        #expect(model.tick(now: at(35, 11)).isEmpty)
        // Once journalled, another screen (or a restart) stays silent.
        let acknowledged = clockLog([(2110, .acknowledgeWarnings([.phase5, .phase1], phase: 1))])
        let given = Array(acknowledged.events.suffix(2))
        #expect(savedMessage(for: given, in: acknowledged) == "1 MIN LEFT · Prioritize areas of action", "the most urgent only")
        var reopened = sessionModel(acknowledged)
        #expect(reopened.tick(now: at(35, 20)).isEmpty)
        // Switched off for the session: silent.
        var off = sessionModel(clockLog([(700, .switchWarning(nil, on: false))]))
        #expect(off.tick(now: at(35, 10)).isEmpty)
    }

    @Test func reSpreadAsksFirstAndAppliesWhatItOffered() {
        var model = sessionModel()
        #expect(model.press([.char("s")], now: at(20)).isEmpty)
        #expect(model.lines(now: at(20))[22] == " the session is on plan; there is nothing to re-spread")
        #expect(model.press([.char("s")], now: at(40)).isEmpty)
        let question = model.lines(now: at(40))[21...22].joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(question.hasPrefix("04:00 behind: re-spread the time left as phase 2: 29 min, phase 3: 23 min, phase 4: 19 min, "
            + "phase 5: 9 min? y/n"), "each phase with its minutes, read whole: \(question)")
        #expect(model.press([.char("y")], now: at(40, 5)) == [.perform(.applyRespread(from: 1, seconds: [1740, 1380, 1140, 540]))],
                "exactly the minutes offered")
        #expect(model.press([.char("s"), .char("n")], now: at(41)).isEmpty, "n declines")
        #expect(model.press([.char(">"), .char("<"), .char("w")]) == [
            .perform(.extendSession(seconds: 60)), .perform(.extendSession(seconds: -60)),
            .perform(.switchWarning(nil, on: false)),
        ])
    }

    @Test func projectorAt80x24And200x60() {
        var model = sessionModel(keys: [.char("p")])
        let small = model.lines(80, 24, now: at(31, 30))
        let digitRows = small.filter { $0.contains("██") }
        #expect(digitRows.count >= 5)
        #expect(small[1].trimmed == "Prioritize areas of action")
        #expect(small.contains { $0.trimmed == "5 MIN LEFT · RUNNING" })
        #expect(small.contains { $0.trimmed == "Next: Programme & project ideas" })
        #expect(small.contains { $0.trimmed == "session 59:30 left" })
        let large = model.lines(200, 60, now: at(40))
        let largeRows = large.filter { $0.contains("██") }
        #expect(largeRows.count > digitRows.count, "larger on a larger terminal")
        #expect(largeRows.count >= 40)
        #expect(largeRows.map { $0.trimmed.count }.max()! > 150, "the digits fill the width")
        // The phase's name, the warning words and what comes next are in large type too.
        let words = largeText("OVERRUN · RUNNING", width: 198, height: 8)!
        #expect(words.count == 5)
        #expect(words.allSatisfy { row in large.contains { $0.trimmed == row.trimmed } }, "OVERRUN in large type")
        #expect(largeText("Prioritize areas of action", width: 198, height: 8).map { rows in
            rows.allSatisfy { row in large.contains { $0.contains(row.trimmed) } } } == true, "the phase's name too")
        #expect(!large.contains { $0.trimmed == "OVERRUN · RUNNING" }, "not as small text")
        #expect(large.contains { $0.trimmed.hasSuffix("session 51:00 left · 04:00 behind") })
        // The overrun reads +04:00: five glyphs (+, 0, 4, :, 0, 0) wider than 04:00.
        #expect(bigText("+04:00", width: 198, height: 53).count == bigText("04:00", width: 198, height: 53).count)
        // Live through a resize: the same model draws the new size.
        #expect(model.press([.resize]).isEmpty)
        #expect(model.lines(120, 40, now: at(31, 30)).filter { $0.contains("██") }.count >= digitRows.count)
    }
}
