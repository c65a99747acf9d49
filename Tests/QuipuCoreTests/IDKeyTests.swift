import Testing
@testable import QuipuCore

/// Ids a session may hold: canonical ones (`P12`) and every kind that must not be taken for one,
/// including texts that are different bytes but equal `String`s (a Kelvin sign equals `K`, a
/// decomposed `é` equals the composed one).
private let oddIDs = ["K1", "\u{212A}1", "I01", "I0", "I00", "i1", "I1 ", "é2", "e\u{301}2", "Ｉ1", "I١", "I",
                      "1", "", "I12345678901234567", "I1234567890123456", "Kelvin", "K\u{212A}", "KK", "P-1", "V+2"]

@Suite("Id keys: cheap lookups that answer as String equality does")
struct IDKeyTests {
    @Test(arguments: ["P12", "I7", "A0", "V1234567890123456", "p5", "Z99"])
    func canonicalIDsHaveKeysThatGiveThemBack(id: String) {
        let key = canonicalIDKey(id)
        #expect(key != nil)
        if let key { #expect(IDKeyTable.text(of: key) == id) }
    }

    @Test(arguments: oddIDs)
    func otherIDsHaveNoKey(id: String) {
        if ["K1", "I0", "i1", "I1234567890123456"].contains(where: { $0.utf8.elementsEqual(id.utf8) }) {
            #expect(canonicalIDKey(id) != nil)
        } else {
            #expect(canonicalIDKey(id) == nil)
        }
    }

    @Test func distinctCanonicalIDsHaveDistinctKeys() {
        var seen: [UInt64: String] = [:]
        for prefix in ["A", "I", "P", "V", "a", "z"] {
            for n in Array(0...300) + [9_999_999_999_999_999, 1 << 40] {
                let id = prefix + String(n)
                guard let key = canonicalIDKey(id) else { Issue.record("no key for \(id)"); continue }
                #expect(seen.updateValue(id, forKey: key) == nil, "\(id)")
            }
        }
    }

    @Test func theTableAnswersAsADictionaryWhileGrowing() {
        var maker = ChangeMaker(state: 3)
        var table = IDKeyTable()
        var reference: [UInt64: Int] = [:]
        for step in 0..<5000 {
            let key = UInt64(65 + maker.int(3)) << 56 | UInt64(maker.int(2000))
            if maker.int(3) == 0 {
                #expect(table.value(forKey: key) == reference[key])
            } else {
                #expect(table.updateValue(step, forKey: key) == reference.updateValue(step, forKey: key))
            }
            #expect(table.count == reference.count)
        }
    }

    @Test func theMapAnswersAsAStringDictionaryWhateverTheIds() {
        for seed in 0..<40 {
            var maker = ChangeMaker(state: 500 + UInt64(seed))
            // Some runs stay canonical throughout; others meet an odd id early or late.
            let pool = (1...30).map { "P\($0)" } + (seed % 3 == 0 ? [] : oddIDs)
            var map = IDMap()
            var reference: [String: Int] = [:]
            for step in 0..<300 {
                let id = maker.pick(pool)
                #expect(map.updateValue(step, forKey: id) == reference.updateValue(step, forKey: id), "seed \(seed) \(id)")
                #expect(map.count == reference.count, "seed \(seed)")
            }
        }
    }

    @Test func sessionLookupsWithManyItemsAgreeWithAScan() {
        for seed in 0..<20 {
            var maker = ChangeMaker(state: 900 + UInt64(seed))
            let ideaPool = (1...40).map { "I\($0)" } + oddIDs
            let voterPool = (1...20).map { "P\($0)" } + (seed % 2 == 0 ? oddIDs : [])
            var s = Session(id: "s")
            var expectedBallots: Vote = Vote(id: "V1", candidates: ["I1"], eligible: [])
            let at = Timestamp(seconds: 0)
            func apply(_ c: Change) { s.evolve(Event(id: EventID(seq: s.eventCount + 1, writer: "w"), at: at, change: c)) }
            apply(.voteOpened(Vote(id: "V1", candidates: ["I1"], eligible: [])))
            for step in 0..<400 {
                switch maker.int(4) {
                case 0:
                    apply(.ideaAdded(Idea(id: maker.pick(ideaPool), text: "t\(step)")))
                case 1:
                    apply(.ideaEdited(id: maker.pick(ideaPool), text: "e\(step)"))
                case 2:
                    let ballot = Ballot(by: maker.pick(voterPool), choices: [.init(idea: "I1", points: step)])
                    apply(.ballotCast(vote: "V1", ballot: ballot))
                    expectedBallots.replaceBallot(ballot)
                default:
                    if maker.int(10) == 0 { s.ideas = s.ideas } // a stale index, rebuilt on the next event
                }
            }
            #expect(s.ideas.count > 8, "seed \(seed)")
            for id in ideaPool + ["I41", "I99", "K2", "\u{212A}2"] {
                #expect(s.idea(id) == s.ideas.first { $0.id == id }, "seed \(seed) \(id)")
            }
            #expect(s.votes[0].ballots == expectedBallots.ballots, "seed \(seed)")
            // The Kelvin sign and K are one id: whichever came first is the idea.
            let kelvin = s.ideas.firstIndex { $0.id == "K1" }
            #expect(kelvin == s.ideas.firstIndex { $0.id == "\u{212A}1" })
        }
    }
}
