/* The execution history in the shape of GetExecutionHistory: events with
 * type, id, previousEventId, timestamp and their *EventDetails; a child
 * execution (an iteration of a DISTRIBUTED Map) has a history of its
 * own. Every event is counted, kept or not, so SFN_RUN_MAX_HISTORY
 * bounds every execution and every child. Knows nothing of what the
 * states do. */
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

/* A child execution past its quota fails, from the loop: the frame that
 * recorded the event goes on, and the child's iterations end with it. */
static void child_over(struct sfn_loop *loop, void *ctx)
{
	struct frame *root = ctx;

	(void) loop;
	sfn_error_clear(&root->err);
	if (sfn_error_set(&root->err, "States.Runtime",
	                  "The child execution reached its limit of history "
	                  "events (SFN_RUN_MAX_HISTORY)") != SFN_ERR_FAILED) {
		Sfn_interp_run_fatal(root->run, SFN_ERR_NOMEM);
		return;
	}
	Sfn_interp_frame_fail(root);
}

/* 0 when H is full: the execution ended, or the event is dropped (1). */
static int room(struct frame *f, struct history *h, int *ok)
{
	struct sfn_run *run = f->run;
	struct sfn_error err = { "States.Runtime",
		                 "The execution reached its limit of history "
		                 "events (SFN_RUN_MAX_HISTORY)" };

	*ok = 1;
	if (h->nevents < run->opts.max_history || h->ending)
		return 1;
	if (h != &run->hist) {
		if (!h->full)
			sfn_loop_defer(run->loop, &h->defer, child_over,
			               h->root);
		h->full = 1;
		return 0;
	}
	Sfn_interp_run_end(run, SFN_RUN_FAILED, NULL, &err);
	*ok = 0;
	return 0;
}

int Sfn_interp_event(struct frame *f, const char *type, const char *key,
                     cJSON *details)
{
	struct sfn_run *run = f->run;
	struct history *h = f->hist;
	cJSON *e;
	int id, ok;

	if (run->state != SFN_RUN_RUNNING) {
		cJSON_Delete(details);
		return 0;
	}
	if (!room(f, h, &ok)) {
		cJSON_Delete(details);
		return ok;
	}
	id = (int) ++h->nevents;
	if (h->events == NULL) {
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
	cJSON_AddItemToArray(h->events, e);
	f->prev_event = id;
	if (run->opts.on_event != NULL)
		run->opts.on_event(run->opts.event_ctx, e);
	return 1;
}

/* {"stateName", "index", "events": []} in the run's childExecutions;
 * its events array, or NULL when memory ran out. */
static cJSON *child_events(struct sfn_run *run, const char *state, size_t index)
{
	cJSON *c;

	if (run->children == NULL)
		run->children =
		        cJSON_AddArrayToObject(run->history, "childExecutions");
	c = cJSON_CreateObject();
	if (run->children == NULL || c == NULL ||
	    !cJSON_AddItemToArray(run->children, c)) {
		cJSON_Delete(c);
		return NULL;
	}
	if (!cJSON_AddStringToObject(c, "stateName", state) ||
	    !cJSON_AddNumberToObject(c, "index", (double) index))
		return NULL;
	return cJSON_AddArrayToObject(c, "events");
}

int Sfn_interp_child_start(struct frame *kid, const char *state)
{
	struct sfn_run *run = kid->run;
	struct history *h = calloc(1, sizeof(*h));
	cJSON *d = NULL;

	kid->own = h;
	if (h == NULL) {
		Sfn_interp_run_fatal(run, SFN_ERR_NOMEM);
		return 0;
	}
	sfn_defer_init(&h->defer);
	h->root = kid;
	kid->hist = h;
	kid->prev_event = 0;
	if (run->hist.events != NULL) {
		h->events = child_events(run, state, kid->index);
		d = cJSON_CreateObject();
		if (h->events == NULL || d == NULL ||
		    !Sfn_interp_event_data(d, "input", kid->input)) {
			cJSON_Delete(d);
			Sfn_interp_run_fatal(run, SFN_ERR_NOMEM);
			return 0;
		}
	}
	return Sfn_interp_event(kid, "ExecutionStarted",
	                        "executionStartedEventDetails", d);
}

int Sfn_interp_child_end(struct frame *kid)
{
	cJSON *d = NULL;

	kid->own->ending = 1;
	if (kid->own->events != NULL) {
		d = cJSON_CreateObject();
		if (d != NULL && kid->failed) {
			cJSON_AddStringToObject(d, "error", kid->err.name);
			if (kid->err.cause != NULL)
				cJSON_AddStringToObject(d, "cause",
				                        kid->err.cause);
		} else if (d != NULL) {
			(void) Sfn_interp_event_data(d, "output", kid->output);
		}
	}
	return Sfn_interp_event(
	        kid, kid->failed ? "ExecutionFailed" : "ExecutionSucceeded",
	        kid->failed ? "executionFailedEventDetails"
	                    : "executionSucceededEventDetails",
	        d);
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
	if (f->hist->events == NULL)
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
