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
        if !s.initiative.isEmpty { facts.append("initiative \(inert(s.initiative))") }
        if !s.facilitator.isEmpty { facts.append("facilitator \(inert(s.facilitator))") }
        if !s.rapporteur.isEmpty { facts.append("rapporteur \(inert(s.rapporteur))") }
        out.append(facts.joined(separator: " · "))
        out.append("\(s.status.rawValue) · clock \(clockLine(r))")

        out.append("")
        out.append("agenda")
        var rows = [["", "phase", "planned", "actual"]]
        for (i, p) in r.phases.enumerated() {
            let marker = r.phase == i && r.state != .finished ? "▸" : " "
            rows.append(["\(marker)\(i + 1)", inert(p.name), clockText(seconds: p.plannedSeconds),
                         clockText(seconds: p.actualSeconds)])
        }
        out += table(rows, rightAligned: [2, 3]).map { "  " + $0 }

        out.append("")
        let members = s.participants.filter(\.isMember).count
        out.append("participants  \(s.participants.count) (\(plural(members, "member")), \(plural(s.participants.count - members, "observer")))")
        out += table(s.participants.map { p in
            [p.id, inert(p.name), inert(p.organisation), p.group.rawValue, inert(p.country),
             p.observer ? "observer" : "member", p.present ? "" : "absent"]
        }).map { "  " + $0 }

        out.append("")
        out.append("ideas  \(s.ideas.filter { !$0.withdrawn }.count)")
        out += table(s.ideas.map { i in
            var notes: [String] = []
            if let area = i.area { notes.append("under \(area)") }
            if let by = i.by { notes.append("by \(inert(s.displayName(by)))") }
            return [i.id, i.withdrawn ? "withdrawn" : i.kind.rawValue, inert(i.text), notes.joined(separator: ", ")]
        }).map { "  " + $0 }
        if !s.conflicts.isEmpty {
            out.append("")
            out.append("conflicts  \(s.conflicts.count) (changed on two laptops before they synced: one kept by the replay order, the other shown; edit again to choose)")
            for c in s.conflicts {
                out.append("  \(c.item) \(c.field): kept \"\(inert(c.kept))\" (\(c.keptBy)), not \"\(inert(c.lost))\" (\(c.lostBy))")
            }
        }

        out.append("")
        out.append("votes  \(s.votes.count)")
        for v in s.votes {
            out.append("  " + voteLine(v))
            out += resultLines(v, in: s).map { "    " + $0 }
        }

        out.append("")
        out.append("roles  \(s.roles.count)")
        out += table(s.roles.map { [inert($0.role), who($0.holder, in: s)] }).map { "  " + $0 }

        out.append("")
        out.append("actions  \(s.actions.count)")
        out += table(s.actions.map { a in
            [a.id, a.status.rawValue, a.due.map(inert) ?? "no date", who(a.owner, in: s), inert(a.text),
             a.idea.map { "for \($0)" } ?? ""]
        }).map { "  " + $0 }
        for warning in s.unknownKinds {
            out.append("")
            out.append("note: the journal has events of kind \(inert(warning)) that this Quipu does not know; they were kept")
        }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: list

    public static func list(_ summaries: [SessionSummary]) -> String {
        var rows = [["date", "id", "initiative", "status", "ran", "people", "ideas", "actions", "top priority"]]
        for s in summaries {
            rows.append([s.date, s.id, inert(s.initiative.isEmpty ? s.title : s.initiative), s.status.rawValue,
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
        let notes = (s.openActions > 0 ? ["\(s.openActions) open"] : []) + (s.carriedOn > 0 ? ["\(s.carriedOn) carried on"] : [])
        return notes.isEmpty ? String(s.actions) : "\(s.actions) (\(notes.joined(separator: ", ")))"
    }

    // MARK: Pieces the commands share

    /// `running · phase 2/5 Prioritize areas of action · 12:34 left · session 67:40 left`
    public static func clockLine(_ r: ClockReading) -> String {
        var parts = [r.state.rawValue]
        let index = r.phase ?? 0
        if let name = r.phaseName {
            parts.append("phase \(index + 1)/\(r.phases.count) \(inert(name))")
            if r.state != .finished { parts.append(remaining(r.phaseRemainingSeconds)) }
        }
        if r.state == .finished {
            parts.append("ran \(clockText(seconds: r.elapsedMilliseconds / 1000)) of \(clockText(seconds: r.totalSeconds))")
        }
        parts.append("session " + remaining(r.sessionRemainingSeconds))
        return parts.joined(separator: " · ")
    }

    /// `12:34 left` or, past the end, `+02:10 over`.
    public static func remaining(_ seconds: Int64) -> String {
        seconds >= 0 ? "\(clockText(seconds: seconds)) left" : "\(clockText(seconds: seconds, overrunSign: true)) over"
    }

    /// `V1 dot, 3 dots per member, at most 2 per item · closed · 7 of 8 members voted · 2 non-binding`
    public static func voteLine(_ v: Vote) -> String {
        let options = v.optionsText
        var line = "\(v.id) \(v.method.rawValue)" + (options.isEmpty ? "" : ", " + options)
        line += " · \(v.status.rawValue) · \(v.bindingBallots.count) of \(plural(v.eligible.count, "member")) voted"
        if !v.nonBindingBallots.isEmpty { line += " · \(v.nonBindingBallots.count) non-binding" }
        return line
    }

    /// The ranked results, then the observers' non-binding results apart.
    public static func resultLines(_ v: Vote, in s: Session) -> [String] {
        func rows(_ results: [RankedResult]) -> [[String]] {
            results.map { [String($0.rank), $0.idea, inert(s.idea($0.idea)?.text ?? ""), String($0.score)] }
        }
        guard v.resultsVisible else { return ["results are hidden until the vote closes"] }
        var lines = table([["rank", "idea", "candidate", v.method.scoreName]] + rows(v.results), rightAligned: [0, 3])
        if !v.tiedLeaders.isEmpty { lines.append("tied for first place: \(v.tiedLeaders.joined(separator: ", "))") }
        lines += voteDetailLines(v, in: s)
        if let late = lateBallotsLine(v, in: s) { lines.append(late) }
        if !v.nonBindingBallots.isEmpty {
            lines.append("non-binding (observers):")
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
