import ArgumentParser
import QuipuText
import QuipuCore
import QuipuStore

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: tr("Share the sessions folder through git: commit, pull, merge, push."),
        discussion: tr("""
            The first time, the folder becomes a git repository (or the one it is in is used) with \
            .gitattributes (journals text eol=lf) and .gitignore (reports, temporary and recovery \
            files stay out). Each run commits what changed with a message that says what \
            ("Andes: 4 ideas, 1 vote closed"), fetches, merges and pushes (retrying when the remote \
            moved meanwhile), and prints what arrived from other laptops. Each laptop appends only \
            to files of its own, so merges never conflict. Git never asks anything: no editor, no \
            password prompt, no git configuration needed. Safe to run at any time, twice at once \
            or while the screens are open. Errors are one line: git missing, no remote, the remote \
            unreachable, not fast-forward after 3 tries. A new laptop joins with --remote, even \
            before it has a sessions folder (sync makes it). A session made offline on two laptops \
            with the same title on the same day is kept twice: this laptop's id gains its device \
            name, and sync says so.
            """)
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp(tr("The shared repository to sync with (becomes the remote origin; kept for next time)."),
                               valueName: "url"))
    var remote: String?

    func run() throws {
        // A new laptop joins with --remote before it has a sessions folder: sync makes it, and
        // says so (without --remote there would be nothing to join, so it must exist).
        let context = try global.context(requiringFolder: remote == nil)
        if !context.folder.exists {
            try context.folder.ensureExists()
            print(tr("made the sessions folder {folder}", ["folder": shownPath(context.folder.path)]))
        }
        do {
            var sync = try GitSync(folder: context.folder)
            try sync.run(remote: remote) { print(inert($0)) }
        } catch let error as SyncError {
            throw Failure(localizedText(of: error))
        }
    }
}
