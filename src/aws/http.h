/* One HTTP(S) request on the curl loop: method, URL, headers and body in;
 * status, the x-amzn-ErrorType and x-amzn-RequestId headers and a capped
 * body out. TLS verification is on unless a caller turns it off. Knows
 * nothing of signing, of AWS services or of ASL. */
#ifndef SFN_AWS_HTTP_H
#define SFN_AWS_HTTP_H

#include "aws/curl_api.h"

#include "aws/curl_loop.h"
#include "sfn/sigv4.h"
#include "sfn/util.h"

#define SFN_HTTP_MAX_RESPONSE_BYTES (16 * 1024 * 1024) /* response body */
#define SFN_HTTP_MAX_HEADER_VALUE   1024  /* x-amzn-* values kept */
#define SFN_HTTP_CONNECT_TIMEOUT_MS 10000 /* defaults of the options */
#define SFN_HTTP_READ_TIMEOUT_MS    60000
#define SFN_HTTP_TOTAL_TIMEOUT_MS   300000

/* How every request is made; zeros mean the defaults above. */
struct sfn_http_options {
	long connect_timeout_ms; /* to set up the connection */
	long read_timeout_ms;    /* with no byte received (a real timer on
	                            the loop, reset by every byte) */
	long total_timeout_ms;   /* the whole request */
	size_t max_response_bytes;
	const char *ca_bundle; /* a CA file trusted besides the system's
	                          CA folder (CURLOPT_CAINFO), or NULL */
	int no_verify_ssl;     /* 1 turns certificate checks off */
};

struct sfn_http_request {
	const char *method;
	const char *url;
	const struct sfn_sigv4_header *headers;
	size_t header_count;
	const void *body;
	size_t body_len;
};

/* What came back. Valid during the completion callback only. */
struct sfn_http_response {
	CURLcode result; /* CURLE_OK, or why the transfer failed */
	int too_big;     /* the body passed max_response_bytes */
	long status;     /* HTTP status, 0 without a response */
	char error_type[SFN_HTTP_MAX_HEADER_VALUE]; /* x-amzn-ErrorType */
	char request_id[SFN_HTTP_MAX_HEADER_VALUE]; /* x-amzn-RequestId */
	struct sfn_buf body;
	char curl_error[CURL_ERROR_SIZE];
};

struct sfn_http_call;

/* Called once per call not cancelled, from the loop; the call is freed
 * when it returns. */
typedef void (*sfn_http_done_fn)(void *ctx,
                                 const struct sfn_http_response *response);

/* Starts REQ on CL, whose loop is LOOP (copies what it needs: headers,
 * body). Header values are wiped when the call ends, since they carry
 * signatures and tokens. SFN_ERR_LIMIT when CL runs
 * SFN_CURL_LOOP_MAX_TRANSFERS already. */
enum sfn_status Sfn_http_start(struct sfn_loop *loop, struct sfn_curl_loop *cl,
                               const struct sfn_http_options *opt,
                               const struct sfn_http_request *req,
                               sfn_http_done_fn done, void *ctx,
                               struct sfn_http_call **call);
/* Stops CALL and frees it: its callback is never called. */
void Sfn_http_cancel(struct sfn_curl_loop *cl, struct sfn_http_call *call);

#endif
