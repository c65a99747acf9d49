import QuipuCore
import QuipuText

/// The plenary roll-up (`quipu report --plenary`): one Markdown document across sessions, one
/// section per initiative with every conclusion its sessions reached: the areas of action (voted
/// ones ranked, the others listed as not voted on), programme and project ideas under their area,
/// decisions and notes, roles, the workplan (each action once, overdue marked) and what was left
/// open. Pure: the caller gives the sessions and today's date.
public enum PlenaryReport {
    public struct Selection: Sendable {
        /// `YYYY-MM-DD`, inclusive; nil for no bound.
        public var from: String?
        public var to: String?
        /// Initiatives to keep, compared as names are (capitals, accents and spacing aside);
        /// empty keeps all.
        public var initiatives: [String]
        /// Planned sessions (never started) are left out unless asked for.
        public var includePlanned: Bool
        public init(from: String? = nil, to: String? = nil, initiatives: [String] = [], includePlanned: Bool = false) {
            self.from = from
            self.to = to
            self.initiatives = initiatives
            self.includePlanned = includePlanned
        }

        public func includes(_ s: Session) -> Bool {
            if !includePlanned, s.status == .planned { return false }
            let date = sessionDate(s)
            if let from, date < from { return false }
            if let to, date > to { return false }
            guard !initiatives.isEmpty else { return true }
            return initiatives.contains { nameKey($0) == initiativeKey(s) }
        }

        /// What to tell on stderr: each filter that matches no session (with the others applied).
        public func unmatched(_ all: [Session]) -> [String] {
            var notes: [String] = []
            var others = self
            others.initiatives = []
            let kept = all.filter(others.includes)
            for name in initiatives where !kept.contains(where: { initiativeKey($0) == nameKey(name) }) {
                let anyDate = all.contains { initiativeKey($0) == nameKey(name) }
                notes.append(anyDate ? tr("no session of the initiative \"{name}\" matches the other filters", ["name": inert(name)])
                             : tr("no session of the initiative \"{name}\"", ["name": inert(name)]))
            }
            if notes.isEmpty, !all.contains(where: includes) {
                var planned = self
                planned.includePlanned = true
                let onlyPlanned = !includePlanned && all.contains(where: planned.includes)
                notes.append(onlyPlanned ? tr("only planned sessions match; --include-planned takes them in") : tr("no session matches"))
            }
            return notes
        }
    }

    /// One initiative of the roll-up: its selected sessions, oldest first, and its actions.
    struct Initiative {
        var name: String
        var sessions: [Session]
        /// Each action once, at its last copy (also when that copy is in a session not
        /// selected), dropped ones left out.
        var work: [TrackedAction]
    }

    /// The selected sessions, oldest first, grouped by initiative in the order they first met.
    static func initiatives(_ all: [Session], selection: Selection) -> (sessions: [Session], initiatives: [Initiative]) {
        let sessions = all.filter(selection.includes).sorted { (sessionDate($0), $0.id) < (sessionDate($1), $1.id) }
        let tracked = TrackedAction.all(all)
        let groups = orderedUnique(sessions.map(initiativeKey)).map { key in
            let group = sessions.filter { initiativeKey($0) == key }
            let ids = Set(group.map(\.id))
            let work = tracked.filter { t in
                t.action.status != .dropped
                    && (ids.contains(t.session.id) || t.carriedFrom.contains { ids.contains(String($0.prefix { $0 != "/" })) })
            }
            return Initiative(name: initiativeName(group[0]), sessions: group, work: work)
        }
        return (sessions, groups)
    }

    /// `3 sessions of 2 initiatives, from 2026-11-28.`
    static func scopeSentence(_ sessions: [Session], _ initiatives: [Initiative], _ selection: Selection) -> String {
        let counts: [String: any MessageValue] = [
            "sessions": Message("{n} session", plural: "{n} sessions", count: sessions.count),
            "initiatives": Message("{n} initiative", plural: "{n} initiatives", count: initiatives.count),
            "from": selection.from.map(longDate) ?? "", "to": selection.to.map(longDate) ?? "",
        ]
        switch (selection.from, selection.to) {
        case (nil, nil): return tr("{sessions} of {initiatives}.", counts)
        case (_?, nil): return tr("{sessions} of {initiatives}, from {from}.", counts)
        case (nil, _?): return tr("{sessions} of {initiatives}, to {to}.", counts)
        case (_?, _?): return tr("{sessions} of {initiatives}, from {from} to {to}.", counts)
        }
    }

    /// `- 2026-11-27 · Watershed management (`…`, closed) · facilitator … · rapporteur …`
    static func sessionLine(_ s: Session, _ inline: Inline) -> String {
        "\(sessionDate(s)) · \(inline.text(s.title)) (\(inline.code(s.id)), \(sessionStatusWord(s.status)))"
            + (s.facilitator.isEmpty ? "" : " · " + tr("facilitator {name}", ["name": inline.text(s.facilitator)]))
            + (s.rapporteur.isEmpty ? "" : " · " + tr("rapporteur {name}", ["name": inline.text(s.rapporteur)]))
    }

    /// `planned`, `running`, `closed` in the current language.
    static func sessionStatusWord(_ status: SessionStatus) -> String {
        switch status {
        case .planned: tr("planned", context: "session status")
        case .running: tr("running", context: "session status")
        case .closed: tr("closed", context: "session status")
        }
    }

    /// `today` (`YYYY-MM-DD`) decides which actions are overdue.
    /// `language` nil: the language every selected session records for its reports, when they
    /// all record the same one, else the current language.
    public static func render(_ all: [Session], selection: Selection, today: String, language: Language? = nil) -> String {
        (language ?? sharedLanguage(all.filter(selection.includes))).speak { rendered(all, selection: selection, today: today) }
    }

    /// The language all `sessions` write their reports in, else the current language.
    public static func sharedLanguage(_ sessions: [Session]) -> Language {
        let languages = Set(sessions.map { Language.ofReports($0).code })
        guard languages.count == 1, let first = sessions.first else { return Language.current }
        return Language.ofReports(first)
    }

    static func rendered(_ all: [Session], selection: Selection, today: String) -> String {
        let (sessions, groups) = initiatives(all, selection: selection)
        var out = ["# " + tr("Conclusions for the plenary"), ""]
        out.append(scopeSentence(sessions, groups, selection))
        out.append("")
        guard !sessions.isEmpty else { return (out + ["_" + tr("No sessions match.") + "_"]).joined(separator: "\n") + "\n" }
        for initiative in groups {
            let group = initiative.sessions, work = initiative.work
            out.append("## \(esc(initiative.name))")
            out.append("")
            out += group.map { "- " + sessionLine($0, .markdown) }
            out.append("")
            out += areas(group)
            out += ideasUnderAreas(group)
            out += decisions(group)
            out += roles(group)
            out += workplan(work, today: today)
            out += leftOpen(group, work, today: today)
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    /// The vote that ranks a session's areas: its latest closed vote that is not a runoff.
    static func rankingVote(_ s: Session) -> Vote? {
        s.votes.last { $0.status == .closed && $0.runoffOf == nil }
    }

    /// What one session says about its areas of action: the vote that ranked them (live
    /// candidates only) and the runoff that settled its tie, and the live areas no vote ranked.
    struct Areas {
        var session: Session
        var vote: Vote?
        var ranked: [RankedResult]
        var runoff: Vote?
        var unvoted: [Idea]

        /// `From `S`, ranked by V1, dot vote, …; 7 of 7 members voted:`
        func rankedIntro(_ inline: Inline) -> String {
            guard let vote else { return "" }
            return trn("From {session}, ranked by {vote}, {method}; {voted} of {n} member voted:",
                       "From {session}, ranked by {vote}, {method}; {voted} of {n} members voted:", count: vote.eligible.count,
                       ["session": inline.code(session.id), "vote": vote.id, "method": MarkdownReport.methodText(vote),
                        "voted": vote.bindingBallots.count])
        }

        /// `From `S`, not voted on in V1:`, or `(V2 is still open)` when no vote closed.
        func unvotedIntro(_ inline: Inline) -> String {
            if let vote { return tr("From {session}, not voted on in {vote}:", ["session": inline.code(session.id), "vote": vote.id]) }
            let open = session.votes.last { $0.status == .open }
            return open.map { tr("From {session}, not voted on ({vote} is still open):", ["session": inline.code(session.id), "vote": $0.id]) }
                ?? tr("From {session}, not voted on:", ["session": inline.code(session.id)])
        }

        /// `Runoff V2 among the tied: … first.`
        func runoffSentence(_ inline: Inline) -> String? {
            guard let runoff else { return nil }
            let first = runoff.results.filter { $0.rank == 1 }.map { inline.text(session.idea($0.idea)?.text ?? $0.idea) }
            return tr("Runoff {vote} among the tied: {ideas} first.", ["vote": runoff.id, "ideas": joinedList(first)])
        }

        /// `The facilitator chose I3 …: "reason".` for a tie they settled.
        func decisionSentence(_ inline: Inline) -> String? {
            guard let vote, let d = vote.decision, vote.tiedLeaders.contains(d.idea) else { return nil }
            return tr("The facilitator chose {idea}", ["idea": inline.text(session.idea(d.idea)?.text ?? d.idea)])
                + tr(": “{reason}”.", ["reason": inline.text(d.reason)], context: "the reason after the facilitator's choice")
        }
    }

    static func areaBlocks(_ sessions: [Session]) -> [Areas] {
        sessions.compactMap { s in
            let live = s.ideas.filter { $0.kind == .area && !$0.withdrawn }
            guard let vote = rankingVote(s) else {
                return live.isEmpty ? nil : Areas(session: s, vote: nil, ranked: [], runoff: nil, unvoted: live)
            }
            let ranked = vote.results.filter { s.idea($0.idea).map { !$0.withdrawn } ?? false }
            let runoff = s.votes.last { $0.runoffOf == vote.id && $0.status == .closed }
            let unvoted = live.filter { !vote.candidates.contains($0.id) }
            return ranked.isEmpty && unvoted.isEmpty ? nil
                : Areas(session: s, vote: vote, ranked: ranked, runoff: ranked.isEmpty ? nil : runoff, unvoted: unvoted)
        }
    }

    static func areas(_ sessions: [Session]) -> [String] {
        var lines = ["### " + tr("Areas of action"), ""]
        let blocks = areaBlocks(sessions)
        for block in blocks {
            if let vote = block.vote, !block.ranked.isEmpty {
                lines.append(block.rankedIntro(.markdown))
                lines.append("")
                // A table, not a numbered list: Markdown renumbers lists, which would hide ties.
                lines += ["| " + [tr("Rank"), tr("Priority"), scoreHeading(vote.method)].joined(separator: " | ") + " |", "| ---: | --- | ---: |"]
                lines += block.ranked.map { "| \($0.rank) | \(esc(block.session.idea($0.idea)?.text ?? $0.idea)) | \(formatNumber($0.score)) |" }
                lines.append("")
                for sentence in [block.decisionSentence(.markdown), block.runoffSentence(.markdown)].compactMap({ $0 }) {
                    lines += [sentence, ""]
                }
            }
            if !block.unvoted.isEmpty {
                lines.append(block.unvotedIntro(.markdown))
                lines.append("")
                lines += block.unvoted.map { "- \(esc($0.text))" }
                lines.append("")
            }
        }
        return blocks.isEmpty ? lines + ["_" + tr("No areas of action.") + "_", ""] : lines
    }

    /// Programme and project ideas, each under the area it serves.
    static func ideasUnderAreas(_ sessions: [Session]) -> [String] {
        var lines = ["### " + tr("Programme and project ideas"), ""]
        for (area, items) in followUps(sessions) {
            lines.append("- " + (area.map(esc) ?? tr("Under no area")))
            lines += items.map { "  - " + esc($0) }
        }
        return lines.count == 2 ? lines + ["_" + tr("None.") + "_", ""] : lines + [""]
    }

    /// Each area with the programme and project ideas under it (`Programme: …`), areas without
    /// any left out, and last (area nil) those under no live area.
    static func followUps(_ sessions: [Session]) -> [(area: String?, items: [String])] {
        var groups: [(area: String?, items: [String])] = []
        var unplaced: [String] = []
        for s in sessions {
            let followUps = s.ideas.filter { ($0.kind == .programme || $0.kind == .project) && !$0.withdrawn }
            func line(_ i: Idea) -> String {
                i.kind == .programme ? tr("Programme: {idea}", ["idea": i.text]) : tr("Project: {idea}", ["idea": i.text])
            }
            for area in s.ideas where area.kind == .area && !area.withdrawn {
                let under = followUps.filter { $0.area == area.id }
                guard !under.isEmpty else { continue }
                groups.append((area.text, under.map(line)))
            }
            unplaced += followUps.filter { i in !(i.area.flatMap(s.idea).map { $0.kind == .area && !$0.withdrawn } ?? false) }.map(line)
        }
        return unplaced.isEmpty ? groups : groups + [(nil, unplaced)]
    }

    static func decisions(_ sessions: [Session]) -> [String] {
        let notes = sessions.flatMap { s in s.ideas.filter { $0.kind == .note && !$0.withdrawn }.map { (s, $0) } }
        guard !notes.isEmpty else { return ["### " + tr("Decisions and notes"), "", "_" + tr("None recorded.") + "_", ""] }
        return ["### " + tr("Decisions and notes"), ""] + notes.map { s, note in "- \(esc(note.text)) — `\(s.id)`" } + [""]
    }

    static func roles(_ sessions: [Session]) -> [String] {
        let rows = sessions.flatMap { s in s.roles.map { (s, $0) } }
        guard !rows.isEmpty else { return ["### " + tr("Roles"), "", "_" + tr("No roles assigned.") + "_", ""] }
        var lines = ["### " + tr("Roles"), "", "| " + [tr("Role"), tr("Holder"), tr("Session", context: "a column")].joined(separator: " | ") + " |",
                     "| --- | --- | --- |"]
        for (s, r) in rows { lines.append("| \(esc(r.role)) | \(MarkdownReport.holder(r.holder, in: s)) | \(s.id) |") }
        return lines + [""]
    }

    static func workplan(_ work: [TrackedAction], today: String) -> [String] {
        guard !work.isEmpty else { return ["### " + tr("Workplan"), "", "_" + tr("No actions.") + "_", ""] }
        var lines = ["### " + tr("Workplan"), "",
                     "| " + [tr("Action"), tr("Owner"), tr("Due"), tr("Status"), tr("Session", context: "a column")].joined(separator: " | ") + " |",
                     "| --- | --- | --- | --- | --- |"]
        for t in work {
            let a = t.action
            let due = (a.due.map(esc) ?? "") + (ActionsReport.isOverdue(a, today: today) ? " **" + tr("overdue") + "**" : "")
            lines.append("| \(esc(a.text)) | \(owner(t)) | \(due) | \(actionStatusWord(a.status)) | "
                + "\(esc(t.history.joined(separator: " → "))) |")
        }
        return lines + [""]
    }

    /// What the initiative's sessions did not settle, one item a line: votes still open, ties not
    /// broken, overdue actions, how many others are still to do, areas with no idea under them.
    static func leftOpen(_ sessions: [Session], _ work: [TrackedAction], today: String) -> [String] {
        let items = leftOpenItems(sessions, work, today: today, .markdown)
        return ["### " + tr("Left open"), ""] + (items.isEmpty ? ["_" + tr("Nothing was left open.") + "_"] : items.map { "- " + $0 }) + [""]
    }

    /// The sentences of `leftOpen`, people's text written through `inline`.
    static func leftOpenItems(_ sessions: [Session], _ work: [TrackedAction], today: String, _ inline: Inline) -> [String] {
        let esc = inline.text, code = inline.code
        var items: [String] = []
        for s in sessions {
            for v in s.votes where v.status == .open {
                items.append(trn("{vote} of {session} is still open: {voted} of {n} eligible member voted so far.",
                                 "{vote} of {session} is still open: {voted} of {n} eligible members voted so far.",
                                 count: v.eligible.count, ["vote": v.id, "session": code(s.id), "voted": v.bindingBallots.count]))
            }
            // Ballots merged in from a laptop that had not seen the close: not in the ranking above.
            for v in s.votes where v.status == .closed && !v.late.isEmpty {
                items.append(trn("{vote} of {session} has {n} late ballot, cast on a laptop that had not seen its close, not counted above (quipu vote {id} accept counts them).",
                                 "{vote} of {session} has {n} late ballots, cast on a laptop that had not seen its close, not counted above (quipu vote {id} accept counts them).",
                                 count: v.late.count, ["vote": v.id, "session": code(s.id), "id": s.id]))
            }
            if !s.conflicts.isEmpty {
                items.append(trn("{n} change made at once on two laptops in {session}: one value of each is kept and the other shown in the session's report; edit again to choose.",
                                 "{n} changes made at once on two laptops in {session}: one value of each is kept and the other shown in the session's report; edit again to choose.",
                                 count: s.conflicts.count, ["session": code(s.id)]))
            }
            // A runoff that settled the tie settles it; one that tied again leaves it open.
            if let ranking = rankingVote(s) {
                let v = s.votes.last { $0.runoffOf == ranking.id && $0.status == .closed } ?? ranking
                if !v.tiedLeaders.isEmpty, v.decision == nil {
                    items.append(tr("A tie for first place in {vote} of {session}, not broken: {ideas}.",
                                    ["vote": v.id, "session": code(s.id), "ideas": v.tiedLeaders.map { esc(s.idea($0)?.text ?? $0) }.joined(separator: "; ")]))
                }
            }
        }
        let todo = work.filter { $0.action.status == .open || $0.action.status == .inProgress }
        let overdue = todo.filter { ActionsReport.isOverdue($0.action, today: today) }
        items += overdue.map { t in
            tr("Overdue: {action}, {owner}, due {date}.", ["action": esc(t.action.text), "owner": esc(ownerText(t)), "date": esc(t.action.due ?? "")])
        }
        let rest = todo.count - overdue.count
        if rest > 0 {
            items.append(overdue.isEmpty
                ? trn("{n} action still to do, none overdue: see the workplan.", "{n} actions still to do, none overdue: see the workplan.", count: rest)
                : trn("{n} other action still to do: see the workplan.", "{n} other actions still to do: see the workplan.", count: rest))
        }
        for s in sessions {
            let live = s.ideas.filter { !$0.withdrawn }
            let followed = Set(live.filter { $0.kind == .programme || $0.kind == .project }.compactMap(\.area))
            for area in live where area.kind == .area && !followed.contains(area.id) {
                items.append(tr("An area with no programme or project idea yet: {area}.", ["area": esc(area.text)]))
            }
        }
        return items
    }

    static func owner(_ t: TrackedAction) -> String { esc(ownerText(t)) }

    static func ownerText(_ t: TrackedAction) -> String { withOrganisation(t.ownerName, t.organisation) }

    static func esc(_ text: String) -> String { MarkdownReport.escape(text) }

    static func orderedUnique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}

/// A session's date: the day it was created (UTC), else the date its id starts with.
func sessionDate(_ s: Session) -> String { s.createdAt?.date ?? String(s.id.prefix(10)) }

/// The initiative a session belongs to for the roll-up: its initiative, else its title.
func initiativeName(_ s: Session) -> String { s.initiative.isEmpty ? s.title : s.initiative }

/// Initiatives are one group however they are capitalised, accented or spaced (`Andes`, `ANDES`).
func initiativeKey(_ s: Session) -> String { nameKey(initiativeName(s)) }
