import ArgumentParser
import QuipuText
import QuipuCore
import QuipuReports
import QuipuStore

struct ActionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: tr("List actions across every session: who owes what, by when, from which session."),
        discussion: tr("""
            By default the actions still to do (open and in progress), soonest due first. An action \
            is overdue when it is still to do and its day has passed, or its month (YYYY-MM) has \
            ended, as of today in local time ($QUIPU_NOW when set). An action carried over from \
            session to session is one action, listed once where it was carried last, with its \
            status there and where it came from (S1 A4 → S2 A4).
            """)
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp(tr("Only actions owned by WHO: a person's name as on the rosters (however it is capitalised or accented, a unique first name, surname or initials), or an organisation; a participant id (P4) only with --session."), valueName: "who"))
    var owner: String?

    @Option(help: ArgumentHelp(tr("Only actions of this session (also those carried on from it), and --owner P4 is its P4."), valueName: "id"))
    var session: String?

    @Flag(help: ArgumentHelp(tr("Only overdue actions.")))
    var overdue = false

    @Option(help: ArgumentHelp(tr("Only actions with this status (open, in-progress, done, dropped) instead of those still to do.")))
    var status: ActionStatus?

    @Flag(help: ArgumentHelp(tr("Print JSON: one object per action (see docs/JSON.md).")))
    var json = false

    func run() throws {
        let context = try global.context()
        let (sessions, unreadable) = try context.folder.loadAll()
        warnUnreadable(unreadable)
        let today = LocalTime.date(context.now())
        let filter = ActionsReport.Filter(owner: owner, session: session, status: status, overdueOnly: overdue)
        let rows = try ActionsReport.rows(sessions, filter: filter, today: today)
        print(json ? ActionsReport.json(rows) : ActionsReport.text(rows, today: today), terminator: "")
    }
}
