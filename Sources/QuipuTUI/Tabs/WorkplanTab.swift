import QuipuCore
import QuipuText

// The Workplan tab (5): roles and actions. a adds an action, Enter moves it open → in progress →
// done, e edits, d drops; r assigns a role, x unassigns one; c carries over the open actions of
// the initiative's previous session.

extension AppModel {
    mutating func handleWorkplanKey(_ key: Key, _ session: Session) -> [Effect]? {
        switch key {
        case .char("a"):
            openForm(.make(.addAction))
        case .char("r"):
            openForm(.make(.assignRole))
        case .enter:
            guard let id = selection[.workplan] ?? rowIDs(.workplan).first, let action = session.action(id) else { return [] }
            let next: ActionStatus = switch action.status {
            case .open: .inProgress
            case .inProgress: .done
            case .done, .dropped: .open
            }
            return perform(.setActionStatus(id: action.id, status: next))
        case .char("e"):
            guard let a = selectedAction(session) else {
                refuseForm(tr("Edit action"), because: tr("no action to edit: the workplan is empty; a adds one"))
                return []
            }
            openForm(Form(title: tr("Edit {id}", ["id": a.id]), purpose: .editAction(id: a.id), fields: [
                Form.Field(id: "Action", label: tr("Action", context: "a form field"), input: TextField(a.text)),
                Form.Field(id: "Owner", label: tr("Owner", context: "a form field"), input: TextField(ownerText(a.owner, session))),
                Form.Field(id: "Due", label: tr("Due", context: "a form field"), input: TextField(a.due ?? ""), required: false,
                           placeholder: tr("YYYY-MM-DD or YYYY-MM")),
                Form.Field(id: "Idea", label: tr("Idea", context: "a form field"), input: TextField(a.idea ?? ""), required: false,
                           placeholder: "I3"),
                Form.Field(id: "Supporters", label: tr("Supporters", context: "a form field"),
                           input: TextField(a.supporters.map { ownerText($0, session) }.joined(separator: ", ")),
                           required: false, placeholder: tr("names, P-ids or organisations, separated by commas")),
            ]))
        case .char("d"):
            let a = selectedAction(session)
            if let a, a.status == .dropped {
                refuseForm(tr("Drop action"), because: tr("{id} is already dropped; Enter reopens it", ["id": a.id]))
                return []
            }
            ask(tr("Drop {id} \"{text}\"? Enter reopens it later.", ["id": a?.id ?? "", "text": truncate(a?.text ?? "", toWidth: 40)]),
                a.map { .setActionStatus(id: $0.id, status: .dropped) }, title: tr("Drop action"),
                nothing: tr("no action to drop: the list is empty"))
        case .char("c"):
            guard writable() else { return [] }
            confirmation = Confirmation(question: tr("Carry over the open actions of the latest earlier session of this initiative?"),
                                        effects: [.carryOver])
        case .char("x"):
            guard let last = session.roles.last else {
                refuseForm(tr("Unassign role"), because: tr("no role is assigned; r assigns one"))
                return []
            }
            openForm(Form(title: tr("Unassign role"), purpose: .unassignRole, fields: [
                Form.Field(id: "Role", label: tr("Role", context: "a form field"), input: TextField(last.role)),
                Form.Field(id: "Holder", label: tr("Holder", context: "a form field"), input: TextField(ownerText(last.holder, session))),
            ]))
        default:
            return nil
        }
        return []
    }

    /// The Workplan tab's forms, submitted.
    func submitWorkplanForm(_ form: Form, _ values: FormValues) -> [Effect] {
        switch form.purpose {
        case .addAction:
            return [.perform(.addAction(text: values["Action"], owner: values["Owner"], due: values.optional("Due")?.trimmed,
                                        idea: values.optional("Idea")?.trimmed, supporters: supporters(values["Supporters"])))]
        case .editAction(let id):
            // Only what was changed in the form is sent: an owner carried over by name, who is not
            // on this roster, stays as it is while the due date alone is changed.
            guard let s = log?.state, let a = s.action(id) else { return [] }
            func changed(_ label: String, from shown: String) -> String? { values[label] == shown ? nil : values[label] }
            let shownSupporters = a.supporters.map { ownerText($0, s) }.joined(separator: ", ")
            return [.perform(.editAction(id: id, text: changed("Action", from: a.text), owner: changed("Owner", from: ownerText(a.owner, s)),
                                         due: changed("Due", from: a.due ?? ""), idea: changed("Idea", from: a.idea ?? ""),
                                         supporters: changed("Supporters", from: shownSupporters).map(supporters)))]
        case .assignRole:
            return [.perform(.assignRole(role: values["Role"], holder: values["Holder"]))]
        case .unassignRole:
            return [.perform(.unassignRole(role: values["Role"], holder: values["Holder"]))]
        default:
            return []
        }
    }

    func selectedAction(_ s: Session) -> Action? {
        selectedIndex(.workplan).map { visibleActions(s)[$0] }
    }

    /// How a form shows a holder, owner or supporter: the participant's id (unambiguous), or the text.
    /// `Ana Lima, P3, org:UNEP`: one supporter per comma.
    private func supporters(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    func ownerText(_ who: String, _ s: Session) -> String {
        s.participant(who)?.id ?? who
    }

    func drawWorkplan(_ session: Session, now: Timestamp, in area: Area, into buffer: inout CellBuffer) {
        var y = area.y
        let rolesHeading = tr("Roles", context: "a heading")
        buffer.put(rolesHeading, x: 1, y: y, style: Styles.heading)
        let rolesX = max(8, displayWidth(rolesHeading) + 3)
        let roles = session.roles.map { tr("{role}: {holder}", ["role": $0.role, "holder": session.displayName($0.holder)]) }
            .joined(separator: " · ")
        let roleLines = roles.isEmpty ? [tr("none yet — r assigns one", context: "roles")] : wrap(roles, width: area.width - 4 - (rolesX - 8))
        for line in roleLines.prefix(3) {
            buffer.put(line, x: rolesX, y: y, style: roles.isEmpty ? Styles.muted : .plain)
            y += 1
        }
        y += 1
        let actionsArea = Area(x: area.x, y: y, width: area.width, height: area.y + area.height - y)
        guard !session.actions.isEmpty else {
            explain([tr("No actions yet."), tr("Press a to add one: what, owner, due date. Enter moves it open → in progress → done.")],
                    in: actionsArea, into: &buffer)
            return
        }
        let columns = [
            Column(title: tr("ID", context: "a column"), width: idColumnWidth(session.actions.lazy.map(\.id))),
            Column(title: tr("Action", context: "a column"), width: 10, flex: 2),
            Column(title: tr("Owner", context: "a column"), width: 8, flex: 1),
            Column(title: tr("Due", context: "a column"), width: 12),
            Column(title: tr("Status", context: "a column"), width: 11),
        ]
        let actions = visibleActions(session)
        let list = ListKey(version: logVersion, filter: filters[.workplan] ?? "")
        buffer.wrappedTable(columns, count: actions.count, row: { actionRow(actions[$0], session, now: now) },
                            wrapColumn: 1, maxLines: 2, selected: selectedIndex(.workplan), in: actionsArea,
                            remembered: isShown(session) ? (derived.actionLines, list) : nil)
    }

    /// The Workplan tab's rows, in due order: overdue actions marked with `!` and in the warning style.
    func actionRows(_ session: Session, now: Timestamp) -> [TableRow] {
        visibleActions(session).map { actionRow($0, session, now: now) }
    }

    /// One row of the Workplan tab.
    func actionRow(_ a: Action, _ session: Session, now: Timestamp) -> TableRow {
        let overdue = a.isOverdue(at: now)
        var owner = session.displayName(a.owner)
        if !a.supporters.isEmpty { owner += " +" + String(a.supporters.count) }
        let text = a.text + (a.carriedFrom != nil ? " " + tr("(carried over)") : "")
        return TableRow(cells: [a.id, text, owner, (a.due ?? "—") + (overdue ? " !" : ""), actionStatusName(a.status)],
                        style: a.status == .done || a.status == .dropped ? Styles.muted : overdue ? Styles.warning : .plain)
    }
}

/// An action's status in the screens' language (`rawValue` is the journal's word).
func actionStatusName(_ status: ActionStatus) -> String {
    switch status {
    case .open: tr("open", context: "an action's status")
    case .inProgress: tr("in-progress", context: "an action's status")
    case .done: tr("done", context: "an action's status")
    case .dropped: tr("dropped", context: "an action's status")
    }
}
