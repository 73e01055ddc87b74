/// The `name=value` pairs of a URL query (`application/x-www-form-urlencoded`:
/// `&`-separated, `+` for a space, percent escapes), decoded, in order.
package struct QueryParameters: Sendable, Hashable {
    /// The pairs in the order given; a name may repeat.
    package var pairs: [(name: String, value: String)]

    /// Decodes a query string (without the `?`).
    /// - Throws: ``HTTPParseError`` (400) for a bad percent escape or bytes that are not UTF-8.
    package init(_ query: String) throws(HTTPParseError) {
        var pairs: [(name: String, value: String)] = []
        var q = query
        let ok = q.withUTF8 { bytes -> Bool in
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x26 { end += 1 }     // '&'
                if end > start {
                    var eq = start
                    while eq < end, bytes[eq] != 0x3D { eq += 1 }          // '='
                    guard let name = Self.percentDecoded(UnsafeBufferPointer(rebasing: bytes[start..<eq]), plusIsSpace: true),
                          let value = Self.percentDecoded(UnsafeBufferPointer(rebasing: bytes[min(eq + 1, end)..<end]), plusIsSpace: true)
                    else { return false }
                    pairs.append((name, value))
                }
                start = end + 1
            }
            return true
        }
        guard ok else { throw HTTPParseError(400, "the query holds a bad percent escape or is not UTF-8") }
        self.pairs = pairs
    }

    /// The last value given for `name`, if any.
    package subscript(_ name: String) -> String? { pairs.last { $0.name == name }?.value }

    /// Every value given for `name`, in order.
    package func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// The names given, in order, each once.
    package var names: [String] {
        var seen = Set<String>()
        return pairs.map(\.name).filter { seen.insert($0).inserted }
    }

    /// `bytes` with `%XX` escapes (and `+`, when `plusIsSpace`) decoded, if
    /// every escape is well formed and the result is UTF-8.
    package static func percentDecoded(_ bytes: UnsafeBufferPointer<UInt8>, plusIsSpace: Bool) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x25 {                                                  // '%'
                guard i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) else { return nil }
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(plusIsSpace && c == 0x2B ? 0x20 : c)
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    package static func == (a: QueryParameters, b: QueryParameters) -> Bool {
        a.pairs.map(\.name) == b.pairs.map(\.name) && a.pairs.map(\.value) == b.pairs.map(\.value)
    }

    package func hash(into h: inout Hasher) { for p in pairs { h.combine(p.name); h.combine(p.value) } }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }
}
