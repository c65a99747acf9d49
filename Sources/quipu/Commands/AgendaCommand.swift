import ArgumentParser
import QuipuCore
import QuipuText

struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: tr("Change the agenda: rename a phase, change its minutes, add, remove or move phases still to come."),
        discussion: tr("""
            Phases are numbered from 1, as the Agenda tab shows them. Phases that have run keep \
            their place and their minutes; phases still to come can be added, removed and moved \
            among themselves. Every change is recorded and (but for minutes) undone by `undo`.

              add N NAME MINUTES        insert a phase at position N (one past the last appends)
              edit N [--name NAME] [--minutes M]   rename phase N or plan it for M minutes
              remove N                  take phase N out of the agenda
              move N TO                 move phase N to position TO
            """)
    )

    enum Operation: String, ExpressibleByArgument, CaseIterable { case add, edit, remove, move }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    @Argument(help: ArgumentHelp(tr("What to do with the agenda."), valueName: "operation"))
    var operation: Operation

    @Argument(help: ArgumentHelp(tr("The phase number (from 1)."), valueName: "N"))
    var phase: Int

    @Argument(help: ArgumentHelp(tr("add: NAME MINUTES; move: TO."), valueName: "value"))
    var values: [String] = []

    @Option(help: ArgumentHelp(tr("edit: the phase's new name."), valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp(tr("edit: the phase's planned minutes."), valueName: "m"))
    var minutes: Int?

    func validate() throws {
        guard phase >= 1 else { throw ValidationError(tr("phases are numbered from 1")) }
        switch operation {
        case .add:
            guard values.count >= 2, let m = Int(values.last!), m > 0 else {
                throw ValidationError(tr("add needs a position, a name and minutes, e.g. `agenda ID add 3 Coffee 10`"))
            }
            _ = m
        case .edit:
            guard values.isEmpty else { throw ValidationError(tr("edit takes --name and --minutes, not {words}", ["words": values.joined(separator: " ")])) }
            guard name != nil || minutes != nil else { throw ValidationError(tr("edit needs --name, --minutes or both")) }
        case .remove:
            guard values.isEmpty else { throw ValidationError(tr("remove takes only the phase number")) }
        case .move:
            guard values.count == 1, let to = Int(values[0]), to >= 1 else {
                throw ValidationError(tr("move needs the position to move to, e.g. `agenda ID move 4 2`"))
            }
        }
        if operation != .edit, name != nil || minutes != nil {
            throw ValidationError(tr("--name and --minutes go with edit"))
        }
    }

    func run() throws {
        let index = phase - 1
        let command: Command = switch operation {
        case .add:
            .addPhase(at: index, Phase(name: values.dropLast().joined(separator: " "), plannedSeconds: Int64(Int(values.last!)!) * 60))
        case .edit: .editPhase(index, name: name, plannedSeconds: minutes.map { Int64($0) * 60 })
        case .remove: .removePhase(index)
        case .move: .movePhase(index, to: Int(values[0])! - 1)
        }
        try global.context().applyAndReport(command, to: session.id)
    }
}

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: tr("Change a session's title, initiative, facilitator, rapporteur or report language."),
        discussion: tr("Only what is given changes; an empty value clears the initiative, facilitator or rapporteur. Undone by `undo`.")
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    @Option(help: ArgumentHelp(tr("The session's title."), valueName: "text"))
    var title: String?
    @Option(help: ArgumentHelp(tr("The partnership initiative holding the session."), valueName: "name"))
    var initiative: String?
    @Option(help: ArgumentHelp(tr("Who runs the session."), valueName: "name"))
    var facilitator: String?
    @Option(help: ArgumentHelp(tr("Who reports to plenary."), valueName: "name"))
    var rapporteur: String?
    @Option(help: ArgumentHelp(tr("The language of the session's reports: {codes}.", ["codes": languageCodes]), valueName: "code"))
    var lang: String?

    func validate() throws {
        guard title != nil || initiative != nil || facilitator != nil || rapporteur != nil || lang != nil else {
            throw ValidationError(tr("give at least one of --title, --initiative, --facilitator, --rapporteur, --lang"))
        }
    }

    func run() throws {
        let language = try lang.map { try reportLanguage($0).code }
        try global.context().applyAndReport(.editSession(title: title, initiative: initiative, facilitator: facilitator,
                                                         rapporteur: rapporteur, language: language), to: session.id)
    }
}
