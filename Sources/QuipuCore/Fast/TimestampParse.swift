// Reading a journal's timestamps fast: at fixed offsets, and only the time of day when the date
// is the previous line's. Both accept exactly what `Timestamp.parse(utf8:)` (the iterator in
// Session/Timestamp.swift, the reference) accepts; FastParseTests checks them against it.

extension Timestamp {
    /// `YYYY-MM-DDTHH:MM:SSZ` (20 bytes) or `YYYY-MM-DDTHH:MM:SS.mmmZ` (24 bytes), read at fixed
    /// offsets; accepts exactly what the iterator above accepts.
    public static func parse(utf8 b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        let n = b.count
        guard n == 20 || n == 24, let p = b.baseAddress else { return nil }
        // Every digit position at once: a byte that is not a digit leaves a value above 9.
        var notDigit = false
        @inline(__always) func d(_ i: Int) -> Int {
            let v = p[i] &- 48
            notDigit = notDigit || v > 9
            return Int(v)
        }
        let year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3)
        let month = d(5) * 10 + d(6), day = d(8) * 10 + d(9)
        let hour = d(11) * 10 + d(12), minute = d(14) * 10 + d(15), second = d(17) * 10 + d(18)
        guard p[4] == 45, p[7] == 45, p[10] == 84, p[13] == 58, p[16] == 58 else { return nil }
        var millisecond = 0
        if n == 24 {
            guard p[19] == 46, p[23] == 90 else { return nil }
            millisecond = d(20) * 100 + d(21) * 10 + d(22)
        } else {
            guard p[19] == 90 else { return nil }
        }
        guard !notDigit else { return nil }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second < 60 else { return nil }
        return Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                         millisecond: millisecond)
    }

    /// The day of the last timestamp read, for a reader of many timestamps in a row (a journal's
    /// lines share their date): the date part is checked and converted once per day.
    public struct Day: Sendable {
        var bytes: (UInt64, UInt16) = (0, 0)
        var start: Int64 = 0
        var known = false
        public init() {}
    }

    /// Exactly `parse(utf8:)`; when the first ten bytes (the date) are those of the last
    /// timestamp that parsed with `day`, only the time of day is read.
    public static func parse(utf8 b: UnsafeBufferPointer<UInt8>, day: inout Day) -> Timestamp? {
        let n = b.count
        guard n == 20 || n == 24, let p = b.baseAddress else { return nil }
        let raw = UnsafeRawPointer(p)
        let date = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
        guard day.known, day.bytes == date else {
            guard let parsed = parse(utf8: b) else { return nil }
            // The date part is valid (it parsed): remember where its day starts.
            func d(_ i: Int) -> Int { Int(p[i] - 48) }
            day.start = Timestamp(year: d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3), month: d(5) * 10 + d(6),
                                  day: d(8) * 10 + d(9)).milliseconds
            day.bytes = date
            day.known = true
            return parsed
        }
        // The same checks `parse(utf8:)` makes on the time of day.
        var notDigit = false
        @inline(__always) func d(_ i: Int) -> Int64 {
            let v = p[i] &- 48
            notDigit = notDigit || v > 9
            return Int64(v)
        }
        let hour = d(11) * 10 + d(12), minute = d(14) * 10 + d(15), second = d(17) * 10 + d(18)
        guard p[10] == 84, p[13] == 58, p[16] == 58 else { return nil }
        var millisecond: Int64 = 0
        if n == 24 {
            guard p[19] == 46, p[23] == 90 else { return nil }
            millisecond = d(20) * 100 + d(21) * 10 + d(22)
        } else {
            guard p[19] == 90 else { return nil }
        }
        guard !notDigit, hour < 24, minute < 60, second < 60 else { return nil }
        return Timestamp(milliseconds: day.start + hour * 3_600_000 + minute * 60000 + second * 1000 + millisecond)
    }
}
