#if canImport(Glibc)
import Glibc
#endif
import Foundation
import QuipuCore
import QuipuReports
import QuipuStore
import QuipuText
import QuipuTUI

/// The screens: the run loop that joins the terminal, the journal and the screen model.
///
/// The model decides; this loop only carries out its effects (appends, opening sessions),
/// feeds the results back, and draws the difference between frames.
enum ScreenApp {
    /// How long to wait for a key before redrawing the ticking clock and looking for other
    /// writers' changes.
    static let tickMilliseconds = 250

    /// Opens the screens on the sessions folder (home), or straight on one session.
    /// `quiet` switches every clock warning off (`--quiet`).
    static func run(folder: SessionsFolder, writer: String, openID: String?, quiet: Bool = false) throws {
        // A bad id fails here, before the terminal is taken over, so the error prints plainly.
        var journal = try openID.map { try folder.open($0, writer: writer) }

        let terminal = try NcursesTerminal()
        defer { terminal.restore() }
        let signals = SignalWatcher()
        var model = AppModel()
        model.quiet = quiet

        func showHome() {
            journal = nil
            let (summaries, unreadable) = loadSummaries(folder)
            model.showHome(summaries)
            if !unreadable.isEmpty {
                model.report(error: "could not read \(unreadable.joined(separator: ", ")); run quipu check to see why")
            }
        }

        func showSession(_ id: String) {
            do {
                let opened = try folder.open(id, writer: writer)
                journal = opened
                model.showSession(opened.log, readOnly: false)
                if let warning = opened.warnings.last { model.report(error: warning) }
                offerRecovery(opened)
            } catch {
                // Still worth reading when it cannot be written (permissions, a read-only disk).
                guard let loaded = try? folder.load(id) else {
                    model.report(error: "\(error)")
                    return
                }
                journal = nil
                model.showSession(loaded.log, readOnly: true)
                model.report(error: "opened read-only: \(error)")
            }
        }

        /// Changes the disk refused (full, failing, locked) or a journal changed outside Quipu
        /// would not take: kept in memory, shown as UNSAVED in the header and listed with `!`,
        /// retried in order on every tick until they are written, cancelled one by one, and
        /// written to a recovery file if Quipu exits first. Each waits with the journal it was
        /// made on, so leaving the session does not move it.
        var unsaved: [Queued] = []
        var nextNumber = 1

        func publishUnsaved() {
            model.unsaved = unsaved.map {
                UnsavedChange(number: $0.number, session: $0.journal.id, summary: $0.pending.summary, reason: $0.reason)
            }
        }

        /// Tries the queue in order, stopping at the first change the disk still refuses.
        func saveUnsaved() {
            var first = true
            while let item = unsaved.first {
                do {
                    let events = try item.journal.append(now: wallClock) { try $0.decide(item.pending.command) }
                    unsaved.removeFirst()
                    guard item.journal === journal else { continue }
                    model.sessionChanged(item.journal.log)
                    // Only now, with the lines fdatasync'ed, may the screen say saved.
                    model.report(saved: savedMessage(for: events, in: item.journal.log))
                    if events.contains(where: { $0.change == .sessionClosed }) { writeReport(item.journal, at: events.last?.at) }
                } catch let refusal as QuipuError {
                    unsaved.removeFirst()
                    // Refused by the session as it is now: said, with what it was, never dropped in silence.
                    model.report(error: first ? refusal.message : "not saved: \(item.pending.summary): \(refusal.message)")
                } catch {
                    unsaved[0].reason = oneLine("\(error)")
                    break
                }
                first = false
            }
            publishUnsaved()
        }

        func writeReport(_ open: Journal, at: Timestamp?) {
            // The plenary report, the minute the session closes, as `quipu close` does.
            let path = folder.reportPath(open.id)
            let report = MarkdownReport.render(open.log.state, at: at ?? wallClock())
            do {
                try writeFileAtomically(Array(report.utf8), to: path)
                model.report(saved: "session closed (read-only; R reopens); report written to \(path)")
            } catch {
                model.report(error: "session closed, but the report was not written: \(error)")
            }
        }

        func perform(_ effects: [Effect]) -> Bool {
            for effect in effects {
                switch effect {
                case .perform(let command):
                    guard let open = journal else {
                        model.report(error: "this session is open read-only")
                        continue
                    }
                    // Changes the disk refused wait in order; a new one queues behind them.
                    let number = nextNumber
                    nextNumber += 1
                    unsaved.append(Queued(number: number, journal: open,
                                          pending: RecoveryFile.Pending(command: command, at: wallClock(), summary: describe( command)),
                                          reason: "waiting behind \(unsaved.count) unsaved"))
                    saveUnsaved()
                    if unsaved.contains(where: { $0.number == number }) {
                        // Queued, not refused: the form closes so nothing typed next joins it.
                        model.report(unsaved: unsaved[0].reason)
                    }
                case .cancelUnsaved(let number):
                    if let index = unsaved.firstIndex(where: { $0.number == number }) {
                        let item = unsaved.remove(at: index)
                        publishUnsaved()
                        model.report(error: "cancelled, never saved: \(item.pending.summary)")
                    }
                case .applyRecovery(let path):
                    guard let open = journal else { continue }
                    do {
                        let events = try RecoveryFile.apply(path, to: open, now: wallClock)
                        model.sessionChanged(open.log)
                        model.report(saved: "applied \(events.count) recovered \(events.count == 1 ? "change" : "changes"); "
                            + "the file is kept as \(path).applied")
                    } catch {
                        model.report(error: "not applied: \(oneLine("\(error)")); the file is kept as it was")
                    }
                case .openSession(let id):
                    showSession(id)
                case .createSession(let title):
                    do {
                        let created = try folder.create(title: title, agenda: try AgendaTemplate.resolve(nil),
                                                        at: wallClock(), writer: writer)
                        journal = created
                        model.showSession(created.log, readOnly: false)
                        model.report(saved: "created \(created.id)")
                    } catch {
                        model.report(error: "\(error)")
                    }
                case .reloadList:
                    showHome()
                case .carryOver:
                    guard let open = journal else {
                        model.report(error: "this session is open read-only")
                        continue
                    }
                    do {
                        let source = try folder.carryOverSource(for: open.id)
                        let events = try open.append(now: wallClock) { try $0.decide(.carryOver(from: source)) }
                        model.sessionChanged(open.log)
                        model.report(saved: "carried over \(events.count) open actions from \(source.id)")
                    } catch {
                        model.report(error: "\(error)")
                    }
                case .search(let query):
                    do {
                        let (hits, unreadable) = try folder.search(query)
                        model.showSearchResults(query, hits)
                        if !unreadable.isEmpty {
                            model.report(error: "could not read \(unreadable.joined(separator: ", ")); run quipu check to see why")
                        }
                    } catch {
                        model.report(error: "\(error)")
                    }
                case .timeline:
                    if let log = journal?.log ?? model.log {
                        model.showTimeline(TimelineReport.entries(log, localTime: LocalTime.minute))
                    }
                case .quit:
                    return false
                case .bell:
                    terminal.bell()
                    terminal.flash()
                }
            }
            return true
        }

        /// A recovery file left by an earlier run: the session offers to apply it.
        func offerRecovery(_ open: Journal) {
            guard let path = RecoveryFile.pending(beside: open.path).first else { return }
            let count = (try? RecoveryFile.read(path).count) ?? 0
            model.offerRecovery(path, changes: count)
        }

        if let journal {
            model.showSession(journal.log, readOnly: false)
            offerRecovery(journal)
        } else {
            showHome()
        }

        var previous: CellBuffer?
        var running = true
        while running && !signals.requestedQuit {
            let size = terminal.size
            let frame = model.render(width: size.width, height: size.height, now: wallClock())
            terminal.draw(frame.buffer.diff(from: previous), cursor: frame.cursor)
            previous = frame.buffer

            if let key = terminal.readKey(timeoutMilliseconds: tickMilliseconds) {
                // Handle everything already waiting (a paste arrives as hundreds of keys)
                // before drawing again.
                var next: Key? = key
                while let key = next, running {
                    if key == .resize { previous = nil }
                    running = perform(model.handle(key, now: wallClock()))
                    next = terminal.readKey(timeoutMilliseconds: 0)
                }
            }
            if running { running = perform(model.tick(now: wallClock())) }
            if !unsaved.isEmpty { saveUnsaved() }
            if let open = journal, open.hasNewData {
                do {
                    try open.refresh()
                    model.sessionChanged(open.log)
                } catch {
                    model.report(error: "\(error)")
                }
            }
        }
        // A last try for what the disk refused; what still cannot be written goes to a recovery
        // file beside its journal, with the text of a form not submitted: nothing a person typed
        // is only in memory when Quipu exits.
        if !unsaved.isEmpty { saveUnsaved() }
        let draft = model.draft
        terminal.restore()
        let why = signals.receivedSignal.map { $0 == SIGHUP ? "the terminal hung up" : "Quipu was told to stop (signal \($0))" }
            ?? "Quipu was quit before they could be written"
        var left = false
        var groups: [(Journal, [RecoveryFile.Pending])] = []
        for item in unsaved {
            if let i = groups.firstIndex(where: { $0.0 === item.journal }) { groups[i].1.append(item.pending) } else {
                groups.append((item.journal, [item.pending]))
            }
        }
        if let draft, let open = journal, !groups.contains(where: { $0.0 === open }) { groups.append((open, [])) }
        for (open, pending) in groups {
            left = true
            let drafts = open === journal ? draft.map { [$0] } ?? [] : []
            let what = [pending.isEmpty ? nil : "\(pending.count) \(pending.count == 1 ? "change" : "changes") could not be saved",
                        drafts.isEmpty ? nil : "a form was not submitted"].compactMap { $0 }.joined(separator: " and ")
            do {
                let path = try RecoveryFile.write(pending, drafts: drafts, for: open, why: why, at: wallClock())
                standardError("quipu: \(open.id): \(what); kept in \(path) — `quipu recover \(open.id)` applies it\n")
            } catch {
                // The disk refuses even that: the changes, in journal syntax, on the terminal.
                // The disk refuses even that: the same text, in journal syntax, on the terminal,
                // to be saved by hand (journal text is made inert by the encoder).
                standardError("quipu: \(open.id): \(what), and the recovery file could not be written (\(oneLine("\(error)"))); "
                    + "here it is, to save as \(open.path).unsaved-1:\n")
                standardError(RecoveryFile.render(pending, drafts: drafts, for: open, why: why, at: wallClock()))
            }
        }
        if let draft, journal == nil {
            left = true
            standardError("quipu: typed but not submitted: \(inert(draft))\n")
        }
        if let signal = signals.receivedSignal { exit(128 + signal) }
        if left { exit(1) }
    }

    /// A change waiting to be saved, with the journal it was made on.
    struct Queued {
        var number: Int
        var journal: Journal
        var pending: RecoveryFile.Pending
        var reason: String
    }

    /// Every session's summary, newest first, and the ids of those that could not be read.
    static func loadSummaries(_ folder: SessionsFolder) -> ([SessionSummary], [String]) {
        let now = wallClock()
        var summaries: [SessionSummary] = []
        var unreadable: [String] = []
        let listings: [SessionListing]
        do {
            listings = try folder.summaries(at: now)
        } catch {
            return ([], ["\(folder.path) (\(error))"])
        }
        for listing in listings {
            if case .success(let summary) = listing.summary {
                summaries.append(summary)
            } else {
                unreadable.append(listing.id)
            }
        }
        summaries.sort { ($0.date, $0.id) > ($1.date, $1.id) }
        return (summaries, unreadable)
    }
}

private func standardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// One line for the status line: a multi-line error (a FILE:LINE:COL excerpt) keeps its first.
private func oneLine(_ text: String) -> String {
    inert(String(text.split(separator: "\n").first ?? ""))
}
