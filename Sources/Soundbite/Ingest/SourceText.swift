/// One line of a decoded text file.
struct SourceLine: Sendable, Hashable {
    /// The 1-based line number in the file.
    var number: Int
    /// The line's text, without its line end.
    var text: String
}

/// A text file decoded into lines: a UTF-8 byte order mark removed (a UTF-16
/// one makes the file read as UTF-16), LF, CRLF and CR line ends all
/// accepted, invalid UTF-8 and NUL bytes replaced with U+FFFD (one warning
/// per file for each), over-long lines dropped (one warning each).
///
/// A file is binary, and not read, only when it is not text at all: more
/// than 1 byte in 20 of its first 8 KiB are control bytes that text never
/// holds (C0 controls other than tab, line ends, form feed and escape; DEL).
/// A few NUL bytes in a transcript are read as U+FFFD, as the W3C WebVTT
/// parser does.
///
/// The lines are kept as byte ranges (``Span``) of one buffer of valid
/// UTF-8 (the file's own bytes when nothing had to be replaced), so a parser
/// that reads bytes (WebVTT) makes no `String` per line; ``lines`` gives them
/// as strings.
///
/// Decoding is O(n) in the file size whatever the content.
struct SourceText: Sendable {
    /// Where one line is in ``bytes``.
    struct Span: Sendable, Hashable {
        /// The 1-based line number in the file.
        var number: Int
        /// Offset of the line's first byte.
        var start: Int
        /// Offset just past its last byte (the line end not included).
        var end: Int
        /// The line's size in bytes.
        var count: Int { end - start }
        /// Whether the line is empty.
        var isEmpty: Bool { start == end }
    }

    /// The lines' bytes: valid UTF-8, each line's bytes at its span.
    private(set) var bytes: [UInt8]
    /// The lines kept, in file order (over-long lines are absent).
    private(set) var spans: [Span]

    /// Text made of the lines given.
    init(lines: [SourceLine]) {
        var bytes: [UInt8] = []
        var spans: [Span] = []
        spans.reserveCapacity(lines.count)
        for line in lines {
            let start = bytes.count
            bytes.append(contentsOf: line.text.utf8)
            spans.append(Span(number: line.number, start: start, end: bytes.count))
        }
        self.init(bytes: bytes, spans: spans)
    }

    private init(bytes: [UInt8], spans: [Span]) {
        self.bytes = bytes
        self.spans = spans
    }

    /// The lines, as strings.
    var lines: [SourceLine] {
        bytes.withUnsafeBufferPointer { all in
            spans.map { SourceLine(number: $0.number, text: String(decoding: UnsafeBufferPointer(rebasing: all[$0.start..<$0.end]), as: UTF8.self)) }
        }
    }

    /// The text of the line at `span`.
    func string(_ span: Span) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[span.start..<span.end]), as: UTF8.self) }
    }

    /// How many leading bytes are looked at to tell binary files.
    static let binaryProbeBytes = 8192

    /// Whether `b` is a control byte that text never holds.
    @inline(__always) static func isBinaryControl(_ b: UInt8) -> Bool {
        (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0B && b != 0x0C && b != 0x0D && b != 0x1B) || b == 0x7F
    }

    /// Decodes the UTF-8 of an in-memory string (a leading U+FEFF is removed).
    static func decode(string: String, file: String, limits: IngestLimits)
        -> (text: SourceText?, diagnostics: [Diagnostic]) {
        decode(Array(string.utf8), file: file, limits: limits)
    }

    /// Decodes `bytes` read from `file`.
    ///
    /// Returns `nil` text (with an error diagnostic) when the bytes are not
    /// text at all (see the type's description).
    static func decode(_ bytes: [UInt8], file: String, limits: IngestLimits)
        -> (text: SourceText?, diagnostics: [Diagnostic]) {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return bytes.withUnsafeBufferPointer { decode(utf16: $0, file: file, limits: limits) }
        }
        var diagnostics: [Diagnostic] = []
        let scan = bytes.withUnsafeBufferPointer { scanLines($0, file: file, limits: limits, diagnostics: &diagnostics) }
        guard let scan else { return (nil, diagnostics) }
        var spans = scan.spans
        let repairs = scan.repairs
        guard !repairs.isEmpty else { return (SourceText(bytes: bytes, spans: spans), diagnostics) }
        // Some lines had bytes replaced: one new buffer of all the lines.
        var storage: [UInt8] = []
        storage.reserveCapacity(bytes.count + 3 * repairs.count)
        var next = 0
        for k in spans.indices {
            let start = storage.count
            if next < repairs.count, repairs[next].index == k {
                storage.append(contentsOf: repairs[next].bytes)
                next += 1
            } else {
                storage.append(contentsOf: bytes[spans[k].start..<spans[k].end])
            }
            spans[k].start = start
            spans[k].end = storage.count
        }
        return (SourceText(bytes: storage, spans: spans), diagnostics)
    }

    /// Finds the lines of UTF-8 `buf`: their spans in `buf`, and the valid
    /// UTF-8 of each line whose bytes had to be replaced (by span index, in
    /// order); `nil` when the bytes are not text (an error diagnostic given).
    private static func scanLines(_ buf: UnsafeBufferPointer<UInt8>, file: String, limits: IngestLimits,
                                  diagnostics: inout [Diagnostic]) -> (spans: [Span], repairs: [(index: Int, bytes: [UInt8])])? {
        let n = buf.count
        let probe = min(n, binaryProbeBytes)
        var controls = 0
        var firstControl = -1
        for i in 0..<probe where isBinaryControl(buf[i]) {
            controls += 1
            if firstControl < 0 { firstControl = i }
        }
        if controls * 20 > max(probe, 64) {
            diagnostics.append(Diagnostic(.error, file: file, line: 0,
                "not a text file (\(controls) control bytes in the first \(probe), the first at offset \(firstControl)); skipped the file"))
            return nil
        }
        var i = 0
        if n >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { i = 3 }
        var spans: [Span] = []
        spans.reserveCapacity(n / 32 + 1)
        var repairs: [(index: Int, bytes: [UInt8])] = []
        var lineNumber = 0
        var firstBadLine = 0
        var firstNULLine = 0
        guard let p = buf.baseAddress else { return (spans, repairs) }
        while i < n {
            lineNumber += 1
            let start = i
            var j = i
            var high: UInt8 = 0
            var wide: UInt64 = 0
            var nul = false
            // 8 bytes at a time while none is below 0x0E (line ends, NUL and
            // tabs are); a word with one is read byte by byte.
            scan: while j < n {
                if j + 8 <= n {
                    let w = UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self)
                    if (w &- 0x0E0E_0E0E_0E0E_0E0E) & ~w & 0x8080_8080_8080_8080 == 0 {
                        wide |= w
                        j += 8
                        continue
                    }
                }
                let stop = min(n, j + 8)
                while j < stop {
                    let b = p[j]
                    if b <= 0x0D {
                        if b == 0x0A || b == 0x0D { break scan }
                        if b == 0 { nul = true }
                    }
                    high |= b
                    j += 1
                }
            }
            if wide & 0x8080_8080_8080_8080 != 0 { high |= 0x80 }
            let end = j
            if j < n {
                if p[j] == 0x0D, j + 1 < n, p[j + 1] == 0x0A { j += 2 } else { j += 1 }
            }
            i = j
            let length = end - start
            if length > limits.maxLineBytes {
                diagnostics.append(Diagnostic(.warning, file: file, line: lineNumber,
                    "line is \(length) bytes, longer than the limit of \(limits.maxLineBytes); skipped the line"))
                continue
            }
            let slice = UnsafeBufferPointer(rebasing: buf[start..<end])
            if nul {
                if firstNULLine == 0 { firstNULLine = lineNumber }
                var replaced: [UInt8] = []
                replaced.reserveCapacity(slice.count + 8)
                for b in slice {
                    if b == 0 { replaced.append(contentsOf: [0xEF, 0xBF, 0xBD]) } else { replaced.append(b) }
                }
                if String(validating: replaced, as: UTF8.self) == nil {
                    if firstBadLine == 0 { firstBadLine = lineNumber }
                    replaced = Array(String(decoding: replaced, as: UTF8.self).utf8)
                }
                repairs.append((spans.count, replaced))
            } else if high >= 0x80, String(validating: slice, as: UTF8.self) == nil {
                if firstBadLine == 0 { firstBadLine = lineNumber }
                repairs.append((spans.count, Array(String(decoding: slice, as: UTF8.self).utf8)))
            }
            spans.append(Span(number: lineNumber, start: start, end: end))
        }
        if firstNULLine > 0 {
            diagnostics.append(Diagnostic(.warning, file: file, line: firstNULLine,
                "NUL byte (first on this line); read it as U+FFFD"))
        }
        if firstBadLine > 0 {
            diagnostics.append(Diagnostic(.warning, file: file, line: firstBadLine,
                "invalid UTF-8 (first on this line); replaced the bad bytes with U+FFFD"))
        }
        return (spans, repairs)
    }

    /// Decodes UTF-16 with a byte order mark (`FF FE` little-endian, `FE FF`
    /// big-endian): transcoded to UTF-8 (``utf8(fromUTF16:maxUnits:)``), then
    /// read as any UTF-8 file. An odd last byte is dropped with a warning.
    private static func decode(utf16 buf: UnsafeBufferPointer<UInt8>, file: String, limits: IngestLimits)
        -> (text: SourceText?, diagnostics: [Diagnostic]) {
        let utf8 = utf8(fromUTF16: buf) ?? []
        var result = decode(utf8, file: file, limits: limits)
        if buf.count % 2 == 1 {
            result.diagnostics.append(Diagnostic(.warning, file: file, line: 0,
                "UTF-16 file has an odd number of bytes; dropped the last byte"))
        }
        return result
    }

    /// UTF-16 text with a byte order mark (`FF FE` little-endian, `FE FF`
    /// big-endian) transcoded to UTF-8, at most `maxUnits` code units of it
    /// (unpaired surrogates become U+FFFD, an odd last byte is left out);
    /// `nil` when `buf` has no such mark. Format detection reads a prefix this
    /// way; ``decode(utf16:file:limits:)`` the whole file.
    static func utf8(fromUTF16 buf: UnsafeBufferPointer<UInt8>, maxUnits: Int = .max) -> [UInt8]? {
        guard buf.count >= 2, (buf[0] == 0xFF && buf[1] == 0xFE) || (buf[0] == 0xFE && buf[1] == 0xFF) else { return nil }
        let littleEndian = buf[0] == 0xFF
        let units = min((buf.count - 2) / 2, maxUnits)
        var codeUnits: [UInt16] = []
        codeUnits.reserveCapacity(units)
        for k in 0..<units {
            let a = UInt16(buf[2 + 2 * k]), b = UInt16(buf[3 + 2 * k])
            codeUnits.append(littleEndian ? a | b << 8 : a << 8 | b)
        }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(units + units / 2)
        var iterator = codeUnits.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar.value == 0 { utf8.append(0) } else { UTF8.encode(scalar) { utf8.append($0) } }
            case .error: UTF8.encode("\u{FFFD}") { utf8.append($0) }
            case .emptyInput: break loop
            }
        }
        return utf8
    }
}
