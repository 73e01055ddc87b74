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
    /// Whether stdout is a terminal (ANSI highlighting, text format by default).
    let isTerminal: Bool
    /// Standard input lines, for `-` arguments (tests inject them).
    let stdinLines: () -> [String]

    init(capturing: Bool, isTerminal: Bool? = nil, stdin: (() -> [String])? = nil) {
        self.capturing = capturing
        self.isTerminal = isTerminal ?? (!capturing && isatty(1) == 1)
        self.stdinLines = stdin ?? {
            var lines: [String] = []
            while let line = readLine(strippingNewline: true) { lines.append(line) }
            return lines
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
