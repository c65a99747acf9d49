// An action carried over from session to session (`action.carry … from=SESSION/ACTION`) is one
// promise with a copy in each session it passed through; it lives at the last copy. This file
// finds the chains, in the engine, so that everything that counts actions across sessions
// (`TrackedAction.all` in QuipuReports) can follow the same ones.

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
