import ArgumentParser
import QuipuCore
import QuipuText
import QuipuStore

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: tr("Create a session and print its id."),
        discussion: tr("""
            The id is the date and a slug of the title (2026-11-27-watershed-management), with -2, \
            -3 for repeats. Agendas: breakout-90 (default), roundtable-45, inline, e.g. \
            "Intro:10,Discuss:30,Close:5", or the name of a custom agenda: a plain-text file \
            <dir>/agendas/NAME.txt with one phase a line, "Name: minutes" (# starts a comment). \
            --minutes N spreads any of them over exactly N minutes, the time the room has: whole \
            minutes in proportion to the phases' planned time, at least one a phase, printed on \
            stderr; fewer minutes than phases is refused. The sessions folder is created when it \
            does not exist yet, and stderr says so. --lang chooses the language of the session's \
            reports (default: the screens').
            """)
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp(tr("The session's title.")))
    var title: [String]

    @Option(help: ArgumentHelp(tr("The partnership initiative holding the session."), valueName: "name"))
    var initiative: String = ""

    @Option(help: ArgumentHelp(tr("Who runs the session."), valueName: "name"))
    var facilitator: String = ""

    @Option(help: ArgumentHelp(tr("Who reports to plenary."), valueName: "name"))
    var rapporteur: String = ""

    @Option(help: ArgumentHelp(tr("A template (breakout-90, roundtable-45), a custom agenda (<dir>/agendas/NAME.txt) or an inline agenda \"Name:minutes,…\"."),
                               valueName: "agenda"))
    var agenda: String?

    @Option(help: ArgumentHelp(tr("Spread the agenda over exactly this many minutes, in proportion (at least one a phase)."), valueName: "n"))
    var minutes: Int?

    @Flag(help: ArgumentHelp(tr("Bring the open actions of the latest earlier session of the same initiative into the new one.")))
    var carryOver = false

    @Option(help: ArgumentHelp(tr("The language of the session's reports: {codes}. Default: the screens' language ({code}).",
                                  ["codes": languageCodes, "code": Language.current.code]), valueName: "code"))
    var lang: String?

    func validate() throws {
        if carryOver, initiative.isEmpty {
            throw ValidationError(tr("--carry-over needs --initiative: actions carry over within an initiative"))
        }
    }

    func run() throws {
        // The language of its reports: --lang, else the screens' (English is recorded as none).
        let language = try lang.map(reportLanguage)?.code ?? Language.current.code
        let context = try global.context(requiringFolder: false)
        let existed = context.folder.exists
        let planned = try context.folder.resolveAgenda(agenda, minutes: nil, language: language)
        var phases = planned
        if let minutes {
            phases = try AgendaTemplate.scale(planned, toMinutes: minutes)
            if phases != planned {
                // Applied, and said: the facilitator sees what each phase became.
                let spread = phases.map { "\($0.name) \($0.plannedSeconds / 60)" }.joined(separator: " · ")
                writeStandardError("quipu: " + trn("agenda spread over {n} minute: {phases}", "agenda spread over {n} minutes: {phases}",
                                                   count: minutes, ["phases": inert(spread)]) + "\n")
            }
        }
        let now = context.now()
        // Found before creating, so a refusal leaves nothing behind. "~" sorts after any id.
        let source = carryOver ? try context.folder.carryOverSource(initiative: initiative, before: (now, "~")) : nil
        let journal = try context.folder.create(
            title: joined(title[...]), initiative: initiative, facilitator: facilitator, rapporteur: rapporteur,
            agenda: phases, language: language, at: now, writer: context.writer)
        if !existed { writeStandardError("quipu: " + tr("created sessions folder {folder}", ["folder": shownPath(context.folder.path)]) + "\n") }
        if let source {
            let events = try journal.append(now: context.now) { log in try log.decide(.carryOver(from: source)) }
            let carried = events.carriedActionCount
            writeStandardError("quipu: " + trn("carried over {n} open action from {session}", "carried over {n} open actions from {session}",
                                               count: carried, ["session": source.id]) + "\n")
        }
        print(journal.id)
    }
}
