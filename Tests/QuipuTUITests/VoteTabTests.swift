import QuipuText
import QuipuCore
import Testing
@testable import QuipuTUI

/// The sample session (Ana Quispe P1 and Kenji Sato P2 members, Amara Okafor P3 observer; areas
/// I1, I2; project I3) with more commands applied.
/// One key for every anonymous vote, as the store would keep them.
private struct OneKey: BallotKeyring {
    func key(named name: String) throws -> BallotKey? { BallotKey(k0: 1, k1: 2) }
    func newKey() throws -> String { "0123456789abcdef" }
    func destroy(_ name: String) {}
}

/// The log as the journal writes it: anonymous ballots sealed.
private func voteLog(_ commands: [Command]) -> SessionLog {
    var log = sampleLog()
    for command in commands {
        let changes = try! log.state.sealed(try log.decide(command), keys: OneKey())
        let first = log.nextSeq
        log.append(changes.enumerated().map { Event(id: EventID(seq: first + $0.offset, writer: "t"), at: sampleNow, change: $0.element) })
    }
    return log
}

private func ballot(_ by: String, _ words: String) -> Command { .castBallotText(vote: nil, by: by, words: [words]) }

@Suite struct VoteTabScreenTests {
    @Test func aLateBallotIsShownAndACountsItAfterAsking() {
        var log = voteLog([.startVote(VoteSetup(method: .approval)), ballot("Ana", "I1"), .closeVote(id: nil)])
        // Kenji's ballot from a laptop that had not seen the close yet.
        log.append([Event(id: EventID(seq: log.nextSeq, writer: "rap2"), at: sampleNow,
                          change: .ballotCast(vote: "V1", ballot: Ballot(by: "P2", choices: [.init(idea: "I2", points: 1)])))])
        var model = sessionModel(log, keys: [.char("4")])
        let screen = model.lines(100, 30)
        #expect(screen.contains { $0.contains("1 late ballot (Kenji Sato) not counted") }, "\(screen.joined(separator: "\n"))")
        #expect(screen.contains { $0.contains("A count late ballots") })
        #expect(model.press([.char("A"), .char("y")]) == [.perform(.acceptLateBallots(vote: "V1"))])
    }

    @Test func openingAVoteChoosesMethodCandidatesAndOptions() {
        var model = sessionModel(keys: [.char("4"), .char("o")])
        let form = model.lines()
        #expect(form.contains { $0.hasPrefix("  Method:") && $0.contains("[dot]") }, "the method is shown and cycled with Tab")
        _ = model.type("I1 I2 I3")
        _ = model.press([.tab, .tab, .tab, .tab])
        #expect(model.lines().contains { $0.hasPrefix("  Method:") && $0.contains("[irv]") })
        _ = model.press([.down, .down])
        _ = model.type("hide anonymous tie=runoff")
        #expect(model.press([.enter]) == [.perform(.startVote(VoteSetup(
            method: .irv, candidates: ["I1", "I2", "I3"], hideResults: true, anonymous: true, tieBreak: .runoff)))])
    }

    @Test func anUnreadableOptionIsRefusedInTheFormWithNothingSent() {
        var model = sessionModel(keys: [.char("4"), .char("o"), .down, .down])
        _ = model.type("secret")
        #expect(model.press([.enter]).isEmpty)
        #expect(model.lines()[21] == " option \"secret\" is not understood; use cap=N, hide, anonymous,")
        #expect(model.lines()[22] == " tie=none|facilitator|runoff", "a long refusal is read whole, on two lines")
    }

    @Test func ballotsGoInByNumberOrInitialsAndTheFormStaysForTheNext() {
        let log = voteLog([.startVote(VoteSetup(method: .borda))])
        var model = sessionModel(log, keys: [.char("4"), .char("a")])
        #expect(model.lines().contains { $0.contains("Ballot in V1 (Borda count)") })
        _ = model.type("2")
        #expect(model.press([.enter]).isEmpty, "Enter moves on to the choices")
        _ = model.type("I2 I1")
        #expect(model.press([.enter]) == [.perform(.castBallotText(vote: nil, by: "P2", words: ["I2 I1"]))])
        model.report(saved: "saved Kenji Sato's ballot in V1")
        _ = model.type("aq")
        _ = model.press([.enter])
        _ = model.type("I1")
        #expect(model.press([.enter]) == [.perform(.castBallotText(vote: nil, by: "P1", words: ["I1"]))])
    }

    @Test func aClosedInstantRunoffShowsItsRoundsAt80x24() {
        let log = voteLog([
            .addParticipant(name: "Rosa Mamani", organisation: "", group: .ngo, country: "", observer: false),
            .addParticipant(name: "Luis Condori", organisation: "", group: .government, country: "", observer: false),
            .startVote(VoteSetup(method: .irv, candidates: ["I1", "I2", "I3"], tieBreak: .runoff)),
            ballot("P1", "I1 I2"), ballot("P2", "I2 I1"), ballot("Rosa Mamani", "I2"), ballot("Luis Condori", "I3 I1"),
            ballot("P3", "I3"),
            .closeVote(id: nil),
        ])
        let model = sessionModel(log, keys: [.char("4")])
        #expect(Array(model.lines()[4...16]) == [
            " V1 · instant runoff (IRV) · ties: runoff                                CLOSED",
            "  Turnout: 4 of 4 eligible members voted (100%) · 1 non-binding (observers)",
            "",
            " Rank ID   Candidate                                  Votes in last round",
            "    1 I2   Agua potable para comunidades altoandinas… ████████████████████    3",
            "    1 I1   Glacier retreat monitoring                 █████████████           2",
            "    3 I3   流域管理 pilot in two basins               ██████                  1",
            "",
            "  Observers (non-binding): I3 1 · I1 0 · I2 0",
            "  Round 1: I1 1 · I2 2 · I3 1 → tie for last between I1 and I3 that no earlier",
            "  round breaks: with I1 out I2 wins, with I3 out I1 and I2 tie",
            "  Tie for first: I1, I2. Tie-break: a runoff vote among the tied.",
            "  r runoff among the tied · o new vote · b ballots · p projector",
        ])
    }
}

extension VoteTabScreenTests {
    @Test func aTieForLastThatDecidesTheWinnerShowsAsATieForFirstWithItsReason() {
        // Issue 14: I1×3, I2 I3×2, I3 I2×2 declared I1 (3 of 7) after putting I2 and I3 out
        // together, though either beats I1 4–3.
        let members = ["Rosa Mamani", "Luis Condori", "Eva Torres", "Hugo Paz", "Inés Vega"].map {
            Command.addParticipant(name: $0, organisation: "", group: .ngo, country: "", observer: false)
        }
        let log = voteLog(members + [
            .startVote(VoteSetup(method: .irv, candidates: ["I1", "I2", "I3"], tieBreak: .runoff)),
            ballot("P1", "I1"), ballot("P2", "I1"), ballot("P4", "I1"),
            ballot("P5", "I2 I3"), ballot("P6", "I2 I3"), ballot("P7", "I3 I2"), ballot("P8", "I3 I2"),
            .closeVote(id: nil),
        ])
        let lines = sessionModel(log, keys: [.char("4")]).lines()
        #expect(Array(lines[7...16]) == [
            " Rank ID   Candidate                                  Votes in last round",
            "    1 I2   Agua potable para comunidades altoandinas… ████████████████████    4",
            "    1 I3   流域管理 pilot in two basins               ████████████████████    4",
            "    3 I1   Glacier retreat monitoring                 ███████████████         3",
            "",
            "  Round 1: I1 3 · I2 2 · I3 2 → tie for last between I2 and I3 that no earlier",
            "  round breaks: with I2 out I3 wins, with I3 out I2 wins",
            "  Tie for first: I2, I3. Tie-break: a runoff vote among the tied.",
            "  r runoff among the tied · o new vote · b ballots · p projector",
            "",
        ])
    }

    @Test func hiddenResultsShowOnlyWhoVotedAndAnonymousBallotsNeverShowHow() {
        let log = voteLog([.startVote(VoteSetup(method: .approval, hideResults: true, anonymous: true)), ballot("P2", "I1")])
        let lines = sessionModel(log, keys: [.char("4")]).lines()
        #expect(lines[7] == "  Results are hidden until the vote closes.")
        #expect(lines[8] == "  1 anonymous ballot; who voted is shown when the vote closes.")
        #expect(!lines[4...].joined().contains("█"), "no bar chart below the tabs")
        // Nor does the status line after the ballot is saved.
        #expect(savedMessage(for: [log.events.last!], in: log) == "saved an anonymous ballot in V1: 1 cast so far")
        let hidden = voteLog([.startVote(VoteSetup(method: .approval, hideResults: true)), ballot("P2", "I1")])
        #expect(sessionModel(hidden, keys: [.char("4")]).lines()[8] == "  Voted: Kenji Sato")
    }

    @Test func anAnonymousVoteHidesItsResultsUntilItClosesEvenWithoutHide() {
        // Bars that move per ballot would show the room how the voter just entered voted.
        let log = voteLog([.startVote(VoteSetup(method: .approval, anonymous: true)), ballot("P2", "I1")])
        var model = sessionModel(log, keys: [.char("4")])
        let lines = model.lines()
        #expect(lines[7] == "  Results are hidden until the vote closes.")
        #expect(!lines[4...].joined().contains("█"), "no bar chart below the tabs")
        _ = model.press([.char("p")])
        let projector = model.lines().joined(separator: "\n")
        #expect(!projector.contains("█"), "no bars on the projector either:\n\(projector)")
        let closed = voteLog([.startVote(VoteSetup(method: .approval, anonymous: true)), ballot("P2", "I1"), .closeVote(id: nil)])
        #expect(sessionModel(closed, keys: [.char("4")]).lines()[4...].joined().contains("█"), "shown once it closes")
    }

    @Test func aTiedSchulzeVoteOffersItsTieBreakKeyAndShowsStrengths() {
        let log = voteLog([.startVote(VoteSetup(method: .schulze, candidates: ["I1", "I2"], tieBreak: .facilitator)),
                           ballot("P1", "I1 I2"), ballot("P2", "I2 I1"), .closeVote(id: nil)])
        var model = sessionModel(log, keys: [.char("4")])
        let lines = model.lines()
        #expect(lines[8].hasPrefix("    1 I1") && lines[9].hasPrefix("    1 I2"))
        #expect(lines.contains("  Tie for first: I1, I2. Tie-break: the facilitator decides."))
        #expect(lines.contains("  f decide the tie · o new vote · b ballots · p projector"))
        #expect(model.press([.char("r")]) == [.perform(.openRunoff(of: nil))])

        let decided = voteLog([.startVote(VoteSetup(method: .schulze, candidates: ["I1", "I2"])),
                               ballot("P1", "I1 I2"), ballot("P2", "I1"), .closeVote(id: nil)])
        #expect(sessionModel(decided, keys: [.char("4")]).lines().contains("  I1 beats I2 (2–0, path 2)"))
    }

    @Test func theProjectorShowsTheResultsToTheRoom() {
        let log = voteLog([.startVote(VoteSetup(method: .score, candidates: ["I1", "I2"])),
                           ballot("P1", "I1=5 I2=2"), ballot("P2", "I1=3 I2=5"), .closeVote(id: nil)])
        var model = sessionModel(log, keys: [.char("4")])
        _ = model.press([.char("p")])
        let lines = model.lines()
        #expect(lines[1].contains("V1 · score vote (0–5) · closed"))
        #expect(lines[2].contains("2 of 2 eligible members voted (100%)"))
        #expect(lines[4].hasPrefix("    1  I1 Glacier retreat monitoring") && lines[4].hasSuffix("█ 8"))
        #expect(lines[6].hasPrefix("    2  I2 Agua potable") && lines[6].hasSuffix("█ 7"))
        #expect(lines[23].contains("any key returns"))
        // At 200×60 the back row reads ranks, names and scores in large type.
        let large = model.lines(200, 60)
        let first = largeText("1. Glacier retreat monitoring 8", width: 198, height: 10)!
        #expect(first.allSatisfy { row in large.contains { $0.hasPrefix(" " + row.trimmed) || $0.contains(row.trimmed) } })
        #expect(large.filter { $0.contains("█") }.count >= 10, "two results, five rows and more each")
    }
}

extension VoteTabScreenTests {
    @Test func aShowOfHandsIsEnteredWithH() {
        let log = voteLog([.startVote(VoteSetup(method: .dot))])
        var model = sessionModel(log, keys: [.char("4"), .char("h")])
        _ = model.type("I1=12 i2=7")
        _ = model.press([.down])
        _ = model.type("NGO")
        #expect(model.press([.enter]) == [.perform(.tallyHands(vote: nil, group: .ngo, counts: [
            .init(idea: "I1", points: 12), .init(idea: "I2", points: 7)]))])
        let tallied = voteLog([.startVote(VoteSetup(method: .dot)),
                               .tallyHands(vote: nil, group: .ngo, counts: [.init(idea: "I1", points: 12), .init(idea: "I2", points: 7)])])
        let lines = sessionModel(tallied, keys: [.char("4")]).lines()
        #expect(lines[8].hasPrefix("    1 I1   Glacier retreat monitoring") && lines[8].hasSuffix(" 12"))
        #expect(lines.contains("  Show of hands: NGO I1=12 I2=7"))
    }
}

extension VoteTabScreenTests {
    @Test func turnoutRoundsToTheNearestPercent() {
        let log = voteLog([.addParticipant(name: "Rosa Mamani", organisation: "", group: .ngo, country: "", observer: false),
                           .startVote(VoteSetup(method: .approval)), ballot("P1", "I1"), ballot("P2", "I2")])
        #expect(sessionModel(log, keys: [.char("4")]).lines()[5] == "  Turnout: 2 of 3 eligible members voted (67%)")
    }
}

extension VoteTabScreenTests {
    @Test func aRunoffKeepsTheVotersAndTheTieBreakAndFitsItsDotsToTheCandidatesLeft() {
        // V1: 5 dots, at most 2 an item, ties go to a runoff; I1 and I2 tie at 3. Rosa arrives
        // after V1 opened: the runoff is between V1's voters, and its tie goes to a runoff too.
        // Two candidates at most 2 dots each take 4 dots, not 5.
        let log = voteLog([
            .startVote(VoteSetup(method: .dot, dots: 5, maxPerItem: 2, tieBreak: .runoff)),
            ballot("P1", "I1:2 I2:1"), ballot("P2", "I2:2 I1:1"), .closeVote(id: nil),
            .addParticipant(name: "Rosa Mamani", organisation: "", group: .ngo, country: "", observer: false),
            .openRunoff(of: nil),
        ])
        let lines = sessionModel(log, keys: [.char("4")]).lines()
        #expect(lines[4] == " V2 · dot vote · 4 dots per member, at most 2 per item, ties: runoff, run… OPEN")
        #expect(lines[5] == "  Turnout: 0 of 2 eligible members voted (0%)")
    }
}

@Suite struct VoteBallotListTests {
    let twoBallots = voteLog([.startVote(VoteSetup(method: .dot)), ballot("P1", "I1:2 I2"), ballot("P2", "I2:3")])

    @Test func bListsTheBallotsEnteredSoPaperCanBeChecked() {
        var model = sessionModel(twoBallots, keys: [.char("4"), .char("b")])
        let screen = model.lines()
        #expect(screen.contains { $0.contains("Voter") && $0.contains("Choices") && $0.contains("Counts") })
        #expect(screen.contains { $0.contains("Ana Quispe") && $0.contains("I1:2 I2") })
        #expect(screen.contains { $0.contains("Kenji Sato") && $0.contains("I2:3") })
        _ = model.press([.char("b")])
        #expect(model.lines().contains { $0.contains("Candidate") }, "b goes back to the results")
    }

    @Test func aHiddenVoteListsWhoVotedButNotHow() {
        let log = voteLog([.startVote(VoteSetup(method: .dot, hideResults: true)), ballot("P1", "I1:2 I2")])
        let model = sessionModel(log, keys: [.char("4"), .char("b")])
        #expect(model.lines().contains { $0.contains("Ana Quispe") && $0.contains("hidden until the vote closes") })
        #expect(!model.lines().contains { $0.contains("I1:2") })
    }

    @Test func anAnonymousVoteHasNoBallotListAndSaysWhy() {
        let log = voteLog([.startVote(VoteSetup(method: .dot, anonymous: true)), ballot("P1", "I1:2 I2")])
        let model = sessionModel(log, keys: [.char("4"), .char("b")])
        #expect(model.lines().contains { $0.contains("V1 is anonymous: its ballots are never shown") })
        #expect(!model.lines().contains { $0.contains("Voter") && $0.contains("Choices") })
    }

    @Test func dRemovesTheSelectedBallotAfterAsking() {
        var model = sessionModel(twoBallots, keys: [.char("4"), .char("d")])
        #expect(model.lines().contains { $0.contains("d removes a ballot: press b to list the ballots") })
        _ = model.type("y")
        #expect(model.lines().contains { $0.contains("Remove ballot") }, "the y typed next lands in a form that says why")
        _ = model.press([.escape, .char("b"), .down])
        #expect(model.press([.char("d")]).isEmpty)
        #expect(model.lines().contains { $0.contains("Remove Kenji Sato's ballot from V1? It no longer counts") })
        #expect(model.press([.char("y")]) == [.perform(.removeBallot(vote: "V1", by: "P2"))])
    }

    @Test func aSecondBallotForTheSameVoterAsksToReplaceIt() {
        var model = sessionModel(twoBallots, keys: [.char("4"), .char("a")])
        _ = model.type("AQ")
        _ = model.press([.enter])
        _ = model.type("I2")
        #expect(model.press([.enter]).isEmpty, "nothing is sent before the answer")
        #expect(model.lines().contains { $0.contains("Ana Quispe has already voted in V1: replace Ana Quispe's ballot?") })
        _ = model.press([.char("n")])
        #expect(model.lines().contains { $0.contains("I2") && $0.contains("Choices") }, "no keeps the form and its text")
        _ = model.press([.enter])
        #expect(model.press([.char("y")]) == [.perform(.castBallotText(vote: nil, by: "P1", words: ["I2"]))])
        model.report(saved: "saved Ana Quispe's ballot in V1")
        #expect(model.lines().contains { $0.contains("Ballot in V1") }, "the form is ready for the next voter")
        #expect(!model.lines().contains { $0.contains("I2") && $0.contains("Choices") })
    }

    @Test func anEmptyBallotSaysWhyNothingHappened() {
        var model = sessionModel(twoBallots, keys: [.char("4"), .char("a")])
        _ = model.type("3")
        _ = model.press([.enter])
        #expect(model.press([.enter]).isEmpty)
        #expect(model.lines().contains { $0.contains("Choices is empty, so nothing was saved") })
    }
}

@Suite struct TieDecisionScreenTests {
    func tied(_ rule: TieBreak) -> SessionLog {
        voteLog([.startVote(VoteSetup(method: .dot, tieBreak: rule)), ballot("P1", "I1:3"), ballot("P2", "I2:3"), .closeVote(id: nil)])
    }

    @Test func fRecordsTheFacilitatorsChoiceWithItsReason() {
        var model = sessionModel(tied(.facilitator), keys: [.char("4")])
        #expect(model.lines().contains { $0.contains("f decide the tie") })
        _ = model.press([.char("f")])
        #expect(model.lines().contains { $0.contains("Decide the tie in V1: I1 or I2") })
        _ = model.type("i2")
        _ = model.press([.enter])
        _ = model.type("the water committees asked for it")
        #expect(model.press([.enter]) == [.perform(.decideTie(vote: "V1", idea: "i2", reason: "the water committees asked for it"))])
    }

    @Test func aDecidedTieIsShownWithItsReason() {
        var log = tied(.facilitator)
        let change = try! log.decide(.decideTie(vote: nil, idea: "I2", reason: "asked by the committees"))
        log.append(change.map { Event(id: EventID(seq: log.nextSeq, writer: "t"), at: sampleNow, change: $0) })
        let model = sessionModel(log, keys: [.char("4")])
        let text = model.lines().joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(text.contains("The facilitator chose I2 Agua potable para comunidades altoandinas ñ: “asked by the committees”"))
        #expect(!model.lines().contains { $0.contains("f decide the tie") })
    }

    @Test func theProjectorSaysTheTieAndTheChoiceOnOneClearLine() {
        var log = tied(.facilitator)
        let change = try! log.decide(.decideTie(vote: nil, idea: "I2", reason: "asked by the committees"))
        log.append(change.map { Event(id: EventID(seq: log.nextSeq, writer: "t"), at: sampleNow, change: $0) })
        let model = sessionModel(log, keys: [.char("4"), .char("p")])
        for (w, h) in [(80, 24), (200, 60)] {
            let line = model.lines(w, h)[h - 3].trimmed
            #expect(line.hasPrefix("Tie for first: I1, I2 · the facilitator chose I2 Agua"), "\(w)×\(h): \(line)")
        }
    }

    @Test func fWithNothingToDecideOpensAFormThatSaysWhy() {
        var model = sessionModel(tied(.runoff), keys: [.char("4"), .char("f")])
        #expect(model.lines().contains { $0.contains("declared the tie-break \"runoff\"") })
        _ = model.type("I2")
        #expect(model.press([.enter]).isEmpty, "what is typed lands in the form, never runs as keys")
    }
}

/// The Report tab, which shows the session report, counts in words that agree with the number (issue 15).
@Suite struct ReportTabWordingTests {
    @Test func oneObserverAndOneCandidateBeatenAreSingular() {
        let log = voteLog([.startVote(VoteSetup(method: .schulze, candidates: ["I1", "I2"])),
                           ballot("P1", "I1 I2"), ballot("P2", "I1 I2"), .closeVote(id: nil)])
        let model = sessionModel(log, keys: [.char("6")])
        let body = model.lines(100, 80).joined(separator: "\n")
        #expect(body.contains("3 participants: 2 members, 1 observer."), "\(body)")
        #expect(!body.contains("1 observers") && !body.contains("1 candidates"), "\(body)")
    }
}

@Suite struct VoteKeyHintTests {
    @Test func aKeyAndItsWordsStayOnOneLine() {
        #expect(wrapParts(["a ballot (voter number or initials, then I3:2 I1)", "h show of hands", "c close", "b ballots"], width: 60)
            == ["a ballot (voter number or initials, then I3:2 I1)", "h show of hands · c close · b ballots"])
        let lines = sessionModel(voteLog([.startVote(VoteSetup(method: .dot))]), keys: [.char("4")]).lines()
        #expect(!lines.contains { $0.hasSuffix(" · c") || $0.hasSuffix(" · h") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("c close") })
    }
}
