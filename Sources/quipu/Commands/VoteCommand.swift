import ArgumentParser
import QuipuCore
import QuipuReports

struct VoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vote",
        abstract: "Open a vote on priorities, record ballots, close it and see the results.",
        discussion: """
            quipu vote ID open [--method dot] [--dots N] [--max-per-item N] [--candidates I1,I2,...]
            quipu vote ID cast --by WHO CHOICES...
            quipu vote ID close

            Candidates default to every open area of action. Members present when the vote opens \
            cast binding ballots; observers' ballots are recorded and reported apart as \
            non-binding. Dot ballots: `I3:2 I1` puts 2 dots on I3 and 1 on I1. A new ballot from \
            the same person replaces the old one while the vote is open.
            """
    )

    enum Verb: String, ExpressibleByArgument, CaseIterable { case open, cast, close }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    @Argument(help: ArgumentHelp("What to do.", valueName: "open|cast|close"))
    var verb: Verb

    @Argument(help: ArgumentHelp("cast: the ballot, e.g. I3:2 I1 (IDEA or IDEA:DOTS).", valueName: "choices"))
    var choices: [String] = []

    @Option(help: "open: the voting method.")
    var method: VoteMethod?

    @Option(help: ArgumentHelp("open: dots per member (default 3).", valueName: "n"))
    var dots: Int?

    @Option(help: ArgumentHelp("open: the most dots one voter may put on one candidate.", valueName: "n"))
    var maxPerItem: Int?

    @Option(help: ArgumentHelp("open: the candidates, comma-separated (default: every open area of action).",
                               valueName: "ideas"))
    var candidates: String?

    @Option(help: ArgumentHelp("cast: the voter (P3 or an exact name).", valueName: "who"))
    var by: String?

    func validate() throws {
        let opening = method != nil || dots != nil || maxPerItem != nil || candidates != nil
        switch verb {
        case .open:
            if by != nil || !choices.isEmpty { throw ValidationError("--by and choices are for `cast`") }
        case .cast:
            if opening { throw ValidationError("--method, --dots, --max-per-item and --candidates are for `open`") }
            guard by != nil else { throw ValidationError("cast needs --by WHO") }
            guard !choices.isEmpty else { throw ValidationError("cast needs the ballot's choices, e.g. I3:2 I1") }
        case .close:
            if opening || by != nil || !choices.isEmpty { throw ValidationError("close takes no options") }
        }
    }

    func run() throws {
        let context = try global.context()
        switch verb {
        case .open:
            let list = candidates.map { $0.split(separator: ",").map { String($0).trimmingSpaces } }
            try context.applyAndReport(.openVote(method: method ?? .dot, dots: dots ?? 3, maxPerItem: maxPerItem,
                                                 candidates: list), to: session.id)
        case .cast:
            try context.applyAndReport(.castBallot(vote: nil, by: by!, choices: try parseChoices(choices)),
                                       to: session.id)
        case .close:
            let (journal, events) = try context.apply(.closeVote(id: nil), to: session.id)
            let state = journal.log.state
            for event in events {
                print("saved " + TextReport.describe(event.change, in: state))
                if case let .voteClosed(id) = event.change, let vote = state.vote(id) {
                    print("  " + TextReport.voteLine(vote))
                    for line in TextReport.resultLines(vote, in: state) { print("  " + line) }
                }
            }
        }
    }

    /// `I3:2 I1` or `I3:2,I1`: an idea, optionally with a number of dots (default 1).
    func parseChoices(_ words: [String]) throws -> [Ballot.Choice] {
        var result: [Ballot.Choice] = []
        for word in words {
            for part in word.split(separator: ",") {
                let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
                guard (1...2).contains(pieces.count), !pieces[0].isEmpty else {
                    throw Failure("choice \"\(part)\" must be IDEA or IDEA:DOTS, e.g. I3:2")
                }
                var points = 1
                if pieces.count == 2 {
                    guard let n = Int(pieces[1]), n > 0 else {
                        throw Failure("choice \"\(part)\" must give a whole number of dots, at least 1, e.g. I3:2")
                    }
                    points = n
                }
                result.append(Ballot.Choice(idea: String(pieces[0]), points: points))
            }
        }
        return result
    }
}
