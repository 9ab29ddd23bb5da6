/* Choice rules: a top-level rule has Next; JSONPath rules test one
 * Variable with exactly one comparison operator, or combine rules with
 * And, Or, Not; JSONata rules have a Condition. Operands have the type
 * their operator compares (the operator table of sfn/choice.h); *Path
 * operands are paths. */
#include "config.h"

#include <string.h>

#include "asl/asl_int.h"
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
	if (asl_is_placeholder(a, v))
		return;
	if (op->path) { /* "the value MUST be a Path" (not a Reference Path) */
		asl_check_path(a, v, op->name, 0, 0);
		return;
	}
	if (!sfn_choice_operand_ok(op, v))
		asl_report(a, SFN_RULE_ASL_FIELD_TYPE, v, 0, op->name,
		           "'%s' compares %s", op->name, compares(op));
}

static void check_rule(struct asl *a, const cJSON *r, int top);

static void check_nested(struct asl *a, const cJSON *v, const char *name)
{
	size_t i = 0, len = asl_push(a, name), len2;

	if (strcmp(name, "Not") == 0) {
		if (cJSON_IsObject(v))
			check_rule(a, v, 0);
		else
			asl_report(a, SFN_RULE_ASL_FIELD_TYPE, v, 0, NULL,
			           "'Not' takes one rule (an object)");
		asl_pop(a, len);
		return;
	}
	if (!cJSON_IsArray(v) || v->child == NULL)
		asl_report(
		        a, SFN_RULE_ASL_FIELD_VALUE, v, 0, NULL,
		        "'%s' takes a non-empty array of rules: Value cannot "
		        "be empty",
		        name);
	for (const cJSON *e = cJSON_IsArray(v) ? v->child : NULL; e;
	     e = e->next, i++) {
		len2 = asl_push_index(a, i);
		if (cJSON_IsObject(e))
			check_rule(a, e, 0);
		else
			asl_report(a, SFN_RULE_ASL_FIELD_TYPE, e, 0, NULL,
			           "each rule of '%s' must be an object", name);
		asl_pop(a, len2);
	}
	asl_pop(a, len);
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

/* What a rule tests: one of And, Or, Not, Variable with one operator
 * (JSONPath), or Condition (JSONata). */
static void check_rule(struct asl *a, const cJSON *r, int top)
{
	static const char *const tests[] = { "And", "Or", "Not", "Variable",
		                             "Condition" };
	const cJSON *test = NULL, *op = NULL, *second = NULL;

	for (const cJSON *m = r->child; m != NULL; m = m->next) {
		int is_test = 0;

		for (size_t i = 0; i < 5; i++)
			is_test |= strcmp(m->string, tests[i]) == 0;
		if (is_test && (test != NULL || op != NULL) && second == NULL)
			second = m;
		if (is_test && test == NULL)
			test = m;
		else if (sfn_choice_op_find(m->string) != NULL) {
			if (op != NULL && second == NULL)
				second = m;
			if (op == NULL)
				op = m;
		} else if (!is_test &&
		           !is_rule_extra(m->string, top, a->jsonata)) {
			asl_report(
			        a, SFN_RULE_ASL_UNKNOWN_FIELD, m, 1, NULL,
			        "Field '%s' is not supported%s", m->string,
			        !strcmp(m->string, "Next")
			                ? " in a nested rule: only top-level "
			                  "rules have Next"
			                : "");
		}
	}
	if (top && !(asl_get(r, "Next") != NULL))
		asl_report(a, SFN_RULE_ASL_MISSING_FIELD, r, 0, NULL,
		           "These fields are required: [Next]");
	if (second != NULL)
		asl_report(
		        a, SFN_RULE_ASL_CHOICE_RULE, second, 1, NULL,
		        "a rule makes exactly one test: '%s' is one too many",
		        second->string);
	if (a->jsonata) {
		if (test == NULL || strcmp(test->string, "Condition") != 0 ||
		    op != NULL)
			asl_report(a, SFN_RULE_ASL_CHOICE_RULE, test ? test : r,
			           test != NULL, NULL,
			           "a JSONata rule tests a "
			           "Condition (true, false or a {%% %%} "
			           "expression)");
		else if (!cJSON_IsBool(test) && !asl_is_jsonata(test))
			asl_report(a, SFN_RULE_ASL_FIELD_TYPE, test, 0,
			           "Condition",
			           "'Condition' must be true, false "
			           "or a {%% %%} expression");
		else
			asl_check_jsonata(a, test, "Condition");
	} else if (test == NULL || strcmp(test->string, "Condition") == 0)
		asl_report(a, SFN_RULE_ASL_CHOICE_RULE, test ? test : r,
		           test != NULL, NULL,
		           "a rule needs one test: And, Or, "
		           "Not, or a Variable with one comparison operator");
	else if (strcmp(test->string, "Variable") == 0) {
		/* "a field named Variable whose value MUST be a Path" */
		asl_check_path(a, test, "Variable", 0, 0);
		if (op == NULL)
			asl_report(a, SFN_RULE_ASL_CHOICE_RULE, test, 1, NULL,
			           "the Variable has no comparison operator "
			           "(StringEquals, NumericLessThan, IsPresent, "
			           "...)");
		else
			check_operand(a, op, sfn_choice_op_find(op->string));
	} else if (!a->jsonata) {
		if (op != NULL)
			asl_report(a, SFN_RULE_ASL_CHOICE_RULE, op, 1, NULL,
			           "'%s' needs a Variable, not '%s'",
			           op->string, test->string);
		check_nested(a, test, test->string);
	}
	if (top && (asl_get(r, "Assign") != NULL))
		asl_check_assign(a, asl_get(r, "Assign"), "Assign");
	if (top && a->jsonata && (asl_get(r, "Output") != NULL))
		asl_check_output(a, asl_get(r, "Output"), "Output");
}

void asl_check_choice(struct asl *a, const cJSON *state)
{
	const cJSON *list = asl_get(state, "Choices");
	size_t i = 0, len, len2;

	if (list == NULL)
		return;
	if (!cJSON_IsArray(list) || list->child == NULL) {
		asl_report(
		        a, SFN_RULE_ASL_FIELD_VALUE, list, 0, "Choices",
		        "'Choices' must be a non-empty array of rules: Value "
		        "cannot be empty");
		return;
	}
	len = asl_push(a, "Choices");
	for (const cJSON *r = list->child; r != NULL; r = r->next, i++) {
		len2 = asl_push_index(a, i);
		if (cJSON_IsObject(r))
			check_rule(a, r, 1);
		else
			asl_report(a, SFN_RULE_ASL_FIELD_TYPE, r, 0, NULL,
			           "each choice rule must be an object");
		asl_pop(a, len2);
	}
	asl_pop(a, len);
}
