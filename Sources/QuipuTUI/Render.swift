import QuipuCore
import QuipuText

/// The smallest screen everything is laid out for; below it only a message is drawn.
public let minimumScreen = (width: 40, height: 10)

extension AppModel {
    public func render(width: Int, height: Int, now: Timestamp) -> Frame {
        var buffer = CellBuffer(width: width, height: height)
        guard width >= minimumScreen.width, height >= minimumScreen.height else {
            let text = tr("Terminal too small: {width}×{height} (need {minWidth}×{minHeight})",
                          ["width": String(width), "height": String(height),
                           "minWidth": String(minimumScreen.width), "minHeight": String(minimumScreen.height)])
            let lines = wrap(text, width: width)
            for (i, line) in lines.enumerated() { buffer.centered(line, y: max(0, (height - lines.count) / 2) + i) }
            return Frame(buffer: buffer)
        }
        switch overlay {
        case .projector?:
            if let session = log?.state, tab == .vote, let vote = session.openVote ?? session.votes.last {
                drawVoteProjector(session, vote, into: &buffer)
                return Frame(buffer: buffer)
            }
            if let session = log?.state {
                drawProjector(session.clockReading(at: now),
                              warnings: quiet || session.status == .closed ? [] : session.activeWarnings(at: now),
                              into: &buffer)
                return Frame(buffer: buffer)
            }
        case .help?:
            drawHelp(into: &buffer)
            return Frame(buffer: buffer)
        case .unsaved?:
            drawUnsavedList(into: &buffer)
            _ = drawBottom(into: &buffer)
            return Frame(buffer: buffer)
        case nil: break
        }
        if screen == .session, let session = log?.state {
            if drawTimeline(session, into: &buffer) { return Frame(buffer: buffer) }
            drawSession(session, now: now, into: &buffer)
        } else {
            drawHome(into: &buffer)
        }
        let cursor = drawBottom(into: &buffer)
        let promptCursor = drawSearchPrompt(into: &buffer)
        return Frame(buffer: buffer, cursor: promptCursor ?? cursor)
    }

    // MARK: - Home

    private func drawHome(into buffer: inout CellBuffer) {
        if drawSearchResults(into: &buffer) { return }
        // Damaged journals count: a folder never looks emptier than it is.
        let total = summaries.count + damaged.count
        let count = trn("{n} session", "{n} sessions", count: total)
            + (damaged.isEmpty ? "" : " · " + tr("{n} damaged", ["n": damaged.count]))
        buffer.bar(y: 0, left: " " + tr("Quipu · sessions"),
                   right: count + (total > 1 ? " · " + tr("by {order}", ["order": review.order.name]) : "") + " ",
                   style: Styles.titleBar)
        if !homeFilter.isEmpty {
            buffer.put(" " + tr("filter: {text}  (Esc clears)", ["text": homeFilter]), x: 0, y: 1, style: Styles.warning)
        }
        // With damaged rows, the line above the messages says what is wrong with the selected one.
        var area = Area(x: 0, y: 2, width: buffer.width, height: buffer.height - 4)
        if drawDamageShown(in: area, into: &buffer) { return }
        if !damaged.isEmpty { area.height -= 1 }
        guard total > 0 else {
            let example = tr("Watershed management", context: "an example title")
            let lines = [
                tr("No sessions in this folder yet."),
                "",
                tr("Press a to create one (it gets the 90-minute breakout agenda),"),
                tr("or from a shell: quipu new \"{example}\"", ["example": example]),
            ]
            // Each line wrapped at word ends when another language makes it longer than the screen.
            for (i, line) in lines.flatMap({ $0.isEmpty ? [""] : wrap($0, width: buffer.width - 4) }).enumerated() {
                buffer.put(line, x: 2, y: area.y + 1 + i)
            }
            return
        }
        let rows = visibleHomeRows
        guard !rows.isEmpty else {
            buffer.putWords(tr("No session matches \"{text}\".", ["text": homeFilter]), x: 2, y: area.y + 1, width: buffer.width - 3)
            return
        }
        let columns = [
            Column(title: tr("Date", context: "a column"), width: 10),
            Column(title: tr("Session", context: "a column"), width: 12, flex: 3),
            Column(title: tr("Status", context: "a column"),
                   width: max(7, SessionStatus.allCases.map { displayWidth(sessionStatusName($0)) }.max() ?? 0)),
            Column(title: tr("Time", context: "a column"), width: 7, alignRight: true),
            Column(title: tr("Ppl", context: "a column: participants"), width: 3, alignRight: true),
            Column(title: tr("Ideas", context: "a column"), width: 5, alignRight: true),
            Column(title: tr("Acts", context: "a column: actions"), width: 4, alignRight: true),
            Column(title: tr("Top priority", context: "a column"), width: 8, flex: 2),
        ]
        let selected = homeIndex
        buffer.table(columns, count: rows.count, row: { index in
            guard let s = rows[index].summary else {
                // The word says it, not the colour alone; Enter says why it does not open.
                return TableRow(cells: [rows[index].date, rows[index].id, tr("damaged", context: "a session's status"), "", "", "", "",
                                               tr("cannot be read")],
                                style: Styles.error)
            }
            return TableRow(cells: [
                s.date,
                s.initiative.isEmpty || s.initiative == s.title ? s.title : "\(s.initiative) · \(s.title)",
                sessionStatusName(s.status),
                clockText(seconds: s.durationSeconds),
                String(s.participants), String(s.ideas), String(s.actions),
                s.topPriority ?? "—",
            ], style: s.status == .closed ? Styles.muted : .plain)
        }, selected: selected, in: area)
        if let selected, let damage = rows[selected].damage {
            // Cut at a word end; with the message line free, it goes on there rather than be cut.
            let lines = wrap(damage.problem, width: buffer.width - 2)
            let fits = message == nil && confirmation == nil && filterInput == nil && form == nil ? 2 : 1
            let shown = lines.count <= fits ? lines
                : Array(lines.prefix(fits - 1)) + [truncateAtWord(lines[(fits - 1)...].joined(separator: " "), toWidth: buffer.width - 2)]
            for (i, line) in shown.enumerated() {
                buffer.put(" " + line, x: 0, y: area.y + area.height + i, style: Styles.error, maxWidth: buffer.width)
            }
        }
    }

    // MARK: - Session chrome

    private func drawSession(_ session: Session, now: Timestamp, into buffer: inout CellBuffer) {
        let reading = session.clockReading(at: now)
        drawHeader(session, reading, now: now, into: &buffer)
        drawTabBar(into: &buffer)
        let area = Area(x: 0, y: 4, width: buffer.width, height: buffer.height - 6)
        switch tab {
        case .agenda: drawAgenda(session, reading, in: area, into: &buffer)
        case .ideas: drawIdeas(session, in: area, into: &buffer)
        case .participants: drawParticipants(session, in: area, into: &buffer)
        case .vote: drawVoteTab(session, in: area, into: &buffer)
        case .workplan: drawWorkplan(session, now: now, in: area, into: &buffer)
        case .report: drawReport(session, reading, now: now, in: area, into: &buffer)
        }
    }

    /// Title and clock state; the phase and its remaining time; the session's progress.
    private func drawHeader(_ session: Session, _ reading: ClockReading, now: Timestamp, into buffer: inout CellBuffer) {
        var state = clockStateWord(reading.state)
        if session.status == .closed { state = tr("CLOSED · read-only") } else if readOnly { state += " · " + tr("read-only") }
        let off = session.clock.warningsOff
        if session.status != .closed, !quiet, !off.isEmpty {
            state += " · " + (off.count == ClockWarning.allCases.count ? tr("warnings off") : tr("some warnings off"))
        }
        if quiet, session.status != .closed { state += " · " + tr("quiet", context: "warnings silenced") }
        if unsavedChanges > 0 { state = tr("UNSAVED ({n}) ! list", ["n": unsavedChanges]) + " · " + state }
        buffer.bar(y: 0, left: " " + session.title, right: state + " ", style: Styles.titleBar)
        if unsavedChanges > 0 {
            // Never colour alone: the word, in the error style, where the eye goes first.
            let word = tr("UNSAVED ({n})", ["n": unsavedChanges])
            buffer.put(word, x: buffer.width - 1 - displayWidth(state), y: 0, style: Styles.error.reverse())
        }

        let count = session.agenda.count
        let number = min((reading.phase ?? 0) + 1, count)
        let phase = reading.state == .finished ? tr("All {n} phases done", ["n": count])
            : tr("Phase {number}/{count} · {name}", ["number": number, "count": count,
                                                     "name": reading.phaseName ?? tr("no agenda")])
        let remaining = reading.phaseRemainingSeconds
        var (timeText, timeStyle) = phaseTimeText(remaining, state: reading.state)
        // While it runs, when the phase ends by the wall clock (the room's clock).
        if reading.state == .running, remaining > 0 {
            timeText = tr("{time} left · ends {clock}", ["time": clockText(seconds: remaining),
                                                     "clock": wallClockText(now.adding(seconds: remaining))])
        }
        // The words of a warning stay while it lasts; just after it fires they flash (inverted).
        let warnings = quiet || session.status == .closed ? [] : session.activeWarnings(at: now)
        let flashing = flashUntil.map { now < $0 } ?? false
        if let warning = warnings.first, warning != .session10 {
            timeText = warningWords(warning) + " · " + timeText
            if flashing { timeStyle = timeStyle.reverse() }
        }
        buffer.bar(y: 1, left: " " + phase, right: timeText + " ", style: .plain)
        let timeWidth = displayWidth(timeText)
        buffer.put(timeText, x: buffer.width - 1 - timeWidth, y: 1, style: timeStyle)

        let sessionLeft = reading.sessionRemainingSeconds
        let sessionWarning = warnings.contains(.session10)
        var nextText = reading.state == .finished ? ""
            : tr("Next: {name}", ["name": reading.nextPhaseName ?? tr("end of session")]) + " "
        // The session's parts, most needed first; the end time, then the lag, give way so that
        // what comes next keeps room for its first words (about 20 columns) on a narrow screen.
        var sessionParts = (sessionWarning ? [warningWords(.session10)] : []) + [sessionTimeText(reading)]
        let required = sessionParts.count
        let ends = reading.state == .running && sessionLeft > 0
            ? tr("ends {clock}", ["clock": wallClockText(now.adding(seconds: sessionLeft))]) : nil
        if let ends { sessionParts.append(ends) }
        if reading.state != .finished, let behind = behindText(reading) { sessionParts.append(behind) }
        let wantNext = min(displayWidth(nextText), 20)
        while sessionParts.count > required,
              buffer.width - displayWidth(sessionParts.joined(separator: " · ")) - 4 - 8 < wantNext {
            sessionParts.remove(at: sessionParts.firstIndex { $0 == ends } ?? sessionParts.count - 1)
        }
        let sessionText = sessionParts.joined(separator: " · ")
        // What comes next, then the session's progress as a bar in the room left (at least 8 wide).
        let roomForNext = buffer.width - displayWidth(sessionText) - 4 - 8
        if displayWidth(nextText) > roomForNext { nextText = roomForNext >= 12 ? truncateAtWord(nextText, toWidth: roomForNext) + " " : "" }
        let nextWidth = buffer.put(nextText, x: 1, y: 2, style: Styles.muted)
        let barWidth = max(0, buffer.width - displayWidth(sessionText) - 4 - nextWidth)
        let filled = Int((reading.progress * Double(barWidth)).rounded())
        buffer.put(String(repeating: "█", count: filled), x: 1 + nextWidth, y: 2, style: Style(fg: .cyan))
        buffer.put(String(repeating: "░", count: barWidth - filled), x: 1 + nextWidth + filled, y: 2, style: Styles.muted)
        var sessionStyle = sessionLeft < 0 ? Styles.error : sessionLeft <= 600 && reading.state == .running ? Styles.warning : .plain
        if sessionWarning, flashing { sessionStyle = sessionStyle.reverse() }
        buffer.put(sessionText, x: buffer.width - 1 - displayWidth(sessionText), y: 2, style: sessionStyle)
    }

    private func drawTabBar(into buffer: inout CellBuffer) {
        var x = 1
        for t in Tab.allCases {
            let label = " \(t.rawValue) \(t.title) "
            x += buffer.put(label, x: x, y: 3, style: t == tab ? Styles.currentTab : .plain)
        }
        if let filter = filters[tab], !filter.isEmpty {
            buffer.putTruncated(tr("filter: {text}", ["text": filter]), x: x + 2, y: 3, width: buffer.width - x - 3, style: Styles.warning)
        }
    }

    /// The message line and footer; a form or question when one is open. Returns the cursor.
    private func drawBottom(into buffer: inout CellBuffer) -> (x: Int, y: Int)? {
        let messageY = buffer.height - 2
        let footerY = buffer.height - 1
        var cursor: (x: Int, y: Int)?
        // A question or message too long for its line takes the line above too, so it is read
        // whole (past two lines it is cut at a word); an open form moves up to make room, so no
        // field is ever hidden under it while it takes the typing.
        func twoLines(_ text: String, width: Int) -> [String] {
            let lines = wrap(text, width: width)
            return lines.count > 2 ? [lines[0], truncateAtWord(lines[1...].joined(separator: " "), toWidth: width)] : lines
        }
        let question = confirmation.map { twoLines($0.question, width: buffer.width - 8) }
        let said = filterInput == nil && confirmation == nil ? message.map { twoLines($0.text, width: buffer.width - 2) } : nil
        let bottomLines = max(1, (question ?? said ?? []).count)
        if let form {
            cursor = drawForm(form, bottom: messageY - bottomLines, into: &buffer)
        }
        if let question {
            for (i, line) in question.enumerated() {
                let y = messageY - question.count + 1 + i
                buffer.fill(x: 0, y: y, width: buffer.width, height: 1)
                let used = buffer.put(" " + line, x: 0, y: y, style: Styles.warning, maxWidth: buffer.width - 6)
                if i == question.count - 1 { buffer.put("  " + Confirmation.keys, x: used, y: y, style: Styles.key) }
            }
        } else if let filterInput {
            buffer.put(" / ", x: 0, y: messageY, style: Styles.key)
            cursor = drawField(filterInput, x: 3, y: messageY, width: buffer.width - 4, into: &buffer)
        } else if let message, let said {
            let style = message.isError ? Styles.error : .plain
            for (i, line) in said.enumerated() {
                let y = messageY - said.count + 1 + i
                buffer.fill(x: 0, y: y, width: buffer.width, height: 1)
                buffer.put(" " + line, x: 0, y: y, style: style, maxWidth: buffer.width)
            }
        }
        buffer.bar(y: footerY, left: " " + fitFooter(footerHint, width: buffer.width - 2), style: Styles.footer)
        return cursor
    }

    private var footerHint: String {
        if let form { return form.hint }
        if confirmation != nil { return Confirmation.footer }
        if overlay == .unsaved { return tr("↑↓ choose · d cancel this change · Esc close", context: "key hint") }
        if filterInput != nil { return tr("type to filter · Enter keep · Esc clear", context: "key hint") }
        if screen == .home, review.search != nil {
            return tr("↑↓ move · Enter open at the match · s search again · Esc sessions", context: "key hint")
        }
        if screen == .home, review.damageShown != nil {
            return tr("any key back to the sessions · r read the folder again · q quit", context: "key hint")
        }
        if screen == .home {
            let damagedSelected = homeIndex.map { visibleHomeRows[$0].damage != nil } ?? false
            return (damagedSelected ? tr("Enter why", context: "key hint") : tr("Enter open", context: "key hint")) + " · "
                + tr("a new · / filter · s search · o sort · ? help · q quit", context: "key hint")
        }
        if readOnly || log?.state.status == .closed {
            return (readOnly ? "" : tr("R reopen", context: "key hint") + " · ")
                + tr("1-6 tabs · p projector · ? help · q back", context: "key hint")
        }
        let common = tr("Space timer · ? help · q back", context: "key hint")
        let specific = switch tab {
        case .agenda: tr("a/e/d/K/J edit · +/- min · n/N phase", context: "key hint")
        case .ideas: tr("a add · e edit · d withdraw · m merge · f kind", context: "key hint")
        case .participants: tr("a add · e/d edit/remove · x/o present/observer", context: "key hint")
        case .vote: tr("o open · a ballot · c close · b ballots · r/f tie · p projector", context: "key hint")
        case .workplan: tr("a add · e edit · r role · c carry · Enter status", context: "key hint")
        case .report: tr("↑↓ scroll · p projector", context: "key hint")
        }
        return specific + " · " + common
    }

    /// A form drawn as a panel whose last row is `bottom`. Returns the cursor.
    private func drawForm(_ form: Form, bottom: Int, into buffer: inout CellBuffer) -> (x: Int, y: Int)? {
        let rows = form.fields.count + (form.choices.isEmpty ? 0 : 1)
        let top = bottom - rows
        buffer.fill(x: 0, y: top, width: buffer.width, height: rows + 1)
        let refused = refusal(of: form) != nil
        let title = form.title + (refused ? " · " + tr("cannot be saved now (see below) · Esc closes") : "")
        // A title too long for the line is cut at a word end, with "…".
        let rule = "── \(truncateAtWord(title, toWidth: buffer.width - 4)) " + String(repeating: "─", count: max(0, buffer.width))
        buffer.put(rule, x: 0, y: top, style: refused ? Styles.error : Styles.key)
        // Each label with its colon (French puts a no-break space before it).
        let labels = (form.fields.map(\.label) + [form.choiceLabel].compactMap { $0 })
            .map { tr("{label}:", ["label": $0], context: "a form field") }
        let labelWidth = labels.map(displayWidth).max() ?? 1
        let fieldX = labelWidth + 3
        var cursor: (x: Int, y: Int)?
        for (i, field) in form.fields.enumerated() {
            let y = top + 1 + i
            buffer.put(tr("{label}:", ["label": field.label], context: "a form field"), x: 2, y: y, style: i == form.focus ? Styles.key : .plain)
            let fieldWidth = buffer.width - fieldX - 1
            if field.input.isEmpty && !field.placeholder.isEmpty {
                buffer.putTruncated(field.placeholder, x: fieldX, y: y, width: fieldWidth, style: Styles.muted)
            }
            let at = drawField(field.input, x: fieldX, y: y, width: fieldWidth, into: &buffer)
            if i == form.focus {
                cursor = at
                if let completion = field.completion, field.input.cursor == field.input.characters.count {
                    let rest = String(completion.dropFirst(field.input.characters.count))
                    buffer.putTruncated(rest + "  " + tr("(→ takes it)"), x: at.x, y: y, width: max(0, fieldX + fieldWidth - at.x),
                                        style: Styles.muted)
                }
            }
        }
        if let label = form.choiceLabel {
            let y = top + 1 + form.fields.count
            buffer.put(tr("{label}:", ["label": label], context: "a form field"), x: 2, y: y)
            var x = fieldX
            for (i, choice) in form.choices.enumerated() {
                let chosen = i == form.choice
                x += buffer.put(chosen ? "[\(choice)]" : " \(choice) ", x: x, y: y, style: chosen ? Styles.currentTab : .plain) + 1
            }
            buffer.put(tr("(Tab changes)"), x: x + 1, y: y, style: Styles.muted)
        }
        return cursor
    }

    /// A text field's visible part at (x, y); returns where the cursor goes.
    private func drawField(_ input: TextField, x: Int, y: Int, width: Int, into buffer: inout CellBuffer) -> (x: Int, y: Int) {
        let (text, column) = input.visible(width: width)
        if !input.isEmpty { buffer.put(text, x: x, y: y, style: .plain.underline(), maxWidth: width) }
        return (x + column, y)
    }
}

extension AppModel {
    /// `14:36`, the time of day where Quipu runs (`utcOffsetSeconds`).
    func wallClockText(_ t: Timestamp) -> String {
        let minutes = ((t.milliseconds / 1000 + Int64(utcOffsetSeconds)) / 60) % (24 * 60)
        let m = (minutes + 24 * 60) % (24 * 60)
        return format2(Int(m / 60)) + ":" + format2(Int(m % 60))
    }
}

private func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

/// A footer that fits: its parts (`a add · e edit · … · ? help · q back`) are dropped from the
/// middle outwards until the rest fits, so the first (what this screen is for) and the last
/// two (help, which lists every key, and the way out) always show, whole.
func fitFooter(_ hint: String, width: Int) -> String {
    var parts: [String] = []
    var rest = Substring(hint)
    while let range = rest.firstRange(of: " · ") {
        parts.append(String(rest[..<range.lowerBound]))
        rest = rest[range.upperBound...]
    }
    parts.append(String(rest))
    func joined() -> String { parts.joined(separator: " · ") }
    while displayWidth(joined()) > width, parts.count > 3 {
        parts.remove(at: parts.count - 3)
    }
    return displayWidth(joined()) > width ? truncateAtWord(joined(), toWidth: width) : joined()
}

func clockStateWord(_ state: SessionClock.State) -> String {
    switch state {
    case .idle: tr("NOT STARTED", context: "the clock")
    case .running: tr("RUNNING", context: "the clock")
    case .paused: tr("PAUSED", context: "the clock")
    case .finished: tr("FINISHED", context: "the clock")
    }
}

/// `session 1:07:34 left`, or `session +03:00 over`; once finished, how long it ran.
func sessionTimeText(_ reading: ClockReading) -> String {
    if reading.state == .finished {
        return tr("finished · ran {run} of {planned}", ["run": clockText(seconds: reading.elapsedMilliseconds / 1000),
                                                         "planned": clockText(seconds: reading.totalSeconds)])
    }
    let left = reading.sessionRemainingSeconds
    return left < 0 ? tr("session {time} over", ["time": clockText(seconds: left, overrunSign: true)])
        : tr("session {time} left", ["time": clockText(seconds: left)])
}

/// `4:30 behind` or `2:00 ahead` of the plan; nil when on plan or not started.
func behindText(_ reading: ClockReading) -> String? {
    guard reading.state != .idle else { return nil }
    let behind = reading.behindSeconds
    if behind > 0 { return tr("{time} behind", ["time": clockText(seconds: behind)]) }
    if behind < 0 { return tr("{time} ahead", ["time": clockText(seconds: -behind)]) }
    return nil
}

/// The phase's remaining time in words and colour: yellow from 5 minutes, red from 1 minute
/// and when overrun; the words say it too, for monochrome screens.
func phaseTimeText(_ seconds: Int64, state: SessionClock.State) -> (String, Style) {
    if state == .finished { return (tr("time's up"), .plain) }
    if seconds < 0 { return (tr("{time} OVERRUN", ["time": clockText(seconds: seconds, overrunSign: true)]), Styles.error) }
    let text = tr("{time} left in phase", ["time": clockText(seconds: seconds)])
    guard state == .running else { return (text, .plain) }
    if seconds <= 60 { return (text, Styles.error) }
    if seconds <= 300 { return (text, Styles.warning) }
    return (text, .plain)
}

/// A session's status in the screens' language.
func sessionStatusName(_ status: SessionStatus) -> String {
    switch status {
    case .planned: tr("planned", context: "a session's status")
    case .running: tr("running", context: "a session's status")
    case .closed: tr("closed", context: "a session's status")
    }
}
