import Foundation
import Testing
@testable import QuipuApp
@testable import QuipuCore
@testable import QuipuStore
@testable import QuipuTUI

/// The screens without a terminal: keys sent to the effect runner over a temporary sessions
/// folder, with an exact clock. What is saved is read back from the file.
@Suite("The effect runner: keys to the journal and back")
struct EffectRunnerTests {
    let start = Timestamp(year: 2026, month: 11, day: 28, hour: 14)

    func folder() -> SessionsFolder { scratchSessionsFolder("quipu-app-") }

    func runner(_ folder: SessionsFolder, open id: String? = nil, at now: @escaping () -> Timestamp) throws -> EffectRunner {
        EffectRunner(folder: folder, writer: "screens", journal: try id.map { try folder.open($0, writer: "screens") },
                     quiet: true, clock: now, localTime: { $0.iso8601 })
    }

    func type(_ text: String, into runner: EffectRunner) {
        for c in text { runner.send(.key(.char(c))) }
    }

    func screen(_ runner: EffectRunner) -> String {
        runner.model.render(width: 80, height: 24, now: start).buffer.lines().joined(separator: "\n")
    }

    @Test func anIdeaTypedOnTheScreensIsInTheJournalBeforeTheScreenSaysSaved() throws {
        let folder = folder()
        let created = try folder.create(title: "Andes", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "cli")
        let runner = try runner(folder, open: created.id, at: { start })
        runner.send(.key(.char("2")))
        runner.send(.key(.char("a")))
        type("Agua para todos", into: runner)
        runner.send(.key(.enter))
        let journal = String(decoding: try readFile(folder.journalPath(created.id)), as: UTF8.self)
        #expect(journal.contains("idea.add id=I1 kind=area text=\"Agua para todos\""), "\(journal)")
        #expect(screen(runner).contains("saved I1"), "\(screen(runner))")
        #expect(!runner.hasUnsaved)
    }

    @Test func carryingOverOneActionSaysOneAction() throws {
        let folder = folder()
        let first = try folder.create(title: "Andes", initiative: "Andes", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "cli")
        _ = try first.append(now: { start }) { try $0.decide(.addParticipant(name: "Ana Lima", organisation: "", group: .ngo, country: "", observer: false)) }
        _ = try first.append(now: { start }) { try $0.decide(.addAction(text: "Write to CAN", owner: "P1", due: nil, idea: nil, supporters: [])) }
        let later = start.adding(seconds: 86_400)
        let second = try folder.create(title: "Andes again", initiative: "Andes", agenda: try AgendaTemplate.resolve(nil), at: later, writer: "cli")
        let runner = try runner(folder, open: second.id, at: { later })
        runner.send(.key(.char("5")))
        runner.send(.key(.char("c")))
        runner.send(.key(.char("y")))
        #expect(screen(runner).contains("carried over 1 open action from \(first.id)"), "\(screen(runner))")
    }

    @Test func homeListsTheFolderAndANewSessionOpensOnItsAgenda() throws {
        let folder = folder()
        let runner = try runner(folder, at: { start })
        #expect(runner.model.screen == .home)
        runner.send(.key(.char("a")))
        type("Páramos", into: runner)
        runner.send(.key(.enter))
        #expect(runner.model.screen == .session)
        #expect(try folder.sessionIDs() == ["2026-11-28-paramos"])
        #expect(screen(runner).contains("created 2026-11-28-paramos"), "\(screen(runner))")
    }

    @Test func aReSpreadAppliesExactlyTheWholeMinutesItOffered() throws {
        let folder = folder()
        let created = try folder.create(title: "Andes", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "cli")
        var now = start
        let runner = try runner(folder, open: created.id, at: { now })
        runner.send(.key(.char(" "))) // start the clock
        now = now.adding(seconds: 20 * 60) // 10 minutes into overrun of a 10-minute phase
        runner.send(.key(.char("s")))
        now = now.adding(seconds: 60) // a minute passes before y
        runner.send(.key(.char("y")))
        let log = try folder.load(created.id).log
        guard case let .agendaRespread(_, seconds) = log.events.last?.change else {
            Issue.record("no re-spread saved: \(screen(runner))")
            return
        }
        // The plan shown when s was pressed, a minute before the y: what the room heard.
        let before = SessionLog(id: created.id, events: Array(log.events.dropLast())).state
        #expect(seconds == (try before.respreadPlan(at: now.adding(seconds: -60))).seconds)
        #expect(seconds.allSatisfy { $0 % 60 == 0 }, "whole minutes")
        #expect(log.events.last?.at == now)
        #expect(log.state.clockReading(at: now).totalSeconds == 90 * 60, "the session still ends when it did")
    }

    @Test func theModelIsAValueThatTwoRunsAgreeOn() throws {
        let folder = folder()
        let created = try folder.create(title: "Andes", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "cli")
        let a = try runner(folder, open: created.id, at: { start })
        let b = try runner(folder, open: created.id, at: { start })
        for runner in [a, b] { for key in [Key.char("3"), .char("/"), .char("x")] { runner.send(.key(key)) } }
        #expect(a.model == b.model)
        b.send(.key(.escape))
        #expect(a.model != b.model)
    }
}
