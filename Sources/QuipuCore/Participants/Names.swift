// Who a typed name means: one resolver for every field that names a person or an organisation,
// on the screens and the command line. A name either means someone on the roster or is refused
// with the candidates or the nearest names; nothing is guessed into existence.

/// A name as it is compared: lower case, accents and marks removed, runs of spaces made one.
/// `"  Sofía  Mendoza "` and `"sofia mendoza"` have the same key.
public func nameKey(_ text: String) -> String {
    // The search folds every text it looks in: ASCII text, nearly all of it, on bytes.
    asciiNameKey(text) ?? nameKeyByScalars(text)
}

/// `nameKey`, scalar by scalar: the reference `asciiNameKey` (Fast/FastText.swift) agrees with.
func nameKeyByScalars(_ text: String) -> String {
    var out = ""
    var space = false
    for scalar in text.unicodeScalars {
        if scalar.properties.isWhitespace {
            space = !out.isEmpty
            continue
        }
        // Combining marks (a decomposed "í") go; precomposed letters lose their accent.
        if scalar.properties.generalCategory == .nonspacingMark { continue }
        if space { out.append(" ") }
        space = false
        out += baseLetters(scalar).lowercased()
    }
    return out
}

/// The letters an accented Latin letter is written with unaccented (`í` → `i`, `ñ` → `n`,
/// `ß` → `ss`, `Æ` → `AE`); any other scalar as itself. Covers Latin-1 and Latin Extended-A,
/// the letters of the conference's languages.
func baseLetters(_ scalar: Unicode.Scalar) -> String {
    let v = scalar.value
    guard v >= 0xC0, v <= 0x17F else { return String(scalar) }
    if let special = lettersOfTheirOwn[v] { return special }
    if v < 0x100 {
        // À…ÿ in blocks of the same base letter.
        let table = "AAAAAAACEEEEIIIIDNOOOOO×OUUUUYÞsaaaaaaaceeeeiiiidnooooo÷ouuuuyþy"
        let index = table.index(table.startIndex, offsetBy: Int(v - 0xC0))
        return String(table[index])
    }
    // Latin Extended-A: mostly pairs (capital, small) of one base letter.
    let extendedA = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiJjJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs"
    let offset = Int(v - 0x100)
    guard offset < extendedA.count else { return String(scalar) }
    if v == 0x132 { return "IJ" }
    if v == 0x133 { return "ij" }
    if v == 0x152 { return "OE" }
    if v == 0x153 { return "oe" }
    return String(extendedA[extendedA.index(extendedA.startIndex, offsetBy: offset)])
}

/// Latin letters that are not an accented base letter, written as they are spelled without it.
private let lettersOfTheirOwn: [UInt32: String] = [
    0xC6: "AE", 0xE6: "ae", 0xD0: "D", 0xF0: "d", 0xD8: "O", 0xF8: "o", 0xDE: "TH", 0xFE: "th", 0xDF: "ss",
]

extension SessionLog {
    /// The participant `who` names: an id (`P3`), or a name as on the roster, however it is
    /// capitalised, accented or spaced (`sofia mendoza`), in `Surname, Given` order, by a unique
    /// start of the name or of a word of it (`Bina`, `Gurung`), or by unique initials (`BG`).
    /// Two or more matches are refused with the candidates; none with the nearest names.
    public func resolveParticipant(_ who: String) throws(QuipuError) -> Participant {
        let text = who.trimmingSpaces
        guard !text.isEmpty else { throw QuipuError("no participant named; use an id like P1 or a name on the roster") }
        if looksLikeID(text, letter: "P") {
            if let p = state.participant(canonicalEntityID(text)) { return p }
            if let gone = state.removedParticipants.last(where: { $0.id == canonicalEntityID(text) }) {
                throw QuipuError("{id} {name} was removed from the roster of {session}", ["id": .text(gone.id), "name": .text(gone.name), "session": .text(state.id)])
            }
            throw QuipuError("there is no participant {id} in {session}", ["id": .text(canonicalEntityID(text)), "session": .text(state.id)])
        }
        let found = candidates(for: text)
        if found.count == 1 { return found[0] }
        if found.count > 1 { throw ambiguity(text, found) }
        let arguments: [String: Message.Argument] = ["text": .text(text), "session": .text(state.id)]
        if let near = nearest(to: text) {
            throw QuipuError("no participant \"{text}\" in {session}; did you mean {names}?", arguments.merging(["names": near]) { $1 })
        }
        throw QuipuError("no participant \"{text}\" in {session}; use an id like P1 or a name on the roster", arguments)
    }

    /// `"AL" is Ana Lima (P3) or Alberto Lopez (P7); say which…`
    private func ambiguity(_ text: String, _ found: [Participant]) -> QuipuError {
        let names = found.map { "\($0.name) (\($0.id))" }
        return QuipuError("\"{text}\" is {names}; say which (an id like {id} is never ambiguous)",
                          ["text": .text(text), "names": Message.or(names), "id": .text(found[0].id)])
    }

    /// A holder, owner, supporter or proposer: a participant's id, or an organisation's name.
    /// An organisation is accepted when it is one on the roster (as the roster spells it), or
    /// when the user says so with `org:` (`org:WWF`, `--org` on the command line). Anything else
    /// that matches nobody is refused, so a typo never becomes an organisation.
    func resolveWho(_ who: String, what: String) throws(QuipuError) -> String {
        let text = who.trimmingSpaces
        if text.lowercased().hasPrefix("org:") {
            let name = try cleanText(String(text.dropFirst(4)), what: what)
            if ("PIAV" as String).contains(where: { looksLikeID(name, letter: $0) }) {
                throw QuipuError("\"{name}\" is an id, not an organisation's name", ["name": .text(name)])
            }
            return name
        }
        if looksLikeID(text, letter: "P") { return try resolveParticipant(text).id }
        for letter in "IAV" where looksLikeID(text, letter: letter) {
            throw QuipuError("{id} is not a person or an organisation; {what} is a participant (P1) or an organisation", ["id": .text(canonicalEntityID(text)), "what": .message(theField(what))])
        }
        let found = candidates(for: text)
        if found.count == 1 { return found[0].id }
        if found.count > 1 { throw ambiguity(text, found) }
        let key = nameKey(text)
        if let org = (state.participants + state.removedParticipants).map(\.organisation).first(where: { !$0.isEmpty && nameKey($0) == key }) {
            return org
        }
        if let near = nearest(to: text) {
            throw QuipuError("no participant or organisation on the roster is \"{text}\"; did you mean {names}?; for an organisation not on the roster write org:{text}",
                             ["text": .text(text), "names": near])
        }
        throw QuipuError("no participant or organisation on the roster is \"{text}\"; use an id like P1 or a name on the roster; for an organisation not on the roster write org:{text}",
                         ["text": .text(text)])
    }

    /// The participants `text` names by name (not by id): `Session.participants(named:)`.
    func candidates(for text: String) -> [Participant] { state.participants(named: text) }

    /// `P2 Bina Gurung` (or several, `… or …`) for names a typo away, for `did you mean …?`; nil
    /// when none is near.
    private func nearest(to text: String) -> Message.Argument? {
        let near = state.nearestNames(to: text).map { "\($0.id) \($0.name)" }
        guard !near.isEmpty else { return nil }
        return Message.eitherOr(near)
    }

    private func looksLikeID(_ text: String, letter: Character) -> Bool {
        guard let first = text.first, first.uppercased() == String(letter), text.count > 1 else { return false }
        // A device suffix (`P3-k3f9`) may follow the number.
        let parts = text.dropFirst().split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard let number = parts.first, !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }
}

extension Session {
    /// Up to three participants whose name, or a word of it, is a typo away from `text`
    /// (an edit or two for a longer name), nearest first.
    public func nearestNames(to text: String) -> [Participant] {
        let key = nameKey(text)
        let scored = participants.map { p -> (Participant, Int) in
            let name = nameKey(p.name)
            let words = name.split(separator: " ").map(String.init)
            return (p, ([name] + words).map { editDistance($0, key) }.min() ?? Int.max)
        }
        let limit = max(1, key.count / 3)
        return scored.filter { $0.1 <= limit }.sorted { $0.1 < $1.1 }.prefix(3).map(\.0)
    }

    /// The participants `text` names by name (not by id), best rule first: the exact name, the
    /// same key, `Surname, Given`, a unique start of the name or of one of its words, initials.
    public func participants(named text: String) -> [Participant] {
        let roster = participants
        let exact = roster.filter { $0.name == text }
        if !exact.isEmpty { return exact }
        let keyed = roster.map { (participant: $0, key: nameKey($0.name)) }
        func named(_ key: String) -> [Participant] { keyed.filter { $0.key == key }.map(\.participant) }
        let key = nameKey(text)
        let same = named(key)
        if !same.isEmpty { return same }
        if text.contains(",") {
            let reordered = named(personKey(text))
            if !reordered.isEmpty { return reordered }
        }
        // The start of the name or of one of its words. Two to four letters may also be
        // initials: `AL` is Ana Lima or Alberto Lopez, never one of them by chance.
        let initials = (2...4).contains(text.count) && text.allSatisfy(\.isLetter)
        return keyed.filter { entry in
            (" " + entry.key).contains(" " + key)
                || (initials && String(entry.key.split(separator: " ").compactMap(\.first)) == key)
        }.map(\.participant)
    }
}

/// Edit distance between two texts, by characters: insertions, deletions, substitutions and
/// swaps of two neighbours (`Bnia` is one edit from `Bina`).
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
        }
    }
    return d[a.count][b.count]
}

/// A person's name as the roster compares it: `nameKey`, with `Surname, Given` read as
/// `Given Surname`, so "Mendoza, Sofia" and "Sofía Mendoza" are one person.
public func personKey(_ name: String) -> String {
    guard let comma = name.firstIndex(of: ",") else { return nameKey(name) }
    return nameKey(String(name[name.index(after: comma)...]) + " " + String(name[..<comma]))
}
