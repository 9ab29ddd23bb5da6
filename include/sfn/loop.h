/* One event loop per process (one thread): file descriptors watched with
 * poll(2), one-shot timers, deferred calls, and a stop that a signal
 * handler may request. Knows nothing of Step Functions or HTTP: the
 * interpreter and the HTTP client both run on it without knowing each
 * other. docs/hacking.md ("Async seams") shows who calls whom.
 *
 * Callbacks run from sfn_loop_run*, never from the function that
 * registered them, so a callback may add, change or remove any watch,
 * timer or deferred call, its own included. Timers and deferred calls are
 * structs the caller owns (embedded in its own objects); they must stay
 * alive while pending, and a caller frees one only after stopping it. */
#ifndef SFN_LOOP_H
#define SFN_LOOP_H

#include <stddef.h>
#include <stdint.h>

#include "sfn/clock.h"
#include "sfn/status.h"

struct sfn_loop;

/* Named limits: watched descriptors and pending timers at one time. */
#define SFN_LOOP_MAX_FDS    512
#define SFN_LOOP_MAX_TIMERS 65536

struct sfn_loop_limits {
	size_t max_fds;    /* SFN_LOOP_MAX_FDS by default */
	size_t max_timers; /* SFN_LOOP_MAX_TIMERS by default */
};

/* A loop whose timers run on CLOCK (borrowed: it must outlive the loop).
 * LIMITS NULL means the defaults. SFN_ERR_IO when the stop pipe cannot be
 * made. */
enum sfn_status sfn_loop_new(struct sfn_clock *clock,
                             const struct sfn_loop_limits *limits,
                             struct sfn_loop **out);
/* Frees the loop. Watches, timers and deferred calls still pending are
 * dropped without being called. */
void sfn_loop_free(struct sfn_loop *loop);
struct sfn_clock *sfn_loop_clock(const struct sfn_loop *loop);
/* The clock timers of FLAGS (0 or SFN_TIMER_REAL) run on. */
struct sfn_clock *sfn_loop_timer_clock(struct sfn_loop *loop, unsigned flags);

typedef void (*sfn_loop_fn)(struct sfn_loop *loop, void *ctx);

/* ---- file descriptors --------------------------------------------------
 * EVENTS is an interest set of SFN_LOOP_READ and SFN_LOOP_WRITE. The
 * callback gets what is ready among them, with SFN_LOOP_ERROR added for an
 * error or an invalid descriptor; a hang-up counts as ready to read and to
 * write, so the next read or write reports it. */

#define SFN_LOOP_READ  1u
#define SFN_LOOP_WRITE 2u
#define SFN_LOOP_ERROR 4u

typedef void (*sfn_loop_io_fn)(struct sfn_loop *loop, int fd, unsigned events,
                               void *ctx);

/* Watches FD, or changes the interest and callback of a watched FD.
 * SFN_ERR_LIMIT past max_fds; SFN_ERR_USAGE for a negative FD or no
 * interest. */
enum sfn_status sfn_loop_watch(struct sfn_loop *loop, int fd, unsigned events,
                               sfn_loop_io_fn fn, void *ctx);
/* Stops watching FD (its callback is not called again, even for events
 * already polled); 0 when FD was not watched. The caller closes FD. */
int sfn_loop_unwatch(struct sfn_loop *loop, int fd);

/* ---- timers ------------------------------------------------------------
 * One-shot, ordered by deadline; equal deadlines fire in the order they
 * were started. A timer on the loop's clock waits for clock time: under a
 * virtual clock the loop jumps time to its deadline when nothing else can
 * happen. A real timer (SFN_TIMER_REAL) always waits for real time; I/O
 * adapters use it, so an HTTP timeout stays real under a virtual clock. */

#define SFN_TIMER_REAL 1u

struct sfn_timer {
	int64_t due;    /* deadline on its clock, in ms */
	uint64_t seq;   /* start order, for equal deadlines */
	size_t slot;    /* index in its heap, or SFN_TIMER_IDLE */
	unsigned flags; /* SFN_TIMER_REAL or 0 */
	sfn_loop_fn fn;
	void *ctx;
};

#define SFN_TIMER_IDLE ((size_t) -1)

/* Makes TIMER idle; do it once before the first start. */
void sfn_timer_init(struct sfn_timer *timer);
int sfn_timer_pending(const struct sfn_timer *timer);
/* Calls FN(loop, CTX) once, DELAY_MS (negative counts as 0) from now.
 * Restarts TIMER when it is pending. FLAGS: 0 or SFN_TIMER_REAL.
 * SFN_ERR_LIMIT past max_timers; SFN_ERR_USAGE without FN. On failure
 * TIMER is idle. */
enum sfn_status sfn_loop_timer_start(struct sfn_loop *loop,
                                     struct sfn_timer *timer, int64_t delay_ms,
                                     unsigned flags, sfn_loop_fn fn, void *ctx);
/* Cancels TIMER; 1 when it was pending, 0 when it had fired or never
 * started. */
int sfn_loop_timer_stop(struct sfn_loop *loop, struct sfn_timer *timer);

/* ---- deferred calls ----------------------------------------------------
 * "Run soon": FN runs on the loop's next turn, before it waits for
 * anything, in the order deferred. A completion found inside a call (an
 * integration's start, say) is delivered this way so nobody's callback
 * runs inside their own call. A call deferred while deferred calls run
 * waits for the next turn, so the loop still polls and fires timers. */

struct sfn_defer {
	struct sfn_defer *prev, *next; /* the loop's queue */
	uint64_t turn;                 /* loop turn when queued */
	int queued;
	sfn_loop_fn fn;
	void *ctx;
};

void sfn_defer_init(struct sfn_defer *defer);
/* Queues DEFER (FN must not be NULL); when already queued it keeps its
 * place and takes the new FN and CTX. */
void sfn_loop_defer(struct sfn_loop *loop, struct sfn_defer *defer,
                    sfn_loop_fn fn, void *ctx);
/* 1 when DEFER was queued (it will not run), else 0. */
int sfn_loop_defer_cancel(struct sfn_loop *loop, struct sfn_defer *defer);

/* ---- running -----------------------------------------------------------
 * One turn: run the deferred calls queued before it, wait (poll) for a
 * descriptor or the first deadline, call the ready descriptors' callbacks
 * in the order they were watched, then fire the timers that are due. */

/* Runs turns until the loop is idle (nothing watched, no timer, nothing
 * deferred) or stopped. SFN_ERR_IO when poll fails (errno tells why). */
enum sfn_status sfn_loop_run(struct sfn_loop *loop);
/* Like sfn_loop_run, and also returns when DONE(CTX) is true; DONE is
 * asked before every turn. */
enum sfn_status sfn_loop_run_until(struct sfn_loop *loop,
                                   int (*done)(void *ctx), void *ctx);
/* Whether nothing is watched, pending or deferred. */
int sfn_loop_idle(const struct sfn_loop *loop);

/* Makes the running sfn_loop_run* return as soon as the current callback
 * returns; what else was ready stays pending for the next run. Not for
 * signal handlers. */
void sfn_loop_stop(struct sfn_loop *loop);
/* The same, async-signal-safe: sets a flag and writes a byte to the
 * loop's own pipe, so a poll in progress wakes up. A SIGINT handler calls
 * this; sfn_loop_signalled then answers 1 until sfn_loop_free. */
void sfn_loop_signal_stop(struct sfn_loop *loop);
int sfn_loop_signalled(const struct sfn_loop *loop);

#endif
