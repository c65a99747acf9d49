import Dispatch
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
    var rendered: String { String(decoding: renderedBytes(), as: UTF8.self) }

    /// The same as UTF-8 bytes, for output too big to copy twice; `capacity` is a guess of the
    /// size, so the bytes are not copied as they grow.
    func renderedBytes(capacity: Int = 0) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        write(to: &out, indent: 0)
        out.append(0x0A)
        return out
    }

    /// `.array((0..<count).map(item)).renderedBytes()`, with the items built and rendered a
    /// block at a time on every core: a list of ten thousand sessions.
    static func renderedArrayBytes(count: Int, _ item: @Sendable (Int) -> JSONValue) -> [UInt8] {
        guard count > 0 else { return Array("[]\n".utf8) }
        let block = 256
        let blocks = (count + block - 1) / block
        let parts = UnsafeMutableBufferPointer<[UInt8]>.allocate(capacity: blocks)
        parts.initialize(repeating: [])
        defer { parts.deinitialize(); parts.deallocate() }
        nonisolated(unsafe) let slots = parts
        DispatchQueue.concurrentPerform(iterations: blocks) { b in
            var out: [UInt8] = []
            out.reserveCapacity(512 * block)
            for i in (b * block)..<min(count, (b + 1) * block) {
                JSONValue.writeIndent(1, to: &out)
                item(i).write(to: &out, indent: 1)
                out += (i == count - 1 ? "\n" : ",\n").utf8
            }
            slots[b] = out
        }
        var out: [UInt8] = []
        out.reserveCapacity(parts.reduce(4) { $0 + $1.count })
        out += "[\n".utf8
        for part in parts { out += part }
        JSONValue.writeIndent(0, to: &out)
        out += "]\n".utf8
        return out
    }

    // Built as bytes: a list of ten thousand sessions renders in milliseconds, not a tenth of a
    // second of one-character String appends.
    private func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case .null: out += "null".utf8
        case let .bool(b): out += (b ? "true" : "false").utf8
        case let .int(i): out += String(i).utf8
        case let .string(s): appendJSONString(s, to: &out)
        case let .array(items):
            guard !items.isEmpty else { out += "[]".utf8; return }
            out += "[\n".utf8
            for (i, item) in items.enumerated() {
                JSONValue.writeIndent(indent + 1, to: &out)
                item.write(to: &out, indent: indent + 1)
                out += (i == items.count - 1 ? "\n" : ",\n").utf8
            }
            JSONValue.writeIndent(indent, to: &out)
            out.append(UInt8(ascii: "]"))
        case let .object(fields):
            guard !fields.isEmpty else { out += "{}".utf8; return }
            out += "{\n".utf8
            for (i, (key, value)) in fields.enumerated() {
                JSONValue.writeIndent(indent + 1, to: &out)
                appendJSONString(key, to: &out)
                out += ": ".utf8
                value.write(to: &out, indent: indent + 1)
                out += (i == fields.count - 1 ? "\n" : ",\n").utf8
            }
            JSONValue.writeIndent(indent, to: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeIndent(_ indent: Int, to out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }
}
