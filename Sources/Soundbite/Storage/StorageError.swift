/// Why an index file was refused or could not be written. Every case names
/// the file and says what is wrong, so the CLI can print it as is.
public enum StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file is shorter than its footer says, or has no footer.
    case truncated(path: String, detail: String)
    /// The file does not start with the Soundbite magic number.
    case badMagic(path: String)
    /// The file was written in another format version than this Soundbite
    /// reads: by a newer one (`found > supported`), or by an older one whose
    /// layout it no longer reads (`soundbite index` rebuilds it).
    case unsupportedVersion(path: String, found: UInt32, supported: UInt32)
    /// A checksum does not match: the named part of the file was altered.
    case checksumMismatch(path: String, section: String)
    /// The structure is inconsistent in a way checksums did not catch.
    case corrupt(path: String, detail: String)
    /// The operating system refused an operation.
    case io(path: String, operation: String, errno: Int32)
    /// The path names a FIFO, device, folder or socket: an index is read
    /// from and written to regular files only (never opened, never replaced).
    case notRegularFile(path: String, kind: String)

    /// A message for users.
    public var description: String {
        switch self {
        case .truncated(let path, let detail):
            return "\(path): the index file is truncated (\(detail)); rebuild it with `soundbite index`"
        case .badMagic(let path):
            return "\(path): not a Soundbite index (wrong magic number)"
        case .unsupportedVersion(let path, let found, let supported) where found < supported:
            return "\(path): written by an older soundbite (format \(found)); run `soundbite index` to rebuild it"
        case .unsupportedVersion(let path, let found, let supported):
            return "\(path): index format version \(found) is newer than this soundbite supports (\(supported)); upgrade soundbite or rebuild the index"
        case .checksumMismatch(let path, let section):
            return "\(path): checksum mismatch in the \(section) section: the file is corrupt; rebuild it with `soundbite index`"
        case .corrupt(let path, let detail):
            return "\(path): the index file is corrupt (\(detail)); rebuild it with `soundbite index`"
        case .io(let path, let operation, let errno):
            return "\(path): \(operation) failed: \(String(cString: strerror(errno)))"
        case .notRegularFile(let path, let kind):
            return "\(path): not a regular file but \(kind); an index must be a regular file (nothing was read or written; give another path)"
        }
    }

    /// The same error about another file (readers below the file layer do
    /// not know its name; a failed write names the index, not its temporary file).
    func at(_ path: String) -> StorageError {
        switch self {
        case .corrupt(_, let detail): return .corrupt(path: path, detail: detail)
        case .truncated(_, let detail): return .truncated(path: path, detail: detail)
        case .io(_, let operation, let errno): return .io(path: path, operation: operation, errno: errno)
        default: return self
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
