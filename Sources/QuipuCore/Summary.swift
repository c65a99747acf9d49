/// One row of the sessions list: what a reviewer scans for.
public struct SessionSummary: Equatable, Sendable {
    public var id: String
    /// `YYYY-MM-DD` of creation (UTC).
    public var date: String
    public var title: String
    public var initiative: String
    public var status: SessionStatus
    /// Time the clock has run (pauses excluded), in seconds.
    public var durationSeconds: Int64
    public var plannedSeconds: Int64
    public var participants: Int
    public var members: Int
    public var observers: Int
    public var ideas: Int
    public var actions: Int
    public var openActions: Int
    /// The idea ranked first in the latest closed vote (the latest vote if none is closed).
    public var topPriority: String?
}

extension Session {
    public func summary(at now: Timestamp) -> SessionSummary {
        let reading = clockReading(at: now)
        let live = ideas.filter { !$0.withdrawn }
        let decisive = votes.last { $0.status == .closed } ?? votes.last
        var top: String?
        if let vote = decisive, vote.resultsVisible, let first = vote.results.first, first.score > 0 {
            let leaders = vote.results.filter { $0.rank == 1 }.compactMap { idea($0.idea)?.text }
            top = leaders.joined(separator: " / ")
        }
        return SessionSummary(
            id: id, date: createdAt?.date ?? String(id.prefix(10)), title: title, initiative: initiative,
            status: status, durationSeconds: reading.elapsedMilliseconds / 1000, plannedSeconds: reading.totalSeconds,
            participants: participants.count, members: participants.filter(\.isMember).count,
            observers: participants.filter(\.observer).count, ideas: live.count, actions: actions.count,
            openActions: actions.filter { $0.status == .open || $0.status == .inProgress }.count, topPriority: top)
    }
}
