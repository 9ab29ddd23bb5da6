/* Nothing lost: a distributed Map over 1,000 generated items, a seeded
 * random third of which meet thrown mocks (half of those recover on
 * their Retry, half throw at every attempt), under
 * ToleratedFailurePercentage at, and below, the share that fails. Every
 * item must end exactly once, as its result in its place or as a counted
 * failure; past the tolerance the state fails with
 * States.ExceedToleratedFailureThreshold at the first failure too many,
 * and no iteration ends after it. The mocks answer by attempt, so which
 * items fail is decided by the item: a Choice routes it by its "kind". */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/json.h"
#include "sfn/mock.h"
#include "sfn/model.h"
#include "sfn/run.h"
#include "sfn/util.h"
#include "test.h"

#define LOST_ITEMS       1000
#define LOST_CONCURRENCY 40

enum kind { KIND_OK, KIND_FLAKY, KIND_DOOMED };

static const char *const kind_names[] = { "ok", "flaky", "doomed" };

struct items {
	enum kind kind[LOST_ITEMS];
	size_t count[3];
};

/* xorshift64: the same items for the same seed on every platform. */
static uint64_t next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* A third of the items throw; half of those recover on a retry. */
static void items_draw(struct items *it, uint64_t seed)
{
	memset(it, 0, sizeof(*it));
	for (size_t i = 0; i < LOST_ITEMS; i++) {
		uint64_t r = next(&seed);
		enum kind k = r % 3 != 0         ? KIND_OK
		              : (r / 3) % 2 == 0 ? KIND_FLAKY
		                                 : KIND_DOOMED;

		it->kind[i] = k;
		it->count[k]++;
	}
}

static const char machine_fmt[] =
        "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\","
        "\"MaxConcurrency\":%d,\"ToleratedFailurePercentage\":%zu.%zu,"
        "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\","
        "\"ExecutionType\":\"STANDARD\"},\"StartAt\":\"Route\",\"States\":{"
        "\"Route\":{\"Type\":\"Choice\",\"Choices\":["
        "{\"Variable\":\"$.kind\",\"StringEquals\":\"flaky\","
        "\"Next\":\"Flaky\"},{\"Variable\":\"$.kind\",\"StringEquals\":"
        "\"doomed\",\"Next\":\"Doomed\"}],\"Default\":\"Work\"},"
        "\"Work\":{\"Type\":\"Task\",\"Resource\":\"arn:x\","
        "\"ResultPath\":\"$.r\",\"End\":true},"
        "\"Flaky\":{\"Type\":\"Task\",\"Resource\":\"arn:x\",\"Retry\":[{"
        "\"ErrorEquals\":[\"Item.Throttled\"],\"IntervalSeconds\":1,"
        "\"BackoffRate\":2,\"MaxAttempts\":3}],\"ResultPath\":\"$.r\","
        "\"End\":true},"
        "\"Doomed\":{\"Type\":\"Task\",\"Resource\":\"arn:x\",\"Retry\":[{"
        "\"ErrorEquals\":[\"Item.Broken\"],\"IntervalSeconds\":1,"
        "\"MaxAttempts\":2}],\"ResultPath\":\"$.r\",\"End\":true}}},"
        "\"End\":true}}}";

/* Work answers after 1 s; Flaky throws twice, then answers; Doomed
 * throws at every attempt (the last entry answers past the keys). */
static const char mock_text[] =
        "{\"StateMachines\":{\"m\":{\"TestCases\":{\"T\":{"
        "\"Work\":\"Done\",\"Flaky\":\"Throttled\",\"Doomed\":\"Broken\"}}}},"
        "\"MockedResponses\":{"
        "\"Done\":{\"0\":{\"Return\":{\"done\":true},\"DelaySeconds\":1}},"
        "\"Throttled\":{\"0-1\":{\"Throw\":{\"Error\":\"Item.Throttled\","
        "\"Cause\":\"slow down\"},\"DelaySeconds\":0.5},"
        "\"2\":{\"Return\":{\"done\":true}}},"
        "\"Broken\":{\"0\":{\"Throw\":{\"Error\":\"Item.Broken\","
        "\"Cause\":\"no way\"}}}}}";

struct lost {
	struct sfn_json_doc *def, *input, *mock_doc;
	struct sfn_asl_machine *machine;
	struct sfn_vclock clock;
	struct sfn_loop *loop;
	struct sfn_mock *mock;
	struct sfn_run *run;
};

static struct sfn_json_doc *doc_of(struct sfn_buf *b)
{
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags diags;

	sfn_diags_init(&diags);
	if (b->status == SFN_OK)
		sfn_json_parse(sfn_buf_str(b), b->len, "lost.json", NULL,
		               &diags, &doc);
	sfn_diags_free(&diags);
	sfn_buf_free(b);
	return doc;
}

/* The machine with a tolerance of TENTHS / 10 percent, its mocks and
 * the items of IT as input: [{"id": 0, "kind": "ok"}, ...]. */
static enum sfn_status lost_load(struct lost *l, const struct items *it,
                                 size_t tenths)
{
	struct sfn_buf b;
	struct sfn_diags diags;
	enum sfn_status st;

	sfn_buf_init(&b, 1 << 20);
	sfn_buf_printf(&b, machine_fmt, LOST_CONCURRENCY, tenths / 10,
	               tenths % 10);
	l->def = doc_of(&b);
	sfn_buf_init(&b, 1 << 20);
	for (size_t i = 0; i < LOST_ITEMS; i++)
		sfn_buf_printf(&b, "%c{\"id\":%zu,\"kind\":\"%s\"}",
		               i ? ',' : '[', i, kind_names[it->kind[i]]);
	sfn_buf_adds(&b, "]");
	l->input = doc_of(&b);
	sfn_buf_init(&b, 1 << 20);
	sfn_buf_adds(&b, mock_text);
	l->mock_doc = doc_of(&b);
	if (l->def == NULL || l->input == NULL || l->mock_doc == NULL)
		return SFN_ERR_SYNTAX;
	sfn_vclock_init(&l->clock, 1767268800000);
	st = sfn_loop_new(&l->clock.clock, NULL, &l->loop);
	sfn_diags_init(&diags);
	if (st == SFN_OK)
		st = sfn_asl_load(l->def, sfn_json_root(l->def), NULL, &diags,
		                  &l->machine);
	if (st == SFN_OK)
		st = sfn_mock_load(l->mock_doc, "m", "T", l->loop, &diags,
		                   &l->mock);
	sfn_diags_free(&diags);
	return st;
}

static enum sfn_status lost_run(struct lost *l, const struct items *it,
                                size_t tenths)
{
	struct sfn_run_opts opts = { 0 };
	const char *why;
	enum sfn_status st = lost_load(l, it, tenths);

	opts.name = "lost";
	opts.machine_name = "m";
	opts.mock = l->mock;
	opts.history = 1;
	if (st == SFN_OK)
		st = sfn_run_start(l->machine, sfn_json_root(l->input), &opts,
		                   l->loop, &l->run, &why);
	if (st == SFN_OK)
		st = sfn_loop_run_until(l->loop, sfn_run_done, l->run);
	if (st == SFN_OK && !sfn_run_done(l->run))
		st = SFN_ERR_USAGE;
	return st == SFN_OK ? sfn_run_status(l->run) : st;
}

static void lost_free(struct lost *l)
{
	sfn_run_free(l->run);
	sfn_mock_free(l->mock);
	sfn_asl_machine_free(l->machine);
	if (l->loop)
		sfn_loop_free(l->loop);
	sfn_json_doc_free(l->def);
	sfn_json_doc_free(l->input);
	sfn_json_doc_free(l->mock_doc);
}

/* What the history says of each item: how often it started, succeeded
 * and failed, and whether anything of an iteration came after the Map
 * state ended. */
struct tally {
	unsigned started[LOST_ITEMS], succeeded[LOST_ITEMS], failed[LOST_ITEMS];
	size_t nstarted, nsucceeded, nfailed, bad_index, after_end, map_ends;
};

static void tally_event(struct tally *c, const cJSON *e)
{
	const char *type = cJSON_GetStringValue(cJSON_GetObjectItem(e, "type"));
	unsigned *slot = NULL;
	const cJSON *d;
	double index;

	if (type == NULL)
		return;
	if (strcmp(type, "MapStateSucceeded") == 0 ||
	    strcmp(type, "MapStateFailed") == 0) {
		c->map_ends++;
		return;
	}
	if (strcmp(type, "MapIterationStarted") == 0) {
		slot = c->started;
		c->nstarted++;
		d = cJSON_GetObjectItem(e, "mapIterationStartedEventDetails");
	} else if (strcmp(type, "MapIterationSucceeded") == 0) {
		slot = c->succeeded;
		c->nsucceeded++;
		d = cJSON_GetObjectItem(e, "mapIterationSucceededEventDetails");
	} else if (strcmp(type, "MapIterationFailed") == 0) {
		slot = c->failed;
		c->nfailed++;
		d = cJSON_GetObjectItem(e, "mapIterationFailedEventDetails");
	} else {
		return;
	}
	c->after_end += c->map_ends > 0;
	index = cJSON_GetNumberValue(cJSON_GetObjectItem(d, "index"));
	if (!(index >= 0 && index < LOST_ITEMS))
		c->bad_index++;
	else
		slot[(size_t) index]++;
}

static void tally(struct tally *c, const struct sfn_run *run)
{
	const cJSON *events =
	        cJSON_GetObjectItem(sfn_run_history(run), "events");
	const cJSON *e;

	memset(c, 0, sizeof(*c));
	cJSON_ArrayForEach(e, events)
	{
		tally_event(c, e);
	}
}

/* Whether member KEY of OBJ is the string WANT. */
static int member_is(const cJSON *obj, const char *key, const char *want)
{
	const char *s = cJSON_GetStringValue(cJSON_GetObjectItem(obj, key));

	return s != NULL && strcmp(s, want) == 0;
}

/* Item I's place in the results: its own item with the task's result,
 * or, for a doomed item, its error. */
static int result_right(const cJSON *r, size_t i, enum kind k)
{
	const cJSON *id = cJSON_GetObjectItem(r, "id");

	if (k == KIND_DOOMED)
		return cJSON_GetArraySize(r) == 2 &&
		       member_is(r, "Error", "Item.Broken") &&
		       member_is(r, "Cause", "no way");
	return cJSON_IsNumber(id) && id->valuedouble == (double) i &&
	       member_is(r, "kind", kind_names[k]) &&
	       cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "r"),
	                                        "done"));
}

/* The tolerance is exactly the share of doomed items: the Map succeeds
 * with every item in its place, each started and ended once. */
static void within_tolerance(struct test_state *t, uint64_t seed)
{
	static struct items it;
	static struct tally c;
	struct lost l;
	const cJSON *out, *r;
	size_t i = 0, failures = 0, results = 0;

	items_draw(&it, seed);
	memset(&l, 0, sizeof(l));
	CHECK_INT(lost_run(&l, &it, it.count[KIND_DOOMED]), SFN_OK);
	CHECK_INT(sfn_run_state(l.run), SFN_RUN_SUCCEEDED);
	out = sfn_run_output(l.run);
	CHECK_INT(cJSON_GetArraySize(out), LOST_ITEMS);
	cJSON_ArrayForEach(r, out)
	{
		if (!result_right(r, i, it.kind[i]))
			break;
		failures += it.kind[i] == KIND_DOOMED;
		results += it.kind[i] != KIND_DOOMED;
		i++;
	}
	CHECK_INT(i, LOST_ITEMS); /* else item I is out of place */
	CHECK_INT(results + failures, LOST_ITEMS);
	CHECK_INT(failures, it.count[KIND_DOOMED]);
	/* every item started and ended once: Work once, the others three
	 * times (two retries each) */
	tally(&c, l.run);
	CHECK_INT(c.nstarted, LOST_ITEMS);
	CHECK_INT(c.nsucceeded, LOST_ITEMS - it.count[KIND_DOOMED]);
	CHECK_INT(c.nfailed, it.count[KIND_DOOMED]);
	CHECK_INT(c.bad_index + c.after_end, 0);
	for (i = 0; i < LOST_ITEMS; i++) {
		CHECK_INT(c.started[i], 1);
		CHECK_INT(c.failed[i], it.kind[i] == KIND_DOOMED);
		CHECK_INT(c.succeeded[i], it.kind[i] != KIND_DOOMED);
	}
	CHECK_INT(sfn_mock_calls(l.mock), it.count[KIND_OK] +
	                                          3 * it.count[KIND_FLAKY] +
	                                          3 * it.count[KIND_DOOMED]);
	lost_free(&l);
}

/* A tolerance of TENTHS / 10 percent (below the doomed share): the Map
 * fails at failure TENTHS + 1; every item ended at most once, nothing
 * ended after the Map, and only iterations in flight were left. */
static void past_tolerance(struct test_state *t, uint64_t seed, size_t tenths)
{
	static struct items it;
	static struct tally c;
	struct lost l;
	size_t ended = 0;

	items_draw(&it, seed);
	memset(&l, 0, sizeof(l));
	CHECK(tenths < it.count[KIND_DOOMED]);
	CHECK_INT(lost_run(&l, &it, tenths), SFN_OK);
	CHECK_INT(sfn_run_state(l.run), SFN_RUN_FAILED);
	CHECK_STR(sfn_run_error(l.run)->name,
	          "States.ExceedToleratedFailureThreshold");
	tally(&c, l.run);
	CHECK_INT(c.nfailed, tenths + 1);
	CHECK_INT(c.map_ends, 1);
	CHECK_INT(c.bad_index + c.after_end, 0);
	for (size_t i = 0; i < LOST_ITEMS; i++) {
		CHECK(c.started[i] <= 1);
		CHECK(c.succeeded[i] + c.failed[i] <= c.started[i]);
		CHECK(!c.failed[i] || it.kind[i] == KIND_DOOMED);
		CHECK(!c.succeeded[i] || it.kind[i] != KIND_DOOMED);
		ended += c.succeeded[i] + c.failed[i];
	}
	CHECK_INT(ended, c.nsucceeded + c.nfailed);
	/* the ones stopped in flight */
	CHECK(c.nstarted - ended <= LOST_CONCURRENCY);
	lost_free(&l);
}

static const uint64_t seeds[] = { 0x5eed, 0x9e3779b97f4a7c15u, 42 };

static void lost_within(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(seeds) / sizeof(*seeds) && !t->failed;
	     i++)
		within_tolerance(t, seeds[i]);
}

/* At one failure too many (the last doomed item tips it), and early. */
static void lost_past(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(seeds) / sizeof(*seeds) && !t->failed;
	     i++) {
		struct items it;

		items_draw(&it, seeds[i]);
		past_tolerance(t, seeds[i], it.count[KIND_DOOMED] - 1);
		if (!t->failed)
			past_tolerance(t, seeds[i], 25);
	}
}

/* The draw is a third, give or take: the test means what it says. */
static void lost_draw(struct test_state *t)
{
	struct items it;

	for (size_t i = 0; i < sizeof(seeds) / sizeof(*seeds); i++) {
		items_draw(&it, seeds[i]);
		CHECK(it.count[KIND_OK] > 600 && it.count[KIND_OK] < 730);
		CHECK(it.count[KIND_FLAKY] > 130);
		CHECK(it.count[KIND_DOOMED] > 130);
	}
}

const struct test sfn_tests_run_lost[] = {
	{ "draw", lost_draw },
	{ "within_tolerance", lost_within },
	{ "past_tolerance", lost_past },
	{ NULL, NULL },
};
