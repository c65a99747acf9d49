import QuipuCore
import QuipuText

extension JournalError {
    /// `FILE:LINE:COL: reason` in the current language, then the line with the spot marked (as
    /// `description`, which is English).
    public var localized: String {
        let summary = summaryMessage.localized
        guard let excerpt else { return summary }
        let gutter = String(line)
        let pad = String(repeating: " ", count: gutter.count)
        return "\(summary)\n\(pad) |\n\(gutter) | \(excerpt)\n\(pad) | \(String(repeating: " ", count: max(0, column - 1)))^"
    }
}

extension StoreError {
    /// The error in the current language.
    public var localized: String { text.localized }
}

/// An error as a person reads it, in the current language: the engine's refusals, the store's
/// failures and the journal's parse errors from their catalogued messages; any other error as
/// it describes itself.
public func localizedText(of error: any Error) -> String {
    switch error {
    case let error as QuipuError: error.localized
    case let error as StoreError: error.localized
    case let error as JournalError: error.localized
    case let error as SyncError: error.localized
    default: String(describing: error)
    }
}
