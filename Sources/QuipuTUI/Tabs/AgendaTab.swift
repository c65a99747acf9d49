import QuipuCore
import QuipuText

// The Agenda tab (1): the phases as planned and as run; Enter jumps to the selected phase.
// The clock's own keys work on every tab (AppModel.handleSession); the re-spread is ClockKeys.swift.

extension AppModel {
    mutating func handleAgendaKey(_ key: Key, _ session: Session) -> [Effect]? {
        switch key {
        case .enter:
            guard let index = selectedIndex(.agenda) else { return [] }
            if writable() {
                confirmation = Confirmation(question: "Go to phase \(index + 1), \(session.agenda[index].name)?",
                                            effects: [.perform(.goToPhase(index))])
            }
            return []
        default:
            return nil
        }
    }

    func drawAgenda(_ session: Session, _ reading: ClockReading, in area: Area, into buffer: inout CellBuffer) {
        guard !session.agenda.isEmpty else {
            buffer.put("This session has no agenda.", x: 2, y: area.y + 1)
            return
        }
        let columns = [
            Column(title: "", width: 1), Column(title: "#", width: 2, alignRight: true),
            Column(title: "Phase", width: 10, flex: 1),
            Column(title: "Planned", width: 7, alignRight: true), Column(title: "Actual", width: 7, alignRight: true),
            Column(title: "", width: 8),
        ]
        let current = reading.state == .finished ? nil : reading.phase
        let rows = reading.phases.enumerated().map { index, phase in
            let over = phase.actualSeconds > phase.plannedSeconds
            let status = over ? "OVER" : index == current ? (reading.state == .running ? "now" : "paused")
                : index < (reading.phase ?? 0) || reading.state == .finished ? "done" : ""
            return TableRow(cells: [
                index == current ? "▶" : "", String(index + 1), phase.name, clockText(seconds: phase.plannedSeconds),
                phase.actualMilliseconds > 0 ? clockText(seconds: phase.actualSeconds) : "—", status,
            ], style: over ? Styles.error : index == current ? Styles.key : .plain)
        }
        buffer.table(columns, rows, selected: selectedIndex(.agenda), in: Area(x: area.x, y: area.y, width: area.width,
                                                                             height: area.height - 2))
        var total = "Total planned \(clockText(seconds: reading.totalSeconds)) · run \(clockText(seconds: reading.elapsedMilliseconds / 1000))"
        if let behind = behindText(reading), reading.state != .finished, session.status != .closed {
            total += " · \(behind): s re-spreads the rest"
        }
        buffer.put(total, x: 2, y: area.y + min(area.height - 1, rows.count + 2), style: Styles.muted)
    }
}
