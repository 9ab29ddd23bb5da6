/* Private to the event loop's files: the loop itself, its timer heaps and
 * its table of watched descriptors. */
#ifndef SFN_LOOP_INT_H
#define SFN_LOOP_INT_H

#include <poll.h>
#include <signal.h>

#include "sfn/loop.h"

/* A binary min-heap of timers ordered by (due, seq). */
struct sfn_timer_heap {
	struct sfn_timer **items;
	size_t count, cap;
};

/* One watched descriptor; pfds[i] holds its fd and interest. */
struct sfn_loop_watch {
	sfn_loop_io_fn fn; /* NULL: removed during dispatch, compacted after */
	void *ctx;
};

struct sfn_loop {
	struct sfn_clock *clock; /* borrowed; timers without a flag */
	struct sfn_clock real;   /* for SFN_TIMER_REAL and waiting */
	struct sfn_loop_limits limits;
	struct pollfd *pfds;            /* [0] is the stop pipe's read end */
	struct sfn_loop_watch *watches; /* parallel to pfds */
	size_t nfds, fd_cap;            /* entries in use (pipe included) */
	size_t watched;                 /* live watches, the pipe excluded */
	int dispatching;                /* removals are marked, not compacted */
	struct sfn_timer_heap heaps[2]; /* [0] the clock's, [1] real */
	uint64_t seq;                   /* next timer start order */
	struct sfn_defer *defer_head, *defer_tail;
	uint64_t turn;                   /* turns run so far */
	int stop;                        /* sfn_loop_stop was called */
	volatile sig_atomic_t signalled; /* sfn_loop_signal_stop was called */
	int pipe[2];                     /* the stop pipe: read, write */
};

void Sfn_timer_heap_free(struct sfn_timer_heap *heap);
enum sfn_status Sfn_timer_heap_push(struct sfn_timer_heap *heap,
                                    struct sfn_timer *timer, size_t max);
void Sfn_timer_heap_remove(struct sfn_timer_heap *heap,
                           struct sfn_timer *timer);
/* The earliest timer, or NULL. */
struct sfn_timer *Sfn_timer_heap_top(const struct sfn_timer_heap *heap);

/* Descriptor table (loop_fd.c). */
enum sfn_status Sfn_loop_fd_init(struct sfn_loop *loop);
void Sfn_loop_fd_free(struct sfn_loop *loop);
/* Polls for at most TIMEOUT_MS (-1: no limit) and calls the callbacks of
 * the ready descriptors. SFN_ERR_IO when poll fails other than by EINTR. */
enum sfn_status Sfn_loop_fd_poll(struct sfn_loop *loop, int timeout_ms);

#endif
