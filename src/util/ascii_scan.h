/* Runs of plain JSON string bytes (printable ASCII but '"' and '\\'), of
 * YAML's double-quoted text (copied as found), of
 * bytes that are no quote or bracket, and of spaces (the indentation of
 * pretty-printed text), sixteen bytes at a time with SSE2
 * (every x86-64), else in plain C; never reading at or past END. Knows
 * nothing of escapes or UTF-8: the caller looks at the byte ending a run. */
#ifndef SFN_UTIL_ASCII_SCAN_H
#define SFN_UTIL_ASCII_SCAN_H

#include <stddef.h>
#include <stdint.h>

/* The scanners' innermost helpers are inlined even where the compiler
 * would rather not: a call costs as much as the work. */
#if defined(__GNUC__)
#define SFN_HOT_INLINE static inline __attribute__((always_inline))
#else
#define SFN_HOT_INLINE static inline
#endif

/* -DSFN_NO_SIMD builds the plain C scan alone, to test it everywhere. */
#if defined(__SSE2__) && defined(__GNUC__) && !defined(SFN_NO_SIMD)
#include <emmintrin.h>
#define SFN_ASCII_SSE2 1
#else
#define SFN_ASCII_SSE2 0
#endif

/* Plain C, eight bytes a step (ascii_scan.c): the whole scan where
 * there is no SSE2, and the last fifteen bytes of the text where there
 * is. */
size_t Sfn_ascii_plain_run_c(const unsigned char *p, const unsigned char *end);

#if SFN_ASCII_SSE2
/* The sixteen bytes at P as a mask, bit I set when byte I ends a plain
 * run: below 0x20 or from 0x80 (both below 0x20 as signed bytes), '"'
 * or '\\'. */
SFN_HOT_INLINE unsigned Sfn_ascii_plain_mask(const unsigned char *p)
{
	__m128i v = _mm_loadu_si128((const __m128i *) (const void *) p);

	return (unsigned) _mm_movemask_epi8(_mm_or_si128(
	        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
	                     _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
	        _mm_cmpgt_epi8(_mm_set1_epi8(0x20), v)));
}

/* SSE2, sixteen bytes a step; the rest in plain C. */
SFN_HOT_INLINE size_t Sfn_ascii_plain_run_sse2(const unsigned char *p,
                                               const unsigned char *end)
{
	const unsigned char *s = p;

	while (end - p >= 16) {
		unsigned mask = Sfn_ascii_plain_mask(p);

		if (mask != 0)
			return (size_t) (p - s) + (size_t) __builtin_ctz(mask);
		p += 16;
	}
	return (size_t) (p - s) + Sfn_ascii_plain_run_c(p, end);
}
#endif

/* How many bytes from P on, before END, are plain string bytes. */
SFN_HOT_INLINE size_t Sfn_ascii_plain_run(const unsigned char *p,
                                          const unsigned char *end)
{
#if SFN_ASCII_SSE2
	return Sfn_ascii_plain_run_sse2(p, end);
#else
	return Sfn_ascii_plain_run_c(p, end);
#endif
}

/* How many bytes from P on, before END, are none of '"', '[', ']', '{'
 * and '}': what a walk over validated JSON passes without a look. */
SFN_HOT_INLINE size_t Sfn_ascii_unstructured_run(const unsigned char *p,
                                                 const unsigned char *end)
{
	const unsigned char *s = p;

#if SFN_ASCII_SSE2
	/* '[' and '{', ']' and '}' differ in bit 0x20 alone */
	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *) (const void *) p);
		__m128i w = _mm_or_si128(v, _mm_set1_epi8(0x20));
		unsigned mask = (unsigned) _mm_movemask_epi8(_mm_or_si128(
		        _mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
		        _mm_or_si128(_mm_cmpeq_epi8(w, _mm_set1_epi8('{')),
		                     _mm_cmpeq_epi8(w, _mm_set1_epi8('}')))));

		if (mask != 0)
			return (size_t) (p - s) + (size_t) __builtin_ctz(mask);
		p += 16;
	}
#endif
	while (p < end && *p != '"' && (*p | 0x20) != '{' && (*p | 0x20) != '}')
		p++;
	return (size_t) (p - s);
}

/* For text with a NUL at LIM (the JSON reader's): the first byte from P
 * on that ends a plain run, LIM at the latest. Whole blocks are read only
 * before LIM; the last bytes need no bound, the NUL stops them. */
SFN_HOT_INLINE const unsigned char *Sfn_ascii_plain_stop(
        const unsigned char *p, const unsigned char *lim)
{
#if SFN_ASCII_SSE2
	for (; lim - p >= 16; p += 16) {
		unsigned mask = Sfn_ascii_plain_mask(p);

		if (mask != 0)
			return p + __builtin_ctz(mask);
	}
	while (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
		p++;
	return p;
#else
	return p + Sfn_ascii_plain_run_c(p, lim);
#endif
}

/* For text with a NUL at LIM: copies the run of printable ASCII (0x20
 * to 0x7e) but '"' and '\\' from P on to *OUT (YAML's double-quoted text,
 * where DEL is no printable character, unlike a JSON string's), moving
 * *OUT past it, and returns where it stops. While the text before LIM
 * and the room before OUT_END both hold sixteen bytes, sixteen are stored
 * at a time, the run or not: bytes past the run's copy may be written,
 * within the room. */
SFN_HOT_INLINE const unsigned char *Sfn_ascii_printable_copy(
        const unsigned char *p, const unsigned char *lim, unsigned char **out,
        const unsigned char *out_end)
{
	unsigned char *o = *out;

#if SFN_ASCII_SSE2
	for (; lim - p >= 16 && out_end - o >= 16; p += 16, o += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *) (const void *) p);
		unsigned mask = Sfn_ascii_plain_mask(p) |
		                (unsigned) _mm_movemask_epi8(
		                        _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f)));

		_mm_storeu_si128((__m128i *) (void *) o, v);
		if (mask != 0) {
			*out = o + __builtin_ctz(mask);
			return p + __builtin_ctz(mask);
		}
	}
#else
	(void) out_end;
#endif
	while (p < lim && *p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\')
		*o++ = *p++;
	*out = o;
	return p;
}

/* For text with a NUL at LIM: the first byte from P on that is not a
 * space (runs of them are the indentation of pretty-printed text). */
SFN_HOT_INLINE const unsigned char *Sfn_ascii_space_stop(
        const unsigned char *p, const unsigned char *lim)
{
#if SFN_ASCII_SSE2
	for (; lim - p >= 16; p += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *) (const void *) p);
		unsigned mask = (unsigned) _mm_movemask_epi8(
		        _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));

		if (mask != 0xffff)
			return p + __builtin_ctz(~mask);
	}
#else
	(void) lim;
#endif
	while (*p == ' ')
		p++;
	return p;
}

/* The integer P..END, '-'? and digits, when it has at most 15 digits:
 * exact in a double, no strtod needed. 0 for anything else. */
SFN_HOT_INLINE int Sfn_ascii_small_integer(const unsigned char *p,
                                           const unsigned char *end,
                                           double *out)
{
	int negative = *p == '-';
	uint64_t v = 0;

	p += negative;
	if (end - p > 15)
		return 0;
	for (; p < end; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		v = v * 10 + (uint64_t) (*p - '0');
	}
	*out = negative ? -(double) v : (double) v;
	return 1;
}

#endif
