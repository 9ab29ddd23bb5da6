/* The AWS JSON 1.0 protocol, inbound and for errors: a request must be a
 * POST to / with X-Amz-Target "AWSStepFunctions.<Operation>", the
 * content type application/x-amz-json-1.0 and a JSON object as its body;
 * an error is {"__type": NAME, "message": TEXT} with the service's HTTP
 * status. Knows nothing of the operations themselves. */
#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "serve/serve_int.h"
#include "sfn/jsonout.h"

#define TARGET_PREFIX "AWSStepFunctions."
#define CONTENT_TYPE  "application/x-amz-json-1.0"

static int vfail(struct Sfn_serve_call *call, unsigned status, const char *type,
                 const char *fmt, va_list ap)
{
	struct sfn_buf *b = &call->reply->body;
	struct sfn_buf msg;

	sfn_buf_init(&msg, SFN_DIAG_MESSAGE_MAX);
	(void) sfn_buf_vprintf_cut(&msg, SFN_DIAG_MESSAGE_MAX, NULL, fmt, ap);
	sfn_buf_reset(b);
	call->reply->status = status;
	sfn_buf_adds(b, "{\"__type\":");
	sfn_jsonout_string(type, b);
	sfn_buf_adds(b, ",\"message\":");
	sfn_jsonout_string(sfn_buf_str(&msg), b);
	sfn_buf_addc(b, '}');
	sfn_buf_free(&msg);
	call->failed = 1;
	return 0;
}

int Sfn_serve_fail(struct Sfn_serve_call *call, unsigned status,
                   const char *type, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(call, status, type, fmt, ap);
	va_end(ap);
	return 0;
}

int Sfn_serve_fail400(struct Sfn_serve_call *call, const char *type,
                      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(call, 400, type, fmt, ap);
	va_end(ap);
	return 0;
}

int Sfn_serve_fail_status(struct Sfn_serve_call *call, enum sfn_status st)
{
	return Sfn_serve_fail(call, 500, "InternalFailure", "%s",
	                      sfn_status_str(st));
}

cJSON *Sfn_serve_out(struct Sfn_serve_call *call)
{
	if (call->out == NULL)
		call->out = cJSON_CreateObject();
	if (call->out == NULL)
		Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
	return call->out;
}

/* The media type of VALUE, parameters (";charset=...") aside. */
static int is_json10(const char *value)
{
	size_t n = strlen(CONTENT_TYPE);

	if (value == NULL || strncasecmp(value, CONTENT_TYPE, n) != 0)
		return 0;
	value += n;
	while (*value == ' ' || *value == '\t')
		value++;
	return *value == '\0' || *value == ';';
}

static const struct Sfn_serve_op *find_target(struct Sfn_serve_call *call,
                                              const char *target)
{
	size_t n = strlen(TARGET_PREFIX);
	const struct Sfn_serve_op *op = NULL;

	if (target != NULL && strncmp(target, TARGET_PREFIX, n) == 0)
		op = Sfn_serve_op_find(target + n, strlen(target + n));
	if (op == NULL)
		Sfn_serve_fail400(call, "UnknownOperationException",
		                  target ? "Unknown operation: '%s'"
		                         : "Missing X-Amz-Target%s",
		                  target ? target : "");
	return op;
}

/* The body: a JSON object (an empty body counts as {}). */
static int parse_body(struct Sfn_serve_call *call,
                      const struct sfn_serve_request *req)
{
	struct sfn_json_opts opts;
	struct sfn_diags diags;
	enum sfn_status st;
	const char *text = req->len ? req->body : "{}";

	sfn_json_opts_default(&opts);
	opts.keep_locations = 0;
	opts.max_depth = SFN_SERVE_MAX_DEPTH;
	sfn_diags_init(&diags);
	st = sfn_json_parse(text, req->len ? req->len : 2, "<request>", &opts,
	                    &diags, &call->doc);
	sfn_diags_free(&diags);
	if (st == SFN_ERR_NOMEM)
		return Sfn_serve_fail_status(call, st);
	if (st != SFN_OK)
		return Sfn_serve_fail400(call, "SerializationException",
		                         "The request body is not valid JSON");
	call->in = sfn_json_root(call->doc);
	if (!cJSON_IsObject(call->in))
		return Sfn_serve_fail400(call, "SerializationException",
		                         "The request body must be a JSON "
		                         "object");
	return 1;
}

int Sfn_serve_check_headers(struct Sfn_serve_call *call,
                            const struct sfn_serve_request *req)
{
	if (req->header_bytes <= SFN_SERVE_MAX_HEADERS)
		return 1;
	/* no AWS JSON service documents this error: the name is S3's for
	 * it, the status the one libmicrohttpd answers past its own limit */
	return Sfn_serve_fail(call, 431, "RequestHeaderSectionTooLarge",
	                      "The request line and headers are larger than "
	                      "%d bytes",
	                      SFN_SERVE_MAX_HEADERS);
}

const struct Sfn_serve_op *Sfn_serve_decode(struct Sfn_serve_call *call,
                                            const struct sfn_serve_request *req,
                                            size_t max_body)
{
	const struct Sfn_serve_op *op;

	if (req->too_large || req->len > max_body) {
		Sfn_serve_fail(call, 413, "RequestEntityTooLargeException",
		               "The request body is larger than %zu bytes",
		               max_body);
		return NULL;
	}
	if (req->method == NULL || strcmp(req->method, "POST") != 0 ||
	    req->path == NULL || strcmp(req->path, "/") != 0) {
		Sfn_serve_fail400(call, "UnknownOperationException",
		                  "Operations are served as POST /");
		return NULL;
	}
	op = find_target(call, req->target);
	if (op == NULL)
		return NULL;
	if (!is_json10(req->content_type)) {
		Sfn_serve_fail400(call, "UnknownOperationException",
		                  "The content type must be " CONTENT_TYPE);
		return NULL;
	}
	return parse_body(call, req) ? op : NULL;
}
