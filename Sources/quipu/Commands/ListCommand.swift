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
        var summaries: [SessionSummary] = []
        var unreadable = false
        for id in try context.folder.sessionIDs() {
            do {
                summaries.append(try context.load(id).summary(at: now))
            } catch {
                // One damaged journal must not hide the others; `quipu check` explains it.
                unreadable = true
                writeStandardError("quipu: warning: skipping \(id): \(inert(firstLine(of: error)))\n")
            }
        }
        summaries.sort { ($0.date, $0.id) < ($1.date, $1.id) }
        if json {
            print(JSONExport.list(summaries), terminator: "")
        } else if summaries.isEmpty {
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
