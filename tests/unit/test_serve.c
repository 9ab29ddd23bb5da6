/* sfnc serve's protocol: the request decoder (target, content type,
 * method, body size and depth, JSON), the members' types and limits, and
 * the operations over an in-memory server on a virtual clock, each
 * answer checked for its HTTP status and error type; the records kept in
 * a database and read back by the next server. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "sfn/clock.h"
#include "sfn/loop.h"
#include "sfn/run.h"
#include "sfn/serve.h"
#include "test.h"

#define CT   "application/x-amz-json-1.0"
#define MARN "arn:aws:states:us-east-1:123456789012:stateMachine:"
#define EARN "arn:aws:states:us-east-1:123456789012:execution:"
#define PASS                                                                   \
	"{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":"     \
	"true}}}"
#define WAIT60                                                                 \
	"{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":" \
	"60,\"End\":true}}}"

struct env {
	struct sfn_vclock clock;
	struct sfn_loop *loop;
	struct sfn_serve *srv;
	struct sfn_serve_reply reply;
	cJSON *out;                  /* the last reply, parsed */
	struct sfn_serve_reply late; /* a pending reply, once it came */
	int lates;                   /* how many came */
};

static void on_late(void *ctx, struct sfn_serve_reply *reply)
{
	struct env *e = ctx;

	sfn_buf_free(&e->late.body);
	e->late = *reply;
	e->lates++;
}

static int env_init(struct env *e, size_t max_body)
{
	struct sfn_serve_opts opts = { NULL, NULL, NULL, NULL, max_body, NULL };

	memset(e, 0, sizeof(*e));
	sfn_vclock_init(&e->clock, 1767268800000); /* 2026-01-01T12:00Z */
	if (sfn_loop_new(&e->clock.clock, NULL, &e->loop) != SFN_OK)
		return 0;
	return sfn_serve_new(&opts, e->loop, &e->srv) == SFN_OK;
}

static void env_free(struct env *e)
{
	sfn_serve_free(e->srv);
	if (e->loop)
		sfn_loop_free(e->loop);
	sfn_buf_free(&e->reply.body);
	sfn_buf_free(&e->late.body);
	cJSON_Delete(e->out);
}

/* Sends a raw request; returns its HTTP status. */
static unsigned raw(struct env *e, const char *method, const char *target,
                    const char *ctype, const char *body, size_t len)
{
	struct sfn_serve_request req = { method, "/",  target, ctype,
		                         body,   len,  0,      on_late,
		                         e,      NULL, 0,      0 };

	sfn_buf_free(&e->reply.body);
	cJSON_Delete(e->out);
	sfn_serve_handle(e->srv, &req, &e->reply);
	e->out = cJSON_Parse(sfn_buf_str(&e->reply.body));
	return e->reply.status;
}

/* Calls operation OP with BODY; returns the HTTP status. */
static unsigned call(struct env *e, const char *op, const char *body)
{
	char target[128];

	snprintf(target, sizeof(target), "AWSStepFunctions.%s", op);
	return raw(e, "POST", target, CT, body, strlen(body));
}

static const char *member(const struct env *e, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(e->out, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const char *type(const struct env *e)
{
	return member(e, "__type");
}

/* Whether member KEY of OBJ is the string WANT (absent: NULL). */
static int same(const cJSON *obj, const char *key, const char *want)
{
	const char *got = cJSON_GetStringValue(cJSON_GetObjectItem(obj, key));

	return got == NULL ? want == NULL : want && strcmp(got, want) == 0;
}

/* ---- the decoder -------------------------------------------------------- */

struct decode_case {
	const char *method, *target, *ctype, *body;
	unsigned status;
	const char *type; /* NULL: success */
};

static const struct decode_case decode_cases[] = {
	{ "POST", "AWSStepFunctions.ListStateMachines", CT, "{}", 200, NULL },
	{ "POST", "AWSStepFunctions.ListStateMachines", CT, "", 200, NULL },
	{ "POST", "AWSStepFunctions.ListStateMachines", CT "; charset=utf-8",
	  "{}", 200, NULL },
	{ "POST", "AWSStepFunctions.ListStateMachines",
	  "APPLICATION/X-AMZ-JSON-1.0", "{}", 200, NULL },
	{ "POST", "AWSStepFunctions.Frobnicate", CT, "{}", 400,
	  "UnknownOperationException" },
	{ "POST", "AWSStepFunctions.", CT, "{}", 400,
	  "UnknownOperationException" },
	{ "POST", "AWSStepFunctions.ListStateMachinesX", CT, "{}", 400,
	  "UnknownOperationException" },
	{ "POST", "Other.ListStateMachines", CT, "{}", 400,
	  "UnknownOperationException" },
	{ "POST", NULL, CT, "{}", 400, "UnknownOperationException" },
	{ "GET", "AWSStepFunctions.ListStateMachines", CT, "", 400,
	  "UnknownOperationException" },
	{ "POST", "AWSStepFunctions.ListStateMachines", "application/json",
	  "{}", 400, "UnknownOperationException" },
	{ "POST", "AWSStepFunctions.ListStateMachines", NULL, "{}", 400,
	  "UnknownOperationException" },
	{ "POST", "AWSStepFunctions.ListStateMachines", CT "x", "{}", 400,
	  "UnknownOperationException" },
	{ "POST", "AWSStepFunctions.ListStateMachines", CT, "{", 400,
	  "SerializationException" },
	{ "POST", "AWSStepFunctions.ListStateMachines", CT, "[]", 400,
	  "SerializationException" },
	{ "POST", "AWSStepFunctions.ListStateMachines", CT, "null", 400,
	  "SerializationException" },
	{ "POST", "AWSStepFunctions.ListStateMachines", CT, "{} {}", 400,
	  "SerializationException" },
	{ "POST", "AWSStepFunctions.ListStateMachines", CT, "\"x\"", 400,
	  "SerializationException" },
};

static void decode_table(struct test_state *t)
{
	struct env e;

	CHECK(env_init(&e, 0));
	for (size_t i = 0; i < sizeof(decode_cases) / sizeof(decode_cases[0]);
	     i++) {
		const struct decode_case *c = &decode_cases[i];
		unsigned st = raw(&e, c->method, c->target, c->ctype, c->body,
		                  strlen(c->body));

		if (st != c->status ||
		    (c->type ? type(&e) == NULL || strcmp(type(&e), c->type)
		             : type(&e) != NULL)) {
			test_fail(t, __FILE__, __LINE__,
			          "case %zu: %u %s, want %u %s", i, st,
			          sfn_buf_str(&e.reply.body), c->status,
			          c->type ? c->type : "success");
			break;
		}
		CHECK(c->type == NULL || member(&e, "message") != NULL);
	}
	env_free(&e);
}

/* A body of exactly max_body bytes is read; one byte more is 413. */
static void body_limit(struct test_state *t)
{
	char body[66];
	struct env e;

	CHECK(env_init(&e, 64));
	memset(body, ' ', sizeof(body));
	body[0] = '{';
	body[63] = '}';
	body[64] = '\0';
	CHECK_INT(raw(&e, "POST", "AWSStepFunctions.ListStateMachines", CT,
	              body, 64),
	          200);
	body[64] = ' ';
	body[65] = '\0';
	CHECK_INT(raw(&e, "POST", "AWSStepFunctions.ListStateMachines", CT,
	              body, 65),
	          413);
	CHECK_STR(type(&e), "RequestEntityTooLargeException");
	env_free(&e);
}

/* Nesting SFN_SERVE_MAX_DEPTH deep is read; one more is refused. */
static void depth_limit(struct test_state *t)
{
	char body[2 * SFN_SERVE_MAX_DEPTH + 16];
	struct env e;
	size_t n;

	CHECK(env_init(&e, 0));
	for (int extra = 0; extra <= 1; extra++) {
		n = 0;
		body[n++] = '{';
		memcpy(body + n, "\"a\":", 4);
		n += 4;
		for (int i = 1; i < SFN_SERVE_MAX_DEPTH + extra; i++)
			body[n++] = '[';
		for (int i = 1; i < SFN_SERVE_MAX_DEPTH + extra; i++)
			body[n++] = ']';
		body[n++] = '}';
		body[n] = '\0';
		CHECK_INT(raw(&e, "POST", "AWSStepFunctions.ListStateMachines",
		              CT, body, n),
		          extra ? 400 : 200);
	}
	CHECK_STR(type(&e), "SerializationException");
	env_free(&e);
}

/* ---- members ------------------------------------------------------------ */

struct member_case {
	const char *op, *body;
	unsigned status;
	const char *type;
};

static const struct member_case member_cases[] = {
	{ "DescribeStateMachine", "{}", 400, "ValidationException" },
	{ "DescribeStateMachine", "{\"stateMachineArn\":null}", 400,
	  "ValidationException" },
	{ "DescribeStateMachine", "{\"stateMachineArn\":7}", 400,
	  "SerializationException" },
	{ "DescribeStateMachine", "{\"stateMachineArn\":\"nope\"}", 400,
	  "InvalidArn" },
	{ "DescribeStateMachine", "{\"stateMachineArn\":\"" MARN "none\"}", 400,
	  "StateMachineDoesNotExist" },
	{ "DescribeExecution", "{\"executionArn\":\"" EARN "m:none\"}", 400,
	  "ExecutionDoesNotExist" },
	{ "DescribeExecution", "{\"executionArn\":\"" MARN "m\"}", 400,
	  "InvalidArn" },
	{ "GetExecutionHistory", "{\"executionArn\":[]}", 400,
	  "SerializationException" },
	{ "ListStateMachines", "{\"maxResults\":1000}", 200, NULL },
	{ "ListStateMachines", "{\"maxResults\":0}", 200, NULL },
	{ "ListStateMachines", "{\"maxResults\":1001}", 400,
	  "ValidationException" },
	{ "ListStateMachines", "{\"maxResults\":-1}", 400,
	  "ValidationException" },
	{ "ListStateMachines", "{\"maxResults\":1e300}", 400,
	  "ValidationException" },
	{ "ListStateMachines", "{\"maxResults\":1.5}", 400,
	  "SerializationException" },
	{ "ListStateMachines", "{\"maxResults\":\"5\"}", 400,
	  "SerializationException" },
	{ "ListStateMachines", "{\"nextToken\":\"bogus\"}", 400,
	  "InvalidToken" },
	{ "ListStateMachines", "{\"nextToken\":\"sfnc-0\"}", 400,
	  "InvalidToken" },
	{ "ListStateMachines", "{\"nextToken\":\"sfnc-1\"}", 400,
	  "InvalidToken" },
	{ "CreateStateMachine",
	  "{\"name\":\"a b\",\"definition\":\""
	  "{}"
	  "\"}",
	  400, "InvalidName" },
	{ "CreateStateMachine", "{\"name\":\"m\",\"definition\":\"{\"}", 400,
	  "InvalidDefinition" },
	{ "CreateStateMachine",
	  "{\"name\":\"m\",\"definition\":\"{\\\"StartAt\\\":\\\"X\\\","
	  "\\\"States\\\":{}}\"}",
	  400, "InvalidDefinition" },
	{ "CreateStateMachine",
	  "{\"name\":\"m\",\"type\":\"FAST\",\"definition\":\"{}\"}", 400,
	  "ValidationException" },
	{ "ValidateStateMachineDefinition", "{\"definition\":true}", 400,
	  "SerializationException" },
};

static void member_table(struct test_state *t)
{
	struct env e;

	CHECK(env_init(&e, 0));
	for (size_t i = 0; i < sizeof(member_cases) / sizeof(member_cases[0]);
	     i++) {
		const struct member_case *c = &member_cases[i];
		unsigned st = call(&e, c->op, c->body);

		if (st != c->status ||
		    (c->type ? type(&e) == NULL || strcmp(type(&e), c->type)
		             : type(&e) != NULL)) {
			test_fail(t, __FILE__, __LINE__,
			          "case %zu (%s %s): %u %s, want %u %s", i,
			          c->op, c->body, st,
			          sfn_buf_str(&e.reply.body), c->status,
			          c->type ? c->type : "success");
			break;
		}
	}
	env_free(&e);
}

/* ---- operations --------------------------------------------------------- */

static int create(struct env *e, const char *name, const char *def)
{
	char body[512];
	cJSON *o = cJSON_CreateObject();
	char *text;

	cJSON_AddStringToObject(o, "name", name);
	cJSON_AddStringToObject(o, "definition", def);
	text = cJSON_PrintUnformatted(o);
	snprintf(body, sizeof(body), "%s", text);
	free(text);
	cJSON_Delete(o);
	return call(e, "CreateStateMachine", body) == 200;
}

static void machines(struct test_state *t)
{
	struct env e;

	CHECK(env_init(&e, 0));
	CHECK(create(&e, "m1", PASS));
	CHECK_STR(member(&e, "stateMachineArn"), MARN "m1");
	CHECK(cJSON_IsNumber(cJSON_GetObjectItem(e.out, "creationDate")));
	/* the same definition again is the same machine */
	CHECK(create(&e, "m1", PASS));
	CHECK(!create(&e, "m1", WAIT60));
	CHECK_STR(type(&e), "StateMachineAlreadyExists");
	CHECK(create(&e, "m2", WAIT60));
	CHECK_INT(call(&e, "DescribeStateMachine",
	               "{\"stateMachineArn\":\"" MARN "m2\"}"),
	          200);
	CHECK_STR(member(&e, "definition"), WAIT60);
	CHECK_STR(member(&e, "status"), "ACTIVE");
	CHECK_STR(member(&e, "type"), "STANDARD");
	/* one a page: m1, then m2, then no token */
	CHECK_INT(call(&e, "ListStateMachines", "{\"maxResults\":1}"), 200);
	CHECK_INT(
	        cJSON_GetArraySize(cJSON_GetObjectItem(e.out, "stateMachines")),
	        1);
	CHECK_STR(member(&e, "nextToken"), "sfnc-1");
	CHECK_INT(call(&e, "ListStateMachines",
	               "{\"maxResults\":1,\"nextToken\":\"sfnc-1\"}"),
	          200);
	CHECK_STR(
	        cJSON_GetObjectItem(
	                cJSON_GetArrayItem(
	                        cJSON_GetObjectItem(e.out, "stateMachines"), 0),
	                "name")
	                ->valuestring,
	        "m2");
	CHECK(member(&e, "nextToken") == NULL);
	CHECK_INT(call(&e, "DeleteStateMachine",
	               "{\"stateMachineArn\":\"" MARN "m1\"}"),
	          200);
	CHECK_INT(call(&e, "DeleteStateMachine",
	               "{\"stateMachineArn\":\"" MARN "m1\"}"),
	          200);
	CHECK_INT(call(&e, "DescribeStateMachine",
	               "{\"stateMachineArn\":\"" MARN "m1\"}"),
	          400);
	CHECK_STR(type(&e), "StateMachineDoesNotExist");
	env_free(&e);
}

static void validate(struct test_state *t)
{
	struct env e;
	const cJSON *d;

	CHECK(env_init(&e, 0));
	CHECK_INT(call(&e, "ValidateStateMachineDefinition",
	               "{\"definition\":\""
	               "{\\\"StartAt\\\":\\\"P\\\","
	               "\\\"States\\\":{\\\"P\\\":{\\\"Type\\\":\\\"Pass\\\","
	               "\\\"End\\\":true}}}\"}"),
	          200);
	CHECK_STR(member(&e, "result"), "OK");
	CHECK_INT(call(&e, "ValidateStateMachineDefinition",
	               "{\"definition\":\""
	               "{\\\"StartAt\\\":\\\"Q\\\","
	               "\\\"States\\\":{\\\"P\\\":{\\\"Type\\\":\\\"Pass\\\","
	               "\\\"End\\\":true}}}\"}"),
	          200);
	CHECK_STR(member(&e, "result"), "FAIL");
	d = cJSON_GetArrayItem(cJSON_GetObjectItem(e.out, "diagnostics"), 0);
	CHECK_STR(cJSON_GetObjectItem(d, "severity")->valuestring, "ERROR");
	CHECK(cJSON_IsString(cJSON_GetObjectItem(d, "code")));
	CHECK(cJSON_IsFalse(cJSON_GetObjectItem(e.out, "truncated")));
	env_free(&e);
}

static const char *status(struct env *e, const char *arn)
{
	char body[256];

	snprintf(body, sizeof(body), "{\"executionArn\":\"%s\"}", arn);
	if (call(e, "DescribeExecution", body) != 200)
		return NULL;
	return member(e, "status");
}

static void executions(struct test_state *t)
{
	struct env e;

	CHECK(env_init(&e, 0));
	CHECK(create(&e, "p", PASS));
	CHECK_INT(call(&e, "StartExecution",
	               "{\"stateMachineArn\":\"" MARN "p\",\"name\":\"x\","
	               "\"input\":\"{\\\"a\\\":1}\"}"),
	          200);
	CHECK_STR(member(&e, "executionArn"), EARN "p:x");
	/* the first steps run from the loop */
	CHECK_STR(status(&e, EARN "p:x"), "RUNNING");
	/* the same name and input while it runs: the same execution */
	CHECK_INT(call(&e, "StartExecution",
	               "{\"stateMachineArn\":\"" MARN "p\",\"name\":\"x\","
	               "\"input\":\"{ \\\"a\\\" : 1 }\"}"),
	          200);
	CHECK_INT(call(&e, "StartExecution",
	               "{\"stateMachineArn\":\"" MARN "p\",\"name\":\"x\","
	               "\"input\":\"{}\"}"),
	          400);
	CHECK_STR(type(&e), "ExecutionAlreadyExists");
	CHECK(sfn_loop_run(e.loop) == SFN_OK);
	CHECK_STR(status(&e, EARN "p:x"), "SUCCEEDED");
	CHECK_STR(member(&e, "output"), "{\"a\":1}");
	CHECK(cJSON_IsNumber(cJSON_GetObjectItem(e.out, "stopDate")));
	/* ended: the same name is refused whatever the input */
	CHECK_INT(call(&e, "StartExecution",
	               "{\"stateMachineArn\":\"" MARN "p\",\"name\":\"x\","
	               "\"input\":\"{\\\"a\\\":1}\"}"),
	          400);
	CHECK_STR(type(&e), "ExecutionAlreadyExists");
	CHECK_INT(call(&e, "StartExecution",
	               "{\"stateMachineArn\":\"" MARN "p\",\"input\":\"{\"}"),
	          400);
	CHECK_STR(type(&e), "InvalidExecutionInput");
	CHECK_INT(call(&e, "StartExecution",
	               "{\"stateMachineArn\":\"" MARN "p\",\"name\":\"a:b\"}"),
	          400);
	CHECK_STR(type(&e), "InvalidName");
	CHECK_INT(call(&e, "StartExecution",
	               "{\"stateMachineArn\":\"" MARN "p#Case\"}"),
	          400);
	CHECK_STR(type(&e), "ValidationException");
	env_free(&e);
}

static void stop_and_list(struct test_state *t)
{
	struct env e;
	const cJSON *list;

	CHECK(env_init(&e, 0));
	CHECK(create(&e, "w", WAIT60));
	CHECK_INT(call(&e, "StartExecution",
	               "{\"stateMachineArn\":\"" MARN "w\",\"name\":\"a\"}"),
	          200);
	CHECK_INT(call(&e, "StartExecution",
	               "{\"stateMachineArn\":\"" MARN "w\",\"name\":\"b\"}"),
	          200);
	CHECK_INT(call(&e, "StopExecution",
	               "{\"executionArn\":\"" EARN "w:a\",\"error\":\"E\","
	               "\"cause\":\"C\"}"),
	          200);
	CHECK(cJSON_IsNumber(cJSON_GetObjectItem(e.out, "stopDate")));
	CHECK_STR(status(&e, EARN "w:a"), "ABORTED");
	CHECK_STR(member(&e, "error"), "E");
	CHECK_STR(member(&e, "cause"), "C");
	CHECK_INT(
	        call(&e, "StopExecution", "{\"executionArn\":\"" EARN "w:a\"}"),
	        400);
	/* newest first; filtered by status */
	CHECK_INT(call(&e, "ListExecutions",
	               "{\"stateMachineArn\":\"" MARN "w\"}"),
	          200);
	list = cJSON_GetObjectItem(e.out, "executions");
	CHECK_INT(cJSON_GetArraySize(list), 2);
	CHECK_STR(cJSON_GetObjectItem(cJSON_GetArrayItem(list, 0), "name")
	                  ->valuestring,
	          "b");
	CHECK_INT(call(&e, "ListExecutions",
	               "{\"stateMachineArn\":\"" MARN "w\","
	               "\"statusFilter\":\"ABORTED\"}"),
	          200);
	list = cJSON_GetObjectItem(e.out, "executions");
	CHECK_INT(cJSON_GetArraySize(list), 1);
	CHECK_STR(cJSON_GetObjectItem(cJSON_GetArrayItem(list, 0), "name")
	                  ->valuestring,
	          "a");
	CHECK_INT(call(&e, "ListExecutions",
	               "{\"stateMachineArn\":\"" MARN "w\","
	               "\"statusFilter\":\"DONE\"}"),
	          400);
	CHECK_STR(type(&e), "ValidationException");
	CHECK_INT(call(&e, "ListExecutions",
	               "{\"stateMachineArn\":\"" MARN "w\",\"maxResults\":1}"),
	          200);
	CHECK_STR(member(&e, "nextToken"), "sfnc-1");
	env_free(&e);
}

static void history(struct test_state *t)
{
	struct env e;
	const cJSON *ev, *first;
	int n;

	CHECK(env_init(&e, 0));
	CHECK(create(&e, "p", PASS));
	CHECK_INT(call(&e, "StartExecution",
	               "{\"stateMachineArn\":\"" MARN "p\",\"name\":\"h\","
	               "\"input\":\"{\\\"secret\\\":1}\"}"),
	          200);
	CHECK(sfn_loop_run(e.loop) == SFN_OK);
	CHECK_INT(call(&e, "GetExecutionHistory",
	               "{\"executionArn\":\"" EARN "p:h\"}"),
	          200);
	ev = cJSON_GetObjectItem(e.out, "events");
	n = cJSON_GetArraySize(ev);
	CHECK(n >= 4);
	first = cJSON_GetArrayItem(ev, 0);
	CHECK_STR(cJSON_GetObjectItem(first, "type")->valuestring,
	          "ExecutionStarted");
	CHECK(cJSON_IsNumber(cJSON_GetObjectItem(first, "timestamp")));
	CHECK_INT((long long) cJSON_GetObjectItem(first, "timestamp")
	                  ->valuedouble,
	          1767268800);
	CHECK(member(&e, "nextToken") == NULL);
	/* newest first, two a page */
	CHECK_INT(call(&e, "GetExecutionHistory",
	               "{\"executionArn\":\"" EARN "p:h\",\"maxResults\":2,"
	               "\"reverseOrder\":true}"),
	          200);
	ev = cJSON_GetObjectItem(e.out, "events");
	CHECK_INT(cJSON_GetArraySize(ev), 2);
	CHECK_STR(cJSON_GetObjectItem(cJSON_GetArrayItem(ev, 0), "type")
	                  ->valuestring,
	          "ExecutionSucceeded");
	CHECK_INT(
	        cJSON_GetObjectItem(cJSON_GetArrayItem(ev, 0), "id")->valueint,
	        n);
	CHECK_STR(member(&e, "nextToken"), "sfnc-2");
	CHECK_INT(call(&e, "GetExecutionHistory",
	               "{\"executionArn\":\"" EARN "p:h\",\"maxResults\":2,"
	               "\"reverseOrder\":true,\"nextToken\":\"sfnc-2\"}"),
	          200);
	CHECK_INT(cJSON_GetObjectItem(
	                  cJSON_GetArrayItem(
	                          cJSON_GetObjectItem(e.out, "events"), 0),
	                  "id")
	                  ->valueint,
	          n - 2);
	/* without the data: no input anywhere */
	CHECK_INT(call(&e, "GetExecutionHistory",
	               "{\"executionArn\":\"" EARN "p:h\","
	               "\"includeExecutionData\":false}"),
	          200);
	CHECK(strstr(sfn_buf_str(&e.reply.body), "secret") == NULL);
	CHECK(strstr(sfn_buf_str(&e.reply.body), "inputDetails") != NULL);
	CHECK_INT(call(&e, "GetExecutionHistory",
	               "{\"executionArn\":\"" EARN "p:h\","
	               "\"reverseOrder\":1}"),
	          400);
	CHECK_STR(type(&e), "SerializationException");
	env_free(&e);
}

static void names(struct test_state *t)
{
	struct env e;
	char name[82];

	CHECK(env_init(&e, 0));
	memset(name, 'n', 80);
	name[80] = '\0';
	CHECK(create(&e, name, PASS));
	name[80] = 'n';
	name[81] = '\0';
	CHECK(!create(&e, name, PASS));
	CHECK_STR(type(&e), "InvalidName");
	CHECK(!create(&e, "", PASS));
	CHECK(!create(&e, "a\xc2\x85", PASS));
	CHECK_STR(type(&e), "InvalidName");
	CHECK(create(&e, "caf\xc3\xa9", PASS));
	env_free(&e);
}

#define TOKEN_MACHINE                                                          \
	"{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\","             \
	"\"Resource\":\"arn:aws:states:::sqs:sendMessage.waitForTaskToken\","  \
	"\"Parameters\":{\"QueueUrl\":\"q\",\"MessageBody\":{"                 \
	"\"token.$\":\"$$.Task.Token\"}},\"End\":true}}}"

/* The token the execution's TaskScheduled event was given, into TOKEN. */
static int scheduled_token(struct env *e, const char *arn, char *token,
                           size_t size)
{
	char body[256];
	const cJSON *ev, *params;
	cJSON *p, *tok;

	snprintf(body, sizeof(body), "{\"executionArn\":\"%s\"}", arn);
	if (call(e, "GetExecutionHistory", body) != 200)
		return 0;
	cJSON_ArrayForEach(ev, cJSON_GetObjectItem(e->out, "events"))
	{
		params = cJSON_GetObjectItem(
		        cJSON_GetObjectItem(ev, "taskScheduledEventDetails"),
		        "parameters");
		if (!cJSON_IsString(params))
			continue;
		p = cJSON_Parse(params->valuestring);
		tok = cJSON_GetObjectItem(cJSON_GetObjectItem(p, "MessageBody"),
		                          "token");
		if (cJSON_IsString(tok))
			snprintf(token, size, "%s", tok->valuestring);
		cJSON_Delete(p);
		return 1;
	}
	return 0;
}

static unsigned send_task(struct env *e, const char *op, const char *token,
                          const char *rest)
{
	char body[512];

	snprintf(body, sizeof(body), "{\"taskToken\":\"%s\"%s}", token, rest);
	return call(e, op, body);
}

/* .waitForTaskToken: the task waits until SendTaskSuccess or
 * SendTaskFailure names its token. */
static void task_tokens(struct test_state *t)
{
	char token[256] = "", other[256] = "";
	struct env e;

	CHECK(env_init(&e, 0));
	CHECK(create(&e, "tok", TOKEN_MACHINE));
	CHECK_INT(call(&e, "StartExecution",
	               "{\"stateMachineArn\":\"" MARN "tok\",\"name\":\"a\"}"),
	          200);
	CHECK_INT(call(&e, "StartExecution",
	               "{\"stateMachineArn\":\"" MARN "tok\",\"name\":\"b\"}"),
	          200);
	CHECK(sfn_loop_run(e.loop) == SFN_OK); /* idle: both wait */
	CHECK_STR(status(&e, EARN "tok:a"), "RUNNING");
	CHECK(scheduled_token(&e, EARN "tok:a", token, sizeof(token)));
	CHECK(scheduled_token(&e, EARN "tok:b", other, sizeof(other)));
	CHECK(token[0] != '\0' && strcmp(token, other) != 0);
	CHECK_INT(send_task(&e, "SendTaskHeartbeat", token, ""), 200);
	CHECK_INT(send_task(&e, "SendTaskSuccess", token, ",\"output\":\"{\""),
	          400);
	CHECK_STR(type(&e), "InvalidOutput");
	CHECK_INT(send_task(&e, "SendTaskSuccess", token,
	                    ",\"output\":\"{\\\"ok\\\":true}\""),
	          200);
	CHECK_INT(send_task(&e, "SendTaskFailure", other,
	                    ",\"error\":\"Nope\",\"cause\":\"why\""),
	          200);
	/* completed once: the token is gone */
	CHECK_INT(send_task(&e, "SendTaskSuccess", token, ",\"output\":\"{}\""),
	          400);
	CHECK_STR(type(&e), "TaskDoesNotExist");
	CHECK_INT(send_task(&e, "SendTaskHeartbeat", "", ""), 400);
	CHECK_STR(type(&e), "InvalidToken");
	CHECK(sfn_loop_run(e.loop) == SFN_OK);
	CHECK_STR(status(&e, EARN "tok:a"), "SUCCEEDED");
	CHECK_STR(member(&e, "output"), "{\"ok\":true}");
	CHECK_STR(status(&e, EARN "tok:b"), "FAILED");
	CHECK_STR(member(&e, "error"), "Nope");
	CHECK_STR(member(&e, "cause"), "why");
	env_free(&e);
}

/* A task still waiting when the server stops is cancelled with its
 * execution. */
static void token_at_free(struct test_state *t)
{
	struct env e;

	CHECK(env_init(&e, 0));
	CHECK(create(&e, "tok", TOKEN_MACHINE));
	CHECK_INT(call(&e, "StartExecution",
	               "{\"stateMachineArn\":\"" MARN "tok\"}"),
	          200);
	CHECK(sfn_loop_run(e.loop) == SFN_OK);
	env_free(&e);
}

/* A region or an account of 32 characters makes ARNs; 33 do not. */
static void arn_parts(struct test_state *t)
{
	struct sfn_serve_opts opts = { "eu-west-1", NULL, NULL, NULL, 0, NULL };
	char account[34];
	struct env e;

	CHECK(env_init(&e, 0));
	memset(account, '1', 32);
	account[32] = '\0';
	opts.account = account;
	sfn_serve_free(e.srv);
	CHECK(sfn_serve_new(&opts, e.loop, &e.srv) == SFN_OK);
	CHECK(create(&e, "m", PASS));
	CHECK_STR(member(&e, "stateMachineArn"),
	          "arn:aws:states:eu-west-1:11111111111111111111111111111111:"
	          "stateMachine:m");
	sfn_serve_free(e.srv);
	account[32] = '1';
	account[33] = '\0';
	CHECK(sfn_serve_new(&opts, e.loop, &e.srv) == SFN_ERR_USAGE);
	CHECK(e.srv == NULL);
	opts.account = "1";
	opts.region = "EU";
	CHECK(sfn_serve_new(&opts, e.loop, &e.srv) == SFN_ERR_USAGE);
	env_free(&e);
}

/* UpdateStateMachine: a new definition for new executions, the old one
 * for those running; the role; what it refuses. */
static void update(struct test_state *t)
{
	struct env e;

	CHECK(env_init(&e, 0));
	CHECK(create(&e, "m", WAIT60));
	CHECK_INT(call(&e, "StartExecution",
	               "{\"stateMachineArn\":\"" MARN "m\",\"name\":\"old\"}"),
	          200);
	CHECK_INT(call(&e, "UpdateStateMachine",
	               "{\"stateMachineArn\":\"" MARN "m\",\"definition\":"
	               "\"{\\\"StartAt\\\":\\\"P\\\",\\\"States\\\":{"
	               "\\\"P\\\":{\\\"Type\\\":\\\"Pass\\\",\\\"End\\\":"
	               "true}}}\",\"roleArn\":\"arn:aws:iam::1:role/r\"}"),
	          200);
	CHECK(cJSON_IsNumber(cJSON_GetObjectItem(e.out, "updateDate")));
	CHECK_INT(call(&e, "DescribeStateMachine",
	               "{\"stateMachineArn\":\"" MARN "m\"}"),
	          200);
	CHECK_STR(member(&e, "definition"), PASS);
	CHECK_STR(member(&e, "roleArn"), "arn:aws:iam::1:role/r");
	CHECK_INT(call(&e, "StartExecution",
	               "{\"stateMachineArn\":\"" MARN "m\",\"name\":\"new\"}"),
	          200);
	CHECK(sfn_loop_run(e.loop) == SFN_OK);
	/* the old one waited its 60 s on the old definition */
	CHECK_STR(status(&e, EARN "m:old"), "SUCCEEDED");
	CHECK_INT((int) (cJSON_GetObjectItem(e.out, "stopDate")->valuedouble -
	                 cJSON_GetObjectItem(e.out, "startDate")->valuedouble),
	          60);
	CHECK_STR(status(&e, EARN "m:new"), "SUCCEEDED");
	CHECK_INT(call(&e, "UpdateStateMachine",
	               "{\"stateMachineArn\":\"" MARN "m\"}"),
	          400);
	CHECK_STR(type(&e), "MissingRequiredParameter");
	CHECK_INT(call(&e, "UpdateStateMachine",
	               "{\"stateMachineArn\":\"" MARN "m\",\"definition\":"
	               "\"{\\\"StartAt\\\":\\\"X\\\",\\\"States\\\":{}}\"}"),
	          400);
	CHECK_STR(type(&e), "InvalidDefinition");
	CHECK_INT(call(&e, "UpdateStateMachine",
	               "{\"stateMachineArn\":\"" MARN
	               "none\",\"roleArn\":\"r\"}"),
	          400);
	CHECK_STR(type(&e), "StateMachineDoesNotExist");
	/* a refused definition changed nothing */
	CHECK_INT(call(&e, "DescribeStateMachine",
	               "{\"stateMachineArn\":\"" MARN "m\"}"),
	          200);
	CHECK_STR(member(&e, "definition"), PASS);
	env_free(&e);
}

/* StartSyncExecution: EXPRESS only; the reply comes when the execution
 * ends, with its output or error. */
static void sync_exec(struct test_state *t)
{
	struct env e;
	cJSON *late;

	CHECK(env_init(&e, 0));
	CHECK_INT(call(&e, "CreateStateMachine",
	               "{\"name\":\"x\",\"type\":\"EXPRESS\",\"definition\":"
	               "\"{\\\"StartAt\\\":\\\"W\\\",\\\"States\\\":{"
	               "\\\"W\\\":{\\\"Type\\\":\\\"Wait\\\",\\\"Seconds\\\":"
	               "2,\\\"End\\\":true}}}\"}"),
	          200);
	CHECK(create(&e, "s", PASS));
	CHECK_INT(call(&e, "StartSyncExecution",
	               "{\"stateMachineArn\":\"" MARN "s\"}"),
	          400);
	CHECK_STR(type(&e), "StateMachineTypeNotSupported");
	CHECK_INT(call(&e, "StartSyncExecution",
	               "{\"stateMachineArn\":\"" MARN "x\",\"name\":\"a\","
	               "\"input\":\"{\\\"k\\\":2}\"}"),
	          0);
	CHECK_INT(e.lates, 0);
	CHECK(sfn_loop_run(e.loop) == SFN_OK);
	CHECK_INT(e.lates, 1);
	CHECK_INT(e.late.status, 200);
	late = cJSON_Parse(sfn_buf_str(&e.late.body));
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(late, "status")),
	          "SUCCEEDED");
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(late, "output")),
	          "{\"k\":2}");
	CHECK_STR(
	        cJSON_GetStringValue(cJSON_GetObjectItem(late, "executionArn")),
	        EARN "x:a");
	CHECK_INT(cJSON_GetObjectItem(late, "stopDate")->valuedouble -
	                  cJSON_GetObjectItem(late, "startDate")->valuedouble,
	          2);
	CHECK_INT(
	        cJSON_GetObjectItem(cJSON_GetObjectItem(late, "billingDetails"),
	                            "billedDurationInMilliseconds")
	                ->valueint,
	        2000);
	cJSON_Delete(late);
	/* a client gone before the end gets nothing */
	CHECK_INT(call(&e, "StartSyncExecution",
	               "{\"stateMachineArn\":\"" MARN "x\"}"),
	          0);
	sfn_serve_cancel(e.srv, &e);
	CHECK(sfn_loop_run(e.loop) == SFN_OK);
	CHECK_INT(e.lates, 1);
	/* the server goes with a reply pending: it is dropped */
	CHECK_INT(call(&e, "StartSyncExecution",
	               "{\"stateMachineArn\":\"" MARN "x\"}"),
	          0);
	env_free(&e);
}

/* ---- HeartbeatSeconds and SendTaskHeartbeat ----------------------------- */

#define BEATING_MACHINE                                                        \
	"{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\","             \
	"\"Resource\":\"arn:aws:states:::sqs:sendMessage.waitForTaskToken\","  \
	"\"HeartbeatSeconds\":10,\"TimeoutSeconds\":25,"                       \
	"\"Parameters\":{\"QueueUrl\":\"q\",\"MessageBody\":{"                 \
	"\"token.$\":\"$$.Task.Token\"}},\"End\":true}}}"

struct beats {
	struct env *e;
	const char *arn;
	unsigned sent, status; /* heartbeats sent; the last one's status */
};

static void beat(struct sfn_loop *loop, void *ctx)
{
	struct beats *b = ctx;
	char token[256] = "";

	(void) loop;
	if (!scheduled_token(b->e, b->arn, token, sizeof(token)))
		return;
	b->status = send_task(b->e, "SendTaskHeartbeat", token, "");
	b->sent++;
}

/* Heartbeats at 8 s (and 16 s when TWICE) of an execution of
 * BEATING_MACHINE: its error and how long it ran. */
static int beaten(struct test_state *t, int twice, const char *error,
                  int seconds)
{
	struct sfn_timer t8, t16;
	struct env e;
	struct beats b = { &e, EARN "beat:a", 0, 0 };
	int ok;

	if (!env_init(&e, 0) || !create(&e, "beat", BEATING_MACHINE) ||
	    call(&e, "StartExecution",
	         "{\"stateMachineArn\":\"" MARN
	         "beat\",\"name\":\"a\"}") != 200) {
		env_free(&e);
		return 0;
	}
	sfn_timer_init(&t8);
	sfn_timer_init(&t16);
	ok = sfn_loop_timer_start(e.loop, &t8, 8000, 0, beat, &b) == SFN_OK &&
	     (!twice || sfn_loop_timer_start(e.loop, &t16, 16000, 0, beat,
	                                     &b) == SFN_OK) &&
	     sfn_loop_run(e.loop) == SFN_OK;
	ok = ok && b.sent == (twice ? 2u : 1u) && b.status == 200 &&
	     same(e.out, "__type", NULL) && status(&e, EARN "beat:a") != NULL &&
	     strcmp(member(&e, "status"), "FAILED") == 0 &&
	     same(e.out, "error", error) &&
	     (int) (cJSON_GetObjectItem(e.out, "stopDate")->valuedouble -
	            cJSON_GetObjectItem(e.out, "startDate")->valuedouble) ==
	             seconds;
	if (!ok)
		test_fail(t, __FILE__, __LINE__, "%d heartbeats: %s", b.sent,
		          sfn_buf_str(&e.reply.body));
	env_free(&e);
	return ok;
}

/* Each heartbeat gives the task another HeartbeatSeconds, never past
 * its TimeoutSeconds. */
static void heartbeat(struct test_state *t)
{
	/* one at 8 s: the next was due at 18 s and never came */
	CHECK(beaten(t, 0, "States.HeartbeatTimeout", 18));
	/* 16 s + 10 s is past the 25 s of TimeoutSeconds */
	CHECK(beaten(t, 1, "States.Timeout", 25));
}

/* TestState: the reply's members once the run of the state ended. */
struct test_state_case {
	const char *body; /* the request */
	const char *status, *next, *output, *error, *after_parameters;
};

static const struct test_state_case test_state_cases[] = {
	{ "{\"definition\":\"{\\\"Type\\\":\\\"Pass\\\",\\\"Parameters\\\":"
	  "{\\\"v.$\\\":\\\"$.a\\\"},\\\"Next\\\":\\\"N\\\"}\","
	  "\"input\":\"{\\\"a\\\":7}\",\"inspectionLevel\":\"DEBUG\"}",
	  "SUCCEEDED", "N", "{\"v\":7}", NULL, "{\"v\":7}" },
	{ "{\"definition\":\"{\\\"Type\\\":\\\"Pass\\\",\\\"End\\\":true}\"}",
	  "SUCCEEDED", NULL, "{}", NULL, NULL },
	{ "{\"definition\":\"{\\\"Type\\\":\\\"Choice\\\",\\\"Choices\\\":"
	  "[{\\\"Variable\\\":\\\"$.a\\\",\\\"NumericGreaterThan\\\":5,"
	  "\\\"Next\\\":\\\"Big\\\"}],\\\"Default\\\":\\\"Small\\\"}\","
	  "\"input\":\"{\\\"a\\\":7}\"}",
	  "SUCCEEDED", "Big", "{\"a\":7}", NULL, NULL },
	{ "{\"definition\":\"{\\\"Type\\\":\\\"Fail\\\",\\\"Error\\\":"
	  "\\\"E.x\\\",\\\"Cause\\\":\\\"c\\\"}\"}",
	  "FAILED", NULL, NULL, "E.x", NULL },
	{ "{\"definition\":\"{\\\"Type\\\":\\\"Task\\\",\\\"Resource\\\":"
	  "\\\"arn:aws:states:::sqs:sendMessage.waitForTaskToken\\\","
	  "\\\"TimeoutSeconds\\\":1,\\\"Catch\\\":[{\\\"ErrorEquals\\\":"
	  "[\\\"States.ALL\\\"],\\\"Next\\\":\\\"H\\\"}],\\\"End\\\":true}\","
	  "\"mock\":{\"errorOutput\":{\"error\":\"States.Timeout\","
	  "\"cause\":\"late\"}}}",
	  "CAUGHT_ERROR", "H",
	  "{\"Error\":\"States.Timeout\",\"Cause\":\"late\"}", "States.Timeout",
	  NULL },
};

/* TestState of a Wait of SECONDS: its status is STATUS; the reply
 * parsed into E->out. */
static int test_wait(struct test_state *t, struct env *e, int seconds,
                     const char *status)
{
	char body[160];
	cJSON *late;

	snprintf(body, sizeof(body),
	         "{\"definition\":\"{\\\"Type\\\":\\\"Wait\\\","
	         "\\\"Seconds\\\":%d,\\\"End\\\":true}\"}",
	         seconds);
	if (call(e, "TestState", body) != 0 || sfn_loop_run(e->loop) != SFN_OK)
		return 0;
	late = cJSON_Parse(sfn_buf_str(&e->late.body));
	cJSON_Delete(e->out);
	e->out = late;
	if (!same(late, "status", status))
		test_fail(t, __FILE__, __LINE__, "%d s: %s", seconds,
		          sfn_buf_str(&e->late.body));
	return 1;
}

static void test_state(struct test_state *t)
{
	struct env e;

	CHECK(env_init(&e, 0));
	for (size_t i = 0;
	     i < sizeof(test_state_cases) / sizeof(test_state_cases[0]); i++) {
		const struct test_state_case *c = &test_state_cases[i];
		cJSON *late;
		const cJSON *data;

		CHECK_INT(call(&e, "TestState", c->body), 0);
		CHECK(sfn_loop_run(e.loop) == SFN_OK);
		CHECK_INT(e.late.status, 200);
		late = cJSON_Parse(sfn_buf_str(&e.late.body));
		data = cJSON_GetObjectItem(late, "inspectionData");
		if (!same(late, "status", c->status) ||
		    !same(late, "nextState", c->next) ||
		    !same(late, "output", c->output) ||
		    !same(late, "error", c->error) ||
		    !same(data, "afterParameters", c->after_parameters))
			test_fail(t, __FILE__, __LINE__, "case %zu: %s", i,
			          sfn_buf_str(&e.late.body));
		cJSON_Delete(late);
	}
	CHECK_INT(e.lates, 5);
	/* a state may run SFN_SERVE_TEST_MAX_SECONDS, not longer */
	CHECK(test_wait(t, &e, SFN_SERVE_TEST_MAX_SECONDS - 1, "SUCCEEDED"));
	CHECK(test_wait(t, &e, SFN_SERVE_TEST_MAX_SECONDS + 1, "FAILED"));
	CHECK(same(e.out, "error", "States.Timeout"));
	CHECK_INT(call(&e, "TestState",
	               "{\"definition\":\"{\\\"Type\\\":\\\"Map\\\"}\"}"),
	          400);
	CHECK_STR(type(&e), "InvalidDefinition");
	/* .waitForTaskToken only mocked, as the service has it */
	CHECK_INT(call(&e, "TestState",
	               "{\"definition\":\"{\\\"Type\\\":\\\"Task\\\","
	               "\\\"Resource\\\":\\\"arn:aws:states:::sqs:sendMessage."
	               "waitForTaskToken\\\",\\\"End\\\":true}\","
	               "\"roleArn\":\"arn:aws:iam::123456789012:role/r\"}"),
	          400);
	CHECK_STR(type(&e), "InvalidDefinition");
	CHECK_INT(call(&e, "TestState", "{\"definition\":\"[]\"}"), 400);
	CHECK_STR(type(&e), "InvalidDefinition");
	CHECK_INT(call(&e, "TestState",
	               "{\"definition\":\"{\\\"Type\\\":\\\"Pass\\\","
	               "\\\"End\\\":true}\",\"inspectionLevel\":\"ALL\"}"),
	          400);
	CHECK_STR(type(&e), "ValidationException");
	env_free(&e);
}

/* ---- --require-sigv4 ---------------------------------------------------- */

static const struct sfn_sigv4_credentials sigv4_creds = { "AKIDTEST",
	                                                  "test-secret", NULL };

/* BODY signed at SIGNED_AT (s) with SECRET, sent as SENT; the HTTP
 * status, the error type in *TYPE. */
static unsigned signed_call(struct env *e, const char *secret,
                            int64_t signed_at, const char *body,
                            const char *sent, const char **type_out)
{
	struct sfn_sigv4_credentials c = { "AKIDTEST", secret, NULL };
	struct sfn_sigv4_header hs[8] = {
		{ "Host", "127.0.0.1" },
		{ "Content-Type", CT },
		{ "X-Amz-Target", "AWSStepFunctions.ListStateMachines" },
	};
	struct sfn_sigv4_request sr = { "POST", "/",  NULL,        hs,
		                        3,      body, strlen(body) };
	struct sfn_sigv4_params p = { "us-east-1", "states", signed_at, 1,
		                      0,           0,        0 };
	struct sfn_sigv4_signer signer;
	struct sfn_sigv4_result r;
	struct sfn_serve_request req = { "POST", "/",  hs[2].value,
		                         CT,     sent, strlen(sent),
		                         0,      NULL, NULL,
		                         hs,     3,    0 };

	sfn_sigv4_signer_init(&signer);
	if (sfn_sigv4_sign_headers(&signer, &c, &p, &sr, &r) != SFN_OK)
		return 0;
	for (size_t i = 0; i < r.added_count && req.nheaders < 8; i++)
		hs[req.nheaders++] = r.added[i];
	sfn_buf_free(&e->reply.body);
	cJSON_Delete(e->out);
	sfn_serve_handle(e->srv, &req, &e->reply);
	e->out = cJSON_Parse(sfn_buf_str(&e->reply.body));
	*type_out = type(e);
	sfn_sigv4_result_free(&r);
	sfn_sigv4_signer_wipe(&signer);
	return e->reply.status;
}

/* A ListStateMachines with Authorization AUTH and X-Amz-Date DATE (each
 * left out when NULL): the HTTP status. */
static unsigned auth_call(struct env *e, const char *auth, const char *date)
{
	struct sfn_sigv4_header hs[2];
	struct sfn_serve_request req = { "POST",
		                         "/",
		                         "AWSStepFunctions."
		                         "ListStateMachines",
		                         CT,
		                         "{}",
		                         2,
		                         0,
		                         NULL,
		                         NULL,
		                         hs,
		                         0,
		                         0 };

	if (auth != NULL)
		hs[req.nheaders++] =
		        (struct sfn_sigv4_header){ "Authorization", auth };
	if (date != NULL)
		hs[req.nheaders++] =
		        (struct sfn_sigv4_header){ "X-Amz-Date", date };
	sfn_buf_free(&e->reply.body);
	cJSON_Delete(e->out);
	sfn_serve_handle(e->srv, &req, &e->reply);
	e->out = cJSON_Parse(sfn_buf_str(&e->reply.body));
	return e->reply.status;
}

#define SIG64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

/* Headers that are not Signature Version 4's, as AWS JSON services
 * answer them: every one 400, checked in their order. */
static const struct auth_case {
	const char *auth, *date, *type, *message;
} auth_cases[] = {
	{ "Basic dXNlcjpwYXNz", "20260101T120000Z",
	  "MissingAuthenticationTokenException",
	  "Request is missing Authentication Token" },
	{ "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/states/"
	  "aws4_request",
	  NULL, "IncompleteSignatureException",
	  "Authorization header requires 'Signature' parameter. "
	  "Authorization header requires 'SignedHeaders' parameter. "
	  "Authorization header requires existence of either a 'X-Amz-Date' "
	  "or a 'Date' header." },
	{ "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/states/"
	  "aws4_request, SignedHeaders=host, Signature=" SIG64,
	  "2026-01-01", "IncompleteSignatureException",
	  "Date must be in ISO-8601 'basic format'. Got '2026-01-01'. See "
	  "http://en.wikipedia.org/wiki/ISO_8601" },
	{ "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/states/"
	  "aws4_request, SignedHeaders=host, Signature=" SIG64,
	  "20260101T114459Z", "InvalidSignatureException",
	  "Signature expired: 20260101T114459Z is now earlier than "
	  "20260101T114500Z (20260101T120000Z - 15 min.)" },
	{ "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/states/"
	  "aws4_request, SignedHeaders=host, Signature=" SIG64,
	  "20260101T121501Z", "InvalidSignatureException",
	  "Signature not yet current: 20260101T121501Z is still later than "
	  "20260101T121500Z (20260101T120000Z + 15 min.)" },
	{ "AWS4-HMAC-SHA512 Credential=AKIDTEST/20260101/us-east-1/states/"
	  "aws4_request, SignedHeaders=host, Signature=" SIG64,
	  "20260101T120000Z", "IncompleteSignatureException",
	  "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only "
	  "AWS4-HMAC-SHA256 for now)." },
	{ "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1, "
	  "SignedHeaders=host, Signature=" SIG64,
	  "20260101T120000Z", "IncompleteSignatureException",
	  "Credential must have exactly 5 slash-delimited elements, e.g. "
	  "keyid/date/region/service/term" },
	{ "AWS4-HMAC-SHA256 Credential=AKIDOTHER/20260101/us-east-1/states/"
	  "aws4_request, SignedHeaders=host, Signature=" SIG64,
	  "20260101T120000Z", "UnrecognizedClientException",
	  "The security token included in the request is invalid." },
	{ "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/states/"
	  "aws4_request, SignedHeaders=host, Signature=" SIG64,
	  "20260101T120000Z", "InvalidSignatureException",
	  "The request signature we calculated does not match the signature "
	  "you provided. Check your AWS Secret Access Key and signing method. "
	  "Consult the service documentation for details." },
};

static void sigv4(struct test_state *t)
{
	struct sfn_serve_opts opts = {
		NULL, NULL, NULL, NULL, 0, &sigv4_creds
	};
	const int64_t now = 1767268800; /* the virtual clock's */
	const char *ty = NULL;
	struct env e;

	CHECK(env_init(&e, 0));
	sfn_serve_free(e.srv);
	CHECK(sfn_serve_new(&opts, e.loop, &e.srv) == SFN_OK);
	CHECK_INT(signed_call(&e, "test-secret", now, "{}", "{}", &ty), 200);
	/* 15 minutes either way are taken, not one second more */
	CHECK_INT(signed_call(&e, "test-secret", now - 900, "{}", "{}", &ty),
	          200);
	CHECK_INT(signed_call(&e, "test-secret", now + 900, "{}", "{}", &ty),
	          200);
	CHECK_INT(signed_call(&e, "test-secret", now + 901, "{}", "{}", &ty),
	          400);
	CHECK_STR(ty, "InvalidSignatureException");
	CHECK_INT(signed_call(&e, "test-secret", now - 901, "{}", "{}", &ty),
	          400);
	CHECK_STR(ty, "InvalidSignatureException");
	CHECK_INT(signed_call(&e, "other", now, "{}", "{}", &ty), 400);
	CHECK_STR(ty, "InvalidSignatureException");
	CHECK(strstr(sfn_buf_str(&e.reply.body), "other") == NULL);
	/* the body is signed: another one does not pass */
	CHECK_INT(signed_call(&e, "test-secret", now, "{}",
	                      "{\"maxResults\":1}", &ty),
	          400);
	CHECK_STR(ty, "InvalidSignatureException");
	/* none at all */
	CHECK_INT(call(&e, "ListStateMachines", "{}"), 400);
	CHECK_STR(type(&e), "MissingAuthenticationTokenException");
	for (size_t i = 0; i < sizeof(auth_cases) / sizeof(auth_cases[0]);
	     i++) {
		const struct auth_case *c = &auth_cases[i];
		unsigned st = auth_call(&e, c->auth, c->date);

		if (st != 400 || !same(e.out, "__type", c->type) ||
		    !same(e.out, "message", c->message) ||
		    strstr(sfn_buf_str(&e.reply.body), SIG64) != NULL)
			test_fail(t, __FILE__, __LINE__, "case %zu: %u %s", i,
			          st, sfn_buf_str(&e.reply.body));
	}
	env_free(&e);
}

/* The request line and headers: SFN_SERVE_MAX_HEADERS bytes are taken,
 * one more is 431 in the protocol's shape. */
static void header_limit(struct test_state *t)
{
	struct sfn_serve_request req = { "POST",
		                         "/",
		                         "AWSStepFunctions."
		                         "ListStateMachines",
		                         CT,
		                         "{}",
		                         2,
		                         0,
		                         NULL,
		                         NULL,
		                         NULL,
		                         0,
		                         SFN_SERVE_MAX_HEADERS };
	struct env e;

	CHECK(env_init(&e, 0));
	sfn_serve_handle(e.srv, &req, &e.reply);
	CHECK_INT(e.reply.status, 200);
	sfn_buf_free(&e.reply.body);
	req.header_bytes++;
	sfn_serve_handle(e.srv, &req, &e.reply);
	CHECK_INT(e.reply.status, 431);
	e.out = cJSON_Parse(sfn_buf_str(&e.reply.body));
	CHECK_STR(type(&e), "RequestHeaderSectionTooLarge");
	env_free(&e);
}

/* ---- the database (--db) ------------------------------------------------ */

#define TOKEN                                                                  \
	"{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\","             \
	"\"Resource\":\"arn:aws:states:::sqs:sendMessage.waitForTaskToken\","  \
	"\"End\":true}}}"

/* The number of events in the history of execution ARN, and the type of
 * the last one into *LAST. */
static int events(struct env *e, const char *arn, const char **last)
{
	char body[256];
	const cJSON *list, *ev;

	snprintf(body, sizeof(body), "{\"executionArn\":\"%s\"}", arn);
	if (call(e, "GetExecutionHistory", body) != 200)
		return -1;
	list = cJSON_GetObjectItem(e->out, "events");
	ev = cJSON_GetArrayItem(list, cJSON_GetArraySize(list) - 1);
	*last = cJSON_GetStringValue(cJSON_GetObjectItem(ev, "type"));
	return cJSON_GetArraySize(list);
}

static int open_db(struct env *e, const char *path)
{
	char why[256];

	return sfn_serve_open_db(e->srv, path, why, sizeof(why)) == SFN_OK;
}

/* A server on PATH: a finished execution and one waiting for its
 * token; then the server is gone. */
static void db_first(struct test_state *t, const char *path, int *n)
{
	struct env e;
	const char *last;

	CHECK(env_init(&e, 0));
	CHECK(open_db(&e, path));
	CHECK(create(&e, "p", PASS));
	CHECK(create(&e, "t", TOKEN));
	CHECK_INT(call(&e, "StartExecution",
	               "{\"stateMachineArn\":\"" MARN "p\",\"name\":\"a\","
	               "\"input\":\"{\\\"k\\\":1}\"}"),
	          200);
	CHECK_INT(call(&e, "StartExecution",
	               "{\"stateMachineArn\":\"" MARN "t\",\"name\":\"b\"}"),
	          200);
	CHECK(sfn_loop_run(e.loop) == SFN_OK); /* idle: b waits */
	CHECK_STR(status(&e, EARN "p:a"), "SUCCEEDED");
	CHECK_STR(status(&e, EARN "t:b"), "RUNNING");
	*n = events(&e, EARN "t:b", &last);
	CHECK(*n >= 3);
	env_free(&e);
}

static void db_restart(struct test_state *t)
{
	char dir[300], path[340];
	const char *tmp = getenv("TMPDIR"), *last = NULL;
	struct env e;
	int n = 0;

	snprintf(dir, sizeof(dir), "%s/sfn-serve-db.XXXXXX",
	         tmp ? tmp : "/tmp");
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/sfn.db", dir);
	db_first(t, path, &n);
	/* the next server finds it all; the waiting one ended ABORTED */
	CHECK(env_init(&e, 0));
	CHECK(open_db(&e, path));
	CHECK_STR(status(&e, EARN "p:a"), "SUCCEEDED");
	CHECK_STR(member(&e, "input"), "{\"k\":1}");
	CHECK_STR(member(&e, "output"), "{\"k\":1}");
	CHECK_INT(events(&e, EARN "p:a", &last), 4);
	CHECK_STR(last, "ExecutionSucceeded");
	CHECK_STR(status(&e, EARN "t:b"), "ABORTED");
	CHECK_STR(member(&e, "error"), SFN_SERVE_RESTART_ERROR);
	CHECK(member(&e, "cause") != NULL);
	CHECK_INT(events(&e, EARN "t:b", &last), n + 1);
	CHECK_STR(last, "ExecutionAborted");
	CHECK_INT(call(&e, "DescribeStateMachine",
	               "{\"stateMachineArn\":\"" MARN "t\"}"),
	          200);
	CHECK_STR(member(&e, "definition"), TOKEN);
	env_free(&e);
	/* and the one after it finds no second abort */
	CHECK(env_init(&e, 0));
	CHECK(open_db(&e, path));
	CHECK_INT(events(&e, EARN "t:b", &last), n + 1);
	/* records are read only into an empty server */
	CHECK(open_db(&e, path) == 0);
	env_free(&e);
	CHECK(unlink(path) == 0);
	(void) rmdir(dir);
}

/* A file that is no database, and one of another schema version. */
static void db_refused(struct test_state *t)
{
	char dir[300], path[340], why[256];
	const char *tmp = getenv("TMPDIR");
	sqlite3 *db = NULL;
	struct env e;
	FILE *fp;

	snprintf(dir, sizeof(dir), "%s/sfn-serve-db.XXXXXX",
	         tmp ? tmp : "/tmp");
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/junk.db", dir);
	fp = fopen(path, "w");
	CHECK(fp != NULL);
	fputs("this is no database, but a line of text long enough for the "
	      "first page of one\n",
	      fp);
	CHECK(fclose(fp) == 0);
	CHECK(env_init(&e, 0));
	CHECK(sfn_serve_open_db(e.srv, path, why, sizeof(why)) == SFN_ERR_IO);
	CHECK(strstr(why, "not a database") != NULL);
	CHECK(unlink(path) == 0);
	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL) ==
	      SQLITE_OK);
	CHECK(sqlite3_close(db) == SQLITE_OK);
	CHECK(sfn_serve_open_db(e.srv, path, why, sizeof(why)) == SFN_ERR_IO);
	CHECK(strstr(why, "version 99") != NULL);
	/* the server goes on in memory */
	CHECK(create(&e, "p", PASS));
	env_free(&e);
	CHECK(unlink(path) == 0);
	(void) rmdir(dir);
}

const struct test sfn_tests_serve[] = {
	{ "decode", decode_table },
	{ "body-limit", body_limit },
	{ "depth-limit", depth_limit },
	{ "members", member_table },
	{ "machines", machines },
	{ "validate", validate },
	{ "executions", executions },
	{ "stop-and-list", stop_and_list },
	{ "history", history },
	{ "names", names },
	{ "arn-parts", arn_parts },
	{ "task-tokens", task_tokens },
	{ "token-at-free", token_at_free },
	{ "update", update },
	{ "sync", sync_exec },
	{ "heartbeat", heartbeat },
	{ "test-state", test_state },
	{ "sigv4", sigv4 },
	{ "header-limit", header_limit },
	{ "db-restart", db_restart },
	{ "db-refused", db_refused },
	{ NULL, NULL },
};
