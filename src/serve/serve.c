/* The server: its life, the table of operations, and one request from
 * decoding to the reply (the result object written out compactly).
 * Knows nothing of HTTP beyond struct sfn_serve_request. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "serve/db.h"
#include "serve/serve_int.h"
#include "sfn/jsonout.h"
#include "sfn/model.h"

const struct Sfn_serve_op Sfn_serve_ops[] = {
	{ "CreateStateMachine", Sfn_serve_create_machine },
	{ "DescribeStateMachine", Sfn_serve_describe_machine },
	{ "ListStateMachines", Sfn_serve_list_machines },
	{ "DeleteStateMachine", Sfn_serve_delete_machine },
	{ "UpdateStateMachine", Sfn_serve_update_machine },
	{ "ValidateStateMachineDefinition", Sfn_serve_validate },
	{ "StartExecution", Sfn_serve_start },
	{ "StartSyncExecution", Sfn_serve_start_sync },
	{ "TestState", Sfn_serve_test_state },
	{ "DescribeExecution", Sfn_serve_describe_exec },
	{ "StopExecution", Sfn_serve_stop },
	{ "ListExecutions", Sfn_serve_list_execs },
	{ "GetExecutionHistory", Sfn_serve_history },
	{ "SendTaskSuccess", Sfn_serve_task_success },
	{ "SendTaskFailure", Sfn_serve_task_failure },
	{ "SendTaskHeartbeat", Sfn_serve_task_heartbeat },
	{ NULL, NULL },
};

const struct Sfn_serve_op *Sfn_serve_op_find(const char *name, size_t len)
{
	for (const struct Sfn_serve_op *op = Sfn_serve_ops; op->name; op++)
		if (strlen(op->name) == len && memcmp(op->name, name, len) == 0)
			return op;
	return NULL;
}

#define ARN_PART_MAX 32 /* characters of a region or an account */

/* Whether S may stand in an ARN: letters, digits and '-'. */
static int arn_part_ok(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n > max)
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/* The server's table: task tokens first, then the caller's
 * integrations in their order. */
static enum sfn_status integrations(struct sfn_serve *srv)
{
	const struct sfn_integrations *more = srv->opts.integrations;
	enum sfn_status st;

	Sfn_serve_tokens_init(&srv->tokens, srv->loop);
	sfn_integrations_init(&srv->table);
	st = sfn_integrations_add(&srv->table, "*.waitForTaskToken",
	                          &srv->tokens.integration);
	for (size_t i = 0; more != NULL && st == SFN_OK && i < more->count; i++)
		st = sfn_integrations_add(&srv->table, more->entries[i].pattern,
		                          more->entries[i].integration);
	return st;
}

enum sfn_status sfn_serve_new(const struct sfn_serve_opts *opts,
                              struct sfn_loop *loop, struct sfn_serve **out)
{
	struct sfn_serve *srv;
	const char *region = opts && opts->region ? opts->region : "us-east-1";
	const char *account =
	        opts && opts->account ? opts->account : "123456789012";

	*out = NULL;
	if (!arn_part_ok(region, ARN_PART_MAX) ||
	    !arn_part_ok(account, ARN_PART_MAX))
		return SFN_ERR_USAGE;
	srv = calloc(1, sizeof(*srv));
	if (srv == NULL)
		return SFN_ERR_NOMEM;
	if (opts != NULL)
		srv->opts = *opts;
	if (srv->opts.max_body == 0)
		srv->opts.max_body = SFN_SERVE_MAX_BODY;
	srv->loop = loop;
	sfn_defer_init(&srv->wake);
	sfn_sigv4_signer_init(&srv->signer);
	srv->rand.state = (uint64_t) time(NULL) ^ ((uint64_t) getpid() << 32);
	snprintf(srv->prefix, sizeof(srv->prefix),
	         "arn:aws:states:%s:%s:", region, account);
	if (integrations(srv) != SFN_OK ||
	    Sfn_store_new(&srv->store) != SFN_OK) {
		free(srv);
		return SFN_ERR_NOMEM;
	}
	*out = srv;
	return SFN_OK;
}

void sfn_serve_free(struct sfn_serve *srv)
{
	if (srv == NULL)
		return;
	Sfn_serve_waiters_free(srv);
	sfn_sigv4_signer_wipe(&srv->signer);
	Sfn_serve_http_free(srv->http);
	Sfn_store_free(srv->store);
	free(srv);
}

/* ---- the database -------------------------------------------------------- */

static const char restart_cause[] =
        "sfnc serve stopped while the execution was running; the server "
        "was started again on the same database";

/* A machine read back: its model loaded, as a template's when it does
 * not load as a plain definition. */
static enum sfn_status restore_machine(void *ctx, struct Sfn_serve_machine *m)
{
	struct sfn_diags diags;
	enum sfn_status st;

	(void) ctx;
	for (int template = 0; template <2; template ++) {
		sfn_diags_init(&diags);
		st = Sfn_serve_machine_load(m, template, &diags);
		sfn_diags_free(&diags);
		if (st == SFN_OK || st == SFN_ERR_NOMEM)
			return st;
		sfn_asl_machine_free(m->asl);
		sfn_json_doc_free(m->doc);
		m->asl = NULL;
		m->doc = NULL;
	}
	/* kept for its executions' sake, but no longer started */
	return SFN_OK;
}

static enum sfn_status restore_exec(void *ctx, struct Sfn_serve_exec *e,
                                    cJSON *events)
{
	struct sfn_serve *srv = ctx;
	struct sfn_clock *clock = sfn_loop_clock(srv->loop);
	const cJSON *added;
	enum sfn_status st;

	st = Sfn_exec_restore(e, events, clock->wall_ms(clock), restart_cause,
	                      &added);
	if (st == SFN_OK && added != NULL) {
		e->store = srv->store;
		Sfn_store_exec_event(e, added);
		st = Sfn_store_exec_stopped(srv->store, e);
	}
	return st;
}

enum sfn_status sfn_serve_open_db(struct sfn_serve *srv, const char *path,
                                  char *why, size_t len)
{
	struct Sfn_db_loader loader = { restore_machine, restore_exec, srv };
	struct Sfn_serve_machine **all;

	if (Sfn_store_machines(srv->store, &all) != 0) {
		snprintf(why, len, "the server holds state machines already");
		return SFN_ERR_USAGE;
	}
	return Sfn_store_open(srv->store, path, &loader, why, len);
}

/* The result object as the reply's body. */
static void write_out(struct Sfn_serve_call *call)
{
	struct sfn_buf *b = &call->reply->body;

	if (Sfn_serve_out(call) == NULL)
		return;
	sfn_buf_reset(b);
	if (sfn_jsonout_value(call->out, SFN_JSONOUT_COMPACT, b) != SFN_OK) {
		Sfn_serve_fail_status(call, b->status);
		return;
	}
	call->reply->status = 200;
}

/* A server whose database failed a write answers nothing more: what it
 * would answer could not be kept. */
static int db_ok(struct Sfn_serve_call *call)
{
	const char *why;

	if (Sfn_store_status(call->srv->store, &why) == SFN_OK)
		return 1;
	return Sfn_serve_fail(call, 500, "InternalFailure",
	                      "The server's database failed: %s", why);
}

void sfn_serve_handle(struct sfn_serve *srv,
                      const struct sfn_serve_request *req,
                      struct sfn_serve_reply *reply)
{
	struct Sfn_serve_call call = { srv,       NULL,          NULL,
		                       NULL,      reply,         0,
		                       req->done, req->done_ctx, 0 };
	const struct Sfn_serve_op *op;

	reply->status = 500;
	sfn_buf_init(&reply->body, (size_t) 64 << 20);
	op = Sfn_serve_check_headers(&call, req) &&
	                     Sfn_serve_check_sigv4(&call, req)
	             ? Sfn_serve_decode(&call, req, srv->opts.max_body)
	             : NULL;
	if (op != NULL && !db_ok(&call))
		op = NULL;
	if (op != NULL)
		op->fn(&call);
	if (op != NULL && !call.failed && call.pending)
		reply->status = 0;
	else if (op != NULL && !call.failed)
		write_out(&call);
	cJSON_Delete(call.out);
	sfn_json_doc_free(call.doc);
}

static void on_request(void *ctx, const struct sfn_serve_request *req,
                       struct sfn_serve_reply *reply)
{
	sfn_serve_handle(ctx, req, reply);
}

enum sfn_status sfn_serve_listen(struct sfn_serve *srv, const char *host,
                                 unsigned port, const char **why)
{
	struct Sfn_serve_http_limits limits = { srv->opts.max_body,
		                                SFN_SERVE_MAX_HEADERS,
		                                SFN_SERVE_MAX_CONNECTIONS };

	if (srv->http != NULL) {
		*why = "the server listens already";
		return SFN_ERR_USAGE;
	}
	return Sfn_serve_http_start(srv->loop, host, port, &limits, on_request,
	                            srv, &srv->http, why);
}

unsigned sfn_serve_port(const struct sfn_serve *srv)
{
	return srv->http ? Sfn_serve_http_port(srv->http) : 0;
}
