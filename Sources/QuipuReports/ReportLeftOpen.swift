import QuipuCore
import QuipuText

extension MarkdownReport {
    /// What the breakout did not settle, for whoever picks it up next: votes still open, ties
    /// not broken, actions still to do, areas of action that got no programme or project idea,
    /// and phases the clock never reached.
    static func leftOpen(_ s: Session, _ r: ClockReading) -> [String] {
        let items = leftOpenItems(s, r, .markdown)
        var lines = ["## " + tr("Left open"), ""]
        lines += items.isEmpty ? ["_" + tr("Nothing was left open.") + "_"] : items.map { "- " + $0 }
        lines.append("")
        return lines
    }

    /// The sentences of `leftOpen`, people's text written through `inline`.
    static func leftOpenItems(_ s: Session, _ r: ClockReading, _ inline: Inline) -> [String] {
        let escape = inline.text
        var items: [String] = []
        for v in s.votes where v.status == .open {
            items.append(trn("Vote {vote} is still open: {voted} of {n} eligible member voted so far.",
                             "Vote {vote} is still open: {voted} of {n} eligible members voted so far.",
                             count: v.eligible.count, ["vote": v.id, "voted": v.bindingBallots.count]))
        }
        if let last = s.votes.last, last.status == .closed, !last.tiedLeaders.isEmpty, last.decision == nil {
            let tied = last.tiedLeaders.map { id in s.idea(id).map { "\(id) \(escape($0.text))" } ?? id }
            items.append(tr("Tie for first place in {vote}, not broken: {ideas}.", ["vote": last.id, "ideas": tied.joined(separator: "; ")]))
        }
        // The workplan above lists them: here only how many, not each again.
        let todo = s.actions.filter { $0.status == .open || $0.status == .inProgress }
        if !todo.isEmpty {
            items.append(trn("{n} action still to do: {actions}, in the workplan above.",
                             "{n} actions still to do: {actions}, in the workplan above.",
                             count: todo.count, ["actions": todo.map(\.id).joined(separator: ", ")]))
        }
        let live = s.ideas.filter { !$0.withdrawn }
        let followed = Set(live.filter { $0.kind == .programme || $0.kind == .project }.compactMap(\.area))
        for area in live where area.kind == .area && !followed.contains(area.id) {
            items.append(tr("An area with no programme or project idea yet: {area}.", ["area": "\(area.id) \(escape(area.text))"]))
        }
        // Only once closed: while the session runs, the phases ahead are simply still to come.
        if s.status == .closed {
            let notReached = r.phases.enumerated().filter { $0.element.actualMilliseconds == 0 }
            if !notReached.isEmpty {
                items.append(tr("Phases the clock never reached: {phases}.",
                                ["phases": notReached.map { "\($0.offset + 1) \(escape($0.element.name))" }.joined(separator: "; ")]))
            }
        }
        return items
    }
}
