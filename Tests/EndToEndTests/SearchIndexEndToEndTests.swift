import Foundation
import Testing

/// `quipu search` through its index, as a person runs it again and again.
@Suite("Search and its index, end to end")
struct SearchIndexEndToEndTests {
    @Test func theHitsAreTheSameFromTheIndexAndFollowEveryChange() throws {
        let dir = scratchFolder()
        let cacheDir = scratchFolder()
        let env = ["QUIPU_CACHE_DIR": cacheDir]
        func withoutIndex(_ query: String) throws -> String {
            try quipu(["search", query], dir: dir, environment: ["QUIPU_CACHE_DIR": scratchFolder()]).stdout
        }
        let id = try makeCacheTestFolder(dir, idea: "Glacier monitoring")

        let (first, indexFile) = try runUntilCached(["search", "glacier"], dir: dir, environment: env, cacheDir: cacheDir) {
            $0.hasPrefix("search-") }
        let indexed = try quipu(["search", "glacier"], dir: dir, environment: env)
        #expect(indexed.stdout == first.stdout)
        #expect(indexed.stdout.contains("Glacier monitoring"))
        #expect(indexed.stdout.hasSuffix("2 matches in 2 sessions\n"))
        // The damaged journal is never indexed: named on every run.
        #expect(indexed.stderr.contains("skipping 2026-11-29-damaged"))
        #expect(try quipu(["search", "watershed", "--json"], dir: dir, environment: env).stdout
                == (try quipu(["search", "watershed", "--json"], dir: dir, environment: ["QUIPU_CACHE_DIR": scratchFolder()])).stdout)

        // An append right after the indexed run shows at once.
        #expect(try quipu(["idea", id, "add", "Glacier lake outburst floods"], dir: dir).status == 0)
        let appended = try quipu(["search", "glacier"], dir: dir, environment: env)
        #expect(appended.stdout.contains("Glacier lake outburst floods"))
        #expect(appended.stdout == (try withoutIndex("glacier")))

        // A damaged index file is ignored, not an error.
        try "garbage".write(toFile: cacheDir + "/" + #require(indexFile), atomically: true, encoding: .utf8)
        let afterGarbage = try quipu(["search", "glacier"], dir: dir, environment: env)
        #expect(afterGarbage.status == 0)
        #expect(afterGarbage.stdout == appended.stdout)
    }
}
