import QuipuCore

/// Everything that reaches the screen model: a key, the clock's tick, and what the effects
/// brought back. `AppModel.update` is the one way in; the effect runner (QuipuApp's
/// `EffectRunner`) is the one that sends anything but keys and ticks.
public enum Msg: Equatable, Sendable {
    case key(Key)
    /// The terminal's size, at start and after every resize: on a screen too small to show
    /// anything, keys do nothing (but Ctrl-C), since nobody can see what they would do.
    case resized(width: Int, height: Int)
    /// Between keys, as the clock runs: clock warnings fire from here.
    case tick
    /// The sessions folder, listed (home): its sessions, and the journals that could not be read.
    case home([SessionSummary], damaged: [SessionDamage] = [])
    case session(SessionLog, readOnly: Bool)
    /// The open session after an append, or after another writer's change.
    case changed(SessionLog)
    /// A change is durable: the status line says so and a submitted form closes.
    case saved(String)
    /// Something was refused or failed: said, and a submitted form stays open with its text.
    case failed(String)
    /// A submitted change waits for the disk: the form closes all the same.
    case queued(reason: String)
    /// The changes still waiting to be saved, in order.
    case unsaved([UnsavedChange])
    /// A recovery file from an earlier run (`path`, holding `changes` changes) is beside the journal.
    case recoveryFound(path: String, changes: Int)
    case searchResults(query: String, hits: [SearchHit])
    case timeline([TimelineEntry])
    /// This terminal's writer id, and who is at its keyboard (nil: nobody named yet).
    case writer(id: String, name: String?)
}

extension AppModel {
    /// The model's one entry point: the message in, the state changed, the effects out.
    public mutating func update(_ msg: Msg, now: Timestamp) -> [Effect] {
        switch msg {
        case let .key(key): return handle(key, now: now)
        case let .resized(width, height): size = Size(width: width, height: height)
        case .tick: return tick(now: now)
        case let .home(summaries, damaged): showHome(summaries, damaged: damaged)
        case let .session(log, readOnly): showSession(log, readOnly: readOnly)
        case let .changed(log): sessionChanged(log)
        case let .saved(text): report(saved: text)
        case let .failed(text): report(error: text)
        case let .queued(reason): report(unsaved: reason)
        case let .unsaved(changes): unsaved = changes
        case let .recoveryFound(path, changes): return offerRecovery(path, changes: changes)
        case let .searchResults(query, hits): showSearchResults(query, hits)
        case let .timeline(entries): showTimeline(entries)
        case let .writer(id, name):
            writerID = id
            writerName = name
        }
        return []
    }
}
