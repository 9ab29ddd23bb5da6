/* An InvokeModel response made into a task outcome: {"Body": <the model's
 * JSON>} on success; Bedrock.<Exception> with the service's message;
 * States.Timeout and States.TaskFailed for the transport's failures.
 * Knows nothing of requests, signing or the loop. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aws/bedrock_int.h"

#define MESSAGE_MAX 1024 /* bytes of an unnamed error's body in a cause */

static const char *json_string(const cJSON *doc, const char *a, const char *b)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(doc, a);

	if (!cJSON_IsString(v))
		v = cJSON_GetObjectItemCaseSensitive(doc, b);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The exception name: the header's, else the body's __type/code, less a
 * "namespace#" prefix and a ":detail" suffix. */
static size_t error_name(const struct sfn_http_response *resp, const cJSON *doc,
                         const char **name)
{
	const char *s = resp->error_type;
	const char *hash;

	if (s[0] == '\0')
		s = json_string(doc, "__type", "code");
	if (s == NULL || s[0] == '\0')
		return 0;
	hash = strchr(s, '#');
	if (hash != NULL)
		s = hash + 1;
	*name = s;
	return strcspn(s, ":");
}

static enum sfn_status service_error(const struct sfn_http_response *resp,
                                     struct sfn_task_outcome *out)
{
	cJSON *doc = cJSON_Parse(sfn_buf_str(&resp->body));
	const char *name = NULL;
	size_t n = error_name(resp, doc, &name);
	const char *msg = json_string(doc, "message", "Message");
	struct sfn_buf err_name;
	enum sfn_status st;

	sfn_buf_init(&err_name, 256);
	if (n > 0)
		sfn_buf_printf(&err_name, "Bedrock.%.*s", (int) n, name);
	else
		sfn_buf_adds(&err_name, "States.TaskFailed");
	if (msg == NULL)
		msg = sfn_buf_str(&resp->body);
	st = sfn_error_set(&out->error, sfn_buf_str(&err_name),
	                   "%.*s (Service: BedrockRuntime, Status Code: %ld, "
	                   "Request ID: %s)",
	                   MESSAGE_MAX, msg, resp->status,
	                   resp->request_id[0] ? resp->request_id : "none");
	sfn_buf_free(&err_name);
	cJSON_Delete(doc);
	return st == SFN_ERR_FAILED ? SFN_OK : st;
}

static enum sfn_status transport_error(const struct sfn_http_response *resp,
                                       size_t max, struct sfn_task_outcome *out)
{
	const char *why = resp->curl_error[0]
	                          ? resp->curl_error
	                          : curl_easy_strerror(resp->result);
	enum sfn_status st;

	if (resp->too_big)
		st = sfn_error_set(
		        &out->error, "States.TaskFailed",
		        "Bedrock's response is larger than %zu bytes", max);
	else if (resp->result == CURLE_OPERATION_TIMEDOUT)
		st = sfn_error_set(&out->error, "States.Timeout",
		                   "calling Bedrock timed out: %s", why);
	else
		st = sfn_error_set(&out->error, "States.TaskFailed",
		                   "calling Bedrock failed: %s", why);
	return st == SFN_ERR_FAILED ? SFN_OK : st;
}

static enum sfn_status success(const struct sfn_http_response *resp,
                               struct sfn_task_outcome *out)
{
	cJSON *body = cJSON_Parse(sfn_buf_str(&resp->body));
	enum sfn_status st;

	if (body == NULL) {
		st = sfn_error_set(&out->error, "States.TaskFailed",
		                   "Bedrock's response body is not JSON "
		                   "(Request ID: %s)",
		                   resp->request_id[0] ? resp->request_id
		                                       : "none");
		return st == SFN_ERR_FAILED ? SFN_OK : st;
	}
	out->output = cJSON_CreateObject();
	if (out->output == NULL ||
	    !cJSON_AddItemToObject(out->output, "Body", body)) {
		cJSON_Delete(out->output);
		cJSON_Delete(body);
		out->output = NULL;
		return SFN_ERR_NOMEM;
	}
	return SFN_OK;
}

enum sfn_status Sfn_Bedrock_outcome(const struct sfn_http_response *resp,
                                    size_t max, struct sfn_task_outcome *out)
{
	memset(out, 0, sizeof(*out));
	if (resp->result != CURLE_OK)
		return transport_error(resp, max, out);
	if (resp->status >= 200 && resp->status < 300)
		return success(resp, out);
	return service_error(resp, out);
}
