#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
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
        // Signals are taken before the address is printed: a script that stops the server once it
        // sees the address never finds the signal ignored but not yet handled.
        signal(SIGPIPE, SIG_IGN)
        var sources: [any DispatchSourceSignal] = []
        for s in [SIGINT, SIGTERM] {
            signal(s, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: s, queue: .global())
            source.setEventHandler { server.shutdown() }
            source.resume()
            sources.append(source)
        }
        let shown = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        console.error("serving \(index.path.isEmpty ? "an index built in memory" : index.path) at http://\(shown):\(server.port)/ (Ctrl-C stops)")
        server.start()
        server.wait()
        for source in sources { source.cancel() }
        console.error("stopped")
        return 0
    }
}
