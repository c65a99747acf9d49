import Foundation
import QuipuCore
@testable import QuipuStore

/// A fresh, empty sessions folder in the temporary directory, its name starting `prefix`.
func scratchSessionsFolder(_ prefix: String) -> SessionsFolder {
    let path = NSTemporaryDirectory() + prefix + UUID().uuidString.prefix(8)
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return SessionsFolder(path: path)
}

/// A clock that moves on a millisecond each time it is read, as the wall clock does between a
/// person's keys: two actions are never stamped alike, so each is its own undo step.
final class TickingClock {
    private var t: Timestamp
    init(_ start: Timestamp) { t = start }
    func now() -> Timestamp {
        t = t.adding(milliseconds: 1)
        return t
    }
}
