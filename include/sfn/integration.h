/* The integration seam: how the interpreter starts the work of a Task
 * state, learns its outcome through a callback, and cancels it; and the
 * table that picks an integration by the Task's Resource. No HTTP here:
 * an integration (Bedrock over libcurl, a mock, a test fake) hides how it
 * does the work, and runs it on the event loop it was built with.
 *
 * Ownership: the request and everything it points to are borrowed by the
 * integration until start returns; an integration that needs any of it
 * later copies it. The outcome handed to a completion callback belongs to
 * the callback: it keeps or frees the output (cJSON_Delete) and clears the
 * error (sfn_error_clear). */
#ifndef SFN_INTEGRATION_H
#define SFN_INTEGRATION_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "sfn/status.h"

/* What a Task state asks for, after its input processing. */
struct sfn_task_request {
	const char *resource;   /* the Resource field, as written */
	const char *state_name; /* the Task state's name */
	const cJSON *input;     /* the effective input (after Parameters) */
	int64_t timeout_ms;     /* TimeoutSeconds * 1000; 0 when absent */
	int64_t heartbeat_ms;   /* HeartbeatSeconds * 1000; 0 when absent */
	const char *task_token; /* .waitForTaskToken: $$.Task.Token; or NULL */
	unsigned attempt;       /* 0, then 1 for the first retry, ... */
};

/* How a task ended: OUTPUT (success, never NULL then) or ERROR (its name
 * set: "States.TaskFailed", a service's error name, ...). */
struct sfn_task_outcome {
	cJSON *output;
	struct sfn_error error;
};

/* Called once per task that was not cancelled, from the event loop,
 * never from inside start. The callback owns *OUTCOME's contents (see
 * above); the task handle is gone when it is called. */
typedef void (*sfn_task_done_fn)(void *cb_ctx,
                                 struct sfn_task_outcome *outcome);

struct sfn_integration;

/* A running task. Integrations embed it first in their own task struct;
 * it is valid from a successful start until the completion callback is
 * called or sfn_task_cancel returns, whichever comes first. */
struct sfn_task {
	const struct sfn_integration *integration; /* who runs it */
};

/* An integration: a pair of functions and their context. */
struct sfn_integration {
	const char *name; /* for messages: "bedrock", "mock", ... */
	/* Starts REQ and sets *TASK. On failure (SFN_ERR_NOMEM,
	 * SFN_ERR_LIMIT, ...) there is no task and DONE is never called. */
	enum sfn_status (*start)(void *ctx, const struct sfn_task_request *req,
	                         sfn_task_done_fn done, void *cb_ctx,
	                         struct sfn_task **task);
	/* Stops TASK and frees it: DONE will not be called for it. */
	void (*cancel)(void *ctx, struct sfn_task *task);
	void *ctx;
	/* 1 when its tasks take real time (network I/O), 0 when they take
	 * the loop's clock time (mocks, fakes). The interpreter times a task
	 * out on a timer of the same kind (SFN_TIMER_REAL or not), since a
	 * virtual clock stands still while I/O is in flight. */
	int real_time;
};

/* Cancels TASK through its integration (a Task's timeout, a Parallel
 * branch that failed, an execution stopped). */
void sfn_task_cancel(struct sfn_task *task);

/* An integration calls this with the CB_CTX of a task still running
 * when its worker reports it is alive (SendTaskHeartbeat): the Task's
 * HeartbeatSeconds starts again from now (its TimeoutSeconds does not).
 * It never calls back; a Task without HeartbeatSeconds ignores it. */
void sfn_task_heartbeat(void *cb_ctx);

/* ---- the table of integrations -----------------------------------------
 * Maps Resource patterns to integrations, first match in the order added.
 * In a pattern '*' matches any run of characters (none included) and
 * every other character matches itself, so
 *   "arn:aws:states:::bedrock:invokeModel"  one service integration,
 *   "arn:aws:lambda:*:*:function:*"          any Lambda function,
 *   "*"                                      everything (a mock, last).
 * Patterns and integrations are borrowed: they must outlive the table. */

#define SFN_INTEGRATIONS_MAX 64 /* patterns in one table */

struct sfn_integrations {
	struct sfn_integration_entry {
		const char *pattern;
		const struct sfn_integration *integration;
	} entries[SFN_INTEGRATIONS_MAX];
	size_t count;
};

void sfn_integrations_init(struct sfn_integrations *table);
/* SFN_ERR_LIMIT past SFN_INTEGRATIONS_MAX patterns. */
enum sfn_status sfn_integrations_add(struct sfn_integrations *table,
                                     const char *pattern,
                                     const struct sfn_integration *integration);
/* The integration for RESOURCE, or NULL. */
const struct sfn_integration *sfn_integrations_find(
        const struct sfn_integrations *table, const char *resource);
/* Whether RESOURCE matches PATTERN (no recursion: '*' backtracks to the
 * last star only, linear in practice). */
int sfn_integrations_match(const char *pattern, const char *resource);

/* Starts REQ on the integration its resource picks. When none does, ERR
 * gets States.Runtime with a cause naming the resource and SFN_ERR_FAILED
 * is returned; other failures are the integration's start's. */
enum sfn_status sfn_integrations_start(const struct sfn_integrations *table,
                                       const struct sfn_task_request *req,
                                       sfn_task_done_fn done, void *cb_ctx,
                                       struct sfn_task **task,
                                       struct sfn_error *err);

#endif
