import QuipuCore
import QuipuText

// The Ideas tab (2): areas of action, programme and project ideas, notes. a adds (a paste of
// several lines adds one idea per line), e or Enter edits, d withdraws, f shows one kind,
// l links a programme or project to its area, m merges a duplicate.

extension AppModel {
    /// A paste of more lines than this asks before adding one idea per line.
    static let pasteAsksAbove = 20

    mutating func handleIdeasKey(_ key: Key, _ session: Session) -> [Effect]? {
        switch key {
        case .char("a"):
            openForm(.make(.addIdea))
        case .char("e"), .enter:
            guard let idea = selectedIdea(session) else {
                // e means a form is wanted: one opens to hold the typing. Enter (pressed twice
                // after a save, say) only says so, so that the next a opens the add form.
                if key == .char("e") {
                    refuseForm(tr("Edit idea"), because: tr("no idea to edit: the list is empty; a adds one"))
                } else {
                    note(tr("no idea to edit: the list is empty; a adds one"))
                }
                return []
            }
            openForm(.editIdea(idea, in: session))
        case .char("d"):
            let idea = selectedIdea(session)
            let linked = session.ideas.filter { $0.area == idea?.id && !$0.withdrawn }.map(\.id)
            let unlinks = linked.isEmpty ? "" : " " + trn("{ids} is under it and will be unlinked.", "{ids} are under it and will be unlinked.",
                                                          count: linked.count, ["ids": linked.joined(separator: ", ")])
            ask(tr("Withdraw {id} \"{text}\"?", ["id": idea?.id ?? "", "text": idea?.text ?? ""]) + unlinks,
                idea.map { .withdrawIdea(id: $0.id) },
                title: tr("Withdraw idea"), nothing: tr("no idea to withdraw: the list is empty"))
        case .char("f"):
            let kinds: [IdeaKind?] = [nil] + IdeaKind.allCases.map { $0 }
            let next = kinds[((kinds.firstIndex { $0 == ideaKindFilter } ?? 0) + 1) % kinds.count]
            ideaKindFilter = next
            note(next.map { tr("showing {kind} ideas only; f shows the next kind", ["kind": ideaKindName($0)]) }
                 ?? tr("showing ideas of every kind"))
        case .char("l"):
            guard let idea = selectedIdea(session) else {
                refuseForm(tr("Link idea"), because: tr("no idea to link: the list is empty"))
                return []
            }
            guard idea.kind == .programme || idea.kind == .project else {
                refuseForm(tr("Link {id} to an area", ["id": idea.id]),
                           because: idea.kind == .note
                               ? tr("only programme and project ideas link to an area; {id} is a note idea", ["id": idea.id])
                               : tr("only programme and project ideas link to an area; {id} is an area idea", ["id": idea.id]))
                return []
            }
            openForm(Form(title: tr("Link {id} to an area", ["id": idea.id]), purpose: .linkIdea(id: idea.id),
                          fields: [Form.Field(id: "Area", label: tr("Area", context: "a form field"), input: TextField(idea.area ?? ""),
                                              required: false, placeholder: tr("I1; empty unlinks"))]))
        case .char("m"):
            guard let idea = selectedIdea(session) else {
                refuseForm(tr("Merge idea"), because: tr("no idea to merge: the list is empty"))
                return []
            }
            openForm(Form(title: tr("Merge {id} (a duplicate) into", ["id": idea.id]), purpose: .mergeIdea(id: idea.id),
                          fields: [Form.Field(id: "Into", label: tr("Into", context: "a form field"),
                                              placeholder: tr("the idea that stays, like I2"))]))
        default:
            return nil
        }
        return []
    }

    /// The Ideas tab's forms, submitted.
    func submitIdeaForm(_ form: Form, _ values: FormValues) -> [Effect] {
        switch form.purpose {
        case .addIdea:
            return [.perform(.addIdea(text: values["Idea"], kind: IdeaKind(rawValue: form.chosen) ?? .area,
                                      by: values.optional("By"), area: values.optional("Area")))]
        case .editIdea(let id):
            return [.perform(.reviseIdea(id: id, text: values["Idea"], kind: IdeaKind(rawValue: form.chosen),
                                         by: values["By"], area: values["Area"]))]
        case .linkIdea(let id):
            return [.perform(.linkIdea(id: id, area: values.optional("Area")))]
        case .mergeIdea(let id):
            return [.perform(.mergeIdea(id: id, into: values["Into"]))]
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
        // One paste is one step: saved together, taken back by one undo.
        let effects: [Effect] = [.perform(.batch(lines.map {
            .addIdea(text: $0, kind: kind, by: by.isEmpty ? nil : by, area: area.isEmpty ? nil : area)
        }))]
        // A paste this long is more likely the wrong clipboard than a list of ideas: ask.
        if lines.count > AppModel.pasteAsksAbove {
            self.form = nil
            confirmation = Confirmation(question: tr("The paste has {count} lines: add {count} {kind} ideas, one per line?",
                                                       ["count": String(lines.count), "kind": ideaKindName(kind)]),
                                        effects: effects)
            return []
        }
        formPending = true
        return effects
    }

    /// A paste with no form open: on the Ideas tab it adds ideas (one per line) or opens the add
    /// form with a single line in it; anywhere else it is refused. Pasted text is never keys.
    mutating func handlePaste(_ text: String) -> [Effect] {
        guard screen == .session, tab == .ideas else {
            note(tr("a paste goes into a text field: press a (or /) first; nothing was done"), error: true)
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

    func drawIdeas(_ session: Session, in area: Area, into buffer: inout CellBuffer) {
        guard !session.ideas.isEmpty else {
            explain([tr("No ideas yet."), tr("Press a to add one; Tab in the form picks the kind (area, programme, project, note).")],
                    in: area, into: &buffer)
            return
        }
        let columns = [
            Column(title: tr("ID", context: "a column"), width: idColumnWidth(session.ideas.lazy.map(\.id))),
            Column(title: tr("Kind", context: "a column"), width: 9),
            Column(title: tr("Idea", context: "a column"), width: 10, flex: 3),
            Column(title: tr("By", context: "a column: who proposed an idea"), width: 10, flex: 1),
        ]
        let ideas = visibleIdeas(session)
        let list = ListKey(version: logVersion, filter: filters[.ideas] ?? "", kind: ideaKindFilter)
        buffer.wrappedTable(columns, count: ideas.count, row: { ideaRow(ideas[$0], session) }, wrapColumn: 2,
                            selected: selectedIndex(.ideas), in: area,
                            remembered: isShown(session) ? (derived.ideaLines, list) : nil)
        if let kind = ideaKindFilter {
            let label = " " + tr("{kind} only · f", ["kind": ideaKindName(kind)]) + " "
            buffer.put(label, x: area.x + area.width - displayWidth(label) - 12, y: area.y, style: Styles.key)
        }
    }

    /// The Ideas tab's rows: merged duplicates say where they went; long ideas wrap.
    func ideaRows(_ session: Session) -> [TableRow] {
        visibleIdeas(session).map { ideaRow($0, session) }
    }

    /// One row of the Ideas tab.
    func ideaRow(_ idea: Idea, _ session: Session) -> TableRow {
        var text = idea.text
        if let area = idea.area { text += " " + tr("(under {area})", ["area": area]) }
        if let into = idea.mergedInto { text += " " + tr("(merged into {id})", ["id": into]) }
        else if idea.withdrawn { text += " " + tr("(withdrawn)", context: "an idea") }
        return TableRow(cells: [idea.id, ideaKindName(idea.kind), text, session.displayName(idea.by)],
                        style: idea.withdrawn ? Styles.muted : .plain)
    }
}

extension Form {
    /// The edit form has every field of the add form, filled in: text, proposer, area, kind.
    static func editIdea(_ idea: Idea, in s: Session) -> Form {
        let by = idea.by.map { s.participant($0) != nil ? $0 : "org:" + $0 } ?? ""
        var form = Form.make(.addIdea)
        form.title = tr("Edit {id}", ["id": idea.id])
        form.purpose = .editIdea(id: idea.id)
        form.fields[0].input = TextField(idea.text)
        form.fields[0].placeholder = ""
        form.fields[1].input = TextField(by)
        form.fields[2].input = TextField(idea.area ?? "")
        form.choice = IdeaKind.allCases.firstIndex(of: idea.kind) ?? 0
        return form
    }
}
