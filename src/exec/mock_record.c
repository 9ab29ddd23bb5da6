/* The recorder: wraps integrations, numbers each state's invocations in
 * the order they start and keeps each outcome (a copy of the output, or
 * the error's name and cause), then writes them as a MockConfigFile test
 * case that the mock replays. Knows nothing of the interpreter, nor of
 * what the wrapped integrations do: it sees outcomes only. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/mock.h"

/* One state's outcomes, by invocation number; NULL: not answered. */
struct rec_state {
	char *name;
	cJSON **entries;
	unsigned long count, cap;
};

struct rec_wrap {
	struct sfn_integration integration; /* first: ctx is this wrapper */
	struct sfn_mock_record *rec;
	const struct sfn_integration *inner;
};

struct sfn_mock_record {
	struct rec_wrap wraps[SFN_MOCK_RECORD_MAX_WRAPPED];
	size_t nwraps;
	struct rec_state *states;
	size_t nstates, cap;
	unsigned long max;
};

struct rec_task {
	struct sfn_task base; /* first, as the seam asks */
	struct sfn_task *inner;
	struct sfn_mock_record *rec;
	size_t state;    /* index: the states array moves as it grows */
	unsigned long n; /* the invocation's number */
	sfn_task_done_fn done;
	void *cb_ctx;
};

/* ---- the states ------------------------------------------------------ */

static struct rec_state *find(struct sfn_mock_record *r, const char *name)
{
	for (size_t i = 0; i < r->nstates; i++)
		if (strcmp(r->states[i].name, name) == 0)
			return &r->states[i];
	return NULL;
}

static struct rec_state *add_state(struct sfn_mock_record *r, const char *name)
{
	struct rec_state *s;

	if (r->nstates == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 8;
		struct rec_state *more =
		        realloc(r->states, cap * sizeof(*more));

		if (more == NULL)
			return NULL;
		r->states = more;
		r->cap = cap;
	}
	s = &r->states[r->nstates];
	memset(s, 0, sizeof(*s));
	s->name = strdup(name);
	if (s->name == NULL)
		return NULL;
	r->nstates++;
	return s;
}

/* Reserves the next invocation of state NAME: its index in *N. */
static enum sfn_status reserve(struct sfn_mock_record *r, const char *name,
                               size_t *state, unsigned long *n)
{
	struct rec_state *s = find(r, name);

	if (s == NULL)
		s = add_state(r, name);
	if (s == NULL)
		return SFN_ERR_NOMEM;
	if (s->count == r->max)
		return SFN_ERR_LIMIT;
	if (s->count == s->cap) {
		unsigned long cap = s->cap ? s->cap * 2 : 4;
		cJSON **more = realloc(s->entries, cap * sizeof(*more));

		if (more == NULL)
			return SFN_ERR_NOMEM;
		s->entries = more;
		s->cap = cap;
	}
	s->entries[s->count] = NULL;
	*state = (size_t) (s - r->states);
	*n = s->count++;
	return SFN_OK;
}

/* {"Return": output} or {"Throw": {"Error", "Cause"}}; NULL: no memory. */
static cJSON *entry(const struct sfn_task_outcome *out)
{
	cJSON *e = cJSON_CreateObject(), *thr, *ret;

	if (e == NULL)
		return NULL;
	if (out->output != NULL) {
		ret = cJSON_Duplicate(out->output, 1);
		if (ret != NULL && cJSON_AddItemToObject(e, "Return", ret))
			return e;
		cJSON_Delete(ret);
	} else {
		thr = cJSON_AddObjectToObject(e, "Throw");
		if (thr != NULL &&
		    cJSON_AddStringToObject(thr, "Error", out->error.name) &&
		    cJSON_AddStringToObject(thr, "Cause",
		                            out->error.cause ? out->error.cause
		                                             : ""))
			return e;
	}
	cJSON_Delete(e);
	return NULL;
}

/* ---- the wrapping integration ------------------------------------------ */

static void rec_done(void *ctx, struct sfn_task_outcome *out)
{
	struct rec_task *t = ctx;
	sfn_task_done_fn done = t->done;
	void *cb_ctx = t->cb_ctx;

	/* out of memory leaves the slot empty: replayed as unanswered */
	if (out->output != NULL || out->error.name != NULL)
		t->rec->states[t->state].entries[t->n] = entry(out);
	free(t);
	done(cb_ctx, out);
}

static enum sfn_status rec_start(void *ctx, const struct sfn_task_request *req,
                                 sfn_task_done_fn done, void *cb_ctx,
                                 struct sfn_task **out)
{
	struct rec_wrap *w = ctx;
	struct sfn_mock_record *r = w->rec;
	struct rec_task *t = calloc(1, sizeof(*t));
	enum sfn_status st;

	if (t == NULL)
		return SFN_ERR_NOMEM;
	t->rec = r;
	st = reserve(r, req->state_name, &t->state, &t->n);
	if (st == SFN_OK) {
		t->base.integration = &w->integration;
		t->done = done;
		t->cb_ctx = cb_ctx;
		st = w->inner->start(w->inner->ctx, req, rec_done, t,
		                     &t->inner);
		if (st != SFN_OK)
			r->states[t->state].count--; /* nothing started since */
	}
	if (st != SFN_OK) {
		free(t);
		return st;
	}
	*out = &t->base;
	return SFN_OK;
}

static void rec_cancel(void *ctx, struct sfn_task *base)
{
	struct rec_task *t = (struct rec_task *) base;

	(void) ctx;
	sfn_task_cancel(t->inner);
	free(t);
}

enum sfn_status sfn_mock_record_new(unsigned long max_invocations,
                                    struct sfn_mock_record **out)
{
	*out = calloc(1, sizeof(**out));
	if (*out == NULL)
		return SFN_ERR_NOMEM;
	(*out)->max =
	        max_invocations ? max_invocations : SFN_MOCK_MAX_ATTEMPT + 1UL;
	return SFN_OK;
}

enum sfn_status sfn_mock_record_wrap(struct sfn_mock_record *rec,
                                     const struct sfn_integration *inner,
                                     const struct sfn_integration **out)
{
	struct rec_wrap *w;

	if (rec->nwraps == SFN_MOCK_RECORD_MAX_WRAPPED)
		return SFN_ERR_LIMIT;
	w = &rec->wraps[rec->nwraps++];
	w->rec = rec;
	w->inner = inner;
	w->integration =
	        (struct sfn_integration){ inner->name, rec_start, rec_cancel, w,
		                          inner->real_time };
	*out = &w->integration;
	return SFN_OK;
}

/* ---- the file ---------------------------------------------------------- */

/* A task that never answered: a Throw that comes after anything else. */
static cJSON *unanswered(void)
{
	cJSON *e = cJSON_CreateObject();
	cJSON *thr = cJSON_AddObjectToObject(e, "Throw");

	if (thr == NULL ||
	    !cJSON_AddStringToObject(thr, "Error", "States.Timeout") ||
	    !cJSON_AddStringToObject(thr, "Cause",
	                             "The task was cancelled before it "
	                             "answered when it was recorded") ||
	    !cJSON_AddNumberToObject(e, "DelaySeconds",
	                             SFN_MOCK_MAX_DELAY_SECONDS)) {
		cJSON_Delete(e);
		return NULL;
	}
	return e;
}

static cJSON *responses(const struct rec_state *s)
{
	cJSON *resp = cJSON_CreateObject();
	char key[32];

	for (unsigned long i = 0; resp != NULL && i < s->count; i++) {
		cJSON *e = s->entries[i] ? cJSON_Duplicate(s->entries[i], 1)
		                         : unanswered();

		snprintf(key, sizeof(key), "%lu", i);
		if (e == NULL || !cJSON_AddItemToObject(resp, key, e)) {
			cJSON_Delete(e);
			cJSON_Delete(resp);
			resp = NULL;
		}
	}
	return resp;
}

/* Adds state S to test case TC and its responses to ALL. */
static int add_recorded(cJSON *tc, cJSON *all, const struct rec_state *s,
                        const char *test_case)
{
	size_t len = strlen(test_case) + strlen(s->name) + 2;
	char *name = malloc(len);
	cJSON *resp = responses(s);
	int ok = name != NULL && resp != NULL;

	if (ok) {
		snprintf(name, len, "%s.%s", test_case, s->name);
		ok = cJSON_AddStringToObject(tc, s->name, name) != NULL &&
		     cJSON_AddItemToObject(all, name, resp);
	}
	if (!ok || name == NULL)
		cJSON_Delete(resp);
	free(name);
	return ok;
}

cJSON *sfn_mock_record_file(const struct sfn_mock_record *rec,
                            const char *machine, const char *test_case)
{
	cJSON *file = cJSON_CreateObject();
	cJSON *sm = cJSON_AddObjectToObject(file, "StateMachines");
	cJSON *m = sm ? cJSON_AddObjectToObject(sm, machine) : NULL;
	cJSON *cases = m ? cJSON_AddObjectToObject(m, "TestCases") : NULL;
	cJSON *tc = cases ? cJSON_AddObjectToObject(cases, test_case) : NULL;
	cJSON *all = cJSON_AddObjectToObject(file, "MockedResponses");
	int ok = tc != NULL && all != NULL;

	for (size_t i = 0; ok && i < rec->nstates; i++)
		ok = add_recorded(tc, all, &rec->states[i], test_case);
	if (!ok) {
		cJSON_Delete(file);
		return NULL;
	}
	return file;
}

void sfn_mock_record_free(struct sfn_mock_record *rec)
{
	if (rec == NULL)
		return;
	for (size_t i = 0; i < rec->nstates; i++) {
		for (unsigned long j = 0; j < rec->states[i].count; j++)
			cJSON_Delete(rec->states[i].entries[j]);
		free(rec->states[i].entries);
		free(rec->states[i].name);
	}
	free(rec->states);
	free(rec);
}
