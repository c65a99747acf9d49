import QuipuCore
import QuipuText

/// What the command line prints for people: compact, aligned, and inert (journal text can never
/// act on the terminal).
public enum TextReport {
    // MARK: show

    public static func show(_ s: Session, at now: Timestamp) -> String {
        let r = s.clockReading(at: now)
        var out: [String] = []
        out.append("\(inert(s.title))  (\(s.id))")
        var facts = [s.createdAt?.date ?? String(s.id.prefix(10))]
        if !s.initiative.isEmpty { facts.append(tr("initiative {value}", ["value": inert(s.initiative)])) }
        if !s.facilitator.isEmpty { facts.append(tr("facilitator {name}", ["name": inert(s.facilitator)])) }
        if !s.rapporteur.isEmpty { facts.append(tr("rapporteur {name}", ["name": inert(s.rapporteur)])) }
        out.append(facts.joined(separator: " · "))
        out.append(tr("{status} · clock {clock}", ["status": PlenaryReport.sessionStatusWord(s.status), "clock": clockLine(r)]))

        out.append("")
        out.append(tr("agenda", context: "a heading"))
        var rows = [["", tr("phase", context: "a column"), tr("planned", context: "a column"), tr("actual", context: "a column")]]
        for (i, p) in r.phases.enumerated() {
            let marker = r.phase == i && r.state != .finished ? "▸" : " "
            rows.append(["\(marker)\(i + 1)", inert(p.name), clockText(seconds: p.plannedSeconds),
                         clockText(seconds: p.actualSeconds)])
        }
        out += table(rows, rightAligned: [2, 3]).map { "  " + $0 }

        out.append("")
        let members = s.participants.filter(\.isMember).count
        out.append(tr("participants  {n} ({members}, {observers})",
                      ["n": s.participants.count, "members": Message("{n} member", plural: "{n} members", count: members),
                       "observers": Message("{n} observer", plural: "{n} observers", count: s.participants.count - members)]))
        out += table(s.participants.map { p in
            [p.id, inert(p.name), inert(p.organisation), p.group.name.localized, inert(p.country),
             p.observer ? tr("observer", context: "a participant") : tr("member", context: "a participant"),
             p.present ? "" : tr("absent", context: "a participant")]
        }).map { "  " + $0 }

        out.append("")
        out.append(tr("ideas  {n}", ["n": s.ideas.filter { !$0.withdrawn }.count]))
        out += table(s.ideas.map { i in
            var notes: [String] = []
            if let area = i.area { notes.append(tr("under {area}", ["area": area])) }
            if let by = i.by { notes.append(tr("by {name}", ["name": inert(s.displayName(by))], context: "a proposer")) }
            return [i.id, i.withdrawn ? tr("withdrawn", context: "an idea") : kindWord(i.kind), inert(i.text),
                    notes.joined(separator: tr(", ", context: "between items of a list"))]
        }).map { "  " + $0 }
        if !s.conflicts.isEmpty {
            out.append("")
            out.append(tr("conflicts  {n} (changed on two laptops before they synced: one kept by the replay order, the other shown; edit again to choose)",
                          ["n": s.conflicts.count]))
            for c in s.conflicts {
                out.append("  \(c.item) " + tr("{field}: kept \"{kept}\" ({keptBy}), not \"{lost}\" ({lostBy})",
                                               ["field": c.field, "kept": inert(c.kept), "keptBy": c.keptBy.description, "lost": inert(c.lost), "lostBy": c.lostBy.description]))
            }
        }

        out.append("")
        out.append(tr("votes  {n}", ["n": s.votes.count]))
        for v in s.votes {
            out.append("  " + voteLine(v))
            out += resultLines(v, in: s).map { "    " + $0 }
        }

        out.append("")
        out.append(tr("roles  {n}", ["n": s.roles.count]))
        out += table(s.roles.map { [inert($0.role), who($0.holder, in: s)] }).map { "  " + $0 }

        out.append("")
        out.append(tr("actions  {n}", ["n": s.actions.count]))
        out += table(s.actions.map { a in
            [a.id, actionStatusWord(a.status), a.due.map(inert) ?? tr("no date"), who(a.owner, in: s), inert(a.text),
             a.idea.map { tr("for {idea}", ["idea": $0], context: "the idea an action serves") } ?? ""]
        }).map { "  " + $0 }
        for warning in s.unknownKinds {
            out.append("")
            out.append(tr("note: the journal has events of kind {kind} that this Quipu does not know; they were kept", ["kind": inert(warning)]))
        }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: list

    public static func list(_ summaries: [SessionSummary]) -> String {
        var rows = [[tr("date", context: "a column"), "id", tr("initiative", context: "a column"), tr("status", context: "a column"),
                     tr("ran", context: "a column"), tr("people", context: "a column"), tr("ideas", context: "a column"),
                     tr("actions", context: "a column"), tr("top priority", context: "a column")]]
        for s in summaries {
            rows.append([s.date, s.id, inert(s.initiative.isEmpty ? s.title : s.initiative), PlenaryReport.sessionStatusWord(s.status),
                         s.durationSeconds > 0 ? clockText(seconds: s.durationSeconds) : "-",
                         String(s.participants), String(s.ideas),
                         actionsCell(s),
                         s.topPriority.map { truncate(inert($0), toWidth: 48) } ?? ""])
        }
        return table(rows, rightAligned: [4, 5, 6]).joined(separator: "\n") + "\n"
    }

    /// `6`, `6 (2 open)`, `6 (2 open, 4 carried on)`: the open ones kept here, and those carried
    /// into a later session, which count there.
    static func actionsCell(_ s: SessionSummary) -> String {
        let notes = (s.openActions > 0 ? [tr("{n} open", ["n": s.openActions], context: "actions")] : [])
            + (s.carriedOn > 0 ? [tr("{n} carried on", ["n": s.carriedOn], context: "actions")] : [])
        return notes.isEmpty ? formatNumber(s.actions)
            : "\(formatNumber(s.actions)) (\(notes.joined(separator: tr(", ", context: "between items of a list"))))"
    }

    // MARK: Pieces the commands share

    /// `running · phase 2/5 Prioritize areas of action · 12:34 left · session 67:40 left`
    public static func clockLine(_ r: ClockReading) -> String {
        var parts = [clockStateWord(r.state)]
        let index = r.phase ?? 0
        if let name = r.phaseName {
            parts.append(tr("phase {n}/{phases} {name}", ["n": index + 1, "phases": r.phases.count, "name": inert(name)]))
            if r.state != .finished { parts.append(remaining(r.phaseRemainingSeconds)) }
        }
        if r.state == .finished {
            parts.append(tr("ran {ran} of {total}", ["ran": clockText(seconds: r.elapsedMilliseconds / 1000), "total": clockText(seconds: r.totalSeconds)]))
        }
        parts.append(tr("session {remaining}", ["remaining": remaining(r.sessionRemainingSeconds)], context: "the time the session has left"))
        return parts.joined(separator: " · ")
    }

    /// `12:34 left` or, past the end, `+02:10 over`.
    public static func remaining(_ seconds: Int64) -> String {
        seconds >= 0 ? tr("{time} left", ["time": clockText(seconds: seconds)])
            : tr("{time} over", ["time": clockText(seconds: seconds, overrunSign: true)])
    }

    /// `idle`, `running`, `paused`, `finished` in the current language.
    public static func clockStateWord(_ state: SessionClock.State) -> String {
        switch state {
        case .idle: tr("idle", context: "the clock")
        case .running: tr("running", context: "the clock")
        case .paused: tr("paused", context: "the clock")
        case .finished: tr("finished", context: "the clock")
        }
    }

    /// `V1 dot, 3 dots per member, at most 2 per item · closed · 7 of 8 members voted · 2 non-binding`
    public static func voteLine(_ v: Vote) -> String {
        let options = voteOptionsText(v)
        var line = "\(v.id) \(v.method.rawValue)" + (options.isEmpty ? "" : ", " + options)
        line += " · " + (v.status == .open ? tr("open", context: "a vote") : tr("closed", context: "a vote"))
        line += " · " + trn("{voted} of {n} member voted", "{voted} of {n} members voted", count: v.eligible.count, ["voted": v.bindingBallots.count])
        if !v.nonBindingBallots.isEmpty { line += " · " + tr("{n} non-binding", ["n": v.nonBindingBallots.count]) }
        return line
    }

    /// The ranked results, then the observers' non-binding results apart.
    public static func resultLines(_ v: Vote, in s: Session) -> [String] {
        func rows(_ results: [RankedResult]) -> [[String]] {
            results.map { [String($0.rank), $0.idea, inert(s.idea($0.idea)?.text ?? ""), formatNumber($0.score)] }
        }
        guard v.resultsVisible else { return [tr("results are hidden until the vote closes")] }
        var lines = table([[tr("rank", context: "a column"), tr("idea", context: "a column"), tr("candidate", context: "a column"),
                            scoreName(v.method)]] + rows(v.results), rightAligned: [0, 3])
        if !v.tiedLeaders.isEmpty { lines.append(tr("tied for first place: {ideas}", ["ideas": v.tiedLeaders.joined(separator: ", ")])) }
        lines += voteDetailLines(v, in: s)
        if let late = lateBallotsLine(v, in: s) { lines.append(late) }
        if !v.nonBindingBallots.isEmpty {
            lines.append(tr("non-binding (observers):"))
            lines += table(rows(v.nonBindingResults), rightAligned: [0, 3]).map { "  " + $0 }
        }
        return lines
    }

    // MARK: Layout

    /// Columns separated by two spaces, padded by display width; trailing blanks trimmed.
    public static func table(_ rows: [[String]], rightAligned: Set<Int> = []) -> [String] {
        guard let columns = rows.map(\.count).max() else { return [] }
        // A row's last cell is not padded, so its width matters only where it is right-aligned.
        let cellWidths = rows.map { row in
            row.indices.map { i in i == row.count - 1 && !rightAligned.contains(i) ? 0 : displayWidth(row[i]) }
        }
        var widths = Array(repeating: 0, count: columns)
        for row in cellWidths { for (i, width) in row.enumerated() { widths[i] = max(widths[i], width) } }
        let right = (0..<columns).map(rightAligned.contains)
        return zip(rows, cellWidths).map { row, cellWidth in
            var line = ""
            for (i, cell) in row.enumerated() {
                let pad = widths[i] - cellWidth[i]
                if i > 0 { line += "  " }
                if right[i] {
                    if pad > 0 { line += String(repeating: " ", count: pad) }
                    line += cell
                } else {
                    line += cell
                    // The last cell's padding would only be trimmed off again.
                    if pad > 0, i < row.count - 1 { line += String(repeating: " ", count: pad) }
                }
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
