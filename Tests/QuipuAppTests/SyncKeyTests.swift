import Foundation
import Testing
@testable import QuipuApp
@testable import QuipuCore
@testable import QuipuStore
@testable import QuipuTUI

/// `S` on the screens runs the folder's sync (real git) and shows what happened in the status line.
@Suite("S: sync from the screens")
struct SyncKeyTests {
    let start = Timestamp(year: 2026, month: 11, day: 28, hour: 14)

    @Test func sInASessionSyncsAndShowsWhatArrived() throws {
        let remote = NSTemporaryDirectory() + "quipu-remote-" + UUID().uuidString.prefix(8) + ".git"
        let made = Process()
        made.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        made.arguments = ["git", "init", "-q", "--bare", remote]
        try made.run()
        made.waitUntilExit()
        let a = SessionsFolder(path: scratchSessionsFolder("quipu-sync-a-").path, device: "lap1")
        let b = SessionsFolder(path: scratchSessionsFolder("quipu-sync-b-").path, device: "rap2")
        let created = try a.create(title: "Andes", agenda: try AgendaTemplate.resolve(nil), at: start, writer: "cli")
        var syncA = try GitSync(folder: a)
        try syncA.run(remote: remote) { _ in }
        var syncB = try GitSync(folder: b)
        try syncB.run(remote: remote) { _ in }
        try b.open(created.id, writer: "cli").append(now: { start.adding(seconds: 60) }) {
            try $0.decide(.addIdea(text: "Early warning", kind: .area, by: nil, area: nil))
        }
        try syncB.run(remote: nil) { _ in }

        let runner = EffectRunner(folder: a, writer: "screens", journal: try a.open(created.id, writer: "screens"),
                                  quiet: true, clock: { start }, localTime: { $0.iso8601 })
        runner.send(.key(.char("2")))
        runner.send(.key(.char("S")))
        let screen = runner.model.render(width: 100, height: 24, now: start).buffer.lines().joined(separator: "\n")
        #expect(screen.contains("from rap2: Andes: 1 idea"), "\(screen)")
        #expect(screen.contains("I1-rap2"), "\(screen)")
    }
}
