import Foundation
import Testing
@testable import QuipuApp
@testable import QuipuCore
@testable import QuipuStore
@testable import QuipuTUI

/// Home's rows count an action carried over where it lives now, as `quipu list` does: they read
/// the folder through the same summaries, placed by the same rule.
@Suite("Home and carried actions")
struct CarriedHomeTests {
    let start = Timestamp(year: 2026, month: 11, day: 27, hour: 14)

    @Test func aCarriedActionIsOpenOnlyInTheSessionItWasCarriedInto() throws {
        let folder = scratchSessionsFolder("quipu-carried-")
        let earlier = try folder.create(title: "Water", initiative: "Water", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "cli")
        for text in ["Map the springs", "Write to the donors"] {
            try earlier.append(now: { start }) { try $0.decide(.addAction(text: text, owner: "org:FAO", due: nil, idea: nil)) }
        }
        let dayLater = start.adding(seconds: 86_400)
        let later = try folder.create(title: "Water again", initiative: "Water", agenda: try AgendaTemplate.resolve(nil), at: dayLater, writer: "cli")
        let source = try folder.load(earlier.id).log.state
        try later.append(now: { dayLater }) { try $0.decide(.carryOver(from: source)) }
        try later.append(now: { dayLater }) { try $0.decide(.setActionStatus(id: "A1", status: .done)) }

        let runner = EffectRunner(folder: folder, writer: "screens", journal: nil, quiet: true, clock: { dayLater },
                                  localTime: { $0.iso8601 })
        // Newest first.
        #expect(runner.model.summaries.map(\.id) == [later.id, earlier.id])
        #expect(runner.model.summaries.map(\.actions) == [2, 2])
        #expect(runner.model.summaries.map(\.openActions) == [1, 0])
        #expect(runner.model.summaries.map(\.carriedOn) == [0, 2])
    }
}
