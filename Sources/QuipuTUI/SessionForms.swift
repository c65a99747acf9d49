import QuipuCore

// A session set up from the screens as fully as with `quipu new`: the new-session form on home
// (a), and the session-details form (E) that changes them later.

/// Everything `quipu new` asks for, as typed in the new-session form.
public struct NewSession: Equatable, Sendable {
    public var title: String
    public var initiative = ""
    public var facilitator = ""
    public var rapporteur = ""
    /// A template, a custom agenda's name or an inline agenda; nil is the default template.
    public var agenda: String?
    /// The agenda scaled to this many minutes in total.
    public var minutes: Int?

    public init(title: String, initiative: String = "", facilitator: String = "", rapporteur: String = "",
                agenda: String? = nil, minutes: Int? = nil) {
        self.title = title
        self.initiative = initiative
        self.facilitator = facilitator
        self.rapporteur = rapporteur
        self.agenda = agenda
        self.minutes = minutes
    }
}

extension Form {
    /// The new-session form: the initiative completes from the folder's initiatives (→), so
    /// carry-over and the plenary find the session under the name the others have.
    static func newSession(initiatives: [String]) -> Form {
        Form(title: "New session", purpose: .newSession, fields: [
            Field(label: "Title"),
            Field(label: "Initiative", required: false, placeholder: "the partnership initiative (→ completes a known one)",
                  completions: initiatives),
            Field(label: "Facilitator", required: false, placeholder: "who runs the session (optional)"),
            Field(label: "Rapporteur", required: false, placeholder: "who reports to plenary (optional)"),
            Field(label: "Agenda", required: false, placeholder: "breakout-90, roundtable-45, a custom agenda, or Intro:10,Talk:30",
                  completions: AgendaTemplate.templates.keys.sorted()),
            Field(label: "Minutes", required: false, placeholder: "scale the agenda to this total (optional)"),
        ])
    }

    /// The session's details as they are, to change.
    static func sessionDetails(_ s: Session, initiatives: [String]) -> Form {
        Form(title: "Session details", purpose: .editSession, fields: [
            Field(label: "Title", input: TextField(s.title)),
            Field(label: "Initiative", input: TextField(s.initiative), required: false, completions: initiatives),
            Field(label: "Facilitator", input: TextField(s.facilitator), required: false),
            Field(label: "Rapporteur", input: TextField(s.rapporteur), required: false),
        ])
    }
}

extension Form {
    /// `W`: who is at this terminal's keyboard, so the timeline and the other terminals name them.
    static func writerName(_ current: String) -> Form {
        Form(title: "Who is at this keyboard? Your changes here are recorded under this name", purpose: .writerName,
             fields: [Field(label: "Name", input: TextField(current), placeholder: "your name, as the timeline should show it")])
    }
}

extension AppModel {
    /// The initiatives of the folder's sessions, each once, most used first.
    var knownInitiatives: [String] {
        var counts: [String: Int] = [:]
        for s in summaries where !s.initiative.isEmpty { counts[s.initiative, default: 0] += 1 }
        return counts.keys.sorted { (counts[$0]!, $1) > (counts[$1]!, $0) }
    }

    func submitSessionForm(_ form: Form, _ values: FormValues) throws(QuipuError) -> [Effect] {
        switch form.purpose {
        case .newSession:
            var minutes: Int?
            if let text = values.optional("Minutes")?.trimmed {
                guard let n = Int(text), n > 0 else {
                    throw QuipuError("minutes must be a whole number above 0, not \"\(text)\"")
                }
                minutes = n
            }
            return [.createSession(NewSession(title: values["Title"], initiative: values["Initiative"].trimmed,
                                              facilitator: values["Facilitator"].trimmed, rapporteur: values["Rapporteur"].trimmed,
                                              agenda: values.optional("Agenda")?.trimmed, minutes: minutes))]
        case .editSession:
            return [.perform(.editSession(title: values["Title"], initiative: values["Initiative"],
                                          facilitator: values["Facilitator"], rapporteur: values["Rapporteur"]))]
        case .writerName:
            let name = values["Name"].trimmed
            guard name.count <= 100 else { throw QuipuError("a name of at most 100 characters, please") }
            return [.setWriterName(name)]
        default:
            return []
        }
    }
}
