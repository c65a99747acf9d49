import ArgumentParser
import QuipuText
import QuipuCore
import QuipuReports
import QuipuStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: tr("Write the plenary roll-up: per initiative, every conclusion its sessions reached."),
        discussion: tr("""
            One Markdown document (or, with --format html, one self-contained HTML page with the \
            votes and agendas drawn as charts, each initiative on a page of its own when printed) \
            across the sessions of the folder, to stdout or --output FILE (replaced atomically). Per initiative: the areas of action (voted ones ranked, with the \
            method; the others listed as not voted on), programme and project ideas under their \
            area, decisions and notes, roles, the workplan (each action once, however often it was \
            carried over, with its current status; overdue marked) and what was left open. \
            Initiatives are grouped however they are capitalised or accented. Planned sessions \
            are left out unless --include-planned. A filter that matches nothing says so on stderr. \
            --lang chooses the report's language (default: the screens').
            """)
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: ArgumentHelp(tr("The plenary roll-up across sessions (the only report so far).")))
    var plenary = false

    @Option(help: ArgumentHelp(tr("Only sessions on or after this day (YYYY-MM-DD)."), valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp(tr("Only sessions on or before this day (YYYY-MM-DD)."), valueName: "date"))
    var to: String?

    @Option(parsing: .upToNextOption,
            help: ArgumentHelp(tr("Only these initiatives (capitals and accents aside); several may follow."), valueName: "name"))
    var initiative: [String] = []

    @Flag(help: ArgumentHelp(tr("Include planned sessions, which have not started.")))
    var includePlanned = false

    enum Format: String, ExpressibleByArgument, CaseIterable { case md, html }

    @Option(help: ArgumentHelp(tr("The format: md (Markdown) or html (a page with charts, to print to PDF from a browser).")))
    var format: Format = .md

    @Option(help: ArgumentHelp(tr("Write to this file instead of stdout."), valueName: "file"), completion: .file())
    var output: String?

    @Option(help: ArgumentHelp(tr("The language of the report: {codes}. Default: the screens' language ({code}).",
                                  ["codes": languageCodes, "code": Language.current.code]), valueName: "code"))
    var lang: String?

    func validate() throws {
        guard plenary else { throw ValidationError(tr("say which report: --plenary")) }
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, Timestamp.parse(value + "T00:00:00Z") == nil {
                throw ValidationError(tr("{option} must be a day like 2026-11-27, not \"{value}\"", ["option": name, "value": inert(value)]))
            }
        }
    }

    func run() throws {
        // Sessions in several languages roll up in one: --lang's, else the screens'.
        let asked = try lang.map(reportLanguage) ?? Language.current
        let context = try global.context()
        let (sessions, unreadable) = try context.folder.loadAll()
        warnUnreadable(unreadable)
        let selection = PlenaryReport.Selection(from: from, to: to, initiatives: initiative, includePlanned: includePlanned)
        for note in selection.unmatched(sessions) { writeStandardError("quipu: \(note)\n") }
        let today = LocalTime.date(context.now())
        let text = format == .md ? PlenaryReport.render(sessions, selection: selection, today: today, language: asked)
            : PlenaryReport.renderHTML(sessions, selection: selection, today: today, now: context.now(), language: asked)
        if let output {
            try writeFileAtomically(output, text)
            print(wrote(output))
        } else {
            print(text, terminator: "")
        }
    }
}
