/// A small strict JSON reader (RFC 8259) over bytes, written for the
/// manifest: recursive descent with a nesting limit, errors that carry the
/// line and column, numbers kept as written. Invalid UTF-8 inside strings is
/// replaced with U+FFFD; a leading byte order mark is skipped.
struct JSONReader {
    /// Why the text is not JSON, and where.
    struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The 1-based line.
        var line: Int
        /// The 1-based column (in bytes).
        var column: Int
        /// What was expected or found.
        var message: String
        /// The 0-based byte offset of the problem.
        var offset: Int = 0

        /// `line L, column C: message`.
        var description: String { "line \(line), column \(column): \(message)" }
    }

    private let bytes: [UInt8]
    private let maxDepth: Int
    private var pos = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0

    /// Parses `bytes` as one JSON value.
    static func parse(_ bytes: [UInt8], maxDepth: Int = 64) throws(ParseError) -> JSONValue {
        var reader = JSONReader(bytes: bytes, maxDepth: maxDepth)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { reader.pos = 3; reader.lineStart = 3 }
        reader.skipSpace()
        let value = try reader.parseValue()
        reader.skipSpace()
        if reader.pos < bytes.count { throw reader.error("unexpected text after the JSON value") }
        return value
    }

    /// Parses a string as one JSON value.
    static func parse(_ text: String, maxDepth: Int = 64) throws(ParseError) -> JSONValue {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }

    private init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    private func error(_ message: String) -> ParseError {
        ParseError(line: line, column: pos - lineStart + 1, message: message, offset: pos)
    }

    private var found: String {
        guard pos < bytes.count else { return "the end of the file" }
        let b = bytes[pos]
        if b >= 0x21 && b < 0x7F { return "\u{201C}\(Character(Unicode.Scalar(b)))\u{201D}" }
        return "byte 0x\(String(b, radix: 16, uppercase: true))"
    }

    private mutating func skipSpace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x09: pos += 1
            case 0x0A: pos += 1; line += 1; lineStart = pos
            case 0x0D:
                pos += 1
                if pos < bytes.count, bytes[pos] == 0x0A { pos += 1 }
                line += 1; lineStart = pos
            default: return
            }
        }
    }

    private mutating func parseValue() throws(ParseError) -> JSONValue {
        guard pos < bytes.count else { throw error("expected a value, found the end of the file") }
        switch bytes[pos] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("expected a value, found \(found)")
        }
    }

    private mutating func literal(_ word: String) throws(ParseError) {
        for b in word.utf8 {
            guard pos < bytes.count, bytes[pos] == b else { throw error("expected \u{201C}\(word)\u{201D}") }
            pos += 1
        }
    }

    private mutating func enter() throws(ParseError) {
        depth += 1
        if depth > maxDepth { throw error("arrays and objects nested deeper than \(maxDepth)") }
    }

    private mutating func parseObject() throws(ParseError) -> JSONValue {
        try enter()
        pos += 1
        var members: [JSONMember] = []
        skipSpace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; depth -= 1; return .object(members) }
        while true {
            skipSpace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else {
                throw error("expected a quoted key, found \(found)")
            }
            let keyLine = line
            let key = try parseString()
            skipSpace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else {
                throw error("expected \u{201C}:\u{201D} after the key, found \(found)")
            }
            pos += 1
            skipSpace()
            let value = try parseValue()
            members.append(JSONMember(key: key, value: value, line: keyLine))
            if try !more(close: "}", after: "a member") { break }
        }
        depth -= 1
        return .object(members)
    }

    private mutating func parseArray() throws(ParseError) -> JSONValue {
        try enter()
        pos += 1
        var items: [JSONValue] = []
        skipSpace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; depth -= 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try parseValue())
            if try !more(close: "]", after: "an item") { break }
        }
        depth -= 1
        return .array(items)
    }

    /// After a member or item: skips a `,` and returns true, or skips the
    /// closing bracket and returns false; anything else is an error.
    private mutating func more(close: Unicode.Scalar, after what: String) throws(ParseError) -> Bool {
        skipSpace()
        guard pos < bytes.count else { throw error("expected \u{201C},\u{201D} or \u{201C}\(close)\u{201D}, found the end of the file") }
        if bytes[pos] == UInt8(ascii: ",") { pos += 1; return true }
        if bytes[pos] == UInt8(ascii: close) { pos += 1; return false }
        throw error("expected \u{201C},\u{201D} or \u{201C}\(close)\u{201D} after \(what), found \(found)")
    }

    private mutating func hex4() throws(ParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard pos < bytes.count else { throw error("expected 4 hex digits after \\u") }
            let c = bytes[pos]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - 0x41 + 10)
            default: throw error("expected 4 hex digits after \\u, found \(found)")
            }
            value = value << 4 | d
            pos += 1
        }
        return value
    }

    private mutating func parseString() throws(ParseError) -> String {
        pos += 1
        var out: [UInt8] = []
        while true {
            guard pos < bytes.count else { throw error("unterminated string") }
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") { pos += 1; break }
            if b < 0x20 { throw error("control character in a string (write it as an escape)") }
            if b != UInt8(ascii: "\\") { out.append(b); pos += 1; continue }
            pos += 1
            guard pos < bytes.count else { throw error("unterminated string") }
            let e = bytes[pos]
            pos += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if code >= 0xD800 && code < 0xDC00, pos + 1 < bytes.count,
                   bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                    let save = pos
                    pos += 2
                    let low = try hex4()
                    if low >= 0xDC00 && low < 0xE000 {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        pos = save
                    }
                }
                let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                pos -= 1
                throw error("unknown escape \\\(Character(Unicode.Scalar(e)))")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func parseNumber() throws(ParseError) -> String {
        let start = pos
        func digits(_ reader: inout JSONReader) -> Int {
            var count = 0
            while reader.pos < reader.bytes.count, reader.bytes[reader.pos] >= 0x30, reader.bytes[reader.pos] <= 0x39 {
                reader.pos += 1; count += 1
            }
            return count
        }
        if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < bytes.count, bytes[pos] >= 0x30, bytes[pos] <= 0x39 else { throw error("expected a digit, found \(found)") }
        if bytes[pos] == UInt8(ascii: "0") { pos += 1 } else { _ = digits(&self) }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            pos += 1
            if digits(&self) == 0 { throw error("expected a digit after the decimal point, found \(found)") }
        }
        if pos < bytes.count, bytes[pos] | 0x20 == UInt8(ascii: "e") {
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            if digits(&self) == 0 { throw error("expected a digit in the exponent, found \(found)") }
        }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }
}
