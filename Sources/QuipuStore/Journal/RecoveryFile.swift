#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QuipuCore
import QuipuText

/// Changes that could not be saved to a journal before Quipu had to exit (the disk full, the
/// file replaced or rewritten outside Quipu, a hang-up), written beside it as
/// `<id>.txt.unsaved-N` in journal syntax, so that nothing a person typed is only in memory
/// when Quipu exits. `quipu check` lists them; `quipu recover ID` and the screens apply them,
/// with their ids minted again against the journal as it is then (`SessionLog.rebased`).
public enum RecoveryFile {
    /// A change waiting to be written, and when it was made.
    public struct Pending: Sendable {
        public var command: Command
        public var at: Timestamp
        public var summary: String
        public init(command: Command, at: Timestamp, summary: String) {
            self.command = command
            self.at = at
            self.summary = summary
        }
    }

    /// Writes the pending changes, decided in order against the last state this writer saw of
    /// the journal, and `drafts` (text typed into a form but not submitted) as comments. Returns
    /// the file's path. A change the state refuses is kept as a comment with the reason.
    public static func write(_ pending: [Pending], drafts: [String] = [], for journal: Journal, why: String,
                             at now: Timestamp) throws -> String {
        let bytes = Array(render(pending, drafts: drafts, for: journal, why: why, at: now).utf8)
        var n = 1
        while true {
            let candidate = "\(journal.path).unsaved-\(n)"
            if access(candidate, F_OK) == 0 || access(candidate + ".applied", F_OK) == 0 {
                n += 1
                continue
            }
            try writeFileAtomically(bytes, to: candidate)
            return candidate
        }
    }

    /// The text of a recovery file: a journal header, comments for people, the events.
    public static func render(_ pending: [Pending], drafts: [String] = [], for journal: Journal, why: String,
                              at now: Timestamp) -> String {
        var log = journal.log
        var text = JournalFormat.header + "\n"
        // The comments are for the person at this laptop, in their language; the events are the
        // journal's language-neutral lines.
        text += "# " + tr("Changes Quipu could not save to {file} ({why}), kept here on {time}.",
                          ["file": journal.id + ".txt", "why": why, "time": now.iso8601]) + "\n"
        text += "# " + (log.lastID.map { tr("They were made after event {event} of the journal.", ["event": String(describing: $0)]) }
                        ?? tr("They were made before any event of the journal.")) + "\n"
        text += "# " + tr("Apply them with: quipu recover {id}   (or open the session on the screens)", ["id": journal.id]) + "\n"
        for item in pending {
            do {
                let changes = try log.state.sealed(try log.decide(item.command), keys: journal.ballotKeys)
                let events = changes.enumerated().map { offset, change in
                    Event(id: EventID(seq: log.nextSeq + offset, writer: journal.writer), at: max(item.at, log.events.last?.at ?? item.at),
                          change: change)
                }
                for event in events { text += JournalFormat.encode(event) }
                log.append(events)
            } catch {
                text += "# " + tr("refused against the journal as last read ({reason}): {change}",
                                  ["reason": oneLine(localizedText(of: error)), "change": oneLine(item.summary)]) + "\n"
            }
        }
        for draft in drafts { text += "# " + tr("typed but not submitted: {text}", ["text": oneLine(draft)]) + "\n" }
        return text
    }

    /// The recovery files beside a journal that have not been applied, oldest first.
    public static func pending(beside journalPath: String) -> [String] {
        let slash = journalPath.lastIndex(of: "/")
        let folder = slash.map { String(journalPath[..<$0]) } ?? "."
        let name = slash.map { String(journalPath[journalPath.index(after: $0)...]) } ?? journalPath
        guard let dir = opendir(folder.isEmpty ? "/" : folder) else { return [] }
        defer { closedir(dir) }
        var found: [(Int, String)] = []
        while let entry = readdir(dir) {
            let entryName = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            let prefix = name + ".unsaved-"
            guard entryName.hasPrefix(prefix), let n = Int(entryName.dropFirst(prefix.count)) else { continue }
            found.append((n, folder + "/" + entryName))
        }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The events a recovery file holds (comments are for people).
    public static func read(_ path: String) throws -> [Event] {
        try JournalReader.parse(try readFile(path), file: path).events
    }

    /// Appends a recovery file's changes to the journal, ids minted again, then marks the file
    /// applied (renamed to `….applied`, kept for the record). Returns the events written.
    @discardableResult
    public static func apply(_ path: String, to journal: Journal, now: () -> Timestamp) throws -> [Event] {
        let recovered = try read(path)
        let events = try journal.append(now: now) { log in log.rebased(recovered, writer: journal.writer) }
        guard rename(path, path + ".applied") == 0 else { throw StoreError.errno(Message("cannot mark as applied {path}"), path) }
        return events
    }

    private static func oneLine(_ text: String) -> String {
        inert(String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 }))
    }
}
