import ArgumentParser
import QuipuCore

struct IdeaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idea",
        abstract: "Capture, edit or withdraw an idea: an area of action, a programme, a project or a note.",
        discussion: """
            quipu idea ID add TEXT [--kind area|programme|project|note] [--by WHO] [--area IDEA]
            quipu idea ID edit IDEA TEXT
            quipu idea ID withdraw IDEA
            A withdrawn idea stays in the record and the report, listed apart.
            """
    )

    enum Verb: String, ExpressibleByArgument, CaseIterable { case add, edit, withdraw }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    @Argument(help: ArgumentHelp("What to do.", valueName: "add|edit|withdraw"))
    var verb: Verb

    @Argument(help: ArgumentHelp("add: TEXT; edit: IDEA TEXT; withdraw: IDEA.", valueName: "arguments"))
    var arguments: [String] = []

    @Option(help: "add: the kind of idea (default: area).")
    var kind: IdeaKind?

    @Option(help: ArgumentHelp("add: who proposed it (P3, a name on the roster, or any name).", valueName: "who"))
    var by: String?

    @Option(help: ArgumentHelp("add: the area of action (an idea id) a programme or project belongs to.",
                               valueName: "idea"))
    var area: String?

    func validate() throws {
        switch verb {
        case .add:
            guard !arguments.isEmpty else { throw ValidationError("add needs the idea's text") }
        case .edit:
            guard arguments.count >= 2 else { throw ValidationError("edit needs the idea and its new text: edit I3 \"New text\"") }
        case .withdraw:
            guard arguments.count == 1 else { throw ValidationError("withdraw needs exactly one idea, e.g. withdraw I3") }
        }
        if verb != .add, kind != nil || by != nil || area != nil {
            throw ValidationError("--kind, --by and --area are for `add`")
        }
    }

    func run() throws {
        let context = try global.context()
        let command: Command
        switch verb {
        case .add: command = .addIdea(text: joined(arguments[...]), kind: kind ?? .area, by: by, area: area)
        case .edit: command = .editIdea(id: arguments[0], text: joined(arguments.dropFirst()))
        case .withdraw: command = .withdrawIdea(id: arguments[0])
        }
        try context.applyAndReport(command, to: session.id)
    }
}
