/// A session's journal as a readable history: one entry per event, oldest first.
public struct TimelineEntry: Equatable, Sendable {
    /// Kinds of events a reader can narrow the history to.
    public enum Kind: String, Sendable, CaseIterable {
        case clock, people, ideas, votes, workplan, session, undo, other

        /// By the journal's event kind (`timer.start`, `idea.add`…), so kinds added later fall in
        /// the right group without a change here.
        public init(eventKind: String) {
            let family = eventKind.split(separator: ".").first.map(String.init) ?? eventKind
            switch family {
            case "timer", "phase": self = .clock
            case "participant": self = .people
            case "idea": self = .ideas
            case "vote": self = .votes
            case "role", "action": self = .workplan
            case "session": self = .session
            case "undo": self = .undo
            default: self = .other
            }
        }
    }

    public var id: EventID
    public var at: Timestamp
    /// The time as the reader's clock shows it, formatted by the caller (`2026-11-28 14:25`).
    public var localTime: String
    /// Who: the participant the event names (the proposer, the voter, the owner) where known,
    /// else the writer id of the terminal that made it.
    public var who: String
    public var kind: Kind
    /// What happened, in words.
    public var text: String
    /// Cancelled by a later undo that is still in force.
    public var undone: Bool

    public init(id: EventID, at: Timestamp, localTime: String, who: String, kind: Kind, text: String, undone: Bool) {
        self.id = id
        self.at = at
        self.localTime = localTime
        self.who = who
        self.kind = kind
        self.text = text
        self.undone = undone
    }
}
