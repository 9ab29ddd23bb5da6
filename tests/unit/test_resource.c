/* The resource parser: every integration of the CDK reference stacks,
 * Lambda and activity ARNs, partitions, placeholders and edge cases. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sfn/resource.h"
#include "test.h"

/* The part as a NUL-terminated string ("-" when absent). */
static const char *part(struct sfn_text t, char *buf, size_t size)
{
	if (t.ptr == NULL)
		return "-";
	snprintf(buf, size, "%.*s", (int) t.len, t.ptr);
	return buf;
}

static const struct {
	const char *text;
	enum sfn_resource_kind kind;
	const char *partition, *service, *region, *account;
	/* INTEGRATION: integration, action; LAMBDA/ACTIVITY: name, qualifier */
	const char *first, *second;
	enum sfn_resource_pattern pattern;
	int placeholders;
} cases[] = {
	/* the integrations of the CDK reference stacks */
	{ "arn:aws:states:::bedrock:invokeModel", SFN_RESOURCE_INTEGRATION,
	  "aws", "states", "", "", "bedrock", "invokeModel",
	  SFN_PATTERN_REQUEST_RESPONSE, 0 },
	{ "arn:aws:states:::lambda:invoke", SFN_RESOURCE_INTEGRATION, "aws",
	  "states", "", "", "lambda", "invoke", SFN_PATTERN_REQUEST_RESPONSE,
	  0 },
	{ "arn:aws:states:::sns:publish", SFN_RESOURCE_INTEGRATION, "aws",
	  "states", "", "", "sns", "publish", SFN_PATTERN_REQUEST_RESPONSE, 0 },
	{ "arn:aws:states:::sqs:sendMessage", SFN_RESOURCE_INTEGRATION, "aws",
	  "states", "", "", "sqs", "sendMessage", SFN_PATTERN_REQUEST_RESPONSE,
	  0 },
	{ "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
	  SFN_RESOURCE_INTEGRATION, "aws", "states", "", "", "sqs",
	  "sendMessage", SFN_PATTERN_TOKEN, 0 },
	{ "arn:aws:states:::dynamodb:getItem", SFN_RESOURCE_INTEGRATION, "aws",
	  "states", "", "", "dynamodb", "getItem", SFN_PATTERN_REQUEST_RESPONSE,
	  0 },
	{ "arn:aws:states:::dynamodb:putItem", SFN_RESOURCE_INTEGRATION, "aws",
	  "states", "", "", "dynamodb", "putItem", SFN_PATTERN_REQUEST_RESPONSE,
	  0 },
	{ "arn:aws:states:::dynamodb:updateItem", SFN_RESOURCE_INTEGRATION,
	  "aws", "states", "", "", "dynamodb", "updateItem",
	  SFN_PATTERN_REQUEST_RESPONSE, 0 },
	{ "arn:aws:states:::dynamodb:deleteItem", SFN_RESOURCE_INTEGRATION,
	  "aws", "states", "", "", "dynamodb", "deleteItem",
	  SFN_PATTERN_REQUEST_RESPONSE, 0 },
	{ "arn:aws:states:::states:startExecution", SFN_RESOURCE_INTEGRATION,
	  "aws", "states", "", "", "states", "startExecution",
	  SFN_PATTERN_REQUEST_RESPONSE, 0 },
	{ "arn:aws:states:::states:startExecution.sync:2",
	  SFN_RESOURCE_INTEGRATION, "aws", "states", "", "", "states",
	  "startExecution", SFN_PATTERN_SYNC2, 0 },
	{ "arn:aws:states:::events:putEvents", SFN_RESOURCE_INTEGRATION, "aws",
	  "states", "", "", "events", "putEvents", SFN_PATTERN_REQUEST_RESPONSE,
	  0 },
	/* more patterns and SDK integrations */
	{ "arn:aws:states:::batch:submitJob.sync", SFN_RESOURCE_INTEGRATION,
	  "aws", "states", "", "", "batch", "submitJob", SFN_PATTERN_SYNC, 0 },
	{ "arn:aws:states:::aws-sdk:s3:getObject", SFN_RESOURCE_INTEGRATION,
	  "aws", "states", "", "", "aws-sdk:s3", "getObject",
	  SFN_PATTERN_REQUEST_RESPONSE, 0 },
	{ "arn:aws:states:::aws-sdk:sfn:startExecution.waitForTaskToken",
	  SFN_RESOURCE_INTEGRATION, "aws", "states", "", "", "aws-sdk:sfn",
	  "startExecution", SFN_PATTERN_TOKEN, 0 },
	{ "arn:aws:states:::http:invoke", SFN_RESOURCE_INTEGRATION, "aws",
	  "states", "", "", "http", "invoke", SFN_PATTERN_REQUEST_RESPONSE, 0 },
	/* partitions */
	{ "arn:aws-cn:states:::lambda:invoke", SFN_RESOURCE_INTEGRATION,
	  "aws-cn", "states", "", "", "lambda", "invoke",
	  SFN_PATTERN_REQUEST_RESPONSE, 0 },
	{ "arn:aws-us-gov:states:::ecs:runTask.sync", SFN_RESOURCE_INTEGRATION,
	  "aws-us-gov", "states", "", "", "ecs", "runTask", SFN_PATTERN_SYNC,
	  0 },
	/* template placeholders: their colons split nothing */
	{ "arn:${AWS::Partition}:states:::lambda:invoke",
	  SFN_RESOURCE_INTEGRATION, "${AWS::Partition}", "states", "", "",
	  "lambda", "invoke", SFN_PATTERN_REQUEST_RESPONSE, 1 },
	{ "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:f",
	  SFN_RESOURCE_LAMBDA, "aws", "lambda", "${AWS::Region}",
	  "${AWS::AccountId}", "f", "", SFN_PATTERN_REQUEST_RESPONSE, 1 },
	{ "${FunctionArn}", SFN_RESOURCE_NOT_URI, "-", "-", "-", "-", "-", "-",
	  SFN_PATTERN_REQUEST_RESPONSE, 1 },
	/* Lambda functions, with a version or an alias */
	{ "arn:aws:lambda:us-east-1:123456789012:function:summarize",
	  SFN_RESOURCE_LAMBDA, "aws", "lambda", "us-east-1", "123456789012",
	  "summarize", "", SFN_PATTERN_REQUEST_RESPONSE, 0 },
	{ "arn:aws:lambda:us-east-1:123456789012:function:summarize:live",
	  SFN_RESOURCE_LAMBDA, "aws", "lambda", "us-east-1", "123456789012",
	  "summarize", "live", SFN_PATTERN_REQUEST_RESPONSE, 0 },
	{ "arn:aws:lambda:region-1:1234567890:function:F:$LATEST",
	  SFN_RESOURCE_LAMBDA, "aws", "lambda", "region-1", "1234567890", "F",
	  "$LATEST", SFN_PATTERN_REQUEST_RESPONSE, 0 },
	{ "arn:aws:lambda:us-east-1::function:OnFirstMatch",
	  SFN_RESOURCE_LAMBDA, "aws", "lambda", "us-east-1", "", "OnFirstMatch",
	  "", SFN_PATTERN_REQUEST_RESPONSE, 0 },
	/* activities */
	{ "arn:aws:states:us-east-1:12345:activity:hello-world",
	  SFN_RESOURCE_ACTIVITY, "aws", "states", "us-east-1", "12345",
	  "hello-world", "", SFN_PATTERN_REQUEST_RESPONSE, 0 },
	/* other ARNs */
	{ "arn:aws:swf:us-east-1:123456789012:task:X", SFN_RESOURCE_ARN, "aws",
	  "swf", "us-east-1", "123456789012", "-", "-",
	  SFN_PATTERN_REQUEST_RESPONSE, 0 },
	{ "arn:aws:states:us-east-1:123456789012:stateMachine:child",
	  SFN_RESOURCE_ARN, "aws", "states", "us-east-1", "123456789012", "-",
	  "-", SFN_PATTERN_REQUEST_RESPONSE, 0 },
	{ "arn:aws:lambda:us-east-1:1:layer:x", SFN_RESOURCE_ARN, "aws",
	  "lambda", "us-east-1", "1", "-", "-", SFN_PATTERN_REQUEST_RESPONSE,
	  0 },
	/* edge cases: empty parts, unknown suffixes, too few fields */
	{ "arn:aws:states:::lambda", SFN_RESOURCE_ARN, "aws", "states", "", "",
	  "-", "-", SFN_PATTERN_REQUEST_RESPONSE, 0 },
	{ "arn:aws:states:::lambda:", SFN_RESOURCE_ARN, "aws", "states", "", "",
	  "-", "-", SFN_PATTERN_REQUEST_RESPONSE, 0 },
	{ "arn:aws:states:::aws-sdk:s3", SFN_RESOURCE_ARN, "aws", "states", "",
	  "", "-", "-", SFN_PATTERN_REQUEST_RESPONSE, 0 },
	{ "arn:aws:states:::lambda:.sync", SFN_RESOURCE_ARN, "aws", "states",
	  "", "", "-", "-", SFN_PATTERN_REQUEST_RESPONSE, 0 },
	{ "arn:aws:states:::glue:startJobRun.sync:3", SFN_RESOURCE_INTEGRATION,
	  "aws", "states", "", "", "glue", "startJobRun", SFN_PATTERN_UNKNOWN,
	  0 },
	{ "arn:aws:states:::sqs:sendMessage.waitForTaskTokens",
	  SFN_RESOURCE_INTEGRATION, "aws", "states", "", "", "sqs",
	  "sendMessage", SFN_PATTERN_UNKNOWN, 0 },
	{ "arn:::::", SFN_RESOURCE_ARN, "", "", "", "", "-", "-",
	  SFN_PATTERN_REQUEST_RESPONSE, 0 },
	{ "arn:aws:states::", SFN_RESOURCE_URI, "-", "-", "-", "-", "-", "-",
	  SFN_PATTERN_REQUEST_RESPONSE, 0 },
	{ "arn:${AWS::Partition:states:::lambda:invoke", SFN_RESOURCE_URI, "-",
	  "-", "-", "-", "-", "-", SFN_PATTERN_REQUEST_RESPONSE, 1 },
	{ "https://example.com/x", SFN_RESOURCE_URI, "-", "-", "-", "-", "-",
	  "-", SFN_PATTERN_REQUEST_RESPONSE, 0 },
	{ "not a uri", SFN_RESOURCE_NOT_URI, "-", "-", "-", "-", "-", "-",
	  SFN_PATTERN_REQUEST_RESPONSE, 0 },
	{ "", SFN_RESOURCE_NOT_URI, "-", "-", "-", "-", "-", "-",
	  SFN_PATTERN_REQUEST_RESPONSE, 0 },
};

static void check_case(struct test_state *t, size_t i)
{
	char b[6][128];
	struct sfn_resource r;
	int named = cases[i].kind == SFN_RESOURCE_LAMBDA ||
	            cases[i].kind == SFN_RESOURCE_ACTIVITY;

	{
		CHECK_INT(sfn_resource_parse(cases[i].text, &r), cases[i].kind);
		CHECK_INT(r.kind, cases[i].kind);
		CHECK_STR(part(r.partition, b[0], 128), cases[i].partition);
		CHECK_STR(part(r.service, b[1], 128), cases[i].service);
		CHECK_STR(part(r.region, b[2], 128), cases[i].region);
		CHECK_STR(part(r.account, b[3], 128), cases[i].account);
		CHECK_STR(part(named ? r.name : r.integration, b[4], 128),
		          cases[i].first);
		CHECK_STR(part(named ? r.qualifier : r.action, b[5], 128),
		          cases[i].second);
		CHECK_INT(r.pattern, cases[i].pattern);
		CHECK_INT(r.placeholders, cases[i].placeholders);
	}
}

static void test_table(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		check_case(t, i);
		if (t->failed) {
			test_fail(t, __FILE__, __LINE__, "in case '%s'",
			          cases[i].text);
			return;
		}
	}
}

/* The suffix as written, and the whole resource part. */
static void test_parts(struct test_state *t)
{
	struct sfn_resource r;
	char b[128];

	sfn_resource_parse("arn:aws:states:::glue:startJobRun.sync:3", &r);
	CHECK_STR(part(r.pattern_text, b, sizeof(b)), ".sync:3");
	CHECK_STR(part(r.resource, b, sizeof(b)), "glue:startJobRun.sync:3");
	sfn_resource_parse("arn:aws:states:::lambda:invoke", &r);
	CHECK_INT(r.pattern_text.len, 0);
	CHECK(sfn_text_is(r.integration, "lambda"));
	CHECK(!sfn_text_is(r.integration, "lambd"));
	CHECK(!sfn_text_is(r.name, ""));
	CHECK_STR(sfn_resource_pattern_name(SFN_PATTERN_SYNC2),
	          "Run a Job (.sync:2)");
	CHECK_STR(sfn_resource_pattern_name(SFN_PATTERN_TOKEN),
	          "Wait for a Callback (.waitForTaskToken)");
}

const struct test sfn_tests_resource[] = {
	{ "table", test_table },
	{ "parts", test_parts },
	{ NULL, NULL },
};
