/* TestState's reply once the run of its machine ended: the status
 * (SUCCEEDED; RETRIABLE when the first Retrier that names the state's
 * error has attempts left after stateConfiguration's retrierRetryCount;
 * CAUGHT_ERROR when a Catcher took it; FAILED), the error, the output
 * and the next state, and with DEBUG or TRACE the inspection data from
 * the run's trace. Knows nothing of HTTP. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "serve/serve_int.h"
#include "sfn/clock.h"
#include "sfn/path.h"
#include "sfn/run.h"

#define DEFAULT_MAX_ATTEMPTS 3   /* a Retrier's, as the language says */
#define DEFAULT_INTERVAL_S   1.0 /* its IntervalSeconds */
#define DEFAULT_BACKOFF_RATE 2.0 /* its BackoffRate */
#define SECONDS_(n)          #n
#define SECONDS(n)           SECONDS_(n)

/* Matching as the interpreter matches (src/exec/interp_error.c): these
 * only their own name catches, States.Runtime nothing. */
static int terminal(const char *name)
{
	return strcmp(name, "States.DataLimitExceeded") == 0 ||
	       strcmp(name, "States.Runtime") == 0;
}

/* Whether ErrorEquals ERRORS names error NAME. */
static int names(const cJSON *errors, const char *name)
{
	const cJSON *e;

	if (strcmp(name, "States.Runtime") == 0)
		return 0;
	cJSON_ArrayForEach(e, errors)
	{
		const char *n = cJSON_GetStringValue(e);

		if (n == NULL)
			continue;
		if (strcmp(n, name) == 0)
			return 1;
		if (terminal(name))
			continue;
		if (strcmp(n, "States.ALL") == 0 ||
		    (strcmp(n, "States.TaskFailed") == 0 &&
		     strcmp(name, "States.Timeout") != 0))
			return 1;
	}
	return 0;
}

/* The index of the first Retrier or Catcher of LIST that names NAME, or
 * -1. */
static int handler(const cJSON *list, const char *name)
{
	const cJSON *h;
	int i = 0;

	cJSON_ArrayForEach(h, list)
	{
		if (names(cJSON_GetObjectItemCaseSensitive(h, "ErrorEquals"),
		          name))
			return i;
		i++;
	}
	return -1;
}

static double number(const cJSON *obj, const char *key, double dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

struct outcome {
	const char *status, *error, *cause;
	int retry_index, catch_index;
	int64_t backoff_s; /* the Retrier's pause before its next attempt */
};

/* Whether the first Retrier naming ERROR would run the state again,
 * retrierRetryCount attempts having been made: its index and pause into
 * O. Jitter is not drawn: the pause is the longest FULL could give. */
static int retriable(const struct Sfn_serve_test *t, const char *error,
                     struct outcome *o)
{
	const cJSON *retry =
	        cJSON_GetObjectItemCaseSensitive(t->state, "Retry");
	int i = handler(retry, error);
	const cJSON *r = cJSON_GetArrayItem(retry, i);
	struct sfn_backoff b;

	if (i < 0 ||
	    t->retries >= number(r, "MaxAttempts", DEFAULT_MAX_ATTEMPTS))
		return 0;
	b.interval_ms =
	        (int64_t) (number(r, "IntervalSeconds", DEFAULT_INTERVAL_S) *
	                   1000);
	b.rate = number(r, "BackoffRate", DEFAULT_BACKOFF_RATE);
	b.max_delay_ms = (int64_t) (number(r, "MaxDelaySeconds", 0) * 1000);
	b.full_jitter = 0;
	o->retry_index = i;
	o->backoff_s = sfn_backoff_delay_ms(&b, t->retries, NULL, NULL) / 1000;
	return 1;
}

/* The last attempt of the state under test in the trace. */
static const cJSON *attempt(const struct Sfn_serve_test *t)
{
	const cJSON *trace = sfn_run_trace(t->run), *a, *last = NULL;

	cJSON_ArrayForEach(a, trace)
	{
		const cJSON *s = cJSON_GetObjectItemCaseSensitive(a, "state");

		if (cJSON_IsString(s) &&
		    strcmp(s->valuestring, SFN_SERVE_TEST_STATE) == 0)
			last = a;
	}
	return last;
}

/* Where the state under test went: the state its run entered after it,
 * a stub standing for a target (test_machine.c); NULL when none. */
static const char *next_state(const struct Sfn_serve_test *t)
{
	const cJSON *events = cJSON_GetObjectItemCaseSensitive(
	        sfn_run_history(t->run), "events");
	const cJSON *ev;
	int seen = 0;

	cJSON_ArrayForEach(ev, events)
	{
		const cJSON *d = cJSON_GetObjectItemCaseSensitive(
		        ev, "stateEnteredEventDetails");
		const char *name = cJSON_GetStringValue(
		        cJSON_GetObjectItemCaseSensitive(d, "name"));

		if (name == NULL)
			continue;
		if (seen)
			return Sfn_serve_test_target(t->targets, name);
		seen = strcmp(name, SFN_SERVE_TEST_STATE) == 0;
	}
	return NULL;
}

/* How the run ended for the state under test, into O. */
static void outcome(const struct Sfn_serve_test *t, const cJSON *a,
                    struct outcome *o)
{
	const cJSON *err = cJSON_GetObjectItemCaseSensitive(a, "error");
	const char *error = cJSON_GetStringValue(
	        cJSON_GetObjectItemCaseSensitive(err, "Error"));
	const struct sfn_error *fail = sfn_run_error(t->run);

	o->retry_index = o->catch_index = -1;
	o->error = error;
	o->cause = cJSON_GetStringValue(
	        cJSON_GetObjectItemCaseSensitive(err, "Cause"));
	if (t->timed_out) {
		o->status = "FAILED";
		o->error = "States.Timeout";
		o->cause = "The state did not end within the " SECONDS(
		        SFN_SERVE_TEST_MAX_SECONDS) " seconds TestState allows";
	} else if (error != NULL && retriable(t, error, o)) {
		o->status = "RETRIABLE";
	} else if (sfn_run_state(t->run) != SFN_RUN_SUCCEEDED) {
		o->status = "FAILED";
		o->error = fail ? fail->name : NULL;
		o->cause = fail ? fail->cause : NULL;
	} else if (error != NULL) {
		o->status = "CAUGHT_ERROR";
		o->catch_index = handler(
		        cJSON_GetObjectItemCaseSensitive(t->state, "Catch"),
		        error);
	} else {
		o->status = "SUCCEEDED";
	}
}

static int add_text(cJSON *out, const char *key, const cJSON *value)
{
	char *text;
	int ok;

	if (value == NULL)
		return 1;
	text = cJSON_PrintUnformatted(value);
	ok = text != NULL && cJSON_AddStringToObject(out, key, text);
	free(text);
	return ok;
}

/* The trace's steps the service names in inspectionData. */
static const char *const steps[] = {
	"input",  "afterInputPath",      "afterParameters", "afterArguments",
	"result", "afterResultSelector", "afterResultPath",
};

static int error_details(cJSON *data, const struct outcome *o)
{
	cJSON *d;

	if (o->retry_index < 0 && o->catch_index < 0)
		return 1;
	d = cJSON_AddObjectToObject(data, "errorDetails");
	if (d == NULL)
		return 0;
	if (o->catch_index >= 0)
		return cJSON_AddNumberToObject(d, "catchIndex",
		                               o->catch_index) != NULL;
	return cJSON_AddNumberToObject(d, "retryIndex", o->retry_index) &&
	       cJSON_AddNumberToObject(d, "retryBackoffIntervalSeconds",
	                               (double) o->backoff_s);
}

/* A mocked Map's settings, as the service shows them: MaxConcurrency
 * (0 when absent) and the tolerated failures given as numbers. */
/* A mocked Map's ItemsPath on its effective input A's afterInputPath
 * (else its input), as afterItemsPath: only a definite path from $ (a
 * path from $$ or a variable is not looked up here). */
static int items_path(cJSON *data, const cJSON *state, const cJSON *a)
{
	const char *expr = cJSON_GetStringValue(
	        cJSON_GetObjectItemCaseSensitive(state, "ItemsPath"));
	const cJSON *in = cJSON_GetObjectItemCaseSensitive(a, "afterInputPath");
	struct sfn_diags diags;
	struct sfn_path *path = NULL;
	struct sfn_nodelist found = { NULL, NULL, 0, 0 };
	enum sfn_status st;
	int ok = 1;

	if (expr == NULL)
		return 1;
	if (in == NULL)
		in = cJSON_GetObjectItemCaseSensitive(a, "input");
	sfn_diags_init(&diags);
	st = sfn_path_parse(expr, SFN_PATH_AWS, NULL, &diags, &path);
	if (st == SFN_OK && sfn_path_is_definite(path) &&
	    sfn_path_root_kind(path) == SFN_PATH_ROOT_INPUT)
		st = sfn_path_eval(path, in, 0, &found, NULL);
	if (st == SFN_ERR_NOMEM)
		ok = 0;
	else if (st == SFN_OK && found.count == 1)
		ok = add_text(data, "afterItemsPath", found.nodes[0]);
	sfn_nodelist_free(&found);
	sfn_path_free(path);
	sfn_diags_free(&diags);
	return ok;
}

static int map_settings(cJSON *data, const cJSON *state, const cJSON *a)
{
	static const char *const keys[][2] = {
		{ "ToleratedFailureCount", "toleratedFailureCount" },
		{ "ToleratedFailurePercentage", "toleratedFailurePercentage" },
	};

	if (!cJSON_AddNumberToObject(data, "maxConcurrency",
	                             number(state, "MaxConcurrency", 0)))
		return 0;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const cJSON *v =
		        cJSON_GetObjectItemCaseSensitive(state, keys[i][0]);

		if (cJSON_IsNumber(v) &&
		    !cJSON_AddNumberToObject(data, keys[i][1], v->valuedouble))
			return 0;
	}
	return items_path(data, state, a);
}

static int inspection(cJSON *out, const struct Sfn_serve_test *t,
                      const cJSON *a, const struct outcome *o)
{
	cJSON *data = cJSON_AddObjectToObject(out, "inspectionData");
	const cJSON *vars = cJSON_GetObjectItemCaseSensitive(a, "variables");
	const char *type = cJSON_GetStringValue(
	        cJSON_GetObjectItemCaseSensitive(t->state, "Type"));

	if (data == NULL)
		return 0;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (!add_text(data, steps[i],
		              cJSON_GetObjectItemCaseSensitive(a, steps[i])))
			return 0;
	/* the service shows variables only when there are some */
	if (cJSON_GetArraySize(vars) > 0 && !add_text(data, "variables", vars))
		return 0;
	if (type != NULL && strcmp(type, "Map") == 0 &&
	    !map_settings(data, t->state, a))
		return 0;
	return error_details(data, o);
}

int Sfn_serve_test_result(cJSON *out, const struct Sfn_serve_test *t)
{
	const cJSON *a = attempt(t);
	const char *next = NULL;
	struct outcome o = { NULL, NULL, NULL, -1, -1, 0 };

	outcome(t, a, &o);
	if (strcmp(o.status, "SUCCEEDED") == 0 ||
	    strcmp(o.status, "CAUGHT_ERROR") == 0) {
		next = next_state(t);
		if (!add_text(out, "output", sfn_run_output(t->run)))
			return 0;
	}
	return cJSON_AddStringToObject(out, "status", o.status) &&
	       (o.error == NULL ||
	        cJSON_AddStringToObject(out, "error", o.error)) &&
	       (o.cause == NULL ||
	        cJSON_AddStringToObject(out, "cause", o.cause)) &&
	       (next == NULL ||
	        cJSON_AddStringToObject(out, "nextState", next)) &&
	       (!t->inspect || a == NULL || inspection(out, t, a, &o));
}
