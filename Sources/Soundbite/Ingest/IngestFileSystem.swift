#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
        /// Status-change time (ctime) in nanoseconds since 1970: every write,
        /// rename or `touch` sets it to now, and no one can set it back.
        var ctimeNanos: Int64
        /// Device and inode, to avoid walking a folder twice through links.
        var identity: [UInt64]

        /// A hash of modification and status-change times, device and inode:
        /// equal stamps (and sizes) mean the file was not written in between.
        var stamp: UInt64 {
            var h = ContentHash()
            h.combine(UInt64(bitPattern: mtimeNanos))
            h.combine(UInt64(bitPattern: ctimeNanos))
            for part in identity { h.combine(part) }
            return h.value
        }
    }

    /// Stats `path`, following links; the failure reason otherwise.
    static func info(_ path: RawPath) -> Result<Info, IngestFileError> {
        var st = stat()
        guard path.withCString({ stat($0, &st) }) == 0 else { return .failure(IngestFileError(errno: errno)) }
        return .success(Info(st))
    }

    /// Stats `path` (a UTF-8 path), following links.
    static func info(_ path: String) -> Result<Info, IngestFileError> { info(RawPath(path)) }

    /// The names in a folder, as bytes (unsorted; without `.` and `..`).
    static func list(_ path: RawPath) -> Result<[[UInt8]], IngestFileError> {
        guard let dir = path.withCString({ opendir($0) }) else { return .failure(IngestFileError(errno: errno)) }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 { return .failure(IngestFileError(errno: errno)) }
                return .success(names)
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix(while: { $0 != 0 })) }
            if name != [0x2E] && name != [0x2E, 0x2E] { names.append(name) }
        }
    }

    /// Reads a whole regular file, refusing one larger than `limit` bytes.
    /// Opened non-blocking and checked with `fstat`, so a FIFO or device put
    /// in place after the listing is refused instead of waited on.
    static func read(_ path: RawPath, limit: Int) -> Result<[UInt8], IngestFileError> {
        read(path, limit: limit, prefix: false)
    }

    /// Reads the first `count` bytes of a regular file (all of a shorter
    /// one), opened as ``read(_:limit:)-(RawPath,_)`` opens it.
    static func readPrefix(_ path: RawPath, count: Int) -> Result<[UInt8], IngestFileError> {
        read(path, limit: max(0, count), prefix: true)
    }

    /// Reads a file: all of it (refusing more than `limit` bytes), or with
    /// `prefix` its first `limit` bytes.
    private static func read(_ path: RawPath, limit: Int, prefix: Bool) -> Result<[UInt8], IngestFileError> {
        let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY) }
        guard fd >= 0 else { return .failure(IngestFileError(errno: errno)) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(IngestFileError(errno: errno)) }
        guard Info(st).isRegularFile else { return .failure(IngestFileError(reason: "not a regular file")) }
        var bytes: [UInt8] = []
        // One read takes a file of the size fstat gave (one byte more sees its
        // end); the buffer is not zeroed first (read overwrites what it returns).
        let size = prefix ? limit : max(4096, min(1 << 20, max(0, Int(clamping: st.st_size))) + 1)
        var chunk = [UInt8](unsafeUninitializedCapacity: size) { _, count in count = size }
        while !prefix || bytes.count < limit {
            let room = prefix ? limit - bytes.count : chunk.count
            let n = chunk.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, room) }
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

    /// Reads a whole file at a UTF-8 path (as the byte-path overload does).
    static func read(_ path: String, limit: Int) -> Result<[UInt8], IngestFileError> { read(RawPath(path), limit: limit) }
}

extension IngestFileSystem.Info {
    /// The information of a `stat` result.
    init(_ st: stat) {
        let type = st.st_mode & S_IFMT
        #if canImport(Darwin)
        let (mtime, ctime) = (st.st_mtimespec, st.st_ctimespec)
        #else
        let (mtime, ctime) = (st.st_mtim, st.st_ctim)
        #endif
        self.init(isDirectory: type == S_IFDIR, isRegularFile: type == S_IFREG,
                  size: UInt64(max(0, Int64(st.st_size))), mtimeNanos: Self.nanos(mtime), ctimeNanos: Self.nanos(ctime),
                  identity: [UInt64(st.st_dev), UInt64(st.st_ino)])
    }

    /// A `timespec` in nanoseconds since 1970 (saturating).
    private static func nanos(_ spec: timespec) -> Int64 {
        let (sec, overflow) = Int64(spec.tv_sec).multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? Int64.max : sec.addingReportingOverflow(Int64(spec.tv_nsec)).partialValue
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
