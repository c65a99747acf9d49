import Testing
@testable import QuipuCore

/// Two laptops offline, then each other's files, merged in either order: a ballot the closing
/// laptop had not seen is late (listed, not counted unless accepted), and a field both changed
/// keeps the later value with the other shown as a conflict.
@Suite("Changes crossed on two laptops: late ballots, conflicts")
struct CrossedChangesTests {
    let at = Timestamp(year: 2026, month: 11, day: 28, hour: 14)

    /// Decides `command` on `log` and appends it as `writer` would (seq one more than any seen).
    func apply(_ log: inout SessionLog, _ writer: String, _ command: Command) throws -> [Event] {
        var seq = log.nextSeq
        let events = try log.decide(command).map { change -> Event in
            defer { seq += 1 }
            return Event(id: EventID(seq: seq, writer: writer), at: at, change: change)
        }
        log.append(events)
        return events
    }

    /// The session as the first laptop made it: these participants (members, present) and areas.
    func room(people: [String] = [], ideas: [String] = []) throws -> SessionLog {
        var log = SessionLog(id: "s")
        _ = try apply(&log, "lap1", .createSession(title: "Andes", initiative: "", facilitator: "", rapporteur: "",
                                                   agenda: [Phase(name: "All", plannedSeconds: 600)]))
        for name in people {
            _ = try apply(&log, "lap1", .addParticipant(name: name, organisation: "", group: .other, country: "", observer: false))
        }
        for text in ideas { _ = try apply(&log, "lap1", .addIdea(text: text, kind: .area, by: nil, area: nil)) }
        return log
    }

    @Test func aBallotTheCloseHadNotSeenIsLateAndNotCounted() throws {
        var lap1 = try room(people: ["Ana Lima", "Ben Okoro"], ideas: ["Glaciers", "Water"])
        _ = try apply(&lap1, "lap1", .openVote(method: .approval, dots: 1, maxPerItem: nil, candidates: nil))
        var rap2 = lap1
        // Offline on both: Ben votes on the second laptop, Ana on the first, which then closes.
        let ben = try apply(&rap2, "rap2", .castBallot(vote: nil, by: "Ben", choices: [.init(idea: "I2", points: 1)]))
        var mine = try apply(&lap1, "lap1", .castBallot(vote: nil, by: "Ana", choices: [.init(idea: "I1", points: 1)]))
        mine += try apply(&lap1, "lap1", .closeVote(id: nil))
        // And Ben again, on a laptop that still has not seen the close.
        let again = try apply(&rap2, "rap2", .castBallot(vote: nil, by: "Ben", choices: [.init(idea: "I1", points: 1)]))
        let merged = SessionLog(id: "s", events: lap1.events + ben + again)
        #expect(merged == SessionLog(id: "s", events: (ben + again + rap2.events + mine).reversed()))
        let vote = merged.state.votes[0]
        #expect(vote.status == .closed)
        #expect(vote.ballots.map(\.by) == ["P1"])
        #expect(vote.late.map(\.by) == ["P2", "P2"])
        #expect(vote.results.first(where: { $0.idea == "I1" })?.score == 1)
        #expect(vote.results.first(where: { $0.idea == "I2" })?.score == 0)
        // The close says what it saw, and reads back the same.
        guard case let .voteClosed(_, _, seen?) = mine.last?.change else { Issue.record("no seen"); return }
        #expect(seen == [mine[0].id])
        #expect(try Change(record: mine.last!.change.record) == mine.last!.change)

        // The facilitator counts them after all: Ben's latest ballot counts, once.
        var after = merged
        let accepted = try apply(&after, "lap1", .acceptLateBallots(vote: nil))
        #expect(accepted.map(\.change) == [.lateBallotAccepted(vote: "V1", ballot: ben[0].id),
                                            .lateBallotAccepted(vote: "V1", ballot: again[0].id)])
        #expect(after.state.votes[0].late.isEmpty)
        #expect(after.state.votes[0].results.first(where: { $0.idea == "I1" })?.score == 2)
        #expect(after.state.votes[0].results.first(where: { $0.idea == "I2" })?.score == 0)
        #expect(try Change(record: accepted[0].change.record) == accepted[0].change)
        #expect(throws: QuipuError("no vote of s has late ballots")) { try after.decide(.acceptLateBallots(vote: nil)) }
    }

    @Test func twoEditsThatCrossKeepTheLaterAndShowTheOtherAsAConflict() throws {
        var lap1 = try room(ideas: ["Glaciers"])
        // One laptop editing twice in a row is no conflict.
        _ = try apply(&lap1, "lap1", .editIdea(id: "I1", text: "Glacier retreat"))
        var rap2 = lap1
        let theirs = try apply(&rap2, "rap2", .editIdea(id: "I1", text: "Glacier lakes"))
        let mine = try apply(&lap1, "lap1", .editIdea(id: "I1", text: "Glacier monitoring"))
        let one = SessionLog(id: "s", events: lap1.events + theirs)
        let other = SessionLog(id: "s", events: rap2.events + mine)
        #expect(one == other)
        // Same seq: `rap2` sorts after `lap1`, so its text is kept, and lap1's is the conflict.
        #expect(one.state.idea("I1")?.text == "Glacier lakes")
        #expect(one.state.conflicts == [EditConflict(item: "I1", field: "text", kept: "Glacier lakes", lost: "Glacier monitoring",
                                                     keptBy: theirs[0].id, lostBy: mine[0].id)])
        #expect(lap1.state.conflicts.isEmpty)
        #expect(try Change(record: mine[0].change.record) == mine[0].change)
    }

    @Test func theSessionsDetailsAndAParticipantEditedAtOnceKeepTheLaterAndShowTheOther() throws {
        var lap1 = try room(people: ["Ana Lima"])
        var rap2 = lap1
        let theirs = try apply(&rap2, "rap2", .editSession(title: "Andes water", initiative: nil, facilitator: "Carmen", rapporteur: nil))
            + apply(&rap2, "rap2", .editParticipant(who: "P1", name: "Ana María Lima", organisation: "CARE", group: nil, country: nil))
        let mine = try apply(&lap1, "lap1", .editSession(title: "Andes glaciers", initiative: "Andes", facilitator: nil, rapporteur: nil))
            + apply(&lap1, "lap1", .editParticipant(who: "P1", name: "Ana Lima Q.", organisation: nil, group: nil, country: "Perú"))
        let one = SessionLog(id: "s", events: lap1.events + theirs)
        #expect(one == SessionLog(id: "s", events: rap2.events + mine))
        let s = one.state
        // Only the fields both changed cross; the others are simply both applied.
        #expect(s.title == "Andes water" && s.initiative == "Andes" && s.facilitator == "Carmen")
        #expect(s.participants[0].name == "Ana María Lima" && s.participants[0].organisation == "CARE" && s.participants[0].country == "Perú")
        #expect(s.conflicts.map { "\($0.item) \($0.field): \($0.kept) / \($0.lost)" }
                == ["session title: Andes water / Andes glaciers", "P1 name: Ana María Lima / Ana Lima Q."])
        // One laptop alone never conflicts with itself.
        #expect(lap1.state.conflicts.isEmpty && rap2.state.conflicts.isEmpty)
        for event in theirs + mine { #expect(try Change(record: event.change.record) == event.change) }
    }

    @Test func oneMemberVotingOnTwoLaptopsCountsOnceTheLaterBallot() throws {
        var lap1 = try room(people: ["Ana Lima"], ideas: ["Glaciers", "Water"])
        _ = try apply(&lap1, "lap1", .openVote(method: .approval, dots: 1, maxPerItem: nil, candidates: nil))
        var rap2 = lap1
        let there = try apply(&rap2, "rap2", .castBallot(vote: nil, by: "Ana", choices: [.init(idea: "I2", points: 1)]))
        let here = try apply(&lap1, "lap1", .castBallot(vote: nil, by: "Ana", choices: [.init(idea: "I1", points: 1)]))
        // Both arrive before the close: one ballot, the later in (seq, writer) order (rap2's).
        var merged = SessionLog(id: "s", events: lap1.events + there)
        #expect(merged == SessionLog(id: "s", events: rap2.events + here))
        _ = try apply(&merged, "lap1", .closeVote(id: nil))
        let vote = merged.state.votes[0]
        #expect(vote.ballots.count == 1 && vote.late.isEmpty)
        #expect(vote.ballots[0].choices.map(\.idea) == ["I2"])
    }

    @Test func anActionEditedAtOnceMergesFieldByFieldAndAStatusConflictShows() throws {
        var lap1 = try room(people: ["Ana Lima", "Ben Okoro"])
        _ = try apply(&lap1, "lap1", .addAction(text: "Map the springs", owner: "Ana", due: nil, idea: nil))
        var rap2 = lap1
        let theirs = try apply(&rap2, "rap2", .editAction(id: "A1", text: nil, owner: "Ben", due: nil, idea: nil, supporters: nil))
            + apply(&rap2, "rap2", .setActionStatus(id: "A1", status: .done))
        let mine = try apply(&lap1, "lap1", .editAction(id: "A1", text: nil, owner: nil, due: "2027-03", idea: nil, supporters: nil))
            + apply(&lap1, "lap1", .setActionStatus(id: "A1", status: .dropped))
        let one = SessionLog(id: "s", events: lap1.events + theirs)
        #expect(one == SessionLog(id: "s", events: rap2.events + mine))
        let a = one.state.actions[0]
        // The owner from one laptop and the due date from the other: both kept, no conflict.
        #expect(a.owner == "P2" && a.due == "2027-03")
        // Done on one, dropped on the other: the later kept, the other shown.
        #expect(one.state.conflicts.map { "\($0.item) \($0.field): \($0.kept) / \($0.lost)" } == ["A1 status: done / dropped"])
        for event in theirs + mine { #expect(try Change(record: event.change.record) == event.change) }
    }
}
