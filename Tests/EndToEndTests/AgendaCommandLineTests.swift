import Foundation
import Testing

/// `quipu edit` and `quipu agenda`: the session's details and agenda changed from a shell, as
/// the session-details form and the Agenda tab change them.
@Suite("Agenda and details on the command line")
struct AgendaCommandLineTests {
    @Test func theAgendaChangesAndRefusesWhatWouldMoveTheRecord() throws {
        let dir = scratchFolder()
        let id = try quipu(["new", "Andes"], dir: dir).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try quipu(["agenda", id, "add", "3", "Coffee", "break", "10"], dir: dir).stdout
                == "saved phase 3 added: \"Coffee break\", 10 min\n")
        #expect(try quipu(["agenda", id, "move", "3", "5"], dir: dir).status == 0)
        #expect(try quipu(["edit", id, "--initiative", "Andes water", "--facilitator", ""], dir: dir).status == 0)
        #expect(try quipu(["timer", id, "start"], dir: dir).status == 0)
        let refused = try quipu(["agenda", id, "remove", "1"], dir: dir)
        #expect(refused.status == 1)
        #expect(refused.stderr == "quipu: phase 1, Opening & introductions, is the current phase: only phases still to come can be removed\n")
        let usage = try quipu(["agenda", id, "edit", "2"], dir: dir)
        #expect(usage.status == 2 && usage.stderr.contains("edit needs --name, --minutes or both"))
        let show = try showJSON(id, dir: dir)
        let timer = try #require(show["timer"] as? [String: Any])
        let agenda = try #require(timer["phases"] as? [[String: Any]])
        #expect(agenda.compactMap { $0["name"] as? String }[4] == "Coffee break")
        #expect(show["initiative"] as? String == "Andes water")
    }

    @Test func anIdeaEditTakesItsKindAndProposer() throws {
        let dir = scratchFolder()
        let id = try quipu(["new", "Andes"], dir: dir).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try quipu(["participant", id, "add", "Bina Gurung"], dir: dir).status == 0)
        #expect(try quipu(["idea", id, "add", "Springs"], dir: dir).status == 0)
        let edit = try quipu(["idea", id, "edit", "I1", "--kind", "project", "--by", "bina"], dir: dir)
        #expect(edit.stdout == "saved I1 \"Springs\" now a project, by Bina Gurung\n", "\(edit.stderr)")
        let ideas = try #require(try showJSON(id, dir: dir)["ideas"] as? [[String: Any]])
        #expect(ideas.first?["kind"] as? String == "project")
    }
}
