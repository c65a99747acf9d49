/// Secret ballots: how an anonymous vote's journal lines say who voted and what was voted without
/// saying who voted what.
///
/// - Opening an anonymous vote names a ballot key (`ballot-key=` on `vote.open`): 128 random
///   bits kept by the machine that opened it, outside the sessions folder (QuipuStore's
///   `BallotKeys`). The journal holds only the key's name.
/// - Each ballot's `by=` is a voter token, `~` and 16 hex digits: SipHash-2-4 of the participant
///   id under that key. The same voter always gets the same token, so a second ballot replaces
///   the first while the vote is open; without the key a token says nothing about who it is.
/// - Closing writes `voters=`: who voted, sorted by id, so nothing in it follows the order or
///   time of the ballots. Then the key is destroyed and the close cannot be undone: from then
///   on not even the facilitator's machine can join a ballot to a voter.
///
/// The engine does the sealing as a pure function; the keys come from a `BallotKeyring`.
/// docs/RELIABILITY.md says what this protects and what it does not.
public struct BallotKey: Equatable, Sendable {
    public var k0: UInt64
    public var k1: UInt64

    public init(k0: UInt64, k1: UInt64) {
        self.k0 = k0
        self.k1 = k1
    }

    /// `~` and 16 lower-case hex digits.
    public func token(for participant: String) -> String {
        "~" + hexadecimal(sipHash24(Array(participant.utf8), k0: k0, k1: k1))
    }

    /// Whether a ballot's `by` is a voter token rather than a participant id.
    public static func isToken(_ by: String) -> Bool { by.hasPrefix("~") }
}

/// Where the sealing finds keys: by name for a vote already open, and a new one for a vote being
/// opened. The store's implementation keeps them in files; tests pass values.
public protocol BallotKeyring {
    func key(named name: String) throws -> BallotKey?
    /// Makes and keeps a new key; returns its name.
    func newKey() throws -> String
    /// Destroys a key once the vote's close is durable.
    func destroy(_ name: String)
}

extension Session {
    /// The changes as they are written: anonymous votes get a ballot key when opened, voter
    /// tokens on ballots and the list of voters when closed. Everything else is unchanged;
    /// changes already sealed (a recovery file being applied) stay as they are.
    public func sealed(_ changes: [Change], keys: BallotKeyring) throws -> [Change] {
        try changes.map { change in
            switch change {
            case var .voteOpened(vote) where vote.anonymous && vote.ballotKey == nil:
                vote.ballotKey = try keys.newKey()
                return .voteOpened(vote)
            case let .ballotCast(voteID, ballot) where !BallotKey.isToken(ballot.by):
                guard let vote = self.vote(voteID), vote.anonymous, let name = vote.ballotKey else { return change }
                var sealed = ballot
                sealed.by = try key(of: vote, named: name, in: keys, toClose: false).token(for: ballot.by)
                return .ballotCast(vote: voteID, ballot: sealed)
            case let .voteClosed(voteID, nil, seen):
                guard let vote = self.vote(voteID), vote.anonymous, let name = vote.ballotKey else { return change }
                return .voteClosed(id: voteID, voters: voters(of: vote, key: try key(of: vote, named: name, in: keys, toClose: true)),
                                   seen: seen)
            default:
                return change
            }
        }
    }

    /// Everyone who was ever on the roster whose token (or, in a journal older than tokens, whose
    /// id) cast a ballot, in id order.
    func voters(of vote: Vote, key: BallotKey) -> [String] {
        let cast = Set(vote.ballots.map(\.by))
        return (participants + removedParticipants).map(\.id)
            .filter { cast.contains(key.token(for: $0)) || cast.contains($0) }
            .sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }
    }

    private func key(of vote: Vote, named name: String, in keys: BallotKeyring, toClose: Bool) throws -> BallotKey {
        guard let key = try keys.key(named: name) else {
            let arguments: [String: Message.Argument] = ["vote": .text(vote.id), "key": .text(name)]
            if toClose {
                throw QuipuError("{vote} is an anonymous vote opened on another machine, and only that machine holds its ballot key ({key}): close it there", arguments)
            }
            throw QuipuError("{vote} is an anonymous vote opened on another machine, and only that machine holds its ballot key ({key}): cast its ballots there", arguments)
        }
        return key
    }
}

/// Sixteen lower-case hex digits, leading zeros kept.
public func hexadecimal(_ n: UInt64) -> String {
    let digits = String(n, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}

/// SipHash-2-4 (Aumasson and Bernstein, 2012) of `message` under the 128-bit key `k0, k1`.
public func sipHash24(_ message: [UInt8], k0: UInt64, k1: UInt64) -> UInt64 {
    var v0: UInt64 = 0x736f_6d65_7073_6575 ^ k0
    var v1: UInt64 = 0x646f_7261_6e64_6f6d ^ k1
    var v2: UInt64 = 0x6c79_6765_6e65_7261 ^ k0
    var v3: UInt64 = 0x7465_6462_7974_6573 ^ k1
    func rotl(_ x: UInt64, _ b: UInt64) -> UInt64 { (x << b) | (x >> (64 - b)) }
    func round() {
        v0 = v0 &+ v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32)
        v2 = v2 &+ v3; v3 = rotl(v3, 16); v3 ^= v2
        v0 = v0 &+ v3; v3 = rotl(v3, 21); v3 ^= v0
        v2 = v2 &+ v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32)
    }
    func word(at i: Int, count: Int) -> UInt64 {
        var m: UInt64 = 0
        for j in 0..<count { m |= UInt64(message[i + j]) << (8 * UInt64(j)) }
        return m
    }
    let whole = message.count / 8 * 8
    for i in stride(from: 0, to: whole, by: 8) {
        let m = word(at: i, count: 8)
        v3 ^= m
        round(); round()
        v0 ^= m
    }
    let last = word(at: whole, count: message.count - whole) | (UInt64(message.count & 0xFF) << 56)
    v3 ^= last
    round(); round()
    v0 ^= last
    v2 ^= 0xFF
    round(); round(); round(); round()
    return v0 ^ v1 ^ v2 ^ v3
}
