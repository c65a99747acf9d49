import QuipuCore
import QuipuReports
import QuipuText
import QuipuStore
import Foundation
import Testing

/// An action carried from session to session is one action (issue 15).
@Suite struct ActionHistoryTests {
    /// A session of the Andes initiative, its commands decided and applied in order.
    func session(_ id: String, day: Int, _ commands: [Command]) throws -> Session {
        var log = SessionLog(id: id)
        let at = Timestamp(year: 2026, month: 11, day: day, hour: 14)
        for command in [Command.createSession(title: "Andes", initiative: "Andes", facilitator: "", rapporteur: "",
                                              agenda: try AgendaTemplate.resolve(nil))] + commands {
            let changes = try log.decide(command)
            let first = log.nextSeq
            log.append(changes.enumerated().map { Event(id: EventID(seq: first + $0.offset, writer: "t"), at: at, change: $0.element) })
        }
        return log.state
    }

    @Test func aChainOfCopiesIsOneActionAtItsLastCopy() throws {
        let s1 = try session("2026-11-01-andes", day: 1, [
            .addParticipant(name: "Ana Lima", organisation: "CARE Perú", group: .ngo, country: "", observer: false),
            .addAction(text: "Write to CAN", owner: "P1", due: "2027-01", idea: nil, supporters: []),
        ])
        // Ana is not at the second session: she is carried by name.
        let s2 = try session("2026-11-02-andes", day: 2, [
            .addParticipant(name: "Bo Chen", organisation: "", group: .ngo, country: "", observer: false),
            .carryOver(from: s1),
        ])
        let s3 = try session("2026-11-03-andes", day: 3, [.carryOver(from: s2), .setActionStatus(id: "A1", status: .done)])
        #expect(s2.actions.first?.owner == "Ana Lima")

        let all = TrackedAction.all([s1, s2, s3])
        try #require(all.count == 1)
        #expect(all[0].session.id == s3.id)
        #expect(all[0].action.status == .done, "done in the latest session is done")
        #expect(all[0].carriedFrom == ["2026-11-01-andes/A1", "2026-11-02-andes/A1"])
        #expect(all[0].history == ["2026-11-01-andes A1", "2026-11-02-andes A1", "2026-11-03-andes A1"])
        #expect(all[0].ownerName == "Ana Lima")
        #expect(all[0].organisation == "CARE Perú", "the copy keeps the owner's organisation")

        // The first session not in the folder any more: its place is still named.
        let later = TrackedAction.all([s2, s3])
        #expect(later.map(\.carriedFrom) == [["2026-11-01-andes/A1", "2026-11-02-andes/A1"]])

        let open = try ActionsReport.rows([s1, s2, s3], filter: .init(), today: "2027-03-01")
        #expect(open.isEmpty, "closed in the latest session, closed for the reviewer")
        let done = try ActionsReport.rows([s1, s2, s3], filter: .init(status: .done), today: "2027-03-01")
        #expect(done.map(\.sessionID) == [s3.id])
        let plenary = PlenaryReport.render([s1, s2, s3], selection: .init(includePlanned: true), today: "2027-03-01")
        #expect(plenary.components(separatedBy: "Write to CAN").count == 2, "once:\n\(plenary)")
        #expect(plenary.contains("| Write to CAN | Ana Lima (CARE Perú) | 2027-01 | done | "
            + "2026-11-01-andes A1 → 2026-11-02-andes A1 → 2026-11-03-andes A1 |"))
    }
}

/// Counts agree with their number in the vote lines of the reports (issue 15).
@Suite struct VoteWordingTests {
    @Test func oneMemberAndOneBallotAreSingular() {
        let one = Vote(id: "V1", candidates: ["I1"], eligible: ["P1"], status: .closed,
                       ballots: [Ballot(by: "P1", choices: [.init(idea: "I1", points: 1)])])
        #expect(one.turnoutText == "1 of 1 eligible member voted (100%)")
        #expect(TextReport.voteLine(one).contains("1 of 1 member voted"))
        let nobody = Vote(id: "V2", candidates: ["I1"], eligible: [], status: .closed,
                          ballots: [Ballot(by: "P9", choices: [.init(idea: "I1", points: 1)], binding: true)])
        #expect(nobody.turnoutText == "1 ballot; no members were eligible")
    }
}

/// "an area", never "a area" (issue 15).
@Suite struct ArticleWordingTests {
    @Test func anAreaInTheRecordAndTheTimeline() {
        var s = Session(id: "2026-11-28-andes")
        s.title = "Andes"
        #expect(describe(.ideaSet(id: "I3", kind: .area, by: nil), in: s) .contains("now an area"))
        #expect(describe(.ideaSet(id: "I3", kind: .project, by: nil), in: s).contains("now a project"))
    }
}

/// Carry-over finds the earlier session of the initiative however its name is accented, as the
/// plenary groups it (issue 15).
@Suite struct CarryOverSourceTests {
    @Test func anInitiativeWrittenWithoutItsAccentIsTheSameInitiative() throws {
        let folder = SessionsFolder(path: NSTemporaryDirectory() + "quipu-carry-" + String(UInt64.random(in: 0...UInt64.max), radix: 36))
        let day1 = Timestamp(year: 2026, month: 11, day: 1, hour: 14)
        let first = try folder.create(title: "Páramos", initiative: "Páramos", agenda: try AgendaTemplate.resolve(nil), at: day1, writer: "t")
        let second = try folder.create(title: "Paramos again", initiative: "paramos", agenda: try AgendaTemplate.resolve(nil),
                                       at: day1.adding(seconds: 86_400), writer: "t")
        #expect(try folder.carryOverSource(for: second.id).id == first.id)
    }
}

/// A tie settled by a runoff reaches the plenary with the runoff's outcome (issue 15).
@Suite struct PlenaryRunoffTests {
    @Test func theRunoffSettlesTheTieInThePlenary() throws {
        let history = ActionHistoryTests()
        let s = try history.session("2026-11-05-andes", day: 5, [
            .addParticipant(name: "Ana Lima", organisation: "", group: .ngo, country: "", observer: false),
            .addParticipant(name: "Bo Chen", organisation: "", group: .ngo, country: "", observer: false),
            .startTimer,
            .addIdea(text: "Water", kind: .area, by: nil, area: nil),
            .addIdea(text: "Seeds", kind: .area, by: nil, area: nil),
            .startVote(VoteSetup(method: .dot, dots: 1, candidates: ["I1", "I2"], tieBreak: .runoff)),
            .castBallotText(vote: nil, by: "P1", words: ["I1"]),
            .castBallotText(vote: nil, by: "P2", words: ["I2"]),
            .closeVote(id: nil),
            .openRunoff(of: nil),
            .castBallotText(vote: nil, by: "P1", words: ["I2"]),
            .castBallotText(vote: nil, by: "P2", words: ["I2"]),
            .closeVote(id: nil),
        ])
        let md = PlenaryReport.render([s], selection: .init(), today: "2026-12-01")
        #expect(md.contains("Runoff V2 among the tied: Seeds first."), "\(md)")
        #expect(!md.contains("A tie for first place"), "settled, not left open")
    }
}

/// Carry-over finds the owner on the later roster however the name is accented (issue 15).
@Suite struct CarriedOwnerTests {
    @Test func anOwnerSpeltWithoutTheAccentIsTheSamePerson() throws {
        let history = ActionHistoryTests()
        let s1 = try history.session("2026-11-01-andes", day: 1, [
            .addParticipant(name: "Sofía Mendoza", organisation: "CIP", group: .research, country: "", observer: false),
            .addAction(text: "Map seed banks", owner: "P1", due: nil, idea: nil, supporters: []),
        ])
        let s2 = try history.session("2026-11-02-andes", day: 2, [
            .addParticipant(name: "Bo Chen", organisation: "", group: .ngo, country: "", observer: false),
            .addParticipant(name: "Sofia  Mendoza", organisation: "CIP", group: .research, country: "", observer: false),
            .carryOver(from: s1),
        ])
        #expect(s2.actions.first?.owner == "P2")
    }
}
