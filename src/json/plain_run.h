/* Runs the JSON lexer skips at once: the plain run of a string, the bytes
 * it holds as they are, up to the first quote, backslash, control
 * character or non-ASCII byte; and runs of spaces, the indentation of
 * pretty-printed text. Sixteen bytes at a time with SSE2 (always there on
 * x86-64), else eight; knows nothing of tokens. */
#ifndef SFN_JSON_PLAIN_RUN_H
#define SFN_JSON_PLAIN_RUN_H

#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(__SSE2__)
/* The bytes that end a plain run, one bit each for the 16 at P. */
static inline unsigned Sfn_json_plain_stops16(const unsigned char *p)
{
	__m128i x = _mm_loadu_si128((const __m128i *) p);
	__m128i quote = _mm_cmpeq_epi8(x, _mm_set1_epi8('"'));
	__m128i slash = _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'));
	/* signed: below 0x20 are the control characters and, as negative
	 * numbers, the bytes from 0x80 on */
	__m128i low = _mm_cmplt_epi8(x, _mm_set1_epi8(0x20));

	return (unsigned) _mm_movemask_epi8(
	        _mm_or_si128(_mm_or_si128(quote, slash), low));
}
#else
/* The high bit of each byte of X (8 bytes, little-endian order) that ends
 * a plain run. Borrows can flag a byte above a flagged one, never below,
 * so the lowest flag is exact. */
static inline uint64_t Sfn_json_plain_stops8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u, high = ones << 7;
	uint64_t quote = x ^ (ones * '"'), slash = x ^ (ones * '\\');

	return (((quote - ones) & ~quote) | ((slash - ones) & ~slash) |
	        ((x - ones * 0x20) & ~x) | x) &
	       high;
}

/* Loads 8 bytes as a little-endian number. */
static inline uint64_t Sfn_json_load_le(const unsigned char *p)
{
	uint64_t x = 0;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(&x, p, 8);
#else
	for (int i = 7; i >= 0; i--)
		x = x << 8 | p[i];
#endif
	return x;
}
#endif

/* The first byte from P on that ends a plain run; *LIM is NUL, which
 * ends it at the latest. Blocks are read only while whole before LIM. */
static inline const unsigned char *Sfn_json_plain_run(const unsigned char *p,
                                                      const unsigned char *lim)
{
#if defined(__SSE2__)
	for (; lim - p >= 16; p += 16) {
		unsigned m = Sfn_json_plain_stops16(p);

		if (m != 0)
			return p + __builtin_ctz(m);
	}
#else
	for (; lim - p >= 8; p += 8) {
		uint64_t m = Sfn_json_plain_stops8(Sfn_json_load_le(p));

		if (m != 0) {
			while (!(m & 0x80)) {
				m >>= 8;
				p++;
			}
			return p;
		}
	}
#endif
	while (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
		p++;
	return p;
}

/* The first byte from P on that is not a space; *LIM is NUL. */
static inline const unsigned char *Sfn_json_space_run(const unsigned char *p,
                                                      const unsigned char *lim)
{
#if defined(__SSE2__)
	for (; lim - p >= 16; p += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *) p);
		unsigned m = (unsigned) _mm_movemask_epi8(
		        _mm_cmpeq_epi8(x, _mm_set1_epi8(' ')));

		if (m != 0xffff)
			return p + __builtin_ctz(~m);
	}
#else
	const uint64_t spaces = 0x2020202020202020u;
	uint64_t x;

	for (; lim - p >= 8; p += 8) {
		memcpy(&x, p, 8);
		if (x != spaces)
			break;
	}
#endif
	while (*p == ' ')
		p++;
	return p;
}

#endif
