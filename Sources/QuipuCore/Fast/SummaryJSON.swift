/// One summary as an item of `list --json`, as bytes: what `JSONExport.list` writes for it
/// between the array's brackets (two spaces of indent, the object, no separator). Kept here, beside
/// the summary, so the summary cache can keep each item's bytes and `list --json` need only join
/// them; QuipuReports' tests hold it to the JSON renderer byte for byte.
extension SessionSummary {
    public var listJSONItem: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(384 + title.utf8.count + initiative.utf8.count + (topPriority?.utf8.count ?? 0))
        out += "  {\n".utf8
        func key(_ k: StaticString) {
            out += "    \"".utf8
            k.withUTF8Buffer { out += $0 }
            out += "\": ".utf8
        }
        func string(_ k: StaticString, _ s: String?) {
            key(k)
            if let s { appendJSONString(s, to: &out) } else { out += "null".utf8 }
            out += ",\n".utf8
        }
        func int(_ k: StaticString, _ n: Int64) {
            key(k)
            out += String(n).utf8
            out += ",\n".utf8
        }
        string("id", id)
        string("date", date)
        string("title", title)
        string("initiative", initiative.isEmpty ? nil : initiative)
        string("status", status.rawValue)
        int("durationSeconds", durationSeconds)
        int("plannedSeconds", plannedSeconds)
        int("participants", Int64(participants))
        int("members", Int64(members))
        int("observers", Int64(observers))
        int("ideas", Int64(ideas))
        int("actions", Int64(actions))
        int("openActions", Int64(openActions))
        string("topPriority", topPriority)
        out.removeLast(2)
        out += "\n  }".utf8
        return out
    }

    /// `items` (each a `listJSONItem`) as the whole `list --json` document.
    public static func listJSON<C: Collection>(joining items: C) -> [UInt8] where C.Element == ArraySlice<UInt8> {
        guard !items.isEmpty else { return Array("[]\n".utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(items.reduce(4) { $0 + $1.count + 2 })
        out += "[\n".utf8
        var first = true
        for item in items {
            if !first { out += ",\n".utf8 }
            first = false
            out += item
        }
        out += "\n]\n".utf8
        return out
    }
}
