import ArgumentParser
import QuipuText
import QuipuCore
import QuipuReports

struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: tr("Undo your own latest change to the session (the undo is itself recorded)."),
        discussion: tr("""
            Your own: the command line's last step on this machine as this user (QUIPU_WRITER \
            names another writer), never a change made on the screens. A step is all that one \
            command changed (a carry-over, an area withdrawn with the ideas it unlinks). Clock \
            changes are not undone: pause, go back a phase or shorten it instead.
            """)
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    func run() throws {
        try reportUndo(.undo, session: session.id, context: global.context(), redo: false)
    }
}

/// Applies an undo or redo and says which change it cancelled or restored.
func reportUndo(_ command: Command, session id: String, context: Context, redo: Bool) throws {
    let (journal, events) = try context.apply(command, to: id)
    let log = journal.log
    for event in events {
        guard case var .undo(target) = event.change else { continue }
        // A redo cancels an undo: name the change it brings back.
        if let undo = log.event(target), case let .undo(original) = undo.change { target = original }
        let change = log.event(target)?.change
        let what = change.map { describe($0, in: log.state) } ?? target.description
        print(redo ? tr("redid: {change}", ["change": what]) : tr("undid: {change}", ["change": what]))
    }
}
