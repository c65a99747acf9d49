import Foundation
import Testing

/// The command line in the room's language: the language from the environment (LANG=es_PE.UTF-8
/// as a Peruvian laptop has it), a session's report language (`new --lang`), refusals of a
/// language Quipu has no catalogue for, and `--help`.
@Suite("The command line in Spanish and French")
struct LanguageCommandLineTests {
    /// A laptop set up in Spanish: nothing else in the environment says otherwise.
    static let spanish = ["LANG": "es_PE.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "QUIPU_LANG": ""]
    static let english = ["LANG": "C.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "QUIPU_LANG": ""]
    static let still = ["QUIPU_NOW": "2026-11-28T14:00:00Z"]

    static func env(_ a: [String: String], _ b: [String: String] = still) -> [String: String] { a.merging(b) { x, _ in x } }

    func create(_ arguments: [String], dir: String, environment: [String: String]) throws -> String {
        let made = try quipu(["new"] + arguments, dir: dir, environment: environment)
        #expect(made.status == 0, "\(made.stderr)")
        return made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aSpanishLaptopCreatesASpanishSessionAndTheCommandsAnswerInSpanish() throws {
        let dir = scratchFolder() + "/Sesiones"
        let es = Self.env(Self.spanish)
        let made = try quipu(["new", "Gestión de cuencas", "--facilitator", "Ana Quispe"], dir: dir, environment: es)
        #expect(made.status == 0)
        #expect(made.stderr.contains("quipu: se creó la carpeta de sesiones"), "\(made.stderr)")
        let id = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // The session records the screens' language for its reports; the journal's words stay neutral.
        let journal = try String(contentsOfFile: dir + "/\(id).txt", encoding: .utf8)
        #expect(journal.contains(" lang=es"), "\(journal)")
        #expect(journal.contains("session.create"))

        let added = try quipu(["participant", id, "add", "Luis Mamani", "--org", "SENAMHI"], dir: dir, environment: es)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.hasPrefix("guardado: "), "\(added.stdout)")
        let roster = try quipu(["participant", id, "list"], dir: dir, environment: es)
        #expect(roster.stdout.contains("miembro") && roster.stdout.contains("presente"), "\(roster.stdout)")
        #expect(roster.stdout.contains("1 participante: 1 miembro, 0 observadores, 1 presente"), "\(roster.stdout)")

        // A usage error from the command's own checks is Spanish too (argument-parser's
        // "Usage:" line after it is not ours to translate).
        let refused = try quipu(["idea", id, "add"], dir: dir, environment: es)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("add necesita el texto de la idea"), "\(refused.stderr)")
        let badFolder = try quipu(["list"], dir: dir + "/nowhere", environment: es)
        #expect(badFolder.status == 2)
        #expect(badFolder.stderr.contains("no hay ninguna carpeta de sesiones"), "\(badFolder.stderr)")

        let output = scratchFolder() + "/informe.md"
        let exported = try quipu(["export", id, "--format", "md", "--output", output], dir: dir, environment: es)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.hasPrefix("se escribió "), "\(exported.stdout)")

        // show and list say the session in Spanish too.
        do {
            let shown = try quipu(["show", id], dir: dir, environment: es)
            #expect(shown.status == 0)
            #expect(shown.stdout.contains("Gestión de cuencas"))
            #expect(shown.stdout.contains("participantes"), "\(shown.stdout)")
            #expect(!shown.stdout.contains("clock idle"), "\(shown.stdout)")
            let listed = try quipu(["list"], dir: dir, environment: es)
            #expect(listed.stdout.contains(id))
            #expect(!listed.stdout.contains("top priority"), "\(listed.stdout)")
        }
    }

    @Test func newLangFrRecordsFrenchAndExportWritesIt() throws {
        let dir = scratchFolder()
        let en = Self.env(Self.english)
        let id = try create(["Gestion des bassins versants", "--lang", "fr"], dir: dir, environment: en)
        let journal = try String(contentsOfFile: dir + "/\(id).txt", encoding: .utf8)
        #expect(journal.contains(" lang=fr"), "\(journal)")
        // The screens' language stays English for what the command says.
        let output = dir + "/rapport.md"
        let exported = try quipu(["export", id, "--format", "md", "--output", output], dir: dir, environment: en)
        #expect(exported.stdout == "wrote \(output)\n", "\(exported.stdout)\(exported.stderr)")

        // An English session from an English laptop records no language at all (English is the default).
        let plain = try create(["Paramos"], dir: dir, environment: en)
        #expect(!(try String(contentsOfFile: dir + "/\(plain).txt", encoding: .utf8)).contains("lang="))
        // `edit --lang` changes it, recorded.
        let edited = try quipu(["edit", plain, "--lang", "es"], dir: dir, environment: en)
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect((try String(contentsOfFile: dir + "/\(plain).txt", encoding: .utf8)).contains("lang=es"))

        // The report is French (its date too: the session was made today, so any month may show).
        let report = try String(contentsOfFile: output, encoding: .utf8)
        let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]
        let frenchMonths = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                            "septembre", "octobre", "novembre", "décembre"]
        #expect(report.contains("Gestion des bassins versants"))
        #expect(frenchMonths.contains { report.contains(" \($0) ") }, "\(report)")
        #expect(!englishMonths.contains { report.contains($0) }, "\(report)")
        // --lang overrides the session's language for one export.
        let english = try quipu(["export", id, "--format", "md", "--lang", "en"], dir: dir, environment: en)
        #expect(english.stdout != report, "--lang en gives the English report")
        #expect(englishMonths.contains { english.stdout.contains(" \($0) ") }, "\(english.stdout)")
    }

    @Test func aLanguageWithoutACatalogueIsRefusedWithTheOnesThereAre() throws {
        let dir = scratchFolder()
        let en = Self.env(Self.english)
        for arguments in [["new", "Paramos", "--lang", "xx"], ["report", "--plenary", "--lang", "xx"]] {
            let refused = try quipu(arguments, dir: dir, environment: en)
            #expect(refused.status == 2, "\(arguments)")
            #expect(refused.stderr == "quipu: --lang xx: Quipu has no catalogue for that language; use one of en, es, fr\n",
                    "one line: \(refused.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "nothing was created")
        let id = try create(["Paramos"], dir: dir, environment: en)
        let export = try quipu(["export", id, "--format", "md", "--lang", "de"], dir: dir, environment: Self.env(Self.spanish))
        #expect(export.status == 2)
        #expect(export.stderr.contains("--lang de: Quipu no tiene catálogo para ese idioma; use uno de en, es, fr"), "\(export.stderr)")

        // QUIPU_LANG naming a language without a catalogue: said once, then English.
        var asked = Self.env(Self.spanish)
        asked["QUIPU_LANG"] = "xx"
        let listed = try quipu(["participant", id, "list"], dir: dir, environment: asked)
        #expect(listed.status == 0)
        let lines = listed.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("QUIPU_LANG=xx") && lines[0].contains("English"), "\(listed.stderr)")
        #expect(listed.stdout.contains("0 participants: 0 members, 0 observers"), "\(listed.stdout)")
    }

    @Test func helpIsInTheScreensLanguage() throws {
        let dir = scratchFolder()
        let help = try quipu(["--help"], dir: dir, environment: Self.env(Self.spanish))
        #expect(help.status == 0)
        #expect(help.stdout.contains("Conducir grupos de trabajo de 90 minutos"), "\(help.stdout)")
        let new = try quipu(["new", "--help"], dir: dir, environment: Self.env(Self.spanish))
        #expect(new.stdout.contains("Crear una sesión e imprimir su identificador."), "\(new.stdout)")
        #expect(new.stdout.contains("El idioma de los informes de la sesión: en, es, fr."), "\(new.stdout)")
        let french = try quipu(["vote", "--help"], dir: dir, environment: ["LC_ALL": "fr_CH.UTF-8", "QUIPU_LANG": "", "LANGUAGE": ""])
        #expect(french.stdout.contains("Ouvrir un vote sur les priorités"), "\(french.stdout)")
        let english = try quipu(["--help"], dir: dir, environment: Self.env(Self.english))
        #expect(english.stdout.contains("Run 90-minute working-group breakouts"))
    }

    /// Every command's abstract, discussion and option help is translated: compared through
    /// argument-parser's own dump of the help (the discussions are multi-line literals, which
    /// the catalogue test does not read).
    @Test func everyCommandsHelpIsTranslated() throws {
        func help(_ environment: [String: String]) throws -> [String: [String]] {
            let dump = try quipu(["--experimental-dump-help"], dir: scratchFolder(), environment: environment)
            #expect(dump.status == 0, "\(dump.stderr)")
            let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
            var texts: [String: [String]] = [:]
            func walk(_ command: [String: Any]) {
                let name = command["commandName"] as? String ?? "?"
                var said = [command["abstract"] as? String ?? "", command["discussion"] as? String ?? ""]
                for argument in command["arguments"] as? [[String: Any]] ?? [] {
                    let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                    // argument-parser's own --help and --version stay English.
                    if names.contains("help") || names.contains("version") { continue }
                    said.append(argument["abstract"] as? String ?? "")
                }
                texts[name] = said
                for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub) }
            }
            walk(try #require(root["command"] as? [String: Any]))
            return texts
        }
        let english = try help(Self.english)
        #expect(english.count >= 20)
        for language in ["es", "fr"] {
            var environment = Self.english
            environment["QUIPU_LANG"] = language
            let translated = try help(environment)
            // `help` is argument-parser's own subcommand, in its own words.
            for (command, texts) in english where command != "help" {
                let other = translated[command] ?? []
                #expect(other.count == texts.count, "\(language): \(command)")
                for (a, b) in zip(texts, other) where !a.isEmpty {
                    #expect(a != b, "\(language): \(command): not translated: \(a)")
                }
            }
        }
    }
}
