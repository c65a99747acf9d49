import QuipuCore
import QuipuText

/// What the status line says once appended events are durable: `saved I3`, `clock paused`,
/// `undid: saved I3`. `log` is the session after the events, to name people and undone changes.
public func savedMessage(for events: [Event], in log: SessionLog) -> String {
    let s = log.state
    func describe(_ change: Change) -> String {
        guard case let .undo(target) = change else { return QuipuText.describe(change, in: s, as: .status) }
        guard let undone = log.event(target) else { return "undone" }
        return (log.cancelled.contains(target) ? "undid: " : "redid: ") + describe(undone.change)
    }
    // Warnings given together (opening after both 5 and 1 minutes passed) say the most urgent.
    let given = events.compactMap { event -> ClockWarning? in
        if case let .warningGiven(w, _) = event.change, w != .session10 { return w }
        return nil
    }
    let shown = events.filter { event in
        guard case let .warningGiven(w, _) = event.change, w != .session10 else { return true }
        return !given.contains { $0.thresholdMilliseconds < w.thresholdMilliseconds }
    }
    return shown.map { describe($0.change) }.joined(separator: "; ")
}
