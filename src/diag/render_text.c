/* GNU-style text diagnostics with the source line and a caret underline:
 *   file:12:26: error: message [rule-name]
 *      12 |   when $.score > 0.8 -> Acept
 *         |                         ^~~~~
 * Control characters and bytes that are not UTF-8 never reach the
 * terminal raw: they show as \xHH (C0, DEL, stray bytes) or \uHHHH (C1).
 * The underline follows display width (wide characters take two columns,
 * combining marks none) and keeps tabs. */
#include "config.h"

#include <string.h>

#include "diag/render.h"
#include "sfn/utf8.h"

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
 * next line, and the next column within it, resumes from there instead of
 * rescanning. That keeps many findings on one long line linear. */
struct cursor {
	const struct sfn_source *src;
	unsigned line; /* line number at P */
	const char *p; /* start of that line */
	size_t len;    /* its length, without the line break */
	unsigned ch;   /* a character index within the line ... */
	size_t off;    /* ... and its byte offset */
};

/* Moves CUR to line LINE (1-based) of SRC; 0 when there is no such line. */
static int find_line(struct cursor *cur, const struct sfn_source *src,
                     unsigned line)
{
	const char *end = src->text + src->len, *p = src->text, *nl;
	unsigned n = 1;

	if (cur->src == src && cur->line == line)
		return 1;
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
	nl = memchr(p, '\n', (size_t) (end - p));
	cur->src = src;
	cur->line = line;
	cur->p = p;
	cur->len = (size_t) ((nl ? nl : end) - p);
	if (cur->len > 0 && p[cur->len - 1] == '\r')
		cur->len--;
	cur->ch = 0;
	cur->off = 0;
	return 1;
}

/* Byte offset of character CH of the line, counting on from character
 * FROM_CH at byte FROM; the line's length when it is shorter. */
static size_t offset_after(const struct cursor *cur, size_t from,
                           unsigned from_ch, unsigned ch)
{
	return from +
	       sfn_utf8_skip(cur->p + from, cur->len - from, ch - from_ch);
}

/* The same from the cursor's remembered position, which then moves to CH:
 * the starts of successive windows on one line only move forward. */
static size_t offset_of(struct cursor *cur, unsigned ch)
{
	if (ch < cur->ch) {
		cur->ch = 0;
		cur->off = 0;
	}
	cur->off = offset_after(cur, cur->off, cur->ch, ch);
	cur->ch = ch;
	return cur->off;
}

/* ANSI SGR sequences for --color, as GCC colours its diagnostics. */
#define SGR_BOLD  "\033[1m"
#define SGR_CARET "\033[1;32m"
#define SGR_RESET "\033[0m"

static const char *severity_sgr(enum sfn_severity severity)
{
	switch (severity) {
	case SFN_SEV_ERROR:
		return "\033[1;31m";
	case SFN_SEV_WARNING:
		return "\033[1;35m";
	default:
		return "\033[1;36m";
	}
}

/* Starts (SGR) or ends (NULL) a coloured run when colours are on. */
static void color(struct sfn_buf *out, const struct sfn_render_opts *opts,
                  const char *sgr)
{
	if (opts->color)
		sfn_buf_adds(out, sgr != NULL ? sgr : SGR_RESET);
}

/* Appends a quoted line's S[0,N) shown safely or, when PAD, blank space
 * as wide as that. Tabs stay in both, so the caret line's tabs line up
 * with the source line's. */
static void add_line(struct sfn_buf *out, const char *s, size_t n, int pad)
{
	struct sfn_utf8_shown c;

	for (size_t i = 0; i < n; i += c.used) {
		if (s[i] == '\t') {
			sfn_buf_addc(out, '\t');
			c.used = 1;
			continue;
		}
		sfn_utf8_show(s + i, n - i, &c);
		if (!pad)
			sfn_buf_add(out, c.text, c.len);
		for (unsigned k = 0; pad && k < c.width; k++)
			sfn_buf_addc(out, ' ');
	}
}

static void add_shown_str(struct sfn_buf *out, const char *s)
{
	sfn_utf8_put_shown(out, s, strlen(s));
}

/* Columns S[0,N) takes as shown; a tab counts as one. */
static size_t shown_width(const char *s, size_t n)
{
	struct sfn_utf8_shown c;
	size_t w = 0;

	for (size_t i = 0; i < n; i += c.used) {
		sfn_utf8_show(s + i, n - i, &c);
		w += s[i] == '\t' ? 1 : c.width;
	}
	return w;
}

static void quote_line(const struct sfn_diag *d,
                       const struct sfn_render_opts *opts, struct cursor *cur,
                       struct sfn_buf *out)
{
	const char *line = cur->p;
	size_t from, at, to, stop, width;
	unsigned col0 = d->loc.col - 1, span = 1;

	if (d->loc.end_line == d->loc.line && d->loc.end_col > d->loc.col)
		span = d->loc.end_col - d->loc.col;
	if (span > WINDOW) /* a 4 MB token is underlined for a window */
		span = WINDOW;
	from = col0 > WINDOW / 2 ? offset_of(cur, col0 - WINDOW / 2)
	                         : offset_of(cur, 0);
	at = offset_after(cur, from, cur->ch, col0);
	to = offset_after(cur, at, col0, col0 + span);
	stop = offset_after(cur, to, col0 + span, col0 + span + WINDOW / 2);
	sfn_buf_printf(out, "%5u | %s", d->loc.line, from > 0 ? "..." : "");
	add_line(out, line + from, stop - from, 0);
	sfn_buf_adds(out, stop < cur->len ? "...\n" : "\n");
	sfn_buf_printf(out, "      | %s", from > 0 ? "   " : "");
	add_line(out, line + from, at - from, 1);
	color(out, opts, SGR_CARET);
	sfn_buf_addc(out, '^');
	width = to > at ? shown_width(line + at, to - at) : 1;
	for (size_t i = 1; i < width; i++)
		sfn_buf_addc(out, '~');
	color(out, opts, NULL);
	sfn_buf_addc(out, '\n');
}

static void render_one(const struct sfn_diag *d,
                       const struct sfn_render_opts *opts, struct cursor *cur,
                       struct sfn_buf *out)
{
	const struct sfn_source *src = find_source(opts, d->loc.file);
	const char *place = d->where ? d->where : d->pointer;

	color(out, opts, SGR_BOLD);
	add_shown_str(out, d->loc.file ? d->loc.file : "sfnc");
	if (d->loc.line > 0)
		sfn_buf_printf(out, ":%u:%u", d->loc.line, d->loc.col);
	sfn_buf_adds(out, ":");
	color(out, opts, NULL);
	sfn_buf_adds(out, " ");
	color(out, opts, severity_sgr(d->severity));
	sfn_buf_printf(out, "%s:", sfn_severity_name(d->severity));
	color(out, opts, NULL);
	sfn_buf_adds(out, " ");
	add_shown_str(out, d->message);
	sfn_buf_printf(out, " [%s", sfn_rule_get(d->rule)->name);
	if (d->pointer != NULL && sfn_rule_get(d->rule)->aws_code != NULL)
		sfn_buf_printf(out, " %s", sfn_rule_get(d->rule)->aws_code);
	if (place != NULL && place[0] != '\0') { /* "" is the root */
		sfn_buf_addc(out, ' ');
		add_shown_str(out, place);
	}
	sfn_buf_adds(out, "]\n");
	if (src != NULL && d->loc.line > 0 && d->loc.col > 0 &&
	    find_line(cur, src, d->loc.line))
		quote_line(d, opts, cur, out);
}

void Sfn_render_text(const struct sfn_diags *diags,
                     const struct sfn_render_opts *opts, struct sfn_buf *out)
{
	struct cursor cur = { NULL, 0, NULL, 0, 0, 0 };

	for (size_t i = 0; i < diags->count; i++)
		render_one(&diags->items[i], opts, &cur, out);
	if (diags->dropped > 0)
		sfn_buf_printf(out,
		               "sfnc: note: %zu more diagnostics not "
		               "shown\n",
		               diags->dropped);
}
