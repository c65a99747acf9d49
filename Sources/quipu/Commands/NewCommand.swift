import ArgumentParser
import QuipuCore
import QuipuStore

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a session and print its id.",
        discussion: """
            The id is the date and a slug of the title (2026-11-27-watershed-management), with -2, \
            -3 for repeats. Agendas: breakout-90 (default), roundtable-45, or inline, e.g. \
            "Intro:10,Discuss:30,Close:5".
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The session's title.")
    var title: [String]

    @Option(help: ArgumentHelp("The partnership initiative holding the session.", valueName: "name"))
    var initiative: String = ""

    @Option(help: ArgumentHelp("Who runs the session.", valueName: "name"))
    var facilitator: String = ""

    @Option(help: ArgumentHelp("Who reports to plenary.", valueName: "name"))
    var rapporteur: String = ""

    @Option(help: ArgumentHelp("A template (breakout-90, roundtable-45) or an inline agenda \"Name:minutes,…\".",
                               valueName: "agenda"))
    var agenda: String?

    @Option(help: ArgumentHelp("Scale the agenda to this many minutes in total.", valueName: "n"))
    var minutes: Int?

    func run() throws {
        let context = try global.context()
        let phases = try AgendaTemplate.resolve(agenda, minutes: minutes)
        let journal = try context.folder.create(
            title: joined(title[...]), initiative: initiative, facilitator: facilitator, rapporteur: rapporteur,
            agenda: phases, at: context.now(), writer: context.writer)
        print(journal.id)
    }
}
