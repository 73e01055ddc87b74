#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one index image: a read-only memory map of a file, or an
/// aligned heap copy for indexes built in memory. Immutable, so shared
/// freely between threads; unmapped or freed when the last reference goes.
package final class ByteStorage: @unchecked Sendable {
    /// The whole image.
    let bytes: UnsafeRawBufferPointer
    private let mapped: Bool

    /// Copies `image` to 16-byte aligned memory.
    package init(copying image: [UInt8]) {
        let p = UnsafeMutableRawPointer.allocate(byteCount: max(1, image.count), alignment: 16)
        image.withUnsafeBytes { if let b = $0.baseAddress { p.copyMemory(from: b, byteCount: $0.count) } }
        bytes = UnsafeRawBufferPointer(start: p, count: image.count)
        mapped = false
    }

    /// Maps the file at `path` read-only. Nothing is read until touched.
    /// Only a regular file is opened (checked before opening, and again on
    /// the open descriptor), non-blocking, so a FIFO or device is refused at
    /// once instead of blocking or being read.
    init(mapping path: String) throws(StorageError) {
        var st = stat()
        guard stat(path, &st) == 0 else { throw .io(path: path, operation: "open", errno: errno) }
        guard st.st_mode & S_IFMT == S_IFREG else { throw .notRegularFile(path: path, kind: FileStatus(st).kind) }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw .io(path: path, operation: "open", errno: errno) }
        defer { close(fd) }
        guard fstat(fd, &st) == 0 else { throw .io(path: path, operation: "stat", errno: errno) }
        guard st.st_mode & S_IFMT == S_IFREG else { throw .notRegularFile(path: path, kind: FileStatus(st).kind) }
        let size = Int(st.st_size)
        guard size > 0 else { throw .truncated(path: path, detail: "the file is empty") }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw .io(path: path, operation: "mmap", errno: errno)
        }
        bytes = UnsafeRawBufferPointer(start: p, count: size)
        mapped = true
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        } else {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }
}
