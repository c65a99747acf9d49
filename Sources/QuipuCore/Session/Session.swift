/// What went wrong, in one sentence a facilitator can act on: a `Message`, so the outer layers
/// can say it in the reader's language (QuipuText's `localized`); `message` is its English.
public struct QuipuError: Error, Equatable, Sendable, CustomStringConvertible {
    public var text: Message
    /// `QuipuError("session {id} is closed", ["id": .text(id)])`: the key is the English sentence.
    public init(_ key: String, _ arguments: [String: Message.Argument] = [:]) { text = Message(key, arguments) }
    public init(_ text: Message) { self.text = text }
    /// The sentence in English.
    public var message: String { text.english }
    public var description: String { message }
    /// Two errors are the same when they say the same.
    public static func == (a: QuipuError, b: QuipuError) -> Bool { a.message == b.message }
}

public enum SessionStatus: String, Sendable, CaseIterable, Codable {
    case planned, running, closed
}

/// Everything known about one session: the fold of its journal's events.
public struct Session: Equatable, Sendable {
    public var id: String
    public var title: String = ""
    public var initiative: String = ""
    public var facilitator: String = ""
    public var rapporteur: String = ""
    /// The code of the language its reports are written in (`es`); nil for English.
    public var language: String?
    public var createdAt: Timestamp?
    public var status: SessionStatus = .planned
    public var agenda: [Phase] = []
    public var clock = SessionClock()
    public var participants: [Participant] {
        get { storedParticipants }
        set { storedParticipants = newValue; indexes.participants.invalidate() }
        _modify { indexes.participants.invalidate(); yield &storedParticipants }
    }
    /// Participants removed from the roster: no longer listed, but old ballots and actions still
    /// name them.
    public var removedParticipants: [Participant] = []
    public var ideas: [Idea] {
        get { storedIdeas }
        set { storedIdeas = newValue; indexes.ideas.invalidate() }
        _modify { indexes.ideas.invalidate(); yield &storedIdeas }
    }
    public var votes: [Vote] {
        get { storedVotes }
        set { storedVotes = newValue; indexes.invalidateVotes() }
        _modify { indexes.invalidateVotes(); yield &storedVotes }
    }
    public var roles: [RoleAssignment] = []
    public var actions: [Action] {
        get { storedActions }
        set { storedActions = newValue; indexes.actions.invalidate() }
        _modify { indexes.actions.invalidate(); yield &storedActions }
    }
    /// Kinds of events this version does not know: kept in the journal, reported, otherwise ignored.
    public var unknownKinds: [String] = []
    /// Who is at each writer's keyboard (`writer.join`), by writer family (`EventID.family`):
    /// one name serves all of a user's commands.
    public var writerNames: [String: String] = [:]

    /// The name recorded for `writer`'s keyboard, if any.
    public func writerName(_ writer: String) -> String? { writerNames[String(EventID.family(of: writer))] }
    /// The highest number handed out per id prefix (`P`, `I`, `V`, `A`), including undone items,
    /// so an id is never reused.
    public var lastNumber: [String: Int] = [:]
    /// Edits that crossed: two writers changed the same field, neither having seen the other's
    /// change (two laptops offline). The later in `(seq, writer)` order is kept; the other is here.
    public var conflicts: [EditConflict] = []
    /// The event that last set each edited field (`session.title`, `P3.name`, `I2.text`), or
    /// made its item (`session`, `P3`, `I2`): what an edit says it replaces (`over`).
    var fieldEvents: [String: EventID] = [:]
    /// The event that last named each phase (`phaseNameSetter`), beside `agenda`; nil for the
    /// phases the session was created with.
    var phaseNameSetters: [EventID?] = []
    /// The device that created the session (`session.create device=`): its journal is
    /// `<id>.txt`; nil for sessions made before journal format 1.1.
    public var creatorDevice: String?
    /// What ids minted here end with: "" on the device that created the session (and in a
    /// session made before 1.1), `-<device>` on any other, so that ids minted on two devices
    /// offline never collide (`I5` and `I5-k3f9`). Set by the store; not part of the session's
    /// content, so it never makes two sessions differ.
    public var idSuffix: String {
        get { minting.suffix }
        set { minting.suffix = newValue }
    }
    var minting = MintingSuffix()
    public var lastChangeAt: Timestamp?
    public var eventCount = 0

    public init(id: String) { self.id = id }

    // The collections, kept here so `evolve` can keep their id indexes (SessionIndex.swift) right;
    // a write through the public properties above marks the index stale instead.
    var storedParticipants: [Participant] = []
    var storedIdeas: [Idea] = []
    var storedVotes: [Vote] = []
    var storedActions: [Action] = []
    var indexes = SessionIndexes()

    public func participant(_ id: String) -> Participant? {
        indexes.participants.position(of: id, in: storedParticipants).map { storedParticipants[$0] }
    }
    public func idea(_ id: String) -> Idea? { indexes.ideas.position(of: id, in: storedIdeas).map { storedIdeas[$0] } }
    public func vote(_ id: String) -> Vote? { indexes.votes.position(of: id, in: storedVotes).map { storedVotes[$0] } }
    public func action(_ id: String) -> Action? {
        indexes.actions.position(of: id, in: storedActions).map { storedActions[$0] }
    }
    public var openVote: Vote? { votes.last { $0.status == .open } }

    /// A participant's name for an id, or the text itself when it is not a participant id.
    public func displayName(_ who: String?) -> String {
        guard let who else { return "" }
        return participant(who)?.name ?? removedParticipants.last { $0.id == who }?.name ?? who
    }

    /// The event whose value of `field` of `item` an edit made now replaces.
    func lastSetter(_ item: String, _ field: String) -> EventID? { fieldEvents[item + "." + field] ?? fieldEvents[item] }

    /// What an edit of `fields` of `item` writes as `over`.
    func editOver(_ item: String, _ fields: [String]) -> [String: EventID] {
        var over: [String: EventID] = [:]
        for field in fields { over[field] = lastSetter(item, field) }
        return over
    }

    /// `field` of `item` set by `event`, which says it replaces `over` (nil: a 1.0 edit, which
    /// says nothing). Replacing another value than the one it saw, and differently, is a conflict.
    mutating func noteSet(_ item: String, _ field: String, from old: String, to new: String, by event: EventID,
                          over: EventID??) {
        if case let .some(seen) = over, let previous = lastSetter(item, field), previous != seen, new != old {
            conflicts.append(EditConflict(item: item, field: field, kept: new, lost: old, keptBy: event, lostBy: previous))
        }
        fieldEvents[item + "." + field] = event
    }

    /// The event that last set the name of the phase at `index` (its `phase.add`, a
    /// `phase.rename`, or the session's creation).
    func phaseNameSetter(_ index: Int) -> EventID? {
        (phaseNameSetters.indices.contains(index) ? phaseNameSetters[index] : nil) ?? fieldEvents["session"]
    }

    /// The event that last changed who holds `role` (or the session's creation).
    func roleSetter(_ role: String) -> EventID? { fieldEvents["role " + role] ?? fieldEvents["session"] }

    /// `role`'s holders changed by `event`, which says it replaces `over`: replacing another
    /// change than the one it saw (a role changed at once on two laptops) is a conflict. An event
    /// that changes nothing (a holder already there, or already gone) is not a change.
    mutating func noteRoleSet(_ role: String, from old: [RoleAssignment], by event: EventID, over: EventID?) {
        let holders = { (roles: [RoleAssignment]) in roles.filter { $0.role == role }.map(\.holder).joined(separator: ", ") }
        let before = holders(old), after = holders(roles)
        guard before != after else { return }
        if let over, let previous = roleSetter(role), previous != over {
            conflicts.append(EditConflict(item: "role " + role, field: "holders", kept: after, lost: before, keptBy: event, lostBy: previous))
        }
        fieldEvents["role " + role] = event
    }

    func nextID(_ prefix: String) -> String { "\(prefix)\((lastNumber[prefix] ?? 0) + 1)\(idSuffix)" }

    mutating func noteID(_ id: String) {
        // `P12`, `I7`: read from the canonical key without building a `Character` or `Substring`.
        if let key = canonicalIDKey(id) {
            let prefix = String(Unicode.Scalar(UInt8(truncatingIfNeeded: key >> 56)))
            lastNumber[prefix] = max(lastNumber[prefix] ?? 0, Int(key & 0x00FF_FFFF_FFFF_FFFF))
            return
        }
        guard let first = id.first, first.isLetter else { return }
        let rest = id.dropFirst()
        // `I5-k3f9`, minted on another device: numbered with the rest.
        guard let n = Int(rest) ?? rest.firstIndex(of: "-").flatMap({ $0 > rest.startIndex ? Int(rest[..<$0]) : nil }) else { return }
        let prefix = String(first)
        lastNumber[prefix] = max(lastNumber[prefix] ?? 0, n)
    }
}

/// Two edits of one field that crossed (`Session.conflicts`): what was kept and what was lost.
public struct EditConflict: Equatable, Sendable {
    public var item: String
    public var field: String
    public var kept: String
    public var lost: String
    public var keptBy: EventID
    public var lostBy: EventID
}

/// The device suffix ids are minted with; equal to any other (see `Session.idSuffix`).
struct MintingSuffix: Equatable, Sendable {
    var suffix = ""
    static func == (_: MintingSuffix, _: MintingSuffix) -> Bool { true }
}

/// An entity id as typed (`i5`, `I5-K3F9`) as it is written: the letter and number in capitals,
/// a device suffix in small letters (`I5-k3f9`).
public func canonicalEntityID(_ typed: String) -> String {
    let text = typed.trimmingSpaces
    guard let dash = text.firstIndex(of: "-") else { return text.uppercased() }
    return text[..<dash].uppercased() + text[dash...].lowercased()
}

extension String {
    /// Without leading and trailing white space (no Foundation needed).
    public var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
