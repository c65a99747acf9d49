import Testing
@testable import QuipuCore

/// Keys held in memory, as the store holds them in files.
final class TestKeyring: BallotKeyring, @unchecked Sendable {
    var keys: [String: BallotKey] = [:]
    var destroyed: [String] = []
    func key(named name: String) throws -> BallotKey? { keys[name] }
    func newKey() throws -> String {
        let name = "k" + String(keys.count + 1)
        keys[name] = BallotKey(k0: 0x0706_0504_0302_0100 &* UInt64(keys.count + 1), k1: 0x0f0e_0d0c_0b0a_0908)
        return name
    }
    func destroy(_ name: String) {
        keys[name] = nil
        destroyed.append(name)
    }
}

@Suite("Secret ballots: who voted and what was voted, never joined")
struct SecretBallotTests {
    /// Ana, Ben, Carla present members; Dmitri absent member; Olga observer; areas I1–I3.
    func room() -> Harness { VoteDecideTests().room() }

    /// What the journal does: decide, seal, append.
    @discardableResult
    func run(_ h: inout Harness, _ command: Command, keys: BallotKeyring) throws -> [Change] {
        let changes = try h.log.state.sealed(try h.log.decide(command), keys: keys)
        h.log.append(changes.map { change in
            h.seq += 1
            return Event(id: EventID(seq: h.seq, writer: h.writer), at: h.now, change: change)
        })
        return changes
    }

    @Test func sipHashMatchesTheReferenceVectors() {
        // The reference implementation's vectors: key 00 01 … 0f, message 00 01 … (n-1).
        let k0: UInt64 = 0x0706_0504_0302_0100, k1: UInt64 = 0x0f0e_0d0c_0b0a_0908
        #expect(sipHash24([], k0: k0, k1: k1) == 0x726f_db47_dd0e_0e31)
        #expect(sipHash24(Array(0..<15), k0: k0, k1: k1) == 0xa129_ca61_49be_45e5)
        #expect(sipHash24(Array(0..<63), k0: k0, k1: k1) == 0x958a_324c_eb06_4572)
    }

    @Test func anAnonymousBallotNamesATokenAndTheCloseNamesTheVotersInIdOrder() throws {
        var h = room()
        let keys = TestKeyring()
        let opened = try run(&h, .startVote(VoteSetup(method: .approval, anonymous: true)), keys: keys)
        guard case let .voteOpened(vote) = opened.first else { Issue.record("no vote opened"); return }
        #expect(vote.ballotKey == "k1")
        // Carla, then Olga (an observer), then Ana: not id order.
        for (who, choice) in [("Carla", "I2"), ("Olga", "I1"), ("Ana", "I1")] {
            let cast = try run(&h, .castBallotText(vote: nil, by: who, words: [choice]), keys: keys)
            guard case let .ballotCast(_, ballot) = cast.first else { Issue.record("no ballot"); return }
            #expect(BallotKey.isToken(ballot.by) && ballot.by.count == 17)
            #expect(!ballot.by.contains("P"))
        }
        let v = h.state.votes[0]
        #expect(Set(v.ballots.map(\.by)).count == 3)
        #expect(v.voterIDs.isEmpty)
        // Ana changes her mind while it is open: her ballot is replaced, not added.
        try run(&h, .castBallotText(vote: nil, by: "Ana", words: ["I3"]), keys: keys)
        #expect(h.state.votes[0].ballots.count == 3)
        #expect(h.state.votes[0].results.first { $0.idea == "I3" }?.score == 1)

        let closed = try run(&h, .closeVote(id: nil), keys: keys)
        // The close also names the ballots it saw (`seen`, for late ballots: CrossedChangesTests).
        #expect(closed.map(\.withoutSeen) == [.voteClosed(id: "V1", voters: ["P1", "P3", "P5"])])
        #expect(h.state.votes[0].voterIDs == ["P1", "P3", "P5"])
        #expect(h.state.votes[0].results.map(\.score) == [1, 1, 0])
    }

    @Test func votesThatAreNotAnonymousAndSealedChangesAreLeftAsTheyAre() throws {
        var h = room()
        let keys = TestKeyring()
        try run(&h, .startVote(VoteSetup(method: .approval)), keys: keys)
        let cast = try run(&h, .castBallotText(vote: nil, by: "Ana", words: ["I1"]), keys: keys)
        #expect(cast == [.ballotCast(vote: "V1", ballot: Ballot(by: "P1", choices: [Ballot.Choice(idea: "I1", points: 1)]))])
        #expect(try run(&h, .closeVote(id: nil), keys: keys).map(\.withoutSeen) == [.voteClosed(id: "V1")])
        #expect(keys.keys.isEmpty)
        // A recovery file's events come sealed already: sealing again changes nothing.
        let sealed: [Change] = [.ballotCast(vote: "V1", ballot: Ballot(by: "~0123456789abcdef", choices: [])),
                                .voteClosed(id: "V1", voters: ["P2"])]
        #expect(try h.state.sealed(sealed, keys: keys) == sealed)
    }

    @Test func withoutTheKeyNothingIsCastOrClosedAndTheMessageSaysWhere() throws {
        var h = room()
        let keys = TestKeyring()
        try run(&h, .startVote(VoteSetup(method: .approval, anonymous: true)), keys: keys)
        let elsewhere = TestKeyring()
        let message = "V1 is an anonymous vote opened on another machine, and only that machine holds its ballot key (k1): "
        #expect(throws: QuipuError(message + "cast its ballots there")) {
            try run(&h, .castBallotText(vote: nil, by: "Ana", words: ["I1"]), keys: elsewhere)
        }
        #expect(throws: QuipuError(message + "close it there")) { try run(&h, .closeVote(id: nil), keys: elsewhere) }
        #expect(h.state.votes[0].ballots.isEmpty && h.state.votes[0].status == .open)
    }

    @Test func closingAnAnonymousVoteCannotBeUndone() throws {
        var h = room()
        let keys = TestKeyring()
        try run(&h, .startVote(VoteSetup(method: .approval, anonymous: true)), keys: keys)
        try run(&h, .castBallotText(vote: nil, by: "Ben", words: ["I2"]), keys: keys)
        try run(&h, .closeVote(id: nil), keys: keys)
        #expect(h.refusal(.undo) == "V1 was anonymous, and its ballot key is gone: its close cannot be undone")
        #expect(h.state.votes[0].status == .closed && h.state.votes[0].ballots.count == 1)
    }

    @Test func closingTheSessionClosesAnOpenAnonymousVoteWithItsVoters() throws {
        var h = room()
        let keys = TestKeyring()
        try run(&h, .startVote(VoteSetup(method: .approval, anonymous: true)), keys: keys)
        try run(&h, .castBallotText(vote: nil, by: "Carla", words: ["I2"]), keys: keys)
        let changes = try run(&h, .close, keys: keys)
        #expect(changes.first?.withoutSeen == .voteClosed(id: "V1", voters: ["P3"]))
    }
}

extension Change {
    /// A close without the ballots it saw, for comparing closes whose ballots' ids do not matter.
    var withoutSeen: Change {
        guard case let .voteClosed(id, voters, _) = self else { return self }
        return .voteClosed(id: id, voters: voters)
    }
}
