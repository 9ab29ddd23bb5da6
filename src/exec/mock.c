/* The MockConfigFile of Step Functions Local, read for one test case,
 * and the mock integration that answers Task states from it: the N-th
 * invocation of a state in the execution (retries, Map iterations and
 * loops all count, as Step Functions Local counts them) gets the entry
 * whose key is N or a range holding N (the last entry answers past every
 * key), after its DelaySeconds on the loop's clock. Knows nothing of the
 * interpreter. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/mock.h"

struct mock_entry {
	unsigned long lo, hi; /* attempts, both ends included */
	const cJSON *body;    /* {"Return": ...} or {"Throw": {...}} */
	int64_t delay_ms;
};

struct mock_state {
	const char *name;
	struct mock_entry *entries;
	size_t count;
	unsigned long calls; /* invocations so far: the next one's key */
};

struct sfn_mock {
	struct sfn_integration integration;
	struct sfn_loop *loop;
	const struct sfn_json_doc *doc;
	struct sfn_diags *diags;
	struct mock_state *states;
	size_t nstates;
	size_t calls;
	const struct sfn_integration *front; /* sfn_mock_front, or NULL */
};

struct mock_task {
	struct sfn_task base; /* first, as the seam asks */
	struct sfn_mock *mock;
	const struct mock_entry *entry;
	struct sfn_timer timer;
	sfn_task_done_fn done;
	void *cb_ctx;
};

/* ---- reading --------------------------------------------------------- */

static enum sfn_status bad(struct sfn_mock *m, const cJSON *at,
                           const char *what, const char *name)
{
	struct sfn_loc loc = sfn_json_loc(m->doc, at);
	struct sfn_span key;

	/* a member's mistake is shown at its key */
	if (at->string != NULL && sfn_json_key_span(m->doc, at, &key)) {
		loc.line = key.line;
		loc.col = key.col;
		loc.end_line = key.end_line;
		loc.end_col = key.end_col;
	}

	sfn_diag_add(m->diags, SFN_RULE_MOCK_CONFIG, &loc, NULL, what, name);
	return SFN_ERR_SYNTAX;
}

static const cJSON *member(const cJSON *obj, const char *name)
{
	return cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, name)
	                           : NULL;
}

/* "N" or "N-M": attempts N to M. */
static int parse_key(const char *key, unsigned long *lo, unsigned long *hi)
{
	char *end;

	if (key[0] < '0' || key[0] > '9')
		return 0;
	errno = 0;
	*lo = strtoul(key, &end, 10);
	*hi = *lo;
	if (*end == '-') {
		if (end[1] < '0' || end[1] > '9')
			return 0;
		*hi = strtoul(end + 1, &end, 10);
	}
	return *end == '\0' && errno == 0 && *lo <= *hi &&
	       *hi <= SFN_MOCK_MAX_ATTEMPT;
}

static enum sfn_status check_body(struct sfn_mock *m, const cJSON *e,
                                  int64_t *delay_ms)
{
	const cJSON *ret = member(e, "Return"), *thr = member(e, "Throw");
	const cJSON *delay = member(e, "DelaySeconds");

	if (!cJSON_IsObject(e) || (ret == NULL) == (thr == NULL))
		return bad(m, e,
		           "the response for attempts '%s' needs "
		           "either \"Return\" or \"Throw\"",
		           e->string);
	if (thr != NULL && !cJSON_IsString(member(thr, "Error")))
		return bad(m, thr,
		           "\"Throw\" of attempts '%s' needs an "
		           "\"Error\" string",
		           e->string);
	if (thr != NULL && member(thr, "Cause") != NULL &&
	    !cJSON_IsString(member(thr, "Cause")))
		return bad(m, thr,
		           "\"Cause\" of attempts '%s' must be a string",
		           e->string);
	*delay_ms = 0;
	if (delay == NULL)
		return SFN_OK;
	if (!cJSON_IsNumber(delay) || delay->valuedouble < 0 ||
	    delay->valuedouble > SFN_MOCK_MAX_DELAY_SECONDS)
		return bad(m, delay,
		           "DelaySeconds of attempts '%s' must be a "
		           "number from 0 to 86400",
		           e->string);
	*delay_ms = (int64_t) (delay->valuedouble * 1000);
	return SFN_OK;
}

static enum sfn_status read_response(struct sfn_mock *m, struct mock_state *s,
                                     const cJSON *resp)
{
	const cJSON *e;
	size_t n = 0;
	enum sfn_status st;

	s->entries = calloc((size_t) cJSON_GetArraySize(resp) + 1,
	                    sizeof(*s->entries));
	if (s->entries == NULL)
		return SFN_ERR_NOMEM;
	cJSON_ArrayForEach(e, resp)
	{
		struct mock_entry *me = &s->entries[n];

		if (!parse_key(e->string, &me->lo, &me->hi))
			return bad(m, e,
			           "'%s' is no attempt number or range "
			           "(\"0\", \"1-2\")",
			           e->string);
		if (n > 0 && me->lo <= s->entries[n - 1].hi)
			return bad(m, e,
			           "attempts '%s' overlap or come before "
			           "the previous key",
			           e->string);
		st = check_body(m, e, &me->delay_ms);
		if (st != SFN_OK)
			return st;
		me->body = e;
		n++;
	}
	s->count = n;
	return n ? SFN_OK
	         : bad(m, resp, "the mocked response '%s' has no attempts",
	               resp->string);
}

static enum sfn_status read_case(struct sfn_mock *m, const cJSON *tc,
                                 const cJSON *responses)
{
	const cJSON *e;
	enum sfn_status st;

	m->states =
	        calloc((size_t) cJSON_GetArraySize(tc) + 1, sizeof(*m->states));
	if (m->states == NULL)
		return SFN_ERR_NOMEM;
	cJSON_ArrayForEach(e, tc)
	{
		const cJSON *resp = cJSON_IsString(e)
		                            ? member(responses, e->valuestring)
		                            : NULL;
		struct mock_state *s = &m->states[m->nstates++];

		s->name = e->string;
		if (!cJSON_IsObject(resp))
			return bad(m, e,
			           "state '%s' names no mocked response of "
			           "\"MockedResponses\"",
			           e->string);
		st = read_response(m, s, resp);
		if (st != SFN_OK)
			return st;
	}
	return SFN_OK;
}

static enum sfn_status find_case(struct sfn_mock *m, const char *machine,
                                 const char *test_case)
{
	const cJSON *root = sfn_json_root(m->doc);
	const cJSON *machines = member(root, "StateMachines");
	const cJSON *sm = member(machines, machine);
	const cJSON *tc = member(member(sm, "TestCases"), test_case);

	if (!cJSON_IsObject(root))
		return bad(m, root, "a MockConfigFile is an object%s", "");
	if (!cJSON_IsObject(machines))
		return bad(m, root, "no \"StateMachines\" object%s", "");
	if (sm == NULL)
		return bad(m, machines,
		           "no state machine '%s' in "
		           "\"StateMachines\"",
		           machine);
	if (!cJSON_IsObject(tc))
		return bad(m, sm, "no test case '%s' in its \"TestCases\"",
		           test_case);
	return read_case(m, tc, member(root, "MockedResponses"));
}

/* ---- the integration ------------------------------------------------- */

static const struct mock_entry *pick(const struct mock_state *s,
                                     unsigned long n)
{
	for (size_t i = 0; i < s->count; i++) {
		if (n >= s->entries[i].lo && n <= s->entries[i].hi)
			return &s->entries[i];
	}
	return &s->entries[s->count - 1];
}

static struct mock_state *find_state(const struct sfn_mock *m, const char *name)
{
	for (size_t i = 0; i < m->nstates; i++) {
		if (strcmp(m->states[i].name, name) == 0)
			return &m->states[i];
	}
	return NULL;
}

static void answer(struct sfn_loop *loop, void *ctx)
{
	struct mock_task *t = ctx;
	const cJSON *ret = member(t->entry->body, "Return");
	const cJSON *thr = member(t->entry->body, "Throw");
	struct sfn_task_outcome out = { NULL, { NULL, NULL } };
	sfn_task_done_fn done = t->done;
	void *cb_ctx = t->cb_ctx;

	(void) loop;
	free(t); /* gone before the callback, as the seam says */
	if (ret != NULL) {
		out.output = cJSON_Duplicate(ret, 1);
	} else {
		const cJSON *cause = member(thr, "Cause");

		/* out of memory leaves the name NULL: the callback sees it */
		(void) sfn_error_set(&out.error,
		                     member(thr, "Error")->valuestring, "%s",
		                     cause ? cause->valuestring : "");
	}
	done(cb_ctx, &out);
}

static enum sfn_status start(void *ctx, const struct sfn_task_request *req,
                             sfn_task_done_fn done, void *cb_ctx,
                             struct sfn_task **out)
{
	struct sfn_mock *m = ctx;
	struct mock_state *s = find_state(m, req->state_name);
	struct mock_task *t;
	enum sfn_status st;

	if (s == NULL)
		return SFN_ERR_USAGE;
	t = calloc(1, sizeof(*t));
	if (t == NULL)
		return SFN_ERR_NOMEM;
	t->base.integration = &m->integration;
	t->mock = m;
	t->entry = pick(s, s->calls);
	t->done = done;
	t->cb_ctx = cb_ctx;
	sfn_timer_init(&t->timer);
	st = sfn_loop_timer_start(m->loop, &t->timer, t->entry->delay_ms, 0,
	                          answer, t);
	if (st != SFN_OK) {
		free(t);
		return st;
	}
	m->calls++;
	s->calls++;
	*out = &t->base;
	return SFN_OK;
}

static void cancel(void *ctx, struct sfn_task *base)
{
	struct mock_task *t = (struct mock_task *) base;
	struct sfn_mock *m = ctx;

	sfn_loop_timer_stop(m->loop, &t->timer);
	free(t);
}

enum sfn_status sfn_mock_load(const struct sfn_json_doc *doc,
                              const char *machine, const char *test_case,
                              struct sfn_loop *loop, struct sfn_diags *diags,
                              struct sfn_mock **out)
{
	struct sfn_mock *m = calloc(1, sizeof(*m));
	enum sfn_status st;

	*out = NULL;
	if (m == NULL)
		return SFN_ERR_NOMEM;
	m->integration =
	        (struct sfn_integration){ "mock", start, cancel, m, 0 };
	m->loop = loop;
	m->doc = doc;
	m->diags = diags;
	st = find_case(m, machine, test_case);
	m->diags = NULL;
	if (st != SFN_OK) {
		sfn_mock_free(m);
		return st;
	}
	*out = m;
	return SFN_OK;
}

const struct sfn_integration *sfn_mock_for(const struct sfn_mock *mock,
                                           const char *state)
{
	if (find_state(mock, state) == NULL)
		return NULL;
	return mock->front ? mock->front : &mock->integration;
}

const struct sfn_integration *sfn_mock_integration(struct sfn_mock *mock)
{
	return &mock->integration;
}

void sfn_mock_front(struct sfn_mock *mock, const struct sfn_integration *front)
{
	mock->front = front;
}

size_t sfn_mock_calls(const struct sfn_mock *mock)
{
	return mock->calls;
}

void sfn_mock_free(struct sfn_mock *mock)
{
	if (mock == NULL)
		return;
	for (size_t i = 0; i < mock->nstates; i++)
		free(mock->states[i].entries);
	free(mock->states);
	free(mock);
}
