// Small pieces of wording every layer uses, in one place.

/// `1 observer`, `2 observers`.
public func plural(_ count: Int, _ noun: String) -> String { count == 1 ? "1 \(noun)" : "\(count) \(noun)s" }

/// The word with its indefinite article: `an area`, `an idea`, `a project`, `a programme` (by
/// the sound of its first letter, as far as a vowel tells it).
public func withArticle(_ word: String) -> String {
    guard let first = word.first else { return word }
    return ("aeiouAEIOU".contains(first) ? "an " : "a ") + word
}

/// A person with their organisation: `María Quispe (CONDESAN)`, or, when the organisation has
/// brackets of its own, `Sofía Mendoza, International Potato Center (CIP)`: never brackets in
/// brackets. The name alone when there is no organisation.
public func withOrganisation(_ name: String, _ organisation: String) -> String {
    if organisation.isEmpty { return name }
    return organisation.contains(where: { "()".contains($0) }) ? "\(name), \(organisation)" : "\(name) (\(organisation))"
}
