/* Lowering a choice's condition to an ASL Choice rule: comparisons to the
 * typed operator their right side calls for (String*, Numeric*,
 * Boolean*, Timestamp*, *Path when it is a path), tests to Is*, and, or
 * and not to And, Or and Not, JSONata to Condition. Knows nothing of
 * states. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "lang/lang_int.h"

struct cond_out {
	struct lang_ctx *ctx;
	struct lang_spans *spans;
	int ok;
};

static const char *const test_names[][2] = {
	{ "is_present", "IsPresent" }, { "is_null", "IsNull" },
	{ "is_string", "IsString" },   { "is_numeric", "IsNumeric" },
	{ "is_boolean", "IsBoolean" }, { "is_timestamp", "IsTimestamp" },
};

static const char *const type_names[][2] = {
	{ "string", "String" },
	{ "number", "Numeric" },
	{ "boolean", "Boolean" },
	{ "timestamp", "Timestamp" },
};

static const char *const op_names[] = {
	[LANG_EQ] = "Equals",      [LANG_NE] = "Equals",
	[LANG_LT] = "LessThan",    [LANG_LE] = "LessThanEquals",
	[LANG_GT] = "GreaterThan", [LANG_GE] = "GreaterThanEquals",
};

/* Nodes of the lowered tree, in the compilation's arena (tree.c). */
static cJSON *node(struct cond_out *o, int type)
{
	return Sfn_lang_tree_new(o->ctx->arena, type);
}

static cJSON *str(struct cond_out *o, const char *s)
{
	return Sfn_lang_tree_string(o->ctx->arena, s);
}

static void fail(struct cond_out *o, const struct sfn_span *span,
                 const char *msg, const char *arg)
{
	Sfn_lang_report(o->ctx, SFN_RULE_SFN_CONDITION, span, msg, arg);
	o->ok = 0;
}

static void put(struct cond_out *o, cJSON *obj, const char *key, cJSON *v,
                const struct sfn_span *span)
{
	if (!Sfn_lang_tree_put(obj, key, v)) {
		o->ok = 0;
		o->spans->nomem = 1;
		return;
	}
	Sfn_lang_track(o->spans, v, span, span);
}

static const char *lookup(const char *const (*table)[2], size_t n,
                          const char *word)
{
	for (size_t i = 0; word != NULL && i < n; i++)
		if (strcmp(table[i][0], word) == 0)
			return table[i][1];
	return NULL;
}

#define LOOKUP(t, w) lookup((t), sizeof(t) / sizeof((t)[0]), (w))

static void variable(struct cond_out *o, cJSON *rule,
                     const struct lang_value *v)
{
	if (v->kind != LV_PATH) {
		fail(o, &v->span,
		     "the left side of a comparison must be a path%s", "");
		return;
	}
	Sfn_lang_check_expr(o->ctx, v);
	put(o, rule, "Variable", str(o, v->text), &v->span);
}

/* The String/Numeric/... prefix RHS calls for. */
static const char *type_of(struct cond_out *o, const struct lang_value *rhs)
{
	const char *t = LOOKUP(type_names, rhs->cast);

	if (rhs->cast != NULL && t == NULL)
		fail(o, &rhs->span,
		     "'%s' is no type (string, number, "
		     "boolean or timestamp)",
		     rhs->cast);
	else if (t != NULL)
		return t;
	else if (rhs->kind == LV_STRING)
		return "String";
	else if (rhs->kind == LV_NUMBER || rhs->kind == LV_DURATION)
		return "Numeric";
	else if (rhs->kind == LV_BOOL)
		return "Boolean";
	else if (rhs->kind == LV_PATH)
		fail(o, &rhs->span,
		     "say which type two paths compare as: number(%s), "
		     "string(...), boolean(...) or timestamp(...)",
		     rhs->text);
	else
		fail(o, &rhs->span, "'%s' cannot be compared", rhs->text);
	return NULL;
}

static cJSON *rule_of(struct cond_out *o, const struct lang_cond *c);

/* is_present($.x) == false */
static void test_cmp(struct cond_out *o, cJSON *rule, const struct lang_cond *c)
{
	const char *name = LOOKUP(test_names, c->lhs->cast);

	if (name == NULL || c->op != LANG_EQ || c->rhs->kind != LV_BOOL) {
		fail(o, &c->span,
		     "a test compares only with == true or == false%s", "");
		return;
	}
	variable(o, rule, c->lhs);
	put(o, rule, name, Sfn_lang_tree_bool(o->ctx->arena, c->rhs->boolean),
	    &c->rhs->span);
}

/* 3 < $.a reads as $.a > 3. */
static const struct lang_cond *oriented(const struct lang_cond *c,
                                        struct lang_cond *flip)
{
	static const enum lang_cmp mirror[] = {
		[LANG_EQ] = LANG_EQ, [LANG_NE] = LANG_NE, [LANG_LT] = LANG_GT,
		[LANG_LE] = LANG_GE, [LANG_GT] = LANG_LT, [LANG_GE] = LANG_LE,
	};

	if (c->lhs->kind == LV_PATH || c->rhs->kind != LV_PATH ||
	    c->lhs->cast != NULL)
		return c;
	*flip = *c;
	flip->lhs = c->rhs;
	flip->rhs = c->lhs;
	flip->op = mirror[c->op];
	return flip;
}

static void compare(struct cond_out *o, cJSON *rule,
                    const struct lang_cond *written)
{
	const char *type;
	char key[64];
	cJSON *target = rule;
	struct lang_cond flip;
	const struct lang_cond *c = oriented(written, &flip);

	if (c->lhs->cast != NULL && LOOKUP(test_names, c->lhs->cast) != NULL) {
		test_cmp(o, rule, c);
		return;
	}
	if (c->lhs->kind != LV_PATH) {
		fail(o, &c->lhs->span,
		     "one side of a comparison must be a path%s", "");
		return;
	}
	type = type_of(o, c->rhs);
	if (type == NULL)
		return;
	if (strcmp(type, "Boolean") == 0 && c->op != LANG_EQ &&
	    c->op != LANG_NE) {
		fail(o, &c->span, "booleans compare only with == and !=%s", "");
		return;
	}
	if (c->op == LANG_NE) {
		target = node(o, cJSON_Object);
		put(o, rule, "Not", target, &c->span);
		if (!o->ok)
			return;
	}
	variable(o, target, c->lhs);
	snprintf(key, sizeof(key), "%s%s%s", type, op_names[c->op],
	         c->rhs->kind == LV_PATH ? "Path" : "");
	if (c->rhs->kind == LV_PATH)
		Sfn_lang_check_expr(o->ctx, c->rhs);
	put(o, target, sfn_arena_strdup(o->ctx->arena, key),
	    c->rhs->kind == LV_STRING || c->rhs->kind == LV_PATH
	            ? str(o, c->rhs->text)
	    : c->rhs->kind == LV_BOOL
	            ? Sfn_lang_tree_bool(o->ctx->arena, c->rhs->boolean)
	            : Sfn_lang_tree_number(o->ctx->arena, c->rhs->num),
	    &c->rhs->span);
}

/* and/or: one list of the chain's operands (the parser made a chain
 * of one kind one node). */
static void list(struct cond_out *o, cJSON *rule, const struct lang_cond *c)
{
	cJSON *sub = node(o, cJSON_Array);

	put(o, rule, c->kind == LC_AND ? "And" : "Or", sub, &c->span);
	for (const struct lang_cond *e = c->a; e != NULL && o->ok;
	     e = e->next) {
		cJSON *r = rule_of(o, e);

		if (!Sfn_lang_tree_push(sub, r)) {
			o->ok = 0;
			return;
		}
		Sfn_lang_track(o->spans, r, &e->span, NULL);
	}
}

/* is_present($.x) and the other tests */
static void test(struct cond_out *o, cJSON *rule, const struct lang_cond *c)
{
	const char *name = LOOKUP(test_names, c->fn);

	if (name == NULL) {
		fail(o, &c->fn_span,
		     "'%s' is no test (is_present, is_null, is_string, "
		     "is_numeric, is_boolean, is_timestamp)",
		     c->fn);
		return;
	}
	variable(o, rule, c->lhs);
	put(o, rule, name, node(o, cJSON_True), &c->fn_span);
}

static void fill(struct cond_out *o, cJSON *rule, const struct lang_cond *c)
{
	if (c == NULL) {
		o->ok = 0;
		return;
	}
	switch (c->kind) {
	case LC_AND:
	case LC_OR:
		list(o, rule, c);
		break;
	case LC_NOT:
		put(o, rule, "Not", rule_of(o, c->a), &c->span);
		break;
	case LC_TEST:
		test(o, rule, c);
		break;
	case LC_MATCH:
		variable(o, rule, c->lhs);
		put(o, rule, "StringMatches", str(o, c->rhs->text),
		    &c->rhs->span);
		break;
	case LC_JSONATA:
		put(o, rule, "Condition", str(o, c->lhs->text), &c->lhs->span);
		break;
	case LC_CMP:
		compare(o, rule, c);
		break;
	}
	if (c->comment != NULL)
		put(o, rule, "Comment", str(o, c->comment), &c->comment_span);
}

static cJSON *rule_of(struct cond_out *o, const struct lang_cond *c)
{
	cJSON *r = node(o, cJSON_Object);

	if (r == NULL) {
		o->ok = 0;
		o->spans->nomem = 1;
		return NULL;
	}
	fill(o, r, c);
	return r;
}

int Sfn_lang_lower_cond(struct lang_ctx *ctx, const struct lang_cond *cond,
                        cJSON *rule, struct lang_spans *spans)
{
	struct cond_out o = { ctx, spans, 1 };

	fill(&o, rule, cond);
	return o.ok;
}
