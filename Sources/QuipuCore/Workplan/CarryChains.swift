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

/// What the sessions list keeps of one action to follow it across sessions: only actions open
/// or in progress, or carried from elsewhere, are kept.
public struct ActionLink: Equatable, Sendable {
    public var id: String
    /// Open or in progress in this session's journal.
    public var open: Bool
    /// `SESSION/ACTION` when it was carried over.
    public var carriedFrom: String?

    public init(id: String, open: Bool, carriedFrom: String?) {
        self.id = id
        self.open = open
        self.carriedFrom = carriedFrom
    }
}

extension SessionSummary {
    /// The one adjustment of a list's counts for actions carried on: for each session, how many
    /// of the actions open in its own journal were carried into a later session and live there
    /// now (`TrackedAction`'s rule). `carrying`: the sessions with a carried action (the only
    /// ones that can start a chain across sessions); `session(id)` finds a listed session by id;
    /// `links(i)` gives a listed session's id, date and `actionLinks`. Returns the sessions with
    /// any carried on, and how many; nothing is asked of a session no carry names.
    public static func carriedOn(carrying: [Int], session: (String) -> Int?,
                                 links: (Int) -> (id: String, date: String, links: [ActionLink])) -> [(index: Int, count: Int)] {
        guard !carrying.isEmpty else { return [] }
        var involved = carrying
        var seen = Set(carrying)
        var read: [Int: (id: String, date: String, links: [ActionLink])] = [:]
        var next = 0
        while next < involved.count {
            let i = involved[next]
            next += 1
            let l = links(i)
            read[i] = l
            for link in l.links {
                guard let from = link.carriedFrom, let slash = from.firstIndex(of: "/"),
                      let j = session(String(from[..<slash])), seen.insert(j).inserted else { continue }
                involved.append(j)
            }
        }
        var copies: [ActionCopyLink] = []
        var owner: [(session: Int, open: Bool)] = []
        for i in involved {
            let l = read[i]!
            for link in l.links {
                copies.append(ActionCopyLink(key: "\(l.id)/\(link.id)", carriedFrom: link.carriedFrom, order: (l.date, l.id)))
                owner.append((i, link.open))
            }
        }
        var counts: [Int: Int] = [:]
        for chain in carryChains(copies) {
            let home = owner[chain.last!].session
            for n in chain.dropLast() where owner[n].open && owner[n].session != home { counts[owner[n].session, default: 0] += 1 }
        }
        return involved.compactMap { i in counts[i].map { (i, $0) } }
    }
}
