#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import Soundbite
import SoundbiteServe

/// `soundbite serve [-i INDEX] [--host H] [--port P] [--token T] [--cors ORIGIN]`
enum ServeCommand {
    static let options: [OptionSpec] = [
        OptionSpec("-i", "--index", value: true, help: "index file (watched: a new one renamed over it is served at once), or a collection folder indexed in memory"),
        OptionSpec("--host", value: true, help: "address to listen on (default 127.0.0.1; anything else is reachable from other machines)"),
        OptionSpec("--port", value: true, help: "port (default 8080; 0 picks a free one)"),
        OptionSpec("--token", value: true, help: "T: the API needs 'Authorization: Bearer T' (the page asks for it)"),
        OptionSpec("--cors", value: true, help: "ORIGIN: let pages from ORIGIN call the API (none by default)"),
        OptionSpec("--workers", value: true, help: "threads answering requests (default 4)"),
        OptionSpec("--connections", value: true, help: "open connections at most (default 256)"),
        OptionSpec("--strict", help: "treat warnings while reading a folder as errors"),
        OptionSpec("-h", "--help", help: "show this help"),
    ]

    static let help = helpText(
        usage: "soundbite serve [-i INDEX] [--host 127.0.0.1] [--port 8080] [--token T] [--cors ORIGIN]",
        summary: "Serve a web page to search, play and collect quotes, and the JSON API behind it.",
        options: options,
        notes: """
        API (the JSON the CLI prints):
          GET  /api/search?q=QUERY&role=R&chapter=C&speaker=S&interview=ID&where=K=V&n=10&offset=0
          GET  /api/show?interview=ID&at=TIME&n=5
          GET  /api/stats
          POST /api/selects?format=edl|fcpxml|otio|srt|vtt|csv   (body: search JSON, JSON lines or CSV)
        one access-log line per request goes to stderr; Ctrl-C (SIGINT) or SIGTERM stops after the requests in progress.
        """)

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(args, specs: options, console: console)
        if a.flag("--help") { console.print(help); return 0 }
        guard a.positional.isEmpty else { throw UsageError("serve takes no arguments; give the index with -i INDEX") }
        var configuration = HTTPServerConfiguration()
        configuration.host = a.value("--host") ?? "127.0.0.1"
        guard HTTPServerConfiguration.isBindable(configuration.host) else {
            throw UsageError("--host needs an IP address such as 127.0.0.1, 0.0.0.0 or ::1, got '\(configuration.host)'")
        }
        configuration.port = try a.int("--port", default: 8080, in: 0...65535)
        configuration.workers = try a.int("--workers", default: 4, in: 1...256)
        configuration.maxConnections = try a.int("--connections", default: 256, in: 1...10_000)
        if let token = a.value("--token"), token.isEmpty || token.contains(where: { $0.isWhitespace }) {
            throw UsageError("--token needs a non-empty value without spaces")
        }
        let serveOptions = ServeOptions(token: a.value("--token"), corsOrigin: a.value("--cors"))
        // SIGINT and SIGTERM are blocked before any thread of the server (or of an in-memory build)
        // exists, so every thread inherits the block and a stop signal stays pending for the
        // process until the waiting thread below takes it: none can be delivered to a thread
        // that would drop it (a dispatch signal source registers asynchronously and, on Linux,
        // only its own thread blocks the signal; a signal sent early was lost under load).
        var stops = stopSignals(), before = sigset_t()
        pthread_sigmask(SIG_BLOCK, &stops, &before)
        var serving = false
        defer { if !serving { pthread_sigmask(SIG_SETMASK, &before, nil) } }   // a failed start unblocks them
        let index = try IndexSource.open(a.value("--index"), console: console, strict: a.flag("--strict"))
        let server: SoundbiteServer
        do {
            server = try SoundbiteServer(index: index, watching: index.path.isEmpty ? nil : index.path,
                                         configuration: configuration, options: serveOptions)
        } catch {
            throw CommandError.runtime(error.description)
        }
        if !SoundbiteServer.isLoopback(configuration.host) {
            console.error("warning: listening on \(configuration.host): other machines can reach this server"
                          + (serveOptions.token == nil ? " and read every transcript; consider --token" : ""))
        }
        // The waiter starts before the address is printed; a signal sent before it calls `sigwait`
        // waits, pending, for it.
        signal(SIGPIPE, SIG_IGN)
        let waiter = Thread {
            var set = stopSignals(), taken: Int32 = 0
            while sigwait(&set, &taken) != 0 {}
            server.shutdown()
        }
        waiter.start()
        serving = true
        let shown = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        console.error("serving \(index.path.isEmpty ? "an index built in memory" : index.path) at http://\(shown):\(server.port)/ (Ctrl-C stops)")
        server.start()
        server.wait()
        console.error("stopped")
        return 0
    }

    /// SIGINT and SIGTERM, the signals that stop the server.
    private static func stopSignals() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        return set
    }
}
