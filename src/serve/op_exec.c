/* The execution operations: StartExecution (idempotent by name, as the
 * service is; "ARN#CASE" runs a MockConfigFile test case),
 * DescribeExecution, StopExecution and ListExecutions. Each execution is
 * an sfn_run on the server's loop. Knows nothing of HTTP. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve/serve_int.h"
#include "sfn/choice.h"
#include "sfn/mock.h"
#include "sfn/run.h"

#define ARN_MAX 512 /* bytes of an ARN made or read */

static const char *const state_names[] = {
	[SFN_RUN_RUNNING] = "RUNNING", [SFN_RUN_SUCCEEDED] = "SUCCEEDED",
	[SFN_RUN_FAILED] = "FAILED",   [SFN_RUN_TIMED_OUT] = "TIMED_OUT",
	[SFN_RUN_ABORTED] = "ABORTED",
};

/* When E ended: the timestamp of its history's last event, found once. */
static int64_t stop_ms(struct Sfn_serve_exec *e)
{
	const cJSON *events, *last, *when;
	struct sfn_instant at;

	if (e->stop_ms != 0 || !Sfn_exec_done(e))
		return e->stop_ms;
	events =
	        cJSON_GetObjectItemCaseSensitive(Sfn_exec_history(e), "events");
	last = events && events->child ? events->child->prev : NULL;
	when = cJSON_GetObjectItemCaseSensitive(last, "timestamp");
	if (cJSON_IsString(when) &&
	    sfn_choice_timestamp(when->valuestring, &at))
		e->stop_ms = at.seconds * 1000 + at.nanos / 1000000;
	else
		e->stop_ms = e->start_ms;
	return e->stop_ms;
}

static const char *status_name(const struct Sfn_serve_exec *e)
{
	return state_names[Sfn_exec_state(e)];
}

/* ---- StartExecution ----------------------------------------------------- */

/* A version 4 UUID, as the service names executions. */
static void make_name(struct sfn_serve *srv, char name[40])
{
	uint64_t a = sfn_rand_next(&srv->rand), b = sfn_rand_next(&srv->rand);

	snprintf(name, 40, "%08x-%04x-4%03x-%04x-%012llx", (unsigned) (a >> 32),
	         (unsigned) (a >> 16) & 0xffff, (unsigned) a & 0xfff,
	         (unsigned) ((b >> 48) & 0x3fff) | 0x8000,
	         (unsigned long long) (b & 0xffffffffffffULL));
}

/* The context object's ARNs and role, as the service fills them in. */
static cJSON *context_for(const struct Sfn_serve_exec *e)
{
	const struct Sfn_serve_machine *m = e->machine;
	cJSON *ctx = cJSON_CreateObject();
	cJSON *ex = cJSON_AddObjectToObject(ctx, "Execution");
	cJSON *sm = cJSON_AddObjectToObject(ctx, "StateMachine");

	if (ex == NULL || sm == NULL ||
	    !cJSON_AddStringToObject(ex, "Id", e->arn) ||
	    !cJSON_AddStringToObject(sm, "Id", m->arn) ||
	    (m->role_arn &&
	     !cJSON_AddStringToObject(ex, "RoleArn", m->role_arn))) {
		cJSON_Delete(ctx);
		return NULL;
	}
	return ctx;
}

/* The mock of test case CASE of E's machine, when asked for. */
static int load_mock(struct Sfn_serve_call *call, struct Sfn_serve_exec *e,
                     const char *test_case)
{
	struct sfn_diags diags;
	enum sfn_status st;

	if (test_case == NULL)
		return 1;
	if (call->srv->opts.mock == NULL)
		return Sfn_serve_fail400(call, "ValidationException",
		                         "Test case '%s' asked for, but the "
		                         "server has no mock configuration",
		                         test_case);
	sfn_diags_init(&diags);
	st = sfn_mock_load(call->srv->opts.mock, e->machine->name, test_case,
	                   call->srv->loop, &diags, &e->mock);
	if (st == SFN_ERR_NOMEM)
		Sfn_serve_fail_status(call, st);
	else if (st != SFN_OK)
		Sfn_serve_fail400(call, "ValidationException",
		                  "Test case '%s' of state machine '%s': %s",
		                  test_case, e->machine->name,
		                  diags.count ? diags.items[0].message
		                              : sfn_status_str(st));
	sfn_diags_free(&diags);
	return st == SFN_OK;
}

static int run(struct Sfn_serve_call *call, struct Sfn_serve_exec *e,
               const cJSON *input)
{
	struct sfn_run_opts opts = { 0 };
	const char *why = NULL;
	enum sfn_status st;
	cJSON *ctx = context_for(e);

	if (ctx == NULL)
		return Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
	opts.name = e->name;
	opts.machine_name = e->machine->name;
	opts.context = ctx;
	opts.mock = e->mock;
	opts.integrations = &call->srv->table;
	opts.history = 1;
	opts.rand = sfn_rand_next;
	opts.rand_ctx = &call->srv->rand;
	opts.on_event = Sfn_serve_on_event;
	opts.event_ctx = e;
	st = sfn_run_start(e->machine->asl, input, &opts, call->srv->loop,
	                   &e->run, &why);
	cJSON_Delete(ctx);
	if (st == SFN_ERR_LIMIT)
		return Sfn_serve_fail400(call, "InvalidExecutionInput", "%s",
		                         why ? why : sfn_status_str(st));
	if (st == SFN_ERR_USAGE)
		return Sfn_serve_fail400(call, "ValidationException", "%s",
		                         why ? why : sfn_status_str(st));
	if (st != SFN_OK)
		return Sfn_serve_fail_status(call, st);
	return 1;
}

/* The same name again: E while it runs on the same input, else NULL
 * after ExecutionAlreadyExists. */
static struct Sfn_serve_exec *again(struct Sfn_serve_call *call,
                                    struct Sfn_serve_exec *e,
                                    const cJSON *input)
{
	cJSON *was = cJSON_Parse(e->input);
	int same = was != NULL && cJSON_Compare(was, input, 1);

	cJSON_Delete(was);
	if (same && !Sfn_exec_done(e))
		return e;
	Sfn_serve_fail400(call, "ExecutionAlreadyExists",
	                  "Execution Already Exists: '%s'", e->arn);
	return NULL;
}

static struct Sfn_serve_exec *start_exec(struct Sfn_serve_call *call,
                                         struct Sfn_serve_machine *m,
                                         const char *arn, const char *name,
                                         const char *text, const cJSON *input,
                                         const char *test_case)
{
	struct Sfn_serve_exec *e = Sfn_store_exec_new(m, arn, name, text);
	struct sfn_clock *clock = sfn_loop_clock(call->srv->loop);
	enum sfn_status st;

	if (e == NULL)
		return Sfn_serve_fail_status(call, SFN_ERR_NOMEM), NULL;
	if (m->asl == NULL) {
		Sfn_store_exec_free(e);
		Sfn_serve_fail400(call, "ValidationException",
		                  "State machine '%s' no longer loads: update "
		                  "its definition",
		                  m->arn);
		return NULL;
	}
	e->srv = call->srv;
	e->start_ms = clock->wall_ms(clock);
	if (!load_mock(call, e, test_case) || !run(call, e, input)) {
		Sfn_store_exec_free(e);
		return NULL;
	}
	st = Sfn_store_exec_add(call->srv->store, e);
	if (st == SFN_OK)
		return e;
	Sfn_store_exec_free(e);
	if (st == SFN_ERR_LIMIT)
		Sfn_serve_fail400(call, "ExecutionLimitExceeded",
		                  "The server keeps %d executions at most",
		                  SFN_SERVE_MAX_EXECUTIONS);
	else
		Sfn_serve_fail_status(call, st);
	return NULL;
}

struct Sfn_serve_exec *Sfn_serve_start_exec(struct Sfn_serve_call *call,
                                            const char *type)
{
	const char *name, *text, *test_case;
	struct Sfn_serve_machine *m;
	struct Sfn_serve_exec *e;
	char arn[ARN_MAX], uuid[40];
	cJSON *input;

	m = Sfn_serve_machine_arg(call, "stateMachineArn", &test_case);
	if (m == NULL || !Sfn_serve_str(call, "name", 0, &name) ||
	    !Sfn_serve_str(call, "input", 0, &text))
		return NULL;
	if (type != NULL && strcmp(m->type, type) != 0) {
		Sfn_serve_fail400(call, "StateMachineTypeNotSupported",
		                  "This operation is not supported by this "
		                  "type of state machine");
		return NULL;
	}
	if (name == NULL)
		make_name(call->srv, uuid);
	name = name ? name : uuid;
	if (!Sfn_serve_name_ok(name)) {
		Sfn_serve_fail400(call, "InvalidName", "Invalid Name: '%s'",
		                  name);
		return NULL;
	}
	input = cJSON_Parse(text ? text : "{}");
	if (input == NULL) {
		Sfn_serve_fail400(call, "InvalidExecutionInput",
		                  "Invalid State Machine Execution Input: "
		                  "'The input is not valid JSON'");
		return NULL;
	}
	snprintf(arn, sizeof(arn), "%sexecution:%s:%s", call->srv->prefix,
	         m->name, name);
	e = Sfn_store_exec_get(call->srv->store, arn);
	if (e != NULL)
		e = again(call, e, input);
	else
		e = start_exec(call, m, arn, name, text ? text : "{}", input,
		               test_case);
	cJSON_Delete(input);
	return e;
}

void Sfn_serve_start(struct Sfn_serve_call *call)
{
	struct Sfn_serve_exec *e = Sfn_serve_start_exec(call, NULL);
	cJSON *out = e ? Sfn_serve_out(call) : NULL;

	if (out != NULL &&
	    (!cJSON_AddStringToObject(out, "executionArn", e->arn) ||
	     !Sfn_serve_add_time(out, "startDate", e->start_ms)))
		Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
}

/* ---- DescribeExecution, StopExecution ----------------------------------- */

struct Sfn_serve_exec *Sfn_serve_exec_arg(struct Sfn_serve_call *call)
{
	struct Sfn_serve_exec *e;
	const char *arn;

	if (!Sfn_serve_str(call, "executionArn", 1, &arn))
		return NULL;
	if (strncmp(arn, "arn:", 4) != 0 ||
	    strstr(arn, ":execution:") == NULL) {
		Sfn_serve_fail400(call, "InvalidArn", "Invalid Arn: '%s'", arn);
		return NULL;
	}
	e = Sfn_store_exec_get(call->srv->store, arn);
	if (e == NULL)
		Sfn_serve_fail400(call, "ExecutionDoesNotExist",
		                  "Execution Does Not Exist: '%s'", arn);
	return e;
}

/* error and cause: StopExecution's, else the run's. */
static int describe_error(cJSON *out, const struct Sfn_serve_exec *e)
{
	const char *name = e->stop_error, *cause = e->stop_cause;

	if (Sfn_exec_state(e) != SFN_RUN_ABORTED)
		Sfn_exec_error(e, &name, &cause);
	return (name == NULL || cJSON_AddStringToObject(out, "error", name)) &&
	       (cause == NULL || cJSON_AddStringToObject(out, "cause", cause));
}

static int describe_output(cJSON *out, const struct Sfn_serve_exec *e)
{
	const cJSON *output = Sfn_exec_output(e);
	cJSON *details;
	char *text;
	int ok;

	if (output == NULL)
		return 1;
	text = cJSON_PrintUnformatted(output);
	details = cJSON_AddObjectToObject(out, "outputDetails");
	ok = text != NULL && cJSON_AddStringToObject(out, "output", text) &&
	     details && cJSON_AddTrueToObject(details, "included");
	free(text);
	return ok;
}

int Sfn_serve_exec_result(cJSON *out, struct Sfn_serve_exec *e)
{
	return cJSON_AddStringToObject(out, "executionArn", e->arn) &&
	       cJSON_AddStringToObject(out, "stateMachineArn",
	                               e->machine->arn) &&
	       cJSON_AddStringToObject(out, "name", e->name) &&
	       cJSON_AddStringToObject(out, "status", status_name(e)) &&
	       Sfn_serve_add_time(out, "startDate", e->start_ms) &&
	       (!Sfn_exec_done(e) ||
	        Sfn_serve_add_time(out, "stopDate", stop_ms(e))) &&
	       describe_output(out, e) && describe_error(out, e);
}

static int describe(cJSON *out, struct Sfn_serve_exec *e)
{
	cJSON *in;

	return Sfn_serve_exec_result(out, e) &&
	       cJSON_AddStringToObject(out, "input", e->input) &&
	       (in = cJSON_AddObjectToObject(out, "inputDetails")) != NULL &&
	       cJSON_AddTrueToObject(in, "included") &&
	       cJSON_AddNumberToObject(out, "redriveCount", 0) &&
	       cJSON_AddStringToObject(out, "redriveStatus", "NOT_REDRIVABLE");
}

void Sfn_serve_describe_exec(struct Sfn_serve_call *call)
{
	struct Sfn_serve_exec *e = Sfn_serve_exec_arg(call);
	cJSON *out = e ? Sfn_serve_out(call) : NULL;

	if (out != NULL && !describe(out, e))
		Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
}

static int keep(char **slot, const char *s)
{
	if (s == NULL)
		return 1;
	*slot = strdup(s);
	return *slot != NULL;
}

void Sfn_serve_stop(struct Sfn_serve_call *call)
{
	struct Sfn_serve_exec *e = Sfn_serve_exec_arg(call);
	const char *error, *cause;
	cJSON *out;

	if (e == NULL || !Sfn_serve_str(call, "error", 0, &error) ||
	    !Sfn_serve_str(call, "cause", 0, &cause))
		return;
	if (Sfn_exec_done(e)) {
		Sfn_serve_fail400(call, "ValidationException",
		                  "Execution '%s' is not running: it is %s",
		                  e->arn, status_name(e));
		return;
	}
	if (!keep(&e->stop_error, error) || !keep(&e->stop_cause, cause)) {
		Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
		return;
	}
	if (Sfn_store_exec_stopped(call->srv->store, e) != SFN_OK) {
		Sfn_serve_fail_status(call, SFN_ERR_IO);
		return;
	}
	sfn_run_abort(e->run);
	out = Sfn_serve_out(call);
	if (out != NULL && !Sfn_serve_add_time(out, "stopDate", stop_ms(e)))
		Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
}

/* ---- ListExecutions ----------------------------------------------------- */

static int status_filter(struct Sfn_serve_call *call, int *out)
{
	const char *s;

	*out = -1;
	if (!Sfn_serve_str(call, "statusFilter", 0, &s) || s == NULL)
		return !call->failed;
	for (int i = 0; i <= SFN_RUN_ABORTED; i++)
		if (strcmp(s, state_names[i]) == 0)
			*out = i;
	if (*out < 0 && strcmp(s, "PENDING_REDRIVE") == 0)
		*out = SFN_RUN_ABORTED + 1; /* none ever is */
	if (*out >= 0)
		return 1;
	return Sfn_serve_fail400(call, "ValidationException",
	                         "1 validation error detected: Value '%s' at "
	                         "'statusFilter' failed to satisfy "
	                         "constraint: Member must satisfy enum value "
	                         "set: [RUNNING, SUCCEEDED, FAILED, TIMED_OUT, "
	                         "ABORTED, PENDING_REDRIVE]",
	                         s);
}

static int list_item(cJSON *list, struct Sfn_serve_exec *e)
{
	cJSON *it = cJSON_CreateObject();

	if (it == NULL || !cJSON_AddItemToArray(list, it))
		return cJSON_Delete(it), 0;
	return cJSON_AddStringToObject(it, "executionArn", e->arn) &&
	       cJSON_AddStringToObject(it, "stateMachineArn",
	                               e->machine->arn) &&
	       cJSON_AddStringToObject(it, "name", e->name) &&
	       cJSON_AddStringToObject(it, "status", status_name(e)) &&
	       Sfn_serve_add_time(it, "startDate", e->start_ms) &&
	       (!Sfn_exec_done(e) ||
	        Sfn_serve_add_time(it, "stopDate", stop_ms(e)));
}

/* Newest first, as the service lists them; the token is a position in
 * the filtered list. */
void Sfn_serve_list_execs(struct Sfn_serve_call *call)
{
	struct Sfn_serve_machine *m;
	size_t max, at, seen = 0, n;
	int filter;
	cJSON *out, *list;

	m = Sfn_serve_machine_arg(call, "stateMachineArn", NULL);
	if (m == NULL || !status_filter(call, &filter) ||
	    !Sfn_serve_max_results(call, &max))
		return;
	n = 0;
	for (size_t i = 0; i < m->nexecs; i++)
		n += filter < 0 || Sfn_exec_state(m->execs[i]) == filter;
	if (!Sfn_serve_token(call, n, &at) ||
	    (out = Sfn_serve_out(call)) == NULL)
		return;
	list = cJSON_AddArrayToObject(out, "executions");
	for (size_t i = m->nexecs;
	     list != NULL && i-- > 0 && seen < at + max;) {
		struct Sfn_serve_exec *e = m->execs[i];

		if (filter >= 0 && Sfn_exec_state(e) != filter)
			continue;
		if (seen++ >= at && !list_item(list, e))
			list = NULL;
	}
	if (list == NULL)
		Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
	else
		Sfn_serve_add_token(call, out, seen, n);
}
