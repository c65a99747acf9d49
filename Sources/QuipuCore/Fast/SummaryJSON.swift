/// One summary as an item of `list --json`, as bytes: what `JSONExport.list` writes for it
/// between the array's brackets (two spaces of indent, the object, no separator). Kept here, beside
/// the summary, so the summary cache can keep each item's bytes and `list --json` need only join
/// them; QuipuReports' tests hold it to the JSON renderer byte for byte.
extension SessionSummary {
    public var listJSONItem: [UInt8] {
        Self.listJSONItem(id: id, date: date, title: title, initiative: initiative, status: status.rawValue,
                          numbers: [durationSeconds, plannedSeconds, Int64(participants), Int64(members), Int64(observers),
                                    Int64(ideas), Int64(actions), Int64(openActions)],
                          topPriority: topPriority, damage: nil, carriedOn: Int64(carriedOn))
    }

    /// The item's keys in order, whatever the session: a damaged one has them all too.
    static func listJSONItem(id: String, date: String, title: String, initiative: String, status: String, numbers: [Int64],
                             topPriority: String?, damage: String?, carriedOn: Int64) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(400 + title.utf8.count + initiative.utf8.count + (topPriority?.utf8.count ?? 0) + (damage?.utf8.count ?? 0))
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
        string("id", id)
        string("date", date)
        string("title", title)
        string("initiative", initiative.isEmpty ? nil : initiative)
        string("status", status)
        let names: [StaticString] = ["durationSeconds", "plannedSeconds", "participants", "members", "observers", "ideas",
                                     "actions", "openActions"]
        for (name, n) in zip(names, numbers) {
            key(name)
            out += String(n).utf8
            out += ",\n".utf8
        }
        string("topPriority", topPriority)
        string("damage", damage)
        // Added after the first release: at the end, so the keys before it keep their order.
        key("carriedOn")
        out += String(carriedOn).utf8
        out += ",\n".utf8
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

extension SessionDamage {
    /// A journal that could not be read, as an item of `list --json`: status `damaged`, the
    /// date its id begins with, an empty title, no counts, and why in `damage`.
    public var listJSONItem: [UInt8] {
        SessionSummary.listJSONItem(id: id, date: date, title: "", initiative: "", status: "damaged",
                                    numbers: Array(repeating: 0, count: 8), topPriority: nil, damage: problem, carriedOn: 0)
    }
}
