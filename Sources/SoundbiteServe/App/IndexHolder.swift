#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Soundbite
import Synchronization

/// The index the server answers from. When it came from a file, each
/// ``current()`` compares the file's identity (device, inode, size, change
/// time) with the one loaded; when an `index` run has renamed a new file over
/// it, the new one is opened and verified on a background thread while
/// requests go on with the old one, then swapped in. A request holds the
/// ``SearchIndex`` it started with, so an old mapping stays valid until its
/// last request ends. A replacement that cannot be opened is reported once
/// and the old index stays.
package final class IndexHolder: Sendable {
    /// The file watched, or nil for an index built in memory.
    package let path: String?
    private let state: Locked<State>
    private let log: @Sendable (String) -> Void

    private struct State {
        var index: SearchIndex
        var identity: FileIdentity?
        var loading = false
        /// The identity of a replacement that failed to open (not retried).
        var failed: FileIdentity?
        var generation = 0
    }

    /// Serves `index`; watches `path` for replacement (nil: never).
    package init(_ index: SearchIndex, watching path: String?, log: @escaping @Sendable (String) -> Void) {
        self.path = path
        self.log = log
        state = Locked(State(index: index, identity: path.flatMap(FileIdentity.init)))
    }

    /// How many times the index was replaced.
    package var generation: Int { state.withLock { $0.generation } }

    /// The index to answer the next request from (starting a reload when the file changed).
    package func current() -> SearchIndex {
        guard let path else { return state.withLock { $0.index } }
        let seen = FileIdentity(path)
        let (index, reload) = state.withLock { s -> (SearchIndex, Bool) in
            guard let seen, seen != s.identity, seen != s.failed, !s.loading else { return (s.index, false) }
            s.loading = true
            return (s.index, true)
        }
        if reload, let seen {
            let t = Thread { [self] in load(path, seen) }
            t.stackSize = 4 << 20
            t.start()
        }
        return index
    }

    private func load(_ path: String, _ seen: FileIdentity) {
        do {
            let fresh = try SearchIndex(contentsOf: path)
            state.withLock { s in
                s.index = fresh
                s.identity = seen
                s.failed = nil
                s.loading = false
                s.generation += 1
            }
            log("note: \(path) was replaced; now serving the new index (\(fresh.statistics.interviews) interviews)")
        } catch {
            state.withLock { s in
                s.failed = seen
                s.loading = false
            }
            log("warning: \(path) was replaced but cannot be opened (\(error.description)); still serving the previous index")
        }
    }
}

/// What tells one version of a file from the next: a rename over it gives
/// another inode, a rewrite in place another size or change time.
struct FileIdentity: Sendable, Hashable {
    let device: UInt64, inode: UInt64, size: Int64, changeSeconds: Int, changeNanoseconds: Int

    init?(_ path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        changeSeconds = Int(st.st_ctim.tv_sec)
        changeNanoseconds = Int(st.st_ctim.tv_nsec)
    }
}
