import QuipuCore
import ArgumentParser
import QuipuReports

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Render a session as a Markdown report or as JSON, to stdout or a file."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case md, json }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    @Option(help: "The format: md (the plenary report) or json (as `show --json`).")
    var format: Format

    @Option(help: ArgumentHelp("Write to this file (replaced atomically) instead of stdout.", valueName: "file"),
            completion: .file())
    var output: String?

    func run() throws {
        let context = try global.context()
        let state = try context.load(session.id)
        let now = context.now()
        let text = format == .md ? MarkdownReport.render(state, at: now) : JSONExport.render(state, at: now)
        if let output {
            try writeFileAtomically(output, text)
            print("wrote \(inert(output))")
        } else {
            print(text, terminator: "")
        }
    }
}
