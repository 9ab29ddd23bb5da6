/* Retry and Catch: their fields and ranges, and States.ALL alone in the
 * last retrier or catcher. A catcher's Next is checked with the scope's
 * transitions. */
#include "config.h"

#include <string.h>

#include "asl/asl_int.h"

#define BIG 99999999.0

static const char *const retrier_fields[] = {
	"ErrorEquals",     "IntervalSeconds", "MaxAttempts", "BackoffRate",
	"MaxDelaySeconds", "JitterStrategy",  "Comment",     NULL
};
static const char *const catcher_fields[] = {
	"ErrorEquals", "Next", "ResultPath", "Output", "Assign", "Comment", NULL
};
static const char *const jitter[] = { "FULL", "NONE", NULL };

/* ErrorEquals: a non-empty array of strings; States.ALL alone, and only
 * in the LAST entry. */
static void check_errors(struct asl *a, const cJSON *entry, int last)
{
	const cJSON *list = asl_get(entry, "ErrorEquals");
	size_t n = 0;

	if (list == NULL) {
		Sfn_asl_report(a, SFN_RULE_ASL_MISSING_FIELD, entry, 0, NULL,
		               "These fields are required: [ErrorEquals]");
		return;
	}
	if (!cJSON_IsArray(list) || list->child == NULL) {
		Sfn_asl_report(
		        a, SFN_RULE_ASL_FIELD_VALUE, list, 0, "ErrorEquals",
		        "'ErrorEquals' must be a non-empty array of error "
		        "names: Value cannot be empty");
		return;
	}
	for (const cJSON *e = list->child; e != NULL; e = e->next, n++)
		if (!cJSON_IsString(e))
			Sfn_asl_check_string(a, e, "ErrorEquals");
	for (const cJSON *e = list->child; e != NULL; e = e->next)
		if (cJSON_IsString(e) &&
		    !strcmp(e->valuestring, "States.ALL") && (n > 1 || !last))
			Sfn_asl_report(
			        a, SFN_RULE_ASL_STATES_ALL, e, 0, "ErrorEquals",
			        "States.ALL must appear alone and at end of "
			        "list");
}

static void check_retrier(struct asl *a, const cJSON *r, int last)
{
	const cJSON *v;

	Sfn_asl_check_known(a, r, retrier_fields);
	check_errors(a, r, last);
	if ((v = asl_get(r, "IntervalSeconds")))
		Sfn_asl_check_number(a, v, "IntervalSeconds", 1, 0, BIG);
	if ((v = asl_get(r, "MaxAttempts")))
		Sfn_asl_check_number(a, v, "MaxAttempts", 1, 0, BIG);
	if ((v = asl_get(r, "BackoffRate")))
		Sfn_asl_check_number(a, v, "BackoffRate", 0, 1, BIG);
	if ((v = asl_get(r, "MaxDelaySeconds")))
		Sfn_asl_check_number(a, v, "MaxDelaySeconds", 1, 1, 31622400);
	if ((v = asl_get(r, "JitterStrategy")))
		Sfn_asl_check_enum(a, v, "JitterStrategy", jitter);
	if ((v = asl_get(r, "Comment")))
		Sfn_asl_check_string(a, v, "Comment");
}

static void check_catcher(struct asl *a, const cJSON *c, int last)
{
	const cJSON *v;

	Sfn_asl_check_known(a, c, catcher_fields);
	check_errors(a, c, last);
	if (!(asl_get(c, "Next") != NULL))
		Sfn_asl_report(a, SFN_RULE_ASL_MISSING_FIELD, c, 0, NULL,
		               "These fields are required: [Next]");
	else
		Sfn_asl_check_string(a, asl_get(c, "Next"), "Next");
	a->in_catch = 1;
	if ((v = asl_get(c, "ResultPath"))) {
		if (a->jsonata)
			Sfn_asl_report_wrong_language(a, v);
		else
			Sfn_asl_check_result_path(a, v, "ResultPath");
	}
	if ((v = asl_get(c, "Output"))) {
		if (!a->jsonata)
			Sfn_asl_report_wrong_language(a, v);
		else
			Sfn_asl_check_output(a, v, "Output");
	}
	if ((v = asl_get(c, "Assign")))
		Sfn_asl_check_assign(a, v, "Assign");
	a->in_catch = 0;
}

static void check_list(struct asl *a, const cJSON *state, const char *name,
                       void (*check)(struct asl *, const cJSON *, int))
{
	const cJSON *list = asl_get(state, name);
	size_t i = 0, len, len2;

	if (list == NULL)
		return;
	if (!cJSON_IsArray(list)) {
		Sfn_asl_report(a, SFN_RULE_ASL_FIELD_TYPE, list, 0, name,
		               "'%s' must be an array: Expected value of type "
		               "[ARRAY]",
		               name);
		return;
	}
	len = Sfn_asl_push(a, name);
	for (const cJSON *e = list->child; e != NULL; e = e->next, i++) {
		len2 = Sfn_asl_push_index(a, i);
		if (cJSON_IsObject(e))
			check(a, e, e->next == NULL);
		else
			Sfn_asl_report(a, SFN_RULE_ASL_FIELD_TYPE, e, 0, NULL,
			               "each entry of '%s' must be an object",
			               name);
		Sfn_asl_pop(a, len2);
	}
	Sfn_asl_pop(a, len);
}

void Sfn_asl_check_retry(struct asl *a, const cJSON *state)
{
	check_list(a, state, "Retry", check_retrier);
}

void Sfn_asl_check_catch(struct asl *a, const cJSON *state)
{
	check_list(a, state, "Catch", check_catcher);
}
