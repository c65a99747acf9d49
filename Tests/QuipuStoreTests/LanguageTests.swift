import QuipuCore
@testable import QuipuStore
import QuipuText
import Testing

/// The engine's refusals and the journal's parse errors are messages, said in the room's
/// language; the English stays as it was.
@Suite struct SaidInTheRoomsLanguageTests {
    func created() throws -> SessionLog {
        var log = SessionLog(id: "2026-11-29-andes")
        let changes = try log.decide(.createSession(title: "Andes", initiative: "", facilitator: "", rapporteur: "",
                                                    agenda: [Phase(name: "Todo", plannedSeconds: 600)]))
        log.append(changes.enumerated().map { Event(id: EventID(seq: $0.offset + 1, writer: "t"), at: Timestamp(seconds: 0), change: $0.element) })
        return log
    }

    func refusal(_ log: SessionLog, _ command: Command) -> QuipuError? {
        do {
            _ = try log.decide(command)
            return nil
        } catch {
            return error
        }
    }

    @Test func aRefusalOfTheEngineSpeaksSpanishAndFrench() throws {
        let log = try created()
        let error = try #require(refusal(log, .addIdea(text: "  ", kind: .area, by: nil, area: nil)))
        #expect(error.message == "the idea is empty")
        #expect(Language(code: "es").speak { error.localized } == "falta la idea")
        #expect(Language(code: "fr").speak { error.localized } == "il manque l'idée")

        let missing = try #require(refusal(log, .withdrawIdea(id: "I9")))
        #expect(missing.message == "there is no idea I9 in 2026-11-29-andes")
        #expect(Language(code: "es").speak { missing.localized } == "no hay ninguna idea I9 en 2026-11-29-andes")
        #expect(Language(code: "fr").speak { missing.localized } == "il n'y a aucune idée I9 dans 2026-11-29-andes")

        let stopped = try #require(refusal(log, .pauseTimer))
        #expect(Language(code: "es").speak { stopped.localized } == "el reloj no está en marcha")
        #expect(Language(code: "fr").speak { stopped.localized } == "le chrono n'est pas en cours")
    }

    @Test func aJournalParseErrorKeepsItsPlaceAndSpeaksTheLanguage() throws {
        // A bad line with a good one after it: damage in the middle, refused with its place.
        let text = "quipu-journal 1.0\n1 2026-11-29T14:00:00.000Z w1 idea.add id=I1 kind=arena text=Agua\n"
            + "2 2026-11-29T14:00:01.000Z w1 idea.add id=I2 kind=area text=Sol\n"
        do {
            _ = try JournalReader.parse(Array(text.utf8), file: "andes.txt")
            Issue.record("a damaged journal was read")
        } catch {
            #expect(error.summary == "andes.txt:2:46: unknown idea kind \"arena\"")
            #expect(Language(code: "es").speak { error.summaryMessage.localized }
                    == "andes.txt:2:46: tipo de idea desconocido \"arena\"")
            #expect(Language(code: "fr").speak { error.summaryMessage.localized }
                    == "andes.txt:2:46: type d'idée inconnu «\u{00A0}arena\u{00A0}»")
            #expect(Language(code: "fr").speak { localizedText(of: error) }.hasPrefix("andes.txt:2:46: type d'idée inconnu"))
        }
    }

    @Test func aStoreFailureSpeaksTheLanguage() {
        let error = StoreError(Message("there is no session {id} in {folder}", ["id": .text("x"), "folder": .text("/s")]))
        #expect(error.message == "there is no session x in /s")
        #expect(Language(code: "es").speak { localizedText(of: error) } == "no hay ninguna sesión x en /s")
        #expect(Language(code: "fr").speak { localizedText(of: error) } == "il n'y a aucune séance x dans /s")
    }

    @Test func aSessionCreatedInSpanishNamesItsTemplatePhasesInSpanish() throws {
        let folder = temporaryFolder()
        let english = try folder.resolveAgenda(nil, minutes: nil)
        #expect(english.map(\.name).first == "Opening & introductions")
        let spanish = try folder.resolveAgenda("breakout-90", minutes: 60, language: "es")
        #expect(spanish.map(\.name) == ["Apertura y presentaciones", "Priorizar áreas de acción", "Ideas de programas y proyectos",
                                         "Plan de trabajo, funciones y responsabilidades", "Cierre y conclusiones para la plenaria"])
        #expect(Language(code: "fr").speak { try? folder.resolveAgenda("roundtable-45", minutes: nil) }?.map(\.name)
                == ["Ouverture", "Tour de table", "Discussion", "Conclusions"])
        #expect(try folder.resolveAgenda("Intro:10", minutes: nil, language: "es").map(\.name) == ["Intro"], "an inline agenda is the user's words")
    }

    @Test func whatASyncBroughtIsCountedInTheLanguageAndCommittedInEnglish() {
        #expect(GitSync.countMessage(3, "idea").english == "3 ideas")
        #expect(GitSync.countMessage(2, "vote closed").english == "2 votes closed")
        #expect(GitSync.countMessage(2, "vote closed").localized(in: Language(code: "es")) == "2 votaciones cerradas")
        #expect(GitSync.countMessage(1, "late ballot accepted").localized(in: Language(code: "fr")) == "1 bulletin tardif accepté")
        #expect(GitSync.countMessage(0, "idea").localized(in: Language(code: "fr")) == "0 idée", "French: 0 is singular")
        #expect(Language(code: "es").speak { SyncError("nothing to sync yet").localized } == "todavía no hay nada que sincronizar")
    }
}
