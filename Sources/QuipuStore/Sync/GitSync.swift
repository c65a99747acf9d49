import Foundation
import QuipuCore
import QuipuText

/// A sync that could not finish, in one line (nothing the room said is lost: what was committed
/// stays committed, and the journals are never touched by a failed sync).
public struct SyncError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, for each language to say (`localized`).
    public var text: Message
    /// `SyncError("no remote to sync with…", [...])`: the key is the English sentence.
    public init(_ key: String, _ arguments: [String: Message.Argument] = [:]) { text = Message(key, arguments) }
    public init(_ text: Message) { self.text = text }
    /// The sentence in English.
    public var description: String { text.english }
    /// The sentence in the current language.
    public var localized: String { text.localized }
}

/// `quipu sync`: the sessions folder shared through git, driving the system `git` command.
///
/// The folder becomes a git repository the first time (or the one it is in is used); what
/// changed is committed with a message that says what ("Andes: 4 ideas, 1 vote closed"), then
/// fetched, merged and pushed, retried when the remote moved meanwhile. Git never asks anything
/// (no terminal prompt, no editor), and works with no git configuration. Merges never conflict
/// on journals because each device appends only to files of its own (docs/FORMAT.md, "Several
/// devices"); `.gitattributes` keeps them `text eol=lf` and `.gitignore` keeps derived reports
/// and this laptop's recovery files out. One sync at a time per folder (a lock file).
public struct GitSync: Sendable {
    public let folder: SessionsFolder
    /// Tries of fetch, merge and push before giving up on a remote that keeps moving.
    public var attempts = 3
    private let git: String
    /// `-c` settings for every git command: an identity when git has none (set once the
    /// repository is known).
    private var settings = ["-c", "commit.gpgsign=false", "-c", "core.quotepath=off", "-c", "maintenance.auto=false"]

    /// `git`: the git program to run; nil finds `git` on `PATH`.
    public init(folder: SessionsFolder, git: String? = nil) throws {
        self.folder = folder
        guard let git = git ?? GitSync.findGit() else {
            throw SyncError("git is not installed: install it (apt-get install git) and run quipu sync again")
        }
        self.git = git
    }

    static let attributes = """
        # Written by quipu sync. Journals are text, one event a line, LF everywhere.
        *.txt text eol=lf

        """
    static let ignore = """
        # Written by quipu sync. Derived: made again from the journals (reports, exports).
        *.md
        *.tmp
        .*.tmp
        # This laptop's own: recovery files are applied here (quipu recover, quipu check).
        *.unsaved-*
        *.quarantine-*
        .quipu-sync.lock

        """

    /// Syncs the folder; `say` receives each line of the outcome as it happens. `remote`, when
    /// given, becomes (or replaces) the remote `origin`.
    public mutating func run(remote: String?, say: (String) -> Void) throws {
        let lock = try takeLock()
        defer { Glibc.close(lock) }
        var gitDir = try git(["rev-parse", "--absolute-git-dir"], check: false)
        if gitDir.status != 0 {
            try git(["init", "-q"])
            try git(["symbolic-ref", "HEAD", "refs/heads/main"])
            say(tr("made {path} a git repository", ["path": folder.path]))
            gitDir = try git(["rev-parse", "--absolute-git-dir"])
        }
        // The identity and the remote, in one look.
        let config = try git(["config", "--get-regexp", #"^(user\.email|remote\.origin\.url)$"#], check: false).out
        if !config.contains("user.email "), ProcessInfo.processInfo.environment["GIT_AUTHOR_EMAIL"] == nil {
            let device = folder.device ?? "laptop"
            settings += ["-c", "user.name=Quipu on \(device)", "-c", "user.email=quipu-\(device)@localhost"]
        }
        var url = config.split(separator: "\n").first { $0.hasPrefix("remote.origin.url ") }.map { String($0.dropFirst(18)) }
        // A merge a killed sync left half-way: taken back; the next merge makes it again.
        if access(gitDir.out.trimmingSpaces + "/MERGE_HEAD", F_OK) == 0 { try git(["merge", "--abort"], check: false) }
        // Quipu's folders meet on `main`. A folder with no commit yet (a fresh `git clone` of a
        // bare repository whose HEAD names `master`) starts on `main` too, so it meets the
        // others instead of starting a branch of its own.
        if try git(["rev-parse", "--verify", "-q", "HEAD"], check: false).status != 0 {
            try git(["symbolic-ref", "HEAD", "refs/heads/main"])
        }
        try ensureLines(".gitattributes", GitSync.attributes)
        try ensureLines(".gitignore", GitSync.ignore)
        if let remote, remote != url {
            try git(["remote", url == nil ? "add" : "set-url", "origin", remote])
            url = remote
        }
        try commit(say: say)
        guard let url else {
            throw SyncError("no remote to sync with: run quipu sync --remote URL once (what changed is committed here)")
        }
        let branch = try git(["symbolic-ref", "--short", "HEAD"]).out.trimmingSpaces
        for attempt in 1...attempts {
            let fetched = try git(["fetch", "-q", "origin"], check: false)
            guard fetched.status == 0 else {
                throw SyncError(Message("cannot reach the remote {url}: {reason}", ["url": .text(url), "reason": .text(GitSync.reason(fetched.err))]))
            }
            let refs = try git(["show-ref", "--head"], check: false).out.split(separator: "\n")
            func sha(_ ref: String) -> String? { refs.first { $0.hasSuffix(" " + ref) }.map { String($0.prefix { $0 != " " }) } }
            let (head, theirs) = (sha("HEAD"), sha("refs/remotes/origin/\(branch)"))
            if head != nil, head == theirs {
                say(tr("up to date with {url}", ["url": url]))
                return
            }
            if theirs != nil { try merge(branch: branch, before: head, say: say) }
            guard head != nil || theirs != nil else {
                say(tr("nothing to sync yet"))
                return
            }
            let pushed = try git(["push", "-q", "origin", "HEAD:refs/heads/\(branch)"], check: false)
            if pushed.status == 0 {
                say(tr("synced with {url}", ["url": url]))
                return
            }
            let why = pushed.err
            guard why.contains("rejected") || why.contains("fetch first") || why.contains("non-fast-forward") else {
                throw SyncError(Message("cannot push to {url}: {reason}", ["url": .text(url), "reason": .text(GitSync.lastLine(why))]))
            }
            if attempt == attempts { break }
        }
        throw SyncError(Message("the remote {url} kept changing (not fast-forward after {n} tries): run quipu sync again", ["url": .text(url), "n": .number(attempts)]))
    }

    /// Commits what changed in the folder, with a message that says what.
    private func commit(say: (String) -> Void) throws {
        try git(["add", "-A", "--", "."])
        let diff = try git(["diff", "--cached", "--no-color", "--no-ext-diff", "-U0", "--", "."]).out
        guard !diff.isEmpty else { return }
        let files = added(in: diff)
        // The commit message stays English: it is the record the laptops share, whatever
        // language each one's screens speak. The line said here is in this laptop's language.
        let summary = describe(files, in: .english).map { $0.text }.joined(separator: "; ")
        let message = summary.isEmpty ? "quipu sync settings" : summary
        try git(["commit", "-q", "--no-verify", "-m", message, "--", "."])
        let said = describe(files, in: Language.current).map { $0.text }.joined(separator: "; ")
        say(tr("committed: {changes}", ["changes": said.isEmpty ? tr("quipu sync settings") : said]))
    }

    /// Merges what the remote has, and says what arrived from other devices.
    private func merge(branch: String, before: String?, say: (String) -> Void) throws {
        var merged = try git(["merge", "-q", "--no-edit", "--allow-unrelated-histories", "origin/\(branch)"], check: false)
        if merged.status != 0, try renameSessionsMadeTwice(branch: branch, say: say) {
            merged = try git(["merge", "-q", "--no-edit", "--allow-unrelated-histories", "origin/\(branch)"], check: false)
        }
        guard merged.status == 0 else {
            let conflicted = try git(["diff", "--name-only", "--diff-filter=U"], check: false).out
                .split(separator: "\n").joined(separator: ", ")
            try git(["merge", "--abort"], check: false)
            throw SyncError(Message("git could not merge {files} (changed on this laptop and on another): nothing was merged",
                                    ["files": .text(conflicted.isEmpty ? GitSync.lastLine(merged.err) : conflicted)]))
        }
        // An empty tree when there was nothing before.
        let base = before ?? "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
        let diff = try git(["diff", "--no-color", "--no-ext-diff", "-U0", base, "HEAD", "--", "."]).out
        for line in describe(added(in: diff), in: Language.current) { say(tr("from {device}: {changes}", ["device": line.device, "changes": line.text])) }
    }

    /// Two laptops made a session of the same title on the same day, offline: the same id, so
    /// the same file, added on both sides. This laptop's is renamed (its id gains the device),
    /// committed, and said; true when one was, so the merge is tried again. Only a session
    /// that exists on one laptop alone can be in this case, so no other laptop knows the old name.
    private func renameSessionsMadeTwice(branch: String, say: (String) -> Void) throws -> Bool {
        let status = try git(["status", "--porcelain"], check: false).out.split(separator: "\n")
        let twice = status.filter { $0.hasPrefix("AA ") }.map { String($0.dropFirst(3)) }
            .filter { $0.hasSuffix(".txt") && !$0.dropLast(4).contains(".") }
        guard !twice.isEmpty else { return false }
        try git(["merge", "--abort"], check: false)
        let theirs = Set(try git(["ls-tree", "--name-only", "origin/\(branch)"], check: false).out.split(separator: "\n").map(String.init))
        let ours = Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        for file in twice {
            let id = String(file.dropLast(4))
            var new = id + "-" + (folder.device ?? "2")
            var n = 2
            while theirs.contains(new + ".txt") || ours.contains(new + ".txt") { new = id + "-\(n)"; n += 1 }
            try git(["mv", file, new + ".txt"])
            // In English: the commit message is the laptops' shared record.
            try git(["commit", "-q", "--no-verify", "-m", "\(id) is \(new) on this laptop: another laptop made a session of the same name"])
            say(tr("renamed this laptop's session {id} to {new}: another laptop made a session of the same name the same day", ["id": id, "new": new]))
        }
        return true
    }

    // MARK: - What changed, in words

    /// The events each journal file gained in a `git diff -U0`, by file name.
    func added(in diff: String) -> [(file: String, events: [Event])] {
        var out: [(file: String, events: [Event])] = []
        for line in diff.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("+++ ") {
                let name = line.split(separator: "/").last.map(String.init) ?? ""
                out.append((name, []))
            } else if line.hasPrefix("+"), !out.isEmpty,
                      let event = try? JournalFormat.parseLine(Array(line.utf8.dropFirst())[...]) {
                out[out.count - 1].events.append(event)
            }
        }
        return out.filter { !$0.events.isEmpty }
    }

    /// One line per device and session: `Andes: 4 ideas, 1 vote closed`, in `language` (English
    /// for commit messages, the laptop's for what it says).
    func describe(_ files: [(file: String, events: [Event])], in language: Language = .english) -> [(device: String, text: String)] {
        var lines: [(device: String, text: String)] = []
        for (file, events) in files {
            let stem = String(file.dropLast(4))
            let parts = stem.split(separator: ".", maxSplits: 1).map(String.init)
            let id = parts[0]
            let device = parts.count == 2 ? parts[1] : ((try? folder.creatorDevice(of: id)) ?? nil)
                ?? Message("the laptop that made it").localized(in: language)
            let title = (try? folder.load(id).log.state.title).flatMap { $0.isEmpty ? nil : $0 } ?? id
            var counts: [(String, Int)] = []
            for event in events {
                guard let words = GitSync.words(for: event.change) else { continue }
                if let i = counts.firstIndex(where: { $0.0 == words }) { counts[i].1 += 1 } else { counts.append((words, 1)) }
            }
            let said = counts.map { GitSync.countMessage($0.1, $0.0).localized(in: language) }.joined(separator: ", ")
            let changes = said.isEmpty ? Message("{n} change", plural: "{n} changes", count: events.count).localized(in: language) : said
            lines.append((device, Message("{title}: {changes}", ["title": .text(title), "changes": .text(changes)],
                                          context: "what a sync brought to a session").localized(in: language)))
        }
        return lines
    }

    /// What an event counts as in a sync's words; nil for bookkeeping nobody asks about.
    static func words(for change: Change) -> String? {
        switch change {
        case .sessionCreated: "new session"
        case .participantAdded: "participant"
        case .ideaAdded: "idea"
        case .voteOpened: "vote opened"
        case .ballotCast: "ballot"
        case .voteClosed: "vote closed"
        case .actionAdded, .actionCarried: "action"
        case .roleAssigned: "role"
        case .sessionClosed: "session closed"
        case .sessionReopened: "session reopened"
        case .ideaEdited, .ideaSet, .sessionEdited, .participantEdited, .actionEdited: "edit"
        case .actionStatusChanged: "action status change"
        case .lateBallotAccepted: "late ballot accepted"
        case .writerJoined, .warningGiven: nil
        default: "other change"
        }
    }

    /// `4 ideas`, `1 vote closed`, `2 votes opened`, `3 other changes`: the noun takes the plural,
    /// the first word but where the words end in one (`other change`, `action status change`).
    /// `count(n, words)` as a message, for each language's plural.
    static func countMessage(_ n: Int, _ words: String) -> Message {
        switch words {
        case "new session": Message("{n} new session", plural: "{n} new sessions", count: n, context: "what a sync brought")
        case "participant": Message("{n} participant", plural: "{n} participants", count: n, context: "what a sync brought")
        case "idea": Message("{n} idea", plural: "{n} ideas", count: n, context: "what a sync brought")
        case "vote opened": Message("{n} vote opened", plural: "{n} votes opened", count: n, context: "what a sync brought")
        case "ballot": Message("{n} ballot", plural: "{n} ballots", count: n, context: "what a sync brought")
        case "vote closed": Message("{n} vote closed", plural: "{n} votes closed", count: n, context: "what a sync brought")
        case "action": Message("{n} action", plural: "{n} actions", count: n, context: "what a sync brought")
        case "role": Message("{n} role", plural: "{n} roles", count: n, context: "what a sync brought")
        case "session closed": Message("{n} session closed", plural: "{n} sessions closed", count: n, context: "what a sync brought")
        case "session reopened": Message("{n} session reopened", plural: "{n} sessions reopened", count: n, context: "what a sync brought")
        case "edit": Message("{n} edit", plural: "{n} edits", count: n, context: "what a sync brought")
        case "action status change": Message("{n} action status change", plural: "{n} action status changes", count: n, context: "what a sync brought")
        case "late ballot accepted": Message("{n} late ballot accepted", plural: "{n} late ballots accepted", count: n, context: "what a sync brought")
        default: Message("{n} other change", plural: "{n} other changes", count: n, context: "what a sync brought")
        }
    }

    static func count(_ n: Int, _ words: String) -> String {
        guard n != 1 else { return "1 \(words)" }
        var parts = words.split(separator: " ").map(String.init)
        let noun = ["change", "edit"].contains(parts[parts.count - 1]) ? parts.count - 1 : 0
        parts[noun] += parts[noun].hasSuffix("s") ? "es" : "s"
        return "\(n) " + parts.joined(separator: " ")
    }

    // MARK: - git, the files, the lock

    /// Runs git in the folder, never asking anything. Throws on a non-zero exit unless `check`
    /// is false.
    @discardableResult
    func git(_ arguments: [String], check: Bool = true) throws -> (status: Int32, out: String, err: String) {
        // A git that a killed sync left running still holds the index for a moment: wait for it
        // (five seconds at most).
        for _ in 0..<25 {
            let result = try gitOnce(arguments, check: false)
            guard result.status != 0, result.err.contains("index.lock") else { return try checked(result, arguments, check) }
            usleep(200_000)
        }
        return try gitOnce(arguments, check: check)
    }

    private func checked(_ result: (status: Int32, out: String, err: String), _ arguments: [String],
                         _ check: Bool) throws -> (status: Int32, out: String, err: String) {
        if check, result.status != 0 {
            throw SyncError(Message("git {command} failed: {reason}", ["command": .text(arguments.first ?? ""),
                                                                      "reason": .text(GitSync.lastLine(result.err.isEmpty ? result.out : result.err))]))
        }
        return result
    }

    private func gitOnce(_ arguments: [String], check: Bool) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: git)
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        // Works with no git configuration, and never stops to sign or ask.
        process.arguments = settings + arguments
        var env = ProcessInfo.processInfo.environment
        env["GIT_TERMINAL_PROMPT"] = "0"
        env["GIT_EDITOR"] = "true"
        env["GIT_MERGE_AUTOEDIT"] = "no"
        env["LC_ALL"] = "C"
        env["GIT_ASKPASS"] = nil
        env["SSH_ASKPASS"] = nil
        if env["GIT_SSH_COMMAND"] == nil { env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes" }
        process.environment = env
        // Nothing to read from: a question git might ask finds no one.
        let (out, err) = (Pipe(), Pipe())
        (process.standardInput, process.standardOutput, process.standardError) = (FileHandle.nullDevice, out, err)
        try process.run()
        // The error output is small (git runs quietly): read it on the side, the output here.
        nonisolated(unsafe) var errData = Data()
        let reading = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            reading.signal()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        reading.wait()
        process.waitUntilExit()
        return try checked((process.terminationStatus, String(decoding: outData, as: UTF8.self),
                            String(decoding: errData, as: UTF8.self)), arguments, check)
    }

    /// Why git could not reach a remote, in its most telling line: the cause ("Could not resolve
    /// hostname …", "'/x.git' does not appear to be a git repository"), not git's generic advice.
    static func reason(_ text: String) -> String {
        let generic = ["Could not read from remote repository.", "Please make sure you have the correct access rights",
                       "and the repository exists."]
        let lines = text.split(whereSeparator: \.isNewline).map { String($0).trimmingSpaces }
            .filter { line in !line.isEmpty && !generic.contains { line.hasSuffix($0) } }
        guard var line = lines.first else { return lastLine(text) }
        for prefix in ["fatal: ", "error: ", "ssh: "] where line.hasPrefix(prefix) { line = String(line.dropFirst(prefix.count)) }
        return line
    }

    static func lastLine(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        // git's own prefixes say nothing a person needs.
        let line = lines.last(where: { $0.hasPrefix("fatal:") || $0.hasPrefix("error:") }) ?? lines.last ?? "no reason given"
        for prefix in ["fatal: ", "error: "] where line.hasPrefix(prefix) { return String(line.dropFirst(prefix.count)) }
        return line
    }

    static func findGit() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") where access("\(dir)/git", X_OK) == 0 { return "\(dir)/git" }
        return nil
    }

    /// Writes `text` as the file `name`, or, when the folder already has one (the user's own,
    /// or one an older Quipu wrote), adds the lines of `text` it lacks after the user's, each
    /// once: running it again changes nothing. The commit that follows records the change.
    private func ensureLines(_ name: String, _ text: String) throws {
        let path = folder.path + "/" + name
        guard access(path, F_OK) == 0 else {
            try writeFileAtomically(Array(text.utf8), to: path, fs: folder.fs)
            return
        }
        // One it cannot read is left as it is: git reads it no better.
        guard let existing = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) else { return }
        let added = GitSync.missingLines(text, in: existing)
        guard !added.isEmpty else { return }
        var out = existing
        if !out.isEmpty, !out.hasSuffix("\n") { out += "\n" }
        out += "# Added by quipu sync.\n" + added.map { $0 + "\n" }.joined()
        try writeFileAtomically(Array(out.utf8), to: path, fs: folder.fs)
    }

    /// The rules (not comments, not blank) of `wanted` that `existing` does not have, compared
    /// without surrounding spaces or a carriage return.
    static func missingLines(_ wanted: String, in existing: String) -> [String] {
        func rules(_ text: String) -> [String] {
            text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { String($0).trimmingSpaces }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        }
        let have = Set(rules(existing))
        var seen = Set<String>()
        return rules(wanted).filter { !have.contains($0) && seen.insert($0).inserted }
    }

    /// One sync at a time in a folder: the second waits for the first (a minute at most).
    private func takeLock() throws -> Int32 {
        let path = folder.path + "/.quipu-sync.lock"
        let fd = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw SyncError(Message("cannot lock {path}: {reason}", ["path": .text(path), "reason": .text(String(cString: strerror(errno)))])) }
        for _ in 0..<600 {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return fd }
            usleep(100_000)
        }
        Glibc.close(fd)
        throw SyncError(Message("another quipu sync has held {path} for a minute: is it stuck?", ["path": .text(path)]))
    }
}
