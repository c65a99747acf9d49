import ArgumentParser
import QuipuText
import QuipuCore
import QuipuReports

struct CloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: tr("Close the session (closing any open vote) and write its report, <dir>/<id>.md."),
        discussion: tr("A closed session is read-only until `quipu reopen ID`.")
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    func run() throws {
        let context = try global.context()
        let (journal, events) = try context.apply(.close, to: session.id)
        let state = journal.log.state
        for event in events { print(saved(describe(event.change, in: state))) }
        let path = context.folder.reportPath(state.id)
        // In the language the session records, whatever the screens speak.
        let report = Language.ofReports(state).speak { MarkdownReport.render(state, at: events.last?.at ?? context.now()) }
        try writeFileAtomically(path, report)
        print(wrote(path))
    }
}
