import QuipuCore

/// A session driven through `decide` and `evolve` with an exact clock: every test says what time it is.
struct Harness {
    var log: SessionLog
    var now: Timestamp
    var seq = 0
    var writer: String

    init(agenda: [Phase]? = nil, start: Timestamp = Timestamp(year: 2026, month: 11, day: 29, hour: 14),
         writer: String = "w1") {
        self.writer = writer
        now = start
        log = SessionLog(id: "2026-11-29-watershed-management")
        try! run(.createSession(title: "Watershed management", initiative: "Watershed management",
                                facilitator: "Ana", rapporteur: "Ben",
                                agenda: agenda ?? (try! AgendaTemplate.resolve(nil))))
    }

    var state: Session { log.state }
    var reading: ClockReading { log.state.clockReading(at: now) }

    mutating func advance(minutes: Int64 = 0, seconds: Int64 = 0) {
        now = now.adding(seconds: minutes * 60 + seconds)
    }

    /// Decides and applies a command as the store would, stamping events with `now`.
    @discardableResult
    mutating func run(_ command: Command) throws(QuipuError) -> [Event] {
        let changes = try log.decide(command, by: writer)
        // One command is one step. A person's separate actions are never in the same
        // millisecond: with the test's clock standing still, each undoable one comes a
        // millisecond after this writer's last (clock events keep the exact time).
        var at = now
        func stepped(_ change: Change) -> Bool { if case .undo = change { true } else { change.isUndoable } }
        if changes.contains(where: stepped), let mine = log.events.last(where: { $0.id.writer == writer && stepped($0.change) })?.at,
           at <= mine {
            at = mine.adding(milliseconds: 1)
        }
        let events = changes.map { change -> Event in
            seq += 1
            return Event(id: EventID(seq: seq, writer: writer), at: at, change: change)
        }
        log.append(events)
        return events
    }

    /// The message a refused command gives; records an issue if it was accepted.
    mutating func refusal(_ command: Command) -> String? {
        do {
            try run(command)
            return nil
        } catch {
            return error.message
        }
    }

    mutating func addMember(_ name: String, observer: Bool = false) -> String {
        let events = try! run(.addParticipant(name: name, organisation: "", group: .government, country: "", observer: observer))
        guard case let .participantAdded(p) = events[0].change else { fatalError() }
        return p.id
    }

    mutating func addArea(_ text: String) -> String {
        let events = try! run(.addIdea(text: text, kind: .area, by: nil, area: nil))
        guard case let .ideaAdded(i) = events[0].change else { fatalError() }
        return i.id
    }
}
