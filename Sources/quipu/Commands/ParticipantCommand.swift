import ArgumentParser
import QuipuText
import QuipuCore
import QuipuReports
import QuipuStore

struct ParticipantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "participant",
        abstract: tr("Add, edit, remove or import participants; mark them present, absent, member or observer."),
        discussion: tr("""
            quipu participant ID add NAME [--org ORG] [--group GROUP] [--country C] [--observer]
            quipu participant ID set WHO [--present|--absent] [--member|--observer] [--org ORG] [--group G]
            quipu participant ID edit WHO [--name NAME] [--org ORG] [--group G] [--country C]
            quipu participant ID remove WHO
            quipu participant ID import FILE.csv [--json]
            quipu participant ID list [--json]

            A removed participant leaves the roster but stays in the record: ballots and actions \
            still name them. `import` reads a CSV roster whose header names its columns \
            (case-insensitive): name, organisation/organization, group, country, role \
            (member/observer) or observer (yes/no); other columns are ignored. Each row becomes \
            its own participant; a bad row, or a name already on the roster, is reported by line \
            on stderr and skipped, and the good rows are saved. Exit status 1 when any row was \
            skipped. `list` prints the roster and the counts by stakeholder group.
            """)
    )

    enum Verb: String, ExpressibleByArgument, CaseIterable { case add, set, edit, remove, `import`, list }

    enum Presence: String, EnumerableFlag {
        case present, absent
        static func help(for value: Presence) -> ArgumentHelp? {
            ArgumentHelp(value == .present ? tr("set: the participant is in the room.") : tr("set: the participant has left or did not come."))
        }
    }

    enum Standing: String, EnumerableFlag {
        case member, observer
        static func help(for value: Standing) -> ArgumentHelp? {
            ArgumentHelp(value == .member ? tr("A member of the initiative: votes count (the default for add).")
                : tr("An observer: ballots are recorded but non-binding."))
        }
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    @Argument(help: ArgumentHelp(tr("What to do."), valueName: "add|set|edit|remove|import|list"))
    var verb: Verb

    @Argument(help: ArgumentHelp(tr("add: the participant's name; set, edit, remove: WHO (P3 or a name on the roster); import: the CSV file."), valueName: "name"))
    var name: [String] = []

    @Option(name: .customLong("name"), help: ArgumentHelp(tr("edit: the participant's new name."), valueName: "name"))
    var newName: String?

    @Flag(help: ArgumentHelp(tr("import, list: print JSON.")))
    var json = false

    @Option(help: ArgumentHelp(tr("add, set, edit: the participant's organisation (edit: \"\" clears it)."), valueName: "org"))
    var org: String?

    @Option(help: ArgumentHelp(tr("add, set, edit: the stakeholder group."), valueName: "group"))
    var group: StakeholderGroup?

    @Option(help: ArgumentHelp(tr("add, edit: the participant's country (edit: \"\" clears it)."), valueName: "country"))
    var country: String?

    @Flag var presence: Presence?
    @Flag var standing: Standing?

    func validate() throws {
        if verb != .edit, newName != nil { throw ValidationError(tr("--name is for `edit`")) }
        if json, verb != .import, verb != .list { throw ValidationError(tr("--json is for `import` and `list`")) }
        switch verb {
        case .add:
            guard !name.isEmpty else { throw ValidationError(tr("add needs the participant's name")) }
            if presence != nil { throw ValidationError(tr("--present/--absent are for `set`; a new participant is present")) }
        case .set:
            guard !name.isEmpty else { throw ValidationError(tr("set needs WHO: P3 or a name on the roster")) }
            if country != nil { throw ValidationError(tr("--country is for `add` and `edit`")) }
            if presence == nil && standing == nil && org == nil && group == nil {
                throw ValidationError(tr("say what to change: --present, --absent, --member, --observer, --org or --group"))
            }
        case .edit:
            guard !name.isEmpty else { throw ValidationError(tr("edit needs WHO: P3 or a name on the roster")) }
            if presence != nil || standing != nil { throw ValidationError(tr("--present, --absent, --member and --observer are for `set`")) }
            if newName == nil && org == nil && group == nil && country == nil {
                throw ValidationError(tr("say what to change: --name, --org, --group or --country"))
            }
        case .remove, .import, .list:
            if presence != nil || standing != nil || org != nil || group != nil || country != nil {
                throw ValidationError(tr("`{verb}` takes no --present, --absent, --member, --observer, --org, --group or --country", ["verb": verb.rawValue]))
            }
            if verb == .remove, name.isEmpty { throw ValidationError(tr("remove needs WHO: P3 or a name on the roster")) }
            if verb == .import, name.count != 1 { throw ValidationError(tr("import needs one CSV file")) }
            if verb == .list, !name.isEmpty { throw ValidationError(tr("list takes no arguments")) }
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
            if org != nil || group != nil {
                try context.applyAndReport(.editParticipant(who: text, name: nil, organisation: org, group: group, country: nil),
                                           to: session.id)
            }
            if presence != nil || standing != nil {
                try context.applyAndReport(.setParticipant(who: text, present: presence.map { $0 == .present },
                                                           observer: standing.map { $0 == .observer }),
                                           to: session.id)
            }
        case .edit:
            try context.applyAndReport(.editParticipant(who: text, name: newName, organisation: org, group: group,
                                                        country: country),
                                       to: session.id)
        case .remove:
            try context.applyAndReport(.removeParticipant(who: text), to: session.id)
        case .import:
            try importRoster(path: name[0], context: context)
        case .list:
            try listRoster(context: context)
        }
    }
}
