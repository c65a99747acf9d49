/// Every kind of event this version writes, each named once: the journal's vocabulary.
///
/// Writing (`Change.record`), reading (`Change.init(record:kind:)`), the line parser's table
/// (QuipuStore's `Fast/LineParser.swift`) and the table in docs/FORMAT.md all follow this list,
/// and the switches over it have no `default`, so a new kind is one case here and the cases the
/// compiler then asks for (docs/ARCHITECTURE.md walks through one).
public enum EventKind: String, CaseIterable, Sendable {
    case sessionCreate = "session.create"
    case sessionEdit = "session.edit"
    case phaseRename = "phase.rename"
    case phaseAdd = "phase.add"
    case phaseRemove = "phase.remove"
    case phaseMove = "phase.move"
    case timerStart = "timer.start"
    case timerPause = "timer.pause"
    case timerResume = "timer.resume"
    case phaseGoto = "phase.goto"
    case phaseAdjust = "phase.adjust"
    case agendaRespread = "agenda.respread"
    case warningSet = "warning.set"
    case warningGiven = "warning.given"
    case participantAdd = "participant.add"
    case participantSet = "participant.set"
    case ideaAdd = "idea.add"
    case ideaEdit = "idea.edit"
    case participantEdit = "participant.edit"
    case participantRemove = "participant.remove"
    case ideaLink = "idea.link"
    case ideaMerge = "idea.merge"
    case roleUnassign = "role.unassign"
    case actionEdit = "action.edit"
    case actionCarry = "action.carry"
    case ideaWithdraw = "idea.withdraw"
    case voteOpen = "vote.open"
    case voteCast = "vote.cast"
    case voteClose = "vote.close"
    case voteTally = "vote.tally"
    case roleAssign = "role.assign"
    case actionAdd = "action.add"
    case actionStatus = "action.status"
    case sessionClose = "session.close"
    case sessionReopen = "session.reopen"
    case undo = "undo"
}
