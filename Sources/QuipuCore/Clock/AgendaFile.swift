/// Custom agenda templates: plain-text files in `<sessions>/agendas/NAME.txt`, one phase a line,
/// `Name: minutes`. Blank lines and lines starting with `#` are ignored. The store reads the
/// file; parsing and resolving stay pure.
public enum AgendaFile {
    /// A template name a file may have: letters, digits, `-` and `_`, 1 to 64 of them.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    /// The phases of an agenda file; a bad line throws `FILE:LINE:COL: message`.
    public static func parse(_ text: String, path: String) throws(QuipuError) -> [Phase] {
        var phases: [Phase] = []
        func fail(_ line: Int, _ column: Int, _ reason: Message) -> QuipuError {
            QuipuError(.at("\(path):\(line):\(column)", reason))
        }
        // By line breaks of any kind: "\r\n" is one Character in Swift.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (offset, raw) in lines.enumerated() {
            let number = offset + 1
            let line = Substring(raw)
            let content = String(line).trimmingSpaces
            if content.isEmpty || content.hasPrefix("#") { continue }
            if let bad = line.unicodeScalars.firstIndex(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }) {
                let column = line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: bad) + 1
                throw fail(number, column, Message("a control character is not allowed in an agenda"))
            }
            let leading = line.prefix { $0.isWhitespace }.count
            guard let colon = line.lastIndex(of: ":") else {
                throw fail(number, leading + 1, Message("a phase needs the form \"Name: minutes\", not \"{line}\"", ["line": .text(content)]))
            }
            let name = String(line[..<colon]).trimmingSpaces
            guard !name.isEmpty else { throw fail(number, leading + 1, Message("the phase has an empty name")) }
            let after = line[line.index(after: colon)...]
            let minutesText = String(after).trimmingSpaces
            let column = line.distance(from: line.startIndex, to: colon) + 2 + after.prefix { $0.isWhitespace }.count
            guard let m = Int(minutesText), m > 0, m <= 24 * 60 else {
                throw fail(number, column, Message("phase \"{name}\" needs a whole number of minutes from 1 to 1440, not \"{minutes}\"", ["name": .text(name), "minutes": .text(minutesText)]))
            }
            phases.append(Phase(name: name, plannedSeconds: Int64(m) * 60))
        }
        guard !phases.isEmpty else { throw fail(1, 1, Message("the agenda has no phases (one a line, \"Name: minutes\")")) }
        let total = phases.reduce(0) { $0 + $1.plannedSeconds }
        guard total <= 24 * 3600 else { throw fail(1, 1, Message("the agenda is longer than 24 hours")) }
        return phases
    }
}

extension AgendaTemplate {
    /// Like `resolve(_:minutes:)`, also knowing custom templates: `custom(name)` returns a custom
    /// agenda's phases (or nil when there is no such file), and `customNames` are listed in the
    /// error for an unknown name. Built-in templates win over a file of the same name.
    public static func resolve(_ spec: String?, minutes: Int?, customNames: [String],
                               custom: (String) throws(QuipuError) -> [Phase]?) throws(QuipuError) -> [Phase] {
        let text = (spec ?? defaultName).trimmingSpaces
        if text.isEmpty { throw QuipuError("the agenda is empty: give a template name or \"Name:minutes,…\"") }
        if templates[text] == nil, !text.contains(":") {
            guard AgendaFile.isValidName(text), var phases = try custom(text) else {
                let known = (templates.keys.sorted() + customNames.sorted()).joined(separator: ", ")
                throw QuipuError("unknown agenda \"{agenda}\": use a template ({templates}) or an inline agenda such as \"Intro:10,Discuss:30,Close:5\"", ["agenda": .text(text), "templates": .text(known)])
            }
            if let minutes { phases = try scale(phases, toMinutes: minutes) }
            return phases
        }
        return try resolve(text, minutes: minutes)
    }
}
