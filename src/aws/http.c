/* One HTTP(S) request on the curl loop: builds the easy handle (timeouts,
 * TLS verification, CA bundle), keeps the x-amzn-* headers and a capped
 * body, reports once and frees everything, wiping the request headers.
 * Knows nothing of signing, of AWS services or of ASL. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "aws/http.h"
#include "util/wipe.h"

struct sfn_http_call {
	struct sfn_loop *loop;
	struct sfn_curl_loop *cl;
	CURL *easy;
	struct curl_slist *headers; /* hold signatures and tokens: wiped */
	void *body;                 /* a copy of the request body */
	size_t max;                 /* response body cap */
	long read_ms;               /* the read timeout */
	int64_t last_byte; /* monotonic ms of the last byte (or start) */
	struct sfn_timer read_timer;
	sfn_http_done_fn done;
	void *ctx;
	struct sfn_http_response resp;
};

static void call_free(struct sfn_http_call *call)
{
	if (call->loop != NULL)
		sfn_loop_timer_stop(call->loop, &call->read_timer);
	for (struct curl_slist *h = call->headers; h != NULL; h = h->next)
		Sfn_wipe(h->data, strlen(h->data));
	curl_slist_free_all(call->headers);
	if (call->easy != NULL)
		curl_easy_cleanup(call->easy);
	free(call->body);
	sfn_buf_free(&call->resp.body);
	free(call);
}

/* Real monotonic time: the loop's clock may be virtual, and a virtual
 * clock stands still during I/O. */
static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
	struct sfn_http_call *call = ctx;

	call->last_byte = now_ms();
	if (call->resp.body.len + size * n > call->max) {
		call->resp.too_big = 1;
		return 0; /* curl fails the transfer with CURLE_WRITE_ERROR */
	}
	return sfn_buf_add(&call->resp.body, data, size * n) == SFN_OK
	               ? size * n
	               : 0;
}

/* Copies the value of header line LINE into OUT when its name is NAME. */
static void keep_header(const char *line, size_t n, const char *name, char *out,
                        size_t cap)
{
	size_t len = strlen(name);

	if (n <= len || line[len] != ':' || strncasecmp(line, name, len) != 0)
		return;
	line += len + 1;
	n -= len + 1;
	while (n > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		n--;
	}
	while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == '\n' ||
	                 line[n - 1] == ' '))
		n--;
	if (n >= cap)
		n = cap - 1;
	memcpy(out, line, n);
	out[n] = '\0';
}

static size_t on_header(char *line, size_t size, size_t n, void *ctx)
{
	struct sfn_http_call *call = ctx;

	call->last_byte = now_ms();
	if (n >= 5 && strncmp(line, "HTTP/", 5) == 0) {
		/* a new response (after a 100 Continue): forget the last */
		call->resp.error_type[0] = call->resp.request_id[0] = '\0';
		return size * n;
	}
	keep_header(line, n, "x-amzn-ErrorType", call->resp.error_type,
	            sizeof(call->resp.error_type));
	keep_header(line, n, "x-amzn-RequestId", call->resp.request_id,
	            sizeof(call->resp.request_id));
	return size * n;
}

/* "Name: value" lines, and "Expect:" so that no 100 Continue waits. */
static int add_headers(struct sfn_http_call *call,
                       const struct sfn_http_request *req)
{
	struct sfn_buf line;
	struct curl_slist *next;
	int ok = 1;

	for (size_t i = 0; ok && i <= req->header_count; i++) {
		sfn_buf_init(&line, SFN_SIGV4_MAX_TEXT);
		if (i < req->header_count)
			sfn_buf_printf(&line, "%s: %s", req->headers[i].name,
			               req->headers[i].value);
		else
			sfn_buf_adds(&line, "Expect:");
		next = line.status == SFN_OK
		               ? curl_slist_append(call->headers, line.data)
		               : NULL;
		ok = next != NULL;
		if (ok)
			call->headers = next;
		if (line.data != NULL)
			Sfn_wipe(line.data, line.len);
		sfn_buf_free(&line);
	}
	return ok;
}

static long or_default(long v, long d)
{
	return v > 0 ? v : d;
}

/* Timeouts (but the read timeout: ours, since curl's low-speed check
 * averages over seconds and counts the upload) and TLS. */
static int set_transport(CURL *e, const struct sfn_http_options *o)
{
	long verify = o->no_verify_ssl ? 0L : 1L;
	int ok = 1;

	ok &= curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
	                       or_default(o->connect_timeout_ms,
	                                  SFN_HTTP_CONNECT_TIMEOUT_MS)) ==
	      CURLE_OK;
	ok &= curl_easy_setopt(e, CURLOPT_TIMEOUT_MS,
	                       or_default(o->total_timeout_ms,
	                                  SFN_HTTP_TOTAL_TIMEOUT_MS)) ==
	      CURLE_OK;
	ok &= curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, verify) == CURLE_OK;
	ok &= curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, verify * 2) ==
	      CURLE_OK;
	if (o->ca_bundle != NULL)
		ok &= curl_easy_setopt(e, CURLOPT_CAINFO, o->ca_bundle) ==
		      CURLE_OK;
	return ok;
}

static int set_request(struct sfn_http_call *call,
                       const struct sfn_http_request *req)
{
	CURL *e = call->easy;
	int ok = 1;

	ok &= curl_easy_setopt(e, CURLOPT_URL, req->url) == CURLE_OK;
	ok &= curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https") ==
	      CURLE_OK;
	ok &= curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L) == CURLE_OK;
	ok &= curl_easy_setopt(e, CURLOPT_HTTPHEADER, call->headers) ==
	      CURLE_OK;
	ok &= curl_easy_setopt(e, CURLOPT_ERRORBUFFER, call->resp.curl_error) ==
	      CURLE_OK;
	ok &= curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body) == CURLE_OK;
	ok &= curl_easy_setopt(e, CURLOPT_WRITEDATA, call) == CURLE_OK;
	ok &= curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header) ==
	      CURLE_OK;
	ok &= curl_easy_setopt(e, CURLOPT_HEADERDATA, call) == CURLE_OK;
	if (strcmp(req->method, "GET") != 0) {
		ok &= curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
		                       (curl_off_t) req->body_len) == CURLE_OK;
		ok &= curl_easy_setopt(e, CURLOPT_POSTFIELDS, call->body) ==
		      CURLE_OK;
	}
	if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "POST") != 0)
		ok &= curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, req->method) ==
		      CURLE_OK;
	return ok;
}

static void on_done(void *ctx, CURL *easy, CURLcode result)
{
	struct sfn_http_call *call = ctx;

	sfn_loop_timer_stop(call->loop, &call->read_timer);
	call->resp.result = result;
	if (curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE,
	                      &call->resp.status) != CURLE_OK)
		call->resp.status = 0;
	sfn_buf_adds(&call->resp.body, ""); /* a string even when empty */
	call->done(call->ctx, &call->resp);
	call_free(call);
}

/* The read timer: fires READ_MS after the last byte, or waits again. */
static void on_read_timer(struct sfn_loop *loop, void *ctx)
{
	struct sfn_http_call *call = ctx;
	int64_t idle = now_ms() - call->last_byte;

	if (idle < call->read_ms &&
	    sfn_loop_timer_start(loop, &call->read_timer, call->read_ms - idle,
	                         SFN_TIMER_REAL, on_read_timer, call) == SFN_OK)
		return;
	Sfn_curl_loop_remove(call->cl, call->easy);
	call->resp.result = CURLE_OPERATION_TIMEDOUT;
	snprintf(call->resp.curl_error, sizeof(call->resp.curl_error),
	         "no data received for %ld ms", call->read_ms);
	sfn_buf_adds(&call->resp.body, "");
	call->done(call->ctx, &call->resp);
	call_free(call);
}

static struct sfn_http_call *call_new(const struct sfn_http_options *opt,
                                      const struct sfn_http_request *req)
{
	struct sfn_http_call *call = calloc(1, sizeof(*call));

	if (call == NULL)
		return NULL;
	call->max = opt->max_response_bytes ? opt->max_response_bytes
	                                    : SFN_HTTP_MAX_RESPONSE_BYTES;
	call->read_ms =
	        or_default(opt->read_timeout_ms, SFN_HTTP_READ_TIMEOUT_MS);
	sfn_timer_init(&call->read_timer);
	sfn_buf_init(&call->resp.body, call->max + 1);
	call->body = malloc(req->body_len + 1);
	call->easy = curl_easy_init();
	if (call->body == NULL || call->easy == NULL) {
		call_free(call);
		return NULL;
	}
	if (req->body_len > 0)
		memcpy(call->body, req->body, req->body_len);
	return call;
}

enum sfn_status Sfn_http_start(struct sfn_loop *loop, struct sfn_curl_loop *cl,
                               const struct sfn_http_options *opt,
                               const struct sfn_http_request *req,
                               sfn_http_done_fn done, void *ctx,
                               struct sfn_http_call **out)
{
	struct sfn_http_call *call = call_new(opt, req);
	enum sfn_status st;

	*out = NULL;
	if (call == NULL || !add_headers(call, req)) {
		if (call != NULL)
			call_free(call);
		return SFN_ERR_NOMEM;
	}
	call->cl = cl;
	call->done = done;
	call->ctx = ctx;
	if (!set_request(call, req) || !set_transport(call->easy, opt)) {
		call_free(call);
		return SFN_ERR_USAGE;
	}
	call->last_byte = now_ms();
	st = sfn_loop_timer_start(loop, &call->read_timer, call->read_ms,
	                          SFN_TIMER_REAL, on_read_timer, call);
	call->loop = loop; /* from here call_free stops the timer */
	if (st == SFN_OK)
		st = Sfn_curl_loop_add(cl, call->easy, on_done, call);
	if (st != SFN_OK) {
		call_free(call);
		return st;
	}
	*out = call;
	return SFN_OK;
}

void Sfn_http_cancel(struct sfn_curl_loop *cl, struct sfn_http_call *call)
{
	Sfn_curl_loop_remove(cl, call->easy);
	call_free(call);
}
