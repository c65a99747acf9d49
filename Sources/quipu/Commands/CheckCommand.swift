import ArgumentParser
import QuipuText
import QuipuCore
import QuipuReports
import QuipuStore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: tr("Validate journals without changing them."),
        discussion: tr("""
            With no argument, checks every journal in the sessions folder. For each journal prints \
            `ok FILE (N events)`, or `warning: …` lines (a torn last line, which the next change \
            to the session moves to a quarantine file; unknown event kinds, which are kept), or \
            `FILE:LINE:COL: message` and the offending line for damage that stops the journal from \
            being read. A recovery file the screens left beside a journal (changes they could not \
            save before exiting, ID.txt.unsaved-N) is listed with how to apply it (`quipu recover ID`). \
            Exits 1 if any journal has an error.
            """)
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp(tr("Session ids or journal files (default: every journal in the folder)."),
                                 valueName: "id|file"),
              completion: .custom(completeSessionIDs))
    var targets: [String] = []

    func run() throws {
        // A bare id names a journal in the folder; anything else is a path, and needs no folder.
        let byID = { (target: String) in !target.contains("/") && !target.hasSuffix(".txt") && SessionID.isValid(target) }
        let context = try global.context(requiringFolder: targets.isEmpty || targets.contains(where: byID))
        var paths: [String] = []
        if targets.isEmpty {
            // Every file of every session: the creator's and the other devices'.
            let files = try context.folder.sessionFiles()
            paths = files.ids.flatMap { id in
                [context.folder.journalPath(id)] + files.devices[id, default: []].map { context.folder.journalPath(id, device: $0) }
            }
            if paths.isEmpty {
                print(tr("no journals in {folder}", ["folder": inert(context.folder.path)]))
                return
            }
        } else {
            for target in targets {
                if byID(target) {
                    let files = try context.folder.journalPaths(target)
                    paths += files.isEmpty ? [context.folder.journalPath(target)] : files
                } else {
                    paths.append(target)
                }
            }
        }
        var failed = false
        for path in paths where !check(path) { failed = true }
        if failed { throw ExitCode(1) }
    }

    /// Prints what is wrong with one journal; false when it cannot be read.
    func check(_ path: String) -> Bool {
        let data: [UInt8]
        do {
            data = try readFile(path)
        } catch {
            print(inert(localizedText(of: error)))
            return false
        }
        let parsed: ParsedJournal
        do {
            parsed = try JournalReader.parse(data, file: path)
        } catch {
            // The first line: `FILE:LINE:COL: reason`; the excerpt is drawn below.
            print(inert(String(localizedText(of: error).prefix { $0 != "\n" })))
            if let excerpt = error.excerpt {
                let gutter = String(error.line)
                let pad = String(repeating: " ", count: gutter.count)
                print("\(pad) |\n\(gutter) | \(excerpt)\n\(pad) | \(String(repeating: " ", count: max(0, error.column - 1)))^")
            }
            return false
        }
        var warnings = parsed.warnings
        if let tail = parsed.tail {
            warnings.append("\(path):\(tail.line):1: " + tr("torn or damaged end: {reason}; the next change to this session moves it aside to {file}",
                                                                ["reason": tail.reason, "file": "\(path).quarantine-N"]))
        }
        for file in RecoveryFile.pending(beside: path) {
            let count = (try? RecoveryFile.read(file).count).map { trn("{n} unsaved change", "{n} unsaved changes", count: $0) }
                ?? tr("unsaved changes")
            // `<id>.txt` or `<id>.<device>.txt`: a session id has no dot.
            let id = String((path.split(separator: "/").last ?? "").dropLast(4).prefix { $0 != "." })
            warnings.append("\(file): " + tr("{changes} the screens could not save before exiting; apply with `quipu recover {id}`",
                                              ["changes": count, "id": id]))
        }
        for w in warnings { print(tr("warning: {text}", ["text": inert(w)])) }
        if warnings.isEmpty {
            print(trn("ok {file} ({n} event)", "ok {file} ({n} events)", count: parsed.events.count, ["file": inert(path)]))
        }
        return true
    }
}
