import Foundation
import QuipuStore
import QuipuText

/// A sync running on a thread of its own; `outcome` is nil until it ends (what it said, or why
/// it failed). GitSync touches only the folder's files and git, never the runner's state.
final class SyncRun: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<[String], any Error>?

    init(_ sync: GitSync) {
        // A thread does not inherit the task-local language: it is handed over, so what sync
        // says arrives in the screens' language.
        let language = Language.current
        let thread = Thread { [self] in
            var sync = sync
            var lines: [String] = []
            let result: Result<[String], any Error> = language.speak {
                do {
                    try sync.run(remote: nil) { lines.append($0) }
                    return .success(lines)
                } catch {
                    return .failure(error)
                }
            }
            lock.withLock { self.result = result }
        }
        thread.name = "quipu sync"
        thread.start()
    }

    var outcome: Result<[String], any Error>? { lock.withLock { result } }
}
