/* The Bedrock integration's life cycle: start reads the task input, signs
 * the InvokeModel request and puts it on the curl loop, or queues it while
 * max_in_flight calls are out; each completion reports once, from the
 * loop, and lets the next queued call go; cancel stops either. Knows
 * nothing of ASL beyond the task request. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aws/bedrock_int.h"

#define SIGNED_HEADERS 6 /* Host, Content-Type, Accept, three optional */

struct bedrock_task {
	struct sfn_task base; /* first: the handle the interpreter holds */
	struct sfn_bedrock *b;
	sfn_task_done_fn done;
	void *cb_ctx;
	struct bedrock_req req;
	struct sfn_http_call *call;         /* on the wire, or NULL */
	struct sfn_defer defer;             /* reporting EARLY soon */
	struct sfn_error early;             /* a failure before the wire */
	int queued;                         /* waiting for a free slot */
	struct bedrock_task *prev, *next;   /* every live task */
	struct bedrock_task *qprev, *qnext; /* the queue, oldest first */
};

struct sfn_bedrock {
	struct sfn_integration integration;
	struct sfn_loop *loop;
	struct sfn_curl_loop *cl;
	struct sfn_curl_loop *own_cl; /* CL when made here, else NULL */
	struct sfn_bedrock_options opt;
	struct sfn_http_options http;
	struct sfn_clock real_clock;
	const struct sfn_clock *clock;
	char *base;   /* the endpoint URL, no trailing slash */
	char *prefix; /* the endpoint URL's path, "" for none */
	char *host;   /* the Host header: host[:port] */
	struct sfn_sigv4_signer signer;
	size_t max, in_flight, max_seen;
	struct bedrock_task *tasks;
	struct bedrock_task *qhead, *qtail;
};

static void pump(struct sfn_bedrock *b);

/* ---- task lists --------------------------------------------------------- */

static void unlink_task(struct sfn_bedrock *b, struct bedrock_task *t)
{
	if (t->prev != NULL)
		t->prev->next = t->next;
	else
		b->tasks = t->next;
	if (t->next != NULL)
		t->next->prev = t->prev;
}

static void enqueue(struct sfn_bedrock *b, struct bedrock_task *t)
{
	t->queued = 1;
	t->qprev = b->qtail;
	t->qnext = NULL;
	if (b->qtail != NULL)
		b->qtail->qnext = t;
	else
		b->qhead = t;
	b->qtail = t;
}

static void dequeue(struct sfn_bedrock *b, struct bedrock_task *t)
{
	if (t->qprev != NULL)
		t->qprev->qnext = t->qnext;
	else
		b->qhead = t->qnext;
	if (t->qnext != NULL)
		t->qnext->qprev = t->qprev;
	else
		b->qtail = t->qprev;
	t->queued = 0;
}

static void task_free(struct sfn_bedrock *b, struct bedrock_task *t)
{
	unlink_task(b, t);
	Sfn_Bedrock_request_free(&t->req);
	sfn_error_clear(&t->early);
	free(t);
}

/* Hands OUT to the task's callback; the task is gone after. */
static void finish(struct bedrock_task *t, struct sfn_task_outcome *out)
{
	sfn_task_done_fn done = t->done;
	void *cb_ctx = t->cb_ctx;

	task_free(t->b, t);
	done(cb_ctx, out);
}

/* ---- failing before the wire: reported on the loop's next turn -------- */

static void on_early(struct sfn_loop *loop, void *ctx)
{
	struct bedrock_task *t = ctx;
	struct sfn_task_outcome out = { NULL, t->early };

	(void) loop;
	memset(&t->early, 0, sizeof(t->early)); /* moved into OUT */
	finish(t, &out);
}

static void fail_soon(struct bedrock_task *t)
{
	sfn_loop_defer(t->b->loop, &t->defer, on_early, t);
}

/* ---- on the wire -------------------------------------------------------- */

static void on_response(void *ctx, const struct sfn_http_response *resp)
{
	struct bedrock_task *t = ctx;
	struct sfn_bedrock *b = t->b;
	struct sfn_task_outcome out;
	size_t max = b->http.max_response_bytes;

	t->call = NULL;
	b->in_flight--;
	if (Sfn_Bedrock_outcome(resp, max ? max : SFN_HTTP_MAX_RESPONSE_BYTES,
	                        &out) != SFN_OK)
		sfn_error_set(&out.error, "States.Runtime", "out of memory");
	pump(b); /* the next queued call takes the slot first */
	finish(t, &out);
}

/* The request's headers before signing; returns how many. */
static size_t base_headers(const struct sfn_bedrock *b,
                           const struct bedrock_req *r,
                           struct sfn_sigv4_header *h)
{
	size_t n = 0;

	h[n++] = (struct sfn_sigv4_header){ "Host", b->host };
	h[n++] = (struct sfn_sigv4_header){ "Content-Type", r->content_type };
	h[n++] = (struct sfn_sigv4_header){ "Accept", r->accept };
	if (r->trace != NULL)
		h[n++] = (struct sfn_sigv4_header){ "X-Amzn-Bedrock-Trace",
			                            r->trace };
	if (r->guardrail_id != NULL)
		h[n++] = (struct sfn_sigv4_header){
			"X-Amzn-Bedrock-GuardrailIdentifier", r->guardrail_id
		};
	if (r->guardrail_version != NULL)
		h[n++] = (struct sfn_sigv4_header){
			"X-Amzn-Bedrock-GuardrailVersion", r->guardrail_version
		};
	return n;
}

/* Signs T's request now and starts it. */
static enum sfn_status sign_and_start(struct sfn_bedrock *b,
                                      struct bedrock_task *t)
{
	struct sfn_sigv4_header h[SIGNED_HEADERS + SFN_SIGV4_ADDED_MAX];
	size_t n = base_headers(b, &t->req, h);
	struct sfn_buf path, url;
	struct sfn_sigv4_credentials c = {
		b->opt.credentials->access_key_id,
		b->opt.credentials->secret_access_key,
		b->opt.credentials->session_token
	};
	struct sfn_sigv4_params p = { b->opt.region,
		                      "bedrock",
		                      b->clock->wall_ms(b->clock) / 1000,
		                      1,
		                      0,
		                      0,
		                      0 };
	struct sfn_sigv4_request sreq = {
		"POST", NULL, NULL, h, n, t->req.body, t->req.body_len
	};
	struct sfn_sigv4_result res;
	enum sfn_status st;

	sfn_buf_init(&path, SFN_SIGV4_MAX_TEXT);
	sfn_buf_init(&url, SFN_SIGV4_MAX_TEXT);
	sfn_buf_printf(&path, "%s%s", b->prefix, t->req.path);
	sfn_buf_printf(&url, "%s%s", b->base, t->req.path);
	sreq.path = sfn_buf_str(&path);
	st = path.status != SFN_OK ? path.status : url.status;
	if (st == SFN_OK)
		st = sfn_sigv4_sign_headers(&b->signer, &c, &p, &sreq, &res);
	else
		memset(&res, 0, sizeof(res));
	for (size_t i = 0; st == SFN_OK && i < res.added_count; i++)
		h[n++] = res.added[i];
	if (st == SFN_OK) {
		struct sfn_http_request hreq = { "POST",      url.data,
			                         h,           n,
			                         t->req.body, t->req.body_len };

		st = Sfn_http_start(b->loop, b->cl, &b->http, &hreq,
		                    on_response, t, &t->call);
	}
	sfn_sigv4_result_free(&res);
	sfn_buf_free(&path);
	sfn_buf_free(&url);
	return st;
}

static void send_task(struct sfn_bedrock *b, struct bedrock_task *t)
{
	enum sfn_status st = sign_and_start(b, t);

	if (st == SFN_OK) {
		b->in_flight++;
		if (b->in_flight > b->max_seen)
			b->max_seen = b->in_flight;
		return;
	}
	sfn_error_set(&t->early, "States.TaskFailed",
	              "bedrock:invokeModel: the request could not be made: %s",
	              sfn_status_str(st));
	fail_soon(t);
}

static void pump(struct sfn_bedrock *b)
{
	while (b->qhead != NULL && b->in_flight < b->max) {
		struct bedrock_task *t = b->qhead;

		dequeue(b, t);
		send_task(b, t);
	}
}

/* ---- the integration ---------------------------------------------------- */

static enum sfn_status start(void *ctx, const struct sfn_task_request *tr,
                             sfn_task_done_fn done, void *cb_ctx,
                             struct sfn_task **out)
{
	struct sfn_bedrock *b = ctx;
	struct bedrock_task *t = calloc(1, sizeof(*t));
	enum sfn_status st;

	if (t == NULL)
		return SFN_ERR_NOMEM;
	t->base.integration = &b->integration;
	t->b = b;
	t->done = done;
	t->cb_ctx = cb_ctx;
	sfn_defer_init(&t->defer);
	t->next = b->tasks;
	if (b->tasks != NULL)
		b->tasks->prev = t;
	b->tasks = t;
	st = Sfn_Bedrock_request_read(tr->input, &t->req, &t->early);
	if (st == SFN_ERR_FAILED) {
		fail_soon(t);
	} else if (st != SFN_OK) {
		task_free(b, t);
		return st;
	} else if (b->in_flight < b->max && b->qhead == NULL) {
		send_task(b, t);
	} else {
		enqueue(b, t);
	}
	*out = &t->base;
	return SFN_OK;
}

/* Stops T without a callback. */
static void stop(struct sfn_bedrock *b, struct bedrock_task *t)
{
	if (t->call != NULL) {
		Sfn_http_cancel(b->cl, t->call);
		b->in_flight--;
	}
	if (t->queued)
		dequeue(b, t);
	sfn_loop_defer_cancel(b->loop, &t->defer);
	task_free(b, t);
}

static void cancel(void *ctx, struct sfn_task *task)
{
	struct sfn_bedrock *b = ctx;

	stop(b, (struct bedrock_task *) task);
	pump(b);
}

/* ---- making and freeing ------------------------------------------------- */

/* Splits the endpoint into the URL base, its path and the Host header. */
static enum sfn_status parse_endpoint(struct sfn_bedrock *b, const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL, *port = NULL, *path = NULL;
	struct sfn_buf h;
	size_t n;
	int ok = u != NULL && curl_url_set(u, CURLUPART_URL, url, 0) == 0 &&
	         curl_url_get(u, CURLUPART_HOST, &host, 0) == 0 &&
	         curl_url_get(u, CURLUPART_PATH, &path, 0) == 0;

	if (ok &&
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_NO_DEFAULT_PORT) != 0)
		port = NULL;
	sfn_buf_init(&h, SFN_AWS_VALUE_MAX);
	if (ok)
		sfn_buf_printf(&h, "%s%s%s", host, port ? ":" : "",
		               port ? port : "");
	b->host = ok ? sfn_buf_take(&h) : NULL;
	n = ok ? strlen(path) : 0;
	while (n > 0 && path[n - 1] == '/')
		n--;
	b->prefix = ok ? strndup(path, n) : NULL;
	n = strlen(url);
	while (n > 0 && url[n - 1] == '/')
		n--;
	b->base = strndup(url, n);
	curl_free(host);
	curl_free(port);
	curl_free(path);
	curl_url_cleanup(u);
	if (!ok)
		return SFN_ERR_USAGE;
	return b->host && b->prefix && b->base ? SFN_OK : SFN_ERR_NOMEM;
}

static void http_options(struct sfn_bedrock *b)
{
	b->http.connect_timeout_ms = b->opt.connect_timeout_ms;
	b->http.read_timeout_ms = b->opt.read_timeout_ms;
	b->http.total_timeout_ms = b->opt.total_timeout_ms;
	b->http.max_response_bytes = b->opt.max_response_bytes;
	b->http.ca_bundle = b->opt.ca_bundle;
	b->http.no_verify_ssl = b->opt.no_verify_ssl;
}

enum sfn_status sfn_bedrock_new(struct sfn_loop *loop, struct sfn_curl_loop *cl,
                                const struct sfn_bedrock_options *opt,
                                struct sfn_bedrock **out)
{
	struct sfn_bedrock *b;
	enum sfn_status st;

	*out = NULL;
	if (opt->credentials == NULL || opt->region == NULL ||
	    opt->endpoint == NULL || opt->credentials->access_key_id == NULL ||
	    opt->credentials->secret_access_key == NULL)
		return SFN_ERR_USAGE;
	b = calloc(1, sizeof(*b));
	if (b == NULL)
		return SFN_ERR_NOMEM;
	b->loop = loop;
	b->cl = cl;
	b->opt = *opt;
	if (cl == NULL) {
		st = Sfn_curl_loop_new(loop, &b->own_cl);
		if (st != SFN_OK) {
			free(b);
			return st;
		}
		b->cl = b->own_cl;
	}
	b->max = opt->max_in_flight ? opt->max_in_flight
	                            : SFN_BEDROCK_MAX_IN_FLIGHT;
	http_options(b);
	sfn_clock_init_real(&b->real_clock);
	b->clock = opt->clock ? opt->clock : &b->real_clock;
	sfn_sigv4_signer_init(&b->signer);
	b->integration =
	        (struct sfn_integration){ "bedrock", start, cancel, b, 1 };
	st = parse_endpoint(b, opt->endpoint);
	if (st != SFN_OK) {
		sfn_bedrock_free(b);
		return st;
	}
	*out = b;
	return SFN_OK;
}

const struct sfn_integration *sfn_bedrock_integration(struct sfn_bedrock *b)
{
	return &b->integration;
}

size_t sfn_bedrock_in_flight(const struct sfn_bedrock *b)
{
	return b->in_flight;
}

size_t sfn_bedrock_max_seen(const struct sfn_bedrock *b)
{
	return b->max_seen;
}

void sfn_bedrock_free(struct sfn_bedrock *b)
{
	if (b == NULL)
		return;
	while (b->tasks != NULL)
		stop(b, b->tasks);
	sfn_sigv4_signer_wipe(&b->signer);
	free(b->base);
	free(b->prefix);
	free(b->host);
	if (b->own_cl != NULL)
		Sfn_curl_loop_free(b->own_cl);
	free(b);
}
