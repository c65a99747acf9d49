// Capture beyond the basics: editing and removing participants, linking and merging ideas,
// unassigning roles, editing actions, carrying open actions over, and the workplan's views.

/// The roles the screens offer first; any other text is a custom role.
public let standardRoles = ["lead", "co-lead", "focal point", "rapporteur", "facilitator", "timekeeper"]

extension SessionLog {
    func decideCapture(_ command: Command) throws(QuipuError) -> [Change] {
        let s = state
        switch command {
        case let .editParticipant(who, name, organisation, group, country):
            let p = try resolveParticipant(who)
            var newName: String?
            if let name {
                let clean = try cleanText(name, what: "name")
                if clean != p.name {
                    if let other = s.participants.first(where: { $0.id != p.id && $0.name.lowercased() == clean.lowercased() }) {
                        throw QuipuError("\(clean) is already on the roster as \(other.id)")
                    }
                    newName = clean
                }
            }
            var newOrg: String?
            if let organisation {
                let clean = try cleanText(organisation, what: "organisation", allowEmpty: true)
                if clean != p.organisation { newOrg = clean }
            }
            let newGroup = group == p.group ? nil : group
            var newCountry: String?
            if let country {
                let clean = try cleanText(country, what: "country", allowEmpty: true)
                if clean != p.country { newCountry = clean }
            }
            guard newName != nil || newOrg != nil || newGroup != nil || newCountry != nil else {
                throw QuipuError("nothing to change: \(p.id) \(p.name) already reads that way")
            }
            return [.participantEdited(id: p.id, name: newName, organisation: newOrg, group: newGroup, country: newCountry)]

        case let .removeParticipant(who):
            let p = try resolveParticipant(who)
            return [.participantRemoved(id: p.id)]

        case let .linkIdea(id, area):
            let idea = try resolveIdea(id)
            guard let area, !area.trimmingSpaces.isEmpty else {
                guard idea.area != nil else { throw QuipuError("\(idea.id) is not linked to an area") }
                return [.ideaLinked(id: idea.id, area: nil)]
            }
            guard idea.kind == .programme || idea.kind == .project else {
                throw QuipuError("\(idea.id) is a \(idea.kind.rawValue) idea; only programme and project ideas link to an area")
            }
            let a = try resolveIdea(area)
            guard a.kind == .area else { throw QuipuError("\(a.id) is a \(a.kind.rawValue) idea, not an area") }
            guard !a.withdrawn else { throw QuipuError("\(a.id) is withdrawn") }
            guard idea.area != a.id else { throw QuipuError("\(idea.id) is already linked to \(a.id)") }
            return [.ideaLinked(id: idea.id, area: a.id)]

        case let .mergeIdea(id, into):
            let dup = try resolveIdea(id)
            let keep = try resolveIdea(into)
            guard dup.id != keep.id else { throw QuipuError("an idea cannot be merged into itself") }
            guard !dup.withdrawn else { throw QuipuError("\(dup.id) is already withdrawn") }
            guard !keep.withdrawn else { throw QuipuError("\(keep.id) is withdrawn; merge into an idea still open") }
            if keep.kind != .area, s.ideas.contains(where: { $0.area == dup.id && !$0.withdrawn }) {
                throw QuipuError("ideas are linked to the area \(dup.id); merge it into another area, not a \(keep.kind.rawValue)")
            }
            return [.ideaMerged(id: dup.id, into: keep.id)]

        case let .unassignRole(role, holder):
            let role = try cleanText(role, what: "role").lowercased()
            let holderID = (try? resolveParticipant(holder))?.id ?? holder.trimmingSpaces
            let assignment = RoleAssignment(role: role, holder: holderID)
            if s.roles.contains(assignment) { return [.roleUnassigned(assignment)] }
            // An organisation's name typed in another case.
            if let match = s.roles.first(where: { $0.role == role && $0.holder.lowercased() == holderID.lowercased() }) {
                return [.roleUnassigned(match)]
            }
            throw QuipuError("\(s.displayName(holderID)) does not hold the role \(role)")

        case let .editAction(id, text, owner, due, idea, supporters):
            guard let action = s.action(id.trimmingSpaces.uppercased()) else {
                throw QuipuError("there is no action \(id) in \(s.id)")
            }
            var edited = action
            if let text { edited.text = try cleanText(text, what: "action") }
            if let owner { edited.owner = try participantOrText(owner, what: "owner") }
            if let due {
                let d = due.trimmingSpaces
                if d.isEmpty {
                    edited.due = nil
                } else {
                    guard isValidDue(d) else { throw QuipuError("due date \"\(d)\" must be YYYY-MM-DD or YYYY-MM") }
                    edited.due = d
                }
            }
            if let idea { edited.idea = idea.trimmingSpaces.isEmpty ? nil : try resolveIdea(idea).id }
            if let supporters { edited.supporters = try resolveSupporters(supporters, owner: edited.owner) }
            guard edited != action else { throw QuipuError("nothing to change: \(action.id) already reads that way") }
            return [.actionEdited(edited)]

        case let .carryOver(source):
            guard source.id != s.id else { throw QuipuError("a session cannot carry over its own actions") }
            let already = Set(s.actions.compactMap(\.carriedFrom))
            let open = source.actions.filter {
                ($0.status == .open || $0.status == .inProgress) && !already.contains("\(source.id)/\($0.id)")
            }
            guard !open.isEmpty else {
                throw QuipuError(source.actions.contains { $0.status == .open || $0.status == .inProgress }
                    ? "the open actions of \(source.id) are already carried over"
                    : "\(source.id) has no open actions to carry over")
            }
            var number = s.lastNumber["A"] ?? 0
            // Participant ids belong to their session: carry people by name, matched to this roster.
            func carried(_ who: String) -> String {
                guard let p = source.participant(who) ?? source.removedParticipants.last(where: { $0.id == who }) else { return who }
                return s.participants.first { $0.name.lowercased() == p.name.lowercased() }?.id ?? p.name
            }
            return open.map { a in
                number += 1
                return .actionCarried(Action(id: "A\(number)", text: a.text, owner: carried(a.owner), due: a.due, idea: nil,
                                             status: a.status, supporters: a.supporters.map(carried),
                                             carriedFrom: "\(source.id)/\(a.id)"))
            }
        default:
            throw QuipuError("not a capture command")
        }
    }

    /// Supporters as participant ids (or organisation names), without duplicates or the owner.
    func resolveSupporters(_ supporters: [String], owner: String) throws(QuipuError) -> [String] {
        var ids: [String] = []
        for text in supporters where !text.trimmingSpaces.isEmpty {
            let id = try participantOrText(text, what: "supporter")
            if id != owner, !ids.contains(id) { ids.append(id) }
        }
        return ids
    }
}

extension Session {
    /// Folds a duplicate into the surviving idea. Links, votes still open and actions follow it;
    /// a closed vote keeps its record as it was counted.
    mutating func applyMerge(_ id: String, into: String) {
        guard let i = ideas.firstIndex(where: { $0.id == id }), ideas.contains(where: { $0.id == into }), id != into else { return }
        ideas[i].withdrawn = true
        ideas[i].mergedInto = into
        for k in ideas.indices where ideas[k].area == id { ideas[k].area = into }
        for k in actions.indices where actions[k].idea == id { actions[k].idea = into }
        for v in votes.indices where votes[v].status == .open && votes[v].candidates.contains(id) {
            if votes[v].candidates.contains(into) {
                votes[v].candidates.removeAll { $0 == id }
            } else {
                votes[v].candidates = votes[v].candidates.map { $0 == id ? into : $0 }
            }
            let method = votes[v].method
            // Dots add up; an approval or a score counts once, the higher; a ranking keeps the better place.
            func combine(_ a: Int, _ b: Int) -> Int {
                switch method {
                case .dot: return a + b
                case .approval, .score: return max(a, b)
                case .borda, .irv, .schulze: return min(a, b)
                }
            }
            func repoint(_ choices: [Ballot.Choice]) -> [Ballot.Choice] {
                var merged: [Ballot.Choice] = []
                for choice in choices {
                    let target = choice.idea == id ? into : choice.idea
                    if let m = merged.firstIndex(where: { $0.idea == target }) {
                        merged[m].points = combine(merged[m].points, choice.points)
                    } else {
                        merged.append(Ballot.Choice(idea: target, points: choice.points))
                    }
                }
                return merged
            }
            for b in votes[v].ballots.indices { votes[v].ballots[b].choices = repoint(votes[v].ballots[b].choices) }
            for t in votes[v].tallies.indices {
                // Hands raised for either idea: a show of hands cannot tell who raised both, so they add up.
                var merged: [Ballot.Choice] = []
                for c in votes[v].tallies[t].counts {
                    let target = c.idea == id ? into : c.idea
                    if let m = merged.firstIndex(where: { $0.idea == target }) { merged[m].points += c.points }
                    else { merged.append(Ballot.Choice(idea: target, points: c.points)) }
                }
                votes[v].tallies[t].counts = merged
            }
        }
    }

    /// How many participants on the roster come from each stakeholder group, in the groups' order;
    /// groups with nobody are left out.
    public var groupCounts: [(group: StakeholderGroup, count: Int)] {
        StakeholderGroup.allCases.compactMap { g in
            let n = participants.filter { $0.group == g }.count
            return n == 0 ? nil : (g, n)
        }
    }

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
