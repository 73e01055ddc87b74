#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Soundbite

/// `soundbite serve` as a value: an ``HTTPServer`` answering with a
/// ``SoundbiteHandler`` over an ``IndexHolder``. The CLI adds the command
/// line and the signals; tests start it on port 0 and talk to it over loopback.
package final class SoundbiteServer: Sendable {
    package let http: HTTPServer
    package let handler: SoundbiteHandler

    /// Binds (the port is taken once this returns); ``start()`` serves.
    package init(index: SearchIndex, watching path: String?, configuration: HTTPServerConfiguration,
                 options: ServeOptions = ServeOptions(),
                 log: @escaping @Sendable (String) -> Void = SoundbiteServer.standardError) throws(HTTPServerError) {
        handler = SoundbiteHandler(indexes: IndexHolder(index, watching: path, log: log), options: options)
        let handler = self.handler
        http = try HTTPServer(configuration: configuration, log: log) { handler.respond($0) }
    }

    /// The port listened on.
    package var port: Int { http.port }

    package func start() { http.start() }
    package func shutdown() { http.shutdown() }
    package func wait() { http.wait() }

    /// Whether `host` is a loopback address (no warning needed).
    package static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Writes a line to standard error in one call (lines from threads stay whole).
    package static let standardError: @Sendable (String) -> Void = { line in
        var s = line + "\n"
        s.withUTF8 { buf in
            var offset = 0
            while offset < buf.count {
                let n = write(2, buf.baseAddress! + offset, buf.count - offset)
                if n <= 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }
}
