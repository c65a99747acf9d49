import ArgumentParser
import QuipuText
import QuipuCore

struct RedoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redo",
        abstract: tr("Redo the change the latest undo cancelled.")
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    func run() throws {
        try reportUndo(.redo, session: session.id, context: global.context(), redo: true)
    }
}
