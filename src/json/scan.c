/* The streaming scanner: validates JSON text at memory speed, with the
 * reader's rules (UTF-8, escapes, surrogate pairs, number syntax and
 * range, lowercase literals, depth limit). */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json/scan.h"
#include "sfn/json.h"
#include "sfn/utf8.h"

/* SSE2 is part of every x86-64; elsewhere the scan goes eight bytes at a
 * time in plain C. */
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define SFN_SCAN_SSE2 1
#else
#define SFN_SCAN_SSE2 0
#endif

static int fail(struct sfn_scan *sc)
{
	sc->error = 1;
	return 0;
}

void Sfn_scan_ws_run(struct sfn_scan *sc)
{
	while (sc->p < sc->end && (*sc->p == ' ' || *sc->p == '\n' ||
	                           *sc->p == '\r' || *sc->p == '\t'))
		sc->p++;
}

/* Length of the valid UTF-8 sequence at P (lead byte >= 0x80), or 0. */
static size_t utf8_seq(const unsigned char *p, const unsigned char *end)
{
	enum sfn_utf8_error err;
	uint32_t cp;
	size_t n = sfn_utf8_decode((const char *) p, (size_t) (end - p), &cp,
	                           &err);

	return err == SFN_UTF8_OK ? n : 0;
}

static int hex4(const unsigned char *p, unsigned long *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		unsigned char c = p[i];

		if (c >= '0' && c <= '9')
			*v = *v * 16 + (c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			*v = *v * 16 + ((c | 0x20) - 'a' + 10);
		else
			return 0;
	}
	return 1;
}

/* \uXXXX, possibly a surrogate pair; P is at the backslash. */
static int escape_u(struct sfn_scan *sc, struct sfn_buf *key, int *cut)
{
	unsigned long c, lo;

	if (sc->end - sc->p < 6 || !hex4(sc->p + 2, &c))
		return fail(sc);
	sc->p += 6;
	if (c >= 0xdc00 && c <= 0xdfff)
		return fail(sc);
	if (c >= 0xd800 && c <= 0xdbff) {
		if (sc->end - sc->p < 6 || sc->p[0] != '\\' ||
		    sc->p[1] != 'u' || !hex4(sc->p + 2, &lo) || lo < 0xdc00 ||
		    lo > 0xdfff)
			return fail(sc);
		sc->p += 6;
		c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (c == 0)
		*cut = 1;
	if (key != NULL && !*cut)
		sfn_utf8_put(key, (uint32_t) c);
	return 1;
}

static int escape(struct sfn_scan *sc, struct sfn_buf *key, int *cut)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *e;

	if (sc->p + 1 >= sc->end)
		return fail(sc);
	if (sc->p[1] == 'u')
		return escape_u(sc, key, cut);
	e = strchr(from, sc->p[1]);
	if (e == NULL || sc->p[1] == '\0')
		return fail(sc);
	if (key != NULL && !*cut)
		sfn_buf_addc(key, to[e - from]);
	sc->p += 2;
	return 1;
}

/* How many bytes from P on are plain string bytes (printable ASCII other
 * than '"' and '\\'), looking at eight at a time while that holds. */
size_t Sfn_scan_plain_run(const unsigned char *p, const unsigned char *end)
{
	const uint64_t ones = 0x0101010101010101u, highs = ones * 0x80;
	const unsigned char *s = p;

#if SFN_SCAN_SSE2
	/* sixteen at a time: bytes below 0x20 or above 0x7f (negative as
	 * signed), '"' and '\\' */
	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *) (const void *) p);
		__m128i bad = _mm_or_si128(
		        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
		                     _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
		        _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
		int mask = _mm_movemask_epi8(bad);

		if (mask != 0)
			return (size_t) (p - s) +
			       (size_t) __builtin_ctz((unsigned) mask);
		p += 16;
	}
#endif
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
			/* the lowest marker is exact: the first such byte */
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

int Sfn_scan_string(struct sfn_scan *sc, struct sfn_buf *key)
{
	int cut = 0;

	if (key != NULL)
		sfn_buf_reset(key);
	sc->p++;
	for (;;) {
		const unsigned char *run = sc->p;
		size_t n;

		sc->p += Sfn_scan_plain_run(sc->p, sc->end);
		if (key != NULL && !cut)
			sfn_buf_add(key, run, (size_t) (sc->p - run));
		if (sc->p >= sc->end || *sc->p < 0x20)
			return fail(sc);
		if (*sc->p == '"') {
			sc->p++;
			return 1;
		}
		if (*sc->p == '\\') {
			if (!escape(sc, key, &cut))
				return 0;
			continue;
		}
		n = utf8_seq(sc->p, sc->end);
		if (n == 0)
			return fail(sc);
		if (key != NULL && !cut)
			sfn_buf_add(key, sc->p, n);
		sc->p += n;
	}
}

static int is_word(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c == '-' || c == '+' || c == '.' ||
	       c == '_';
}

static int digits(struct sfn_scan *sc)
{
	const unsigned char *s = sc->p;

	while (sc->p < sc->end && *sc->p >= '0' && *sc->p <= '9')
		sc->p++;
	return sc->p > s;
}

/* number = "-"? int frac? exp?, within a double's range */
static int number(struct sfn_scan *sc)
{
	const unsigned char *s = sc->p;
	int exp = 0;
	double d;

	if (*sc->p == '-')
		sc->p++;
	if (sc->p < sc->end && *sc->p == '0')
		sc->p++;
	else if (!digits(sc))
		return fail(sc);
	if (sc->p < sc->end && *sc->p == '.' && (sc->p++, !digits(sc)))
		return fail(sc);
	if (sc->p < sc->end && (*sc->p == 'e' || *sc->p == 'E')) {
		exp = 1;
		sc->p++;
		if (sc->p < sc->end && (*sc->p == '+' || *sc->p == '-'))
			sc->p++;
		if (!digits(sc))
			return fail(sc);
	}
	if (sc->p < sc->end && is_word(*sc->p))
		return fail(sc);
	if (!exp && sc->p - s < 300)
		return 1; /* cannot leave a double's range */
	errno = 0;
	d = strtod((const char *) s, NULL);
	if (errno == ERANGE && fabs(d) > 1.0)
		return fail(sc);
	return 1;
}

static int literal(struct sfn_scan *sc, const char *word, size_t n)
{
	if ((size_t) (sc->end - sc->p) < n || memcmp(sc->p, word, n) != 0)
		return fail(sc);
	sc->p += n;
	if (sc->p < sc->end && is_word(*sc->p))
		return fail(sc);
	return 1;
}

int Sfn_scan_scalar(struct sfn_scan *sc)
{
	if (sc->p >= sc->end)
		return fail(sc);
	switch (*sc->p) {
	case 't':
		return literal(sc, "true", 4);
	case 'f':
		return literal(sc, "false", 5);
	case 'n':
		return literal(sc, "null", 4);
	case '"':
		return Sfn_scan_string(sc, NULL);
	default:
		if (*sc->p == '-' || (*sc->p >= '0' && *sc->p <= '9'))
			return number(sc);
		return fail(sc);
	}
}

/* The members or elements of a container at p ('{' or '['). */
static int skip_container(struct sfn_scan *sc, unsigned depth)
{
	int object = *sc->p == '{';
	unsigned char close = object ? '}' : ']';

	if (depth >= SFN_JSON_MAX_DEPTH)
		return fail(sc);
	sc->p++;
	Sfn_scan_ws(sc);
	if (sc->p < sc->end && *sc->p == close) {
		sc->p++;
		return 1;
	}
	for (;;) {
		if (object) {
			if (sc->p >= sc->end || *sc->p != '"' ||
			    !Sfn_scan_string(sc, NULL))
				return fail(sc);
			Sfn_scan_ws(sc);
			if (sc->p >= sc->end || *sc->p++ != ':')
				return fail(sc);
			Sfn_scan_ws(sc);
		}
		if (!Sfn_scan_skip(sc, depth + 1))
			return 0;
		Sfn_scan_ws(sc);
		if (sc->p < sc->end && *sc->p == ',') {
			sc->p++;
			Sfn_scan_ws(sc);
			continue;
		}
		if (sc->p < sc->end && *sc->p == close) {
			sc->p++;
			return 1;
		}
		return fail(sc);
	}
}

int Sfn_scan_skip(struct sfn_scan *sc, unsigned depth)
{
	if (sc->p < sc->end && (*sc->p == '{' || *sc->p == '['))
		return skip_container(sc, depth);
	return Sfn_scan_scalar(sc);
}

/* Moves past the string at p ('"') in validated text. */
static void skip_valid_string(struct sfn_scan *sc)
{
	sc->p++;
	for (;;) {
		sc->p += Sfn_scan_plain_run(sc->p, sc->end);
		if (*sc->p == '"')
			break;
		sc->p += *sc->p == '\\' ? 2 : 1;
	}
	sc->p++;
}

static int ends_scalar(unsigned char c)
{
	return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' ||
	       c == '\r' || c == '\t' || c == '\0';
}

void Sfn_scan_skip_valid(struct sfn_scan *sc)
{
	unsigned depth = 0;

	for (;;) {
		unsigned char c = *sc->p;

		if (c == '"') {
			skip_valid_string(sc);
		} else if (c == '{' || c == '[') {
			depth++;
			sc->p++;
			continue;
		} else if (c == '}' || c == ']') {
			depth--;
			sc->p++;
		} else if (depth > 0) {
			sc->p++;
			continue;
		} else {
			while (sc->p < sc->end && !ends_scalar(*sc->p))
				sc->p++;
		}
		if (depth == 0)
			return;
	}
}
