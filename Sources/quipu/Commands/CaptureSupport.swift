import ArgumentParser
import QuipuText
import QuipuCore
import QuipuReports
import QuipuStore

extension ParticipantCommand {
    /// Adds each good row of a CSV roster as its own participant; bad rows and names already on
    /// the roster are reported by line and skipped.
    func importRoster(path: String, context: Context) throws {
        let parsed: RosterImport
        do {
            parsed = try RosterImport.parse(try readFile(path))
        } catch let error as QuipuError {
            throw Failure("\(path): " + error.localized)
        }
        let journal = try context.folder.open(session.id, writer: context.writer)
        warn(journal.warnings)
        var imported: [(line: Int, id: String, name: String)] = []
        var skipped = parsed.problems.map { (line: $0.line, message: $0.reason.localized) }
        for row in parsed.rows {
            do {
                let events = try journal.append(now: context.now) { log in
                    try log.decide(.addParticipant(name: row.name, organisation: row.organisation, group: row.group,
                                                   country: row.country, observer: row.observer))
                }
                for event in events {
                    if case let .participantAdded(p) = event.change { imported.append((row.line, p.id, p.name)) }
                    if !json { print(saved(describe(event.change, in: journal.log.state))) }
                }
            } catch let error as QuipuError {
                skipped.append((row.line, error.localized))
            }
        }
        skipped.sort { $0.line < $1.line }
        if json {
            print(JSONExport.rosterImport(imported: imported, skipped: skipped), terminator: "")
        }
        for problem in skipped {
            writeStandardError("quipu: \(inert(path)):\(problem.line): " + tr("{problem}; skipped", ["problem": inert(problem.message)]) + "\n")
        }
        if !skipped.isEmpty {
            let participants = trn("{n} participant", "{n} participants", count: imported.count)
            let rows = trn("{n} row", "{n} rows", count: skipped.count)
            writeStandardError("quipu: " + tr("imported {participants}; skipped {rows}, named above; exit status 1 so a script notices",
                                              ["participants": participants, "rows": rows]) + "\n")
            throw ExitCode(1)
        }
    }

    /// The roster, one participant a line, then the counts by stakeholder group.
    func listRoster(context: Context) throws {
        let s = try context.load(session.id)
        if json {
            print(JSONExport.roster(s), terminator: "")
            return
        }
        let rows = s.participants.map { p in
            [p.id, inert(p.name), inert(p.organisation), p.group.rawValue, inert(p.country),
             p.observer ? tr("observer", context: "a participant's standing") : tr("member", context: "a participant's standing"),
             p.present ? tr("present", context: "a participant") : tr("absent", context: "a participant")]
        }
        for line in TextReport.table(rows) { print(line) }
        let members = s.participants.filter(\.isMember).count
        print(tr("{participants}: {members}, {observers}, {present}", [
            "participants": trn("{n} participant", "{n} participants", count: s.participants.count),
            "members": trn("{n} member", "{n} members", count: members),
            "observers": trn("{n} observer", "{n} observers", count: s.participants.count - members),
            "present": trn("{n} present", "{n} present", count: s.participants.filter(\.present).count),
        ], context: "the roster's counts"))
        if !s.groupCounts.isEmpty {
            print(s.groupCounts.map { "\($0.group.rawValue) \($0.count)" }.joined(separator: " · "))
        }
    }
}

/// Brings the open actions of an earlier session into `id`, one event per action.
func carryOver(into id: String, from: String?, context: Context) throws {
    let source = try from.map { try context.load(context.folder.validate($0)) } ?? context.folder.carryOverSource(for: id)
    try context.applyAndReport(.carryOver(from: source), to: id)
}
