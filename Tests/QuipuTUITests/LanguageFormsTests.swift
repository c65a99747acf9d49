import QuipuCore
import Testing
@testable import QuipuText
@testable import QuipuTUI

// The forms, questions, help, review views and status messages in Spanish and French at 80×24:
// no English word left in what they draw, nothing cut inside a word, the keys the same.
// (The home list, the tab bar and the session header are drawn by Render.swift and the tabs,
// translated and tested on their own; the rows checked here are the ones these files draw.)

/// Words a Spanish or French screen never shows: English UI words, matched as whole words.
private let englishOnly = ["the", "and", "press", "session", "title", "help", "yes", "cancel", "saved", "sessions"]

/// The English words found in `lines` (whole words, any capitals).
func englishWords(in lines: [String]) -> [String] {
    lines.flatMap { line in
        line.lowercased().split { !$0.isLetter }.map(String.init).filter(englishOnly.contains).map { "\($0) in \"\(line)\"" }
    }
}

/// Words ending in "…" in `lines` that are not whole words of the language's catalogue or of
/// `data`: a word cut in the middle.
func wordsCutInside(_ lines: [String], language: String, data: [String] = []) -> [String] {
    func clean<S: StringProtocol>(_ w: S) -> String {
        String(w).trimmingCharacters(in: "()[]\"'«»,.;:¿?¡!·…/")
    }
    var vocabulary = Set<String>()
    func add(_ text: String) {
        for w in text.split(whereSeparator: { $0.isWhitespace }) { vocabulary.insert(clean(w)) }
    }
    for entry in Catalogues.shared.byLanguage[language]?.entries.values.map({ $0 }) ?? [] { entry.translations.forEach(add) }
    data.forEach(add)
    return lines.flatMap { line in
        line.split(whereSeparator: { $0.isWhitespace }).filter { $0.hasSuffix("…") }.compactMap { token -> String? in
            let word = clean(token.dropLast())
            return word.isEmpty || vocabulary.contains(word) ? nil : "\(token) in \"\(line)\""
        }
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}

private let spanish = Language(code: "es"), french = Language(code: "fr")

private func homeModel() -> AppModel {
    var model = AppModel()
    model.showHome([sampleLog().state.summary(at: sampleNow)])
    return model
}

@Suite struct HelpInOtherLanguagesTests {
    func pages(_ language: Language) -> [[String]] {
        language.speak {
            var model = homeModel()
            _ = model.press([.char("?")])
            var pages = [model.lines()]
            for _ in 0..<4 {
                _ = model.press([.pageDown])
                let page = model.lines()
                if page == pages[0] { break }
                pages.append(page)
            }
            return pages
        }
    }

    @Test func theHelpInSpanishAt80x24() {
        let pages = pages(spanish)
        #expect(pages.count == 2)
        #expect(pages[0] == [
            " Quipu · teclas       página 1/2 · PgDn siguiente · cualquier otra tecla cierra",
            "",
            " En todas partes                         s             repartir el tiempo",
            "  1-6           cambiar de pestaña                     restante",
            "  Tab Shift-Tab pestaña siguiente /      w             avisos sí / no",
            "                anterior                 /             buscar / filtrar la",
            "  ↑ ↓  j k      moverse                                lista",
            "  PgUp PgDn     moverse una página       p             vista para proyector",
            "  Enter         abrir / confirmar        S             sincronizar la carpeta",
            "  Esc           cancelar / volver                      (git)",
            "  a             añadir en esta pestaña   ?             esta ayuda",
            "  e / d         editar / retirar idea    q             volver; salir desde el",
            "  u / U         deshacer / rehacer lo                  inicio",
            "                mío                      Ctrl-C        salir",
            "  W             quién está al teclado",
            "  !             cambios aún sin guardar",
            "  Space         iniciar / pausar el",
            "                reloj",
            "  n / N         fase siguiente /",
            "                anterior",
            "  + / -         fase ±1 minuto",
            "  > / <         sesión ±1 minuto",
            "",
            "",
        ])
        #expect(pages[1][2...5] == [
            " En una pestaña                          Plan e d      editar / abandonar",
            "  Agenda Enter  ir a la fase elegida                   acción",
            "  Agenda a e d  añadir / editar /        Plan c x      trasladar / quitar",
            "                quitar fase                            función",
        ])
        for page in pages {
            #expect(englishWords(in: page) == [])
            #expect(wordsCutInside(page, language: "es") == [])
        }
    }

    @Test func theHelpInFrenchAt80x24() {
        let pages = pages(french)
        #expect(pages.count == 2)
        #expect(pages[0][0...4] == [
            " Quipu · touches            page 1/2 · PgDn suivante · toute autre touche ferme",
            "",
            " Partout                                 > / <         séance ±1 minute",
            "  1-6           changer d’onglet         s             répartir le temps",
            "  Tab Shift-Tab onglet suivant /                       restant",
        ])
        #expect(pages[1][2...8] == [
            " Dans un onglet                          Plan e d      modifier / abandonner",
            "  ODJ Enter     aller à l’étape choisie                l’action",
            "  ODJ a e d     ajouter / modifier /     Plan c x      reporter / retirer le",
            "                supprimer une étape                    rôle",
            "  ODJ K J       monter / descendre       C / R         clore / rouvrir la",
            "                l’étape                                séance",
            "  E             détails de la séance     t, puis f     chronologie, par type",
        ])
        for page in pages {
            #expect(englishWords(in: page) == [])
            #expect(wordsCutInside(page, language: "fr") == [])
        }
    }

    @Test func theHelpInEnglishIsUnchanged() {
        var model = homeModel()
        _ = model.press([.char("?")])
        #expect(model.lines()[0].hasPrefix(" Quipu · keys"))
        #expect(model.lines()[2].hasPrefix(" Everywhere"))
    }
}

@Suite struct FormsInOtherLanguagesTests {
    /// Every form these files build, in the language spoken.
    func everyForm() -> [Form] {
        let session = sampleLog().state
        return [Form.newSession(initiatives: ["Watershed management"]), .sessionDetails(session, initiatives: []),
                .writerName(""), .make(.addIdea), .make(.addParticipant), .make(.tallyHands), .make(.addAction),
                .make(.assignRole)]
    }

    @Test func everyPlaceholderFitsItsFieldInEveryLanguage() {
        for language in Language.available {
            language.speak {
                for form in everyForm() {
                    // As the form is drawn: labels, a colon, two spaces; the field to one column short of the edge.
                    let labels = form.fields.map(\.label) + [form.choiceLabel].compactMap { $0 }
                    let fieldWidth = 80 - ((labels.map(displayWidth).max() ?? 0) + 4) - 1
                    for field in form.fields {
                        #expect(displayWidth(field.placeholder) <= fieldWidth, "\(language): \(form.title): \(field.placeholder)")
                    }
                    #expect(displayWidth("── \(form.title) ") <= 80, "\(language): \(form.title)")
                }
            }
        }
    }

    @Test func theNewSessionFormInSpanish() {
        spanish.speak {
            var model = homeModel()
            _ = model.press([.char("a")])
            let lines = model.lines()
            #expect(Array(lines[14...]) == [
                "── Nueva sesión ────────────────────────────────────────────────────────────────",
                "  Título:",
                "  Iniciativa:   la iniciativa de la alianza (→ completa una conocida)",
                "  Facilitación: quién conduce la sesión (opcional)",
                "  Relatoría:    quién informa a la plenaria (opcional)",
                "  Agenda:       breakout-90, roundtable-45, una propia o Intro:10,Debate:30",
                "  Minutos:      ajusta la agenda a este total (opcional)",
                "  Idioma:        English  [Español]  Français   (Tab cambia)",
                "",
                " Tab idioma · ↑↓ campo · Enter guardar · Esc cancelar",
            ])
            // The choice row ends with Render.swift's own hint, translated there.
            let mine = Array(lines[14...20]) + [lines[23]]
            #expect(englishWords(in: mine) == [])
            #expect(wordsCutInside(mine, language: "es") == [])

            // Enter on the empty title says so, in Spanish; nothing is created.
            #expect(model.press([.enter]) == [])
            #expect(model.lines()[22] == " Título está vacío, así que no se guardó nada: escríbalo, o Esc para cancelar")
            _ = model.type("Cuenca del Mantaro")
            #expect(model.press([.enter]) == [.createSession(NewSession(title: "Cuenca del Mantaro", language: "es"))],
                    "the reports speak the screens' language unless another is chosen")
        }
    }

    @Test func theNewSessionFormInFrenchChoosesTheReportsLanguageWithTab() {
        french.speak {
            var model = homeModel()
            _ = model.press([.char("a")])
            var lines = model.lines()
            #expect(lines[14] == "── Nouvelle séance ─────────────────────────────────────────────────────────────")
            #expect(lines[15] == "  Titre\u{00A0}:")
            #expect(lines[18] == "  Rapporteur·euse\u{00A0}: qui rend compte en plénière (facultatif)")
            #expect(lines[22].isEmpty && lines[23] == " Tab langue · ↑↓ champ · Entrée enregistrer · Esc annuler")
            #expect(lines[21].hasPrefix("  Langue\u{00A0}:           English   Español  [Français]"))
            let mine = Array(lines[14...20]) + [lines[23]]
            #expect(englishWords(in: mine) == [])
            #expect(wordsCutInside(mine, language: "fr") == [])
            _ = model.press([.tab])
            lines = model.lines()
            #expect(lines[21].hasPrefix("  Langue\u{00A0}:          [English]  Español   Français"))
            _ = model.type("Bassin du Congo")
            #expect(model.press([.enter]) == [.createSession(NewSession(title: "Bassin du Congo"))], "English: no language recorded")
            model = homeModel()
            _ = model.press([.char("a"), .tab, .tab])
            _ = model.type("Sahel")
            #expect(model.press([.enter]) == [.createSession(NewSession(title: "Sahel", language: "es"))])
        }
    }

    @Test func theDetailsFormChangesTheReportsLanguageOnlyWhenChosen() {
        var model = sessionModel()
        _ = model.press([.char("E")])
        #expect(model.form?.chosen == "en", "an English session's details start on English")
        _ = model.type("!")
        #expect(performedCommands(model.press([.enter])) == [.editSession(title: "Watershed management!", initiative: "Watershed management",
                                                                          facilitator: "Ana Quispe", rapporteur: "", language: nil)])
        model = sessionModel()
        _ = model.press([.char("E"), .tab, .tab])
        #expect(model.form?.chosen == "fr")
        #expect(performedCommands(model.press([.enter])) == [.editSession(title: "Watershed management", initiative: "Watershed management",
                                                                          facilitator: "Ana Quispe", rapporteur: "", language: "fr")])
    }

    @Test func fieldsAreReadByTheirIdWhateverTheLabelSays() {
        french.speak {
            var model = sessionModel(keys: [.char("2"), .char("a")])
            #expect(model.form?.fields.map(\.label) == ["Idée", "Proposée par", "Axe"])
            _ = model.type("Suivi des glaciers")
            _ = model.press([.down])
            _ = model.type("P2")
            #expect(performedCommands(model.press([.enter])) == [.addIdea(text: "Suivi des glaciers", kind: .area, by: "P2", area: nil)])
        }
    }
}

@Suite struct QuestionsInOtherLanguagesTests {
    @Test func aQuestionInSpanishShowsItsKeysAndSMeansYes() {
        spanish.speak {
            var model = sessionModel()
            #expect(model.press([.char("C")]) == [])
            let lines = model.lines()
            #expect(lines[22] == " ¿Cerrar esta sesión? Quedará de solo lectura.  s/n")
            #expect(lines[23] == " s sí · n o Esc no")
            #expect(englishWords(in: [lines[22], lines[23]]) == [])
            // o is yes in French only: here it is refused in words, and does nothing.
            #expect(model.press([.char("o")]) == [])
            #expect(model.confirmation != nil)
            #expect(model.lines()[22].contains("¿Cerrar esta sesión?"))
            #expect(model.message?.text == "responda s o n (Esc es no)")
            #expect(model.press([.char("s")]) == [.perform(.close)])
            // y is yes in every language.
            var again = sessionModel()
            _ = again.press([.char("C")])
            #expect(again.press([.char("Y")]) == [.perform(.close)])
        }
    }

    @Test func aQuestionInFrenchShowsItsKeysAndOMeansYes() {
        french.speak {
            var model = sessionModel()
            _ = model.press([.char("C")])
            let lines = model.lines()
            #expect(lines[22] == " Clore cette séance\u{00A0}? Elle passera en lecture seule.  o/n")
            #expect(lines[23] == " o oui · n ou Esc non")
            #expect(englishWords(in: [lines[22], lines[23]]) == [])
            // s (sí) is not yes here, nor any key of the session: nothing runs while the question is up.
            for key: Key in [.char("s"), .char(" "), .char("u"), .char("q"), .char("2"), .enter] {
                #expect(model.press([key]) == [], "\(key)")
                #expect(model.confirmation != nil && model.screen == .session && model.tab == .agenda, "\(key)")
            }
            #expect(model.message?.text == "répondez o ou n (Esc vaut non)")
            #expect(model.press([.char("n")]) == [])
            #expect(model.confirmation == nil)
            #expect(model.message?.text == "annulé")
            _ = model.press([.char("C")])
            #expect(model.press([.char("O")]) == [.perform(.close)])
        }
    }

    @Test func inEnglishOnlyYMeansYes() {
        var model = sessionModel()
        _ = model.press([.char("C")])
        #expect(model.lines()[22] == " Close this session? It becomes read-only.  y/n")
        #expect(model.lines()[23] == " y yes · n or Esc no")
        #expect(model.press([.char("s")]) == [] && model.press([.char("o")]) == [])
        #expect(model.message?.text == "answer y or n (Esc is no)")
        #expect(model.press([.char("y")]) == [.perform(.close)])
    }

    @Test func quittingWithAChangeNotSavedAsksInTheLanguage() {
        spanish.speak {
            var model = homeModel()
            model.unsaved = [UnsavedChange(number: 1, session: "s", summary: "add idea \"Agua\"", reason: "disk full")]
            _ = model.press([.char("q")])
            #expect(model.confirmation?.question == "1 cambio aún sin guardar: ¿salir y conservarlo en un archivo de recuperación?")
            model.unsaved.append(UnsavedChange(number: 2, session: "s", summary: "x", reason: "disk full"))
            _ = model.press([.escape, .char("q")])
            #expect(model.confirmation?.question == "2 cambios aún sin guardar: ¿salir y conservarlos en un archivo de recuperación?")
        }
    }
}

@Suite struct StatusMessagesInOtherLanguagesTests {
    func pasteOfFiveIdeas() -> (SessionLog, [Event]) {
        var log = sampleLog()
        let changes = try! log.decide(.batch((1...5).map { .addIdea(text: "Idea \($0)", kind: .area, by: nil, area: nil) }))
        let first = log.nextSeq
        let events = changes.enumerated().map { Event(id: EventID(seq: first + $0.offset, writer: "t"), at: sampleNow, change: $0.element) }
        log.append(events)
        return (log, events)
    }

    @Test func aPasteOfManyIdeasIsSaidInTheLanguage() {
        let (log, events) = pasteOfFiveIdeas()
        #expect(savedMessage(for: events, in: log) == "saved 5 ideas: I5 to I9")
        #expect(spanish.speak { savedMessage(for: events, in: log) } == "5 ideas guardadas: de I5 a I9")
        #expect(french.speak { savedMessage(for: events, in: log) } == "5 idées enregistrées\u{00A0}: de I5 à I9")
        for (language, code) in [(spanish, "es"), (french, "fr")] {
            language.speak {
                var model = sessionModel(log)
                _ = model.update(.saved(savedMessage(for: events, in: log)), now: sampleNow)
                let line = model.lines()[22]
                #expect(line.hasPrefix(code == "es" ? " 5 ideas guardadas" : " 5 idées enregistrées"))
                #expect(englishWords(in: [line]) == [] && wordsCutInside([line], language: code) == [])
            }
        }
    }

    @Test func aChangeNotSavedIsSaidInTheLanguageAndFits() {
        french.speak {
            var model = sessionModel()
            _ = model.update(.queued(reason: "le disque est plein"), now: sampleNow)
            let lines = model.lines()
            #expect(lines[21...22].joined(separator: " ").contains("NON ENREGISTRÉ\u{00A0}: le disque est plein — gardé en attente (0)"))
            #expect(wordsCutInside(Array(lines[21...22]), language: "fr", data: ["le disque est plein"]) == [])
        }
    }

    @Test func theListOfChangesNotSavedInFrenchSaysAllItsWords() {
        french.speak {
            var model = sessionModel()
            model.unsaved = [UnsavedChange(number: 1, session: "2026-11-29-watershed", summary: "add idea \"Agua\"", reason: "disk full")]
            _ = model.press([.char("!")])
            let lines = model.lines()
            #expect(Array(lines[0...7]) == [
                " En attente · 1 modification, réessayée dans cet ordre                Esc ferme",
                "",
                " Elles sont écrites dès que le disque et le journal les acceptent\u{00A0}; en",
                " quittant, elles vont dans un fichier de récupération à côté du journal (quipu",
                " recover l’applique).",
                "",
                " 1. 2026-11-29-watershed · add idea \"Agua\"",
                "    disk full",
            ])
            #expect(englishWords(in: Array(lines[0...5])) == [])
        }
    }

    @Test func aClockWarningIsSaidInTheLanguage() {
        let at = Timestamp(year: 2026, month: 11, day: 29, hour: 14, minute: 32)
        for (language, words) in [(Language.english, "5 MIN LEFT"), (spanish, "QUEDAN 5 MIN"), (french, "RESTE 5 MIN")] {
            language.speak {
                var model = sessionModel()
                #expect(model.update(.tick, now: at).first == .bell)
                #expect(model.message?.text == "\(words) · Prioritize areas of action")
            }
        }
    }

    @Test func theReSpreadQuestionInSpanish() {
        spanish.speak {
            var model = sessionModel()
            _ = model.press([.char("s")], now: Timestamp(year: 2026, month: 11, day: 29, hour: 14, minute: 40))
            let question = model.confirmation?.question ?? model.message?.text ?? ""
            #expect(question.contains("de retraso: ¿repartir el tiempo restante así: fase 2:"), "\(question)")
            #expect(englishWords(in: [question]) == [])
        }
    }
}

@Suite struct ReviewInOtherLanguagesTests {
    @Test func searchResultsInSpanish() {
        spanish.speak {
            var model = homeModel()
            #expect(model.press([.char("s")]).isEmpty)
            #expect(model.lines()[22] == " Buscar en todas las sesiones:")
            _ = model.type("glacier")
            #expect(model.press([.enter]) == [.search("glacier")])
            let hits = sampleLog().state.search("glacier")
            model.showSearchResults("glacier", hits)
            let lines = model.lines()
            #expect(lines[0] == " Quipu · búsqueda \"glacier\"                          1 coincidencia en 1 sesión")
            #expect(lines[2] == " Fecha      Sesión        Tipo        ID   Coincidencia")
            #expect(lines[3].hasPrefix(" 2026-11-29 Watershed ma… idea        I1   Glacier retreat monitoring"))
            #expect(lines[22] == " Enter abre la sesión en la coincidencia elegida")
            #expect(englishWords(in: Array(lines[0...22])) == [])
            model.showSearchResults("páramo", [])
            #expect(model.lines()[3] == "  Nada en ninguna sesión coincide con \"páramo\".")
            #expect(model.lines()[5] == "  s busca de nuevo · Esc vuelve a las sesiones")
            #expect(model.message?.text == "nada coincide con \"páramo\"")
        }
    }

    @Test func theTimelineInFrench() {
        french.speak {
            var model = sessionModel()
            _ = model.press([.char("t")])
            let entries = [TimelineEntry(id: EventID(seq: 1, writer: "t"), at: sampleNow, localTime: "2026-11-29 14:00",
                                         who: "Ana Quispe", kind: .ideas, text: "I1 \"Glaciers\" (area)", undone: true)]
            model.showTimeline(entries)
            let lines = model.lines()
            #expect(lines[0].hasPrefix(" Watershed management · chronologie"))
            #expect(lines[0].hasSuffix("1 · tous les événements"))
            #expect(lines[1] == " Heure (locale)   Qui         Type     Quoi")
            #expect(lines[2].contains("idées    I1 \"Glaciers\" (area) (annulé)"))
            #expect(lines[23] == " ↑↓ PgUp PgDn défiler · f type (tous les événements) · F tout · Esc/t retour")
            _ = model.press([.char("f")])
            #expect(model.lines()[0].hasSuffix("1 · seulement idées"))
        }
    }

    @Test func aDamagedJournalIsExplainedInSpanishWithinTheScreen() {
        spanish.speak {
            var model = AppModel()
            model.showHome([], damaged: [SessionDamage(id: "2026-11-29-andes", problem: "line 7: a field without a value")])
            _ = model.press([.enter])
            let lines = model.lines()
            #expect(lines.contains("  2026-11-29-andes no se puede abrir: su diario está dañado."))
            let text = lines[2...21].joined(separator: "\n")
            #expect(text.contains("Quipu lee un diario entero o nada"))
            #expect(text.contains("Corrija esa línea en un editor"))
            #expect(lines[2...21].allSatisfy { displayWidth($0) <= 80 })
            #expect(englishWords(in: lines[2...21].filter { !$0.contains("line 7") }) == [])
        }
    }

    @Test func theSortOrderIsSaidInFrench() {
        french.speak {
            var model = homeModel()
            _ = model.press([.char("o")])
            #expect(model.message?.text == "trié par initiative")
            _ = model.press([.char("o")])
            #expect(model.message?.text == "trié par état")
        }
    }
}
