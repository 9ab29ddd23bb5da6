/* The integration seam with a fake integration: Resource patterns and the
 * table's limit, 1,000 tasks under a concurrency cap on a virtual clock,
 * cancellation reaching every task in flight once, error outcomes. */
#include "config.h"

#include <stdlib.h>

#include "fake_task.h"
#include "sfn/integration.h"
#include "sfn/loop.h"
#include "test.h"

static const struct match_case {
	const char *pattern, *resource;
	int want;
} match_cases[] = {
	{ "arn:aws:states:::bedrock:invokeModel",
	  "arn:aws:states:::bedrock:invokeModel", 1 },
	{ "arn:aws:states:::bedrock:invokeModel",
	  "arn:aws:states:::bedrock:invokeModel.sync", 0 },
	{ "arn:aws:lambda:*:*:function:*",
	  "arn:aws:lambda:us-east-1:123456789012:function:f", 1 },
	{ "arn:aws:lambda:*:*:function:*", "arn:aws:lambda:us-east-1:1", 0 },
	{ "*", "", 1 },
	{ "*", "anything", 1 },
	{ "", "", 1 },
	{ "", "x", 0 },
	{ "a*b*c", "abc", 1 },
	{ "a*b*c", "axxbyybzc", 1 },
	{ "a*b*c", "axxbyybzcd", 0 },
	{ "*x", "xyx", 1 },
	{ "*x", "xy", 0 },
	{ "**", "ab", 1 },
	{ "a*", "a", 1 },
	{ "*a", "", 0 },
};

static void match(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(match_cases) / sizeof(*match_cases);
	     i++) {
		const struct match_case *c = &match_cases[i];

		if (sfn_integrations_match(c->pattern, c->resource) != c->want)
			test_fail(t, __FILE__, __LINE__,
			          "'%s' ~ '%s' is not %d", c->pattern,
			          c->resource, c->want);
	}
}

static void table(struct test_state *t)
{
	struct sfn_integrations tab;
	struct sfn_integration a = { "a", NULL, NULL, NULL, 0 };
	struct sfn_integration b = { "b", NULL, NULL, NULL, 1 };

	sfn_integrations_init(&tab);
	CHECK(sfn_integrations_find(&tab, "x") == NULL);
	CHECK(sfn_integrations_add(&tab, "arn:aws:states:::bedrock:*", &a) ==
	      SFN_OK);
	CHECK(sfn_integrations_add(&tab, "*", &b) == SFN_OK);
	CHECK(sfn_integrations_find(
	              &tab, "arn:aws:states:::bedrock:invokeModel") == &a);
	CHECK(sfn_integrations_find(&tab, "arn:aws:states:::sqs:sendMessage") ==
	      &b);
	while (tab.count < SFN_INTEGRATIONS_MAX)
		CHECK(sfn_integrations_add(&tab, "never", &a) == SFN_OK);
	CHECK(sfn_integrations_add(&tab, "never", &a) == SFN_ERR_LIMIT);
	CHECK_INT(tab.count, SFN_INTEGRATIONS_MAX);
}

/* ---- a driver: an interpreter's stand-in ---- */

#define DRIVER_TASKS 1000

struct driver {
	struct sfn_integrations table;
	const char *resources[2]; /* even and odd task numbers */
	size_t total, cap;        /* tasks to run; at most CAP at once */
	size_t next, done, failed;
	int in_start;   /* inside sfn_integrations_start */
	int reentered;  /* a completion arrived inside start */
	int unexpected; /* a wrong outcome or a late completion */
	const cJSON *want;
	struct slot {
		struct driver *d;
		struct sfn_task *task; /* NULL once done or cancelled */
	} slots[DRIVER_TASKS];
};

static enum sfn_status start_next(struct driver *d);

static void task_done(void *cb_ctx, struct sfn_task_outcome *out)
{
	struct slot *s = cb_ctx;
	struct driver *d = s->d;

	if (d->in_start)
		d->reentered++;
	if (s->task == NULL)
		d->unexpected++;
	s->task = NULL;
	if (out->output != NULL && cJSON_Compare(out->output, d->want, 1))
		d->done++;
	else if (out->output == NULL && out->error.name != NULL)
		d->failed++;
	else
		d->unexpected++;
	cJSON_Delete(out->output);
	sfn_error_clear(&out->error);
	if (start_next(d) != SFN_OK)
		d->unexpected++;
}

/* Starts tasks until CAP are in flight or all have started. */
static enum sfn_status start_next(struct driver *d)
{
	size_t in_flight = d->next - d->done - d->failed;

	while (d->next < d->total && in_flight < d->cap) {
		struct slot *s = &d->slots[d->next];
		struct sfn_task_request req = { d->resources[d->next % 2],
			                        "Work",
			                        d->want,
			                        0,
			                        0,
			                        NULL,
			                        0 };
		struct sfn_error err = { NULL, NULL };
		enum sfn_status st;

		s->d = d;
		d->in_start = 1;
		st = sfn_integrations_start(&d->table, &req, task_done, s,
		                            &s->task, &err);
		d->in_start = 0;
		sfn_error_clear(&err);
		if (st != SFN_OK)
			return st;
		d->next++;
		in_flight++;
	}
	return SFN_OK;
}

static void driver_init(struct driver *d, size_t total, size_t cap,
                        const cJSON *want)
{
	*d = (struct driver){ .total = total, .cap = cap, .want = want };
	d->resources[0] = "arn:aws:states:::fast";
	d->resources[1] = "arn:aws:states:::slow";
	sfn_integrations_init(&d->table);
}

static void thousand_tasks(struct test_state *t)
{
	struct sfn_vclock v;
	struct sfn_loop *loop;
	cJSON *want = cJSON_Parse("{\"ok\":true,\"n\":[1,2]}");
	struct fake *fake = malloc(sizeof(*fake));
	struct driver *d = malloc(sizeof(*d));

	CHECK(want != NULL && fake != NULL && d != NULL);
	sfn_vclock_init(&v, 0);
	CHECK(sfn_loop_new(&v.clock, NULL, &loop) == SFN_OK);
	fake_init(fake, loop, 250, want, NULL);
	driver_init(d, DRIVER_TASKS, 7, want);
	CHECK(sfn_integrations_add(&d->table, "arn:aws:states:::*",
	                           &fake->integration) == SFN_OK);
	CHECK(start_next(d) == SFN_OK);
	CHECK(sfn_loop_run(loop) == SFN_OK);
	CHECK_INT(d->done, DRIVER_TASKS);
	CHECK_INT(d->reentered + d->unexpected + d->failed, 0);
	CHECK_INT(fake->started, DRIVER_TASKS);
	CHECK_INT(fake->max_in_flight, 7);
	CHECK_INT(fake->in_flight, 0);
	/* The ideal: ceil(1000 / 7) rounds of 250 ms, with no idle gap. */
	CHECK_INT(v.mono, (DRIVER_TASKS + 6) / 7 * 250);
	sfn_loop_free(loop);
	cJSON_Delete(want);
	free(fake);
	free(d);
}

/* At 500 ms every task in flight is cancelled: the fast ones (100 ms)
 * have finished, the slow ones (1 s) are each cancelled exactly once and
 * never complete. */
static void cancel_all(struct sfn_loop *loop, void *ctx)
{
	struct driver *d = ctx;

	(void) loop;
	d->total = d->next; /* start nothing more */
	for (size_t i = 0; i < d->next; i++) {
		if (d->slots[i].task != NULL) {
			sfn_task_cancel(d->slots[i].task);
			d->slots[i].task = NULL;
		}
	}
}

static void cancellation(struct test_state *t)
{
	struct sfn_vclock v;
	struct sfn_loop *loop;
	cJSON *want = cJSON_CreateTrue();
	struct fake *fast = malloc(sizeof(*fast)),
	            *slow = malloc(sizeof(*slow));
	struct driver *d = malloc(sizeof(*d));
	struct sfn_timer stop;

	CHECK(want != NULL && fast != NULL && slow != NULL && d != NULL);
	sfn_vclock_init(&v, 0);
	CHECK(sfn_loop_new(&v.clock, NULL, &loop) == SFN_OK);
	fake_init(fast, loop, 100, want, NULL);
	fake_init(slow, loop, 1000, want, NULL);
	driver_init(d, 40, 40, want);
	CHECK(sfn_integrations_add(&d->table, "*:fast", &fast->integration) ==
	      SFN_OK);
	CHECK(sfn_integrations_add(&d->table, "*:slow", &slow->integration) ==
	      SFN_OK);
	CHECK(start_next(d) == SFN_OK);
	sfn_timer_init(&stop);
	CHECK(sfn_loop_timer_start(loop, &stop, 500, 0, cancel_all, d) ==
	      SFN_OK);
	CHECK(sfn_loop_run(loop) == SFN_OK);
	CHECK(sfn_loop_idle(loop));
	CHECK_INT(v.mono, 500);
	CHECK_INT(d->done, 20);
	CHECK_INT(d->unexpected, 0);
	CHECK_INT(fast->cancelled, 0);
	CHECK_INT(slow->cancelled, 20);
	CHECK_INT(slow->finished, 0);
	CHECK_INT(fast->in_flight + slow->in_flight, 0);
	for (size_t i = 0; i < 20; i++)
		CHECK_INT(slow->cancels[i], 1);
	sfn_loop_free(loop);
	cJSON_Delete(want);
	free(fast);
	free(slow);
	free(d);
}

static void errors(struct test_state *t)
{
	struct sfn_vclock v;
	struct sfn_loop *loop;
	struct fake *fake = malloc(sizeof(*fake));
	struct driver *d = malloc(sizeof(*d));
	struct sfn_task_request req = {
		"arn:aws:states:::nothing", "Work", NULL, 0, 0, NULL, 0
	};
	struct sfn_task *task = (struct sfn_task *) d;
	struct sfn_error err = { NULL, NULL };

	CHECK(fake != NULL && d != NULL);
	sfn_vclock_init(&v, 0);
	CHECK(sfn_loop_new(&v.clock, NULL, &loop) == SFN_OK);
	fake_init(fake, loop, 0, NULL, "Lambda.ServiceException");
	driver_init(d, 3, 2, NULL);
	CHECK(sfn_integrations_add(&d->table, "*:fast", &fake->integration) ==
	      SFN_OK);
	CHECK(sfn_integrations_start(&d->table, &req, task_done, d, &task,
	                             &err) == SFN_ERR_FAILED);
	CHECK(task == NULL);
	CHECK_STR(err.name, "States.Runtime");
	CHECK_STR(err.cause, "No integration runs the resource "
	                     "'arn:aws:states:::nothing'");
	sfn_error_clear(&err);
	d->resources[1] = d->resources[0];
	CHECK(start_next(d) == SFN_OK);
	CHECK(sfn_loop_run(loop) == SFN_OK);
	CHECK_INT(d->failed, 3);
	CHECK_INT(d->done + d->unexpected + d->reentered, 0);
	CHECK_INT(v.mono, 0);
	sfn_loop_free(loop);
	free(fake);
	free(d);
}

/* ---- a Task with TimeoutSeconds and a Retrier, as the interpreter will
 * run one: the execution suspends at the Task and resumes from the
 * completion callback or from its timeout timer. */

struct run {
	struct sfn_loop *loop;
	struct fake *fake;
	struct sfn_task *task;    /* in flight, or NULL */
	struct sfn_timer timeout; /* the Task's TimeoutSeconds */
	struct sfn_timer backoff; /* waiting to retry */
	struct sfn_backoff retry; /* the Retrier */
	unsigned attempt, max_attempts;
	int64_t timeout_ms, next_delay_ms;
	const char *result; /* "ok", "States.Timeout", or a wrong outcome */
	int64_t ended_at;
};

static void run_end(struct run *r, const char *result)
{
	struct sfn_clock *c = sfn_loop_clock(r->loop);

	r->result = result;
	r->ended_at = c->mono_ms(c);
}

static void run_done(void *cb_ctx, struct sfn_task_outcome *out)
{
	struct run *r = cb_ctx;

	r->task = NULL;
	sfn_loop_timer_stop(r->loop, &r->timeout);
	run_end(r, out->output != NULL ? "ok" : "error");
	cJSON_Delete(out->output);
	sfn_error_clear(&out->error);
}

static void run_attempt(struct sfn_loop *loop, void *ctx);

static void run_timed_out(struct sfn_loop *loop, void *ctx)
{
	struct run *r = ctx;

	sfn_task_cancel(r->task);
	r->task = NULL;
	if (++r->attempt == r->max_attempts) {
		run_end(r, "States.Timeout");
		return;
	}
	if (r->attempt == r->max_attempts - 1) /* the last one */
		r->fake->delay_ms = r->next_delay_ms;
	if (sfn_loop_timer_start(
	            loop, &r->backoff,
	            sfn_backoff_delay_ms(&r->retry, r->attempt - 1, NULL, NULL),
	            0, run_attempt, r) != SFN_OK)
		run_end(r, "no timer");
}

/* The timeout timer starts after the task, so a completion due at the
 * same moment fires first: the Task succeeds. */
static void run_attempt(struct sfn_loop *loop, void *ctx)
{
	struct run *r = ctx;
	const struct sfn_integration *it = &r->fake->integration;
	struct sfn_task_request req = {
		"arn:aws:states:::fake", "Work", NULL, r->timeout_ms, 0, NULL, 0
	};

	if (it->start(it->ctx, &req, run_done, r, &r->task) != SFN_OK ||
	    sfn_loop_timer_start(loop, &r->timeout, r->timeout_ms,
	                         it->real_time ? SFN_TIMER_REAL : 0,
	                         run_timed_out, r) != SFN_OK)
		run_end(r, "no start");
}

static const struct retry_case {
	int64_t delay_ms, timeout_ms, next_delay_ms;
	unsigned max_attempts;
	const char *result;
	int64_t ended_at;
	size_t cancelled;
} retry_cases[] = {
	/* 0-200 timeout, wait 1000; 1200-1400 timeout, wait 2000;
	 * 3400-3500 done. */
	{ 300, 200, 100, 3, "ok", 3500, 2 },
	{ 300, 200, 300, 3, "States.Timeout", 3600, 3 },
	{ 200, 200, 200, 1, "ok", 200, 0 }, /* done at the deadline */
	{ 201, 200, 200, 1, "States.Timeout", 200, 1 },
};

static void timeout_and_retry(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(retry_cases) / sizeof(*retry_cases);
	     i++) {
		const struct retry_case *c = &retry_cases[i];
		struct sfn_vclock v;
		struct fake *fake = malloc(sizeof(*fake));
		cJSON *out = cJSON_CreateTrue();
		struct run r = { .retry = { 1000, 2.0, 0, 0 },
			         .max_attempts = c->max_attempts,
			         .timeout_ms = c->timeout_ms,
			         .next_delay_ms = c->next_delay_ms };

		CHECK(fake != NULL && out != NULL);
		sfn_vclock_init(&v, 0);
		CHECK(sfn_loop_new(&v.clock, NULL, &r.loop) == SFN_OK);
		fake_init(fake, r.loop, c->delay_ms, out, NULL);
		r.fake = fake;
		sfn_timer_init(&r.timeout);
		sfn_timer_init(&r.backoff);
		run_attempt(r.loop, &r);
		CHECK(sfn_loop_run(r.loop) == SFN_OK);
		CHECK_STR(r.result, c->result);
		CHECK_INT(r.ended_at, c->ended_at);
		CHECK_INT(fake->cancelled, c->cancelled);
		CHECK_INT(fake->in_flight, 0);
		CHECK(sfn_loop_idle(r.loop));
		sfn_loop_free(r.loop);
		free(fake);
		cJSON_Delete(out);
	}
}

const struct test sfn_tests_task[] = {
	{ "match", match },
	{ "table", table },
	{ "thousand_tasks", thousand_tasks },
	{ "cancellation", cancellation },
	{ "errors", errors },
	{ "timeout_and_retry", timeout_and_retry },
	{ NULL, NULL },
};
