import CSoundbiteCRC

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of
/// iSCSI, ext4 and many storage formats, and of the index file.
///
/// Computed with the CPU's CRC-32C instruction where it has one (SSE4.2 on
/// x86-64, the ARMv8 CRC extension on arm64; `Sources/CSoundbiteCRC`, three
/// interleaved streams, about 10 × the tables), else with the slicing-by-8
/// tables of ``CRC32/castagnoli``. Both give the same value for every input.
///
/// Check value: `CRC32C.checksum("123456789")` is `0xE3069283`.
package enum CRC32C {
    /// Whether ``checksum(_:continuing:)`` uses the CPU's instruction (checked once).
    package static let usesHardware = soundbite_crc32c_hardware_available() != 0

    /// The CRC-32C of `bytes`, continuing from `crc` (0 to start).
    package static func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        guard usesHardware, let base = bytes.baseAddress else { return software(bytes, continuing: crc) }
        return soundbite_crc32c_hardware(crc, base, bytes.count)
    }

    /// The CRC-32C of a byte array.
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    /// The table-driven CRC-32C, whatever the CPU (the fallback, and the
    /// reference the tests compare the instruction against).
    static func software(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        CRC32.castagnoli.checksum(bytes, continuing: crc)
    }
}
