/* The streaming scanner: validates JSON text at memory speed, with the
 * reader's rules (UTF-8, escapes, surrogate pairs, number syntax and
 * range, lowercase literals, depth limit). */
#include "config.h"

#include <errno.h>
#include <float.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json/scan.h"
#include "sfn/json.h"
#include "sfn/utf8.h"

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

/* The rest of a string, from within it: escapes, UTF-8 and the runs of
 * plain bytes between them. */
static int string_rest(struct sfn_scan *sc, struct sfn_buf *key)
{
	int cut = 0;

	for (;;) {
		const unsigned char *run = sc->p;
		size_t n;

		sc->p += Sfn_ascii_plain_run(sc->p, sc->end);
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

/* Most strings are one run of plain bytes: that case costs one run. */
static inline int string(struct sfn_scan *sc, struct sfn_buf *key)
{
	const unsigned char *q;

	if (key != NULL) {
		sfn_buf_reset(key);
		sc->p++;
		return string_rest(sc, key);
	}
	q = Sfn_scan_plain_string(sc->p, sc->end);
	if (q != NULL) {
		sc->p = q;
		return 1;
	}
	sc->p++;
	return string_rest(sc, NULL);
}

int Sfn_scan_string(struct sfn_scan *sc, struct sfn_buf *key)
{
	return string(sc, key);
}

/* Bytes that may not follow a number or a literal: those that could
 * continue one (the reader's lexer would read a longer, bad token). */
static const unsigned char word_byte[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['a'] = 1, ['b'] = 1,
	['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
	['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
	['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
	['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1, ['-'] = 1, ['+'] = 1, ['.'] = 1, ['_'] = 1,
};

static inline int is_digit(unsigned char c)
{
	return (unsigned char) (c - '0') <= 9;
}

/* Clinger's fast path: a number of at most 15 digits, with a fraction
 * but no exponent, is its digits (exact in a double) divided by a power
 * of ten (exact too), which IEEE division rounds as strtod does. 0 when
 * S[0, N) is no such number. */
static int exact_decimal(const unsigned char *s, size_t n, double *d)
{
	static const double tens[] = { 1e0,  1e1,  1e2,  1e3, 1e4,  1e5,
		                       1e6,  1e7,  1e8,  1e9, 1e10, 1e11,
		                       1e12, 1e13, 1e14, 1e15 };
	int neg = n > 0 && *s == '-', digits = 0, frac = -1;
	uint64_t v = 0;

	if (FLT_EVAL_METHOD != 0)
		return 0; /* x87: the quotient would be rounded twice */
	for (size_t i = (size_t) neg; i < n; i++) {
		if (s[i] == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (!is_digit(s[i]) || ++digits > 15)
			return 0;
		v = v * 10 + (uint64_t) (s[i] - '0');
		frac += frac >= 0;
	}
	if (digits == 0)
		return 0;
	*d = (double) v / tens[frac > 0 ? frac : 0];
	if (neg)
		*d = -*d;
	return 1;
}

double Sfn_scan_strtod(const unsigned char *s, const unsigned char *to,
                       const unsigned char *end)
{
	char small[128], *copy;
	size_t n = (size_t) (to - s);
	double d;

	if (exact_decimal(s, n, &d))
		return d;
	if (to < end) /* strtod stops at *to, in the text */
		return strtod((const char *) s, NULL);
	copy = n < sizeof(small) ? small : malloc(n + 1);
	if (copy == NULL) /* the NUL that follows the text stops it */
		return strtod((const char *) s, NULL);
	memcpy(copy, s, n);
	copy[n] = '\0';
	d = strtod(copy, NULL);
	if (copy != small)
		free(copy);
	return d;
}

/* Whether the number S[0, TO) leaves a double's range. */
static int out_of_range(const unsigned char *s, const unsigned char *to,
                        const unsigned char *end)
{
	double d;

	errno = 0;
	d = Sfn_scan_strtod(s, to, end);
	return errno == ERANGE && fabs(d) > 1.0;
}

/* number = "-"? int frac? exp?, within a double's range */
static int number(struct sfn_scan *sc)
{
	const unsigned char *s = sc->p, *p = s, *end = sc->end, *q;
	int exp = 0;

	if (*p == '-')
		p++;
	if (p < end && *p == '0')
		p++;
	else if ((q = Sfn_scan_digits(p, end)) > p)
		p = q;
	else
		return fail(sc);
	if (p < end && *p == '.') {
		q = Sfn_scan_digits(p + 1, end);
		if (q == p + 1)
			return fail(sc);
		p = q;
	}
	if (p < end && (*p | 0x20) == 'e') {
		exp = 1;
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		q = Sfn_scan_digits(p, end);
		if (q == p)
			return fail(sc);
		p = q;
	}
	sc->p = p;
	if (p < end && word_byte[*p])
		return fail(sc);
	if (!exp && p - s < 300)
		return 1; /* cannot leave a double's range */
	return out_of_range(s, p, end) ? fail(sc) : 1;
}

static int literal(struct sfn_scan *sc, const char *word, size_t n)
{
	if ((size_t) (sc->end - sc->p) < n || memcmp(sc->p, word, n) != 0)
		return fail(sc);
	sc->p += n;
	if (sc->p < sc->end && word_byte[*sc->p])
		return fail(sc);
	return 1;
}

/* A scalar at p, which is before the end. */
static inline int scalar(struct sfn_scan *sc)
{
	switch (*sc->p) {
	case '"':
		return string(sc, NULL);
	case 't':
		return literal(sc, "true", 4);
	case 'f':
		return literal(sc, "false", 5);
	case 'n':
		return literal(sc, "null", 4);
	default:
		if (*sc->p == '-' || is_digit(*sc->p))
			return number(sc);
		return fail(sc);
	}
}

int Sfn_scan_scalar(struct sfn_scan *sc)
{
	if (sc->p >= sc->end)
		return fail(sc);
	return scalar(sc);
}

/* A value inside a container at P (before the end): its end, NULL when
 * invalid. Simple values are taken here, the rest by the functions
 * above. */
static int skip_container(struct sfn_scan *sc, unsigned depth);
SFN_HOT_INLINE const unsigned char *element(struct sfn_scan *sc,
                                            const unsigned char *p,
                                            unsigned depth)
{
	const unsigned char *q = Sfn_scan_simple(p, sc->end);

	if (q != NULL)
		return q;
	sc->p = p;
	if (*p == '{' || *p == '[') {
		if (!skip_container(sc, depth + 1))
			return NULL;
	} else if (!scalar(sc)) {
		return NULL;
	}
	return sc->p;
}

/* The members or elements of a container at p ('{' or '['), held in a
 * local pointer between calls out. */
static int skip_container(struct sfn_scan *sc, unsigned depth)
{
	const unsigned char *p = sc->p, *end = sc->end;
	int object = *p == '{';
	unsigned char close = object ? '}' : ']';

	if (depth >= SFN_JSON_MAX_DEPTH)
		return fail(sc);
	p = Sfn_scan_ws_at(p + 1, end);
	if (p < end && *p == close) {
		sc->p = p + 1;
		return 1;
	}
	for (;;) {
		if (object) {
			if (p >= end || *p != '"')
				return fail(sc);
			p = element(sc, p, depth);
			if (p == NULL)
				return fail(sc);
			p = Sfn_scan_to(p, end, ':');
			if (p >= end || *p != ':')
				return fail(sc);
			p = Sfn_scan_ws_at(p + 1, end);
		}
		if (p >= end)
			return fail(sc);
		p = element(sc, p, depth);
		if (p == NULL)
			return fail(sc);
		p = Sfn_scan_to(p, end, ',');
		if (p < end && *p == ',') {
			p = Sfn_scan_to(p + 1, end, '"');
			continue;
		}
		if (p < end && *p == close) {
			sc->p = p + 1;
			return 1;
		}
		return fail(sc);
	}
}

int Sfn_scan_value(struct sfn_scan *sc, unsigned depth)
{
	if (sc->p >= sc->end)
		return fail(sc);
	if (*sc->p == '{' || *sc->p == '[')
		return skip_container(sc, depth);
	return scalar(sc);
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
			/* most runs are a ':' or a ',' alone: the next byte
			 * is tested before a longer run is looked for */
			sc->p++;
			if (*sc->p != '"' && (*sc->p | 0x20) != '{' &&
			    (*sc->p | 0x20) != '}')
				sc->p += Sfn_ascii_unstructured_run(sc->p,
				                                    sc->end);
			continue;
		} else {
			while (sc->p < sc->end && !ends_scalar(*sc->p))
				sc->p++;
		}
		if (depth == 0)
			return;
	}
}
