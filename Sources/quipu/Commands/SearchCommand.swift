import ArgumentParser
import QuipuText
import QuipuCore
import QuipuReports
import QuipuStore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: tr("Search every session: titles, participants, ideas and notes, roles and actions."),
        discussion: tr("""
            Capitals, accents and runs of spaces do not matter, as for names on the roster (nuflo \
            finds Gonzalo Ñuflo, peru finds Perú); newest session first. In the screens, s on the \
            home screen does the same.
            """)
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp(tr("The text to look for (several words are one text).")))
    var text: [String]

    @Flag(help: ArgumentHelp(tr("Print JSON: one object per hit (see docs/JSON.md).")))
    var json = false

    func validate() throws {
        guard !joined(text[...]).trimmingSpaces.isEmpty else { throw ValidationError(tr("say what to search for")) }
    }

    func run() throws {
        let context = try global.context()
        let (hits, unreadable) = try context.folder.search(joined(text[...]))
        warnUnreadable(unreadable)
        print(json ? SearchReport.json(hits) : SearchReport.text(hits), terminator: "")
    }
}
