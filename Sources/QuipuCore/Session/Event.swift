/// Identifies an event on its own, wherever its line ends up: the writer that made it and that
/// writer's sequence number. Two copies of a session appended on different machines can be
/// merged line by line because no two writers share an id.
public struct EventID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var seq: Int
    public var writer: String

    public init(seq: Int, writer: String) {
        self.seq = seq
        self.writer = writer
    }

    /// Replay order: by sequence number, then writer. It does not depend on the order of lines.
    public static func < (a: EventID, b: EventID) -> Bool {
        a.seq != b.seq ? a.seq < b.seq : a.writer < b.writer
    }

    /// `12@k3f9`
    public var description: String { "\(seq)@\(writer)" }

    public init?(_ text: String) {
        guard let at = text.firstIndex(of: "@"), let seq = Int(text[..<at]), seq > 0 else { return nil }
        let writer = String(text[text.index(after: at)...])
        guard EventID.isValidWriter(writer) else { return nil }
        self.init(seq: seq, writer: writer)
    }

    /// The writers that are one person's, for undo: a command-line writer (`c`, seven letters or
    /// digits for the user and machine, four for the command: twelve in all) belongs with the
    /// user's other commands; any other writer (a run of the screens) is a family of its own.
    public static func family(of writer: String) -> Substring {
        writer.utf8.count == 12 && writer.hasPrefix("c") ? writer.prefix(8) : writer[...]
    }

    /// Writer ids are 1–16 characters of `a-z0-9`.
    public static func isValidWriter(_ writer: String) -> Bool {
        !writer.isEmpty && writer.utf8.count <= 16
            && writer.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }
    }
}

/// One line of the journal: who made which change when.
public struct Event: Equatable, Sendable {
    public var id: EventID
    public var at: Timestamp
    public var change: Change

    public init(id: EventID, at: Timestamp, change: Change) {
        self.id = id
        self.at = at
        self.change = change
    }
}

/// A field of an event as it is written: a key and a text value. Order is kept.
public struct Field: Equatable, Sendable {
    public var key: String
    public var value: String
    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// The generic, written form of a change: its kind and its fields.
public struct Record: Equatable, Sendable {
    public var kind: String
    public var fields: [Field]
    public init(kind: String, fields: [Field]) {
        self.kind = kind
        self.fields = fields
    }

    init(_ kind: EventKind, _ fields: [Field]) {
        self.init(kind: kind.rawValue, fields: fields)
    }

    public func value(_ key: String) -> String? { fields.first { $0.key == key }?.value }
    public func values(_ key: String) -> [String] { fields.filter { $0.key == key }.map(\.value) }
}

/// Everything that can happen to a session. `evolve` applies any of these without failing.
public enum Change: Equatable, Sendable {
    /// `device`: the device that created the session, whose journal is `<id>.txt` (docs/FORMAT.md,
    /// "Several devices"); nil in journals written before 1.1.
    /// `language` (since 1.1): the code of the language the session's reports are written in
    /// (`es`); nil means English. Only reports read it: the journal itself stays in no language.
    indirect case sessionCreated(title: String, initiative: String, facilitator: String, rapporteur: String, agenda: [Phase],
                                 device: String? = nil, language: String? = nil)
    /// New title, initiative, facilitator or rapporteur; nil leaves one as it was.
    /// `over` (since 1.1): for each field set, the event whose value it replaces (see `ideaEdited`).
    /// `language`: a new report language (see `sessionCreated`).
    case sessionEdited(title: String?, initiative: String?, facilitator: String?, rapporteur: String?,
                       over: [String: EventID]? = nil, language: String? = nil)
    /// `over` (since 1.1): the event whose name of that phase this replaces (see `ideaEdited`).
    case phaseRenamed(phase: Int, name: String, over: EventID? = nil)
    /// A phase inserted before `at` (`at` equal to the number of phases appends it).
    indirect case phaseAdded(at: Int, Phase)
    case phaseRemoved(phase: Int)
    /// A phase still to come moved to position `to` (counted after it is taken out).
    case phaseMoved(phase: Int, to: Int)
    case timerStarted
    case timerPaused
    case timerResumed
    /// Move to a phase; an index equal to the number of phases finishes the clock.
    case phaseChanged(to: Int)
    case phaseAdjusted(phase: Int, seconds: Int64)
    /// New planned seconds for phases `from`, `from+1`, …; the session's budget stays.
    case agendaRespread(from: Int, seconds: [Int64])
    case warningSwitched(ClockWarning, on: Bool)
    /// A warning was shown (bell, flash, words) in a phase; it does not fire again.
    case warningGiven(ClockWarning, phase: Int)
    indirect case participantAdded(Participant)
    /// `over` (since 1.1): for each field set (`present`, `role`), the event whose value it
    /// replaces (see `ideaEdited`).
    case participantUpdated(id: String, present: Bool?, observer: Bool?, over: [String: EventID]? = nil)
    /// Name, organisation, group or country changed; nil leaves a field as it was.
    /// `over` (since 1.1): for each field set, the event whose value it replaces (see `ideaEdited`).
    indirect case participantEdited(id: String, name: String?, organisation: String?, group: StakeholderGroup?, country: String?,
                                    over: [String: EventID]? = nil)
    /// Off the roster; ballots and actions that name the participant keep the name.
    case participantRemoved(id: String)
    indirect case ideaAdded(Idea)
    /// `over`: the event whose text this replaces (since 1.1), as its writer saw the idea; when
    /// another replaced that text meanwhile (on another laptop), the later one in replay order
    /// wins and the other is kept as a conflict.
    case ideaEdited(id: String, text: String, over: EventID? = nil)
    /// A new kind or proposer (nil leaves it; an empty proposer clears it).
    /// `over` (since 1.1): for each field set (`kind`, `by`), the event whose value it replaces
    /// (see `ideaEdited`).
    case ideaSet(id: String, kind: IdeaKind?, by: String?, over: [String: EventID]? = nil)
    case ideaWithdrawn(id: String)
    /// Links a programme or project idea to an area, or unlinks it (area nil).
    case ideaLinked(id: String, area: String?)
    /// A duplicate folded into the surviving idea: links, open votes and actions follow it.
    case ideaMerged(id: String, into: String)
    indirect case voteOpened(Vote)
    case ballotCast(vote: String, ballot: Ballot)
    /// `voters` is written for an anonymous vote (see SecretBallot.swift).
    /// `seen`: the ballots (their events) the closing writer had folded; one it had not (cast on
    /// another laptop, merged later) is late: listed, not counted. Nil in journals before 1.1.
    case voteClosed(id: String, voters: [String]? = nil, seen: [EventID]? = nil)
    /// Counts from a show of hands; a later tally for the same group (or none) replaces it.
    case handsTallied(vote: String, tally: HandTally)
    /// A ballot taken out of an open vote (entered for the wrong person, say): the voter's
    /// ballot no longer counts; the voter may cast again.
    case ballotRemoved(vote: String, by: String)
    /// The facilitator's choice among the candidates tied for first in a closed vote whose
    /// tie-break is `facilitator`, with the reason given.
    case tieDecided(vote: String, idea: String, reason: String)
    /// A late ballot of a closed vote (`ballot`: the event that cast it) counted after all, as
    /// the facilitator decided.
    case lateBallotAccepted(vote: String, ballot: EventID)
    /// `over` (since 1.1): the event that last changed that role's holders as its writer saw
    /// them (or the session's creation): a role changed at once on two laptops is a conflict.
    case roleAssigned(RoleAssignment, over: EventID? = nil)
    case roleUnassigned(RoleAssignment, over: EventID? = nil)
    indirect case actionAdded(Action)
    /// `over` (since 1.1): the event whose status this replaces (see `ideaEdited`).
    case actionStatusChanged(id: String, status: ActionStatus, over: EventID? = nil)
    /// New text, owner, due date, idea and supporters for an action; its status stays.
    /// `over` (since 1.1): for each field changed (`text`, `owner`, `due`, `idea`, `supporters`), the
    /// event whose value it replaces; only those fields are set (see `ideaEdited`). Without it
    /// (1.0) every field is set.
    indirect case actionEdited(Action, over: [String: EventID]? = nil)
    /// An open action of an earlier session brought into this one; `action.carriedFrom` names it.
    indirect case actionCarried(Action)
    case sessionClosed
    case sessionReopened
    /// Cancels an earlier event; undoing an undo is a redo.
    case undo(target: EventID)
    /// Who is at the keyboard of the writer of this line (a terminal, a command-line user), so
    /// the timeline and other terminals name people, not writer ids.
    case writerJoined(name: String)
    /// A kind this version does not know: kept and reported, otherwise ignored.
    case unknown(Record)

    /// Adds, removes or moves a phase: every phase index after it shifts.
    var reshapesAgenda: Bool {
        switch self {
        case .phaseAdded, .phaseRemoved, .phaseMoved: true
        default: false
        }
    }

    /// Starts, stops or moves the clock between phases.
    var movesClock: Bool {
        switch self {
        case .timerStarted, .timerPaused, .timerResumed, .phaseChanged: true
        default: false
        }
    }

    /// Timer changes are reversed by their own keys (pause, previous phase, `-`), not by undo:
    /// the room's time really passed.
    public var isUndoable: Bool {
        switch self {
        case .sessionCreated, .timerStarted, .timerPaused, .timerResumed, .phaseChanged, .phaseAdjusted,
             .warningGiven, .undo, .writerJoined, .unknown:
            return false
        default:
            return true
        }
    }
}

// MARK: - The written form of each change

extension Change {
    public var record: Record {
        func f(_ key: String, _ value: String?) -> [Field] { value.map { [Field(key, $0)] } ?? [] }
        switch self {
        case let .sessionCreated(title, initiative, facilitator, rapporteur, agenda, device, language):
            return Record(.sessionCreate, [Field("title", title)] + f("initiative", initiative)
                + f("facilitator", facilitator) + f("rapporteur", rapporteur)
                + agenda.map { Field("phase", "\($0.plannedSeconds) \($0.name)") } + f("device", device) + f("lang", language))
        case let .sessionEdited(title, initiative, facilitator, rapporteur, over, language):
            return Record(.sessionEdit, f("title", title) + f("initiative", initiative) + f("facilitator", facilitator)
                + f("rapporteur", rapporteur) + f("lang", language) + f("over", over.map(Change.overText)))
        case let .phaseRenamed(phase, name, over):
            return Record(.phaseRename, [Field("phase", String(phase)), Field("name", name)] + f("over", over?.description))
        case let .phaseAdded(at, phase):
            return Record(.phaseAdd, [Field("phase", String(at)), Field("seconds", String(phase.plannedSeconds)),
                                      Field("name", phase.name)])
        case let .phaseRemoved(phase): return Record(.phaseRemove, [Field("phase", String(phase))])
        case let .phaseMoved(phase, to): return Record(.phaseMove, [Field("phase", String(phase)), Field("to", String(to))])
        case .timerStarted: return Record(.timerStart, [])
        case .timerPaused: return Record(.timerPause, [])
        case .timerResumed: return Record(.timerResume, [])
        case let .phaseChanged(to): return Record(.phaseGoto, [Field("phase", String(to))])
        case let .phaseAdjusted(phase, seconds):
            return Record(.phaseAdjust, [Field("phase", String(phase)), Field("seconds", String(seconds))])
        case let .agendaRespread(from, seconds):
            return Record(.agendaRespread, [Field("from", String(from)),
                                                            Field("seconds", seconds.map(String.init).joined(separator: ","))])
        case let .warningSwitched(warning, on):
            return Record(.warningSet, [Field("kind", warning.rawValue), Field("on", on ? "yes" : "no")])
        case let .warningGiven(warning, phase):
            return Record(.warningGiven, [Field("kind", warning.rawValue), Field("phase", String(phase))])
        case let .participantAdded(p):
            return Record(.participantAdd, [Field("id", p.id), Field("name", p.name)]
                + f("org", p.organisation.isEmpty ? nil : p.organisation) + [Field("group", p.group.rawValue)]
                + f("country", p.country.isEmpty ? nil : p.country)
                + [Field("role", p.observer ? "observer" : "member"), Field("present", p.present ? "yes" : "no")])
        case let .participantUpdated(id, present, observer, over):
            return Record(.participantSet, [Field("id", id)]
                + f("present", present.map { $0 ? "yes" : "no" })
                + f("role", observer.map { $0 ? "observer" : "member" }) + f("over", over.map(Change.overText)))
        case let .ideaAdded(i):
            return Record(.ideaAdd, [Field("id", i.id), Field("kind", i.kind.rawValue), Field("text", i.text)]
                + f("by", i.by) + f("area", i.area))
        case let .ideaEdited(id, text, over):
            return Record(.ideaEdit, [Field("id", id), Field("text", text)] + f("over", over?.description))
        case let .ideaSet(id, kind, by, over):
            return Record(.ideaSet, [Field("id", id)] + f("kind", kind?.rawValue) + f("by", by) + f("over", over.map(Change.overText)))
        case let .participantEdited(id, name, organisation, group, country, over):
            return Record(.participantEdit, [Field("id", id)] + f("name", name) + f("org", organisation)
                + f("group", group?.rawValue) + f("country", country) + f("over", over.map(Change.overText)))
        case let .participantRemoved(id): return Record(.participantRemove, [Field("id", id)])
        case let .ideaLinked(id, area): return Record(.ideaLink, [Field("id", id), Field("area", area ?? "")])
        case let .ideaMerged(id, into): return Record(.ideaMerge, [Field("id", id), Field("into", into)])
        case let .roleUnassigned(r, over):
            return Record(.roleUnassign, [Field("role", r.role), Field("holder", r.holder)] + f("over", over?.description))
        case let .actionEdited(a, over):
            return Record(.actionEdit, [Field("id", a.id), Field("text", a.text), Field("owner", a.owner),
                                                        Field("due", a.due ?? ""), Field("idea", a.idea ?? "")]
                + a.supporters.map { Field("supporter", $0) } + f("over", over.map(Change.overText)))
        case let .actionCarried(a):
            return Record(.actionCarry, [Field("id", a.id), Field("text", a.text), Field("owner", a.owner)]
                + f("due", a.due) + [Field("status", a.status.rawValue)] + a.supporters.map { Field("supporter", $0) }
                + [Field("from", a.carriedFrom ?? "")])
        case let .ideaWithdrawn(id): return Record(.ideaWithdraw, [Field("id", id)])
        case let .voteOpened(v):
            return Record(.voteOpen, [Field("id", v.id), Field("method", v.method.rawValue),
                                                      Field("dots", String(v.dotsPerMember))]
                + f("max-per-item", v.maxPerItem.map(String.init))
                + [Field("candidates", v.candidates.joined(separator: ",")),
                   Field("eligible", v.eligible.joined(separator: ","))]
                + f("hide-results", v.hideResults ? "yes" : nil) + f("anonymous", v.anonymous ? "yes" : nil)
                + f("ballot-key", v.ballotKey)
                + f("tie-break", v.tieBreak == .none ? nil : v.tieBreak.rawValue) + f("runoff-of", v.runoffOf))
        case let .ballotCast(vote, ballot):
            return Record(.voteCast, [
                Field("vote", vote), Field("by", ballot.by),
                Field("choices", ballot.choices.map { "\($0.idea):\($0.points)" }.joined(separator: ",")),
                Field("binding", ballot.binding ? "yes" : "no"),
            ])
        case let .voteClosed(id, voters, seen):
            return Record(.voteClose, [Field("id", id)] + f("seen", seen?.map(\.description).joined(separator: ","))
                + f("voters", voters?.joined(separator: ",")))
        case let .handsTallied(vote, tally):
            return Record(.voteTally, [Field("vote", vote)] + f("group", tally.group?.rawValue)
                + [Field("counts", tally.counts.map { "\($0.idea):\($0.points)" }.joined(separator: ","))])
        case let .ballotRemoved(vote, by): return Record(.voteUncast, [Field("vote", vote), Field("by", by)])
        case let .tieDecided(vote, idea, reason):
            return Record(.voteDecide, [Field("vote", vote), Field("idea", idea), Field("reason", reason)])
        case let .lateBallotAccepted(vote, ballot):
            return Record(.voteAccept, [Field("vote", vote), Field("ballot", ballot.description)])
        case let .roleAssigned(r, over):
            return Record(.roleAssign, [Field("role", r.role), Field("holder", r.holder)] + f("over", over?.description))
        case let .actionAdded(a):
            return Record(.actionAdd, [Field("id", a.id), Field("text", a.text), Field("owner", a.owner)]
                + f("due", a.due) + f("idea", a.idea) + [Field("status", a.status.rawValue)]
                + a.supporters.map { Field("supporter", $0) })
        case let .actionStatusChanged(id, status, over):
            return Record(.actionStatus, [Field("id", id), Field("status", status.rawValue)] + f("over", over?.description))
        case .sessionClosed: return Record(.sessionClose, [])
        case .sessionReopened: return Record(.sessionReopen, [])
        case let .undo(target): return Record(.undo, [Field("target", target.description)])
        case let .writerJoined(name): return Record(.writerJoin, [Field("name", name)])
        case let .unknown(record): return record
        }
    }

    /// Reads a change back from its written form. Throws with the offending key for a known kind
    /// whose fields are wrong; an unknown kind is kept as `.unknown`.
    public init(record r: Record) throws(FieldError) {
        guard let kind = EventKind.lookup(r.kind) else {
            self = .unknown(r)
            return
        }
        try self.init(record: r, kind: kind)
    }

    /// Reads a change of a kind already looked up (the line parser has it from its own table).
    public init(record r: Record, kind: EventKind) throws(FieldError) {
        func req(_ key: String) throws(FieldError) -> String {
            guard let v = r.value(key) else { throw FieldError(key: key, message: Message("{kind} needs {field}=", ["kind": .text(r.kind), "field": .text(key)])) }
            return v
        }
        func int(_ key: String) throws(FieldError) -> Int {
            let text = try req(key)
            guard let v = Int(text) else { throw FieldError(key: key, message: Message("{field} must be a whole number, not \"{value}\"", ["field": .text(key), "value": .text(text)])) }
            return v
        }
        func yesNo(_ key: String) throws(FieldError) -> Bool? {
            guard let v = r.value(key) else { return nil }
            switch v {
            case "yes": return true
            case "no": return false
            default: throw FieldError(key: key, message: Message("{field} must be yes or no, not \"{value}\"", ["field": .text(key), "value": .text(v)]))
            }
        }
        func observer(_ key: String) throws(FieldError) -> Bool? {
            guard let v = r.value(key) else { return nil }
            switch v {
            case "observer": return true
            case "member": return false
            default: throw FieldError(key: key, message: Message("{field} must be member or observer, not \"{value}\"", ["field": .text(key), "value": .text(v)]))
            }
        }
        func optionalGroup(_ key: String) throws(FieldError) -> StakeholderGroup? {
            guard let text = r.value(key) else { return nil }
            guard let g = StakeholderGroup(loose: text) else {
                throw FieldError(key: key, message: Message("unknown stakeholder group \"{value}\"", ["value": .text(text)]))
            }
            return g
        }
        func list(_ key: String) throws(FieldError) -> [String] {
            try req(key).commaSeparated()
        }
        func id(_ key: String) throws(FieldError) -> String {
            let v = try req(key)
            guard !v.isEmpty else { throw FieldError(key: key, message: Message("{field} is empty", ["field": .text(key)])) }
            return v
        }
        func warning() throws(FieldError) -> ClockWarning {
            let text = try req("kind")
            guard let warning = ClockWarning(rawValue: text) else {
                throw FieldError(key: "kind", message: Message("unknown warning \"{value}\"; use phase-5, phase-1 or session-10", ["value": .text(text)]))
            }
            return warning
        }
        switch kind {
        case .sessionCreate:
            var phases: [Phase] = []
            for text in r.values("phase") {
                guard let space = text.firstIndex(of: " "), let seconds = Int64(text[..<space]), seconds > 0 else {
                    throw FieldError(key: "phase", message: Message("phase must be \"SECONDS NAME\", not \"{value}\"", ["value": .text(text)]))
                }
                phases.append(Phase(name: String(text[text.index(after: space)...]), plannedSeconds: seconds))
            }
            self = .sessionCreated(title: try req("title"), initiative: r.value("initiative") ?? "",
                                   facilitator: r.value("facilitator") ?? "", rapporteur: r.value("rapporteur") ?? "",
                                   agenda: phases, device: r.value("device"), language: try r.value("lang").map(Change.languageCode))
        case .sessionEdit:
            self = .sessionEdited(title: r.value("title"), initiative: r.value("initiative"), facilitator: r.value("facilitator"),
                                  rapporteur: r.value("rapporteur"), over: try r.value("over").map(Change.parseOver),
                                  language: try r.value("lang").map(Change.languageCode))
        case .phaseRename: self = .phaseRenamed(phase: try int("phase"), name: try req("name"), over: try Change.overEvent(r))
        case .phaseAdd:
            let seconds = try int("seconds")
            guard seconds > 0 else { throw FieldError(key: "seconds", message: Message("seconds must be more than 0")) }
            self = .phaseAdded(at: try int("phase"), Phase(name: try req("name"), plannedSeconds: Int64(seconds)))
        case .phaseRemove: self = .phaseRemoved(phase: try int("phase"))
        case .phaseMove: self = .phaseMoved(phase: try int("phase"), to: try int("to"))
        case .timerStart: self = .timerStarted
        case .timerPause: self = .timerPaused
        case .timerResume: self = .timerResumed
        case .phaseGoto: self = .phaseChanged(to: try int("phase"))
        case .phaseAdjust: self = .phaseAdjusted(phase: try int("phase"), seconds: Int64(try int("seconds")))
        case .agendaRespread:
            let text = try req("seconds")
            let seconds = text.split(separator: ",", omittingEmptySubsequences: false).map { Int64($0) }
            guard !seconds.isEmpty, seconds.allSatisfy({ ($0 ?? 0) > 0 }) else {
                throw FieldError(key: "seconds", message: Message("seconds must be whole numbers above 0 separated by commas, not \"{value}\"", ["value": .text(text)]))
            }
            self = .agendaRespread(from: try int("from"), seconds: seconds.map { $0! })
        case .warningSet:
            guard let on = try yesNo("on") else { throw FieldError(key: "on", message: Message("warning.set needs on=")) }
            self = .warningSwitched(try warning(), on: on)
        case .warningGiven:
            self = .warningGiven(try warning(), phase: try int("phase"))
        case .participantAdd:
            let groupText = r.value("group") ?? "other"
            guard let group = StakeholderGroup(loose: groupText) else {
                throw FieldError(key: "group", message: Message("unknown stakeholder group \"{value}\"", ["value": .text(groupText)]))
            }
            self = .participantAdded(Participant(
                id: try id("id"), name: try req("name"), organisation: r.value("org") ?? "", group: group,
                country: r.value("country") ?? "", observer: try observer("role") ?? false,
                present: try yesNo("present") ?? true))
        case .participantSet:
            self = .participantUpdated(id: try id("id"), present: try yesNo("present"), observer: try observer("role"),
                                       over: try r.value("over").map(Change.parseOver))
        case .ideaAdd:
            let kindText = try req("kind")
            guard let kind = IdeaKind(rawValue: kindText) else {
                throw FieldError(key: "kind", message: Message("unknown idea kind \"{value}\"", ["value": .text(kindText)]))
            }
            self = .ideaAdded(Idea(id: try id("id"), text: try req("text"), kind: kind, by: r.value("by"),
                                   area: r.value("area"), withdrawn: false))
        case .ideaEdit:
            var over: EventID?
            if let text = r.value("over") {
                guard let event = EventID(text) else { throw FieldError(key: "over", message: Message("over must be SEQ@WRITER, not \"{value}\"", ["value": .text(text)])) }
                over = event
            }
            self = .ideaEdited(id: try id("id"), text: try req("text"), over: over)
        case .ideaSet:
            var kind: IdeaKind?
            if let text = r.value("kind") {
                guard let k = IdeaKind(rawValue: text) else { throw FieldError(key: "kind", message: Message("unknown idea kind \"{value}\"", ["value": .text(text)])) }
                kind = k
            }
            self = .ideaSet(id: try id("id"), kind: kind, by: r.value("by"), over: try r.value("over").map(Change.parseOver))
        case .participantEdit:
            var group: StakeholderGroup?
            if let text = r.value("group") {
                guard let g = StakeholderGroup(loose: text) else {
                    throw FieldError(key: "group", message: Message("unknown stakeholder group \"{value}\"", ["value": .text(text)]))
                }
                group = g
            }
            self = .participantEdited(id: try id("id"), name: r.value("name"), organisation: r.value("org"),
                                      group: group, country: r.value("country"), over: try r.value("over").map(Change.parseOver))
        case .participantRemove: self = .participantRemoved(id: try id("id"))
        case .ideaLink:
            let area = try req("area")
            self = .ideaLinked(id: try id("id"), area: area.isEmpty ? nil : area)
        case .ideaMerge: self = .ideaMerged(id: try id("id"), into: try id("into"))
        case .roleUnassign:
            self = .roleUnassigned(RoleAssignment(role: try id("role"), holder: try id("holder")), over: try Change.overEvent(r))
        case .actionEdit:
            let due = try req("due"), idea = try req("idea")
            self = .actionEdited(Action(id: try id("id"), text: try req("text"), owner: try req("owner"),
                                        due: due.isEmpty ? nil : due, idea: idea.isEmpty ? nil : idea,
                                        supporters: r.values("supporter")), over: try r.value("over").map(Change.parseOver))
        case .actionCarry:
            let statusText = r.value("status") ?? "open"
            guard let status = ActionStatus(rawValue: statusText) else {
                throw FieldError(key: "status", message: Message("unknown action status \"{value}\"", ["value": .text(statusText)]))
            }
            self = .actionCarried(Action(id: try id("id"), text: try req("text"), owner: try req("owner"),
                                         due: r.value("due"), idea: nil, status: status,
                                         supporters: r.values("supporter"), carriedFrom: try id("from")))
        case .ideaWithdraw: self = .ideaWithdrawn(id: try id("id"))
        case .voteOpen:
            let methodText = try req("method")
            guard let method = VoteMethod(rawValue: methodText) else {
                throw FieldError(key: "method", message: Message("unknown vote method \"{value}\"", ["value": .text(methodText)]))
            }
            let maxPerItem: Int? = r.value("max-per-item") == nil ? nil : try int("max-per-item")
            var vote = Vote(id: try id("id"), method: method, dotsPerMember: try int("dots"),
                            maxPerItem: maxPerItem, candidates: try list("candidates"),
                            eligible: r.value("eligible").map { $0.commaSeparated() } ?? [],
                            status: .open, ballots: [])
            vote.hideResults = try yesNo("hide-results") ?? false
            vote.anonymous = try yesNo("anonymous") ?? false
            vote.ballotKey = r.value("ballot-key")
            if let text = r.value("tie-break") {
                guard let rule = TieBreak(rawValue: text) else {
                    throw FieldError(key: "tie-break", message: Message("tie-break must be none, facilitator or runoff, not \"{value}\"", ["value": .text(text)]))
                }
                vote.tieBreak = rule
            }
            vote.runoffOf = r.value("runoff-of")
            self = .voteOpened(vote)
        case .voteCast:
            var choices: [Ballot.Choice] = []
            for part in try list("choices") {
                guard let colon = part.firstColon(), let points = Int(part[part.index(after: colon)...]) else {
                    throw FieldError(key: "choices", message: Message("choice \"{value}\" must be IDEA:POINTS", ["value": .text(part)]))
                }
                choices.append(Ballot.Choice(idea: String(part[..<colon]), points: points))
            }
            self = .ballotCast(vote: try id("vote"), ballot: Ballot(by: try id("by"), choices: choices,
                                                                      binding: try yesNo("binding") ?? true))
        case .voteClose:
            var seen: [EventID]?
            if let text = r.value("seen") {
                seen = try text.commaSeparated().map { (item: String) throws(FieldError) -> EventID in
                    guard let event = EventID(item) else { throw FieldError(key: "seen", message: Message("seen lists SEQ@WRITER, not \"{value}\"", ["value": .text(item)])) }
                    return event
                }
            }
            self = .voteClosed(id: try id("id"), voters: r.value("voters").map { $0.commaSeparated() }, seen: seen)
        case .voteTally:
            var counts: [Ballot.Choice] = []
            for part in try list("counts") {
                guard let colon = part.firstColon(), let n = Int(part[part.index(after: colon)...]), n >= 0 else {
                    throw FieldError(key: "counts", message: Message("count \"{value}\" must be IDEA:COUNT", ["value": .text(part)]))
                }
                counts.append(Ballot.Choice(idea: String(part[..<colon]), points: n))
            }
            self = .handsTallied(vote: try id("vote"), tally: HandTally(group: try optionalGroup("group"), counts: counts))
        case .voteUncast: self = .ballotRemoved(vote: try id("vote"), by: try id("by"))
        case .voteDecide: self = .tieDecided(vote: try id("vote"), idea: try id("idea"), reason: try req("reason"))
        case .voteAccept:
            let text = try req("ballot")
            guard let ballot = EventID(text) else { throw FieldError(key: "ballot", message: Message("ballot must be SEQ@WRITER, not \"{value}\"", ["value": .text(text)])) }
            self = .lateBallotAccepted(vote: try id("vote"), ballot: ballot)
        case .roleAssign:
            self = .roleAssigned(RoleAssignment(role: try id("role"), holder: try id("holder")), over: try Change.overEvent(r))
        case .actionAdd:
            let statusText = r.value("status") ?? "open"
            guard let status = ActionStatus(rawValue: statusText) else {
                throw FieldError(key: "status", message: Message("unknown action status \"{value}\"", ["value": .text(statusText)]))
            }
            self = .actionAdded(Action(id: try id("id"), text: try req("text"), owner: try req("owner"),
                                       due: r.value("due"), idea: r.value("idea"), status: status,
                                       supporters: r.values("supporter")))
        case .actionStatus:
            let statusText = try req("status")
            guard let status = ActionStatus(rawValue: statusText) else {
                throw FieldError(key: "status", message: Message("unknown action status \"{value}\"", ["value": .text(statusText)]))
            }
            var over: EventID?
            if let text = r.value("over") {
                guard let event = EventID(text) else { throw FieldError(key: "over", message: Message("over must be SEQ@WRITER, not \"{value}\"", ["value": .text(text)])) }
                over = event
            }
            self = .actionStatusChanged(id: try id("id"), status: status, over: over)
        case .sessionClose: self = .sessionClosed
        case .sessionReopen: self = .sessionReopened
        case .undo:
            let text = try req("target")
            guard let target = EventID(text) else {
                throw FieldError(key: "target", message: Message("target must be SEQ@WRITER, not \"{value}\"", ["value": .text(text)]))
            }
            self = .undo(target: target)
        case .writerJoin: self = .writerJoined(name: try req("name"))
        }
    }
}

/// A known event kind whose fields do not make sense; `key` points at the field to blame.
public struct FieldError: Error, Equatable, Sendable {
    public var key: String?
    /// What is wrong, for each language to say.
    public var reason: Message
    public init(key: String?, message: Message) {
        self.key = key
        reason = message
    }
    /// What is wrong, in English.
    public var message: String { reason.english }

    /// An English reason with no catalogue entry: give a `Message` instead, so it is translated.
    @available(*, deprecated, message: "give a Message(\"… {placeholder} …\", [...]) so the reason is translated")
    public init(key: String?, message: String) {
        self.init(key: key, message: Message(message))
    }
}

extension Change {
    /// `over` of an edit of several fields: `name:12@k3f9a2,org:3@k3f9a2`, in field order.
    static func overText(_ over: [String: EventID]) -> String {
        over.keys.sorted().map { "\($0):\(over[$0]!)" }.joined(separator: ",")
    }

    /// A language code: two or three lowercase ASCII letters (`es`, `fr`, `quz`).
    static func languageCode(_ text: String) throws(FieldError) -> String {
        guard (2...3).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isLowercase }) else {
            throw FieldError(key: "lang", message: Message("lang is a language code like es or fr, not \"{value}\"", ["value": .text(text)]))
        }
        return text
    }

    /// `over=SEQ@WRITER` of an event that sets one value; nil when absent.
    static func overEvent(_ r: Record) throws(FieldError) -> EventID? {
        guard let text = r.value("over") else { return nil }
        guard let event = EventID(text) else { throw FieldError(key: "over", message: Message("over must be SEQ@WRITER, not \"{value}\"", ["value": .text(text)])) }
        return event
    }

    static func parseOver(_ text: String) throws(FieldError) -> [String: EventID] {
        var over: [String: EventID] = [:]
        for item in text.commaSeparated() where !item.isEmpty {
            let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let event = EventID(parts[1]) else {
                throw FieldError(key: "over", message: Message("over lists FIELD:SEQ@WRITER, not \"{value}\"", ["value": .text(item)]))
            }
            over[parts[0]] = event
        }
        return over
    }
}
