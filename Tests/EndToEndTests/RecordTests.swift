import Foundation
import Testing

/// The record a reviewer trusts, across sessions (issue 15): a carried action is one action, the
/// plenary report carries every conclusion, and names match however they are accented.
@Suite("The record across sessions, end to end", .serialized)
struct RecordEndToEndTests {
    let watershed = "2026-11-27-watershed-management"
    let andes = "2026-11-28-andes"
    let followUp = "2026-11-29-watershed-management-follow-up-on-the-workplan"
    let february = ["QUIPU_NOW": "2027-02-10T12:00:00Z", "TZ": "UTC"]

    func examples() throws -> String { try exampleSessionsCopy() }

    func rows(_ out: Output) throws -> [[String: Any]] {
        try #require(out.status == 0, "\(out.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]])
    }

    /// The follow-up carries the watershed session's open actions, and marks its copy of A1 done.
    func carried() throws -> String {
        let dir = try examples()
        try #require(try quipu(["action", followUp, "carry-over"], dir: dir, environment: february).status == 0)
        try #require(try quipu(["action", followUp, "status", "A1", "done"], dir: dir, environment: february).status == 0)
        return dir
    }

    @Test func aCarriedActionIsListedOnceWithItsLatestStatusAndHistory() throws {
        let dir = try carried()
        let open = try rows(try quipu(["actions", "--json"], dir: dir, environment: february))
        let texts = open.compactMap { $0["text"] as? String }
        #expect(texts.count == Set(texts).count, "listed twice: \(texts)")
        // 6 watershed actions, one of them done in the follow-up, and 5 of the Andes.
        #expect(open.count == 10)
        #expect(!texts.contains("Circulate a concept note on the three priority areas"), "done in the latest session")
        let donors = try #require(open.first { $0["text"] as? String == "Identify donors for the Río Santa restoration pilot" })
        #expect(donors["session"] as? String == followUp)
        #expect(donors["organisation"] as? String == "Kenya Forest Service", "the copy keeps the owner's organisation")
        #expect(donors["carriedFrom"] as? [String] == ["\(watershed)/A4"])

        let done = try rows(try quipu(["actions", "--status", "done", "--json"], dir: dir, environment: february))
        #expect(done.map { "\($0["session"] as? String ?? "") \($0["id"] as? String ?? "")" } == ["\(followUp) A1"])

        let text = try quipu(["actions"], dir: dir, environment: february)
        #expect(text.stdout.contains("10 actions, 2 overdue on 2027-02-10"), "\(text.stdout)")
        #expect(text.stdout.contains("\(watershed) A4 → \(followUp) A4"), "\(text.stdout)")

        let plenary = try quipu(["report", "--plenary", "--include-planned"], dir: dir, environment: february)
        try #require(plenary.status == 0, "\(plenary.stderr)")
        let concept = plenary.stdout.split(separator: "\n").filter { $0.contains("Circulate a concept note on the three priority areas") }
        #expect(concept.count == 1, "\(concept)")
        #expect(concept.first?.contains("| done |") == true, "\(concept)")
        #expect(!plenary.stdout.contains("Amina Wanjiru |"), "the copy keeps the organisation")
    }

    @Test func thePlenaryCarriesEveryConclusion() throws {
        let dir = try examples()
        // A session with no vote, of the Andes initiative spelt another way, and an area added
        // to the Andes session after its vote opened.
        let env = ["QUIPU_NOW": "2026-11-30T15:00:00Z", "TZ": "UTC"]
        let new = try quipu(["new", "Andes follow-up", "--initiative", "ANDES"], dir: dir, environment: env)
        try #require(new.status == 0, "\(new.stderr)")
        let id = new.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(try quipu(["timer", id, "start"], dir: dir, environment: env).status == 0)
        try #require(try quipu(["idea", id, "add", "Water for highland schools"], dir: dir, environment: env).status == 0)
        try #require(try quipu(["reopen", andes], dir: dir, environment: env).status == 0)
        try #require(try quipu(["idea", andes, "add", "Páramo restoration"], dir: dir, environment: env).status == 0)
        try #require(try quipu(["close", andes], dir: dir, environment: env).status == 0)

        let march = ["QUIPU_NOW": "2027-03-01T12:00:00Z", "TZ": "UTC"]
        let out = try quipu(["report", "--plenary", "--initiative", "andes"], dir: dir, environment: march)
        try #require(out.status == 0, "\(out.stderr)")
        let md = out.stdout
        #expect(md.components(separatedBy: "\n## ").count == 2, "one group for Andes and ANDES:\n\(md)")
        #expect(md.contains("## Andes\n"))
        #expect(md.contains("Water for highland schools"), "a session with no vote gives its areas")
        #expect(md.contains("From `\(id)`, not voted on:\n\n- Water for highland schools"))
        #expect(md.contains("From `\(andes)`, not voted on in V1:\n\n- Páramo restoration"), "an area added after the vote")
        #expect(md.contains("Priorities I1, I7 and I2 go to plenary"), "decisions and notes")
        #expect(md.contains("Ask CAN"))
        #expect(md.contains("dot vote"), "the method is named")
        #expect(md.contains("overdue"), "A5, due 2027-01-15, is overdue in March")
        #expect(!md.contains("(International Potato Center (CIP))"), "no nested parentheses")
        #expect(md.contains("### Left open\n\n- "), "left open is a list")

        let all = try quipu(["report", "--plenary"], dir: dir, environment: march)
        #expect(!all.stdout.contains(followUp), "a planned session is left out")
        let planned = try quipu(["report", "--plenary", "--include-planned"], dir: dir, environment: march)
        #expect(planned.stdout.contains(followUp))

        let nothing = try quipu(["report", "--plenary", "--initiative", "Amazonia"], dir: dir, environment: march)
        #expect(nothing.stderr.contains("Amazonia"), "a filter that matches nothing says so: \(nothing.stderr)")
        let late = try quipu(["report", "--plenary", "--from", "2030-01-01"], dir: dir, environment: march)
        #expect(late.stderr == "quipu: no session matches\n")
        let followUpDay = try quipu(["report", "--plenary", "--from", "2026-11-29", "--to", "2026-11-29"], dir: dir, environment: march)
        #expect(followUpDay.stderr.contains("--include-planned"), "\(followUpDay.stderr)")
    }

    @Test func searchAndOwnersMatchNamesAsTheResolverDoes() throws {
        let dir = try examples()
        let search = try quipu(["search", "nuflo"], dir: dir)
        #expect(search.status == 0)
        #expect(search.stdout.contains("Gonzalo Ñuflo"), "\(search.stdout)")

        let byName = try rows(try quipu(["actions", "--owner", "gonzalo nuflo", "--json"], dir: dir, environment: february))
        #expect(byName.compactMap { $0["id"] as? String } == ["A5"])

        // Two people are Quispe: refused with both, as the resolver refuses.
        let two = try quipu(["actions", "--owner", "quispe"], dir: dir, environment: february)
        #expect(two.status == 1)
        #expect(two.stderr.contains("Juan Carlos Quispe") && two.stderr.contains("María Quispe Mamani"), "\(two.stderr)")

        // P4 is Amina Wanjiru in the watershed session and Diego Castaño in the Andes one.
        let bare = try quipu(["actions", "--owner", "P4"], dir: dir, environment: february)
        #expect(bare.status != 0)
        #expect(bare.stderr.contains("--session"), "\(bare.stderr)")
        #expect(bare.stderr.split(separator: "\n").count == 1)
        let inSession = try rows(try quipu(["actions", "--owner", "P4", "--session", watershed, "--json"], dir: dir, environment: february))
        #expect(inSession.compactMap { $0["ownerName"] as? String } == ["Amina Wanjiru"])

        // A typo is met with the nearest names; an id nobody has is said to be nobody's.
        let typo = try quipu(["actions", "--owner", "Gonzlo"], dir: dir, environment: february)
        #expect(typo.status == 1 && typo.stderr.contains("did you mean Gonzalo Ñuflo?"), "\(typo.stderr)")
        let nobody = try quipu(["actions", "--owner", "P99"], dir: dir, environment: february)
        #expect(nobody.stderr.contains("there is no participant P99 in any session"), "\(nobody.stderr)")
    }
}
