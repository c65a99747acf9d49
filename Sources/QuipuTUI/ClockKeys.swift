import QuipuCore

// The clock's re-planning key: `s` offers to re-spread the remaining phases, y applies it.

extension AppModel {
    /// Works the re-spread out now, to show it, and asks before applying it; a refusal (on
    /// plan, nothing left, time used up) is said at once.
    mutating func offerRespread(_ session: Session, now: Timestamp) {
        do {
            let plan = try session.respreadPlan(at: now)
            let reading = session.clockReading(at: now)
            let behind = reading.behindSeconds
            let state = behind > 0 ? "\(clockText(seconds: behind)) behind" : "\(clockText(seconds: -behind)) ahead"
            let minutes = plan.seconds.map { String($0 / 60) }.joined(separator: " ")
            confirmation = Confirmation(
                question: "\(state): re-spread phases \(plan.from + 1)–\(plan.from + plan.seconds.count) as \(minutes) min?",
                // y applies exactly what was offered.
                effects: [.perform(.applyRespread(from: plan.from, seconds: plan.seconds))])
        } catch {
            message = Message(text: error.message, isError: true)
        }
    }
}
