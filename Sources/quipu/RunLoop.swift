#if canImport(Glibc)
import Glibc
#endif
import Foundation
import QuipuCore
import QuipuReports
import QuipuStore
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

        /// Changes the disk refused (full, failing, locked): kept in memory, shown as UNSAVED in
        /// the header, and retried in order on every tick until they are written.
        /// Each waits with the journal it was made on, so leaving the session does not move it.
        var unsaved: [(journal: Journal, command: Command)] = []

        func saveUnsaved() {
            while let (open, command) = unsaved.first {
                do {
                    let events = try open.append(now: wallClock) { try $0.decide(command) }
                    unsaved.removeFirst()
                    guard open === journal else { continue }
                    model.sessionChanged(open.log)
                    // Only now, with the lines fdatasync'ed, may the screen say saved.
                    model.report(saved: savedMessage(for: events, in: open.log))
                    if events.contains(where: { $0.change == .sessionClosed }) { writeReport(open, at: events.last?.at) }
                } catch let refusal as QuipuError {
                    unsaved.removeFirst()
                    model.report(error: refusal.message)
                } catch {
                    model.report(error: "NOT SAVED: \(error) — kept, retrying")
                    break
                }
            }
            model.unsavedChanges = unsaved.count
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
                    unsaved.append((open, command))
                    saveUnsaved()
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

        if let journal {
            model.showSession(journal.log, readOnly: false)
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
        // A last try for what the disk refused; what still cannot be written is told, not lost
        // silently, once the terminal is back.
        if !unsaved.isEmpty { saveUnsaved() }
        terminal.restore()
        if !unsaved.isEmpty {
            var lines = "quipu: \(unsaved.count) change(s) could NOT be saved:\n"
            for (open, command) in unsaved { lines += "  \(open.id): \(inert(String(describing: command)))\n" }
            FileHandle.standardError.write(Data(lines.utf8))
        }
        if let signal = signals.receivedSignal { exit(128 + signal) }
        if !unsaved.isEmpty { exit(1) }
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
