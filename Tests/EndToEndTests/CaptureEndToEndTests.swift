import Foundation
import Testing

/// Capture as a rapporteur does it: pasting, editing, withdrawing, undoing on the screens, and
/// the command-line counterparts, checked through `show --json`.
@Suite("Capture, end to end", .serialized)
struct CaptureEndToEndTests {
    func newSession(_ dir: String, _ arguments: [String] = ["Watershed management"],
                    environment: [String: String] = [:]) throws -> String {
        let out = try quipu(["new"] + arguments, dir: dir, environment: environment)
        try #require(out.status == 0, "\(out.stderr)")
        return out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func ideas(_ id: String, _ dir: String) throws -> [[String: Any]] {
        try #require(try showJSON(id, dir: dir)["ideas"] as? [[String: Any]])
    }

    @Test func aBracketedPasteOfFiveLinesAddsFiveIdeasAndPressesNoKeys() throws {
        let dir = scratchFolder()
        let id = try newSession(dir)
        let term = try Terminal([quipuBinary, "open", id, "--dir", dir])
        #expect(term.waitFor(text: "Opening & introductions"))
        try term.send("2")
        #expect(term.waitFor(text: "No ideas yet"))
        try term.send("a")
        #expect(term.waitFor(text: "Idea:"))
        // q, Space, u and C are keys on this screen; inside a paste they are only text.
        let lines = ["Community water committees", "q", "Glacier lake early warning in 流域", "u C",
                     "Payment for ecosystem services"]
        try term.tmux(["set-buffer", "-b", "ideas", lines.joined(separator: "\n") + "\n"])
        try term.tmux(["paste-buffer", "-p", "-b", "ideas", "-t", term.session])
        #expect(term.waitFor(text: "Payment for ecosystem services"))
        #expect(term.waitFor(text: "saved 5 ideas: I1 to I5"))
        let saved = try ideas(id, dir)
        #expect(saved.compactMap { $0["text"] as? String } == lines)
        #expect(saved.compactMap { $0["id"] as? String } == ["I1", "I2", "I3", "I4", "I5"])
        // A window title ended by BEL and a link ended by ESC \ go whole; the text around them stays.
        try term.tmux(["set-buffer", "-b", "marked", "Alpha \u{1B}]0;t\u{07}beta\nGamma \u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\ delta\n"])
        try term.tmux(["paste-buffer", "-p", "-b", "marked", "-t", term.session])
        #expect(term.waitFor(text: "Gamma link delta"))
        #expect(try ideas(id, dir).suffix(2).compactMap { $0["text"] as? String } == ["Alpha beta", "Gamma link delta"])
        let timer = try #require(try showJSON(id, dir: dir)["timer"] as? [String: Any])
        #expect(timer["state"] as? String == "idle", "a pasted space did not start the clock")
        #expect(!term.exited, "a pasted q did not quit")
    }

    @Test func captureEditWithdrawAndUndoOnTheScreens() throws {
        let dir = scratchFolder()
        let id = try newSession(dir)
        let term = try Terminal([quipuBinary, "open", id, "--dir", dir])
        #expect(term.waitFor(text: "Opening & introductions"))
        try term.send("2", "a")
        try term.type("Water committees")
        try term.send("Enter")
        #expect(term.waitFor(text: "saved I1"))
        try term.send("a")
        try term.type("Soil health")
        try term.send("Enter")
        #expect(term.waitFor(text: "saved I2"))
        // Edit I1: Home selects the first row, e opens its text, Ctrl-W drops a word.
        try term.send("Home", "e", "C-w")
        try term.type("committees in every basin")
        try term.send("Enter")
        #expect(term.waitFor(text: "Water committees in every basin"))
        // Withdraw I2, then undo the withdrawal.
        try term.send("Down", "d")
        #expect(term.waitFor(text: "Withdraw I2"))
        try term.send("y")
        #expect(term.waitFor(text: "(withdrawn)"))
        try term.send("u")
        #expect(term.waitFor(text: "undid"))
        #expect(term.waitFor("the withdrawal undone") { !$0.contains("(withdrawn)") })
        // Esc in a form writes nothing.
        try term.send("a")
        try term.type("Never saved")
        try term.send("Escape")
        try term.send("q")
        #expect(term.waitFor(text: "Quipu"))

        let saved = try ideas(id, dir)
        #expect(saved.compactMap { $0["text"] as? String } == ["Water committees in every basin", "Soil health"])
        #expect(saved.compactMap { $0["withdrawn"] as? Bool } == [false, false])
    }

    @Test func rosterImportMergeRolesAndCarryOverFromTheCommandLine() throws {
        let dir = scratchFolder()
        let earlier = ["QUIPU_NOW": "2026-11-27T14:00:00Z"]
        let first = try newSession(dir, ["Watershed day 1", "--initiative", "Watershed"], environment: earlier)
        let csv = dir + "/roster.csv"
        try Data(([0xEF, 0xBB, 0xBF] as [UInt8]) + Array((
            "Name,Organization,Group,Country,Role\r\n\"Quispe, Ana\",SENAMHI,government,Perú,member\r\n\r\n"
            + "Bad,X,aliens,,\r\nJosé,\"CARE, Perú\",NGO,Perú,observer\r\n\"quispe, ana\",,,,\r\n").utf8))
            .write(to: URL(fileURLWithPath: csv))
        let imported = try quipu(["participant", first, "import", csv], dir: dir)
        #expect(imported.status == 1)
        #expect(imported.stderr.contains("roster.csv:4: Bad: unknown group \"aliens\""))
        #expect(imported.stderr.contains("roster.csv:6: quispe, ana is already on the roster as P1"))
        let people = try #require(try showJSON(first, dir: dir)["participants"] as? [[String: Any]])
        #expect(people.compactMap { $0["name"] as? String } == ["Quispe, Ana", "José"])
        #expect(people.compactMap { $0["observer"] as? Bool } == [false, true])

        for args in [["idea", first, "add", "Water committees"], ["idea", first, "add", "Committees for water"],
                     ["action", first, "add", "Map committees", "--owner", "quispe, ana", "--for", "I2", "--due", "2027-03",
                      "--supporter", "org:CARE"],
                     ["idea", first, "merge", "I2", "--into", "I1"],
                     ["role", first, "assign", "focal point", "P1"], ["role", first, "assign", "focal point", "CARE", "--org"],
                     ["role", first, "unassign", "focal point", "care"], ["undo", first]] {
            let out = try quipu(args, dir: dir, environment: earlier)
            #expect(out.status == 0, "\(args): \(out.stderr)")
        }
        let show = try showJSON(first, dir: dir)
        let actions = try #require(show["actions"] as? [[String: Any]])
        #expect(actions.first?["idea"] as? String == "I1", "the action follows the surviving idea")
        #expect(try ideas(first, dir).last?["mergedInto"] as? String == "I1")
        #expect((show["roles"] as? [[String: Any]])?.count == 2, "the unassign was undone")

        let second = try newSession(dir, ["Watershed day 2", "--initiative", "watershed", "--carry-over"],
                                    environment: ["QUIPU_NOW": "2026-11-28T09:00:00Z"])
        let carried = try #require(try showJSON(second, dir: dir)["actions"] as? [[String: Any]])
        #expect(carried.compactMap { $0["text"] as? String } == ["Map committees"])
        #expect(carried.first?["owner"] as? String == "Quispe, Ana", "carried by name")
        #expect(carried.first?["carriedFrom"] as? String == "\(first)/A1")
    }
}
