#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import QuipuCore
import QuipuReports
import QuipuStore
import QuipuText

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: tr("List the sessions in the folder, oldest first."),
        discussion: tr("""
            An action carried over into a later session counts there: the earlier session's \
            actions read `6 (2 open, 4 carried on)` (--json: "openActions" and "carriedOn"). \
            A journal that cannot be read (a damaged line in the middle, not a journal, written by \
            a newer Quipu) is not hidden: after the list, stderr names it with FILE:LINE:COL: \
            message, and the command exits 1; `quipu check ID` shows the line. With --json it is \
            also an item of its own, with "status": "damaged" and the message in "damage" \
            (docs/JSON.md).
            """)
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: ArgumentHelp(tr("Print JSON: one object per session, damaged ones included.")))
    var json = false

    func run() throws {
        let context = try global.context()
        let now = context.now()
        var damaged: [SessionDamage] = []
        var listed = 0
        if json {
            // Joined from the cache's kept items; only the journals that changed are read. A
            // damaged journal is an item too (status "damaged", docs/JSON.md).
            let document = try context.folder.listJSON(at: now)
            for listing in document.problems {
                if let damage = listing.damage { damaged.append(damage) } else { warn(listing.warnings) }
            }
            fflush(nil)
            _ = document.write(toFileDescriptor: 1)
            listed = document.count - damaged.count
        } else {
            var summaries: [SessionSummary] = []
            for listing in try context.folder.summaries(at: now) {
                if case .success(let summary) = listing.summary {
                    warn(listing.warnings)
                    summaries.append(summary)
                } else if let damage = listing.damage {
                    damaged.append(damage)
                }
            }
            summaries.sort { ($0.date, $0.id) < ($1.date, $1.id) }
            if !summaries.isEmpty {
                print(TextReport.list(summaries), terminator: "")
            } else if damaged.isEmpty {
                print(tr("no sessions in {folder}", ["folder": inert(context.folder.path)]))
            }
            listed = summaries.count
        }
        guard !damaged.isEmpty else { return }
        // After the list, so it is the last thing a person reads; one damaged journal must not
        // hide the others, nor pass for an empty folder.
        fflush(nil)
        for damage in damaged {
            writeStandardError("quipu: " + tr("skipping {id}: {problem}", ["id": damage.id, "problem": inert(damage.problem)]) + "\n")
        }
        let total = listed + damaged.count
        let line = damaged.count == 1
            ? trn("1 of {n} session could not be read; `quipu check {id}` shows the damaged line",
                  "1 of {n} sessions could not be read; `quipu check {id}` shows the damaged line", count: total, ["id": damaged[0].id])
            : trn("{damaged} of {n} session could not be read; `quipu check` shows each damaged line",
                  "{damaged} of {n} sessions could not be read; `quipu check` shows each damaged line", count: total, ["damaged": damaged.count])
        writeStandardError("quipu: " + line + "\n")
        throw ExitCode(1)
    }
}
