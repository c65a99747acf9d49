import Foundation

/// One language's translations, read from GNU gettext `.po` files: the format translators'
/// tools (Poedit, Weblate, msgmerge, msgfmt --check) read and write.
public struct Catalogue: Sendable {
    struct Entry: Sendable, Equatable {
        var translations: [String]
        var plural: String?
    }

    var entries: [String: Entry] = [:]
    /// The `Plural-Forms` rule of the header, `nplurals=2; plural=(n > 1);`.
    var pluralRule: PluralRule = .germanic
    var pluralCount = 2

    /// gettext's key: the context, EOT, then the message id.
    static func key(_ msgid: String, context: String?) -> String {
        context.map { "\($0)\u{4}\(msgid)" } ?? msgid
    }

    func translation(_ msgid: String, context: String?) -> Entry? { entries[Catalogue.key(msgid, context: context)] }

    /// Which of an entry's plural forms serves `n`.
    func pluralIndex(_ n: Int) -> Int { min(max(pluralRule.evaluate(n), 0), pluralCount - 1) }
}

/// Every catalogue found, read once.
struct Catalogues: Sendable {
    var byLanguage: [String: Catalogue] = [:]
    /// Files that could not be read, with the place: shown by `quipu --version` and the tests.
    var problems: [String] = []

    var languages: [String] { Array(byLanguage.keys) }

    static let shared: Catalogues = load(from: catalogueDirectory())

    /// `Catalogues/<lang>/*.po`. All files of one language make one table: they are split by
    /// the part of Quipu they serve only so translators (and developers) can work on one at a time.
    static func load(from directory: URL?) -> Catalogues {
        var result = Catalogues()
        guard let directory, let languages = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            return result
        }
        for language in languages.sorted() {
            let folder = directory.appendingPathComponent(language)
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            var catalogue = Catalogue()
            for file in files.sorted() where file.hasSuffix(".po") {
                let url = folder.appendingPathComponent(file)
                do {
                    let text = try String(contentsOf: url, encoding: .utf8)
                    let parsed = try POFile.parse(text, file: "\(language)/\(file)")
                    catalogue.merge(parsed)
                } catch let error as POFile.ParseError {
                    result.problems.append(error.description)
                } catch {
                    result.problems.append("\(url.path): \(error)")
                }
            }
            result.byLanguage[language] = catalogue
        }
        return result
    }

    /// Where the catalogues are: `QUIPU_CATALOGUES` when set; else the resources SwiftPM copies
    /// beside the binary (`Quipu_QuipuText.resources/Catalogues`); else the source tree this
    /// binary was built from.
    static func catalogueDirectory() -> URL? {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let dir = ProcessInfo.processInfo.environment["QUIPU_CATALOGUES"], !dir.isEmpty {
            candidates.append(URL(fileURLWithPath: dir))
        }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            let beside = executable.deletingLastPathComponent()
            candidates.append(beside.appendingPathComponent("Quipu_QuipuText.resources/Catalogues"))
            candidates.append(beside.appendingPathComponent("../share/quipu/Catalogues").standardized)
        }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Catalogues"))
        return candidates.first { url in
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }
}

extension Catalogue {
    mutating func merge(_ file: POFile) {
        for entry in file.entries where !entry.msgid.isEmpty && !entry.fuzzy && entry.msgstr.allSatisfy({ !$0.isEmpty }) {
            entries[Catalogue.key(entry.msgid, context: entry.msgctxt)] = Entry(translations: entry.msgstr, plural: entry.msgidPlural)
        }
        if let forms = file.header["Plural-Forms"], let rule = try? PluralRule.parseHeader(forms) {
            pluralRule = rule.rule
            pluralCount = rule.count
        }
    }
}
