/// gettext's `Plural-Forms` expression, `plural=(n != 1)` or `plural=(n==1 ? 0 : n%10>=2 && … )`:
/// the C subset gettext allows (`n`, integers, `! * / % + - < <= > >= == != && || ?:` and
/// brackets), read once and evaluated for each count, so a catalogue for a new language brings
/// its own rule.
indirect enum PluralRule: Sendable, Equatable {
    case n
    case constant(Int)
    case not(PluralRule)
    case binary(String, PluralRule, PluralRule)
    case conditional(PluralRule, PluralRule, PluralRule)

    /// English, German, Spanish: one for 1, the other for the rest.
    static let germanic = PluralRule.binary("!=", .n, .constant(1))

    struct Unreadable: Error {}

    /// `nplurals=2; plural=(n > 1);` → the rule and the number of forms.
    static func parseHeader(_ header: String) throws(Unreadable) -> (count: Int, rule: PluralRule) {
        var count: Int?
        var rule: PluralRule?
        for part in header.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map { String($0).filter { !$0.isWhitespace } }
            guard pair.count == 2 else { continue }
            if pair[0] == "nplurals" { count = Int(pair[1]) }
            if pair[0] == "plural" { rule = try parse(pair[1]) }
        }
        guard let count, count >= 1, let rule else { throw Unreadable() }
        return (count, rule)
    }

    static func parse(_ text: String) throws(Unreadable) -> PluralRule {
        var tokens: [String] = []
        var chars = Array(text.filter { !$0.isWhitespace })
        while !chars.isEmpty {
            if chars[0].isNumber {
                let digits = chars.prefix { $0.isNumber }
                tokens.append(String(digits))
                chars.removeFirst(digits.count)
            } else if chars.count >= 2, ["<=", ">=", "==", "!=", "&&", "||"].contains(String(chars[0...1])) {
                tokens.append(String(chars[0...1]))
                chars.removeFirst(2)
            } else if "n!*/%+-<>?:()".contains(chars[0]) {
                tokens.append(String(chars[0]))
                chars.removeFirst()
            } else {
                throw Unreadable()
            }
        }
        var parser = Parser(tokens: tokens)
        let rule = try parser.conditional()
        guard parser.position == tokens.count else { throw Unreadable() }
        return rule
    }

    struct Parser {
        var tokens: [String]
        var position = 0
        var next: String? { position < tokens.count ? tokens[position] : nil }

        mutating func take(_ token: String) -> Bool {
            guard next == token else { return false }
            position += 1
            return true
        }

        mutating func conditional() throws(Unreadable) -> PluralRule {
            let condition = try binary(0)
            guard take("?") else { return condition }
            let yes = try conditional()
            guard take(":") else { throw Unreadable() }
            return .conditional(condition, yes, try conditional())
        }

        static let levels: [[String]] = [["||"], ["&&"], ["==", "!="], ["<", "<=", ">", ">="], ["+", "-"], ["*", "/", "%"]]

        mutating func binary(_ level: Int) throws(Unreadable) -> PluralRule {
            guard level < Parser.levels.count else { return try unary() }
            var left = try binary(level + 1)
            while let op = next, Parser.levels[level].contains(op) {
                position += 1
                left = .binary(op, left, try binary(level + 1))
            }
            return left
        }

        mutating func unary() throws(Unreadable) -> PluralRule {
            if take("!") { return .not(try unary()) }
            if take("n") { return .n }
            if take("(") {
                let inner = try conditional()
                guard take(")") else { throw Unreadable() }
                return inner
            }
            guard let token = next, let value = Int(token) else { throw Unreadable() }
            position += 1
            return .constant(value)
        }
    }

    func evaluate(_ n: Int) -> Int {
        switch self {
        case .n: return n
        case .constant(let value): return value
        case .not(let inner): return inner.evaluate(n) == 0 ? 1 : 0
        case .conditional(let c, let yes, let no): return c.evaluate(n) != 0 ? yes.evaluate(n) : no.evaluate(n)
        case .binary(let op, let l, let r):
            let a = l.evaluate(n), b = r.evaluate(n)
            switch op {
            case "||": return (a != 0 || b != 0) ? 1 : 0
            case "&&": return (a != 0 && b != 0) ? 1 : 0
            case "==": return a == b ? 1 : 0
            case "!=": return a != b ? 1 : 0
            case "<": return a < b ? 1 : 0
            case "<=": return a <= b ? 1 : 0
            case ">": return a > b ? 1 : 0
            case ">=": return a >= b ? 1 : 0
            case "+": return a + b
            case "-": return a - b
            case "*": return a * b
            case "/": return b == 0 ? 0 : a / b
            default: return b == 0 ? 0 : a % b
            }
        }
    }
}
