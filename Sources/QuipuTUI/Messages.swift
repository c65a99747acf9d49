import QuipuCore
import QuipuText

/// What the status line says once appended events are durable: `saved I3`, `clock paused`,
/// `undid: saved I3`. `log` is the session after the events, to name people and undone changes.
public func savedMessage(for events: [Event], in log: SessionLog) -> String {
    let s = log.state
    func describe(_ change: Change) -> String {
        guard case let .undo(target) = change else { return QuipuText.describe(change, in: s, as: .status) }
        guard let meaning = log.undoMeaning(target) else { return "undone" }
        // What was taken back or brought back, as the record says it: "undid: I1 "Water" (area)".
        return (meaning.redo ? "redid: " : "undid: ") + QuipuText.describe(meaning.change, in: s, as: .record)
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
    // A paste of many ideas says how many, not every one.
    let added = shown.compactMap { e -> String? in if case let .ideaAdded(i) = e.change { i.id } else { nil } }
    if added.count > 3, added.count == shown.filter({ !$0.change.isWriterJoin }).count {
        return "saved \(added.count) ideas: \(added[0]) to \(added[added.count - 1])"
    }
    let undos = shown.filter(\.change.isUndoEvent)
    // One undo step of many changes (a paste taken back) says how many, not every one.
    if undos.count > 3, undos.count == shown.count {
        return describe(undos[0].change) + " and \(undos.count - 1) more changes made with it"
    }
    return shown.filter { !$0.change.isWriterJoin }.map { describe($0.change) }.joined(separator: "; ")
}

/// When `new` holds undos or redos another terminal (not `me`) wrote since `old`: one line that
/// says whose terminal and what ("Kenji Sato's terminal undid: saved I5"), else nil.
func otherTerminalsUndo(_ old: SessionLog, _ new: SessionLog, me: String?) -> String? {
    // Events are in id order: what arrived since is the tail past the last one known.
    let known = old.lastID
    let arrived = new.events.reversed().prefix { e in known.map { e.id > $0 } ?? true }.reversed()
    let theirs = arrived.filter { $0.id.writer != me && $0.change.isUndoEvent }
    guard let first = theirs.first else { return nil }
    let commandLine = EventID.family(of: first.id.writer).count == 8
    let name = new.state.writerName(first.id.writer).map(inert)
    let who = commandLine ? (name.map { "a command of \($0)'s" } ?? "a command")
                          : (name.map { "\($0)'s terminal" } ?? "another terminal")
    return who + " " + savedMessage(for: theirs, in: new)
}

extension Change {
    var isUndoEvent: Bool { if case .undo = self { true } else { false } }
    var isWriterJoin: Bool { if case .writerJoined = self { true } else { false } }
}
