import Foundation
import Testing
@testable import QuipuApp
@testable import QuipuCore
@testable import QuipuStore
import QuipuText
@testable import QuipuTUI

/// The new-session form records the language of the session's reports (the screens' language
/// unless Tab chose another), and the details form changes it.
@Suite struct ReportLanguageFromTheScreensTests {
    let start = Timestamp(year: 2026, month: 11, day: 28, hour: 14)

    func folder() -> SessionsFolder {
        let path = NSTemporaryDirectory() + "quipu-lang-" + UUID().uuidString.prefix(8)
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return SessionsFolder(path: path)
    }

    func send(_ runner: EffectRunner, _ keys: Key...) { for key in keys { runner.send(.key(key)) } }
    func type(_ text: String, into runner: EffectRunner) { for c in text { runner.send(.key(.char(c))) } }

    @Test func aSessionMadeOnSpanishScreensWritesItsReportsInSpanish() throws {
        let folder = folder()
        try Language(code: "es").speak {
            let runner = EffectRunner(folder: folder, writer: "screens", journal: nil, quiet: true, clock: { start },
                                      localTime: { $0.iso8601 })
            send(runner, .char("a"))
            type("Cuenca del Mantaro", into: runner)
            send(runner, .enter)
            let s = try #require(runner.model.log?.state)
            #expect(s.language == "es")
            #expect(Language.ofReports(s) == Language(code: "es"))
        }
    }

    @Test func tabChoosesAnotherLanguageAndTheDetailsFormChangesIt() throws {
        let folder = folder()
        let runner = EffectRunner(folder: folder, writer: "screens", journal: nil, quiet: true, clock: { start },
                                  localTime: { $0.iso8601 })
        send(runner, .char("a"), .tab, .tab)   // English → Español → Français
        type("Bassin du Congo", into: runner)
        send(runner, .enter)
        #expect(runner.model.log?.state.language == "fr")
        send(runner, .char("E"), .tab, .enter)   // Français → English
        let id = try #require(runner.model.log?.state.id)
        let reread = try folder.open(id, writer: "check").log.state
        #expect(Language.ofReports(reread) == .english, "\(reread.language ?? "nil")")
    }
}
