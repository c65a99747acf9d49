// swift-tools-version: 6.1
// `make bench`: measures Quipu against baselines taken in the same run and prints the table
// kept in docs/PERFORMANCE.md. A package of its own so its release build stays out of
// `make test`.
import PackageDescription

let package = Package(
    name: "QuipuBench",
    dependencies: [.package(name: "Quipu", path: "..")],
    targets: [
        .executableTarget(
            name: "quipu-bench",
            dependencies: [
                .product(name: "QuipuCore", package: "Quipu"),
                .product(name: "QuipuStore", package: "Quipu"),
                .product(name: "QuipuTUI", package: "Quipu"),
            ],
            path: "Sources/QuipuBench"
        ),
    ],
    swiftLanguageModes: [.v6]
)
