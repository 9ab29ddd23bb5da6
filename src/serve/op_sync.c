/* The replies that wait for a run to end: StartSyncExecution (an
 * EXPRESS execution started as StartExecution starts one) and TestState
 * (op_test.c). The interpreter's event hook writes each event to the
 * store and, at an end event, wakes the waiting replies (from the loop,
 * never inside the run's own call). Knows nothing of HTTP: the
 * transport's done function receives the reply. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "serve/serve_int.h"
#include "sfn/jsonout.h"

struct Sfn_serve_waiter {
	struct Sfn_serve_exec *e;    /* StartSyncExecution's, or */
	struct Sfn_serve_test *test; /* TestState's (owned) */
	sfn_serve_done_fn done;
	void *ctx;
	struct Sfn_serve_waiter *next;
};

#define BILLED_MEMORY_MB 64  /* the service's smallest bill */
#define BILLED_STEP_MS   100 /* durations are billed in steps of it */

/* The result of StartSyncExecution for E, which has ended. */
static int sync_result(cJSON *out, struct Sfn_serve_exec *e)
{
	cJSON *in, *bill;
	int64_t ms;

	if (!Sfn_serve_exec_result(out, e))
		return 0;
	ms = cJSON_GetObjectItem(out, "stopDate")->valuedouble * 1000.0 -
	     (double) e->start_ms;
	ms = (ms + BILLED_STEP_MS - 1) / BILLED_STEP_MS * BILLED_STEP_MS;
	return cJSON_AddStringToObject(out, "input", e->input) &&
	       (in = cJSON_AddObjectToObject(out, "inputDetails")) != NULL &&
	       cJSON_AddTrueToObject(in, "included") &&
	       (bill = cJSON_AddObjectToObject(out, "billingDetails")) !=
	               NULL &&
	       cJSON_AddNumberToObject(bill, "billedMemoryUsedInMB",
	                               BILLED_MEMORY_MB) &&
	       cJSON_AddNumberToObject(bill, "billedDurationInMilliseconds",
	                               (double) (ms > 0 ? ms : BILLED_STEP_MS));
}

/* Hands W's reply to its transport. */
static void answer(struct Sfn_serve_waiter *w)
{
	struct sfn_serve_reply reply;
	cJSON *out = cJSON_CreateObject();

	reply.status = 200;
	sfn_buf_init(&reply.body, (size_t) 64 << 20);
	if (out == NULL ||
	    !(w->test ? Sfn_serve_test_result(out, w->test)
	              : sync_result(out, w->e)) ||
	    sfn_jsonout_value(out, SFN_JSONOUT_COMPACT, &reply.body) !=
	            SFN_OK) {
		reply.status = 500;
		sfn_buf_reset(&reply.body);
		sfn_buf_printf(&reply.body,
		               "{\"__type\":\"InternalFailure\",\"message\":"
		               "\"%s\"}",
		               sfn_status_str(SFN_ERR_NOMEM));
	}
	cJSON_Delete(out);
	w->done(w->ctx, &reply);
}

static void wake(struct sfn_loop *loop, void *ctx)
{
	struct sfn_serve *srv = ctx;
	struct Sfn_serve_waiter **at = &srv->waiters;

	(void) loop;
	while (*at != NULL) {
		struct Sfn_serve_waiter *w = *at;

		if (w->test ? !Sfn_serve_test_done(w->test)
		            : !Sfn_exec_done(w->e)) {
			at = &w->next;
			continue;
		}
		*at = w->next;
		answer(w);
		Sfn_serve_test_free(w->test);
		free(w);
	}
}

/* At an end event of a run, SRV's waiters are looked at. */
static void ended(struct sfn_serve *srv, const cJSON *event)
{
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(event, "type");

	if (srv != NULL && srv->waiters != NULL && cJSON_IsString(type) &&
	    strncmp(type->valuestring, "Execution", 9) == 0 &&
	    strcmp(type->valuestring, "ExecutionStarted") != 0)
		sfn_loop_defer(srv->loop, &srv->wake, wake, srv);
}

void Sfn_serve_on_event(void *ctx, const cJSON *event)
{
	struct Sfn_serve_exec *e = ctx;

	Sfn_store_exec_event(e, event);
	ended(e->srv, event);
}

void Sfn_serve_on_test_event(void *ctx, const cJSON *event)
{
	ended(ctx, event);
}

/* CALL's reply waits for E or TEST (taken over) to end. */
static void wait_for(struct Sfn_serve_call *call, struct Sfn_serve_exec *e,
                     struct Sfn_serve_test *test)
{
	struct Sfn_serve_waiter *w = calloc(1, sizeof(*w));

	if (w == NULL) {
		Sfn_serve_test_free(test);
		Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
		return;
	}
	w->e = e;
	w->test = test;
	w->done = call->done;
	w->ctx = call->done_ctx;
	w->next = call->srv->waiters;
	call->srv->waiters = w;
	call->pending = 1;
}

static int can_wait(struct Sfn_serve_call *call)
{
	if (call->done != NULL)
		return 1;
	return Sfn_serve_fail(call, 500, "InternalFailure",
	                      "This operation needs a transport that can "
	                      "wait for its run");
}

void Sfn_serve_start_sync(struct Sfn_serve_call *call)
{
	struct Sfn_serve_exec *e;

	if (can_wait(call) &&
	    (e = Sfn_serve_start_exec(call, "EXPRESS")) != NULL)
		wait_for(call, e, NULL);
}

/* The request is checked before the transport is: its errors do not
 * depend on it (and a caller that cannot wait, the fuzz target, sees
 * them). */
void Sfn_serve_test_state(struct Sfn_serve_call *call)
{
	struct Sfn_serve_test *t = Sfn_serve_test_start(call);

	if (t == NULL)
		return;
	if (can_wait(call))
		wait_for(call, NULL, t);
	else
		Sfn_serve_test_free(t);
}

void sfn_serve_cancel(struct sfn_serve *srv, void *done_ctx)
{
	struct Sfn_serve_waiter **at = &srv->waiters;

	while (*at != NULL) {
		struct Sfn_serve_waiter *w = *at;

		if (w->ctx != done_ctx) {
			at = &w->next;
			continue;
		}
		*at = w->next;
		Sfn_serve_test_free(w->test);
		free(w);
	}
}

void Sfn_serve_waiters_free(struct sfn_serve *srv)
{
	sfn_loop_defer_cancel(srv->loop, &srv->wake);
	while (srv->waiters != NULL) {
		struct Sfn_serve_waiter *w = srv->waiters;

		srv->waiters = w->next;
		Sfn_serve_test_free(w->test);
		free(w);
	}
}
