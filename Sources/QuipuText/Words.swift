// Small pieces of wording every layer uses, in one place.
import QuipuCore

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
