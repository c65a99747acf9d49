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
                    throw QuipuError("agenda phase \(index + 1) \"\(part)\" needs the form Name:minutes")
                }
                let name = String(part[..<colon]).trimmingSpaces
                let minutesText = String(part[part.index(after: colon)...]).trimmingSpaces
                guard !name.isEmpty else { throw QuipuError("agenda phase \(index + 1) has an empty name") }
                guard let m = Int(minutesText), m > 0, m <= 24 * 60 else {
                    throw QuipuError("agenda phase \"\(name)\" needs a whole number of minutes from 1 to 1440, not \"\(minutesText)\"")
                }
                phases.append(Phase(name: name, plannedSeconds: Int64(m) * 60))
            }
        } else {
            let known = templates.keys.sorted().joined(separator: ", ")
            throw QuipuError("unknown agenda \"\(text)\": use a template (\(known)) or an inline agenda such as \"Intro:10,Discuss:30,Close:5\"")
        }
        if let minutes {
            guard minutes > 0, minutes <= 24 * 60 else { throw QuipuError("--minutes must be from 1 to 1440") }
            phases = scale(phases, toSeconds: Int64(minutes) * 60)
        }
        return phases
    }

    /// Spreads a total over phases in proportion to their planned time, in whole minutes where
    /// possible, so the parts add up exactly to the total.
    public static func scale(_ phases: [Phase], toSeconds total: Int64) -> [Phase] {
        let planned = phases.reduce(0) { $0 + $1.plannedSeconds }
        guard planned > 0, !phases.isEmpty else { return phases }
        var result = phases
        var assigned: Int64 = 0
        for i in result.indices {
            if i == result.count - 1 {
                result[i].plannedSeconds = max(60, total - assigned)
            } else {
                let share = (phases[i].plannedSeconds * total / planned + 30) / 60 * 60
                result[i].plannedSeconds = max(60, share)
                assigned += result[i].plannedSeconds
            }
        }
        return result
    }
}
