/* Choice rules of the ASL model: a tree of And, Or, Not, comparisons
 * (operator from the shared table, Variable and *Path operands parsed)
 * and JSONata Conditions; top-level rules with Next resolved, Assign and
 * Output. */
#include "config.h"

#include <string.h>

#include "asl/model_int.h"

static void load_rule(struct loader *l, const cJSON *r,
                      struct sfn_asl_rule *out);

/* RULE := { "And" | "Or": [RULE, ...] } | { "Not": RULE } */
static void load_children(struct loader *l, const cJSON *v,
                          struct sfn_asl_rule *out)
{
	size_t n = cJSON_IsArray(v) ? (size_t) cJSON_GetArraySize(v) : 1, i = 0;

	out->children = Sfn_ml_alloc(l, n * sizeof(*out->children));
	if (out->children == NULL)
		return;
	if (!cJSON_IsArray(v)) {
		load_rule(l, v, &out->children[0]);
		i = 1;
	}
	for (const cJSON *e = cJSON_IsArray(v) ? v->child : NULL;
	     e != NULL && l->status == SFN_OK; e = e->next)
		load_rule(l, e, &out->children[i++]);
	out->nchildren = i;
}

/* RULE := { "Variable": PATH, OPERATOR: OPERAND } */
static void load_compare(struct loader *l, const cJSON *r,
                         struct sfn_asl_rule *out)
{
	const char *var = Sfn_ml_string(r, "Variable");

	out->kind = SFN_ASL_RULE_COMPARE;
	for (const cJSON *m = r->child; m != NULL && out->op == NULL;
	     m = m->next) {
		out->op = sfn_choice_op_find(m->string);
		out->operand = m;
	}
	if (var != NULL && sfn_exec_store_path(l->store, var, NULL,
	                                       &out->variable) == SFN_ERR_NOMEM)
		Sfn_ml_fail(l, SFN_ERR_NOMEM);
	if (out->op != NULL && out->op->path && cJSON_IsString(out->operand) &&
	    sfn_exec_store_path(l->store, out->operand->valuestring, NULL,
	                        &out->operand_path) == SFN_ERR_NOMEM)
		Sfn_ml_fail(l, SFN_ERR_NOMEM);
}

/* RULE := { "Condition": true | false | "{% ... %}" } (JSONata) */
static void load_condition(struct loader *l, const cJSON *c,
                           struct sfn_asl_rule *out)
{
	out->kind = SFN_ASL_RULE_CONDITION;
	out->condition_value = cJSON_IsTrue(c);
	out->condition = Sfn_ml_jsonata(l, c);
}

static void load_rule(struct loader *l, const cJSON *r,
                      struct sfn_asl_rule *out)
{
	const cJSON *v;

	if (!Sfn_ml_enter(l, r))
		return;
	out->span = Sfn_ml_span(l, r);
	if ((v = Sfn_ml_get(r, "And")) != NULL) {
		out->kind = SFN_ASL_RULE_AND;
		load_children(l, v, out);
	} else if ((v = Sfn_ml_get(r, "Or")) != NULL) {
		out->kind = SFN_ASL_RULE_OR;
		load_children(l, v, out);
	} else if ((v = Sfn_ml_get(r, "Not")) != NULL) {
		out->kind = SFN_ASL_RULE_NOT;
		load_children(l, v, out);
	} else if ((v = Sfn_ml_get(r, "Condition")) != NULL) {
		load_condition(l, v, out);
	} else {
		load_compare(l, r, out);
	}
	l->depth--;
}

void Sfn_ml_choice(struct loader *l, struct sfn_asl_state *s)
{
	struct sfn_asl_choice *c = &s->u.choice;
	const cJSON *list = Sfn_ml_get(s->json, "Choices");
	size_t n = cJSON_IsArray(list) ? (size_t) cJSON_GetArraySize(list) : 0,
	       i = 0;

	c->otherwise = Sfn_ml_target(s, Sfn_ml_string(s->json, "Default"));
	if (n == 0)
		return;
	c->rules = Sfn_ml_alloc(l, n * sizeof(*c->rules));
	for (const cJSON *r = c->rules ? list->child : NULL;
	     r != NULL && l->status == SFN_OK; r = r->next, i++) {
		struct sfn_asl_rule *rule = &c->rules[i];

		load_rule(l, r, rule);
		rule->next = Sfn_ml_target(s, Sfn_ml_string(r, "Next"));
		Sfn_ml_payload(l, Sfn_ml_get(r, "Assign"), &rule->assign);
		Sfn_ml_payload(l, Sfn_ml_get(r, "Output"), &rule->output);
	}
	c->nrules = i;
}
