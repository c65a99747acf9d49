import QuipuCore
import QuipuText

/// A small form at the bottom of the screen: one or more labelled text fields, at most one
/// choice (cycled with Tab), confirmed with Enter and cancelled with Esc.
struct Form: Equatable, Sendable {
    enum Purpose: Equatable, Sendable {
        case newSession
        case editSession
        case addPhase(at: Int)
        case editPhase(index: Int)
        case addIdea
        case editIdea(id: String)
        case addParticipant
        case castBallot
        case decideTie(vote: String)
        case openVote
        case tallyHands
        case addAction
        case assignRole
        case editParticipant(id: String)
        case linkIdea(id: String)
        case mergeIdea(id: String)
        case editAction(id: String)
        case unassignRole
        /// A stand-in for a form that cannot open (the reason): it keeps what is typed.
        case refused(String)
        /// Who is at this terminal's keyboard (`W`).
        case writerName
    }

    struct Field: Equatable, Sendable {
        /// What the form's code looks the value up by (`values["title"]`): the same in every
        /// language, while the label shown is translated.
        var id: String
        var label: String
        var input = TextField()
        var required = true
        var placeholder = ""
        /// Offered as the text is typed (the folder's initiatives): → at the end takes it.
        var completions: [String] = []

        /// The first completion that starts with what is typed (in any capitals) and is longer.
        var completion: String? {
            let typed = input.text.lowercased()
            guard !typed.isEmpty else { return nil }
            return completions.first { $0.count > typed.count && $0.lowercased().hasPrefix(typed) }
        }
    }

    var title: String
    var purpose: Purpose
    var fields: [Field]
    var focus = 0
    /// A value chosen by cycling (an idea's kind, a participant's role), with its label.
    var choiceLabel: String?
    /// The choices as shown (translated).
    var choices: [String] = []
    /// The values the choices stand for (`area`, `observer`, `es`), when they differ from the
    /// words shown: `chosen` gives these.
    var choiceIDs: [String] = []
    var choice = 0

    static func make(_ purpose: Purpose, text: String = "") -> Form {
        switch purpose {
        case .newSession, .editSession, .addPhase, .editPhase:
            return Form(title: "", purpose: purpose, fields: [Field(label: "")]) // built by SessionForms.swift and the Agenda tab
        case .addIdea:
            return Form(title: tr("Add idea"), purpose: purpose,
                        fields: [Field(id: "Idea", label: tr("Idea", context: "a form field"),
                                       placeholder: tr("paste several lines to add one idea per line")),
                                 Field(id: "By", label: tr("By", context: "who proposed an idea"), required: false,
                                       placeholder: tr("name or P1; org:NAME for an organisation (optional)")),
                                 Field(id: "Area", label: tr("Area", context: "a form field"), required: false,
                                       placeholder: tr("I1, for a programme or project (optional)"))],
                        choiceLabel: tr("Kind", context: "an idea's kind"), choices: IdeaKind.allCases.map(ideaKindName),
                        choiceIDs: IdeaKind.allCases.map(\.rawValue))
        case .addParticipant:
            return Form(title: tr("Add participant"), purpose: purpose,
                        fields: [Field(id: "Name", label: tr("Name", context: "a form field")),
                                 Field(id: "Organisation", label: tr("Organisation", context: "a form field"), required: false),
                                 Field(id: "Group", label: tr("Group", context: "a stakeholder group"), required: false,
                                       placeholder: tr("government, NGO, research… (optional)")),
                                 Field(id: "Country", label: tr("Country", context: "a form field"), required: false,
                                       placeholder: tr("PE, Peru… (optional)"))],
                        choiceLabel: tr("Role", context: "member or observer"),
                        choices: [tr("member", context: "a participant's role"), tr("observer", context: "a participant's role")],
                        choiceIDs: ["member", "observer"])
        case .openVote:
            return openVote()
        case .tallyHands:
            return Form(title: tr("Show of hands"), purpose: purpose,
                        fields: [Field(id: "Counts", label: tr("Counts", context: "a form field"), placeholder: "I1=12 I2=7"),
                                 Field(id: "Group", label: tr("Group", context: "a stakeholder group"), required: false,
                                       placeholder: tr("stakeholder group, e.g. government, NGO (optional)"))])
        case .addAction:
            return Form(title: tr("Add action"), purpose: purpose,
                        fields: [Field(id: "Action", label: tr("Action", context: "a form field")),
                                 Field(id: "Owner", label: tr("Owner", context: "a form field"),
                                       placeholder: tr("name or P1; org:NAME for an organisation not on the roster")),
                                 Field(id: "Due", label: tr("Due", context: "a form field"), required: false,
                                       placeholder: tr("YYYY-MM-DD or YYYY-MM (optional)")),
                                 Field(id: "Idea", label: tr("Idea", context: "a form field"), required: false,
                                       placeholder: tr("the idea it carries out, like I3 (optional)")),
                                 Field(id: "Supporters", label: tr("Supporters", context: "a form field"), required: false,
                                       placeholder: tr("names, P-ids or org:NAME, separated by commas (optional)"))])
        case .editIdea, .editParticipant, .linkIdea, .mergeIdea, .editAction, .unassignRole, .refused:
            return Form(title: "", purpose: purpose, fields: [Field(label: "")]) // built by the capture forms
        case .castBallot, .decideTie:
            return Form(title: "", purpose: purpose, fields: [Field(label: "")]) // built by the Vote tab
        case .writerName:
            return writerName("")
        case .assignRole:
            return Form(title: tr("Assign role"), purpose: purpose,
                        fields: [Field(id: "Role", label: tr("Role", context: "a form field"),
                                       placeholder: tr("lead, co-lead, focal point, rapporteur…")),
                                 Field(id: "Holder", label: tr("Holder", context: "a form field"),
                                       placeholder: tr("name or P1; org:NAME for an organisation not on the roster"))])
        }
    }

    enum Outcome: Equatable {
        case editing, cancelled
        /// Enter on a required field left empty: nothing is submitted, and the person is told.
        case missing(Field)
        case submitted(FormValues)
    }

    /// Enter submits once every required field has text; until then it moves to the first
    /// empty one, so a one-field answer is one Enter and a longer form fills top to bottom.
    mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .up: focus = max(0, focus - 1)
        case .down: focus = min(fields.count - 1, focus + 1)
        case .tab where !choices.isEmpty: choice = (choice + 1) % choices.count
        case .backTab where !choices.isEmpty: choice = (choice + choices.count - 1) % choices.count
        case .tab: focus = (focus + 1) % fields.count
        case .backTab: focus = (focus + fields.count - 1) % fields.count
        case .right where fields[focus].input.cursor == fields[focus].input.characters.count && fields[focus].completion != nil:
            fields[focus].input = TextField(fields[focus].completion!)
        default:
            switch fields[focus].input.handle(key) {
            case .cancelled: return .cancelled
            case .confirmed:
                if let missing = fields.firstIndex(where: { $0.required && $0.input.text.trimmed.isEmpty }) {
                    // Enter moves on to the next field to fill; on the empty field itself it says why.
                    if missing == focus { return .missing(fields[missing]) }
                    focus = missing
                    return .editing
                }
                return .submitted(FormValues(fields.map { ($0.id, $0.input.text) }))
            case .editing, .ignored: break
            }
        }
        return .editing
    }

    /// The value of the choice made (its id when the choices shown are translated words).
    var chosen: String {
        if choiceIDs.indices.contains(choice) { return choiceIDs[choice] }
        return choices.isEmpty ? "" : choices[choice]
    }

    /// The idea, participant or action this form edits, if it edits one.
    var editedID: String? {
        switch purpose {
        case let .editIdea(id), let .editParticipant(id), let .editAction(id): id
        default: nil
        }
    }

    var hint: String {
        var parts = [tr("Enter save"), tr("Esc cancel")]
        if fields.count > 1 { parts.insert(tr("↑↓ field"), at: 0) }
        if let choiceLabel { parts.insert(tr("Tab {choice}", ["choice": choiceLabel.lowercased()]), at: 0) }
        else if fields.count > 1 { parts.insert(tr("Tab next"), at: 0) }
        return parts.joined(separator: " · ")
    }
}

/// What a submitted form holds, by field id (`values["Owner"]`, in any language), as typed.
struct FormValues: Equatable, Sendable {
    private var texts: [String: String] = [:]

    init(_ fields: [(id: String, text: String)]) {
        for field in fields { texts[field.id] = field.text }
    }

    /// The text of the field with this id ("" when the form has none).
    subscript(_ id: String) -> String { texts[id] ?? "" }

    /// The text, or nil when the field was left empty (or the form has none).
    func optional(_ id: String) -> String? {
        let text = self[id]
        return text.trimmed.isEmpty ? nil : text
    }
}

extension Form.Field {
    /// A field whose id is its label (forms not yet given ids of their own).
    init(label: String, input: TextField = TextField(), required: Bool = true, placeholder: String = "",
         completions: [String] = []) {
        self.init(id: label, label: label, input: input, required: required, placeholder: placeholder, completions: completions)
    }
}

/// An idea's kind in words of the screens' language (`area` → `área`, `axe`).
func ideaKindName(_ kind: IdeaKind) -> String {
    switch kind {
    case .area: tr("area", context: "an idea's kind")
    case .programme: tr("programme", context: "an idea's kind")
    case .project: tr("project", context: "an idea's kind")
    case .note: tr("note", context: "an idea's kind")
    }
}

/// A yes/no question before something hard to take back.
///
/// The answer keys: `n` or Esc is no in every language; yes is `y` in every language and also
/// the language's own letter (`s` for sí, `o` for oui), which the question shows (`s/n`, `o/n`).
/// Any other key is refused in words while the question is up: it never runs as a command.
struct Confirmation: Equatable, Sendable {
    var question: String
    var effects: [Effect]
    /// The effects are the open form's save (a ballot replacing one): yes saves and then closes
    /// it as any save does; no leaves the form open with its text.
    var submitsForm = false
}

extension Confirmation {
    /// The screens' language's own yes key (`y`, `s`, `o`): never `n`, which is no.
    static var yesKey: Character {
        let letter = tr("y", context: "the key that answers yes to a question").lowercased()
        guard letter.count == 1, let c = letter.first, c != "n", c.isLetter else { return "y" }
        return c
    }

    static func isYes(_ key: Key) -> Bool {
        guard case .char(let c) = key else { return false }
        let lower = c.lowercased()
        return lower == "y" || lower == String(yesKey)
    }

    static func isNo(_ key: Key) -> Bool {
        key == .char("n") || key == .char("N") || key == .escape
    }

    /// The keys shown after a question: `y/n`, `s/n`, `o/n`.
    static var keys: String { tr("y/n", context: "the keys that answer a question") }

    /// The footer while a question is up.
    static var footer: String { tr("y yes · n or Esc no") }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}

/// `I3:2 I1` (or `I3:2,I1`): a dot ballot, a bare id meaning one dot.
func parseDots(_ text: String) throws(QuipuError) -> [Ballot.Choice] {
    var choices: [Ballot.Choice] = []
    for part in text.split(whereSeparator: { $0 == " " || $0 == "," }) {
        let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
        guard pieces.count <= 2, !pieces[0].isEmpty else {
            throw QuipuError("\"{choice}\" is not a choice; write IDEA:DOTS, like I3:2, or just I3 for one dot",
                             ["choice": .text(String(part))])
        }
        var points = 1
        if pieces.count == 2 {
            guard let n = Int(pieces[1]) else {
                throw QuipuError("\"{choice}\" needs a whole number of dots after the colon, like I3:2",
                                 ["choice": .text(String(part))])
            }
            points = n
        }
        choices.append(Ballot.Choice(idea: canonicalEntityID(String(pieces[0])), points: points))
    }
    guard !choices.isEmpty else { throw QuipuError("name at least one idea, like I3:2 I1") }
    return choices
}
