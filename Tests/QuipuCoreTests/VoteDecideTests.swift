import Testing
@testable import QuipuCore

@Suite("Votes: options, ballots for every method, tallies, runoffs")
struct VoteDecideTests {
    /// Ana, Ben, Carla present members; Dmitri absent member; Olga observer; areas I1–I3.
    func room() -> Harness {
        var h = Harness()
        for name in ["Ana", "Ben", "Carla", "Dmitri"] { _ = h.addMember(name) }
        _ = h.addMember("Olga", observer: true)
        try! h.run(.setParticipant(who: "P4", present: false, observer: nil))
        for area in ["Water committees", "Glacier monitoring", "Payment for ecosystem services"] { _ = h.addArea(area) }
        return h
    }

    func open(_ h: inout Harness, _ method: VoteMethod, hide: Bool = false, anonymous: Bool = false,
              tieBreak: TieBreak = .none) throws {
        try h.run(.startVote(VoteSetup(method: method, hideResults: hide, anonymous: anonymous, tieBreak: tieBreak)))
    }

    func cast(_ h: inout Harness, _ by: String, _ words: String) throws {
        try h.run(.castBallotText(vote: nil, by: by, words: [words]))
    }

    @Test func everyRefusalIsOneSentenceAndWritesNothing() throws {
        var h = room()
        try open(&h, .score)
        let before = h.log
        #expect(h.refusal(.castBallotText(vote: nil, by: "Zed", words: ["I1=3"]))
            == "no participant \"Zed\" in 2026-11-29-watershed-management; use an id like P1 or a name on the roster")
        #expect(h.refusal(.castBallotText(vote: nil, by: "Dmitri", words: ["I1=3"]))
            == "Dmitri was not present when V1 opened, so cannot cast a binding ballot")
        #expect(h.refusal(.castBallotText(vote: nil, by: "Ana", words: ["I1=7"])) == "a score must be from 0 to 5, not 7 (I1)")
        #expect(h.refusal(.castBallotText(vote: nil, by: "Ana", words: ["I1"])) == "give I1 a score from 0 to 5, e.g. I1=4")
        #expect(h.refusal(.castBallotText(vote: nil, by: "Ana", words: ["I1=1 I1=2"])) == "I1 is scored twice; give each candidate one score")
        #expect(h.log == before)
        try h.run(.closeVote(id: nil))
        #expect(h.refusal(.castBallotText(vote: "V1", by: "Ana", words: ["I1=3"])) == "vote V1 is closed")
        #expect(h.refusal(.tallyHands(vote: "V1", group: nil, counts: [.init(idea: "I1", points: 3)])) == "vote V1 is closed")
    }

    @Test func rankedAndApprovalBallotsAreReadInOrder() throws {
        var h = room()
        try open(&h, .borda)
        #expect(h.refusal(.castBallotText(vote: nil, by: "Ana", words: ["I3 I1 I3"])) == "I3 is ranked twice; rank each candidate once")
        #expect(h.refusal(.castBallotText(vote: nil, by: "Ana", words: ["I3:2"]))
            == "a ranked ballot lists candidates in order, first choice first, without numbers, e.g. I4 I1 I2")
        #expect(h.refusal(.castBallotText(vote: nil, by: "Ana", words: ["I3 I9"])) == "there is no idea I9 in 2026-11-29-watershed-management")
        try cast(&h, "Ana", "I3 I1")
        try cast(&h, "Olga", "i2 i1 i3")
        let vote = h.state.votes[0]
        #expect(vote.ballots[0].choices == [.init(idea: "I3", points: 1), .init(idea: "I1", points: 2)])
        #expect(vote.results.map(\.idea) == ["I3", "I1", "I2"])
        #expect(vote.nonBindingResults.first == RankedResult(idea: "I2", score: 2, rank: 1))
        // The journal's choices field keeps the IDEA:N shape: N is the place on a ranked ballot.
        let castEvent = h.log.events.last { if case .ballotCast = $0.change { true } else { false } }!
        #expect(castEvent.change.record.value("choices") == "I2:1,I1:2,I3:3")

        var a = room()
        try open(&a, .approval)
        #expect(a.refusal(.castBallotText(vote: nil, by: "Ana", words: ["I1:2"]))
            == "an approval ballot names candidates without numbers, e.g. I1 I4")
        try cast(&a, "Ana", "I1 I2")
        try cast(&a, "Ben", "I2")
        #expect(a.state.votes[0].results.map(\.score) == [2, 1, 0])
    }

    @Test func optionsSurviveTheJournalAndOldLinesReadAsBefore() throws {
        var h = room()
        try open(&h, .irv, hide: true, anonymous: true, tieBreak: .runoff)
        let opened = h.log.events.last!
        let record = opened.change.record
        #expect(record.value("hide-results") == "yes")
        #expect(record.value("anonymous") == "yes")
        #expect(record.value("tie-break") == "runoff")
        #expect(try Change(record: record) == opened.change)
        // A dot vote written before these options existed reads exactly as it did.
        let old = Record(kind: "vote.open", fields: [Field("id", "V1"), Field("method", "dot"), Field("dots", "3"),
                                                     Field("candidates", "I1,I2"), Field("eligible", "P1,P2")])
        #expect(try Change(record: old) == .voteOpened(Vote(id: "V1", candidates: ["I1", "I2"], eligible: ["P1", "P2"])))
        #expect(try Change(record: old).record == old)
        let tally = Change.handsTallied(vote: "V1", tally: HandTally(group: .ngo, counts: [.init(idea: "I1", points: 12)]))
        #expect(tally.record.value("counts") == "I1:12")
        #expect(try Change(record: tally.record) == tally)
    }

    @Test func hiddenResultsStayHiddenUntilClose() throws {
        var h = room()
        try open(&h, .dot, hide: true)
        try cast(&h, "Ana", "I1:3")
        #expect(!h.state.votes[0].resultsVisible)
        try h.run(.closeVote(id: nil))
        #expect(h.state.votes[0].resultsVisible)
        #expect(h.state.votes[0].results.first == RankedResult(idea: "I1", score: 3, rank: 1))
    }

    @Test func aShowOfHandsCountsPerGroupAndAReTallyReplacesIt() throws {
        var h = room()
        try open(&h, .approval)
        try h.run(.tallyHands(vote: nil, group: .government, counts: [.init(idea: "I1", points: 12), .init(idea: "I2", points: 7)]))
        try h.run(.tallyHands(vote: nil, group: .ngo, counts: [.init(idea: "I2", points: 4)]))
        try h.run(.tallyHands(vote: nil, group: .government, counts: [.init(idea: "I1", points: 10), .init(idea: "I2", points: 7)]))
        try cast(&h, "Ana", "I2")
        let vote = h.state.votes[0]
        #expect(vote.tallies.count == 2)
        #expect(vote.results.map(\.score) == [12, 10, 0])
        #expect(vote.results.map(\.idea) == ["I2", "I1", "I3"])
        #expect(h.refusal(.tallyHands(vote: nil, group: nil, counts: [.init(idea: "I1", points: -1)])) == "a count of hands cannot be negative (I1)")
        try h.run(.closeVote(id: nil))
        try open(&h, .borda)
        #expect(h.refusal(.tallyHands(vote: nil, group: nil, counts: [.init(idea: "I1", points: 1)]))
            == "a show of hands can only be tallied in a dot or approval vote; V2 is Borda count")
    }

    @Test func aRunoffOpensAmongTheTiedLeaders() throws {
        var h = room()
        #expect(h.refusal(.openRunoff(of: nil)) == "no vote has been held in 2026-11-29-watershed-management")
        try open(&h, .score, tieBreak: .runoff)
        try cast(&h, "Ana", "I1=5 I2=1")
        try cast(&h, "Ben", "I2=5 I1=1")
        try cast(&h, "Carla", "I3=4")
        #expect(h.refusal(.openRunoff(of: nil)) == "vote V1 is still open; close it before a runoff")
        try h.run(.closeVote(id: nil))
        let first = h.state.votes[0]
        #expect(first.tiedLeaders == ["I1", "I2"])
        #expect(first.tieBreakApplies == .runoff)
        try h.run(.openRunoff(of: nil))
        let runoff = try #require(h.state.openVote)
        #expect(runoff.id == "V2")
        #expect(runoff.candidates == ["I1", "I2"])
        #expect(runoff.method == .score)
        #expect(runoff.runoffOf == "V1")
        try h.run(.closeVote(id: nil))
        #expect(h.refusal(.openRunoff(of: "V2")) == "vote V2 has no tie for first place, so there is nothing to run off")
    }

    @Test func aRunoffIsVotedByTheSameMembersUnderTheSameTieBreak() throws {
        var h = room()
        try h.run(.startVote(VoteSetup(method: .dot, dots: 3, candidates: ["I1", "I2", "I3"], tieBreak: .none)))
        try cast(&h, "Ana", "I1:3")
        try cast(&h, "Ben", "I2:3")
        try h.run(.closeVote(id: nil))
        // Dmitri arrives and Carla leaves after V1 opened.
        try h.run(.setParticipant(who: "Dmitri", present: true, observer: nil))
        try h.run(.setParticipant(who: "Carla", present: false, observer: nil))
        try h.run(.openRunoff(of: nil))
        let runoff = try #require(h.state.openVote)
        #expect(runoff.eligible == ["P1", "P2", "P3"])
        #expect(runoff.tieBreak == TieBreak.none)
        #expect(runoff.dotsPerMember == 3 && runoff.maxPerItem == nil, "no cap: each voter still has 3 dots")
        #expect(h.refusal(.castBallotText(vote: nil, by: "Dmitri", words: ["I1"]))
            == "Dmitri was not eligible in V1, so cannot cast a binding ballot in its runoff V2")
        try cast(&h, "Carla", "I2")
    }

    @Test func anonymousBallotsStillRecordWhoVoted() throws {
        var h = room()
        try open(&h, .approval, anonymous: true)
        try cast(&h, "Ana", "I1")
        #expect(h.state.votes[0].ballots.map(\.by) == ["P1"])
        #expect(h.state.votes[0].anonymous)
    }
}

extension VoteDecideTests {
    @Test func everyMethodTakesObserversApartAndRefusesNonCandidates() throws {
        let sample: [VoteMethod: String] = [.dot: "I1:2", .approval: "I1", .score: "I1=4", .borda: "I1 I2", .irv: "I1 I2", .schulze: "I1 I2"]
        for method in VoteMethod.allCases {
            var h = room()
            try h.run(.startVote(VoteSetup(method: method, candidates: ["I1", "I2"])))
            let before = h.log
            #expect(h.refusal(.castBallotText(vote: nil, by: "Ana", words: [method == .score ? "I3=4" : "I3"]))
                == "I3 is not a candidate in V1", "\(method)")
            #expect(h.refusal(.castBallotText(vote: nil, by: "Dmitri", words: [sample[method]!]))
                == "Dmitri was not present when V1 opened, so cannot cast a binding ballot", "\(method)")
            #expect(h.log == before)
            try cast(&h, "Olga", sample[method]!)
            let vote = h.state.votes[0]
            #expect(vote.nonBindingBallots.count == 1 && vote.bindingBallots.isEmpty, "\(method)")
            #expect(vote.nonBindingResults.first?.idea == "I1", "\(method)")
            #expect(vote.tiedLeaders.isEmpty, "observers alone decide nothing (\(method))")
            // A later ballot from the same voter replaces the earlier one.
            try cast(&h, "Ana", sample[method]!)
            try cast(&h, "Ana", method.isRanked ? "I2 I1" : method == .score ? "I2=4" : method == .dot ? "I2:2" : "I2")
            #expect(h.state.votes[0].bindingBallots.count == 1)
            #expect(h.state.votes[0].results.first?.idea == "I2", "\(method)")
        }
    }
}

@Suite("Votes: a ballot taken out, the facilitator's tie-break, the latest result")
struct VoteCorrectionTests {
    func room() -> Harness { VoteDecideTests().room() }

    @Test func aBallotIsTakenOutAndTheVoterMayCastAgain() throws {
        var h = room()
        try h.run(.startVote(VoteSetup(method: .dot)))
        try h.run(.castBallotText(vote: nil, by: "Ana", words: ["I1:3"]))
        try h.run(.castBallotText(vote: nil, by: "Ben", words: ["I2:3"]))
        #expect(h.refusal(.removeBallot(vote: nil, by: "Carla")) == "Carla has no ballot in V1")
        try h.run(.removeBallot(vote: nil, by: "ana"))
        #expect(h.state.votes[0].ballots.map(\.by) == ["P2"])
        #expect(h.state.votes[0].results.first == RankedResult(idea: "I2", score: 3, rank: 1))
        // The index of ballots follows: Ana's new ballot is hers alone, Ben's stays.
        try h.run(.castBallotText(vote: nil, by: "Ana", words: ["I3:1"]))
        try h.run(.castBallotText(vote: nil, by: "Ana", words: ["I3:2"]))
        #expect(h.state.votes[0].ballots.map(\.by) == ["P2", "P1"])
        #expect(h.state.votes[0].ballots[1].choices == [.init(idea: "I3", points: 2)])
        try h.run(.undo)
        try h.run(.undo)
        try h.run(.undo)
        #expect(h.state.votes[0].ballots.map(\.by) == ["P1", "P2"], "undoing the removal brings the ballot back")
        try h.run(.closeVote(id: nil))
        #expect(h.refusal(.removeBallot(vote: "V1", by: "Ana")) == "vote V1 is closed")
    }

    @Test func anAnonymousBallotCannotBePickedOut() throws {
        var h = room()
        try h.run(.startVote(VoteSetup(method: .dot, anonymous: true)))
        #expect(h.refusal(.removeBallot(vote: nil, by: "Ana"))
            == "V1 is anonymous: no ballot can be picked out; a voter who casts again replaces their own")
    }

    func tied(_ tieBreak: TieBreak) throws -> Harness {
        var h = room()
        try h.run(.startVote(VoteSetup(method: .dot, tieBreak: tieBreak)))
        try h.run(.castBallotText(vote: nil, by: "Ana", words: ["I1:3"]))
        try h.run(.castBallotText(vote: nil, by: "Ben", words: ["I3:3"]))
        return h
    }

    @Test func theFacilitatorDecidesATieWithAReason() throws {
        var h = try tied(.facilitator)
        #expect(h.refusal(.decideTie(vote: nil, idea: "I3", reason: "x")) == "no vote has been closed in 2026-11-29-watershed-management")
        #expect(h.refusal(.decideTie(vote: "V1", idea: "I3", reason: "x")) == "vote V1 is still open; close it before deciding a tie")
        try h.run(.closeVote(id: nil))
        #expect(h.state.votes[0].leaders == ["I1", "I3"])
        #expect(h.refusal(.decideTie(vote: nil, idea: "I2", reason: "x")) == "I2 is not tied for first in V1; choose one of I1, I3")
        #expect(h.refusal(.decideTie(vote: nil, idea: "I3", reason: "  ")) == "say why: the reason is recorded with the decision for the report")
        try h.run(.decideTie(vote: nil, idea: "i3", reason: "glaciers cannot wait"))
        #expect(h.state.votes[0].decision == TieDecision(idea: "I3", reason: "glaciers cannot wait"))
        #expect(h.state.votes[0].leaders == ["I3"])
        #expect(h.state.votes[0].tiedLeaders == ["I1", "I3"], "the tie stays on record beside the decision")
        #expect(h.state.summary(at: h.now).topPriority == "Payment for ecosystem services")
        #expect(h.refusal(.decideTie(vote: nil, idea: "I1", reason: "x"))
            == "the tie in V1 was already decided for I3; undo that first to decide again")
        try h.run(.undo)
        #expect(h.state.votes[0].decision == nil)
    }

    @Test func onlyAFacilitatorTieBreakIsDecidedByHand() throws {
        var h = try tied(.runoff)
        try h.run(.closeVote(id: nil))
        #expect(h.refusal(.decideTie(vote: nil, idea: "I3", reason: "x"))
            == "vote V1 declared the tie-break \"runoff\" (a runoff vote among the tied), not the facilitator's decision")
        var clear = room()
        try clear.run(.startVote(VoteSetup(method: .dot, tieBreak: .facilitator)))
        try clear.run(.castBallotText(vote: nil, by: "Ana", words: ["I1:3"]))
        try clear.run(.closeVote(id: nil))
        #expect(clear.refusal(.decideTie(vote: nil, idea: "I1", reason: "x"))
            == "vote V1 has no tie for first place, so there is nothing to decide")
    }

    @Test func aVoteClosedWithNoBallotsIsNotTheLatestResult() throws {
        var h = room()
        try h.run(.startVote(VoteSetup(method: .dot)))
        try h.run(.castBallotText(vote: nil, by: "Ana", words: ["I2:3"]))
        try h.run(.closeVote(id: nil))
        try h.run(.startVote(VoteSetup(method: .dot)))
        try h.run(.closeVote(id: nil))
        #expect(h.state.summary(at: h.now).topPriority == "Glacier monitoring")
    }
}
