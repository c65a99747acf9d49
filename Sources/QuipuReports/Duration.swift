import QuipuCore

/// `mm:ss` with minutes past 59 kept as minutes (`90:00`, `92:10`): a breakout is planned in
/// minutes, so its budget reads as 90:00, not 1:30:00. A leading `-`, or `+` for an overrun
/// when asked, marks negative values.
public func minutesText(_ seconds: Int64, overrunSign: Bool = false) -> String {
    let s = abs(seconds)
    let m = s / 60, sec = s % 60
    let body = (m < 10 ? "0\(m)" : "\(m)") + ":" + (sec < 10 ? "0\(sec)" : "\(sec)")
    return seconds < 0 ? (overrunSign ? "+" : "-") + body : body
}
