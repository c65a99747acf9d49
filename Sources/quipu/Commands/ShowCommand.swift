import ArgumentParser
import QuipuText
import QuipuCore
import QuipuReports

extension TimelineEntry.Kind: ExpressibleByArgument {}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: tr("Show a session: clock, participants, ideas, votes, roles and actions.")
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    @Flag(help: ArgumentHelp(tr("Print JSON (the same as `export --format json`).")))
    var json = false

    @Flag(help: ArgumentHelp(tr("Print the journal as a readable history instead: local time, who, what.")))
    var timeline = false

    @Option(help: ArgumentHelp(tr("With --timeline, only events of this kind: clock, people, ideas, votes, workplan, session, undo."), valueName: "kind"))
    var kind: TimelineEntry.Kind?

    func run() throws {
        let context = try global.context()
        if timeline {
            let (log, warnings) = try context.folder.load(session.id)
            warn(warnings)
            let entries = TimelineReport.entries(log, localTime: LocalTime.minute).filter { kind == nil || $0.kind == kind }
            print(json ? TimelineReport.json(entries) : TimelineReport.text(entries), terminator: "")
            return
        }
        let state = try context.load(session.id)
        let now = context.now()
        print(json ? JSONExport.render(state, at: now) : TextReport.show(state, at: now), terminator: "")
    }
}
