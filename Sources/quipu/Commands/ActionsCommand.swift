import ArgumentParser
import QuipuCore
import QuipuReports
import QuipuStore

struct ActionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "List actions across every session: who owes what, by when, from which session.",
        discussion: """
            By default the actions still to do (open and in progress), soonest due first. An action \
            is overdue when it is still to do and its day has passed, or its month (YYYY-MM) has \
            ended, as of today in local time ($QUIPU_NOW when set).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Only actions owned by WHO: a participant's id, name or organisation, or an organisation owner; case-insensitive, part of a name is enough.", valueName: "who"))
    var owner: String?

    @Flag(help: "Only overdue actions.")
    var overdue = false

    @Option(help: "Only actions with this status (open, in-progress, done, dropped) instead of those still to do.")
    var status: ActionStatus?

    @Flag(help: "Print JSON: one object per action (see docs/JSON.md).")
    var json = false

    func run() throws {
        let context = try global.context()
        let (sessions, unreadable) = try context.folder.loadAll()
        for id in unreadable { writeStandardError("quipu: warning: skipping \(id): run `quipu check \(id)` for details\n") }
        let today = LocalTime.date(context.now())
        let rows = ActionsReport.rows(sessions, filter: .init(owner: owner, status: status, overdueOnly: overdue), today: today)
        print(json ? ActionsReport.json(rows) : ActionsReport.text(rows, today: today), terminator: "")
    }
}
