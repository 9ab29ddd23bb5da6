/* Runs of plain JSON string bytes in plain C, eight bytes a step: the
 * fallback of ascii_scan.h's SSE2 scan, and the whole scan without SSE2.
 * Knows nothing of JSON beyond which bytes end a run. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "util/ascii_scan.h"

/* A byte is special when below 0x20, equal to '"' or '\\', or at or above
 * 0x80; on a little-endian machine the lowest marker of a word is exact,
 * so the first such byte is found at once. */
size_t Sfn_ascii_plain_run_c(const unsigned char *p, const unsigned char *end)
{
	const uint64_t ones = 0x0101010101010101u, highs = ones * 0x80;
	const unsigned char *s = p;

	while (end - p >= 8) {
		uint64_t w, q, b, special;

		memcpy(&w, p, 8);
		q = w ^ (ones * '"');
		b = w ^ (ones * '\\');
		special = (((w - ones * 0x20) & ~w) | ((q - ones) & ~q) |
		           ((b - ones) & ~b) | w) &
		          highs;
		if (special != 0) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return (size_t) (p - s) +
			       ((size_t) __builtin_ctzll(special) >> 3);
#else
			break;
#endif
		}
		p += 8;
	}
	while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
		p++;
	return (size_t) (p - s);
}
