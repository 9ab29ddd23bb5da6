/* The Bedrock integration against tests/integration/bedrock_standin.py on
 * 127.0.0.1, on one event loop and one curl multi handle: each model
 * family, a model ARN, a session token, a wrong secret, every injected
 * fault with its error name, the timeout, the response limit, a cancel,
 * and 20 concurrent tasks never more than the cap on the wire, with
 * connections reused. Prints every outcome as a '#' line so that the
 * runner can grep them for the secret. Stops the stand-in whatever
 * happens: it also exits when its standard input (our pipe) closes. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "aws/curl_api.h"

#include "aws/curl_loop.h"
#include "sfn/bedrock.h"
#include "sfn/util.h"

#define SECRET "standin-secret-wJalrXUtnFEMI-K7MDENG"
#define TOKEN "standin-session-token"
#define KEY_ID "AKIDSTANDIN"

struct standin {
	pid_t pid;
	int in;  /* its standard input: closing it stops it */
	char url[64];
};

struct env {
	struct sfn_clock clock;
	struct sfn_loop *loop;
	struct sfn_curl_loop *cl;
	struct standin server;
	int failed;
};

/* One task and what it ended with. */
struct run {
	int done;
	struct sfn_task_outcome out;
};

/* ---- the stand-in -------------------------------------------------------- */

static void child(const char *script, int in, int out, const char *token,
                  int tls)
{
	if (dup2(in, 0) < 0 || dup2(out, 1) < 0)
		_exit(127);
	if (tls) {
		setenv("SFN_STANDIN_CERT", getenv("SFN_TEST_CERT"), 1);
		setenv("SFN_STANDIN_CERT_KEY", getenv("SFN_TEST_CERT_KEY"), 1);
	}
	setenv("SFN_STANDIN_KEY_ID", KEY_ID, 1);
	setenv("SFN_STANDIN_SECRET", SECRET, 1);
	setenv("SFN_STANDIN_REGION", "us-east-1", 1);
	if (token != NULL)
		setenv("SFN_STANDIN_TOKEN", token, 1);
	execlp("python3", "python3", script, (char *) NULL);
	_exit(127);
}

/* Reads "PORT n" within ten seconds. */
static int read_port(int fd, unsigned *port)
{
	char line[64];
	size_t n = 0;
	struct pollfd p = { fd, POLLIN, 0 };

	while (n + 1 < sizeof(line) && poll(&p, 1, 10000) > 0) {
		ssize_t r = read(fd, line + n, sizeof(line) - 1 - n);

		if (r <= 0)
			break;
		n += (size_t) r;
		line[n] = '\0';
		if (strchr(line, '\n') != NULL)
			return sscanf(line, "PORT %u", port) == 1;
	}
	return 0;
}

/* Starts a stand-in that wants TOKEN (or none), over HTTPS when TLS. */
static int standin_start(struct standin *s, const char *token, int tls)
{
	const char *src = getenv("SFN_SRCDIR");
	char script[4096];
	int in[2], out[2];
	unsigned port;

	snprintf(script, sizeof(script),
	         "%s/tests/integration/bedrock_standin.py", src ? src : ".");
	if (pipe(in) != 0 || pipe(out) != 0)
		return 0;
	s->pid = fork();
	if (s->pid == 0) {
		close(in[1]);
		close(out[0]);
		child(script, in[0], out[1], token, tls);
	}
	close(in[0]);
	close(out[1]);
	s->in = in[1];
	if (s->pid < 0 || !read_port(out[0], &port)) {
		close(out[0]);
		return 0;
	}
	close(out[0]);
	snprintf(s->url, sizeof(s->url), "%s://127.0.0.1:%u",
	         tls ? "https" : "http", port);
	return 1;
}

static void standin_stop(struct standin *s)
{
	int status;

	if (s->pid <= 0)
		return;
	close(s->in);
	for (int i = 0; i < 50; i++) {
		if (waitpid(s->pid, &status, WNOHANG) == s->pid)
			return;
		nanosleep(&(struct timespec) { 0, 100000000 }, NULL);
	}
	kill(s->pid, SIGKILL);
	waitpid(s->pid, &status, 0);
}

/* ---- running tasks ------------------------------------------------------- */

static void on_done(void *ctx, struct sfn_task_outcome *out)
{
	struct run *r = ctx;
	char *text = out->output ? cJSON_PrintUnformatted(out->output) : NULL;

	r->done = 1;
	r->out = *out;
	/* every outcome is shown: the runner greps them for the secret */
	printf("# %s: %.300s\n", out->error.name ? out->error.name : "output",
	       text ? text : (out->error.cause ? out->error.cause : ""));
	fflush(stdout);
	free(text);
}

struct batch {
	struct run *runs;
	size_t n;
};

static int all_done(void *ctx)
{
	const struct batch *b = ctx;

	for (size_t i = 0; i < b->n; i++)
		if (!b->runs[i].done)
			return 0;
	return 1;
}

static void run_clear(struct run *r)
{
	cJSON_Delete(r->out.output);
	sfn_error_clear(&r->out.error);
	memset(r, 0, sizeof(*r));
}

static const struct sfn_aws_credentials creds = { KEY_ID, SECRET, NULL,
	                                          NULL, "test" };

static struct sfn_bedrock_options options(const struct env *e)
{
	struct sfn_bedrock_options o = { 0 };

	o.credentials = &creds;
	o.region = "us-east-1";
	o.endpoint = e->server.url;
	o.total_timeout_ms = 10000;
	return o;
}

/* Runs N tasks of INPUTS on a new integration made with O. */
static int run_tasks(struct env *e, const struct sfn_bedrock_options *o,
                     const char *const *inputs, size_t n, struct run *runs,
                     size_t *max_seen)
{
	struct sfn_bedrock *b;
	struct batch batch = { runs, n };
	int ok = sfn_bedrock_new(e->loop, e->cl, o, &b) == SFN_OK;

	memset(runs, 0, n * sizeof(*runs));
	for (size_t i = 0; ok && i < n; i++) {
		cJSON *input = cJSON_Parse(inputs[i]);
		struct sfn_task_request req = { SFN_BEDROCK_RESOURCE, "Ask",
			                        input, 0, 0, NULL, 0 };
		struct sfn_task *task;

		ok = input != NULL &&
		     sfn_bedrock_integration(b)->start(b, &req, on_done,
		                                       &runs[i], &task) ==
		             SFN_OK;
		cJSON_Delete(input);
	}
	if (ok)
		ok = sfn_loop_run_until(e->loop, all_done, &batch) == SFN_OK &&
		     all_done(&batch);
	if (ok && max_seen != NULL)
		*max_seen = sfn_bedrock_max_seen(b);
	if (b != NULL)
		sfn_bedrock_free(b);
	return ok;
}

static int run_one(struct env *e, const struct sfn_bedrock_options *o,
                   const char *input, struct run *r)
{
	return run_tasks(e, o, &input, 1, r, NULL);
}

static void report(struct env *e, const char *name, int ok, const char *why)
{
	if (ok) {
		printf("ok integration/bedrock/%s\n", name);
	} else {
		printf("FAIL integration/bedrock/%s: %s\n", name, why);
		e->failed++;
	}
}

/* The output's member at PATH (dot-separated, numbers index arrays). */
static const cJSON *at(const cJSON *v, const char *path)
{
	char buf[256], *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = strtok_r(buf, ".", &save); v && p;
	     p = strtok_r(NULL, ".", &save))
		v = cJSON_IsArray(v) ? cJSON_GetArrayItem(v, atoi(p))
		                     : cJSON_GetObjectItemCaseSensitive(v, p);
	return v;
}

/* ---- the cases ------------------------------------------------------------ */

static void families(struct env *e)
{
	static const struct {
		const char *name, *input, *path;
	} cases[] = {
		{ "claude-text",
		  "{\"ModelId\": \"anthropic.claude-v2\", \"Body\": {\"prompt\": "
		  "\"\\n\\nHuman: Name a color.\\n\\nAssistant:\", "
		  "\"max_tokens_to_sample\": 200}}",
		  "Body.completion" },
		{ "claude-messages",
		  "{\"ModelId\": \"anthropic.claude-3-haiku-20240307-v1:0\", "
		  "\"Body\": {\"anthropic_version\": \"bedrock-2023-05-31\", "
		  "\"max_tokens\": 50, \"messages\": [{\"role\": \"user\", "
		  "\"content\": \"Hello\"}]}}",
		  "Body.content.0.text" },
		{ "titan",
		  "{\"ModelId\": \"amazon.titan-text-express-v1\", \"Body\": "
		  "{\"inputText\": \"Five first names\", "
		  "\"textGenerationConfig\": {\"maxTokenCount\": 100}}}",
		  "Body.results.0.outputText" },
		{ "llama",
		  "{\"ModelId\": \"meta.llama3-8b-instruct-v1:0\", \"Body\": "
		  "{\"prompt\": \"Hi\", \"max_gen_len\": 20}}",
		  "Body.generation" },
		{ "model-arn",
		  "{\"ModelId\": \"arn:aws:bedrock:us-east-1::foundation-model/"
		  "anthropic.claude-v2:1\", \"Body\": \"{\\\"prompt\\\": "
		  "\\\"\\\\n\\\\nHuman: hi\\\\n\\\\nAssistant:\\\"}\", "
		  "\"Trace\": \"DISABLED\", \"GuardrailIdentifier\": \"gr-1\", "
		  "\"GuardrailVersion\": \"1\"}",
		  "Body.completion" },
	};
	struct sfn_bedrock_options o = options(e);

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct run r;
		int ok = run_one(e, &o, cases[i].input, &r);

		report(e, cases[i].name,
		       ok && cJSON_IsString(at(r.out.output, cases[i].path)),
		       r.out.error.cause ? r.out.error.cause : "no output");
		run_clear(&r);
	}
}

#define CLAUDE_BODY "\"Body\": {\"prompt\": \"x\"}"

/* Runs model MODEL on a new integration made with O. Passes when the
 * task fails with error WANT and CAUSE in its cause, or, WANT NULL, when
 * it succeeds. */
static void expect(struct env *e, const char *name,
                   const struct sfn_bedrock_options *o, const char *model,
                   const char *want, const char *cause)
{
	char input[256];
	struct run r;
	int ok;

	snprintf(input, sizeof(input), "{\"ModelId\": \"%s\", %s}", model,
	         CLAUDE_BODY);
	ok = run_one(e, o, input, &r);
	if (want == NULL)
		ok = ok && r.out.output != NULL;
	else
		ok = ok && r.out.error.name != NULL &&
		     strcmp(r.out.error.name, want) == 0 &&
		     strstr(r.out.error.cause, cause) != NULL;
	report(e, name, ok, r.out.error.name ? r.out.error.name : "no error");
	run_clear(&r);
}

static void faults(struct env *e)
{
	static const struct {
		const char *model, *name, *cause;
	} cases[] = {
		{ "fault.throttle", "Bedrock.ThrottlingException",
		  "Too many requests" },
		{ "fault.500", "Bedrock.InternalServerException",
		  "Status Code: 500" },
		{ "fault.503", "Bedrock.ServiceUnavailableException",
		  "Status Code: 503" },
		{ "fault.unnamed", "States.TaskFailed", "upstream exploded" },
		{ "fault.drop", "States.TaskFailed", "calling Bedrock failed" },
		{ "fault.malformed", "States.TaskFailed", "not JSON" },
		{ "fault.delay-3000", "States.Timeout", "timed out" },
		{ "fault.big-4097", "States.TaskFailed", "larger than 4096" },
		{ "no.such-model", "Bedrock.ValidationException",
		  "model identifier is invalid" },
	};
	struct sfn_bedrock_options o = options(e);
	char name[64];

	o.total_timeout_ms = 500;
	o.max_response_bytes = 4096;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		snprintf(name, sizeof(name), "fault/%s", cases[i].model);
		expect(e, name, &o, cases[i].model, cases[i].name,
		       cases[i].cause);
	}
	/* the response limit at its edge */
	expect(e, "response-limit-at-edge", &o, "fault.big-4096", NULL, NULL);
}

/* No byte for a second: the read timeout, well before the total one. */
static void read_timeout(struct env *e)
{
	struct sfn_bedrock_options o = options(e);

	o.read_timeout_ms = 1000;
	o.total_timeout_ms = 20000;
	expect(e, "read-timeout", &o, "fault.delay-4000", "States.Timeout",
	       "no data received for 1000 ms");
}

/* The stand-in checks signatures: a wrong secret is refused. */
static void wrong_secret(struct env *e)
{
	struct sfn_aws_credentials bad = { KEY_ID, "not-the-secret", NULL,
		                           NULL, "test" };
	struct sfn_bedrock_options o = options(e);

	o.credentials = &bad;
	expect(e, "wrong-secret-refused", &o, "anthropic.claude-v2",
	       "Bedrock.InvalidSignatureException", "signature mismatch");
}

/* A stand-in that wants a session token: signed with it, accepted;
 * without it, refused. */
static void session_token(struct env *e)
{
	struct sfn_aws_credentials with = { KEY_ID, SECRET, TOKEN, NULL,
		                            "test" };
	struct sfn_bedrock_options o;
	struct standin s = e->server;

	if (!standin_start(&e->server, TOKEN, 0)) {
		report(e, "session-token", 0, "no second stand-in");
		e->server = s;
		return;
	}
	o = options(e);
	o.credentials = &with;
	expect(e, "session-token", &o, "anthropic.claude-v2", NULL, NULL);
	o.credentials = &creds;
	expect(e, "session-token-required", &o, "anthropic.claude-v2",
	       "Bedrock.InvalidSignatureException", "session token");
	standin_stop(&e->server);
	e->server = s;
}

/* N tasks of 150 ms each with at most CAP on the wire (0: the default);
 * passes when all succeed and exactly WANT were out at once. */
static void concurrent(struct env *e, const char *name, size_t n, size_t cap,
                       size_t want)
{
	const char *inputs[SFN_BEDROCK_MAX_IN_FLIGHT + 1];
	struct run runs[SFN_BEDROCK_MAX_IN_FLIGHT + 1];
	struct sfn_bedrock_options o = options(e);
	size_t max_seen = 0, done = 0;
	char why[128];
	int ok;

	for (size_t i = 0; i < n; i++)
		inputs[i] = "{\"ModelId\": \"fault.delay-150\", " CLAUDE_BODY "}";
	o.max_in_flight = cap;
	ok = run_tasks(e, &o, inputs, n, runs, &max_seen);
	for (size_t i = 0; i < n; i++) {
		done += runs[i].out.output != NULL;
		run_clear(&runs[i]);
	}
	snprintf(why, sizeof(why), "%zu of %zu answered, %zu at once", done,
	         n, max_seen);
	report(e, name, ok && done == n && max_seen == want, why);
}

static void server_stats(struct env *e);

static void concurrency(struct env *e)
{
	concurrent(e, "concurrent-cap", 20, 4, 4);
	server_stats(e); /* before anything else ran more at once */
	/* the default cap at and past its edge */
	concurrent(e, "concurrent-default-cap", SFN_BEDROCK_MAX_IN_FLIGHT, 0,
	           SFN_BEDROCK_MAX_IN_FLIGHT);
	concurrent(e, "concurrent-past-default-cap",
	           SFN_BEDROCK_MAX_IN_FLIGHT + 1, 0, SFN_BEDROCK_MAX_IN_FLIGHT);
}

/* An HTTPS stand-in with a self-signed certificate: refused as it is,
 * accepted with the certificate as CA bundle, or with verification off. */
static void tls(struct env *e)
{
	struct sfn_bedrock_options o;
	struct standin s = e->server;

	if (getenv("SFN_TEST_CERT") == NULL ||
	    !standin_start(&e->server, NULL, 1)) {
		printf("skip integration/bedrock/tls: no certificate or no "
		       "HTTPS stand-in (3 cases)\n");
		e->server = s;
		return;
	}
	o = options(e);
	expect(e, "tls-verified", &o, "anthropic.claude-v2",
	       "States.TaskFailed", "certificate");
	o.ca_bundle = getenv("SFN_TEST_CERT");
	expect(e, "tls-ca-bundle", &o, "anthropic.claude-v2", NULL, NULL);
	o.ca_bundle = NULL;
	o.no_verify_ssl = 1;
	expect(e, "tls-no-verify", &o, "anthropic.claude-v2", NULL, NULL);
	standin_stop(&e->server);
	e->server = s;
}

static size_t body_size(char *data, size_t size, size_t n, void *ctx)
{
	struct sfn_buf *b = ctx;

	return sfn_buf_add(b, data, size * n) == SFN_OK ? size * n : 0;
}

/* The stand-in's own count, asked with a blocking GET. */
static void server_stats(struct env *e)
{
	CURL *easy = curl_easy_init();
	char url[128];
	struct sfn_buf b;
	cJSON *stats = NULL;
	const cJSON *max, *conns, *reqs;

	sfn_buf_init(&b, 4096);
	snprintf(url, sizeof(url), "%s/__stats", e->server.url);
	if (easy != NULL) {
		curl_easy_setopt(easy, CURLOPT_URL, url);
		curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, body_size);
		curl_easy_setopt(easy, CURLOPT_WRITEDATA, &b);
		if (curl_easy_perform(easy) == CURLE_OK)
			stats = cJSON_Parse(sfn_buf_str(&b));
		curl_easy_cleanup(easy);
	}
	max = at(stats, "max_in_flight");
	conns = at(stats, "connections");
	reqs = at(stats, "requests");
	printf("# stand-in: %s\n", sfn_buf_str(&b));
	report(e, "server-never-past-cap",
	       cJSON_IsNumber(max) && max->valuedouble <= 4, "past the cap");
	report(e, "connections-reused",
	       cJSON_IsNumber(conns) && cJSON_IsNumber(reqs) &&
	               conns->valuedouble < reqs->valuedouble,
	       "a connection per request");
	cJSON_Delete(stats);
	sfn_buf_free(&b);
}

static int none_done(void *ctx)
{
	(void) ctx;
	return 0;
}

static void on_timer(struct sfn_loop *loop, void *ctx)
{
	(void) ctx;
	sfn_loop_stop(loop);
}

/* A cancelled task never reports, and frees its slot. */
static void cancel(struct env *e)
{
	struct sfn_bedrock_options o = options(e);
	struct sfn_bedrock *b;
	struct run r = { 0 };
	struct sfn_task *task = NULL;
	struct sfn_timer timer;
	cJSON *input = cJSON_Parse(
	        "{\"ModelId\": \"fault.delay-400\", " CLAUDE_BODY "}");
	struct sfn_task_request req = { SFN_BEDROCK_RESOURCE, "Ask", input,
		                        0, 0, NULL, 0 };
	int ok = sfn_bedrock_new(e->loop, e->cl, &o, &b) == SFN_OK;

	ok = ok && sfn_bedrock_integration(b)->start(b, &req, on_done, &r,
	                                             &task) == SFN_OK;
	ok = ok && sfn_bedrock_in_flight(b) == 1;
	if (ok) {
		sfn_task_cancel(task);
		ok = sfn_bedrock_in_flight(b) == 0;
	}
	sfn_timer_init(&timer);
	if (ok && sfn_loop_timer_start(e->loop, &timer, 800, SFN_TIMER_REAL,
	                               on_timer, NULL) == SFN_OK)
		sfn_loop_run_until(e->loop, none_done, NULL);
	report(e, "cancel-never-reports", ok && !r.done, "it reported");
	if (b != NULL)
		sfn_bedrock_free(b);
	cJSON_Delete(input);
}

int main(void)
{
	struct env e = { 0 };
	const char *why;
	int ok;

	setenv("NO_PROXY", "127.0.0.1", 1); /* never through a proxy */
	if (Sfn_curl_load(&why) != SFN_OK) {
		printf("FAIL integration/bedrock: %s\n", why);
		return 1;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	sfn_clock_init_real(&e.clock);
	if (!standin_start(&e.server, NULL, 0)) {
		standin_stop(&e.server);
		printf("skip integration/bedrock: the stand-in did not start "
		       "(python3?) (1 cases)\n");
		return 0;
	}
	ok = sfn_loop_new(&e.clock, NULL, &e.loop) == SFN_OK &&
	     Sfn_curl_loop_new(e.loop, &e.cl) == SFN_OK;
	if (ok) {
		families(&e);
		concurrency(&e);
		faults(&e);
		read_timeout(&e);
		wrong_secret(&e);
		session_token(&e);
		tls(&e);
		cancel(&e);
	} else {
		report(&e, "setup", 0, "no loop");
	}
	if (e.cl != NULL)
		Sfn_curl_loop_free(e.cl);
	if (e.loop != NULL)
		sfn_loop_free(e.loop);
	standin_stop(&e.server);
	curl_global_cleanup();
	return e.failed ? 1 : 0;
}
