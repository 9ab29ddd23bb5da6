/* What an execution record says of itself, whether it runs on the
 * interpreter or was read back from the database: its status, output,
 * error and history; and how a record read back is settled: an
 * execution whose history ends without an end event was running when
 * the server stopped, so it is ABORTED by an ExecutionAborted event
 * that says so. Knows nothing of HTTP or of SQLite. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "serve/serve_int.h"
#include "sfn/run.h"

int Sfn_exec_done(const struct Sfn_serve_exec *e)
{
	return e->run == NULL || sfn_run_done(e->run);
}

int Sfn_exec_state(const struct Sfn_serve_exec *e)
{
	return e->run ? (int) sfn_run_state(e->run) : e->state;
}

const cJSON *Sfn_exec_output(const struct Sfn_serve_exec *e)
{
	return e->run ? sfn_run_output(e->run) : e->output;
}

void Sfn_exec_error(const struct Sfn_serve_exec *e, const char **name,
                    const char **cause)
{
	const struct sfn_error *err;

	*name = e->error;
	*cause = e->cause;
	if (e->run == NULL)
		return;
	err = sfn_run_error(e->run);
	*name = err ? err->name : NULL;
	*cause = err ? err->cause : NULL;
}

const cJSON *Sfn_exec_history(const struct Sfn_serve_exec *e)
{
	return e->run ? sfn_run_history(e->run) : e->history;
}

/* ---- settling a record read back ---------------------------------------- */

static const struct {
	const char *type, *details;
	int state;
} ends[] = {
	{ "ExecutionSucceeded", "executionSucceededEventDetails",
	  SFN_RUN_SUCCEEDED },
	{ "ExecutionFailed", "executionFailedEventDetails", SFN_RUN_FAILED },
	{ "ExecutionTimedOut", "executionTimedOutEventDetails",
	  SFN_RUN_TIMED_OUT },
	{ "ExecutionAborted", "executionAbortedEventDetails", SFN_RUN_ABORTED },
};

static int keep_str(char **slot, const cJSON *from, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(from, key);

	if (!cJSON_IsString(v))
		return 1;
	*slot = strdup(v->valuestring);
	return *slot != NULL;
}

/* E's state, output and error from its end event LAST (of type I). */
static enum sfn_status ended(struct Sfn_serve_exec *e, const cJSON *last,
                             size_t i)
{
	const cJSON *d =
	        cJSON_GetObjectItemCaseSensitive(last, ends[i].details);
	const cJSON *out = cJSON_GetObjectItemCaseSensitive(d, "output");

	e->state = ends[i].state;
	if (ends[i].state == SFN_RUN_SUCCEEDED) {
		e->output = cJSON_IsString(out) ? cJSON_Parse(out->valuestring)
		                                : NULL;
		return cJSON_IsString(out) && e->output == NULL ? SFN_ERR_NOMEM
		                                                : SFN_OK;
	}
	if (!keep_str(&e->error, d, "error") ||
	    !keep_str(&e->cause, d, "cause"))
		return SFN_ERR_NOMEM;
	return SFN_OK;
}

/* MS as a history event's timestamp: "2026-01-01T12:00:00.123Z". */
static void timestamp(int64_t ms, char buf[32])
{
	time_t secs = (time_t) (ms / 1000);
	struct tm tm;

	if (gmtime_r(&secs, &tm) == NULL ||
	    strftime(buf, 32, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		buf[0] = '\0';
	snprintf(buf + strlen(buf), 32 - strlen(buf), ".%03dZ",
	         (int) (ms % 1000));
}

/* The ExecutionAborted event after LAST (or first of all), saying
 * CAUSE. */
static cJSON *aborted_event(const cJSON *last, int64_t now_ms,
                            const char *cause)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(last, "id");
	int prev = cJSON_IsNumber(id) ? id->valueint : 0;
	cJSON *ev = cJSON_CreateObject();
	cJSON *d = cJSON_CreateObject();
	char when[32];

	timestamp(now_ms, when);
	if (ev == NULL || d == NULL ||
	    !cJSON_AddItemToObject(ev, "executionAbortedEventDetails", d)) {
		cJSON_Delete(ev);
		cJSON_Delete(d);
		return NULL;
	}
	if (!cJSON_AddStringToObject(ev, "timestamp", when) ||
	    !cJSON_AddStringToObject(ev, "type", "ExecutionAborted") ||
	    !cJSON_AddNumberToObject(ev, "id", prev + 1) ||
	    !cJSON_AddNumberToObject(ev, "previousEventId", prev) ||
	    !cJSON_AddStringToObject(d, "error", SFN_SERVE_RESTART_ERROR) ||
	    !cJSON_AddStringToObject(d, "cause", cause)) {
		cJSON_Delete(ev);
		return NULL;
	}
	return ev;
}

enum sfn_status Sfn_exec_restore(struct Sfn_serve_exec *e, cJSON *events,
                                 int64_t now_ms, const char *cause,
                                 const cJSON **added)
{
	const cJSON *last = events->child ? events->child->prev : NULL;
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(last, "type");
	cJSON *ev;

	*added = NULL;
	e->history = cJSON_CreateObject();
	if (e->history == NULL ||
	    !cJSON_AddItemToObject(e->history, "events", events)) {
		cJSON_Delete(events);
		return SFN_ERR_NOMEM;
	}
	for (size_t i = 0;
	     cJSON_IsString(type) && i < sizeof(ends) / sizeof(ends[0]); i++)
		if (strcmp(type->valuestring, ends[i].type) == 0)
			return ended(e, last, i);
	/* it was running: it ends here, and says why */
	ev = aborted_event(last, now_ms, cause);
	if (ev == NULL || !cJSON_AddItemToArray(events, ev)) {
		cJSON_Delete(ev);
		return SFN_ERR_NOMEM;
	}
	e->state = SFN_RUN_ABORTED;
	if (e->stop_error == NULL &&
	    (e->stop_error = strdup(SFN_SERVE_RESTART_ERROR)) == NULL)
		return SFN_ERR_NOMEM;
	if (e->stop_cause == NULL && (e->stop_cause = strdup(cause)) == NULL)
		return SFN_ERR_NOMEM;
	*added = ev;
	return SFN_OK;
}
