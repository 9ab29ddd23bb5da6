/* Choice rules: a top-level rule has Next; JSONPath rules test one
 * Variable with exactly one comparison operator, or combine rules with
 * And, Or, Not; JSONata rules have a Condition. Operands have the type
 * their operator compares (the operator table of sfn/choice.h); *Path
 * operands are paths. */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "asl/asl_int.h"
#include "sfn/suggest.h"
#include "sfn/choice.h"

static const char *compares(const struct sfn_choice_op *op)
{
	switch (op->kind) {
	case SFN_CHOICE_NUMERIC:
		return "numbers";
	case SFN_CHOICE_BOOLEAN:
	case SFN_CHOICE_TYPE:
		return "with true or false";
	case SFN_CHOICE_TIMESTAMP:
		return "RFC 3339 timestamps (2016-03-14T01:59:00Z)";
	default:
		return "strings";
	}
}

static void check_operand(struct asl *a, const cJSON *v,
                          const struct sfn_choice_op *op)
{
	if (Sfn_asl_is_placeholder(a, v))
		return;
	if (op->path) { /* "the value MUST be a Path" (not a Reference Path) */
		Sfn_asl_check_path(a, v, op->name, 0, 0);
		return;
	}
	if (!sfn_choice_operand_ok(op, v))
		Sfn_asl_report(a, SFN_RULE_ASL_FIELD_TYPE, v, 0, op->name,
		               "'%s' compares %s", op->name, compares(op));
}

static void check_rule(struct asl *a, const cJSON *r, int top);

static void check_nested(struct asl *a, const cJSON *v, const char *name)
{
	size_t i = 0, len = Sfn_asl_push(a, name), len2;

	if (strcmp(name, "Not") == 0) {
		if (cJSON_IsObject(v))
			check_rule(a, v, 0);
		else
			Sfn_asl_report(a, SFN_RULE_ASL_FIELD_TYPE, v, 0, NULL,
			               "'Not' takes one rule (an object)");
		Sfn_asl_pop(a, len);
		return;
	}
	if (!cJSON_IsArray(v) || v->child == NULL)
		Sfn_asl_report(
		        a, SFN_RULE_ASL_FIELD_VALUE, v, 0, NULL,
		        "'%s' takes a non-empty array of rules: Value cannot "
		        "be empty",
		        name);
	for (const cJSON *e = cJSON_IsArray(v) ? v->child : NULL; e;
	     e = e->next, i++) {
		len2 = Sfn_asl_push_index(a, i);
		if (cJSON_IsObject(e))
			check_rule(a, e, 0);
		else
			Sfn_asl_report(a, SFN_RULE_ASL_FIELD_TYPE, e, 0, NULL,
			               "each rule of '%s' must be an object",
			               name);
		Sfn_asl_pop(a, len2);
	}
	Sfn_asl_pop(a, len);
}

/* Fields of a rule other than its test. */
static int is_rule_extra(const char *name, int top, int jsonata)
{
	if (strcmp(name, "Comment") == 0)
		return 1;
	if (!top)
		return 0;
	return strcmp(name, "Next") == 0 || strcmp(name, "Assign") == 0 ||
	       (jsonata && strcmp(name, "Output") == 0);
}

static const char *const tests[] = { "And", "Or", "Not", "Variable",
	                             "Condition" };

#define NTESTS (sizeof(tests) / sizeof(tests[0]))

static long find_test(const char *name)
{
	for (size_t i = 0; i < NTESTS; i++)
		if (asl_same(tests[i], name))
			return (long) i;
	return -1;
}

/* The field of a rule closest to NAME, for "did you mean". */
static const char *closest_field(const char *name, int top, int jsonata)
{
	static const char *const extras[] = { "Comment", "Next", "Assign",
		                              "Output" };
	struct sfn_suggest s;

	/* the extras first: of equally close names, "Nxt" means Next */
	sfn_suggest_init(&s, name, strlen(name));
	for (size_t i = 0; i < 4; i++)
		if (is_rule_extra(extras[i], top, jsonata))
			sfn_suggest_add(&s, extras[i]);
	for (size_t i = 0; i < NTESTS; i++)
		sfn_suggest_add(&s, tests[i]);
	for (size_t i = 0; sfn_choice_op_at(i) != NULL; i++)
		sfn_suggest_add(&s, sfn_choice_op_at(i)->name);
	return sfn_suggest_best(&s);
}

/* NAME's place in the operator table of sfn/choice.h, or -1. */
static long find_operator(const char *name)
{
	const struct sfn_choice_op *op = sfn_choice_op_find(name);

	return op != NULL ? (long) (op - sfn_choice_op_at(0)) : -1;
}

/* Reports M; returns the field it suggests instead, or NULL. */
static const char *unknown_field(struct asl *a, const cJSON *m, int top)
{
	const char *best = closest_field(m->string, top, a->jsonata);

	Sfn_asl_report(a, SFN_RULE_ASL_UNKNOWN_FIELD, m, 1, NULL,
	               "Field '%s' is not supported%s%s%s%s", m->string,
	               !strcmp(m->string, "Next") ? " in a nested rule: only "
	                                            "top-level rules have Next"
	                                          : "",
	               ASL_HINT(best));
	return best;
}

/* What a rule holds: its test and operator, and whether a misspelled
 * field stands for a missing test, operator or Next (not reported
 * twice). */
struct parts {
	const cJSON *test, *op;
	const struct sfn_choice_op *def; /* OP's entry in the table */
	int test_misspelled, op_misspelled, next_misspelled;
};

/* Notes what the misspelled field M stands for. */
static void misspelled(struct parts *p, const char *meant)
{
	if (meant == NULL)
		return;
	p->test_misspelled |= find_test(meant) >= 0;
	p->op_misspelled |= find_operator(meant) >= 0;
	p->next_misspelled |= strcmp(meant, "Next") == 0;
}

/* The test and the operator of rule R: of each kind, the member first in
 * the tables' order, so that member order never matters (a Variable may
 * follow its operator, as it does in any definition with sorted keys). */
static void find_parts(struct asl *a, const cJSON *r, int top, struct parts *p)
{
	long test_rank = LONG_MAX, op_rank = LONG_MAX;

	memset(p, 0, sizeof(*p));
	for (const cJSON *m = r->child; m != NULL; m = m->next) {
		long t = find_test(m->string), o = find_operator(m->string);

		if (t >= 0 && t < test_rank) {
			test_rank = t;
			p->test = m;
		} else if (o >= 0 && o < op_rank) {
			op_rank = o;
			p->op = m;
			p->def = sfn_choice_op_at((size_t) o);
		} else if (t < 0 && o < 0 &&
		           !is_rule_extra(m->string, top, a->jsonata)) {
			misspelled(p, unknown_field(a, m, top));
		}
	}
}

/* Every test and operator beyond the one of each that counts. */
static void report_extra(struct asl *a, const cJSON *r, const cJSON *test,
                         const cJSON *op)
{
	for (const cJSON *m = r->child; m != NULL; m = m->next) {
		if (m == test || m == op ||
		    (find_test(m->string) < 0 && find_operator(m->string) < 0))
			continue;
		Sfn_asl_report(
		        a, SFN_RULE_ASL_CHOICE_RULE, m, 1, NULL,
		        "a rule makes exactly one test: '%s' is one too many",
		        m->string);
	}
}

/* What a rule tests: one of And, Or, Not, Variable with one operator
 * (JSONPath), or Condition (JSONata). */
static void check_rule(struct asl *a, const cJSON *r, int top)
{
	struct parts p;
	const cJSON *test, *op;

	find_parts(a, r, top, &p);
	test = p.test;
	op = p.op;
	report_extra(a, r, test, op);
	if (top && !(asl_get(r, "Next") != NULL) && !p.next_misspelled)
		Sfn_asl_report(a, SFN_RULE_ASL_MISSING_FIELD, r, 0, NULL,
		               "These fields are required: [Next]");
	if (a->jsonata) {
		if (test == NULL || strcmp(test->string, "Condition") != 0 ||
		    op != NULL)
			Sfn_asl_report(a, SFN_RULE_ASL_CHOICE_RULE,
			               test ? test : r, test != NULL, NULL,
			               "a JSONata rule tests a "
			               "Condition (true, false or a {%% %%} "
			               "expression)");
		else if (!cJSON_IsBool(test) && !Sfn_asl_is_jsonata(test))
			Sfn_asl_report(a, SFN_RULE_ASL_FIELD_TYPE, test, 0,
			               "Condition",
			               "'Condition' must be true, false "
			               "or a {%% %%} expression");
		else
			Sfn_asl_check_jsonata(a, test, "Condition");
	} else if (test == NULL && p.test_misspelled) {
		/* reported as the misspelled field */
	} else if (test == NULL || strcmp(test->string, "Condition") == 0)
		Sfn_asl_report(
		        a, SFN_RULE_ASL_CHOICE_RULE, test ? test : r,
		        test != NULL, NULL,
		        "a rule needs one test: And, Or, "
		        "Not, or a Variable with one comparison operator");
	else if (strcmp(test->string, "Variable") == 0) {
		/* "a field named Variable whose value MUST be a Path" */
		Sfn_asl_check_path(a, test, "Variable", 0, 0);
		if (op == NULL && !p.op_misspelled)
			Sfn_asl_report(
			        a, SFN_RULE_ASL_CHOICE_RULE, test, 1, NULL,
			        "the Variable has no comparison operator "
			        "(StringEquals, NumericLessThan, IsPresent, "
			        "...)");
		else if (op != NULL)
			check_operand(a, op, p.def);
	} else if (!a->jsonata) {
		if (op != NULL)
			Sfn_asl_report(a, SFN_RULE_ASL_CHOICE_RULE, op, 1, NULL,
			               "'%s' needs a Variable, not '%s'",
			               op->string, test->string);
		check_nested(a, test, test->string);
	}
	if (top && (asl_get(r, "Assign") != NULL))
		Sfn_asl_check_assign(a, asl_get(r, "Assign"), "Assign");
	if (top && a->jsonata && (asl_get(r, "Output") != NULL))
		Sfn_asl_check_output(a, asl_get(r, "Output"), "Output");
}

void Sfn_asl_check_choice(struct asl *a, const cJSON *state)
{
	const cJSON *list = asl_get(state, "Choices");
	size_t i = 0, len, len2;

	if (list == NULL)
		return;
	if (!cJSON_IsArray(list) || list->child == NULL) {
		Sfn_asl_report(
		        a, SFN_RULE_ASL_FIELD_VALUE, list, 0, "Choices",
		        "'Choices' must be a non-empty array of rules: Value "
		        "cannot be empty");
		return;
	}
	len = Sfn_asl_push(a, "Choices");
	for (const cJSON *r = list->child; r != NULL; r = r->next, i++) {
		len2 = Sfn_asl_push_index(a, i);
		if (cJSON_IsObject(r))
			check_rule(a, r, 1);
		else
			Sfn_asl_report(a, SFN_RULE_ASL_FIELD_TYPE, r, 0, NULL,
			               "each choice rule must be an object");
		Sfn_asl_pop(a, len2);
	}
	Sfn_asl_pop(a, len);
}
