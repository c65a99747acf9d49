import QuipuCore

/// A value a message's placeholder can take: words from the record (`String`), a count (`Int`,
/// written with the language's digit grouping), or another message (translated in turn).
public protocol MessageValue: Sendable {
    var messageArgument: Message.Argument { get }
}

extension String: MessageValue { public var messageArgument: Message.Argument { .text(self) } }
extension Substring: MessageValue { public var messageArgument: Message.Argument { .text(String(self)) } }
extension Character: MessageValue { public var messageArgument: Message.Argument { .text(String(self)) } }
extension Int: MessageValue { public var messageArgument: Message.Argument { .number(self) } }
extension Message: MessageValue { public var messageArgument: Message.Argument { .message(self) } }
extension Message.Argument: MessageValue { public var messageArgument: Message.Argument { self } }

/// The message `msgid` in the current language (`Language.current`), its `{name}` placeholders
/// filled from `arguments`. `msgid` is the English text and must be a string literal at the call,
/// so the catalogue test (Tests/QuipuTextTests/CatalogueTests.swift) can find every one.
/// `context` tells apart two messages with the same English (`"Close"` a vote, `"Close"` a form).
public func tr(_ msgid: String, _ arguments: [String: any MessageValue] = [:], context: String? = nil) -> String {
    Message(msgid, arguments.mapValues(\.messageArgument), context: context).localized
}

/// A message that changes with `count` (`{n}` is the count): `trn("{n} idea", "{n} ideas", count: 3)`.
public func trn(_ singular: String, _ plural: String, count: Int, _ arguments: [String: any MessageValue] = [:],
                context: String? = nil) -> String {
    Message(singular, plural: plural, count: count, arguments.mapValues(\.messageArgument), context: context).localized
}

extension Message {
    /// In the current language; in English where the catalogue has no translation.
    public var localized: String { localized(in: Language.current) }

    public func localized(in language: Language) -> String {
        var template = (plural != nil && count != 1) ? plural! : key
        if language != .english, let catalogue = Catalogues.shared.byLanguage[language.code],
           let entry = catalogue.translation(key, context: context) {
            if let count, entry.plural != nil {
                template = entry.translations[min(catalogue.pluralIndex(count), entry.translations.count - 1)]
            } else if let first = entry.translations.first {
                template = first
            }
        }
        return Message.fill(template) { name in
            if name == "n", let count, arguments["n"] == nil { return formatNumber(count, in: language) }
            switch arguments[name] {
            case .text(let text): return text
            case .number(let number): return formatNumber(number, in: language)
            case .message(let message): return message.localized(in: language)
            case nil: return nil
            }
        }
    }
}

extension QuipuError {
    /// The error in the current language.
    public var localized: String { text.localized }
}

/// `12345` as the language writes it: `12345` in English as Quipu always has, `12.345` in
/// Spanish (grouped from five digits, as the RAE and CLDR have it), `12 345` in French (a narrow
/// no-break space, from four digits).
public func formatNumber(_ n: Int, in language: Language = Language.current) -> String {
    let digits = String(n.magnitude)
    let (separator, from): (String, Int) = switch language.code {
    case "es": (".", 5)
    case "fr": ("\u{202F}", 4)
    default: ("", Int.max)
    }
    guard digits.count >= from else { return n < 0 ? "-" + digits : digits }
    var groups: [Substring] = []
    var end = digits.endIndex
    while end > digits.startIndex {
        let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
        groups.insert(digits[start..<end], at: 0)
        end = start
    }
    return (n < 0 ? "-" : "") + groups.joined(separator: separator)
}

/// `2.5` with the language's decimal mark: `2.5`, `2,5`.
public func formatDecimal(_ value: Double, places: Int, in language: Language = Language.current) -> String {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let scaled = Int((abs(value) * scale).rounded())
    let whole = formatNumber(scaled / Int(scale), in: language)
    let sign = value < 0 && scaled != 0 ? "-" : ""
    guard places > 0 else { return sign + whole }
    var fraction = String(scaled % Int(scale))
    while fraction.count < places { fraction = "0" + fraction }
    let mark = language == .english ? "." : ","
    return sign + whole + mark + fraction
}

/// `2026-11-28` as the language writes a date in a sentence: `28 November 2026`,
/// `28 de noviembre de 2026`, `28 novembre 2026` (`1er décembre`). Anything else stays as given.
public func longDate(_ iso: String) -> String {
    let parts = iso.prefix(10).split(separator: "-")
    guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
          (1...12).contains(month), (1...31).contains(day) else { return iso }
    let months = [
        tr("January", context: "month"), tr("February", context: "month"), tr("March", context: "month"),
        tr("April", context: "month"), tr("May", context: "month"), tr("June", context: "month"),
        tr("July", context: "month"), tr("August", context: "month"), tr("September", context: "month"),
        tr("October", context: "month"), tr("November", context: "month"), tr("December", context: "month"),
    ]
    let dayText = day == 1 ? tr("1", context: "the first day of a month") : String(day)
    return tr("{day} {month} {year}", ["day": dayText, "month": months[month - 1], "year": String(year)],
              context: "a date in a sentence")
}

/// `Ana`, `Ana and Luis`, `Ana, Luis and Rosa` in the current language (`y`, `et`; Spanish
/// writes `e` before a word that starts with an i sound: `Luis e Inés`).
public func joinedList(_ items: [String]) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    let head = items.dropLast().joined(separator: tr(", ", context: "between items of a list"))
    let last = items.last!
    if Language.current.code == "es" {
        let lower = last.lowercased()
        let startsWithI = (lower.hasPrefix("i") || lower.hasPrefix("hi") || lower.hasPrefix("í"))
            && !(lower.hasPrefix("hie") || lower.hasPrefix("hia"))
        if startsWithI { return tr("{first} e {last}", ["first": head, "last": last], context: "Spanish before an i sound") }
    }
    return tr("{first} and {last}", ["first": head, "last": last], context: "the last two items of a list")
}
