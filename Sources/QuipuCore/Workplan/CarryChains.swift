// An action carried over from session to session (`action.carry … from=SESSION/ACTION`) is one
// promise with a copy in each session it passed through; it lives at the last copy. This file
// finds the chains; `TrackedAction.all` (QuipuReports) and the sessions list (`SessionSummary.carriedOn`)
// both follow them here, so they never disagree about where an action lives.

/// One copy of an action: `key` is `SESSION/ACTION`, `carriedFrom` the key it was carried from,
/// `order` where its session comes (date, then id).
public struct ActionCopyLink: Sendable {
    public var key: String
    public var carriedFrom: String?
    public var order: (date: String, id: String)

    public init(key: String, carriedFrom: String?, order: (date: String, id: String)) {
        self.key = key
        self.carriedFrom = carriedFrom
        self.order = order
    }
}

/// The chains of `copies`: each a list of indices into `copies`, its first copy first and the
/// copy where the action lives now last (the furthest from the first; of copies as far, the
/// latest session's). Chains come in the order of their first copies; a key seen before is
/// left out of every chain (only its first copy counts), and a cycle is cut where it closes.
public func carryChains(_ copies: [ActionCopyLink]) -> [[Int]] {
    var position: [String: Int] = [:]
    var kept: [Int] = []
    for (n, c) in copies.enumerated() where position[c.key] == nil {
        position[c.key] = n
        kept.append(n)
    }
    // The first copy of each chain, and how far from it each copy is.
    func origin(_ n: Int) -> (root: Int, depth: Int) {
        var at = n, depth = 0
        var seen: Set<Int> = [n]
        while let from = copies[at].carriedFrom, let parent = position[from], seen.insert(parent).inserted {
            at = parent
            depth += 1
        }
        return (at, depth)
    }
    var chains: [Int: [(copy: Int, depth: Int)]] = [:]
    var roots: [Int] = []
    for n in kept {
        let (root, depth) = origin(n)
        if chains[root] == nil { roots.append(root) }
        chains[root, default: []].append((n, depth))
    }
    return roots.map { root in
        chains[root]!.sorted { a, b in
            a.depth != b.depth ? a.depth < b.depth : copies[a.copy].order < copies[b.copy].order
        }.map(\.copy)
    }
}

/// A carried action as the sessions list keeps it, to follow it across sessions.
public struct ActionLink: Equatable, Sendable {
    public var id: String
    /// Open or in progress in this session's journal.
    public var open: Bool
    /// `SESSION/ACTION`: where it was carried from.
    public var carriedFrom: String

    public init(id: String, open: Bool, carriedFrom: String) {
        self.id = id
        self.open = open
        self.carriedFrom = carriedFrom
    }
}

/// A set of action ids kept small, since every summary of the folder holds one (its open actions):
/// the ids Quipu mints, `A1`, `A2`…, are bits; any other id is kept as text.
public struct ActionIDs: Equatable, Sendable {
    /// Bit `(n - 1) % 64` of word `(n - 1) / 64` is `A<n>`; no word after the last one set.
    public private(set) var words: [UInt64] = []
    public private(set) var others: [String] = []

    public init() {}

    public init<S: Sequence<String>>(_ ids: S) {
        for id in ids { insert(id) }
    }

    /// As `words` and `others` give them (for the summary cache); nil when they are not a set's.
    public init?(words: [UInt64], others: [String]) {
        guard words.last != 0, !others.contains(where: { Self.number($0) != nil }), Set(others).count == others.count else { return nil }
        self.words = words
        self.others = others
    }

    /// n for `A<n>` written as Quipu writes it (no sign, no leading zero), up to a bound that keeps
    /// the bits small.
    static func number(_ id: String) -> Int? {
        let u = Array(id.utf8)
        guard u.count >= 2, u.count <= 6, u[0] == UInt8(ascii: "A"), u[1] != UInt8(ascii: "0"),
              u.dropFirst().allSatisfy({ (48...57).contains($0) }) else { return nil }
        let n = u.dropFirst().reduce(0) { $0 * 10 + Int($1 - 48) }
        return n <= 65_536 ? n : nil
    }

    public mutating func insert(_ id: String) {
        if let n = Self.number(id) {
            let (w, b) = (n - 1).quotientAndRemainder(dividingBy: 64)
            if words.count <= w { words += repeatElement(0, count: w + 1 - words.count) }
            words[w] |= 1 << UInt64(b)
        } else if !others.contains(id) {
            others.append(id)
        }
    }

    public func contains(_ id: String) -> Bool {
        if let n = Self.number(id) {
            let (w, b) = (n - 1).quotientAndRemainder(dividingBy: 64)
            return w < words.count && words[w] & (1 << UInt64(b)) != 0
        }
        return others.contains(id)
    }

    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } + others.count }
}

extension SessionSummary {
    /// The one adjustment of a list's counts for actions carried on: for each session, how many
    /// of the actions open in its own journal were carried into a later session and live there
    /// now (`TrackedAction`'s rule, the same chains). `carrying`: the sessions with a carried
    /// action (only they link sessions); `session(id)` finds a listed session by id; `listed(i)`
    /// gives a listed session's id, date and `carriedActions`; `isOpen(i, action)` whether an
    /// action is open in its journal. Returns the sessions with any carried on, and how many;
    /// nothing is asked of a session no carry names.
    public static func carriedOn(carrying: [Int], session: (String) -> Int?,
                                 listed: (Int) -> (id: String, date: String, carried: [ActionLink]),
                                 isOpen: (Int, String) -> Bool) -> [(index: Int, count: Int)] {
        guard !carrying.isEmpty else { return [] }
        var read: [Int: (id: String, date: String, carried: [ActionLink])] = [:]
        func info(_ i: Int) -> (id: String, date: String, carried: [ActionLink]) {
            if let known = read[i] { return known }
            let l = listed(i)
            read[i] = l
            return l
        }
        var copies: [ActionCopyLink] = []
        var owner: [(session: Int, open: Bool)] = []
        var keys: Set<String> = []
        for i in carrying {
            let l = info(i)
            for link in l.carried {
                let key = "\(l.id)/\(link.id)"
                keys.insert(key)
                copies.append(ActionCopyLink(key: key, carriedFrom: link.carriedFrom, order: (l.date, l.id)))
                owner.append((i, link.open))
            }
        }
        // The copies carried from: each the first of its chain unless it was carried itself (then
        // it is a copy above). Any other action of the session is a chain of its own.
        for n in copies.indices {
            guard let from = copies[n].carriedFrom, !keys.contains(from), let slash = from.firstIndex(of: "/"),
                  let j = session(String(from[..<slash])) else { continue }
            keys.insert(from)
            let l = info(j)
            let action = String(from[from.index(after: slash)...])
            copies.append(ActionCopyLink(key: from, carriedFrom: nil, order: (l.date, l.id)))
            owner.append((j, isOpen(j, action)))
        }
        var counts: [Int: Int] = [:]
        for chain in carryChains(copies) {
            let home = owner[chain.last!].session
            for n in chain.dropLast() where owner[n].open && owner[n].session != home { counts[owner[n].session, default: 0] += 1 }
        }
        return counts.map { (index: $0.key, count: $0.value) }.sorted { $0.index < $1.index }
    }
}
