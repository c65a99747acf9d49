import Foundation
import Testing

/// `quipu list` through its summary cache, as a person runs it again and again.
@Suite("The list and its cache, end to end")
struct ListCacheTests {
    @Test func theListIsTheSameFromTheCacheAndFollowsEveryChange() throws {
        let dir = scratchFolder()
        let cacheDir = scratchFolder()
        let env = ["QUIPU_CACHE_DIR": cacheDir, "QUIPU_NOW": "2026-11-29T16:00:00Z"]
        let id = try makeCacheTestFolder(dir, idea: "Community water committees")
        #expect(try quipu(["close", "2026-11-29-glacier-lakes"], dir: dir).status == 0)

        let (first, cacheFile) = try runUntilCached(["list", "--json"], dir: dir, environment: env, cacheDir: cacheDir) {
            $0.hasSuffix(".cache") }
        let cached = try quipu(["list", "--json"], dir: dir, environment: env)
        #expect(cached.stdout == first.stdout)
        // The damaged journal is never cached: warned about on every run.
        #expect(first.stderr.contains("skipping 2026-11-29-damaged"))
        #expect(cached.stderr.contains("skipping 2026-11-29-damaged"))
        #expect(first.status == 1 && cached.status == 1)
        #expect(first.stdout.contains("\"ideas\": 1"))

        // An append right after the cached run shows at once.
        #expect(try quipu(["idea", id, "add", "Glacier monitoring"], dir: dir).status == 0)
        let appended = try quipu(["list", "--json"], dir: dir, environment: env)
        #expect(appended.stdout.contains("\"ideas\": 2"))
        #expect(appended.stdout == (try quipu(["list", "--json"], dir: dir, environment: ["QUIPU_CACHE_DIR": scratchFolder(), "QUIPU_NOW": "2026-11-29T16:00:00Z"])).stdout)

        // A damaged cache file is ignored, not an error.
        try "garbage".write(toFile: cacheDir + "/" + #require(cacheFile), atomically: true, encoding: .utf8)
        let afterGarbage = try quipu(["list", "--json"], dir: dir, environment: env)
        // Exit 1 as every run here (the damaged journal), never because of the cache.
        #expect(afterGarbage.status == 1)
        #expect(afterGarbage.stderr == cached.stderr)
        #expect(afterGarbage.stdout == appended.stdout)
    }

    /// An action carried over is open in the session it was carried into, not also in the one it
    /// came from; that row says it was carried on, even when its summary comes from the cache,
    /// kept before the carry happened.
    @Test func aCarriedActionIsOpenOnlyWhereItWasCarried() throws {
        let dir = scratchFolder()
        let cacheDir = scratchFolder()
        let env = ["QUIPU_CACHE_DIR": cacheDir, "QUIPU_NOW": "2026-11-29T16:00:00Z"]
        let first = "2026-11-27-water", second = "2026-11-28-water-again"
        #expect(try quipu(["new", "Water", "--initiative", "Water"], dir: dir, environment: ["QUIPU_NOW": "2026-11-27T10:00:00Z"]).status == 0)
        for text in ["Map the springs", "Write to the donors", "Plan the exchange"] {
            #expect(try quipu(["action", first, "add", text, "--owner", "org:FAO"], dir: dir).status == 0)
        }
        #expect(try quipu(["action", first, "status", "A3", "done"], dir: dir).status == 0)
        let alone = try runUntilCached(["list"], dir: dir, environment: env, cacheDir: cacheDir) { $0.hasSuffix(".cache") }
        #expect(alone.first.stdout.contains("3 (2 open)"))

        #expect(try quipu(["new", "Water again", "--initiative", "Water"], dir: dir, environment: ["QUIPU_NOW": "2026-11-28T10:00:00Z"]).status == 0)
        #expect(try quipu(["action", second, "carry-over"], dir: dir).status == 0)
        #expect(try quipu(["action", second, "status", "A1", "done"], dir: dir).status == 0)
        for environment in [env, env, ["QUIPU_CACHE_DIR": scratchFolder(), "QUIPU_NOW": "2026-11-29T16:00:00Z"]] {
            let list = try quipu(["list"], dir: dir, environment: environment).stdout
            let rows = list.split(separator: "\n").map(String.init)
            #expect(rows.count == 3, "\(list)")
            #expect(rows.first { $0.contains(first) }?.hasSuffix(" 3 (2 carried on)") == true, "\(list)")
            #expect(rows.first { $0.contains(second) }?.hasSuffix(" 2 (1 open)") == true, "\(list)")

            let json = try #require(try JSONSerialization.jsonObject(with: Data(try quipu(["list", "--json"], dir: dir, environment: environment).stdout.utf8)) as? [[String: Any]])
            #expect(json.map { $0["id"] as? String } == [first, second])
            #expect(json.map { $0["actions"] as? Int } == [3, 2])
            #expect(json.map { $0["openActions"] as? Int } == [0, 1])
            #expect(json.map { $0["carriedOn"] as? Int } == [2, 0])
        }
    }

    @Test func theHelpSaysWhereTheCachesAreKept() throws {
        let help = try quipu(["--help"], dir: scratchFolder()).stdout
        #expect(help.contains("QUIPU_CACHE_DIR"))
        #expect(help.contains("~/.cache/quipu"))
    }
}
