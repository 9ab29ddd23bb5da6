/* The event loop: timers in deadline order on a virtual clock without
 * sleeping, cancel before and after firing, deferred calls, descriptor
 * readiness on pipes, stop from a callback and from a signal, limits at
 * and past their edges. */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/time.h>
#include <unistd.h>

#include "sfn/loop.h"
#include "test.h"

#define HOUR_MS INT64_C(3600000)

/* What the callbacks saw: which callback, at what clock time. */
struct trace {
	struct sfn_loop *loop;
	int ids[64];
	int64_t at[64];
	size_t n;
};

struct probe {
	struct trace *trace;
	int id;
	struct sfn_timer timer;
	struct sfn_defer defer;
};

static void record(struct trace *tr, int id)
{
	struct sfn_clock *c = sfn_loop_clock(tr->loop);

	if (tr->n < 64) {
		tr->ids[tr->n] = id;
		tr->at[tr->n] = c->mono_ms(c);
	}
	tr->n++;
}

static void probe_fired(struct sfn_loop *loop, void *ctx)
{
	struct probe *p = ctx;

	(void) loop;
	record(p->trace, p->id);
}

static void probes_init(struct probe *p, int n, struct trace *tr)
{
	for (int i = 0; i < n; i++) {
		p[i] = (struct probe){ tr, i, { 0 }, { 0 } };
		sfn_timer_init(&p[i].timer);
		sfn_defer_init(&p[i].defer);
	}
}

/* A loop on a virtual clock whose wall time starts at 0. */
static struct sfn_loop *vloop(struct sfn_vclock *v)
{
	struct sfn_loop *loop;

	sfn_vclock_init(v, 0);
	return sfn_loop_new(&v->clock, NULL, &loop) == SFN_OK ? loop : NULL;
}

static void timer_order(struct test_state *t)
{
	static const int64_t delay[] = { 5, 1, 3, 1, 0, 10 };
	static const int order[] = { 4, 1, 3, 2, 0, 5 };
	struct sfn_vclock v;
	struct sfn_clock real;
	struct trace tr = { vloop(&v), { 0 }, { 0 }, 0 };
	struct probe p[6];
	int64_t began;

	CHECK(tr.loop != NULL);
	sfn_clock_init_real(&real);
	probes_init(p, 6, &tr);
	for (int i = 0; i < 6; i++) {
		CHECK(sfn_loop_timer_start(tr.loop, &p[i].timer,
		                           delay[i] * HOUR_MS, 0, probe_fired,
		                           &p[i]) == SFN_OK);
	}
	began = real.mono_ms(&real);
	CHECK(sfn_loop_run(tr.loop) == SFN_OK);
	/* Ten virtual hours pass in far less than a real minute. */
	CHECK(real.mono_ms(&real) - began < 60000);
	CHECK_INT(tr.n, 6);
	for (int i = 0; i < 6; i++) {
		CHECK_INT(tr.ids[i], order[i]);
		CHECK_INT(tr.at[i], delay[order[i]] * HOUR_MS);
	}
	CHECK_INT(v.mono, 10 * HOUR_MS);
	CHECK(sfn_loop_idle(tr.loop));
	sfn_loop_free(tr.loop);
}

/* Timer 0 cancels timer 1 (due at the same time) and restarts timer 2. */
static void canceller(struct sfn_loop *loop, void *ctx)
{
	struct probe *p = ctx;

	record(p->trace, p->id);
	if (sfn_loop_timer_stop(loop, &p[1].timer) != 1)
		record(p->trace, -1);
	if (sfn_loop_timer_start(loop, &p[2].timer, 50, 0, probe_fired,
	                         &p[2]) != SFN_OK)
		record(p->trace, -2);
}

static void timer_cancel(struct test_state *t)
{
	struct sfn_vclock v;
	struct trace tr = { vloop(&v), { 0 }, { 0 }, 0 };
	struct probe p[4];

	CHECK(tr.loop != NULL);
	probes_init(p, 4, &tr);
	for (int i = 0; i < 4; i++) {
		CHECK(!sfn_timer_pending(&p[i].timer));
		CHECK(sfn_loop_timer_start(tr.loop, &p[i].timer, 100, 0,
		                           i ? probe_fired : canceller,
		                           &p[i]) == SFN_OK);
		CHECK(sfn_timer_pending(&p[i].timer));
	}
	CHECK_INT(sfn_loop_timer_stop(tr.loop, &p[3].timer), 1); /* before */
	CHECK_INT(sfn_loop_timer_stop(tr.loop, &p[3].timer), 0);
	CHECK(sfn_loop_run(tr.loop) == SFN_OK);
	CHECK_INT(tr.n, 2);
	CHECK_INT(tr.ids[0], 0);
	CHECK_INT(tr.ids[1], 2);
	CHECK_INT(tr.at[1], 150); /* restarted from 100 */
	CHECK_INT(sfn_loop_timer_stop(tr.loop, &p[0].timer), 0); /* after */
	CHECK(!sfn_timer_pending(&p[2].timer));
	sfn_loop_free(tr.loop);
}

/* Deferred call 0 defers call 2, which must wait for the next turn. */
static void deferrer(struct sfn_loop *loop, void *ctx)
{
	struct probe *p = ctx;

	record(p->trace, p->id);
	sfn_loop_defer(loop, &p[2].defer, probe_fired, &p[2]);
}

static void deferred(struct test_state *t)
{
	struct sfn_vclock v;
	struct trace tr = { vloop(&v), { 0 }, { 0 }, 0 };
	struct probe p[5];

	CHECK(tr.loop != NULL);
	probes_init(p, 5, &tr);
	CHECK(sfn_loop_timer_start(tr.loop, &p[4].timer, 0, 0, probe_fired,
	                           &p[4]) == SFN_OK);
	sfn_loop_defer(tr.loop, &p[0].defer, deferrer, &p[0]);
	sfn_loop_defer(tr.loop, &p[1].defer, probe_fired, &p[1]);
	sfn_loop_defer(tr.loop, &p[3].defer, probe_fired, &p[3]);
	sfn_loop_defer(tr.loop, &p[0].defer, deferrer, &p[0]); /* stays 1st */
	CHECK_INT(sfn_loop_defer_cancel(tr.loop, &p[3].defer), 1);
	CHECK_INT(sfn_loop_defer_cancel(tr.loop, &p[3].defer), 0);
	CHECK(sfn_loop_run(tr.loop) == SFN_OK);
	CHECK_INT(tr.n, 4);
	CHECK_INT(tr.ids[0], 0);
	CHECK_INT(tr.ids[1], 1);
	CHECK_INT(tr.ids[2], 4); /* the due timer, in the first turn */
	CHECK_INT(tr.ids[3], 2); /* deferred from a deferred call */
	CHECK_INT(v.mono, 0);
	sfn_loop_free(tr.loop);
}

/* ---- descriptors ---- */

struct pipe_io {
	int fds[2];
	char got[16];
	size_t len;
	unsigned events; /* all events seen */
	int calls;
	int other; /* a descriptor to unwatch when called, or -1 */
};

static void on_write(struct sfn_loop *loop, int fd, unsigned events, void *ctx)
{
	struct pipe_io *io = ctx;

	io->events |= events;
	io->calls++;
	if (write(fd, "hi", 2) != 2)
		io->events |= 0x100;
	sfn_loop_unwatch(loop, fd);
}

static void on_read(struct sfn_loop *loop, int fd, unsigned events, void *ctx)
{
	struct pipe_io *io = ctx;
	ssize_t n = read(fd, io->got + io->len, sizeof(io->got) - 1 - io->len);

	io->events |= events;
	io->calls++;
	if (io->other >= 0)
		sfn_loop_unwatch(loop, io->other);
	if (n > 0)
		io->len += (size_t) n;
	else
		sfn_loop_unwatch(loop, fd); /* end of file */
}

static int open_pipe(struct pipe_io *io)
{
	*io = (struct pipe_io){ { -1, -1 }, { 0 }, 0, 0, 0, -1 };
	return pipe(io->fds) == 0;
}

static void close_pipe(struct pipe_io *io)
{
	for (int i = 0; i < 2; i++) {
		if (io->fds[i] >= 0)
			close(io->fds[i]);
	}
}

static int got_two(void *ctx)
{
	return ((struct pipe_io *) ctx)->len >= 2;
}

static void fd_pipe(struct test_state *t)
{
	struct sfn_clock real;
	struct sfn_loop *loop;
	struct pipe_io io;

	sfn_clock_init_real(&real);
	CHECK(sfn_loop_new(&real, NULL, &loop) == SFN_OK);
	CHECK(open_pipe(&io));
	CHECK(sfn_loop_watch(loop, io.fds[0], SFN_LOOP_READ, on_read, &io) ==
	      SFN_OK);
	CHECK(sfn_loop_watch(loop, io.fds[1], SFN_LOOP_WRITE, on_write, &io) ==
	      SFN_OK);
	/* The read end stays watched until end of file. */
	CHECK(sfn_loop_run_until(loop, got_two, &io) == SFN_OK);
	CHECK_STR(io.got, "hi");
	CHECK_INT(io.calls, 2);
	CHECK(io.events == (SFN_LOOP_READ | SFN_LOOP_WRITE));
	CHECK(!sfn_loop_idle(loop));
	close(io.fds[1]); /* the hang-up reads as end of file */
	io.fds[1] = -1;
	CHECK(sfn_loop_run(loop) == SFN_OK);
	CHECK(sfn_loop_idle(loop));
	CHECK_INT(io.len, 2);
	CHECK_INT(io.calls, 3);
	close_pipe(&io);
	sfn_loop_free(loop);
}

/* Two pipes ready in one turn: the first callback unwatches the second,
 * whose callback then does not run; interest changes take effect. */
static void fd_unwatch_ready(struct test_state *t)
{
	struct sfn_clock real;
	struct sfn_loop *loop;
	struct pipe_io a, b;

	sfn_clock_init_real(&real);
	CHECK(sfn_loop_new(&real, NULL, &loop) == SFN_OK);
	CHECK(open_pipe(&a) && open_pipe(&b));
	CHECK(write(a.fds[1], "a", 1) == 1 && write(b.fds[1], "b", 1) == 1);
	a.other = b.fds[0];
	CHECK(sfn_loop_watch(loop, a.fds[0], SFN_LOOP_READ, on_read, &a) ==
	      SFN_OK);
	CHECK(sfn_loop_watch(loop, b.fds[0], SFN_LOOP_READ, on_read, &b) ==
	      SFN_OK);
	/* Watching again changes the interest: a's write end, read only,
	 * never becomes ready. */
	CHECK(sfn_loop_watch(loop, a.fds[1], SFN_LOOP_WRITE, on_write, &a) ==
	      SFN_OK);
	CHECK(sfn_loop_watch(loop, a.fds[1], SFN_LOOP_READ, on_write, &a) ==
	      SFN_OK);
	CHECK_INT(sfn_loop_unwatch(loop, a.fds[1]), 1);
	CHECK_INT(sfn_loop_unwatch(loop, a.fds[1]), 0);
	close(a.fds[1]);
	a.fds[1] = -1;
	CHECK(sfn_loop_run(loop) == SFN_OK);
	CHECK_STR(a.got, "a");
	CHECK_INT(b.calls, 0);
	CHECK_INT(a.calls, 2); /* "a", then end of file */
	close_pipe(&a);
	close_pipe(&b);
	sfn_loop_free(loop);
}

/* Under a virtual clock, clock timers wait while I/O is in flight: a
 * real timer writes to a watched pipe; only after the read does the clock
 * jump to the 10-second timer. */
struct io_wait {
	struct trace tr;
	struct pipe_io io;
};

static void write_byte(struct sfn_loop *loop, void *ctx)
{
	struct io_wait *w = ctx;

	(void) loop;
	record(&w->tr, 1);
	if (write(w->io.fds[1], "x", 1) != 1)
		record(&w->tr, -1);
}

static void read_byte(struct sfn_loop *loop, int fd, unsigned events, void *ctx)
{
	struct io_wait *w = ctx;
	char c;

	(void) events;
	record(&w->tr, read(fd, &c, 1) == 1 ? 2 : -2);
	sfn_loop_unwatch(loop, fd);
}

static void virtual_waits_for_io(struct test_state *t)
{
	struct sfn_vclock v;
	struct io_wait w = { .tr = { vloop(&v), { 0 }, { 0 }, 0 } };
	struct probe p = { &w.tr, 3, { 0 }, { 0 } };
	struct sfn_timer real_timer;

	CHECK(w.tr.loop != NULL && open_pipe(&w.io));
	sfn_timer_init(&p.timer);
	sfn_timer_init(&real_timer);
	CHECK(sfn_loop_timer_start(w.tr.loop, &p.timer, 10000, 0, probe_fired,
	                           &p) == SFN_OK);
	CHECK(sfn_loop_timer_start(w.tr.loop, &real_timer, 20, SFN_TIMER_REAL,
	                           write_byte, &w) == SFN_OK);
	CHECK(sfn_loop_watch(w.tr.loop, w.io.fds[0], SFN_LOOP_READ, read_byte,
	                     &w) == SFN_OK);
	CHECK(sfn_loop_run(w.tr.loop) == SFN_OK);
	CHECK_INT(w.tr.n, 3);
	CHECK_INT(w.tr.ids[0], 1);
	CHECK_INT(w.tr.at[0], 0);
	CHECK_INT(w.tr.ids[1], 2);
	CHECK_INT(w.tr.at[1], 0);
	CHECK_INT(w.tr.ids[2], 3);
	CHECK_INT(w.tr.at[2], 10000);
	close_pipe(&w.io);
	sfn_loop_free(w.tr.loop);
}

/* ---- stopping ---- */

static void stopper(struct sfn_loop *loop, void *ctx)
{
	probe_fired(loop, ctx);
	sfn_loop_stop(loop);
}

static int two_fired(void *ctx)
{
	return ((struct trace *) ctx)->n >= 2;
}

static void stop_and_until(struct test_state *t)
{
	struct sfn_vclock v;
	struct trace tr = { vloop(&v), { 0 }, { 0 }, 0 };
	struct probe p[5];

	CHECK(tr.loop != NULL);
	probes_init(p, 5, &tr);
	for (int i = 0; i < 5; i++) {
		CHECK(sfn_loop_timer_start(tr.loop, &p[i].timer, 10 * (i + 1),
		                           0, i == 2 ? stopper : probe_fired,
		                           &p[i]) == SFN_OK);
	}
	CHECK(sfn_loop_run_until(tr.loop, two_fired, &tr) == SFN_OK);
	CHECK_INT(tr.n, 2);
	CHECK_INT(v.mono, 20);
	CHECK(sfn_loop_run(tr.loop) == SFN_OK); /* timer 2 stops it */
	CHECK_INT(tr.n, 3);
	CHECK_INT(v.mono, 30);
	CHECK(!sfn_loop_idle(tr.loop));
	CHECK(sfn_loop_run(tr.loop) == SFN_OK);
	CHECK_INT(tr.n, 5);
	CHECK_INT(v.mono, 50);
	CHECK(!sfn_loop_signalled(tr.loop));
	sfn_loop_free(tr.loop);
}

/* A signal handler has no context argument: the loop it stops is the one
 * static of these tests. */
static struct sfn_loop *signal_target;

static void on_alarm(int sig)
{
	(void) sig;
	sfn_loop_signal_stop(signal_target);
}

static void on_safety(struct sfn_loop *loop, void *ctx)
{
	*(int *) ctx = 1;
	sfn_loop_stop(loop);
}

/* A real SIGALRM wakes a loop blocked in poll on a silent pipe. */
static void signal_stop(struct test_state *t)
{
	struct sfn_clock real;
	struct pipe_io io;
	struct sigaction sa, old;
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	struct sfn_timer safety;
	int timed_out = 0;

	sfn_clock_init_real(&real);
	CHECK(open_pipe(&io));
	CHECK(sfn_loop_new(&real, NULL, &signal_target) == SFN_OK);
	CHECK(sfn_loop_watch(signal_target, io.fds[0], SFN_LOOP_READ, on_read,
	                     &io) == SFN_OK);
	sfn_timer_init(&safety);
	CHECK(sfn_loop_timer_start(signal_target, &safety, 20000,
	                           SFN_TIMER_REAL, on_safety,
	                           &timed_out) == SFN_OK);
	sa = (struct sigaction){ 0 };
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	CHECK(sigaction(SIGALRM, &sa, &old) == 0);
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
	CHECK(sfn_loop_run(signal_target) == SFN_OK);
	sigaction(SIGALRM, &old, NULL);
	CHECK(!timed_out);
	CHECK(sfn_loop_signalled(signal_target));
	CHECK_INT(io.calls, 0);
	CHECK(sfn_loop_run(signal_target) == SFN_OK); /* returns at once */
	CHECK(!timed_out);
	sfn_loop_free(signal_target);
	signal_target = NULL;
	close_pipe(&io);
}

/* ---- limits ---- */

static void on_nothing(struct sfn_loop *loop, int fd, unsigned events,
                       void *ctx)
{
	(void) loop;
	(void) fd;
	(void) events;
	(void) ctx;
}

static void fd_limit(struct test_state *t)
{
	struct sfn_clock real;
	struct sfn_loop *loop;
	int fds[SFN_LOOP_MAX_FDS + 1];
	size_t opened = 0;
	int ok = 1;

	sfn_clock_init_real(&real);
	CHECK(sfn_loop_new(&real, NULL, &loop) == SFN_OK);
	for (; opened <= SFN_LOOP_MAX_FDS; opened++) {
		fds[opened] = dup(0);
		if (fds[opened] < 0)
			break;
	}
	if (opened <= SFN_LOOP_MAX_FDS)
		ok = 0;
	for (size_t i = 0; ok && i < SFN_LOOP_MAX_FDS; i++)
		ok = sfn_loop_watch(loop, fds[i], SFN_LOOP_READ, on_nothing,
		                    NULL) == SFN_OK;
	if (ok) /* at the edge: past it fails, a change still works */
		ok = sfn_loop_watch(loop, fds[SFN_LOOP_MAX_FDS], SFN_LOOP_READ,
		                    on_nothing, NULL) == SFN_ERR_LIMIT &&
		     sfn_loop_watch(loop, fds[0], SFN_LOOP_WRITE, on_nothing,
		                    NULL) == SFN_OK &&
		     sfn_loop_unwatch(loop, fds[7]) == 1 &&
		     sfn_loop_watch(loop, fds[SFN_LOOP_MAX_FDS], SFN_LOOP_READ,
		                    on_nothing, NULL) == SFN_OK;
	for (size_t i = 0; i < opened; i++)
		close(fds[i]);
	sfn_loop_free(loop);
	CHECK(opened == SFN_LOOP_MAX_FDS + 1);
	CHECK(ok);
}

static void on_time(struct sfn_loop *loop, void *ctx)
{
	(void) loop;
	(void) ctx;
}

static void usage(struct test_state *t)
{
	struct sfn_clock real;
	struct sfn_loop *loop;
	struct sfn_timer tm;

	sfn_clock_init_real(&real);
	CHECK(sfn_loop_new(&real, NULL, &loop) == SFN_OK);
	CHECK(sfn_loop_watch(loop, -1, SFN_LOOP_READ, on_nothing, NULL) ==
	      SFN_ERR_USAGE);
	CHECK(sfn_loop_watch(loop, 0, SFN_LOOP_ERROR, on_nothing, NULL) ==
	      SFN_ERR_USAGE);
	CHECK(sfn_loop_watch(loop, 0, SFN_LOOP_READ, NULL, NULL) ==
	      SFN_ERR_USAGE);
	CHECK_INT(sfn_loop_unwatch(loop, 0), 0);
	sfn_timer_init(&tm);
	CHECK(sfn_loop_timer_start(loop, &tm, 5, 0, NULL, NULL) ==
	      SFN_ERR_USAGE);
	CHECK(!sfn_timer_pending(&tm));
	CHECK(sfn_loop_idle(loop));
	sfn_loop_free(loop);
}

/* Every timer fires once, in (deadline, start) order. */
struct heap_check {
	int64_t last_due;
	size_t last_index, fired;
	int disorder;
	struct sfn_clock *clock;
};

struct heap_timer {
	struct sfn_timer timer;
	struct heap_check *check;
	size_t index;
};

static void heap_fired(struct sfn_loop *loop, void *ctx)
{
	struct heap_timer *h = ctx;
	struct heap_check *c = h->check;
	int64_t now = c->clock->mono_ms(c->clock);

	(void) loop;
	if (c->fired > 0 && (now < c->last_due ||
	                     (now == c->last_due && h->index < c->last_index)))
		c->disorder++;
	if (now != h->timer.due)
		c->disorder++;
	c->last_due = now;
	c->last_index = h->index;
	c->fired++;
}

static enum sfn_status start_heap_timer(struct sfn_loop *loop,
                                        struct heap_timer *h, size_t i,
                                        struct heap_check *c,
                                        struct sfn_rand *r)
{
	*h = (struct heap_timer){ { 0 }, c, i };
	sfn_timer_init(&h->timer);
	return sfn_loop_timer_start(
	        loop, &h->timer, (int64_t) (sfn_rand_next(r) % 1000),
	        (i % 2) ? SFN_TIMER_REAL : 0, heap_fired, h);
}

/* SFN_LOOP_MAX_TIMERS timers, half of them real, many deadlines equal:
 * one more fails; after a cancel one more fits again. The real ones are
 * cancelled and the others fire in order without sleeping. */
static void timer_limit(struct test_state *t)
{
	struct sfn_vclock v;
	struct sfn_loop *loop = vloop(&v);
	struct heap_timer *h = calloc(SFN_LOOP_MAX_TIMERS + 1, sizeof(*h));
	struct heap_check c = { 0, 0, 0, 0, &v.clock };
	struct sfn_rand r = { 7 };
	size_t started = 0;

	CHECK(loop != NULL && h != NULL);
	while (started < SFN_LOOP_MAX_TIMERS &&
	       start_heap_timer(loop, &h[started], started, &c, &r) == SFN_OK)
		started++;
	CHECK_INT(started, SFN_LOOP_MAX_TIMERS);
	CHECK(start_heap_timer(loop, &h[started], started, &c, &r) ==
	      SFN_ERR_LIMIT);
	CHECK_INT(sfn_loop_timer_stop(loop, &h[100].timer), 1);
	CHECK(start_heap_timer(loop, &h[started], started, &c, &r) == SFN_OK);
	for (size_t i = 1; i < SFN_LOOP_MAX_TIMERS; i += 2)
		CHECK_INT(sfn_loop_timer_stop(loop, &h[i].timer), 1);
	CHECK(sfn_loop_run(loop) == SFN_OK);
	CHECK_INT(c.fired, SFN_LOOP_MAX_TIMERS / 2);
	CHECK_INT(c.disorder, 0);
	CHECK(v.mono < 1000);
	sfn_loop_free(loop);
	free(h);
}

static void small_limits(struct test_state *t)
{
	struct sfn_vclock v;
	struct sfn_loop_limits lim = { 1, 2 };
	struct sfn_loop *loop;
	struct sfn_timer tm[3];

	sfn_vclock_init(&v, 0);
	CHECK(sfn_loop_new(&v.clock, &lim, &loop) == SFN_OK);
	for (int i = 0; i < 3; i++)
		sfn_timer_init(&tm[i]);
	CHECK(sfn_loop_timer_start(loop, &tm[0], 5, 0, on_time, NULL) ==
	      SFN_OK);
	CHECK(sfn_loop_timer_start(loop, &tm[1], 5, SFN_TIMER_REAL, on_time,
	                           NULL) == SFN_OK);
	CHECK(sfn_loop_timer_start(loop, &tm[2], INT64_MAX, 0, on_time, NULL) ==
	      SFN_ERR_LIMIT);
	CHECK(!sfn_timer_pending(&tm[2]));
	/* Restarting a pending timer at the limit is no new timer; the
	 * farthest deadline saturates. */
	v.mono = 10;
	CHECK(sfn_loop_timer_start(loop, &tm[1], INT64_MAX, 0, on_time, NULL) ==
	      SFN_OK);
	CHECK(tm[1].due == INT64_MAX);
	CHECK(sfn_loop_timer_start(loop, &tm[0], -5, 0, on_time, NULL) ==
	      SFN_OK);
	CHECK_INT(tm[0].due, 10);
	CHECK(sfn_loop_watch(loop, 0, SFN_LOOP_READ, on_nothing, NULL) ==
	      SFN_OK);
	CHECK(sfn_loop_watch(loop, 1, SFN_LOOP_READ, on_nothing, NULL) ==
	      SFN_ERR_LIMIT);
	sfn_loop_free(loop); /* drops them all: they are idle again */
	CHECK(!sfn_timer_pending(&tm[0]) && !sfn_timer_pending(&tm[1]));
}

const struct test sfn_tests_loop[] = {
	{ "timer_order", timer_order },
	{ "timer_cancel", timer_cancel },
	{ "deferred", deferred },
	{ "fd_pipe", fd_pipe },
	{ "fd_unwatch_ready", fd_unwatch_ready },
	{ "virtual_waits_for_io", virtual_waits_for_io },
	{ "stop_and_until", stop_and_until },
	{ "signal_stop", signal_stop },
	{ "fd_limit", fd_limit },
	{ "usage", usage },
	{ "timer_limit", timer_limit },
	{ "small_limits", small_limits },
	{ NULL, NULL },
};
