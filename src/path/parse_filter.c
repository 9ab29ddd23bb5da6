/* Filter expressions: logical operators, comparisons, existence tests,
 * RFC 9535 function calls, with RFC 9535's well-typedness rules. The aws
 * dialect refuses what Step Functions does not support (functions, =~,
 * lexical operators, $-references). Private to src/path. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "path/parse.h"
#include "util/pcre2_api.h"

static const struct {
	const char *name;
	enum func_id id;
	enum ftype result;
	enum ftype params[2];
	size_t nparams;
} functions[] = {
	{ "length", F_LENGTH, T_VALUE, { T_VALUE, T_VALUE }, 1 },
	{ "count", F_COUNT, T_VALUE, { T_NODES, T_VALUE }, 1 },
	{ "match", F_MATCH, T_LOGICAL, { T_VALUE, T_VALUE }, 2 },
	{ "search", F_SEARCH, T_LOGICAL, { T_VALUE, T_VALUE }, 2 },
	{ "value", F_VALUE, T_VALUE, { T_NODES, T_VALUE }, 1 },
};

static struct expr *logical_or(struct sfn_pparser *p);
static struct expr *basic(struct sfn_pparser *p);

static struct expr *new_expr(struct sfn_pparser *p, enum expr_kind kind)
{
	struct expr *e = Sfn_pp_alloc(p, sizeof(*e));

	if (e != NULL)
		e->kind = kind;
	return e;
}

/* filter-query = ("@" / "$") segments */
static struct expr *query(struct sfn_pparser *p)
{
	struct expr *e;

	if (p->aws && p->tok.kind == PT_ROOT)
		return Sfn_pp_unsupported(p, "a filter that refers to another "
		                             "value of the document"),
		       NULL;
	e = new_expr(p, E_QUERY);
	if (e == NULL)
		return NULL;
	e->query.relative = p->tok.kind == PT_AT;
	Sfn_pp_next(p);
	if (!Sfn_path_segments(p, &e->query.segs, &e->query.nsegs))
		return NULL;
	e->query.singular = Sfn_pp_singular(e->query.segs, e->query.nsegs);
	return e;
}

static enum ftype type_of(const struct expr *e)
{
	switch (e->kind) {
	case E_QUERY:
		return T_NODES;
	case E_FUNC:
		return functions[e->func].result;
	case E_STRING:
	case E_NUMBER:
	case E_TRUE:
	case E_FALSE:
	case E_NULL:
		return T_VALUE;
	default:
		return T_LOGICAL;
	}
}

/* Whether E can stand where a value is needed: a literal, a singular
 * query or a function returning a value. */
static int is_value(const struct expr *e)
{
	if (e->kind == E_QUERY)
		return e->query.singular;
	return type_of(e) == T_VALUE;
}

static int arg_fits(const struct expr *e, enum ftype want)
{
	switch (want) {
	case T_VALUE:
		return is_value(e);
	case T_NODES:
		return e->kind == E_QUERY;
	case T_LOGICAL:
		return type_of(e) != T_VALUE;
	}
	return 0;
}

/* match() and search() run on PCRE2, loaded here (util/pcre2_api.h): a
 * library that cannot be loaded is an error at the function's name, and
 * evaluation finds it loaded. */
static int regex_ready(struct sfn_pparser *p, enum func_id id,
                       const unsigned char *name, size_t n)
{
	const char *why;

	if ((id != F_MATCH && id != F_SEARCH) || Sfn_pcre2_load(&why) == SFN_OK)
		return 1;
	Sfn_pp_report(p, SFN_RULE_IO_ERROR, name, name + n, "%.*s(): %s",
	              (int) n, (const char *) name, why);
	return 0;
}

/* function-expr = function-name "(" S [arg *(S "," S arg)] S ")" */
static struct expr *function(struct sfn_pparser *p)
{
	const unsigned char *name = p->tok.begin;
	size_t n = (size_t) (p->tok.end - p->tok.begin), f, count = 0;
	struct expr *e;

	if (p->aws)
		return Sfn_pp_unsupported(p, "a function call"), NULL;
	for (f = 0; f < sizeof(functions) / sizeof(functions[0]); f++) {
		if (strlen(functions[f].name) == n &&
		    memcmp(functions[f].name, name, n) == 0)
			break;
	}
	if (f == sizeof(functions) / sizeof(functions[0])) {
		Sfn_pp_report(p, SFN_RULE_PATH_SYNTAX, name, name + n,
		              "unknown function '%.*s' (length, count, match, "
		              "search or value)",
		              (int) n, (const char *) name);
		return NULL;
	}
	if (!regex_ready(p, functions[f].id, name, n))
		return NULL;
	e = new_expr(p, E_FUNC);
	if (e == NULL)
		return NULL;
	e->func = functions[f].id;
	Sfn_pp_next(p); /* the name */
	Sfn_pp_next(p); /* '(' */
	Sfn_pp_skip_blank(p);
	while (p->tok.kind != PT_RPAREN) {
		struct expr *arg;

		if (count > 0 && !Sfn_pp_accept(p, PT_COMMA))
			return Sfn_pp_expected(p, "',' or ')'"), NULL;
		Sfn_pp_skip_blank(p);
		arg = logical_or(p);
		if (arg == NULL)
			return NULL;
		if (count >= functions[f].nparams ||
		    !arg_fits(arg, functions[f].params[count])) {
			Sfn_pp_report(p, SFN_RULE_PATH_SYNTAX, name,
			              p->tok.begin,
			              "%s() takes %zu argument%s of other "
			              "types",
			              functions[f].name, functions[f].nparams,
			              functions[f].nparams == 1 ? "" : "s");
			return NULL;
		}
		e->args[count++] = arg;
		Sfn_pp_skip_blank(p);
	}
	if (count != functions[f].nparams)
		return Sfn_pp_expected(p, "more arguments"), NULL;
	e->nargs = count;
	Sfn_pp_next(p);
	return e;
}

static struct expr *literal(struct sfn_pparser *p, enum expr_kind kind)
{
	struct expr *e = new_expr(p, kind);

	if (e == NULL)
		return NULL;
	if (kind == E_STRING)
		e->str = Sfn_pp_copy(p, sfn_buf_str(&p->lx.str), p->lx.str.len);
	else if (kind == E_NUMBER)
		e->num = strtod((const char *) p->tok.begin, NULL);
	Sfn_pp_next(p);
	return e;
}

/* An operand: literal, query, function call or parenthesized logic. */
static struct expr *operand(struct sfn_pparser *p)
{
	switch (p->tok.kind) {
	case PT_STRING:
		return literal(p, E_STRING);
	case PT_INT:
	case PT_NUMBER:
		return literal(p, E_NUMBER);
	case PT_TRUE:
		return literal(p, E_TRUE);
	case PT_FALSE:
		return literal(p, E_FALSE);
	case PT_NULL:
		return literal(p, E_NULL);
	case PT_AT:
	case PT_ROOT:
		return query(p);
	case PT_NAME:
		if (p->lx.cur < p->lx.lim && *p->lx.cur == '(')
			return function(p);
		break;
	default:
		break;
	}
	return Sfn_pp_expected(p, "a query, a literal or a function call"),
	       NULL;
}

static int comparison_op(enum sfn_ptok kind, enum cmp_op *op)
{
	static const struct {
		enum sfn_ptok tok;
		enum cmp_op op;
	} ops[] = {
		{ PT_EQ, OP_EQ }, { PT_NE, OP_NE }, { PT_LT, OP_LT },
		{ PT_LE, OP_LE }, { PT_GT, OP_GT }, { PT_GE, OP_GE },
	};

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (ops[i].tok == kind) {
			*op = ops[i].op;
			return 1;
		}
	}
	return 0;
}

static int check_operator(struct sfn_pparser *p)
{
	if (!p->aws)
		return 1;
	if (p->tok.kind == PT_MATCH)
		return Sfn_pp_unsupported(p, "a regular-expression filter "
		                             "'=~'");
	if (p->tok.kind == PT_NAME)
		return Sfn_pp_unsupported(p, "a lexical operator such as "
		                             "'in' or 'subsetof'");
	return 1;
}

/* comparison-expr = comparable S op S comparable, or a test-expr */
static struct expr *comparison(struct sfn_pparser *p)
{
	const unsigned char *start = p->tok.begin;
	struct expr *a = operand(p), *e;
	enum cmp_op op;

	if (a == NULL)
		return NULL;
	Sfn_pp_skip_blank(p);
	if (!check_operator(p))
		return NULL;
	if (!comparison_op(p->tok.kind, &op))
		return a;
	e = new_expr(p, E_CMP);
	if (e == NULL)
		return NULL;
	e->op = op;
	e->a = a;
	Sfn_pp_next(p);
	Sfn_pp_skip_blank(p);
	e->b = operand(p);
	if (e->b == NULL)
		return NULL;
	if (!is_value(a) || !is_value(e->b)) {
		Sfn_pp_report(p, SFN_RULE_PATH_SYNTAX, start, p->tok.begin,
		              "a comparison needs values on both sides: "
		              "literals, singular queries or value "
		              "functions");
		return NULL;
	}
	return e;
}

/* basic-expr = ["!" S] "(" S logical-expr S ")" / ["!" S] test /
 *              comparison */
static struct expr *basic_expr(struct sfn_pparser *p)
{
	struct expr *e;

	if (Sfn_pp_accept(p, PT_NOT)) {
		Sfn_pp_skip_blank(p);
		e = new_expr(p, E_NOT);
		if (e == NULL)
			return NULL;
		e->a = basic(p);
		return e->a ? e : NULL;
	}
	if (!Sfn_pp_accept(p, PT_LPAREN))
		return comparison(p);
	Sfn_pp_skip_blank(p);
	e = logical_or(p);
	Sfn_pp_skip_blank(p);
	if (e == NULL)
		return NULL;
	if (!Sfn_pp_accept(p, PT_RPAREN))
		return Sfn_pp_expected(p, "')'"), NULL;
	return e;
}

/* Every recursion of the filter grammar ('!', parentheses, function
 * arguments, filters inside filter queries) passes through here, so this
 * one count bounds the parser's stack and the depth of the tree that the
 * evaluators (filter.c, stream.c) walk recursively. */
static struct expr *basic(struct sfn_pparser *p)
{
	struct expr *e;

	if (p->depth >= SFN_PATH_MAX_DEPTH) {
		Sfn_pp_report(p, SFN_RULE_PATH_SYNTAX, p->tok.begin, p->tok.end,
		              "filter nests deeper than %d levels ('!', "
		              "parentheses, function calls and filters "
		              "count)",
		              SFN_PATH_MAX_DEPTH);
		return NULL;
	}
	p->depth++;
	e = basic_expr(p);
	p->depth--;
	return e;
}

/* A bare operand used as a condition must be a test: a query or a
 * function that returns a logical value or nodes. */
static int is_condition(const struct expr *e)
{
	return type_of(e) != T_VALUE || e->kind == E_QUERY;
}

static struct expr *binary(struct sfn_pparser *p, enum expr_kind kind,
                           enum sfn_ptok op,
                           struct expr *(*sub)(struct sfn_pparser *) )
{
	const unsigned char *start = p->tok.begin;
	struct expr *left = sub(p), *e;

	while (left != NULL) {
		Sfn_pp_skip_blank(p);
		if (!is_condition(left) &&
		    (p->tok.kind == op || p->tok.kind == PT_AND ||
		     p->tok.kind == PT_OR))
			break;
		if (!Sfn_pp_accept(p, op))
			return left;
		Sfn_pp_skip_blank(p);
		e = new_expr(p, kind);
		if (e == NULL)
			return NULL;
		e->a = left;
		e->b = sub(p);
		if (e->b == NULL)
			return NULL;
		if (!is_condition(e->b))
			break;
		left = e;
	}
	if (left != NULL)
		Sfn_pp_report(p, SFN_RULE_PATH_SYNTAX, start, p->tok.begin,
		              "a value is not a condition: compare it, or "
		              "test a query");
	return NULL;
}

static struct expr *logical_and(struct sfn_pparser *p)
{
	return binary(p, E_AND, PT_AND, basic);
}

static struct expr *logical_or(struct sfn_pparser *p)
{
	return binary(p, E_OR, PT_OR, logical_and);
}

/* The expression after "?": a condition, never a bare value. */
struct expr *Sfn_pp_filter(struct sfn_pparser *p)
{
	const unsigned char *start = p->tok.begin;
	struct expr *e;

	p->in_filter++;
	e = logical_or(p);
	p->in_filter--;
	if (e != NULL && !is_condition(e)) {
		Sfn_pp_report(p, SFN_RULE_PATH_SYNTAX, start, p->tok.begin,
		              "a filter needs a condition, not a value");
		return NULL;
	}
	return e;
}
