/* Definition-time checks of a parsed call and its nested calls: unknown
 * functions (with a "did you mean"), argument counts, literal arguments of
 * the wrong type or an impossible value, nesting past the service's limit,
 * the syntax of path arguments (through the path engine). Knows the
 * function table, never evaluates anything. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "intrinsic/intrinsic_int.h"
#include "sfn/utf8.h"
#include "sfn/path.h"
#include "sfn/suggest.h"

struct checker {
	const struct sfn_loc *at;
	struct sfn_diags *diags;
	const char *text;
};

/* The known name closest to NAME, with or without its "States."
 * prefix and ignoring case; NULL if none is close. */
static const char *suggest(const char *name)
{
	const struct intr_func *f;
	struct sfn_suggest s;

	sfn_suggest_init(&s, name, strlen(name));
	for (size_t i = 0; (f = Sfn_intr_func_at(i)) != NULL; i++) {
		sfn_suggest_add(&s, f->name);
		if (strchr(name, '.') == NULL)
			sfn_suggest_add_as(&s, f->name + 7, strlen(f->name + 7),
			                   f->name);
	}
	return sfn_suggest_best(&s);
}

static void unknown(struct checker *k, const struct sfn_intrinsic *call)
{
	const char *s = suggest(call->name);

	if (s != NULL)
		Sfn_intr_diag(k->diags, SFN_RULE_INTRINSIC_UNKNOWN, k->at,
		              k->text, call->pos, call->open,
		              "unknown intrinsic function "
		              "'%s'; did you mean '%s'?",
		              call->name, s);
	else
		Sfn_intr_diag(k->diags, SFN_RULE_INTRINSIC_UNKNOWN, k->at,
		              k->text, call->pos, call->open,
		              "unknown intrinsic function "
		              "'%s'; the service defines the eighteen States.* "
		              "functions only",
		              call->name);
}

static void arity(struct checker *k, const struct sfn_intrinsic *call,
                  const struct intr_func *f)
{
	const char *s = f->max == 1 && f->min == 1 ? "" : "s";

	if (call->nargs >= f->min && call->nargs <= f->max)
		return;
	if (f->max == INTR_MANY)
		Sfn_intr_diag(k->diags, SFN_RULE_INTRINSIC_ARITY, k->at,
		              k->text, call->pos, call->end,
		              "%s takes at least %zu "
		              "argument%s, found %zu",
		              f->name, f->min, f->min == 1 ? "" : "s",
		              call->nargs);
	else if (f->min == f->max)
		Sfn_intr_diag(k->diags, SFN_RULE_INTRINSIC_ARITY, k->at,
		              k->text, call->pos, call->end,
		              "%s takes %zu argument%s, "
		              "found %zu",
		              f->name, f->min, s, call->nargs);
	else
		Sfn_intr_diag(k->diags, SFN_RULE_INTRINSIC_ARITY, k->at,
		              k->text, call->pos, call->end,
		              "%s takes %zu to %zu "
		              "arguments, found %zu",
		              f->name, f->min, f->max, call->nargs);
}

static const char *type_name(enum intr_type t)
{
	static const char *const names[] = { "any value", "a string",
		                             "a number", "an array",
		                             "an object" };

	return names[t];
}

static const char *kind_name(enum intr_arg_kind k)
{
	static const char *const names[] = { "a string", "a number",
		                             "a boolean", "a boolean", "null" };

	return names[k];
}

static int type_ok(enum intr_type t, enum intr_arg_kind k)
{
	if (t == T_ANY || k == INTR_PATH || k == INTR_CALL)
		return 1;
	return (t == T_STRING && k == INTR_STRING) ||
	       (t == T_NUMBER && k == INTR_NUMBER);
}

/* The argument's source text for a message; none for null (the kind says
 * it all) or a long one. */
static int shown(const struct checker *k, const struct intr_arg *a,
                 const char **s)
{
	*s = k->text + a->pos;
	if (a->kind == INTR_NULL || a->end - a->pos > 40)
		return 0;
	return (int) (a->end - a->pos);
}

static void bad_type(struct checker *k, const struct sfn_intrinsic *call,
                     size_t i, enum intr_type want)
{
	const struct intr_arg *a = call->args[i];
	const char *s;
	int n = shown(k, a, &s);

	Sfn_intr_diag(k->diags, SFN_RULE_INTRINSIC_ARG_TYPE, k->at, k->text,
	              a->pos, a->end,
	              "argument %zu of %s must be %s, found %s%s"
	              "%.*s",
	              i + 1, call->name, type_name(want), kind_name(a->kind),
	              n > 0 ? " " : "", n, s);
}

/* ---- literal values the service is sure to refuse ---------------------- */

static const char *bad_algorithm(const struct intr_arg *a)
{
	if (a->kind != INTR_STRING || Sfn_intr_hash_known(a->str))
		return NULL;
	return "is not an algorithm the service supports: MD5, SHA-1, "
	       "SHA-256, SHA-384 or SHA-512 (names are case-sensitive)";
}

static const char *bad_length(const struct intr_arg *a)
{
	if (a->kind != INTR_STRING ||
	    sfn_utf8_utf16_len(a->str, strlen(a->str)) <= INTR_MAX_CHARS)
		return NULL;
	return "is longer than the 10000 characters the service accepts";
}

static const char *bad_chunk(const struct intr_arg *a)
{
	if (a->kind != INTR_NUMBER ||
	    (trunc(a->num) >= 1 && trunc(a->num) <= 2147483647.0))
		return NULL;
	return "must be a positive integer (fractions are truncated)";
}

static const char *bad_step(const struct intr_arg *a)
{
	if (a->kind != INTR_NUMBER || trunc(a->num) != 0)
		return NULL;
	return "must not be 0 (fractions are truncated)";
}

static const char *bad_int(const struct intr_arg *a)
{
	double t = trunc(a->num);

	if (a->kind != INTR_NUMBER ||
	    (isfinite(t) && t >= -2147483648.0 && t <= 2147483647.0))
		return NULL;
	return "must lie between -2147483648 and 2147483647";
}

static const char *bad_addend(const struct intr_arg *a)
{
	int32_t v;

	if (a->kind != INTR_NUMBER || Sfn_intr_round_int(a->num, &v))
		return NULL;
	return "must lie between -2147483648 and 2147483647";
}

static const char *bad_deep(const struct intr_arg *a)
{
	if (a->kind != INTR_TRUE)
		return NULL;
	return "must be false: the service merges shallowly only";
}

static const struct value_rule {
	const char *fn;
	size_t arg;                                   /* 0-based */
	const char *(*bad)(const struct intr_arg *a); /* why, or NULL */
} value_rules[] = {
	/* one function's rows together (rules_of) */
	{ "States.ArrayPartition", 1, bad_chunk },
	{ "States.ArrayRange", 0, bad_int },
	{ "States.ArrayRange", 1, bad_int },
	{ "States.ArrayRange", 2, bad_int },
	{ "States.ArrayRange", 2, bad_step },
	{ "States.Base64Decode", 0, bad_length },
	{ "States.Base64Encode", 0, bad_length },
	{ "States.Hash", 0, bad_length },
	{ "States.Hash", 1, bad_algorithm },
	{ "States.JsonMerge", 2, bad_deep },
	{ "States.MathAdd", 0, bad_addend },
	{ "States.MathAdd", 1, bad_addend },
	{ "States.MathRandom", 0, bad_int },
	{ "States.MathRandom", 1, bad_int },
};

#define NRULES (sizeof(value_rules) / sizeof(*value_rules))

/* The rules of the function NAME (a known one, so 8 bytes at least):
 * [*LO, *HI) of value_rules, which keeps one function's rows together;
 * empty for most calls (Format). */
static void rules_of(const char *name, size_t *lo, size_t *hi)
{
	size_t r = 0;

	while (r < NRULES && (value_rules[r].fn[7] != name[7] ||
	                      strcmp(value_rules[r].fn, name) != 0))
		r++;
	*lo = r;
	while (r < NRULES && strcmp(value_rules[r].fn, name) == 0)
		r++;
	*hi = r;
}

static void check_value(struct checker *k, const struct sfn_intrinsic *call,
                        size_t i, size_t lo, size_t hi)
{
	const struct intr_arg *a = call->args[i];
	const char *why, *s;
	int n;

	for (size_t r = lo; r < hi; r++) {
		if (value_rules[r].arg != i)
			continue;
		why = value_rules[r].bad(a);
		if (why == NULL)
			continue;
		n = shown(k, a, &s);
		Sfn_intr_diag(k->diags, SFN_RULE_INTRINSIC_ARG_TYPE, k->at,
		              k->text, a->pos, a->end,
		              "argument %zu of %s%s%.*s%s "
		              "%s",
		              i + 1, call->name, n > 0 ? " (" : "", n, s,
		              n > 0 ? ")" : "", why);
		return;
	}
}

/* A literal Format template: braces and the number of placeholders. */
static void check_template(struct checker *k, const struct sfn_intrinsic *call)
{
	const struct intr_arg *t = call->args[0];
	size_t count, bad, at;
	enum intr_tmpl r;

	r = Sfn_intr_template(t->raw, t->raw_len, 1, NULL, 0, NULL, &count,
	                      &bad);
	at = t->pos + 1 + bad;
	if (r == TMPL_OPEN)
		Sfn_intr_diag(k->diags, SFN_RULE_INTRINSIC_ARG_TYPE, k->at,
		              k->text, at, at + 1,
		              "invalid template: '{' is not followed "
		              "by '}' (write \\{ for a literal brace)");
	else if (r == TMPL_CLOSE)
		Sfn_intr_diag(k->diags, SFN_RULE_INTRINSIC_ARG_TYPE, k->at,
		              k->text, at, at + 1,
		              "invalid template: '}' has no '{' before "
		              "it (write \\} for a literal brace)");
	else if (count != call->nargs - 1)
		Sfn_intr_diag(k->diags, SFN_RULE_INTRINSIC_ARITY, k->at,
		              k->text, call->pos, call->end,
		              "the template of %s has %zu "
		              "placeholder%s but %zu value%s follow%s it",
		              call->name, count, count == 1 ? "" : "s",
		              call->nargs - 1, call->nargs == 2 ? "" : "s",
		              call->nargs == 2 ? "s" : "");
}

static void check_literal(struct checker *k, const struct intr_func *f,
                          const struct sfn_intrinsic *call, size_t i, size_t lo,
                          size_t hi)
{
	enum intr_type want = Sfn_intr_arg_type(f, i);

	if (!type_ok(want, call->args[i]->kind))
		bad_type(k, call, i, want);
	else
		check_value(k, call, i, lo, hi);
}

/* A path argument gets the path engine's syntax check, located at the
 * argument. */
static int name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* Whether PATH is $ or $$ followed by .NAME segments only, each NAME a
 * letter or underscore, then letters, digits and underscores: a path
 * the parser accepts without a finding, told without building it. Most
 * arguments ($.x, $$.Execution.Input.y) are such paths. */
static int plain_path(const char *path)
{
	const char *p = path + 1;
	int segments = 0;

	if (path[0] != '$')
		return 0;
	if (*p == '$')
		p++;
	while (*p == '.' && name_start(p[1])) {
		for (p += 2; name_start(*p) || (*p >= '0' && *p <= '9'); p++)
			;
		segments++;
	}
	return *p == '\0' && (path[1] != '$' || segments > 0);
}

static void check_path(struct checker *k, const struct intr_arg *a)
{
	struct sfn_loc at = { NULL, 1, 0, 1, 0 };
	struct sfn_path *p = NULL;

	if (plain_path(a->str))
		return;

	if (k->at != NULL && k->at->line != 0) {
		at.file = k->at->file;
		at.line = at.end_line = k->at->line;
	}
	at.col = Sfn_intr_col(k->at, k->text, a->pos);
	if (sfn_path_parse(a->str, SFN_PATH_AWS, &at, k->diags, &p) ==
	    SFN_ERR_NOMEM)
		k->diags->status = SFN_ERR_NOMEM;
	sfn_path_free(p);
}

static void check_call(struct checker *k, const struct sfn_intrinsic *call)
{
	const struct intr_func *f = Sfn_intr_lookup(call->name);
	size_t lo = 0, hi = 0;

	if (call->depth == INTR_SERVICE_DEPTH + 1)
		Sfn_intr_diag(
		        k->diags, SFN_RULE_INTRINSIC_SYNTAX, k->at, k->text,
		        call->pos, call->open,
		        "intrinsic functions are "
		        "nested %d deep here; the service allows at most %d "
		        "in one field",
		        INTR_SERVICE_DEPTH + 1, INTR_SERVICE_DEPTH);
	if (f == NULL)
		unknown(k, call);
	else
		arity(k, call, f);
	if (f != NULL)
		rules_of(f->name, &lo, &hi);
	if (f != NULL && strcmp(f->name, "States.Format") == 0 &&
	    call->nargs > 0 && call->args[0]->kind == INTR_STRING)
		check_template(k, call);
	for (size_t i = 0; i < call->nargs; i++) {
		if (call->args[i]->kind == INTR_CALL)
			check_call(k, call->args[i]->call);
		else if (call->args[i]->kind == INTR_PATH)
			check_path(k, call->args[i]);
		if (call->args[i]->kind != INTR_CALL && f != NULL)
			check_literal(k, f, call, i, lo, hi);
	}
}

size_t sfn_intrinsic_check(const struct sfn_intrinsic *call,
                           const struct sfn_loc *at, struct sfn_diags *diags)
{
	struct checker k = { at, diags, NULL };
	size_t before;

	if (call == NULL || diags == NULL)
		return 0;
	k.text = call->text;
	before = diags->errors;
	check_call(&k, call);
	return diags->errors - before;
}
