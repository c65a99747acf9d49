import QuipuCore
import QuipuText

extension PlenaryReport {
    /// The plenary roll-up as one HTML page (`quipu report --plenary --format html`): the same
    /// sessions, initiatives and conclusions as `render`, each initiative a section that starts a
    /// page in print, its ranking votes drawn as bars (members and observers side by side), its
    /// sessions' agendas as timelines, its participants by stakeholder group.
    /// `language` nil: the language all the selected sessions share, else the current language.
    public static func renderHTML(_ all: [Session], selection: Selection, today: String, now: Timestamp, language: Language? = nil) -> String {
        (language ?? sharedLanguage(all.filter(selection.includes))).speak {
            renderedHTML(all, selection: selection, today: today, now: now)
        }
    }

    static func renderedHTML(_ all: [Session], selection: Selection, today: String, now: Timestamp) -> String {
        let (sessions, groups) = initiatives(all, selection: selection)
        var body: [Markup] = [.el("header", .el("h1", tr("Conclusions for the plenary")),
                                  .el("p", scopeSentence(sessions, groups, selection)))]
        var main: [Markup] = []
        if sessions.isEmpty { main.append(.el("p", tr("No sessions match."))) }
        for initiative in groups {
            main.append(.element("section", [("class", "initiative")], [.lines([
                .el("h2", initiative.name),
                .el("ul", .lines(initiative.sessions.map { .el("li", .escaped(sessionLine($0, .html))) })),
                htmlAreas(initiative.sessions),
                htmlFollowUps(initiative.sessions),
                htmlDecisions(initiative.sessions),
                htmlRoles(initiative.sessions),
                htmlWorkplan(initiative.work, today: today),
                HTMLReport.list("h3", tr("Left open"), leftOpenItems(initiative.sessions, initiative.work, today: today, .html)),
                htmlParticipants(initiative.sessions),
                htmlAgendas(initiative.sessions, now: now),
            ])]))
        }
        body.append(.el("main", .lines(main)))
        body.append(.el("footer", .text(tr("Made by Quipu from the journals of the sessions above."))))
        return HTMLPage.document(title: tr("Conclusions for the plenary — Quipu"), body: body)
    }

    static func htmlAreas(_ sessions: [Session]) -> Markup {
        let blocks = areaBlocks(sessions)
        var parts: [Markup] = blocks.isEmpty ? [.el("p", tr("No areas of action."))] : []
        for block in blocks {
            if let vote = block.vote, !block.ranked.isEmpty {
                parts.append(.el("p", .escaped(block.rankedIntro(.html))))
                parts.append(HTMLReport.vote(vote, in: block.session, id: "\(block.session.id)-\(vote.id)"))
                if let runoff = block.runoffSentence(.html) { parts.append(.el("p", .escaped(runoff))) }
            }
            if !block.unvoted.isEmpty {
                parts.append(.el("p", .escaped(block.unvotedIntro(.html))))
                parts.append(.el("ul", .lines(block.unvoted.map { .el("li", $0.text) })))
            }
        }
        return HTMLReport.section("h3", tr("Areas of action"), parts)
    }

    static func htmlFollowUps(_ sessions: [Session]) -> Markup {
        let groups = followUps(sessions)
        return HTMLReport.section("h3", tr("Programme and project ideas"), groups.isEmpty ? [.el("p", tr("None."))] : [
            .el("ul", .lines(groups.map { area, items in
                .el("li", .text(area ?? tr("Under no area")), .el("ul", .lines(items.map { .el("li", $0) })))
            })),
        ])
    }

    static func htmlDecisions(_ sessions: [Session]) -> Markup {
        let notes = sessions.flatMap { s in s.ideas.filter { $0.kind == .note && !$0.withdrawn }.map { (s, $0) } }
        return HTMLReport.section("h3", tr("Decisions and notes"), notes.isEmpty ? [.el("p", tr("None recorded."))] : [
            .el("ul", .lines(notes.map { s, note in .el("li", .text(note.text + " — "), .el("code", s.id)) })),
        ])
    }

    static func htmlRoles(_ sessions: [Session]) -> Markup {
        let rows = sessions.flatMap { s in s.roles.map { (s, $0) } }
        return HTMLReport.section("h3", tr("Roles"), rows.isEmpty ? [.el("p", tr("No roles assigned."))] : [
            HTMLReport.table([tr("Role"), tr("Holder"), tr("Session", context: "a column")], rows.map { s, r in
                HTMLReport.row([.text(r.role), .text(MarkdownReport.holderText(r.holder, in: s)), .text(s.id)])
            }),
        ])
    }

    static func htmlWorkplan(_ work: [TrackedAction], today: String) -> Markup {
        guard !work.isEmpty else { return HTMLReport.section("h3", tr("Workplan"), [.el("p", tr("No actions."))]) }
        let rows = work.map { t in
            HTMLReport.row([.text(t.action.text), .text(ownerText(t)), HTMLReport.due(t.action, today: today),
                            .text(actionStatusWord(t.action.status)), .text(t.history.joined(separator: " → "))])
        }
        return HTMLReport.section("h3", tr("Workplan"), [HTMLReport.table([tr("Action"), tr("Owner"), tr("Due"), tr("Status"),
                                                                            tr("Session", context: "a column")], rows),
                                                      HTMLReport.overdueNote(today)])
    }

    /// Each session's participants by stakeholder group.
    static func htmlParticipants(_ sessions: [Session]) -> Markup {
        let present = sessions.filter { !$0.participants.isEmpty }
        return HTMLReport.section("h3", tr("Participants by stakeholder group"), present.isEmpty ? [.el("p", tr("No participants recorded."))]
            : present.flatMap { s in
                [.el("p", .el("code", s.id), .text(tr("{group}: ", ["group": ""], context: "a label") + MarkdownReport.participantCounts(s))), HTMLReport.groupTable(s.participants)]
            })
    }

    /// The agenda of each session that ran, planned against actual.
    static func htmlAgendas(_ sessions: [Session], now: Timestamp) -> Markup {
        let ran = sessions.filter { $0.status != .planned }
        return HTMLReport.section("h3", tr("Agendas: planned and actual time"), ran.isEmpty ? [.el("p", tr("No session has run yet."))]
            : ran.map { s in
                HTMLReport.figure("\(sessionDate(s)) · \(s.title)",
                                  Charts.agenda(Charts.phases(s.clockReading(at: now)),
                                                title: tr("{title}: agenda, planned and actual time", ["title": s.title]), id: s.id + "-agenda"))
            })
    }
}
