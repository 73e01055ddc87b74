/// One line of a decoded text file.
struct SourceLine: Sendable, Hashable {
    /// The 1-based line number in the file.
    var number: Int
    /// The line's text, without its line end.
    var text: String
}

/// A text file decoded into lines: a UTF-8 byte order mark removed, LF, CRLF
/// and CR line ends all accepted, invalid UTF-8 replaced with U+FFFD (one
/// warning per file), over-long lines dropped (one warning each).
///
/// Decoding is O(n) in the file size whatever the content.
struct SourceText: Sendable {
    /// The lines kept, in file order (over-long lines are absent).
    var lines: [SourceLine]

    /// How many leading bytes are searched for a NUL byte to tell binary files.
    static let binaryProbeBytes = 8192

    /// Decodes `bytes` read from `file`.
    ///
    /// Returns `nil` text (with an error diagnostic) when the bytes are not
    /// text: a NUL byte in the first 8 KiB.
    static func decode(_ bytes: [UInt8], file: String, limits: IngestLimits)
        -> (text: SourceText?, diagnostics: [Diagnostic]) {
        bytes.withUnsafeBufferPointer { decode($0, file: file, limits: limits) }
    }

    /// Decodes the UTF-8 of an in-memory string (a leading U+FEFF is removed).
    static func decode(string: String, file: String, limits: IngestLimits)
        -> (text: SourceText?, diagnostics: [Diagnostic]) {
        decode(Array(string.utf8), file: file, limits: limits)
    }

    /// Decodes a buffer of bytes; see ``decode(_:file:limits:)-([UInt8],_,_)``.
    static func decode(_ buf: UnsafeBufferPointer<UInt8>, file: String, limits: IngestLimits)
        -> (text: SourceText?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let n = buf.count
        let probe = min(n, binaryProbeBytes)
        for i in 0..<probe where buf[i] == 0 {
            diagnostics.append(Diagnostic(.error, file: file, line: 0,
                "not a text file (NUL byte at offset \(i)); skipped the file"))
            return (nil, diagnostics)
        }
        var i = 0
        if n >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { i = 3 }
        var lines: [SourceLine] = []
        var lineNumber = 0
        var firstBadLine = 0
        while i < n {
            lineNumber += 1
            let start = i
            var j = i
            while j < n {
                let b = buf[j]
                if b == 0x0A || b == 0x0D { break }
                j += 1
            }
            let end = j
            if j < n {
                if buf[j] == 0x0D, j + 1 < n, buf[j + 1] == 0x0A { j += 2 } else { j += 1 }
            }
            i = j
            let length = end - start
            if length > limits.maxLineBytes {
                diagnostics.append(Diagnostic(.warning, file: file, line: lineNumber,
                    "line is \(length) bytes, longer than the limit of \(limits.maxLineBytes); skipped the line"))
                continue
            }
            let slice = UnsafeBufferPointer(rebasing: buf[start..<end])
            var ascii = true
            for b in slice where b >= 0x80 { ascii = false; break }
            let text: String
            if ascii {
                text = String(decoding: slice, as: UTF8.self)
            } else if let valid = String(validating: slice, as: UTF8.self) {
                text = valid
            } else {
                if firstBadLine == 0 { firstBadLine = lineNumber }
                text = String(decoding: slice, as: UTF8.self)
            }
            lines.append(SourceLine(number: lineNumber, text: text))
        }
        if firstBadLine > 0 {
            diagnostics.append(Diagnostic(.warning, file: file, line: firstBadLine,
                "invalid UTF-8 (first on this line); replaced the bad bytes with U+FFFD"))
        }
        return (SourceText(lines: lines), diagnostics)
    }
}
