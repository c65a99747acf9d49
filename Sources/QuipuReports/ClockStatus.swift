import QuipuCore

/// `quipu timer ID status`: the clock in words, and the same as JSON.
public enum ClockStatus {
    /// The first line is `TextReport.clockLine`; then the phase, the session, what comes next
    /// and the warnings, one line each.
    public static func text(_ s: Session, at now: Timestamp) -> String {
        let r = s.clockReading(at: now)
        var lines = [TextReport.clockLine(r)]
        if let index = r.phase ?? (r.phases.isEmpty ? nil : 0), r.state != .finished, index < r.phases.count {
            let p = r.phases[index]
            lines.append("phase    \(index + 1)/\(r.phases.count) \(inert(p.name)): \(TextReport.remaining(r.phaseRemainingSeconds))"
                + " of \(clockText(seconds: p.plannedSeconds)) planned (run \(clockText(seconds: p.actualSeconds)))")
        }
        var session = "session  \(TextReport.remaining(r.sessionRemainingSeconds)) of \(clockText(seconds: r.totalSeconds))"
            + " (run \(clockText(seconds: r.elapsedMilliseconds / 1000)))"
        if r.state != .idle {
            let behind = r.behindSeconds
            session += behind > 0 ? " · \(clockText(seconds: behind)) behind plan"
                : behind < 0 ? " · \(clockText(seconds: -behind)) ahead of plan" : " · on plan"
        }
        lines.append(session)
        if r.state != .finished {
            lines.append("next     " + (r.nextPhaseName.map { inert($0) } ?? "nothing: this is the last phase"))
        }
        lines.append("warnings " + ClockWarning.allCases.map {
            "\($0.words) \(s.clock.warningsOff.contains($0) ? "off" : "on")"
        }.joined(separator: ", "))
        return lines.joined(separator: "\n") + "\n"
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
