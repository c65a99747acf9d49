#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import QuipuCore
import QuipuStore
import QuipuText

@main
struct Quipu: ParsableCommand {
    // The help's words are the screens' language: `configuration` is a lazily initialised
    // static, first read by `parseAsRoot` inside `Language.$current.withValue` (see `main`), so
    // `tr` here sees the chosen language. swift-argument-parser's own words (USAGE:, OPTIONS:,
    // ARGUMENTS:, SUBCOMMANDS:, its parse errors such as "Missing expected argument") are built
    // into the library and stay English.
    static let configuration = CommandConfiguration(
        commandName: "quipu",
        abstract: tr("Run 90-minute working-group breakouts: the clock, ideas, votes, roles and the workplan."),
        discussion: tr("""
            With no command, quipu opens the screens on the sessions folder (a terminal that can \
            place the cursor is needed: TERM=dumb exits 2 with one line). Every action of the \
            screens is also a command, for scripts and for a second terminal on the same session. \
            Each session is a plain-text journal, <dir>/<id>.txt, and <dir>/<id>.<device>.txt for \
            each other laptop that wrote to it; closing a session also writes its report, <dir>/<id>.md.

            WHO is a participant id (P3) or a name as on the roster, in any capitals and accents, \
            "Surname, Given", or a unique first name, surname or initials; two possible people or \
            none are refused with the candidates or the nearest names. Where a holder, owner, \
            supporter or proposer may be an organisation, it is one on the roster, or one not on it \
            said with --org (or org:NAME). Ideas are I1, I2…, votes V1…, actions A1…; those added on \
            a laptop other than the session's creator end with its device id (I5-k3f9).

            Environment:
              QUIPU_DIR     the sessions folder when --dir is not given
              QUIPU_LANG    the language of the screens and messages (es, fr,
                            en); else LANGUAGE, LC_ALL, LC_MESSAGES and LANG
              QUIPU_NOW     a UTC time to use instead of the wall clock, such as
                            2026-11-27T14:05:00Z or 2026-11-27T14:05:00.250Z:
                            a testing and replay aid (a script can play a whole
                            afternoon in a second)
              QUIPU_WRITER  the writer id recorded with each change (1 to 16 of
                            a-z 0-9); default: one per user and machine for
                            commands (quipu undo takes back your own last one),
                            a random one for each run of the screens
              QUIPU_AS      who is at the keyboard (as --as NAME): recorded
                            with your changes, named in the timeline
              QUIPU_CACHE_DIR  where list, search and the home screen keep their
                            derived caches; default: $XDG_CACHE_HOME/quipu,
                            else ~/.cache/quipu (safe to delete at any time)
              QUIPU_STATE_DIR  where anonymous votes' ballot keys are kept while
                            the vote is open; default: $XDG_STATE_HOME/quipu,
                            else ~/.local/state/quipu (never inside a sessions
                            folder; see docs/RELIABILITY.md), and this laptop's
                            device id (the file device there)
              QUIPU_DEVICE  this laptop's device id (1 to 12 of a-z 0-9): which
                            file of a session it appends to (docs/FORMAT.md)

            Exit status: 0 on success, 1 when a command is refused or fails (nothing is written), \
            2 on a usage error, such as a sessions folder that does not exist (only new creates one).
            """),
        version: "0.1.0",
        subcommands: [
            NewCommand.self, ListCommand.self, ShowCommand.self, OpenCommand.self,
            TimerCommand.self, ParticipantCommand.self, IdeaCommand.self, VoteCommand.self,
            RoleCommand.self, ActionCommand.self, UndoCommand.self, RedoCommand.self,
            EditCommand.self, AgendaCommand.self, CloseCommand.self, ReopenCommand.self, ExportCommand.self, CheckCommand.self,
            SearchCommand.self, ActionsCommand.self, ReportCommand.self, RecoverCommand.self, SyncCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: ArgumentHelp(tr("No clock warnings: no bell, flash or 5 MIN LEFT words (see `timer ID warnings` for one session).")))
    var quiet = false

    func run() throws {
        let context = try global.context(screens: true)
        try ScreenApp.run(folder: context.folder, writer: context.writer, writerName: context.writerName, openID: nil, quiet: quiet)
    }

    /// Refusals from the engine and the store are one `quipu: ` line and exit 1; usage errors
    /// exit 2 as the README says (argument-parser's own default is 64).
    static func main() {
        // Past a file-size limit a write must fail with EFBIG, which the journal handles (the
        // change is kept and retried), rather than kill the program with SIGXFSZ.
        signal(SIGXFSZ, SIG_IGN)
        // Everything (parsing, --help, the commands, the screens) speaks the screens' language.
        let language = Language.fromEnvironment()
        if let asked = environment("QUIPU_LANG"), Language.parse(asked) == nil {
            // Said once and in English, the language Quipu goes on in.
            let codes = Language.available.map(\.code).joined(separator: ", ")
            writeStandardError("quipu: QUIPU_LANG=\(inert(asked)): no catalogue for that language (there are \(codes)); going on in English\n")
        }
        Language.$current.withValue(language) { runAndExit() }
    }

    static func runAndExit() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as QuipuError {
            printError(error.localized)
            terminate(1)
        } catch let error as StoreError {
            printError(localizedText(of: error))
            terminate(1)
        } catch let error as JournalError {
            printError(localizedText(of: error))
            terminate(1)
        } catch let error as Failure {
            printError(error.description)
            terminate(1)
        } catch let error as UsageFailure {
            printError(error.description)
            terminate(2)
        } catch {
            let code = exitCode(for: error)
            guard code == .validationFailure else { exit(withError: error) }
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
            writeStandardError("quipu: " + message + (message.hasSuffix("\n") ? "" : "\n"))
            terminate(2)
        }
    }
}
