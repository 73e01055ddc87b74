#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the server could not start.
package struct HTTPServerError: Error, Sendable, Hashable, CustomStringConvertible {
    package var message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}

/// The few POSIX socket calls the server makes, with errno turned into
/// messages and every wait bounded by a deadline.
enum Socket {
    /// A listening TCP socket on `host` (an IPv4 or IPv6 address, or
    /// `localhost`) and `port` (0: any free port), non-blocking; returns it
    /// and the port it got.
    static func listen(host: String, port: Int, backlog: Int32 = 128) throws(HTTPServerError) -> (fd: Int32, port: Int) {
        guard (0...65535).contains(port) else { throw HTTPServerError("port \(port) is not between 0 and 65535") }
        let address = host == "localhost" ? "127.0.0.1" : host
        let v6 = address.contains(":")
        let fd = socket(v6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HTTPServerError("cannot create a socket: \(errorText())") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let status: Int32?
        if v6 {
            var a = sockaddr_in6()
            a.sin6_family = sa_family_t(AF_INET6)
            a.sin6_port = in_port_t(UInt16(port).bigEndian)
            status = inet_pton(AF_INET6, address, &a.sin6_addr) == 1 ? bind(fd, &a) : nil
        } else {
            var a = sockaddr_in()
            a.sin_family = sa_family_t(AF_INET)
            a.sin_port = in_port_t(UInt16(port).bigEndian)
            status = inet_pton(AF_INET, address, &a.sin_addr) == 1 ? bind(fd, &a) : nil
        }
        guard let status else {
            close(fd)
            throw HTTPServerError("'\(host)' is not an IP address (give e.g. 127.0.0.1, 0.0.0.0 or ::1)")
        }
        guard status == 0 else {
            let why = errorText()
            close(fd)
            throw HTTPServerError("cannot listen on \(host) port \(port): \(why)")
        }
        guard Glibc.listen(fd, backlog) == 0 else {
            let why = errorText()
            close(fd)
            throw HTTPServerError("cannot listen on \(host) port \(port): \(why)")
        }
        setNonBlocking(fd)
        return (fd, boundPort(fd) ?? port)
    }

    /// Binds `fd` to the address in `a` (a `sockaddr_in` or `sockaddr_in6`).
    private static func bind<Address>(_ fd: Int32, _ a: inout Address) -> Int32 {
        withUnsafePointer(to: &a) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<Address>.size)) }
        }
    }

    /// The local port a socket is bound to.
    static func boundPort(_ fd: Int32) -> Int? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) == 0 }
        }
        guard ok else { return nil }
        return peerAddress(storage).port
    }

    /// Accepts one pending connection (non-blocking), with the client's address.
    static func accept(_ listener: Int32) -> (fd: Int32, peer: String)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let fd = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(listener, $0, &length) }
        }
        guard fd >= 0 else { return nil }
        setNonBlocking(fd)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return (fd, peerAddress(storage).host)
    }

    /// The address and port in a socket address.
    private static func peerAddress(_ storage: sockaddr_storage) -> (host: String, port: Int) {
        var storage = storage
        var text = [CChar](repeating: 0, count: 64)
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { p in
                var a = p.pointee.sin_addr
                inet_ntop(AF_INET, &a, &text, socklen_t(text.count))
                return (String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self),
                        Int(UInt16(bigEndian: p.pointee.sin_port)))
            } }
        case AF_INET6:
            return withUnsafePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { p in
                var a = p.pointee.sin6_addr
                inet_ntop(AF_INET6, &a, &text, socklen_t(text.count))
                return (String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self),
                        Int(UInt16(bigEndian: p.pointee.sin6_port)))
            } }
        default: return ("?", 0)
        }
    }

    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL, 0)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    }

    /// Waits until `fd` is ready for `events` (POLLIN / POLLOUT), at most
    /// `seconds`; true when ready (or closed by the peer, which the next read shows).
    static func wait(_ fd: Int32, _ events: Int16, seconds: Double) -> Bool {
        var p = pollfd(fd: fd, events: events, revents: 0)
        let ms = Int32(max(0, min(seconds, 3600)) * 1000)
        while true {
            let n = poll(&p, 1, ms)
            if n < 0 && errno == EINTR { continue }
            return n > 0
        }
    }

    /// Reads what is there (up to `scratch.count` bytes) onto `buffer`; the
    /// count read, 0 at end of stream, -1 for "nothing yet", -2 on error.
    static func read(_ fd: Int32, scratch: inout [UInt8], into buffer: inout [UInt8]) -> Int {
        var got = 0
        scratch.withUnsafeMutableBytes { raw in
            repeat { got = recv(fd, raw.baseAddress!, raw.count, 0) } while got < 0 && errno == EINTR
            if got > 0 { buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[0..<got])) }
        }
        if got >= 0 { return got }
        return errno == EAGAIN || errno == EWOULDBLOCK ? -1 : -2
    }

    /// Writes all of `bytes` within `seconds`; false if the peer went away
    /// or stopped reading.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], seconds: Double) -> Bool {
        let deadline = Clock.now + seconds
        return bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n > 0 { offset += n; continue }
                if n < 0 && errno == EINTR { continue }
                guard n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) else { return false }
                let left = deadline - Clock.now
                guard left > 0, wait(fd, Int16(POLLOUT), seconds: left) else { return false }
            }
            return true
        }
    }

    /// A pipe whose read end wakes a `poll` (both ends non-blocking).
    static func pipe() throws(HTTPServerError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard Glibc.pipe(&fds) == 0 else { throw HTTPServerError("cannot create a pipe: \(errorText())") }
        setNonBlocking(fds[0])
        setNonBlocking(fds[1])
        return (fds[0], fds[1])
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}

/// Monotonic seconds, for deadlines.
enum Clock {
    static var now: Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
