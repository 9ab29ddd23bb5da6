/* Task tokens: the integration behind every ".waitForTaskToken" Task
 * the mock does not answer. It holds the task until SendTaskSuccess or
 * SendTaskFailure names its token (then completes it from the loop), and
 * answers SendTaskHeartbeat while it waits. Knows nothing of HTTP. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "serve/serve_int.h"

struct held {
	struct sfn_task base; /* first: the interpreter's handle */
	struct Sfn_serve_tokens *owner;
	struct held *prev, *next; /* waiting, or NULL both when completing */
	char *token;
	sfn_task_done_fn done;
	void *cb_ctx;
	struct sfn_defer defer; /* the completion, from the loop */
	struct sfn_task_outcome outcome;
};

static void unlink_held(struct held *h)
{
	struct Sfn_serve_tokens *t = h->owner;

	if (h->prev != NULL)
		h->prev->next = h->next;
	else if (t->first == h)
		t->first = h->next;
	if (h->next != NULL)
		h->next->prev = h->prev;
	h->prev = h->next = NULL;
}

static void free_held(struct held *h)
{
	cJSON_Delete(h->outcome.output);
	sfn_error_clear(&h->outcome.error);
	free(h->token);
	free(h);
}

static enum sfn_status start(void *ctx, const struct sfn_task_request *req,
                             sfn_task_done_fn done, void *cb_ctx,
                             struct sfn_task **task)
{
	struct Sfn_serve_tokens *t = ctx;
	struct held *h;

	if (req->task_token == NULL)
		return SFN_ERR_USAGE;
	h = calloc(1, sizeof(*h));
	if (h == NULL || (h->token = strdup(req->task_token)) == NULL) {
		free(h);
		return SFN_ERR_NOMEM;
	}
	h->base.integration = &t->integration;
	h->owner = t;
	h->done = done;
	h->cb_ctx = cb_ctx;
	sfn_defer_init(&h->defer);
	h->next = t->first;
	if (t->first != NULL)
		t->first->prev = h;
	t->first = h;
	*task = &h->base;
	return SFN_OK;
}

static void cancel(void *ctx, struct sfn_task *task)
{
	struct held *h = (struct held *) task;

	sfn_loop_defer_cancel(((struct Sfn_serve_tokens *) ctx)->loop,
	                      &h->defer);
	unlink_held(h);
	free_held(h);
}

void Sfn_serve_tokens_init(struct Sfn_serve_tokens *t, struct sfn_loop *loop)
{
	memset(t, 0, sizeof(*t));
	t->loop = loop;
	t->integration.name = "task token";
	t->integration.start = start;
	t->integration.cancel = cancel;
	t->integration.ctx = t;
}

static struct held *find(struct Sfn_serve_tokens *t, const char *token)
{
	for (struct held *h = t->first; h != NULL; h = h->next)
		if (strcmp(h->token, token) == 0)
			return h;
	return NULL;
}

static void deliver(struct sfn_loop *loop, void *ctx)
{
	struct held *h = ctx;
	struct sfn_task_outcome outcome = h->outcome;

	(void) loop;
	h->outcome.output = NULL;
	memset(&h->outcome.error, 0, sizeof(h->outcome.error));
	h->done(h->cb_ctx, &outcome);
	free_held(h);
}

/* The task waiting on the taskToken member, or NULL after the reply. */
static struct held *token_arg(struct Sfn_serve_call *call)
{
	const char *token;
	struct held *h;

	if (!Sfn_serve_str(call, "taskToken", 1, &token))
		return NULL;
	if (token[0] == '\0') {
		Sfn_serve_fail400(call, "InvalidToken", "Invalid Token: ''");
		return NULL;
	}
	h = find(&call->srv->tokens, token);
	if (h == NULL)
		Sfn_serve_fail400(call, "TaskDoesNotExist",
		                  "Task Does Not Exist: '%s'", token);
	return h;
}

static void complete(struct Sfn_serve_call *call, struct held *h)
{
	unlink_held(h);
	sfn_loop_defer(call->srv->loop, &h->defer, deliver, h);
	(void) Sfn_serve_out(call);
}

void Sfn_serve_task_success(struct Sfn_serve_call *call)
{
	struct held *h = token_arg(call);
	const char *text;
	cJSON *output;

	if (h == NULL || !Sfn_serve_str(call, "output", 1, &text))
		return;
	output = cJSON_Parse(text);
	if (output == NULL) {
		Sfn_serve_fail400(call, "InvalidOutput",
		                  "Invalid Output: 'The output is not valid "
		                  "JSON'");
		return;
	}
	h->outcome.output = output;
	complete(call, h);
}

void Sfn_serve_task_failure(struct Sfn_serve_call *call)
{
	struct held *h = token_arg(call);
	const char *error, *cause;
	enum sfn_status st;

	if (h == NULL || !Sfn_serve_str(call, "error", 0, &error) ||
	    !Sfn_serve_str(call, "cause", 0, &cause))
		return;
	st = sfn_error_set(&h->outcome.error, error ? error : "", "%s",
	                   cause ? cause : "");
	if (st == SFN_ERR_NOMEM) {
		Sfn_serve_fail_status(call, st);
		return;
	}
	complete(call, h);
}

/* The task's HeartbeatSeconds starts again. */
void Sfn_serve_task_heartbeat(struct Sfn_serve_call *call)
{
	struct held *h = token_arg(call);

	if (h == NULL)
		return;
	sfn_task_heartbeat(h->cb_ctx);
	(void) Sfn_serve_out(call);
}
