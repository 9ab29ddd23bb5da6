/* The trace (sfnc run --trace): for each attempt of each state, its
 * processing steps as TestState's DEBUG inspection level shows them
 * (input, after InputPath, after Parameters, result, after
 * ResultSelector, after ResultPath, output, variables, error). Kept only
 * when asked for; bounded by the history limit, since every attempt is a
 * history event too. Knows nothing of what the states do. */
#include "config.h"

#include "exec/interp_int.h"

void Sfn_interp_trace_begin(struct frame *f)
{
	cJSON *t;

	if (f->run->trace == NULL)
		return;
	cJSON_Delete(f->inspect);
	t = f->inspect = cJSON_CreateObject();
	if (t == NULL || !cJSON_AddStringToObject(t, "state", f->state->name) ||
	    !cJSON_AddNumberToObject(t, "attempt", f->retry_count) ||
	    !Sfn_interp_add_copy(t, "input", f->input))
		f->run->trace_status = SFN_ERR_NOMEM;
}

void Sfn_interp_trace(struct frame *f, const char *step, const cJSON *value)
{
	cJSON *copy;

	if (f->inspect == NULL)
		return;
	copy = cJSON_Duplicate(value, 1);
	if (copy == NULL ||
	    (cJSON_GetObjectItemCaseSensitive(f->inspect, step) != NULL
	             ? !cJSON_ReplaceItemInObjectCaseSensitive(f->inspect, step,
	                                                       copy)
	             : !cJSON_AddItemToObject(f->inspect, step, copy))) {
		cJSON_Delete(copy);
		f->run->trace_status = SFN_ERR_NOMEM;
	}
}

void Sfn_interp_trace_end(struct frame *f)
{
	if (f->inspect == NULL)
		return;
	Sfn_interp_trace(f, "variables", f->vars);
	cJSON_AddItemToArray(f->run->trace, f->inspect);
	f->inspect = NULL;
}
