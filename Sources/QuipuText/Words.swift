// Small pieces of wording every layer uses, in one place.
import QuipuCore

/// `1 observer`, `2 observers`: English grammar only. Kept for the parts of Quipu not yet
/// speaking other languages; new wording uses `trn` with whole templates.
public func plural(_ count: Int, _ noun: String) -> String { count == 1 ? "1 \(noun)" : "\(count) \(noun)s" }

/// The word with its indefinite article: `an area`, `an idea`, `a project`, `a programme` (by
/// the sound of its first letter, as far as a vowel tells it). English grammar only, as `plural`.
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

/// The kind of an idea as one word, in the current language: `area`, `programme`, `project`, `note`.
public func kindWord(_ k: IdeaKind) -> String {
    switch k {
    case .area: tr("area", context: "idea kind")
    case .programme: tr("programme", context: "idea kind")
    case .project: tr("project", context: "idea kind")
    case .note: tr("note", context: "idea kind")
    }
}

/// An action's status as one word, in the current language: `open`, `in-progress`, `done`, `dropped`.
public func actionStatusWord(_ status: ActionStatus) -> String {
    switch status {
    case .open: tr("open", context: "action status")
    case .inProgress: tr("in-progress", context: "action status")
    case .done: tr("done", context: "action status")
    case .dropped: tr("dropped", context: "action status")
    }
}
