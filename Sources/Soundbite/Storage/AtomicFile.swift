#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old content or the whole
/// new content, never a mix: write a temporary file in the same folder,
/// fsync it, rename it over the target, fsync the folder. Any failure
/// removes the temporary file and leaves the target untouched.
///
/// A crash mid-write can still leave a temporary file behind; no reader ever
/// opens one. The next successful write of the same target removes those
/// whose writing process no longer exists (see ``removeStaleTemporaries``).
enum AtomicFile {
    /// Bytes per write call (so a fault can strike mid-file).
    static let chunkSize = 1 << 20

    /// Atomically replaces `path` with `bytes`.
    static func write(_ bytes: UnsafeRawBufferPointer, to path: String, layer: some FileLayer = PosixFileLayer(),
                      chunkSize: Int = chunkSize) throws(StorageError) {
        let folder = Self.folder(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let prefix = folder == "." && !path.hasPrefix("./") ? "" : folder + "/"
        let temporary = prefix + temporaryPrefix(name) + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = try layer.create(temporary)
        do throws(StorageError) {
            var offset = 0
            while offset < bytes.count {
                let n = min(max(1, chunkSize), bytes.count - offset)
                let written = try layer.write(fd, UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]), path: temporary)
                guard written > 0 else { throw .io(path: temporary, operation: "write", errno: ENOSPC) }
                offset += written
            }
            try layer.sync(fd, path: temporary)
            layer.close(fd)
        } catch {
            layer.close(fd)
            layer.remove(temporary)
            throw error
        }
        do throws(StorageError) {
            try layer.rename(temporary, path)
        } catch {
            layer.remove(temporary)
            throw error
        }
        let dir = try layer.openDirectory(folder)
        defer { layer.close(dir) }
        try layer.sync(dir, path: folder)
        removeStaleTemporaries(of: name, in: folder, prefix: prefix, layer: layer)
    }

    /// The start of every temporary file name for target `name`; the writer's
    /// process id and a random number follow.
    static func temporaryPrefix(_ name: String) -> String { ".\(name).tmp-" }

    /// Removes the temporary files of target `name` left by processes that no
    /// longer exist (a crash mid-write). Files of live processes, this one
    /// included, may be writes in progress and are kept; so is anything whose
    /// name does not parse. Best effort: errors are ignored.
    static func removeStaleTemporaries(of name: String, in folder: String, prefix: String, layer: some FileLayer) {
        let start = temporaryPrefix(name)
        for entry in layer.list(folder) where entry.hasPrefix(start) {
            let rest = entry.dropFirst(start.count).split(separator: "-", omittingEmptySubsequences: false)
            guard rest.count == 2, let pid = Int32(rest[0]), pid > 0, UInt32(rest[1]) != nil,
                  pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            layer.remove(prefix + entry)
        }
    }

    /// The folder part of `path` ("." for a bare name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let f = String(path[..<slash])
        return f.isEmpty ? "/" : f
    }
}
