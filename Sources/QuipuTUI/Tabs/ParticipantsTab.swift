import QuipuCore
import QuipuText

// The Participants tab (3): the roster. a adds, x or Enter marks present or absent, o member or
// observer, e edits, d removes (ballots and actions keep the name).

extension AppModel {
    mutating func handleParticipantsKey(_ key: Key, _ session: Session) -> [Effect]? {
        switch key {
        case .char("a"):
            openForm(.make(.addParticipant))
        case .char("x"), .enter:
            guard let p = selectedParticipant(session) else { return [] }
            return perform(.setParticipant(who: p.id, present: !p.present, observer: nil))
        case .char("o"):
            guard let p = selectedParticipant(session) else { return [] }
            return perform(.setParticipant(who: p.id, present: nil, observer: !p.observer))
        case .char("e"):
            guard let p = selectedParticipant(session) else {
                refuseForm(tr("Edit participant"), because: tr("no participant to edit: the roster is empty; a adds one"))
                return []
            }
            openForm(Form(title: tr("Edit {id}", ["id": p.id]), purpose: .editParticipant(id: p.id), fields: [
                Form.Field(id: "Name", label: tr("Name", context: "a form field"), input: TextField(p.name)),
                Form.Field(id: "Organisation", label: tr("Organisation", context: "a form field"), input: TextField(p.organisation),
                           required: false),
                Form.Field(id: "Group", label: tr("Group", context: "a stakeholder group"), input: TextField(p.group.name.localized),
                           required: false, placeholder: tr("government, NGO, research…")),
                Form.Field(id: "Country", label: tr("Country", context: "a form field"), input: TextField(p.country), required: false),
            ]))
        case .char("d"):
            let p = selectedParticipant(session)
            ask(tr("Remove {id} {name} from the roster? Ballots and actions keep the name.", ["id": p?.id ?? "", "name": p?.name ?? ""]),
                p.map { .removeParticipant(who: $0.id) }, title: tr("Remove participant"),
                nothing: tr("no participant to remove: the list is empty"))
        default:
            return nil
        }
        return []
    }

    /// The Participants tab's forms, submitted.
    func submitParticipantForm(_ form: Form, _ values: FormValues) throws(QuipuError) -> [Effect] {
        var group = StakeholderGroup.other
        if let text = values.optional("Group") { group = try knownStakeholderGroup(typed: text) }
        switch form.purpose {
        case .addParticipant:
            return [.perform(.addParticipant(name: values["Name"], organisation: values["Organisation"], group: group,
                                             country: values["Country"].trimmed, observer: form.chosen == "observer"))]
        case .editParticipant(let id):
            return [.perform(.editParticipant(who: id, name: values["Name"], organisation: values["Organisation"],
                                              group: group, country: values["Country"]))]
        default:
            return []
        }
    }

    func drawParticipants(_ session: Session, in area: Area, into buffer: inout CellBuffer) {
        guard !session.participants.isEmpty else {
            explain([tr("No participants yet."), tr("Press a to add one by name; x marks present or absent, o member or observer.")],
                    in: area, into: &buffer)
            return
        }
        let columns = [
            Column(title: tr("ID", context: "a column"), width: idColumnWidth(session.participants.lazy.map(\.id))),
            Column(title: tr("Name", context: "a column"), width: 8, flex: 1),
            Column(title: tr("Organisation", context: "a column"), width: 8, flex: 1),
            // 12 wide: the short names of other languages fit it (English cuts `intergovernmental`, as always).
            Column(title: tr("Group", context: "a column: stakeholder group"), width: 12),
            Column(title: tr("Role", context: "a column: member or observer"),
                   width: max(8, displayWidth(tr("observer", context: "a participant's role")))),
            Column(title: tr("Present", context: "a column"), width: 7),
        ]
        let people = visibleParticipants(session)
        buffer.table(columns, count: people.count, row: { index in
            let p = people[index]
            return TableRow(cells: [p.id, p.name, p.organisation, groupColumnName(p.group),
                                    p.observer ? tr("observer", context: "a participant's role") : tr("member", context: "a participant's role"),
                                    p.present ? tr("yes", context: "present") : tr("absent")],
                            style: p.present ? .plain : Styles.muted)
        }, selected: selectedIndex(.participants), in: Area(x: area.x, y: area.y, width: area.width, height: area.height - 1))
        let summary = memo(derived.rosterLine, logVersion, for: session) {
            let members = session.participants.filter(\.isMember)
            return tr("{participants}: {members} ({present} present), {observers}", [
                "participants": trn("{n} participant", "{n} participants", count: session.participants.count),
                "members": trn("{n} member", "{n} members", count: members.count),
                "present": members.filter(\.present).count,
                "observers": trn("{n} observer", "{n} observers", count: session.participants.count - members.count),
            ]) + " · " + groupCountsLine(session)
        }
        buffer.putWords(summary, x: 2, y: area.y + area.height - 1, width: area.width - 3, style: Styles.muted)
    }

    /// `government 3 · NGO 2`: who is in the room by stakeholder group.
    func groupCountsLine(_ session: Session) -> String {
        session.groupCounts.map { "\($0.group.name.localized) \(formatNumber($0.count))" }.joined(separator: " · ")
    }
}

/// A stakeholder group in a narrow column: short words of the screens' language (`NGO`, `intergub.`).
func groupColumnName(_ group: StakeholderGroup) -> String {
    switch group {
    case .government: tr("government", context: "a stakeholder group, in a narrow column")
    case .intergovernmental: tr("intergovernmental", context: "a stakeholder group, in a narrow column")
    case .ngo: tr("NGO", context: "a stakeholder group, in a narrow column")
    case .majorGroup: tr("major group", context: "a stakeholder group, in a narrow column")
    case .privateSector: tr("private sector", context: "a stakeholder group, in a narrow column")
    case .research: tr("research", context: "a stakeholder group, in a narrow column")
    case .other: tr("other", context: "a stakeholder group, in a narrow column")
    }
}

/// A stakeholder group as typed in a form: its name in the screens' language (`gobierno`,
/// `ONG`), its short name, or any spelling the journal's words accept (`NGO`, `igo`).
func stakeholderGroup(typed text: String) -> StakeholderGroup? {
    let key = text.trimmed.lowercased()
    return StakeholderGroup.allCases.first { $0.name.localized.lowercased() == key || groupColumnName($0).lowercased() == key }
        ?? StakeholderGroup(loose: text)
}

/// `stakeholderGroup(typed:)`, or a refusal that names the groups there are (a typo never
/// becomes a group).
func knownStakeholderGroup(typed text: String) throws(QuipuError) -> StakeholderGroup {
    guard let group = stakeholderGroup(typed: text) else {
        let known = StakeholderGroup.allCases.map { $0.name.localized }.joined(separator: ", ")
        throw QuipuError("unknown group \"{group}\"; use one of {known}", ["group": .text(text.trimmed), "known": .text(known)])
    }
    return group
}
