import QuipuCore
import ArgumentParser
import QuipuText
import QuipuReports
import QuipuStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: tr("Render a session as a Markdown report, an HTML page, JSON, or CSV tables for a spreadsheet."),
        discussion: tr("""
            md, html and json go to stdout, or to --output FILE. html is one self-contained page \
            (no script, nothing fetched, the style inline) with the votes and the agenda drawn as \
            charts; a browser's Print → Save as PDF makes it a PDF. csv writes one file per table into \
            --output DIR (created if missing): <id>-participants.csv, -ideas.csv, -ballots.csv, \
            -results.csv, -roles.csv and -actions.csv. Cells that a spreadsheet would run as a formula \
            (starting with =, +, -, @) are written with a leading apostrophe. Every file is replaced \
            atomically. The JSON is described in docs/JSON.md. --lang chooses another language than \
            the session's for the report (md, html and the csv headers).
            """)
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case md, html, json, csv }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    @Option(help: ArgumentHelp(tr("The format: md (the plenary report), html (the same as a page with charts), json (as `show --json`) or csv (one file per table).")))
    var format: Format

    @Option(help: ArgumentHelp(tr("Write to this file (replaced atomically) instead of stdout; for csv, the folder to write the tables into."), valueName: "file|dir"),
            completion: .file())
    var output: String?

    @Option(help: ArgumentHelp(tr("The language of the report (md, html, csv headers): {codes}. Default: the one the session records.",
                                  ["codes": languageCodes]), valueName: "code"))
    var lang: String?

    func run() throws {
        let asked = try lang.map(reportLanguage)
        let context = try global.context()
        let state = try context.load(session.id)
        let now = context.now()
        // The report speaks the session's own language unless --lang says otherwise; what this
        // command says about it (`wrote …`, errors) speaks the screens' language.
        let language = asked ?? Language.ofReports(state)
        if format == .csv {
            guard let output else {
                throw ValidationError(tr("csv writes one file per table: give --output DIR"))
            }
            try ensureFolder(output)
            for table in CSVExport.tables(state, language: language) {
                let path = (output.hasSuffix("/") ? output : output + "/") + CSVExport.fileName(session: state.id, table: table.name)
                try writeFileAtomically(path, try language.speak { try CSVExport.render(table) })
                print(wrote(path))
            }
            return
        }
        let text = language.speak {
            switch format {
            case .md: MarkdownReport.render(state, at: now, language: language)
            case .html: HTMLReport.render(state, at: now, language: language)
            case .json, .csv: JSONExport.render(state, at: now)
            }
        }
        if let output {
            try writeFileAtomically(output, text)
            print(wrote(output))
        } else {
            print(text, terminator: "")
        }
    }
}
