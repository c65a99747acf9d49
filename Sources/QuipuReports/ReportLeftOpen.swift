import QuipuCore
import QuipuText

extension MarkdownReport {
    /// What the breakout did not settle, for whoever picks it up next: votes still open, ties
    /// not broken, actions still to do, areas of action that got no programme or project idea,
    /// and phases the clock never reached.
    static func leftOpen(_ s: Session, _ r: ClockReading) -> [String] {
        let items = leftOpenItems(s, r, .markdown)
        var lines = ["## Left open", ""]
        lines += items.isEmpty ? ["_Nothing was left open._"] : items.map { "- " + $0 }
        lines.append("")
        return lines
    }

    /// The sentences of `leftOpen`, people's text written through `inline`.
    static func leftOpenItems(_ s: Session, _ r: ClockReading, _ inline: Inline) -> [String] {
        let escape = inline.text
        var items: [String] = []
        for v in s.votes where v.status == .open {
            items.append("Vote \(v.id) is still open: \(v.bindingBallots.count) of \(plural(v.eligible.count, "eligible member")) voted so far.")
        }
        if let last = s.votes.last, last.status == .closed, !last.tiedLeaders.isEmpty, last.decision == nil {
            let tied = last.tiedLeaders.map { id in s.idea(id).map { "\(id) \(escape($0.text))" } ?? id }
            items.append("Tie for first place in \(last.id), not broken: " + tied.joined(separator: "; ") + ".")
        }
        // The workplan above lists them: here only how many, not each again.
        let todo = s.actions.filter { $0.status == .open || $0.status == .inProgress }
        if !todo.isEmpty {
            items.append("\(plural(todo.count, "action")) still to do: "
                + todo.map(\.id).joined(separator: ", ") + ", in the workplan above.")
        }
        let live = s.ideas.filter { !$0.withdrawn }
        let followed = Set(live.filter { $0.kind == .programme || $0.kind == .project }.compactMap(\.area))
        for area in live where area.kind == .area && !followed.contains(area.id) {
            items.append("An area with no programme or project idea yet: \(area.id) \(escape(area.text)).")
        }
        // Only once closed: while the session runs, the phases ahead are simply still to come.
        if s.status == .closed {
            let notReached = r.phases.enumerated().filter { $0.element.actualMilliseconds == 0 }
            if !notReached.isEmpty {
                items.append("Phases the clock never reached: "
                    + notReached.map { "\($0.offset + 1) \(escape($0.element.name))" }.joined(separator: "; ") + ".")
            }
        }
        return items
    }
}
