#ifndef ANALYZE_BLOCK_SCAN_H
#define ANALYZE_BLOCK_SCAN_H
#include <stddef.h>

/// What `analyze_block_scan` found in a block: a NUL byte, a carriage return.
enum {
    ANALYZE_BLOCK_HAS_NUL = 1,
    ANALYZE_BLOCK_HAS_CARRIAGE_RETURN = 2,
};

/// Scans `count` bytes, which start between two UTF-8 characters: sets `found` to what they hold
/// (`ANALYZE_BLOCK_HAS_NUL`, `ANALYZE_BLOCK_HAS_CARRIAGE_RETURN`), and returns the length of a prefix
/// of them that is well-formed UTF-8 ending between characters. When all the bytes are well-formed,
/// the prefix is all but at most their last 35 (the 32-byte chunks' rest and a character cut by the
/// last chunk's end); when they break UTF-8 it may be 0; without AVX2 it is always 0 (the caller
/// checks the bytes after the prefix itself).
size_t analyze_block_scan(const unsigned char *bytes, size_t count, int *found);

/// Whether `analyze_block_scan` checks UTF-8 on this processor (AVX2), rather than returning 0.
int analyze_block_scan_checks_utf8(void);

#endif
