// swift-tools-version: 6.1
// The journal parser under libFuzzer: `make fuzz` (or `make fuzz FUZZ_SECONDS=600`).
// A package of its own so that the sanitizer build stays out of the main one.
import PackageDescription

let package = Package(
    name: "QuipuFuzz",
    dependencies: [.package(name: "Quipu", path: "..")],
    targets: [
        .executableTarget(
            name: "QuipuFuzz",
            dependencies: [
                .product(name: "QuipuCore", package: "Quipu"),
                .product(name: "QuipuStore", package: "Quipu"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library", "-sanitize=fuzzer,address"])],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
