/* Private to the interpreter (src/exec/interp*.c): an execution and its
 * frames. A frame runs one scope (the machine, a Parallel branch, a Map
 * iteration) one state at a time; every transition is a deferred call on
 * the loop, so no chain of states or of nested frames recurses. */
#ifndef SFN_INTERP_INT_H
#define SFN_INTERP_INT_H

#include <stdint.h>

#include "sfn/model.h"
#include "sfn/run.h"

enum phase {
	PH_ENTER, /* enter STATE with INPUT */
	PH_DONE,  /* STATE ended with OUTPUT: go to NEXT or end the frame */
	PH_ERROR, /* STATE failed with ERR: Retry, Catch or fail the frame */
	PH_RERUN  /* a Retry's pause ended: run STATE again */
};

/* An event history: the execution's, or a child execution's (an
 * iteration of a DISTRIBUTED Map has its own, as the service gives it),
 * each counted against SFN_RUN_MAX_HISTORY on its own. */
struct history {
	cJSON *events;      /* the events array, or NULL when none is kept */
	size_t nevents;     /* recorded or counted */
	int ending;         /* its end event is being recorded: no limit */
	int full;           /* a child's quota was reached: it fails */
	struct frame *root; /* a child's: the iteration's frame */
	struct sfn_defer defer; /* a child's: its failure, deferred */
};

struct frame {
	struct sfn_run *run;
	struct frame *parent; /* the frame of the Parallel or Map; or NULL */
	const struct sfn_asl_scope *scope;
	size_t index;   /* branch or item index in the parent */
	cJSON *vars;    /* workflow variables (owned object) */
	cJSON *context; /* $$ of the current state (owned) */
	enum phase phase;
	const struct sfn_asl_state *state; /* the current state */
	const struct sfn_asl_state *next;  /* PH_DONE: NULL ends the frame */
	cJSON *input;                      /* raw input of STATE (owned) */
	cJSON *output;                     /* PH_DONE: STATE's output (owned) */
	struct sfn_error err;              /* PH_ERROR; a failed frame's */
	unsigned *retries;                 /* per retrier of STATE */
	unsigned retry_count;              /* $$.State.RetryCount */
	struct sfn_task *task;             /* a Task in flight */
	cJSON *task_input;                 /* its effective input (owned) */
	struct sfn_timer timer;            /* Wait, Retry pause */
	struct sfn_timer timeout;          /* Task TimeoutSeconds */
	/* the task's limits, for a heartbeat to start its timer again: */
	int64_t task_started, task_timeout_ms, task_heartbeat_ms;
	int task_real;          /* its timer is SFN_TIMER_REAL */
	struct sfn_defer defer; /* the next phase */
	int prev_event;         /* last history event of the frame */
	struct history *hist;   /* where its events go (borrowed) */
	struct history *own;    /* a child execution's (owned) */
	cJSON *inspect;         /* --trace: this attempt's steps */
	int ended, failed;      /* the frame's outcome */
	/* Parallel and Map: */
	struct frame **kids; /* NULL once collected */
	cJSON **outs;        /* their outputs, in order */
	cJSON *items;        /* Map: the items (owned array) */
	size_t nkids, started, finished, nfailed, max_conc;
	double tolerated_count, tolerated_pct; /* < 0: none */
};

struct sfn_run {
	const struct sfn_asl_machine *machine;
	struct sfn_run_opts opts;
	struct sfn_loop *loop;
	enum sfn_run_state state;
	enum sfn_status status; /* a library failure, else SFN_OK */
	cJSON *execution;       /* $$.Execution (owned) */
	cJSON *state_machine;   /* $$.StateMachine (owned) */
	cJSON *overrides;       /* --context (owned copy) or NULL */
	cJSON *output;          /* SUCCEEDED */
	struct sfn_error err;   /* FAILED, TIMED_OUT, ABORTED */
	cJSON *history;         /* {"events": [...]} or NULL */
	cJSON *children;        /* its "childExecutions" array, once made */
	struct history hist;    /* the execution's own (events: the array) */
	size_t transitions, nframes, ntokens;
	cJSON *trace;                 /* --trace: [inspection, ...] or NULL */
	enum sfn_status trace_status; /* out of memory while tracing */
	struct frame *top;
	struct sfn_timer timeout; /* the machine's TimeoutSeconds */
	struct sfn_defer start;
	int64_t when_secs;  /* the second when_text formats, if when_set */
	char when_text[20]; /* its "YYYY-MM-DDTHH:MM:SS" */
	int when_set;
};

/* ---- interp.c: frames and the execution's end ---------------------------- */
struct frame *Sfn_interp_frame_new(struct sfn_run *run, struct frame *parent,
                                   const struct sfn_asl_scope *scope,
                                   size_t index);
/* Stops whatever FRAME (and its kids) has in flight, then frees it. */
void Sfn_interp_frame_free(struct frame *f);
/* The execution ends: stops every frame; records the end event. */
void Sfn_interp_run_end(struct sfn_run *run, enum sfn_run_state state,
                        cJSON *output, const struct sfn_error *err);
/* A library failure (out of memory, ...) ends the execution. */
void Sfn_interp_run_fatal(struct sfn_run *run, enum sfn_status st);
/* Defers PHASE of F. */
void Sfn_interp_go(struct frame *f, enum phase phase);
/* The current state ended with OUTPUT (taken), going to NEXT (NULL: the
 * frame ends with it). */
void Sfn_interp_state_done(struct frame *f, cJSON *output,
                           const struct sfn_asl_state *next);
/* Nothing caught F->err: the frame ends failed. */
void Sfn_interp_frame_fail(struct frame *f);
/* The current state failed: ST is SFN_ERR_FAILED with F->err set, or a
 * library failure. */
void Sfn_interp_state_failed(struct frame *f, enum sfn_status st);

/* ---- interp_states.c: Pass, Choice, Wait, Succeed, Fail ------------------ */
void Sfn_interp_run_state(struct frame *f);
void Sfn_interp_wait_fired(struct sfn_loop *loop, void *ctx);

/* ---- Sfn_interp_task.c
 * ------------------------------------------------------- */
void Sfn_interp_task(struct frame *f);
/* Stops a Task in flight and its timeout. */
void Sfn_interp_task_stop(struct frame *f);

/* ---- interp_branch.c: Parallel and Map ------------------------------------
 */
void Sfn_interp_parallel(struct frame *f);
void Sfn_interp_map(struct frame *f);
/* KID of F ended (KID->failed says how): collects it, starts more,
 * ends F's state when all did. */
void Sfn_interp_kid_ended(struct frame *f, struct frame *kid);
void Sfn_interp_kids_stop(struct frame *f);

/* ---- Sfn_interp_error.c: Retry and Catch
 * ---------------------------------------
 */
void Sfn_interp_error(struct frame *f);

/* ---- interp_io.c: input and output processing (JSONPath) --------------- */
/* InputPath, then Parameters: the effective input. */
enum sfn_status Sfn_interp_effective(struct frame *f, cJSON **out);
/* InputPath only. */
enum sfn_status Sfn_interp_select_input(struct frame *f, cJSON **out);
/* RESULT (taken) through ResultSelector, Assign, ResultPath and
 * OutputPath: the state's output. */
enum sfn_status Sfn_interp_output(struct frame *f, cJSON *result, cJSON **out);
/* OutputPath over VALUE (taken), with Assign read from VALUE. */
enum sfn_status Sfn_interp_output_only_take(
        struct frame *f, const struct sfn_asl_payload *assign, cJSON *value,
        cJSON **out);
/* Runs ASSIGN against $ = VALUE and stores the variables in F. */
enum sfn_status Sfn_interp_assign(struct frame *f,
                                  const struct sfn_asl_payload *assign,
                                  const cJSON *value);
/* States.DataLimitExceeded when VALUE prints past SFN_RUN_MAX_PAYLOAD. */
enum sfn_status Sfn_interp_check_size(struct frame *f, const cJSON *value);
/* The data paths read: $ = INPUT, $$ and the variables of F. */
struct sfn_exec_data Sfn_interp_data(const struct frame *f, const cJSON *input);

/* Stores the members of VARS (taken) as workflow variables of F. */
enum sfn_status Sfn_interp_store_vars(struct frame *f, cJSON *vars);

/* ---- interp_jsonata.c: the fields of JSONata states ---------------------- */
/* Payload P of F's state as FIELD: $states.input is F's input, CONTEXT
 * (NULL: F's) $states.context, RESULT and ERROR_OUTPUT (may be NULL)
 * $states.result and $states.errorOutput. */
enum sfn_status Sfn_interp_jn_value(struct frame *f,
                                    const struct sfn_asl_payload *p,
                                    const char *field, const cJSON *context,
                                    const cJSON *result,
                                    const cJSON *error_output, cJSON **out);
/* A "{% %}" number field: an integer of at least MIN. */
enum sfn_status Sfn_interp_jn_number(struct frame *f,
                                     const struct sfn_asl_number *n,
                                     const char *field, double min,
                                     double *out);
/* A "{% %}" percentage field: a number from 0 to 100 (a fraction too). */
enum sfn_status Sfn_interp_jn_percentage(struct frame *f,
                                         const struct sfn_asl_number *n,
                                         const char *field, double *out);
/* A "{% %}" text field: a string. */
enum sfn_status Sfn_interp_jn_text(struct frame *f,
                                   const struct sfn_asl_text *t,
                                   const char *field, cJSON **out);
/* A Choice rule's Condition: true or false. */
enum sfn_status Sfn_interp_jn_condition(struct frame *f,
                                        const struct sfn_asl_rule *r,
                                        int *matched);
/* OUTPUT (absent: a copy of DEF) and ASSIGN of a JSONata state, with
 * RESULT and ERROR_OUTPUT bound; the variables stored after both. */
enum sfn_status Sfn_interp_jn_output(struct frame *f,
                                     const struct sfn_asl_payload *output,
                                     const struct sfn_asl_payload *assign,
                                     const cJSON *result,
                                     const cJSON *error_output,
                                     const cJSON *def, cJSON **out);
/* Whether F's state speaks JSONata. */
#define JSONATA(f) ((f)->state->language == SFN_ASL_JSONATA)

/* ---- interp_context.c ------------------------------------------------------
 */
/* The execution's part of $$ ($$.Execution, $$.StateMachine). */
enum sfn_status Sfn_interp_context_init(struct sfn_run *run, const cJSON *input,
                                        int64_t start_ms);
/* $$ for F's current state, into F->context. TOKEN may be NULL. */
enum sfn_status Sfn_interp_context_state(struct frame *f, const char *token);
/* A copy of F's $$ (members borrowed) with $$.Map.Item for item INDEX
 * of VALUE: what a Map's ItemSelector reads. Freed by the caller, also
 * on failure. */
enum sfn_status Sfn_interp_context_item(const struct frame *f, size_t index,
                                        const cJSON *value, cJSON **out);
/* An ISO 8601 UTC timestamp with milliseconds, into BUF[32]. */
void Sfn_interp_timestamp(int64_t ms, char *buf);
/* The same, the date and time formatted once per second of RUN. */
void Sfn_interp_timestamp_run(struct sfn_run *run, int64_t ms, char *buf);
/* Adds a copy of VALUE to OBJ as KEY; 0 when memory ran out (nothing
 * added, nothing leaked: cJSON does not free an item it fails to add). */
int Sfn_interp_add_copy(cJSON *obj, const char *key, const cJSON *value);
/* A reference to ITEM (borrowed: cJSON_Delete frees the node only, never
 * ITEM's contents), read-only, which must not outlive ITEM; NULL when
 * ITEM is NULL or memory ran out. */
cJSON *Sfn_interp_ref(const cJSON *item);
/* Adds a reference to ITEM (borrowed, never freed through OBJ) to OBJ as
 * KEY; 0 when ITEM is NULL or memory ran out. cJSON's own
 * cJSON_AddItemReferenceToObject leaks its reference node then. */
int Sfn_interp_add_ref(cJSON *obj, const char *key, cJSON *item);

/* ---- interp_history.c ------------------------------------------------------
 */
/* Records event TYPE with DETAILS (taken; may be NULL) under KEY in F's
 * history. Counts it even when no history is kept; past
 * SFN_RUN_MAX_HISTORY the execution fails, or a child execution's
 * failure is deferred (the event is dropped). Returns 0 when the
 * execution ended. */
int Sfn_interp_event(struct frame *f, const char *type, const char *key,
                     cJSON *details);
/* KID, an iteration of a DISTRIBUTED Map, starts a child execution: its
 * own history (kept under "childExecutions" when the run keeps one),
 * beginning with ExecutionStarted. 0 when the execution ended. */
int Sfn_interp_child_start(struct frame *kid, const char *state);
/* The child execution of KID ends: its end event. 0 when the execution
 * ended. */
int Sfn_interp_child_end(struct frame *kid);
/* Adds KEY: VALUE as JSON text to the details D, and KEYDetails:
 * {"truncated": false}. 0 when memory ran out. */
int Sfn_interp_event_data(cJSON *d, const char *key, const cJSON *value);
/* "PassStateEntered" and the like for F's current state. */
int Sfn_interp_event_state(struct frame *f, const char *suffix, const char *key,
                           const cJSON *data, const char *data_key);

/* ---- Sfn_interp_trace.c ----------------------------------------------------
 */
/* Starts the inspection of F's current attempt (when tracing). */
void Sfn_interp_trace_begin(struct frame *f);
/* Records VALUE (copied) as STEP ("afterInputPath", ...) of it. */
void Sfn_interp_trace(struct frame *f, const char *step, const cJSON *value);
/* Adds the variables and appends the inspection to the trace. */
void Sfn_interp_trace_end(struct frame *f);

#endif
