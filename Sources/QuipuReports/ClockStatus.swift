import QuipuCore
import QuipuText

/// `quipu timer ID status`: the clock in words, and the same as JSON.
public enum ClockStatus {
    /// The first line is `TextReport.clockLine`; then the phase, the session, what comes next
    /// and the warnings, one line each.
    public static func text(_ s: Session, at now: Timestamp) -> String {
        let r = s.clockReading(at: now)
        var lines = [TextReport.clockLine(r)]
        if let index = r.phase ?? (r.phases.isEmpty ? nil : 0), r.state != .finished, index < r.phases.count {
            let p = r.phases[index]
            lines.append(label(tr("phase", context: "a clock status label")) + tr("{n}/{phases} {name}: {remaining} of {planned} planned (run {run})",
                ["n": index + 1, "phases": r.phases.count, "name": inert(p.name), "remaining": TextReport.remaining(r.phaseRemainingSeconds),
                 "planned": clockText(seconds: p.plannedSeconds), "run": clockText(seconds: p.actualSeconds)]))
        }
        var session = label(tr("session", context: "a clock status label")) + tr("{remaining} of {total} (run {run})",
            ["remaining": TextReport.remaining(r.sessionRemainingSeconds), "total": clockText(seconds: r.totalSeconds),
             "run": clockText(seconds: r.elapsedMilliseconds / 1000)])
        if r.state != .idle {
            let behind = r.behindSeconds
            session += " · " + (behind > 0 ? tr("{time} behind plan", ["time": clockText(seconds: behind)])
                : behind < 0 ? tr("{time} ahead of plan", ["time": clockText(seconds: -behind)]) : tr("on plan"))
        }
        lines.append(session)
        if r.state != .finished {
            lines.append(label(tr("next", context: "a clock status label")) + (r.nextPhaseName.map { inert($0) } ?? tr("nothing: this is the last phase")))
        }
        lines.append(label(tr("warnings", context: "a clock status label")) + ClockWarning.allCases.map {
            s.clock.warningsOff.contains($0) ? tr("{warning} off", ["warning": warningWords($0)]) : tr("{warning} on", ["warning": warningWords($0)])
        }.joined(separator: tr(", ", context: "between items of a list")))
        return lines.joined(separator: "\n") + "\n"
    }

    /// A label padded to the column the values start at: `phase    `.
    static func label(_ text: String) -> String {
        let width = [tr("phase", context: "a clock status label"), tr("session", context: "a clock status label"),
                     tr("next", context: "a clock status label"), tr("warnings", context: "a clock status label")].map(displayWidth).max() ?? 0
        return text + String(repeating: " ", count: max(1, width + 1 - displayWidth(text)))
    }

    public static func json(_ s: Session, at now: Timestamp) -> String {
        let r = s.clockReading(at: now)
        guard case var .object(fields) = JSONExport.timer(r) else { return "" }
        fields.insert(("at", .string(now.iso8601)), at: 0)
        fields += [
            ("phaseName", r.state == .finished ? .null : .optional(r.phaseName)),
            ("nextPhaseName", r.state == .finished ? .null : .optional(r.nextPhaseName)),
            ("elapsedSeconds", .int(r.elapsedMilliseconds / 1000)),
            ("warnings", .object(ClockWarning.allCases.map { ($0.rawValue, .bool(!s.clock.warningsOff.contains($0))) })),
        ]
        return JSONValue.object(fields).rendered
    }
}
