/* The Bedrock integration: a Task with Resource
 * "arn:aws:states:::bedrock:invokeModel" becomes a SigV4-signed
 * POST /model/{ModelId}/invoke on bedrock-runtime, run on the curl loop;
 * the task's output is {"Body": <the model's JSON>} as Step Functions
 * returns it. Knows nothing of ASL beyond the task request.
 *
 * Use: resolve credentials, region and endpoint (sfn/aws.h), make the
 * integration with sfn_bedrock_new, add sfn_bedrock_integration(b) to the
 * integrations table under SFN_BEDROCK_RESOURCE, run the loop, and free
 * it after the loop is done with it and before the curl loop.
 *
 * The task input's fields: ModelId (a model ID or ARN; required), Body (a
 * JSON object, or a string sent as is; required), ContentType and Accept
 * (default application/json), Trace ("ENABLED" or "DISABLED"),
 * GuardrailIdentifier, GuardrailVersion. Input and Output (S3 objects)
 * are refused.
 *
 * Errors, as the task's outcome:
 *   Bedrock.<Exception>  the service's error (x-amzn-ErrorType, else the
 *                        body's __type), cause its message;
 *   States.Timeout       a connect, read or total timeout;
 *   States.TaskFailed    no connection, a dropped one, an unnamed HTTP
 *                        error, a response past its limit or not JSON;
 *   States.Runtime       a task input the integration cannot send.
 * No cause holds the credentials, a signature or a request header. */
#ifndef SFN_BEDROCK_H
#define SFN_BEDROCK_H

#include <stddef.h>
#include <stdint.h>

#include "sfn/aws.h"
#include "sfn/clock.h"
#include "sfn/integration.h"
#include "sfn/loop.h"

#define SFN_BEDROCK_RESOURCE       "arn:aws:states:::bedrock:invokeModel"
#define SFN_BEDROCK_MAX_BODY_BYTES (256 * 1024) /* Body, as Step Functions */
#define SFN_BEDROCK_MAX_IN_FLIGHT  64 /* calls at once unless set lower */

struct sfn_curl_loop;

/* Everything is borrowed and must outlive the integration. */
struct sfn_bedrock_options {
	const struct sfn_aws_credentials *credentials;
	const char *region;
	const char *endpoint; /* base URL (sfn_aws_endpoint_resolve) */
	size_t max_in_flight; /* calls at once, the others wait in order;
	                         0: SFN_BEDROCK_MAX_IN_FLIGHT */
	/* Transport; zeros mean the defaults of src/aws/http.h (connect 10 s,
	 * read 60 s without a byte, total 300 s, 16 MiB of response). */
	long connect_timeout_ms;
	long read_timeout_ms;
	long total_timeout_ms;
	size_t max_response_bytes;
	const char *ca_bundle; /* a CA file to trust, or NULL */
	int no_verify_ssl;     /* 1 turns TLS verification off */
	/* Wall time to sign with; NULL: the real clock. Never the virtual
	 * clock of --no-wait: AWS refuses signatures from another time. */
	const struct sfn_clock *clock;
};

struct sfn_bedrock;

/* SFN_ERR_USAGE when an option is missing or the endpoint is not a URL;
 * SFN_ERR_IO when libcurl, opened at first use, cannot be loaded. CL is the
 * curl adapter to run on (shared with other users of LOOP), or NULL for one of
 * the integration's own, freed with it; either way the program calls
 * curl_global_init before. */
enum sfn_status sfn_bedrock_new(struct sfn_loop *loop, struct sfn_curl_loop *cl,
                                const struct sfn_bedrock_options *opt,
                                struct sfn_bedrock **out);
/* The integration (real_time: it does network I/O). Valid while B is. */
const struct sfn_integration *sfn_bedrock_integration(struct sfn_bedrock *b);
/* Calls on the wire now, and the most there ever were at once. */
size_t sfn_bedrock_in_flight(const struct sfn_bedrock *b);
size_t sfn_bedrock_max_seen(const struct sfn_bedrock *b);
/* Cancels the tasks still running or waiting (no callbacks) and frees B. */
void sfn_bedrock_free(struct sfn_bedrock *b);

#endif
