import QuipuCore
import QuipuText

// The Agenda tab (1): the phases as planned and as run; Enter jumps to the selected phase, and
// the agenda editor: a adds a phase after the selected one, e renames it or changes its minutes,
// d removes it, K and J move it up and down, + and - change its minutes by one. Phases that ran
// keep their place (QuipuCore/Clock/AgendaEdit.swift). The clock's own keys work on every tab
// (AppModel.handleSession); the re-spread is ClockKeys.swift.

extension AppModel {
    mutating func handleAgendaKey(_ key: Key, _ session: Session) -> [Effect]? {
        switch key {
        case .enter:
            guard let index = selectedIndex(.agenda) else { return [] }
            if writable() {
                confirmation = Confirmation(question: tr("Go to phase {n}, {name}?", ["n": index + 1, "name": session.agenda[index].name]),
                                            effects: [.perform(.goToPhase(index))])
            }
            return []
        case .char("a"):
            let at = max(session.firstPhaseToCome, (selectedIndex(.agenda) ?? -1) + 1)
            openForm(Form(title: tr("Add phase {n}", ["n": at + 1]), purpose: .addPhase(at: at), fields: [
                Form.Field(id: "Name", label: tr("Name", context: "a form field")),
                Form.Field(id: "Minutes", label: tr("Minutes", context: "a form field"),
                           placeholder: tr("how long it is planned for, like 15")),
            ]))
        case .char("e"):
            guard let index = selectedIndex(.agenda) else {
                refuseForm(tr("Edit phase"), because: tr("this session has no agenda"))
                return []
            }
            let phase = session.agenda[index]
            openForm(Form(title: tr("Edit phase {n}", ["n": index + 1]), purpose: .editPhase(index: index), fields: [
                Form.Field(id: "Name", label: tr("Name", context: "a form field"), input: TextField(phase.name)),
                Form.Field(id: "Minutes", label: tr("Minutes", context: "a form field"), input: TextField(String(phase.plannedSeconds / 60)),
                           placeholder: tr("planned minutes; a phase that ran keeps its own")),
            ]))
        case .char("d"):
            let index = selectedIndex(.agenda)
            ask(tr("Remove phase {n}, {name}, from the agenda?", ["n": (index ?? 0) + 1, "name": index.map { session.agenda[$0].name } ?? ""]),
                index.map { .removePhase($0) }, title: tr("Remove phase"), nothing: tr("the agenda has no phase to remove"))
        case .char("K"), .char("J"):
            guard let index = selectedIndex(.agenda) else { return [] }
            let to = key == .char("K") ? index - 1 : index + 1
            guard session.agenda.indices.contains(to) else {
                note(to < 0 ? tr("phase 1 is already first") : tr("phase {n} is already last", ["n": index + 1]), error: true)
                return []
            }
            selection[.agenda] = String(to)   // the selection follows the phase it moves
            return perform(.movePhase(index, to: to))
        default:
            return nil
        }
        return []
    }

    /// The agenda editor's forms, submitted.
    func submitAgendaForm(_ form: Form, _ values: FormValues) throws(QuipuError) -> [Effect] {
        let text = values["Minutes"].trimmed
        guard let minutes = Int64(text), minutes > 0 else {
            throw QuipuError("minutes must be a whole number above 0, not \"{text}\"", ["text": .text(text)])
        }
        switch form.purpose {
        case .addPhase(let at):
            return [.perform(.addPhase(at: at, Phase(name: values["Name"], plannedSeconds: minutes * 60)))]
        case .editPhase(let index):
            return [.perform(.editPhase(index, name: values["Name"], plannedSeconds: minutes * 60))]
        default:
            return []
        }
    }

    func drawAgenda(_ session: Session, _ reading: ClockReading, in area: Area, into buffer: inout CellBuffer) {
        guard !session.agenda.isEmpty else {
            buffer.putWords(tr("This session has no agenda."), x: 2, y: area.y + 1, width: area.width - 3)
            return
        }
        let columns = [
            Column(title: "", width: 1), Column(title: "#", width: 2, alignRight: true),
            Column(title: tr("Phase", context: "a column"), width: 10, flex: 1),
            Column(title: tr("Planned", context: "a column"), width: 7, alignRight: true),
            Column(title: tr("Actual", context: "a column"), width: 7, alignRight: true),
            Column(title: "", width: 8),
        ]
        let current = reading.state == .finished ? nil : reading.phase
        let rows = reading.phases.enumerated().map { index, phase in
            let over = phase.actualSeconds > phase.plannedSeconds
            let status = over ? tr("OVER", context: "a phase") : index == current
                ? (reading.state == .running ? tr("now", context: "a phase") : tr("paused", context: "a phase"))
                : index < (reading.phase ?? 0) || reading.state == .finished ? tr("done", context: "a phase") : ""
            return TableRow(cells: [
                index == current ? "▶" : "", String(index + 1), phase.name, clockText(seconds: phase.plannedSeconds),
                phase.actualMilliseconds > 0 ? clockText(seconds: phase.actualSeconds) : "—", status,
            ], style: over ? Styles.error : index == current ? Styles.key : .plain)
        }
        buffer.table(columns, rows, selected: selectedIndex(.agenda), in: Area(x: area.x, y: area.y, width: area.width,
                                                                             height: area.height - 2))
        var total = tr("Total planned {planned} · run {run}", ["planned": clockText(seconds: reading.totalSeconds),
                                                               "run": clockText(seconds: reading.elapsedMilliseconds / 1000)])
        if let behind = behindText(reading), reading.state != .finished, session.status != .closed {
            total += " · " + tr("{behind}: s re-spreads the rest", ["behind": behind])
        }
        buffer.putWords(total, x: 2, y: area.y + min(area.height - 1, rows.count + 2), width: area.width - 3, style: Styles.muted)
    }
}
