import Foundation
import QuipuCore

/// A language Quipu speaks: English, the source of every message, or one that has a catalogue
/// (docs/LANGUAGES.md). Identified by its ISO 639 code (`es`, `fr`).
public struct Language: Hashable, Sendable, CustomStringConvertible {
    public let code: String

    public init(code: String) { self.code = code }

    public static let english = Language(code: "en")

    /// The language whose words are said now: the screens' language for the screens and
    /// messages, a session's report language while its report is written
    /// (`Language.$current.withValue(.init(code: "es")) { … }`).
    @TaskLocal public static var current: Language = .english

    /// English and every language with a catalogue, in code order after English.
    public static var available: [Language] {
        [.english] + Catalogues.shared.languages.filter { $0 != "en" }.sorted().map(Language.init(code:))
    }

    /// `es_PE.UTF-8`, `fr-CH`, `es`, `ES` → the language with a catalogue it names, if any.
    /// `C` and `POSIX` name none.
    public static func parse(_ tag: String) -> Language? {
        let base = tag.prefix { $0.isLetter }.lowercased()
        guard base.count >= 2 else { return nil }
        return available.first { $0.code == base }
    }

    /// The screens' language by the usual Unix order: `QUIPU_LANG`, then `LANGUAGE` (a
    /// colon-separated list of preferences, the first with a catalogue wins), `LC_ALL`,
    /// `LC_MESSAGES`, `LANG`. The first variable that is set and not empty decides, as in
    /// gettext: a `LANG=es_PE.UTF-8` under `LC_ALL=fr_CH.UTF-8` gives French, and a language
    /// without a catalogue gives English.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        for name in ["QUIPU_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            if name == "LANGUAGE" {
                // gettext ignores LANGUAGE when the locale is C; so does this, when LC_ALL or
                // LANG say C outright.
                let locale = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LANG"] ?? ""
                if locale == "C" || locale == "POSIX" { continue }
                for preference in value.split(separator: ":") { if let language = parse(String(preference)) { return language } }
                continue
            }
            return parse(value) ?? .english
        }
        return .english
    }

    /// The language's own name: `English`, `Español`, `Français`.
    public var name: String {
        let own = Language.$current.withValue(self) { tr("English", context: "the name of this language, in it") }
        return own
    }

    public var description: String { code }
}

extension Language {
    /// The language a session's reports are written in: the one it records (`lang=`), English
    /// when it records none (it was made before Quipu spoke other languages, or in English).
    /// A recorded language without a catalogue here is written in English.
    public static func ofReports(_ session: QuipuCore.Session) -> Language {
        guard let code = session.language, let language = parse(code) else { return .english }
        return language
    }

    /// Says `body` in this language.
    public func speak<T>(_ body: () throws -> T) rethrows -> T {
        try Language.$current.withValue(self, operation: body)
    }
}
