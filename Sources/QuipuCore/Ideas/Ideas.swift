// Ideas: areas of action, programme and project ideas and notes; adding, editing, withdrawing,
// linking a programme or project to its area, and merging duplicates.

public enum IdeaKind: String, Sendable, CaseIterable {
    case area, programme, project, note

    /// `a programme idea`, with its article, for sentences.
    public var anIdea: Message {
        switch self {
        case .area: Message("an area idea", context: "an idea's kind, in a sentence")
        case .programme: Message("a programme idea", context: "an idea's kind, in a sentence")
        case .project: Message("a project idea", context: "an idea's kind, in a sentence")
        case .note: Message("a note idea", context: "an idea's kind, in a sentence")
        }
    }

    /// `a programme`, with its article, for sentences.
    public var aKind: Message {
        switch self {
        case .area: Message("an area", context: "an idea's kind, in a sentence")
        case .programme: Message("a programme", context: "an idea's kind, in a sentence")
        case .project: Message("a project", context: "an idea's kind, in a sentence")
        case .note: Message("a note", context: "an idea's kind, in a sentence")
        }
    }
}

public struct Idea: Equatable, Sendable {
    public var id: String
    public var text: String
    public var kind: IdeaKind
    /// A participant id, or a free-text name when the proposer is not on the roster.
    public var by: String?
    /// The area (an idea id) a programme or project idea belongs to.
    public var area: String?
    public var withdrawn: Bool
    /// Set when the idea was merged into another as a duplicate (it is then also withdrawn).
    public var mergedInto: String?

    public init(id: String, text: String, kind: IdeaKind = .area, by: String? = nil, area: String? = nil,
                withdrawn: Bool = false, mergedInto: String? = nil) {
        self.id = id
        self.text = text
        self.kind = kind
        self.by = by
        self.area = area
        self.withdrawn = withdrawn
        self.mergedInto = mergedInto
    }
}


extension SessionLog {
    /// Adding, editing, withdrawing, linking and merging ideas.
    func decideIdeas(_ command: Command) throws(QuipuError) -> [Change] {
        let s = state
        switch command {
        case let .addIdea(text, kind, by, area):
            let text = try cleanText(text, what: "idea")
            var proposer: String?
            if let by, !by.trimmingSpaces.isEmpty {
                proposer = try resolveWho(by, what: "proposer")
            }
            var areaID: String?
            if let area, !area.isEmpty {
                let a = try resolveIdea(area)
                guard a.kind == .area else { throw QuipuError("{id} is {kind}, not an area", ["id": .text(a.id), "kind": .message(a.kind.anIdea)]) }
                guard !a.withdrawn else { throw QuipuError("{id} is withdrawn; put the idea under an area still open", ["id": .text(a.id)]) }
                areaID = a.id
            }
            return [.ideaAdded(Idea(id: s.nextID("I"), text: text, kind: kind, by: proposer, area: areaID, withdrawn: false))]
        case let .editIdea(id, text):
            let idea = try resolveIdea(id)
            let text = try cleanText(text, what: "idea")
            guard text != idea.text else { throw QuipuError("{id} already says that", ["id": .text(idea.id)]) }
            return [.ideaEdited(id: idea.id, text: text, over: s.lastSetter(idea.id, "text"))]
        case let .reviseIdea(id, text, kind, by, area):
            let idea = try resolveIdea(id)
            var changes: [Change] = []
            if let text = try text.map({ t throws(QuipuError) in try cleanText(t, what: "idea") }), text != idea.text {
                changes.append(.ideaEdited(id: idea.id, text: text, over: state.lastSetter(idea.id, "text")))
            }
            let newKind = kind.flatMap { $0 == idea.kind ? nil : $0 }
            if let newKind, idea.kind == .area {
                let linked = s.ideas.filter { $0.area == idea.id && !$0.withdrawn }.map(\.id)
                if !linked.isEmpty {
                    throw QuipuError("{id} is the area of {ideas}; unlink them before it becomes {kind}", ["id": .text(idea.id), "ideas": .text(linked.joined(separator: ", ")), "kind": .message(newKind.aKind)])
                }
            }
            var proposer: String?
            if let by {
                let resolved = by.trimmingSpaces.isEmpty ? "" : try resolveWho(by, what: "proposer")
                if resolved != (idea.by ?? "") { proposer = resolved }
            }
            if newKind != nil || proposer != nil {
                let set = [("kind", newKind != nil), ("by", proposer != nil)].filter(\.1).map(\.0)
                changes.append(.ideaSet(id: idea.id, kind: newKind, by: proposer, over: s.editOver(idea.id, set)))
            }
            let kindAfter = newKind ?? idea.kind
            let linksToArea = kindAfter == .programme || kindAfter == .project
            var areaAfter = idea.area
            if let area {
                if area.trimmingSpaces.isEmpty {
                    areaAfter = nil
                } else {
                    guard linksToArea else {
                        throw QuipuError("{id} is {kind}; only programme and project ideas link to an area", ["id": .text(idea.id), "kind": .message(kindAfter.anIdea)])
                    }
                    let a = try resolveIdea(area)
                    guard a.kind == .area, a.id != idea.id else { throw QuipuError("{id} is {kind}, not an area", ["id": .text(a.id), "kind": .message(a.kind.anIdea)]) }
                    guard !a.withdrawn || a.id == idea.area else {
                        throw QuipuError("{area} is withdrawn; link {id} to an area still open", ["area": .text(a.id), "id": .text(idea.id)])
                    }
                    guard !a.withdrawn else { throw QuipuError("{id} is withdrawn", ["id": .text(a.id)]) }
                    areaAfter = a.id
                }
            }
            if !linksToArea { areaAfter = nil }   // an area or a note belongs to no area
            if areaAfter != idea.area { changes.append(.ideaLinked(id: idea.id, area: areaAfter)) }
            guard !changes.isEmpty else { throw QuipuError("nothing to change: {id} is already so", ["id": .text(idea.id)]) }
            return changes
        case let .withdrawIdea(id):
            let idea = try resolveIdea(id)
            guard !idea.withdrawn else { throw QuipuError("{id} is already withdrawn", ["id": .text(idea.id)]) }
            if let v = s.openVote, v.candidates.contains(idea.id) {
                throw QuipuError("{id} is a candidate in the open vote {vote}; close the vote first", ["id": .text(idea.id), "vote": .text(v.id)])
            }
            // Its programmes and projects are not left under an area that is gone: they are
            // unlinked in the same step (one undo brings the area and its links back).
            let linked = s.ideas.filter { $0.area == idea.id && !$0.withdrawn }
            return [.ideaWithdrawn(id: idea.id)] + linked.map { .ideaLinked(id: $0.id, area: nil) }

        case let .linkIdea(id, area):
            let idea = try resolveIdea(id)
            guard let area, !area.trimmingSpaces.isEmpty else {
                guard idea.area != nil else { throw QuipuError("{id} is not linked to an area", ["id": .text(idea.id)]) }
                return [.ideaLinked(id: idea.id, area: nil)]
            }
            guard idea.kind == .programme || idea.kind == .project else {
                throw QuipuError("{id} is {kind}; only programme and project ideas link to an area", ["id": .text(idea.id), "kind": .message(idea.kind.anIdea)])
            }
            let a = try resolveIdea(area)
            guard a.kind == .area else { throw QuipuError("{id} is {kind}, not an area", ["id": .text(a.id), "kind": .message(a.kind.anIdea)]) }
            guard !a.withdrawn else { throw QuipuError("{id} is withdrawn", ["id": .text(a.id)]) }
            guard idea.area != a.id else { throw QuipuError("{id} is already linked to {area}", ["id": .text(idea.id), "area": .text(a.id)]) }
            return [.ideaLinked(id: idea.id, area: a.id)]

        case let .mergeIdea(id, into):
            let dup = try resolveIdea(id)
            let keep = try resolveIdea(into)
            guard dup.id != keep.id else { throw QuipuError("an idea cannot be merged into itself") }
            guard !dup.withdrawn else { throw QuipuError("{id} is already withdrawn", ["id": .text(dup.id)]) }
            guard !keep.withdrawn else { throw QuipuError("{id} is withdrawn; merge into an idea still open", ["id": .text(keep.id)]) }
            if keep.kind != .area, s.ideas.contains(where: { $0.area == dup.id && !$0.withdrawn }) {
                throw QuipuError("ideas are linked to the area {id}; merge it into another area, not {kind}", ["id": .text(dup.id), "kind": .message(keep.kind.aKind)])
            }
            return [.ideaMerged(id: dup.id, into: keep.id)]
        default:
            preconditionFailure("decide routes only idea commands here")
        }
    }

    public func resolveIdea(_ id: String) throws(QuipuError) -> Idea {
        let key = canonicalEntityID(id)
        guard let idea = state.idea(key) else { throw QuipuError("there is no idea {id} in {session}", ["id": .text(id.trimmingSpaces), "session": .text(state.id)]) }
        return idea
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
}
