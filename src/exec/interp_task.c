/* Task states: the effective input becomes a request on the integration
 * seam (the mock first, by state name, then the table by Resource); the
 * execution suspends until the completion callback or the timeout timer,
 * which cancels the task. Knows nothing of how any integration works. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec/interp_int.h"
#include "sfn/mock.h"

static const struct sfn_integration *pick(const struct frame *f)
{
	const struct sfn_run_opts *o = &f->run->opts;
	const struct sfn_integration *it = NULL;

	if (o->mock != NULL)
		it = sfn_mock_for(o->mock, f->state->name);
	if (it == NULL && o->integrations != NULL &&
	    f->state->u.task->resource_text != NULL)
		it = sfn_integrations_find(o->integrations,
		                           f->state->u.task->resource_text);
	return it;
}

void Sfn_interp_task_stop(struct frame *f)
{
	cJSON_Delete(f->task_input);
	f->task_input = NULL;
	sfn_loop_timer_stop(f->run->loop, &f->timeout);
	if (f->task != NULL) {
		struct sfn_task *task = f->task;

		f->task = NULL;
		sfn_task_cancel(task);
	}
}

/* resourceType and resource as the service's task events give them,
 * with KEY: the text of VALUE (or the error's name and cause). */
static cJSON *task_details(const struct frame *f, const char *key,
                           const cJSON *value)
{
	const struct sfn_resource *r = &f->state->u.task->resource;
	const char *text = f->state->u.task->resource_text;
	cJSON *d = cJSON_CreateObject();
	char type[128], *json;

	if (d == NULL || f->hist->events == NULL)
		return d;
	/* an integration's service and action; else the ARN's service */
	struct sfn_text service = r->kind == SFN_RESOURCE_INTEGRATION
	                                  ? r->integration
	                                  : r->service;

	snprintf(type, sizeof(type), "%.*s", (int) service.len,
	         service.ptr ? service.ptr : "");
	if (r->kind == SFN_RESOURCE_INTEGRATION)
		text = r->action.ptr;
	cJSON_AddStringToObject(d, "resourceType", type);
	cJSON_AddStringToObject(d, "resource", text);
	if (key == NULL) {
		cJSON_AddStringToObject(d, "error", f->err.name);
		cJSON_AddStringToObject(d, "cause",
		                        f->err.cause ? f->err.cause : "");
		return d;
	}
	if (strcmp(key, "output") == 0) {
		(void) Sfn_interp_event_data(d, key,
		                             value); /* may be left out */
		return d;
	}
	if (value == NULL)
		return d;
	json = cJSON_PrintUnformatted(value);
	if (json != NULL)
		cJSON_AddStringToObject(d, key, json);
	free(json);
	if (strcmp(key, "parameters") == 0)
		cJSON_AddStringToObject(d, "region", "us-east-1");
	return d;
}

/* The timeout or heartbeat (FIELD names it) of the task in ms (0:
 * none). */
static enum sfn_status seconds(struct frame *f, const struct sfn_asl_number *n,
                               const char *field, const cJSON *in, int64_t *ms)
{
	struct sfn_exec_data d = Sfn_interp_data(f, in);
	cJSON *v = NULL;
	enum sfn_status st;

	double secs = 0;

	*ms = 0;
	if (n->how == SFN_ASL_LITERAL)
		*ms = (int64_t) (n->value * 1000);
	if (n->how == SFN_ASL_EXPR) {
		st = Sfn_interp_jn_number(f, n, field, 1, &secs);
		*ms = (int64_t) (secs * 1000);
		return st;
	}
	if (n->how != SFN_ASL_PATH)
		return SFN_OK;
	st = sfn_exec_lookup_path(n->path, &d, &v, NULL);
	if (st == SFN_OK && (!cJSON_IsNumber(v) || v->valuedouble < 1 ||
	                     v->valuedouble > 99999999))
		st = sfn_error_set(&f->err, "States.Runtime",
		                   "The timeout or heartbeat path of state "
		                   "'%s' does not reference a positive integer",
		                   f->state->name);
	if (st == SFN_OK)
		*ms = (int64_t) (v->valuedouble * 1000);
	cJSON_Delete(v);
	return st;
}

static void completed(void *ctx, struct sfn_task_outcome *outcome)
{
	struct frame *f = ctx;
	cJSON *out = NULL;
	enum sfn_status st;

	f->task = NULL;
	sfn_loop_timer_stop(f->run->loop, &f->timeout);
	cJSON_Delete(f->task_input);
	f->task_input = NULL;
	if (outcome->output == NULL) {
		sfn_error_clear(&f->err);
		f->err = outcome->error;
		if (f->err.name == NULL)
			Sfn_interp_run_fatal(f->run, SFN_ERR_NOMEM);
		else if (Sfn_interp_event(f, "TaskFailed",
		                          "taskFailedEventDetails",
		                          task_details(f, NULL, NULL)))
			Sfn_interp_state_failed(f, SFN_ERR_FAILED);
		return;
	}
	sfn_error_clear(&outcome->error);
	if (!Sfn_interp_event(f, "TaskSucceeded", "taskSucceededEventDetails",
	                      task_details(f, "output", outcome->output))) {
		cJSON_Delete(outcome->output);
		return;
	}
	st = Sfn_interp_output(f, outcome->output, &out);
	if (st == SFN_OK)
		Sfn_interp_state_done(f, out,
		                      f->state->end ? NULL : f->state->next);
	else
		Sfn_interp_state_failed(f, st);
}

/* The task ran past its time: it is cancelled and the state fails. */
static void time_out(struct frame *f, const char *error, const char *field)
{
	enum sfn_status st;

	Sfn_interp_task_stop(f);
	st = sfn_error_set(&f->err, error,
	                   "The task '%s' did not finish within its %s",
	                   f->state->name, field);
	if (Sfn_interp_event(f, "TaskTimedOut", "taskTimedOutEventDetails",
	                     task_details(f, NULL, NULL)))
		Sfn_interp_state_failed(f, st);
}

static void timed_out(struct sfn_loop *loop, void *ctx)
{
	(void) loop;
	time_out(ctx, "States.Timeout", "TimeoutSeconds");
}

/* No integration sends heartbeats: a task still running after
 * HeartbeatSeconds has missed its first one. */
static void heartbeat_missed(struct sfn_loop *loop, void *ctx)
{
	(void) loop;
	time_out(ctx, "States.HeartbeatTimeout", "HeartbeatSeconds");
}

/* Milliseconds on the clock of F's task timer. */
static int64_t task_clock(const struct frame *f)
{
	struct sfn_clock *clock = sfn_loop_timer_clock(
	        f->run->loop, f->task_real ? SFN_TIMER_REAL : 0);

	return clock->mono_ms(clock);
}

/* One timer for the earlier of what is left of TimeoutSeconds and a
 * whole HeartbeatSeconds from now. */
static enum sfn_status arm_timeout(struct frame *f)
{
	int64_t left = 0, beat = f->task_heartbeat_ms;

	if (f->task_timeout_ms > 0) {
		left = f->task_timeout_ms - (task_clock(f) - f->task_started);
		left = left > 0 ? left : 0;
	}
	if (f->task_timeout_ms > 0 && (beat == 0 || left <= beat))
		return sfn_loop_timer_start(f->run->loop, &f->timeout, left,
		                            f->task_real ? SFN_TIMER_REAL : 0,
		                            timed_out, f);
	if (beat == 0)
		return SFN_OK;
	return sfn_loop_timer_start(f->run->loop, &f->timeout, beat,
	                            f->task_real ? SFN_TIMER_REAL : 0,
	                            heartbeat_missed, f);
}

static enum sfn_status start_timeout(struct frame *f,
                                     const struct sfn_integration *it,
                                     int64_t timeout_ms, int64_t heartbeat_ms)
{
	f->task_real = it->real_time;
	f->task_started = task_clock(f);
	f->task_timeout_ms = timeout_ms;
	f->task_heartbeat_ms = heartbeat_ms;
	return arm_timeout(f);
}

void sfn_task_heartbeat(void *cb_ctx)
{
	struct frame *f = cb_ctx;

	if (f->task == NULL || f->task_heartbeat_ms == 0)
		return;
	/* out of timers ends the task as its heartbeat would have */
	if (arm_timeout(f) != SFN_OK)
		time_out(f, "States.HeartbeatTimeout", "HeartbeatSeconds");
}

/* $$.Task.Token for .waitForTaskToken: unique within the execution. */
static enum sfn_status token(struct frame *f, char *buf, size_t size)
{
	if (f->state->u.task->resource.pattern != SFN_PATTERN_TOKEN)
		return SFN_OK;
	snprintf(buf, size, "%s-token-%zu",
	         cJSON_GetObjectItem(f->run->execution, "Name")->valuestring,
	         ++f->run->ntokens);
	return Sfn_interp_context_state(f, buf);
}

static enum sfn_status start(struct frame *f, const struct sfn_integration *it,
                             const char *tok, int64_t timeout_ms,
                             int64_t heartbeat_ms)
{
	const struct sfn_asl_task *t = f->state->u.task;
	struct sfn_task_request req = { t->resource_text, f->state->name,
		                        f->task_input,    timeout_ms,
		                        heartbeat_ms,     tok[0] ? tok : NULL,
		                        f->retry_count };
	enum sfn_status st;

	if (!Sfn_interp_event(f, "TaskScheduled", "taskScheduledEventDetails",
	                      task_details(f, "parameters", f->task_input)))
		return SFN_OK;
	st = it->start(it->ctx, &req, completed, f, &f->task);
	if (st != SFN_OK) {
		f->task = NULL;
		return st;
	}
	if (!Sfn_interp_event(f, "TaskStarted", "taskStartedEventDetails",
	                      task_details(f, "", NULL)))
		return SFN_OK; /* the execution ended: F is gone */
	return start_timeout(f, it, timeout_ms, heartbeat_ms);
}

void Sfn_interp_task(struct frame *f)
{
	const struct sfn_asl_task *t = f->state->u.task;
	const struct sfn_integration *it = pick(f);
	char tok[300] = "";
	int64_t timeout_ms = 0, heartbeat_ms = 0;
	enum sfn_status st = token(f, tok, sizeof(tok));

	cJSON_Delete(f->task_input);
	f->task_input = NULL;
	if (st == SFN_OK)
		st = Sfn_interp_effective(f, &f->task_input);
	if (st == SFN_OK)
		st = seconds(f, &t->timeout, "TimeoutSeconds", f->task_input,
		             &timeout_ms);
	if (st == SFN_OK)
		st = seconds(f, &t->heartbeat, "HeartbeatSeconds",
		             f->task_input, &heartbeat_ms);
	if (st == SFN_OK && it == NULL)
		st = sfn_error_set(&f->err, "States.Runtime",
		                   "No mock and no integration runs the "
		                   "resource '%s' of state '%s'",
		                   t->resource_text ? t->resource_text : "",
		                   f->state->name);
	if (st == SFN_OK && t->resource_text == NULL) /* rules off */
		st = sfn_error_set(&f->err, "States.Runtime",
		                   "The Task state '%s' has no Resource",
		                   f->state->name);
	if (st == SFN_OK)
		st = start(f, it, tok, timeout_ms, heartbeat_ms);
	if (st != SFN_OK) {
		Sfn_interp_task_stop(f);
		Sfn_interp_state_failed(f, st);
	}
}
