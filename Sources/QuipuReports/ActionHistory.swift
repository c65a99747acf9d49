import QuipuCore

/// An action followed from session to session. Carrying an action over writes a copy into the
/// later session's journal (`action.carry … from=SESSION/ACTION`) and leaves the earlier journal
/// as it was, so one promise is an action in each session it passed through. Across sessions it is
/// one action: it lives where it was carried last, with the status, due date and owner it has
/// there, and the places it was carried from.
public struct TrackedAction: Equatable, Sendable {
    /// The session where the action is kept now: the last one it was carried into.
    public var session: Session
    /// The action there: its current text, owner, due date and status.
    public var action: Action
    /// Where it was before, earliest first, as `SESSION/ACTION`; empty when it was never carried.
    public var carriedFrom: [String]
    /// The owner's name when the owner is a person, else the owner as recorded (an organisation).
    public var ownerName: String
    /// The owning person's organisation, as the roster of the latest session that knows them says;
    /// empty for an organisation.
    public var organisation: String

    /// Every action of `sessions` once: the copies an action left behind as it was carried are
    /// folded into the last one. Listed in the order of `sessions` and of their actions, each at
    /// its last copy.
    public static func all(_ sessions: [Session]) -> [TrackedAction] {
        struct Copy { var session: Int; var action: Action; var key: String }
        var copies: [Copy] = []
        var position: [String: Int] = [:]
        for (i, s) in sessions.enumerated() {
            for a in s.actions {
                let key = "\(s.id)/\(a.id)"
                guard position[key] == nil else { continue }
                position[key] = copies.count
                copies.append(Copy(session: i, action: a, key: key))
            }
        }
        // The chains are found where the sessions list finds them too (QuipuCore, CarryChains.swift).
        let chains = carryChains(copies.map { c in
            let s = sessions[c.session]
            return ActionCopyLink(key: c.key, carriedFrom: c.action.carriedFrom, order: (sessionDate(s), s.id))
        })
        var tracked: [(at: Int, action: TrackedAction)] = []
        for chain in chains {
            let root = chain[0]
            let last = copies[chain.last!]
            let session = sessions[last.session]
            // An origin in a session that is not here is still named.
            let before = (copies[root].action.carriedFrom.map { position[$0] == nil ? [$0] : [] } ?? [])
                + chain.dropLast().map { copies[$0].key }
            let owner = owner(of: last.action, in: session, knownIn: chain.reversed().map { sessions[copies[$0].session] })
            tracked.append((chain.last!, TrackedAction(session: session, action: last.action, carriedFrom: before,
                                                            ownerName: owner.name, organisation: owner.organisation)))
        }
        return tracked.sorted { $0.at < $1.at }.map(\.action)
    }

    /// A carried owner is written by name when they were not on the later roster: their
    /// organisation is the one a roster along the way gives that name (latest first).
    static func owner(of a: Action, in s: Session, knownIn sessions: [Session]) -> (name: String, organisation: String) {
        if let p = s.participant(a.owner) { return (p.name, p.organisation) }
        let name = s.displayName(a.owner)
        let key = nameKey(name)
        for other in sessions {
            if let p = (other.participants + other.removedParticipants).first(where: { nameKey($0.name) == key }) {
                return (p.name, p.organisation)
            }
        }
        return (name, "")
    }

    /// The places it passed through, earliest first, ending where it is now: `S1 A4 → S2 A4`.
    public var history: [String] {
        carriedFrom.map { $0.replacingFirst("/", with: " ") } + ["\(session.id) \(action.id)"]
    }
}

extension String {
    func replacingFirst(_ target: Character, with replacement: String) -> String {
        guard let i = firstIndex(of: target) else { return self }
        return String(self[..<i]) + replacement + String(self[index(after: i)...])
    }
}
