/* The HTTP transport of the server: libmicrohttpd with no thread of its
 * own, driven by the process's event loop. MHD's epoll descriptor is one
 * watched descriptor and MHD's timeout one real timer; each readiness or
 * expiry runs MHD_run. A request's body is gathered up to a cap and the
 * whole request handed to the caller's function, whose reply is sent.
 * A reply the caller leaves pending suspends the connection until the
 * caller's done function brings it; the daemon resumes those left when
 * it stops. Knows nothing of Step Functions. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "serve/mhd_api.h"
#include "serve/serve_int.h"

#define CONNECTION_TIMEOUT_S 60 /* an idle client is dropped after it */
/* libmicrohttpd's memory for a connection is this many times the header
 * limit: it holds the request line and headers (and its own records of
 * them), so headers past our limit but within it reach the server,
 * which answers them in the protocol's shape; past it libmicrohttpd
 * answers 431 itself, before any callback. */
#define POOL_PER_HEADER_BYTE 4

struct Sfn_serve_http {
	struct sfn_loop *loop;
	struct MHD_Daemon *mhd;
	int epoll_fd;
	struct sfn_timer timer; /* MHD's timeout */
	struct Sfn_serve_http_limits limits;
	Sfn_serve_http_fn fn;
	void *ctx;
	unsigned port;
	struct pending *suspended; /* waiting for their replies */
};

/* One request being read: its body so far; then, when its reply is left
 * pending, its suspended connection until the reply is READY. */
struct pending {
	struct sfn_buf body;
	int too_large;
	size_t header_bytes; /* the request line and headers */
	struct Sfn_serve_http *http;
	struct MHD_Connection *conn;
	struct pending *prev, *next; /* in http->suspended */
	int waiting, ready;
	struct sfn_serve_reply reply;
};

static void drive(struct Sfn_serve_http *http);

static void on_timer(struct sfn_loop *loop, void *ctx)
{
	(void) loop;
	drive(ctx);
}

static void on_ready(struct sfn_loop *loop, int fd, unsigned events, void *ctx)
{
	(void) loop;
	(void) fd;
	(void) events;
	drive(ctx);
}

/* Runs MHD, then sets the timer to when it wants to run again. */
static void drive(struct Sfn_serve_http *http)
{
	MHD_UNSIGNED_LONG_LONG ms;

	MHD_run(http->mhd);
	if (MHD_get_timeout(http->mhd, &ms) == MHD_YES)
		(void) sfn_loop_timer_start(http->loop, &http->timer,
		                            ms > INT32_MAX ? INT32_MAX
		                                           : (int64_t) ms,
		                            SFN_TIMER_REAL, on_timer, http);
	else
		sfn_loop_timer_stop(http->loop, &http->timer);
}

static enum MHD_Result send_reply(struct MHD_Connection *conn,
                                  struct sfn_serve_reply *reply)
{
	struct MHD_Response *resp;
	enum MHD_Result r = MHD_NO;

	resp = MHD_create_response_from_buffer(
	        reply->body.len, reply->body.data, MHD_RESPMEM_MUST_COPY);
	if (resp != NULL &&
	    MHD_add_response_header(resp, "Content-Type",
	                            "application/x-amz-json-1.0") == MHD_YES)
		r = MHD_queue_response(conn, reply->status, resp);
	if (resp != NULL)
		MHD_destroy_response(resp);
	sfn_buf_free(&reply->body);
	return r;
}

static const char *header(struct MHD_Connection *conn, const char *name)
{
	return MHD_lookup_connection_value(conn, MHD_HEADER_KIND, name);
}

static void unlink_pending(struct pending *p)
{
	if (p->prev != NULL)
		p->prev->next = p->next;
	else
		p->http->suspended = p->next;
	if (p->next != NULL)
		p->next->prev = p->prev;
	p->prev = p->next = NULL;
	p->waiting = 0;
}

/* The caller's pending reply has come (from the loop): the connection
 * resumes, and MHD calls on_request again to send it. */
static void on_done(void *ctx, struct sfn_serve_reply *reply)
{
	struct pending *p = ctx;

	p->reply = *reply;
	p->ready = 1;
	unlink_pending(p);
	MHD_resume_connection(p->conn);
	drive(p->http);
}

struct headers {
	struct sfn_sigv4_header list[SFN_SIGV4_MAX_HEADERS];
	size_t n;
};

static enum MHD_Result add_header(void *cls, enum MHD_ValueKind kind,
                                  const char *key, const char *value)
{
	struct headers *h = cls;

	(void) kind;
	if (h->n == SFN_SIGV4_MAX_HEADERS)
		return MHD_NO; /* the rest cannot be signed anyway */
	h->list[h->n].name = key;
	h->list[h->n].value = value ? value : "";
	h->n++;
	return MHD_YES;
}

/* Adds a header's (or query argument's) bytes as sent: "name: value"
 * and CRLF. */
static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind,
                                    const char *key, const char *value)
{
	size_t *n = cls;

	(void) kind;
	*n += strlen(key) + (value ? strlen(value) : 0) + 4;
	return MHD_YES;
}

/* The size of the request line and headers of CONN, about as sent. */
static size_t header_bytes(struct MHD_Connection *conn, const char *url,
                           const char *method, const char *version)
{
	size_t n = strlen(method) + strlen(url) + strlen(version) + 4;

	(void) MHD_get_connection_values(conn, MHD_HEADER_KIND, count_header,
	                                 &n);
	(void) MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND,
	                                 count_header, &n);
	return n;
}

/* The whole request is in: the caller answers it, or leaves the reply
 * pending and the connection suspended. */
static enum MHD_Result answer(struct Sfn_serve_http *http,
                              struct MHD_Connection *conn, const char *url,
                              const char *method, struct pending *p)
{
	struct sfn_serve_request req = { 0 };
	struct sfn_serve_reply reply;
	struct headers hs;

	req.method = method;
	req.path = url;
	req.target = header(conn, "X-Amz-Target");
	req.content_type = header(conn, MHD_HTTP_HEADER_CONTENT_TYPE);
	req.body = p->body.data ? p->body.data : "";
	req.len = p->body.len;
	req.too_large = p->too_large || p->body.status != SFN_OK;
	req.header_bytes = p->header_bytes;
	req.done = on_done;
	req.done_ctx = p;
	hs.n = 0;
	(void) MHD_get_connection_values(conn, MHD_HEADER_KIND, add_header,
	                                 &hs);
	req.headers = hs.list;
	req.nheaders = hs.n;
	http->fn(http->ctx, &req, &reply);
	if (reply.status != 0)
		return send_reply(conn, &reply);
	sfn_buf_free(&reply.body);
	p->conn = conn;
	p->waiting = 1;
	p->next = http->suspended;
	if (p->next != NULL)
		p->next->prev = p;
	http->suspended = p;
	MHD_suspend_connection(conn);
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version, const char *data,
                                  size_t *size, void **req_cls)
{
	struct Sfn_serve_http *http = cls;
	struct pending *p = *req_cls;

	if (p == NULL) {
		p = calloc(1, sizeof(*p));
		if (p == NULL)
			return MHD_NO;
		sfn_buf_init(&p->body, http->limits.max_body);
		p->http = http;
		p->header_bytes = header_bytes(conn, url, method, version);
		*req_cls = p;
		return MHD_YES;
	}
	if (p->ready) {
		p->ready = 0;
		return send_reply(conn, &p->reply);
	}
	if (p->conn != NULL) /* resumed without a reply: the server stops */
		return MHD_NO;
	if (*size > 0) {
		if (!p->too_large &&
		    sfn_buf_add(&p->body, data, *size) != SFN_OK)
			p->too_large = 1;
		*size = 0;
		return MHD_YES;
	}
	return answer(http, conn, url, method, p);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
                         enum MHD_RequestTerminationCode code)
{
	struct pending *p = *req_cls;

	(void) cls;
	(void) conn;
	(void) code;
	if (p != NULL) {
		if (p->waiting)
			unlink_pending(p);
		if (p->ready)
			sfn_buf_free(&p->reply.body);
		sfn_buf_free(&p->body);
		free(p);
		*req_cls = NULL;
	}
}

/* HOST as a socket address (IPv4 or IPv6) into SA; 0 when it is none. */
static int address(const char *host, unsigned port, struct sockaddr_storage *sa,
                   unsigned *flags)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *) sa;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *) sa;

	memset(sa, 0, sizeof(*sa));
	if (inet_pton(AF_INET, host, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t) port);
		return 1;
	}
	if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t) port);
		*flags |= MHD_USE_IPv6;
		return 1;
	}
	return 0;
}

static struct MHD_Daemon *start(struct Sfn_serve_http *http,
                                const struct sockaddr_storage *sa,
                                unsigned flags, unsigned port)
{
	return MHD_start_daemon(
	        flags | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME,
	        (uint16_t) port, NULL, NULL, on_request, http,
	        MHD_OPTION_SOCK_ADDR, sa, MHD_OPTION_CONNECTION_LIMIT,
	        (unsigned) http->limits.max_connections,
	        MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	        (size_t) http->limits.max_headers * POOL_PER_HEADER_BYTE,
	        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned) CONNECTION_TIMEOUT_S,
	        MHD_OPTION_NOTIFY_COMPLETED, on_completed, http,
	        MHD_OPTION_END);
}

/* Reads the epoll descriptor and the bound port, and watches. */
static enum sfn_status attach(struct Sfn_serve_http *http, const char **why)
{
	const union MHD_DaemonInfo *fd, *port;

	fd = MHD_get_daemon_info(http->mhd, MHD_DAEMON_INFO_EPOLL_FD);
	port = MHD_get_daemon_info(http->mhd, MHD_DAEMON_INFO_BIND_PORT);
	if (fd == NULL || port == NULL) {
		*why = "the HTTP library gives no descriptor to watch";
		return SFN_ERR_IO;
	}
	http->epoll_fd = fd->epoll_fd;
	http->port = port->port;
	if (sfn_loop_watch(http->loop, http->epoll_fd, SFN_LOOP_READ, on_ready,
	                   http) != SFN_OK) {
		*why = "the event loop watches too many descriptors";
		return SFN_ERR_LIMIT;
	}
	drive(http);
	return SFN_OK;
}

enum sfn_status Sfn_serve_http_start(struct sfn_loop *loop, const char *host,
                                     unsigned port,
                                     const struct Sfn_serve_http_limits *limits,
                                     Sfn_serve_http_fn fn, void *ctx,
                                     struct Sfn_serve_http **out,
                                     const char **why)
{
	struct sockaddr_storage sa;
	unsigned flags = 0;
	struct Sfn_serve_http *http;
	enum sfn_status st;

	*out = NULL;
	st = Sfn_mhd_load(why);
	if (st != SFN_OK)
		return st;
	if (port > 65535 ||
	    !address(host ? host : "127.0.0.1", port, &sa, &flags)) {
		*why = "the host must be an IPv4 or IPv6 address";
		return SFN_ERR_USAGE;
	}
	http = calloc(1, sizeof(*http));
	if (http == NULL)
		return SFN_ERR_NOMEM;
	http->loop = loop;
	http->limits = *limits;
	http->fn = fn;
	http->ctx = ctx;
	sfn_timer_init(&http->timer);
	http->mhd = start(http, &sa, flags, port);
	if (http->mhd == NULL) {
		*why = "cannot listen on that address and port";
		free(http);
		return SFN_ERR_IO;
	}
	st = attach(http, why);
	if (st != SFN_OK) {
		MHD_stop_daemon(http->mhd);
		free(http);
		return st;
	}
	*out = http;
	return SFN_OK;
}

unsigned Sfn_serve_http_port(const struct Sfn_serve_http *http)
{
	return http->port;
}

void Sfn_serve_http_free(struct Sfn_serve_http *http)
{
	if (http == NULL)
		return;
	/* MHD must not stop with connections suspended: each resumes with
	 * no reply, and is closed */
	while (http->suspended != NULL) {
		struct pending *p = http->suspended;

		unlink_pending(p);
		MHD_resume_connection(p->conn);
	}
	MHD_run(http->mhd);
	sfn_loop_unwatch(http->loop, http->epoll_fd);
	sfn_loop_timer_stop(http->loop, &http->timer);
	MHD_stop_daemon(http->mhd);
	free(http);
}
