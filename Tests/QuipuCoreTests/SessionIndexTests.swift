import Testing
@testable import QuipuCore

/// A seeded source of every kind of change, naming ids from small pools so that lookups hit,
/// miss, collide with removed participants and merged ideas, and ballots replace each other.
struct ChangeMaker {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func bool() -> Bool { next() % 2 == 0 }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }
    mutating func maybe<T>(_ x: T) -> T? { bool() ? x : nil }

    static let texts = ["Water committees", "Café à São Paulo", "a, b", "quote \" and \\ back", "x", "",
                        "line\nbreak", "tab\there", "K\u{212A}", "e\u{301}"]
    mutating func participant() -> String { "P\(1 + int(6))" }
    mutating func idea() -> String { pick(["I1", "I2", "I3", "I4", "I5", "I6", "I7", "I8"]) }
    mutating func vote() -> String { "V\(1 + int(3))" }
    mutating func actionID() -> String { "A\(1 + int(4))" }
    mutating func text() -> String { pick(Self.texts) }

    mutating func action(carried: Bool) -> Action {
        Action(id: actionID(), text: text(), owner: bool() ? participant() : "CARE", due: maybe("2027-04-15"),
               idea: carried ? nil : maybe(idea()), status: carried ? pick([.open, .inProgress]) : .open,
               supporters: bool() ? [participant(), "UNEP"] : [], carriedFrom: carried ? "2026-10-01-x/A\(1 + int(3))" : nil)
    }

    /// Any change but an undo (the caller adds undos, which need earlier ids).
    mutating func change() -> Change {
        switch int(27) {
        case 0, 1:
            return .participantAdded(Participant(id: participant(), name: text(), organisation: pick(["", "UNEP"]),
                                                 group: pick(StakeholderGroup.allCases), country: pick(["", "Peru"]),
                                                 observer: bool(), present: bool()))
        case 2: return .participantUpdated(id: participant(), present: maybe(bool()), observer: maybe(bool()))
        case 3: return .participantEdited(id: participant(), name: maybe(text()), organisation: maybe("WWF"),
                                          group: maybe(pick(StakeholderGroup.allCases)), country: maybe("Chile"))
        case 4: return .participantRemoved(id: participant())
        case 5, 6: return .ideaAdded(Idea(id: idea(), text: text(), kind: pick(IdeaKind.allCases),
                                          by: maybe(participant()), area: maybe(idea())))
        case 7: return .ideaEdited(id: idea(), text: text())
        case 8: return .ideaWithdrawn(id: idea())
        case 9: return .ideaLinked(id: idea(), area: maybe(idea()))
        case 10: return .ideaMerged(id: idea(), into: idea())
        case 11:
            var v = Vote(id: vote(), method: pick(VoteMethod.allCases), dotsPerMember: 1 + int(4),
                         maxPerItem: maybe(2), candidates: [idea(), idea(), idea()], eligible: [participant(), participant()])
            v.anonymous = bool()
            v.tieBreak = pick(TieBreak.allCases)
            return .voteOpened(v)
        case 12, 13, 14:
            return .ballotCast(vote: vote(), ballot: Ballot(by: participant(), choices: [.init(idea: idea(), points: int(4)),
                                                                                        .init(idea: idea(), points: 1)],
                                                            binding: bool()))
        case 15: return .voteClosed(id: vote(), voters: maybe([participant()]))
        case 16: return .handsTallied(vote: vote(), tally: HandTally(group: maybe(pick(StakeholderGroup.allCases)),
                                                                       counts: [.init(idea: idea(), points: int(9))]))
        case 17: return .roleAssigned(RoleAssignment(role: pick(["chair", "scribe"]), holder: participant()))
        case 18: return .roleUnassigned(RoleAssignment(role: pick(["chair", "scribe"]), holder: participant()))
        case 19, 20: return .actionAdded(action(carried: false))
        case 21: return .actionStatusChanged(id: actionID(), status: pick(ActionStatus.allCases))
        case 22: return .actionEdited(action(carried: false))
        case 23: return .actionCarried(action(carried: true))
        case 24: return pick([.timerStarted, .timerPaused, .timerResumed, .sessionClosed, .sessionReopened])
        case 25: return .phaseChanged(to: int(4))
        default: return .unknown(Record(kind: "future.thing", fields: [Field("x", text())]))
        }
    }

    /// A session's events in order: created first, then `count` changes, with undos (and undos
    /// of undos) among them when asked.
    mutating func events(_ count: Int, undos: Bool, writer: String = "w1") -> [Event] {
        let start = Timestamp(year: 2026, month: 11, day: 29, hour: 14)
        var events = [Event(id: EventID(seq: 1, writer: writer), at: start,
                            change: .sessionCreated(title: "T", initiative: "", facilitator: "", rapporteur: "",
                                                    agenda: [Phase(name: "Open", plannedSeconds: 600),
                                                             Phase(name: "Work", plannedSeconds: 1200)]))]
        for n in 2...(count + 1) {
            let change: Change = undos && int(8) == 0 ? .undo(target: events[int(events.count)].id) : self.change()
            events.append(Event(id: EventID(seq: n, writer: writer), at: start.adding(seconds: Int64(n)), change: change))
        }
        return events
    }
}

/// A fold with every index thrown away before each event, so every lookup is answered by a
/// fresh scan of the collections: what replay did before there were indexes.
func foldWithoutKeptIndexes(_ events: [Event], cancelled: Set<EventID> = []) -> Session {
    var s = Session(id: "s")
    for e in events {
        s.participants = s.participants
        s.ideas = s.ideas
        s.votes = s.votes
        s.actions = s.actions
        if cancelled.contains(e.id) {
            s.noteIDs(of: e.change)
            s.eventCount += 1
        } else {
            s.evolve(e)
        }
    }
    return s
}

@Suite("Replay indexes: lookups by id stay exact")
struct SessionIndexTests {
    @Test func indexedReplayEqualsReplayThatScans() {
        for seed in 0..<60 {
            var maker = ChangeMaker(state: UInt64(seed))
            let events = maker.events(300, undos: false)
            let log = SessionLog(id: "s", events: events)
            let scanned = foldWithoutKeptIndexes(events)
            #expect(log.state.participants == scanned.participants, "seed \(seed)")
            #expect(log.state.removedParticipants == scanned.removedParticipants, "seed \(seed)")
            #expect(log.state.ideas == scanned.ideas, "seed \(seed)")
            #expect(log.state.votes == scanned.votes, "seed \(seed)")
            #expect(log.state.actions == scanned.actions, "seed \(seed)")
            #expect(log.state.lastNumber == scanned.lastNumber, "seed \(seed)")
            #expect(log.state == scanned, "seed \(seed)")
        }
    }

    @Test func lookupsAgreeWithAScanAfterEveryEvent() {
        var maker = ChangeMaker(state: 99)
        let events = maker.events(400, undos: false)
        var log = SessionLog(id: "s")
        for e in events {
            log.append([e])
            let s = log.state
            for id in ["P1", "P2", "P3", "P4", "P5", "P6", "P7"] {
                #expect(s.participant(id) == s.participants.first { $0.id == id })
            }
            for id in ["I1", "I2", "I5", "I8", "I9"] { #expect(s.idea(id) == s.ideas.first { $0.id == id }) }
            for id in ["V1", "V2", "V3", "V4"] { #expect(s.vote(id) == s.votes.first { $0.id == id }) }
            for id in ["A1", "A2", "A3", "A4", "A5"] { #expect(s.action(id) == s.actions.first { $0.id == id }) }
        }
    }

    @Test func undoRefoldsAndMergedJournalsMatchAScanningFold() {
        for seed in 0..<40 {
            var maker = ChangeMaker(state: 1000 + UInt64(seed))
            let events = maker.events(200, undos: true)
            // Appended one at a time (each undo refolds), all at once, and as two writers' halves merged.
            var oneByOne = SessionLog(id: "s")
            for e in events { oneByOne.append([e]) }
            let atOnce = SessionLog(id: "s", events: events)
            let odd = events.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            let even = events.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            var merged = SessionLog(id: "s", events: odd)
            merged.append(even + odd.prefix(5)) // a line copied twice counts once
            #expect(oneByOne.state == atOnce.state, "seed \(seed)")
            #expect(merged.state == atOnce.state && merged.events == atOnce.events, "seed \(seed)")
            let scanned = foldWithoutKeptIndexes(atOnce.events, cancelled: atOnce.cancelled)
            #expect(atOnce.state.participants == scanned.participants && atOnce.state.ideas == scanned.ideas
                    && atOnce.state.votes == scanned.votes && atOnce.state.actions == scanned.actions, "seed \(seed)")
            #expect(atOnce.nextSeq == (atOnce.events.map(\.id.seq).max() ?? 0) + 1)
        }
    }

    @Test func theIndexFollowsARemovedParticipant() {
        var maker = ChangeMaker(state: 5)
        _ = maker.next()
        var s = Session(id: "s")
        let at = Timestamp(seconds: 0)
        func apply(_ c: Change) { s.evolve(Event(id: EventID(seq: s.eventCount + 1, writer: "w"), at: at, change: c)) }
        for n in 1...5 { apply(.participantAdded(Participant(id: "P\(n)", name: "N\(n)"))) }
        apply(.participantRemoved(id: "P2"))
        apply(.participantUpdated(id: "P4", present: false, observer: true))
        apply(.participantEdited(id: "P5", name: "Five", organisation: nil, group: nil, country: nil))
        #expect(s.participants.map(\.id) == ["P1", "P3", "P4", "P5"])
        #expect(s.participant("P2") == nil && s.removedParticipants.map(\.id) == ["P2"])
        #expect(s.participant("P4")?.present == false && s.participant("P4")?.observer == true)
        #expect(s.participant("P5")?.name == "Five" && s.participant("P3")?.name == "N3")
        #expect(s.displayName("P2") == "N2")
        apply(.participantAdded(Participant(id: "P2", name: "Back")))
        #expect(s.participants.map(\.id) == ["P1", "P3", "P4", "P5", "P2"] && s.participant("P2")?.name == "Back")
    }

    @Test func directlyAssignedCollectionsAreNeverAnsweredFromAStaleIndex() {
        var s = Session(id: "s")
        let at = Timestamp(seconds: 0)
        func apply(_ c: Change) { s.evolve(Event(id: EventID(seq: s.eventCount + 1, writer: "w"), at: at, change: c)) }
        for n in 1...4 { apply(.ideaAdded(Idea(id: "I\(n)", text: "idea \(n)"))) }
        // Reordered and with a duplicate id: the first of each id answers, as a scan would.
        s.ideas = [Idea(id: "I3", text: "three"), Idea(id: "I9", text: "nine"), Idea(id: "I3", text: "again"),
                   Idea(id: "I1", text: "one")]
        #expect(s.idea("I3")?.text == "three" && s.idea("I9")?.text == "nine" && s.idea("I2") == nil)
        apply(.ideaEdited(id: "I3", text: "edited"))
        apply(.ideaEdited(id: "I1", text: "one, edited"))
        #expect(s.ideas.map(\.text) == ["edited", "nine", "again", "one, edited"])
        // In-place edits through the public property, then more events.
        s.ideas[1].id = "I7"
        apply(.ideaWithdrawn(id: "I7"))
        #expect(s.idea("I9") == nil && s.idea("I7")?.withdrawn == true)
        s.ideas.removeFirst()
        apply(.ideaAdded(Idea(id: "I3", text: "duplicate? no: I3 is still there")))
        #expect(s.ideas.map(\.id) == ["I7", "I3", "I1"] && s.idea("I3")?.text == "again")
        s.participants = [Participant(id: "P1", name: "Ana")]
        s.votes = [Vote(id: "V1", candidates: ["I1"], eligible: ["P1"],
                        ballots: [Ballot(by: "P1", choices: []), Ballot(by: "P1", choices: [.init(idea: "I1", points: 1)])])]
        s.actions = [Action(id: "A1", text: "Do", owner: "P1")]
        apply(.ballotCast(vote: "V1", ballot: Ballot(by: "P1", choices: [.init(idea: "I1", points: 3)])))
        apply(.actionStatusChanged(id: "A1", status: .done))
        apply(.participantUpdated(id: "P1", present: false, observer: nil))
        #expect(s.vote("V1")?.ballots == [Ballot(by: "P1", choices: [.init(idea: "I1", points: 3)])])
        #expect(s.action("A1")?.status == .done && s.participant("P1")?.present == false)
    }

    @Test func sessionsEqualWhateverTheirIndexesHold() {
        var maker = ChangeMaker(state: 7)
        let events = maker.events(150, undos: false)
        let a = SessionLog(id: "s", events: events).state
        var b = a
        b.ideas = b.ideas // stale index, same content
        b.votes = b.votes
        #expect(a == b)
        #expect(!b.ideas.isEmpty)
        if !b.ideas.isEmpty {
            b.ideas[0].text += "!"
            #expect(a != b)
        }
    }

    @Test func ballotsReplaceInCastOrder() {
        var s = Session(id: "s")
        let at = Timestamp(seconds: 0)
        func apply(_ c: Change) { s.evolve(Event(id: EventID(seq: s.eventCount + 1, writer: "w"), at: at, change: c)) }
        apply(.voteOpened(Vote(id: "V1", candidates: ["I1", "I2"], eligible: ["P1", "P2", "P3"])))
        for by in ["P1", "P2", "P3", "P2", "P1", "P1", "P3"] {
            apply(.ballotCast(vote: "V1", ballot: Ballot(by: by, choices: [.init(idea: "I1", points: s.eventCount)])))
        }
        #expect(s.votes[0].ballots.map(\.by) == ["P2", "P1", "P3"])
        #expect(s.votes[0].ballots.map { $0.choices[0].points } == [4, 6, 7])
        // The same ballots through a vote the index has never seen.
        s.votes = s.votes
        apply(.ballotCast(vote: "V1", ballot: Ballot(by: "P2", choices: [])))
        #expect(s.votes[0].ballots.map(\.by) == ["P1", "P3", "P2"])
    }

    @Test(arguments: ["P12", "I7", "A0001", "V99999999999999999", "P+3", "P-3", "P", "12", "", "P1x",
                      "\u{212A}1", "Ṕ1", "é12", "P123456789012345678901", "p5", "P٣",
                      "I7-k3f9", "I-k3f9", "P12-"])
    func idNumbersAreReadAsBefore(id: String) {
        var fast = Session(id: "s")
        fast.noteID(id)
        var general: [String: Int] = [:]
        if let first = id.first, first.isLetter, let n = Int(id.dropFirst()) { general[String(first)] = max(0, n) }
        // An id minted on another device (`I7-k3f9`) is numbered by the part before its suffix.
        if id == "I7-k3f9" { general = ["I": 7] }
        if id == "P12-" { general = ["P": 12] }
        #expect(fast.lastNumber == general)
    }
}
