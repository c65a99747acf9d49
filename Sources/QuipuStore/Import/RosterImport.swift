import CSV
import QuipuCore

/// A roster read from a CSV file: the rows that make sense, and the ones that do not, by line.
///
/// Pure over bytes: the command reads the file and adds each row as its own participant, so a
/// bad row or a name already present is reported and skipped without losing the good rows.
public struct RosterImport: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        /// The line of the file the row starts on, counting the header as line 1.
        public var line: Int
        public var name: String
        public var organisation: String
        public var group: StakeholderGroup
        public var country: String
        public var observer: Bool
    }

    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        /// What is wrong with the row, for each language to say.
        public var reason: Message
        /// What is wrong with the row, in English.
        public var message: String { reason.english }
        public var description: String { "line \(line): \(message)" }
        /// `line 6: …`, for each language to say.
        public var descriptionMessage: Message { Message("line {line}: {reason}", ["line": .number(line), "reason": .message(reason)]) }
    }

    public var rows: [Row] = []
    public var problems: [Problem] = []

    /// Which column holds what, from the header's names matched case-insensitively.
    enum Column { case name, organisation, group, country, role }

    static func column(_ header: String) -> Column? {
        let key = header.lowercased().split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" }).joined(separator: " ")
        switch key {
        case "name", "full name", "participant", "participant name": return .name
        case "organisation", "organization", "org", "affiliation", "institution": return .organisation
        case "group", "stakeholder group", "stakeholder", "sector": return .group
        case "country": return .country
        case "role", "observer", "member/observer", "member or observer", "status", "type": return .role
        // The headers of a participants table exported in Spanish or French (CSVExport).
        case "nombre", "nom": return .name
        case "organización", "organizacion": return .organisation
        case "grupo", "groupe": return .group
        case "país", "pais", "pays": return .country
        case "condición", "condicion", "statut": return .role
        default: return nil
        }
    }

    /// `observer`, `member`, or a yes/no in an `observer` column.
    static func isObserver(_ text: String, columnIsObserver: Bool) -> Bool?? {
        switch text.lowercased() {
        case "": return .some(nil)
        case "observer", "obs", "o": return true
        case "member", "m": return false
        case "yes", "y", "true", "1", "x": return columnIsObserver ? true : nil
        case "no", "n", "false", "0": return columnIsObserver ? false : nil
        default: return nil
        }
    }

    /// Reads a roster. Throws (one sentence) when the file as a whole cannot be a roster: not
    /// UTF-8, empty, or without a name column.
    public static func parse(_ bytes: [UInt8]) throws(QuipuError) -> RosterImport {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
            throw QuipuError("the roster is UTF-16 text; save it as CSV UTF-8")
        }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw QuipuError("the roster is not UTF-8 text; save it as CSV UTF-8")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false)
        } catch {
            throw QuipuError("the roster cannot be read as CSV: {reason}", ["reason": .text("\(error)")])
        }
        var line = 1
        func linesSpanned(_ fields: [String]) -> Int {
            var breaks = 0
            for f in fields {
                var previousCR = false
                for u in f.unicodeScalars {
                    if u == "\n" { if !previousCR { breaks += 1 } } else if u == "\r" { breaks += 1 }
                    previousCR = u == "\r"
                }
            }
            return breaks + 1
        }
        // The header: the first row that is not blank.
        var header: [String]?
        while let row = reader.next() {
            defer { line += linesSpanned(row) }
            if row.allSatisfy({ $0.trimmingSpaces.isEmpty }) { continue }
            header = row
            break
        }
        guard let header else { throw QuipuError("the roster is empty; it needs a header row with a name column") }
        let headerLine = line - linesSpanned(header)
        let columns = header.map { column($0.trimmingSpaces) }
        guard let nameColumn = columns.firstIndex(of: .name) else {
            throw QuipuError("line {line}: the header has no name column (columns are matched by name: name, organisation, group, country, role)",
                             ["line": .number(headerLine)])
        }
        func index(_ c: Column) -> Int? { columns.firstIndex(of: c) }
        let roleColumnIsObserver = index(.role).map { header[$0].trimmingSpaces.lowercased() == "observer" } ?? false

        var result = RosterImport()
        while let row = reader.next() {
            let at = line
            line += linesSpanned(row)
            if row.allSatisfy({ $0.trimmingSpaces.isEmpty }) { continue }
            // A cell broken over lines in a spreadsheet is one value wrapped: join it with spaces.
            func oneLine(_ text: String) -> String {
                String(text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).joined(separator: " "))
                    .trimmingSpaces
            }
            func field(_ c: Column) -> String {
                guard let i = index(c), i < row.count else { return "" }
                return oneLine(row[i])
            }
            if row.count > header.count, row[header.count...].contains(where: { !$0.trimmingSpaces.isEmpty }) {
                result.problems.append(Problem(line: at, reason: Message("has {fields} fields but the header has {columns}; quote values that contain commas",
                                                                         ["fields": .number(row.count), "columns": .number(header.count)])))
                continue
            }
            let name = field(.name)
            guard !name.isEmpty else {
                result.problems.append(Problem(line: at, reason: Message("has no name")))
                continue
            }
            let groupText = field(.group)
            guard let group = StakeholderGroup(loose: groupText) else {
                let known = StakeholderGroup.allCases.map(\.rawValue).joined(separator: ", ")
                result.problems.append(Problem(line: at, reason: Message("{name}: unknown group \"{group}\"; use one of {known}", ["name": .text(name), "group": .text(groupText), "known": .text(known)])))
                continue
            }
            let roleText = field(.role)
            guard let observer = isObserver(roleText, columnIsObserver: roleColumnIsObserver) else {
                result.problems.append(Problem(line: at, reason: Message("{name}: role \"{role}\" must be member or observer", ["name": .text(name), "role": .text(roleText)])))
                continue
            }
            result.rows.append(Row(line: at, name: name, organisation: field(.organisation), group: group,
                                   country: field(.country), observer: observer ?? false))
        }
        return result
    }
}
