import QuipuCore

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
    var choices: [String] = []
    var choice = 0

    static func make(_ purpose: Purpose, text: String = "") -> Form {
        switch purpose {
        case .newSession, .editSession, .addPhase, .editPhase:
            return Form(title: "", purpose: purpose, fields: [Field(label: "")]) // built by SessionForms.swift and the Agenda tab
        case .addIdea:
            return Form(title: "Add idea", purpose: purpose,
                        fields: [Field(label: "Idea", placeholder: "paste several lines to add one idea per line"),
                                 Field(label: "By", required: false, placeholder: "name or P1; org:NAME for an organisation (optional)"),
                                 Field(label: "Area", required: false, placeholder: "I1, for a programme or project (optional)")],
                        choiceLabel: "Kind", choices: IdeaKind.allCases.map(\.rawValue))
        case .addParticipant:
            return Form(title: "Add participant", purpose: purpose,
                        fields: [Field(label: "Name"),
                                 Field(label: "Organisation", required: false),
                                 Field(label: "Group", required: false,
                                       placeholder: "government, NGO, research… (optional)"),
                                 Field(label: "Country", required: false, placeholder: "PE, Peru… (optional)")],
                        choiceLabel: "Role", choices: ["member", "observer"])
        case .openVote:
            return openVote()
        case .tallyHands:
            return Form(title: "Show of hands", purpose: purpose,
                        fields: [Field(label: "Counts", placeholder: "I1=12 I2=7"),
                                 Field(label: "Group", required: false,
                                       placeholder: "stakeholder group, e.g. government, NGO (optional)")])
        case .addAction:
            return Form(title: "Add action", purpose: purpose,
                        fields: [Field(label: "Action"),
                                 Field(label: "Owner", placeholder: "name or P1; org:NAME for an organisation not on the roster"),
                                 Field(label: "Due", required: false, placeholder: "YYYY-MM-DD or YYYY-MM (optional)"),
                                 Field(label: "Idea", required: false, placeholder: "the idea it carries out, like I3 (optional)"),
                                 Field(label: "Supporters", required: false,
                                       placeholder: "names, P-ids or org:NAME, separated by commas (optional)")])
        case .editIdea, .editParticipant, .linkIdea, .mergeIdea, .editAction, .unassignRole, .refused:
            return Form(title: "", purpose: purpose, fields: [Field(label: "")]) // built by the capture forms
        case .castBallot, .decideTie:
            return Form(title: "", purpose: purpose, fields: [Field(label: "")]) // built by the Vote tab
        case .writerName:
            return writerName("")
        case .assignRole:
            return Form(title: "Assign role", purpose: purpose,
                        fields: [Field(label: "Role", placeholder: "lead, co-lead, focal point, rapporteur…"),
                                 Field(label: "Holder", placeholder: "name or P1; org:NAME for an organisation not on the roster")])
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
                return .submitted(FormValues(fields.map { ($0.label, $0.input.text) }))
            case .editing, .ignored: break
            }
        }
        return .editing
    }

    var chosen: String { choices.isEmpty ? "" : choices[choice] }

    /// The idea, participant or action this form edits, if it edits one.
    var editedID: String? {
        switch purpose {
        case let .editIdea(id), let .editParticipant(id), let .editAction(id): id
        default: nil
        }
    }

    var hint: String {
        var parts = ["Enter save", "Esc cancel"]
        if fields.count > 1 { parts.insert("↑↓ field", at: 0) }
        if let choiceLabel { parts.insert("Tab \(choiceLabel.lowercased())", at: 0) }
        else if fields.count > 1 { parts.insert("Tab next", at: 0) }
        return parts.joined(separator: " · ")
    }
}

/// What a submitted form holds, by field label (`values["Owner"]`), as typed.
struct FormValues: Equatable, Sendable {
    private var texts: [String: String] = [:]

    init(_ fields: [(label: String, text: String)]) {
        for field in fields { texts[field.label] = field.text }
    }

    /// The text of the field with this label ("" when the form has none).
    subscript(_ label: String) -> String { texts[label] ?? "" }

    /// The text, or nil when the field was left empty (or the form has none).
    func optional(_ label: String) -> String? {
        let text = self[label]
        return text.trimmed.isEmpty ? nil : text
    }
}

/// A yes/no question before something hard to take back.
struct Confirmation: Equatable, Sendable {
    var question: String
    var effects: [Effect]
    /// The effects are the open form's save (a ballot replacing one): yes saves and then closes
    /// it as any save does; no leaves the form open with its text.
    var submitsForm = false
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
            throw QuipuError("\"\(part)\" is not a choice; write IDEA:DOTS, like I3:2, or just I3 for one dot")
        }
        var points = 1
        if pieces.count == 2 {
            guard let n = Int(pieces[1]) else {
                throw QuipuError("\"\(part)\" needs a whole number of dots after the colon, like I3:2")
            }
            points = n
        }
        choices.append(Ballot.Choice(idea: canonicalEntityID(String(pieces[0])), points: points))
    }
    guard !choices.isEmpty else { throw QuipuError("name at least one idea, like I3:2 I1") }
    return choices
}
