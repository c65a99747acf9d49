import Foundation
import Testing
@testable import QuipuApp
@testable import QuipuCore
@testable import QuipuStore
@testable import QuipuTUI

/// Home over a real folder in which one journal has a damaged line in the middle: the session is
/// a row of its own, marked, counted, and explained, never hidden behind "No sessions".
@Suite("Home with a damaged session")
struct DamagedHomeTests {
    let start = Timestamp(year: 2026, month: 11, day: 27, hour: 14)

    /// The screens, started on home over `folder`.
    func home(_ folder: SessionsFolder) -> EffectRunner {
        EffectRunner(folder: folder, writer: "screens", journal: nil, quiet: true, clock: { start }, localTime: { $0.iso8601 })
    }

    /// A session whose third line is damaged, with a good line after it.
    @discardableResult
    func damagedSession(_ title: String, day: Int, in folder: SessionsFolder) throws -> String {
        let created = try folder.create(title: title, agenda: try AgendaTemplate.resolve(nil),
                                        at: start.adding(seconds: Int64(day) * 86_400), writer: "cli")
        let path = folder.journalPath(created.id)
        let good = String(decoding: try readFile(path), as: UTF8.self)
        try (good + "2 2026-13-28T14:05:00.000Z cli idea.add id=I1 kind=area text=One\n"
            + "3 2026-11-28T14:06:00.000Z cli idea.add id=I2 kind=area text=Two\n")
            .write(toFile: path, atomically: false, encoding: .utf8)
        return created.id
    }

    func screen(_ runner: EffectRunner) -> [String] {
        runner.model.render(width: 80, height: 24, now: start).buffer.lines()
    }

    @Test func theDamagedSessionIsARowCountedAndExplainedAndEnterSaysWhyItDoesNotOpen() throws {
        let folder = scratchSessionsFolder("quipu-damaged-")
        _ = try folder.create(title: "Watershed management", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "cli")
        let id = try damagedSession("Andes", day: 1, in: folder)
        _ = try folder.create(title: "Glacier lakes", agenda: try AgendaTemplate.resolve(nil),
                              at: start.adding(seconds: 2 * 86_400), writer: "cli")
        let runner = home(folder)
        var lines = screen(runner)
        #expect(lines[0].contains("3 sessions · 1 damaged"), "\(lines[0])")
        let row = try #require(lines.first { $0.contains(id) }, "\(lines.joined(separator: "\n"))")
        #expect(row.contains("damaged"), "\(row)")
        #expect(!lines.joined().contains("No sessions"))

        // Newest first: Glacier lakes, then the damaged Andes session.
        runner.send(.key(.down))
        lines = screen(runner)
        let place = "\(folder.journalPath(id)):3:"
        #expect(lines.contains { $0.contains(place) }, "the selected row's damage, FILE:LINE:COL: \(lines.joined(separator: "\n"))")
        let problem = lines.drop { !$0.contains(place) }.prefix(2).joined(separator: " ")
        #expect(!problem.contains("…") || problem.hasSuffix("…"), "read whole on two lines, or cut at a word end: \(problem)")
        #expect(problem.contains("like 2026-11-29T14:03:12.345Z"), "the reason is there whole, not only the place: \(problem)")

        runner.send(.key(.enter))
        #expect(runner.model.screen == .home, "a damaged journal is not opened")
        lines = screen(runner)
        let said = lines.joined(separator: "\n")
        #expect(said.contains("\(id) cannot be opened: its journal is damaged"), "\(said)")
        #expect(said.contains(place), "why, with the place: \(said)")
        #expect(said.contains("quipu check \(id)"), "\(said)")
        #expect(said.contains("press r to read the folder again"), "\(said)")

        // Any key goes back to the list, still on the damaged row; moving off it, the detail goes.
        runner.send(.key(.escape))
        lines = screen(runner)
        #expect(lines.contains { $0.contains(id) && $0.contains("damaged") })
        #expect(lines.contains { $0.contains(place) })
        runner.send(.key(.up))
        #expect(!screen(runner).contains { $0.contains(place) })
    }

    @Test func aFolderOfOnlyDamagedSessionsIsNotEmpty() throws {
        let folder = scratchSessionsFolder("quipu-damaged-")
        let id = try damagedSession("Andes", day: 1, in: folder)
        let runner = home(folder)
        let lines = screen(runner)
        #expect(lines[0].contains("1 session · 1 damaged"), "\(lines[0])")
        #expect(!lines.joined().contains("No sessions in this folder yet"))
        #expect(lines.contains { $0.contains(id) && $0.contains("damaged") })
        #expect(lines.contains { $0.contains("\(folder.journalPath(id)):3:") }, "the only row is selected")
    }
}
