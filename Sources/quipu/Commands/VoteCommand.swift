import ArgumentParser
import QuipuText
import QuipuCore
import QuipuReports

struct VoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vote",
        abstract: tr("Open a vote on priorities, record ballots, close it and see the results."),
        discussion: tr("""
            quipu vote ID open [--method dot|approval|score|borda|irv|schulze]
                               [--dots N] [--max-per-item N] [--candidates I1,I2,...]
                               [--hide-results] [--anonymous]
                               [--tie-break none|facilitator|runoff]
            quipu vote ID cast --by WHO CHOICES...
            quipu vote ID tally I1=12 I2=7 [--group GROUP]
            quipu vote ID remove --by WHO
            quipu vote ID close
            quipu vote ID runoff
            quipu vote ID decide IDEA --reason TEXT
            quipu vote ID accept

            Candidates default to every open area of action. Members present when the vote opens \
            cast binding ballots; observers' ballots are recorded and reported apart as \
            non-binding. A new ballot from the same person replaces the old one while the vote is \
            open; `remove` takes a ballot out of the open vote (entered for the wrong person, say: not \
            in an anonymous vote). Ballots: dot `I3:2 I1` (2 dots on I3, 1 on I1); approval `I1 I4`; score \
            `I1=5 I2=3` (0 to 5); borda, irv and schulze rank candidates, first choice first: \
            `I4 I1 I2` (unranked candidates come last). `tally` records a show of hands (dot and \
            approval votes), optionally for one stakeholder group; a new tally for the same group \
            replaces it. `runoff` opens a new vote among the candidates tied for first in the \
            latest closed vote: the same method, options, tie-break and eligible members; a dot \
            runoff keeps the cap and gives no more dots than the cap lets a voter place on the \
            candidates left. `decide` records the facilitator's choice among the candidates tied for \
            first in the latest closed vote declared with --tie-break facilitator, and why; the tie \
            stays on record, and reports name the choice beside it and quote the reason. `accept` \
            counts the late ballots of the latest closed vote that has any: ballots cast on another \
            laptop before it had seen the close, listed with the results and not counted until then.

            irv: candidates tied for the fewest votes go out together only when their votes \
            together are fewer than the next candidate's; otherwise the one with fewer votes in \
            the latest earlier round where they differ goes out, and a tie for last that no round \
            breaks and that decides the winner makes the possible winners tied for first. `close` \
            prints each round with why it ended so.
            """)
    )

    enum Verb: String, ExpressibleByArgument, CaseIterable { case open, cast, tally, remove, close, runoff, decide, accept }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    @Argument(help: ArgumentHelp(tr("What to do."), valueName: "open|cast|tally|remove|close|runoff|decide|accept"))
    var verb: Verb

    @Argument(help: ArgumentHelp(tr("cast: the ballot (dot I3:2 I1, approval I1 I4, score I1=5 I2=3, ranked I4 I1 I2); tally: counts per candidate, e.g. I1=12 I2=7; decide: the idea chosen."), valueName: "choices"))
    var choices: [String] = []

    @Option(help: ArgumentHelp(tr("open: the voting method.")))
    var method: VoteMethod?

    @Option(help: ArgumentHelp(tr("open: dots per member (default 3)."), valueName: "n"))
    var dots: Int?

    @Option(help: ArgumentHelp(tr("open: the most dots one voter may put on one candidate."), valueName: "n"))
    var maxPerItem: Int?

    @Option(help: ArgumentHelp(tr("open: the candidates, comma-separated (default: every open area of action)."),
                               valueName: "ideas"))
    var candidates: String?

    @Flag(help: ArgumentHelp(tr("open: keep results hidden (screens, reports, show) until the vote closes.")))
    var hideResults = false

    @Flag(help: ArgumentHelp(tr("open: anonymous ballots: the journal records who voted (at the close) and what was voted, never joined; results stay hidden until the vote closes. Ballots are cast and the vote closed on this machine, which keeps the ballot key until then.")))
    var anonymous = false

    @Option(help: ArgumentHelp(tr("open: what settles a tie for first place: none (the tie stands), facilitator (the facilitator decides) or runoff (a runoff vote among the tied)."), valueName: "rule"))
    var tieBreak: TieBreak?

    @Option(help: ArgumentHelp(tr("cast, remove: the voter (P3 or a name on the roster)."), valueName: "who"))
    var by: String?

    @Option(help: ArgumentHelp(tr("decide: why the facilitator chose this candidate (recorded for the report)."), valueName: "text"))
    var reason: String?

    @Option(help: ArgumentHelp(tr("tally: the stakeholder group whose hands these are (government, intergovernmental, ngo, major-group, private-sector, research, other)."), valueName: "group"))
    var group: StakeholderGroup?

    func validate() throws {
        let opening = method != nil || dots != nil || maxPerItem != nil || candidates != nil || hideResults || anonymous
            || tieBreak != nil
        if verb != .open, opening {
            throw ValidationError(tr("--method, --dots, --max-per-item, --candidates, --hide-results, --anonymous and --tie-break are for `open`"))
        }
        if verb != .cast, verb != .remove, by != nil { throw ValidationError(tr("--by is for `cast` and `remove`")) }
        if verb != .decide, reason != nil { throw ValidationError(tr("--reason is for `decide`")) }
        if verb != .tally, group != nil { throw ValidationError(tr("--group is for `tally`")) }
        switch verb {
        case .open:
            if !choices.isEmpty { throw ValidationError(tr("choices are for `cast`")) }
        case .cast:
            guard by != nil else { throw ValidationError(tr("cast needs --by WHO")) }
            guard !choices.isEmpty else { throw ValidationError(tr("cast needs the ballot's choices, e.g. I3:2 I1")) }
        case .tally:
            guard !choices.isEmpty else { throw ValidationError(tr("tally needs counts per candidate, e.g. I1=12 I2=7")) }
        case .remove:
            guard by != nil else { throw ValidationError(tr("remove needs --by WHO, the voter whose ballot goes")) }
            if !choices.isEmpty { throw ValidationError(tr("remove takes no choices, only --by WHO")) }
        case .decide:
            guard choices.count == 1 else { throw ValidationError(tr("decide needs the one idea chosen, e.g. quipu vote ID decide I3 --reason TEXT")) }
            guard reason != nil else { throw ValidationError(tr("decide needs --reason TEXT: why the facilitator chose it")) }
        case .close, .runoff, .accept:
            if !choices.isEmpty { throw ValidationError(tr("{verb} takes no choices", ["verb": verb.rawValue])) }
        }
    }

    func run() throws {
        let context = try global.context()
        switch verb {
        case .open:
            let list = candidates.map { $0.split(separator: ",").map { String($0).trimmingSpaces } }
            try context.applyAndReport(.startVote(VoteSetup(method: method ?? .dot, dots: dots ?? 3, maxPerItem: maxPerItem,
                                                            candidates: list, hideResults: hideResults,
                                                            anonymous: anonymous, tieBreak: tieBreak ?? .none)),
                                       to: session.id)
        case .cast:
            try applyAndShowResults(.castBallotText(vote: nil, by: by!, words: choices), context: context)
        case .tally:
            try applyAndShowResults(.tallyHands(vote: nil, group: group, counts: try parseHandCounts(choices)), context: context)
        case .close:
            try applyAndShowResults(.closeVote(id: nil), context: context)
        case .runoff:
            try context.applyAndReport(.openRunoff(of: nil), to: session.id)
        case .remove:
            try applyAndShowResults(.removeBallot(vote: nil, by: by!), context: context)
        case .decide:
            try applyAndShowResults(.decideTie(vote: nil, idea: choices[0], reason: reason!), context: context)
        case .accept:
            try applyAndShowResults(.acceptLateBallots(vote: nil), context: context)
        }
    }

    /// Saves, then prints the vote's standing (unless its results are hidden until close).
    func applyAndShowResults(_ command: Command, context: Context) throws {
        let (journal, events) = try context.apply(command, to: session.id)
        let state = journal.log.state
        func voteChanged(_ change: Change) -> String? {
            switch change {
            case let .voteClosed(id, _, _), let .handsTallied(id, _), let .tieDecided(id, _, _), let .lateBallotAccepted(id, _): id
            default: nil
            }
        }
        var shown: [String] = []
        for event in events {
            if case .writerJoined = event.change { continue }
            print(saved(describe(event.change, in: state)))
            let id: String? = switch event.change {
            case let .voteClosed(id, _, _), let .handsTallied(id, _), let .tieDecided(id, _, _): id
            case let .lateBallotAccepted(id, _): id
            case let .ballotRemoved(vote, _): state.vote(vote)?.resultsVisible == true ? vote : nil
            // A running tally after each anonymous ballot would show how that voter voted.
            case let .ballotCast(vote, _): state.vote(vote)?.anonymous == true ? nil : vote
            default: nil
            }
            // The standing once, after the last change to it (accepting two late ballots is two events).
            if let id, let vote = state.vote(id), !shown.contains(id),
               !events.drop(while: { $0.id != event.id }).dropFirst().contains(where: { voteChanged($0.change) == id }) {
                shown.append(id)
                print("  " + TextReport.voteLine(vote))
                for line in TextReport.resultLines(vote, in: state) { print("  " + line) }
            }
        }
    }

    /// `I1=12 I2=7` (or `I1:12`): a count of hands per candidate.
}

extension TieBreak: ExpressibleByArgument {}
