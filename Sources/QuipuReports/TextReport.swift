import QuipuCore

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
                         s.openActions > 0 ? "\(s.actions) (\(s.openActions) open)" : String(s.actions),
                         s.topPriority.map { truncate(inert($0), to: 48) } ?? ""])
        }
        return table(rows, rightAligned: [4, 5, 6]).joined(separator: "\n") + "\n"
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
        line += " · \(v.status.rawValue) · \(v.bindingBallots.count) of \(v.eligible.count) members voted"
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
        if !v.nonBindingBallots.isEmpty {
            lines.append("non-binding (observers):")
            lines += table(rows(v.nonBindingResults), rightAligned: [0, 3]).map { "  " + $0 }
        }
        return lines
    }

    /// One line saying what a change saved, ids first: `I3 "Community water committees" (area)`.
    /// `s` is the session after the change.
    public static func describe(_ change: Change, in s: Session) -> String {
        func quoted(_ text: String) -> String { "\"\(inert(text))\"" }
        func idea(_ id: String) -> String { s.idea(id).map { "\(id) \(quoted($0.text))" } ?? id }
        switch change {
        case let .sessionCreated(title, _, _, _, agenda):
            return "\(s.id) \(quoted(title)) (\(agenda.count) phases)"
        case .timerStarted: return "clock started"
        case .timerPaused: return "clock paused"
        case .timerResumed: return "clock resumed"
        case let .phaseChanged(to):
            return to >= s.agenda.count ? "clock finished" : "phase \(to + 1)/\(s.agenda.count) \(inert(s.agenda[to].name))"
        case let .phaseAdjusted(phase, seconds):
            let planned = s.agenda.indices.contains(phase) ? ", now \(clockText(seconds: s.agenda[phase].plannedSeconds))" : ""
            return "phase \(phase + 1) \(seconds > 0 ? "extended" : "shortened") by \(clockText(seconds: abs(seconds)))\(planned)"
        case let .participantAdded(p):
            let details = [p.organisation, p.group.rawValue, p.country].filter { !$0.isEmpty }.map(inert)
            return "\(p.id) \(quoted(p.name)) (\(p.observer ? "observer" : "member"), \(details.joined(separator: ", ")))"
        case let .participantUpdated(id, present, observer):
            var now: [String] = []
            if let present { now.append(present ? "present" : "absent") }
            if let observer { now.append(observer ? "observer" : "member") }
            return "\(id) \(quoted(s.displayName(id))) now \(now.joined(separator: ", "))"
        case let .ideaAdded(i):
            return "\(i.id) \(quoted(i.text)) (\(i.kind.rawValue)\(i.area.map { " under \($0)" } ?? ""))"
        case let .ideaEdited(id, text): return "\(id) \(quoted(text)) (edited)"
        case let .ideaWithdrawn(id): return "\(idea(id)) withdrawn"
        case let .participantEdited(id, _, _, _, _):
            let p = s.participant(id)
            let details = [p?.organisation ?? "", p?.group.rawValue ?? "", p?.country ?? ""].filter { !$0.isEmpty }.map(inert)
            return "\(id) \(quoted(s.displayName(id))) (\(details.joined(separator: ", ")))"
        case let .participantRemoved(id): return "\(id) \(quoted(s.displayName(id))) removed from the roster"
        case let .ideaLinked(id, area): return area.map { "\(idea(id)) under \($0)" } ?? "\(idea(id)) unlinked"
        case let .ideaMerged(id, into): return "\(id) merged into \(idea(into))"
        case let .roleUnassigned(r): return "\(inert(r.role)): \(who(r.holder, in: s)) no longer"
        case let .actionEdited(a), let .actionCarried(a):
            return "\(a.id) \(quoted(a.text)) owner \(who(a.owner, in: s))"
                + (a.due.map { ", due \(inert($0))" } ?? "") + (a.idea.map { ", for \($0)" } ?? "")
                + (a.supporters.isEmpty ? "" : ", with " + a.supporters.map { who($0, in: s) }.joined(separator: ", "))
                + (a.carriedFrom.map { ", carried over from \(inert($0))" } ?? "")
        case let .voteOpened(v):
            let options = v.optionsText
            return "\(v.id) \(v.method.title) open on \(v.candidates.joined(separator: ", ")): "
                + (options.isEmpty ? "" : options + ", ") + "\(plural(v.eligible.count, "member")) eligible"
        case let .ballotCast(vote, ballot):
            let v = s.vote(vote)
            let binding = ballot.binding ? "" : " (non-binding)"
            // A sealed ballot names no one; who voted is on the close.
            if BallotKey.isToken(ballot.by) { return "\(vote) anonymous ballot" + binding }
            let voter = "\(vote) ballot from \(ballot.by) \(quoted(s.displayName(ballot.by)))" + binding
            // An anonymous vote records that a member voted, never shows how.
            if v?.anonymous == true { return voter + " (anonymous)" }
            return voter + ": " + ballotText(ballot, method: v?.method ?? .dot)
        case let .voteClosed(id, voters):
            guard let voters else { return "\(id) closed" }
            return "\(id) closed; voted: " + (voters.isEmpty ? "nobody" : voters.map { who($0, in: s) }.joined(separator: ", "))
        case let .handsTallied(vote, tally):
            return "\(vote) show of hands" + (tally.group.map { " (\($0.rawValue))" } ?? "") + ": "
                + tally.counts.map { "\($0.idea)=\($0.points)" }.joined(separator: " ")
        case let .roleAssigned(r): return "\(inert(r.role)): \(who(r.holder, in: s))"
        case let .actionAdded(a):
            return "\(a.id) \(quoted(a.text)) owner \(who(a.owner, in: s))"
                + (a.due.map { ", due \(inert($0))" } ?? "") + (a.idea.map { ", for \($0)" } ?? "")
        case let .actionStatusChanged(id, status):
            return "\(id) \(status.rawValue)" + (s.action(id).map { " \(quoted($0.text))" } ?? "")
        case .sessionClosed: return "\(s.id) closed"
        case .sessionReopened: return "\(s.id) reopened"
        case let .agendaRespread(from, seconds):
            return "re-spread phases \(from + 1)–\(from + seconds.count): "
                + seconds.map { clockText(seconds: $0) }.joined(separator: ", ")
        case let .warningSwitched(w, on): return "\(w.words) warning \(on ? "on" : "off")"
        case let .warningGiven(w, phase): return "\(w.words) given in phase \(phase + 1)"
        case let .undo(target): return "undo of \(target)"
        case let .unknown(record): return inert(record.kind)
        }
    }

    /// `P3 María Quispe Mamani`, or the text itself for an organisation.
    public static func who(_ id: String, in s: Session) -> String {
        s.participant(id).map { "\($0.id) \(inert($0.name))" }
            ?? (s.displayName(id) == id ? inert(id) : "\(id) \(inert(s.displayName(id)))")
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

    /// Terminal columns: East Asian wide characters and emoji take two.
    public static func displayWidth(_ text: String) -> Int {
        // ASCII: one column a character, and CR LF is one character.
        var ascii = true, carriageReturnLineFeeds = 0, previous: UInt8 = 0
        for byte in text.utf8 {
            if byte >= 0x80 { ascii = false; break }
            if byte == 0x0A && previous == 0x0D { carriageReturnLineFeeds += 1 }
            previous = byte
        }
        if ascii { return text.utf8.count - carriageReturnLineFeeds }
        return text.reduce(0) { $0 + width(of: $1) }
    }

    /// East Asian wide characters and emoji take two columns, every other character one.
    static func width(of character: Character) -> Int {
        guard let v = character.unicodeScalars.first?.value else { return 0 }
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
        return wide ? 2 : 1
    }

    static func plural(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    static func truncate(_ text: String, to width: Int) -> String {
        // No character takes more columns than it has UTF-8 bytes.
        guard text.utf8.count > width, displayWidth(text) > width else { return text }
        var out = ""
        var used = 0
        // Summed a character at a time: a prefix breaks into the same characters as the text.
        for c in text {
            let w = self.width(of: c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }
}
