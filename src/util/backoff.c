/* Retry backoff: the delay before each retry, capped and optionally
 * jittered, and a small seeded random generator. Knows nothing of ASL
 * fields beyond the four numbers a Retrier gives. */
#include "config.h"

#include <math.h>

#include "sfn/clock.h"

uint64_t sfn_rand_next(void *ctx)
{
	struct sfn_rand *r = ctx;
	uint64_t z = (r->state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* A uniform draw from [0, N] without modulo bias: draws past the largest
 * multiple of N + 1 are thrown back. */
static int64_t draw(int64_t n, sfn_rand_fn rand, void *ctx)
{
	uint64_t span = (uint64_t) n + 1;
	uint64_t limit = UINT64_MAX - UINT64_MAX % span;
	uint64_t r;

	do
		r = rand(ctx);
	while (r >= limit);
	return (int64_t) (r % span);
}

static int64_t capped_delay(const struct sfn_backoff *b, unsigned attempt)
{
	double cap = b->max_delay_ms > 0 ? (double) b->max_delay_ms
	                                 : (double) SFN_BACKOFF_MAX_MS;
	double d = floor((double) b->interval_ms * pow(b->rate, attempt));

	if (cap > (double) SFN_BACKOFF_MAX_MS)
		cap = (double) SFN_BACKOFF_MAX_MS;
	if (!(d < cap)) /* also an infinite or NaN product */
		d = cap;
	return d > 0 ? (int64_t) d : 0;
}

int64_t sfn_backoff_delay_ms(const struct sfn_backoff *backoff,
                             unsigned attempt, sfn_rand_fn rand, void *ctx)
{
	int64_t delay = capped_delay(backoff, attempt);

	if (!backoff->full_jitter || delay == 0)
		return delay;
	return draw(delay, rand, ctx);
}
