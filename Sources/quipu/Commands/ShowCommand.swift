import ArgumentParser
import QuipuReports

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a session: clock, participants, ideas, votes, roles and actions."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    @Flag(help: "Print JSON (the same as `export --format json`).")
    var json = false

    func run() throws {
        let context = try global.context()
        let state = try context.load(session.id)
        let now = context.now()
        print(json ? JSONExport.render(state, at: now) : TextReport.show(state, at: now), terminator: "")
    }
}
