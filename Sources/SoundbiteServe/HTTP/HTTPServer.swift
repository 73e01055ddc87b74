#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import Soundbite
import Synchronization

/// How a server listens and how much it takes on.
package struct HTTPServerConfiguration: Sendable, Hashable {
    /// The address to bind (`127.0.0.1` unless told otherwise).
    package var host: String
    /// The port (0: any free port; ``HTTPServer/port`` says which).
    package var port: Int
    /// Threads that parse requests and run the handler.
    package var workers: Int
    /// Open connections at most; a client beyond them gets 503 and is closed.
    package var maxConnections: Int
    /// Requests one connection may send before the server closes it.
    package var maxRequestsPerConnection: Int
    /// Sizes and times a client must keep to.
    package var limits: HTTPLimits

    package init(host: String = "127.0.0.1", port: Int = 8080, workers: Int = 4, maxConnections: Int = 256,
                 maxRequestsPerConnection: Int = 10_000, limits: HTTPLimits = .standard) {
        self.host = host
        self.port = port
        self.workers = workers
        self.maxConnections = maxConnections
        self.maxRequestsPerConnection = maxRequestsPerConnection
        self.limits = limits
    }
}

extension HTTPServerConfiguration {
    /// Whether `host` is an address the server can bind: an IPv4 or IPv6 literal, or `localhost`.
    package static func isBindable(_ host: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return host == "localhost" || inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }
}

/// Answers one request (called on a worker thread, concurrently).
package typealias HTTPHandler = @Sendable (HTTPRequest) -> HTTPResponse

/// An HTTP/1.1 server on POSIX sockets: keep-alive, pipelining, a bounded
/// number of connections and worker threads, deadlines on every read and
/// write, graceful shutdown, and one access-log line per request.
///
/// One poller thread owns the listening socket and the idle keep-alive
/// connections; when one becomes readable it is queued for a worker, which
/// reads a whole request (by ``HTTPLimits/requestSeconds`` after its first
/// byte), answers it, and hands the connection back. ``shutdown()`` stops
/// accepting, closes idle connections, lets requests in progress finish
/// (their responses say `Connection: close`) and ends the threads;
/// ``wait()`` returns when all of it is done.
package final class HTTPServer: Sendable {
    /// The configuration (with the port asked for, which may be 0).
    package let configuration: HTTPServerConfiguration
    /// The port the server listens on.
    package let port: Int
    private let handler: HTTPHandler
    private let log: @Sendable (String) -> Void
    private let parser: HTTPRequestParser
    private let listener: Int32
    private let wake: (read: Int32, write: Int32)
    private let stopping = Atomic<Bool>(false)
    private let openConnections = Atomic<Int>(0)
    private let work = WorkQueue()
    private let returned = Locked<[Connection]>([])
    private let threads = DispatchGroup()
    private let started = Atomic<Bool>(false)

    /// Binds and listens (so the port is known and taken); ``start()`` serves.
    /// - Parameter log: receives each access-log line (without newline) and server notes.
    package init(configuration: HTTPServerConfiguration, log: @escaping @Sendable (String) -> Void,
                 handler: @escaping HTTPHandler) throws(HTTPServerError) {
        guard configuration.workers >= 1, configuration.maxConnections >= 1 else {
            throw HTTPServerError("workers and connections must be at least 1")
        }
        self.configuration = configuration
        self.handler = handler
        self.log = log
        self.parser = HTTPRequestParser(limits: configuration.limits)
        (listener, port) = try Socket.listen(host: configuration.host, port: configuration.port)
        do { wake = try Socket.pipe() } catch { Glibc.close(listener); throw error }
    }

    /// Open connections now (idle or being served).
    package var connectionCount: Int { openConnections.load(ordering: .relaxed) }

    /// Starts the poller and the workers (once).
    package func start() {
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
        for i in 0..<configuration.workers {
            spawn("soundbite-http-\(i)") { [self] in
                var scratch = [UInt8](repeating: 0, count: 65536)
                while let c = work.pop() { serve(c, scratch: &scratch) }
            }
        }
        spawn("soundbite-http-poll") { [self] in poll() }
    }

    /// Stops accepting and ends the server once requests in progress are answered.
    package func shutdown() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        poke()
    }

    /// Whether ``shutdown()`` was called.
    package var isStopping: Bool { stopping.load(ordering: .acquiring) }

    /// Blocks until the server has shut down (at once if it never started).
    package func wait() {
        guard started.load(ordering: .acquiring) else { return }
        threads.wait()
        for c in returned.withLock({ r in defer { r = [] }; return r }) { close(c) }
        while let c = work.popNow() { close(c) }
    }

    deinit {
        Glibc.close(listener)
        Glibc.close(wake.read)
        Glibc.close(wake.write)
    }

    // MARK: - Threads

    private func spawn(_ name: String, _ body: @escaping @Sendable () -> Void) {
        threads.enter()
        let group = threads
        let t = Thread {
            body()
            group.leave()
        }
        t.name = name
        t.stackSize = 4 << 20
        t.start()
    }

    private func poke() {
        var b: UInt8 = 1
        _ = Glibc.write(wake.write, &b, 1)
    }

    // MARK: - Poller

    /// Accepts connections and watches idle ones, until shutdown.
    private func poll() {
        var idle: [(connection: Connection, deadline: Double)] = []
        var fds: [pollfd] = []
        var drain = [UInt8](repeating: 0, count: 64)
        while true {
            let now = Clock.now
            for c in returned.withLock({ r in defer { r = [] }; return r }) {
                idle.append((c, now + configuration.limits.idleSeconds))
            }
            if stopping.load(ordering: .acquiring) {
                Glibc.shutdown(listener, Int32(SHUT_RDWR))
                // A connection whose request has begun to arrive is in progress: a
                // worker answers it (with `Connection: close`); the silent ones close.
                fds = idle.map { pollfd(fd: $0.connection.fd, events: Int16(POLLIN), revents: 0) }
                if !fds.isEmpty { _ = Glibc.poll(&fds, nfds_t(fds.count), 0) }
                for (i, (c, _)) in idle.enumerated() {
                    if fds[i].revents & Int16(POLLIN) != 0 { work.push(c) } else { close(c) }
                }
                for _ in 0..<configuration.workers { work.push(nil) }
                return
            }
            // Expired idle connections go.
            idle.removeAll { entry in
                guard entry.deadline <= now else { return false }
                close(entry.connection)
                return true
            }
            fds.removeAll(keepingCapacity: true)
            fds.append(pollfd(fd: listener, events: Int16(POLLIN), revents: 0))
            fds.append(pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0))
            for (c, _) in idle { fds.append(pollfd(fd: c.fd, events: Int16(POLLIN), revents: 0)) }
            let next = idle.map(\.deadline).min() ?? now + 1
            let ms = Int32(max(1, min(1000, (next - now) * 1000 + 1)))
            let n = Glibc.poll(&fds, nfds_t(fds.count), ms)
            guard n > 0 else { continue }
            if fds[1].revents != 0 { while Glibc.read(wake.read, &drain, drain.count) > 0 {} }
            // Ready idle connections go to the workers (from the back, so indices hold).
            for i in stride(from: idle.count - 1, through: 0, by: -1) where fds[i + 2].revents != 0 {
                work.push(idle.remove(at: i).connection)
            }
            if fds[0].revents != 0 { acceptAll(&idle) }
        }
    }

    private func acceptAll(_ idle: inout [(connection: Connection, deadline: Double)]) {
        while let (fd, peer) = Socket.accept(listener) {
            if openConnections.load(ordering: .relaxed) >= configuration.maxConnections {
                let busy = HTTPResponse.error(503, "too many connections; try again shortly")
                _ = Socket.writeAll(fd, busy.serialized(keepAlive: false), seconds: 0.05)
                log("\(peer) - 503 refused: \(configuration.maxConnections) connections open")
                Glibc.close(fd)
                continue
            }
            openConnections.add(1, ordering: .relaxed)
            idle.append((Connection(fd: fd, peer: peer), Clock.now + configuration.limits.requestSeconds))
        }
    }

    // MARK: - Workers

    /// Answers requests on `c` while they arrive without pause; then hands
    /// it back to the poller (keep-alive) or closes it.
    private func serve(_ c: Connection, scratch: inout [UInt8]) {
        var c = c
        let limits = configuration.limits
        var deadline = Clock.now + limits.requestSeconds
        while true {
            switch parser.parse(c.buffer) {
            case .request(var request, let consumed):
                c.buffer.removeFirst(consumed)
                c.served += 1
                request.peer = c.peer
                let start = Clock.now
                let response = handler(request)
                let keep = request.keepAlive && !isStopping && c.served < configuration.maxRequestsPerConnection
                // Logged before it is sent, so a client that has its answer finds its line written.
                log(accessLine(request, response, seconds: Clock.now - start))
                let sent = Socket.writeAll(c.fd, response.serialized(keepAlive: keep, head: request.method == "HEAD"),
                                           seconds: limits.writeSeconds)
                guard sent, keep else { return close(c) }
                if c.buffer.isEmpty { return handBack(c) }
                deadline = Clock.now + limits.requestSeconds
            case .failure(let e):
                refuse(c, e)
                return
            case .incomplete:
                let left = deadline - Clock.now
                if left <= 0 {
                    if c.buffer.isEmpty { return close(c) }
                    refuse(c, HTTPParseError(408, "the request took longer than \(limits.requestSeconds) s to arrive"))
                    return
                }
                // Stopping: a connection with nothing sent and nothing waiting is idle.
                if isStopping && c.buffer.isEmpty && !Socket.wait(c.fd, Int16(POLLIN), seconds: 0) { return close(c) }
                guard Socket.wait(c.fd, Int16(POLLIN), seconds: min(left, 0.1)) else { continue }
                let n = Socket.read(c.fd, scratch: &scratch, into: &c.buffer)
                if n == 0 || n == -2 { return close(c) }
            }
        }
    }

    /// Answers a request that cannot be served, then closes the connection
    /// (after taking what the client still sends, briefly, so it reads the answer).
    private func refuse(_ c: Connection, _ e: HTTPParseError) {
        let response = HTTPResponse.error(e.status, e.message)
        log("\(c.peer) - \(e.status) " + ControlEscaping.escaped(e.message))
        _ = Socket.writeAll(c.fd, response.serialized(keepAlive: false), seconds: configuration.limits.writeSeconds)
        Glibc.shutdown(c.fd, Int32(SHUT_WR))
        var sink = [UInt8]()
        var scratch = [UInt8](repeating: 0, count: 16384)
        let until = Clock.now + 0.5
        var taken = 0
        while taken < 1 << 20, Clock.now < until, Socket.wait(c.fd, Int16(POLLIN), seconds: until - Clock.now) {
            let n = Socket.read(c.fd, scratch: &scratch, into: &sink)
            if n <= 0 && n != -1 { break }
            taken += max(n, 0)
            sink.removeAll(keepingCapacity: true)
        }
        close(c)
    }

    private func handBack(_ c: Connection) {
        if isStopping { return close(c) }
        returned.withLock { $0.append(c) }
        poke()
        // A shutdown between the check and the append: the poller may be gone; wait() closes it.
    }

    private func close(_ c: Connection) {
        Glibc.close(c.fd)
        openConnections.subtract(1, ordering: .relaxed)
    }

    /// `PEER "METHOD TARGET HTTP/1.x" STATUS BYTES MILLISECONDS` (the time the handler took), the target's control characters escaped.
    private func accessLine(_ r: HTTPRequest, _ response: HTTPResponse, seconds: Double) -> String {
        let ms = (seconds * 10_000).rounded() / 10
        return "\(r.peer) \"\(r.method) \(ControlEscaping.escaped(r.target)) HTTP/1.\(r.minorVersion)\" \(response.status) \(response.body.count) \(ms)ms"
    }
}

/// A client connection and the bytes read from it but not yet parsed.
struct Connection: Sendable {
    let fd: Int32
    let peer: String
    var buffer: [UInt8] = []
    var served = 0

    init(fd: Int32, peer: String) {
        self.fd = fd
        self.peer = peer
    }
}

/// The connections waiting for a worker; `nil` tells a worker to stop.
final class WorkQueue: Sendable {
    private let items = Locked<[Connection?]>([])
    private let ready = DispatchSemaphore(value: 0)

    func push(_ c: Connection?) {
        items.withLock { $0.append(c) }
        ready.signal()
    }

    /// The next item, waiting for one; nil when told to stop.
    func pop() -> Connection? {
        ready.wait()
        return items.withLock { $0.removeFirst() }
    }

    /// A connection still queued, without waiting (for cleaning up).
    func popNow() -> Connection? {
        items.withLock { q in
            while !q.isEmpty { if let c = q.removeFirst() { return c } }
            return nil
        }
    }
}
