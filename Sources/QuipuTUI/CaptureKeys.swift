import QuipuCore

// Capture keys beyond add: filter ideas by kind, link and merge ideas, edit and remove
// participants, edit, drop and carry over actions, unassign roles; and pastes.

extension AppModel {
    /// Keys of the Ideas, Participants and Workplan tabs added for capture; nil when `key` is
    /// not one of them, so the tab's other keys get it.
    mutating func handleCaptureKey(_ key: Key, _ session: Session) -> [Effect]? {
        switch (tab, key) {
        case (.ideas, .char("f")):
            let kinds: [IdeaKind?] = [nil] + IdeaKind.allCases.map { $0 }
            let next = kinds[((kinds.firstIndex { $0 == ideaKindFilter } ?? 0) + 1) % kinds.count]
            ideaKindFilter = next
            note(next.map { "showing \($0.rawValue) ideas only; f shows the next kind" } ?? "showing ideas of every kind")
            return []
        case (.ideas, .char("l")):
            guard let idea = selectedIdea(session) else { return [] }
            guard idea.kind == .programme || idea.kind == .project else {
                note("only programme and project ideas link to an area; \(idea.id) is a \(idea.kind.rawValue) idea", error: true)
                return []
            }
            openForm(Form(title: "Link \(idea.id) to an area", purpose: .linkIdea(id: idea.id),
                          fields: [Form.Field(label: "Area", input: TextField(idea.area ?? ""), required: false,
                                              placeholder: "I1; empty unlinks")]))
            return []
        case (.ideas, .char("m")):
            guard let idea = selectedIdea(session) else { return [] }
            openForm(Form(title: "Merge \(idea.id) (a duplicate) into", purpose: .mergeIdea(id: idea.id),
                          fields: [Form.Field(label: "Into", placeholder: "the idea that stays, like I2")]))
            return []
        case (.participants, .char("e")):
            guard let p = selectedParticipant(session) else { return [] }
            openForm(Form(title: "Edit \(p.id)", purpose: .editParticipant(id: p.id), fields: [
                Form.Field(label: "Name", input: TextField(p.name)),
                Form.Field(label: "Organisation", input: TextField(p.organisation), required: false),
                Form.Field(label: "Group", input: TextField(p.group.rawValue), required: false,
                           placeholder: "government, NGO, research…"),
                Form.Field(label: "Country", input: TextField(p.country), required: false),
            ]))
            return []
        case (.participants, .char("d")):
            guard let p = selectedParticipant(session), writable() else { return [] }
            confirmation = Confirmation(question: "Remove \(p.id) \(p.name) from the roster? Ballots and actions keep the name.",
                                        effects: [.perform(.removeParticipant(who: p.id))])
            return []
        case (.workplan, .char("e")):
            guard let a = selectedAction(session) else { return [] }
            openForm(Form(title: "Edit \(a.id)", purpose: .editAction(id: a.id), fields: [
                Form.Field(label: "Action", input: TextField(a.text)),
                Form.Field(label: "Owner", input: TextField(ownerText(a.owner, session))),
                Form.Field(label: "Due", input: TextField(a.due ?? ""), required: false, placeholder: "YYYY-MM-DD or YYYY-MM"),
                Form.Field(label: "Idea", input: TextField(a.idea ?? ""), required: false, placeholder: "I3"),
                Form.Field(label: "Supporters", input: TextField(a.supporters.map { ownerText($0, session) }.joined(separator: ", ")),
                           required: false, placeholder: "names, P-ids or organisations, separated by commas"),
            ]))
            return []
        case (.workplan, .char("d")):
            guard let a = selectedAction(session) else { return [] }
            guard a.status != .dropped else {
                note("\(a.id) is already dropped; Enter reopens it")
                return []
            }
            return perform(.setActionStatus(id: a.id, status: .dropped))
        case (.workplan, .char("c")):
            guard writable() else { return [] }
            confirmation = Confirmation(question: "Carry over the open actions of the latest earlier session of this initiative?",
                                        effects: [.carryOver])
            return []
        case (.workplan, .char("x")):
            guard !session.roles.isEmpty else {
                note("no role is assigned; r assigns one", error: true)
                return []
            }
            let last = session.roles.last!
            openForm(Form(title: "Unassign role", purpose: .unassignRole, fields: [
                Form.Field(label: "Role", input: TextField(last.role)),
                Form.Field(label: "Holder", input: TextField(ownerText(last.holder, session))),
            ]))
            return []
        default:
            return nil
        }
    }

    func selectedAction(_ s: Session) -> Action? {
        selectedIndex(.workplan).map { visibleActions(s)[$0] }
    }

    /// How a form shows a holder, owner or supporter: the participant's id (unambiguous), or the text.
    private func ownerText(_ who: String, _ s: Session) -> String {
        s.participant(who)?.id ?? who
    }

    func submitCapture(_ form: Form, _ values: [String]) throws(QuipuError) -> [Effect] {
        switch form.purpose {
        case .editParticipant(let id):
            let groupText = values[2].trimmed
            var group = StakeholderGroup.other
            if !groupText.isEmpty {
                guard let g = StakeholderGroup(loose: groupText) else {
                    let known = StakeholderGroup.allCases.map(\.rawValue).joined(separator: ", ")
                    throw QuipuError("unknown group \"\(groupText)\"; use one of \(known)")
                }
                group = g
            }
            return [.perform(.editParticipant(who: id, name: values[0], organisation: values[1], group: group,
                                              country: values[3]))]
        case .linkIdea(let id):
            return [.perform(.linkIdea(id: id, area: values[0].trimmed.isEmpty ? nil : values[0]))]
        case .mergeIdea(let id):
            return [.perform(.mergeIdea(id: id, into: values[0]))]
        case .editAction(let id):
            let supporters = values[4].split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
            return [.perform(.editAction(id: id, text: values[0], owner: values[1], due: values[2], idea: values[3],
                                         supporters: supporters))]
        case .unassignRole:
            return [.perform(.unassignRole(role: values[0], holder: values[1]))]
        default:
            return []
        }
    }

    /// A paste of several lines into the idea field of the add-idea form adds one idea per
    /// non-empty line, each its own change. Nil for any other key or form.
    mutating func pasteLines(_ key: Key, _ form: Form) -> [Effect]? {
        guard case .paste(let text) = key, form.purpose == .addIdea, form.focus == 0 else { return nil }
        var lines = ideaLines(text)
        guard lines.count > 1 else { return nil }
        let typed = form.fields[0].input.text.trimmed
        if !typed.isEmpty { lines[0] = typed + " " + lines[0] }
        let kind = IdeaKind(rawValue: form.chosen) ?? .area
        let by = form.fields[1].input.text.trimmed
        let area = form.fields.count > 2 ? form.fields[2].input.text.trimmed : ""
        formPending = true
        return lines.map {
            .perform(.addIdea(text: $0, kind: kind, by: by.isEmpty ? nil : by, area: area.isEmpty ? nil : area))
        }
    }

    /// A paste with no form open: on the Ideas tab it adds ideas (one per line) or opens the add
    /// form with a single line in it; anywhere else it is refused. Pasted text is never keys.
    mutating func handlePaste(_ text: String) -> [Effect] {
        guard screen == .session, tab == .ideas else {
            note("a paste goes into a text field: press a (or /) first; nothing was done", error: true)
            return []
        }
        guard writable() else { return [] }
        let lines = ideaLines(text)
        guard !lines.isEmpty else { return [] }
        var form = Form.make(.addIdea)
        if lines.count == 1 {
            _ = form.fields[0].input.handle(.paste(lines[0]))
            openForm(form)
            return []
        }
        openForm(form)
        return pasteLines(.paste(text), form) ?? []
    }

    private func ideaLines(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map { String($0).trimmed }.filter { !$0.isEmpty }
    }
}
