import Foundation
import QuipuCore

/// The reader's clock: timestamps are UTC in the journal; people read local time. `TZ` decides.
enum LocalTime {
    static func offsetSeconds(at t: Timestamp) -> Int64 {
        Int64(TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t.milliseconds) / 1000)))
    }

    /// `2026-11-28 14:25` in local time.
    static func minute(_ t: Timestamp) -> String {
        let local = t.adding(seconds: offsetSeconds(at: t)).iso8601
        return String(local.prefix(10)) + " " + String(local.dropFirst(11).prefix(5))
    }

    /// `2026-11-28`, the local date.
    static func date(_ t: Timestamp) -> String { t.adding(seconds: offsetSeconds(at: t)).date }
}
