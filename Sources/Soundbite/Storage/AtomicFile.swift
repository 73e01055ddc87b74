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
/// The target is what `path` names after following symbolic links, so a
/// linked index is updated where it lies and the link stays. It must be a
/// regular file or absent: a device, FIFO, folder or socket is refused
/// before anything is written (renaming over it would replace it). A
/// rewrite keeps the old file's permission bits and, as far as the process
/// may, its owner and group. Errors name `path`, never the temporary file.
///
/// A crash mid-write can still leave a temporary file behind; no reader ever
/// opens one. The next successful write of the same target removes those
/// whose writing process no longer exists (see ``removeStaleTemporaries``).
enum AtomicFile {
    /// Bytes per write call (so a fault can strike mid-file).
    static let chunkSize = 1 << 20

    /// Symbolic links followed before giving up (Linux's own limit).
    static let maxLinks = 40

    /// Atomically replaces `path` (or the file its links lead to) with `bytes`.
    static func write(_ bytes: UnsafeRawBufferPointer, to path: String, layer: some FileLayer = PosixFileLayer(),
                      chunkSize: Int = chunkSize) throws(StorageError) {
        try write(to: path, layer: layer, chunkSize: chunkSize) { (out) throws(StorageError) in try out.write(bytes) }
    }

    /// The temporary file being written by ``write(to:layer:chunkSize:_:)``:
    /// bytes are gathered up to `chunkSize` and written in calls of at most that size.
    struct Output<Layer: FileLayer>: ByteSink {
        fileprivate let layer: Layer
        fileprivate let fd: Int32
        fileprivate let path: String
        fileprivate let chunkSize: Int
        fileprivate var buffer: [UInt8] = []

        mutating func write(_ bytes: UnsafeRawBufferPointer) throws(StorageError) {
            if buffer.count + bytes.count < chunkSize {
                buffer.append(contentsOf: bytes)
                return
            }
            var lo = 0
            if !buffer.isEmpty {
                lo = chunkSize - buffer.count
                buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<lo]))
                try flush()
            }
            // Whole chunks go straight from `bytes`; the rest waits in the buffer.
            while bytes.count - lo >= chunkSize {
                try put(UnsafeRawBufferPointer(rebasing: bytes[lo..<(lo + chunkSize)]))
                lo += chunkSize
            }
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[lo...]))
        }

        fileprivate mutating func flush() throws(StorageError) {
            guard !buffer.isEmpty else { return }
            try buffer.withStorageBytes { (b) throws(StorageError) in try put(b) }
            buffer.removeAll(keepingCapacity: true)
        }

        private func put(_ bytes: UnsafeRawBufferPointer) throws(StorageError) {
            var offset = 0
            while offset < bytes.count {
                let written = try layer.write(fd, UnsafeRawBufferPointer(rebasing: bytes[offset...]), path: path)
                guard written > 0 else { throw .io(path: path, operation: "write", errno: ENOSPC) }
                offset += written
            }
        }
    }

    /// Atomically replaces `path` (or the file its links lead to) with what
    /// `body` writes to the ``Output`` it is given, so a file can be written
    /// as it is produced. When `body` throws, nothing is replaced.
    static func write<Layer: FileLayer>(to path: String, layer: Layer, chunkSize: Int = chunkSize,
                                        _ body: (inout Output<Layer>) throws(StorageError) -> Void) throws(StorageError) {
        let (target, existing) = try resolve(path, layer: layer)
        let folder = Self.folder(of: target)
        let name = target.split(separator: "/").last.map(String.init) ?? target
        let prefix = folder == "." && !target.hasPrefix("./") ? "" : folder + "/"
        let temporary = prefix + temporaryPrefix(name) + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do throws(StorageError) {
            let fd = try layer.create(temporary)
            do throws(StorageError) {
                if let existing { layer.adopt(fd, existing) }
                let size = max(1, chunkSize)
                var out = Output(layer: layer, fd: fd, path: temporary, chunkSize: size)
                out.buffer.reserveCapacity(size)
                try body(&out)
                try out.flush()
                try layer.sync(fd, path: temporary)
                layer.close(fd)
            } catch {
                layer.close(fd)
                layer.remove(temporary)
                throw error
            }
            do throws(StorageError) {
                try layer.rename(temporary, target)
            } catch {
                layer.remove(temporary)
                throw error
            }
        } catch {
            throw error.at(path)
        }
        let dir = try layer.openDirectory(folder)
        defer { layer.close(dir) }
        try layer.sync(dir, path: folder)
        removeStaleTemporaries(of: name, in: folder, prefix: prefix, layer: layer)
    }

    /// The file `path` leads to after following symbolic links (relative
    /// links from the folder that holds them), and its status when it exists.
    /// - Throws: ``StorageError/notRegularFile(path:kind:)`` when it exists
    ///   and is not a regular file; an I/O error for a link loop.
    static func resolve(_ path: String, layer: some FileLayer) throws(StorageError) -> (path: String, status: FileStatus?) {
        var current = path
        for _ in 0...maxLinks {
            guard let status = try layer.linkStatus(current) else { return (current, nil) }
            if status.isRegularFile { return (current, status) }
            guard status.isSymbolicLink else {
                throw .notRegularFile(path: path, kind: current == path ? status.kind : "\(status.kind), \(current), through a symbolic link")
            }
            let link = try layer.readLink(current)
            current = link.hasPrefix("/") ? link : folder(of: current) + "/" + link
        }
        throw .io(path: path, operation: "follow the symbolic links", errno: ELOOP)
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
