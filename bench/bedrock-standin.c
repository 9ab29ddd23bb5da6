/* A fast Bedrock Runtime stand-in for bench/bedrock.sh, on 127.0.0.1
 * only: POST /model/{modelId}/invoke answers as Claude v2 text completion
 * (" Here is an answer to: " and the prompt's last 40 bytes) after
 * --delay-ms, without blocking: a delayed request is suspended in
 * libmicrohttpd and resumed by a timer of the one-threaded loop (MHD's
 * external select mode), so a thousand requests cost little CPU. With
 * --check-signatures each request's SigV4 signature is computed again
 * with libsfn's signer (tests/integration/bedrock_standin.py has one
 * written apart from it, for the tests). GET /__stats answers
 * {"requests", "max_in_flight", "connections", "bad_signatures"}.
 * Prints "PORT n"; stops when standard input closes or after
 * --lifetime seconds. Environment: SFN_STANDIN_KEY_ID,
 * SFN_STANDIN_SECRET, SFN_STANDIN_REGION (for the check). Knows nothing
 * of Step Functions. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <microhttpd.h>

#include "sfn/sigv4.h"
#include "sfn/util.h"

#define MAX_BODY    (1024 * 1024) /* bytes of a request's body */
#define MAX_PENDING 4096          /* requests waiting out the delay */

struct request {
	char *body;
	size_t len;
	int answered;   /* the delay is over (or none): answer now */
	int suspended;  /* waiting in the queue */
	int too_large;
};

struct pending {
	struct MHD_Connection *conn;
	int64_t due_ms;
};

struct standin {
	struct MHD_Daemon *mhd;
	int64_t delay_ms;
	int check;
	const char *key_id, *secret, *region;
	struct sfn_sigv4_signer signer;
	/* requests waiting, in due order (one delay for all: FIFO) */
	struct pending queue[MAX_PENDING];
	size_t head, count;
	unsigned long requests, in_flight, max_in_flight, connections,
	        bad_signatures;
};

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static enum MHD_Result reply(struct MHD_Connection *conn, unsigned status,
                             const char *body, const char *error_type)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(
	        strlen(body), (void *) body, MHD_RESPMEM_MUST_COPY);
	enum MHD_Result res;

	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", "application/json");
	MHD_add_response_header(r, "x-amzn-RequestId", "standin");
	if (error_type != NULL)
		MHD_add_response_header(r, "x-amzn-ErrorType", error_type);
	res = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return res;
}

static enum MHD_Result stats(struct standin *s, struct MHD_Connection *conn)
{
	char body[256];

	snprintf(body, sizeof(body),
	         "{\"requests\": %lu, \"max_in_flight\": %lu, "
	         "\"connections\": %lu, \"bad_signatures\": %lu}",
	         s->requests, s->max_in_flight, s->connections,
	         s->bad_signatures);
	return reply(conn, 200, body, NULL);
}

/* The completion for the request's prompt, as JSON text (malloc'd). */
static char *completion(const struct request *rq)
{
	cJSON *req = cJSON_ParseWithLength(rq->body ? rq->body : "", rq->len);
	const char *prompt = cJSON_GetStringValue(
	        cJSON_GetObjectItemCaseSensitive(req, "prompt"));
	char text[128];
	size_t n;
	cJSON *out;
	char *json = NULL;

	if (prompt == NULL) {
		cJSON_Delete(req);
		return NULL;
	}
	n = strlen(prompt);
	snprintf(text, sizeof(text), " Here is an answer to: %s",
	         prompt + (n > 40 ? n - 40 : 0));
	out = cJSON_CreateObject();
	if (out != NULL && cJSON_AddStringToObject(out, "completion", text) &&
	    cJSON_AddStringToObject(out, "stop_reason", "stop_sequence") &&
	    cJSON_AddStringToObject(out, "stop", "\n\nHuman:"))
		json = cJSON_PrintUnformatted(out);
	cJSON_Delete(out);
	cJSON_Delete(req);
	return json;
}

/* ---- the signature check ------------------------------------------------ */

/* Copies the N bytes at P into BUF[SIZE] as a string; 0 when too long. */
static int copy(char *buf, size_t size, const char *p, size_t n)
{
	if (n >= size)
		return 0;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return 1;
}

/* Parses "AWS4-HMAC-SHA256 Credential=ID/DATE/REGION/SERVICE/aws4_request,
 * SignedHeaders=a;b, Signature=HEX": the signed header names (in NAMES,
 * ';' made NUL) and the signature. */
static int parse_auth(const char *auth, char *names, size_t size, char *sig)
{
	const char *h = auth ? strstr(auth, "SignedHeaders=") : NULL;
	const char *g = auth ? strstr(auth, "Signature=") : NULL;
	const char *end;

	if (h == NULL || g == NULL || strlen(g + 10) != 64)
		return 0;
	h += 14;
	end = strchr(h, ',');
	if (end == NULL || !copy(names, size, h, (size_t) (end - h)))
		return 0;
	memcpy(sig, g + 10, 65);
	return 1;
}

/* 20150830T123600Z as seconds since the epoch (-1: not that form). */
static int64_t amz_time(const char *s)
{
	int y, mo, d, h, mi, sec;

	if (s == NULL || strlen(s) != 16 ||
	    sscanf(s, "%4d%2d%2dT%2d%2d%2dZ", &y, &mo, &d, &h, &mi, &sec) != 6)
		return -1;
	return (int64_t) sfn_days_from_civil(y, mo, d) * 86400 + h * 3600 +
	       mi * 60 + sec;
}

/* Whether the request's signature is the one libsfn's signer computes
 * from the headers it names (X-Amz-Date and the token the signer adds
 * itself). */
static int signature_ok(struct standin *s, struct MHD_Connection *conn,
                        const char *url, const struct request *rq)
{
	struct sfn_sigv4_header hs[SFN_SIGV4_MAX_HEADERS];
	struct sfn_sigv4_credentials c = { s->key_id, s->secret, NULL };
	struct sfn_sigv4_params p = { s->region, "bedrock", 0, 1, 0, 0, 0 };
	struct sfn_sigv4_request req = { "POST", url, NULL, hs, 0,
		                         rq->body, rq->len };
	struct sfn_sigv4_result r;
	char names[1024], sig[65], *name, *save = NULL;
	int ok;

	if (!parse_auth(MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	                                            "Authorization"),
	                names, sizeof(names), sig))
		return 0;
	p.time = amz_time(MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	                                              "X-Amz-Date"));
	for (name = strtok_r(names, ";", &save); name != NULL;
	     name = strtok_r(NULL, ";", &save)) {
		if (strcmp(name, "x-amz-date") == 0 ||
		    strcmp(name, "x-amz-security-token") == 0)
			continue;
		if (req.header_count == SFN_SIGV4_MAX_HEADERS)
			return 0;
		hs[req.header_count].name = name;
		hs[req.header_count].value = MHD_lookup_connection_value(
		        conn, MHD_HEADER_KIND, name);
		if (hs[req.header_count++].value == NULL)
			return 0;
	}
	ok = p.time >= 0 &&
	     sfn_sigv4_sign_headers(&s->signer, &c, &p, &req, &r) == SFN_OK &&
	     strcmp(r.signature, sig) == 0;
	sfn_sigv4_result_free(&r);
	return ok;
}

/* ---- requests ----------------------------------------------------------- */

static enum MHD_Result answer(struct standin *s, struct MHD_Connection *conn,
                              const char *url, struct request *rq)
{
	char *json;
	enum MHD_Result r;

	s->in_flight--;
	if (rq->too_large)
		return reply(conn, 400, "{\"message\": \"body too large\"}",
		             "ValidationException");
	if (strncmp(url, "/model/", 7) != 0 ||
	    strstr(url + 7, "/invoke") == NULL)
		return reply(conn, 404, "{\"message\": \"no such route\"}",
		             "UnknownOperationException");
	json = completion(rq);
	if (json == NULL)
		return reply(conn, 400,
		             "{\"message\": \"Malformed input request\"}",
		             "ValidationException");
	r = reply(conn, 200, json, NULL);
	free(json);
	return r;
}

/* The body is in: check it, then answer now or after the delay. */
static enum MHD_Result received(struct standin *s, struct MHD_Connection *conn,
                                const char *url, struct request *rq)
{
	s->requests++;
	if (++s->in_flight > s->max_in_flight)
		s->max_in_flight = s->in_flight;
	if (s->check && !signature_ok(s, conn, url, rq)) {
		s->bad_signatures++;
		s->in_flight--;
		return reply(conn, 403,
		             "{\"message\": \"The request signature we "
		             "calculated does not match the signature you "
		             "provided\"}",
		             "InvalidSignatureException");
	}
	if (s->delay_ms <= 0 || s->count == MAX_PENDING)
		return answer(s, conn, url, rq);
	s->queue[(s->head + s->count++) % MAX_PENDING] =
	        (struct pending) { conn, now_ms() + s->delay_ms };
	rq->suspended = 1;
	MHD_suspend_connection(conn);
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version, const char *data,
                                  size_t *size, void **req_cls)
{
	struct standin *s = cls;
	struct request *rq = *req_cls;

	(void) version;
	if (strcmp(method, "GET") == 0)
		return strcmp(url, "/__stats") == 0
		               ? stats(s, conn)
		               : reply(conn, 404, "{}", NULL);
	if (rq == NULL) {
		rq = calloc(1, sizeof(*rq));
		*req_cls = rq;
		return rq ? MHD_YES : MHD_NO;
	}
	if (*size > 0) {
		if (rq->len + *size > MAX_BODY) {
			rq->too_large = 1;
		} else {
			char *b = realloc(rq->body, rq->len + *size + 1);

			if (b == NULL)
				return MHD_NO;
			memcpy(b + rq->len, data, *size);
			rq->body = b;
			rq->len += *size;
			b[rq->len] = '\0';
		}
		*size = 0;
		return MHD_YES;
	}
	if (rq->answered)
		return answer(s, conn, url, rq);
	rq->answered = 1;
	return received(s, conn, url, rq);
}

static void on_completed(void *cls, struct MHD_Connection *conn,
                         void **req_cls, enum MHD_RequestTerminationCode code)
{
	struct request *rq = *req_cls;

	(void) cls;
	(void) conn;
	(void) code;
	if (rq != NULL)
		free(rq->body);
	free(rq);
	*req_cls = NULL;
}

static void on_connection(void *cls, struct MHD_Connection *conn,
                          void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
	struct standin *s = cls;

	(void) conn;
	(void) socket_context;
	if (code == MHD_CONNECTION_NOTIFY_STARTED)
		s->connections++;
}

/* ---- the loop ----------------------------------------------------------- */

/* Resumes the requests whose delay is over; the milliseconds until the
 * next one is due (-1: none waits). */
static int64_t resume_due(struct standin *s)
{
	int64_t now = now_ms();

	while (s->count > 0 && s->queue[s->head].due_ms <= now) {
		MHD_resume_connection(s->queue[s->head].conn);
		s->head = (s->head + 1) % MAX_PENDING;
		s->count--;
	}
	return s->count > 0 ? s->queue[s->head].due_ms - now : -1;
}

/* One turn: wait for MHD's sockets, standard input or the next due
 * request; 0 once standard input closed. */
static int turn(struct standin *s)
{
	fd_set rs, ws, es;
	MHD_socket max = 0;
	MHD_UNSIGNED_LONG_LONG mhd_ms;
	int64_t wait_ms = resume_due(s);
	struct timeval tv;
	char buf[256];

	FD_ZERO(&rs);
	FD_ZERO(&ws);
	FD_ZERO(&es);
	if (MHD_get_fdset(s->mhd, &rs, &ws, &es, &max) != MHD_YES)
		return 0;
	FD_SET(0, &rs);
	if (MHD_get_timeout(s->mhd, &mhd_ms) == MHD_YES &&
	    (wait_ms < 0 || (int64_t) mhd_ms < wait_ms))
		wait_ms = (int64_t) mhd_ms;
	if (wait_ms < 0 || wait_ms > 1000)
		wait_ms = 1000;
	tv.tv_sec = (time_t) (wait_ms / 1000);
	tv.tv_usec = (suseconds_t) (wait_ms % 1000 * 1000);
	if (select(max + 1, &rs, &ws, &es, &tv) < 0 && errno != EINTR)
		return 0;
	if (FD_ISSET(0, &rs) && read(0, buf, sizeof(buf)) <= 0)
		return 0;
	resume_due(s);
	MHD_run(s->mhd);
	return 1;
}

static int usage(void)
{
	fputs("usage: bedrock-standin [--delay-ms MS] [--lifetime S] "
	      "[--check-signatures]\n",
	      stderr);
	return 2;
}

int main(int argc, char **argv)
{
	static struct standin s;
	struct sockaddr_in addr;
	const union MHD_DaemonInfo *info;
	int64_t lifetime_s = 900, end;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--delay-ms") == 0 && i + 1 < argc)
			s.delay_ms = strtoll(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--lifetime") == 0 && i + 1 < argc)
			lifetime_s = strtoll(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--check-signatures") == 0)
			s.check = 1;
		else
			return usage();
	}
	s.key_id = getenv("SFN_STANDIN_KEY_ID");
	s.secret = getenv("SFN_STANDIN_SECRET");
	s.region = getenv("SFN_STANDIN_REGION");
	if (s.check && (!s.key_id || !s.secret || !s.region)) {
		fputs("bedrock-standin: --check-signatures needs "
		      "SFN_STANDIN_KEY_ID, SFN_STANDIN_SECRET and "
		      "SFN_STANDIN_REGION\n",
		      stderr);
		return 2;
	}
	sfn_sigv4_signer_init(&s.signer);
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s.mhd = MHD_start_daemon(
	        MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG, 0, NULL, NULL,
	        on_request, &s, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
	        &s, MHD_OPTION_NOTIFY_CONNECTION, on_connection, &s,
	        MHD_OPTION_CONNECTION_LIMIT, (unsigned) 1000,
	        MHD_OPTION_SOCK_ADDR, (struct sockaddr *) &addr,
	        MHD_OPTION_END);
	info = s.mhd ? MHD_get_daemon_info(s.mhd, MHD_DAEMON_INFO_BIND_PORT)
	             : NULL;
	if (info == NULL) {
		fputs("bedrock-standin: cannot listen\n", stderr);
		return 1;
	}
	printf("PORT %u\n", (unsigned) info->port);
	fflush(stdout);
	end = now_ms() + lifetime_s * 1000;
	while (now_ms() < end && turn(&s))
		;
	MHD_stop_daemon(s.mhd);
	sfn_sigv4_signer_wipe(&s.signer);
	return 0;
}
