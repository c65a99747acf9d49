import QuipuCore

/// The machine-readable form of a session (`show --json`, `export --format json`) and of the
/// sessions list (`list --json`). Field names and order are documented in docs/JSON.md; missing values are
/// `null`, never left out, so a consumer can rely on every key being present.
public enum JSONExport {
    public static func render(_ session: Session, at now: Timestamp) -> String {
        value(session, at: now).rendered
    }

    /// `summaries` in their order, with each of `damaged` before the first summary that comes
    /// after it by date and id.
    public static func list(_ summaries: [SessionSummary], damaged: [SessionDamage] = []) -> String {
        String(decoding: listBytes(summaries, damaged: damaged), as: UTF8.self)
    }

    /// `list` as UTF-8 bytes: ten thousand sessions are megabytes, written out without a copy.
    public static func listBytes(_ summaries: [SessionSummary], damaged: [SessionDamage] = []) -> [UInt8] {
        guard !damaged.isEmpty else { return JSONValue.renderedArrayBytes(count: summaries.count) { value(summaries[$0]) } }
        var values = summaries.map(value)
        for (at, d) in SessionDamage.positions(of: damaged, among: summaries.count, key: { (summaries[$0].date, summaries[$0].id) }).reversed() {
            values.insert(value(d), at: at)
        }
        let merged = values
        return JSONValue.renderedArrayBytes(count: merged.count) { merged[$0] }
    }

    static func value(_ s: Session, at now: Timestamp) -> JSONValue {
        let reading = s.clockReading(at: now)
        return .object([
            ("id", .string(s.id)),
            ("title", .string(s.title)),
            ("initiative", .nonEmpty(s.initiative)),
            ("status", .string(s.status.rawValue)),
            ("facilitator", .nonEmpty(s.facilitator)),
            ("rapporteur", .nonEmpty(s.rapporteur)),
            ("createdAt", .optional(s.createdAt?.iso8601)),
            ("date", .optional(s.createdAt?.date)),
            ("timer", timer(reading)),
            ("participants", .array(s.participants.map(participant))),
            ("ideas", .array(s.ideas.map(idea))),
            ("votes", .array(s.votes.map(vote))),
            ("roles", .array(s.roles.map { .object([("role", .string($0.role)), ("holder", .string($0.holder))]) })),
            ("actions", .array(s.actions.map(action))),
        ] + (s.conflicts.isEmpty ? [] : [("conflicts", .array(s.conflicts.map { c in
            .object([("item", .string(c.item)), ("field", .string(c.field)), ("kept", .string(c.kept)),
                     ("lost", .string(c.lost)), ("keptBy", .string(c.keptBy.description)),
                     ("lostBy", .string(c.lostBy.description))])
        }))]))
    }

    static func timer(_ r: ClockReading) -> JSONValue {
        .object([
            ("state", .string(r.state.rawValue)),
            ("phase", r.phase.map { .int($0) } ?? .null),
            ("phaseRemainingSeconds", .int(r.phaseRemainingSeconds)),
            ("sessionRemainingSeconds", .int(r.sessionRemainingSeconds)),
            ("totalSeconds", .int(r.totalSeconds)),
            ("behindSeconds", .int(r.behindSeconds)),
            ("phases", .array(r.phases.map {
                .object([("name", .string($0.name)), ("plannedSeconds", .int($0.plannedSeconds)),
                         ("actualSeconds", .int($0.actualSeconds))])
            })),
        ])
    }

    static func participant(_ p: Participant) -> JSONValue {
        .object([
            ("id", .string(p.id)),
            ("name", .string(p.name)),
            ("organisation", .nonEmpty(p.organisation)),
            ("group", .string(p.group.rawValue)),
            ("country", .nonEmpty(p.country)),
            ("observer", .bool(p.observer)),
            ("present", .bool(p.present)),
        ])
    }

    static func idea(_ i: Idea) -> JSONValue {
        .object([
            ("id", .string(i.id)),
            ("text", .string(i.text)),
            ("kind", .string(i.kind.rawValue)),
            ("by", .optional(i.by)),
            ("area", .optional(i.area)),
            ("withdrawn", .bool(i.withdrawn)),
            ("mergedInto", .optional(i.mergedInto)),
        ])
    }

    static func vote(_ v: Vote) -> JSONValue {
        func ranked(_ results: [RankedResult]) -> JSONValue {
            .array(results.map { .object([("idea", .string($0.idea)), ("score", .int($0.score)), ("rank", .int($0.rank))]) })
        }
        return .object([
            ("id", .string(v.id)),
            ("method", .string(v.method.rawValue)),
            ("status", .string(v.status.rawValue)),
            ("candidates", .array(v.candidates.map { .string($0) })),
            ("ballots", .int(v.ballots.count)),
            ("results", ranked(v.resultsVisible ? v.results : [])),
            ("nonBinding", ranked(v.resultsVisible ? v.nonBindingResults : [])),
        ] + voteExtras(v))
    }

    static func action(_ a: Action) -> JSONValue {
        .object([
            ("id", .string(a.id)),
            ("text", .string(a.text)),
            ("owner", .string(a.owner)),
            ("due", .optional(a.due)),
            ("status", .string(a.status.rawValue)),
            ("idea", .optional(a.idea)),
            ("supporters", .array(a.supporters.map { .string($0) })),
            ("carriedFrom", .optional(a.carriedFrom)),
        ])
    }

    static func value(_ s: SessionSummary) -> JSONValue {
        .object([
            ("id", .string(s.id)),
            ("date", .string(s.date)),
            ("title", .string(s.title)),
            ("initiative", .nonEmpty(s.initiative)),
            ("status", .string(s.status.rawValue)),
            ("durationSeconds", .int(s.durationSeconds)),
            ("plannedSeconds", .int(s.plannedSeconds)),
            ("participants", .int(s.participants)),
            ("members", .int(s.members)),
            ("observers", .int(s.observers)),
            ("ideas", .int(s.ideas)),
            ("actions", .int(s.actions)),
            ("openActions", .int(s.openActions)),
            ("topPriority", .optional(s.topPriority)),
            ("damage", .null),
            ("carriedOn", .int(s.carriedOn)),
        ])
    }

    /// A journal that could not be read: the summary's keys, status `damaged`, and why.
    static func value(_ d: SessionDamage) -> JSONValue {
        .object([
            ("id", .string(d.id)),
            ("date", .string(d.date)),
            ("title", .string("")),
            ("initiative", .null),
            ("status", .string("damaged")),
            ("durationSeconds", .int(0)),
            ("plannedSeconds", .int(0)),
            ("participants", .int(0)),
            ("members", .int(0)),
            ("observers", .int(0)),
            ("ideas", .int(0)),
            ("actions", .int(0)),
            ("openActions", .int(0)),
            ("topPriority", .null),
            ("damage", .string(d.problem)),
            ("carriedOn", .int(0)),
        ])
    }
}
