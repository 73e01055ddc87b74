#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old content or the whole
/// new content, never a mix: write a temporary file in the same folder,
/// fsync it, rename it over the target, fsync the folder. Any failure
/// removes the temporary file and leaves the target untouched.
enum AtomicFile {
    /// Bytes per write call (so a fault can strike mid-file).
    static let chunkSize = 1 << 20

    /// Atomically replaces `path` with `bytes`.
    static func write(_ bytes: UnsafeRawBufferPointer, to path: String, layer: some FileLayer = PosixFileLayer(),
                      chunkSize: Int = chunkSize) throws(StorageError) {
        let folder = Self.folder(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temporary = (folder == "." && !path.hasPrefix("./") ? "" : folder + "/")
            + ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
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
    }

    /// The folder part of `path` ("." for a bare name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let f = String(path[..<slash])
        return f.isEmpty ? "/" : f
    }
}
