import ArgumentParser

struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the screens on one session."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    func run() throws {
        let context = try global.context()
        let id = try context.folder.validate(session.id)
        guard try context.folder.sessionIDs().contains(id) else {
            throw Failure("there is no session \(id) in \(context.folder.path)")
        }
        try ScreenApp.run(folder: context.folder, openID: id)
    }
}
