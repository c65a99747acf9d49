// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Quipu",
    products: [
        .executable(name: "quipu", targets: ["quipu"]),
        // For the fuzzer and the benchmark, which are packages of their own (Fuzz/, Benchmarks/)
        // so their builds stay out of `make test`'s.
        .library(name: "QuipuCore", targets: ["QuipuCore"]),
        .library(name: "QuipuStore", targets: ["QuipuStore"]),
        .library(name: "QuipuTUI", targets: ["QuipuTUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // The session engine: values in, values out; no files, no terminal, no clock of its own.
        .target(name: "QuipuCore"),
        // The plain-text journal: grammar, reader, writer, locking, recovery, the sessions folder.
        // Its warnings and damage lines are said in the current language (QuipuText's `tr`); the
        // journal itself stays language-neutral.
        .target(name: "QuipuStore", dependencies: ["QuipuCore", "QuipuText", .product(name: "CSV", package: "CSV.swift")]),
        // Text for people, shared by the screens, the command line and the reports: display
        // width, truncation, wrapping, plurals, what each change says.
        // Also the message catalogues (Catalogues/<lang>/*.po, GNU gettext) and the language.
        .target(name: "QuipuText", dependencies: ["QuipuCore"], resources: [.copy("Catalogues")]),
        // Markdown and JSON renderings of a session: pure functions of state.
        .target(name: "QuipuReports", dependencies: ["QuipuCore", "QuipuText", .product(name: "CSV", package: "CSV.swift")]),
        // Screens as pure functions of state into a cell buffer; keys into engine commands. The
        // Report tab shows QuipuReports' session report, so the screen and the .md say the same.
        .target(name: "QuipuTUI", dependencies: ["QuipuCore", "QuipuText", "QuipuReports"]),
        // Carries out the screens' effects against the sessions folder and feeds the outcomes
        // back: everything of the screens but the terminal, testable without one.
        .target(name: "QuipuApp", dependencies: ["QuipuCore", "QuipuStore", "QuipuText", "QuipuReports", "QuipuTUI"]),
        // The system ncurses (wide-character build); only the terminal adapter imports it.
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .executableTarget(
            name: "quipu",
            dependencies: [
                "QuipuCore", "QuipuStore", "QuipuText", "QuipuReports", "QuipuTUI", "QuipuApp", "CNcursesw",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A writer that the durability tests kill at random moments.
        .executableTarget(name: "quipu-torture", dependencies: ["QuipuCore", "QuipuStore"],
                          path: "Tests/Tools/QuipuTorture"),
        .testTarget(name: "QuipuCoreTests", dependencies: [
            "QuipuCore",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "QuipuStoreTests", dependencies: [
            "QuipuCore", "QuipuStore", "QuipuText", .product(name: "CSV", package: "CSV.swift"),
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "QuipuReportsTests", dependencies: [
            "QuipuCore", "QuipuText", "QuipuReports", "QuipuStore", .product(name: "CSV", package: "CSV.swift"),
        ]),
        .testTarget(name: "QuipuTextTests", dependencies: ["QuipuCore", "QuipuText"]),
        .testTarget(name: "QuipuTUITests", dependencies: ["QuipuCore", "QuipuText", "QuipuReports", "QuipuTUI"]),
        .testTarget(name: "QuipuAppTests", dependencies: ["QuipuCore", "QuipuStore", "QuipuTUI", "QuipuApp"]),
        // Drives the real binary (built first by `make test`) through its command line and tmux.
        .testTarget(name: "EndToEndTests", dependencies: ["QuipuCore"]),
    ],
    swiftLanguageModes: [.v6]
)
