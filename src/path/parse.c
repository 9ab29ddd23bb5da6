/* The JsonPath parser: recursive descent over the re2c lexer, for both
 * dialects. RFC 9535's grammar is the base; the aws dialect adds $$ and
 * $name roots, Jayway's dot names and negative-free reference checks, and
 * refuses what Step Functions does not support. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "path/ast.h"
#include "path/lexer.h"
#include "path/parse.h"
#include "sfn/utf8.h"

#define MAX_SAFE_INT 9007199254740991LL /* 2^53 - 1, RFC 9535 I-JSON */

/* ---- errors ------------------------------------------------------------- */

/* Columns are asked for in increasing order as parsing moves on, so the
 * count resumes from the last position asked for: linear over a path with
 * many segments, where counting from the start each time is quadratic. */
unsigned Sfn_pp_column(struct sfn_pparser *p, const unsigned char *pos)
{
	const unsigned char *s = p->lx.start;
	unsigned col = 1;

	/* counted on from the last column asked for: linear over a path */
	if (p->col_at != NULL && p->col_at <= pos) {
		s = p->col_at;
		col = p->col;
	}
	col += (unsigned) sfn_utf8_count((const char *) s, (size_t) (pos - s));
	p->col_at = pos;
	p->col = col;
	return col;
}

void Sfn_pp_report(struct sfn_pparser *p, enum sfn_rule_id rule,
                   const unsigned char *from, const unsigned char *to,
                   const char *fmt, ...)
{
	struct sfn_loc loc = { NULL, 1, 0, 1, 0 };
	va_list ap;

	if (p->failed)
		return;
	p->failed = 1;
	if (p->at != NULL)
		loc = *p->at;
	loc.end_line = loc.line;
	loc.col = (loc.col ? loc.col - 1 : 0) + Sfn_pp_column(p, from);
	loc.end_col = loc.col + (Sfn_pp_column(p, to > from ? to : from + 1) -
	                         Sfn_pp_column(p, from));
	va_start(ap, fmt);
	sfn_diag_vadd(p->diags, rule, &loc, NULL, NULL, fmt, ap);
	va_end(ap);
}

static const char *describe(const struct sfn_ptoken *t)
{
	static char buf[48];

	if (t->kind == PT_EOF)
		return "the end of the expression";
	snprintf(buf, sizeof(buf), "'%.*s'",
	         (int) sfn_utf8_truncate((const char *) t->begin,
	                                 (size_t) (t->end - t->begin), 20),
	         (const char *) t->begin);
	return buf;
}

/* "expected WHAT, found TOKEN" at the current token. */
int Sfn_pp_expected(struct sfn_pparser *p, const char *what)
{
	if (p->tok.kind == PT_ERROR && p->lx.err_at == p->tok.begin &&
	    strcmp(p->lx.err, "unexpected character") == 0)
		Sfn_pp_report(p, SFN_RULE_PATH_SYNTAX, p->lx.err_at,
		              p->lx.err_at + 1,
		              "unexpected character '%.*s' "
		              "(expected %s)",
		              (int) (p->tok.end - p->tok.begin),
		              (const char *) p->tok.begin, what);
	else if (p->tok.kind == PT_ERROR)
		Sfn_pp_report(p, SFN_RULE_PATH_SYNTAX, p->lx.err_at,
		              p->lx.err_at + 1, "%s", p->lx.err);
	else
		Sfn_pp_report(p, SFN_RULE_PATH_SYNTAX, p->tok.begin, p->tok.end,
		              "expected %s, found %s", what, describe(&p->tok));
	return 0;
}

int Sfn_pp_unsupported(struct sfn_pparser *p, const char *what)
{
	Sfn_pp_report(p, SFN_RULE_PATH_UNSUPPORTED, p->tok.begin, p->tok.end,
	              "%s: Step Functions does not support it in paths", what);
	return 0;
}

/* ---- tokens ------------------------------------------------------------- */

void Sfn_pp_next(struct sfn_pparser *p)
{
	Sfn_plex(&p->lx, &p->tok);
}

void Sfn_pp_skip_blank(struct sfn_pparser *p)
{
	while (p->tok.kind == PT_WS)
		Sfn_pp_next(p);
}

int Sfn_pp_accept(struct sfn_pparser *p, enum sfn_ptok kind)
{
	if (p->tok.kind != kind)
		return 0;
	Sfn_pp_next(p);
	return 1;
}

void *Sfn_pp_alloc(struct sfn_pparser *p, size_t n)
{
	void *m = sfn_arena_alloc(&p->path->arena, n);

	if (m == NULL && !p->failed) {
		p->failed = 1;
		p->diags->status = SFN_ERR_NOMEM;
	}
	return m;
}

const char *Sfn_pp_copy(struct sfn_pparser *p, const void *s, size_t n)
{
	char *c = Sfn_pp_alloc(p, n + 1);

	if (c != NULL) {
		memcpy(c, s, n);
		c[n] = '\0';
	}
	return c;
}

/* An integer token within RFC 9535's exact range; -0 is refused. */
int Sfn_pp_integer(struct sfn_pparser *p, int64_t *out)
{
	char text[32];
	long long v;
	size_t n = (size_t) (p->tok.end - p->tok.begin);

	if (p->tok.kind != PT_INT || n >= sizeof(text))
		return Sfn_pp_expected(p, "an integer");
	memcpy(text, p->tok.begin, n);
	text[n] = '\0';
	errno = 0;
	v = strtoll(text, NULL, 10);
	if (errno != 0 || v > MAX_SAFE_INT || v < -MAX_SAFE_INT) {
		Sfn_pp_report(
		        p, SFN_RULE_PATH_SYNTAX, p->tok.begin, p->tok.end,
		        "integer %s is out of range (at most 2^53-1 in size)",
		        text);
		return 0;
	}
	*out = v;
	Sfn_pp_next(p);
	return 1;
}

/* ---- selectors ---------------------------------------------------------- */

/* slice = [start] S ":" S [end] [S ":" [S step]] (after START) */
static int slice(struct sfn_pparser *p, struct selector *s)
{
	s->kind = SEL_SLICE;
	Sfn_pp_next(p); /* ':' */
	Sfn_pp_skip_blank(p);
	if (p->tok.kind == PT_INT) {
		s->slice.has_end = 1;
		if (!Sfn_pp_integer(p, &s->slice.end))
			return 0;
		Sfn_pp_skip_blank(p);
	}
	if (p->tok.kind != PT_COLON)
		return 1;
	if (p->aws)
		return Sfn_pp_unsupported(p, "a slice step");
	Sfn_pp_next(p);
	Sfn_pp_skip_blank(p);
	if (p->tok.kind == PT_INT) {
		s->slice.has_step = 1;
		return Sfn_pp_integer(p, &s->slice.step);
	}
	return 1;
}

/* Jayway's script index "(@.length-N)", which Step Functions accepts:
 * the Nth element from the end, that is index -N. Other scripts are not
 * supported. */
static int script_index(struct sfn_pparser *p, struct selector *s)
{
	static const char form[] = "(@.length-";
	const unsigned char *at = p->tok.begin, *q;
	int64_t n = 0;

	if (strncmp((const char *) at, form, sizeof(form) - 1) != 0)
		return Sfn_pp_unsupported(p, "a script expression '[(...)]' "
		                             "other than (@.length-N)");
	q = at + sizeof(form) - 1;
	while (*q >= '0' && *q <= '9' && n < 1000000000)
		n = n * 10 + (*q++ - '0');
	if (n == 0 || *q != ')')
		return Sfn_pp_unsupported(p, "a script expression '[(...)]' "
		                             "other than (@.length-N)");
	s->kind = SEL_INDEX;
	s->index = -n;
	p->lx.cur = q + 1;
	Sfn_pp_next(p);
	return 1;
}

/* selector = name / wildcard / slice / index / filter */
static int selector(struct sfn_pparser *p, struct selector *s)
{
	switch (p->tok.kind) {
	case PT_STRING:
		s->kind = SEL_NAME;
		s->name =
		        Sfn_pp_copy(p, sfn_buf_str(&p->lx.str), p->lx.str.len);
		Sfn_pp_next(p);
		return s->name != NULL;
	case PT_STAR:
		s->kind = SEL_WILD;
		Sfn_pp_next(p);
		return 1;
	case PT_QUESTION:
		s->kind = SEL_FILTER;
		Sfn_pp_next(p);
		Sfn_pp_skip_blank(p);
		s->filter = Sfn_pp_filter(p);
		return s->filter != NULL;
	case PT_COLON:
		return slice(p, s);
	case PT_INT:
		if (!Sfn_pp_integer(p, &s->index))
			return 0;
		Sfn_pp_skip_blank(p);
		if (p->tok.kind == PT_COLON) {
			s->slice.has_start = 1;
			s->slice.start = s->index;
			return slice(p, s);
		}
		s->kind = SEL_INDEX;
		return 1;
	case PT_LPAREN:
		if (p->aws)
			return script_index(p, s);
		/* fall through */
	default:
		return Sfn_pp_expected(
		        p, "a selector (a quoted name, '*', an index, "
		           "a slice or a '?' filter)");
	}
}

/* Makes room for item N of the arena array *ITEMS (of SIZE bytes each),
 * whose capacity is the smallest power of two >= N: it doubles when N
 * reaches one, so a long list costs linear time and arena space, not
 * quadratic. Returns 0 when out of memory. */
static int grow_array(struct sfn_pparser *p, void **items, size_t n,
                      size_t size)
{
	void *grown;

	if (n != 0 && (n & (n - 1)) != 0)
		return 1;
	grown = Sfn_pp_alloc(p, (n ? 2 * n : 1) * size);
	if (grown == NULL)
		return 0;
	if (n > 0)
		memcpy(grown, *items, n * size);
	*items = grown;
	return 1;
}

/* Appends a selector to SEG, growing its array in the arena. */
static struct selector *add_selector(struct sfn_pparser *p, struct segment *seg)
{
	void *sels = seg->sels;

	if (!grow_array(p, &sels, seg->nsels, sizeof(*seg->sels)))
		return NULL;
	seg->sels = sels;
	memset(&seg->sels[seg->nsels], 0, sizeof(*seg->sels));
	return &seg->sels[seg->nsels++];
}

/* bracketed-selection = "[" S selector *(S "," S selector) S "]" */
static int bracketed(struct sfn_pparser *p, struct segment *seg)
{
	const unsigned char *open = p->tok.begin;
	struct selector *s;

	seg->bracketed = 1;
	Sfn_pp_next(p);
	do {
		Sfn_pp_skip_blank(p);
		s = add_selector(p, seg);
		if (s == NULL || !selector(p, s))
			return 0;
		Sfn_pp_skip_blank(p);
	} while (Sfn_pp_accept(p, PT_COMMA));
	if (p->tok.kind != PT_RBRACKET) {
		char what[64];

		snprintf(what, sizeof(what),
		         "',' or ']' to close the '[' at "
		         "column %u",
		         Sfn_pp_column(p, open));
		return Sfn_pp_expected(p, what);
	}
	Sfn_pp_next(p);
	return 1;
}

/* A name or '*' right after '.' or '..' (no blank allowed before it). */
static int shorthand(struct sfn_pparser *p, struct segment *seg)
{
	struct selector *s = add_selector(p, seg);
	size_t n;

	if (s == NULL)
		return 0;
	if (p->tok.kind == PT_STAR) {
		s->kind = SEL_WILD;
		Sfn_pp_next(p);
		return 1;
	}
	p->lx.cur = p->tok.begin;
	n = Sfn_plex_dotname(&p->lx, p->aws ? 1 + (p->in_filter > 0) : 0);
	if (n == 0) {
		Sfn_pp_next(p);
		return Sfn_pp_expected(p, "a member name or '*'");
	}
	s->kind = SEL_NAME;
	s->name = Sfn_pp_copy(p, p->tok.begin, n);
	p->lx.cur = p->tok.begin + n;
	Sfn_pp_next(p);
	if (p->aws && p->tok.kind == PT_LPAREN)
		return Sfn_pp_unsupported(p,
		                          "a function call such as length()");
	if (p->aws && !p->in_filter && p->tok.kind == PT_WS &&
	    p->tok.end < p->lx.lim) {
		Sfn_pp_report(
		        p, SFN_RULE_PATH_SYNTAX, p->tok.begin, p->tok.end,
		        "blank in a dot name: write ['name with blanks']");
		return 0;
	}
	return s->name != NULL;
}

/* segment = "." (name / "*") / "[" ... "]" / ".." (name / "*" / "[...]") */
static int segment(struct sfn_pparser *p, struct segment *seg)
{
	seg->col = Sfn_pp_column(p, p->tok.begin);
	if (p->tok.kind == PT_LBRACKET)
		return bracketed(p, seg);
	seg->descendant = p->tok.kind == PT_DOTDOT;
	Sfn_pp_next(p);
	if (p->tok.kind == PT_LBRACKET && (seg->descendant || p->aws))
		return bracketed(p, seg);
	return shorthand(p, seg);
}

static int is_segment_start(enum sfn_ptok kind)
{
	return kind == PT_DOT || kind == PT_DOTDOT || kind == PT_LBRACKET;
}

/* segments = *(S segment); stops at anything else. */
int Sfn_path_segments(struct sfn_pparser *p, struct segment **segs, size_t *n)
{
	for (;;) {
		const unsigned char *save = p->lx.cur;
		struct sfn_ptoken before = p->tok;
		void *grown;

		if (!p->aws)
			Sfn_pp_skip_blank(p);
		if (!is_segment_start(p->tok.kind)) {
			p->lx.cur = save; /* blanks belong to the caller */
			p->tok = before;
			return !p->failed;
		}
		grown = *segs;
		if (!grow_array(p, &grown, *n, sizeof(**segs)))
			return 0;
		*segs = grown;
		memset(&(*segs)[*n], 0, sizeof(**segs));
		if (!segment(p, &(*segs)[(*n)++]))
			return 0;
		(*segs)[*n - 1].end_col = Sfn_pp_column(p, p->tok.begin);
	}
}

/* ---- queries ------------------------------------------------------------ */

/* The root: "$" in both dialects; "$$" and "$name" in aws only. */
static int root(struct sfn_pparser *p)
{
	struct sfn_path *path = p->path;

	switch (p->tok.kind) {
	case PT_ROOT:
		path->root = SFN_PATH_ROOT_INPUT;
		break;
	case PT_CONTEXT:
		if (!p->aws)
			return Sfn_pp_expected(p, "'$'");
		path->root = SFN_PATH_ROOT_CONTEXT;
		break;
	case PT_VARIABLE:
		if (!p->aws)
			return Sfn_pp_expected(p, "'$'");
		path->root = SFN_PATH_ROOT_VARIABLE;
		path->variable =
		        Sfn_pp_copy(p, p->tok.begin + 1,
		                    (size_t) (p->tok.end - p->tok.begin - 1));
		break;
	default:
		return Sfn_pp_expected(p, "a path starting with '$'");
	}
	Sfn_pp_next(p);
	return 1;
}

/* jsonpath-query = root-identifier segments, and nothing after it */
enum sfn_status sfn_path_parse(const char *expr, enum sfn_path_dialect dialect,
                               const struct sfn_loc *at,
                               struct sfn_diags *diags, struct sfn_path **out)
{
	struct sfn_pparser p;
	struct sfn_path *path;
	size_t len = strlen(expr);

	*out = NULL;
	path = calloc(1, sizeof(*path));
	if (path == NULL)
		return SFN_ERR_NOMEM;
	sfn_arena_init(&path->arena);
	/* a path's tree is small: blocks sized to it, not the default, keep
	 * many short-lived paths cheap */
	path->arena.block_size = 256 + 32 * len;
	path->dialect = dialect;
	memset(&p, 0, sizeof(p));
	p.path = path;
	p.diags = diags;
	p.at = at;
	p.aws = dialect == SFN_PATH_AWS;
	path->text = sfn_arena_strdup(&path->arena, expr);
	Sfn_plexer_init(&p.lx, expr, len);
	p.lx.aws = p.aws;
	Sfn_pp_next(&p);
	if (len > SFN_PATH_MAX_LENGTH)
		Sfn_pp_report(&p, SFN_RULE_PATH_SYNTAX, p.lx.start,
		              p.lx.start + 1,
		              "expression is longer than %d "
		              "characters",
		              SFN_PATH_MAX_LENGTH);
	else if (root(&p) && Sfn_path_segments(&p, &path->segs, &path->nsegs) &&
	         p.tok.kind != PT_EOF)
		Sfn_pp_expected(&p, "'.', '..', '[' or the end of the path");
	Sfn_plexer_free(&p.lx);
	if (p.failed || path->text == NULL) {
		sfn_path_free(path);
		return diags->status == SFN_ERR_NOMEM ? SFN_ERR_NOMEM
		                                      : SFN_ERR_SYNTAX;
	}
	*out = path;
	return SFN_OK;
}

void sfn_path_free(struct sfn_path *path)
{
	if (path == NULL)
		return;
	sfn_arena_free(&path->arena);
	free(path);
}

enum sfn_path_root sfn_path_root_kind(const struct sfn_path *path)
{
	return path->root;
}

const char *sfn_path_variable(const struct sfn_path *path)
{
	return path->variable;
}

const char *sfn_path_text(const struct sfn_path *path)
{
	return path->text;
}

int Sfn_pp_singular(const struct segment *segs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (segs[i].descendant || segs[i].nsels != 1 ||
		    (segs[i].sels[0].kind != SEL_NAME &&
		     segs[i].sels[0].kind != SEL_INDEX))
			return 0;
	}
	return 1;
}

int sfn_path_is_definite(const struct sfn_path *path)
{
	return Sfn_pp_singular(path->segs, path->nsegs);
}
