import Foundation
import QuipuCore
import QuipuReports
import QuipuStore
import QuipuText
import Testing

/// The reports in Spanish and French: a breakout in Lima recorded in Spanish, rendered in each
/// language and compared with golden files (QUIPU_UPDATE_GOLDEN=1 rewrites them).
struct Cuencas {
    var log = SessionLog(id: "2026-11-28-gestion-de-cuencas")
    let start = Timestamp(year: 2026, month: 11, day: 28, hour: 14)
    var seq = 0

    mutating func run(_ command: Command, atMinute minute: Int64) throws {
        let changes = try log.decide(command)
        log.append(changes.map { change in
            seq += 1
            return Event(id: EventID(seq: seq, writer: "test"), at: start.adding(seconds: minute * 60), change: change)
        })
    }

    var session: Session { log.state }
    func at(minute: Int64) -> Timestamp { start.adding(seconds: minute * 60) }

    /// Two members (one absent) and an observer, areas, a programme, a project, a closed dot
    /// vote with a late-free tie-less result, a role, two actions; the session closed.
    static func build() throws -> Cuencas {
        var b = Cuencas()
        try b.run(.createSession(title: "Gestión de cuencas", initiative: "Cuencas andinas",
                                 facilitator: "María Quispe Mamani", rapporteur: "Rosa Huamán",
                                 agenda: [Phase(name: "Apertura y presentaciones", plannedSeconds: 600),
                                          Phase(name: "Priorizar áreas de acción", plannedSeconds: 1500),
                                          Phase(name: "Ideas de programas y proyectos", plannedSeconds: 1500),
                                          Phase(name: "Plan de trabajo y funciones", plannedSeconds: 1200),
                                          Phase(name: "Cierre y conclusiones", plannedSeconds: 600)]), atMinute: 0)
        try b.run(.startTimer, atMinute: 0)
        try b.run(.addParticipant(name: "María Quispe Mamani", organisation: "CONDESAN", group: .ngo,
                                  country: "Perú", observer: false), atMinute: 1)
        try b.run(.addParticipant(name: "José Gutiérrez", organisation: "Ministerio del Ambiente", group: .government,
                                  country: "Perú", observer: false), atMinute: 1)
        try b.run(.addParticipant(name: "Rosa Huamán", organisation: "FAO", group: .intergovernmental,
                                  country: "", observer: true), atMinute: 2)
        try b.run(.nextPhase, atMinute: 10)
        try b.run(.addIdea(text: "Comités comunales de agua", kind: .area, by: "P1", area: nil), atMinute: 11)
        try b.run(.addIdea(text: "Pago por servicios ecosistémicos", kind: .area, by: "P2", area: nil), atMinute: 11)
        try b.run(.addIdea(text: "Monitoreo de glaciares", kind: .area, by: nil, area: nil), atMinute: 12)
        try b.run(.addIdea(text: "Fondo andino del agua", kind: .programme, by: nil, area: "I2"), atMinute: 12)
        try b.run(.addIdea(text: "Piloto en Cusco", kind: .project, by: "P1", area: "I1"), atMinute: 12)
        try b.run(.withdrawIdea(id: "I3"), atMinute: 12)
        try b.run(.openVote(method: .dot, dots: 3, maxPerItem: 2, candidates: nil), atMinute: 13)
        try b.run(.castBallot(vote: nil, by: "P1", choices: [.init(idea: "I1", points: 2), .init(idea: "I2", points: 1)]),
                  atMinute: 13)
        try b.run(.castBallot(vote: nil, by: "P2", choices: [.init(idea: "I1", points: 1)]), atMinute: 13)
        try b.run(.castBallot(vote: nil, by: "P3", choices: [.init(idea: "I2", points: 2)]), atMinute: 14)
        try b.run(.closeVote(id: nil), atMinute: 14)
        try b.run(.assignRole(role: "coordinación", holder: "P1"), atMinute: 14)
        try b.run(.addAction(text: "Redactar la nota conceptual", owner: "P1", due: "2027-03", idea: "I1"), atMinute: 15)
        try b.run(.addAction(text: "Convocar a las juntas de usuarios", owner: "P2", due: "2027-01", idea: nil), atMinute: 16)
        return b
    }
}

/// English words that must not be left in a Spanish or French report.
let englishWords = [" the ", " and ", " of ", " with ", "votes", "ideas", "Participants", "Workplan", "Left open",
                    "Turnout", "Priorities", "Date:", "Status", "Roles", "Action", "Owner", "still", "voted",
                    "members", "observers", "closed", "planned", "clock", "Report generated", "Nothing", "Rank",
                    "Candidate", "Areas of", "Programme", "Project", "proposed by", "under ", "dots"]

@Suite struct LanguageReportTests {
    @Test func theMarkdownReportInSpanish() throws {
        let b = try Cuencas.build()
        let md = MarkdownReport.render(b.session, at: b.at(minute: 20), language: Language(code: "es"))
        expectGolden(md, "2026-11-28-gestion-de-cuencas.es.md")
        expectValidTables(md)
        for needle in ["- **Fecha:** 28 de noviembre de 2026", "3 participantes: 2 miembros, 1 observador/a.",
                       "## Plan de trabajo", "## Pendiente"] {
            #expect(md.contains(needle), "missing: \(needle)")
        }
        for word in englishWords { #expect(!md.contains(word), "English left: \(word)") }
    }

    @Test func theMarkdownReportInFrench() throws {
        let b = try Cuencas.build()
        let md = MarkdownReport.render(b.session, at: b.at(minute: 20), language: Language(code: "fr"))
        expectGolden(md, "2026-11-28-gestion-de-cuencas.fr.md")
        expectValidTables(md)
        for needle in ["- **Date\u{00A0}:** 28 novembre 2026", "## Plan de travail", "## En suspens"] {
            #expect(md.contains(needle), "missing: \(needle)")
        }
        for word in englishWords where word != "Action" /* the same word in French */ { #expect(!md.contains(word), "English left: \(word)") }
    }

    @Test func pluralsInTheReport() throws {
        var b = try Cuencas.build()
        let es = Language(code: "es")
        #expect(MarkdownReport.render(b.session, at: b.at(minute: 20), language: es).contains("2 acciones por hacer"))
        try b.run(.removeParticipant(who: "P3"), atMinute: 17)
        try b.run(.removeParticipant(who: "P2"), atMinute: 17)
        let one = MarkdownReport.render(b.session, at: b.at(minute: 20), language: es)
        #expect(one.contains("1 participante: 1 miembro, 0 observadores."), "\(one)")
    }

    @Test func aSessionThatRecordsItsLanguageIsReportedInIt() throws {
        let b = try Cuencas.build()
        // Without a language the report is the session's: English when it records none.
        #expect(MarkdownReport.render(b.session, at: b.at(minute: 20)).contains("- **Date:** 28 November 2026"))
        var spanish = b
        try spanish.run(.editSession(title: nil, initiative: nil, facilitator: nil, rapporteur: nil, language: "es"), atMinute: 18)
        #expect(MarkdownReport.render(spanish.session, at: b.at(minute: 20)).contains("- **Fecha:** 28 de noviembre de 2026"))
    }

    @Test func theHTMLReportInSpanishAndFrench() throws {
        let b = try Cuencas.build()
        for (code, date) in [("es", "28 de noviembre de 2026"), ("fr", "28 novembre 2026")] {
            let page = HTMLReport.render(b.session, at: b.at(minute: 20), language: Language(code: code))
            expectGolden(page, "2026-11-28-gestion-de-cuencas.\(code).html")
            #expect(page.contains("<html lang=\"\(code)\">"))
            #expect(page.contains(date))
            // The words a person reads: the page without its tags and style sheet.
            let body = page.components(separatedBy: "<body>").last ?? page
            let text = body.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
            for word in englishWords where !(code == "fr" && word == "Action") {
                #expect(!text.contains(word), "English left in \(code): \(word)")
            }
        }
        #expect(HTMLReport.render(b.session, at: b.at(minute: 20)).contains("<html lang=\"en\">"))
    }

    @Test func thePlenaryInTheLanguageItsSessionsShare() throws {
        var b = try Cuencas.build()
        try b.run(.editSession(title: nil, initiative: nil, facilitator: nil, rapporteur: nil, language: "es"), atMinute: 18)
        let md = PlenaryReport.render([b.session], selection: .init(from: "2026-11-28"), today: "2026-12-01")
        expectGolden(md, "plenary.es.md")
        #expect(md.contains("1 sesión de 1 iniciativa, desde el 28 de noviembre de 2026."))
        for word in englishWords { #expect(!md.contains(word), "English left: \(word)") }
        let fr = PlenaryReport.renderHTML([b.session], selection: .init(), today: "2026-12-01", now: b.at(minute: 20),
                                          language: Language(code: "fr"))
        expectGolden(fr, "plenary.fr.html")
        #expect(fr.contains("<html lang=\"fr\">"))
    }

    @Test func csvHeadersInTheLanguageAndTheRosterImportReadsThemBack() throws {
        let b = try Cuencas.build()
        for code in ["es", "fr"] {
            let tables = CSVExport.tables(b.session, language: Language(code: code))
            let participants = try #require(tables.first { $0.name == "participants" })
            #expect(participants.header != CSVExport.tables(b.session).first { $0.name == "participants" }?.header)
            let text = try CSVExport.render(participants)
            let roster = try RosterImport.parse(Array(text.utf8))
            #expect(roster.problems.isEmpty, "\(roster.problems)")
            #expect(roster.rows.map(\.name) == ["María Quispe Mamani", "José Gutiérrez", "Rosa Huamán"])
            #expect(roster.rows.map(\.observer) == [false, false, true])
            #expect(roster.rows.first?.organisation == "CONDESAN")
        }
        let es = CSVExport.tables(b.session, language: Language(code: "es"))
        #expect(es.first { $0.name == "actions" }?.header.prefix(3) == ["sesión", "id", "texto"])
    }

    @Test func changesAndVotesInWordsWithTheirGrammar() throws {
        let b = try Cuencas.build()
        let s = b.session
        let vote = try #require(s.votes.first)
        let es = Language(code: "es"), fr = Language(code: "fr")
        #expect(es.speak { vote.turnoutText } == "votaron 2 de 2 miembros con derecho a voto (100\u{A0}%)")
        #expect(fr.speak { vote.turnoutText } == "2 sur 2 membres votants ont voté (100\u{202F}%)")
        #expect(es.speak { scoreText(1, .dot) } == "1 punto")
        #expect(es.speak { scoreText(2, .borda) } == "2 puntos Borda")
        #expect(fr.speak { scoreText(1, .approval) } == "1 approbation")
        #expect(fr.speak { scoreText(0, .dot) } == "0 gommette")
        let opened = Change.voteOpened(vote)
        #expect(es.speak { describe(opened, in: s, as: .status) } == "abierta V1 con 2 candidaturas; pueden votar 2 miembros")
        #expect(fr.speak { describe(.timerPaused, in: s) } == "chrono en pause")
        #expect(es.speak { describe(.ideaWithdrawn(id: "I3"), in: s) } == "I3 \"Monitoreo de glaciares\" retirada")
        #expect(fr.speak { describe(.phaseRemoved(phase: 1), in: s) } == "étape 2 supprimée\u{A0}; l’ordre du jour compte 5 étapes")
        // English as before.
        #expect(describe(opened, in: s, as: .status) == "opened V1 on 2 candidates; 2 members may vote")
        #expect(describe(.phaseRemoved(phase: 1), in: s) == "phase 2 removed; the agenda has 5 phases")
    }

    @Test func theReportTabShowsTheSessionsLanguageWithin80Columns() throws {
        var b = try Cuencas.build()
        try b.run(.editSession(title: nil, initiative: nil, facilitator: nil, rapporteur: nil, language: "fr"), atMinute: 18)
        let lines = ScreenReport.lines(b.session, at: b.at(minute: 20), width: 80)
        #expect(lines.contains { $0.text.contains("Plan de travail") })
        for line in lines { #expect(displayWidth(line.text) <= 80, "\(line.text)") }
    }
}
