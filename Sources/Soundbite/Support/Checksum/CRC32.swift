/// A reflected 32-bit CRC computed slicing-by-8: one table builder and one
/// loop for every polynomial, ``zip`` (ZIP, gzip, PNG) and ``castagnoli``
/// (CRC-32C, the index file's checksum, also reached as ``CRC32C``).
///
/// Every such CRC starts from all ones and ends inverted, so `continuing: 0`
/// starts a fresh checksum and a checksum can be continued piece by piece.
///
/// Check values for "123456789": `zip` 0xCBF43926, `castagnoli` 0xE3069283.
package struct CRC32: Sendable {
    /// The CRC-32 of ZIP, gzip and PNG (reflected polynomial 0xEDB88320).
    package static let zip = CRC32(reflectedPolynomial: 0xEDB8_8320)
    /// CRC-32C, Castagnoli (reflected polynomial 0x82F63B78).
    static let castagnoli = CRC32(reflectedPolynomial: 0x82F6_3B78)

    /// Eight 256-entry tables, flat: entry `k * 256 + b` is the CRC of byte
    /// `b` followed by `k` zero bytes.
    private let table: [UInt32]

    /// Builds the tables of a reflected `polynomial` (bit 0 is the x³¹ term,
    /// as in 0xEDB88320 for the ZIP CRC-32).
    init(reflectedPolynomial polynomial: UInt32) {
        var t = [UInt32](repeating: 0, count: 8 * 256)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ polynomial : c >> 1 }
            t[i] = c
        }
        for k in 1..<8 {
            for i in 0..<256 {
                let previous = t[(k - 1) * 256 + i]
                t[k * 256 + i] = (previous >> 8) ^ t[Int(previous & 0xFF)]
            }
        }
        table = t
    }

    /// The CRC of `bytes`, continuing from `crc` (0 to start).
    package func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        let n = bytes.count
        guard n > 0, let base = bytes.baseAddress else { return crc }
        return table.withUnsafeBufferPointer { t in
            var c = ~crc
            var i = 0
            while i + 8 <= n {
                let lo = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt32.self)) ^ c
                let hi = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self))
                c = t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int((lo >> 8) & 0xFF)]
                  ^ t[5 * 256 + Int((lo >> 16) & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
                  ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int((hi >> 8) & 0xFF)]
                  ^ t[256 + Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
                i += 8
            }
            while i < n {
                c = (c >> 8) ^ t[Int((c ^ UInt32(base.load(fromByteOffset: i, as: UInt8.self))) & 0xFF)]
                i += 1
            }
            return ~c
        }
    }

    /// The CRC of a byte array.
    package func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }
}
