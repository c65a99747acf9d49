import QuipuCore
import QuipuReports
import QuipuText

// The Report tab (6): the session's report as its `.md` file will say it, for the rapporteur to
// read out; ↑↓, PgUp/PgDn and Home scroll.

extension AppModel {
    mutating func handleReportKey(_ key: Key) -> [Effect]? {
        switch key {
        case .up, .char("k"): reportScroll = max(0, reportScroll - 1)
        case .down, .char("j"): reportScroll += 1
        case .pageUp: reportScroll = max(0, reportScroll - 10)
        case .pageDown: reportScroll += 10
        case .home: reportScroll = 0
        default: return nil
        }
        return []
    }

    /// The session report as the `.md` file will have it (QuipuReports' ScreenReport), scrolled.
    func drawReport(_ session: Session, _ reading: ClockReading, now: Timestamp, in area: Area, into buffer: inout CellBuffer) {
        let width = area.width - 2
        // The report changes with the session and, while the clock runs, with its minutes run.
        let key = ReportKey(version: logVersion, width: width,
                            clock: reading.state == .running ? reading.elapsedMilliseconds / 1000 : -1)
        let lines = memo(derived.report, key, for: session) {
            // In the session's report language, as its `.md` file says it.
            Language.ofReports(session).speak { ScreenReport.lines(session, at: now, width: width) }
        }
        let first = min(reportScroll, max(0, lines.count - area.height))
        for (offset, line) in lines.dropFirst(first).prefix(area.height).enumerated() {
            buffer.put(line.text, x: 1, y: area.y + offset, style: line.heading > 0 ? Styles.key : .plain, maxWidth: width)
        }
    }
}
