/* The server: its life, the table of operations, and one request from
 * decoding to the reply (the result object written out compactly).
 * Knows nothing of HTTP beyond struct sfn_serve_request. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "serve/serve_int.h"
#include "sfn/jsonout.h"

const struct Sfn_serve_op Sfn_serve_ops[] = {
	{ "CreateStateMachine", Sfn_serve_create_machine },
	{ "DescribeStateMachine", Sfn_serve_describe_machine },
	{ "ListStateMachines", Sfn_serve_list_machines },
	{ "DeleteStateMachine", Sfn_serve_delete_machine },
	{ "ValidateStateMachineDefinition", Sfn_serve_validate },
	{ "StartExecution", Sfn_serve_start },
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
	Sfn_serve_http_free(srv->http);
	Sfn_store_free(srv->store);
	free(srv);
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

void sfn_serve_handle(struct sfn_serve *srv,
                      const struct sfn_serve_request *req,
                      struct sfn_serve_reply *reply)
{
	struct Sfn_serve_call call = { srv, NULL, NULL, NULL, reply, 0 };
	const struct Sfn_serve_op *op;

	reply->status = 500;
	sfn_buf_init(&reply->body, (size_t) 64 << 20);
	op = Sfn_serve_decode(&call, req, srv->opts.max_body);
	if (op != NULL)
		op->fn(&call);
	if (op != NULL && !call.failed)
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
