/* The execution history in the shape of GetExecutionHistory: events with
 * type, id, previousEventId, timestamp and their *EventDetails. Every
 * event is counted, kept or not, so SFN_RUN_MAX_HISTORY bounds every
 * execution. Knows nothing of what the states do. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "exec/interp_int.h"

static const char *const type_names[] = {
	[SFN_ASL_TASK] = "Task",       [SFN_ASL_PARALLEL] = "Parallel",
	[SFN_ASL_MAP] = "Map",         [SFN_ASL_PASS] = "Pass",
	[SFN_ASL_WAIT] = "Wait",       [SFN_ASL_CHOICE] = "Choice",
	[SFN_ASL_SUCCEED] = "Succeed", [SFN_ASL_FAIL] = "Fail",
};

static cJSON *event(struct frame *f, const char *type, int id)
{
	struct sfn_clock *clock = sfn_loop_clock(f->run->loop);
	cJSON *e = cJSON_CreateObject();
	char when[32];

	if (e == NULL)
		return NULL;
	Sfn_interp_timestamp_run(f->run, clock->wall_ms(clock), when);
	cJSON_AddStringToObject(e, "timestamp", when);
	cJSON_AddStringToObject(e, "type", type);
	cJSON_AddNumberToObject(e, "id", id);
	cJSON_AddNumberToObject(e, "previousEventId", f->prev_event);
	if (cJSON_GetArraySize(e) != 4) {
		cJSON_Delete(e);
		return NULL;
	}
	return e;
}

int Sfn_interp_event(struct frame *f, const char *type, const char *key,
                     cJSON *details)
{
	struct sfn_run *run = f->run;
	struct sfn_error err = { "States.Runtime",
		                 "The execution reached its limit of history "
		                 "events (SFN_RUN_MAX_HISTORY)" };
	cJSON *e;
	int id;

	if (run->state != SFN_RUN_RUNNING) {
		cJSON_Delete(details);
		return 0;
	}
	if (run->nevents >= run->opts.max_history && !run->ending) {
		cJSON_Delete(details);
		Sfn_interp_run_end(run, SFN_RUN_FAILED, NULL, &err);
		return 0;
	}
	id = (int) ++run->nevents;
	if (run->events == NULL) {
		cJSON_Delete(details);
		f->prev_event = id;
		return 1;
	}
	e = event(f, type, id);
	if (e == NULL ||
	    (details != NULL && !cJSON_AddItemToObject(e, key, details))) {
		cJSON_Delete(e);
		cJSON_Delete(details);
		Sfn_interp_run_fatal(run, SFN_ERR_NOMEM);
		return 0;
	}
	cJSON_AddItemToArray(run->events, e);
	f->prev_event = id;
	if (run->opts.on_event != NULL)
		run->opts.on_event(run->opts.event_ctx, e);
	return 1;
}

int Sfn_interp_event_data(cJSON *d, const char *key, const cJSON *value)
{
	char *text = cJSON_PrintUnformatted(value);
	char details[32];
	cJSON *t;
	int ok;

	snprintf(details, sizeof(details), "%sDetails", key);
	t = cJSON_CreateObject();
	ok = text != NULL && t != NULL &&
	     cJSON_AddFalseToObject(t, "truncated") != NULL &&
	     cJSON_AddStringToObject(d, key, text) != NULL &&
	     cJSON_AddItemToObject(d, details, t);
	if (!ok && !cJSON_HasObjectItem(d, details))
		cJSON_Delete(t);
	free(text);
	return ok;
}

int Sfn_interp_event_state(struct frame *f, const char *suffix, const char *key,
                           const cJSON *data, const char *data_key)
{
	char type[64];
	cJSON *d;

	/* without a history the event is only counted: nothing to name */
	if (f->run->events == NULL)
		return Sfn_interp_event(f, suffix, key, NULL);
	snprintf(type, sizeof(type), "%s%s", type_names[f->state->type],
	         suffix);
	d = cJSON_CreateObject();
	if (d == NULL || !cJSON_AddStringToObject(d, "name", f->state->name) ||
	    (data != NULL && !Sfn_interp_event_data(d, data_key, data))) {
		cJSON_Delete(d);
		Sfn_interp_run_fatal(f->run, SFN_ERR_NOMEM);
		return 0;
	}
	return Sfn_interp_event(f, type, key, d);
}
