/* Time for executions: a clock object (wall time for timestamps, monotonic
 * time for timers), real or virtual, and the Retry backoff with its
 * injectable random source. Knows nothing of the event loop or of ASL. */
#ifndef SFN_CLOCK_H
#define SFN_CLOCK_H

#include <stdint.h>

/* A clock. Times are milliseconds: the service's timestamps carry no finer
 * unit. A real clock reads the system; a virtual clock moves only when its
 * owner (the event loop, a test) calls advance, so Wait states and retry
 * backoff take no real time under it ('sfnc run --no-wait', the tests). */
struct sfn_clock {
	/* Milliseconds since the Unix epoch ($$.Execution.StartTime). */
	int64_t (*wall_ms)(const struct sfn_clock *clock);
	/* Milliseconds from an arbitrary origin; never goes backwards. */
	int64_t (*mono_ms)(const struct sfn_clock *clock);
	/* Virtual clocks only (NULL for a real one): moves both times MS
	 * forward. */
	void (*advance)(struct sfn_clock *clock, int64_t ms);
};

/* CLOCK_REALTIME and CLOCK_MONOTONIC. */
void sfn_clock_init_real(struct sfn_clock *clock);

/* A virtual clock: wall time starts at WALL_START_MS, monotonic time at 0. */
struct sfn_vclock {
	struct sfn_clock clock; /* first: &vclock.clock is the clock */
	int64_t wall_start;     /* wall time when mono was 0 */
	int64_t mono;           /* monotonic time now */
};

void sfn_vclock_init(struct sfn_vclock *vclock, int64_t wall_start_ms);

/* Whether CLOCK is virtual (it has an advance function). */
int sfn_clock_is_virtual(const struct sfn_clock *clock);

/* ---- random source ------------------------------------------------------
 * Jitter draws from a caller-supplied source of 64 random bits, so tests
 * can pin it. sfn_rand_next is a splitmix64 generator for ordinary use:
 * seed it once (from the time or getrandom) and pass it as the source. */

typedef uint64_t (*sfn_rand_fn)(void *ctx);

struct sfn_rand {
	uint64_t state;
};

/* CTX is a struct sfn_rand. */
uint64_t sfn_rand_next(void *ctx);

/* ---- Retry backoff ------------------------------------------------------
 * The delay before retry ATTEMPT (0 for the first retry) of a Retrier:
 *   IntervalSeconds * BackoffRate^ATTEMPT, capped by MaxDelaySeconds,
 * and with JitterStrategy FULL a uniform draw from [0, that delay].
 * Rounding: the product is computed in milliseconds as a double and
 * rounded down to a whole millisecond before the cap and the jitter; the
 * jitter draw is a whole number of milliseconds, both ends included. With
 * no MaxDelaySeconds the delay still stops at SFN_BACKOFF_MAX_MS. */

#define SFN_BACKOFF_MAX_MS (INT64_C(1) << 53) /* exact in a double */

struct sfn_backoff {
	int64_t interval_ms;  /* IntervalSeconds * 1000 (the default: 1000) */
	double rate;          /* BackoffRate (the default: 2.0), >= 1 */
	int64_t max_delay_ms; /* MaxDelaySeconds * 1000; 0 when absent */
	int full_jitter;      /* JitterStrategy is FULL */
};

/* RAND and CTX are used only with full jitter (RAND may be NULL without
 * it). */
int64_t sfn_backoff_delay_ms(const struct sfn_backoff *backoff,
                             unsigned attempt, sfn_rand_fn rand, void *ctx);

#endif
