/* --require-sigv4: a request's Signature Version 4 checked with the
 * server's credentials. The Authorization header is read (Credential,
 * SignedHeaders, Signature), the request is signed again as the client
 * signed it (src/aws's signer, the time of its X-Amz-Date) and the two
 * signatures compared in constant time. Answers the service's error
 * shapes; never writes a secret or a signature into a reply. Knows
 * nothing of HTTP beyond struct sfn_serve_request. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

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

/* "AWS4-HMAC-SHA256 Credential=ID/DATE/REGION/SERVICE/aws4_request,
 * SignedHeaders=a;b, Signature=hex" into A. */
static int parse(const char *value, struct auth *a)
{
	char cred[512];
	int n = 0;

	if (strncmp(value, "AWS4-HMAC-SHA256 ", 17) != 0 ||
	    !part(value, "Credential=", cred, sizeof(cred)) ||
	    !part(value, "SignedHeaders=", a->signed_headers,
	          sizeof(a->signed_headers)) ||
	    !part(value, "Signature=", a->signature, sizeof(a->signature)) ||
	    strlen(a->signature) != 64)
		return 0;
	if (sscanf(cred, "%127[^/]/%8[^/]/%63[^/]/%63[^/]/aws4_request%n",
	           a->key_id, a->date, a->region, a->service, &n) != 4 ||
	    cred[n] != '\0')
		return 0;
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

int Sfn_serve_check_sigv4(struct Sfn_serve_call *call,
                          const struct sfn_serve_request *req)
{
	const struct sfn_sigv4_credentials *c = call->srv->opts.require_sigv4;
	const char *value = header(req, "Authorization");
	struct sfn_clock *clock = sfn_loop_clock(call->srv->loop);
	int64_t when, now = clock->wall_ms(clock) / 1000;
	struct auth a;

	if (c == NULL)
		return 1;
	if (value == NULL)
		return Sfn_serve_fail(call, 403,
		                      "MissingAuthenticationTokenException",
		                      "Missing Authentication Token");
	memset(&a, 0, sizeof(a));
	when = amz_time(header(req, "X-Amz-Date"));
	if (!parse(value, &a) || when < 0)
		return Sfn_serve_fail400(call, "IncompleteSignatureException",
		                         "The Authorization header or the "
		                         "X-Amz-Date header is not a Signature "
		                         "Version 4 one");
	if (strcmp(a.key_id, c->access_key_id) != 0)
		return Sfn_serve_fail400(call, "UnrecognizedClientException",
		                         "The security token included in the "
		                         "request is invalid.");
	if (when < now - MAX_SKEW_S || when > now + MAX_SKEW_S)
		return Sfn_serve_fail400(call, "InvalidSignatureException",
		                         "Signature expired: the request's "
		                         "X-Amz-Date is more than %d minutes "
		                         "from the server's time",
		                         MAX_SKEW_S / 60);
	if (!signature_ok(call->srv, req, &a, when))
		return Sfn_serve_fail(
		        call, 403, "InvalidSignatureException",
		        "The request signature we calculated does "
		        "not match the signature you provided. "
		        "Check your AWS Secret Access Key and "
		        "signing method. Consult the service "
		        "documentation for details.");
	return 1;
}
