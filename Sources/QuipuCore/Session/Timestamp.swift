/// A moment in UTC with millisecond precision.
///
/// The engine never reads a clock: every timestamp arrives as a value (from the journal, or from
/// the clock the caller injects), so every timer computation is exact and testable.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }
    public init(seconds: Int64) { self.milliseconds = seconds * 1000 }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.milliseconds < b.milliseconds }

    public func adding(seconds: Int64) -> Timestamp { Timestamp(milliseconds: milliseconds + seconds * 1000) }
    public func adding(milliseconds ms: Int64) -> Timestamp { Timestamp(milliseconds: milliseconds + ms) }

    /// The civil date and time in UTC.
    public var components: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int) {
        let ms = milliseconds
        var days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        let msOfDay = ms - days * 86_400_000
        // Howard Hinnant's civil-from-days algorithm.
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day), Int(msOfDay / 3_600_000), Int(msOfDay / 60000 % 60),
                Int(msOfDay / 1000 % 60), Int(msOfDay % 1000))
    }

    /// Days since the epoch of a civil date (proleptic Gregorian).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0) {
        let days = Timestamp.daysFromCivil(year: year, month: month, day: day)
        milliseconds = days * 86_400_000 + Int64(hour) * 3_600_000 + Int64(minute) * 60000
            + Int64(second) * 1000 + Int64(millisecond)
    }

    /// `2026-11-29T14:03:12.345Z`: the journal's form.
    public var iso8601: String {
        let c = components
        var out = ""
        out.reserveCapacity(24)
        func pad(_ v: Int, _ width: Int) {
            let s = String(v)
            if s.count < width { out += String(repeating: "0", count: width - s.count) }
            out += s
        }
        pad(c.year, 4); out += "-"; pad(c.month, 2); out += "-"; pad(c.day, 2); out += "T"
        pad(c.hour, 2); out += ":"; pad(c.minute, 2); out += ":"; pad(c.second, 2); out += "."
        pad(c.millisecond, 3); out += "Z"
        return out
    }

    /// `2026-11-29`
    public var date: String { String(iso8601.prefix(10)) }

    public var description: String { iso8601 }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SS(.mmm)?Z` from UTF-8 bytes, without a formatter: the
    /// grammar, spelled out byte by byte. Contiguous bytes take the fixed-offset reading in
    /// Fast/TimestampParse.swift, which accepts exactly the same (FastParseTests holds them to it).
    public static func parse<C: Collection>(utf8 bytes: C) -> Timestamp? where C.Element == UInt8 {
        if let parsed = bytes.withContiguousStorageIfAvailable({ parse(utf8: $0) }) { return parsed }
        var it = bytes.makeIterator()
        func digits(_ n: Int) -> Int? {
            var v = 0
            for _ in 0..<n {
                guard let b = it.next(), b >= 48, b <= 57 else { return nil }
                v = v * 10 + Int(b - 48)
            }
            return v
        }
        func expect(_ c: UInt8) -> Bool { it.next() == c }
        guard let year = digits(4), expect(45), let month = digits(2), expect(45), let day = digits(2),
              expect(84), let hour = digits(2), expect(58), let minute = digits(2), expect(58),
              let second = digits(2) else { return nil }
        var millisecond = 0
        var next = it.next()
        if next == 46 {
            guard let ms = digits(3) else { return nil }
            millisecond = ms
            next = it.next()
        }
        guard next == 90, it.next() == nil else { return nil }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second < 60 else { return nil }
        return Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                         millisecond: millisecond)
    }

    public static func parse(_ text: String) -> Timestamp? { parse(utf8: Array(text.utf8)) }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// `mm:ss`, with minutes past 59 kept as minutes (`90:00`, `92:10`): a breakout is planned in
/// minutes, so its budget reads 90:00, not 1:30:00. A leading `-`, or `+` for an overrun when
/// asked, marks negative values.
public func clockText(seconds: Int64, overrunSign: Bool = false) -> String {
    let s = abs(seconds)
    let m = s / 60, sec = s % 60
    let body = (m < 10 ? "0\(m)" : "\(m)") + ":" + (sec < 10 ? "0\(sec)" : "\(sec)")
    return seconds < 0 ? (overrunSign ? "+" : "-") + body : body
}
