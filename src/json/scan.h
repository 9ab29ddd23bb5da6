/* A validating JSON scanner for streaming path evaluation: it walks JSON
 * text without building a tree, accepting exactly what the JSON reader
 * accepts (an error sends the caller back to the reader for the located
 * diagnostic). It lives beside the reader, whose rules it keeps; the
 * streaming path evaluator (src/path/stream.c) is its user. */
#ifndef SFN_JSON_SCAN_H
#define SFN_JSON_SCAN_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "sfn/util.h"
#include "util/ascii_scan.h"

struct sfn_scan {
	const unsigned char *p;   /* next byte */
	const unsigned char *end; /* end of input; *end is NUL */
	int error;                /* the text is not valid JSON */
};

/* Moves past white space: the first byte is tested here, as most often
 * there is none; a run goes to Sfn_scan_ws_run. */
void Sfn_scan_ws_run(struct sfn_scan *sc);
static inline void Sfn_scan_ws(struct sfn_scan *sc)
{
	if (sc->p >= sc->end || *sc->p <= ' ')
		Sfn_scan_ws_run(sc);
}
/* Past the white space from P on; the first byte is tested inline. */
SFN_HOT_INLINE const unsigned char *Sfn_scan_ws_at(const unsigned char *p,
                                                   const unsigned char *end)
{
	while (p < end && *p <= ' ' &&
	       (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
		p++;
	return p;
}
/* P when the byte there is C (most often it is: no white space before
 * it), else past the white space from P on. */
SFN_HOT_INLINE const unsigned char *Sfn_scan_to(const unsigned char *p,
                                                const unsigned char *end,
                                                unsigned char c)
{
	if (p < end && *p == c)
		return p;
	return Sfn_scan_ws_at(p, end);
}
/* How many bytes from P on are plain string bytes: printable ASCII other
 * than '"' and '\\'. */
static inline size_t Sfn_scan_plain_run(const unsigned char *p,
                                        const unsigned char *end)
{
	return Sfn_ascii_plain_run(p, end);
}
/* A string at p (which is '"'): validates it and moves past it. When KEY
 * is not NULL, its decoded value (cut at a \u0000, as the reader keeps
 * it) goes there. Returns 0 on error. */
int Sfn_scan_string(struct sfn_scan *sc, struct sfn_buf *key);
/* Past the string at P ('"') when it is one run of plain bytes (most
 * are): its end; else NULL, and the caller takes Sfn_scan_string. */
SFN_HOT_INLINE const unsigned char *Sfn_scan_plain_string(
        const unsigned char *p, const unsigned char *end)
{
	p += 1 + Sfn_ascii_plain_run(p + 1, end);
	return p < end && *p == '"' ? p + 1 : NULL;
}
/* Past the digits from P on (none: P). */
SFN_HOT_INLINE const unsigned char *Sfn_scan_digits(const unsigned char *p,
                                                    const unsigned char *end)
{
	while (p < end && (unsigned char) (*p - '0') <= 9)
		p++;
	return p;
}
/* The end of the value at P (before END) when it is a plain string or
 * a number of at most SFN_SCAN_SIMPLE_DIGITS bytes without sign, leading
 * zero or exponent (as most are); else NULL, and Sfn_scan_value decides.
 */
#define SFN_SCAN_SIMPLE_DIGITS 64
SFN_HOT_INLINE const unsigned char *Sfn_scan_simple(const unsigned char *p,
                                                    const unsigned char *end)
{
	const unsigned char *q, *f;

	if (*p == '"')
		return Sfn_scan_plain_string(p, end);
	if ((unsigned char) (*p - '1') > 8)
		return NULL;
	q = Sfn_scan_digits(p + 1, end);
	if (q < end && *q == '.') {
		f = Sfn_scan_digits(q + 1, end);
		if (f == q + 1)
			return NULL;
		q = f;
	}
	if (q - p > SFN_SCAN_SIMPLE_DIGITS)
		return NULL;
	/* what may follow a number: what the reader would not read on */
	if (q < end && *q != ',' && *q != '}' && *q != ']' && *q > ' ')
		return NULL;
	return q;
}
/* Validates any value at p and moves past it; DEPTH is its nesting.
 * Sfn_scan_skip takes a simple value itself, the rest is Sfn_scan_value's.
 */
int Sfn_scan_value(struct sfn_scan *sc, unsigned depth);
SFN_HOT_INLINE int Sfn_scan_skip(struct sfn_scan *sc, unsigned depth)
{
	const unsigned char *q = NULL;

	if (sc->p < sc->end)
		q = Sfn_scan_simple(sc->p, sc->end);
	if (q == NULL)
		return Sfn_scan_value(sc, depth);
	sc->p = q;
	return 1;
}
/* Skips the value at p in text Sfn_scan_skip has validated already:
 * faster, as it only follows strings and brackets. */
void Sfn_scan_skip_valid(struct sfn_scan *sc);
/* Writes the validated value at p to OUT as sfn_jsonout would write it
 * parsed (PRETTY: two-space layout at DEPTH; else compact), and moves
 * past it. TMP is scratch space. */
void Sfn_scan_transcode(struct sfn_scan *sc, int pretty, int depth,
                        struct sfn_buf *tmp, struct sfn_buf *out);
/* Builds the validated value at p as a read-only cJSON tree in ARENA
 * (never to be passed to cJSON_Delete) and moves past it; NULL when the
 * arena runs out of memory. */
const cJSON *Sfn_scan_build(struct sfn_scan *sc, struct sfn_arena *arena,
                            struct sfn_buf *tmp);
/* The same, but of an object only the members NAMES[0, N) lists are
 * built (what a filter reads of it); other values are built whole. */
const cJSON *Sfn_scan_build_some(struct sfn_scan *sc, struct sfn_arena *arena,
                                 struct sfn_buf *tmp, const char *const *names,
                                 size_t n);
/* A number, true, false or null at p. */
int Sfn_scan_scalar(struct sfn_scan *sc);
/* The value of the validated number S[0, TO), as strtod gives it (errno
 * too), read without looking at END or past it: a number that ends the
 * text is copied first (if that copy cannot be made, the NUL that
 * follows the text stops strtod). */
double Sfn_scan_strtod(const unsigned char *s, const unsigned char *to,
                       const unsigned char *end);
/* The end of the validated number at P. */
static inline const unsigned char *Sfn_scan_number_end(const unsigned char *p,
                                                       const unsigned char *end)
{
	while (p < end && ((unsigned char) (*p - '0') <= 9 || *p == '-' ||
	                   *p == '+' || *p == '.' || (*p | 0x20) == 'e'))
		p++;
	return p;
}

#endif
