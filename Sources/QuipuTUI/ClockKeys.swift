import QuipuCore
import QuipuText

// The clock's re-planning key: `s` offers to re-spread the remaining phases, y applies it.

extension AppModel {
    /// Works the re-spread out now, to show it, and asks before applying it; a refusal (on
    /// plan, nothing left, time used up) is said at once.
    mutating func offerRespread(_ session: Session, now: Timestamp) {
        do {
            let plan = try session.respreadPlan(at: now)
            let reading = session.clockReading(at: now)
            let behind = reading.behindSeconds
            let state = behind > 0 ? tr("{time} behind", ["time": clockText(seconds: behind)])
                : tr("{time} ahead", ["time": clockText(seconds: -behind)])
            // Each phase with its new minutes: "phase 1: 12 min, phase 2: 3 min".
            let phases = plan.seconds.enumerated().map {
                tr("phase {number}: {minutes} min", ["number": plan.from + $0.offset + 1, "minutes": Int($0.element / 60)])
            }
            confirmation = Confirmation(
                question: tr("{state}: re-spread the time left as {phases}?",
                             ["state": state, "phases": phases.joined(separator: ", ")]),
                // y applies exactly what was offered.
                effects: [.perform(.applyRespread(from: plan.from, seconds: plan.seconds))])
        } catch {
            message = Message(text: error.localized, isError: true)
        }
    }
}
