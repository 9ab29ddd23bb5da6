/* Choice states run on the ASL model: rules evaluated as a tree, each
 * comparison through the shared operator table's test with the values
 * its parsed Variable and *Path operand select; the first rule that
 * matches gives the next state. Knows nothing of JSONata: a "{% %}"
 * Condition waits for the JSONata engine. */
#include "config.h"

#include <stdlib.h>

#include "exec/exec_int.h"
#include "sfn/model.h"

static enum sfn_status missing(struct sfn_error *err, const struct sfn_path *p)
{
	return sfn_error_set(err, "States.Runtime",
	                     "Invalid path '%s': The choice state's condition "
	                     "path references an invalid value.",
	                     sfn_path_text(p));
}

/* RULE := { "Variable": PATH, OPERATOR: OPERAND } */
static enum sfn_status compare(const struct sfn_asl_rule *r,
                               const struct sfn_exec_data *data, int *matched,
                               struct sfn_error *err)
{
	cJSON *value = NULL, *operand = NULL;
	enum sfn_status st;
	int got;

	/* a rule the validator would refuse (no operator, a path that does
	 * not parse) fails the execution rather than the process */
	if (r->op == NULL || r->variable == NULL ||
	    (r->op->path && r->operand_path == NULL))
		return sfn_error_set(err, "States.Runtime",
		                     "The choice state's rule has no operator "
		                     "or a path that does not parse.");
	st = sfn_exec_lookup_path(r->variable, data, &value, NULL);
	if (st == SFN_OK && r->op->path)
		st = sfn_exec_lookup_path(r->operand_path, data, &operand,
		                          NULL);
	if (st != SFN_OK)
		goto done;
	got = sfn_choice_test(r->op, value, r->op->path ? operand : r->operand);
	if (got < 0)
		st = missing(err,
		             value == NULL ? r->variable : r->operand_path);
	*matched = got > 0;
done:
	cJSON_Delete(value);
	cJSON_Delete(operand);
	return st;
}

enum sfn_status sfn_exec_rule_test(const struct sfn_asl_rule *r,
                                   const struct sfn_exec_data *data,
                                   int *matched, struct sfn_error *err)
{
	enum sfn_status st = SFN_OK;
	size_t i = 0;

	*matched = 0;
	switch (r->kind) {
	case SFN_ASL_RULE_COMPARE:
		return compare(r, data, matched, err);
	case SFN_ASL_RULE_CONDITION:
		*matched = r->condition_value;
		return r->condition ? SFN_ERR_USAGE : SFN_OK;
	case SFN_ASL_RULE_NOT:
		st = sfn_exec_rule_test(&r->children[0], data, matched, err);
		*matched = !*matched;
		return st;
	default: /* AND stops at the first false, OR at the first true */
		*matched = r->kind == SFN_ASL_RULE_AND;
		while (st == SFN_OK && i < r->nchildren &&
		       *matched == (r->kind == SFN_ASL_RULE_AND))
			st = sfn_exec_rule_test(&r->children[i++], data,
			                        matched, err);
		return st;
	}
}

enum sfn_status sfn_exec_choose(const struct sfn_asl_state *choice,
                                const struct sfn_exec_data *data,
                                const struct sfn_asl_state **next,
                                const struct sfn_asl_rule **rule,
                                struct sfn_error *err)
{
	const struct sfn_asl_choice *c = &choice->u.choice;
	enum sfn_status st;
	int matched;

	*next = NULL;
	if (rule != NULL)
		*rule = NULL;
	for (size_t i = 0; i < c->nrules; i++) {
		st = sfn_exec_rule_test(&c->rules[i], data, &matched, err);
		if (st != SFN_OK)
			return st;
		if (matched) {
			*next = c->rules[i].next;
			if (rule != NULL)
				*rule = &c->rules[i];
			return SFN_OK;
		}
	}
	*next = c->otherwise;
	if (*next != NULL)
		return SFN_OK;
	return sfn_error_set(err, "States.NoChoiceMatched",
	                     "No Choice Rule matched and no Default is given "
	                     "in state '%s'",
	                     choice->name);
}
