/* What the files of the server share: the server, a call in progress
 * (its decoded body and the result being built), the operations' table,
 * the error replies and the readers of request fields. Knows nothing of
 * HTTP beyond struct sfn_serve_request. */
#ifndef SFN_SERVE_INT_H
#define SFN_SERVE_INT_H

#include <stdint.h>

#include "serve/store.h"
#include "sfn/clock.h"
#include "sfn/serve.h"

struct Sfn_serve_http;
struct sfn_mock;
struct sfn_run;

/* Tasks waiting for SendTaskSuccess or SendTaskFailure (tokens.c). */
struct Sfn_serve_tokens {
	struct sfn_integration integration; /* "*.waitForTaskToken" */
	struct sfn_loop *loop;
	struct held *first; /* waiting, newest first */
};

void Sfn_serve_tokens_init(struct Sfn_serve_tokens *t, struct sfn_loop *loop);

struct Sfn_serve_waiter;

struct sfn_serve {
	struct sfn_serve_opts opts;
	struct sfn_loop *loop;
	struct Sfn_serve_store *store;
	struct Sfn_serve_http *http; /* NULL until sfn_serve_listen */
	struct sfn_rand rand;        /* execution names */
	struct Sfn_serve_tokens tokens;
	struct sfn_integrations table;    /* tokens, then the caller's */
	char prefix[160];                 /* "arn:aws:states:REGION:ACCOUNT:" */
	struct Sfn_serve_waiter *waiters; /* StartSyncExecution's (op_sync.c) */
	struct sfn_defer wake;            /* answers those whose run ended */
	struct sfn_sigv4_signer signer;   /* require_sigv4's key cache */
};

/* One request being answered. */
struct Sfn_serve_call {
	struct sfn_serve *srv;
	struct sfn_json_doc *doc; /* the decoded body (owned) */
	const cJSON *in;          /* its root object */
	cJSON *out;               /* the result (owned), or NULL */
	struct sfn_serve_reply *reply;
	int failed;             /* an error reply was written */
	sfn_serve_done_fn done; /* the request's, for a pending reply */
	void *done_ctx;
	int pending; /* the reply goes to DONE later */
};

typedef void (*Sfn_serve_op_fn)(struct Sfn_serve_call *call);

struct Sfn_serve_op {
	const char *name; /* "StartExecution" */
	Sfn_serve_op_fn fn;
};

/* The operations served, by name (NULL-terminated), and the one called
 * NAME[0, LEN), or NULL. */
extern const struct Sfn_serve_op Sfn_serve_ops[];
const struct Sfn_serve_op *Sfn_serve_op_find(const char *name, size_t len);

/* Checks REQ as the JSON 1.0 protocol wants it (size, method, target,
 * content type, a JSON object body) and sets CALL->doc and CALL->in;
 * returns the operation, or NULL after writing the error reply. */
const struct Sfn_serve_op *Sfn_serve_decode(struct Sfn_serve_call *call,
                                            const struct sfn_serve_request *req,
                                            size_t max_body);

/* Writes the error reply TYPE ("InvalidArn") with HTTP STATUS and a
 * printf-style message; marks CALL failed. Returns 0. */
int Sfn_serve_fail(struct Sfn_serve_call *call, unsigned status,
                   const char *type, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
/* The same with status 400, the service's status for every client
 * error. */
int Sfn_serve_fail400(struct Sfn_serve_call *call, const char *type,
                      const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* A 500 reply for a failure of the server itself (ST). Returns 0. */
int Sfn_serve_fail_status(struct Sfn_serve_call *call, enum sfn_status st);
/* CALL->out, made an empty object when NULL; NULL (and a 500 reply)
 * when memory ran out. */
cJSON *Sfn_serve_out(struct Sfn_serve_call *call);

/* 1 when REQ's line and headers are within SFN_SERVE_MAX_HEADERS, else
 * 0 after the error reply (431). */
int Sfn_serve_check_headers(struct Sfn_serve_call *call,
                            const struct sfn_serve_request *req);

/* require_sigv4 (auth.c): 1 when the server checks no signature or
 * REQ's is right, else 0 after the error reply. */
int Sfn_serve_check_sigv4(struct Sfn_serve_call *call,
                          const struct sfn_serve_request *req);

/* ---- request fields (fields.c) ------------------------------------------
 * Each answers 1 with the value, or 0 after writing the error reply: a
 * member of the wrong type is a SerializationException, a missing
 * required one a ValidationException, as the service answers. */
int Sfn_serve_str(struct Sfn_serve_call *call, const char *key, int required,
                  const char **out);
/* maxResults: SFN_SERVE_DEFAULT_RESULTS when absent or 0, else 1 to
 * SFN_SERVE_MAX_RESULTS. */
int Sfn_serve_max_results(struct Sfn_serve_call *call, size_t *out);
int Sfn_serve_bool(struct Sfn_serve_call *call, const char *key, int dflt,
                   int *out);
/* nextToken: the position it names (0 when absent), below COUNT; an
 * unknown token is InvalidToken. */
int Sfn_serve_token(struct Sfn_serve_call *call, size_t count, size_t *out);
/* Adds nextToken for position NEXT to OUT when NEXT < COUNT. */
int Sfn_serve_add_token(struct Sfn_serve_call *call, cJSON *out, size_t next,
                        size_t count);
/* Whether NAME is one the service accepts for a state machine or an
 * execution: 1 to 80 characters, none white space, brackets, wildcards,
 * control characters or one of "#%\^|~`$&,;:/. */
int Sfn_serve_name_ok(const char *name);
/* MS (milliseconds since 1970) as the protocol writes a timestamp:
 * seconds, a JSON number. */
cJSON *Sfn_serve_add_time(cJSON *obj, const char *key, int64_t ms);

/* ---- operations (op_machine.c, op_update.c, op_exec.c, op_history.c) --- */
void Sfn_serve_create_machine(struct Sfn_serve_call *call);
void Sfn_serve_describe_machine(struct Sfn_serve_call *call);
void Sfn_serve_list_machines(struct Sfn_serve_call *call);
void Sfn_serve_delete_machine(struct Sfn_serve_call *call);
void Sfn_serve_update_machine(struct Sfn_serve_call *call);
void Sfn_serve_validate(struct Sfn_serve_call *call);
void Sfn_serve_start(struct Sfn_serve_call *call);
void Sfn_serve_describe_exec(struct Sfn_serve_call *call);
void Sfn_serve_stop(struct Sfn_serve_call *call);
void Sfn_serve_list_execs(struct Sfn_serve_call *call);
void Sfn_serve_history(struct Sfn_serve_call *call);
void Sfn_serve_task_success(struct Sfn_serve_call *call);
void Sfn_serve_task_failure(struct Sfn_serve_call *call);
void Sfn_serve_task_heartbeat(struct Sfn_serve_call *call);
void Sfn_serve_start_sync(struct Sfn_serve_call *call);
void Sfn_serve_test_state(struct Sfn_serve_call *call);

/* ---- TestState (op_test.c, test_machine.c, test_mock.c, test_result.c) - */

/* The state under test is this state of a machine of this name: the
 * service's $$.State.Name in a test, whatever the state is called. */
#define SFN_SERVE_TEST_STATE   "StateName"
#define SFN_SERVE_TEST_MACHINE "TestState"

/* stateConfiguration's mapIterationFailureCount. */
struct Sfn_serve_test_failures {
	unsigned count;
	int given;
};

/* A TestState request being run. */
struct Sfn_serve_test {
	struct Sfn_serve_machine *m;   /* the small machine, not stored */
	struct sfn_run *run;           /* its run */
	struct sfn_json_doc *mock_doc; /* the mock as a MockConfigFile */
	struct sfn_mock *mock;         /* read from it; NULL: no mock */
	cJSON *state;                  /* the state under test, as given */
	cJSON *targets;         /* stub I's original target (test_machine.c) */
	cJSON *vars;            /* the variables given, or NULL */
	cJSON *context;         /* the context object given, or NULL */
	struct sfn_timer limit; /* SFN_SERVE_TEST_MAX_SECONDS */
	struct sfn_loop *loop;  /* LIMIT's */
	int timed_out;          /* LIMIT expired and aborted the run */
	int jsonata;            /* its machine's QueryLanguage is JSONata */
	int inspect;            /* inspectionLevel DEBUG or TRACE */
	unsigned retries;       /* stateConfiguration's retrierRetryCount */
	struct Sfn_serve_test_failures failures; /* a mocked Map's */
};

struct Sfn_serve_test_def {
	const cJSON *state; /* the state under test */
	int jsonata;        /* it inherits QueryLanguage JSONata */
	const cJSON *vars;  /* an object of variables to assign, or NULL */
	int as_task;        /* a mocked Map or Parallel: runs as a Task */
};

/* The text of DEF's machine (malloc'd; NULL when memory ran out):
 * SFN_SERVE_TEST_STATE and a Succeed stub for each transition, whose
 * original target TARGETS (an array) receives. */
char *Sfn_serve_test_machine(const struct Sfn_serve_test_def *def,
                             cJSON *targets);
/* The target that stub STUB stands for, or NULL for another state. */
const char *Sfn_serve_test_target(const cJSON *targets, const char *stub);
/* State NAME of MACHINE (a loaded definition), in its States or those
 * of a Parallel's branches or a Map's processor, nested; or NULL. */
const cJSON *Sfn_serve_test_find(const cJSON *machine, const char *name);
/* The request's mock for STATE checked (REVEAL: revealSecrets was
 * true) and made a MockConfigFile into *DOC (NULL without a mock); a
 * Map's FAILURES past its tolerated ones make it raise
 * States.ExceedToleratedFailureThreshold. 0 after the error reply. */
int Sfn_serve_test_mock(struct Sfn_serve_call *call, const cJSON *state,
                        int reveal,
                        const struct Sfn_serve_test_failures *failures,
                        struct sfn_json_doc **doc);

/* The run of the state a TestState request gives, started; NULL after
 * the error reply. */
struct Sfn_serve_test *Sfn_serve_test_start(struct Sfn_serve_call *call);
int Sfn_serve_test_done(const struct Sfn_serve_test *t);
/* status, output, error, cause, nextState, inspectionData into OUT; 0
 * when memory ran out. */
int Sfn_serve_test_result(cJSON *out, const struct Sfn_serve_test *t);
void Sfn_serve_test_free(struct Sfn_serve_test *t);
/* sfn_run_opts.on_event of a TestState run (CTX: the server). */
void Sfn_serve_on_test_event(void *ctx, const cJSON *event);

/* sfn_run_opts.on_event of execution CTX: the event stored, and
 * StartSyncExecution's replies woken at an end event (op_sync.c). */
void Sfn_serve_on_event(void *ctx, const cJSON *event);
/* Drops the pending replies unanswered (the server is going). */
void Sfn_serve_waiters_free(struct sfn_serve *srv);

/* Starts the execution a StartExecution request asks for (the machine
 * of TYPE when not NULL, else StateMachineTypeNotSupported), or finds
 * it running when the same name and input come again; NULL after the
 * error reply. */
struct Sfn_serve_exec *Sfn_serve_start_exec(struct Sfn_serve_call *call,
                                            const char *type);
/* executionArn, stateMachineArn, name, status, startDate, stopDate,
 * output (outputDetails), error, cause of E into OUT; 0 when memory ran
 * out. */
int Sfn_serve_exec_result(cJSON *out, struct Sfn_serve_exec *e);

/* The machine an ARN names (InvalidArn or StateMachineDoesNotExist
 * otherwise); TEST_CASE, when not NULL, receives what follows a '#'
 * (NULL without one; then '#' is refused). */
struct Sfn_serve_machine *Sfn_serve_machine_arg(struct Sfn_serve_call *call,
                                                const char *key,
                                                const char **test_case);
/* The execution an ARN names (InvalidArn or ExecutionDoesNotExist
 * otherwise). */
struct Sfn_serve_exec *Sfn_serve_exec_arg(struct Sfn_serve_call *call);

/* ---- an execution record, run or read back (exec.c) -------------------- */
int Sfn_exec_done(const struct Sfn_serve_exec *e);
int Sfn_exec_state(const struct Sfn_serve_exec *e); /* enum sfn_run_state */
const cJSON *Sfn_exec_output(const struct Sfn_serve_exec *e);
void Sfn_exec_error(const struct Sfn_serve_exec *e, const char **name,
                    const char **cause);
const cJSON *Sfn_exec_history(const struct Sfn_serve_exec *e);
/* Settles E, read back from the database with EVENTS (its history,
 * taken over): its state, output and error from its end event, or, when
 * the history has none, ABORTED now (NOW_MS) with error
 * SFN_SERVE_RESTART_ERROR and CAUSE in a new ExecutionAborted event
 * (*ADDED, to be stored). */
enum sfn_status Sfn_exec_restore(struct Sfn_serve_exec *e, cJSON *events,
                                 int64_t now_ms, const char *cause,
                                 const cJSON **added);

/* InvalidDefinition: "Invalid State Machine Definition: 'CODE: message
 * at /where', ..." with the first three errors of DIAGS. */
void Sfn_serve_fail_definition(struct Sfn_serve_call *call,
                               const struct sfn_diags *diags);

/* Loads M's definition into its model (M->doc, M->asl) as
 * CreateStateMachine does; TEMPLATE: from a CloudFormation template. */
enum sfn_status Sfn_serve_machine_load(struct Sfn_serve_machine *m,
                                       int template, struct sfn_diags *diags);

/* ---- HTTP (http.c): knows nothing of Step Functions --------------------- */
typedef void (*Sfn_serve_http_fn)(void *ctx,
                                  const struct sfn_serve_request *req,
                                  struct sfn_serve_reply *reply);

struct Sfn_serve_http_limits {
	size_t max_body, max_headers, max_connections;
};

enum sfn_status Sfn_serve_http_start(struct sfn_loop *loop, const char *host,
                                     unsigned port,
                                     const struct Sfn_serve_http_limits *limits,
                                     Sfn_serve_http_fn fn, void *ctx,
                                     struct Sfn_serve_http **out,
                                     const char **why);
unsigned Sfn_serve_http_port(const struct Sfn_serve_http *http);
void Sfn_serve_http_free(struct Sfn_serve_http *http);

#endif
