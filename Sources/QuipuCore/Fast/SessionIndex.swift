/// Positions of a session's participants, ideas, votes and actions by id, so replaying an event
/// that names one is a hash lookup rather than a scan of the whole collection.
///
/// An index is an acceleration, never part of a session's value: it compares equal to any other
/// index, so two sessions with the same content are equal however they were built. It is trusted
/// only while `valid`; any write to a collection through its public property (a test assigning
/// `session.ideas`, a merge repointing ideas) clears `valid`, lookups then scan exactly as before,
/// and the next `evolve` that needs it rebuilds it. `evolve` keeps it right on its own writes.
struct IDIndex: Equatable, Sendable {
    /// The first position of each id in the collection.
    private(set) var positions: [String: Int] = [:]
    /// The same positions for the canonical ids among them (`canonicalIDKey`), found without
    /// hashing a `String`.
    private var keyed = IDKeyTable()
    /// True when some id is not ASCII: it may equal a canonical id that `keyed` lacks (a Kelvin
    /// sign `K1` equals `K1`), so a miss in `keyed` is then checked in `positions`.
    private var anyNonASCII = false
    /// True when `positions` describes the collection exactly (an empty one to begin with).
    private(set) var valid = true

    static func == (_: IDIndex, _: IDIndex) -> Bool { true }

    mutating func invalidate() {
        guard valid else { return }
        valid = false
        positions = [:]
        keyed = IDKeyTable()
        anyNonASCII = false
    }

    /// The first position of `id`; exact whether or not the index is valid.
    func position<C: Collection>(of id: String, in items: C) -> Int?
    where C.Element: HasStringID, C.Index == Int {
        // A handful of items (the votes of a session) are quicker to compare than to hash.
        if valid, items.count > 8 {
            if let key = canonicalIDKey(id) {
                if let found = keyed.value(forKey: key) { return found }
                if !anyNonASCII { return nil }
            }
            return positions[id]
        }
        return items.firstIndex { $0.id == id }
    }

    /// Notes that `id` is first found at `position`.
    private mutating func record(_ id: String, at position: Int) {
        positions[id] = position
        if let key = canonicalIDKey(id) {
            keyed.updateValue(position, forKey: key)
        } else if !id.utf8.allSatisfy({ $0 < 0x80 }) {
            anyNonASCII = true
        }
    }

    /// Rebuilds the positions when they are stale.
    mutating func ensure<C: Collection>(_ items: C) where C.Element: HasStringID, C.Index == Int {
        guard !valid else { return }
        rebuild(items)
    }

    mutating func rebuild<C: Collection>(_ items: C) where C.Element: HasStringID, C.Index == Int {
        positions = [:]
        positions.reserveCapacity(items.count)
        keyed = IDKeyTable(minimumCapacity: items.count)
        anyNonASCII = false
        for i in items.indices where positions[items[i].id] == nil { record(items[i].id, at: i) }
        valid = true
    }

    /// Records that `id`, absent until now, was appended at `position`.
    mutating func appended(_ id: String, at position: Int) {
        guard valid else { return }
        record(id, at: position)
    }
}

/// The element types a session indexes by id.
protocol HasStringID { var id: String { get } }
extension Participant: HasStringID {}
extension Idea: HasStringID {}
extension Vote: HasStringID {}
extension Action: HasStringID {}

/// One index per collection a replay looks things up in.
struct SessionIndexes: Equatable, Sendable {
    var participants = IDIndex()
    var ideas = IDIndex()
    var votes = IDIndex()
    var actions = IDIndex()
    /// Per vote position, while no write through `Session.votes` has happened since.
    var ballots: [BallotIndex?] = []

    static func == (_: SessionIndexes, _: SessionIndexes) -> Bool { true }
}

extension Session {
    // Positions for `evolve`: the index is rebuilt first if a public write made it stale.

    mutating func participantPosition(_ id: String) -> Int? {
        indexes.participants.ensure(storedParticipants)
        return indexes.participants.position(of: id, in: storedParticipants)
    }

    mutating func ideaPosition(_ id: String) -> Int? {
        indexes.ideas.ensure(storedIdeas)
        return indexes.ideas.position(of: id, in: storedIdeas)
    }

    mutating func votePosition(_ id: String) -> Int? {
        indexes.votes.ensure(storedVotes)
        return indexes.votes.position(of: id, in: storedVotes)
    }

    mutating func actionPosition(_ id: String) -> Int? {
        indexes.actions.ensure(storedActions)
        return indexes.actions.position(of: id, in: storedActions)
    }

    /// Appends a participant whose id is not on the roster yet.
    mutating func appendNewParticipant(_ p: Participant) {
        storedParticipants.append(p)
        indexes.participants.appended(p.id, at: storedParticipants.count - 1)
    }

    mutating func appendNewIdea(_ idea: Idea) {
        storedIdeas.append(idea)
        indexes.ideas.appended(idea.id, at: storedIdeas.count - 1)
    }

    mutating func appendNewVote(_ vote: Vote) {
        storedVotes.append(vote)
        indexes.votes.appended(vote.id, at: storedVotes.count - 1)
    }

    mutating func appendNewAction(_ action: Action) {
        storedActions.append(action)
        indexes.actions.appended(action.id, at: storedActions.count - 1)
    }

    /// Takes a participant off the roster; later positions shift, so the index is rebuilt.
    mutating func removeParticipant(at i: Int) {
        removedParticipants.append(storedParticipants.remove(at: i))
        indexes.participants.rebuild(storedParticipants)
    }
}

extension Vote {
    /// A voter's new ballot replaces any earlier one and goes last.
    mutating func replaceBallot(_ ballot: Ballot) {
        ballots.removeAll { $0.by == ballot.by }
        ballots.append(ballot)
    }
}

/// Where each voter's ballot sits in one vote's `ballots`, so a new ballot replaces the old one
/// without comparing the voter against every ballot cast so far.
///
/// Ballots are numbered in the order they were appended; `stamps` runs parallel to `ballots`
/// (always increasing), so a voter's position is a binary search for the voter's stamp.
struct BallotIndex: Sendable {
    private var stamps: [Int] = []
    private var stampOf = IDMap()
    private var next = 0

    /// Nil when two ballots share a voter (only a vote built by hand can): then the exact scan is used.
    init?(_ ballots: [Ballot]) {
        stamps.reserveCapacity(ballots.count)
        for b in ballots {
            guard stampOf.updateValue(next, forKey: b.by) == nil else { return nil }
            stamps.append(next)
            next += 1
        }
    }

    /// Records the voter's new ballot, appended last; says where the voter's earlier one was
    /// (and forgets it), if there was one.
    mutating func replace(_ voter: String) -> Int? {
        let stamp = next
        next += 1
        let earlier = stampOf.updateValue(stamp, forKey: voter)
        defer { stamps.append(stamp) }
        guard let earlier else { return nil }
        return remove(stamp: earlier)
    }

    private mutating func remove(stamp: Int) -> Int {
        var lo = 0, hi = stamps.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if stamps[mid] < stamp { lo = mid + 1 } else { hi = mid }
        }
        stamps.remove(at: lo)
        return lo
    }
}

extension SessionIndexes {
    /// A write to the votes through `Session.votes`: positions and ballots may have changed.
    mutating func invalidateVotes() {
        votes.invalidate()
        ballots = []
    }
}

extension Session {
    /// `ballotCast` on the vote at `i`: the voter's earlier ballot goes, the new one goes last.
    mutating func castBallot(_ ballot: Ballot, inVoteAt i: Int) {
        if indexes.ballots.count <= i { indexes.ballots += Array(repeating: nil, count: i + 1 - indexes.ballots.count) }
        if indexes.ballots[i] == nil {
            guard let built = BallotIndex(storedVotes[i].ballots) else {
                storedVotes[i].replaceBallot(ballot)
                return
            }
            indexes.ballots[i] = built
        }
        if let p = indexes.ballots[i]!.replace(ballot.by) { storedVotes[i].ballots.remove(at: p) }
        storedVotes[i].ballots.append(ballot)
    }
}

extension Session {
    /// A close that names the ballots it had seen (`vote.close seen=`): the vote counts those,
    /// each voter's latest seen, and lists the others as late. Usually it saw them all and
    /// nothing changes.
    mutating func countOnlySeen(_ seen: Set<EventID>, inVoteAt i: Int) {
        let casts = storedVotes[i].casts
        guard casts.contains(where: { $0.ballot != nil && !seen.contains($0.event) }) else { return }
        var counted: [Ballot] = []
        for cast in casts {
            guard let ballot = cast.ballot else {
                counted.removeAll { $0.by == cast.by }
                continue
            }
            if seen.contains(cast.event) {
                counted.removeAll { $0.by == ballot.by }
                counted.append(ballot)
            } else {
                storedVotes[i].late.append(ballot)
                storedVotes[i].lateEvents.append(cast.event)
            }
        }
        storedVotes[i].ballots = counted
        if indexes.ballots.indices.contains(i) { indexes.ballots[i] = nil }
    }

    /// `vote.accept`: the late ballot cast by `event` counts after all, in place of its voter's.
    mutating func acceptLate(_ event: EventID, inVoteAt i: Int) {
        guard let k = storedVotes[i].lateEvents.firstIndex(of: event) else { return }
        let ballot = storedVotes[i].late.remove(at: k)
        storedVotes[i].lateEvents.remove(at: k)
        storedVotes[i].ballots.removeAll { $0.by == ballot.by }
        storedVotes[i].ballots.append(ballot)
        if indexes.ballots.indices.contains(i) { indexes.ballots[i] = nil }
    }

    /// `ballotRemoved` on the vote at `i`: the voter's ballot goes, and the vote's ballot index
    /// is rebuilt on the next ballot.
    mutating func removeBallot(by voter: String, inVoteAt i: Int) {
        storedVotes[i].ballots.removeAll { $0.by == voter }
        if indexes.ballots.indices.contains(i) { indexes.ballots[i] = nil }
    }
}

extension SessionLog {
    /// True when `newEvents` can simply be evolved onto a log ending at `last`: no undo among them
    /// and every id above the one before it (the first above `last`).
    static func follows(_ newEvents: [Event], after last: EventID?) -> Bool {
        newEvents.withUnsafeBufferPointer { added in
            for i in added.indices {
                if added[i].change.isUndo { return false }
                // By sequence number first; the writers only when the numbers are equal.
                let seq = added[i].id.seq
                if i == 0 {
                    if let last, !(last < added[i].id) { return false }
                } else if added[i - 1].id.seq > seq || (added[i - 1].id.seq == seq && !(added[i - 1].id < added[i].id)) {
                    return false
                }
            }
            return true
        }
    }
}
