// The workplan: roles and who holds them, actions with owners, supporters and due dates, and
// open actions carried over from an initiative's previous session.

/// The roles the screens offer first; any other text is a custom role.
public let standardRoles = ["lead", "co-lead", "focal point", "rapporteur", "facilitator", "timekeeper"]

public struct RoleAssignment: Equatable, Sendable {
    public var role: String
    /// A participant id, or an organisation's name.
    public var holder: String

    public init(role: String, holder: String) {
        self.role = role
        self.holder = holder
    }
}

public enum ActionStatus: String, Sendable, CaseIterable {
    case open, inProgress = "in-progress", done, dropped

    /// `A2 is already done`: one sentence per status, so each language can agree it.
    func already(_ id: String) -> Message {
        switch self {
        case .open: Message("{id} is already open", ["id": .text(id)], context: "an action")
        case .inProgress: Message("{id} is already in-progress", ["id": .text(id)], context: "an action")
        case .done: Message("{id} is already done", ["id": .text(id)], context: "an action")
        case .dropped: Message("{id} is already dropped", ["id": .text(id)], context: "an action")
        }
    }
}

extension Action {
    /// The fields `action.edit` changes, by the names its `over` uses.
    static let editedFields = ["text", "owner", "due", "idea", "supporters"]

    /// A field's value as text, to compare two edits and to show a conflict.
    func fieldText(_ field: String) -> String {
        switch field {
        case "text": text
        case "owner": owner
        case "due": due ?? ""
        case "idea": idea ?? ""
        case "supporters": supporters.joined(separator: ", ")
        default: ""
        }
    }
}

public struct Action: Equatable, Sendable {
    public var id: String
    public var text: String
    /// A participant id, or an organisation's name.
    public var owner: String
    /// `YYYY-MM-DD` or `YYYY-MM`.
    public var due: String?
    public var idea: String?
    public var status: ActionStatus
    /// Participant ids or organisation names helping the owner.
    public var supporters: [String]
    /// `SESSION/ACTION` when the action was carried over from an earlier session.
    public var carriedFrom: String?

    public init(id: String, text: String, owner: String, due: String? = nil, idea: String? = nil,
                status: ActionStatus = .open, supporters: [String] = [], carriedFrom: String? = nil) {
        self.id = id
        self.text = text
        self.owner = owner
        self.due = due
        self.idea = idea
        self.status = status
        self.supporters = supporters
        self.carriedFrom = carriedFrom
    }

    /// Open or in progress.
    public var isOpen: Bool { status == .open || status == .inProgress }
}


extension SessionLog {
    /// Assigning roles and adding, editing, progressing and carrying over actions.
    func decideWorkplan(_ command: Command) throws(QuipuError) -> [Change] {
        let s = state
        switch command {
        case let .assignRole(role, holder):
            let role = try cleanText(role, what: "role").lowercased()
            let holderID = try resolveWho(holder, what: "holder")
            let assignment = RoleAssignment(role: role, holder: holderID)
            guard !s.roles.contains(assignment) else {
                throw QuipuError("{who} already holds the role {role}", ["who": .text(s.displayName(holderID)), "role": .text(role)])
            }
            return [.roleAssigned(assignment, over: s.roleSetter(role))]
        case let .addAction(text, owner, due, idea, supporters):
            let text = try cleanText(text, what: "action")
            let ownerID = try resolveWho(owner, what: "owner")
            var dueText: String?
            if let due, !due.isEmpty {
                guard isValidDue(due) else { throw QuipuError("due date \"{due}\" must be YYYY-MM-DD or YYYY-MM", ["due": .text(due)]) }
                dueText = due
            }
            var ideaID: String?
            if let idea, !idea.isEmpty { ideaID = try resolveIdea(idea).id }
            return [.actionAdded(Action(id: s.nextID("A"), text: text, owner: ownerID, due: dueText, idea: ideaID,
                                        status: .open, supporters: try resolveSupporters(supporters, owner: ownerID)))]
        case let .setActionStatus(id, status):
            guard let action = s.action(canonicalEntityID(id)) else { throw QuipuError("there is no action {id} in {session}", ["id": .text(id), "session": .text(s.id)]) }
            guard action.status != status else { throw QuipuError(status.already(action.id)) }
            return [.actionStatusChanged(id: action.id, status: status, over: s.lastSetter(action.id, "status"))]

        case let .unassignRole(role, holder):
            let role = try cleanText(role, what: "role").lowercased()
            let holderID = (try? resolveParticipant(holder))?.id ?? holder.trimmingSpaces
            let assignment = RoleAssignment(role: role, holder: holderID)
            if s.roles.contains(assignment) { return [.roleUnassigned(assignment, over: s.roleSetter(role))] }
            // An organisation's name typed in another case.
            if let match = s.roles.first(where: { $0.role == role && $0.holder.lowercased() == holderID.lowercased() }) {
                return [.roleUnassigned(match, over: s.roleSetter(role))]
            }
            throw QuipuError("{who} does not hold the role {role}", ["who": .text(s.displayName(holderID)), "role": .text(role)])

        case let .editAction(id, text, owner, due, idea, supporters):
            guard let action = s.action(canonicalEntityID(id)) else {
                throw QuipuError("there is no action {id} in {session}", ["id": .text(id), "session": .text(s.id)])
            }
            var edited = action
            if let text { edited.text = try cleanText(text, what: "action") }
            if let owner { edited.owner = try resolveWho(owner, what: "owner") }
            if let due {
                let d = due.trimmingSpaces
                if d.isEmpty {
                    edited.due = nil
                } else {
                    guard isValidDue(d) else { throw QuipuError("due date \"{due}\" must be YYYY-MM-DD or YYYY-MM", ["due": .text(d)]) }
                    edited.due = d
                }
            }
            if let idea { edited.idea = idea.trimmingSpaces.isEmpty ? nil : try resolveIdea(idea).id }
            if let supporters { edited.supporters = try resolveSupporters(supporters, owner: edited.owner) }
            guard edited != action else { throw QuipuError("nothing to change: {id} already reads that way", ["id": .text(action.id)]) }
            // Only what changed is set on replay, each field naming the value it replaces.
            let changed = Action.editedFields.filter { edited.fieldText($0) != action.fieldText($0) }
            // `action.edit` carries neither status nor origin (the fold keeps both), so the
            // change says only what it writes: it must read back as itself.
            edited.status = .open
            edited.carriedFrom = nil
            return [.actionEdited(edited, over: s.editOver(action.id, changed))]

        case let .carryOver(source):
            guard source.id != s.id else { throw QuipuError("a session cannot carry over its own actions") }
            let already = Set(s.actions.compactMap(\.carriedFrom))
            let open = source.actions.filter {
                ($0.status == .open || $0.status == .inProgress) && !already.contains("\(source.id)/\($0.id)")
            }
            guard !open.isEmpty else {
                if source.actions.contains(where: { $0.status == .open || $0.status == .inProgress }) {
                    throw QuipuError("the open actions of {session} are already carried over", ["session": .text(source.id)])
                }
                throw QuipuError("{session} has no open actions to carry over", ["session": .text(source.id)])
            }
            var number = s.lastNumber["A"] ?? 0
            // Participant ids belong to their session: carry people by name, matched to this roster
            // as names are (capitals, accents and spacing aside).
            func carried(_ who: String) -> String {
                guard let p = source.participant(who) ?? source.removedParticipants.last(where: { $0.id == who }) else { return who }
                let key = nameKey(p.name)
                return s.participants.first { nameKey($0.name) == key }?.id ?? p.name
            }
            return open.map { a in
                number += 1
                return .actionCarried(Action(id: "A\(number)", text: a.text, owner: carried(a.owner), due: a.due, idea: nil,
                                             status: a.status, supporters: a.supporters.map(carried),
                                             carriedFrom: "\(source.id)/\(a.id)"))
            }
        default:
            preconditionFailure("decide routes only workplan commands here")
        }
    }

    /// Supporters as participant ids (or organisation names), without duplicates or the owner.
    func resolveSupporters(_ supporters: [String], owner: String) throws(QuipuError) -> [String] {
        var ids: [String] = []
        for text in supporters where !text.trimmingSpaces.isEmpty {
            let id = try resolveWho(text, what: "supporter")
            if id != owner, !ids.contains(id) { ids.append(id) }
        }
        return ids
    }
}

extension Session {
    /// The workplan in due order: dated actions first, earliest first (a month sorts as its last
    /// day), then undated ones, each in the order they were added.
    public var actionsByDue: [Action] {
        actions.enumerated().sorted { a, b in
            switch (a.element.dueSortKey, b.element.dueSortKey) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }
}

extension Action {
    /// `YYYY-MM-DD`; a month's due date is its last day.
    var dueSortKey: String? {
        guard let due else { return nil }
        if due.count == 7, let y = Int(due.prefix(4)), let m = Int(due.suffix(2)) {
            return due + "-" + String(Timestamp.daysIn(month: m, year: y))
        }
        return due
    }

    /// Past its due date and not yet done or dropped. `now` is passed in; a month is due at its end.
    public func isOverdue(at now: Timestamp) -> Bool {
        guard status == .open || status == .inProgress, let key = dueSortKey else { return false }
        return key < now.date
    }
}

/// `YYYY-MM-DD` or `YYYY-MM`, a real date.
public func isValidDue(_ text: String) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2 || parts.count == 3, parts[0].count == 4, parts[1].count == 2,
          let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), y >= 1900 else { return false }
    if parts.count == 3 {
        guard parts[2].count == 2, let d = Int(parts[2]) else { return false }
        return (1...Timestamp.daysIn(month: m, year: y)).contains(d)
    }
    return true
}

extension Array where Element == Event {
    /// How many actions these events carried over (a carry-over's events may hold a `writer.join` too).
    public var carriedActionCount: Int { count { if case .actionCarried = $0.change { true } else { false } } }
}
