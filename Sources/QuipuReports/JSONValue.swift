import QuipuCore
/// A JSON document with object keys in the order they were written, so exports are stable and
/// read in the same order as the specification lists the fields.
enum JSONValue {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func int(_ value: Int) -> JSONValue { .int(Int64(value)) }
    static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    /// Text fields the model keeps as "" when nobody filled them in are `null` in JSON.
    static func nonEmpty(_ value: String) -> JSONValue { value.isEmpty ? .null : .string(value) }

    /// Pretty-printed with two-space indents and a final newline.
    var rendered: String {
        var out = ""
        write(to: &out, indent: 0)
        out += "\n"
        return out
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .string(s): JSONValue.writeString(s, to: &out)
        case let .array(items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                item.write(to: &out, indent: indent + 1)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case let .object(fields):
            guard !fields.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (i, (key, value)) in fields.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                JSONValue.writeString(key, to: &out)
                out += ": "
                value.write(to: &out, indent: indent + 1)
                out += i == fields.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        }
    }

    /// Escapes quotes, backslashes and every character that could act on a terminal when the
    /// JSON is printed raw (C0 and C1 controls, bidi overrides, line separators).
    private static func writeString(_ s: String, to out: inout String) {
        appendQuoted(s, to: &out) { scalar in
            let hex = String(scalar.value, radix: 16, uppercase: false)
            return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
    }
}
