import QuipuCore
import QuipuStore

/// A deterministic generator (SplitMix64), so runs compare.
struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let words = ["water", "glacier", "community", "committee", "basin", "watershed", "páramo", "quinoa",
             "gender", "policy", "law", "research", "tourism", "market", "seed", "bank", "early", "warning",
             "adaptation", "climate", "forest", "soil", "erosion", "women", "youth", "rights", "finance",
             "monitoring", "network", "training", "流域", "montaña", "ação"]

func sentence(_ rng: inout Seeded, words count: Int) -> String {
    (0..<count).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
}

/// Builds a session through the engine, so every event is one a person could have made.
struct SessionBuilder {
    var log: SessionLog
    var now: Timestamp
    var seq = 0
    let writer = "bench"

    init(id: String, title: String, start: Timestamp) {
        log = SessionLog(id: id)
        now = start
        apply(.createSession(title: title, initiative: title, facilitator: "Ana", rapporteur: "Ben",
                             agenda: try! AgendaTemplate.resolve(nil)))
    }

    mutating func apply(_ command: Command) {
        guard let changes = try? log.decide(command) else { return }
        now = now.adding(milliseconds: 1500)
        let events = changes.map { change -> Event in
            seq += 1
            return Event(id: EventID(seq: seq, writer: writer), at: now, change: change)
        }
        log.append(events)
    }

    var text: String {
        JournalFormat.header + "\n" + log.events.map(JournalFormat.encode).joined()
    }
}

/// A big session: ideas, participants, votes and actions in the numbers asked for.
func bigSession(ideas: Int, participants: Int, votes: Int, actions: Int, seed: UInt64) -> SessionBuilder {
    var rng = Seeded(state: seed)
    var b = SessionBuilder(id: "2026-11-29-big", title: "Big breakout", start: Timestamp(year: 2026, month: 11, day: 29, hour: 14))
    b.apply(.startTimer)
    for i in 0..<participants {
        b.apply(.addParticipant(name: "Participant \(i) \(sentence(&rng, words: 1))", organisation: "Org \(i % 17)",
                                group: StakeholderGroup.allCases[i % StakeholderGroup.allCases.count],
                                country: "Peru", observer: i % 7 == 0))
    }
    for i in 0..<ideas {
        b.apply(.addIdea(text: sentence(&rng, words: 4 + Int(rng.next() % 8)), kind: i % 4 == 0 ? .project : .area,
                         by: "P\(1 + i % participants)", area: nil))
    }
    for v in 0..<votes {
        let candidates = (0..<5).map { "I\(1 + (v * 5 + $0 * 7) % ideas)" }
        b.apply(.openVote(method: .dot, dots: 3, maxPerItem: nil, candidates: candidates))
        for p in stride(from: 1, through: participants, by: 3) {
            b.apply(.castBallot(vote: nil, by: "P\(p)", choices: [.init(idea: candidates[p % 5], points: 2),
                                                                    .init(idea: candidates[(p + 1) % 5], points: 1)]))
        }
        b.apply(.closeVote(id: nil))
    }
    for a in 0..<actions {
        b.apply(.addAction(text: sentence(&rng, words: 6), owner: "P\(1 + a % participants)",
                           due: "2027-\(a % 12 < 9 ? "0" : "")\(1 + a % 12)", idea: nil))
    }
    return b
}
