/* Recursive descent parser for one intrinsic call, "States.Name(arg, ...)",
 * into a tree in an arena. Knows the syntax only: which names exist and
 * what types their arguments take are check.c's business. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "intrinsic/intrinsic_int.h"

struct parser {
	const char *s; /* the root's copy of the text */
	size_t len, pos;
	struct sfn_arena *arena;
	const struct sfn_loc *at; /* where the text stands in the source */
	struct sfn_diags *diags;
	enum sfn_status status; /* the first failure */
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* [0-9a-zA-Z._] as two bit sets, for codes 0-63 and 64-127 */
static int is_name_char(char c)
{
	const uint64_t low = (0x3ffull << '0') | (1ull << '.');
	const uint64_t high = (0x3ffffffull << ('A' - 64)) |
	                      (0x3ffffffull << ('a' - 64)) |
	                      (1ull << ('_' - 64));
	unsigned char u = (unsigned char) c;

	return u < 64 ? (int) ((low >> u) & 1)
	              : u < 128 && ((high >> (u - 64)) & 1);
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static char peek(const struct parser *p)
{
	return p->pos < p->len ? p->s[p->pos] : '\0';
}

static void skip_ws(struct parser *p)
{
	while (is_ws(peek(p)))
		p->pos++;
}

static void *alloc(struct parser *p, size_t size)
{
	void *mem = sfn_arena_alloc(p->arena, size);

	if (mem == NULL)
		p->status = SFN_ERR_NOMEM;
	return mem;
}

/* Reports a syntax error at [POS, END); only the first one counts. */
static void error(struct parser *p, size_t pos, size_t end, const char *fmt,
                  ...) __attribute__((format(printf, 4, 5)));
static void error(struct parser *p, size_t pos, size_t end, const char *fmt,
                  ...)
{
	struct sfn_buf msg;
	va_list ap;

	if (p->status != SFN_OK)
		return;
	p->status = SFN_ERR_SYNTAX;
	sfn_buf_init(&msg, (size_t) 1 << 16);
	va_start(ap, fmt);
	sfn_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	Sfn_intr_diag(p->diags, SFN_RULE_INTRINSIC_SYNTAX, p->at, p->s, pos,
	              end, "%s", sfn_buf_str(&msg));
	sfn_buf_free(&msg);
}

/* The character at POS as a message shows it: 'x', white space, end. */
static const char *describe(const struct parser *p, size_t pos, char buf[8])
{
	uint32_t cp;
	size_t n;

	if (pos >= p->len)
		return "end of input";
	if (is_ws(p->s[pos]))
		return "white space";
	n = sfn_utf8_next(p->s + pos, &cp);
	buf[0] = '\'';
	memcpy(buf + 1, p->s + pos, n);
	buf[n + 1] = '\'';
	buf[n + 2] = '\0';
	return buf;
}

static size_t char_end(const struct parser *p, size_t pos)
{
	uint32_t cp;

	return pos < p->len ? pos + sfn_utf8_next(p->s + pos, &cp) : pos;
}

static void expected(struct parser *p, const char *what)
{
	char buf[8];

	error(p, p->pos, char_end(p, p->pos), "expected %s, found %s", what,
	      describe(p, p->pos, buf));
}

static size_t name_len(const struct parser *p)
{
	const char *b = p->s + p->pos, *q = b, *end = p->s + p->len;

	while (q < end && is_name_char(*q))
		q++;
	return (size_t) (q - b);
}

static struct intr_arg *new_arg(struct parser *p, enum intr_arg_kind kind,
                                size_t pos)
{
	struct intr_arg *a = alloc(p, sizeof(*a));

	if (a != NULL) {
		a->kind = kind;
		a->pos = pos;
	}
	return a;
}

/* ESC := "\\" ( "'" | "{" | "}" | "\\" ): checks the escape at byte I. */
static int escape_ok(struct parser *p, size_t i)
{
	size_t end;

	if (i + 1 >= p->len) {
		error(p, i, i + 1,
		      "open escape '\\' at the end of the text; "
		      "write \\\\ for a backslash");
		return 0;
	}
	if (strchr("'{}\\", p->s[i + 1]) != NULL)
		return 1;
	end = char_end(p, i + 1);
	if (is_ws(p->s[i + 1]))
		error(p, i, end,
		      "invalid escape: '\\' followed by white "
		      "space; the valid escapes are \\' \\{ \\} and \\\\");
	else
		error(p, i, end,
		      "invalid escape '\\%.*s' in a string; the "
		      "valid escapes are \\' \\{ \\} and \\\\",
		      (int) (end - i - 1), p->s + i + 1);
	return 0;
}

/* Copies RAW[0,N) with every escaping backslash removed (ESCAPES: there
 * are some). */
static char *unescape(struct parser *p, const char *raw, size_t n, int escapes)
{
	char *out, *o;

	if (!escapes) {
		out = sfn_arena_strndup(p->arena, raw, n);
		if (out == NULL)
			p->status = SFN_ERR_NOMEM;
		return out;
	}
	out = o = alloc(p, n + 1);
	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (raw[i] == '\\')
			i++;
		*o++ = raw[i];
	}
	*o = '\0';
	return out;
}

/* STRING := "'" ( CHAR | ESC )* "'" */
static struct intr_arg *parse_string(struct parser *p)
{
	size_t open = p->pos, i = open + 1, len = p->len;
	const char *s = p->s;
	const char *close = memchr(s + i, '\'', len - i);
	size_t stop = close != NULL ? (size_t) (close - s) : len;
	int escapes = 0;
	struct intr_arg *a;

	/* most strings have no escape: their end found at once */
	if (memchr(s + i, '\\', stop - i) == NULL)
		i = stop;
	for (; i < len && s[i] != '\''; i++) {
		if (s[i] != '\\')
			continue;
		if (!escape_ok(p, i))
			return NULL;
		escapes = 1;
		i++;
	}
	if (i >= p->len) {
		error(p, open, open + 1,
		      "string is not closed: missing the "
		      "closing '''");
		return NULL;
	}
	a = new_arg(p, INTR_STRING, open);
	if (a == NULL)
		return NULL;
	a->raw = p->s + open + 1;
	a->raw_len = i - open - 1;
	a->str = unescape(p, a->raw, a->raw_len, escapes);
	p->pos = a->end = i + 1;
	return a->str != NULL ? a : NULL;
}

static size_t skip_digits(const struct parser *p, size_t i)
{
	while (is_digit(p->s[i]))
		i++;
	return i;
}

/* Scans a JSON number from byte I; returns its end, or 0 with *WHY set. */
static size_t scan_number(const struct parser *p, size_t i, const char **why)
{
	if (p->s[i] == '-')
		i++;
	if (!is_digit(p->s[i])) {
		*why = "expected a digit after '-'";
		return 0;
	}
	if (p->s[i] == '0' && is_digit(p->s[i + 1])) {
		*why = "leading zeros are not allowed";
		return 0;
	}
	i = skip_digits(p, i);
	if (p->s[i] == '.') {
		if (!is_digit(p->s[++i])) {
			*why = "expected a digit after '.'";
			return 0;
		}
		i = skip_digits(p, i);
	}
	if (p->s[i] != 'e' && p->s[i] != 'E')
		return i;
	i++;
	if (p->s[i] == '+' || p->s[i] == '-')
		i++;
	if (!is_digit(p->s[i])) {
		*why = "expected a digit in the exponent";
		return 0;
	}
	return skip_digits(p, i);
}

/* NUMBER := "-"? INT ( "." DIGIT+ )? ( [eE] [+-]? DIGIT+ )? */
static struct intr_arg *parse_number(struct parser *p)
{
	const char *why = NULL;
	size_t start = p->pos, end = scan_number(p, start, &why);
	struct intr_arg *a;
	char *copy;

	if (end == 0) {
		end = start + 1;
		while (p->s[end] != '\0' &&
		       strchr("0123456789.eE+-", p->s[end]) != NULL)
			end++;
		error(p, start, end, "invalid number '%.*s': %s",
		      (int) (end - start), p->s + start, why);
		return NULL;
	}
	a = new_arg(p, INTR_NUMBER, start);
	copy = sfn_arena_strndup(p->arena, p->s + start, end - start);
	if (a == NULL || copy == NULL) {
		p->status = SFN_ERR_NOMEM;
		return NULL;
	}
	a->num = strtod(copy, NULL);
	a->str = copy;
	p->pos = a->end = end;
	return a;
}

/* Skips a quoted name inside a path, backslash escapes included. */
static int skip_quoted(struct parser *p)
{
	char q = p->s[p->pos];
	size_t open = p->pos;

	for (p->pos++; p->pos < p->len && p->s[p->pos] != q; p->pos++) {
		if (p->s[p->pos] == '\\' && p->pos + 1 < p->len)
			p->pos++;
	}
	if (p->pos >= p->len) {
		error(p, open, open + 1,
		      "path is not closed: the quote %c has "
		      "no matching %c",
		      q, q);
		return 0;
	}
	p->pos++;
	return 1;
}

/* PATH := "$" BODY, ending at a "," or ")" or white space outside brackets
 * and quotes. The path itself is checked by whoever resolves it. */
static struct intr_arg *parse_path(struct parser *p)
{
	size_t start = p->pos, depth = 0, opener = 0;
	struct intr_arg *a;

	for (p->pos++; p->pos < p->len; p->pos++) {
		char c = p->s[p->pos];

		/* a path's names ($.a.b) first, without the tests below */
		if (depth == 0) {
			size_t i = p->pos, len = p->len;
			const char *s = p->s;

			while (i < len && (is_name_char(s[i]) || s[i] == '$'))
				i++;
			p->pos = i;
			if (i == len)
				break;
			c = s[i];
		}
		if (depth == 0 && (c == ',' || c == ')' || is_ws(c)))
			break;
		if (c == '\'' || c == '"') {
			if (!skip_quoted(p))
				return NULL;
			p->pos--;
		} else if (c == '[' || c == '(') {
			if (depth++ == 0)
				opener = p->pos;
		} else if ((c == ']' || c == ')') && depth > 0) {
			depth--;
		}
	}
	if (depth > 0) {
		error(p, opener, opener + 1,
		      "path is not closed: '%c' has no "
		      "matching '%c'",
		      p->s[opener], p->s[opener] == '[' ? ']' : ')');
		return NULL;
	}
	a = new_arg(p, INTR_PATH, start);
	if (a == NULL)
		return NULL;
	a->str = sfn_arena_strndup(p->arena, p->s + start, p->pos - start);
	a->end = p->pos;
	if (a->str == NULL)
		p->status = SFN_ERR_NOMEM;
	return a->str != NULL ? a : NULL;
}

static struct sfn_intrinsic *parse_call(struct parser *p, size_t depth);

/* arg := "true" | "false" | "null" | call */
static struct intr_arg *parse_word(struct parser *p, size_t depth)
{
	static const char *const words[] = { "true", "false", "null" };
	static const enum intr_arg_kind kinds[] = { INTR_TRUE, INTR_FALSE,
		                                    INTR_NULL };
	size_t start = p->pos, n = name_len(p);
	struct intr_arg *a;

	for (size_t i = 0; i < 3 && p->s[start + n] != '('; i++) {
		if (strlen(words[i]) != n || memcmp(words[i], p->s + start, n))
			continue;
		a = new_arg(p, kinds[i], start);
		if (a != NULL)
			p->pos = a->end = start + n;
		return a;
	}
	if (p->s[start + n] != '(' && memchr(p->s + start, '.', n) == NULL) {
		error(p, start, start + n,
		      "unexpected '%.*s': expected an "
		      "argument: a 'string', a number, true, false, null, a "
		      "path or a function call",
		      (int) n, p->s + start);
		return NULL;
	}
	a = new_arg(p, INTR_CALL, start);
	if (a == NULL || (a->call = parse_call(p, depth + 1)) == NULL)
		return NULL;
	a->end = p->pos;
	return a;
}

/* arg := STRING | NUMBER | true | false | null | PATH | call */
static struct intr_arg *parse_arg(struct parser *p, size_t depth)
{
	char c = peek(p);

	if (c == '\'')
		return parse_string(p);
	if (c == '-' || is_digit(c))
		return parse_number(p);
	if (c == '$')
		return parse_path(p);
	if (is_name_char(c) && c != '.' && !is_digit(c))
		return parse_word(p, depth);
	expected(p, "an argument: a 'string', a number, true, false, null, "
	            "a path or a function call");
	return NULL;
}

static int finish_args(struct parser *p, struct sfn_intrinsic *call,
                       struct intr_arg *head, size_t n)
{
	call->nargs = n;
	if (n == 0)
		return 1;
	call->args = alloc(p, n * sizeof(*call->args));
	if (call->args == NULL)
		return 0;
	for (size_t i = 0; i < n; i++, head = head->next)
		call->args[i] = head;
	return 1;
}

static void unclosed(struct parser *p, const struct sfn_intrinsic *call,
                     size_t n)
{
	char buf[8];

	error(p, p->pos, char_end(p, p->pos),
	      "expected ',' or ')' after "
	      "argument %zu of %s, found %s (to close '(' at column %u)",
	      n, call->name, describe(p, p->pos, buf),
	      Sfn_intr_col(p->at, p->s, call->open));
}

/* args := WS? [ arg ( WS? "," WS? arg )* ] WS? ")" */
static int parse_args(struct parser *p, struct sfn_intrinsic *call)
{
	struct intr_arg *head = NULL, **tail = &head;
	size_t n = 0;

	skip_ws(p);
	while (peek(p) != ')' || n > 0) {
		struct intr_arg *a = parse_arg(p, call->depth);

		if (a == NULL)
			return 0;
		*tail = a;
		tail = &a->next;
		n++;
		skip_ws(p);
		if (peek(p) == ')')
			break;
		if (peek(p) != ',') {
			unclosed(p, call, n);
			return 0;
		}
		p->pos++;
		skip_ws(p);
	}
	p->pos++;
	return finish_args(p, call, head, n);
}

static void no_paren(struct parser *p, const struct sfn_intrinsic *call)
{
	char buf[8];

	error(p, p->pos, char_end(p, p->pos),
	      "expected '(' right after the "
	      "function name %s, found %s",
	      call->name, describe(p, p->pos, buf));
}

/* call := NAME "(" args */
static struct sfn_intrinsic *parse_call(struct parser *p, size_t depth)
{
	size_t start = p->pos, n = name_len(p);
	struct sfn_intrinsic *call;

	if (n == 0) {
		expected(p, "a function name such as States.Format");
		return NULL;
	}
	if (depth > SFN_INTRINSIC_MAX_DEPTH) {
		error(p, start, start + n,
		      "function calls are nested more "
		      "than %d deep",
		      SFN_INTRINSIC_MAX_DEPTH);
		return NULL;
	}
	call = alloc(p, sizeof(*call));
	if (call == NULL)
		return NULL;
	call->arena = p->arena;
	call->text = p->s;
	call->pos = start;
	call->depth = depth;
	call->name = sfn_arena_strndup(p->arena, p->s + start, n);
	p->pos += n;
	if (call->name == NULL) {
		p->status = SFN_ERR_NOMEM;
		return NULL;
	}
	if (peek(p) != '(') {
		no_paren(p, call);
		return NULL;
	}
	call->open = p->pos++;
	if (!parse_args(p, call))
		return NULL;
	call->end = p->pos;
	return call;
}

static void trailing(struct parser *p)
{
	char buf[8];

	error(p, p->pos, p->len,
	      "expected the end of the text after the "
	      "call, found %s",
	      describe(p, p->pos, buf));
}

enum sfn_status sfn_intrinsic_parse(const char *text, const struct sfn_loc *at,
                                    struct sfn_diags *diags,
                                    struct sfn_intrinsic **call)
{
	struct parser p = { NULL, 0, 0, NULL, at, diags, SFN_OK };
	struct sfn_intrinsic *root;

	*call = NULL;
	p.arena = malloc(sizeof(*p.arena));
	if (p.arena == NULL)
		return SFN_ERR_NOMEM;
	sfn_arena_init(p.arena);
	p.len = text != NULL ? strlen(text) : 0;
	/* small trees, small blocks: a call of 60 bytes gets 608, which
	 * malloc hands out from its per-thread cache */
	p.arena->block_size = 128 + 8 * p.len;
	p.s = sfn_arena_strndup(p.arena, text != NULL ? text : "", p.len);
	root = p.s != NULL ? parse_call(&p, 1) : NULL;
	if (p.s == NULL)
		p.status = SFN_ERR_NOMEM;
	if (root != NULL && p.pos < p.len)
		trailing(&p);
	if (p.status != SFN_OK) {
		sfn_arena_free(p.arena);
		free(p.arena);
		return p.status;
	}
	*call = root;
	return SFN_OK;
}

int sfn_intrinsic_is_call(const char *text)
{
	return text != NULL && strncmp(text, "States.", 7) == 0;
}

void sfn_intrinsic_free(struct sfn_intrinsic *call)
{
	struct sfn_arena *arena;

	if (call == NULL)
		return;
	arena = call->arena;
	sfn_arena_free(arena);
	free(arena);
}
