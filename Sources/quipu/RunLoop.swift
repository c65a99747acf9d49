#if canImport(Glibc)
import Glibc
#endif
import Foundation
import QuipuApp
import QuipuCore
import QuipuStore
import QuipuText
import QuipuTUI

/// The screens: the run loop that joins the terminal to the effect runner (QuipuApp), which
/// joins the screen model to the sessions folder. This loop only reads keys, sends them on, and
/// draws the difference between frames.
enum ScreenApp {
    /// How long to wait for a key before redrawing the ticking clock and looking for other
    /// writers' changes.
    static let tickMilliseconds = 250

    /// Opens the screens on the sessions folder (home), or straight on one session.
    /// `quiet` switches every clock warning off (`--quiet`).
    static func run(folder: SessionsFolder, writer: String, writerName: String? = nil, openID: String?, quiet: Bool = false) throws {
        // A bad id fails here, before the terminal is taken over, so the error prints plainly.
        let journal = try openID.map { try folder.open($0, writer: writer) }

        let terminal = try NcursesTerminal()
        defer { terminal.restore() }
        let signals = SignalWatcher()
        let runner = EffectRunner(folder: folder, writer: writer, writerName: writerName, journal: journal, quiet: quiet, clock: wallClock,
                                  localTime: LocalTime.minute, utcOffset: TimeZone.current.secondsFromGMT(), ring: { terminal.bell(); terminal.flash() })

        var previous: CellBuffer?
        var running = true
        var toldSize: (width: Int, height: Int)?
        while running && !signals.requestedQuit {
            let size = terminal.size
            if toldSize.map({ $0 != size }) ?? true {
                toldSize = size
                running = runner.send(.resized(width: size.width, height: size.height))
            }
            let frame = runner.model.render(width: size.width, height: size.height, now: wallClock())
            terminal.draw(frame.buffer.diff(from: previous), cursor: frame.cursor)
            previous = frame.buffer

            if let key = terminal.readKey(timeoutMilliseconds: tickMilliseconds) {
                // Handle everything already waiting (a paste arrives as hundreds of keys)
                // before drawing again.
                var next: Key? = key
                while let key = next, running {
                    if key == .resize {
                        previous = nil
                        toldSize = terminal.size
                        running = runner.send(.resized(width: terminal.size.width, height: terminal.size.height))
                    }
                    running = running && runner.send(.key(key))
                    next = terminal.readKey(timeoutMilliseconds: 0)
                }
            }
            if running { running = runner.idle() }
        }
        terminal.restore()
        let why = signals.receivedSignal.map { $0 == SIGHUP ? tr("the terminal hung up") : tr("Quipu was told to stop (signal {signal})", ["signal": String($0)]) }
            ?? tr("Quipu was quit before they could be written")
        let left = runner.leave(why: why)
        for line in left { FileHandle.standardError.write(Data(line.utf8)) }
        if let signal = signals.receivedSignal { exit(128 + signal) }
        if !left.isEmpty { exit(1) }
    }
}
