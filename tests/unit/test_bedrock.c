/* The Bedrock integration's two pure halves: a task input made into an
 * InvokeModel request (the model ID or ARN encoded into the path, Body as
 * JSON text or a string, the defaults, bad fields, the Body limit at and
 * past its edge) and a response made into a task outcome (the error name
 * from the header or the body, the message, transport failures). The
 * calls over the wire are tests/integration's. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aws/bedrock_int.h"
#include "test.h"

static enum sfn_status read_req(const char *json, struct bedrock_req *r,
                                struct sfn_error *err)
{
	cJSON *input = cJSON_Parse(json);
	enum sfn_status st = Sfn_Bedrock_request_read(input, r, err);

	cJSON_Delete(input);
	return st;
}

static void request_fields(struct test_state *t)
{
	struct bedrock_req r;
	struct sfn_error err = { 0 };

	CHECK(read_req("{\"ModelId\": \"anthropic.claude-v2:1\", \"Body\": "
	               "{\"prompt\": \"Hi\", \"max_tokens_to_sample\": 9}}",
	               &r, &err) == SFN_OK);
	CHECK_STR(r.path, "/model/anthropic.claude-v2%3A1/invoke");
	CHECK_STR(r.body, "{\"prompt\":\"Hi\",\"max_tokens_to_sample\":9}");
	CHECK_STR(r.content_type, "application/json");
	CHECK_STR(r.accept, "application/json");
	CHECK(r.trace == NULL && r.guardrail_id == NULL);
	Sfn_Bedrock_request_free(&r);
	CHECK(read_req("{\"ModelId\": \"arn:aws:bedrock:us-east-1:1:"
	               "provisioned-model/ab\", \"Body\": \"{\\\"a\\\":1}\", "
	               "\"ContentType\": \"text/json\", \"Accept\": \"*/*\", "
	               "\"Trace\": \"ENABLED\", \"GuardrailIdentifier\": "
	               "\"g1\", \"GuardrailVersion\": \"DRAFT\"}",
	               &r, &err) == SFN_OK);
	CHECK_STR(r.path, "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3A"
	                  "provisioned-model%2Fab/invoke");
	CHECK_STR(r.body, "{\"a\":1}");
	CHECK_STR(r.content_type, "text/json");
	CHECK_STR(r.accept, "*/*");
	CHECK_STR(r.trace, "ENABLED");
	CHECK_STR(r.guardrail_id, "g1");
	CHECK_STR(r.guardrail_version, "DRAFT");
	Sfn_Bedrock_request_free(&r);
}

static void request_refused(struct test_state *t)
{
	static const struct {
		const char *input, *cause;
	} cases[] = {
		{ "[]", "must be an object" },
		{ "{\"Body\": {}}", "'ModelId'" },
		{ "{\"ModelId\": \"\", \"Body\": {}}", "'ModelId'" },
		{ "{\"ModelId\": \"m\"}", "'Body' is required" },
		{ "{\"ModelId\": \"m\", \"Body\": 3}", "'Body' must be" },
		{ "{\"ModelId\": \"m\", \"Body\": {}, \"Trace\": \"ON\"}",
		  "'Trace'" },
		{ "{\"ModelId\": \"m\", \"Body\": {}, \"Accept\": 1}",
		  "'Accept' must be a string" },
		{ "{\"ModelId\": \"m\", \"Input\": {\"S3Uri\": \"s3://b/k\"}}",
		  "not supported" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct bedrock_req r;
		struct sfn_error err = { 0 };

		CHECK(read_req(cases[i].input, &r, &err) == SFN_ERR_FAILED);
		CHECK_STR(err.name, "States.Runtime");
		CHECK(strstr(err.cause, cases[i].cause) != NULL);
		CHECK(r.path == NULL);
		sfn_error_clear(&err);
	}
}

/* A string Body of N bytes. */
static enum sfn_status body_of(size_t n)
{
	cJSON *input = cJSON_CreateObject();
	char *s = malloc(n + 1);
	struct bedrock_req r;
	struct sfn_error err = { 0 };
	enum sfn_status st = SFN_ERR_NOMEM;

	if (input != NULL && s != NULL) {
		memset(s, 'x', n);
		s[n] = '\0';
		cJSON_AddStringToObject(input, "ModelId", "m");
		cJSON_AddStringToObject(input, "Body", s);
		st = Sfn_Bedrock_request_read(input, &r, &err);
	}
	if (st == SFN_OK)
		Sfn_Bedrock_request_free(&r);
	sfn_error_clear(&err);
	cJSON_Delete(input);
	free(s);
	return st;
}

static void body_limit(struct test_state *t)
{
	CHECK(body_of(SFN_BEDROCK_MAX_BODY_BYTES) == SFN_OK);
	CHECK(body_of(SFN_BEDROCK_MAX_BODY_BYTES + 1) == SFN_ERR_FAILED);
}

/* The outcome of a response with STATUS, error TYPE header and BODY. */
static void outcome(struct sfn_task_outcome *out, CURLcode result, long status,
                    const char *type, const char *body)
{
	struct sfn_http_response resp;

	memset(&resp, 0, sizeof(resp));
	resp.result = result;
	resp.status = status;
	snprintf(resp.error_type, sizeof(resp.error_type), "%s", type);
	snprintf(resp.request_id, sizeof(resp.request_id), "rid-1");
	sfn_buf_init(&resp.body, 1 << 20);
	sfn_buf_adds(&resp.body, body);
	if (Sfn_Bedrock_outcome(&resp, 100, out) != SFN_OK)
		memset(out, 0, sizeof(*out));
	sfn_buf_free(&resp.body);
}

static void outcome_success(struct test_state *t)
{
	struct sfn_task_outcome out;
	char *text;

	outcome(&out, CURLE_OK, 200, "", "{\"completion\": \" Hi\"}");
	CHECK(out.output != NULL && out.error.name == NULL);
	text = cJSON_PrintUnformatted(out.output);
	cJSON_Delete(out.output);
	CHECK_STR(text, "{\"Body\":{\"completion\":\" Hi\"}}");
	free(text);
	outcome(&out, CURLE_OK, 200, "", "not json");
	CHECK(out.output == NULL);
	CHECK_STR(out.error.name, "States.TaskFailed");
	sfn_error_clear(&out.error);
}

static void outcome_errors(struct test_state *t)
{
	static const struct {
		CURLcode result;
		long status;
		const char *type, *body, *name, *cause;
	} cases[] = {
		{ CURLE_OK, 429, "ThrottlingException:http://internal/",
		  "{\"message\": \"Too many requests\"}",
		  "Bedrock.ThrottlingException",
		  "Too many requests (Service: BedrockRuntime, Status Code: "
		  "429, Request ID: rid-1)" },
		{ CURLE_OK, 400, "",
		  "{\"__type\": \"com.amazon#ValidationException\", "
		  "\"Message\": \"bad\"}",
		  "Bedrock.ValidationException", "bad (Service" },
		{ CURLE_OK, 500, "", "oops", "States.TaskFailed",
		  "oops (Service: BedrockRuntime, Status Code: 500" },
		{ CURLE_OPERATION_TIMEDOUT, 0, "", "", "States.Timeout",
		  "timed out" },
		{ CURLE_COULDNT_CONNECT, 0, "", "", "States.TaskFailed",
		  "calling Bedrock failed" },
		{ CURLE_RECV_ERROR, 0, "", "", "States.TaskFailed",
		  "calling Bedrock failed" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct sfn_task_outcome out;

		outcome(&out, cases[i].result, cases[i].status, cases[i].type,
		        cases[i].body);
		CHECK(out.output == NULL);
		CHECK_STR(out.error.name, cases[i].name);
		CHECK(strstr(out.error.cause, cases[i].cause) != NULL);
		sfn_error_clear(&out.error);
	}
}

const struct test sfn_tests_bedrock[] = {
	{ "request_fields", request_fields },
	{ "request_refused", request_refused },
	{ "body_limit", body_limit },
	{ "outcome_success", outcome_success },
	{ "outcome_errors", outcome_errors },
	{ NULL, NULL },
};
