import QuipuCore
import QuipuText

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
    /// The code of the language its reports are written in (`es`, `fr`); nil for English.
    public var language: String?

    public init(title: String, initiative: String = "", facilitator: String = "", rapporteur: String = "",
                agenda: String? = nil, minutes: Int? = nil, language: String? = nil) {
        self.title = title
        self.initiative = initiative
        self.facilitator = facilitator
        self.rapporteur = rapporteur
        self.agenda = agenda
        self.minutes = minutes
        self.language = language
    }
}

extension Form {
    /// The new-session form: the initiative completes from the folder's initiatives (→), so
    /// carry-over and the plenary find the session under the name the others have. The
    /// language of its reports is chosen with Tab, the screens' language at first.
    static func newSession(initiatives: [String]) -> Form {
        var form = Form(title: tr("New session"), purpose: .newSession, fields: [
            Field(id: "Title", label: tr("Title", context: "a form field")),
            Field(id: "Initiative", label: tr("Initiative", context: "a form field"), required: false,
                  placeholder: tr("the partnership initiative (→ completes a known one)"), completions: initiatives),
            Field(id: "Facilitator", label: tr("Facilitator", context: "a form field"), required: false,
                  placeholder: tr("who runs the session (optional)")),
            Field(id: "Rapporteur", label: tr("Rapporteur", context: "a form field"), required: false,
                  placeholder: tr("who reports to plenary (optional)")),
            Field(id: "Agenda", label: tr("Agenda", context: "a form field"), required: false,
                  placeholder: tr("breakout-90, roundtable-45, a custom agenda, or Intro:10,Talk:30"),
                  completions: AgendaTemplate.templates.keys.sorted()),
            Field(id: "Minutes", label: tr("Minutes", context: "a form field"), required: false,
                  placeholder: tr("scale the agenda to this total (optional)")),
        ])
        form.chooseLanguage(Language.current.code)
        return form
    }

    /// The session's details as they are, to change (the reports' language with Tab).
    static func sessionDetails(_ s: Session, initiatives: [String]) -> Form {
        var form = Form(title: tr("Session details"), purpose: .editSession, fields: [
            Field(id: "Title", label: tr("Title", context: "a form field"), input: TextField(s.title)),
            Field(id: "Initiative", label: tr("Initiative", context: "a form field"), input: TextField(s.initiative),
                  required: false, completions: initiatives),
            Field(id: "Facilitator", label: tr("Facilitator", context: "a form field"), input: TextField(s.facilitator),
                  required: false),
            Field(id: "Rapporteur", label: tr("Rapporteur", context: "a form field"), input: TextField(s.rapporteur),
                  required: false),
        ])
        form.chooseLanguage(s.language ?? Language.english.code)
        return form
    }

    /// The reports' language as the form's choice: every language Quipu speaks, each by its own
    /// name (`Español`, `Français`), `code` chosen (a code without a catalogue is kept as it is).
    mutating func chooseLanguage(_ code: String) {
        var codes = Language.available.map(\.code)
        if !codes.contains(code) { codes.append(code) }
        choiceLabel = tr("Language", context: "the language of a session's reports")
        choiceIDs = codes
        choices = codes.map { code in Language.available.first { $0.code == code }?.name ?? code }
        choice = codes.firstIndex(of: code) ?? 0
    }
}

extension Form {
    /// `W`: who is at this terminal's keyboard, so the timeline and the other terminals name them.
    static func writerName(_ current: String) -> Form {
        Form(title: tr("Who is at this keyboard? Your changes here are recorded under this name"), purpose: .writerName,
             fields: [Field(id: "Name", label: tr("Name", context: "a form field"), input: TextField(current),
                            placeholder: tr("your name, as the timeline should show it"))])
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
                    throw QuipuError("minutes must be a whole number above 0, not \"{text}\"", ["text": .text(text)])
                }
                minutes = n
            }
            return [.createSession(NewSession(title: values["Title"], initiative: values["Initiative"].trimmed,
                                              facilitator: values["Facilitator"].trimmed, rapporteur: values["Rapporteur"].trimmed,
                                              agenda: values.optional("Agenda")?.trimmed, minutes: minutes,
                                              language: form.chosen == Language.english.code || form.chosen.isEmpty ? nil : form.chosen))]
        case .editSession:
            // The language is sent only when it was changed, so an edit of the title alone is one.
            let was = log?.state.language ?? Language.english.code
            return [.perform(.editSession(title: values["Title"], initiative: values["Initiative"],
                                          facilitator: values["Facilitator"], rapporteur: values["Rapporteur"],
                                          language: form.chosen.isEmpty || form.chosen == was ? nil : form.chosen))]
        case .writerName:
            let name = values["Name"].trimmed
            guard name.count <= 100 else { throw QuipuError("a name of at most 100 characters, please") }
            return [.setWriterName(name)]
        default:
            return []
        }
    }
}
