extension Session {
    /// Applies one event. Never fails: an event that no longer makes sense (it names an idea an
    /// undo removed, say) changes nothing.
    @inline(__always)
    public mutating func evolve(_ event: Event) {
        eventCount += 1
        let at = event.at
        switch event.change {
        case let .sessionCreated(title, initiative, facilitator, rapporteur, agenda, device, language):
            self.title = title
            self.language = language
            creatorDevice = creatorDevice ?? device
            self.initiative = initiative
            self.facilitator = facilitator
            self.rapporteur = rapporteur
            self.agenda = agenda
            createdAt = createdAt ?? at
            clock.ensureCapacity(agenda.count)
            fieldEvents["session"] = fieldEvents["session"] ?? event.id
        case let .sessionEdited(title, initiative, facilitator, rapporteur, over, language):
            let seen = { (field: String) -> EventID?? in over.map { $0[field] } }
            if let language { self.language = language }
            if let title { noteSet("session", "title", from: self.title, to: title, by: event.id, over: seen("title")); self.title = title }
            if let initiative {
                noteSet("session", "initiative", from: self.initiative, to: initiative, by: event.id, over: seen("initiative"))
                self.initiative = initiative
            }
            if let facilitator {
                noteSet("session", "facilitator", from: self.facilitator, to: facilitator, by: event.id, over: seen("facilitator"))
                self.facilitator = facilitator
            }
            if let rapporteur {
                noteSet("session", "rapporteur", from: self.rapporteur, to: rapporteur, by: event.id, over: seen("rapporteur"))
                self.rapporteur = rapporteur
            }
        case .phaseRenamed, .phaseAdded, .phaseRemoved, .phaseMoved:
            evolveAgenda(event.change, by: event.id)
        case .timerStarted, .timerResumed:
            guard clock.state == .idle || clock.state == .paused else { break }
            if clock.phase == nil { clock.phase = 0 }
            clock.state = .running
            clock.runningSince = at
            if status == .planned { status = .running }
        case .timerPaused:
            guard clock.state == .running else { break }
            clock.bank(at: at)
            clock.state = .paused
            clock.runningSince = nil
        case let .phaseChanged(to):
            guard to >= 0, to <= agenda.count else { break }
            clock.bank(at: at)
            if to == agenda.count {
                clock.state = .finished
                clock.runningSince = nil
            } else {
                clock.phase = to
                if clock.state == .finished || clock.state == .idle {
                    // Revisiting after the end, or choosing a phase before starting: the clock waits.
                    clock.state = .paused
                }
            }
        case let .phaseAdjusted(phase, seconds):
            guard agenda.indices.contains(phase) else { break }
            agenda[phase].plannedSeconds = max(60, agenda[phase].plannedSeconds + seconds)
        case .agendaRespread, .warningSwitched, .warningGiven:
            evolveClockPlan(event.change)
        case let .participantAdded(p):
            noteID(p.id)
            guard participantPosition(p.id) == nil else { break }
            appendNewParticipant(p)
            fieldEvents[p.id] = event.id
        case let .participantUpdated(id, present, observer, over):
            guard let i = participantPosition(id) else { break }
            let seen = { (field: String) -> EventID?? in over.map { $0[field] } }
            let p = storedParticipants[i], yes = { (on: Bool) in on ? "yes" : "no" }, role = { (o: Bool) in o ? "observer" : "member" }
            if let present { noteSet(id, "present", from: yes(p.present), to: yes(present), by: event.id, over: seen("present")) }
            if let observer { noteSet(id, "role", from: role(p.observer), to: role(observer), by: event.id, over: seen("role")) }
            if let present { storedParticipants[i].present = present }
            if let observer { storedParticipants[i].observer = observer }
        case let .participantEdited(id, name, organisation, group, country, over):
            guard let i = participantPosition(id) else { break }
            let seen = { (field: String) -> EventID?? in over.map { $0[field] } }
            let p = storedParticipants[i]
            if let name { noteSet(id, "name", from: p.name, to: name, by: event.id, over: seen("name")) }
            if let organisation { noteSet(id, "org", from: p.organisation, to: organisation, by: event.id, over: seen("org")) }
            if let group { noteSet(id, "group", from: p.group.rawValue, to: group.rawValue, by: event.id, over: seen("group")) }
            if let country { noteSet(id, "country", from: p.country, to: country, by: event.id, over: seen("country")) }
            if let name { storedParticipants[i].name = name }
            if let organisation { storedParticipants[i].organisation = organisation }
            if let group { storedParticipants[i].group = group }
            if let country { storedParticipants[i].country = country }
        case let .participantRemoved(id):
            guard let i = participantPosition(id) else { break }
            removeParticipant(at: i)
        case let .ideaLinked(id, area):
            guard let i = ideaPosition(id) else { break }
            storedIdeas[i].area = area
        case let .ideaMerged(id, into):
            applyMerge(id, into: into)
        case let .roleUnassigned(r, over):
            let old = roles
            roles.removeAll { $0 == r }
            noteRoleSet(r.role, from: old, by: event.id, over: over)
        case let .actionEdited(a, over):
            guard let i = actionPosition(a.id) else { break }
            guard let over else {
                // A 1.0 edit sets every field.
                let status = storedActions[i].status, carried = storedActions[i].carriedFrom
                storedActions[i] = a
                storedActions[i].status = status
                storedActions[i].carriedFrom = carried
                break
            }
            // Only the fields it changed, each checked against the value its writer saw.
            let old = storedActions[i]
            for field in Action.editedFields where over.keys.contains(field) {
                noteSet(a.id, field, from: old.fieldText(field), to: a.fieldText(field), by: event.id, over: over[field])
            }
            if over["text"] != nil { storedActions[i].text = a.text }
            if over["owner"] != nil { storedActions[i].owner = a.owner }
            if over["due"] != nil { storedActions[i].due = a.due }
            if over["idea"] != nil { storedActions[i].idea = a.idea }
            if over["supporters"] != nil { storedActions[i].supporters = a.supporters }
        case let .actionCarried(a):
            noteID(a.id)
            guard actionPosition(a.id) == nil else { break }
            appendNewAction(a)
            fieldEvents[a.id] = event.id
        case let .ideaAdded(idea):
            noteID(idea.id)
            guard ideaPosition(idea.id) == nil else { break }
            appendNewIdea(idea)
            fieldEvents[idea.id] = event.id
        case let .ideaEdited(id, text, over):
            guard let i = ideaPosition(id) else { break }
            // Written over a text its writer had not seen: both edited at once (two laptops).
            noteSet(id, "text", from: storedIdeas[i].text, to: text, by: event.id, over: over.map { Optional($0) })
            storedIdeas[i].text = text
        case let .ideaSet(id, kind, by, over):
            guard let i = ideaPosition(id) else { break }
            let seen = { (field: String) -> EventID?? in over.map { $0[field] } }
            if let kind { noteSet(id, "kind", from: storedIdeas[i].kind.rawValue, to: kind.rawValue, by: event.id, over: seen("kind")) }
            if let by { noteSet(id, "by", from: storedIdeas[i].by ?? "", to: by, by: event.id, over: seen("by")) }
            if let kind { storedIdeas[i].kind = kind }
            if let by { storedIdeas[i].by = by.isEmpty ? nil : by }
        case let .ideaWithdrawn(id):
            guard let i = ideaPosition(id) else { break }
            storedIdeas[i].withdrawn = true
        case let .voteOpened(v):
            noteID(v.id)
            guard votePosition(v.id) == nil else { break }
            appendNewVote(v)
        case let .ballotCast(voteID, ballot):
            guard let i = votePosition(voteID) else { break }
            // Cast on a laptop that had not seen the close yet: late, listed and not counted.
            guard storedVotes[i].status == .open else {
                storedVotes[i].late.append(ballot)
                storedVotes[i].lateEvents.append(event.id)
                break
            }
            storedVotes[i].casts.append(Vote.Cast(event: event.id, by: ballot.by, ballot: ballot))
            castBallot(ballot, inVoteAt: i)
        case let .voteClosed(id, voters, seen):
            guard let i = votePosition(id) else { break }
            storedVotes[i].status = .closed
            if let voters { storedVotes[i].voters = voters }
            if let seen { countOnlySeen(Set(seen), inVoteAt: i) }
        case let .handsTallied(voteID, tally):
            guard let i = votePosition(voteID), storedVotes[i].status == .open else { break }
            storedVotes[i].tallies.removeAll { $0.group == tally.group }
            storedVotes[i].tallies.append(tally)
        case let .ballotRemoved(voteID, by):
            guard let i = votePosition(voteID), storedVotes[i].status == .open else { break }
            storedVotes[i].casts.append(Vote.Cast(event: event.id, by: by, ballot: nil))
            removeBallot(by: by, inVoteAt: i)
        case let .lateBallotAccepted(voteID, ballotEvent):
            guard let i = votePosition(voteID) else { break }
            acceptLate(ballotEvent, inVoteAt: i)
        case let .tieDecided(voteID, idea, reason):
            guard let i = votePosition(voteID), storedVotes[i].status == .closed,
                  storedVotes[i].tiedLeaders.contains(idea) else { break }
            storedVotes[i].decision = TieDecision(idea: idea, reason: reason)
        case let .roleAssigned(r, over):
            let old = roles
            if !roles.contains(r) { roles.append(r) }
            noteRoleSet(r.role, from: old, by: event.id, over: over)
        case let .actionAdded(a):
            noteID(a.id)
            guard actionPosition(a.id) == nil else { break }
            appendNewAction(a)
            fieldEvents[a.id] = event.id
        case let .actionStatusChanged(id, status, over):
            guard let i = actionPosition(id) else { break }
            noteSet(id, "status", from: storedActions[i].status.rawValue, to: status.rawValue, by: event.id, over: over.map { Optional($0) })
            storedActions[i].status = status
        case .sessionClosed:
            clock.bank(at: at)
            if clock.state == .running || clock.state == .paused { clock.state = .finished }
            clock.runningSince = nil
            status = .closed
        case .sessionReopened:
            guard status == .closed else { break }
            status = clock.phase == nil ? .planned : .running
        case .undo:
            break // handled by SessionLog, which replays without the undone event
        case let .writerJoined(name):
            writerNames[String(EventID.family(of: event.id.writer))] = name
        case let .unknown(record):
            if !unknownKinds.contains(record.kind) { unknownKinds.append(record.kind) }
        }
        if event.change.isUndoable { lastChangeAt = at }
    }
}

/// A session's events and the state they fold to, kept in replay order.
///
/// Appending events in order evolves the state one event at a time; an undo, or an event that
/// sorts before ones already applied (a merged journal), makes it fold again from the start.
public struct SessionLog: Equatable, Sendable {
    public private(set) var events: [Event] = []
    public private(set) var state: Session
    /// Events cancelled by an undo that is itself in force.
    public private(set) var cancelled: Set<EventID> = []

    public init(id: String, events: [Event] = []) {
        state = Session(id: id)
        append(events)
    }

    public var lastID: EventID? { events.last?.id }
    /// What ids minted in this log end with (`Session.idSuffix`): the store sets it for a device
    /// writing to a session another device created.
    public var idSuffix: String {
        get { state.idSuffix }
        set { state.idSuffix = newValue }
    }
    /// The next sequence number for a writer appending to this log.
    /// Events are kept sorted by id, which orders by sequence number first, so the last one has
    /// the highest.
    public var nextSeq: Int { (events.last?.id.seq ?? 0) + 1 }

    public mutating func append(_ newEvents: [Event]) {
        guard !newEvents.isEmpty else { return }
        if SessionLog.follows(newEvents, after: events.last?.id) {
            if events.isEmpty { events = newEvents } else { events += newEvents }
            for i in newEvents.indices { state.evolve(newEvents[i]) }
        } else {
            var all = events + newEvents
            all.sort { $0.id < $1.id }
            // A line copied twice (a merge) counts once.
            var unique: [Event] = []
            unique.reserveCapacity(all.count)
            for e in all where unique.last?.id != e.id { unique.append(e) }
            events = unique
            refold()
        }
    }

    private mutating func refold() {
        // Undo events only ever target earlier events, so walking backwards settles which undos
        // are in force: an undo that is itself undone cancels nothing.
        var cancelled: Set<EventID> = []
        for e in events.reversed() {
            if case let .undo(target) = e.change, !cancelled.contains(e.id) { cancelled.insert(target) }
        }
        self.cancelled = cancelled
        // Most events are not cancelled: their sequence number alone says so, without hashing the writer.
        let cancelledSeqs = Set(cancelled.map(\.seq))
        var s = Session(id: state.id)
        s.minting = state.minting
        for e in events {
            if cancelledSeqs.contains(e.id.seq), cancelled.contains(e.id) {
                // Ids handed out by undone events stay used, so a redo never clashes.
                s.noteIDs(of: e.change)
                s.eventCount += 1
            } else {
                s.evolve(e)
            }
        }
        state = s
    }

    /// What `undo` would cancel: the newest step still in force that `writer` made (anyone's
    /// when nil). A step is what one writer appended at once (one user action: a paste, a
    /// carry-over, a withdrawal and the unlinks it brings): those events share their writer and
    /// timestamp, and a writer's later appends always have later timestamps (the store sees to
    /// it), so one undo takes the whole step back.
    public func undoStep(by writer: String? = nil) -> [Event] {
        let family = writer.map(EventID.family)
        guard let newest = events.last(where: {
            $0.change.isUndoable && !cancelled.contains($0.id) && (family == nil || EventID.family(of: $0.id.writer) == family)
        }) else { return [] }
        return events.filter {
            $0.id.writer == newest.id.writer && $0.at == newest.at && $0.change.isUndoable && !cancelled.contains($0.id)
        }
    }

    /// What `redo` would cancel: the undos of `writer`'s newest undo step still in force, when
    /// that writer has changed nothing undoable since (anyone's when nil).
    public func redoStep(by writer: String? = nil) -> [Event] {
        let family = writer.map(EventID.family)
        for e in events.reversed() where !cancelled.contains(e.id) && (family == nil || EventID.family(of: e.id.writer) == family) {
            if e.change.isUndoable { return [] }
            if case let .undo(target) = e.change, let t = event(target), t.change.isUndoable {
                return events.filter { u in
                    guard u.id.writer == e.id.writer, u.at == e.at, !cancelled.contains(u.id),
                          case let .undo(target) = u.change, let t = event(target) else { return false }
                    return t.change.isUndoable
                }
            }
        }
        return []
    }

    /// Says what an undo event did: the change it took back, or (a redo) the change it brought
    /// back by cancelling an undo. Nil when the target is not in the log.
    public func undoMeaning(_ target: EventID) -> (redo: Bool, change: Change)? {
        guard let t = event(target) else { return nil }
        if case let .undo(original) = t.change {
            guard let o = event(original) else { return nil }
            return (true, o.change)
        }
        return (false, t.change)
    }

    public func event(_ id: EventID) -> Event? {
        // Events are sorted by id.
        var lo = 0, hi = events.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if events[mid].id == id { return events[mid] }
            if events[mid].id < id { lo = mid + 1 } else { hi = mid - 1 }
        }
        return nil
    }
}

extension Change {
    var isUndo: Bool { if case .undo = self { return true } else { return false } }
}

extension Session {
    mutating func noteIDs(of change: Change) {
        switch change {
        case let .participantAdded(p): noteID(p.id)
        case let .ideaAdded(i): noteID(i.id)
        case let .voteOpened(v): noteID(v.id)
        case let .actionAdded(a): noteID(a.id)
        case let .actionCarried(a): noteID(a.id)
        default: break
        }
    }
}
