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

    @Test func theHelpSaysWhereTheCachesAreKept() throws {
        let help = try quipu(["--help"], dir: scratchFolder()).stdout
        #expect(help.contains("QUIPU_CACHE_DIR"))
        #expect(help.contains("~/.cache/quipu"))
    }
}
