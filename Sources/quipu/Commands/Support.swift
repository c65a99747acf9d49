import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QuipuText
import QuipuCore
import QuipuReports
import QuipuStore

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long,
            help: ArgumentHelp(tr("The sessions folder. Default: $QUIPU_DIR, else ./Sessions. It must exist; only new creates it."),
                                valueName: "dir"),
            completion: .directory)
    var dir: String?

    @Option(name: .customLong("as"),
            help: ArgumentHelp(tr("Who is at the keyboard, recorded with your changes so the timeline names you. Default: $QUIPU_AS; the screens default to the session's facilitator."), valueName: "name"))
    var asName: String?

    /// Where the sessions live, the clock and the writer id, read once per command. A folder
    /// that does not exist is a usage error when `requiringFolder` (a mistyped `--dir` must not
    /// look like an empty folder): only `new` makes one, and `check FILE` needs none.
    /// `screens`: each run of the screens is a writer of its own (two terminals are two
    /// writers); every command of the command line is this user's command-line writer on this
    /// machine, so `quipu undo` takes back the user's own last command.
    func context(requiringFolder: Bool = true, screens: Bool = false) throws -> Context {
        let fromEnvironment = environment("QUIPU_DIR")
        if let bad = Device.invalidOverride {
            throw Failure(tr("QUIPU_DEVICE={value} is not a device id: use 1 to 12 of a-z and 0-9", ["value": inert(bad)]))
        }
        let folder = SessionsFolder(path: dir ?? fromEnvironment ?? "Sessions")
        if requiringFolder { try requireFolder(folder, namedBy: dir != nil ? "--dir" : fromEnvironment != nil ? "QUIPU_DIR" : nil) }
        var fixedNow: Timestamp?
        if let text = environment("QUIPU_NOW") {
            guard let t = Timestamp.parse(text) else {
                throw Failure(tr("QUIPU_NOW={value} is not a UTC timestamp like 2026-11-27T14:05:00Z or 2026-11-27T14:05:00.250Z", ["value": inert(text)]))
            }
            fixedNow = t
        }
        var writer = screens ? SessionsFolder.newWriterID() : SessionsFolder.commandLineWriterID(host: hostName(), user: getuid())
        if let text = environment("QUIPU_WRITER") {
            guard EventID.isValidWriter(text) else {
                throw Failure(tr("QUIPU_WRITER={value} is not a writer id: use 1 to 16 of a-z and 0-9", ["value": inert(text)]))
            }
            writer = text
        }
        var name = asName ?? environment("QUIPU_AS")
        if let given = name {
            let clean = given.trimmingSpaces
            guard !clean.isEmpty, clean.count <= 100, !clean.contains(where: \.isNewline) else {
                throw UsageFailure(tr("--as needs a name on one line, of at most 100 characters"))
            }
            name = clean
        }
        return Context(folder: folder, now: { fixedNow ?? wallClock() }, writer: writer, writerName: name)
    }
}

/// This machine's name, for the command-line writer id.
func hostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
    return String(cString: buffer)
}

/// Refuses a sessions folder that is not there, in one line that says where its name came from.
func requireFolder(_ folder: SessionsFolder, namedBy option: String?) throws {
    guard !folder.exists else { return }
    let shown = shownPath(folder.path)
    let from = option.map { " (\($0))" } ?? ""
    var st = stat()
    if stat(folder.path, &st) == 0 {
        throw UsageFailure(tr("{path} is not a folder: give the sessions folder with --dir", ["path": shown + from]))
    }
    let new = option == "--dir" ? "quipu new TITLE --dir \(shown)" : "quipu new TITLE"
    if option == nil {
        throw UsageFailure(tr("there is no sessions folder {path}: name one with --dir, or `{command}` creates it",
                              ["path": shown + from, "command": new]))
    }
    throw UsageFailure(tr("there is no sessions folder {path}: check its name, or `{command}` creates it",
                          ["path": shown + from, "command": new]))
}

/// A folder as a person typed it, a relative one marked as such: `./Sesions`.
func shownPath(_ path: String) -> String {
    let plain = path.hasPrefix("/") || path.hasPrefix("./") || path.hasPrefix("../") || path.hasPrefix("~") || path == "."
    return inert(plain ? path : "./" + path)
}

/// What a command needs from the world: the folder, the clock, who is writing.
struct Context {
    let folder: SessionsFolder
    let now: () -> Timestamp
    let writer: String
    /// `--as` / `QUIPU_AS`: recorded with this writer's changes (`writer.join`).
    let writerName: String?

    /// The session's journal, opened for appending as this writer.
    func open(_ id: String) throws -> Journal {
        let journal = try folder.open(id, writer: writer)
        journal.writerName = writerName
        warn(journal.warnings)
        return journal
    }

    /// Reads a session without locking or changing it; journal warnings go to stderr.
    func load(_ id: String) throws -> Session {
        let (log, warnings) = try folder.load(id)
        warn(warnings)
        return log.state
    }

    /// Opens the session, decides the command against everything appended so far and appends
    /// the changes durably. A refused command throws before anything is written.
    @discardableResult
    func apply(_ command: Command, to id: String) throws -> (journal: Journal, events: [Event]) {
        let journal = try open(id)
        let events = try journal.append(now: now) { log in try log.decide(command, by: writer) }
        return (journal, events)
    }

    /// Applies a command and prints one `saved …` line per change.
    func applyAndReport(_ command: Command, to id: String) throws {
        let (journal, events) = try apply(command, to: id)
        for event in events {
            print(saved(describe(event.change, in: journal.log.state)))
        }
    }
}

/// A usage error found after parsing (a sessions folder that is not there, a terminal the
/// screens cannot use): one line, exit 2.
struct UsageFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// A refusal or failure worth one line on stderr and exit status 1.
struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

func environment(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    let text = String(cString: value)
    return text.isEmpty ? nil : text
}

/// `exit`, reachable from inside a ParsableCommand (whose own `exit(withError:)` shadows it).
func terminate(_ code: Int32) -> Never { exit(code) }

func printError(_ message: String) {
    let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map { inert(String($0)) }
    writeStandardError("quipu: " + lines.joined(separator: "\n") + "\n")
}

func warn(_ warnings: [String]) {
    for w in warnings { writeStandardError("quipu: " + tr("warning: {text}", ["text": inert(w)]) + "\n") }
}

/// `saved …`: one change the command made, as the journal now holds it.
func saved(_ what: String) -> String { tr("saved {change}", ["change": what]) }

/// `wrote …`: a file the command wrote.
func wrote(_ path: String) -> String { tr("wrote {path}", ["path": inert(path)]) }

/// `quipu: warning: skipping ID: run `quipu check ID` for details`, for a journal a command
/// across sessions could not read.
func warnUnreadable(_ ids: [String]) {
    for id in ids {
        writeStandardError("quipu: " + tr("warning: skipping {id}: run `quipu check {id}` for details", ["id": id]) + "\n")
    }
}


func writeStandardError(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let n = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return }
        bytes = bytes.dropFirst(n)
    }
}

/// Writes a report or an export so a reader sees the old version or the new one, never half:
/// the store's one atomic writer (temporary file, fsync, rename, fsync of the folder).
func writeFileAtomically(_ path: String, _ text: String) throws {
    // Said in the user's terms: a folder given where a file goes, or a folder that is not there.
    var st = stat()
    if path.hasSuffix("/") || (stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR) {
        throw Failure(tr("{path} is a folder; --output takes a file name, such as {example}",
                         ["path": shownPath(path), "example": shownPath(path.hasSuffix("/") ? path + "report" : path + "/report")]))
    }
    if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
        let folder = String(path[..<slash])
        if stat(folder, &st) != 0 {
            throw Failure(tr("there is no folder {folder} to write {file} in",
                             ["folder": shownPath(folder), "file": inert(String(path[path.index(after: slash)...]))]))
        }
    }
    try QuipuStore.writeFileAtomically(Array(text.utf8), to: path)
}

/// Text given as several words (`quipu idea ID add Community water committees`) is one text.
func joined(_ words: ArraySlice<String>) -> String { words.joined(separator: " ") }

/// Session ids for shell completion, from `--dir` on the line being completed, else the default.
@Sendable func completeSessionIDs(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
    var dir = environment("QUIPU_DIR") ?? "Sessions"
    if let i = words.firstIndex(of: "--dir"), i + 1 < words.count { dir = words[i + 1] }
    let ids = (try? SessionsFolder(path: dir).sessionIDs()) ?? []
    return ids.filter { $0.hasPrefix(prefix) }
}

/// The session id argument every session command starts with.
struct SessionArgument: ParsableArguments {
    @Argument(help: ArgumentHelp(tr("The session id, e.g. 2026-11-27-watershed-management."), valueName: "id"),
              completion: .custom(completeSessionIDs))
    var id: String
}

extension IdeaKind: ExpressibleByArgument {}
extension ActionStatus: ExpressibleByArgument {}
extension VoteMethod: ExpressibleByArgument {}

extension StakeholderGroup: ExpressibleByArgument {
    public init?(argument: String) { self.init(loose: argument) }
    public static var allValueStrings: [String] {
        ["government", "intergovernmental", "ngo", "major-group", "private-sector", "research", "other"]
    }
}

/// Creates a folder for exports (and its parents) when missing.
func ensureFolder(_ path: String) throws {
    try SessionsFolder(path: path).ensureExists()
}

/// A WHO as the engine reads it: with `--org`, an organisation not on the roster (`org:NAME`).
func organisation(_ who: String, _ isOrganisation: Bool) -> String {
    isOrganisation && !who.lowercased().hasPrefix("org:") ? "org:" + who : who
}

/// The languages `--lang` takes, `en, es, fr`.
var languageCodes: String { Language.available.map(\.code).joined(separator: ", ") }

/// The language `--lang CODE` names (`es`, `fr`, `en`; `es_PE.UTF-8` names `es`); one with no
/// catalogue is refused with those there are, in one line (a usage error, exit 2: checked at
/// the start of `run`, not in `validate`, where argument-parser would add its usage lines).
func reportLanguage(_ code: String) throws -> Language {
    guard let language = Language.parse(code) else {
        throw UsageFailure(tr("--lang {code}: Quipu has no catalogue for that language; use one of {codes}",
                                 ["code": inert(code), "codes": languageCodes]))
    }
    return language
}
