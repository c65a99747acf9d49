public struct Phase: Equatable, Sendable {
    public var name: String
    public var plannedSeconds: Int64
    public init(name: String, plannedSeconds: Int64) {
        self.name = name
        self.plannedSeconds = plannedSeconds
    }
}


/// Agenda templates and inline agendas (`"Intro:10,Discuss:30,Close:5"`).
public enum AgendaTemplate {
    public static let templates: [String: [Phase]] = [
        "breakout-90": [
            Phase(name: "Opening & introductions", plannedSeconds: 10 * 60),
            Phase(name: "Prioritize areas of action", plannedSeconds: 25 * 60),
            Phase(name: "Programme & project ideas", plannedSeconds: 25 * 60),
            Phase(name: "Workplan, roles & responsibilities", plannedSeconds: 20 * 60),
            Phase(name: "Wrap-up & conclusions for plenary", plannedSeconds: 10 * 60),
        ],
        "roundtable-45": [
            Phase(name: "Opening", plannedSeconds: 5 * 60),
            Phase(name: "Round of statements", plannedSeconds: 20 * 60),
            Phase(name: "Discussion", plannedSeconds: 15 * 60),
            Phase(name: "Conclusions", plannedSeconds: 5 * 60),
        ],
    ]

    public static let defaultName = "breakout-90"

    /// The built-in templates' phase names as messages, so a session created in Spanish or
    /// French gets its phases named in its language (QuipuStore's `resolveAgenda`). Once created,
    /// a name is the record's, never translated again.
    public static let phaseNames: [String: Message] = [
        "Opening & introductions": Message("Opening & introductions", context: "a phase of an agenda template"),
        "Prioritize areas of action": Message("Prioritize areas of action", context: "a phase of an agenda template"),
        "Programme & project ideas": Message("Programme & project ideas", context: "a phase of an agenda template"),
        "Workplan, roles & responsibilities": Message("Workplan, roles & responsibilities", context: "a phase of an agenda template"),
        "Wrap-up & conclusions for plenary": Message("Wrap-up & conclusions for plenary", context: "a phase of an agenda template"),
        "Opening": Message("Opening", context: "a phase of an agenda template"),
        "Round of statements": Message("Round of statements", context: "a phase of an agenda template"),
        "Discussion": Message("Discussion", context: "a phase of an agenda template"),
        "Conclusions": Message("Conclusions", context: "a phase of an agenda template"),
    ]

    /// A template name or an inline agenda, optionally scaled to a total number of minutes.
    public static func resolve(_ spec: String?, minutes: Int? = nil) throws(QuipuError) -> [Phase] {
        let text = (spec ?? defaultName).trimmingSpaces
        var phases: [Phase]
        if let template = templates[text] {
            phases = template
        } else if text.contains(":") {
            phases = []
            for (index, part) in text.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
                guard let colon = part.lastIndex(of: ":") else {
                    throw QuipuError("agenda phase {n} \"{part}\" needs the form Name:minutes", ["n": .number(index + 1), "part": .text(String(part))])
                }
                let name = String(part[..<colon]).trimmingSpaces
                let minutesText = String(part[part.index(after: colon)...]).trimmingSpaces
                guard !name.isEmpty else { throw QuipuError("agenda phase {n} has an empty name", ["n": .number(index + 1)]) }
                guard let m = Int(minutesText), m > 0, m <= 24 * 60 else {
                    throw QuipuError("agenda phase \"{name}\" needs a whole number of minutes from 1 to 1440, not \"{minutes}\"", ["name": .text(name), "minutes": .text(minutesText)])
                }
                phases.append(Phase(name: name, plannedSeconds: Int64(m) * 60))
            }
        } else {
            let known = templates.keys.sorted().joined(separator: ", ")
            throw QuipuError("unknown agenda \"{agenda}\": use a template ({templates}) or an inline agenda such as \"Intro:10,Discuss:30,Close:5\"", ["agenda": .text(text), "templates": .text(known)])
        }
        if let minutes { phases = try scale(phases, toMinutes: minutes) }
        return phases
    }

    /// The agenda spread over exactly `minutes` (the time the room has), in whole minutes and in
    /// proportion to the phases' planned time: each phase gets its share rounded down (at least a
    /// minute), and the minutes left over go to the largest remainders, earlier phases first on a
    /// tie. Refused when the phases cannot have a minute each, never quietly made longer.
    public static func scale(_ phases: [Phase], toMinutes minutes: Int) throws(QuipuError) -> [Phase] {
        guard minutes > 0, minutes <= 24 * 60 else { throw QuipuError("--minutes must be from 1 to 1440") }
        let planned = phases.reduce(0) { $0 + $1.plannedSeconds }
        guard planned > 0, !phases.isEmpty else { return phases }
        guard minutes >= phases.count else {
            throw QuipuError("--minutes {minutes} is too short for this agenda: its {phases} phases add up to {planned} minutes, and each needs at least one (give --minutes {phases} or more, or a shorter agenda)",
                             ["minutes": .number(minutes), "phases": .number(phases.count), "planned": .number(Int(planned / 60))])
        }
        let total = Int64(minutes)
        // In minutes: phase i's exact share is planned[i] * total / planned.
        var share = phases.map { max(1, $0.plannedSeconds * total / planned) }
        var assigned = share.reduce(0, +)
        if assigned < total {
            let byRemainder = phases.indices.sorted { a, b in
                let (ra, rb) = (phases[a].plannedSeconds * total % planned, phases[b].plannedSeconds * total % planned)
                return ra != rb ? ra > rb : a < b
            }
            for i in byRemainder.prefix(Int(total - assigned)) { share[i] += 1 }
            assigned = total
        }
        // Phases raised to their one minute took it from the others: from the furthest above their share.
        while assigned > total {
            let i = phases.indices.filter { share[$0] > 1 }.max { a, b in
                let (ea, eb) = (share[a] * planned - phases[a].plannedSeconds * total, share[b] * planned - phases[b].plannedSeconds * total)
                return ea != eb ? ea < eb : a < b
            }!
            share[i] -= 1
            assigned -= 1
        }
        return zip(phases, share).map { Phase(name: $0.name, plannedSeconds: $1 * 60) }
    }
}
