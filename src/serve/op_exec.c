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

	if (e->stop_ms != 0 || !sfn_run_done(e->run))
		return e->stop_ms;
	events = cJSON_GetObjectItemCaseSensitive(sfn_run_history(e->run),
	                                          "events");
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
	return state_names[sfn_run_state(e->run)];
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

static void started(struct Sfn_serve_call *call, const struct Sfn_serve_exec *e)
{
	cJSON *out = Sfn_serve_out(call);

	if (out != NULL &&
	    (!cJSON_AddStringToObject(out, "executionArn", e->arn) ||
	     !Sfn_serve_add_time(out, "startDate", e->start_ms)))
		Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
}

/* The same name again: the same answer while it runs on the same input,
 * else ExecutionAlreadyExists. */
static void again(struct Sfn_serve_call *call, const struct Sfn_serve_exec *e,
                  const cJSON *input)
{
	cJSON *was = cJSON_Parse(e->input);
	int same = was != NULL && cJSON_Compare(was, input, 1);

	cJSON_Delete(was);
	if (same && !sfn_run_done(e->run))
		started(call, e);
	else
		Sfn_serve_fail400(call, "ExecutionAlreadyExists",
		                  "Execution Already Exists: '%s'", e->arn);
}

static int start_exec(struct Sfn_serve_call *call, struct Sfn_serve_machine *m,
                      const char *arn, const char *name, const char *text,
                      const cJSON *input, const char *test_case)
{
	struct Sfn_serve_exec *e = Sfn_store_exec_new(m, arn, name, text);
	struct sfn_clock *clock = sfn_loop_clock(call->srv->loop);
	enum sfn_status st;

	if (e == NULL)
		return Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
	e->start_ms = clock->wall_ms(clock);
	if (!load_mock(call, e, test_case) || !run(call, e, input)) {
		Sfn_store_exec_free(e);
		return 0;
	}
	st = Sfn_store_exec_add(call->srv->store, e);
	if (st != SFN_OK) {
		Sfn_store_exec_free(e);
		return st == SFN_ERR_LIMIT
		               ? Sfn_serve_fail400(call,
		                                   "ExecutionLimitExceeded",
		                                   "The server keeps %d "
		                                   "executions at most",
		                                   SFN_SERVE_MAX_EXECUTIONS)
		               : Sfn_serve_fail_status(call, st);
	}
	started(call, e);
	return 1;
}

void Sfn_serve_start(struct Sfn_serve_call *call)
{
	const char *name, *text, *test_case;
	struct Sfn_serve_machine *m;
	struct Sfn_serve_exec *e;
	char arn[ARN_MAX], uuid[40];
	cJSON *input;

	m = Sfn_serve_machine_arg(call, "stateMachineArn", &test_case);
	if (m == NULL || !Sfn_serve_str(call, "name", 0, &name) ||
	    !Sfn_serve_str(call, "input", 0, &text))
		return;
	if (name == NULL)
		make_name(call->srv, uuid);
	name = name ? name : uuid;
	if (!Sfn_serve_name_ok(name)) {
		Sfn_serve_fail400(call, "InvalidName", "Invalid Name: '%s'",
		                  name);
		return;
	}
	input = cJSON_Parse(text ? text : "{}");
	if (input == NULL) {
		Sfn_serve_fail400(call, "InvalidExecutionInput",
		                  "Invalid State Machine Execution Input: "
		                  "'The input is not valid JSON'");
		return;
	}
	snprintf(arn, sizeof(arn), "%sexecution:%s:%s", call->srv->prefix,
	         m->name, name);
	e = Sfn_store_exec_get(call->srv->store, arn);
	if (e != NULL)
		again(call, e, input);
	else
		start_exec(call, m, arn, name, text ? text : "{}", input,
		           test_case);
	cJSON_Delete(input);
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
	const struct sfn_error *err = sfn_run_error(e->run);
	const char *name = e->stop_error, *cause = e->stop_cause;

	if (sfn_run_state(e->run) == SFN_RUN_ABORTED) {
		return (name == NULL ||
		        cJSON_AddStringToObject(out, "error", name)) &&
		       (cause == NULL ||
		        cJSON_AddStringToObject(out, "cause", cause));
	}
	return err == NULL ||
	       ((err->name == NULL ||
	         cJSON_AddStringToObject(out, "error", err->name)) &&
	        (err->cause == NULL ||
	         cJSON_AddStringToObject(out, "cause", err->cause)));
}

static int describe_output(cJSON *out, const struct Sfn_serve_exec *e)
{
	const cJSON *output = sfn_run_output(e->run);
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

static int describe(cJSON *out, struct Sfn_serve_exec *e)
{
	cJSON *in = cJSON_AddObjectToObject(out, "inputDetails");
	int done = sfn_run_done(e->run);

	return cJSON_AddStringToObject(out, "executionArn", e->arn) &&
	       cJSON_AddStringToObject(out, "stateMachineArn",
	                               e->machine->arn) &&
	       cJSON_AddStringToObject(out, "name", e->name) &&
	       cJSON_AddStringToObject(out, "status", status_name(e)) &&
	       Sfn_serve_add_time(out, "startDate", e->start_ms) &&
	       (!done || Sfn_serve_add_time(out, "stopDate", stop_ms(e))) &&
	       cJSON_AddStringToObject(out, "input", e->input) && in &&
	       cJSON_AddTrueToObject(in, "included") &&
	       describe_output(out, e) && describe_error(out, e) &&
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
	if (sfn_run_done(e->run)) {
		Sfn_serve_fail400(call, "ValidationException",
		                  "Execution '%s' is not running: it is %s",
		                  e->arn, status_name(e));
		return;
	}
	if (!keep(&e->stop_error, error) || !keep(&e->stop_cause, cause)) {
		Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
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
	       (!sfn_run_done(e->run) ||
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
		n += filter < 0 ||
		     (int) sfn_run_state(m->execs[i]->run) == filter;
	if (!Sfn_serve_token(call, n, &at) ||
	    (out = Sfn_serve_out(call)) == NULL)
		return;
	list = cJSON_AddArrayToObject(out, "executions");
	for (size_t i = m->nexecs;
	     list != NULL && i-- > 0 && seen < at + max;) {
		struct Sfn_serve_exec *e = m->execs[i];

		if (filter >= 0 && (int) sfn_run_state(e->run) != filter)
			continue;
		if (seen++ >= at && !list_item(list, e))
			list = NULL;
	}
	if (list == NULL)
		Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
	else
		Sfn_serve_add_token(call, out, seen, n);
}
