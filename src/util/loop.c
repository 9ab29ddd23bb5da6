/* The event loop: creation, timers on two time bases, deferred calls, the
 * turn and the run functions, stopping. Under a virtual clock it jumps
 * time to the next deadline instead of sleeping. Knows nothing of what
 * the callbacks do. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/loop_int.h"

enum sfn_status sfn_loop_new(struct sfn_clock *clock,
                             const struct sfn_loop_limits *limits,
                             struct sfn_loop **out)
{
	struct sfn_loop *loop = calloc(1, sizeof(*loop));
	enum sfn_status st;

	*out = NULL;
	if (loop == NULL)
		return SFN_ERR_NOMEM;
	loop->clock = clock;
	sfn_clock_init_real(&loop->real);
	loop->limits.max_fds = limits ? limits->max_fds : SFN_LOOP_MAX_FDS;
	loop->limits.max_timers =
	        limits ? limits->max_timers : SFN_LOOP_MAX_TIMERS;
	loop->pipe[0] = loop->pipe[1] = -1;
	st = Sfn_loop_fd_init(loop);
	if (st != SFN_OK) {
		sfn_loop_free(loop);
		return st;
	}
	*out = loop;
	return SFN_OK;
}

void sfn_loop_free(struct sfn_loop *loop)
{
	if (loop == NULL)
		return;
	for (int i = 0; i < 2; i++)
		Sfn_timer_heap_free(&loop->heaps[i]);
	while (loop->defer_head != NULL)
		sfn_loop_defer_cancel(loop, loop->defer_head);
	Sfn_loop_fd_free(loop);
	free(loop);
}

struct sfn_clock *sfn_loop_clock(const struct sfn_loop *loop)
{
	return loop->clock;
}

/* ---- timers ---------------------------------------------------------- */

void sfn_timer_init(struct sfn_timer *timer)
{
	*timer = (struct sfn_timer){ 0 };
	timer->slot = SFN_TIMER_IDLE;
}

int sfn_timer_pending(const struct sfn_timer *timer)
{
	return timer->slot != SFN_TIMER_IDLE;
}

static struct sfn_clock *clock_of(struct sfn_loop *loop, unsigned flags)
{
	return (flags & SFN_TIMER_REAL) ? &loop->real : loop->clock;
}

struct sfn_clock *sfn_loop_timer_clock(struct sfn_loop *loop, unsigned flags)
{
	return clock_of(loop, flags);
}

static struct sfn_timer_heap *heap_of(struct sfn_loop *loop, unsigned flags)
{
	return &loop->heaps[(flags & SFN_TIMER_REAL) ? 1 : 0];
}

/* NOW + DELAY_MS, negative delays as 0, saturating instead of
 * overflowing (a deadline past INT64_MAX ms never comes anyway). */
static int64_t due_after(int64_t now, int64_t delay_ms)
{
	if (delay_ms <= 0)
		return now;
	return delay_ms > INT64_MAX - now ? INT64_MAX : now + delay_ms;
}

enum sfn_status sfn_loop_timer_start(struct sfn_loop *loop,
                                     struct sfn_timer *timer, int64_t delay_ms,
                                     unsigned flags, sfn_loop_fn fn, void *ctx)
{
	struct sfn_clock *clock = clock_of(loop, flags);

	sfn_loop_timer_stop(loop, timer);
	if (fn == NULL)
		return SFN_ERR_USAGE;
	if (loop->heaps[0].count + loop->heaps[1].count >=
	    loop->limits.max_timers)
		return SFN_ERR_LIMIT;
	timer->due = due_after(clock->mono_ms(clock), delay_ms);
	timer->seq = loop->seq++;
	timer->flags = flags & SFN_TIMER_REAL;
	timer->fn = fn;
	timer->ctx = ctx;
	return Sfn_timer_heap_push(heap_of(loop, flags), timer,
	                           loop->limits.max_timers);
}

int sfn_loop_timer_stop(struct sfn_loop *loop, struct sfn_timer *timer)
{
	if (!sfn_timer_pending(timer))
		return 0;
	Sfn_timer_heap_remove(heap_of(loop, timer->flags), timer);
	return 1;
}

/* Fires the timers of heap K that are due, in order; those started while
 * they fire (SEQ at or past the mark) wait for the next turn. */
static void fire_due(struct sfn_loop *loop, int k)
{
	struct sfn_timer_heap *heap = &loop->heaps[k];
	struct sfn_clock *clock = k ? &loop->real : loop->clock;
	int64_t now = clock->mono_ms(clock);
	uint64_t mark = loop->seq;
	struct sfn_timer *t;

	while ((t = Sfn_timer_heap_top(heap)) != NULL && t->due <= now &&
	       t->seq < mark && !loop->stop) {
		Sfn_timer_heap_remove(heap, t);
		t->fn(loop, t->ctx);
	}
}

/* ---- deferred calls -------------------------------------------------- */

void sfn_defer_init(struct sfn_defer *defer)
{
	*defer = (struct sfn_defer){ 0 };
}

void sfn_loop_defer(struct sfn_loop *loop, struct sfn_defer *defer,
                    sfn_loop_fn fn, void *ctx)
{
	defer->fn = fn;
	defer->ctx = ctx;
	if (defer->queued)
		return;
	defer->queued = 1;
	defer->turn = loop->turn;
	defer->next = NULL;
	defer->prev = loop->defer_tail;
	if (loop->defer_tail != NULL)
		loop->defer_tail->next = defer;
	else
		loop->defer_head = defer;
	loop->defer_tail = defer;
}

int sfn_loop_defer_cancel(struct sfn_loop *loop, struct sfn_defer *defer)
{
	if (!defer->queued)
		return 0;
	if (defer->prev != NULL)
		defer->prev->next = defer->next;
	else
		loop->defer_head = defer->next;
	if (defer->next != NULL)
		defer->next->prev = defer->prev;
	else
		loop->defer_tail = defer->prev;
	defer->prev = defer->next = NULL;
	defer->queued = 0;
	return 1;
}

/* Runs the calls queued before this turn began. */
static void run_deferred(struct sfn_loop *loop)
{
	struct sfn_defer *d;

	while ((d = loop->defer_head) != NULL && d->turn < loop->turn &&
	       !loop->stop) {
		sfn_loop_defer_cancel(loop, d);
		d->fn(loop, d->ctx);
	}
}

/* ---- turns ----------------------------------------------------------- */

int sfn_loop_idle(const struct sfn_loop *loop)
{
	return loop->watched == 0 && loop->heaps[0].count == 0 &&
	       loop->heaps[1].count == 0 && loop->defer_head == NULL;
}

/* Milliseconds until the first timer of heap K (0 if due), or -1. */
static int64_t wait_for(struct sfn_loop *loop, int k)
{
	struct sfn_timer *t = Sfn_timer_heap_top(&loop->heaps[k]);
	struct sfn_clock *clock = k ? &loop->real : loop->clock;
	int64_t left;

	if (t == NULL)
		return -1;
	left = t->due - clock->mono_ms(clock);
	return left > 0 ? left : 0;
}

static int64_t shorter(int64_t a, int64_t b)
{
	if (a < 0)
		return b;
	if (b < 0)
		return a;
	return a < b ? a : b;
}

/* How long poll may wait. A virtual clock's timers never make the loop
 * sleep: when nothing real can happen (no descriptor, no real timer) the
 * clock jumps to the first deadline; otherwise they wait for the I/O. */
static int poll_timeout(struct sfn_loop *loop)
{
	int64_t clock_wait = wait_for(loop, 0);
	int64_t real_wait = wait_for(loop, 1);
	int64_t ms;

	if (loop->defer_head != NULL)
		return 0;
	if (sfn_clock_is_virtual(loop->clock) && clock_wait > 0) {
		if (loop->watched == 0 && real_wait < 0) {
			loop->clock->advance(loop->clock, clock_wait);
			return 0;
		}
		clock_wait = -1;
	}
	ms = shorter(clock_wait, real_wait);
	return ms > INT_MAX ? INT_MAX : (int) ms;
}

static enum sfn_status turn(struct sfn_loop *loop)
{
	enum sfn_status st = SFN_OK;
	int timeout;

	loop->turn++;
	run_deferred(loop);
	if (loop->stop || sfn_loop_idle(loop))
		return SFN_OK;
	/* A poll that would not wait, with nothing but the signal pipe to
	 * look at, would learn nothing: the handler sets the flag read
	 * below, and the pipe only wakes a waiting poll. So a chain of
	 * deferred calls makes no system call per turn. */
	timeout = poll_timeout(loop);
	if (timeout != 0 || loop->watched != 0)
		st = Sfn_loop_fd_poll(loop, timeout);
	if (st != SFN_OK)
		return st;
	if (loop->signalled)
		loop->stop = 1;
	fire_due(loop, 0);
	fire_due(loop, 1);
	return SFN_OK;
}

enum sfn_status sfn_loop_run_until(struct sfn_loop *loop,
                                   int (*done)(void *ctx), void *ctx)
{
	enum sfn_status st = SFN_OK;

	loop->stop = loop->signalled;
	while (!loop->stop && !sfn_loop_idle(loop) &&
	       !(done != NULL && done(ctx))) {
		st = turn(loop);
		if (st != SFN_OK)
			break;
	}
	loop->stop = 0;
	return st;
}

enum sfn_status sfn_loop_run(struct sfn_loop *loop)
{
	return sfn_loop_run_until(loop, NULL, NULL);
}

void sfn_loop_stop(struct sfn_loop *loop)
{
	loop->stop = 1;
}

void sfn_loop_signal_stop(struct sfn_loop *loop)
{
	char byte = 0;
	int saved = errno; /* the interrupted code may be reading errno */

	loop->signalled = 1;
	/* A full pipe already wakes the poll: a failed write is harmless. */
	if (write(loop->pipe[1], &byte, 1) < 0)
		errno = saved;
	errno = saved;
}

int sfn_loop_signalled(const struct sfn_loop *loop)
{
	return loop->signalled != 0;
}
