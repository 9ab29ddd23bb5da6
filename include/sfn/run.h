/* Executions of a state machine (JSONPath query language) over the ASL
 * model: a resumable state machine on the event loop that suspends at a
 * Task, a Wait or a Retry's pause and resumes from a callback, with the
 * service's input and output processing, errors, Retry and Catch,
 * Parallel and Map, the context object, workflow variables and the
 * execution history. Knows nothing of HTTP or of the command line.
 *
 * Ownership: an execution borrows the machine, the loop, the integrations
 * and the mock (all must outlive it); the input and the context
 * overrides are copied at the start. The output, the error and the
 * history belong to the execution and are freed by sfn_run_free. */
#ifndef SFN_RUN_H
#define SFN_RUN_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "sfn/clock.h"
#include "sfn/integration.h"
#include "sfn/loop.h"
#include "sfn/status.h"

struct sfn_asl_machine;
struct sfn_mock;

/* Named limits. An execution past one fails with the error named. */
#define SFN_RUN_MAX_PAYLOAD                                                    \
	262144 /* bytes of a state's input or output, or of the variables one  \
	          Assign stores: States.DataLimitExceeded */
#define SFN_RUN_MAX_TRANSITIONS 1000000 /* states entered: States.Runtime */
#define SFN_RUN_MAX_HISTORY                                                    \
	25000                        /* events, as the service's quota:        \
	                                States.Runtime */
#define SFN_RUN_MAX_MAP_ITEMS 100000 /* items of one Map: States.Runtime */
#define SFN_RUN_MAX_FRAMES                                                     \
	100000 /* branches and iterations alive at                             \
	          once: States.Runtime */

enum sfn_run_state {
	SFN_RUN_RUNNING,
	SFN_RUN_SUCCEEDED,
	SFN_RUN_FAILED,
	SFN_RUN_TIMED_OUT,
	SFN_RUN_ABORTED
};

struct sfn_run_opts {
	const char *name;         /* the execution's name; NULL: generated */
	const char *machine_name; /* $$.StateMachine.Name; NULL: "machine" */
	const cJSON *context;     /* members merged over the context object
	                             (--context); NULL: none */
	const struct sfn_integrations *integrations; /* may be NULL */
	const struct sfn_mock *mock; /* consulted first, by state name; NULL */
	int history;                 /* keep the event history */
	int trace;                   /* keep each state's processing steps */
	sfn_rand_fn rand;            /* jitter source; NULL: none drawn */
	void *rand_ctx;
	/* Called with each history event as it is kept (borrowed; only with
	 * history), so that a caller can store it as it happens; NULL: none. */
	void (*on_event)(void *ctx, const cJSON *event);
	void *event_ctx;
	/* Lower limits for tests; 0 takes the SFN_RUN_MAX_* default. */
	size_t max_transitions, max_history, max_payload, max_map_items,
	        max_frames;
};

struct sfn_run;

/* Starts MACHINE on INPUT (copied) on LOOP: the first steps run from the
 * loop (sfn_loop_run), never from here. SFN_ERR_USAGE for a name
 * StartExecution refuses, SFN_ERR_LIMIT for an input past the
 * payload limit (as StartExecution refuses it), each with a message in *WHY
 * (static text); SFN_ERR_NOMEM. */
enum sfn_status sfn_run_start(const struct sfn_asl_machine *machine,
                              const cJSON *input,
                              const struct sfn_run_opts *opts,
                              struct sfn_loop *loop, struct sfn_run **out,
                              const char **why);

/* Whether the execution has ended (for sfn_loop_run_until). */
int sfn_run_done(void *run);
enum sfn_run_state sfn_run_state(const struct sfn_run *run);
/* The output of a succeeded execution (borrowed), else NULL. */
const cJSON *sfn_run_output(const struct sfn_run *run);
/* The error of a failed, timed out or aborted execution (borrowed). */
const struct sfn_error *sfn_run_error(const struct sfn_run *run);
/* {"events": [...]} in the shape of GetExecutionHistory (borrowed); NULL
 * when the history was not kept. */
const cJSON *sfn_run_history(const struct sfn_run *run);
/* [{"state", "attempt", "input", "afterInputPath", "afterParameters",
 * "result", "afterResultSelector", "afterResultPath", "output",
 * "variables", "error"}, ...]: each attempt of each state, in the order
 * they ended, with the steps it reached (borrowed); NULL when no trace
 * was kept. */
const cJSON *sfn_run_trace(const struct sfn_run *run);
/* A library failure that ended the execution (SFN_ERR_NOMEM, ...), else
 * SFN_OK. */
enum sfn_status sfn_run_status(const struct sfn_run *run);

/* Aborts a running execution: every task in flight is cancelled, every
 * timer stopped, and the history ends with ExecutionAborted. */
void sfn_run_abort(struct sfn_run *run);

void sfn_run_free(struct sfn_run *run);

#endif
