import ArgumentParser
import QuipuCore
import QuipuStore

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Share the sessions folder through git: commit, pull, merge, push.",
        discussion: """
            The first time, the folder becomes a git repository (or the one it is in is used) with \
            .gitattributes (journals text eol=lf) and .gitignore (reports, temporary and recovery \
            files stay out). Each run commits what changed with a message that says what \
            ("Andes: 4 ideas, 1 vote closed"), fetches, merges and pushes (retrying when the remote \
            moved meanwhile), and prints what arrived from other laptops. Each laptop appends only \
            to files of its own, so merges never conflict. Git never asks anything: no editor, no \
            password prompt, no git configuration needed. Safe to run at any time, twice at once \
            or while the screens are open. Errors are one line: git missing, no remote, the remote \
            unreachable, not fast-forward after 3 tries.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The shared repository to sync with (becomes the remote origin; kept for next time).",
                               valueName: "url"))
    var remote: String?

    func run() throws {
        let context = try global.context()
        do {
            var sync = try GitSync(folder: context.folder)
            try sync.run(remote: remote) { print(inert($0)) }
        } catch let error as SyncError {
            throw Failure(error.description)
        }
    }
}
