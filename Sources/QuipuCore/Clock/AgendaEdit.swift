// Changing the plan after the session was created: its details (title, initiative, facilitator,
// rapporteur) and its agenda (rename, add, remove, reorder phases; minutes of a phase still to
// come). Phases that have run keep their place, so the clock's record of them stays true.

extension Session {
    /// The first phase that has never run: phases from here on may be added, removed or moved.
    /// Before the clock starts, every phase; after it, the ones after the current phase and after
    /// any phase that ran (a phase left with N and back has run).
    public var firstPhaseToCome: Int {
        if clock.state == .finished { return agenda.count }
        guard let current = clock.phase else { return 0 }
        let lastRun = clock.elapsedMilliseconds.lastIndex { $0 > 0 } ?? -1
        return max(current + 1, lastRun + 1)
    }
}

extension SessionLog {
    func decideAgenda(_ command: Command) throws(QuipuError) -> [Change] {
        let s = state
        let first = s.firstPhaseToCome
        func phase(_ index: Int) throws(QuipuError) -> Int {
            guard s.agenda.indices.contains(index) else {
                throw QuipuError("there is no phase {n}; the agenda has {count}", ["n": .number(index + 1), "count": .number(s.agenda.count)])
            }
            return index
        }
        func toCome(_ index: Int, _ doing: String) throws(QuipuError) -> Int {
            let index = try phase(index)
            guard index >= first else {
                let arguments: [String: Message.Argument] = ["n": .number(index + 1), "name": .text(s.agenda[index].name)]
                let current = index == s.clock.phase && s.clock.state != .finished
                switch (current, doing == "moved") {
                case (true, true): throw QuipuError("phase {n}, {name}, is the current phase: only phases still to come can be moved", arguments)
                case (true, false): throw QuipuError("phase {n}, {name}, is the current phase: only phases still to come can be removed", arguments)
                case (false, true): throw QuipuError("phase {n}, {name}, has already run: only phases still to come can be moved", arguments)
                case (false, false): throw QuipuError("phase {n}, {name}, has already run: only phases still to come can be removed", arguments)
                }
            }
            return index
        }
        switch command {
        case let .editSession(title, initiative, facilitator, rapporteur, language):
            let new = (title: try title.map { t throws(QuipuError) in try cleanText(t, what: "title") },
                       initiative: try initiative.map { t throws(QuipuError) in try cleanText(t, what: "initiative", allowEmpty: true) },
                       facilitator: try facilitator.map { t throws(QuipuError) in try cleanText(t, what: "facilitator", allowEmpty: true) },
                       rapporteur: try rapporteur.map { t throws(QuipuError) in try cleanText(t, what: "rapporteur", allowEmpty: true) })
            func changed(_ value: String?, _ old: String) -> String? { value == old ? nil : value }
            let change = Change.sessionEdited(title: changed(new.title, s.title), initiative: changed(new.initiative, s.initiative),
                                              facilitator: changed(new.facilitator, s.facilitator),
                                              rapporteur: changed(new.rapporteur, s.rapporteur),
                                              language: changed(language, s.language ?? "en"))
            guard case let .sessionEdited(title, initiative, facilitator, rapporteur, _, language) = change,
                  change != .sessionEdited(title: nil, initiative: nil, facilitator: nil, rapporteur: nil) else {
                throw QuipuError("nothing to change: the session's details are already so")
            }
            // Each field set names the value it replaces: an edit made at once elsewhere is a conflict.
            let set = [("title", title), ("initiative", initiative), ("facilitator", facilitator), ("rapporteur", rapporteur)]
            return [.sessionEdited(title: title, initiative: initiative, facilitator: facilitator, rapporteur: rapporteur,
                                   over: s.editOver("session", set.filter { $0.1 != nil }.map(\.0)), language: language)]
        case let .editPhase(index, name, seconds):
            let index = try phase(index)
            var changes: [Change] = []
            if let name = try name.map({ n throws(QuipuError) in try cleanText(n, what: "phase name") }), name != s.agenda[index].name {
                changes.append(.phaseRenamed(phase: index, name: name, over: s.phaseNameSetter(index)))
            }
            if let seconds = try seconds.map({ n throws(QuipuError) in try plannedSeconds(n) }), seconds != s.agenda[index].plannedSeconds {
                changes += try decideClock(.adjustPhase(seconds: seconds - s.agenda[index].plannedSeconds, phase: index))
            }
            guard !changes.isEmpty else { throw QuipuError("nothing to change: phase {n} is already so", ["n": .number(index + 1)]) }
            return changes
        case let .addPhase(at, new):
            guard at >= first, at <= s.agenda.count else {
                if at > s.agenda.count {
                    throw QuipuError("the agenda has {count} phases; a new one goes at {last} at the latest",
                                     ["count": .number(s.agenda.count), "last": .number(s.agenda.count + 1)])
                }
                throw QuipuError("a new phase goes after the phases that have run (from position {first})", ["first": .number(first + 1)])
            }
            return [.phaseAdded(at: at, Phase(name: try cleanText(new.name, what: "phase name"),
                                              plannedSeconds: try plannedSeconds(new.plannedSeconds)))]
        case let .removePhase(index):
            let index = try toCome(index, "removed")
            guard s.agenda.count > 1 else { throw QuipuError("the agenda needs at least one phase") }
            return [.phaseRemoved(phase: index)]
        case let .movePhase(index, to):
            let index = try toCome(index, "moved")
            guard to != index else { throw QuipuError("phase {n} is already there", ["n": .number(index + 1)]) }
            _ = try toCome(to, "moved")
            return [.phaseMoved(phase: index, to: to)]
        default:
            preconditionFailure("decide routes only agenda commands here")
        }
    }

    private func plannedSeconds(_ seconds: Int64) throws(QuipuError) -> Int64 {
        guard seconds >= 60, seconds <= 24 * 3600, seconds % 60 == 0 else {
            throw QuipuError("a phase lasts a whole number of minutes from 1 to 1440")
        }
        return seconds
    }
}

extension Session {
    /// The fold of agenda edits. Decide allows them only on phases that never ran, so no time
    /// recorded in the clock moves; the guards keep a hand-edited journal harmless.
    mutating func evolveAgenda(_ change: Change, by event: EventID) {
        clock.ensureCapacity(agenda.count)
        if phaseNameSetters.count != agenda.count { phaseNameSetters = Array(repeating: nil, count: agenda.count) }
        switch change {
        case let .phaseRenamed(phase, name, over):
            guard agenda.indices.contains(phase) else { return }
            // Renamed over a name its writer had not seen (two laptops): the later kept, the other shown.
            if let over, let previous = phaseNameSetter(phase), previous != over, name != agenda[phase].name {
                conflicts.append(EditConflict(item: "phase \(phase + 1)", field: "name", kept: name, lost: agenda[phase].name,
                                              keptBy: event, lostBy: previous))
            }
            agenda[phase].name = name
            phaseNameSetters[phase] = event
        case let .phaseAdded(at, phase):
            guard at >= 0, at <= agenda.count else { return }
            agenda.insert(phase, at: at)
            phaseNameSetters.insert(event, at: at)
            clock.elapsedMilliseconds.insert(0, at: at)
            if let current = clock.phase, at <= current, clock.state != .finished { clock.phase = current + 1 }
        case let .phaseRemoved(phase):
            guard agenda.indices.contains(phase), agenda.count > 1, phase != clock.phase || clock.state == .finished else { return }
            agenda.remove(at: phase)
            phaseNameSetters.remove(at: phase)
            clock.elapsedMilliseconds.remove(at: phase)
            if let current = clock.phase, phase < current { clock.phase = current - 1 }
            if let current = clock.phase, current >= agenda.count { clock.phase = agenda.count - 1 }
        case let .phaseMoved(phase, to):
            guard agenda.indices.contains(phase), agenda.indices.contains(to), clock.phase.map({ $0 < min(phase, to) }) ?? true
            else { return }
            agenda.insert(agenda.remove(at: phase), at: to)
            phaseNameSetters.insert(phaseNameSetters.remove(at: phase), at: to)
            clock.elapsedMilliseconds.insert(clock.elapsedMilliseconds.remove(at: phase), at: to)
        default:
            return
        }
    }
}
