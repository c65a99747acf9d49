import QuipuCore
import QuipuReports
import Synchronization

// Lists the screens derive from a session (filtered, sorted, wrapped into report lines) are
// worked out once per session value and reused from key to key, instead of once per frame.
//
// A memo can never show stale rows: it is keyed by everything the list depends on, and the
// session by `AppModel.logVersion`, a number that every assignment to `AppModel.log` replaces
// with one never used before in this process. Copies of a model share their memos (they are
// one reference), and since no two log values ever share a version, they cannot mix them up.

private let logVersions = Atomic<UInt64>(0)

/// A version number not handed out before.
func newLogVersion() -> UInt64 {
    logVersions.wrappingAdd(1, ordering: .relaxed).newValue
}

/// The last value computed and the key it was computed for.
final class Memo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let last = Mutex<(key: Key, value: Value)?>(nil)

    /// The remembered value when `key` is the one it was made for; else `compute()`, remembered.
    func value(for key: Key, _ compute: () -> Value) -> Value {
        if let hit = last.withLock({ remembered -> Value? in remembered?.key == key ? remembered?.value : nil }) {
            return hit
        }
        let value = compute()
        last.withLock { $0 = (key, value) }
        return value
    }
}

/// What a derived list depends on besides the session.
struct ListKey: Hashable, Sendable {
    var version: UInt64
    var filter: String
    var kind: IdeaKind? = nil
}

/// The memos of one model (and of its copies).
/// The memos and the versions of the values they were computed from. An acceleration, never
/// part of the model's value: any two compare equal, so models with the same state are equal
/// however their memos were filled.
struct Memos: Equatable, Sendable {
    let rows = DerivedRows()
    var logVersion: UInt64 = 0
    var summariesVersion: UInt64 = 0
    static func == (a: Memos, b: Memos) -> Bool { true }
}

final class DerivedRows: Sendable {
    let ideas = Memo<ListKey, [Idea]>()
    let participants = Memo<ListKey, [Participant]>()
    let actions = Memo<ListKey, [Action]>()
    let report = Memo<ReportKey, [ScreenReport.Line]>()
    let summaries = Memo<SummariesKey, [HomeRow]>()
    /// The Participants tab's count line, by `AppModel.logVersion`.
    let rosterLine = Memo<UInt64, String>()
    let ideaLines = WrappedRows()
    let actionLines = WrappedRows()
}

struct ReportKey: Hashable, Sendable {
    var version: UInt64
    var width: Int
    /// Seconds the clock has run, while it runs (the report says so); -1 otherwise.
    var clock: Int64
}

/// What the home list depends on: the summaries and damaged journals (by
/// `AppModel.summariesVersion`), filter, order.
struct SummariesKey: Hashable, Sendable {
    var version: UInt64
    var filter: String
    var order: HomeOrder
}

/// Whether two arrays are one value (they share storage), which proves equal contents in O(1).
func sameArray<Element>(_ a: [Element], _ b: [Element]) -> Bool {
    a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress && x.count == y.count } }
}

/// The wrapped lines of a table's rows, by row index, for one list (`ListKey`) at one column
/// width: a row is wrapped the first time it is shown, not on every frame.
final class WrappedRows: Sendable {
    struct Key: Hashable, Sendable {
        var list: ListKey
        var width: Int
        var maxLines: Int
    }

    private let state = Mutex<(key: Key?, lines: [Int: [String]])>((nil, [:]))

    /// The lines of row `index` of the list `key` names; `compute()` when not known yet.
    func lines(_ key: Key, row index: Int, _ compute: () -> [String]) -> [String] {
        let known = state.withLock { state -> [String]? in
            if state.key != key { state = (key, [:]) }
            return state.lines[index]
        }
        if let known { return known }
        let lines = compute()
        state.withLock { state in
            if state.key == key { state.lines[index] = lines }
        }
        return lines
    }
}
