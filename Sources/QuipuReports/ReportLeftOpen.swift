import QuipuCore

extension MarkdownReport {
    /// What the breakout did not settle, for whoever picks it up next: votes still open, ties
    /// not broken, actions still to do, areas of action that got no programme or project idea,
    /// and phases the clock never reached.
    static func leftOpen(_ s: Session, _ r: ClockReading) -> [String] {
        var items: [String] = []
        for v in s.votes where v.status == .open {
            items.append("Vote \(v.id) is still open: \(v.bindingBallots.count) of \(v.eligible.count) eligible members have voted.")
        }
        if let last = s.votes.last, last.status == .closed, !last.tiedLeaders.isEmpty, last.decision == nil {
            let tied = last.tiedLeaders.map { id in s.idea(id).map { "\(id) \(escape($0.text))" } ?? id }
            items.append("Tie for first place in \(last.id), not broken: " + tied.joined(separator: "; ") + ".")
        }
        let todo = s.actions.filter { $0.status == .open || $0.status == .inProgress }
        if !todo.isEmpty {
            items.append("\(count(todo.count, "action")) still to do: " + todo.map { a in
                "\(a.id) \(escape(a.text)) (\(holder(a.owner, in: s)), "
                    + (a.due.map { "due \(escape($0))" } ?? "no due date") + ", \(a.status.rawValue))"
            }.joined(separator: "; ") + ".")
        }
        let live = s.ideas.filter { !$0.withdrawn }
        let followed = Set(live.filter { $0.kind == .programme || $0.kind == .project }.compactMap(\.area))
        let orphans = live.filter { $0.kind == .area && !followed.contains($0.id) }
        if !orphans.isEmpty {
            items.append("Areas of action with no programme or project idea yet: "
                + orphans.map { "\($0.id) \(escape($0.text))" }.joined(separator: "; ") + ".")
        }
        // Only once closed: while the session runs, the phases ahead are simply still to come.
        if s.status == .closed {
            let notReached = r.phases.enumerated().filter { $0.element.actualMilliseconds == 0 }
            if !notReached.isEmpty {
                items.append("Phases the clock never reached: "
                    + notReached.map { "\($0.offset + 1) \(escape($0.element.name))" }.joined(separator: "; ") + ".")
            }
        }
        var lines = ["## Left open", ""]
        lines += items.isEmpty ? ["_Nothing was left open._"] : items.map { "- " + $0 }
        lines.append("")
        return lines
    }
}
