import ArgumentParser
import QuipuText
import QuipuCore
import QuipuReports

struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action",
        abstract: tr("Add, edit or list the workplan's actions, change their status, or carry open ones over."),
        discussion: tr("""
            quipu action ID add TEXT --owner WHO [--due YYYY-MM-DD|YYYY-MM] [--for IDEA] [--supporter WHO]...
            quipu action ID edit ACTION [--text TEXT] [--owner WHO] [--due DATE] [--for IDEA] [--supporter WHO]...
            quipu action ID status ACTION open|in-progress|done|dropped
            quipu action ID list [--json]          (in due order, overdue marked)
            quipu action ID carry-over [--from SESSION]
            `edit` with --due "" or --for "" clears them; --supporter replaces the supporters \
            (--supporter "" clears them). `carry-over` brings the open and in-progress actions of \
            the latest earlier session of the same initiative (or of --from) into this one, each \
            recorded with the session and action it came from.
            """)
    )

    enum Verb: String, ExpressibleByArgument, CaseIterable { case add, edit, status, list, carryOver = "carry-over" }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    @Argument(help: ArgumentHelp(tr("What to do."), valueName: "add|edit|status|list|carry-over"))
    var verb: Verb

    @Argument(help: ArgumentHelp(tr("add: the action's text; status: ACTION and its new status."), valueName: "arguments"))
    var arguments: [String] = []

    @Option(help: ArgumentHelp(tr("add, edit: who does it: P3, a name on the roster, or an organisation."), valueName: "who"))
    var owner: String?

    @Option(help: ArgumentHelp(tr("add, edit: when it is due, a day (2027-03-31) or a month (2027-03)."), valueName: "date"))
    var due: String?

    @Option(name: .customLong("for"), help: ArgumentHelp(tr("add, edit: the idea the action serves, e.g. I3."), valueName: "idea"))
    var idea: String?

    @Option(help: ArgumentHelp(tr("add, edit: someone (or an organisation) who helps the owner; repeat for several."),
                               valueName: "who"))
    var supporter: [String] = []

    @Flag(help: ArgumentHelp(tr("add, edit: the owner is an organisation not on the roster (a supporter that is one: org:NAME).")))
    var org = false

    @Option(help: ArgumentHelp(tr("edit: the action's new text."), valueName: "text"))
    var text: String?

    @Option(help: ArgumentHelp(tr("carry-over: the session to carry open actions from (default: the latest earlier session of the same initiative)."), valueName: "session"))
    var from: String?

    @Flag(help: ArgumentHelp(tr("list: print JSON.")))
    var json = false

    func validate() throws {
        if verb != .edit, text != nil { throw ValidationError(tr("--text is for `edit`")) }
        if verb != .carryOver, from != nil { throw ValidationError(tr("--from is for `carry-over`")) }
        if verb != .list, json { throw ValidationError(tr("--json is for `list`")) }
        if verb != .add, verb != .edit, !supporter.isEmpty { throw ValidationError(tr("--supporter is for `add` and `edit`")) }
        switch verb {
        case .edit:
            guard arguments.count == 1 else { throw ValidationError(tr("edit needs one action: edit A2 --due 2027-03")) }
            if text == nil && owner == nil && due == nil && idea == nil && supporter.isEmpty {
                throw ValidationError(tr("say what to change: --text, --owner, --due, --for or --supporter"))
            }
        case .list, .carryOver:
            if owner != nil || due != nil || idea != nil { throw ValidationError(tr("--owner, --due and --for are for `add` and `edit`")) }
            guard arguments.isEmpty else { throw ValidationError(tr("{verb} takes no arguments", ["verb": verb.rawValue])) }
        case .add:
            guard !arguments.isEmpty else { throw ValidationError(tr("add needs the action's text")) }
            guard owner != nil else { throw ValidationError(tr("add needs --owner WHO")) }
        case .status:
            if owner != nil || due != nil || idea != nil { throw ValidationError(tr("--owner, --due and --for are for `add`")) }
            guard arguments.count == 2 else { throw ValidationError(tr("status needs the action and its status: status A2 done")) }
            guard ActionStatus(rawValue: arguments[1]) != nil else {
                throw ValidationError(tr("the status must be one of: {statuses}", ["statuses": ActionStatus.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
        }
    }

    func run() throws {
        let context = try global.context()
        switch verb {
        case .add:
            try context.applyAndReport(.addAction(text: joined(arguments[...]), owner: organisation(owner!, org), due: due, idea: idea,
                                                  supporters: supporter),
                                       to: session.id)
        case .status:
            try context.applyAndReport(.setActionStatus(id: arguments[0], status: ActionStatus(rawValue: arguments[1])!),
                                       to: session.id)
        case .edit:
            try context.applyAndReport(.editAction(id: arguments[0], text: text, owner: owner.map { organisation($0, org) }, due: due, idea: idea,
                                                   supporters: supporter.isEmpty ? nil : supporter.filter { !$0.isEmpty }),
                                       to: session.id)
        case .list:
            let s = try context.load(session.id)
            let now = context.now()
            if json {
                print(JSONExport.workplan(s, at: now), terminator: "")
                return
            }
            let rows = s.actionsByDue.map { a in
                [a.id, inert(a.text), who(a.owner, in: s), a.due ?? "", a.status.rawValue,
                 a.isOverdue(at: now) ? tr("OVERDUE") : ""]
            }
            for line in TextReport.table(rows) { print(line) }
        case .carryOver:
            try carryOver(into: session.id, from: from, context: context)
        }
    }
}
