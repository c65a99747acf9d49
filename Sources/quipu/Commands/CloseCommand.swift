import ArgumentParser
import QuipuText
import QuipuCore
import QuipuReports

struct CloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close the session (closing any open vote) and write its report, <dir>/<id>.md.",
        discussion: "A closed session is read-only until `quipu reopen ID`."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    func run() throws {
        let context = try global.context()
        let (journal, events) = try context.apply(.close, to: session.id)
        let state = journal.log.state
        for event in events { print("saved " + describe(event.change, in: state)) }
        let path = context.folder.reportPath(state.id)
        try writeFileAtomically(path, MarkdownReport.render(state, at: events.last?.at ?? context.now()))
        print("wrote \(path)")
    }
}
