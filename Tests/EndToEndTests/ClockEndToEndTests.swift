import Foundation
import Testing

/// The clock of the real binary in tmux: it runs, it survives kill -9, and reopening shows the
/// time the command line computes for the same moment.
@Suite("The breakout clock, end to end", .serialized)
struct ClockEndToEndTests {
    /// The phase's remaining seconds as the header shows them (`09:57 left in phase`).
    func phaseSeconds(_ screen: String) -> Int? {
        for line in screen.split(separator: "\n") {
            guard let range = line.range(of: " left in phase") ?? line.range(of: " left · ends") else { continue }
            let digits = line[..<range.lowerBound].suffix(5)
            let parts = digits.split(separator: ":")
            guard parts.count == 2, let m = Int(parts[0]), let s = Int(parts[1]) else { continue }
            return m * 60 + s
        }
        return nil
    }

    @Test func theClockRunsSurvivesKill9AndReopensAtTheRightTime() throws {
        let dir = scratchFolder()
        let made = try quipu(["new", "Andes", "--agenda", "Intro:10,Discuss:30"], dir: dir)
        try #require(made.status == 0, "\(made.stderr)")
        let id = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let term = try Terminal([quipuBinary, "open", id, "--dir", dir])
        #expect(term.waitFor(text: "10:00 left in phase"))
        try term.send("Space")
        #expect(term.waitFor(text: "RUNNING"))
        var first: (seconds: Int, at: Date)?
        term.waitFor("a first reading of the running clock") { screen in
            guard let s = phaseSeconds(screen), s < 600 else { return false }
            first = (s, Date())
            return true
        }
        let start = try #require(first)
        // It falls, and by no more than the time that passed (plus a second of display rounding).
        var second: (seconds: Int, at: Date)?
        term.waitFor("the clock falling by two seconds or more", timeout: 20) { screen in
            guard let s = phaseSeconds(screen), s <= start.seconds - 2 else { return false }
            second = (s, Date())
            return true
        }
        let fell = try #require(second)
        #expect(Double(start.seconds - fell.seconds) <= fell.at.timeIntervalSince(start.at) + 1.5)

        kill(term.pid, SIGKILL)
        #expect(term.waitFor("the program gone") { _ in term.exited })

        // Reopened: the room did not stop. The screen and the command line agree.
        let again = try Terminal([quipuBinary, "open", id, "--dir", dir])
        var shown: (seconds: Int, at: Date)?
        again.waitFor("the reopened clock") { screen in
            guard screen.contains("RUNNING"), let s = phaseSeconds(screen) else { return false }
            shown = (s, Date())
            return true
        }
        let reopened = try #require(shown)
        let status = try quipu(["timer", id, "status", "--json"], dir: dir)
        let asked = Date()
        try #require(status.status == 0, "\(status.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let computed = try #require(json["phaseRemainingSeconds"] as? Int)
        let between = asked.timeIntervalSince(reopened.at)
        #expect(reopened.seconds <= fell.seconds, "the clock kept running while quipu was dead")
        #expect(computed <= reopened.seconds + 1)
        #expect(Double(reopened.seconds - computed) <= between + 2)
        #expect(json["state"] as? String == "running")
    }
}
