#ifndef CSOUNDBITECRC_H
#define CSOUNDBITECRC_H

#include <stddef.h>
#include <stdint.h>

/// Whether this CPU has a CRC-32C instruction (SSE4.2 `crc32` on x86-64,
/// the ARMv8 CRC extension on arm64). Checked once per process.
int soundbite_crc32c_hardware_available(void);

/// The CRC-32C of `count` bytes at `bytes`, continuing from `crc` (0 to
/// start; the same convention as the Swift `CRC32C.checksum`), with the
/// CPU's instruction on three interleaved streams. Call only when
/// `soundbite_crc32c_hardware_available()` is non-zero.
uint32_t soundbite_crc32c_hardware(uint32_t crc, const void *bytes, size_t count);

#endif
