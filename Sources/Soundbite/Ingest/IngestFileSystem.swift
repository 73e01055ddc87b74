#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The few file-system calls ingest needs, with errors as values.
enum IngestFileSystem {
    /// What `stat` (following symbolic links) says about a path.
    struct Info: Sendable, Hashable {
        /// A folder.
        var isDirectory: Bool
        /// A regular file.
        var isRegularFile: Bool
        /// Size in bytes.
        var size: UInt64
        /// Modification time in nanoseconds since 1970.
        var mtimeNanos: Int64
        /// Device and inode, to avoid walking a folder twice through links.
        var identity: [UInt64]
    }

    /// Stats `path`, following links; the failure reason otherwise.
    static func info(_ path: String) -> Result<Info, IngestFileError> {
        var st = stat()
        guard stat(path, &st) == 0 else { return .failure(IngestFileError(errno: errno)) }
        let type = st.st_mode & S_IFMT
        #if canImport(Darwin)
        let spec = st.st_mtimespec
        #else
        let spec = st.st_mtim
        #endif
        let (sec, secOverflow) = Int64(spec.tv_sec).multipliedReportingOverflow(by: 1_000_000_000)
        let nanos = secOverflow ? Int64.max : sec.addingReportingOverflow(Int64(spec.tv_nsec)).partialValue
        return .success(Info(isDirectory: type == S_IFDIR, isRegularFile: type == S_IFREG,
                             size: UInt64(max(0, Int64(st.st_size))), mtimeNanos: nanos,
                             identity: [UInt64(st.st_dev), UInt64(st.st_ino)]))
    }

    /// The names in a folder (unsorted).
    static func list(_ path: String) -> Result<[String], IngestFileError> {
        do {
            return .success(try FileManager.default.contentsOfDirectory(atPath: path))
        } catch {
            return .failure(IngestFileError(reason: Self.reason(error)))
        }
    }

    /// Reads the first `count` bytes of a file (fewer when it is shorter).
    static func readPrefix(_ path: String, count: Int) -> Result<[UInt8], IngestFileError> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(IngestFileError(errno: errno)) }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: max(0, count))
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(IngestFileError(errno: errno))
            }
            if n == 0 { break }
            filled += n
        }
        bytes.removeSubrange(filled...)
        return .success(bytes)
    }

    /// Reads a whole file, refusing one larger than `limit` bytes.
    static func read(_ path: String, limit: Int) -> Result<[UInt8], IngestFileError> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(IngestFileError(errno: errno)) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(IngestFileError(errno: errno))
            }
            if n == 0 { break }
            if bytes.count + n > limit {
                return .failure(IngestFileError(reason: "larger than the limit of \(limit) bytes", tooLarge: true))
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return .success(bytes)
    }

    private static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }
}

/// Why a file or folder could not be read.
struct IngestFileError: Error, Sendable, Hashable {
    /// A short human reason ("Permission denied").
    var reason: String
    /// The file exceeded the size limit.
    var tooLarge = false

    /// An error from a C `errno`.
    init(errno code: Int32) {
        reason = String(cString: strerror(code))
    }

    /// An error with a given reason.
    init(reason: String, tooLarge: Bool = false) {
        self.reason = reason
        self.tooLarge = tooLarge
    }
}

@inline(__always)
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(fd, buffer, count)
    #elseif canImport(Musl)
    return Musl.read(fd, buffer, count)
    #else
    return Darwin.read(fd, buffer, count)
    #endif
}
