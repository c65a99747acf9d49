import ArgumentParser
import QuipuText
import QuipuCore
import QuipuReports
import QuipuStore

/// Applies the recovery files the screens left beside a journal when they had to exit with
/// changes not yet saved (`<id>.txt.unsaved-N`).
struct RecoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: tr("Apply the changes the screens could not save before they exited."),
        discussion: tr("""
            When the screens exit (q, Ctrl-C, a closed terminal, SIGTERM) with changes the disk \
            or the journal would not take, they write them beside the journal as ID.txt.unsaved-N, \
            in journal syntax. This appends them, oldest file first, with their ids (I3, P5…) \
            minted again so they never collide with what was saved meanwhile, and renames each \
            file to ….applied. `quipu check` lists files still to apply; opening the session on \
            the screens offers the same.
            """)
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    func run() throws {
        let context = try global.context()
        // This laptop's file of the session (`<id>.<device>.txt` on a laptop that did not create
        // it): the screens left what they could not save beside it.
        let journal = try context.folder.open(session.id, writer: context.writer)
        let files = RecoveryFile.pending(beside: journal.path)
        guard !files.isEmpty else {
            print(tr("nothing to recover for {id}", ["id": session.id]))
            return
        }
        warn(journal.warnings)
        for file in files {
            let events = try RecoveryFile.apply(file, to: journal, now: context.now)
            for event in events { print(saved(describe(event.change, in: journal.log.state))) }
            print(tr("applied {file} (kept as {file}.applied)", ["file": inert(file)]))
        }
    }
}
