import Foundation
import XCTest
import QuipuCore
@testable import QuipuText

/// Every message the code says is in every shipped catalogue, translated, with the same
/// placeholders; the catalogues are valid GNU gettext files.
final class CatalogueTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testCataloguesReadWithoutProblems() {
        XCTAssertEqual(Catalogues.shared.problems, [])
        XCTAssertEqual(Set(Catalogues.shared.languages), ["es", "fr"])
    }

    func testEveryMessageInTheCodeIsInEveryCatalogue() throws {
        let used = try MessageScanner.scan(Self.root.appendingPathComponent("Sources"))
        XCTAssertEqual(used.problems, [], "message ids must be string literals without interpolation")
        XCTAssertGreaterThan(used.messages.count, 20)
        var missing: [String] = []
        var wrongPlaceholders: [String] = []
        for (code, catalogue) in Catalogues.shared.byLanguage.sorted(by: { $0.key < $1.key }) {
            for message in used.messages.sorted(by: { $0.place < $1.place }) {
                guard let entry = catalogue.translation(message.id, context: message.context) else {
                    missing.append("\(code): \(message.place): \(message.context.map { "[\($0)] " } ?? "")\(message.id)")
                    continue
                }
                let expected = Set(Message.placeholders(in: message.id) + Message.placeholders(in: message.plural ?? ""))
                    .subtracting(message.plural != nil ? [] : [])
                for translation in entry.translations {
                    var found = Set(Message.placeholders(in: translation))
                    // A plural's singular may say "one" instead of {n}, as translators do.
                    if message.plural != nil { found.insert("n") }
                    var wanted = expected
                    if message.plural != nil { wanted.insert("n") }
                    if found != wanted {
                        wrongPlaceholders.append("\(code): \(message.place): \"\(translation)\" has {\(found.sorted().joined(separator: "} {"))}, wants {\(wanted.sorted().joined(separator: "} {"))}")
                    }
                }
                if (message.plural != nil) != (entry.plural != nil) {
                    wrongPlaceholders.append("\(code): \(message.place): \(message.id): plural in one, not the other")
                }
            }
        }
        XCTAssertEqual(missing, [], "\(missing.count) messages have no translation")
        XCTAssertEqual(wrongPlaceholders, [])
    }

    /// French puts a no-break space before a colon that ends a label (`Date : …`).
    func testFrenchSpacesBeforeColons() {
        guard let french = Catalogues.shared.byLanguage["fr"] else { return XCTFail("no French catalogue") }
        var bad: [String] = []
        for (key, entry) in french.entries {
            for text in entry.translations {
                let chars = Array(text)
                for (i, c) in chars.enumerated() where c == ":" && i > 0 {
                    let after = i + 1 < chars.count ? chars[i + 1] : " "
                    guard after == " " || after == "\n" else { continue }
                    if chars[i - 1] != "\u{00A0}" && chars[i - 1] != "\u{202F}" { bad.append("\(key): \(text)") }
                }
            }
        }
        XCTAssertEqual(bad.sorted(), [])
    }

    /// A message in two files of one language says the same in both: the files make one table,
    /// and a reader must not get one word on the screens and another in the report.
    func testAMessageInTwoFilesIsTranslatedTheSame() throws {
        let folder = Self.root.appendingPathComponent("Sources/QuipuText/Catalogues")
        var differing: [String] = []
        for language in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            var seen: [String: (file: String, translations: [String])] = [:]
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(language).path).sorted()
            where file.hasSuffix(".po") {
                let text = try String(contentsOf: folder.appendingPathComponent("\(language)/\(file)"), encoding: .utf8)
                for entry in try POFile.parse(text, file: file).entries where !entry.msgid.isEmpty {
                    let key = Catalogue.key(entry.msgid, context: entry.msgctxt)
                    if let earlier = seen[key], earlier.translations != entry.msgstr {
                        differing.append("\(language): \(earlier.file) and \(file):\(entry.line): \(entry.msgid)")
                    }
                    seen[key] = (file, entry.msgstr)
                }
            }
        }
        XCTAssertEqual(differing, [])
    }

    /// msgfmt, from Debian's gettext, accepts every catalogue as translators' tools will.
    func testMsgfmtAcceptsTheCatalogues() throws {
        guard let msgfmt = ["/usr/bin/msgfmt", "/usr/local/bin/msgfmt"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("msgfmt is not installed (Debian's gettext package)")
        }
        let folder = Self.root.appendingPathComponent("Sources/QuipuText/Catalogues")
        for language in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(language).path) where file.hasSuffix(".po") {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: msgfmt)
                process.arguments = ["--check", "-o", "/dev/null", folder.appendingPathComponent("\(language)/\(file)").path]
                let pipe = Pipe()
                process.standardError = pipe
                try process.run()
                let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                XCTAssertEqual(process.terminationStatus, 0, "\(language)/\(file): \(output)")
            }
        }
    }

    func testLanguageFollowsTheUnixOrder() {
        XCTAssertEqual(Language.fromEnvironment([:]), .english)
        XCTAssertEqual(Language.fromEnvironment(["LANG": "es_PE.UTF-8"]).code, "es")
        XCTAssertEqual(Language.fromEnvironment(["LANG": "es_PE.UTF-8", "LC_ALL": "fr_CH.UTF-8"]).code, "fr")
        XCTAssertEqual(Language.fromEnvironment(["LANG": "fr_CH.UTF-8", "LC_MESSAGES": "es"]).code, "es")
        XCTAssertEqual(Language.fromEnvironment(["LANG": "es_PE.UTF-8", "LANGUAGE": "de:fr"]).code, "fr")
        XCTAssertEqual(Language.fromEnvironment(["LANG": "C", "LANGUAGE": "fr"]).code, "en", "gettext ignores LANGUAGE in the C locale")
        XCTAssertEqual(Language.fromEnvironment(["LANG": "fr_FR.UTF-8", "QUIPU_LANG": "es"]).code, "es")
        XCTAssertEqual(Language.fromEnvironment(["LANG": "de_DE.UTF-8"]), .english)
        XCTAssertEqual(Language.fromEnvironment(["LANG": "", "LC_ALL": "", "LC_MESSAGES": "fr"]).code, "fr")
    }

    func testPluralsNumbersAndDates() {
        let es = Language(code: "es"), fr = Language(code: "fr")
        Language.$current.withValue(es) {
            XCTAssertEqual(longDate("2026-11-28"), "28 de noviembre de 2026")
            XCTAssertEqual(formatNumber(12345), "12.345")
            XCTAssertEqual(formatNumber(1234), "1234")
            XCTAssertEqual(joinedList(["Ana", "Luis", "Inés"]), "Ana, Luis e Inés")
            XCTAssertEqual(joinedList(["Ana", "Luis"]), "Ana y Luis")
            XCTAssertEqual(formatDecimal(2.5, places: 1), "2,5")
        }
        Language.$current.withValue(fr) {
            XCTAssertEqual(longDate("2026-12-01"), "1er décembre 2026")
            XCTAssertEqual(formatNumber(1234), "1\u{202F}234")
            XCTAssertEqual(joinedList(["Ana", "Inés"]), "Ana et Inés")
        }
        XCTAssertEqual(longDate("2026-11-28"), "28 November 2026")
        XCTAssertEqual(Language(code: "fr").name, "Français")
    }

    func testPluralRulesFromTheHeader() throws {
        XCTAssertEqual(Catalogues.shared.byLanguage["fr"]?.pluralIndex(0), 0, "French: 0 is singular")
        XCTAssertEqual(Catalogues.shared.byLanguage["es"]?.pluralIndex(0), 1, "Spanish: 0 is plural")
        let polish = try PluralRule.parseHeader("nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);")
        XCTAssertEqual([1, 2, 5, 22, 112].map(polish.rule.evaluate), [0, 1, 2, 1, 2])
    }

    func testPOParserSaysWhereAFileIsWrong() {
        XCTAssertThrowsError(try POFile.parse("msgid \"a\"\nmsgstr \"b\n", file: "es/x.po")) { error in
            XCTAssertEqual("\(error)", "es/x.po:2:8: the string has no closing quote")
        }
        XCTAssertThrowsError(try POFile.parse("msgid \"a\"\nmsgstring \"b\"\n", file: "es/x.po")) { error in
            XCTAssertTrue("\(error)".hasPrefix("es/x.po:2:1: \"msgstring\" is not a .po keyword"), "\(error)")
        }
        let file = try? POFile.parse("#, fuzzy\nmsgid \"a\"\nmsgstr \"b\"\n\nmsgctxt \"c\"\nmsgid \"a\"\nmsgstr \"\"\n\"d\\\"e\"\n", file: "x")
        XCTAssertEqual(file?.entries.count, 2)
        XCTAssertEqual(file?.entries[0].fuzzy, true)
        XCTAssertEqual(file?.entries[1].msgctxt, "c")
        XCTAssertEqual(file?.entries[1].msgstr, ["d\"e"])
    }

    func testAnErrorFromTheEngineIsSaidInTheReadersLanguage() {
        let error = QuipuError("there is nothing to undo")
        XCTAssertEqual(error.localized, "there is nothing to undo")
        XCTAssertEqual(error.message, "there is nothing to undo")
    }
}

/// Finds the messages the code says: the first string literal of `tr(`, `trn(` (and its second,
/// the plural), `QuipuError(`, `Message(` and `FieldError(… message:`, with the `context:` literal
/// when the call gives one.
struct MessageScanner {
    struct Found: Hashable {
        var id: String
        var plural: String?
        var context: String?
        var place: String
    }

    var messages: [Found] = []
    var problems: [String] = []

    static let calls = ["tr(", "trn(", "QuipuError(", "Message("]

    static func scan(_ folder: URL) throws -> MessageScanner {
        var scanner = MessageScanner()
        let files = FileManager.default.enumerator(atPath: folder.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        for file in files.sorted() {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            scanner.scanFile(Array(text.unicodeScalars), name: file)
        }
        return scanner
    }

    mutating func scanFile(_ s: [Unicode.Scalar], name: String) {
        var i = 0
        var line = 1
        func lineOf(_ index: Int) -> Int { line }
        while i < s.count {
            if s[i] == "\n" { line += 1; i += 1; continue }
            // Skip comments.
            if s[i] == "/", i + 1 < s.count, s[i + 1] == "/" {
                while i < s.count, s[i] != "\n" { i += 1 }
                continue
            }
            // Skip string literals that are not a message's.
            if s[i] == "\"" {
                i = MessageScanner.skipLiteral(s, from: i, line: &line)
                continue
            }
            guard let call = MessageScanner.calls.first(where: { matches(s, i, $0) }),
                  i == 0 || !(s[i - 1].properties.isAlphabetic || s[i - 1] == "_" || s[i - 1] == ".") || call == "Message(" && s[i - 1] == "."
            else { i += 1; continue }
            let place = "\(name):\(line)"
            var j = i + call.unicodeScalars.count
            while j < s.count, s[j] == " " || s[j] == "\n" { j += 1 }
            guard j < s.count, s[j] == "\"", !(j + 2 < s.count && s[j + 1] == "\"" && s[j + 2] == "\"") else { i = j; continue }
            guard let (id, end) = MessageScanner.literal(s, from: j) else {
                problems.append("\(place): a message id with interpolation")
                i = MessageScanner.skipLiteral(s, from: j, line: &line)
                continue
            }
            var found = Found(id: id, place: place)
            // The rest of the call: its plural (trn's second literal) and context.
            var k = end
            var depth = 1
            var literalIndex = 1
            var lastLabel = ""
            while k < s.count, depth > 0 {
                let c = s[k]
                if c == "(" || c == "[" { depth += 1 }
                if c == ")" || c == "]" { depth -= 1 }
                if c == "\n" { line += 1 }
                if c == "\"" {
                    if let (text, after) = MessageScanner.literal(s, from: k) {
                        if lastLabel == "context" { found.context = text }
                        else if call == "trn(" && literalIndex == 1 && depth == 1 && lastLabel.isEmpty { found.plural = text }
                        else if call == "Message(" && lastLabel == "plural" { found.plural = text }
                        literalIndex += 1
                        k = after
                    } else {
                        k = MessageScanner.skipLiteral(s, from: k, line: &line)
                    }
                    lastLabel = ""
                    continue
                }
                if c.properties.isAlphabetic {
                    var word = ""
                    while k < s.count, s[k].properties.isAlphabetic { word.unicodeScalars.append(s[k]); k += 1 }
                    var m = k
                    while m < s.count, s[m] == " " { m += 1 }
                    lastLabel = (m < s.count && s[m] == ":") ? word : ""
                    continue
                }
                if c == "," { lastLabel = "" }
                k += 1
            }
            messages.append(found)
            i = k
        }
    }

    func matches(_ s: [Unicode.Scalar], _ i: Int, _ word: String) -> Bool {
        let w = Array(word.unicodeScalars)
        guard i + w.count <= s.count else { return false }
        for (n, c) in w.enumerated() where s[i + n] != c { return false }
        return true
    }

    /// The text of the literal starting at `from` and the index after it; nil when it
    /// interpolates.
    static func literal(_ s: [Unicode.Scalar], from: Int) -> (String, Int)? {
        var out = String.UnicodeScalarView()
        var i = from + 1
        while i < s.count {
            let c = s[i]
            if c == "\\" {
                guard i + 1 < s.count else { return nil }
                let e = s[i + 1]
                switch e {
                case "(": return nil
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "u":
                    var j = i + 3
                    var hex = ""
                    while j < s.count, s[j] != "}" { hex.unicodeScalars.append(s[j]); j += 1 }
                    if let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) { out.append(scalar) }
                    i = j + 1
                    continue
                default: out.append(e)
                }
                i += 2
                continue
            }
            if c == "\"" { return (String(out), i + 1) }
            out.append(c)
            i += 1
        }
        return nil
    }

    static func skipLiteral(_ s: [Unicode.Scalar], from: Int, line: inout Int) -> Int {
        // """ multi-line literals
        if from + 2 < s.count, s[from + 1] == "\"", s[from + 2] == "\"" {
            var i = from + 3
            while i + 2 < s.count, !(s[i] == "\"" && s[i + 1] == "\"" && s[i + 2] == "\"") {
                if s[i] == "\n" { line += 1 }
                i += 1
            }
            return i + 3
        }
        var i = from + 1
        var depth = 0
        while i < s.count {
            let c = s[i]
            if c == "\\" && i + 1 < s.count && s[i + 1] == "(" { depth += 1; i += 2; continue }
            if c == "\\" { i += 2; continue }
            if depth > 0 {
                if c == "(" { depth += 1 } else if c == ")" { depth -= 1 } else if c == "\"" {
                    i = skipLiteral(s, from: i, line: &line); continue
                }
                i += 1
                continue
            }
            if c == "\"" || c == "\n" { return i + 1 }
            i += 1
        }
        return i
    }
}
