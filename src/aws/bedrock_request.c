/* A bedrock:invokeModel task input made into an InvokeModel request: the
 * path with the model ID or ARN encoded, the Body as JSON text, the
 * content headers, Trace and the guardrail. Knows nothing of signing,
 * transports or the loop. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aws/bedrock_int.h"

void Sfn_Bedrock_request_free(struct bedrock_req *r)
{
	free(r->path);
	free(r->body);
	free(r->content_type);
	free(r->accept);
	free(r->trace);
	free(r->guardrail_id);
	free(r->guardrail_version);
	memset(r, 0, sizeof(*r));
}

static enum sfn_status invalid(struct sfn_error *err, const char *field,
                               const char *why)
{
	return sfn_error_set(err, "States.Runtime",
	                     "bedrock:invokeModel: the field '%s' %s", field,
	                     why);
}

/* Field NAME as a copy in *OUT: absent gives DEF (NULL: stays NULL). */
static enum sfn_status string_field(const cJSON *input, const char *name,
                                    const char *def, char **out,
                                    struct sfn_error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(input, name);
	const char *s = def;

	if (v != NULL && !cJSON_IsString(v))
		return invalid(err, name, "must be a string");
	if (v != NULL)
		s = v->valuestring;
	if (s == NULL)
		return SFN_OK;
	*out = strdup(s);
	return *out ? SFN_OK : SFN_ERR_NOMEM;
}

/* "/model/" + the ID with every byte but the unreserved ones encoded
 * (':' and '/' of an ARN included) + "/invoke". */
static enum sfn_status model_path(const cJSON *input, struct bedrock_req *r,
                                  struct sfn_error *err)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(input, "ModelId");
	struct sfn_buf b;

	if (!cJSON_IsString(id) || id->valuestring[0] == '\0')
		return invalid(err, "ModelId", "must be a model ID or ARN");
	sfn_buf_init(&b, SFN_SIGV4_MAX_TEXT);
	sfn_buf_adds(&b, "/model/");
	sfn_sigv4_uri_encode(&b, id->valuestring, strlen(id->valuestring), 0);
	sfn_buf_adds(&b, "/invoke");
	if (b.status == SFN_ERR_LIMIT) {
		sfn_buf_free(&b);
		return invalid(err, "ModelId", "is too long");
	}
	r->path = sfn_buf_take(&b);
	return r->path ? SFN_OK : SFN_ERR_NOMEM;
}

/* Body: an object or array is sent as JSON text, a string as is. */
static enum sfn_status body(const cJSON *input, struct bedrock_req *r,
                            struct sfn_error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(input, "Body");

	if (v == NULL)
		return invalid(err, "Body", "is required");
	if (cJSON_IsString(v))
		r->body = strdup(v->valuestring);
	else if (cJSON_IsObject(v) || cJSON_IsArray(v))
		r->body = cJSON_PrintUnformatted(v);
	else
		return invalid(err, "Body",
		               "must be a JSON object or a string");
	if (r->body == NULL)
		return SFN_ERR_NOMEM;
	r->body_len = strlen(r->body);
	if (r->body_len > SFN_BEDROCK_MAX_BODY_BYTES)
		return sfn_error_set(err, "States.Runtime",
		                     "bedrock:invokeModel: the Body has %zu "
		                     "bytes, more than the %d allowed",
		                     r->body_len, SFN_BEDROCK_MAX_BODY_BYTES);
	return SFN_OK;
}

static enum sfn_status trace(const cJSON *input, struct bedrock_req *r,
                             struct sfn_error *err)
{
	enum sfn_status st = string_field(input, "Trace", NULL, &r->trace, err);

	if (st == SFN_OK && r->trace != NULL &&
	    strcmp(r->trace, "ENABLED") != 0 &&
	    strcmp(r->trace, "DISABLED") != 0)
		return invalid(err, "Trace", "must be ENABLED or DISABLED");
	return st;
}

enum sfn_status Sfn_Bedrock_request_read(const cJSON *input,
                                         struct bedrock_req *r,
                                         struct sfn_error *err)
{
	enum sfn_status st;

	memset(r, 0, sizeof(*r));
	if (!cJSON_IsObject(input))
		return sfn_error_set(err, "States.Runtime",
		                     "bedrock:invokeModel: the input must be "
		                     "an object");
	if (cJSON_GetObjectItemCaseSensitive(input, "Input") != NULL ||
	    cJSON_GetObjectItemCaseSensitive(input, "Output") != NULL)
		return sfn_error_set(
		        err, "States.Runtime",
		        "bedrock:invokeModel: Input and Output "
		        "(S3 objects) are not supported; use Body");
	st = model_path(input, r, err);
	if (st == SFN_OK)
		st = body(input, r, err);
	if (st == SFN_OK)
		st = string_field(input, "ContentType", "application/json",
		                  &r->content_type, err);
	if (st == SFN_OK)
		st = string_field(input, "Accept", "application/json",
		                  &r->accept, err);
	if (st == SFN_OK)
		st = trace(input, r, err);
	if (st == SFN_OK)
		st = string_field(input, "GuardrailIdentifier", NULL,
		                  &r->guardrail_id, err);
	if (st == SFN_OK)
		st = string_field(input, "GuardrailVersion", NULL,
		                  &r->guardrail_version, err);
	if (st != SFN_OK)
		Sfn_Bedrock_request_free(r);
	return st;
}
