/* The libcurl multi adapter: socket and timer callbacks mapped onto the
 * event loop's watches and one real timer, finished transfers read from
 * curl_multi_info_read. Knows nothing of requests, signing or ASL. */
#include "config.h"

#include <stdlib.h>

#include "aws/curl_loop.h"

struct transfer {
	CURL *easy;
	sfn_curl_done_fn done;
	void *ctx;
	int doomed;                   /* running when curl failed */
	struct transfer *prev, *next; /* the adapter's list */
};

/* Each transfer may hold two sockets (happy eyeballs): all of them fit
 * in a loop's default descriptor limit. */
_Static_assert(SFN_CURL_LOOP_MAX_TRANSFERS * 2 <= SFN_LOOP_MAX_FDS,
               "curl transfers outgrow the event loop's descriptor limit");

struct sfn_curl_loop {
	struct sfn_loop *loop;
	CURLM *multi;
	struct sfn_timer timer; /* when curl asked to be woken */
	struct transfer *head;
	size_t running;
	enum sfn_status status; /* first failure, or SFN_OK */
};

static void fail(struct sfn_curl_loop *cl, enum sfn_status st)
{
	if (cl->status == SFN_OK)
		cl->status = st;
}

static void unlink_transfer(struct sfn_curl_loop *cl, struct transfer *tr)
{
	if (tr->prev != NULL)
		tr->prev->next = tr->next;
	else
		cl->head = tr->next;
	if (tr->next != NULL)
		tr->next->prev = tr->prev;
	cl->running--;
}

static void finish(struct sfn_curl_loop *cl, struct transfer *tr,
                   CURLcode result)
{
	CURL *easy = tr->easy;

	curl_multi_remove_handle(cl->multi, easy);
	unlink_transfer(cl, tr);
	tr->done(tr->ctx, easy, result);
	free(tr);
}

/* Reports the transfers curl has finished. */
static void reap(struct sfn_curl_loop *cl)
{
	CURLMsg *msg;
	int left;

	while ((msg = curl_multi_info_read(cl->multi, &left)) != NULL) {
		struct transfer *tr = NULL;
		CURLcode result = msg->data.result;
		CURL *easy = msg->easy_handle;

		if (msg->msg != CURLMSG_DONE ||
		    curl_easy_getinfo(easy, CURLINFO_PRIVATE, (char **) &tr) !=
		            CURLE_OK ||
		    tr == NULL)
			continue;
		finish(cl, tr, result);
	}
}

/* Curl failed as a whole (a callback of ours could not watch a socket or
 * start the timer): no transfer running then would ever end, so each
 * ends now. Transfers added by these callbacks are not touched. */
static void abort_all(struct sfn_curl_loop *cl)
{
	struct transfer *tr;

	for (tr = cl->head; tr != NULL; tr = tr->next)
		tr->doomed = 1;
	for (;;) {
		for (tr = cl->head; tr != NULL && !tr->doomed; tr = tr->next)
			continue;
		if (tr == NULL)
			break;
		finish(cl, tr, CURLE_ABORTED_BY_CALLBACK);
	}
}

static void act(struct sfn_curl_loop *cl, curl_socket_t s, int flags)
{
	int running;

	if (curl_multi_socket_action(cl->multi, s, flags, &running) !=
	    CURLM_OK) {
		fail(cl, SFN_ERR_IO);
		abort_all(cl);
		return;
	}
	reap(cl);
}

static void on_socket(struct sfn_loop *loop, int fd, unsigned events, void *ctx)
{
	int flags = ((events & SFN_LOOP_READ) ? CURL_CSELECT_IN : 0) |
	            ((events & SFN_LOOP_WRITE) ? CURL_CSELECT_OUT : 0) |
	            ((events & SFN_LOOP_ERROR) ? CURL_CSELECT_ERR : 0);

	(void) loop;
	act(ctx, fd, flags);
}

static void on_timer(struct sfn_loop *loop, void *ctx)
{
	(void) loop;
	act(ctx, CURL_SOCKET_TIMEOUT, 0);
}

/* CURLMOPT_SOCKETFUNCTION: what to watch on S, or stop watching it. */
static int socket_cb(CURL *easy, curl_socket_t s, int what, void *userp,
                     void *socketp)
{
	struct sfn_curl_loop *cl = userp;
	unsigned events = 0;
	enum sfn_status st;

	(void) easy;
	(void) socketp;
	if (what == CURL_POLL_REMOVE) {
		sfn_loop_unwatch(cl->loop, s);
		return 0;
	}
	if (what == CURL_POLL_IN || what == CURL_POLL_INOUT)
		events |= SFN_LOOP_READ;
	if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT)
		events |= SFN_LOOP_WRITE;
	st = sfn_loop_watch(cl->loop, s, events, on_socket, cl);
	if (st != SFN_OK)
		fail(cl, st);
	return st == SFN_OK ? 0 : -1;
}

/* CURLMOPT_TIMERFUNCTION: wake curl after TIMEOUT_MS (-1: never). Curl
 * must not be called back from here, so even 0 goes through the loop. */
static int timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
	struct sfn_curl_loop *cl = userp;
	enum sfn_status st;

	(void) multi;
	if (timeout_ms < 0) {
		sfn_loop_timer_stop(cl->loop, &cl->timer);
		return 0;
	}
	st = sfn_loop_timer_start(cl->loop, &cl->timer, timeout_ms,
	                          SFN_TIMER_REAL, on_timer, cl);
	if (st != SFN_OK)
		fail(cl, st);
	return st == SFN_OK ? 0 : -1;
}

enum sfn_status Sfn_curl_loop_new(struct sfn_loop *loop,
                                  struct sfn_curl_loop **out)
{
	struct sfn_curl_loop *cl;
	const char *why;

	*out = NULL;
	if (Sfn_curl_load(&why) != SFN_OK)
		return SFN_ERR_IO;
	cl = calloc(1, sizeof(*cl));
	if (cl == NULL)
		return SFN_ERR_NOMEM;
	cl->loop = loop;
	sfn_timer_init(&cl->timer);
	cl->multi = curl_multi_init();
	if (cl->multi == NULL ||
	    curl_multi_setopt(cl->multi, CURLMOPT_SOCKETFUNCTION, socket_cb) ||
	    curl_multi_setopt(cl->multi, CURLMOPT_SOCKETDATA, cl) ||
	    curl_multi_setopt(cl->multi, CURLMOPT_TIMERFUNCTION, timer_cb) ||
	    curl_multi_setopt(cl->multi, CURLMOPT_TIMERDATA, cl)) {
		Sfn_curl_loop_free(cl);
		return SFN_ERR_NOMEM;
	}
	*out = cl;
	return SFN_OK;
}

void Sfn_curl_loop_free(struct sfn_curl_loop *cl)
{
	if (cl == NULL)
		return;
	while (cl->head != NULL)
		Sfn_curl_loop_remove(cl, cl->head->easy);
	if (cl->multi != NULL)
		curl_multi_cleanup(cl->multi);
	sfn_loop_timer_stop(cl->loop, &cl->timer);
	free(cl);
}

enum sfn_status Sfn_curl_loop_add(struct sfn_curl_loop *cl, CURL *easy,
                                  sfn_curl_done_fn done, void *ctx)
{
	struct transfer *tr;

	if (cl->running == SFN_CURL_LOOP_MAX_TRANSFERS)
		return SFN_ERR_LIMIT;
	tr = calloc(1, sizeof(*tr));
	if (tr == NULL)
		return SFN_ERR_NOMEM;
	*tr = (struct transfer){ easy, done, ctx, 0, NULL, cl->head };
	if (curl_easy_setopt(easy, CURLOPT_PRIVATE, tr) != CURLE_OK ||
	    curl_multi_add_handle(cl->multi, easy) != CURLM_OK) {
		free(tr);
		return SFN_ERR_USAGE;
	}
	if (cl->head != NULL)
		cl->head->prev = tr;
	cl->head = tr;
	cl->running++;
	return SFN_OK;
}

int Sfn_curl_loop_remove(struct sfn_curl_loop *cl, CURL *easy)
{
	struct transfer *tr = cl->head;

	while (tr != NULL && tr->easy != easy)
		tr = tr->next;
	if (tr == NULL)
		return 0;
	curl_multi_remove_handle(cl->multi, easy);
	curl_easy_setopt(easy, CURLOPT_PRIVATE, NULL);
	unlink_transfer(cl, tr);
	free(tr);
	return 1;
}

size_t Sfn_curl_loop_running(const struct sfn_curl_loop *cl)
{
	return cl->running;
}

enum sfn_status Sfn_curl_loop_status(const struct sfn_curl_loop *cl)
{
	return cl->status;
}
