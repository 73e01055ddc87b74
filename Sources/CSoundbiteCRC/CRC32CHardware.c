// CRC-32C with the CPU's own instruction: SSE4.2 `crc32` on x86-64, the
// ARMv8 CRC extension on arm64. The Swift side (Storage/CRC32C.swift) calls
// this only after `soundbite_crc32c_hardware_available()` said yes, and
// otherwise uses its slicing-by-8 tables.
//
// The instruction has a latency of about three cycles but starts one every
// cycle, so a long buffer is cut into three equal streams computed side by
// side: the first continues the running CRC, the other two start from zero,
// and the three register values are joined by linearity,
//     reg(A·B) = reg(A) · x^(8·|B|) mod P  ⊕  reg_0(B),
// where the multiplication by x^(8·|B|) (feeding |B| zero bytes) is a
// carry-less multiply modulo the polynomial, done here in 32 steps. The
// constants are x^(8·L) mod P in the reflected bit order (bit 31 = x^0).

#include "CSoundbiteCRC.h"
#include <string.h>

#define POLY 0x82F63B78u   // CRC-32C, reflected

/// Bytes per stream of the long and the short three-stream blocks.
#define LONG_STREAM 8192
#define SHORT_STREAM 256
/// x^(8·8192) and x^(8·256) mod P, reflected.
#define LONG_SHIFT 0x28461564u
#define SHORT_SHIFT 0x88E56F72u

/// a · b mod P, both reflected (bit 31 is x^0); branch-free, 32 steps.
static uint32_t multiply_mod_p(uint32_t a, uint32_t b) {
    uint32_t product = 0;
    for (int i = 0; i < 32; i++) {
        product ^= b & (uint32_t)-(int32_t)((a >> 31) & 1u);
        a <<= 1;
        b = (b >> 1) ^ (POLY & (uint32_t)-(int32_t)(b & 1u));
    }
    return product;
}

static inline uint64_t load64(const unsigned char *p) {
    uint64_t v;
    memcpy(&v, p, 8);
    return v;   // little-endian on every target this file is built for
}

#if defined(__x86_64__) || defined(_M_X64)
#include <nmmintrin.h>
#define HW_TARGET __attribute__((target("sse4.2")))
#define CRC8(c, v) ((uint32_t)_mm_crc32_u8((c), (v)))
#define CRC64(c, v) ((uint32_t)_mm_crc32_u64((c), (v)))

int soundbite_crc32c_hardware_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2");
}
#define HAVE_HW 1

#elif defined(__aarch64__)
#include <arm_acle.h>
#define HW_TARGET __attribute__((target("crc")))
#define CRC8(c, v) __crc32cb((c), (v))
#define CRC64(c, v) __crc32cd((c), (v))
#if defined(__APPLE__)
int soundbite_crc32c_hardware_available(void) { return 1; }   // every Apple arm64 CPU has it
#else
#include <sys/auxv.h>
#ifndef HWCAP_CRC32
#define HWCAP_CRC32 (1 << 7)
#endif
int soundbite_crc32c_hardware_available(void) { return (getauxval(AT_HWCAP) & HWCAP_CRC32) != 0; }
#endif
#define HAVE_HW 1

#else
int soundbite_crc32c_hardware_available(void) { return 0; }
uint32_t soundbite_crc32c_hardware(uint32_t crc, const void *bytes, size_t count) {
    (void)bytes; (void)count;
    return crc;   // never called: the Swift side checks availability first
}
#endif

#ifdef HAVE_HW
/// Three streams of `stream` bytes each from `p`, joined into `c` (raw register).
HW_TARGET static inline uint32_t three_streams(uint32_t c, const unsigned char *p, size_t stream, uint32_t shift) {
    uint32_t c1 = 0, c2 = 0;
    const unsigned char *p1 = p + stream, *p2 = p + 2 * stream;
    for (size_t i = 0; i < stream; i += 8) {
        c = CRC64(c, load64(p + i));
        c1 = CRC64(c1, load64(p1 + i));
        c2 = CRC64(c2, load64(p2 + i));
    }
    c = multiply_mod_p(shift, c) ^ c1;
    return multiply_mod_p(shift, c) ^ c2;
}

HW_TARGET uint32_t soundbite_crc32c_hardware(uint32_t crc, const void *bytes, size_t count) {
    const unsigned char *p = (const unsigned char *)bytes;
    uint32_t c = ~crc;
    // Single bytes up to an 8-byte boundary, so the wide loads are aligned.
    while (count > 0 && ((uintptr_t)p & 7) != 0) {
        c = CRC8(c, *p++);
        count--;
    }
    while (count >= 3 * LONG_STREAM) {
        c = three_streams(c, p, LONG_STREAM, LONG_SHIFT);
        p += 3 * LONG_STREAM;
        count -= 3 * LONG_STREAM;
    }
    while (count >= 3 * SHORT_STREAM) {
        c = three_streams(c, p, SHORT_STREAM, SHORT_SHIFT);
        p += 3 * SHORT_STREAM;
        count -= 3 * SHORT_STREAM;
    }
    while (count >= 8) {
        c = CRC64(c, load64(p));
        p += 8;
        count -= 8;
    }
    while (count > 0) {
        c = CRC8(c, *p++);
        count--;
    }
    return ~c;
}
#endif
