import Foundation
import Testing

/// `quipu timer` and custom agendas through the real binary, on a fixed clock (QUIPU_NOW).
@Suite("The clock on the command line")
struct ClockCommandLineTests {
    func at(_ time: String) -> [String: String] { ["QUIPU_NOW": "2026-11-29T\(time)Z"] }

    @Test func customAgendaFilesAndTheirErrors() throws {
        let dir = scratchFolder()
        try FileManager.default.createDirectory(atPath: dir + "/agendas", withIntermediateDirectories: true)
        try "# follow-up\nWelcome: 5\nActions, owners & due dates: 40\nClose: 15\n"
            .write(toFile: dir + "/agendas/follow-up.txt", atomically: true, encoding: .utf8)
        try "Welcome: 5\nActions 40\n".write(toFile: dir + "/agendas/broken.txt", atomically: true, encoding: .utf8)
        let made = try quipu(["new", "Andes", "--agenda", "follow-up", "--minutes", "30"], dir: dir, environment: at("14:00:00"))
        #expect(made.status == 0, "\(made.stderr)")
        let id = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let timer = try #require(try showJSON(id, dir: dir)["timer"] as? [String: Any])
        let phases = try #require(timer["phases"] as? [[String: Any]])
        #expect(phases.compactMap { $0["name"] as? String } == ["Welcome", "Actions, owners & due dates", "Close"])
        #expect(phases.compactMap { $0["plannedSeconds"] as? Int } == [180, 1200, 420])
        let broken = try quipu(["new", "X", "--agenda", "broken"], dir: dir)
        #expect(broken.status == 1)
        #expect(broken.stderr == "quipu: \(dir)/agendas/broken.txt:2:1: a phase needs the form \"Name: minutes\", not \"Actions 40\"\n")
        let unknown = try quipu(["new", "X", "--agenda", "nope"], dir: dir)
        #expect(unknown.stderr.hasPrefix("quipu: unknown agenda \"nope\": use a template (breakout-90, roundtable-45, broken, follow-up)"))
        let zero = try quipu(["new", "X", "--agenda", "Intro:0"], dir: dir)
        #expect(zero.stderr == "quipu: agenda phase \"Intro\" needs a whole number of minutes from 1 to 1440, not \"0\"\n")
    }

    @Test func timerOperationsStatusInWordsAndJSON() throws {
        let dir = scratchFolder()
        let made = try quipu(["new", "Andes", "--agenda", "A:10,B:20,C:10"], dir: dir, environment: at("14:00:00"))
        let id = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        func timer(_ time: String, _ args: String...) throws -> Output { try quipu(["timer", id] + args, dir: dir, environment: at(time)) }
        #expect(try timer("14:00:00", "start").status == 0)
        let words = try timer("14:13:00", "status")
        #expect(words.stdout == """
            running · phase 1/3 A · +03:00 over · session 27:00 left
            phase    1/3 A: +03:00 over of 10:00 planned (run 13:00)
            session  27:00 left of 40:00 (run 13:00) · 03:00 behind plan
            next     B
            warnings 5 MIN LEFT on, 1 MIN LEFT on, 10 MIN LEFT IN SESSION on

            """)
        #expect(try timer("14:13:00", "goto", "2").stdout.hasPrefix("saved phase 2/3 B"))
        #expect(try timer("14:13:00", "goto", "4").stderr == "quipu: there is no phase 4; the agenda has 3\n")
        let respread = try timer("14:15:00", "respread")
        #expect(respread.stdout.hasPrefix("saved re-spread phases 2–3: 18:00, 09:00"), "\(respread.stderr)")
        #expect(try timer("14:15:00", "extend-session", "5").stdout.hasPrefix("saved session extended by 5 min (last phase)"))
        #expect(try timer("14:15:00", "warnings", "5", "off").status == 0)
        #expect(try timer("14:15:00", "warnings", "sometimes").status == 2)
        let json = try timer("14:16:00", "status", "--json")
        let status = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(status["at"] as? String == "2026-11-29T14:16:00.000Z")
        #expect(status["phaseName"] as? String == "B")
        #expect(status["phaseRemainingSeconds"] as? Int == 15 * 60)
        #expect(status["sessionRemainingSeconds"] as? Int == 29 * 60)
        #expect(status["behindSeconds"] as? Int == 0, "extending the session extends its plan too")
        #expect((status["warnings"] as? [String: Bool]) == ["phase-5": false, "phase-1": true, "session-10": true])
        let phases = try #require(status["phases"] as? [[String: Any]])
        #expect(phases.compactMap { $0["actualSeconds"] as? Int } == [780, 180, 0])
        #expect(phases.compactMap { $0["plannedSeconds"] as? Int } == [600, 18 * 60, 14 * 60])
    }
}

@Suite("Quiet screens")
struct QuietOptionTests {
    @Test func quietIsOfferedOnQuipuAndOpen() throws {
        let dir = scratchFolder()
        let root = try quipu(["--help"], dir: dir)
        #expect(root.stdout.contains("--quiet"))
        let open = try quipu(["open", "--help"], dir: dir)
        #expect(open.stdout.contains("--quiet"))
        #expect(try quipu(["open", "2026-11-29-nothing", "--quiet"], dir: dir).stderr.hasPrefix("quipu: there is no session"))
    }
}
