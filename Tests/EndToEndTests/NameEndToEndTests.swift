import Foundation
import Testing

/// The resolver through the real binary: a first name finds the one person it can mean, a typo
/// is refused with the nearest name and writes nothing, and an organisation not on the roster
/// takes `--org`.
@Suite("Names on the command line, end to end")
struct NameEndToEndTests {
    @Test func aNameMeansSomeoneOrIsRefused() throws {
        let dir = scratchFolder()
        let id = try quipu(["new", "Andes"], dir: dir).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        for name in ["Ana Lima", "Bina Gurung", "Alberto Lopez"] { try quipu(["participant", id, "add", name], dir: dir) }
        let journal = dir + "/\(id).txt"

        let bina = try quipu(["role", id, "assign", "lead", "Bina"], dir: dir)
        #expect(bina.status == 0, "\(bina.stderr)")
        #expect(bina.stdout == "saved lead: P2 Bina Gurung\n", "\(bina.stdout)")

        let before = try Data(contentsOf: URL(fileURLWithPath: journal))
        for (args, message) in [
            (["role", id, "assign", "lead", "Bnia"], "no participant or organisation on the roster is \"Bnia\"; did you mean P2 Bina Gurung?"),
            (["role", id, "assign", "lead", "P99"], "there is no participant P99 in \(id)"),
            (["role", id, "assign", "lead", "AL"], "\"AL\" is Ana Lima (P1) or Alberto Lopez (P3)"),
            (["action", id, "add", "Draft", "--owner", "CARE"], "for an organisation not on the roster write org:CARE"),
        ] {
            let out = try quipu(args, dir: dir)
            #expect(out.status == 1)
            #expect(out.stderr.contains(message), "\(args): \(out.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: journal)) == before, "nothing refused was written")

        let care = try quipu(["action", id, "add", "Draft", "--owner", "CARE Perú", "--org"], dir: dir)
        #expect(care.status == 0, "\(care.stderr)")
        #expect(try String(contentsOfFile: journal, encoding: .utf8).contains("owner=\"CARE Perú\""))
    }
}
