import QuipuCore
import QuipuReports
import QuipuText

// The Vote tab: the live tally as a bar chart (unless hidden), results with shared ranks,
// IRV rounds and Schulze strengths in words, the tie-break, and the projector's results view.

extension AppModel {
    mutating func handleVoteKey(_ key: Key, _ session: Session) -> [Effect]? {
        switch key {
        case .char("a"):
            openForm(.ballot(for: session.openVote))
        case .char("o"):
            openForm(.openVote())
        case .char("r"):
            return perform(.openRunoff(of: nil))
        case .char("h"):
            openForm(.make(.tallyHands))
        case .char("b"):
            guard let vote = session.shownVote else {
                note(tr("no vote yet: there are no ballots to list"), error: true)
                return []
            }
            guard !vote.anonymous else {
                note(tr("{vote} is anonymous: its ballots are never shown, and who voted only once it closes", ["vote": vote.id]), error: true)
                return []
            }
            voteShowsBallots.toggle()
        case .char("d"):
            return removeBallotKey(session)
        case .char("f"):
            decideTieKey()
        case .char("A"):
            // Late ballots (cast on another laptop before it had seen the close) count only when said so.
            let vote = session.votes.last { !$0.late.isEmpty }
            ask(trn("Count {n} late ballot in {vote}?", "Count {n} late ballots in {vote}?", count: vote?.late.count ?? 0,
                    ["vote": vote?.id ?? ""]),
                vote.map { .acceptLateBallots(vote: $0.id) }, title: tr("Count late ballots"), nothing: tr("no vote has late ballots"))
        case .char("c"):
            let vote = session.openVote
            ask(trn("Close vote {vote} with {n} ballot?", "Close vote {vote} with {n} ballots?", count: vote?.ballots.count ?? 0,
                    ["vote": vote?.id ?? ""]), vote.map { .closeVote(id: $0.id) },
                title: tr("Close vote"), nothing: tr("no vote is open: o opens one"))
        default:
            return nil
        }
        return []
    }

    /// `d` in the list of ballots: asks, then takes the selected ballot out of the open vote.
    private mutating func removeBallotKey(_ session: Session) -> [Effect] {
        let title = tr("Remove ballot")
        guard voteShowsBallots else {
            refuseForm(title, because: tr("d removes a ballot: press b to list the ballots, choose one with ↑↓, then d"))
            return []
        }
        guard let vote = session.shownVote, vote.status == .open else {
            refuseForm(title, because: tr("the vote is closed: its ballots are counted and can no longer be removed"))
            return []
        }
        let voter = selectedIndex(.vote).map { rowID(.vote, at: $0) }
        let name = voter.map(session.displayName) ?? ""
        ask(tr("Remove {name}'s ballot from {vote}? It no longer counts; {name} may vote again.", ["name": name, "vote": vote.id]),
            voter.map { .removeBallot(vote: vote.id, by: $0) }, title: title, nothing: tr("no ballot to remove yet"))
        return []
    }

    /// `f`: the facilitator's choice among the tied leaders of the latest closed vote; when
    /// there is nothing to decide, a form that says why and takes what is typed next.
    private mutating func decideTieKey() {
        guard let log else { return }
        let vote: Vote
        do { vote = try log.tieToDecide(nil) } catch { return refuseForm(tr("Decide the tie"), because: error.localized) }
        // Ids alone (`I1 or I3`): the word between them is the language's.
        let tied = vote.tiedLeaders.joined(separator: " " + tr("or", context: "between tied candidates' ids") + " ")
        openForm(Form(title: tr("Decide the tie in {vote}: {ids}", ["vote": vote.id, "ids": tied]), purpose: .decideTie(vote: vote.id),
                      fields: [Form.Field(id: "Chosen", label: tr("Chosen", context: "a form field"), placeholder: tied),
                               Form.Field(id: "Reason", label: tr("Reason", context: "a form field"),
                                          placeholder: tr("why, in a sentence: the report quotes it"))]))
    }

    /// A question to ask before a form's save: a ballot for someone who already voted replaces
    /// theirs.
    func askBeforeSaving(_ form: Form, _ values: FormValues) -> String? {
        guard form.purpose == .castBallot, let session = log?.state, let vote = session.openVote, !vote.anonymous,
              let voter = try? log?.resolveParticipant(voterShorthand(values["Voter"], in: session)),
              vote.ballots.contains(where: { $0.by == voter.id }) else { return nil }
        return tr("{name} has already voted in {vote}: replace {name}'s ballot?", ["name": voter.name, "vote": vote.id])
    }

    /// The ballots of the vote the tab shows, in the order they were entered (none for an
    /// anonymous vote: they name no one).
    func listedBallots(_ session: Session) -> [Ballot] {
        guard let vote = session.shownVote, !vote.anonymous else { return [] }
        return vote.ballots
    }

    /// The Vote tab's forms, submitted.
    func submitVoteForm(_ form: Form, _ values: FormValues) throws(QuipuError) -> [Effect] {
        switch form.purpose {
        case .castBallot:
            let voter = log.map { voterShorthand(values["Voter"], in: $0.state) } ?? values["Voter"]
            return [.perform(.castBallotText(vote: nil, by: voter, words: [values["Choices"]]))]
        case .decideTie(let vote):
            return [.perform(.decideTie(vote: vote, idea: values["Chosen"].trimmed, reason: values["Reason"]))]
        case .openVote:
            return [.perform(.startVote(try voteSetup(method: form.chosen, candidates: values["Candidates"],
                                                      dots: values["Dots"], options: values["Options"])))]
        case .tallyHands:
            let (counts, group) = try handTally(counts: values["Counts"], group: values["Group"])
            return [.perform(.tallyHands(vote: nil, group: group, counts: counts))]
        default:
            return []
        }
    }

    func drawVoteTab(_ session: Session, in area: Area, into buffer: inout CellBuffer) {
        guard let vote = session.shownVote else {
            var y = area.y + 1
            for paragraph in [tr("No vote yet."),
                              tr("Press o to open a vote: choose the method (dot, approval, score, borda, irv, schulze) with Tab, the candidates (default: every open area of action) and options. Members present now become the eligible voters. Add areas on the Ideas tab (2).")] {
                for line in wrap(paragraph, width: area.width - 4) where y < area.y + area.height {
                    buffer.put(line, x: area.x + 2, y: y)
                    y += 1
                }
                y += 1
            }
            return
        }
        var y = area.y
        let bottom = area.y + area.height
        let open = vote.status == .open
        let options = vote.options.map(\.localized).joined(separator: ", ")
        buffer.bar(y: y, left: " \(vote.id) · \(vote.method.name.localized)" + (options.isEmpty ? "" : " · " + options),
                   right: (open ? tr("OPEN", context: "a vote") : tr("CLOSED", context: "a vote")) + " ", style: open ? Styles.key : .plain, x: area.x, width: area.width)
        y += 1
        var ballots = tr("Turnout: {turnout}", ["turnout": vote.turnoutText])
        if !vote.nonBindingBallots.isEmpty {
            ballots += " · " + tr("{n} non-binding (observers)", ["n": vote.nonBindingBallots.count])
        }
        buffer.putWords(ballots, x: area.x + 2, y: y, width: area.width - 3)
        y += 2

        var notes: [String] = []
        if voteShowsBallots, !vote.anonymous {
            drawBallots(vote, session, in: Area(x: area.x, y: y, width: area.width, height: max(0, bottom - y - 2)), into: &buffer)
            let hint = (open ? tr("d removes the selected ballot (after y)", context: "key hint") + " · " : "")
                + tr("b results", context: "key hint")
            buffer.putWords(hint, x: area.x + 2, y: bottom - 1, width: area.width - 3, style: Styles.muted)
            return
        }
        if vote.resultsVisible {
            let results = vote.results
            let top = max(1, results.map(\.score).max() ?? 1)
            let columns = [
                Column(title: open ? tr("Now", context: "a column: the current rank") : tr("Rank", context: "a column"), width: 4, alignRight: true),
                Column(title: tr("ID", context: "a column"), width: idColumnWidth(vote.candidates)),
                Column(title: tr("Candidate", context: "a column"), width: 10, flex: 1),
                Column(title: vote.method.scoreNameMessage.localized.capitalizedFirst,
                                                                      width: min(24, area.width / 4)),
                Column(title: "", width: 4, alignRight: true),
            ]
            let barWidth = columnWidths(columns, total: area.width)[3]
            let rows = results.map { r in
                TableRow(cells: [String(r.rank), r.idea, session.idea(r.idea)?.text ?? "",
                                 String(repeating: "█", count: max(0, r.score) * barWidth / top), String(r.score)],
                         style: r.rank == 1 && vote.status == .closed ? Styles.key : .plain)
            }
            let reserve = min(4, max(0, bottom - y - rows.count - 2))
            let tableHeight = max(0, min(rows.count + 1, bottom - y - reserve))
            buffer.table(columns, rows, selected: nil, in: Area(x: area.x, y: y, width: area.width, height: tableHeight))
            y += tableHeight + 1
            notes += voteDetailNotes(vote, in: session)
        } else {
            buffer.putWords(tr("Results are hidden until the vote closes."), x: area.x + 2, y: y, width: area.width - 3, style: Styles.key)
            y += 1
            let voted = vote.voterIDs.map { session.displayName($0) }
            if vote.ballots.isEmpty {
                notes.append(tr("No ballots yet."))
            } else if voted.isEmpty {
                notes.append(trn("{n} anonymous ballot; who voted is shown when the vote closes.",
                                 "{n} anonymous ballots; who voted is shown when the vote closes.", count: vote.ballots.count))
            } else {
                notes.append(tr("Voted: {names}", ["names": voted.joined(separator: ", ")]))
            }
        }
        // The keys, each with its words: a line breaks between them, never inside one.
        let ballotsKey = vote.anonymous ? [] : [tr("b ballots", context: "key hint")]
        let tieKeys = vote.tiedLeaders.isEmpty ? [] : vote.tieBreak == .facilitator
            ? (vote.decision == nil ? [tr("f decide the tie", context: "key hint")] : [])
            : [tr("r runoff among the tied", context: "key hint")]
        let projectorKey = tr("p projector", context: "key hint")
        let keys = open ? [tr("a ballot (voter number or initials, then {example})", ["example": vote.method.ballotExample],
                              context: "key hint")]
                            + (vote.method.acceptsHandTally ? [tr("h show of hands", context: "key hint")] : [])
                            + [tr("c close", context: "key hint")] + ballotsKey + [projectorKey]
                        : tieKeys + (vote.late.isEmpty ? [] : [tr("A count late ballots", context: "key hint")])
                            + [tr("o new vote", context: "key hint")] + ballotsKey + [projectorKey]
        let width = area.width - 4
        for line in notes.flatMap({ wrap($0, width: width) }) + wrapParts(keys, width: width) where y < bottom {
            buffer.put(line, x: area.x + 2, y: y, style: Styles.muted)
            y += 1
        }
    }

    /// Observers, tie-break, IRV rounds and Schulze strengths, each a short readable line.
    func voteDetailNotes(_ vote: Vote, in session: Session) -> [String] {
        var notes: [String] = []
        if let late = lateBallotsLine(vote, in: session) { notes.append(late.prefix(1).uppercased() + late.dropFirst() + ".") }
        if !vote.nonBindingBallots.isEmpty {
            let nb = vote.nonBindingResults.map { "\($0.idea) \($0.score)" }
            notes.append(tr("Observers (non-binding): {results}", ["results": nb.joined(separator: " · ")]))
        }
        if !vote.tallies.isEmpty {
            notes.append(tr("Show of hands: {counts}", ["counts": vote.tallies.map { t in
                (t.group.map { $0.name.localized + " " } ?? "") + t.counts.map { "\($0.idea)=\($0.points)" }.joined(separator: " ")
            }.joined(separator: " · ")]))
        }
        for (i, round) in vote.irvRounds.enumerated() { notes.append(tr("Round {n}: {text}", ["n": i + 1, "text": irvRoundText(round)])) }
        if let m = vote.schulzeStrengths {
            let n = m.candidates.count
            for i in 0..<n {
                let beats = (0..<n).filter { $0 != i && m.strongest[i][$0] > m.strongest[$0][i] }
                guard !beats.isEmpty else { continue }
                notes.append(tr("{id} beats {others}", ["id": m.candidates[i], "others": beats.map {
                    tr("{id} ({for}–{against}, path {path})", ["id": m.candidates[$0], "for": m.pairwise[i][$0],
                                                              "against": m.pairwise[$0][i], "path": m.strongest[i][$0]])
                }.joined(separator: ", ")]))
            }
        }
        if vote.status == .closed, let rule = vote.tieBreakApplies {
            notes.append(tr("Tie for first: {ids}. Tie-break: {rule}.", ["ids": vote.tiedLeaders.joined(separator: ", "),
                                                                         "rule": rule.sentenceMessage]))
        }
        if let d = vote.decision {
            notes.append(tr("The facilitator chose {id} {text}: “{reason}”", ["id": d.idea, "text": session.idea(d.idea)?.text ?? "",
                                                                                "reason": d.reason]))
        }
        return notes
    }

    /// The ballots entered, one row a voter, so paper ballots can be checked against them; how
    /// each voted stays hidden while the results are.
    func drawBallots(_ vote: Vote, _ session: Session, in area: Area, into buffer: inout CellBuffer) {
        let ballots = listedBallots(session)
        guard !ballots.isEmpty else {
            buffer.putWords(tr("No ballots entered yet."), x: area.x + 2, y: area.y, width: area.width - 3)
            return
        }
        let columns = [Column(title: tr("Voter", context: "a column"), width: 12, flex: 1),
                       Column(title: tr("Choices", context: "a column"), width: 16, flex: 2),
                       Column(title: tr("Counts", context: "a column: whether a ballot counts"), width: 12)]
        buffer.table(columns, count: ballots.count, row: { i in
            let b = ballots[i]
            return TableRow(cells: [session.displayName(b.by),
                                    vote.resultsVisible ? ballotText(b, method: vote.method) : tr("hidden until the vote closes"),
                                    b.binding ? tr("yes", context: "a ballot counts") : tr("no (observer)")])
        }, selected: selectedIndex(.vote), in: area)
    }

    /// The projector from the Vote tab: the results large and plain for the room.
    func drawVoteProjector(_ session: Session, _ vote: Vote, into buffer: inout CellBuffer) {
        let width = buffer.width
        buffer.centered("\(vote.id) · \(vote.method.name.localized) · "
                        + (vote.status == .open ? tr("open", context: "a vote") : tr("closed", context: "a vote")), y: 1, style: Styles.key)
        buffer.centered(vote.turnoutText, y: 2)
        guard vote.resultsVisible else {
            buffer.centered(tr("Results are hidden until the vote closes"), y: buffer.height / 2, style: Styles.key)
            buffer.centered(tr("any key returns", context: "key hint"), y: buffer.height - 1, style: Styles.muted)
            return
        }
        let results = vote.results
        if drawLargeResults(results, session, vote, into: &buffer) { return }
        let top = max(1, results.map(\.score).max() ?? 1)
        let labelWidth = min(36, width / 2 - 4)
        let barWidth = max(1, width - labelWidth - 16)
        var y = 4
        for r in results where y < buffer.height - 4 {
            let label = truncate("\(r.idea) " + (session.idea(r.idea)?.text ?? ""), toWidth: labelWidth)
            buffer.put(String(r.rank).leftPadded(to: 3), x: 2, y: y, style: r.rank == 1 ? Styles.key : .plain)
            buffer.put(label, x: 7, y: y, style: r.rank == 1 ? Styles.key : .plain)
            let bar = String(repeating: "█", count: max(0, r.score) * barWidth / top)
            buffer.put(bar + " \(r.score)", x: 8 + labelWidth, y: y, style: r.rank == 1 ? Styles.key : .plain)
            y += results.count * 2 + 8 <= buffer.height ? 2 : 1
        }
        if let line = projectorTieLine(vote, session) {
            buffer.centered(truncateAtWord(line, toWidth: buffer.width - 2), y: buffer.height - 3, style: Styles.warning)
        }
        buffer.centered(tr("any key returns", context: "key hint"), y: buffer.height - 1, style: Styles.muted)
    }
}

/// The projector's line on a tie for first: the rule, or the facilitator's choice once made.
func projectorTieLine(_ vote: Vote, _ session: Session) -> String? {
    guard vote.status == .closed, let rule = vote.tieBreakApplies else { return nil }
    let ids = vote.tiedLeaders.joined(separator: ", ")
    guard let d = vote.decision else {
        return tr("Tie for first: {ids} · {rule}", ["ids": ids, "rule": rule.sentenceMessage])
    }
    return tr("Tie for first: {ids} · the facilitator chose {id} {text}",
              ["ids": ids, "id": d.idea, "text": session.idea(d.idea)?.text ?? ""])
}

extension AppModel {
    /// On a screen large enough, every result as one line of large type, rank, name and score
    /// (the name cut at a word to fit), so the back row reads them; false when it is not large
    /// enough, and the plain chart is drawn.
    func drawLargeResults(_ results: [RankedResult], _ session: Session, _ vote: Vote, into buffer: inout CellBuffer) -> Bool {
        // Below 120 columns large type leaves too little of the names: the chart reads better.
        guard !results.isEmpty, buffer.width >= 120 else { return false }
        let rowHeight = (buffer.height - 7) / results.count
        guard rowHeight >= 6 else { return false }
        let textHeight = min(rowHeight - 1, 10)
        var lines: [[String]] = []
        for r in results {
            let words = (session.idea(r.idea)?.text ?? "").split(separator: " ").map(String.init)
            var fitted: [String]?
            for count in stride(from: words.count, through: 0, by: -1) where fitted == nil {
                let name = count == 0 ? r.idea : words.prefix(count).joined(separator: " ") + (count < words.count ? "…" : "")
                fitted = largeText("\(r.rank). \(name) \(r.score)", width: buffer.width - 2, height: textHeight)
            }
            guard let rows = fitted else { return false }
            lines.append(rows)
        }
        var y = 4
        for (r, rows) in zip(results, lines) {
            for (i, row) in rows.enumerated() {
                buffer.put(row, x: 1, y: y + i, style: r.rank == 1 ? Styles.key : .plain)
            }
            y += rows.count + 1
        }
        if let line = projectorTieLine(vote, session) {
            buffer.centered(truncateAtWord(line, toWidth: buffer.width - 2), y: buffer.height - 3, style: Styles.warning)
        }
        buffer.centered(tr("any key returns", context: "key hint"), y: buffer.height - 1, style: Styles.muted)
        return true
    }
}

/// The voter as typed in the ballot form: a number (`3` for P3), a participant's initials
/// (`AF` for Ana Flores, when only one person has them), or an id or name passed on as is.
func voterShorthand(_ text: String, in session: Session) -> String {
    let key = text.trimmed
    if let n = Int(key), n > 0 { return "P\(n)" }
    let upper = key.uppercased()
    guard !key.isEmpty, key.count <= 4, key.allSatisfy(\.isLetter), session.participant(upper) == nil else { return key }
    let matches = session.participants.filter { p in
        String(p.name.split(separator: " ").compactMap(\.first)).uppercased() == upper
    }
    if matches.count == 1 { return matches[0].id }
    return key
}

extension Form {
    /// The ballot form for a vote: the voter, then the choices as the method reads them.
    /// (With no vote open, a form that cannot be saved, to hold what is typed: `refusal(of:)`.)
    static func ballot(for vote: Vote?) -> Form {
        Form(title: vote.map { tr("Ballot in {vote} ({method})", ["vote": $0.id, "method": $0.method.name]) } ?? tr("Ballot"),
             purpose: .castBallot,
             fields: [Field(id: "Voter", label: tr("Voter", context: "a form field"), placeholder: tr("number, initials, P1 or name")),
                      Field(id: "Choices", label: tr("Choices", context: "a form field"), placeholder: vote.map {
                          $0.method.isRanked ? tr("I4 I1 I2 (first choice first)") : $0.method.ballotExample
                      } ?? "")])
    }

    /// Opening a vote: method cycled with Tab, candidates and options typed.
    static func openVote() -> Form {
        Form(title: tr("Open vote"), purpose: .openVote,
             fields: [Field(id: "Candidates", label: tr("Candidates", context: "a form field"), required: false,
                            placeholder: tr("all open areas, or I1 I3 I4")),
                      Field(id: "Dots", label: tr("Dots", context: "a form field"), required: false,
                            placeholder: tr("3 per member (dot votes)")),
                      Field(id: "Options", label: tr("Options", context: "a form field"), required: false,
                            placeholder: "cap=2 hide anonymous tie=facilitator|runoff")],
             // The methods by the words typed for them (`quipu vote open --method`), the same in every language.
             choiceLabel: tr("Method", context: "a form field"), choices: VoteMethod.allCases.map(\.rawValue),
             choiceIDs: VoteMethod.allCases.map(\.rawValue))
    }
}

/// Reads the open-vote form into a setup; one sentence on anything it cannot read.
func voteSetup(method: String, candidates: String, dots: String, options: String) throws(QuipuError) -> VoteSetup {
    var setup = VoteSetup(method: VoteMethod(rawValue: method) ?? .dot)
    let ids = candidates.split(whereSeparator: { $0 == " " || $0 == "," }).map { canonicalEntityID(String($0)) }
    if !ids.isEmpty { setup.candidates = ids }
    if !dots.trimmed.isEmpty {
        guard let n = Int(dots.trimmed) else { throw QuipuError("dots must be a whole number, not \"{text}\"", ["text": .text(dots.trimmed)]) }
        setup.dots = n
    }
    for word in options.split(whereSeparator: { $0 == " " || $0 == "," }).map({ $0.lowercased() }) {
        if word == "hide" || word == "hidden" {
            setup.hideResults = true
        } else if word == "anonymous" || word == "anon" {
            setup.anonymous = true
        } else if word.hasPrefix("cap="), let n = Int(word.dropFirst(4)) {
            setup.maxPerItem = n
        } else if word.hasPrefix("tie="), let rule = TieBreak(rawValue: String(word.dropFirst(4))) {
            setup.tieBreak = rule
        } else {
            throw QuipuError("option \"{option}\" is not understood; use cap=N, hide, anonymous, tie=none|facilitator|runoff",
                             ["option": .text(word)])
        }
    }
    return setup
}

private extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

/// Reads the show-of-hands form: `I1=12 I2=7` and an optional stakeholder group.
func handTally(counts: String, group: String) throws(QuipuError) -> ([Ballot.Choice], StakeholderGroup?) {
    let result = try parseHandCounts([counts])
    guard !group.trimmed.isEmpty else { return (result, nil) }
    return (result, try knownStakeholderGroup(typed: group))
}
