import ArgumentParser
import QuipuText
import QuipuCore

struct IdeaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idea",
        abstract: tr("Capture, edit, link, merge or withdraw an idea: an area of action, a programme, a project or a note."),
        discussion: tr("""
            quipu idea ID add TEXT [--kind area|programme|project|note] [--by WHO] [--area IDEA]
            quipu idea ID edit IDEA [TEXT] [--kind K] [--by WHO]
            quipu idea ID withdraw IDEA
            quipu idea ID link IDEA AREA          (a programme or project under an area)
            quipu idea ID unlink IDEA
            quipu idea ID merge IDEA --into IDEA  (a duplicate into the idea that stays)
            A withdrawn idea stays in the record and the report, listed apart. Merging withdraws \
            the duplicate and moves to the surviving idea its linked ideas, its actions, its \
            candidacy and dots in a vote still open.
            """)
    )

    enum Verb: String, ExpressibleByArgument, CaseIterable { case add, edit, withdraw, link, unlink, merge }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    @Argument(help: ArgumentHelp(tr("What to do."), valueName: "add|edit|withdraw|link|unlink|merge"))
    var verb: Verb

    @Argument(help: ArgumentHelp(tr("add: TEXT; edit: IDEA TEXT; withdraw, unlink, merge: IDEA; link: IDEA AREA."),
                                 valueName: "arguments"))
    var arguments: [String] = []

    @Option(help: ArgumentHelp(tr("merge: the idea that stays."), valueName: "idea"))
    var into: String?

    @Option(help: ArgumentHelp(tr("add, edit: the kind of idea (default for add: area).")))
    var kind: IdeaKind?

    @Option(help: ArgumentHelp(tr("add, edit: who proposed it (P3 or a name on the roster; an organisation with --org; edit: \"\" clears)."), valueName: "who"))
    var by: String?

    @Flag(help: ArgumentHelp(tr("add: the proposer (--by) is an organisation not on the roster.")))
    var org = false

    @Option(help: ArgumentHelp(tr("add: the area of action (an idea id) a programme or project belongs to."),
                               valueName: "idea"))
    var area: String?

    func validate() throws {
        switch verb {
        case .add:
            guard !arguments.isEmpty else { throw ValidationError(tr("add needs the idea's text")) }
        case .edit:
            guard arguments.count >= 2 || (arguments.count == 1 && (kind != nil || by != nil)) else {
                throw ValidationError(tr("edit needs the idea and its new text, --kind or --by: edit I3 \"New text\""))
            }
        case .withdraw, .unlink:
            guard arguments.count == 1 else { throw ValidationError(tr("{verb} needs exactly one idea, e.g. {verb} I3", ["verb": verb.rawValue])) }
        case .link:
            guard arguments.count == 2 else { throw ValidationError(tr("link needs the idea and the area: link I4 I1")) }
        case .merge:
            guard arguments.count == 1, into != nil else { throw ValidationError(tr("merge needs the duplicate and --into: merge I5 --into I2")) }
        }
        if verb != .merge, into != nil { throw ValidationError(tr("--into is for `merge`")) }
        if verb != .add, area != nil { throw ValidationError(tr("--area is for `add`; `link` links an idea later")) }
        if verb != .add && verb != .edit, kind != nil || by != nil {
            throw ValidationError(tr("--kind and --by are for `add` and `edit`"))
        }
    }

    func run() throws {
        let context = try global.context()
        let command: Command
        switch verb {
        case .add: command = .addIdea(text: joined(arguments[...]), kind: kind ?? .area, by: by.map { organisation($0, org) }, area: area)
        case .edit where kind == nil && by == nil: command = .editIdea(id: arguments[0], text: joined(arguments.dropFirst()))
        case .edit:
            command = .reviseIdea(id: arguments[0], text: arguments.count > 1 ? joined(arguments.dropFirst()) : nil, kind: kind,
                                  by: by.map { organisation($0, org) }, area: nil)
        case .withdraw: command = .withdrawIdea(id: arguments[0])
        case .link: command = .linkIdea(id: arguments[0], area: arguments[1])
        case .unlink: command = .linkIdea(id: arguments[0], area: nil)
        case .merge: command = .mergeIdea(id: arguments[0], into: into!)
        }
        try context.applyAndReport(command, to: session.id)
    }
}
