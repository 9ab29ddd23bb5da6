/* Spans from byte offsets: a node of the JSON reader keeps only where its
 * value starts, and its line, column, end and key are read again from the
 * text when a finding needs them (rarely, and for few nodes). Knows the
 * lexical shape of JSON text, nothing of trees. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "json/offsets.h"
#include "sfn/utf8.h"

/* The line table: one offset per line start, built in one pass. */
static int build_lines(struct sfn_json_text *t)
{
	size_t n = 1, i = 0;
	const char *p = t->text, *end = t->text + t->len;

	while ((p = memchr(p, '\n', (size_t) (end - p))) != NULL && p++ < end)
		n++;
	t->lines = malloc(n * sizeof(*t->lines));
	if (t->lines == NULL)
		return 0;
	t->lines[i++] = 0;
	for (p = t->text; (p = memchr(p, '\n', (size_t) (end - p))) != NULL;)
		t->lines[i++] = (uint32_t) (++p - t->text);
	t->nlines = n;
	return 1;
}

/* The column of OFF counted from the last position asked for, when that
 * is on line LO and nearer than the line's start (a key asked for after
 * its value, on a one-line document). 0 when it is not. */
static unsigned from_cursor(const struct sfn_json_text *t, size_t lo,
                            size_t off)
{
	if (t->at_col == 0 || t->at_line != lo)
		return 0;
	if (t->at_off <= off)
		return t->at_col +
		       (unsigned) sfn_utf8_count(t->text + t->at_off,
		                                 off - t->at_off);
	if (t->at_off - off >= off - t->lines[lo])
		return 0;
	return t->at_col -
	       (unsigned) sfn_utf8_count(t->text + off, t->at_off - off);
}

/* Line and column of byte OFF: columns count characters, as the lexer
 * does; counted on (or back) from the last position asked for when that
 * is nearer on the same line, so that many positions asked for on one
 * long line stay linear. */
static void position(struct sfn_json_text *t, size_t off, unsigned *line,
                     unsigned *col)
{
	size_t lo = 0, hi = t->nlines;
	unsigned c;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	c = from_cursor(t, lo, off);
	if (c == 0)
		c = 1 + (unsigned) sfn_utf8_count(t->text + t->lines[lo],
		                                  off - t->lines[lo]);
	t->at_line = lo;
	t->at_off = off;
	t->at_col = c;
	*line = (unsigned) lo + 1;
	*col = c;
}

static int is_quote(char c)
{
	return c == '"' || c == '\0';
}

/* The end of the string whose opening quote is at P: past its closing
 * quote (or the NUL written over it). */
static const char *string_end(const char *p, const char *lim)
{
	for (p++; p < lim && !is_quote(*p); p++)
		if (*p == '\\')
			p++;
	return p < lim ? p + 1 : lim;
}

/* The end of the array or object opening at P: past its bracket. */
static const char *container_end(const char *p, const char *lim)
{
	size_t depth = 0;

	while (p < lim) {
		if (*p == '"') {
			p = string_end(p, lim);
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if ((*p == '}' || *p == ']') && --depth == 0)
			return p + 1;
		p++;
	}
	return lim;
}

/* The end of the value starting at P. */
static const char *value_end(const char *p, const char *lim)
{
	if (*p == '{' || *p == '[')
		return container_end(p, lim);
	if (*p == '"')
		return string_end(p, lim);
	while (p < lim && *p != '\0' && strchr("0123456789+-.eEtrufalsn", *p))
		p++;
	return p;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Whether the quote at P is unescaped: an even run of backslashes
 * before it. */
static int unescaped(const char *text, const char *p)
{
	size_t n = 0;

	while (p - n > text && p[-1 - (long) n] == '\\')
		n++;
	return n % 2 == 0;
}

/* The key before the value at P: back over blanks, the colon, blanks, to
 * the key's closing quote and then its opening one. 0 when P follows no
 * key. */
static int key_at(const char *text, const char *p, const char **begin,
                  const char **end)
{
	size_t i;

	while (p > text && is_space(p[-1]))
		p--;
	if (p == text || p[-1] != ':')
		return 0;
	for (p--; p > text && is_space(p[-1]); p--)
		;
	if (p == text || !is_quote(p[-1]))
		return 0;
	*end = p;
	/* the opening quote: the first unescaped one before the closing */
	for (i = (size_t) (p - text) - 1; i > 0; i--)
		if (text[i - 1] == '"' && unescaped(text, text + i - 1))
			break;
	if (i == 0)
		return 0;
	*begin = text + i - 1;
	return 1;
}

size_t Sfn_json_text_close(const struct sfn_json_text *t, size_t last,
                           size_t levels)
{
	const char *lim = t->text + t->len;
	const char *p = value_end(t->text + last, lim);

	for (; levels > 0; levels--) {
		while (p < lim && is_space(*p))
			p++;
		if (p == lim || (*p != '}' && *p != ']'))
			return 0;
		p++;
	}
	return (size_t) (p - t->text);
}

int Sfn_json_text_spans(struct sfn_json_text *t, size_t off,
                        struct sfn_span *value, struct sfn_span *key)
{
	return Sfn_json_text_spans_to(t, off, 0, value, key);
}

int Sfn_json_text_spans_to(struct sfn_json_text *t, size_t off, size_t end,
                           struct sfn_span *value, struct sfn_span *key)
{
	const char *lim = t->text + t->len, *p = t->text + off, *b, *e;

	if (t->lines == NULL && !build_lines(t))
		return 0;
	if (key != NULL) {
		if (!key_at(t->text, p, &b, &e))
			return 0;
		position(t, (size_t) (b - t->text), &key->line, &key->col);
		position(t, (size_t) (e - t->text), &key->end_line,
		         &key->end_col);
	}
	if (value != NULL) {
		position(t, off, &value->line, &value->col);
		position(t, end ? end : (size_t) (value_end(p, lim) - t->text),
		         &value->end_line, &value->end_col);
	}
	return 1;
}

static unsigned hex4(const char *p)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];

		v = v * 16 + (unsigned) (c <= '9'   ? c - '0'
		                         : c <= 'F' ? c - 'A' + 10
		                                    : c - 'a' + 10);
	}
	return v;
}

/* The raw length of the escape at P (a backslash) and, in *BYTES, how
 * many bytes of the value it gives: \uXXXX one to three (UTF-8), a
 * surrogate pair four, any other escape one. The reader accepted the
 * text, so escapes are whole and surrogates paired. */
static size_t escape(const char *p, const char *lim, size_t *bytes)
{
	unsigned u;

	if (p + 1 < lim && p[1] != 'u') {
		*bytes = 1;
		return 2;
	}
	if (p + 6 > lim) {
		*bytes = 1;
		return (size_t) (lim - p);
	}
	u = hex4(p + 2);
	if (u >= 0xd800 && u < 0xdc00 && p + 12 <= lim && p[6] == '\\') {
		*bytes = 4;
		return 12;
	}
	*bytes = u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
	return 6;
}

size_t Sfn_json_text_inside(const char *raw, const char *lim, size_t off)
{
	const char *p = raw;
	size_t done = 0, step, bytes;

	while (p < lim && !is_quote(*p)) {
		step = 1;
		bytes = 1;
		if (*p == '\\')
			step = escape(p, lim, &bytes);
		if (done + bytes > off)
			break;
		done += bytes;
		p += step;
	}
	return (size_t) (p - raw);
}

int Sfn_json_text_point(struct sfn_json_text *t, size_t off, unsigned *line,
                        unsigned *col)
{
	if (t->lines == NULL && !build_lines(t))
		return 0;
	position(t, off, line, col);
	return 1;
}

void Sfn_json_text_free(struct sfn_json_text *t)
{
	free(t->lines);
	t->lines = NULL;
	t->nlines = 0;
}
