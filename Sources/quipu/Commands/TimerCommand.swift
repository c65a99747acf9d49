import ArgumentParser
import QuipuCore
import QuipuReports

struct TimerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timer",
        abstract: "Run the session clock: start, pause, resume, move between phases, extend, or read it.",
        discussion: """
            The clock is anchored to the wall: it keeps counting while nobody runs quipu. \
            `extend MIN` lengthens the current phase; a negative MIN shortens it \
            (`quipu timer ID extend -5`). `status` prints one line: state · phase · the phase's \
            remaining time · the session's remaining time (overruns as +mm:ss over).
            """
    )

    enum Operation: String, ExpressibleByArgument, CaseIterable {
        case start, pause, resume, next, prev, status, extend
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    @Argument(help: ArgumentHelp("What to do with the clock.", valueName: "operation"))
    var operation: Operation

    // Captured unparsed so a negative number (`extend -5`) is not mistaken for an option.
    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("For extend: minutes to add to the current phase (negative to shorten).",
                                 valueName: "minutes"))
    var minutes: [String] = []

    func validate() throws {
        if operation == .extend {
            guard minutes.count == 1, let m = Int(minutes[0]), m != 0 else {
                throw ValidationError("extend needs a whole, non-zero number of minutes, e.g. `extend 5` or `extend -3`")
            }
            guard abs(m) <= 24 * 60 else { throw ValidationError("extend by at most 1440 minutes") }
        } else if !minutes.isEmpty {
            throw ValidationError("\(operation.rawValue) takes no further arguments (got \(minutes.joined(separator: " ")))")
        }
    }

    func run() throws {
        let context = try global.context()
        let command: Command
        switch operation {
        case .status:
            let state = try context.load(session.id)
            print(TextReport.clockLine(state.clockReading(at: context.now())))
            return
        case .start: command = .startTimer
        case .pause: command = .pauseTimer
        case .resume: command = .resumeTimer
        case .next: command = .nextPhase
        case .prev: command = .previousPhase
        case .extend: command = .adjustPhase(seconds: Int64(Int(minutes[0])!) * 60)
        }
        let (journal, events) = try context.apply(command, to: session.id)
        let state = journal.log.state
        let what: String
        switch operation {
        case .next: what = "next phase"
        case .prev: what = "previous phase"
        default: what = events.map { TextReport.describe($0.change, in: state) }.joined(separator: "; ")
        }
        print("saved \(what) · \(TextReport.clockLine(state.clockReading(at: events.last?.at ?? context.now())))")
    }
}
