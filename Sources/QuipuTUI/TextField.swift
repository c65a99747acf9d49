import QuipuText
/// A single-line text input: every text the screens ask for is typed into one of these.
///
/// Text is kept as grapheme clusters, so the cursor never lands inside a character: a combining
/// mark typed after its base joins it, and the cursor's column is the display width of what is
/// before it (a wide character moves it by two).
public struct TextField: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// Index into `characters`: the cursor sits before `characters[cursor]`.
    public private(set) var cursor: Int

    /// A runaway paste stops here; the engine refuses anything over `maximumTextLength` anyway,
    /// with a message, so this only bounds memory.
    public static let capacity = 100_000

    public enum Outcome: Equatable, Sendable {
        case editing, confirmed, cancelled
        /// The key means nothing to a text field; the caller may use it.
        case ignored
    }

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// Columns from the start of the text to the cursor.
    public var cursorColumn: Int { width(characters[..<cursor]) }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .char(let c): insert(c)
        case .paste(let text):
            // One line: line breaks become spaces, so a paste never submits or escapes the field.
            for c in text {
                if c == "\n" || c == "\r\n" || c == "\r" || c == "\t" {
                    if cursor > 0, characters[cursor - 1] != " " { insert(" ") }
                } else if !c.unicodeScalars.contains(where: { $0.value < 32 || $0.value == 127 }) {
                    insert(c)
                }
            }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .backspace, .ctrl("h"):
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .ctrl("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .ctrl("k"):
            characters.removeSubrange(cursor...)
        case .ctrl("w"):
            let start = wordStart(before: cursor)
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .alt("b"): cursor = wordStart(before: cursor)
        case .alt("f"): cursor = wordEnd(after: cursor)
        case .alt("d"): characters.removeSubrange(cursor..<wordEnd(after: cursor))
        case .enter: return .confirmed
        case .escape: return .cancelled
        default: return .ignored
        }
        return .editing
    }

    /// Where the word before `index` starts (spaces before `index` skipped first), as readline.
    private func wordStart(before index: Int) -> Int {
        var start = index
        while start > 0, characters[start - 1].isWhitespace { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        return start
    }

    /// Where the word after `index` ends (spaces after `index` skipped first).
    private func wordEnd(after index: Int) -> Int {
        var end = index
        while end < characters.count, characters[end].isWhitespace { end += 1 }
        while end < characters.count, !characters[end].isWhitespace { end += 1 }
        return end
    }

    private mutating func insert(_ c: Character) {
        // Keys arrive one scalar-ish character at a time; a combining mark (or the second half
        // of a flag) must join the character before it rather than stand alone.
        if cursor > 0, (String(characters[cursor - 1]) + String(c)).count == 1 {
            characters[cursor - 1] = Character(String(characters[cursor - 1]) + String(c))
            return
        }
        guard characters.count < TextField.capacity else { return }
        characters.insert(c, at: cursor)
        cursor += 1
    }

    /// What to show in a field `width` columns wide, and where the cursor goes within it.
    ///
    /// When the text is longer than the field it scrolls by half a field at a time, so the
    /// cursor is always visible and the text does not jump on every key.
    public func visible(width fieldWidth: Int) -> (text: String, cursorColumn: Int) {
        guard fieldWidth > 1 else { return ("", 0) }
        let column = cursorColumn
        let page = max(1, fieldWidth / 2)
        let start = column < fieldWidth ? 0 : ((column - fieldWidth) / page + 1) * page
        var shown = ""
        var at = 0
        for c in characters {
            let w = displayWidth(c)
            if at >= start {
                if at + w > start + fieldWidth { break }
                shown.append(c)
            }
            at += w
        }
        return (shown, column - start)
    }

    private func width(_ slice: ArraySlice<Character>) -> Int {
        var total = 0
        for c in slice { total += displayWidth(c) }
        return total
    }
}
