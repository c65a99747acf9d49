import QuipuText
import QuipuCore

/// The journal of a session as history (`quipu show ID --timeline`, and the `t` view of the
/// screens): local time, who, what.
public enum TimelineReport {
    /// One entry per event. Each event is described against the state just after it, so names
    /// and texts read as they were at that moment. `localTime` formats a timestamp for the reader.
    public static func entries(_ log: SessionLog, localTime: (Timestamp) -> String) -> [TimelineEntry] {
        var state = Session(id: log.state.id)
        var entries: [TimelineEntry] = []
        entries.reserveCapacity(log.events.count)
        for event in log.events {
            let undone = log.cancelled.contains(event.id)
            if !undone { state.evolve(event) }
            let record = event.change.record
            var text = describe(event.change, in: state)
            // An undo of a change is an undo; an undo of an undo brings the change back: a redo.
            if case let .undo(target) = event.change, let meaning = log.undoMeaning(target) {
                let what = describe(meaning.change, in: log.state)
                text = meaning.redo ? tr("redid: {change}", ["change": what]) : tr("undid: {change}", ["change": what])
            }
            // Who made the change: the name recorded for its writer (`writer.join`) by then, else
            // its id; a name given later never relabels what came before it.
            let writer = event.id.writer
            let who = state.writerName(writer).map(inert) ?? writer
            entries.append(TimelineEntry(id: event.id, at: event.at, localTime: localTime(event.at), who: who,
                                         kind: TimelineEntry.Kind(eventKind: record.kind), text: text, undone: undone))
        }
        return entries
    }

    /// `2026-11-28 14:25  cusco  ideas  I3 "…" (area)` lines, aligned; undone events marked.
    public static func text(_ entries: [TimelineEntry]) -> String {
        guard !entries.isEmpty else { return tr("no events") + "\n" }
        let rows = [[tr("time", context: "a column"), tr("who", context: "a column"), tr("kind", context: "a column"),
                     tr("what", context: "a column")]] + entries.map {
            [$0.localTime, $0.who, $0.kind.rawValue, $0.undone ? tr("{change} (undone)", ["change": $0.text]) : $0.text]
        }
        return TextReport.table(rows).joined(separator: "\n") + "\n"
    }
}

extension TimelineReport {
    /// One object per event (see docs/JSON.md).
    public static func json(_ entries: [TimelineEntry]) -> String {
        JSONValue.array(entries.map { e in
            .object([
                ("event", .string(e.id.description)),
                ("at", .string(e.at.iso8601)),
                ("localTime", .string(e.localTime)),
                ("who", .string(e.who)),
                ("kind", .string(e.kind.rawValue)),
                ("text", .string(e.text)),
                ("undone", .bool(e.undone)),
            ])
        }).rendered
    }
}
