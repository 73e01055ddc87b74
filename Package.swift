// swift-tools-version:6.0
import PackageDescription

// `SOUNDBITE_RELEASE_CLI=1 swift build -c release --product soundbite`: the
// library too gets type metadata by accessor calls (see SoundbiteCLI below);
// the library's first uses of generic types are ~12 % of a one-shot search's
// samples (docs/PERFORMANCE.md, "search() and the one-shot CLI"; the gain is not
// measured yet). Only when asked for: a library target with unsafe flags cannot
// be a versioned dependency of another package.
let releaseCLI = Context.environment["SOUNDBITE_RELEASE_CLI"] == "1"
let metadataAccessors: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"])]

/// The link of `soundbite` with Foundation's static archives (see the
/// `soundbite` target below), `extra` libraries inside the group.
func staticFoundation(_ extra: [String]) -> [String] {
    let group = ["-lFoundation", "-lFoundationEssentials", "-lFoundationInternationalization", "-lCoreFoundation",
                 "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections", "-lswiftCore"] + extra
    return ["-use-ld=bfd", "-Xlinker", "--no-warnings", "-Xlinker", "--start-group"]
        + group.flatMap { ["-Xlinker", $0] } + ["-Xlinker", "--end-group"]
}

let package = Package(
    name: "Soundbite",
    products: [
        // The library embedders use.
        .library(name: "Soundbite", targets: ["Soundbite"]),
        // The command-line tool.
        .executable(name: "soundbite", targets: ["soundbite"]),
    ],
    dependencies: [],
    targets: [
        // MARK: Library
        .target(name: "Soundbite", dependencies: ["CSoundbiteCRC"], path: "Sources/Soundbite",
                exclude: ["Storage/FORMAT.md"], swiftSettings: releaseCLI ? metadataAccessors : []),
        // CRC-32C with the CPU's instruction (SSE4.2 / ARMv8 CRC), which Swift
        // cannot emit; Storage/CRC32C.swift falls back to its tables without it.
        .target(name: "CSoundbiteCRC", path: "Sources/CSoundbiteCRC"),

        // MARK: Web server (`soundbite serve`): HTTP/1.1 on POSIX sockets, the JSON API, the page
        .target(name: "SoundbiteServe", dependencies: ["Soundbite"], path: "Sources/SoundbiteServe"),

        // MARK: Command line
        // Type metadata by accessor calls, not by mangled names demangled at
        // run time: the first use of each generic type in a one-shot command
        // otherwise demangles its name and, for a type with requirements
        // (a dictionary's `Hashable` key), scans every protocol conformance of
        // the static binary (docs/PERFORMANCE.md, "search() and the one-shot
        // CLI"). The library only with SOUNDBITE_RELEASE_CLI (above).
        .target(name: "SoundbiteCLI", dependencies: ["Soundbite", "SoundbiteServe"], path: "Sources/SoundbiteCLI",
                swiftSettings: metadataAccessors),
        // Release: a static executable, the Swift runtime, Foundation and the C
        // and C++ libraries linked in, no dynamic loader. A one-shot `soundbite
        // search` otherwise spends a millisecond and a half of its start in the
        // loader: relocating a position-independent binary (76,000 relative
        // relocations, each written page copied) and binding libstdc++, libm,
        // libgcc_s and libc (docs/PERFORMANCE.md, "One-shot search" and "… a
        // static executable"). Debug (`swift build`, `swift test`, `.ci/tsan`):
        // the Swift runtime and Foundation only, a dynamic executable, because
        // the sanitizers (`--sanitize=thread`, `address`) link their runtimes
        // into dynamic executables only; a sanitized *release* build of the
        // tool is therefore not supported. The objects were compiled against
        // the shared modules, whose autolink entries leave out Foundation's
        // static dependencies (ICU, CoreFoundation, and the C++ library ICU's
        // static constructors call): they are named here, in a group (static
        // archives refer to each other). GNU ld, quiet: glibc's link-time notes
        // (on `mktemp`, and that the user and host lookups inside Foundation
        // load the system's NSS modules when called, which this tool never
        // does) are not ours.
        .executableTarget(name: "soundbite", dependencies: ["SoundbiteCLI"], path: "Sources/soundbite",
                          linkerSettings: [.unsafeFlags(["-static-executable"] + staticFoundation(["-lstdc++", "-lm"]),
                                                        .when(configuration: .release)),
                                           .unsafeFlags(["-static-stdlib"] + staticFoundation([]),
                                                        .when(configuration: .debug))]),

        // MARK: Benchmarks (release-built; `swift run -c release soundbite-bench`, not a product)
        .executableTarget(name: "soundbite-bench", dependencies: ["Soundbite", "SoundbiteTestSupport"],
                          path: "Benchmarks/SoundbiteBench"),

        // MARK: Test support (not a product)
        // Shared by the tests, the fuzz targets (Benchmarks/fuzz.sh) and the
        // benchmarks: fuzz entry points, the seeded generator, temporary folders.
        .target(name: "SoundbiteTestSupport", dependencies: ["Soundbite", "SoundbiteServe"], path: "Tests/SoundbiteTestSupport"),

        // MARK: Tests
        // Internals, with @testable.
        .testTarget(name: "SoundbiteTests", dependencies: ["Soundbite", "SoundbiteTestSupport"],
                    path: "Tests/SoundbiteTests", exclude: ["Fixtures"]),
        // The public API only, as an embedding tool sees it (no @testable).
        .testTarget(name: "SoundbiteAPITests", dependencies: ["Soundbite", "SoundbiteTestSupport"],
                    path: "Tests/SoundbiteAPITests"),
        // The web server over loopback sockets, with @testable.
        .testTarget(name: "SoundbiteServeTests", dependencies: ["SoundbiteServe", "Soundbite", "SoundbiteCLI", "SoundbiteTestSupport"],
                    path: "Tests/SoundbiteServeTests", exclude: ["Fixtures"]),
        // The CLI, run in-process with captured output.
        .testTarget(name: "SoundbiteCLITests", dependencies: ["SoundbiteCLI", "Soundbite", "SoundbiteTestSupport"],
                    path: "Tests/SoundbiteCLITests"),
    ],
    swiftLanguageModes: [.v6]
)
