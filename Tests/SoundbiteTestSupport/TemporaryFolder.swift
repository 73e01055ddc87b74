import Foundation

/// A new, uniquely named folder under the system's temporary directory, for
/// tests and benchmarks that need real files. It is removed with everything
/// in it by ``remove()`` or, at the latest, when the value is released.
///
/// ```swift
/// let temp = try TemporaryFolder("update")
/// defer { temp.remove() }
/// try temp.write("a/one.vtt", "WEBVTT\n")
/// ```
package final class TemporaryFolder {
    /// The folder's absolute path (no trailing slash).
    package let path: String

    /// Creates the folder `soundbite-LABEL-UUID` in the temporary directory.
    package init(_ label: String = "test") throws {
        let base = FileManager.default.temporaryDirectory.path
        path = (base.hasSuffix("/") ? base : base + "/") + "soundbite-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { remove() }

    /// The folder as a file URL.
    package var url: URL { URL(fileURLWithPath: path, isDirectory: true) }

    /// The absolute path of `relative` inside the folder.
    package func path(_ relative: String) -> String { path + "/" + relative }

    /// Writes `text` as UTF-8 at `relative`, creating folders on the way.
    package func write(_ relative: String, _ text: String) throws {
        try write(relative, bytes: Array(text.utf8))
    }

    /// Writes raw bytes at `relative`, creating folders on the way.
    package func write(_ relative: String, bytes: [UInt8]) throws {
        let full = path(relative)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
    }

    /// Copies the file or folder at `source` to `relative` inside the folder.
    package func copy(_ source: String, to relative: String) throws {
        try FileManager.default.copyItem(atPath: source, toPath: path(relative))
    }

    /// The names directly inside `relative` (the folder itself by default), sorted.
    package func names(in relative: String = "") -> [String] {
        Self.names(in: relative.isEmpty ? path : path(relative))
    }

    /// The names directly inside the folder at `path`, sorted ([] if unreadable).
    package static func names(in path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    /// Runs `body` with this folder as the process's current directory, then
    /// restores the previous one. The current directory is process-wide:
    /// only for tests that run alone (XCTest runs a target's tests one by one).
    package func withCurrentDirectory<T>(_ body: () throws -> T) throws -> T {
        let previous = FileManager.default.currentDirectoryPath
        guard FileManager.default.changeCurrentDirectoryPath(path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        return try body()
    }

    /// Removes the folder and everything in it (again: nothing happens).
    package func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
