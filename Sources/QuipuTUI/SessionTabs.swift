import QuipuCore
import QuipuText

// The six tabs of the session screen, each a function of the session into its area.

extension AppModel {
    func drawAgenda(_ session: Session, _ reading: ClockReading, in area: Area, into buffer: inout CellBuffer) {
        guard !session.agenda.isEmpty else {
            buffer.put("This session has no agenda.", x: 2, y: area.y + 1)
            return
        }
        let columns = [
            Column(title: "", width: 1), Column(title: "#", width: 2, alignRight: true),
            Column(title: "Phase", width: 10, flex: 1),
            Column(title: "Planned", width: 7, alignRight: true), Column(title: "Actual", width: 7, alignRight: true),
            Column(title: "", width: 8),
        ]
        let current = reading.state == .finished ? nil : reading.phase
        let rows = reading.phases.enumerated().map { index, phase in
            let over = phase.actualSeconds > phase.plannedSeconds
            let status = over ? "OVER" : index == current ? (reading.state == .running ? "now" : "paused")
                : index < (reading.phase ?? 0) || reading.state == .finished ? "done" : ""
            return TableRow(cells: [
                index == current ? "▶" : "", String(index + 1), phase.name, clockText(seconds: phase.plannedSeconds),
                phase.actualMilliseconds > 0 ? clockText(seconds: phase.actualSeconds) : "—", status,
            ], style: over ? Styles.error : index == current ? Styles.key : .plain)
        }
        buffer.table(columns, rows, selected: selectedIndex(.agenda), in: Area(x: area.x, y: area.y, width: area.width,
                                                                             height: area.height - 2))
        var total = "Total planned \(clockText(seconds: reading.totalSeconds)) · run \(clockText(seconds: reading.elapsedMilliseconds / 1000))"
        if let behind = behindText(reading), reading.state != .finished, session.status != .closed {
            total += " · \(behind): s re-spreads the rest"
        }
        buffer.put(total, x: 2, y: area.y + min(area.height - 1, rows.count + 2), style: Styles.muted)
    }

    func drawIdeas(_ session: Session, in area: Area, into buffer: inout CellBuffer) {
        guard !session.ideas.isEmpty else {
            explain(["No ideas yet.", "Press a to add one; Tab in the form picks the kind (area, programme, project, note)."],
                    in: area, into: &buffer)
            return
        }
        let columns = [
            Column(title: "ID", width: 4), Column(title: "Kind", width: 9),
            Column(title: "Idea", width: 10, flex: 3), Column(title: "By", width: 10, flex: 1),
        ]
        let ideas = visibleIdeas(session)
        let list = ListKey(version: logVersion, filter: filters[.ideas] ?? "", kind: ideaKindFilter)
        buffer.wrappedTable(columns, count: ideas.count, row: { ideaRow(ideas[$0], session) }, wrapColumn: 2,
                            selected: selectedIndex(.ideas), in: area,
                            remembered: isShown(session) ? (derived.ideaLines, list) : nil)
        if let kind = ideaKindFilter {
            let label = " \(kind.rawValue) only · f "
            buffer.put(label, x: area.x + area.width - displayWidth(label) - 12, y: area.y, style: Styles.key)
        }
    }

    func drawParticipants(_ session: Session, in area: Area, into buffer: inout CellBuffer) {
        guard !session.participants.isEmpty else {
            explain(["No participants yet.", "Press a to add one by name; x marks present or absent, o member or observer."],
                    in: area, into: &buffer)
            return
        }
        let columns = [
            Column(title: "ID", width: 4), Column(title: "Name", width: 8, flex: 1),
            Column(title: "Organisation", width: 8, flex: 1), Column(title: "Group", width: 12),
            Column(title: "Role", width: 8), Column(title: "Present", width: 7),
        ]
        let people = visibleParticipants(session)
        buffer.table(columns, count: people.count, row: { index in
            let p = people[index]
            return TableRow(cells: [p.id, p.name, p.organisation, p.group.rawValue, p.observer ? "observer" : "member",
                                    p.present ? "yes" : "absent"],
                            style: p.present ? .plain : Styles.muted)
        }, selected: selectedIndex(.participants), in: Area(x: area.x, y: area.y, width: area.width, height: area.height - 1))
        let summary = memo(derived.rosterLine, logVersion, for: session) {
            let members = session.participants.filter(\.isMember)
            return "\(plural(session.participants.count, "participant")): \(plural(members.count, "member")) "
                + "(\(members.filter(\.present).count) present), \(plural(session.participants.count - members.count, "observer"))"
                + " · " + groupCountsLine(session)
        }
        buffer.put(summary, x: 2, y: area.y + area.height - 1, style: Styles.muted)
    }

    func drawVote(_ session: Session, in area: Area, into buffer: inout CellBuffer) {
        drawVoteTab(session, in: area, into: &buffer)
    }

    func drawWorkplan(_ session: Session, now: Timestamp, in area: Area, into buffer: inout CellBuffer) {
        var y = area.y
        buffer.put("Roles", x: 1, y: y, style: Styles.heading)
        let roles = session.roles.map { "\($0.role): \(session.displayName($0.holder))" }.joined(separator: " · ")
        let roleLines = roles.isEmpty ? ["none yet — r assigns one"] : wrap(roles, width: area.width - 4)
        for line in roleLines.prefix(3) {
            buffer.put(line, x: 8, y: y, style: roles.isEmpty ? Styles.muted : .plain)
            y += 1
        }
        y += 1
        let actionsArea = Area(x: area.x, y: y, width: area.width, height: area.y + area.height - y)
        guard !session.actions.isEmpty else {
            explain(["No actions yet.", "Press a to add one: what, owner, due date. Enter moves it open → in progress → done."],
                    in: actionsArea, into: &buffer)
            return
        }
        let columns = [
            Column(title: "ID", width: 4), Column(title: "Action", width: 10, flex: 2),
            Column(title: "Owner", width: 8, flex: 1), Column(title: "Due", width: 12), Column(title: "Status", width: 11),
        ]
        let actions = visibleActions(session)
        let list = ListKey(version: logVersion, filter: filters[.workplan] ?? "")
        buffer.wrappedTable(columns, count: actions.count, row: { actionRow(actions[$0], session, now: now) },
                            wrapColumn: 1, maxLines: 2, selected: selectedIndex(.workplan), in: actionsArea,
                            remembered: isShown(session) ? (derived.actionLines, list) : nil)
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

    private func explain(_ paragraphs: [String], in area: Area, into buffer: inout CellBuffer) {
        var y = area.y + 1
        for paragraph in paragraphs {
            for line in wrap(paragraph, width: area.width - 4) where y < area.y + area.height {
                buffer.put(line, x: 2, y: y)
                y += 1
            }
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
            : scored.map { " \($0.rank). \($0.idea) \(s.idea($0.idea)?.text ?? "") — \($0.score) \(vote.method.scoreName)" }
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
    lines += ["", "Participants: \(s.participants.count) (\(members) members, \(s.participants.count - members) observers)"]
    return lines
}

