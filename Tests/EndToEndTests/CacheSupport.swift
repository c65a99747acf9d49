import Foundation
import Testing

/// What the cache tests start from: two sessions made on 2026-11-29, an idea in the first, and a
/// damaged journal beside them. Returns the first session's id.
func makeCacheTestFolder(_ dir: String, idea: String) throws -> String {
    for title in ["Watershed management", "Glacier lakes"] {
        #expect(try quipu(["new", title], dir: dir, environment: ["QUIPU_NOW": "2026-11-29T14:00:00Z"]).status == 0)
    }
    let id = "2026-11-29-watershed-management"
    #expect(try quipu(["idea", id, "add", idea], dir: dir).status == 0)
    try "not a journal\n".write(toFile: dir + "/2026-11-29-damaged.txt", atomically: true, encoding: .utf8)
    return id
}

/// Runs `arguments` until `cacheDir` holds a file `isCacheFile` accepts (files changed a moment
/// ago are not cached yet), expecting the same output every time. Returns the first run's output
/// and the cache file's name.
func runUntilCached(_ arguments: [String], dir: String, environment: [String: String], cacheDir: String,
                    isCacheFile: (String) -> Bool) throws -> (first: Output, file: String?) {
    let first = try quipu(arguments, dir: dir, environment: environment)
    var files: [String] = []
    for _ in 0..<100 where files.isEmpty {
        let again = try quipu(arguments, dir: dir, environment: environment)
        #expect(again.stdout == first.stdout)
        files = try FileManager.default.contentsOfDirectory(atPath: cacheDir).filter(isCacheFile)
        if files.isEmpty { usleep(50_000) }
    }
    #expect(files.count == 1)
    return (first, files.first)
}
