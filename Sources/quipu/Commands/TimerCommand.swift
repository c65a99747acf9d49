import ArgumentParser
import QuipuText
import QuipuCore
import QuipuReports

struct TimerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timer",
        abstract: tr("Run the session clock: start, pause, resume, move between phases, extend, re-plan, or read it."),
        discussion: tr("""
            The clock is anchored to the wall: it keeps counting while nobody runs quipu, and \
            paused time never counts.

              start | pause | resume     the clock
              next | prev | goto N       move to the next, previous or N-th phase (1-based)
              extend MIN                 lengthen the current phase; negative MIN shortens it \
            (`extend -5`); the session's budget moves with it
              extend-session MIN         add MIN minutes to the session's budget: they go to \
            the last phase, so the plan of the phases before it stays (use respread to share \
            them out); negative MIN takes minutes away
              respread                   re-spread the current and later phases over the time \
            left, in proportion to what each has left of its plan, so that run as planned they \
            end when the session's budget ends (the budget does not move)
              warnings [5|1|10|all] on|off   switch the 5-minute and 1-minute phase warnings \
            or the 10-minute session warning for this session
              status [--json]            the clock in words: state · phase · remaining time \
            (overruns as +mm:ss over), then the phase, the session and how far behind or ahead \
            of plan it is, what comes next, and the warnings
            """)
    )

    enum Operation: String, ExpressibleByArgument, CaseIterable {
        case start, pause, resume, next, prev, status, extend, goto, respread, warnings
        case extendSession = "extend-session"
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    @Argument(help: ArgumentHelp(tr("What to do with the clock."), valueName: "operation"))
    var operation: Operation

    // Captured unparsed so a negative number (`extend -5`) is not mistaken for an option.
    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp(tr("extend, extend-session: minutes (negative to shorten); goto: the phase number; warnings: [5|1|10|all] on|off."),
                                 valueName: "value"))
    var minutes: [String] = []

    @Flag(help: ArgumentHelp(tr("With status: print JSON.")))
    var json = false

    /// Which warnings and whether on, for `warnings`.
    var warningSwitch: (ClockWarning?, Bool)? {
        guard operation == .warnings, (1...2).contains(minutes.count) else { return nil }
        let onText = minutes.last!.lowercased()
        guard onText == "on" || onText == "off" else { return nil }
        if minutes.count == 1 || minutes[0].lowercased() == "all" { return (nil, onText == "on") }
        guard let w = ClockWarning(loose: minutes[0]) else { return nil }
        return (w, onText == "on")
    }

    func validate() throws {
        if json && operation != .status { throw ValidationError(tr("--json goes with status only")) }
        if operation == .warnings {
            guard warningSwitch != nil else {
                throw ValidationError(tr("warnings needs [5|1|10|all] on|off, e.g. `warnings 5 off` or `warnings on`"))
            }
        } else if operation == .goto {
            guard minutes.count == 1, let n = Int(minutes[0]), n >= 1 else {
                throw ValidationError(tr("goto needs a phase number from 1, e.g. `goto 3`"))
            }
        } else if operation == .extend || operation == .extendSession {
            guard minutes.count == 1, let m = Int(minutes[0]), m != 0 else {
                throw ValidationError(tr("extend needs a whole, non-zero number of minutes, e.g. `extend 5` or `extend -3`"))
            }
            guard abs(m) <= 24 * 60 else { throw ValidationError(tr("extend by at most 1440 minutes")) }
        } else if !minutes.isEmpty {
            throw ValidationError(tr("{operation} takes no further arguments (got {words})", ["operation": operation.rawValue, "words": minutes.joined(separator: " ")]))
        }
    }

    func run() throws {
        let context = try global.context()
        let command: Command
        switch operation {
        case .status:
            let state = try context.load(session.id)
            let now = context.now()
            print(json ? ClockStatus.json(state, at: now) : ClockStatus.text(state, at: now), terminator: "")
            return
        case .start: command = .startTimer
        case .pause: command = .pauseTimer
        case .resume: command = .resumeTimer
        case .next: command = .nextPhase
        case .prev: command = .previousPhase
        case .extend: command = .adjustPhase(seconds: Int64(Int(minutes[0])!) * 60)
        case .extendSession: command = .extendSession(seconds: Int64(Int(minutes[0])!) * 60)
        case .goto: command = .goToPhase(Int(minutes[0])! - 1)
        case .respread: command = .respread(now: context.now())
        case .warnings:
            let (warning, on) = warningSwitch!
            command = .switchWarning(warning, on: on)
        }
        let (journal, events) = try context.apply(command, to: session.id)
        let state = journal.log.state
        let what: String
        switch operation {
        case .next: what = tr("next phase")
        case .prev: what = tr("previous phase")
        case .extendSession:
            let m = Int(minutes[0])!
            what = m > 0 ? tr("session extended by {minutes} min (last phase)", ["minutes": abs(m)])
                : tr("session shortened by {minutes} min (last phase)", ["minutes": abs(m)])
        default: what = events.map { describe($0.change, in: state) }.joined(separator: "; ")
        }
        print(saved(what) + " · " + TextReport.clockLine(state.clockReading(at: events.last?.at ?? context.now())))
    }
}
