/* GNU-style text diagnostics with the source line and a caret underline:
 *   file:12:26: error: message [rule-name]
 *      12 |   when $.score > 0.8 -> Acept
 *         |                         ^~~~~
 */
#include "config.h"

#include <string.h>

#include "diag/render.h"

#define WINDOW 100 /* characters of a long line shown around the column */

static const struct sfn_source *find_source(const struct sfn_render_opts *o,
                                            const char *name)
{
	if (name == NULL)
		return NULL;
	for (size_t i = 0; i < o->nsources; i++) {
		if (o->sources[i].name && strcmp(o->sources[i].name, name) == 0)
			return &o->sources[i];
	}
	return NULL;
}

/* Where the last quoted line was: diagnostics come sorted, so finding the
 * next line resumes from there instead of rescanning the file. */
struct cursor {
	const struct sfn_source *src;
	unsigned line; /* line number at P */
	const char *p; /* start of that line */
};

/* The bytes of line LINE (1-based) of SRC, without its line break. */
static int find_line(struct cursor *cur, const struct sfn_source *src,
                     unsigned line, const char **start, size_t *len)
{
	const char *end = src->text + src->len, *p = src->text, *nl;
	unsigned n = 1;

	if (cur->src == src && cur->line <= line) {
		p = cur->p;
		n = cur->line;
	}
	for (; n < line; n++) {
		p = memchr(p, '\n', (size_t) (end - p));
		if (p == NULL)
			return 0;
		p++;
	}
	cur->src = src;
	cur->line = line;
	cur->p = p;
	*start = p;
	nl = memchr(p, '\n', (size_t) (end - p));
	*len = (size_t) ((nl ? nl : end) - p);
	if (*len > 0 && p[*len - 1] == '\r')
		(*len)--;
	return 1;
}

static int is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/* Byte offset of character number CH (0-based) in LINE, or LEN. */
static size_t char_offset(const char *line, size_t len, unsigned ch)
{
	size_t i = 0;

	for (unsigned n = 0; i < len; i++) {
		if (!is_cont((unsigned char) line[i]) && n++ == ch)
			return i;
	}
	return len;
}

/* Appends LINE[from, to) with control characters other than tabs shown as
 * spaces, so a stray byte cannot garble the terminal. */
static void add_visible(struct sfn_buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char) s[i];

		sfn_buf_addc(out, (c < 0x20 && c != '\t') || c == 0x7f
		                          ? ' '
		                          : (char) c);
	}
}

/* Blank space as wide as S[0, n): tabs kept, one space per character. */
static void add_pad(struct sfn_buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\t')
			sfn_buf_addc(out, '\t');
		else if (!is_cont((unsigned char) s[i]))
			sfn_buf_addc(out, ' ');
	}
}

static unsigned count_chars(const char *s, size_t n)
{
	unsigned c = 0;

	for (size_t i = 0; i < n; i++)
		c += !is_cont((unsigned char) s[i]);
	return c;
}

static void quote_line(const struct sfn_diag *d, const struct sfn_source *src,
                       struct cursor *cur, struct sfn_buf *out)
{
	const char *line;
	size_t len, from, at, to, stop;
	unsigned col0 = d->loc.col - 1, width = 1;

	if (!find_line(cur, src, d->loc.line, &line, &len))
		return;
	if (d->loc.end_line == d->loc.line && d->loc.end_col > d->loc.col)
		width = d->loc.end_col - d->loc.col;
	from = col0 > WINDOW / 2 ? char_offset(line, len, col0 - WINDOW / 2)
	                         : 0;
	at = char_offset(line, len, col0);
	to = char_offset(line, len, col0 + width);
	stop = char_offset(line, len, col0 + WINDOW / 2 + width);
	sfn_buf_printf(out, "%5u | %s", d->loc.line, from > 0 ? "..." : "");
	add_visible(out, line + from, stop - from);
	sfn_buf_adds(out, stop < len ? "...\n" : "\n");
	sfn_buf_printf(out, "      | %s", from > 0 ? "   " : "");
	add_pad(out, line + from, at - from);
	sfn_buf_addc(out, '^');
	width = to > at ? count_chars(line + at, to - at) : 1;
	for (unsigned i = 1; i < width; i++)
		sfn_buf_addc(out, '~');
	sfn_buf_addc(out, '\n');
}

static void render_one(const struct sfn_diag *d,
                       const struct sfn_render_opts *opts, struct cursor *cur,
                       struct sfn_buf *out)
{
	const struct sfn_source *src = find_source(opts, d->loc.file);
	const char *place = d->where ? d->where : d->pointer;

	sfn_buf_adds(out, d->loc.file ? d->loc.file : "sfnc");
	if (d->loc.line > 0)
		sfn_buf_printf(out, ":%u:%u", d->loc.line, d->loc.col);
	sfn_buf_printf(out, ": %s: %s [%s", sfn_severity_name(d->severity),
	               d->message, sfn_rule_get(d->rule)->name);
	if (d->pointer != NULL && sfn_rule_get(d->rule)->aws_code != NULL)
		sfn_buf_printf(out, " %s", sfn_rule_get(d->rule)->aws_code);
	if (place != NULL && place[0] != '\0') /* "" is the root */
		sfn_buf_printf(out, " %s", place);
	sfn_buf_adds(out, "]\n");
	if (src != NULL && d->loc.line > 0 && d->loc.col > 0)
		quote_line(d, src, cur, out);
}

void sfn_render_text(const struct sfn_diags *diags,
                     const struct sfn_render_opts *opts, struct sfn_buf *out)
{
	struct cursor cur = { NULL, 0, NULL };

	for (size_t i = 0; i < diags->count; i++)
		render_one(&diags->items[i], opts, &cur, out);
	if (diags->dropped > 0)
		sfn_buf_printf(out,
		               "sfnc: note: %zu more diagnostics not "
		               "shown\n",
		               diags->dropped);
}
