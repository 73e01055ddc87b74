import Foundation

/// Runs `work(0)`, `work(1)`, … on `threads` threads and hands each result to
/// `consume` on the calling thread, strictly in index order, so whatever the
/// thread count the consumer sees the same sequence (the parallel index
/// build rests on this). At most `window` results wait to be consumed, which
/// bounds the memory held by results computed ahead.
///
/// With one thread (or one item) everything runs on the calling thread, in
/// order, with no thread started.
enum OrderedParallelMap {
    /// Runs the map; returns when every result has been consumed.
    static func run<R: Sendable>(count: Int, threads: Int, window: Int, work: @escaping @Sendable (Int) -> R,
                                 consume: (Int, R) -> Void) {
        let threads = max(1, min(threads, count))
        if threads == 1 {
            for i in 0..<count { consume(i, work(i)) }
            return
        }
        let state = State<R>(count: count, window: max(window, threads))
        var workers: [Thread] = []
        for _ in 0..<threads {
            let thread = Thread { state.workLoop(work) }
            thread.stackSize = 8 << 20
            workers.append(thread)
            thread.start()
        }
        for i in 0..<count { consume(i, state.take(i)) }
        state.waitForWorkers(threads)
    }

    /// The shared state: the next index to claim, the results not yet
    /// consumed, and the consumer's position; all under one condition lock.
    private final class State<R: Sendable>: @unchecked Sendable {
        let condition = NSCondition()
        let count: Int
        let window: Int
        var next = 0
        var consumed = 0
        var finished = 0
        var results: [Int: R] = [:]

        init(count: Int, window: Int) {
            self.count = count
            self.window = window
        }

        func workLoop(_ work: (Int) -> R) {
            while true {
                condition.lock()
                while next < count && next >= consumed + window { condition.wait() }
                guard next < count else {
                    finished += 1
                    condition.broadcast()
                    condition.unlock()
                    return
                }
                let i = next
                next += 1
                condition.unlock()
                let result = work(i)
                condition.lock()
                results[i] = result
                condition.broadcast()
                condition.unlock()
            }
        }

        func take(_ i: Int) -> R {
            condition.lock()
            defer { condition.unlock() }
            while results[i] == nil { condition.wait() }
            let result = results.removeValue(forKey: i)!
            consumed = i + 1
            condition.broadcast()
            return result
        }

        func waitForWorkers(_ threads: Int) {
            condition.lock()
            while finished < threads { condition.wait() }
            condition.unlock()
        }
    }
}
