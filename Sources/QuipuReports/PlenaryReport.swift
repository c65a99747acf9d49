import QuipuCore

/// The plenary roll-up (`quipu report --plenary`): one Markdown document across sessions, one
/// section per initiative with its top priorities, new programme and project ideas, roles and
/// workplan. Pure: the caller picks the sessions.
public enum PlenaryReport {
    public struct Selection: Sendable {
        /// `YYYY-MM-DD`, inclusive; nil for no bound.
        public var from: String?
        public var to: String?
        /// Initiatives to keep (case-insensitive); empty keeps all.
        public var initiatives: [String]
        public init(from: String? = nil, to: String? = nil, initiatives: [String] = []) {
            self.from = from
            self.to = to
            self.initiatives = initiatives
        }

        public func includes(_ s: Session) -> Bool {
            let date = sessionDate(s)
            if let from, date < from { return false }
            if let to, date > to { return false }
            guard !initiatives.isEmpty else { return true }
            return initiatives.contains { $0.lowercased() == initiativeName(s).lowercased() }
        }
    }

    /// How many ranked priorities each session contributes.
    static let topCount = 3

    public static func render(_ all: [Session], selection: Selection) -> String {
        let sessions = all.filter(selection.includes).sorted { (sessionDate($0), $0.id) < (sessionDate($1), $1.id) }
        var out = ["# Conclusions for the plenary", ""]
        var scope: [String] = []
        if let from = selection.from { scope.append("from \(from)") }
        if let to = selection.to { scope.append("to \(to)") }
        let initiatives = orderedUnique(sessions.map(initiativeName))
        out.append("\(count(sessions.count, "session")) of \(count(initiatives.count, "initiative"))"
            + (scope.isEmpty ? "" : ", " + scope.joined(separator: " ")) + ".")
        out.append("")
        guard !sessions.isEmpty else { return (out + ["_No sessions match._"]).joined(separator: "\n") + "\n" }
        for name in initiatives {
            let group = sessions.filter { initiativeName($0) == name }
            out.append("## \(esc(name))")
            out.append("")
            out += group.map { s in
                "- \(sessionDate(s)) · \(esc(s.title)) (`\(s.id)`, \(s.status.rawValue))"
                    + (s.facilitator.isEmpty ? "" : " · facilitator \(esc(s.facilitator))")
                    + (s.rapporteur.isEmpty ? "" : " · rapporteur \(esc(s.rapporteur))")
            }
            out.append("")
            out += priorities(group)
            out += newIdeas(group)
            out += roles(group)
            out += workplan(group)
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    static func priorities(_ sessions: [Session]) -> [String] {
        var lines = ["### Top priorities", ""]
        var any = false
        for s in sessions {
            guard let vote = s.votes.last(where: { $0.status == .closed }) else { continue }
            let top = vote.results.filter { $0.score > 0 && $0.rank <= topCount }
            guard !top.isEmpty else { continue }
            any = true
            let binding = vote.bindingBallots.count
            lines.append("From \(s.id) (\(vote.id), \(vote.method.rawValue) vote, \(binding) of \(vote.eligible.count) members voted):")
            lines.append("")
            // A table, not a numbered list: Markdown renumbers lists, which would hide ties.
            lines += ["| Rank | Priority | Score |", "| ---: | --- | ---: |"]
            lines += top.map { "| \($0.rank) | \(esc(s.idea($0.idea)?.text ?? $0.idea)) | \($0.score) |" }
            lines.append("")
        }
        return any ? lines : lines + ["_No closed vote._", ""]
    }

    static func newIdeas(_ sessions: [Session]) -> [String] {
        var lines = ["### New programme and project ideas", ""]
        var any = false
        for kind in [IdeaKind.programme, .project] {
            let items = sessions.flatMap { s in s.ideas.filter { $0.kind == kind && !$0.withdrawn }.map { (s, $0) } }
            guard !items.isEmpty else { continue }
            any = true
            lines.append(kind == .programme ? "Programmes:" : "Projects:")
            lines.append("")
            for (s, idea) in items {
                let area = idea.area.flatMap { s.idea($0) }.map { " (under \(esc($0.text)))" } ?? ""
                lines.append("- \(esc(idea.text))\(area)")
            }
            lines.append("")
        }
        return any ? lines : lines + ["_None._", ""]
    }

    static func roles(_ sessions: [Session]) -> [String] {
        let rows = sessions.flatMap { s in s.roles.map { (s, $0) } }
        guard !rows.isEmpty else { return ["### Roles", "", "_No roles assigned._", ""] }
        var lines = ["### Roles", "", "| Role | Holder | Session |", "| --- | --- | --- |"]
        for (s, r) in rows { lines.append("| \(esc(r.role)) | \(MarkdownReport.holder(r.holder, in: s)) | \(s.id) |") }
        return lines + [""]
    }

    static func workplan(_ sessions: [Session]) -> [String] {
        let rows = sessions.flatMap { s in s.actions.filter { $0.status != .dropped }.map { (s, $0) } }
        guard !rows.isEmpty else { return ["### Workplan", "", "_No actions._", ""] }
        var lines = ["### Workplan", "", "| Action | Owner | Due | Status | Session |", "| --- | --- | --- | --- | --- |"]
        for (s, a) in rows {
            lines.append("| \(a.id) \(esc(a.text)) | \(MarkdownReport.holder(a.owner, in: s)) | \(a.due.map(esc) ?? "") | "
                + "\(a.status.rawValue) | \(s.id) |")
        }
        return lines + [""]
    }

    static func esc(_ text: String) -> String { MarkdownReport.escape(text) }
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    static func orderedUnique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}

/// A session's date: the day it was created (UTC), else the date its id starts with.
func sessionDate(_ s: Session) -> String { s.createdAt?.date ?? String(s.id.prefix(10)) }

/// The initiative a session belongs to for the roll-up: its initiative, else its title.
func initiativeName(_ s: Session) -> String { s.initiative.isEmpty ? s.title : s.initiative }
