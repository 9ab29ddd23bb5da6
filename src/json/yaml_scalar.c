/* The fast YAML reader's scalars: plain, single- and double-quoted and
 * block scalars read as libyaml's scanner reads them (the same value,
 * the same marks), into the document's arena. Knows nothing of the
 * structure around them (yaml_fast.c). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json/yaml_scan.h"
#include "sfn/utf8.h"
#include "util/ascii_scan.h"

/* The length of the character at S (N bytes left) when it is valid UTF-8
 * that libyaml reads as a printable non-break character, other than a
 * byte order mark; else 0. */
static size_t printable_utf8(const unsigned char *s, size_t n)
{
	enum sfn_utf8_error err;
	uint32_t cp;
	size_t len = sfn_utf8_decode((const char *) s, n, &cp, &err);

	if (err != SFN_UTF8_OK || len < 2)
		return 0;
	if ((cp >= 0xa0 && cp <= 0xd7ff && cp != 0x2028 && cp != 0x2029) ||
	    (cp >= 0xe000 && cp <= 0xfffd && cp != 0xfeff) || cp >= 0x10000)
		return len;
	return 0;
}

/* A byte outside printable ASCII at P, in a scalar or a comment: the
 * length of the character there when libyaml reads it as printable and
 * no break; else 0 (a control character, a tab, a carriage return, a
 * line feed, the end). libyaml checks every character of the text, so
 * every byte the scanner does not otherwise expect comes through here. */
size_t Sfn_yaml_other_char(struct yfast *y, const char *p)
{
	size_t n;

	if ((unsigned char) *p < 0x80)
		return 0;
	n = printable_utf8((const unsigned char *) p, (size_t) (y->end - p));
	if (n != 0)
		y->ascii = 0; /* from here on, columns count characters */
	return n;
}

/* Bytes a scalar takes as they are, with nothing to check: printable
 * ASCII but quotes and backslashes inside quotes (QUOTED_PLAIN), and but
 * spaces and colons in a plain scalar (PLAIN_PLAIN). */
enum { QUOTED_PLAIN = 1, PLAIN_PLAIN = 2 };
static const unsigned char as_is[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 2, 3, 3, 3, 3, 2, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* ---- scalars ------------------------------------------------------------- */

/* Room for N more bytes of strings. The strings of a text never take
 * more than its length and one NUL (a value decodes to no more bytes than
 * its token, and each NUL has a byte of its own: a closing quote or what
 * ends a plain scalar); the check keeps that an assumption never relied
 * on. */
static char *room(struct yfast *y, size_t n)
{
	if ((size_t) (y->out_end - y->out) < n + 1) {
		give_up(y);
		return NULL;
	}
	return y->out;
}

/* S stood from START to AFTER (on the current line). */
static void scanned(struct yfast *y, struct scalar *s, const char *start,
                    struct mark start_mark, const char *after)
{
	s->start = start;
	s->after = after;
	s->start_mark = start_mark;
	s->end_mark = mark_of(y, after);
}

/* Takes [START, END), on the current line, as the value of S. */
static int take_plain(struct yfast *y, struct scalar *s, const char *start,
                      const char *end)
{
	size_t n = (size_t) (end - start);
	char *o = n == 0 ? NULL : room(y, n);

	if (o == NULL)
		return give_up(y);
	memcpy(o, start, n);
	o[n] = '\0';
	y->out += n + 1;
	s->value = o;
	s->plain = 1;
	s->multi_line = 0;
	scanned(y, s, start, mark_of(y, start), end);
	y->p = end;
	return 1;
}

/* One line of a plain scalar from *AT: up to a comment, ": " or the
 * line's end. Returns where its text ends (spaces before those left
 * out), *AT where the scan stopped; NULL to give up. */
static const char *plain_line(struct yfast *y, const char **at)
{
	const char *p = *at, *end = p;

	for (;;) {
		char c = *p;

		if (as_is[(unsigned char) c] & PLAIN_PLAIN) {
			end = ++p;
			continue;
		}
		if (!printable(c)) {
			size_t n;

			if (c == '\n' || c == '\0')
				break;
			n = Sfn_yaml_other_char(y, p);
			if (n == 0)
				return NULL;
			end = p += n;
			continue;
		}
		if (c == ' ') {
			if (p[1] == '#')
				break;
			p++;
			continue;
		}
		if (c == ':' && blankz(p[1]))
			break;
		end = ++p;
	}
	*at = p;
	return end;
}

/* Whether a plain scalar goes on after the line break at P, as libyaml
 * decides: the next line with more than spaces on it is indented deeper
 * than INDENT and starts no comment and no document marker. *BREAKS
 * counts the line breaks up to it, *LINE is where it starts, *NEXT its
 * first character. */
static int plain_goes_on(const char *p, int indent, size_t *breaks,
                         const char **line, const char **next)
{
	size_t n = 0;
	const char *start;

	do {
		start = ++p;
		n++;
		while (*p == ' ')
			p++;
	} while (*p == '\n');
	*breaks = n;
	*line = start;
	*next = p;
	return *p != '\0' && *p != '#' && p - start > indent &&
	       !(p == start && is_marker(p));
}

/* A plain scalar in block context at y->p, in block indentation INDENT,
 * its lines folded as libyaml folds them: one line break is a space, n
 * of them n - 1 line feeds, the spaces around them dropped. */
static int plain_block(struct yfast *y, struct scalar *s, int indent)
{
	struct mark start = mark_of(y, y->p);
	const char *first = y->p, *p = y->p, *from = p, *end;
	char *o = y->out, *value = o;

	s->multi_line = 0;
	for (;;) {
		const char *line, *next;
		size_t breaks, n;

		end = plain_line(y, &p);
		if (end == NULL)
			return give_up(y);
		n = (size_t) (end - from);
		if ((size_t) (y->out_end - o) < n + 1)
			return give_up(y);
		memcpy(o, from, n);
		o += n;
		if (*p != '\n' ||
		    !plain_goes_on(p, indent, &breaks, &line, &next))
			break;
		if ((size_t) (y->out_end - o) < breaks + 1)
			return give_up(y);
		if (breaks == 1)
			*o++ = ' ';
		memset(o, '\n', breaks - 1);
		o += breaks - 1;
		y->line += (unsigned) breaks;
		y->line_start = line;
		p = from = next;
		s->multi_line = 1;
	}
	if (o == value)
		return give_up(y);
	*o++ = '\0';
	y->out = o;
	s->value = value;
	s->plain = 1;
	scanned(y, s, first, start, end);
	y->p = end;
	return 1;
}

/* A plain scalar in a flow collection: one word, up to a blank, one of
 * ",[]{}" or ": ". What libyaml versions read differently ('?', ':'
 * before an indicator) gives up. */
static int plain_flow(struct yfast *y, struct scalar *s)
{
	const char *p = y->p;

	for (;;) {
		char c = *p;

		if (!printable(c) && c != '\n' && c != '\0') {
			size_t n = Sfn_yaml_other_char(y, p);

			if (n == 0)
				return give_up(y);
			p += n;
			continue;
		}
		if (blankz(c) || c == ',' || c == '[' || c == ']' || c == '{' ||
		    c == '}')
			break;
		if (c == '?' || c == '#')
			return give_up(y);
		if (c == ':') {
			if (blankz(p[1]))
				break;
			if (strchr(",?[]{}", p[1]) != NULL)
				return give_up(y);
		}
		p++;
	}
	return take_plain(y, s, y->p, p);
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The escape at P (after the backslash) into *O; the bytes of the escape
 * after the backslash, or 0 to give up (NUL, a '/', an invalid escape;
 * \L and \P, whose three bytes would outgrow their token). */
static size_t escape(const char *p, char **o)
{
	static const char simple[] = "a\ab\bt\tn\nv\vf\fr\re\x1b \x20\"\"\\\\";
	const char *hit;
	uint32_t cp = 0;
	size_t digits;

	hit = *p != '\0' ? strchr(simple, *p) : NULL;
	if (hit != NULL && (hit - simple) % 2 == 0) {
		*(*o)++ = hit[1];
		return 1;
	}
	switch (*p) {
	case 'N':
		cp = 0x85;
		break;
	case '_':
		cp = 0xa0;
		break;
	case 'x':
	case 'u':
	case 'U':
		digits = *p == 'x' ? 2 : *p == 'u' ? 4 : 8;
		for (size_t i = 1; i <= digits; i++) {
			int h = hex_value(p[i]);

			if (h < 0)
				return 0;
			cp = cp * 16 + (uint32_t) h;
		}
		if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return 0;
		*o += sfn_utf8_encode(cp, *o);
		return digits + 1;
	default:
		return 0;
	}
	*o += sfn_utf8_encode(cp, *o);
	return 1;
}

/* Line breaks inside a quoted scalar from P (at one): the spaces that
 * start each line dropped; their count in *BREAKS. NULL to give up: the
 * text ends, or a line starts with a document marker. */
static const char *quoted_breaks(struct yfast *y, const char *p, size_t *breaks)
{
	*breaks = 0;
	while (*p == '\n') {
		p++;
		y->line++;
		y->line_start = p;
		++*breaks;
		while (*p == ' ')
			p++;
	}
	if (*p == '\0' || (p == y->line_start && is_marker(p)))
		return NULL;
	return p;
}

/* A quoted scalar at y->p, its lines folded as libyaml folds them (one
 * line break is a space, n of them n - 1 line feeds, the spaces around
 * them dropped; an escaped line break joins its lines). Each escape and
 * each line break decodes to no more bytes than it takes: the value
 * stays within the room the whole text has. */
static int quoted(struct yfast *y, struct scalar *s)
{
	char q = *y->p, *o = room(y, 0), *start = o, *floor = o;
	const char *first = y->p, *p = y->p + 1;
	struct mark start_mark = mark_of(y, y->p);
	size_t breaks, n;

	if (o == NULL)
		return 0;
	s->multi_line = 0;
	for (;;) {
		char c;

		if (q == '"') /* the bytes that need no look, at once */
			p = (const char *) Sfn_ascii_printable_copy(
			        (const unsigned char *) p,
			        (const unsigned char *) y->end,
			        (unsigned char **) &o,
			        (const unsigned char *) y->out_end);
		c = *p;
		if (as_is[(unsigned char) c] & QUOTED_PLAIN) {
			*o++ = c;
			p++;
			continue;
		}
		if (c == '\n' || (c == '\\' && q == '"' && p[1] == '\n')) {
			/* spaces before a break are dropped, not escaped ones;
			 * an escaped break gives nothing, a plain one a space
			 * when alone */
			while (c == '\n' && o > floor && o[-1] == ' ')
				o--;
			p = quoted_breaks(y, p + (c != '\n'), &breaks);
			if (p == NULL)
				return give_up(y);
			if (breaks == 1 && c == '\n')
				*o++ = ' ';
			memset(o, '\n', breaks - 1);
			floor = o += breaks - 1;
			s->multi_line = 1;
			continue;
		}
		if (c == q) {
			if (q == '\'' && p[1] == '\'') {
				*o++ = '\'';
				p += 2;
				continue;
			}
			break;
		}
		if (c == '\\' && q == '"') {
			n = escape(p + 1, &o);
			if (n == 0)
				return give_up(y);
			p += n + 1;
			floor = o;
			continue;
		}
		if (printable(c)) { /* the other quote, a backslash in '' */
			*o++ = c;
			p++;
			continue;
		}
		n = Sfn_yaml_other_char(y, p);
		if (n == 0)
			return give_up(y); /* not closed */
		memcpy(o, p, n);
		o += n;
		p += n;
	}
	*o++ = '\0';
	y->out = o;
	s->value = start;
	s->plain = 0;
	scanned(y, s, first, start_mark, p + 1);
	y->p = p + 1;
	return 1;
}

/* A scalar token in block context (FLOW 0, block indentation INDENT) or
 * in a flow collection. */
int Sfn_yaml_scalar(struct yfast *y, struct scalar *s, int flow, int indent)
{
	char c = *y->p;

	switch (c) {
	case '"':
	case '\'':
		return quoted(y, s);
	case '-':
		if (blankz(y->p[1]))
			return give_up(y);
		break;
	case '?':
	case ':':
	case ',':
	case '[':
	case ']':
	case '{':
	case '}':
	case '#':
	case '&':
	case '*':
	case '!':
	case '|':
	case '>':
	case '%':
	case '@':
	case '`':
	case ' ':
	case '\n':
	case '\0':
		return give_up(y);
	default:
		break;
	}
	return flow ? plain_flow(y, s) : plain_block(y, s, indent);
}

/* ---- block scalars ------------------------------------------------------- */

/* What a block scalar has read: its indentation (0 until known), the line
 * break after the last line read and the empty lines after it (not yet
 * in the value), and where the scalar ends so far. */
struct block {
	int indent;
	int leading_break;
	size_t trailing;
	struct mark end;
};

/* Empty lines and the indentation of the next one, as libyaml's
 * scan_block_scalar_breaks: the first non-empty line fixes the
 * indentation when no indicator did (at least one deeper than INDENT). */
static void block_breaks(struct yfast *y, int indent, struct block *b)
{
	int max = 0;

	b->end = mark_of(y, y->p);
	for (;;) {
		int col = (int) column(y, y->p);

		while ((b->indent == 0 || col < b->indent) && *y->p == ' ') {
			y->p++;
			col++;
		}
		if (col > max)
			max = col;
		if (*y->p != '\n')
			break;
		y->p++;
		new_line(y, y->p);
		b->trailing++;
		b->end = mark_of(y, y->p);
	}
	if (b->indent == 0) {
		b->indent = max > indent + 1 ? max : indent + 1;
		b->indent = b->indent < 1 ? 1 : b->indent;
	}
}

/* The header after '|' or '>': chomping (+1 keep, -1 strip) and an
 * indentation indicator in either order, then a comment or nothing up
 * to the line's end. */
static int block_header(struct yfast *y, int *chomp, int *increment)
{
	const char *p = y->p + 1;

	for (int i = 0; i < 2; i++) {
		if ((*p == '+' || *p == '-') && *chomp == 0)
			*chomp = *p++ == '+' ? 1 : -1;
		else if (*p >= '1' && *p <= '9' && *increment == 0)
			*increment = *p++ - '0';
	}
	while (*p == ' ')
		p++;
	if (*p == '#') {
		while (*p != '\n' && *p != '\0') {
			size_t n =
			        printable(*p) ? 1 : Sfn_yaml_other_char(y, p);

			if (n == 0)
				return give_up(y);
			p += n;
		}
	}
	if (*p != '\n' && *p != '\0')
		return give_up(y);
	y->p = *p == '\n' ? p + 1 : p;
	if (*p == '\n')
		new_line(y, y->p);
	return 1;
}

/* One line of content into *O, up to its line break (consumed). */
static int block_line(struct yfast *y, char **o, struct block *b)
{
	const char *p = y->p;

	while (*p != '\n' && *p != '\0') {
		size_t n = printable(*p) ? 1 : Sfn_yaml_other_char(y, p);

		if (n == 0)
			return give_up(y);
		memcpy(*o, p, n);
		*o += n;
		p += n;
	}
	b->leading_break = *p == '\n';
	y->p = *p == '\n' ? p + 1 : p;
	if (*p == '\n')
		new_line(y, y->p);
	return 1;
}

static void put_breaks(char **o, size_t n)
{
	memset(*o, '\n', n);
	*o += n;
}

/* A literal ('|') or folded ('>') block scalar at y->p, as libyaml's
 * scan_block_scalar reads it, in block indentation INDENT; its span ends
 * at *END. Its value takes no more bytes than its lines (a line break
 * gives at most one byte; the header pays for the NUL). */
int Sfn_yaml_block_scalar(struct yfast *y, int indent, struct scalar *s,
                          struct mark *end)
{
	int literal = *y->p == '|', chomp = 0, increment = 0;
	int leading_blank = 0;
	struct block b = { 0, 0, 0, { 0, 0 } };
	char *o = room(y, 0);

	if (o == NULL)
		return 0;
	s->start = y->p;
	s->value = o;
	s->plain = 0;
	s->start_mark = mark_of(y, y->p);
	if (!block_header(y, &chomp, &increment))
		return 0;
	if (increment != 0)
		b.indent = indent >= 0 ? indent + increment : increment;
	block_breaks(y, indent, &b);
	while ((int) column(y, y->p) == b.indent && *y->p != '\0') {
		int trailing_blank = *y->p == ' ';

		if (!literal && b.leading_break && !leading_blank &&
		    !trailing_blank) {
			if (b.trailing == 0)
				*o++ = ' ';
		} else if (b.leading_break) {
			*o++ = '\n';
		}
		put_breaks(&o, b.trailing);
		b.trailing = 0;
		leading_blank = *y->p == ' ';
		if (!block_line(y, &o, &b))
			return 0;
		block_breaks(y, indent, &b);
	}
	if (chomp != -1 && b.leading_break)
		*o++ = '\n';
	if (chomp == 1)
		put_breaks(&o, b.trailing);
	*o++ = '\0';
	y->out = o;
	s->end_mark = *end = b.end;
	s->multi_line = 1;
	return 1;
}
