/// Deciding vote commands: opening with options, ballots for every method, show-of-hands
/// tallies and runoffs. Each refusal is one sentence and writes nothing.
extension SessionLog {
    /// The ballots a close of `vote` decided now has seen: every cast of it folded so far. One
    /// cast elsewhere and merged later is not among them: it is late (docs/FORMAT.md).
    func seenBallots(of vote: String) -> [EventID] {
        events.compactMap { if case let .ballotCast(v, _) = $0.change, v == vote { $0.id } else { nil } }
    }

    /// Opening, casting, tallying, running off and closing votes.
    func decideVotes(_ command: Command) throws(QuipuError) -> [Change] {
        switch command {
        case let .openVote(method, dots, maxPerItem, candidates):
            return try decideOpenVote(VoteSetup(method: method, dots: dots, maxPerItem: maxPerItem, candidates: candidates))
        case let .startVote(setup):
            return try decideOpenVote(setup)
        case let .castBallot(voteID, by, choices):
            return try decideBallot(vote: voteID, by: by, choices: choices)
        case let .castBallotText(voteID, by, words):
            let vote = try resolveOpenVote(voteID)
            return try decideBallot(vote: vote.id, by: by, choices: try parseBallot(words, method: vote.method))
        case let .tallyHands(voteID, group, counts):
            return try decideTally(vote: voteID, group: group, counts: counts)
        case let .openRunoff(of):
            return try decideRunoff(of: of)
        case let .closeVote(id):
            let vote = try resolveOpenVote(id)
            return [.voteClosed(id: vote.id, seen: seenBallots(of: vote.id))]
        case let .removeBallot(voteID, by):
            return try decideRemoveBallot(vote: voteID, by: by)
        case let .decideTie(voteID, idea, reason):
            return try decideTie(vote: voteID, idea: idea, reason: reason)
        case let .acceptLateBallots(voteID):
            let vote = try resolveVote(voteID, latest: { !$0.late.isEmpty }, none: Message("no vote of {session} has late ballots", ["session": .text(state.id)]))
            guard !vote.late.isEmpty else { throw QuipuError("vote {vote} has no late ballots", ["vote": .text(vote.id)]) }
            // In the order they were cast: a voter's latest counts.
            return vote.lateEvents.map { .lateBallotAccepted(vote: vote.id, ballot: $0) }
        default:
            preconditionFailure("decide routes only vote commands here")
        }
    }

    func resolveOpenVote(_ id: String?) throws(QuipuError) -> Vote {
        if let id {
            guard let v = state.vote(canonicalEntityID(id)) else { throw QuipuError("there is no vote {vote} in {session}", ["vote": .text(id), "session": .text(state.id)]) }
            guard v.status == .open else { throw QuipuError("vote {vote} is closed", ["vote": .text(v.id)]) }
            return v
        }
        guard let v = state.openVote else {
            if let last = state.votes.last { throw QuipuError("vote {vote} is closed and no vote is open in {session}", ["vote": .text(last.id), "session": .text(state.id)]) }
            throw QuipuError("no vote is open in {session}", ["session": .text(state.id)])
        }
        return v
    }

    /// `runoff`: the vote whose tie this settles; its voters are the runoff's.
    func decideOpenVote(_ setup: VoteSetup, runoffOf runoff: Vote? = nil) throws(QuipuError) -> [Change] {
        let s = state
        if let v = s.openVote { throw QuipuError("vote {vote} is still open; close it first", ["vote": .text(v.id)]) }
        let dots = setup.dots
        guard (1...100).contains(dots) else { throw QuipuError("dots per member must be from 1 to 100") }
        if let maxPerItem = setup.maxPerItem {
            guard setup.method == .dot else { throw QuipuError("a cap per item only applies to dot votes") }
            guard (1...dots).contains(maxPerItem) else {
                throw QuipuError("the cap per item must be from 1 to {dots} (the dots per member)", ["dots": .number(dots)])
            }
        }
        var ids: [String] = []
        if let candidates = setup.candidates {
            for c in candidates {
                let idea = try resolveIdea(c)
                guard !idea.withdrawn else { throw QuipuError("{id} is withdrawn and cannot be a candidate", ["id": .text(idea.id)]) }
                if !ids.contains(idea.id) { ids.append(idea.id) }
            }
        } else {
            ids = s.ideas.filter { $0.kind == .area && !$0.withdrawn }.map(\.id)
        }
        guard ids.count >= 2 else {
            if setup.candidates == nil { throw QuipuError("a vote needs at least two open areas of action; add areas first") }
            throw QuipuError("a vote needs at least two candidates")
        }
        let eligible = runoff?.eligible ?? s.participants.filter { $0.isMember && $0.present }.map(\.id)
        var vote = Vote(id: s.nextID("V"), method: setup.method, dotsPerMember: dots, maxPerItem: setup.maxPerItem,
                        candidates: ids, eligible: eligible, status: .open, ballots: [])
        vote.hideResults = setup.hideResults
        vote.anonymous = setup.anonymous
        vote.tieBreak = setup.tieBreak
        vote.runoffOf = runoff?.id
        return [.voteOpened(vote)]
    }

    func decideBallot(vote voteID: String?, by: String, choices: [Ballot.Choice]) throws(QuipuError) -> [Change] {
        let vote = try resolveOpenVote(voteID)
        let voter = try resolveParticipant(by)
        let binding = vote.eligible.contains(voter.id)
        if !binding, voter.isMember {
            if let first = vote.runoffOf {
                throw QuipuError("{name} was not eligible in {first}, so cannot cast a binding ballot in its runoff {vote}", ["name": .text(voter.name), "first": .text(first), "vote": .text(vote.id)])
            }
            throw QuipuError("{name} was not present when {vote} opened, so cannot cast a binding ballot", ["name": .text(voter.name), "vote": .text(vote.id)])
        }
        var merged: [Ballot.Choice] = []
        for choice in choices {
            let idea = try resolveIdea(choice.idea)
            guard vote.candidates.contains(idea.id) else { throw QuipuError("{id} is not a candidate in {vote}", ["id": .text(idea.id), "vote": .text(vote.id)]) }
            let seen = merged.firstIndex { $0.idea == idea.id }
            switch vote.method {
            case .dot:
                guard choice.points > 0 else { throw QuipuError("each choice needs at least one dot") }
                if let seen { merged[seen].points += choice.points; continue }
            case .approval:
                guard seen == nil else { throw QuipuError("{id} is named twice; an approval ballot names each candidate once", ["id": .text(idea.id)]) }
                guard choice.points == 1 else { throw QuipuError("an approval ballot names candidates without numbers, e.g. I1 I4") }
            case .score:
                guard seen == nil else { throw QuipuError("{id} is scored twice; give each candidate one score", ["id": .text(idea.id)]) }
                guard (0...5).contains(choice.points) else {
                    throw QuipuError("a score must be from 0 to 5, not {score} ({id})", ["score": .number(choice.points), "id": .text(idea.id)])
                }
            case .borda, .irv, .schulze:
                guard seen == nil else { throw QuipuError("{id} is ranked twice; rank each candidate once", ["id": .text(idea.id)]) }
            }
            merged.append(Ballot.Choice(idea: idea.id, points: choice.points))
        }
        guard !merged.isEmpty else { throw QuipuError("the ballot names no candidate") }
        if vote.method == .dot {
            let used = merged.reduce(0) { $0 + $1.points }
            guard used <= vote.dotsPerMember else {
                throw QuipuError("{name}'s ballot uses {used} dots; each voter has {dots}", ["name": .text(voter.name), "used": .number(used), "dots": .number(vote.dotsPerMember)])
            }
            if let cap = vote.maxPerItem, let over = merged.first(where: { $0.points > cap }) {
                throw QuipuError("{dots} dots on {id} is over the cap of {cap} per item", ["dots": .number(over.points), "id": .text(over.idea), "cap": .number(cap)])
            }
        }
        if vote.method.isRanked {
            // Places in the order given: 1 for the first choice, 2 for the second…
            let order = merged.sorted { $0.points < $1.points }
            merged = order.enumerated().map { Ballot.Choice(idea: $0.element.idea, points: $0.offset + 1) }
        }
        return [.ballotCast(vote: vote.id, ballot: Ballot(by: voter.id, choices: merged, binding: binding))]
    }

    func decideTally(vote voteID: String?, group: StakeholderGroup?, counts: [Ballot.Choice]) throws(QuipuError) -> [Change] {
        let vote = try resolveOpenVote(voteID)
        guard vote.method.acceptsHandTally else {
            throw QuipuError("a show of hands can only be tallied in a dot or approval vote; {vote} is {method}", ["vote": .text(vote.id), "method": .message(vote.method.name)])
        }
        var merged: [Ballot.Choice] = []
        for count in counts {
            let idea = try resolveIdea(count.idea)
            guard vote.candidates.contains(idea.id) else { throw QuipuError("{id} is not a candidate in {vote}", ["id": .text(idea.id), "vote": .text(vote.id)]) }
            guard count.points >= 0 else { throw QuipuError("a count of hands cannot be negative ({id})", ["id": .text(idea.id)]) }
            guard !merged.contains(where: { $0.idea == idea.id }) else { throw QuipuError("{id} is counted twice", ["id": .text(idea.id)]) }
            merged.append(Ballot.Choice(idea: idea.id, points: count.points))
        }
        guard !merged.isEmpty else { throw QuipuError("the tally names no candidate; write counts like I1=12 I2=7") }
        return [.handsTallied(vote: vote.id, tally: HandTally(group: group, counts: merged))]
    }

    func decideRemoveBallot(vote voteID: String?, by: String) throws(QuipuError) -> [Change] {
        let vote = try resolveOpenVote(voteID)
        guard !vote.anonymous else {
            throw QuipuError("{vote} is anonymous: no ballot can be picked out; a voter who casts again replaces their own", ["vote": .text(vote.id)])
        }
        let voter = try resolveParticipant(by)
        guard vote.ballots.contains(where: { $0.by == voter.id }) else {
            throw QuipuError("{name} has no ballot in {vote}", ["name": .text(voter.name), "vote": .text(vote.id)])
        }
        return [.ballotRemoved(vote: vote.id, by: voter.id)]
    }

    /// The vote named, or (nil) the latest that `latest` accepts; `none` says why there is none.
    func resolveVote(_ id: String?, latest: (Vote) -> Bool, none: Message) throws(QuipuError) -> Vote {
        if let id {
            guard let v = state.vote(canonicalEntityID(id)) else { throw QuipuError("there is no vote {vote} in {session}", ["vote": .text(id), "session": .text(state.id)]) }
            return v
        }
        guard let v = state.votes.last(where: latest) else { throw QuipuError(none) }
        return v
    }

    /// The closed vote (default: the latest) whose tie for first the facilitator may decide
    /// now, or why none can be: still open, no tie, another tie-break declared, already decided.
    /// The screens ask it before opening the form, so the refusals are these very sentences.
    public func tieToDecide(_ voteID: String?) throws(QuipuError) -> Vote {
        let vote = try resolveVote(voteID, latest: { $0.status == .closed }, none: Message("no vote has been closed in {session}", ["session": .text(state.id)]))
        guard vote.status == .closed else { throw QuipuError("vote {vote} is still open; close it before deciding a tie", ["vote": .text(vote.id)]) }
        guard !vote.tiedLeaders.isEmpty else {
            throw QuipuError("vote {vote} has no tie for first place, so there is nothing to decide", ["vote": .text(vote.id)])
        }
        guard vote.tieBreak == .facilitator else {
            throw QuipuError("vote {vote} declared the tie-break \"{rule}\" ({meaning}), not the facilitator's decision",
                             ["vote": .text(vote.id), "rule": .text(vote.tieBreak.rawValue), "meaning": .message(vote.tieBreak.sentenceMessage)])
        }
        if let earlier = vote.decision {
            throw QuipuError("the tie in {vote} was already decided for {id}; undo that first to decide again", ["vote": .text(vote.id), "id": .text(earlier.idea)])
        }
        return vote
    }

    func decideTie(vote voteID: String?, idea ideaText: String, reason: String) throws(QuipuError) -> [Change] {
        let vote = try tieToDecide(voteID)
        let tied = vote.tiedLeaders
        let idea = try resolveIdea(ideaText)
        guard tied.contains(idea.id) else {
            throw QuipuError("{id} is not tied for first in {vote}; choose one of {tied}", ["id": .text(idea.id), "vote": .text(vote.id), "tied": .text(tied.joined(separator: ", "))])
        }
        let why = reason.trimmingSpaces
        guard !why.isEmpty else { throw QuipuError("say why: the reason is recorded with the decision for the report") }
        guard why.count <= maximumTextLength else {
            throw QuipuError("the reason is {count} characters; the most is {most}", ["count": .number(why.count), "most": .number(maximumTextLength)])
        }
        return [.tieDecided(vote: vote.id, idea: idea.id, reason: why)]
    }

    func decideRunoff(of voteID: String?) throws(QuipuError) -> [Change] {
        let s = state
        let vote = try resolveVote(voteID, latest: { _ in true }, none: Message("no vote has been held in {session}", ["session": .text(s.id)]))
        guard vote.status == .closed else { throw QuipuError("vote {vote} is still open; close it before a runoff", ["vote": .text(vote.id)]) }
        let tied = vote.tiedLeaders
        guard !tied.isEmpty else { throw QuipuError("vote {vote} has no tie for first place, so there is nothing to run off", ["vote": .text(vote.id)]) }
        for id in tied where s.idea(id)?.withdrawn ?? true {
            throw QuipuError("{id} has been withdrawn since {vote}; open a new vote instead", ["id": .text(id), "vote": .text(vote.id)])
        }
        return try decideOpenVote(vote.runoffSetup(among: tied), runoffOf: vote)
    }
}

extension Vote {
    /// A runoff among `tied`: the same method, options and tie-break (its voters are this
    /// vote's eligible members). A dot runoff keeps the cap per item and gives no more dots than
    /// the cap lets a voter place on the candidates left: 5 dots at most 2 an item over 2
    /// candidates become 4. Without a cap every dot can go on one candidate, so none are taken.
    func runoffSetup(among tied: [String]) -> VoteSetup {
        let dots = maxPerItem.map { min(dotsPerMember, $0 * tied.count) } ?? dotsPerMember
        return VoteSetup(method: method, dots: dots, maxPerItem: maxPerItem, candidates: tied,
                         hideResults: hideResults, anonymous: anonymous, tieBreak: tieBreak)
    }
}
