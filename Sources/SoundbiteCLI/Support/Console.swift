#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Soundbite

/// Where a command writes. The real console writes to the process's
/// stdout/stderr; tests capture into strings.
final class Console {
    private(set) var out = ""
    private(set) var err = ""
    let capturing: Bool
    /// Whether stdout is a terminal.
    let isTerminal: Bool
    /// `--color WHEN`, `auto` unless given.
    var colorChoice = ColorChoice.auto
    /// Standard input lines, for `-` arguments (tests inject them).
    let stdinLines: () -> [String]

    /// The process environment (tests pass their own); the real console
    /// holds only ``environmentNames``.
    let environment: [String: String]
    /// The variables the console reads.
    static let environmentNames = ["NO_COLOR", "TERM"]

    init(capturing: Bool, isTerminal: Bool? = nil, stdin: (() -> [String])? = nil, environment: [String: String] = [:]) {
        self.capturing = capturing
        self.environment = environment
        self.isTerminal = isTerminal ?? (!capturing && isatty(1) == 1)
        self.stdinLines = stdin ?? {
            var lines: [String] = []
            while let line = readLine(strippingNewline: true) { lines.append(line) }
            return lines
        }
    }

    /// Whether to highlight with ANSI escapes: `--color always` or `never`
    /// decide; `auto` colours a terminal unless `NO_COLOR` is set (to
    /// anything but "") or `TERM` is `dumb`.
    var usesColor: Bool {
        switch colorChoice {
        case .always: return true
        case .never: return false
        case .auto: return isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        }
    }

    /// Writes a line to standard output.
    func print(_ s: String) {
        if capturing { out += s + "\n" } else { Self.write(1, s + "\n") }
    }

    /// Writes `value` as one line of compact JSON (the library's encoder, so
    /// the CLI and embedders print the same bytes).
    func printJSON<T: Encodable>(_ value: T) throws {
        print(try JSONTextEncoder().encode(value))
    }

    /// `status` for the caller to return, except on the real console, where
    /// the process exits here with `status` while `objects` are still alive:
    /// an open index and the hits holding it are then never torn down
    /// (freeing its tables and unmapping the file cost a one-shot search
    /// about 5 % of its time; the kernel drops it all at exit anyway).
    /// Everything is written by then: the console does not buffer.
    func exit(_ status: Int32, keeping objects: Any...) -> Int32 {
        guard !capturing else { return status }
        withExtendedLifetime(objects) {
            #if canImport(Glibc)
            Glibc.exit(status)
            #else
            Darwin.exit(status)
            #endif
        }
    }

    /// Writes a line to standard error.
    func error(_ s: String) {
        if capturing { err += s + "\n" } else { Self.write(2, s + "\n") }
    }

    /// Writes all of `s` to a file descriptor (unbuffered; lines are whole).
    private static func write(_ fd: Int32, _ s: String) {
        var s = s
        s.withUTF8 { buf in
            var offset = 0
            while offset < buf.count {
                #if canImport(Glibc)
                let n = Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
                #else
                let n = Darwin.write(fd, buf.baseAddress! + offset, buf.count - offset)
                #endif
                if n <= 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }
}

/// When to use ANSI colour (`--color WHEN`).
enum ColorChoice: String, CaseIterable {
    /// On a terminal, unless `NO_COLOR` or `TERM=dumb` says otherwise.
    case auto
    /// Always, even into a pipe.
    case always
    /// Never.
    case never
}

/// The process environment, one variable at a time (`getenv`), without
/// building Foundation's dictionary of all of them.
enum Environment {
    /// The value of `name`, nil when unset.
    static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
