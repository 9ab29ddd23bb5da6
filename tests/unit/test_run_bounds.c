/* What sfnc run must never do: lose a Map item, or let an execution
 * grow without bound.
 *
 * Nothing lost: a distributed Map over 1,000 generated items, a seeded
 * random third of which meet thrown mocks (half of those recover on
 * their Retry, half throw at every attempt), under
 * ToleratedFailurePercentage at, and below, the share that fails. Every
 * item must end exactly once, as its result in its place or as a counted
 * failure; past the tolerance the state fails with
 * States.ExceedToleratedFailureThreshold at the first failure too many,
 * and no iteration ends after it. A mock answers by how many times its
 * state has been called in the execution (as Step Functions Local
 * counts), so a Choice routes each item by its "kind" to a state of its
 * own: Work always answers, Doomed always throws, and Flaky throws for
 * its first calls, as many as there are flaky items, then answers. However
 * the iterations interleave, every flaky item then meets at most that
 * many throws, which its Retry (MaxAttempts above it) outlasts, and
 * Flaky is called exactly twice per flaky item.
 *
 * Bounds: the payload limit on what an Assign stores, a Task's result and
 * a Map's or Parallel's results, at and past its edge; the history quota
 * at its default edge; and the context object's members. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/json.h"
#include "sfn/mock.h"
#include "sfn/model.h"
#include "sfn/run.h"
#include "sfn/util.h"
#include "run_parts.h"
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
        "\"BackoffRate\":1,\"MaxAttempts\":1000}],\"ResultPath\":\"$.r\","
        "\"End\":true},"
        "\"Doomed\":{\"Type\":\"Task\",\"Resource\":\"arn:x\",\"Retry\":[{"
        "\"ErrorEquals\":[\"Item.Broken\"],\"IntervalSeconds\":1,"
        "\"MaxAttempts\":2}],\"ResultPath\":\"$.r\",\"End\":true}}},"
        "\"End\":true}}}";

/* Work answers after 1 s; Flaky throws for its first %zu calls (the
 * flaky items), then answers; Doomed throws at every attempt (the last
 * entry answers past the keys). */
static const char mock_fmt[] =
        "{\"StateMachines\":{\"m\":{\"TestCases\":{\"T\":{"
        "\"Work\":\"Done\",\"Flaky\":\"Throttled\",\"Doomed\":\"Broken\"}}}},"
        "\"MockedResponses\":{"
        "\"Done\":{\"0\":{\"Return\":{\"done\":true},\"DelaySeconds\":1}},"
        "\"Throttled\":{\"0-%zu\":{\"Throw\":{\"Error\":\"Item.Throttled\","
        "\"Cause\":\"slow down\"},\"DelaySeconds\":0.5},"
        "\"%zu\":{\"Return\":{\"done\":true}}},"
        "\"Broken\":{\"0\":{\"Throw\":{\"Error\":\"Item.Broken\","
        "\"Cause\":\"no way\"}}}}}";

struct lost {
	struct run_parts p;
	struct sfn_vclock clock;
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

/* Loads DEF, INPUT and MOCK (test case "T" of machine "m"; may be
 * NULL: no mock), each taken, and runs the execution to its end. */
static enum sfn_status run_docs(struct lost *l, struct sfn_buf *def,
                                struct sfn_buf *input, struct sfn_buf *mock,
                                const struct sfn_run_opts *limits)
{
	struct sfn_run_opts opts = { 0 };
	struct sfn_diags diags;
	const char *why;
	enum sfn_status st;

	l->p.def = doc_of(def);
	l->p.input = doc_of(input);
	l->p.mock_doc = mock ? doc_of(mock) : NULL;
	if (l->p.def == NULL || l->p.input == NULL || (mock && !l->p.mock_doc))
		return SFN_ERR_SYNTAX;
	sfn_vclock_init(&l->clock, 1767268800000);
	st = sfn_loop_new(&l->clock.clock, NULL, &l->p.loop);
	sfn_diags_init(&diags);
	if (st == SFN_OK)
		st = sfn_asl_load(l->p.def, sfn_json_root(l->p.def), NULL,
		                  &diags, &l->p.machine);
	if (st == SFN_OK && l->p.mock_doc)
		st = sfn_mock_load(l->p.mock_doc, "m", "T", l->p.loop, &diags,
		                   &l->p.mock);
	sfn_diags_free(&diags);
	if (limits != NULL)
		opts = *limits;
	opts.name = "lost";
	opts.machine_name = "m";
	opts.mock = l->p.mock;
	opts.history = 1;
	if (st == SFN_OK)
		st = sfn_run_start(l->p.machine, sfn_json_root(l->p.input),
		                   &opts, l->p.loop, &l->p.run, &why);
	if (st == SFN_OK)
		st = sfn_loop_run_until(l->p.loop, sfn_run_done, l->p.run);
	if (st == SFN_OK && !sfn_run_done(l->p.run))
		st = SFN_ERR_USAGE;
	return st == SFN_OK ? sfn_run_status(l->p.run) : st;
}

/* The machine with a tolerance of TENTHS / 10 percent, its mocks and
 * the items of IT as input: [{"id": 0, "kind": "ok"}, ...]. */
static enum sfn_status lost_run(struct lost *l, const struct items *it,
                                size_t tenths)
{
	struct sfn_buf def, input, mock;

	sfn_buf_init(&def, 1 << 20);
	sfn_buf_printf(&def, machine_fmt, LOST_CONCURRENCY, tenths / 10,
	               tenths % 10);
	sfn_buf_init(&input, 1 << 20);
	for (size_t i = 0; i < LOST_ITEMS; i++)
		sfn_buf_printf(&input, "%c{\"id\":%zu,\"kind\":\"%s\"}",
		               i ? ',' : '[', i, kind_names[it->kind[i]]);
	sfn_buf_adds(&input, "]");
	sfn_buf_init(&mock, 1 << 20);
	sfn_buf_printf(&mock, mock_fmt, it->count[KIND_FLAKY] - 1,
	               it->count[KIND_FLAKY]);
	return run_docs(l, &def, &input, &mock, NULL);
}

static void lost_free(struct lost *l)
{
	run_parts_free(&l->p);
}

/* What the histories say of each item: the Map's own has Map Run events
 * only; each item is a child execution with a history of its own, which
 * must start with ExecutionStarted and end with ExecutionSucceeded or
 * ExecutionFailed (nothing after it); one stopped in flight has no end. */
struct tally {
	unsigned started[LOST_ITEMS], succeeded[LOST_ITEMS], failed[LOST_ITEMS];
	size_t nstarted, nsucceeded, nfailed, bad_index, after_end, map_ends,
	        iteration_events;
};

static const char *type_of(const cJSON *e)
{
	const char *type = cJSON_GetStringValue(cJSON_GetObjectItem(e, "type"));

	return type ? type : "";
}

static void tally_parent(struct tally *c, const cJSON *events)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, events)
	{
		const char *type = type_of(e);

		c->map_ends += strcmp(type, "MapRunSucceeded") == 0 ||
		               strcmp(type, "MapRunFailed") == 0;
		c->iteration_events += strncmp(type, "MapIteration", 12) == 0;
	}
}

static void tally_child(struct tally *c, const cJSON *child)
{
	const cJSON *events = cJSON_GetObjectItem(child, "events"), *e;
	double index =
	        cJSON_GetNumberValue(cJSON_GetObjectItem(child, "index"));
	size_t i = (size_t) index, ends = 0;

	if (!(index >= 0 && index < LOST_ITEMS)) {
		c->bad_index++;
		return;
	}
	if (strcmp(type_of(cJSON_GetArrayItem(events, 0)),
	           "ExecutionStarted") == 0) {
		c->started[i]++;
		c->nstarted++;
	}
	cJSON_ArrayForEach(e, events)
	{
		int ok = strcmp(type_of(e), "ExecutionSucceeded") == 0,
		    bad = strcmp(type_of(e), "ExecutionFailed") == 0;

		c->after_end += ends > 0;
		ends += ok || bad;
		c->succeeded[i] += ok;
		c->failed[i] += bad;
		c->nsucceeded += ok;
		c->nfailed += bad;
	}
}

static void tally(struct tally *c, const struct sfn_run *run)
{
	const cJSON *h = sfn_run_history(run), *child;

	memset(c, 0, sizeof(*c));
	tally_parent(c, cJSON_GetObjectItem(h, "events"));
	cJSON_ArrayForEach(child, cJSON_GetObjectItem(h, "childExecutions"))
	{
		tally_child(c, child);
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
	CHECK_INT(sfn_run_state(l.p.run), SFN_RUN_SUCCEEDED);
	out = sfn_run_output(l.p.run);
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
	/* every item started and ended once: Work once, Flaky twice per
	 * flaky item (one throw each, however they fall), Doomed three
	 * times (two retries each) */
	tally(&c, l.p.run);
	CHECK_INT(c.nstarted, LOST_ITEMS);
	CHECK_INT(c.nsucceeded, LOST_ITEMS - it.count[KIND_DOOMED]);
	CHECK_INT(c.nfailed, it.count[KIND_DOOMED]);
	CHECK_INT(c.bad_index + c.after_end + c.iteration_events, 0);
	CHECK_INT(c.map_ends, 1);
	for (i = 0; i < LOST_ITEMS; i++) {
		CHECK_INT(c.started[i], 1);
		CHECK_INT(c.failed[i], it.kind[i] == KIND_DOOMED);
		CHECK_INT(c.succeeded[i], it.kind[i] != KIND_DOOMED);
	}
	CHECK_INT(sfn_mock_calls(l.p.mock), it.count[KIND_OK] +
	                                            2 * it.count[KIND_FLAKY] +
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
	CHECK_INT(sfn_run_state(l.p.run), SFN_RUN_FAILED);
	CHECK_STR(sfn_run_error(l.p.run)->name,
	          "States.ExceedToleratedFailureThreshold");
	tally(&c, l.p.run);
	CHECK_INT(c.nfailed, tenths + 1);
	CHECK_INT(c.map_ends, 1);
	CHECK_INT(c.bad_index + c.after_end + c.iteration_events, 0);
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

/* ---- bounds ---------------------------------------------------------- */

/* TEXT with every ' made a ", into a buffer (a JSON document). */
static void quoted(struct sfn_buf *b, const char *text)
{
	sfn_buf_init(b, 1 << 22);
	for (const char *p = text; *p; p++)
		sfn_buf_addc(b, *p == '\'' ? '"' : *p);
}

/* Runs DEF on INPUT (and MOCK, may be NULL; all with ' for ") under
 * LIMITS (may be NULL); the output or "ERROR: CAUSE", malloc'd, or NULL
 * when the execution could not run. */
static char *outcome(const char *def, const char *input, const char *mock,
                     const struct sfn_run_opts *limits)
{
	struct lost l;
	struct sfn_buf d, i, m, out;
	const struct sfn_error *err;

	memset(&l, 0, sizeof(l));
	quoted(&d, def);
	quoted(&i, input);
	if (mock != NULL)
		quoted(&m, mock);
	if (run_docs(&l, &d, &i, mock ? &m : NULL, limits) != SFN_OK) {
		lost_free(&l);
		return NULL;
	}
	sfn_buf_init(&out, 1 << 22);
	if (sfn_run_output(l.p.run) != NULL) {
		char *text = cJSON_PrintUnformatted(sfn_run_output(l.p.run));

		sfn_buf_adds(&out, text ? text : "(no memory)");
		free(text);
	} else {
		err = sfn_run_error(l.p.run);
		sfn_buf_printf(&out, "%s: %s", err->name, err->cause);
	}
	lost_free(&l);
	return sfn_buf_take(&out);
}

/* FMT with every ' made a " and every %s made N x's. */
static char *fill(const char *fmt, size_t n)
{
	struct sfn_buf b;

	sfn_buf_init(&b, 1 << 22);
	for (const char *p = fmt; *p; p++) {
		if (p[0] == '%' && p[1] == 's') {
			for (size_t i = 0; i < n; i++)
				sfn_buf_addc(&b, 'x');
			p++;
		} else {
			sfn_buf_addc(&b, *p == '\'' ? '"' : *p);
		}
	}
	return sfn_buf_take(&b);
}

static const char assign_def[] =
        "{'StartAt':'A','States':{'A':{'Type':'Pass','Assign':{'v.$':"
        "'$$.Execution.Input'},"
        "'Parameters':{'n':1},'End':true}}}";

/* What one Assign stores is bounded as a payload is: {"v":{"s":"x..."}}
 * of exactly the limit (14 bytes and the x's) is stored, one byte more
 * fails the state. */
static void assign_limit(struct test_state *t)
{
	struct sfn_run_opts o = { 0 };
	char *at = fill("{'s':'%s'}", 50), *past = fill("{'s':'%s'}", 51);
	char *ok, *over;

	o.max_payload = 14 + 50;
	ok = outcome(assign_def, at, NULL, &o);
	over = outcome(assign_def, past, NULL, &o);
	CHECK(ok != NULL && over != NULL);
	CHECK_STR(ok, "{\"n\":1}");
	CHECK_STR(over, "States.DataLimitExceeded: The variables assigned by "
	                "state 'A' exceed the maximum number of bytes service "
	                "limit.");
	free(at);
	free(past);
	free(ok);
	free(over);
}

/* A loop that doubles a variable ends at the default limit, instead of
 * growing until memory runs out. */
static void assign_doubling_ends(struct test_state *t)
{
	char *got = outcome(
	        "{'StartAt':'I','States':{'I':{'Type':'Pass','Assign':{'v':"
	        "[1]},'Next':'G'},'G':{'Type':'Pass','Assign':{'v.$':"
	        "'States.Array($v, $v)'},'Next':'C'},'C':{'Type':'Choice',"
	        "'Choices':[{'Variable':'$.stop','IsPresent':true,'Next':'E'}],"
	        "'Default':'G'},'E':{'Type':'Succeed'}}}",
	        "{}", NULL, NULL);

	CHECK(got != NULL);
	CHECK_STR(got, "States.DataLimitExceeded: The variables assigned by "
	               "state 'G' exceed the maximum number of bytes service "
	               "limit.");
	free(got);
}

/* A Task's result, a Map's and a Parallel's results at and past the
 * limit (the result at it, with N x's in each %s, is AT); a Task's is
 * caught by its name, never by States.TaskFailed. */
static const struct result_case {
	const char *name, *def, *input, *mock, *at, *past;
} result_cases[] = {
	{ "task",
	  "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x',"
	  "'Catch':[{'ErrorEquals':['States.TaskFailed'],'Next':'F'},"
	  "{'ErrorEquals':['States.DataLimitExceeded'],'Next':'D'}],"
	  "'End':true},'F':{'Type':'Fail','Error':'Wrong'},"
	  "'D':{'Type':'Pass','Result':'caught','End':true}}}",
	  "{}",
	  "{'StateMachines':{'m':{'TestCases':{'T':{'T':'R'}}}},"
	  "'MockedResponses':{'R':{'0':{'Return':'%s'}}}}",
	  "'%s'", "\"caught\"" },
	{ "map",
	  "{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.i',"
	  "'ItemSelector':{'v.$':'$.s'},'ItemProcessor':{'StartAt':'P',"
	  "'States':{'P':{'Type':'Pass','End':true}}},'End':true}}}",
	  "{'s':'%s','i':[1,2]}", NULL, "[{'v':'%s'},{'v':'%s'}]",
	  "States.DataLimitExceeded: The state/task 'M' returned a result "
	  "with a size exceeding the maximum number of bytes service limit." },
	{ "parallel",
	  "{'StartAt':'P','States':{'P':{'Type':'Parallel','InputPath':'$.s',"
	  "'Branches':[{'StartAt':'A','States':{'A':{'Type':'Pass',"
	  "'End':true}}},{'StartAt':'B','States':{'B':{'Type':'Pass',"
	  "'End':true}}}],'End':true}}}",
	  "{'s':'%s'}", NULL, "['%s','%s']",
	  "States.DataLimitExceeded: The state/task 'P' returned a result "
	  "with a size exceeding the maximum number of bytes service limit." },
};

static void result_limits(struct test_state *t)
{
	for (size_t k = 0; k < sizeof(result_cases) / sizeof(*result_cases);
	     k++) {
		const struct result_case *c = &result_cases[k];
		struct sfn_run_opts o = { 0 };
		char *want = fill(c->at, 40), *in_at = fill(c->input, 40);
		char *in_past = fill(c->input, 41), *mock_at = NULL;
		char *mock_past = NULL, *ok, *over;

		o.max_payload = want ? strlen(want) : 1;
		if (c->mock) {
			mock_at = fill(c->mock, 40);
			mock_past = fill(c->mock, 41);
		}
		ok = outcome(c->def, in_at, mock_at, &o);
		over = outcome(c->def, in_past, mock_past, &o);
		if (ok == NULL || over == NULL || want == NULL ||
		    strcmp(ok, want) != 0 || strcmp(over, c->past) != 0)
			test_fail(t, __FILE__, __LINE__,
			          "%s: at the limit %s, past it %s", c->name,
			          ok ? ok : "(none)", over ? over : "(none)");
		free(want);
		free(in_at);
		free(in_past);
		free(mock_at);
		free(mock_past);
		free(ok);
		free(over);
	}
}

/* A loop of L rounds records 4L + 7 events before the end: 6,248
 * rounds make 24,999 and succeed, 6,249 would make 25,003. */
static const char count_def[] =
        "{'StartAt':'I','States':{'I':{'Type':'Pass','Parameters':{'i':0,"
        "'n.$':'$.n'},'Next':'C'},'C':{'Type':'Choice','Choices':[{"
        "'Variable':'$.i','NumericLessThanPath':'$.n','Next':'A'}],"
        "'Default':'E'},'A':{'Type':'Pass','Parameters':{'i.$':"
        "'States.MathAdd($.i, 1)','n.$':'$.n'},'Next':'C'},"
        "'E':{'Type':'Succeed'}}}";

static void history_default_edge(struct test_state *t)
{
	char *ok = outcome(count_def, "{'n':6248}", NULL, NULL);
	char *over = outcome(count_def, "{'n':6249}", NULL, NULL);

	CHECK(ok != NULL && over != NULL);
	CHECK_STR(ok, "{\"i\":6248,\"n\":6248}");
	CHECK_STR(over, "States.Runtime: The execution reached its limit of "
	                "history events (SFN_RUN_MAX_HISTORY)");
	free(ok);
	free(over);
}

/* A Map (MaxConcurrency 1) in MODE whose iterations run a chain of K
 * Pass states; its output counts the results. */
static char *map_def(const char *mode, size_t k)
{
	struct sfn_buf b;

	sfn_buf_init(&b, 1 << 20);
	sfn_buf_printf(&b,
	               "{'StartAt':'M','States':{'M':{'Type':'Map',"
	               "'MaxConcurrency':1,'ResultSelector':{'n.$':"
	               "'States.ArrayLength($)'},'ItemProcessor':{"
	               "'ProcessorConfig':{'Mode':'%s'%s},'StartAt':'P0',"
	               "'States':{",
	               mode,
	               strcmp(mode, "INLINE") ? ",'ExecutionType':'STANDARD'"
	                                      : "");
	for (size_t i = 0; i + 1 < k; i++)
		sfn_buf_printf(&b, "'P%zu':{'Type':'Pass','Next':'P%zu'},", i,
		               i + 1);
	sfn_buf_printf(&b, "'P%zu':{'Type':'Pass','End':true}}},'End':true}}}",
	               k - 1);
	return sfn_buf_take(&b);
}

/* N items, as a JSON array. */
static char *items_of(size_t n)
{
	struct sfn_buf b;

	sfn_buf_init(&b, 1 << 20);
	for (size_t i = 0; i < n; i++)
		sfn_buf_printf(&b, "%c%zu", i ? ',' : '[', i);
	sfn_buf_adds(&b, n ? "]" : "[]");
	return sfn_buf_take(&b);
}

/* Each iteration of a DISTRIBUTED Map is a child execution with a
 * history of its own: 7,000 items of 4 events each (28,000) fit, at the
 * default quota, where the same Map inline fails the execution. */
static void distributed_default_quota(struct test_state *t)
{
	char *dist = map_def("DISTRIBUTED", 1), *inl = map_def("INLINE", 1);
	char *items = items_of(7000), *ok, *over;

	ok = outcome(dist, items, NULL, NULL);
	over = outcome(inl, items, NULL, NULL);
	CHECK(ok != NULL && over != NULL);
	CHECK_STR(ok, "{\"n\":7000}");
	CHECK_STR(over, "States.Runtime: The execution reached its limit of "
	                "history events (SFN_RUN_MAX_HISTORY)");
	free(dist);
	free(inl);
	free(items);
	free(ok);
	free(over);
}

/* A child execution of K Pass states records 2K + 1 events before its
 * end event (which always goes in): under a quota of 10, K = 4 is at
 * the edge and 30 such children (300 events in all) succeed; K = 5 and
 * K = 10 fail their child with States.Runtime, which fails the Map. The
 * parent's own history holds Map Run events only. */
static void child_quota_edge(struct test_state *t)
{
	static const size_t ks[] = { 4, 5, 10 };
	char *items = items_of(30);

	for (size_t i = 0; i < sizeof(ks) / sizeof(*ks); i++) {
		struct sfn_run_opts o = { 0 };
		struct sfn_buf d, in;
		struct lost l;
		const cJSON *h, *kid, *last;
		char *def = map_def("DISTRIBUTED", ks[i]);

		memset(&l, 0, sizeof(l));
		o.max_history = 10;
		quoted(&d, def);
		quoted(&in, items);
		CHECK_INT(run_docs(&l, &d, &in, NULL, &o), SFN_OK);
		h = sfn_run_history(l.p.run);
		CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(h, "events")),
		          6 - (ks[i] > 4));
		kid = cJSON_GetArrayItem(
		        cJSON_GetObjectItem(h, "childExecutions"), 0);
		kid = cJSON_GetObjectItem(kid, "events");
		last = cJSON_GetArrayItem(kid, cJSON_GetArraySize(kid) - 1);
		if (ks[i] == 4) {
			CHECK_INT(sfn_run_state(l.p.run), SFN_RUN_SUCCEEDED);
			CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(
			                  h, "childExecutions")),
			          30);
			CHECK_INT(cJSON_GetArraySize(kid), 10);
			CHECK_STR(type_of(last), "ExecutionSucceeded");
		} else {
			CHECK_INT(sfn_run_state(l.p.run), SFN_RUN_FAILED);
			CHECK_STR(sfn_run_error(l.p.run)->cause,
			          "The child execution reached its limit of "
			          "history events (SFN_RUN_MAX_HISTORY)");
			CHECK_INT(cJSON_GetArraySize(kid), 11);
			CHECK_STR(type_of(last), "ExecutionFailed");
		}
		lost_free(&l);
		free(def);
	}
	free(items);
}

/* $$.Execution, $$.StateMachine, $$.State.RetryCount and a new task
 * token for each attempt, as the retried task's parameters (the trace's
 * second attempt) show them. */
static void context_members(struct test_state *t)
{
	struct lost l;
	struct sfn_buf d, i, m;
	struct sfn_run_opts o = { 0 };
	char *got;

	memset(&l, 0, sizeof(l));
	o.trace = 1;
	quoted(&d, "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':"
	           "'arn:aws:states:::sqs:sendMessage.waitForTaskToken',"
	           "'Parameters':{'t.$':'$$.Task.Token','id.$':"
	           "'$$.Execution.Id','role.$':'$$.Execution.RoleArn',"
	           "'redrive.$':'$$.Execution.RedriveCount','sm.$':"
	           "'$$.StateMachine.Id','n.$':'$$.State.RetryCount'},"
	           "'Retry':[{'ErrorEquals':['E']}],'End':true}}}");
	quoted(&i, "{}");
	quoted(&m, "{'StateMachines':{'m':{'TestCases':{'T':{'T':'R'}}}},"
	           "'MockedResponses':{'R':{'0':{'Throw':{'Error':'E'}},"
	           "'1':{'Return':1}}}}");
	CHECK_INT(run_docs(&l, &d, &i, &m, &o), SFN_OK);
	got = cJSON_PrintUnformatted(cJSON_GetObjectItem(
	        cJSON_GetArrayItem(sfn_run_trace(l.p.run), 1),
	        "afterParameters"));
	CHECK_STR(got,
	          "{\"t\":\"lost-token-2\",\"id\":\"arn:aws:states:us-east-1:"
	          "123456789012:execution:m:lost\",\"role\":\"arn:aws:iam::"
	          "123456789012:role/StepFunctionsLocal\",\"redrive\":0,"
	          "\"sm\":\"arn:aws:states:us-east-1:123456789012:"
	          "stateMachine:m\",\"n\":1}");
	free(got);
	lost_free(&l);
}

const struct test sfn_tests_runb[] = {
	{ "draw", lost_draw },
	{ "within_tolerance", lost_within },
	{ "past_tolerance", lost_past },
	{ "assign_limit", assign_limit },
	{ "assign_doubling_ends", assign_doubling_ends },
	{ "result_limits", result_limits },
	{ "history_default_edge", history_default_edge },
	{ "distributed_default_quota", distributed_default_quota },
	{ "child_quota_edge", child_quota_edge },
	{ "context_members", context_members },
	{ NULL, NULL },
};
