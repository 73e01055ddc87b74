/// A small bounded pull reader for XML 1.0 over UTF-8 bytes, for the
/// transcript formats that are XML (OHMS) or hold XML (WordprocessingML).
///
/// ``next()`` returns one ``XMLEvent`` at a time: element starts (with their
/// attributes, references decoded), element ends (an empty element
/// `<a/>` gives a start and an end), and text. Adjacent character data, CDATA
/// sections and references between two tags come as one text event; comments,
/// processing instructions (`<?xml …?>`) and the document type declaration are
/// skipped. A leading byte order mark is skipped.
///
/// Not a validating reader: namespaces are left to the caller (names keep
/// their prefix, `w:t`; ``XMLEvent/localName(_:)`` drops it), an unknown
/// named reference (`&nbsp;` without a DTD) and a bare `&` are kept as
/// written, so no text is lost. What breaks the structure is an error with its
/// line: an unterminated tag, comment or CDATA section, a mismatched or
/// missing end tag, a malformed name or attribute, nesting deeper than
/// ``Limits/maxDepth``, more than ``Limits/maxAttributes`` attributes or a
/// name longer than ``Limits/maxNameBytes``. Every step is linear in the bytes
/// it consumes, so no input can make the reader hang.
package struct XMLReader {
    /// Bounds on what one document may hold.
    package struct Limits: Sendable, Hashable {
        /// Deepest element nesting (default 256).
        package var maxDepth: Int
        /// Most attributes on one element (default 256).
        package var maxAttributes: Int
        /// Longest element or attribute name, in bytes (default 1024).
        package var maxNameBytes: Int

        /// Creates limits; every argument defaults to the ``standard`` value.
        package init(maxDepth: Int = 256, maxAttributes: Int = 256, maxNameBytes: Int = 1024) {
            self.maxDepth = max(1, maxDepth)
            self.maxAttributes = max(0, maxAttributes)
            self.maxNameBytes = max(1, maxNameBytes)
        }

        /// 256 levels, 256 attributes, 1024-byte names.
        package static let standard = Limits()
    }

    /// Why the bytes are not well-formed XML, and where.
    package struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The 1-based line.
        package var line: Int
        /// What was expected or found.
        package var message: String

        /// `line L: message`.
        package var description: String { "line \(line): \(message)" }
    }

    private let bytes: [UInt8]
    private let limits: Limits
    private var pos = 0
    /// The line `pos` is on.
    private var currentLine = 1
    /// Names of the open elements, outermost first.
    private var open: [String] = []
    /// The end event owed by an empty-element tag (`<a/>`).
    private var pendingEnd: String?
    /// The 1-based line where the last event returned by ``next()`` starts.
    package private(set) var line = 1

    /// How many elements are open after the last event.
    package var depth: Int { open.count }

    /// Creates a reader over `bytes`.
    package init(_ bytes: [UInt8], limits: Limits = .standard) {
        self.bytes = bytes
        self.limits = limits
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { pos = 3 }
    }

    /// The next event, or `nil` at the end of a well-formed document.
    package mutating func next() throws(ParseError) -> XMLEvent? {
        if let name = pendingEnd {
            pendingEnd = nil
            open.removeLast()
            return .end(name: name)
        }
        while pos < bytes.count {
            line = currentLine
            if bytes[pos] != UInt8(ascii: "<") {
                let text = readText()
                if open.isEmpty && text.utf8.allSatisfy(Self.isSpace) { continue }
                return .text(text)
            }
            guard pos + 1 < bytes.count else { throw error("a \u{201C}<\u{201D} at the end of the file") }
            switch bytes[pos + 1] {
            case UInt8(ascii: "/"):
                return try readEndTag()
            case UInt8(ascii: "?"):
                try skip(past: "?>", what: "processing instruction")
            case UInt8(ascii: "!"):
                if starts(with: "<!--") {
                    try skip(past: "-->", what: "comment")
                } else if starts(with: "<![CDATA[") {
                    guard find("]]>", from: pos + 9) != nil else { throw error("unterminated CDATA section") }
                    return .text(readText())
                } else if starts(with: "<!DOCTYPE") || starts(with: "<!doctype") {
                    try skipDoctype()
                } else {
                    throw error("expected a comment, a CDATA section or a document type after \u{201C}<!\u{201D}")
                }
            default:
                return try readStartTag()
            }
        }
        line = currentLine
        if let innermost = open.last {
            throw error("the file ends inside \u{201C}<\(innermost)>\u{201D} (\(open.count) element\(open.count == 1 ? "" : "s") not closed)")
        }
        return nil
    }

    // MARK: - Tags

    private mutating func readStartTag() throws(ParseError) -> XMLEvent {
        pos += 1
        let name = try readName(what: "element name")
        var attributes: [XMLAttribute] = []
        while true {
            let hadSpace = skipSpace()
            guard pos < bytes.count else { throw error("the file ends inside the tag \u{201C}<\(name)\u{201D}") }
            let b = bytes[pos]
            if b == UInt8(ascii: ">") { pos += 1; break }
            if b == UInt8(ascii: "/") {
                guard pos + 1 < bytes.count, bytes[pos + 1] == UInt8(ascii: ">") else {
                    throw error("expected \u{201C}/>\u{201D} in the tag \u{201C}<\(name)\u{201D}")
                }
                pos += 2
                pendingEnd = name
                break
            }
            guard hadSpace else { throw error("expected a space, \u{201C}>\u{201D} or \u{201C}/>\u{201D} in the tag \u{201C}<\(name)\u{201D}") }
            guard attributes.count < limits.maxAttributes else {
                throw error("more than \(limits.maxAttributes) attributes on \u{201C}<\(name)>\u{201D}")
            }
            attributes.append(try readAttribute(in: name))
        }
        guard open.count < limits.maxDepth else { throw error("elements nested deeper than \(limits.maxDepth)") }
        open.append(name)
        return .start(name: name, attributes: attributes)
    }

    private mutating func readAttribute(in element: String) throws(ParseError) -> XMLAttribute {
        let name = try readName(what: "attribute name")
        skipSpace()
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "=") else {
            throw error("expected \u{201C}=\u{201D} after the attribute \u{201C}\(name)\u{201D} of \u{201C}<\(element)>\u{201D}")
        }
        pos += 1
        skipSpace()
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") || bytes[pos] == UInt8(ascii: "'") else {
            throw error("expected a quoted value for the attribute \u{201C}\(name)\u{201D} of \u{201C}<\(element)>\u{201D}")
        }
        let quote = bytes[pos]
        pos += 1
        var out: [UInt8] = []
        while true {
            guard pos < bytes.count else { throw error("the file ends inside the value of the attribute \u{201C}\(name)\u{201D}") }
            let b = bytes[pos]
            if b == quote { pos += 1; break }
            if b == UInt8(ascii: "<") { throw error("\u{201C}<\u{201D} inside the value of the attribute \u{201C}\(name)\u{201D}") }
            if b == UInt8(ascii: "&") { appendReference(&out); continue }
            if b == 0x0A { currentLine += 1 }
            // Attribute-value normalisation: every white-space character is a space.
            out.append(b == 0x09 || b == 0x0A || b == 0x0D ? 0x20 : b)
            pos += 1
        }
        return XMLAttribute(name: name, value: String(decoding: out, as: UTF8.self))
    }

    private mutating func readEndTag() throws(ParseError) -> XMLEvent {
        pos += 2
        let name = try readName(what: "element name")
        skipSpace()
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: ">") else {
            throw error("expected \u{201C}>\u{201D} to end the tag \u{201C}</\(name)\u{201D}")
        }
        pos += 1
        guard let innermost = open.last else { throw error("\u{201C}</\(name)>\u{201D} closes no open element") }
        guard innermost == name else {
            throw error("\u{201C}</\(name)>\u{201D} where \u{201C}</\(innermost)>\u{201D} was expected")
        }
        open.removeLast()
        return .end(name: name)
    }

    /// Reads an XML name (letters, digits, `_ : . -` and every non-ASCII byte;
    /// not starting with a digit, `.` or `-`).
    private mutating func readName(what: String) throws(ParseError) -> String {
        let start = pos
        while pos < bytes.count, Self.isNameByte(bytes[pos]) {
            pos += 1
            if pos - start > limits.maxNameBytes { throw error("\(what) longer than \(limits.maxNameBytes) bytes") }
        }
        guard pos > start else {
            throw error(pos < bytes.count ? "expected an \(what), found \(found)" : "expected an \(what), found the end of the file")
        }
        let first = bytes[start]
        if (first >= 0x30 && first <= 0x39) || first == UInt8(ascii: "-") || first == UInt8(ascii: ".") {
            throw error("an \(what) may not start with \u{201C}\(Character(Unicode.Scalar(first)))\u{201D}")
        }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    // MARK: - Text

    /// Reads character data, CDATA sections and references up to the next
    /// tag, comment, processing instruction or the end of the file; comments
    /// and processing instructions inside the run are skipped.
    private mutating func readText() -> String {
        var out: [UInt8] = []
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "&") { appendReference(&out); continue }
            if b == UInt8(ascii: "<") {
                if starts(with: "<![CDATA[") {
                    let bodyStart = pos + 9
                    guard let end = find("]]>", from: bodyStart) else { break }   // reported by next()
                    countLines(bodyStart, end)
                    out.append(contentsOf: bytes[bodyStart..<end])
                    pos = end + 3
                    continue
                }
                if starts(with: "<!--"), let end = find("-->", from: pos + 4) {
                    countLines(pos, end)
                    pos = end + 3
                    continue
                }
                break
            }
            if b == 0x0A { currentLine += 1 }
            if b == 0x0D {
                // Line-end normalisation: CRLF and CR read as LF.
                out.append(0x0A)
                currentLine += 1
                pos += 1
                if pos < bytes.count, bytes[pos] == 0x0A { pos += 1 }
                continue
            }
            out.append(b)
            pos += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the replacement of the reference at `pos` (which holds `&`) and
    /// moves past it; a `&` that starts no known reference is kept as written.
    private mutating func appendReference(_ out: inout [UInt8]) {
        if let (scalar, length) = Self.reference(bytes, at: pos) {
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
            pos += length
        } else {
            out.append(UInt8(ascii: "&"))
            pos += 1
        }
    }

    /// The character of the predefined (`&lt; &gt; &amp; &quot; &apos;`) or
    /// numeric (`&#233; &#xE9;`) reference at `i`, and the bytes it spans;
    /// `nil` when there is none. A numeric reference to a code point XML does
    /// not allow (NUL, a surrogate, past U+10FFFF) gives U+FFFD. XML's rules,
    /// not HTML's (cue text): no named references but the five, none without
    /// its `;`, no Windows-1252 reading of `&#128;`–`&#159;`.
    static func reference(_ bytes: [UInt8], at i: Int) -> (Unicode.Scalar, Int)? {
        let n = bytes.count
        var j = i + 1
        while j < n, j - i <= 10, bytes[j] != UInt8(ascii: ";") { j += 1 }
        guard j < n, bytes[j] == UInt8(ascii: ";"), j > i + 1 else { return nil }
        let length = j - i + 1
        let body = bytes[(i + 1)..<j]
        guard body.first == UInt8(ascii: "#") else {
            switch String(decoding: body, as: UTF8.self) {
            case "lt": return ("<", length)
            case "gt": return (">", length)
            case "amp": return ("&", length)
            case "quot": return ("\"", length)
            case "apos": return ("'", length)
            default: return nil
            }
        }
        var k = body.startIndex + 1
        let hex = k < body.endIndex && body[k] == UInt8(ascii: "x")
        if hex { k += 1 }
        guard k < body.endIndex else { return nil }
        var value: UInt32 = 0
        while k < body.endIndex {
            let c = body[k]
            let d: UInt32
            if c >= 0x30 && c <= 0x39 { d = UInt32(c - 0x30) }
            else if hex, (c | 0x20) >= 0x61, (c | 0x20) <= 0x66 { d = UInt32((c | 0x20) - 0x61 + 10) }
            else { return nil }
            // At most 8 digits reach here (the body is at most 9 bytes), so no overflow.
            value = value * (hex ? 16 : 10) + d
            k += 1
        }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return ("\u{FFFD}", length) }
        return (scalar, length)
    }

    // MARK: - Skipping

    private mutating func skip(past terminator: String, what: String) throws(ParseError) {
        guard let end = find(terminator, from: pos + 2) else { throw error("unterminated \(what)") }
        let after = end + terminator.utf8.count
        countLines(pos, after)
        pos = after
    }

    /// Skips `<!DOCTYPE …>`, including an internal subset in brackets (whose
    /// declarations may hold quoted `>` characters).
    private mutating func skipDoctype() throws(ParseError) {
        var brackets = 0
        var quote: UInt8 = 0
        var j = pos + 9
        while j < bytes.count {
            let b = bytes[j]
            if b == 0x0A { currentLine += 1 }
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: "[") {
                brackets += 1
            } else if b == UInt8(ascii: "]") {
                brackets = max(0, brackets - 1)
            } else if b == UInt8(ascii: ">"), brackets == 0 {
                pos = j + 1
                return
            }
            j += 1
        }
        pos = j
        throw error("unterminated document type declaration")
    }

    // MARK: - Bytes

    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = pos
        while pos < bytes.count, Self.isSpace(bytes[pos]) {
            if bytes[pos] == 0x0A { currentLine += 1 }
            pos += 1
        }
        return pos > start
    }

    private func starts(with prefix: String) -> Bool {
        var k = pos
        for b in prefix.utf8 {
            guard k < bytes.count, bytes[k] == b else { return false }
            k += 1
        }
        return true
    }

    /// The index of the first occurrence of `needle` at or after `from`.
    private func find(_ needle: String, from: Int) -> Int? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, from <= bytes.count - pattern.count else { return nil }
        var k = from
        let last = bytes.count - pattern.count
        outer: while k <= last {
            if bytes[k] != first { k += 1; continue }
            for m in 1..<pattern.count where bytes[k + m] != pattern[m] { k += 1; continue outer }
            return k
        }
        return nil
    }

    private mutating func countLines(_ from: Int, _ to: Int) {
        var k = from
        while k < to { if bytes[k] == 0x0A { currentLine += 1 }; k += 1 }
    }

    private var found: String {
        let b = bytes[pos]
        if b >= 0x21 && b < 0x7F { return "\u{201C}\(Character(Unicode.Scalar(b)))\u{201D}" }
        return "byte 0x\(String(b, radix: 16, uppercase: true))"
    }

    private func error(_ message: String) -> ParseError {
        ParseError(line: currentLine, message: message)
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }

    @inline(__always) private static func isNameByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || (b >= 0x30 && b <= 0x39) || b >= 0x80
            || b == UInt8(ascii: "_") || b == UInt8(ascii: ":") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }
}
