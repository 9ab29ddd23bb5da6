/* The event loop's watched descriptors: a pollfd table in watch order,
 * its first entry the loop's stop pipe, and one poll per turn. Removals
 * made while callbacks run are marked and compacted afterwards, so the
 * table never shifts under the dispatch. Knows nothing of timers. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/loop_int.h"

static int nonblocking(int fd)
{
	int flags = fcntl(fd, F_GETFL);

	return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 &&
	       fcntl(fd, F_SETFD, FD_CLOEXEC) == 0;
}

static enum sfn_status grow(struct sfn_loop *loop)
{
	size_t cap = loop->fd_cap ? loop->fd_cap * 2 : 8;
	struct pollfd *pfds;
	struct sfn_loop_watch *watches;

	pfds = realloc(loop->pfds, cap * sizeof(*pfds));
	if (pfds == NULL)
		return SFN_ERR_NOMEM;
	loop->pfds = pfds;
	watches = realloc(loop->watches, cap * sizeof(*watches));
	if (watches == NULL)
		return SFN_ERR_NOMEM;
	loop->watches = watches;
	loop->fd_cap = cap;
	return SFN_OK;
}

static enum sfn_status append(struct sfn_loop *loop, int fd, short events,
                              sfn_loop_io_fn fn, void *ctx)
{
	if (loop->nfds == loop->fd_cap) {
		enum sfn_status st = grow(loop);

		if (st != SFN_OK)
			return st;
	}
	loop->pfds[loop->nfds] = (struct pollfd){ fd, events, 0 };
	loop->watches[loop->nfds] = (struct sfn_loop_watch){ fn, ctx };
	loop->nfds++;
	return SFN_OK;
}

/* The pipe's callback: empties it; the flag was set before the write. */
static void drain(struct sfn_loop *loop, int fd, unsigned events, void *ctx)
{
	char buf[64];

	(void) events;
	(void) ctx;
	while (read(fd, buf, sizeof(buf)) > 0)
		continue;
	loop->stop = 1;
}

enum sfn_status Sfn_loop_fd_init(struct sfn_loop *loop)
{
	if (pipe(loop->pipe) != 0)
		return SFN_ERR_IO;
	if (!nonblocking(loop->pipe[0]) || !nonblocking(loop->pipe[1]))
		return SFN_ERR_IO;
	return append(loop, loop->pipe[0], POLLIN, drain, NULL);
}

void Sfn_loop_fd_free(struct sfn_loop *loop)
{
	for (int i = 0; i < 2; i++) {
		if (loop->pipe[i] >= 0)
			close(loop->pipe[i]);
	}
	free(loop->pfds);
	free(loop->watches);
}

/* The entry of a live watch of FD, or 0 (the pipe's, never a watch's). */
static size_t find(const struct sfn_loop *loop, int fd)
{
	for (size_t i = 1; i < loop->nfds; i++) {
		if (loop->pfds[i].fd == fd && loop->watches[i].fn != NULL)
			return i;
	}
	return 0;
}

static short poll_events(unsigned events)
{
	return (short) (((events & SFN_LOOP_READ) ? POLLIN : 0) |
	                ((events & SFN_LOOP_WRITE) ? POLLOUT : 0));
}

enum sfn_status sfn_loop_watch(struct sfn_loop *loop, int fd, unsigned events,
                               sfn_loop_io_fn fn, void *ctx)
{
	size_t i;
	enum sfn_status st;

	if (fd < 0 || fn == NULL ||
	    (events & (SFN_LOOP_READ | SFN_LOOP_WRITE)) == 0)
		return SFN_ERR_USAGE;
	i = find(loop, fd);
	if (i != 0) {
		loop->pfds[i].events = poll_events(events);
		loop->watches[i] = (struct sfn_loop_watch){ fn, ctx };
		return SFN_OK;
	}
	if (loop->watched >= loop->limits.max_fds)
		return SFN_ERR_LIMIT;
	st = append(loop, fd, poll_events(events), fn, ctx);
	if (st == SFN_OK)
		loop->watched++;
	return st;
}

/* Drops the entries marked removed, keeping the others' order. */
static void compact(struct sfn_loop *loop)
{
	size_t n = 1;

	for (size_t i = 1; i < loop->nfds; i++) {
		if (loop->watches[i].fn == NULL)
			continue;
		loop->pfds[n] = loop->pfds[i];
		loop->watches[n] = loop->watches[i];
		n++;
	}
	loop->nfds = n;
}

int sfn_loop_unwatch(struct sfn_loop *loop, int fd)
{
	size_t i = find(loop, fd);

	if (i == 0)
		return 0;
	loop->watches[i].fn = NULL;
	loop->pfds[i].fd = -1; /* poll skips it; so does dispatch */
	loop->pfds[i].revents = 0;
	loop->watched--;
	if (!loop->dispatching)
		compact(loop);
	return 1;
}

/* What entry I is ready for, within its current interest. */
static unsigned ready(const struct pollfd *p)
{
	unsigned ev = 0;

	if (p->revents & (POLLIN | POLLHUP | POLLERR))
		ev |= SFN_LOOP_READ;
	if (p->revents & (POLLOUT | POLLHUP | POLLERR))
		ev |= SFN_LOOP_WRITE;
	ev &= ((p->events & POLLIN) ? SFN_LOOP_READ : 0) |
	      ((p->events & POLLOUT) ? SFN_LOOP_WRITE : 0);
	if (p->revents & (POLLERR | POLLNVAL))
		ev |= SFN_LOOP_ERROR;
	return ev;
}

static void dispatch(struct sfn_loop *loop, size_t n)
{
	loop->dispatching = 1;
	for (size_t i = 0; i < n; i++) {
		struct sfn_loop_watch w = loop->watches[i];
		unsigned ev = ready(&loop->pfds[i]);

		loop->pfds[i].revents = 0;
		if (w.fn != NULL && ev != 0 && !loop->stop)
			w.fn(loop, loop->pfds[i].fd, ev, w.ctx);
	}
	loop->dispatching = 0;
	compact(loop);
}

enum sfn_status Sfn_loop_fd_poll(struct sfn_loop *loop, int timeout_ms)
{
	int n = poll(loop->pfds, (nfds_t) loop->nfds, timeout_ms);

	if (n < 0)
		return errno == EINTR ? SFN_OK : SFN_ERR_IO;
	if (n > 0)
		dispatch(loop, loop->nfds); /* entries added later wait */
	return SFN_OK;
}
