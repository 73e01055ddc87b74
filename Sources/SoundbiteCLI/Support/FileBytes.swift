import Foundation

/// Whole-file reads for small inputs (query files). A pipe or FIFO is read
/// as it streams (`--queries <(cmd)`), but never past `limit` bytes, so an
/// endless source such as `/dev/zero` is an error, not a hang.
enum FileBytes {
    /// The most a query file may hold.
    static let limit = 16 << 20

    /// Why a file could not be read.
    enum Failure: Error {
        case unreadable(String)
        case tooLarge
    }

    /// The bytes of `path`, at most `limit` of them.
    static func read(_ path: String, limit: Int = limit) -> Result<[UInt8], Failure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            #if canImport(Glibc)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            #else
            let n = chunk.withUnsafeMutableBytes { Darwin.read(fd, $0.baseAddress, $0.count) }
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(String(cString: strerror(errno))))
            }
            if n == 0 { return .success(bytes) }
            guard bytes.count + n <= limit else { return .failure(.tooLarge) }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }
}
