import ArgumentParser
import QuipuCore

struct ParticipantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "participant",
        abstract: "Add a participant to the roster, or mark one present, absent, member or observer.",
        discussion: """
            quipu participant ID add NAME [--org ORG] [--group GROUP] [--country C] [--observer]
            quipu participant ID set WHO [--present|--absent] [--member|--observer]
            """
    )

    enum Verb: String, ExpressibleByArgument, CaseIterable { case add, set }

    enum Presence: String, EnumerableFlag {
        case present, absent
        static func help(for value: Presence) -> ArgumentHelp? {
            value == .present ? "set: the participant is in the room." : "set: the participant has left or did not come."
        }
    }

    enum Standing: String, EnumerableFlag {
        case member, observer
        static func help(for value: Standing) -> ArgumentHelp? {
            value == .member ? "A member of the initiative: votes count (the default for add)."
                : "An observer: ballots are recorded but non-binding."
        }
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    @Argument(help: ArgumentHelp("add: a new participant; set: change one.", valueName: "add|set"))
    var verb: Verb

    @Argument(help: ArgumentHelp("add: the participant's name; set: WHO (P3 or an exact name).", valueName: "name"))
    var name: [String]

    @Option(help: ArgumentHelp("add: the participant's organisation.", valueName: "org"))
    var org: String?

    @Option(help: ArgumentHelp("add: the stakeholder group.", valueName: "group"))
    var group: StakeholderGroup?

    @Option(help: ArgumentHelp("add: the participant's country.", valueName: "country"))
    var country: String?

    @Flag var presence: Presence?
    @Flag var standing: Standing?

    func validate() throws {
        switch verb {
        case .add:
            if presence != nil { throw ValidationError("--present/--absent are for `set`; a new participant is present") }
        case .set:
            if org != nil || group != nil || country != nil {
                throw ValidationError("`set` changes presence and member/observer only; --org, --group and --country are for `add`")
            }
            if presence == nil && standing == nil {
                throw ValidationError("say what to change: --present, --absent, --member or --observer")
            }
        }
    }

    func run() throws {
        let context = try global.context()
        let text = joined(name[...])
        switch verb {
        case .add:
            try context.applyAndReport(.addParticipant(name: text, organisation: org ?? "", group: group ?? .other,
                                                       country: country ?? "", observer: standing == .observer),
                                       to: session.id)
        case .set:
            try context.applyAndReport(.setParticipant(who: text, present: presence.map { $0 == .present },
                                                       observer: standing.map { $0 == .observer }),
                                       to: session.id)
        }
    }
}
