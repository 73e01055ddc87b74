/// Byte-level character classes for the ASCII fast paths (branch-light arithmetic, no tables).
enum ASCII {
    /// True for A–Z, a–z, 0–9.
    @inline(__always) static func isAlphanumeric(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) }
    /// True for A–Z, a–z.
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    /// True for 0–9.
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    /// True for space, tab, line feed, form feed and carriage return.
    @inline(__always) static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || (b &- 0x09 < 5 && b != 0x0B) }
    /// The value of a hexadecimal digit (`0`–`9`, `a`–`f`, `A`–`F`), nil for any other byte.
    @inline(__always) static func hexValue(_ b: UInt8) -> UInt8? {
        if isDigit(b) { return b - 0x30 }
        let l = b | 0x20
        return l &- 0x61 < 6 ? l - 0x61 + 10 : nil
    }
    /// Lower-cases A–Z, leaves every other byte alone.
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { (b &- 0x41 < 26) ? b | 0x20 : b }
}
