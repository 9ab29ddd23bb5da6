/* --require-sigv4: a request's Signature Version 4 checked with the
 * server's credentials. The Authorization header is read (Credential,
 * SignedHeaders, Signature), the request is signed again as the client
 * signed it (src/aws's signer, the time of its X-Amz-Date) and the two
 * signatures compared in constant time. Answers the errors AWS JSON
 * services answer, in their order, all with status 400; never writes a
 * secret or a signature into a reply. Knows
 * nothing of HTTP beyond struct sfn_serve_request. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "serve/serve_int.h"
#include "sfn/choice.h"
#include "util/crypto_api.h"

#define MAX_SKEW_S 900 /* a signature older or newer than this expired */

struct auth {
	char key_id[128], date[9], region[64], service[64];
	char signed_headers[1024];
	char signature[65];
};

static const char *header(const struct sfn_serve_request *req, const char *name)
{
	for (size_t i = 0; i < req->nheaders; i++)
		if (strcasecmp(req->headers[i].name, name) == 0)
			return req->headers[i].value;
	return NULL;
}

/* Copies the value of "KEY=value" in TEXT (up to ',' or the end) into
 * OUT[0, SIZE); 0 when missing or too long. */
static int part(const char *text, const char *key, char *out, size_t size)
{
	const char *at = strstr(text, key), *end;
	size_t n;

	if (at == NULL)
		return 0;
	at += strlen(key);
	end = strchr(at, ',');
	n = end ? (size_t) (end - at) : strlen(at);
	if (n == 0 || n >= size)
		return 0;
	memcpy(out, at, n);
	out[n] = '\0';
	return 1;
}

/* The parts the header needs, as the service lists those missing. */
static const char *const required_parts[] = { "Credential", "Signature",
	                                      "SignedHeaders" };

/* IncompleteSignatureException when the Authorization header VALUE
 * lacks a part, or the request a date; its message lists each, as the
 * service's does (which then quotes the header: not here, it holds the
 * signature). */
static int complete(struct Sfn_serve_call *call, const char *value,
                    const char *date)
{
	char msg[512] = "", key[32];
	size_t n = 0;

	for (size_t i = 0; i < 3; i++) {
		snprintf(key, sizeof(key), "%s=", required_parts[i]);
		if (strstr(value, key) == NULL)
			n += (size_t) snprintf(msg + n, sizeof(msg) - n,
			                       "Authorization header requires "
			                       "'%s' parameter. ",
			                       required_parts[i]);
	}
	if (date == NULL)
		snprintf(msg + n, sizeof(msg) - n,
		         "Authorization header requires existence of either a "
		         "'X-Amz-Date' or a 'Date' header. ");
	if (msg[0] == '\0')
		return 1;
	msg[strlen(msg) - 1] = '\0';
	return Sfn_serve_fail400(call, "IncompleteSignatureException", "%s",
	                         msg);
}

/* "AWS4-HMAC-SHA256 Credential=ID/DATE/REGION/SERVICE/aws4_request,
 * SignedHeaders=a;b, Signature=hex" into A; 0 after the error reply.
 * A signature of another length is left to fail the comparison. */
static int parse(struct Sfn_serve_call *call, const char *value, struct auth *a)
{
	char cred[512];
	size_t alg = strcspn(value, " ");
	int n = 0;

	if (alg != 16 || strncmp(value, "AWS4-HMAC-SHA256", 16) != 0)
		return Sfn_serve_fail400(call, "IncompleteSignatureException",
		                         "Unsupported AWS 'algorithm': '%.*s' "
		                         "(only AWS4-HMAC-SHA256 for now).",
		                         (int) (alg > 64 ? 64 : alg), value);
	if (!part(value, "Credential=", cred, sizeof(cred)) ||
	    sscanf(cred, "%127[^/]/%8[^/]/%63[^/]/%63[^/]/aws4_request%n",
	           a->key_id, a->date, a->region, a->service, &n) != 4 ||
	    cred[n] != '\0')
		return Sfn_serve_fail400(call, "IncompleteSignatureException",
		                         "Credential must have exactly 5 "
		                         "slash-delimited elements, e.g. "
		                         "keyid/date/region/service/term");
	if (!part(value, "SignedHeaders=", a->signed_headers,
	          sizeof(a->signed_headers)) ||
	    !part(value, "Signature=", a->signature, sizeof(a->signature)))
		a->signature[0] = '\0';
	return 1;
}

/* X-Amz-Date (20150830T123600Z) as seconds since 1970; -1 if malformed. */
static int64_t amz_time(const char *s)
{
	struct sfn_instant at;
	char iso[24];

	if (s == NULL || strlen(s) != 16 || s[8] != 'T' || s[15] != 'Z')
		return -1;
	snprintf(iso, sizeof(iso), "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", s, s + 4,
	         s + 6, s + 9, s + 11, s + 13);
	return sfn_choice_timestamp(iso, &at) ? (int64_t) at.seconds : -1;
}

/* The headers the client signed, but those the signer adds itself. */
static size_t signed_headers(const struct sfn_serve_request *req, char *names,
                             struct sfn_sigv4_header *out, int *body)
{
	size_t n = 0;

	*body = 0;
	for (char *name = strtok(names, ";"); name != NULL;
	     name = strtok(NULL, ";")) {
		const char *v = header(req, name);

		if (strcmp(name, "x-amz-content-sha256") == 0)
			*body = 1;
		if (v == NULL || n == SFN_SIGV4_MAX_HEADERS ||
		    strcmp(name, "x-amz-date") == 0 ||
		    strcmp(name, "x-amz-security-token") == 0 ||
		    strcmp(name, "x-amz-content-sha256") == 0)
			continue;
		out[n].name = name;
		out[n].value = v;
		n++;
	}
	return n;
}

static int signature_ok(struct sfn_serve *srv,
                        const struct sfn_serve_request *req, struct auth *a,
                        int64_t when)
{
	struct sfn_sigv4_header hs[SFN_SIGV4_MAX_HEADERS];
	struct sfn_sigv4_request sr = { req->method, req->path, NULL,    hs,
		                        0,           req->body, req->len };
	struct sfn_sigv4_params p = { a->region, a->service, when, 1, 0, 0, 0 };
	struct sfn_sigv4_result r;
	int ok;

	sr.header_count =
	        signed_headers(req, a->signed_headers, hs, &p.sign_body);
	ok = sfn_sigv4_sign_headers(&srv->signer, srv->opts.require_sigv4, &p,
	                            &sr, &r) == SFN_OK &&
	     CRYPTO_memcmp(r.signature, a->signature, 64) == 0;
	sfn_sigv4_result_free(&r);
	return ok;
}

/* S seconds since 1970 as X-Amz-Date writes them. */
static void basic_time(int64_t s, char out[17])
{
	time_t t = (time_t) s;
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm) != 16)
		snprintf(out, 17, "19700101T000000Z");
}

/* InvalidSignatureException when X-Amz-Date DATE (WHEN) is more than
 * MAX_SKEW_S from NOW, worded as the service words it. */
static int fresh(struct Sfn_serve_call *call, const char *date, int64_t when,
                 int64_t now)
{
	char edge[17], at[17];

	basic_time(now, at);
	if (when < now - MAX_SKEW_S) {
		basic_time(now - MAX_SKEW_S, edge);
		return Sfn_serve_fail400(call, "InvalidSignatureException",
		                         "Signature expired: %s is now earlier "
		                         "than %s (%s - %d min.)",
		                         date, edge, at, MAX_SKEW_S / 60);
	}
	if (when > now + MAX_SKEW_S) {
		basic_time(now + MAX_SKEW_S, edge);
		return Sfn_serve_fail400(call, "InvalidSignatureException",
		                         "Signature not yet current: %s is "
		                         "still later than %s (%s + %d min.)",
		                         date, edge, at, MAX_SKEW_S / 60);
	}
	return 1;
}

/* The checks in the service's order: a SigV4 header at all, its parts,
 * the date's form and age, the algorithm and credential, the key, the
 * signature; every answer is 400, as AWS JSON services answer. */
int Sfn_serve_check_sigv4(struct Sfn_serve_call *call,
                          const struct sfn_serve_request *req)
{
	const struct sfn_sigv4_credentials *c = call->srv->opts.require_sigv4;
	const char *value = header(req, "Authorization");
	const char *date = header(req, "X-Amz-Date");
	struct sfn_clock *clock = sfn_loop_clock(call->srv->loop);
	int64_t when, now = clock->wall_ms(clock) / 1000;
	struct auth a;

	if (c == NULL)
		return 1;
	if (value == NULL || strncmp(value, "AWS4-", 5) != 0)
		return Sfn_serve_fail400(call,
		                         "MissingAuthenticationTokenException",
		                         "Request is missing Authentication "
		                         "Token");
	if (date == NULL)
		date = header(req, "Date");
	if (!complete(call, value, date))
		return 0;
	when = amz_time(date);
	if (when < 0)
		return Sfn_serve_fail400(
		        call, "IncompleteSignatureException",
		        "Date must be in ISO-8601 'basic "
		        "format'. Got '%.64s'. See "
		        "http://en.wikipedia.org/wiki/ISO_8601",
		        date);
	memset(&a, 0, sizeof(a));
	if (!fresh(call, date, when, now) || !parse(call, value, &a))
		return 0;
	if (strcmp(a.key_id, c->access_key_id) != 0)
		return Sfn_serve_fail400(call, "UnrecognizedClientException",
		                         "The security token included in the "
		                         "request is invalid.");
	if (strlen(a.signature) != 64 ||
	    !signature_ok(call->srv, req, &a, when))
		return Sfn_serve_fail400(
		        call, "InvalidSignatureException",
		        "The request signature we calculated does "
		        "not match the signature you provided. "
		        "Check your AWS Secret Access Key and "
		        "signing method. Consult the service "
		        "documentation for details.");
	return 1;
}
