#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `lstat` or `fstat` says about an index path: its type, and the
/// permission bits and owner a rewrite hands on to the new file.
struct FileStatus: Sendable, Hashable {
    /// The `S_IFMT` bits of `st_mode`.
    var type: mode_t
    /// The permission bits (`st_mode & 0o7777`).
    var permissions: mode_t
    /// Owner and group.
    var owner: uid_t
    var group: gid_t

    init(_ st: stat) {
        type = st.st_mode & S_IFMT
        permissions = st.st_mode & 0o7777
        owner = st.st_uid
        group = st.st_gid
    }

    init(type: mode_t, permissions: mode_t = 0o644, owner: uid_t = 0, group: gid_t = 0) {
        self.type = type
        self.permissions = permissions
        self.owner = owner
        self.group = group
    }

    var isRegularFile: Bool { type == S_IFREG }
    var isSymbolicLink: Bool { type == S_IFLNK }

    /// The type in words, for "not a regular file (…)" messages.
    var kind: String {
        switch type {
        case S_IFREG: return "a regular file"
        case S_IFDIR: return "a folder"
        case S_IFLNK: return "a symbolic link"
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "of unknown type"
        }
    }
}
