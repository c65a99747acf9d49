/// A sentence for a person, kept as a message identifier and its values rather than as words, so
/// the engine stays free of any language: the outer layers look `key` up in their catalogues
/// (QuipuText's `localized`) and put the values in. `key` is the English text itself, the way GNU
/// gettext names messages, with named placeholders (`session {id} is closed`); `english` renders
/// it without a catalogue.
public struct Message: Sendable, Hashable, CustomStringConvertible {
    /// A value put into a placeholder.
    public enum Argument: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
        ExpressibleByStringInterpolation
    {
        /// Words from the record or the user (names, ids, titles): never translated.
        case text(String)
        /// A count or a quantity: written with the language's digit grouping.
        case number(Int)
        /// A phrase that is itself a message, translated in turn.
        case message(Message)

        public init(stringLiteral value: String) { self = .text(value) }
        public init(integerLiteral value: Int) { self = .number(value) }
        public init(stringInterpolation: DefaultStringInterpolation) { self = .text(String(stringInterpolation: stringInterpolation)) }
    }

    /// The message identifier: the English sentence (the singular, for a plural message).
    public var key: String
    /// The English plural, for a message that changes with `count` (gettext's `msgid_plural`).
    public var plural: String?
    /// The number that chooses between singular and plural; it fills `{n}`.
    public var count: Int?
    /// Tells apart two messages with the same English (gettext's `msgctxt`).
    public var context: String?
    public var arguments: [String: Argument]

    public init(_ key: String, _ arguments: [String: Argument] = [:], context: String? = nil) {
        self.key = key
        self.arguments = arguments
        self.context = context
    }

    /// `Message("{n} idea", plural: "{n} ideas", count: 3)`.
    public init(_ singular: String, plural: String, count: Int, _ arguments: [String: Argument] = [:], context: String? = nil) {
        self.key = singular
        self.plural = plural
        self.count = count
        self.arguments = arguments
        self.context = context
    }

    /// The message in English, without any catalogue.
    public var english: String {
        let template = (plural != nil && count != 1) ? plural! : key
        return Message.fill(template) { name in
            if name == "n", let count, arguments["n"] == nil { return String(count) }
            switch arguments[name] {
            case .text(let text): return text
            case .number(let number): return String(number)
            case .message(let message): return message.english
            case nil: return nil
            }
        }
    }

    public var description: String { english }

    /// `template` with each `{name}` replaced by `value(name)`; a placeholder without a value, or a
    /// brace that opens none, stays as written.
    public static func fill(_ template: String, _ value: (String) -> String?) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let replacement = value(String(after[..<close])) {
                out += replacement
                rest = after[after.index(after: close)...]
            } else {
                out += "{"
                rest = after
            }
        }
        out += rest
        return out
    }

    /// The names of the placeholders in `template`, in order of appearance.
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        _ = fill(template) { names.append($0); return "" }
        return names
    }
}

extension Message {
    /// `A, B or C`: choices from the record, their last joined with the language's "or".
    public static func or(_ items: [String]) -> Argument {
        guard items.count > 1 else { return .text(items.first ?? "") }
        return .message(Message("{first} or {last}", ["first": .text(items.dropLast().joined(separator: ", ")), "last": .text(items.last!)],
                                context: "the last two of several choices"))
    }

    /// `A or B or C`: each choice joined with the language's "or".
    public static func eitherOr(_ items: [String]) -> Argument {
        guard items.count > 1 else { return .text(items.first ?? "") }
        return .message(Message("{first} or {last}", ["first": eitherOr(Array(items.dropLast())), "last": .text(items.last!)],
                                context: "the last two of several choices"))
    }

    /// `FILE:LINE:COL: reason`, the form editors and compilers read: the place is never
    /// translated (and so is not a catalogue message), the reason is.
    public static func at(_ place: String, _ reason: Message) -> Message {
        let form = "{place}: {reason}"
        return Message(form, ["place": .text(place), "reason": .message(reason)])
    }
}
