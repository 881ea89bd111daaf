// The byte scan shared by the compact-text readers of this folder. Not part of the interface.
#pragma once

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace crm::json::detail {

// The first byte in [p, end) that is '"', '\\' or a control character, else end: inside a
// string, everything before it is copied as it is. Sixteen bytes at a time where SSE2 is.
inline const char* plain_run(const char* p, const char* end) {
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i control_max = _mm_set1_epi8(0x1F);
    for (; end - p >= 16; p += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(bytes, control_max), control_max);  // <= 0x1F
        const __m128i special =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)), control);
        if (const int mask = _mm_movemask_epi8(special)) return p + __builtin_ctz(static_cast<unsigned>(mask));
    }
#endif
    while (p < end && *p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20) ++p;
    return p;
}

}  // namespace crm::json::detail
