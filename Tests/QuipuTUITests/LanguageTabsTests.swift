import Foundation
import QuipuCore
import Testing
@testable import QuipuText
@testable import QuipuTUI

// Every tab and the home screen in Spanish and French at 80×24 (Render.swift, Layout.swift and
// the tabs): golden frames, no English UI word left, nothing cut inside a word.

private let spanish = Language(code: "es"), french = Language(code: "fr")

/// A session in the language's own words (the record's data is never translated): three phases,
/// the clock in phase 2 from 14:11, ideas, people, a closed and an open vote, roles and actions.
private func localLog(_ es: Bool, secondVote: Bool = true) -> SessionLog {
    let start = Timestamp(year: 2026, month: 11, day: 29, hour: 14)
    var log = SessionLog(id: es ? "2026-11-29-gestion-de-cuencas" : "2026-11-29-gestion-des-bassins")
    func at(_ seconds: Int64, _ command: Command) {
        let changes = try! log.decide(command)
        let first = log.nextSeq
        log.append(changes.enumerated().map { offset, change in
            Event(id: EventID(seq: first + offset, writer: "t"), at: start.adding(seconds: seconds), change: change)
        })
    }
    let agenda = es ? [Phase(name: "Apertura", plannedSeconds: 600), Phase(name: "Priorizar áreas", plannedSeconds: 1200),
                       Phase(name: "Plan de trabajo", plannedSeconds: 1800)]
        : [Phase(name: "Ouverture", plannedSeconds: 600), Phase(name: "Prioriser les axes", plannedSeconds: 1200),
           Phase(name: "Plan de travail", plannedSeconds: 1800)]
    at(0, .createSession(title: es ? "Gestión de cuencas" : "Gestion des bassins", initiative: "",
                         facilitator: "Ana Quispe", rapporteur: "", agenda: agenda, language: es ? "es" : "fr"))
    at(30, .addParticipant(name: "Ana Quispe", organisation: "CONDESAN", group: .ngo, country: "PE", observer: false))
    at(40, .addParticipant(name: es ? "Luis Mamani" : "Luc Martin", organisation: es ? "Minambiente" : "Ministère",
                           group: .government, country: es ? "BO" : "FR", observer: false))
    at(50, .addParticipant(name: "Inés Okafor", organisation: "PNUMA", group: .intergovernmental, country: "KE",
                           observer: true))
    at(60, .startTimer)
    at(660, .nextPhase)
    at(700, .addIdea(text: es ? "Glaciares" : "Glaciers", kind: .area, by: "P1", area: nil))
    at(710, .addIdea(text: es ? "Agua potable en los Andes" : "Eau potable pour les villages", kind: .area,
                     by: "P2", area: nil))
    at(720, .addIdea(text: es ? "Piloto en dos cuencas" : "Pilote dans deux bassins", kind: .project, by: nil, area: "I1"))
    at(730, .addIdea(text: es ? "Pago por servicios ecosistémicos" : "Paiement pour services écosystémiques", kind: .area,
                     by: nil, area: nil))
    at(740, .withdrawIdea(id: "I4"))
    at(750, .startVote(VoteSetup(method: .dot, candidates: ["I1", "I2"])))
    at(760, .castBallotText(vote: nil, by: "P1", words: ["I1:2 I2"]))
    at(770, .castBallotText(vote: nil, by: "P2", words: ["I1 I2:2"]))
    at(780, .closeVote(id: nil))
    if secondVote {
        at(790, .startVote(VoteSetup(method: .approval, candidates: ["I1", "I2"])))
        at(800, .castBallotText(vote: nil, by: "P1", words: ["I1"]))
    }
    at(810, .assignRole(role: es ? "relatora" : "rapporteuse", holder: "P1"))
    at(820, .addAction(text: es ? "Mapear los glaciares de la cuenca" : "Cartographier les glaciers du bassin", owner: "P1",
                       due: "2027-03", idea: "I1"))
    at(830, .addAction(text: es ? "Taller con las comunidades" : "Atelier avec les villages", owner: "P2", due: "2026-12-15",
                       idea: "I2"))
    at(840, .setActionStatus(id: "A2", status: .inProgress))
    return log
}

/// 14:27:30: phase 2 has 3:30 left, the 5-minute warning on.
private let warningNow = Timestamp(year: 2026, month: 11, day: 29, hour: 14, minute: 27).adding(seconds: 30)

/// English UI words that must not show on a Spanish or French screen (whole words, any capitals).
private let englishOnly = ["the", "and", "press", "add", "edit", "votes", "workplan", "running", "paused",
                           "left", "ballot", "ballots", "none", "phase", "session", "sessions", "open", "closed",
                           "help", "back", "next", "planned", "actual", "owner", "status", "due", "role",
                           "member", "observer", "present", "turnout", "voted", "results", "candidate", "rank", "kind",
                           "by", "name", "group", "time", "filter", "search", "quit", "projector", "timer"]

private func englishIn(_ lines: [String], _ code: String) -> [String] {
    // Words English shares with one of the languages count only in the other.
    let words = englishOnly + (code == "es" ? ["participants", "date"] : ["ideas"])
    return lines.flatMap { line in
        line.lowercased().split { !$0.isLetter }.map(String.init).filter(words.contains).map { "\($0) in \"\(line)\"" }
    }
}

/// Rows that reach the last column and end inside a word: the last word is neither a word of the
/// language's catalogue nor of the record's data.
private func cutAtTheEdge(_ lines: [String], language: String) -> [String] {
    var vocabulary = Set<String>()
    func add(_ text: String) { for w in text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) { vocabulary.insert(String(w)) } }
    for entry in Catalogues.shared.byLanguage[language]?.entries.values.map({ $0 }) ?? [] { entry.translations.forEach(add) }
    recordData.forEach(add)
    return lines.filter { line in
        guard displayWidth(line) >= 80, let last = line.last, last.isLetter || last.isNumber else { return false }
        let word = line.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).last.map(String.init) ?? ""
        return !vocabulary.contains(word) && Int(word) == nil
    }
}

private func frames(_ language: Language, es: Bool) -> [String: [String]] {
    language.speak {
        var frames: [String: [String]] = [:]
        var model = AppModel()
        model.showHome([localLog(es).state.summary(at: warningNow)])
        frames["home"] = model.lines(now: warningNow)
        model = sessionModel(localLog(es))
        frames["agenda"] = model.lines(now: warningNow)
        for (key, name) in [("2", "ideas"), ("3", "participants"), ("4", "vote"), ("5", "workplan"), ("6", "report")] {
            _ = model.press([.char(Character(key))], now: warningNow)
            frames[name] = model.lines(now: warningNow)
        }
        // The closed vote: the same session before the second vote opened.
        model = sessionModel(localLog(es, secondVote: false), keys: [.char("4")])
        frames["vote-closed"] = model.lines(now: warningNow)
        return frames
    }
}

/// The record's words (names, titles, ideas), which a cut may end on whole.
private let recordData = ["Ana Quispe", "Luis Mamani", "Luc Martin", "Inés Okafor", "CONDESAN", "PNUMA", "Minambiente",
                          "Glaciares", "Glaciers", "Agua potable en los Andes", "Piloto en dos cuencas",
                          "Pago por servicios ecosistémicos", "Suivi du recul des glaciers", "Eau potable pour les villages",
                          "Pilote dans deux bassins", "Paiement pour services écosystémiques", "Priorizar áreas",
                          "Prioriser les axes", "Plan de trabajo", "Plan de travail"]

@Suite struct TabsInOtherLanguagesTests {
    func check(_ frames: [String: [String]], _ code: String) {
        for (name, all) in frames {
            // The report's own words are the session's report, said by QuipuReports: its rows are checked there.
            let lines = name == "report" ? Array(all[0...3]) + [all[23]] : all
            #expect(all.count == 24, "\(name)")
            #expect(englishIn(lines, code) == [], "\(code) \(name)")
            #expect(wordsCutInside(lines, language: code, data: recordData) == [], "\(code) \(name)")
            #expect(cutAtTheEdge(lines, language: code) == [], "\(code) \(name)")
        }
    }

    @Test func everyTabInSpanish() { check(frames(spanish, es: true), "es") }
    @Test func everyTabInFrench() { check(frames(french, es: false), "fr") }

    @Test func theAgendaInSpanish() {
        #expect(frames(spanish, es: true)["agenda"] == [
            " Gestión de cuencas                                                   EN MARCHA",
            " Fase 2/3 · Priorizar áreas         QUEDAN 5 MIN · quedan 03:30 · termina 14:31",
            " Después: Plan de trabajo ██████░░░░░░░  quedan 33:30 de sesión · termina 15:01",
            "  1 Agenda  2 Ideas  3 Participantes  4 Votación  5 Plan de trabajo  6 Informe",
            "    # Fase                                            Previsto    Real",
            "    1 Apertura                                           10:00   10:00 hecha",
            " ▶  2 Priorizar áreas                                    20:00   16:30 ahora",
            "    3 Plan de trabajo                                    30:00       —",
            "",
            "  Total previsto 60:00 · transcurrido 26:30",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " a/e/d/K/J editar · +/- min · n/N fase · Espacio reloj · ? ayuda · q volver",
        ])
    }

    @Test func theHomeInSpanish() {
        #expect(frames(spanish, es: true)["home"] == [
            " Quipu · sesiones                                                      1 sesión",
            "",
            " Fecha      Sesión               Estado    Tiempo Pers. Ideas Acc. Prioridad",
            " 2026-11-29 Gestión de cuencas   en curso   26:30     3     3    2 Glaciares /…",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " Enter abrir · a nueva · / filtrar · s buscar · o ordenar · ? ayuda · q salir",
        ])
    }

    @Test func theIdeasInSpanish() {
        #expect(frames(spanish, es: true)["ideas"] == [
            " Gestión de cuencas                                                   EN MARCHA",
            " Fase 2/3 · Priorizar áreas         QUEDAN 5 MIN · quedan 03:30 · termina 14:31",
            " Después: Plan de trabajo ██████░░░░░░░  quedan 33:30 de sesión · termina 15:01",
            "  1 Agenda  2 Ideas  3 Participantes  4 Votación  5 Plan de trabajo  6 Informe",
            " ID   Tipo      Idea                                            Propone",
            " I1   área      Glaciares                                       Ana Quispe",
            " I2   área      Agua potable en los Andes                       Luis Mamani",
            " I3   proyecto  Piloto en dos cuencas (en I1)",
            " I4   área      Pago por servicios ecosistémicos (retirada)",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " a añadir · e editar · d retirar · m fusionar · f tipo · ? ayuda · q volver",
        ])
    }

    @Test func theParticipantsInSpanish() {
        #expect(frames(spanish, es: true)["participants"] == [
            " Gestión de cuencas                                                   EN MARCHA",
            " Fase 2/3 · Priorizar áreas         QUEDAN 5 MIN · quedan 03:30 · termina 14:31",
            " Después: Plan de trabajo ██████░░░░░░░  quedan 33:30 de sesión · termina 15:01",
            "  1 Agenda  2 Ideas  3 Participantes  4 Votación  5 Plan de trabajo  6 Informe",
            " ID   Nombre              Organización       Grupo        Función      Presente",
            " P1   Ana Quispe          CONDESAN           ONG          miembro      sí",
            " P2   Luis Mamani         Minambiente        gobierno     miembro      sí",
            " P3   Inés Okafor         PNUMA              intergub.    observador/a sí",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "  3 participantes: 2 miembros (2 presentes), 1 observador/a · gobierno 1…",
            "",
            " a añadir · e/d editar/quitar · x/o presente/observador · ? ayuda · q volver",
        ])
    }

    @Test func theReportInSpanish() {
        let lines = frames(spanish, es: true)["report"]!
        #expect(Array(lines[0...3]) == [
            " Gestión de cuencas                                                   EN MARCHA",
            " Fase 2/3 · Priorizar áreas         QUEDAN 5 MIN · quedan 03:30 · termina 14:31",
            " Después: Plan de trabajo ██████░░░░░░░  quedan 33:30 de sesión · termina 15:01",
            "  1 Agenda  2 Ideas  3 Participantes  4 Votación  5 Plan de trabajo  6 Informe",
        ])
    }

    @Test func theVoteInSpanish() {
        #expect(frames(spanish, es: true)["vote"] == [
            " Gestión de cuencas                                                   EN MARCHA",
            " Fase 2/3 · Priorizar áreas         QUEDAN 5 MIN · quedan 03:30 · termina 14:31",
            " Después: Plan de trabajo ██████░░░░░░░  quedan 33:30 de sesión · termina 15:01",
            "  1 Agenda  2 Ideas  3 Participantes  4 Votación  5 Plan de trabajo  6 Informe",
            " V2 · votación por aprobación                                           ABIERTA",
            "  Participación: votaron 1 de 2 miembros con derecho a voto (50\u{00A0}%)",
            "",
            " Puesto ID   Candidatura                              Aprobaciones",
            "      1 I1   Glaciares                                ████████████████████    1",
            "      2 I2   Agua potable en los Andes                                        0",
            "",
            "  a papeleta (número o iniciales de quien vota, luego I1 I4)",
            "  h votación a mano alzada · c cerrar · b papeletas · p proyector",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " o abrir · a papeleta · c cerrar · b papeletas · ? ayuda · q volver",
        ])
    }

    @Test func theVoteClosedInSpanish() {
        #expect(frames(spanish, es: true)["vote-closed"] == [
            " Gestión de cuencas                                                   EN MARCHA",
            " Fase 2/3 · Priorizar áreas         QUEDAN 5 MIN · quedan 03:30 · termina 14:31",
            " Después: Plan de trabajo ██████░░░░░░░  quedan 33:30 de sesión · termina 15:01",
            "  1 Agenda  2 Ideas  3 Participantes  4 Votación  5 Plan de trabajo  6 Informe",
            " V1 · votación por puntos · 3 puntos por miembro                        CERRADA",
            "  Participación: votaron 2 de 2 miembros con derecho a voto (100\u{00A0}%)",
            "",
            " Puesto ID   Candidatura                              Puntos",
            "      1 I1   Glaciares                                ████████████████████    3",
            "      1 I2   Agua potable en los Andes                ████████████████████    3",
            "",
            "  Empate en primer lugar: I1, I2. Desempate: no se declaró ningún desempate:",
            "  el empate se mantiene.",
            "  r segunda vuelta entre empatados · o nueva votación · b papeletas",
            "  p proyector",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " o abrir · a papeleta · c cerrar · b papeletas · ? ayuda · q volver",
        ])
    }

    @Test func theWorkplanInSpanish() {
        #expect(frames(spanish, es: true)["workplan"] == [
            " Gestión de cuencas                                                   EN MARCHA",
            " Fase 2/3 · Priorizar áreas         QUEDAN 5 MIN · quedan 03:30 · termina 14:31",
            " Después: Plan de trabajo ██████░░░░░░░  quedan 33:30 de sesión · termina 15:01",
            "  1 Agenda  2 Ideas  3 Participantes  4 Votación  5 Plan de trabajo  6 Informe",
            " Funciones  relatora: Ana Quispe",
            "",
            " ID   Acción                           Responsable     Plazo        Estado",
            " A2   Taller con las comunidades       Luis Mamani     2026-12-15   en curso",
            " A1   Mapear los glaciares de la       Ana Quispe      2027-03      abierta",
            "      cuenca",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " a añadir · e editar · r función · c trasladar · ? ayuda · q volver",
        ])
    }

    @Test func theAgendaInFrench() {
        #expect(frames(french, es: false)["agenda"] == [
            " Gestion des bassins                                                   EN COURS",
            " Étape 2/3 · Prioriser les axes         RESTE 5 MIN · reste 03:30 · fin à 14:31",
            " Ensuite\u{00A0}: Plan de travail ███████░░░░░░░░░  séance\u{00A0}: reste 33:30 · fin à 15:01",
            "  1 Ordre du jour  2 Idées  3 Participants  4 Vote  5 Plan de travail  6 Rapport",
            "    # Étape                                              Prévu    Réel",
            "    1 Ouverture                                          10:00   10:00 terminée",
            " ▶  2 Prioriser les axes                                 20:00   16:30 en cours",
            "    3 Plan de travail                                    30:00       —",
            "",
            "  Total prévu 60:00 · écoulé 26:30",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " a/e/d/K/J modifier · +/- min · n/N étape · Espace chrono · ? aide · q retour",
        ])
    }

    @Test func theHomeInFrench() {
        #expect(frames(french, es: false)["home"] == [
            " Quipu · séances                                                       1 séance",
            "",
            " Date       Séance               État       Durée Pers. Idées Act. Priorité",
            " 2026-11-29 Gestion des bassins  en cours   26:30     3     3    2 Glaciers / …",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " Entrée ouvrir · a nouvelle · / filtrer · s chercher · ? aide · q quitter",
        ])
    }

    @Test func theIdeasInFrench() {
        #expect(frames(french, es: false)["ideas"] == [
            " Gestion des bassins                                                   EN COURS",
            " Étape 2/3 · Prioriser les axes         RESTE 5 MIN · reste 03:30 · fin à 14:31",
            " Ensuite\u{00A0}: Plan de travail ███████░░░░░░░░░  séance\u{00A0}: reste 33:30 · fin à 15:01",
            "  1 Ordre du jour  2 Idées  3 Participants  4 Vote  5 Plan de travail  6 Rapport",
            " ID   Type      Idée                                            Par",
            " I1   axe       Glaciers                                        Ana Quispe",
            " I2   axe       Eau potable pour les villages                   Luc Martin",
            " I3   projet    Pilote dans deux bassins (sous I1)",
            " I4   axe       Paiement pour services écosystémiques (retirée)",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " a ajouter · e modifier · d retirer · m fusionner · f type · ? aide · q retour",
        ])
    }

    @Test func theParticipantsInFrench() {
        #expect(frames(french, es: false)["participants"] == [
            " Gestion des bassins                                                   EN COURS",
            " Étape 2/3 · Prioriser les axes         RESTE 5 MIN · reste 03:30 · fin à 14:31",
            " Ensuite\u{00A0}: Plan de travail ███████░░░░░░░░░  séance\u{00A0}: reste 33:30 · fin à 15:01",
            "  1 Ordre du jour  2 Idées  3 Participants  4 Vote  5 Plan de travail  6 Rapport",
            " ID   Nom               Organisation      Groupe       Rôle             Présent",
            " P1   Ana Quispe        CONDESAN          ONG          membre           oui",
            " P2   Luc Martin        Ministère         gouvernement membre           oui",
            " P3   Inés Okafor       PNUMA             intergouv.   observateur·rice oui",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "  3 participant·es\u{00A0}: 2 membres (2 présents), 1 observateur·rice · gouvernement…",
            "",
            " a ajouter · e/d modifier/retirer · x/o présent/observateur · ? aide · q retour",
        ])
    }

    @Test func theReportInFrench() {
        let lines = frames(french, es: false)["report"]!
        #expect(Array(lines[0...3]) == [
            " Gestion des bassins                                                   EN COURS",
            " Étape 2/3 · Prioriser les axes         RESTE 5 MIN · reste 03:30 · fin à 14:31",
            " Ensuite : Plan de travail ███████░░░░░░░░░  séance : reste 33:30 · fin à 15:01",
            "  1 Ordre du jour  2 Idées  3 Participants  4 Vote  5 Plan de travail  6 Rapport",
        ])
    }

    @Test func theVoteInFrench() {
        #expect(frames(french, es: false)["vote"] == [
            " Gestion des bassins                                                   EN COURS",
            " Étape 2/3 · Prioriser les axes         RESTE 5 MIN · reste 03:30 · fin à 14:31",
            " Ensuite\u{00A0}: Plan de travail ███████░░░░░░░░░  séance\u{00A0}: reste 33:30 · fin à 15:01",
            "  1 Ordre du jour  2 Idées  3 Participants  4 Vote  5 Plan de travail  6 Rapport",
            " V2 · vote par approbation                                               OUVERT",
            "  Participation\u{00A0}: 1 sur 2 membres votants ont voté (50\u{202F}%)",
            "",
            " Rang ID   Candidat                                   Approbations",
            "    1 I1   Glaciers                                   ████████████████████    1",
            "    2 I2   Eau potable pour les villages                                      0",
            "",
            "  a bulletin (numéro ou initiales du votant, puis I1 I4) · h vote à main levée",
            "  c clore · b bulletins · p projecteur",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " o ouvrir · a bulletin · c clore · b bulletins · ? aide · q retour",
        ])
    }

    @Test func theVoteClosedInFrench() {
        #expect(frames(french, es: false)["vote-closed"] == [
            " Gestion des bassins                                                   EN COURS",
            " Étape 2/3 · Prioriser les axes         RESTE 5 MIN · reste 03:30 · fin à 14:31",
            " Ensuite\u{00A0}: Plan de travail ███████░░░░░░░░░  séance\u{00A0}: reste 33:30 · fin à 15:01",
            "  1 Ordre du jour  2 Idées  3 Participants  4 Vote  5 Plan de travail  6 Rapport",
            " V1 · vote par gommettes · 3 gommettes par membre                          CLOS",
            "  Participation\u{00A0}: 2 sur 2 membres votants ont voté (100\u{202F}%)",
            "",
            " Rang ID   Candidat                                   Gommettes",
            "    1 I1   Glaciers                                   ████████████████████    3",
            "    1 I2   Eau potable pour les villages              ████████████████████    3",
            "",
            "  Égalité en tête\u{00A0}: I1, I2. Départage\u{00A0}: aucun départage n'a été déclaré\u{00A0}:",
            "  l'égalité demeure.",
            "  r second tour entre ex aequo · o nouveau vote · b bulletins · p projecteur",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " o ouvrir · a bulletin · c clore · b bulletins · ? aide · q retour",
        ])
    }

    @Test func theWorkplanInFrench() {
        #expect(frames(french, es: false)["workplan"] == [
            " Gestion des bassins                                                   EN COURS",
            " Étape 2/3 · Prioriser les axes         RESTE 5 MIN · reste 03:30 · fin à 14:31",
            " Ensuite\u{00A0}: Plan de travail ███████░░░░░░░░░  séance\u{00A0}: reste 33:30 · fin à 15:01",
            "  1 Ordre du jour  2 Idées  3 Participants  4 Vote  5 Plan de travail  6 Rapport",
            " Rôles  rapporteuse\u{00A0}: Ana Quispe",
            "",
            " ID   Action                           Responsable     Échéance     État",
            " A2   Atelier avec les villages        Luc Martin      2026-12-15   en cours",
            " A1   Cartographier les glaciers du    Ana Quispe      2027-03      ouverte",
            "      bassin",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " a ajouter · e modifier · r rôle · c reporter · Entrée état · ? aide · q retour",
        ])
    }
}

@Suite struct TabFormsInOtherLanguagesTests {
    /// The last 12 rows after `keys`, in `language`.
    func bottom(_ language: Language, es: Bool, _ keys: [Key]) -> [String] {
        language.speak {
            var model = sessionModel(localLog(es))
            _ = model.press(keys, now: warningNow)
            return Array(model.lines(now: warningNow)[12...])
        }
    }

    @Test func theOpenVoteFormInSpanish() {
        let lines = bottom(spanish, es: true, [.char("4"), .char("o")])
        #expect(lines == [
            "  h votación a mano alzada · c cerrar · b papeletas · p proyector",
            "",
            "",
            "",
            "── Abrir votación · no se puede guardar ahora (ver abajo) · Esc cierra ─────────",
            "  Candidaturas: todas las áreas abiertas, o I1 I3 I4",
            "  Puntos:       3 por miembro (votación por puntos)",
            "  Opciones:     cap=2 hide anonymous tie=facilitator|runoff",
            "  Método:       [dot]  approval   score   borda   irv   schulze   (Tab cambia)",
            " la votación V2 sigue abierta; cierre este formulario y pulse c para cerrarla",
            " primero",
            " Tab método · ↑↓ campo · Enter guardar · Esc cancelar",
        ])
        #expect(englishIn(lines, "es") == [])
        #expect(wordsCutInside(lines, language: "es", data: recordData) == [])
    }

    @Test func theEditPhaseFormInSpanish() {
        let lines = bottom(spanish, es: true, [.char("1"), .char("e")])
        #expect(lines == [
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "── Editar fase 2 ───────────────────────────────────────────────────────────────",
            "  Nombre:  Priorizar áreas",
            "  Minutos: 20",
            "",
            " Tab siguiente · ↑↓ campo · Enter guardar · Esc cancelar",
        ])
        #expect(englishIn(lines, "es") == [])
        #expect(wordsCutInside(lines, language: "es", data: recordData) == [])
    }

    @Test func theDropActionQuestionInSpanish() {
        let lines = bottom(spanish, es: true, [.char("5"), .char("d")])
        #expect(lines == [
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " ¿Descartar A2 «Taller con las comunidades»? Enter la reabre más tarde.  s/n",
            " s sí · n o Esc no",
        ])
        #expect(englishIn(lines, "es") == [])
        #expect(wordsCutInside(lines, language: "es", data: recordData) == [])
    }

    @Test func theEditParticipantFormInSpanish() {
        let lines = bottom(spanish, es: true, [.char("3"), .char("e")])
        #expect(lines == [
            "",
            "",
            "",
            "",
            "",
            "── Editar P1 ───────────────────────────────────────────────────────────────────",
            "  Nombre:       Ana Quispe",
            "  Organización: CONDESAN",
            "  Grupo:        ONG",
            "  País:         PE",
            "",
            " Tab siguiente · ↑↓ campo · Enter guardar · Esc cancelar",
        ])
        #expect(englishIn(lines, "es") == [])
        #expect(wordsCutInside(lines, language: "es", data: recordData) == [])
    }

    @Test func theCloseVoteQuestionInSpanish() {
        let lines = bottom(spanish, es: true, [.char("4"), .char("c")])
        #expect(lines == [
            "  h votación a mano alzada · c cerrar · b papeletas · p proyector",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " ¿Cerrar la votación V2 con 1 papeleta?  s/n",
            " s sí · n o Esc no",
        ])
        #expect(englishIn(lines, "es") == [])
        #expect(wordsCutInside(lines, language: "es", data: recordData) == [])
    }

    @Test func theOpenVoteFormInFrench() {
        let lines = bottom(french, es: false, [.char("4"), .char("o")])
        #expect(lines == [
            "  c clore · b bulletins · p projecteur",
            "",
            "",
            "",
            "── Ouvrir un vote · impossible d’enregistrer (voir plus bas) · Échap ferme ─────",
            "  Candidats\u{00A0}: tous les axes ouverts, ou I1 I3 I4",
            "  Gommettes\u{00A0}: 3 par membre (vote par gommettes)",
            "  Options\u{00A0}:   cap=2 hide anonymous tie=facilitator|runoff",
            "  Méthode\u{00A0}:   [dot]  approval   score   borda   irv   schulze   (Tab change)",
            " le vote V2 est encore ouvert\u{00A0}; fermez ce formulaire et appuyez d’abord sur c",
            " pour le clore",
            " Tab méthode · ↑↓ champ · Entrée enregistrer · Esc annuler",
        ])
        #expect(englishIn(lines, "fr") == [])
        #expect(wordsCutInside(lines, language: "fr", data: recordData) == [])
    }

    @Test func theEditPhaseFormInFrench() {
        let lines = bottom(french, es: false, [.char("1"), .char("e")])
        #expect(lines == [
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "── Modifier l’étape 2 ──────────────────────────────────────────────────────────",
            "  Nom\u{00A0}:     Prioriser les axes",
            "  Minutes\u{00A0}: 20",
            "",
            " Tab suivant · ↑↓ champ · Entrée enregistrer · Esc annuler",
        ])
        #expect(englishIn(lines, "fr") == [])
        #expect(wordsCutInside(lines, language: "fr", data: recordData) == [])
    }

    @Test func theDropActionQuestionInFrench() {
        let lines = bottom(french, es: false, [.char("5"), .char("d")])
        #expect(lines == [
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " Abandonner A2 «\u{00A0}Atelier avec les villages\u{00A0}» ? Entrée la rouvre plus",
            " tard.  o/n",
            " o oui · n ou Esc non",
        ])
        #expect(englishIn(lines, "fr") == [])
        #expect(wordsCutInside(lines, language: "fr", data: recordData) == [])
    }

    @Test func theEditParticipantFormInFrench() {
        let lines = bottom(french, es: false, [.char("3"), .char("e")])
        #expect(lines == [
            "",
            "",
            "",
            "",
            "",
            "── Modifier P1 ─────────────────────────────────────────────────────────────────",
            "  Nom\u{00A0}:          Ana Quispe",
            "  Organisation\u{00A0}: CONDESAN",
            "  Groupe\u{00A0}:       ONG",
            "  Pays\u{00A0}:         PE",
            "",
            " Tab suivant · ↑↓ champ · Entrée enregistrer · Esc annuler",
        ])
        #expect(englishIn(lines, "fr") == [])
        #expect(wordsCutInside(lines, language: "fr", data: recordData) == [])
    }

    @Test func theCloseVoteQuestionInFrench() {
        let lines = bottom(french, es: false, [.char("4"), .char("c")])
        #expect(lines == [
            "  c clore · b bulletins · p projecteur",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " Clore le vote V2 avec 1 bulletin ?  o/n",
            " o oui · n ou Esc non",
        ])
        #expect(englishIn(lines, "fr") == [])
        #expect(wordsCutInside(lines, language: "fr", data: recordData) == [])
    }
}

@Suite struct EmptyTabsInOtherLanguagesTests {
    /// Every tab of a session with nothing in it yet, and an empty folder: what goes there, in
    /// the language, whole words only.
    @Test(arguments: ["es", "fr"]) func emptyStates(_ code: String) {
        let language = Language(code: code)
        language.speak {
            var log = SessionLog(id: "2026-11-29-vacia")
            let changes = try! log.decide(.createSession(title: code == "es" ? "Sesión vacía" : "Séance vide", initiative: "",
                                                         facilitator: "", rapporteur: "", agenda: [Phase(name: "Debate", plannedSeconds: 600)], language: code))
            log.append(changes.enumerated().map { Event(id: EventID(seq: $0.offset + 1, writer: "t"), at: sampleNow, change: $0.element) })
            var model = sessionModel(log)
            var frames = [model.lines()]
            for key in "23456" {
                _ = model.press([.char(key)])
                frames.append(model.lines())
            }
            var home = AppModel()
            home.showHome([])
            frames.append(home.lines())
            for (i, lines) in frames.enumerated() {
                // The Report tab's text is QuipuReports' own.
                let mine = i == 5 ? Array(lines[0...3]) + [lines[23]] : lines
                #expect(englishIn(mine, code) == [], "\(code) frame \(i)")
                #expect(wordsCutInside(mine, language: code, data: recordData) == [], "\(code) frame \(i)")
                #expect(cutAtTheEdge(mine, language: code) == [], "\(code) frame \(i)")
            }
            let text = frames.map { $0.joined(separator: "\n") }.joined(separator: "\n==\n")
            try? text.write(toFile: "/tmp/tabs2/empty-\(code).txt", atomically: true, encoding: .utf8)
        }
    }
}
