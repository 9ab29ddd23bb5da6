/* The mock's invocation count and the recorder (include/sfn/mock.h): a
 * state's invocations take consecutive keys over the execution; the
 * recorder keeps outcomes in the order tasks started, a cancelled task as
 * a late Throw, and its file replays through the mock; its limits at and
 * past their edges. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fake_task.h"
#include "sfn/json.h"
#include "sfn/jsonout.h"
#include "sfn/mock.h"
#include "test.h"

struct got {
	int done;
	char text[128]; /* the output as JSON, or "!Error:Cause" */
};

static void on_done(void *ctx, struct sfn_task_outcome *out)
{
	struct got *g = ctx;
	char *json = out->output ? cJSON_PrintUnformatted(out->output) : NULL;

	g->done = 1;
	if (json != NULL)
		snprintf(g->text, sizeof(g->text), "%s", json);
	else
		snprintf(g->text, sizeof(g->text), "!%s:%s", out->error.name,
		         out->error.cause ? out->error.cause : "");
	free(json);
	cJSON_Delete(out->output);
	sfn_error_clear(&out->error);
}

static enum sfn_status start(const struct sfn_integration *it,
                             const char *state, struct got *g,
                             struct sfn_task **task)
{
	struct sfn_task_request req = { "arn:aws:states:::bedrock:invokeModel",
		                        state,
		                        NULL,
		                        0,
		                        0,
		                        NULL,
		                        0 };

	memset(g, 0, sizeof(*g));
	return it->start(it->ctx, &req, on_done, g, task);
}

static struct sfn_json_doc *parse(const char *text)
{
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags diags;

	sfn_diags_init(&diags);
	sfn_json_parse(text, strlen(text), "m.json", NULL, &diags, &doc);
	sfn_diags_free(&diags);
	return doc;
}

/* Three invocations of one state: "0", "1", then the last key again. */
static void mock_counts_invocations(struct test_state *t)
{
	struct sfn_json_doc *doc =
	        parse("{\"StateMachines\":{\"m\":{\"TestCases\":{\"T\":{\"S\":"
	              "\"R\"}}}},"
	              "\"MockedResponses\":{\"R\":{\"0\":{\"Return\":\"a\"},"
	              "\"1\":{\"Throw\":{\"Error\":\"E\",\"Cause\":\"c\"}}}}}");
	struct sfn_vclock clock;
	struct sfn_loop *loop;
	struct sfn_mock *mock = NULL;
	struct sfn_diags diags;
	struct sfn_task *task;
	struct got g[3];

	sfn_vclock_init(&clock, 0);
	CHECK_INT(sfn_loop_new(&clock.clock, NULL, &loop), SFN_OK);
	sfn_diags_init(&diags);
	CHECK_INT(sfn_mock_load(doc, "m", "T", loop, &diags, &mock), SFN_OK);
	for (int i = 0; i < 3; i++)
		CHECK_INT(start(sfn_mock_for(mock, "S"), "S", &g[i], &task),
		          SFN_OK);
	CHECK_INT(sfn_loop_run(loop), SFN_OK);
	CHECK_STR(g[0].text, "\"a\"");
	CHECK_STR(g[1].text, "!E:c");
	CHECK_STR(g[2].text, "!E:c");
	sfn_mock_free(mock);
	sfn_diags_free(&diags);
	sfn_loop_free(loop);
	sfn_json_doc_free(doc);
}

static char *compact(const cJSON *v)
{
	struct sfn_buf b;
	char *s;

	sfn_buf_init(&b, 1 << 20);
	sfn_jsonout_value(v, SFN_JSONOUT_COMPACT, &b);
	s = strdup(sfn_buf_str(&b));
	sfn_buf_free(&b);
	return s;
}

static const char recorded[] =
        "{\"StateMachines\":{\"m\":{\"TestCases\":{\"T\":{\"A\":\"T.A\","
        "\"B\":\"T.B\"}}}},\"MockedResponses\":{\"T.A\":{\"0\":{\"Return\":"
        "{\"n\":1}},\"1\":{\"Throw\":{\"Error\":\"States.Timeout\",\"Cause\":"
        "\"The task was cancelled before it answered when it was recorded\"},"
        "\"DelaySeconds\":86400},\"2\":{\"Return\":{\"n\":1}}},\"T.B\":{\"0\":"
        "{\"Throw\":{\"Error\":\"Bedrock.ThrottlingException\",\"Cause\":"
        "\"fake task failed\"}}}}}";

/* A, A (cancelled), B (failing), A: the file, then its replay. */
static void record_then_replay(struct test_state *t)
{
	struct sfn_json_doc *out = parse("{\"n\": 1}"), *doc = NULL;
	struct sfn_mock_record *rec;
	const struct sfn_integration *ok_it, *bad_it;
	struct sfn_vclock clock;
	struct sfn_loop *loop;
	struct fake good, bad;
	struct sfn_task *task, *cancelled;
	struct sfn_mock *mock = NULL;
	struct sfn_diags diags;
	struct got g[4];
	cJSON *file;
	char *text;

	sfn_vclock_init(&clock, 0);
	CHECK_INT(sfn_loop_new(&clock.clock, NULL, &loop), SFN_OK);
	fake_init(&good, loop, 10, sfn_json_root(out), NULL);
	fake_init(&bad, loop, 10, NULL, "Bedrock.ThrottlingException");
	CHECK_INT(sfn_mock_record_new(0, &rec), SFN_OK);
	CHECK_INT(sfn_mock_record_wrap(rec, &good.integration, &ok_it), SFN_OK);
	CHECK_INT(sfn_mock_record_wrap(rec, &bad.integration, &bad_it), SFN_OK);
	CHECK_INT(start(ok_it, "A", &g[0], &task), SFN_OK);
	CHECK_INT(start(ok_it, "A", &g[1], &cancelled), SFN_OK);
	CHECK_INT(start(bad_it, "B", &g[2], &task), SFN_OK);
	CHECK_INT(start(ok_it, "A", &g[3], &task), SFN_OK);
	sfn_task_cancel(cancelled);
	CHECK_INT(sfn_loop_run(loop), SFN_OK);
	CHECK(g[0].done && !g[1].done && g[2].done && g[3].done);
	file = sfn_mock_record_file(rec, "m", "T");
	text = compact(file);
	cJSON_Delete(file);
	CHECK_STR(text, recorded);
	doc = parse(text);
	free(text);
	sfn_diags_init(&diags);
	CHECK_INT(sfn_mock_load(doc, "m", "T", loop, &diags, &mock), SFN_OK);
	CHECK_INT(start(sfn_mock_for(mock, "A"), "A", &g[0], &task), SFN_OK);
	CHECK_INT(start(sfn_mock_for(mock, "B"), "B", &g[2], &task), SFN_OK);
	CHECK_INT(sfn_loop_run(loop), SFN_OK);
	CHECK_STR(g[0].text, "{\"n\":1}");
	CHECK_STR(g[2].text, "!Bedrock.ThrottlingException:fake task failed");
	sfn_mock_free(mock);
	sfn_diags_free(&diags);
	sfn_mock_record_free(rec);
	sfn_loop_free(loop);
	sfn_json_doc_free(doc);
	sfn_json_doc_free(out);
}

/* Invocations of one state at and past the limit; a refused start takes
 * no number. */
static void invocation_limit(struct test_state *t)
{
	struct sfn_json_doc *out = parse("1");
	struct sfn_mock_record *rec;
	const struct sfn_integration *it;
	struct sfn_vclock clock;
	struct sfn_loop *loop;
	struct fake fake;
	struct sfn_task *task;
	struct got g[4];
	cJSON *file;
	char *text;

	sfn_vclock_init(&clock, 0);
	CHECK_INT(sfn_loop_new(&clock.clock, NULL, &loop), SFN_OK);
	fake_init(&fake, loop, 0, sfn_json_root(out), NULL);
	CHECK_INT(sfn_mock_record_new(2, &rec), SFN_OK);
	CHECK_INT(sfn_mock_record_wrap(rec, &fake.integration, &it), SFN_OK);
	CHECK_INT(start(it, "S", &g[0], &task), SFN_OK);
	CHECK_INT(start(it, "S", &g[1], &task), SFN_OK); /* at the edge */
	CHECK_INT(start(it, "S", &g[2], &task), SFN_ERR_LIMIT);
	CHECK_INT(start(it, "O", &g[3], &task), SFN_OK); /* per state */
	CHECK_INT(sfn_loop_run(loop), SFN_OK);
	CHECK_INT(fake.started, 3);
	file = sfn_mock_record_file(rec, "m", "T");
	text = compact(cJSON_GetObjectItem(
	        cJSON_GetObjectItem(file, "MockedResponses"), "T.S"));
	cJSON_Delete(file);
	CHECK_STR(text, "{\"0\":{\"Return\":1},\"1\":{\"Return\":1}}");
	free(text);
	sfn_mock_record_free(rec);
	sfn_loop_free(loop);
	sfn_json_doc_free(out);
}

/* Integrations one recorder wraps, at and past the limit. */
static void wrap_limit(struct test_state *t)
{
	struct sfn_mock_record *rec;
	const struct sfn_integration *it;
	struct sfn_vclock clock;
	struct sfn_loop *loop;
	struct fake fake;

	sfn_vclock_init(&clock, 0);
	CHECK_INT(sfn_loop_new(&clock.clock, NULL, &loop), SFN_OK);
	fake_init(&fake, loop, 0, NULL, "E");
	CHECK_INT(sfn_mock_record_new(0, &rec), SFN_OK);
	for (int i = 0; i < SFN_MOCK_RECORD_MAX_WRAPPED; i++)
		CHECK_INT(sfn_mock_record_wrap(rec, &fake.integration, &it),
		          SFN_OK);
	CHECK_INT(it->real_time, fake.integration.real_time);
	CHECK_INT(sfn_mock_record_wrap(rec, &fake.integration, &it),
	          SFN_ERR_LIMIT);
	sfn_mock_record_free(rec);
	sfn_loop_free(loop);
}

const struct test sfn_tests_mock_record[] = {
	{ "mock-counts-invocations", mock_counts_invocations },
	{ "record-then-replay", record_then_replay },
	{ "invocation-limit", invocation_limit },
	{ "wrap-limit", wrap_limit },
	{ NULL, NULL },
};
