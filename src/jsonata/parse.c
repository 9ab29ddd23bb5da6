/* The JSONata parser: top-down operator precedence (Pratt) over the
 * re2c lexer, producing the raw tree that Sfn_jn_process turns into the
 * evaluated form. Errors carry JSONata's S0xxx codes. Knows nothing of
 * evaluation. */
#include "config.h"

#include <string.h>

#include "jsonata/jsonata_int.h"
#include "jsonata/lexer.h"

struct parser {
	struct jn_ctx *c;
	struct jn_lexer lx;
	struct jn_token t; /* the current token, not yet consumed */
	const char *text;
	size_t depth;
};

/* Binding powers of the infix operators; the rest bind at 0. */
static const struct {
	const char *op;
	int lbp;
} infix_ops[] = {
	{ ".", 75 },  { "[", 80 },  { "{", 70 },  { "(", 80 },   { "@", 80 },
	{ "#", 80 },  { "?", 20 },  { "+", 50 },  { "-", 50 },   { "*", 60 },
	{ "/", 60 },  { "%", 60 },  { "=", 40 },  { "<", 40 },   { ">", 40 },
	{ "^", 40 },  { ":=", 10 }, { "!=", 40 }, { "<=", 40 },  { ">=", 40 },
	{ "~>", 40 }, { "?:", 40 }, { "??", 40 }, { "and", 30 }, { "or", 25 },
	{ "in", 40 }, { "&", 50 },
};

static const struct {
	const char *op;
	enum jn_op code;
} binary_ops[] = {
	{ "+", OP_ADD }, { "-", OP_SUB },    { "*", OP_MUL }, { "/", OP_DIV },
	{ "%", OP_MOD }, { "=", OP_EQ },     { "!=", OP_NE }, { "<", OP_LT },
	{ "<=", OP_LE }, { ">", OP_GT },     { ">=", OP_GE }, { "and", OP_AND },
	{ "or", OP_OR }, { "&", OP_CONCAT }, { "in", OP_IN },
};

static int is_op(const struct jn_token *t, const char *op)
{
	return t->kind == JT_OP && strcmp(t->op, op) == 0;
}

static int lbp(const struct jn_token *t)
{
	if (t->kind != JT_OP)
		return 0;
	for (size_t i = 0; i < sizeof(infix_ops) / sizeof(infix_ops[0]); i++) {
		if (strcmp(infix_ops[i].op, t->op) == 0)
			return infix_ops[i].lbp;
	}
	return 0;
}

/* The token as messages quote it; BUF holds a number's text. */
static const char *token_text(const struct jn_token *t, char buf[32])
{
	if (t->kind == JT_OP || t->kind == JT_VALUE)
		return t->op;
	if (t->kind == JT_END)
		return "(end)";
	if (t->kind == JT_NUMBER) {
		Sfn_jn_numtext(t->num, buf);
		return buf;
	}
	return t->text != NULL ? t->text : "";
}

static int lex_fail(struct parser *p)
{
	static const struct {
		const char *code, *msg;
	} msgs[] = {
		{ "S0101", "String literal must be terminated by a matching "
		           "quote" },
		{ "S0102", "Number out of range" },
		{ "S0103", "Unsupported escape sequence" },
		{ "S0104", "The escape sequence \\u must be followed by 4 hex "
		           "digits" },
		{ "S0105", "Quoted property name must be terminated with a "
		           "backquote (`)" },
		{ "S0106", "Comment has no closing tag" },
		{ "S0301", "Empty regular expressions are not allowed" },
		{ "S0302", "No terminating / in regular expression" },
	};

	for (size_t i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++) {
		if (strcmp(msgs[i].code, p->lx.code) == 0)
			return Sfn_jn_fail(p->c, msgs[i].code, p->lx.err_at,
			                   "%s", msgs[i].msg);
	}
	return Sfn_jn_nomem(p->c);
}

/* Consumes the current token and reads the next one. */
static int next(struct parser *p)
{
	int prefix = p->t.kind == JT_OP && !is_op(&p->t, ")") &&
	             !is_op(&p->t, "]") && !is_op(&p->t, "}");

	if (Sfn_jn_lex(&p->lx, prefix, &p->t) != 0)
		return lex_fail(p);
	if (is_op(&p->t, "!") || is_op(&p->t, "~"))
		return Sfn_jn_fail(p->c, "S0204", p->t.start,
		                   "Unknown operator: %s", p->t.op);
	return 0;
}

/* Consumes the operator OP or fails with S0202/S0203. */
static int expect(struct parser *p, const char *op)
{
	char buf[32];

	if (is_op(&p->t, op))
		return next(p);
	if (p->t.kind == JT_END)
		return Sfn_jn_fail(p->c, "S0203", p->t.start,
		                   "Expected \"%s\" before end of expression",
		                   op);
	return Sfn_jn_fail(p->c, "S0202", p->t.start,
	                   "Expected \"%s\", got \"%s\"", op,
	                   token_text(&p->t, buf));
}

static int expression(struct parser *p, int rbp, struct jn_node **out);

static struct jn_node *node(struct parser *p, enum jn_ntype type,
                            const struct jn_token *t)
{
	return Sfn_jn_node_new(p->c, type, t->end);
}

/* item SEP item SEP ... CLOSE: ITEM reads one item into N. */
static int items(struct parser *p, struct jn_node *n, const char *sep,
                 const char *close,
                 int (*item)(struct parser *p, struct jn_node *n))
{
	while (!is_op(&p->t, close)) {
		if (item(p, n) != 0)
			return -1;
		if (!is_op(&p->t, sep))
			break;
		if (next(p) != 0)
			return -1;
	}
	return expect(p, close);
}

static int plain_item(struct parser *p, struct jn_node *n)
{
	struct jn_node *e;

	if (expression(p, 0, &e) != 0)
		return -1;
	return Sfn_jn_list_push(p->c, &n->items, e);
}

/* an array member: expr, or from .. to */
static int array_item(struct parser *p, struct jn_node *n)
{
	struct jn_node *e, *r;

	if (expression(p, 0, &e) != 0)
		return -1;
	if (is_op(&p->t, "..")) {
		r = node(p, N_BINARY, &p->t);
		if (r == NULL || next(p) != 0 || expression(p, 0, &r->rhs) != 0)
			return -1;
		r->op = OP_RANGE;
		r->lhs = e;
		e = r;
	}
	return Sfn_jn_list_push(p->c, &n->items, e);
}

/* key: value, as two consecutive items */
static int pair_item(struct parser *p, struct jn_node *n)
{
	struct jn_node *k, *v;

	if (expression(p, 0, &k) != 0 || expect(p, ":") != 0 ||
	    expression(p, 0, &v) != 0 ||
	    Sfn_jn_list_push(p->c, &n->items, k) != 0)
		return -1;
	return Sfn_jn_list_push(p->c, &n->items, v);
}

/* an argument: expr, or '?' making the call a partial application */
static int arg_item(struct parser *p, struct jn_node *n)
{
	struct jn_node *e;

	if (!is_op(&p->t, "?"))
		return plain_item(p, n);
	n->type = N_PARTIAL;
	e = node(p, N_PLACEHOLDER, &p->t);
	if (e == NULL || next(p) != 0)
		return -1;
	return Sfn_jn_list_push(p->c, &n->items, e);
}

/* ( expr ; expr ... ) */
static int block(struct parser *p, struct jn_node *n)
{
	return items(p, n, ";", ")", plain_item);
}

/* [ item, from .. to, ... ] */
static int array(struct parser *p, struct jn_node *n)
{
	return items(p, n, ",", "]", array_item);
}

/* { key: value, ... } */
static int object(struct parser *p, struct jn_node *n)
{
	return items(p, n, ",", "}", pair_item);
}

/* | pattern | update [, delete] | */
static int transform(struct parser *p, struct jn_node *n)
{
	if (expression(p, 0, &n->lhs) != 0 || expect(p, "|") != 0 ||
	    expression(p, 0, &n->rhs) != 0)
		return -1;
	if (is_op(&p->t, ",")) {
		if (next(p) != 0 || expression(p, 0, &n->third) != 0)
			return -1;
	}
	return expect(p, "|");
}

static int prefix_op(struct parser *p, const struct jn_token *t,
                     struct jn_node **out)
{
	static const struct {
		const char *op;
		enum jn_ntype type;
	} simple[] = { { "*", N_WILDCARD },
		       { "**", N_DESCENDANT },
		       { "%", N_PARENT } };
	struct jn_node *n;

	for (size_t i = 0; i < 3; i++) {
		if (strcmp(t->op, simple[i].op) == 0) {
			*out = node(p, simple[i].type, t);
			return *out == NULL ? -1 : 0;
		}
	}
	if (strcmp(t->op, "and") == 0 || strcmp(t->op, "or") == 0 ||
	    strcmp(t->op, "in") == 0) {
		n = node(p, N_NAME, t);
		*out = n;
		if (n == NULL)
			return -1;
		n->str = t->op;
		n->len = strlen(t->op);
		return 0;
	}
	if (strcmp(t->op, "-") == 0) {
		n = *out = node(p, N_NEG, t);
		return n == NULL ? -1 : expression(p, 70, &n->lhs);
	}
	if (strcmp(t->op, "(") == 0) {
		n = *out = node(p, N_BLOCK, t);
		return n == NULL ? -1 : block(p, n);
	}
	if (strcmp(t->op, "[") == 0) {
		n = *out = node(p, N_ARRAY, t);
		return n == NULL ? -1 : array(p, n);
	}
	if (strcmp(t->op, "{") == 0) {
		n = *out = node(p, N_OBJECT, t);
		return n == NULL ? -1 : object(p, n);
	}
	if (strcmp(t->op, "|") == 0) {
		n = *out = node(p, N_TRANSFORM, t);
		return n == NULL ? -1 : transform(p, n);
	}
	return Sfn_jn_fail(p->c, "S0211", t->start,
	                   "The symbol %s cannot be used as a unary operator",
	                   t->op);
}

static int literal(struct parser *p, const struct jn_token *t,
                   struct jn_node **out)
{
	static const enum jn_ntype types[] = {
		[JT_NAME] = N_NAME,     [JT_VAR] = N_VARIABLE,
		[JT_STRING] = N_STRING, [JT_NUMBER] = N_NUMBER,
		[JT_VALUE] = N_VALUE,   [JT_REGEX] = N_REGEX
	};
	struct jn_node *n = node(p, types[t->kind], t);

	*out = n;
	if (n == NULL)
		return -1;
	n->str = t->kind == JT_VALUE ? t->op : t->text;
	n->len = t->kind == JT_VALUE ? strlen(t->op) : t->len;
	n->num = t->num;
	if (t->kind == JT_REGEX)
		return Sfn_jn_regex_compile(p->c, t->text, t->len, t->flags,
		                            t->start, &n->re);
	return 0;
}

static int nud(struct parser *p, const struct jn_token *t, struct jn_node **out)
{
	if (t->kind == JT_END)
		return Sfn_jn_fail(p->c, "S0207", t->start,
		                   "Unexpected end of expression");
	if (t->kind == JT_OP)
		return prefix_op(p, t, out);
	return literal(p, t, out);
}

/* The signature of a lambda: the raw text from '<' to its matching '>'. */
static int signature(struct parser *p, struct jn_node *n)
{
	size_t at = p->t.start, i = at;
	int depth = 0;

	for (; i < (size_t) (p->lx.lim - p->lx.start); i++) {
		if (p->text[i] == '<')
			depth++;
		else if (p->text[i] == '>' && --depth == 0)
			break;
		else if (p->text[i] == '{')
			break;
	}
	if (depth != 0)
		return Sfn_jn_fail(p->c, "S0402", at, "Malformed signature");
	if (Sfn_jn_sig_parse(p->c, p->text + at, i + 1 - at, at, &n->sig) != 0)
		return -1;
	p->lx.cur = p->lx.start + i + 1;
	p->t.kind = JT_OP;
	p->t.op = ">";
	return next(p);
}

/* function($a, $b)<sig>{ body } after the arguments were read */
static int lambda(struct parser *p, struct jn_node *n)
{
	for (size_t i = 0; i < n->items.n; i++) {
		if (n->items.v[i]->type != N_VARIABLE)
			return Sfn_jn_fail(
			        p->c, "S0208", n->items.v[i]->pos,
			        "Parameter %zu of function definition "
			        "must be a variable name (start with $)",
			        i + 1);
	}
	n->type = N_LAMBDA;
	if (is_op(&p->t, "<") && signature(p, n) != 0)
		return -1;
	if (expect(p, "{") != 0 || expression(p, 0, &n->rhs) != 0)
		return -1;
	return expect(p, "}");
}

/* left ( args ) — a call, a partial application or a lambda */
static int call(struct parser *p, struct jn_node *left, struct jn_node *n)
{
	n->type = N_CALL;
	n->lhs = left;
	if (left->type == N_VARIABLE && p->c->calls != NULL &&
	    Sfn_jn_list_push(p->c, p->c->calls, left) != 0)
		return -1;
	if (items(p, n, ",", ")", arg_item) != 0)
		return -1;
	if (left->type == N_NAME && (strcmp(left->str, "function") == 0 ||
	                             strcmp(left->str, "\xce\xbb") == 0))
		return lambda(p, n);
	return 0;
}

/* left ^ ( <term, >term ... ) */
static int sort(struct parser *p, struct jn_node *left, struct jn_node *n)
{
	struct jn_node *term;

	n->type = N_RAW_SORT;
	n->lhs = left;
	if (expect(p, "(") != 0)
		return -1;
	for (;;) {
		term = node(p, N_FILTER, &p->t);
		if (term == NULL)
			return -1;
		if (is_op(&p->t, "<") || is_op(&p->t, ">")) {
			term->descending = is_op(&p->t, ">");
			if (next(p) != 0)
				return -1;
		}
		if (expression(p, 0, &term->lhs) != 0 ||
		    Sfn_jn_list_push(p->c, &n->items, term) != 0)
			return -1;
		if (!is_op(&p->t, ","))
			break;
		if (next(p) != 0)
			return -1;
	}
	return expect(p, ")");
}

/* left [ ] keeps singleton arrays; left [ expr ] filters */
static int predicate(struct parser *p, struct jn_node *left,
                     struct jn_node **out)
{
	struct jn_node *step = left, *n;

	if (is_op(&p->t, "]")) {
		while (step->type == N_RAW_PRED)
			step = step->lhs;
		step->keep_array = 1;
		*out = left;
		return next(p);
	}
	n = *out = node(p, N_RAW_PRED, &p->t);
	if (n == NULL)
		return -1;
	n->lhs = left;
	if (expression(p, 0, &n->rhs) != 0)
		return -1;
	return expect(p, "]");
}

/* left @ $var, left # $var */
static int binding(struct parser *p, const struct jn_token *t,
                   struct jn_node *left, struct jn_node *n)
{
	struct jn_node *rhs;

	n->type = strcmp(t->op, "@") == 0 ? N_RAW_FOCUS : N_RAW_INDEX;
	n->lhs = left;
	if (expression(p, 80, &rhs) != 0)
		return -1;
	if (rhs->type != N_VARIABLE)
		return Sfn_jn_fail(
		        p->c, "S0214", rhs->pos,
		        "The right side of %s must be a variable name "
		        "(start with $)",
		        t->op);
	n->str = rhs->str;
	return 0;
}

/* cond ? then : else, a ?: b, a ?? b */
static int condition(struct parser *p, const struct jn_token *t,
                     struct jn_node *left, struct jn_node *n)
{
	struct jn_node *exists;

	n->type = N_CONDITION;
	n->lhs = left;
	if (strcmp(t->op, "?") == 0) {
		if (expression(p, 0, &n->rhs) != 0)
			return -1;
		if (!is_op(&p->t, ":"))
			return 0;
		return next(p) != 0 ? -1 : expression(p, 0, &n->third);
	}
	n->rhs = left;
	if (strcmp(t->op, "??") == 0) {
		exists = node(p, N_CALL, t);
		if (exists == NULL ||
		    Sfn_jn_list_push(p->c, &exists->items, left))
			return -1;
		exists->lhs = node(p, N_VARIABLE, t);
		if (exists->lhs == NULL)
			return -1;
		exists->lhs->str = "exists";
		exists->lhs->len = 6;
		n->lhs = exists;
	}
	return expression(p, 0, &n->third);
}

static int binary(struct parser *p, const struct jn_token *t,
                  struct jn_node *left, struct jn_node *n)
{
	int bp = lbp(t);

	n->lhs = left;
	if (strcmp(t->op, ".") == 0)
		n->type = N_RAW_DOT;
	else if (strcmp(t->op, "~>") == 0)
		n->type = N_APPLY;
	else if (strcmp(t->op, ":=") == 0)
		n->type = N_BIND;
	for (size_t i = 0; i < sizeof(binary_ops) / sizeof(binary_ops[0]);
	     i++) {
		if (strcmp(binary_ops[i].op, t->op) == 0)
			n->op = binary_ops[i].code;
	}
	if (expression(p, n->type == N_BIND ? bp - 1 : bp, &n->rhs) != 0)
		return -1;
	if (n->type == N_BIND && left->type != N_VARIABLE)
		return Sfn_jn_fail(
		        p->c, "S0212", left->pos,
		        "The left side of := must be a variable name "
		        "(start with $)");
	return 0;
}

static int led(struct parser *p, const struct jn_token *t, struct jn_node *left,
               struct jn_node **out)
{
	struct jn_node *n = node(p, N_BINARY, t);

	*out = n;
	if (n == NULL)
		return -1;
	if (strcmp(t->op, "(") == 0)
		return call(p, left, n);
	if (strcmp(t->op, "[") == 0)
		return predicate(p, left, out);
	if (strcmp(t->op, "{") == 0) {
		n->type = N_RAW_GROUP;
		n->lhs = left;
		n->rhs = node(p, N_OBJECT, t);
		return n->rhs == NULL ? -1 : object(p, n->rhs);
	}
	if (strcmp(t->op, "^") == 0)
		return sort(p, left, n);
	if (strcmp(t->op, "@") == 0 || strcmp(t->op, "#") == 0)
		return binding(p, t, left, n);
	if (t->op[0] == '?')
		return condition(p, t, left, n);
	return binary(p, t, left, n);
}

static int expression(struct parser *p, int rbp, struct jn_node **out)
{
	struct jn_token t = p->t;
	struct jn_node *left = NULL;
	int rc = -1;

	if (++p->depth > SFN_JSONATA_MAX_NESTING) {
		p->c->limit = 1;
		return Sfn_jn_fail(p->c, "U1001", t.start,
		                   "Expression nested more than %d levels",
		                   SFN_JSONATA_MAX_NESTING);
	}
	if (next(p) != 0 || nud(p, &t, &left) != 0)
		goto out;
	while (rbp < lbp(&p->t)) {
		t = p->t;
		if (next(p) != 0 || led(p, &t, left, &left) != 0)
			goto out;
	}
	*out = left;
	rc = 0;
out:
	p->depth--;
	return rc;
}

int Sfn_jn_parse(struct jn_ctx *c, const char *text, size_t len,
                 struct jn_node **root)
{
	struct parser p = { 0 };
	struct jn_node *raw;
	char buf[32];

	p.c = c;
	p.text = text;
	Sfn_jn_lexer_init(&p.lx, c->arena, text, len);
	p.t.kind = JT_OP; /* the start expects an operand */
	p.t.op = "(";
	if (next(&p) != 0 || expression(&p, 0, &raw) != 0)
		return -1;
	if (p.t.kind != JT_END)
		return Sfn_jn_fail(c, "S0201", p.t.start,
		                   "Syntax error: \"%s\"",
		                   token_text(&p.t, buf));
	return Sfn_jn_process(c, raw, root);
}
