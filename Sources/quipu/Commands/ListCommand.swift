#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import QuipuCore
import QuipuReports
import QuipuStore

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the sessions in the folder, oldest first."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print JSON: one object per session.")
    var json = false

    func run() throws {
        let context = try global.context()
        let now = context.now()
        if json {
            // Joined from the cache's kept items; only the journals that changed are read.
            let listed = try context.folder.listJSON(at: now)
            var unreadable = false
            for listing in listed.problems {
                switch listing.summary {
                case .success: warn(listing.warnings)
                case .failure(let error):
                    unreadable = true
                    writeStandardError("quipu: warning: skipping \(listing.id): \(inert(firstLine(of: error)))\n")
                }
            }
            fflush(nil)
            _ = listed.write(toFileDescriptor: 1)
            if unreadable { writeStandardError("quipu: warning: run `quipu check` for details\n") }
            return
        }
        var summaries: [SessionSummary] = []
        var unreadable = false
        for listing in try context.folder.summaries(at: now) {
            switch listing.summary {
            case .success(let summary):
                warn(listing.warnings)
                summaries.append(summary)
            case .failure(let error):
                // One damaged journal must not hide the others; `quipu check` explains it.
                unreadable = true
                writeStandardError("quipu: warning: skipping \(listing.id): \(inert(firstLine(of: error)))\n")
            }
        }
        summaries.sort { ($0.date, $0.id) < ($1.date, $1.id) }
        if summaries.isEmpty {
            print("no sessions in \(inert(context.folder.path))")
        } else {
            print(TextReport.list(summaries), terminator: "")
        }
        if unreadable { writeStandardError("quipu: warning: run `quipu check` for details\n") }
    }
}

func firstLine(of error: any Error) -> String {
    let text = (error as? JournalError)?.summary ?? String(describing: error)
    return String(text.split(separator: "\n").first ?? "")
}
