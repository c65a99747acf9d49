import ArgumentParser
import QuipuCore

struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action",
        abstract: "Add an action to the workplan, or change an action's status.",
        discussion: """
            quipu action ID add TEXT --owner WHO [--due YYYY-MM-DD|YYYY-MM] [--for IDEA]
            quipu action ID status ACTION open|in-progress|done|dropped
            """
    )

    enum Verb: String, ExpressibleByArgument, CaseIterable { case add, status }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    @Argument(help: ArgumentHelp("What to do.", valueName: "add|status"))
    var verb: Verb

    @Argument(help: ArgumentHelp("add: the action's text; status: ACTION and its new status.", valueName: "arguments"))
    var arguments: [String] = []

    @Option(help: ArgumentHelp("add: who does it: P3, a name on the roster, or an organisation.", valueName: "who"))
    var owner: String?

    @Option(help: ArgumentHelp("add: when it is due, a day (2027-03-31) or a month (2027-03).", valueName: "date"))
    var due: String?

    @Option(name: .customLong("for"), help: ArgumentHelp("add: the idea the action serves, e.g. I3.", valueName: "idea"))
    var idea: String?

    func validate() throws {
        switch verb {
        case .add:
            guard !arguments.isEmpty else { throw ValidationError("add needs the action's text") }
            guard owner != nil else { throw ValidationError("add needs --owner WHO") }
        case .status:
            if owner != nil || due != nil || idea != nil { throw ValidationError("--owner, --due and --for are for `add`") }
            guard arguments.count == 2 else { throw ValidationError("status needs the action and its status: status A2 done") }
            guard ActionStatus(rawValue: arguments[1]) != nil else {
                throw ValidationError("the status must be one of: \(ActionStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
    }

    func run() throws {
        let context = try global.context()
        switch verb {
        case .add:
            try context.applyAndReport(.addAction(text: joined(arguments[...]), owner: owner!, due: due, idea: idea),
                                       to: session.id)
        case .status:
            try context.applyAndReport(.setActionStatus(id: arguments[0], status: ActionStatus(rawValue: arguments[1])!),
                                       to: session.id)
        }
    }
}
