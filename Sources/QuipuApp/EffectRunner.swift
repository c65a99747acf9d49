#if canImport(Glibc)
import Glibc
#endif
import QuipuCore
import QuipuReports
import QuipuStore
import QuipuText
import QuipuTUI

/// Carries out what the screen model asks (`Effect`) against the sessions folder and feeds the
/// outcome back to it as messages (`Msg`). It owns the open journal and the changes the disk has
/// not taken yet; the model owns everything the screen shows. Nothing here draws or reads keys:
/// the executable's run loop does, so this can be driven by tests with a temporary folder and
/// an exact clock.
public final class EffectRunner {
    public private(set) var model: AppModel
    public private(set) var journal: Journal?
    let folder: SessionsFolder
    let writer: String
    /// Who is at this keyboard: `--as`, or `W` on the screens; nil names the session's
    /// facilitator (the usual person at the facilitator's laptop).
    private var writerName: String?
    let clock: () -> Timestamp
    let localTime: (Timestamp) -> String
    let ring: () -> Void
    /// The sync `S` started, while git runs on a thread of its own.
    private var syncing: SyncRun?
    /// The git program `S` runs; nil finds `git` on `PATH` (a test puts a slow one here).
    public var gitPath: String?

    /// Changes the disk refused (full, failing, locked) or a journal changed outside Quipu would
    /// not take: kept in memory, shown as UNSAVED in the header and listed with `!`, retried in
    /// order until they are written, cancelled one by one, and written to a recovery file if
    /// Quipu exits first. Each waits with the journal it was made on, so leaving the session does
    /// not move it.
    private var queue: [Queued] = []
    private var nextNumber = 1

    /// A change waiting to be saved, with the journal it was made on.
    struct Queued {
        var number: Int
        var journal: Journal
        var pending: RecoveryFile.Pending
        var reason: String
    }

    /// `journal`: a session already opened (the executable opens it first, so that a bad id
    /// fails before the terminal is taken over); nil starts on home.
    public init(folder: SessionsFolder, writer: String, writerName: String? = nil, journal: Journal?, quiet: Bool,
                clock: @escaping () -> Timestamp, localTime: @escaping (Timestamp) -> String,
                utcOffset: Int = 0, ring: @escaping () -> Void = {}) {
        self.folder = folder
        self.writer = writer
        self.writerName = writerName
        self.journal = journal
        self.clock = clock
        self.localTime = localTime
        self.ring = ring
        model = AppModel()
        model.quiet = quiet
        model.utcOffsetSeconds = utcOffset
        tell(.writer(id: writer, name: writerName))
        if let journal {
            name(journal)
            tell(.session(journal.log, readOnly: false))
            offerRecovery(journal)
        } else {
            showHome()
        }
    }

    /// Whether changes are still waiting for the disk.
    public var hasUnsaved: Bool { !queue.isEmpty }

    /// Sends a message to the model and carries out the effects it returns, and theirs. False
    /// once the model asks to quit.
    @discardableResult
    public func send(_ msg: Msg) -> Bool {
        perform(model.update(msg, now: clock()))
    }

    /// Whether a sync started with `S` is still running.
    public var isSyncing: Bool { syncing != nil }

    /// Between keys: the clock's tick (warnings), the queue retried, other writers' changes read,
    /// a finished sync's outcome said.
    @discardableResult
    public func idle() -> Bool {
        let running = send(.tick)
        if let run = syncing, let outcome = run.outcome {
            syncing = nil
            finishSync(outcome)
        }
        if !queue.isEmpty { saveQueue() }
        if let open = journal, open.hasNewData {
            do {
                try open.refresh()
                tell(.changed(open.log))
            } catch {
                tell(.failed(localizedText(of: error)))
            }
        }
        return running
    }

    /// A message whose answer needs no effect (the model's answer to these is always none).
    private func tell(_ msg: Msg) {
        _ = model.update(msg, now: clock())
    }

    // MARK: - Effects

    private func perform(_ effects: [Effect]) -> Bool {
        for effect in effects {
            switch effect {
            case .perform(let command):
                queueAndSave(command)
            case .setWriterName(let name):
                writerName = name.isEmpty ? nil : name
                if let journal { self.name(journal) }
                tell(.writer(id: writer, name: journal?.writerName ?? writerName))
                tell(.saved(journal?.writerName.map { tr("changes from this terminal are recorded as {name}", ["name": $0]) }
                    ?? tr("changes from this terminal are recorded under its writer id {writer}", ["writer": writer])))
            case .cancelUnsaved(let number):
                if let index = queue.firstIndex(where: { $0.number == number }) {
                    let item = queue.remove(at: index)
                    publishQueue()
                    tell(.failed(tr("cancelled, never saved: {change}", ["change": item.pending.summary])))
                }
            case .applyRecovery(let path):
                guard let open = journal else { continue }
                do {
                    let events = try RecoveryFile.apply(path, to: open, now: clock)
                    tell(.changed(open.log))
                    tell(.saved(events.isEmpty
                        ? tr("an earlier run left text typed but never submitted; it is kept in {path}", ["path": path + ".applied"])
                        : trn("applied {n} recovered change; the file is kept as {path}", "applied {n} recovered changes; the file is kept as {path}",
                              count: events.count, ["path": path + ".applied"])))
                } catch {
                    tell(.failed(tr("not applied: {reason}; the file is kept as it was", ["reason": oneLine(localizedText(of: error))])))
                }
            case .openSession(let id):
                showSession(id)
            case .createSession(let new):
                do {
                    let agenda = try folder.resolveAgenda(new.agenda, minutes: new.minutes, language: new.language)
                    let created = try folder.create(title: new.title, initiative: new.initiative, facilitator: new.facilitator,
                                                    rapporteur: new.rapporteur, agenda: agenda, language: new.language, at: clock(),
                                                    writer: writer)
                    journal = created
                    name(created)
                    tell(.session(created.log, readOnly: false))
                    tell(.saved(tr("created {id}", ["id": created.id])))
                } catch {
                    tell(.failed(localizedText(of: error)))
                }
            case .reloadList:
                showHome()
            case .carryOver:
                guard let open = journal else {
                    tell(.failed(tr("this session is open read-only")))
                    continue
                }
                do {
                    let source = try folder.carryOverSource(for: open.id)
                    let events = try open.append(now: clock) { try $0.decide(.carryOver(from: source)) }
                    tell(.changed(open.log))
                    // Counted from the carried actions, not the events (a writer.join may come with them).
                    let carried = events.carriedActionCount
                    tell(.saved(trn("carried over {n} open action from {session}", "carried over {n} open actions from {session}", count: carried, ["session": source.id])))
                } catch {
                    tell(.failed(localizedText(of: error)))
                }
            case .search(let query):
                do {
                    let (hits, unreadable) = try folder.search(query)
                    tell(.searchResults(query: query, hits: hits))
                    if !unreadable.isEmpty {
                        tell(.failed(tr("could not read {files}; run quipu check to see why", ["files": unreadable.joined(separator: ", ")])))
                    }
                } catch {
                    tell(.failed(localizedText(of: error)))
                }
            case .timeline:
                if let log = journal?.log ?? model.log {
                    tell(.timeline(TimelineReport.entries(log, localTime: localTime)))
                }
            case .sync:
                sync()
            case .quit:
                return false
            case .bell:
                ring()
            }
        }
        return true
    }

    /// `quipu sync` on the folder, from the screens (`S`), on a thread of its own: the screens
    /// answer keys and the clock ticks while git runs. The status line says it started; `idle`
    /// says what it did, and puts what arrived from other laptops on the screen.
    private func sync() {
        guard syncing == nil else {
            tell(.failed(tr("a sync is already running: its outcome will show here")))
            return
        }
        let sync: GitSync
        do {
            sync = try GitSync(folder: folder, git: gitPath)
        } catch {
            finishSync(.failure(error))
            return
        }
        syncing = SyncRun(sync)
        tell(.saved(tr("syncing…")))
    }

    /// A sync's outcome, on the screens' thread.
    private func finishSync(_ outcome: Result<[String], any Error>) {
        let lines: [String]
        switch outcome {
        case let .success(said): lines = said
        case let .failure(error):
            tell(.failed(tr("not synced: {reason}", ["reason": localizedText(of: error)])))
            return
        }
        if let open = journal {
            if open.hasNewData, (try? open.refresh()) != nil { tell(.changed(open.log)) }
        } else if model.screen == .home, !model.isWaitingOnThePerson {
            // The list again, with what arrived; not under a form being typed (nor away from a
            // session opened read-only meanwhile).
            showHome()
        }
        tell(.saved(lines.joined(separator: " · ")))
    }

    private func showHome() {
        journal = nil
        let (summaries, damaged, failure) = Self.loadSummaries(folder, at: clock())
        // A journal that cannot be read is a row of its own, with why: never left out.
        tell(.home(summaries, damaged: damaged))
        if let failure { tell(.failed(failure)) }
    }

    private func showSession(_ id: String) {
        do {
            let opened = try folder.open(id, writer: writer)
            journal = opened
            name(opened)
            tell(.session(opened.log, readOnly: false))
            if let warning = opened.warnings.last { tell(.failed(warning)) }
            offerRecovery(opened)
        } catch {
            // Still worth reading when it cannot be written (permissions, a read-only disk).
            guard let loaded = try? folder.load(id) else {
                tell(.failed(localizedText(of: error)))
                return
            }
            journal = nil
            tell(.session(loaded.log, readOnly: true))
            tell(.failed(tr("opened read-only: {reason}", ["reason": localizedText(of: error)])))
        }
    }

    /// Who this terminal's changes to `open` are recorded as (`writer.join`): the name given,
    /// else the session's facilitator.
    private func name(_ open: Journal) {
        let facilitator = open.log.state.facilitator
        open.writerName = writerName ?? (facilitator.isEmpty ? nil : facilitator)
        tell(.writer(id: writer, name: open.writerName))
    }

    /// A recovery file left by an earlier run: the session offers to apply it.
    private func offerRecovery(_ open: Journal) {
        guard let path = RecoveryFile.pending(beside: open.path).first else { return }
        send(.recoveryFound(path: path, changes: (try? RecoveryFile.read(path).count) ?? 0))
    }

    // MARK: - Saving

    private func queueAndSave(_ command: Command) {
        guard let open = journal else {
            tell(.failed(tr("this session is open read-only")))
            return
        }
        // Changes the disk refused wait in order; a new one queues behind them.
        let number = nextNumber
        nextNumber += 1
        queue.append(Queued(number: number, journal: open,
                            pending: RecoveryFile.Pending(command: command, at: clock(), summary: describe(command)),
                            reason: tr("waiting behind {n} unsaved", ["n": queue.count])))
        saveQueue()
        if queue.contains(where: { $0.number == number }) {
            // Queued, not refused: the form closes so nothing typed next joins it.
            tell(.queued(reason: queue[0].reason))
        }
    }

    /// Tries the queue in order, stopping at the first change the disk still refuses.
    private func saveQueue() {
        var first = true
        while let item = queue.first {
            do {
                let events = try item.journal.append(now: clock) { [writer] in try $0.decide(item.pending.command, by: writer) }
                queue.removeFirst()
                guard item.journal === journal else { continue }
                tell(.changed(item.journal.log))
                // Only now, with the lines fdatasync'ed, may the screen say saved.
                tell(.saved(savedMessage(for: events, in: item.journal.log)))
                if events.contains(where: { $0.change == .sessionClosed }) { writeReport(item.journal, at: events.last?.at) }
            } catch let refusal as QuipuError {
                queue.removeFirst()
                // Refused by the session as it is now: said, with what it was, never dropped in silence.
                tell(.failed(first ? refusal.localized : tr("not saved: {change}: {reason}", ["change": item.pending.summary, "reason": refusal.text])))
            } catch {
                queue[0].reason = oneLine(localizedText(of: error))
                break
            }
            first = false
        }
        publishQueue()
    }

    private func publishQueue() {
        tell(.unsaved(queue.map {
            UnsavedChange(number: $0.number, session: $0.journal.id, summary: $0.pending.summary, reason: $0.reason)
        }))
    }

    private func writeReport(_ open: Journal, at: Timestamp?) {
        // The plenary report, the minute the session closes, as `quipu close` does.
        let path = folder.reportPath(open.id)
        let report = Language.ofReports(open.log.state).speak { MarkdownReport.render(open.log.state, at: at ?? clock()) }
        do {
            try writeFileAtomically(Array(report.utf8), to: path)
            tell(.saved(tr("session closed (read-only; R reopens); report written to {path}", ["path": path])))
        } catch {
            tell(.failed(tr("session closed, but the report was not written: {reason}", ["reason": localizedText(of: error)])))
        }
    }

    // MARK: - Leaving

    /// What Quipu leaves behind on exit: a last try for what the disk refused; what still cannot
    /// be written goes to a recovery file beside its journal, with the text of a form not
    /// submitted, so nothing a person typed is only in memory when Quipu exits. `why` says why
    /// it is exiting. Returns the lines to print on standard error (empty when nothing was left).
    public func leave(why: String) -> [String] {
        if !queue.isEmpty { saveQueue() }
        let draft = model.draft
        var groups: [(Journal, [RecoveryFile.Pending])] = []
        for item in queue {
            if let i = groups.firstIndex(where: { $0.0 === item.journal }) { groups[i].1.append(item.pending) } else {
                groups.append((item.journal, [item.pending]))
            }
        }
        if let draft, let open = journal, !groups.contains(where: { $0.0 === open }) { groups.append((open, [])) }
        var said: [String] = []
        for (open, pending) in groups {
            let drafts = open === journal ? draft.map { [$0] } ?? [] : []
            let what = switch (pending.isEmpty, drafts.isEmpty) {
            case (false, false): trn("{n} change could not be saved and a form was not submitted",
                                     "{n} changes could not be saved and a form was not submitted", count: pending.count)
            case (false, true): trn("{n} change could not be saved", "{n} changes could not be saved", count: pending.count)
            default: tr("a form was not submitted")
            }
            do {
                let path = try RecoveryFile.write(pending, drafts: drafts, for: open, why: why, at: clock())
                said.append("quipu: " + tr("{id}: {what}; kept in {path} — `quipu recover {id}` applies it", ["id": open.id, "what": what, "path": path]) + "\n")
            } catch {
                // The disk refuses even that: the same text, in journal syntax, on the terminal,
                // to be saved by hand (journal text is made inert by the encoder).
                said.append("quipu: " + tr("{id}: {what}, and the recovery file could not be written ({reason}); here it is, to save as {path}:",
                                           ["id": open.id, "what": what, "reason": oneLine(localizedText(of: error)), "path": open.path + ".unsaved-1"]) + "\n")
                said.append(RecoveryFile.render(pending, drafts: drafts, for: open, why: why, at: clock()))
            }
        }
        if let draft, journal == nil { said.append("quipu: " + tr("typed but not submitted: {text}", ["text": inert(draft)]) + "\n") }
        return said
    }

    /// Every session's summary, newest first; the journals that could not be read, and why; and
    /// why the folder itself could not be listed, if it could not.
    static func loadSummaries(_ folder: SessionsFolder, at now: Timestamp) -> ([SessionSummary], [SessionDamage], String?) {
        let listings: [SessionListing]
        do {
            listings = try folder.summaries(at: now)
        } catch {
            return ([], [], tr("could not read {path}: {reason}", ["path": folder.path, "reason": oneLine(localizedText(of: error))]))
        }
        var summaries: [SessionSummary] = []
        var damaged: [SessionDamage] = []
        for listing in listings {
            if case .success(let summary) = listing.summary {
                summaries.append(summary)
            } else if let damage = listing.damage {
                damaged.append(damage)
            }
        }
        summaries.sort { ($0.date, $0.id) > ($1.date, $1.id) }
        return (summaries, damaged, nil)
    }
}

/// One line for the status line: a multi-line error (a FILE:LINE:COL excerpt) keeps its first.
func oneLine(_ text: String) -> String {
    inert(String(text.split(separator: "\n").first ?? ""))
}
