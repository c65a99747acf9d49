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
    /// Open or in progress, and kept here: once the folder's summaries are placed together (`carriedOn(carrying:session:listed:isOpen:)`), an
    /// action carried into a later session counts there, not here.
    public var openActions: Int
    /// Open in this session's journal but carried into a later session, where it lives now
    /// (`openActions + carriedOn` are the actions open in the journal itself); 0 until the folder's
    /// summaries are placed together.
    public var carriedOn: Int = 0
    /// The actions carried here from other sessions, to follow them across sessions (usually none).
    public var carriedActions: [ActionLink] = []
    /// The ids of the actions open or in progress in its journal.
    public var openActionIDs = ActionIDs()
    /// The idea ranked first (after a recorded tie-break) in the latest closed vote that anyone voted
    /// in (the open vote if there is none).
    public var topPriority: String?

    /// Every field; for the summary cache, which reads summaries back from disk.
    public init(id: String, date: String, title: String, initiative: String, status: SessionStatus,
                durationSeconds: Int64, plannedSeconds: Int64, participants: Int, members: Int, observers: Int,
                ideas: Int, actions: Int, openActions: Int, topPriority: String?,
                carriedOn: Int = 0, carriedActions: [ActionLink] = [], openActionIDs: ActionIDs = ActionIDs()) {
        self.id = id
        self.date = date
        self.title = title
        self.initiative = initiative
        self.status = status
        self.durationSeconds = durationSeconds
        self.plannedSeconds = plannedSeconds
        self.participants = participants
        self.members = members
        self.observers = observers
        self.ideas = ideas
        self.actions = actions
        self.openActions = openActions
        self.topPriority = topPriority
        self.carriedOn = carriedOn
        self.carriedActions = carriedActions
        self.openActionIDs = openActionIDs
    }

    /// `n` of the actions open in its journal live on in later sessions (idempotent).
    public mutating func place(carriedOn n: Int) {
        openActions += carriedOn - n
        carriedOn = n
    }

    /// Whether one of its actions was carried from another session.
    public var carriesActions: Bool { !carriedActions.isEmpty }
}

extension Session {
    public func summary(at now: Timestamp) -> SessionSummary {
        let reading = clockReading(at: now)
        // A vote closed with nobody voting decided nothing: an earlier result stands.
        let decisive = votes.last { $0.status == .closed && $0.hasVotes } ?? votes.last { $0.status == .open }
        var top: String?
        if let vote = decisive, vote.resultsVisible, vote.results.first.map({ $0.score > 0 }) ?? false {
            top = vote.leaders.compactMap { idea($0)?.text }.joined(separator: " / ")
        }
        return SessionSummary(
            id: id, date: createdAt?.date ?? String(id.prefix(10)), title: title, initiative: initiative,
            status: status, durationSeconds: reading.elapsedMilliseconds / 1000, plannedSeconds: reading.totalSeconds,
            participants: participants.count, members: participants.count(where: \.isMember),
            observers: participants.count(where: \.observer), ideas: ideas.count(where: { !$0.withdrawn }), actions: actions.count,
            openActions: actions.count(where: \.isOpen), topPriority: top,
            carriedActions: actions.compactMap { a in a.carriedFrom.map { ActionLink(id: a.id, open: a.isOpen, carriedFrom: $0) } },
            openActionIDs: ActionIDs(actions.lazy.filter(\.isOpen).map(\.id)))
    }
}

/// A journal of the folder that could not be read (a damaged line in the middle, a file that is
/// not a journal, one written by a newer Quipu, one that cannot be opened): listed beside the
/// summaries, so a folder never looks emptier than it is.
public struct SessionDamage: Equatable, Sendable {
    public var id: String
    /// The date the id begins with (`2026-11-28`), "" when it begins with none.
    public var date: String
    /// Why, in one line: `FILE:LINE:COL: message` when the place is known.
    public var problem: String

    public init(id: String, problem: String) {
        self.id = id
        self.problem = problem
        let prefix = id.utf8.prefix(10)
        let isDate = prefix.count == 10 && prefix.enumerated().allSatisfy { i, c in
            i == 4 || i == 7 ? c == UInt8(ascii: "-") : (48...57).contains(c)
        }
        date = isDate ? String(id.prefix(10)) : ""
    }

    /// Where each of `damaged` goes in a list of `count` items ordered by date, then id (`key(i)`
    /// is item i's): before the first item that comes after it. In list order; inserting them
    /// from the last keeps the others' positions right.
    public static func positions(of damaged: [SessionDamage], among count: Int,
                                 key: (Int) -> (date: String, id: String)) -> [(at: Int, damage: SessionDamage)] {
        damaged.sorted { ($0.date, $0.id) < ($1.date, $1.id) }.map { d in
            var (low, high) = (0, count)
            while low < high {
                let mid = (low + high) / 2
                if key(mid) > (d.date, d.id) { high = mid } else { low = mid + 1 }
            }
            return (low, d)
        }
    }
}
