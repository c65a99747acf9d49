import Foundation
import Testing
@testable import QuipuApp
@testable import QuipuCore
@testable import QuipuStore
@testable import QuipuTUI

/// A whole session set up from the screens, as `quipu new` would, then its details and agenda
/// changed later: each change is in the journal, and undone with u.
@Suite("The whole session from the screens")
struct SessionSetupTests {
    let start = Timestamp(year: 2026, month: 11, day: 28, hour: 14)

    func folder() -> SessionsFolder {
        let path = NSTemporaryDirectory() + "quipu-setup-" + UUID().uuidString.prefix(8)
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return SessionsFolder(path: path)
    }

    func send(_ runner: EffectRunner, _ keys: Key...) { for key in keys { runner.send(.key(key)) } }
    func type(_ text: String, into runner: EffectRunner) { for c in text { runner.send(.key(.char(c))) } }
    func screen(_ runner: EffectRunner) -> [String] { runner.model.render(width: 80, height: 24, now: start).buffer.lines() }

    @Test func whoIsAtTheKeysIsTheFacilitatorUntilWSaysOtherwiseAndIsRecordedOnce() throws {
        let folder = folder()
        let created = try folder.create(title: "Andes", facilitator: "Ana Quispe", agenda: try AgendaTemplate.resolve(nil),
                                        at: start, writer: "cli")
        let clock = TickingClock(start)
        let runner = EffectRunner(folder: folder, writer: "screens", journal: try folder.open(created.id, writer: "screens"),
                                  quiet: true, clock: clock.now, localTime: { $0.iso8601 })
        send(runner, .char("W"))
        #expect(screen(runner).contains { $0.contains("Name: Ana Quispe") }, "the facilitator by default")
        send(runner, .ctrl("u"))
        type("Bina Gurung", into: runner)
        send(runner, .enter)
        #expect(screen(runner).contains { $0.contains("changes from this terminal are recorded as Bina Gurung") })
        for text in ["Springs", "Wells"] {
            send(runner, .char("2"), .char("a"))
            type(text, into: runner)
            send(runner, .enter)
        }
        let journal = String(decoding: try readFile(folder.journalPath(created.id)), as: UTF8.self)
        #expect(journal.components(separatedBy: "writer.join name=\"Bina Gurung\"").count == 2, "named once, before the first change: \(journal)")
        #expect(!journal.contains("name=\"Ana Quispe\"\n"), "nobody was named before a change was made")
    }

    @Test func theNewSessionFormHasEveryFieldOfQuipuNewAndCompletesTheInitiative() throws {
        let folder = folder()
        _ = try folder.create(title: "Andes day 1", initiative: "Andes water partnership", agenda: try AgendaTemplate.resolve(nil),
                              at: start.adding(seconds: -86_400), writer: "cli")
        let runner = EffectRunner(folder: folder, writer: "screens", journal: nil, quiet: true, clock: { start },
                                  localTime: { $0.iso8601 })
        send(runner, .char("a"))
        let form = screen(runner)
        for label in ["Title:", "Initiative:", "Facilitator:", "Rapporteur:", "Agenda:", "Minutes:"] {
            #expect(form.contains { $0.hasPrefix("  " + label) }, "the form lacks \(label)")
        }
        type("Andes day 2", into: runner)
        send(runner, .down)
        type("andes", into: runner)
        #expect(screen(runner).contains { $0.contains("andes water partnership  (→ takes it)") }, "\(screen(runner))")
        send(runner, .right, .down)
        type("Ana Quispe", into: runner)
        send(runner, .down)
        type("Bina Gurung", into: runner)
        send(runner, .down)
        type("Open:5,Priorities:20,Close:5", into: runner)
        send(runner, .down)
        type("60", into: runner)
        send(runner, .enter)
        #expect(runner.model.screen == .session, "\(screen(runner).joined(separator: "\n"))")
        let s = try #require(runner.model.log?.state)
        #expect(s.initiative == "Andes water partnership", "the completion is the folder's spelling")
        #expect(s.facilitator == "Ana Quispe" && s.rapporteur == "Bina Gurung")
        #expect(s.agenda.map(\.name) == ["Open", "Priorities", "Close"])
        #expect(s.agenda.map(\.plannedSeconds).reduce(0, +) == 3600, "scaled to 60 minutes")
    }

    @Test func aBadAgendaInTheFormIsRefusedAndTheFormKeepsItsText() throws {
        let folder = folder()
        let runner = EffectRunner(folder: folder, writer: "screens", journal: nil, quiet: true, clock: { start },
                                  localTime: { $0.iso8601 })
        send(runner, .char("a"))
        type("Páramos", into: runner)
        send(runner, .down, .down, .down, .down)
        type("workshop-3", into: runner)
        send(runner, .enter)
        #expect(runner.model.screen == .home)
        #expect((screen(runner)[21] + screen(runner)[22]).contains("unknown agenda \"workshop-3\""), "\(screen(runner)[22])")
        #expect(screen(runner).contains { $0.hasPrefix("  Title:       Páramos") }, "\(screen(runner).joined(separator: "\n"))")
        #expect(try folder.sessionIDs().isEmpty, "nothing was created")
    }

    @Test func detailsAndAgendaChangeLaterAndUndo() throws {
        let folder = folder()
        let created = try folder.create(title: "Andes", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "cli")
        let clock = TickingClock(start)
        let runner = EffectRunner(folder: folder, writer: "screens", journal: try folder.open(created.id, writer: "screens"),
                                  quiet: true, clock: clock.now, localTime: { $0.iso8601 })
        send(runner, .char("E"), .down)
        type("Andes water partnership", into: runner)
        send(runner, .down, .down)
        type("Bina Gurung", into: runner)
        send(runner, .enter)
        #expect(runner.model.log?.state.initiative == "Andes water partnership")
        #expect(runner.model.log?.state.rapporteur == "Bina Gurung")

        // The Agenda tab: rename phase 2, add a break after it, move it down, shorten it, remove it.
        send(runner, .char("1"), .down, .char("e"), .ctrl("u"))
        type("Priorities", into: runner)
        send(runner, .down, .ctrl("u"))
        type("30", into: runner)
        send(runner, .enter)
        #expect(screen(runner).contains { $0.contains("Priorities") && $0.contains("30:00") }, "\(screen(runner).joined(separator: "\n"))")
        send(runner, .char("a"))
        type("Coffee", into: runner)
        send(runner, .enter)
        type("10", into: runner)
        send(runner, .enter)
        #expect(runner.model.log?.state.agenda.map(\.name)[2] == "Coffee")
        send(runner, .down, .char("J"))
        #expect(runner.model.log?.state.agenda.map(\.name)[3] == "Coffee")
        send(runner, .char("-"))
        #expect(runner.model.log?.state.agenda[3].plannedSeconds == 540, "- shortens the selected phase, not the current one")
        #expect(runner.model.log?.state.agenda[0].plannedSeconds == 600)
        send(runner, .char("d"), .char("y"))
        #expect(runner.model.log?.state.agenda.count == 5)
        send(runner, .char("u"))
        #expect(runner.model.log?.state.agenda.map(\.name)[3] == "Coffee", "u brings it back")

        let journal = String(decoding: try readFile(folder.journalPath(created.id)), as: UTF8.self)
        for line in ["session.edit initiative=\"Andes water partnership\" rapporteur=\"Bina Gurung\"",
                     "phase.rename phase=1 name=Priorities", "phase.adjust phase=1 seconds=300",
                     "phase.add phase=2 seconds=600 name=Coffee", "phase.move phase=2 to=3", "phase.remove phase=3"] {
            #expect(journal.contains(line), "the journal lacks \(line):\n\(journal)")
        }
    }

    @Test func aClosedSessionRefusesTheDetailsForm() throws {
        let folder = folder()
        let created = try folder.create(title: "Andes", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "cli")
        _ = try created.append(now: { start }) { try $0.decide(.close) }
        let runner = EffectRunner(folder: folder, writer: "screens", journal: try folder.open(created.id, writer: "screens"),
                                  quiet: true, clock: { start }, localTime: { $0.iso8601 })
        send(runner, .char("E"), .ctrl("u"))
        type("Other", into: runner)
        send(runner, .enter)
        #expect(runner.model.log?.state.title == "Andes")
        #expect(screen(runner)[22].contains("closed"))
    }
}
