/* libcurl's multi handle driven by the event loop: concurrent GETs to a
 * tiny HTTP server that the test runs on the same loop, on 127.0.0.1 and
 * an ephemeral port; a cancelled transfer never reports; the transfer
 * limit at and past its edge; virtual time stands still during I/O. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "aws/curl_loop.h"
#include "sfn/util.h"
#include "test.h"

/* ---- the server: one response per connection, then close ---- */

struct server {
	int fd; /* listening, or -1 */
	unsigned short port;
	size_t open, max_open; /* connections now and at most */
	size_t served;
};

struct conn {
	struct server *server;
	int fd;
	char in[2048];
	size_t in_len;
	struct sfn_buf out;
	size_t sent;
};

static void conn_close(struct sfn_loop *loop, struct conn *c)
{
	sfn_loop_unwatch(loop, c->fd);
	close(c->fd);
	c->server->open--;
	sfn_buf_free(&c->out);
	free(c);
}

static void conn_write(struct sfn_loop *loop, int fd, unsigned events,
                       void *ctx)
{
	struct conn *c = ctx;
	ssize_t n = write(fd, c->out.data + c->sent, c->out.len - c->sent);

	(void) events;
	if (n > 0)
		c->sent += (size_t) n;
	if (n < 0 && errno == EAGAIN)
		return;
	if (n > 0 && c->sent < c->out.len)
		return;
	c->server->served += c->sent == c->out.len;
	conn_close(loop, c);
}

/* "GET /PATH HTTP/1.1 ..." is answered with "got /PATH". */
static void respond(struct sfn_loop *loop, struct conn *c)
{
	char *path = c->in + 4, *end = strchr(path, ' ');
	int len = end ? (int) (end - path) : 0;

	if (strncmp(c->in, "GET ", 4) != 0 || end == NULL) {
		conn_close(loop, c);
		return;
	}
	sfn_buf_printf(&c->out,
	               "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n"
	               "Connection: close\r\n\r\ngot %.*s",
	               len + 4, len, path);
	if (c->out.status != SFN_OK ||
	    sfn_loop_watch(loop, c->fd, SFN_LOOP_WRITE, conn_write, c) !=
	            SFN_OK)
		conn_close(loop, c);
}

static void conn_read(struct sfn_loop *loop, int fd, unsigned events, void *ctx)
{
	struct conn *c = ctx;
	ssize_t n = read(fd, c->in + c->in_len, sizeof(c->in) - 1 - c->in_len);

	(void) events;
	if (n < 0 && errno == EAGAIN)
		return;
	if (n <= 0) {
		conn_close(loop, c);
		return;
	}
	c->in_len += (size_t) n;
	c->in[c->in_len] = '\0';
	if (strstr(c->in, "\r\n\r\n") != NULL)
		respond(loop, c);
}

static void on_accept(struct sfn_loop *loop, int fd, unsigned events, void *ctx)
{
	struct server *s = ctx;
	int cfd;

	(void) events;
	while ((cfd = accept(fd, NULL, NULL)) >= 0) {
		struct conn *c = calloc(1, sizeof(*c));

		if (c == NULL) {
			close(cfd);
			continue;
		}
		c->server = s;
		c->fd = cfd;
		sfn_buf_init(&c->out, 4096);
		if (++s->open > s->max_open)
			s->max_open = s->open;
		if (sfn_loop_watch(loop, cfd, SFN_LOOP_READ, conn_read, c) !=
		    SFN_OK)
			conn_close(loop, c);
	}
}

static int server_start(struct sfn_loop *loop, struct server *s)
{
	struct sockaddr_in a = { 0 };
	socklen_t len = sizeof(a);
	int one = 1;

	*s = (struct server){ -1, 0, 0, 0, 0 };
	s->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* loopback only */
	a.sin_port = 0;                             /* ephemeral */
	if (s->fd < 0 ||
	    setsockopt(s->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(s->fd, (struct sockaddr *) &a, sizeof(a)) != 0 ||
	    listen(s->fd, 64) != 0 ||
	    getsockname(s->fd, (struct sockaddr *) &a, &len) != 0)
		return 0;
	s->port = ntohs(a.sin_port);
	return sfn_loop_watch(loop, s->fd, SFN_LOOP_READ, on_accept, s) ==
	       SFN_OK;
}

static void server_stop(struct sfn_loop *loop, struct server *s)
{
	if (s->fd < 0)
		return;
	sfn_loop_unwatch(loop, s->fd);
	close(s->fd);
	s->fd = -1;
}

/* ---- the client ---- */

#define GETS 6

struct client {
	struct sfn_loop *loop;
	struct server *server;
	struct get {
		struct client *client;
		CURL *easy;
		struct sfn_buf body;
		int done;  /* callbacks seen */
		long code; /* HTTP status */
		CURLcode result;
	} gets[GETS];
	size_t finished, expected;
	int64_t finished_at; /* clock time of the last completion */
};

static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
	struct get *g = ctx;

	return sfn_buf_add(&g->body, data, size * n) == SFN_OK ? size * n : 0;
}

static void on_done(void *ctx, CURL *easy, CURLcode result)
{
	struct get *g = ctx;
	struct client *cl = g->client;
	struct sfn_clock *clock = sfn_loop_clock(cl->loop);

	g->done++;
	g->result = result;
	if (curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &g->code) !=
	    CURLE_OK)
		g->code = -1;
	cl->finished_at = clock->mono_ms(clock);
	if (++cl->finished == cl->expected)
		server_stop(cl->loop, cl->server);
}

static int get_setup(struct client *cl, size_t i, unsigned short port)
{
	struct get *g = &cl->gets[i];
	char url[64];

	g->client = cl;
	sfn_buf_init(&g->body, 1024);
	g->easy = curl_easy_init();
	if (g->easy == NULL ||
	    snprintf(url, sizeof(url), "http://127.0.0.1:%u/item/%zu", port,
	             i) >= (int) sizeof(url))
		return 0;
	return curl_easy_setopt(g->easy, CURLOPT_URL, url) == CURLE_OK &&
	       curl_easy_setopt(g->easy, CURLOPT_PROXY, "") == CURLE_OK &&
	       curl_easy_setopt(g->easy, CURLOPT_NOPROXY, "*") == CURLE_OK &&
	       curl_easy_setopt(g->easy, CURLOPT_WRITEFUNCTION, on_body) ==
	               CURLE_OK &&
	       curl_easy_setopt(g->easy, CURLOPT_WRITEDATA, g) == CURLE_OK &&
	       curl_easy_setopt(g->easy, CURLOPT_TIMEOUT_MS, 20000L) ==
	               CURLE_OK;
}

static void client_free(struct client *cl)
{
	for (size_t i = 0; i < GETS; i++) {
		curl_easy_cleanup(cl->gets[i].easy);
		sfn_buf_free(&cl->gets[i].body);
	}
}

struct wait_probe {
	struct sfn_timer timer;
	int64_t fired_at;
	size_t finished_then;
	struct client *client;
};

static void wait_fired(struct sfn_loop *loop, void *ctx)
{
	struct wait_probe *w = ctx;
	struct sfn_clock *clock = sfn_loop_clock(loop);

	w->fired_at = clock->mono_ms(clock);
	w->finished_then = w->client->finished;
}

/* GETS transfers at once, one cancelled at the start; a 60-second Wait on
 * the virtual clock stands still until the I/O is over. */
static void concurrent_gets(struct test_state *t)
{
	struct sfn_vclock v;
	struct sfn_loop *loop;
	struct sfn_curl_loop *cl;
	struct server server;
	struct client client = { 0 };
	struct wait_probe w = { { 0 }, -1, 0, &client };
	char want[32];

	sfn_vclock_init(&v, 0);
	CHECK(sfn_loop_new(&v.clock, NULL, &loop) == SFN_OK);
	CHECK(server_start(loop, &server));
	CHECK(Sfn_curl_loop_new(loop, &cl) == SFN_OK);
	client = (struct client){ loop, &server, { { 0 } }, 0, GETS - 1, 0 };
	for (size_t i = 0; i < GETS; i++) {
		CHECK(get_setup(&client, i, server.port));
		CHECK(Sfn_curl_loop_add(cl, client.gets[i].easy, on_done,
		                        &client.gets[i]) == SFN_OK);
	}
	CHECK_INT(Sfn_curl_loop_remove(cl, client.gets[2].easy), 1);
	CHECK_INT(Sfn_curl_loop_remove(cl, client.gets[2].easy), 0);
	CHECK_INT(Sfn_curl_loop_running(cl), GETS - 1);
	sfn_timer_init(&w.timer);
	CHECK(sfn_loop_timer_start(loop, &w.timer, 60000, 0, wait_fired, &w) ==
	      SFN_OK);
	CHECK(sfn_loop_run(loop) == SFN_OK);
	CHECK(Sfn_curl_loop_status(cl) == SFN_OK);
	CHECK_INT(client.finished, GETS - 1);
	CHECK_INT(Sfn_curl_loop_running(cl), 0);
	for (size_t i = 0; i < GETS; i++) {
		struct get *g = &client.gets[i];

		if (i == 2) {
			CHECK_INT(g->done, 0);
			continue;
		}
		CHECK_INT(g->done, 1);
		CHECK_INT(g->result, CURLE_OK);
		CHECK_INT(g->code, 200);
		snprintf(want, sizeof(want), "got /item/%zu", i);
		CHECK_STR(sfn_buf_str(&g->body), want);
	}
	CHECK(server.max_open >= 2); /* the GETs overlapped */
	CHECK_INT(server.served, GETS - 1);
	CHECK_INT(client.finished_at, 0); /* I/O took no virtual time */
	CHECK_INT(w.fired_at, 60000);
	CHECK_INT(w.finished_then, GETS - 1);
	Sfn_curl_loop_free(cl);
	client_free(&client);
	sfn_loop_free(loop);
}

static int all_finished(void *ctx)
{
	struct client *cl = ctx;

	return cl->finished == cl->expected;
}

static void give_up(struct sfn_loop *loop, void *ctx)
{
	(void) ctx;
	sfn_loop_stop(loop);
}

/* A loop with room for one descriptor, which the server takes: curl
 * cannot watch its sockets, and every transfer ends at once with
 * CURLE_ABORTED_BY_CALLBACK instead of hanging. */
static void no_room(struct test_state *t)
{
	struct sfn_clock real;
	struct sfn_loop_limits lim = { 1, SFN_LOOP_MAX_TIMERS };
	struct sfn_loop *loop;
	struct sfn_curl_loop *cl;
	struct server server;
	struct client client = { 0 };
	struct sfn_timer safety;

	sfn_clock_init_real(&real);
	CHECK(sfn_loop_new(&real, &lim, &loop) == SFN_OK);
	sfn_timer_init(&safety); /* a failure here must not hang the suite */
	CHECK(sfn_loop_timer_start(loop, &safety, 20000, 0, give_up, NULL) ==
	      SFN_OK);
	CHECK(server_start(loop, &server));
	CHECK(Sfn_curl_loop_new(loop, &cl) == SFN_OK);
	client = (struct client){ loop, &server, { { 0 } }, 0, 3, 0 };
	for (size_t i = 0; i < 3; i++) {
		CHECK(get_setup(&client, i, server.port));
		CHECK(Sfn_curl_loop_add(cl, client.gets[i].easy, on_done,
		                        &client.gets[i]) == SFN_OK);
	}
	CHECK(sfn_loop_run_until(loop, all_finished, &client) == SFN_OK);
	CHECK(Sfn_curl_loop_status(cl) == SFN_ERR_LIMIT);
	CHECK_INT(Sfn_curl_loop_running(cl), 0);
	for (size_t i = 0; i < 3; i++) {
		CHECK_INT(client.gets[i].done, 1);
		CHECK_INT(client.gets[i].result, CURLE_ABORTED_BY_CALLBACK);
	}
	CHECK_INT(server.served, 0);
	Sfn_curl_loop_free(cl);
	server_stop(loop, &server);
	CHECK_INT(sfn_loop_timer_stop(loop, &safety), 1);
	CHECK(sfn_loop_idle(loop));
	client_free(&client);
	sfn_loop_free(loop);
}

static void count_done(void *ctx, CURL *easy, CURLcode result)
{
	(void) easy;
	(void) result;
	++*(int *) ctx;
}

/* SFN_CURL_LOOP_MAX_TRANSFERS added (nothing runs), one more refused;
 * freeing the adapter removes them without a callback. */
static void transfer_limit(struct test_state *t)
{
	struct sfn_clock real;
	struct sfn_loop *loop;
	struct sfn_curl_loop *cl;
	CURL *easy[SFN_CURL_LOOP_MAX_TRANSFERS + 1] = { 0 };
	size_t added = 0;
	int calls = 0, idle;
	enum sfn_status past = SFN_OK;

	sfn_clock_init_real(&real);
	CHECK(sfn_loop_new(&real, NULL, &loop) == SFN_OK);
	CHECK(Sfn_curl_loop_new(loop, &cl) == SFN_OK);
	for (size_t i = 0; i <= SFN_CURL_LOOP_MAX_TRANSFERS; i++) {
		easy[i] = curl_easy_init();
		if (easy[i] == NULL ||
		    curl_easy_setopt(easy[i], CURLOPT_URL,
		                     "http://127.0.0.1:9/") != CURLE_OK)
			break;
		if (i < SFN_CURL_LOOP_MAX_TRANSFERS)
			added += Sfn_curl_loop_add(cl, easy[i], count_done,
			                           &calls) == SFN_OK;
		else
			past = Sfn_curl_loop_add(cl, easy[i], count_done,
			                         &calls);
	}
	Sfn_curl_loop_free(cl); /* its timer and watches go too */
	idle = sfn_loop_idle(loop);
	for (size_t i = 0; i <= SFN_CURL_LOOP_MAX_TRANSFERS; i++)
		curl_easy_cleanup(easy[i]);
	sfn_loop_free(loop);
	CHECK_INT(added, SFN_CURL_LOOP_MAX_TRANSFERS);
	CHECK(past == SFN_ERR_LIMIT);
	CHECK(idle);
	CHECK_INT(calls, 0);
}

const struct test sfn_tests_curl[] = {
	{ "concurrent_gets", concurrent_gets },
	{ "no_room", no_room },
	{ "transfer_limit", transfer_limit },
	{ NULL, NULL },
};
