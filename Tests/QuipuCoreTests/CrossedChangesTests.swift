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

    @Test func anIdeasKindAndProposerAParticipantsPresenceAndRoleSetAtOnceKeepTheLaterAndShowTheOther() throws {
        var lap1 = try room(people: ["Ana Lima", "Ben Okoro"], ideas: ["Glaciers"])
        var rap2 = lap1
        let theirs = try apply(&rap2, "rap2", .reviseIdea(id: "I1", text: nil, kind: .programme, by: "Ana", area: nil))
            + apply(&rap2, "rap2", .setParticipant(who: "Ben", present: false, observer: true))
        let mine = try apply(&lap1, "lap1", .reviseIdea(id: "I1", text: nil, kind: .project, by: "Ben", area: nil))
            + apply(&lap1, "lap1", .setParticipant(who: "Ben", present: nil, observer: false))
        let one = SessionLog(id: "s", events: lap1.events + theirs)
        #expect(one == SessionLog(id: "s", events: rap2.events + mine))
        let s = one.state
        // rap2 sorts after lap1 at the same seq: its values are kept everywhere.
        #expect(s.idea("I1")?.kind == .programme && s.idea("I1")?.by == "P1")
        #expect(s.participants[1].observer && !s.participants[1].present)
        #expect(s.conflicts.map { "\($0.item) \($0.field): \($0.kept) / \($0.lost)" }
                == ["I1 kind: programme / project", "I1 by: P1 / P2", "P2 role: observer / member"])
        #expect(lap1.state.conflicts.isEmpty && rap2.state.conflicts.isEmpty)
        for event in theirs + mine { #expect(try Change(record: event.change.record) == event.change) }
        // Editing again, having seen both, settles it without a new conflict.
        var after = one
        _ = try apply(&after, "lap1", .reviseIdea(id: "I1", text: nil, kind: .project, by: nil, area: nil))
        #expect(after.state.conflicts.count == 3 && after.state.idea("I1")?.kind == .project)
    }

    @Test func aPhaseRenamedAndARoleHolderReplacedAtOnceKeepTheLaterAndShowTheOther() throws {
        var lap1 = try room(people: ["Ana Lima", "Ben Okoro", "Chen Wei"])
        _ = try apply(&lap1, "lap1", .addPhase(at: 1, Phase(name: "Ideas", plannedSeconds: 600)))
        _ = try apply(&lap1, "lap1", .assignRole(role: "chair", holder: "Ana"))
        var rap2 = lap1
        // Both rename phase 2 and hand the chair from Ana to someone else.
        let theirs = try apply(&rap2, "rap2", .editPhase(1, name: "Priorities", plannedSeconds: nil))
            + apply(&rap2, "rap2", .unassignRole(role: "chair", holder: "Ana"))
            + apply(&rap2, "rap2", .assignRole(role: "chair", holder: "Chen"))
        let mine = try apply(&lap1, "lap1", .editPhase(1, name: "Areas", plannedSeconds: nil))
            + apply(&lap1, "lap1", .unassignRole(role: "chair", holder: "Ana"))
            + apply(&lap1, "lap1", .assignRole(role: "chair", holder: "Ben"))
        // A phase renamed on one laptop alone is no conflict, even after a phase was added before it.
        #expect(lap1.state.conflicts.isEmpty && rap2.state.conflicts.isEmpty)
        let one = SessionLog(id: "s", events: lap1.events + theirs)
        #expect(one == SessionLog(id: "s", events: rap2.events + mine))
        let s = one.state
        #expect(s.agenda[1].name == "Priorities")
        #expect(s.roles.map(\.holder) == ["P2", "P3"])
        #expect(s.conflicts.map { "\($0.item) \($0.field): \($0.kept) / \($0.lost)" }
                == ["phase 2 name: Priorities / Areas", "role chair holders: P2, P3 / P2"])
        for event in theirs + mine { #expect(try Change(record: event.change.record) == event.change) }
    }

    @Test func theseChangesWrittenWithoutOverStillReadAndTheLaterSimplyWins() throws {
        // A journal written before `over` on these kinds: the later wins, nothing is a conflict.
        let lines = ["idea.set id=I1 kind=project", "participant.set id=P1 present=no", "phase.rename phase=0 name=Open",
                     "role.assign role=chair holder=P1", "role.unassign role=chair holder=P1"]
        let log = try room(people: ["Ana Lima"], ideas: ["Glaciers"])
        var events = log.events
        for (n, line) in lines.enumerated() {
            let parts = line.split(separator: " ").map(String.init)
            let fields = parts.dropFirst().map { f -> Field in
                let kv = f.split(separator: "=", maxSplits: 1).map(String.init)
                return Field(kv[0], kv[1])
            }
            for writer in ["lap1", "rap2"] {
                events.append(Event(id: EventID(seq: 10 + n, writer: writer), at: at, change: try Change(record: Record(kind: parts[0], fields: fields))))
            }
        }
        let s = SessionLog(id: "s", events: events).state
        #expect(s.conflicts.isEmpty)
        #expect(s.idea("I1")?.kind == .project && !s.participants[0].present && s.agenda[0].name == "Open" && s.roles.isEmpty)
    }
}
