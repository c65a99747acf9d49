import QuipuCore
import QuipuText

// The Report tab (6): the session's outcome as a rapporteur would read it out; ↑↓, PgUp/PgDn and
// Home scroll.

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

    func drawReport(_ session: Session, _ reading: ClockReading, in area: Area, into buffer: inout CellBuffer) {
        // Only the clock line moves with the clock; the rest is wrapped once per session value.
        let width = area.width - 3
        let report = memo(derived.report, ReportKey(version: logVersion, width: width), for: session) {
            WrappedReport(head: reportHead(session).flatMap { wrap($0, width: width, indentContinuation: true) },
                          body: reportBody(session).flatMap { wrap($0, width: width, indentContinuation: true) })
        }
        let clock = wrap(reportClockLine(session, reading), width: width, indentContinuation: true)
        let count = report.head.count + clock.count + report.body.count
        func line(_ index: Int) -> String {
            if index < report.head.count { return report.head[index] }
            if index < report.head.count + clock.count { return clock[index - report.head.count] }
            return report.body[index - report.head.count - clock.count]
        }
        let first = min(reportScroll, max(0, count - area.height))
        for offset in 0..<max(0, min(area.height, count - first)) {
            let line = line(first + offset)
            let isHeading = !line.hasPrefix(" ") && !line.isEmpty
            buffer.put(line, x: 1, y: area.y + offset, style: isHeading ? Styles.key : .plain)
        }
    }
}

/// A plain-text outcome of the session: what a rapporteur would read out.
func reportLines(_ s: Session, _ reading: ClockReading) -> [String] {
    reportHead(s) + [reportClockLine(s, reading)] + reportBody(s)
}

/// The report's title and people.
func reportHead(_ s: Session) -> [String] {
    var lines = [s.title]
    let people = [("Initiative", s.initiative), ("Facilitator", s.facilitator), ("Rapporteur", s.rapporteur)]
        .filter { !$0.1.isEmpty }.map { "\($0.0): \($0.1)" }
    if !people.isEmpty { lines.append(" " + people.joined(separator: " · ")) }
    return lines
}

/// The report's one line that changes as the clock runs.
func reportClockLine(_ s: Session, _ reading: ClockReading) -> String {
    " \(s.createdAt?.date ?? "") · \(s.status.rawValue) · clock run \(clockText(seconds: reading.elapsedMilliseconds / 1000)) of \(clockText(seconds: reading.totalSeconds))"
}

/// The report from its priorities on.
func reportBody(_ s: Session) -> [String] {
    var lines = ["", "Priorities"]
    if let vote = s.votes.last(where: { $0.status == .closed }) ?? s.votes.last {
        let scored = vote.resultsVisible ? vote.results.filter { $0.score > 0 } : []
        if vote.status == .open { lines.append(" (vote \(vote.id) is still open)") }
        lines += !vote.resultsVisible ? [" results are hidden until the vote closes"]
            : scored.isEmpty ? [" no ballots yet"]
            : scored.map { " \($0.rank). \($0.idea) \(s.idea($0.idea)?.text ?? "") — \(scoreText($0.score, vote.method))" }
    } else {
        lines.append(" no vote yet")
    }

    let live = s.ideas.filter { !$0.withdrawn }
    for kind in IdeaKind.allCases {
        let ideas = live.filter { $0.kind == kind }
        guard !ideas.isEmpty else { continue }
        let heading = switch kind {
        case .area: "Areas of action"
        case .programme: "Programme ideas"
        case .project: "Project ideas"
        case .note: "Notes and decisions"
        }
        lines += ["", "\(heading) (\(ideas.count))"]
        lines += ideas.map { idea in
            let by = idea.by.map { " — \(s.displayName($0))" } ?? ""
            let area = idea.area.map { " [\($0)]" } ?? ""
            return " \(idea.id) \(idea.text)\(area)\(by)"
        }
    }

    lines += ["", "Roles"]
    lines += s.roles.isEmpty ? [" none assigned"] : s.roles.map { " \($0.role): \(s.displayName($0.holder))" }
    lines += ["", "Actions"]
    lines += s.actions.isEmpty ? [" none yet"] : s.actions.map { a in
        " \(a.id) \(a.text) — \(s.displayName(a.owner))\(a.due.map { ", due \($0)" } ?? "") [\(a.status.rawValue)]"
    }
    let members = s.participants.filter(\.isMember).count
    lines += ["", "Participants: \(s.participants.count) (\(plural(members, "member")), \(plural(s.participants.count - members, "observer")))"]
    return lines
}
