/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of
/// iSCSI, ext4 and many storage formats: ``CRC32/castagnoli`` under the name
/// the index file uses.
///
/// Check value: `CRC32C.checksum("123456789")` is `0xE3069283`.
package enum CRC32C {
    /// The CRC-32C of `bytes`, continuing from `crc` (0 to start).
    package static func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        CRC32.castagnoli.checksum(bytes, continuing: crc)
    }

    /// The CRC-32C of a byte array.
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        CRC32.castagnoli.checksum(bytes)
    }
}
