/* Clocks and Retry backoff: real and virtual time, the backoff table
 * (rate, cap, rounding down, overflow), full jitter on a pinned source. */
#include "config.h"

#include <stdlib.h>

#include "sfn/clock.h"
#include "test.h"

static void real_clock(struct test_state *t)
{
	struct sfn_clock c;
	int64_t a, b;

	sfn_clock_init_real(&c);
	CHECK(!sfn_clock_is_virtual(&c));
	CHECK(c.wall_ms(&c) > INT64_C(1577836800000)); /* after 2020 */
	a = c.mono_ms(&c);
	b = c.mono_ms(&c);
	CHECK(b >= a);
}

static void virtual_clock(struct test_state *t)
{
	struct sfn_vclock v;
	struct sfn_clock *c = &v.clock;

	sfn_vclock_init(&v, INT64_C(1700000000000));
	CHECK(sfn_clock_is_virtual(c));
	CHECK_INT(c->mono_ms(c), 0);
	CHECK_INT(c->wall_ms(c), INT64_C(1700000000000));
	c->advance(c, 1500);
	c->advance(c, -7); /* time never goes back */
	CHECK_INT(c->mono_ms(c), 1500);
	CHECK_INT(c->wall_ms(c), INT64_C(1700000001500));
}

static const struct backoff_case {
	int64_t interval, max;
	double rate;
	unsigned attempt;
	int64_t want;
} backoff_cases[] = {
	{ 1000, 0, 2.0, 0, 1000 },
	{ 1000, 0, 2.0, 3, 8000 },
	{ 3000, 0, 1.5, 2, 6750 },
	{ 1000, 5000, 2.0, 2, 4000 },
	{ 1000, 5000, 2.0, 3, 5000 }, /* capped by MaxDelaySeconds */
	{ 1000, 0, 1.0005, 1, 1000 }, /* 1000.5 rounds down */
	{ 3000, 0, 1.001, 2, 3006 },  /* 3006.003 rounds down */
	{ 100, 0, 1.1, 3, 133 },      /* 133.10000000000005 */
	{ 0, 0, 2.0, 5, 0 },          /* IntervalSeconds 0 */
	{ 1000, 0, 2.0, 5000, SFN_BACKOFF_MAX_MS }, /* infinite product */
	{ SFN_BACKOFF_MAX_MS, 0, 1.0, 0, SFN_BACKOFF_MAX_MS },     /* at edge */
	{ SFN_BACKOFF_MAX_MS * 2, 0, 1.0, 0, SFN_BACKOFF_MAX_MS }, /* past */
	{ 1000, SFN_BACKOFF_MAX_MS * 4, 2.0, 200, SFN_BACKOFF_MAX_MS },
};

static void backoff_table(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(backoff_cases) / sizeof(*backoff_cases);
	     i++) {
		const struct backoff_case *c = &backoff_cases[i];
		struct sfn_backoff b = { c->interval, c->rate, c->max, 0 };

		CHECK_INT(sfn_backoff_delay_ms(&b, c->attempt, NULL, NULL),
		          c->want);
	}
}

/* A source that hands out a fixed list of values. */
struct pinned {
	const uint64_t *values;
	size_t next;
};

static uint64_t pinned_next(void *ctx)
{
	struct pinned *p = ctx;

	return p->values[p->next++];
}

static void full_jitter(struct test_state *t)
{
	static const uint64_t values[] = { 0, 1000, 1001, UINT64_MAX, 5 };
	struct pinned src = { values, 0 };
	struct sfn_backoff b = { 1000, 2.0, 0, 1 };

	CHECK_INT(sfn_backoff_delay_ms(&b, 0, pinned_next, &src), 0);
	CHECK_INT(sfn_backoff_delay_ms(&b, 0, pinned_next, &src), 1000);
	CHECK_INT(sfn_backoff_delay_ms(&b, 0, pinned_next, &src), 0);
	/* The largest draw lies in the biased tail and is drawn again. */
	CHECK_INT(sfn_backoff_delay_ms(&b, 0, pinned_next, &src), 5);
	CHECK_INT(src.next, 5);
	b.interval_ms = 0; /* nothing to draw from: no draw */
	CHECK_INT(sfn_backoff_delay_ms(&b, 0, pinned_next, &src), 0);
	CHECK_INT(src.next, 5);
}

static void seeded_jitter(struct test_state *t)
{
	struct sfn_rand a = { 42 }, b = { 42 };
	struct sfn_backoff bo = { 1000, 2.0, 30000, 1 };
	int64_t sum = 0;

	for (unsigned i = 0; i < 1000; i++) {
		int64_t d = sfn_backoff_delay_ms(&bo, i % 8, sfn_rand_next, &a);

		CHECK(d >= 0 && d <= (i % 8 < 5 ? 1000 << (i % 8) : 30000));
		CHECK_INT(d,
		          sfn_backoff_delay_ms(&bo, i % 8, sfn_rand_next, &b));
		sum += d;
	}
	CHECK(sum > 0);
}

const struct test sfn_tests_clock[] = {
	{ "real_clock", real_clock },       { "virtual_clock", virtual_clock },
	{ "backoff_table", backoff_table }, { "full_jitter", full_jitter },
	{ "seeded_jitter", seeded_jitter }, { NULL, NULL },
};
