import QuipuCore
import QuipuText

/// What the status line says once appended events are durable: `saved I3`, `clock paused`,
/// `undid: saved I3`. `log` is the session after the events, to name people and undone changes.
public func savedMessage(for events: [Event], in log: SessionLog) -> String {
    let s = log.state
    func describe(_ change: Change) -> String {
        guard case let .undo(target) = change else { return QuipuText.describe(change, in: s, as: .status) }
        guard let meaning = log.undoMeaning(target) else { return tr("undone") }
        // What was taken back or brought back, as the record says it: "undid: I1 "Water" (area)".
        let change = QuipuText.describe(meaning.change, in: s, as: .record)
        return meaning.redo ? tr("redid: {change}", ["change": change]) : tr("undid: {change}", ["change": change])
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
        return trn("saved {n} idea: {first} to {last}", "saved {n} ideas: {first} to {last}", count: added.count,
                   ["first": added[0], "last": added[added.count - 1]])
    }
    let undos = shown.filter(\.change.isUndoEvent)
    // One undo step of many changes (a paste taken back) says how many, not every one.
    if undos.count > 3, undos.count == shown.count {
        return trn("{change} and {n} more change made with it", "{change} and {n} more changes made with it",
                   count: undos.count - 1, ["change": describe(undos[0].change)])
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
    let what = savedMessage(for: theirs, in: new)
    if commandLine {
        return name.map { tr("a command of {name}'s {what}", ["name": $0, "what": what]) } ?? tr("a command {what}", ["what": what])
    }
    return name.map { tr("{name}'s terminal {what}", ["name": $0, "what": what]) } ?? tr("another terminal {what}", ["what": what])
}

extension Change {
    var isUndoEvent: Bool { if case .undo = self { true } else { false } }
    var isWriterJoin: Bool { if case .writerJoined = self { true } else { false } }
}
