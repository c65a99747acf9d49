import ArgumentParser
import QuipuText

struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: tr("Open the screens on one session.")
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    @Flag(help: ArgumentHelp(tr("No clock warnings: no bell, flash or 5 MIN LEFT words (see `timer ID warnings` for one session).")))
    var quiet = false

    func run() throws {
        let context = try global.context(screens: true)
        let id = try context.folder.validate(session.id)
        guard try context.folder.sessionIDs().contains(id) else {
            throw Failure(tr("there is no session {id} in {folder}", ["id": id, "folder": context.folder.path]))
        }
        try ScreenApp.run(folder: context.folder, writer: context.writer, writerName: context.writerName, openID: id, quiet: quiet)
    }
}
