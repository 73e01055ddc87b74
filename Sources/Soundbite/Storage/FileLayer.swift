#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system calls an atomic index write makes. The real layer
/// calls POSIX; tests substitute a layer that fails the Nth call or runs
/// out of space, to prove a failed write leaves the old index intact.
protocol FileLayer {
    /// Creates a new file for writing (fails if it exists); returns a descriptor.
    func create(_ path: String) throws(StorageError) -> Int32
    /// Writes some of `bytes`; returns how many were written.
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(StorageError) -> Int
    /// Flushes a file (or folder) to stable storage.
    func sync(_ fd: Int32, path: String) throws(StorageError)
    /// Closes a descriptor.
    func close(_ fd: Int32)
    /// Renames `from` over `to` atomically.
    func rename(_ from: String, _ to: String) throws(StorageError)
    /// Opens a folder so it can be synced.
    func openDirectory(_ path: String) throws(StorageError) -> Int32
    /// Removes a file, ignoring errors.
    func remove(_ path: String)
    /// The names in a folder (empty when it cannot be read).
    func list(_ folder: String) -> [String]
    /// What `lstat` says about `path` (a link itself, not its target); nil when nothing is there.
    func linkStatus(_ path: String) throws(StorageError) -> FileStatus?
    /// The target a symbolic link names, as written in the link.
    func readLink(_ path: String) throws(StorageError) -> String
    /// Gives the file open at `fd` the owner, group and permission bits of
    /// `status`, as far as this process may (best effort: errors are ignored).
    func adopt(_ fd: Int32, _ status: FileStatus)
}

extension FileLayer {
    /// Lists with `readdir`; a test layer that only injects write faults keeps this.
    func list(_ folder: String) -> [String] {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    func linkStatus(_ path: String) throws(StorageError) -> FileStatus? {
        var st = stat()
        guard lstat(path, &st) == 0 else {
            if errno == ENOENT { return nil }
            throw .io(path: path, operation: "stat", errno: errno)
        }
        return FileStatus(st)
    }

    func readLink(_ path: String) throws(StorageError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { throw .io(path: path, operation: "read the link", errno: errno) }
        let bytes = buffer[0..<n].map { UInt8(bitPattern: $0) }
        guard let target = String(validating: bytes, as: UTF8.self) else {
            throw .io(path: path, operation: "read the link", errno: EILSEQ)
        }
        return target
    }

    func adopt(_ fd: Int32, _ status: FileStatus) {
        // The owner first: changing it may clear set-id bits that fchmod then restores.
        if fchown(fd, status.owner, status.group) != 0 { _ = fchown(fd, uid_t.max, status.group) }
        _ = fchmod(fd, status.permissions)
    }
}

/// The POSIX file layer.
struct PosixFileLayer: FileLayer {
    func create(_ path: String) throws(StorageError) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: path, operation: "create", errno: errno) }
        return fd
    }

    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(StorageError) -> Int {
        while true {
            #if canImport(Glibc)
            let n = Glibc.write(fd, bytes.baseAddress, bytes.count)
            #else
            let n = Darwin.write(fd, bytes.baseAddress, bytes.count)
            #endif
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw .io(path: path, operation: "write", errno: errno)
        }
    }

    func sync(_ fd: Int32, path: String) throws(StorageError) {
        guard fsync(fd) == 0 else { throw .io(path: path, operation: "fsync", errno: errno) }
    }

    func close(_ fd: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(fd)
        #else
        _ = Darwin.close(fd)
        #endif
    }

    func rename(_ from: String, _ to: String) throws(StorageError) {
        #if canImport(Glibc)
        let r = Glibc.rename(from, to)
        #else
        let r = Darwin.rename(from, to)
        #endif
        guard r == 0 else { throw .io(path: to, operation: "rename", errno: errno) }
    }

    func openDirectory(_ path: String) throws(StorageError) -> Int32 {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, operation: "open folder", errno: errno) }
        return fd
    }

    func remove(_ path: String) { unlink(path) }
}
