// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Soundbite",
    products: [
        // The library embedders use.
        .library(name: "Soundbite", targets: ["Soundbite"]),
        // The command-line tool.
        .executable(name: "soundbite", targets: ["soundbite"]),
        // The release-built benchmark harness.
        .executable(name: "soundbite-bench", targets: ["SoundbiteBench"]),
    ],
    dependencies: [],
    targets: [
        // MARK: Library
        .target(name: "Soundbite", path: "Sources/Soundbite", exclude: ["Storage/FORMAT.md"]),

        // MARK: Command line
        .target(name: "SoundbiteCLI", dependencies: ["Soundbite"], path: "Sources/SoundbiteCLI"),
        .executableTarget(name: "soundbite", dependencies: ["SoundbiteCLI"], path: "Sources/soundbite"),

        // MARK: Benchmarks
        .executableTarget(name: "SoundbiteBench", dependencies: ["Soundbite"], path: "Benchmarks/SoundbiteBench"),

        // MARK: Tests
        // Internals, with @testable.
        .testTarget(name: "SoundbiteTests", dependencies: ["Soundbite"], path: "Tests/SoundbiteTests",
                    exclude: ["Fixtures"]),
        // The public API only, as an embedding tool sees it (no @testable).
        .testTarget(name: "SoundbiteAPITests", dependencies: ["Soundbite"], path: "Tests/SoundbiteAPITests"),
        // The CLI, run in-process with captured output.
        .testTarget(name: "SoundbiteCLITests", dependencies: ["SoundbiteCLI", "Soundbite"], path: "Tests/SoundbiteCLITests"),
    ],
    swiftLanguageModes: [.v6]
)
