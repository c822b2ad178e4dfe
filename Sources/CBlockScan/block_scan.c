// A block of text scanned 32 bytes at a time with AVX2 (chosen at run time; without it, two `memchr`s):
// its UTF-8 checked by the lookup algorithm of Keiser and Lemire ("Validating UTF-8 in less than one
// instruction per byte", Software: Practice and Experience, 2021; simdjson's `lookup4`), its NUL bytes
// and carriage returns found by two comparisons a chunk. `UTF8StreamCheck.checkBlock` calls it.
#include <string.h>
#include "block_scan.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2")))

/// The bytes `n` places before each byte of `input`, the first ones from the chunk before, `previous`.
#define PREVIOUS(input, previous, n) \
    _mm256_alignr_epi8((input), _mm256_permute2x128_si256((previous), (input), 0x21), 16 - (n))

/// The errors a pair of bytes can show, one bit each: a byte's table row (by its high or low four bits,
/// or the next byte's high four bits) holds the errors that byte allows; a pair's errors are the bits
/// all three rows hold.
enum {
    TOO_SHORT = 1 << 0,      // 11______ 0_______, 11______ 11______
    TOO_LONG = 1 << 1,       // 0_______ 10______
    OVERLONG_3 = 1 << 2,     // 11100000 100_____
    TOO_LARGE = 1 << 3,      // 11110100 1001____ and above
    SURROGATE = 1 << 4,      // 11101101 101_____
    OVERLONG_2 = 1 << 5,     // 1100000_ 10______
    TOO_LARGE_1000 = 1 << 6, // 11110101 1000____ and above
    OVERLONG_4 = 1 << 6,     // 11110000 1000____
    TWO_CONTINUATIONS = 1 << 7, // 10______ 10______: an error unless a three- or four-byte lead comes before
    CARRY = TOO_SHORT | TOO_LONG | TWO_CONTINUATIONS,
};

#define B(x) ((char)(unsigned char)(x))
/// A 16-entry table, in both lanes.
#define TABLE(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15)                      \
    _mm256_setr_epi8(B(a0), B(a1), B(a2), B(a3), B(a4), B(a5), B(a6), B(a7), B(a8), B(a9), B(a10),      \
        B(a11), B(a12), B(a13), B(a14), B(a15), B(a0), B(a1), B(a2), B(a3), B(a4), B(a5), B(a6), B(a7),   \
        B(a8), B(a9), B(a10), B(a11), B(a12), B(a13), B(a14), B(a15))

/// The errors of each byte of `input` (nonzero where there is one), with the three bytes before it.
static inline AVX2 __m256i errors(__m256i input, __m256i previous) {
    const __m256i low4 = _mm256_set1_epi8(0x0F);
    __m256i before = PREVIOUS(input, previous, 1);
    __m256i beforeHigh = _mm256_shuffle_epi8(
        TABLE(TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
            TWO_CONTINUATIONS, TWO_CONTINUATIONS, TWO_CONTINUATIONS, TWO_CONTINUATIONS,
            TOO_SHORT | OVERLONG_2, TOO_SHORT, TOO_SHORT | OVERLONG_3 | SURROGATE,
            TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4),
        _mm256_and_si256(_mm256_srli_epi16(before, 4), low4));
    __m256i beforeLow = _mm256_shuffle_epi8(
        TABLE(CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4, CARRY | OVERLONG_2, CARRY, CARRY,
            CARRY | TOO_LARGE, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
            CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
            CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
            CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
            CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE, CARRY | TOO_LARGE | TOO_LARGE_1000,
            CARRY | TOO_LARGE | TOO_LARGE_1000),
        _mm256_and_si256(before, low4));
    __m256i high = _mm256_shuffle_epi8(
        TABLE(TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
            TOO_LONG | OVERLONG_2 | TWO_CONTINUATIONS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,
            TOO_LONG | OVERLONG_2 | TWO_CONTINUATIONS | OVERLONG_3 | TOO_LARGE,
            TOO_LONG | OVERLONG_2 | TWO_CONTINUATIONS | SURROGATE | TOO_LARGE,
            TOO_LONG | OVERLONG_2 | TWO_CONTINUATIONS | SURROGATE | TOO_LARGE,
            TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT),
        _mm256_and_si256(_mm256_srli_epi16(input, 4), low4));
    __m256i pairs = _mm256_and_si256(_mm256_and_si256(beforeHigh, beforeLow), high);
    // The third and fourth bytes of a character (two or three places after a lead 111_____ or
    // 1111____): there two continuations in a row are required, anywhere else they are an error.
    __m256i third = _mm256_subs_epu8(PREVIOUS(input, previous, 2), _mm256_set1_epi8(B(0xE0 - 0x80)));
    __m256i fourth = _mm256_subs_epu8(PREVIOUS(input, previous, 3), _mm256_set1_epi8(B(0xF0 - 0x80)));
    __m256i required = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8(B(0x80)));
    return _mm256_xor_si256(required, pairs);
}

static AVX2 size_t scanAVX2(const unsigned char *bytes, size_t count, int *found) {
    const __m256i carriageReturn = _mm256_set1_epi8('\r');
    // Nonzero where one of a chunk's last three bytes leads a character longer than what is left.
    const __m256i leadsBeyond = _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, B(0xF0 - 1), B(0xE0 - 1), B(0xC0 - 1));
    __m256i previous = _mm256_setzero_si256();
    __m256i error = _mm256_setzero_si256();
    __m256i unfinished = _mm256_setzero_si256();
    __m256i nuls = _mm256_setzero_si256();
    __m256i carriageReturns = _mm256_setzero_si256();
    size_t offset = 0;
    for (; offset + 32 <= count; offset += 32) {
        __m256i input = _mm256_loadu_si256((const __m256i *)(bytes + offset));
        nuls = _mm256_or_si256(nuls, _mm256_cmpeq_epi8(input, _mm256_setzero_si256()));
        carriageReturns = _mm256_or_si256(carriageReturns, _mm256_cmpeq_epi8(input, carriageReturn));
        // Every chunk goes through the tables: a branch on all-ASCII chunks, mispredicted in mixed
        // text, made M's `segments.csv` slower (21 ms against 18 ms). An ASCII chunk after an unfinished
        // character shows an error (TOO_SHORT) at its first byte.
        error = _mm256_or_si256(error, errors(input, previous));
        unfinished = _mm256_subs_epu8(input, leadsBeyond);
        previous = input;
    }
    *found = (_mm256_testz_si256(nuls, nuls) ? 0 : ANALYZE_BLOCK_HAS_NUL)
        | (_mm256_testz_si256(carriageReturns, carriageReturns) ? 0 : ANALYZE_BLOCK_HAS_CARRIAGE_RETURN);
    for (size_t rest = offset; rest < count; rest++) {
        if (bytes[rest] == 0) *found |= ANALYZE_BLOCK_HAS_NUL;
        if (bytes[rest] == '\r') *found |= ANALYZE_BLOCK_HAS_CARRIAGE_RETURN;
    }
    if (!_mm256_testz_si256(error, error)) return 0;
    if (_mm256_testz_si256(unfinished, unfinished)) return offset;
    // The chunks end inside a character: the prefix ends before its lead.
    size_t lead = offset;
    while (lead > 0 && (bytes[lead - 1] & 0xC0) == 0x80) lead--;
    return lead > 0 ? lead - 1 : 0;
}
#endif

size_t analyze_block_scan(const unsigned char *bytes, size_t count, int *found) {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2")) return scanAVX2(bytes, count, found);
#endif
    *found = (memchr(bytes, 0, count) ? ANALYZE_BLOCK_HAS_NUL : 0)
        | (memchr(bytes, '\r', count) ? ANALYZE_BLOCK_HAS_CARRIAGE_RETURN : 0);
    return 0;
}

int analyze_block_scan_checks_utf8(void) {
#if defined(__x86_64__)
    return __builtin_cpu_supports("avx2");
#else
    return 0;
#endif
}
