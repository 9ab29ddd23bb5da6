/* SigV4 beyond the shared suite: the path encoded again for services
 * other than S3 (a Bedrock model ID with ':' or an ARN with '/'), the key
 * cache, the secret never in what signing makes, and each limit at and
 * past its edge. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sfn/sigv4.h"
#include "test.h"

#define SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define DAY    86400

static const struct sfn_sigv4_credentials creds = { "AKIDEXAMPLE", SECRET,
	                                            NULL };

static struct sfn_sigv4_params params(int64_t time)
{
	struct sfn_sigv4_params p = { "us-east-1", "bedrock", time, 1,
		                      0,           0,         3600 };

	return p;
}

/* The second line of the canonical request: the canonical URI. */
static void canon_uri(const char *path, char *out, size_t n)
{
	struct sfn_sigv4_signer s;
	struct sfn_sigv4_header h = { "Host", "example.amazonaws.com" };
	struct sfn_sigv4_request req = { "POST", path, NULL, &h, 1, "", 0 };
	struct sfn_sigv4_params p = params(1440938160);
	struct sfn_sigv4_result r;
	const char *line, *end;

	sfn_sigv4_signer_init(&s);
	out[0] = '\0';
	if (sfn_sigv4_sign_headers(&s, &creds, &p, &req, &r) == SFN_OK) {
		line = strchr(r.canonical.data, '\n') + 1;
		end = strchr(line, '\n');
		snprintf(out, n, "%.*s", (int) (end - line), line);
	}
	sfn_sigv4_result_free(&r);
	sfn_sigv4_signer_wipe(&s);
}

static void path_encoded_again(struct test_state *t)
{
	static const struct {
		const char *sent, *canonical;
	} cases[] = {
		{ "/model/anthropic.claude-v2%3A1/invoke",
		  "/model/anthropic.claude-v2%253A1/invoke" },
		{ "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Aprovisioned-"
		  "model%2Fab/invoke",
		  "/model/arn%253Aaws%253Abedrock%253Aus-east-1%253A1%253A"
		  "provisioned-model%252Fab/invoke" },
		{ "/a/./b/../c//d/", "/a/c/d/" },
		{ "", "/" },
	};
	char got[512];

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		canon_uri(cases[i].sent, got, sizeof(got));
		CHECK_STR(got, cases[i].canonical);
	}
}

static void uri_encode(struct test_state *t)
{
	struct sfn_buf b;

	sfn_buf_init(&b, 100);
	CHECK(sfn_sigv4_uri_encode(&b, "a b/c:~\xc3\xa9", 9, 0) == SFN_OK);
	CHECK_STR(sfn_buf_str(&b), "a%20b%2Fc%3A~%C3%A9");
	sfn_buf_reset(&b);
	CHECK(sfn_sigv4_uri_encode(&b, "/x y/", 5, 1) == SFN_OK);
	CHECK_STR(sfn_buf_str(&b), "/x%20y/");
	sfn_buf_free(&b);
}

/* Signs an empty POST at TIME with signer S; returns the status. */
static enum sfn_status sign_at(struct sfn_sigv4_signer *s, int64_t time,
                               const struct sfn_sigv4_credentials *c)
{
	struct sfn_sigv4_header h = { "Host", "example.amazonaws.com" };
	struct sfn_sigv4_request req = { "POST", "/", NULL, &h, 1, "{}", 2 };
	struct sfn_sigv4_params p = params(time);
	struct sfn_sigv4_result r;
	enum sfn_status st = sfn_sigv4_sign_headers(s, c, &p, &req, &r);

	sfn_sigv4_result_free(&r);
	return st;
}

static void key_cache(struct test_state *t)
{
	static const unsigned char zero[32];
	struct sfn_sigv4_credentials other = { "AKIDOTHER", "other", NULL };
	struct sfn_sigv4_signer s;
	int64_t day = 1440938160;

	sfn_sigv4_signer_init(&s);
	CHECK(sign_at(&s, day, &creds) == SFN_OK);
	CHECK(sign_at(&s, day + 60, &creds) == SFN_OK);
	CHECK_INT(s.derivations, 1); /* same day: the cached key */
	CHECK(sign_at(&s, day + DAY, &creds) == SFN_OK);
	CHECK_INT(s.derivations, 2); /* the next day: a new one */
	CHECK(sign_at(&s, day + DAY, &other) == SFN_OK);
	CHECK_INT(s.derivations, 3); /* other credentials */
	CHECK(s.have_key);
	sfn_sigv4_signer_wipe(&s);
	CHECK(!s.have_key);
	CHECK(memcmp(s.key, zero, sizeof(zero)) == 0);
}

static int holds(const char *text, const char *secret)
{
	return text != NULL && strstr(text, secret) != NULL;
}

static void secret_never_shown(struct test_state *t)
{
	struct sfn_sigv4_credentials c = { "AKIDEXAMPLE", SECRET, "TOKEN" };
	struct sfn_sigv4_header h = { "Host", "example.amazonaws.com" };
	struct sfn_sigv4_request req = { "POST", "/", "a=b", &h, 1, "", 0 };
	struct sfn_sigv4_params p = params(1440938160);
	struct sfn_sigv4_signer s;
	struct sfn_sigv4_result r;

	sfn_sigv4_signer_init(&s);
	CHECK(sfn_sigv4_sign_headers(&s, &c, &p, &req, &r) == SFN_OK);
	CHECK(!holds(r.canonical.data, SECRET));
	CHECK(!holds(r.string_to_sign.data, SECRET));
	CHECK(!holds(r.authorization.data, SECRET));
	for (size_t i = 0; i < r.added_count; i++)
		CHECK(!holds(r.added[i].value, SECRET));
	CHECK_INT(r.added_count, 3); /* token, date, authorization */
	sfn_sigv4_result_free(&r);
	CHECK(sfn_sigv4_sign_query(&s, &c, &p, &req, &r) == SFN_OK);
	CHECK(!holds(r.query.data, SECRET));
	CHECK(holds(r.query.data, "X-Amz-Security-Token=TOKEN"));
	sfn_sigv4_result_free(&r);
	sfn_sigv4_signer_wipe(&s);
}

/* Signs a request with N headers besides Host. */
static enum sfn_status sign_headers(size_t n)
{
	struct sfn_sigv4_header *hs = calloc(n + 1, sizeof(*hs));
	char(*names)[16] = calloc(n + 1, sizeof(*names));
	struct sfn_sigv4_request req = { "GET", "/", NULL, hs, n + 1, "", 0 };
	struct sfn_sigv4_params p = params(1440938160);
	struct sfn_sigv4_signer s;
	struct sfn_sigv4_result r;
	enum sfn_status st;

	if (hs == NULL || names == NULL) {
		free(hs);
		free(names);
		return SFN_ERR_NOMEM;
	}
	hs[0] = (struct sfn_sigv4_header){ "Host", "h" };
	for (size_t i = 0; i < n; i++) {
		snprintf(names[i], sizeof(names[i]), "x-h%zu", i);
		hs[i + 1] = (struct sfn_sigv4_header){ names[i], "v" };
	}
	sfn_sigv4_signer_init(&s);
	st = sfn_sigv4_sign_headers(&s, &creds, &p, &req, &r);
	sfn_sigv4_result_free(&r);
	sfn_sigv4_signer_wipe(&s);
	free(hs);
	free(names);
	return st;
}

static void header_limit(struct test_state *t)
{
	/* Host and X-Amz-Date take two of the places */
	CHECK(sign_headers(SFN_SIGV4_MAX_HEADERS - 2) == SFN_OK);
	CHECK(sign_headers(SFN_SIGV4_MAX_HEADERS - 1) == SFN_ERR_LIMIT);
}

/* Signs a request whose query has N parameters, or whose path has
 * PATH_LEN bytes. */
static enum sfn_status sign_sized(size_t n, size_t path_len)
{
	struct sfn_buf q, path;
	struct sfn_sigv4_header h = { "Host", "h" };
	struct sfn_sigv4_request req = { "GET", NULL, NULL, &h, 1, "", 0 };
	struct sfn_sigv4_params p = params(1440938160);
	struct sfn_sigv4_signer s;
	struct sfn_sigv4_result r;
	enum sfn_status st;

	sfn_buf_init(&q, 1 << 20);
	sfn_buf_init(&path, 1 << 20);
	for (size_t i = 0; i < n; i++)
		sfn_buf_printf(&q, "%sp%zu=v", i ? "&" : "", i);
	sfn_buf_addc(&path, '/');
	for (size_t i = 1; i < path_len; i++)
		sfn_buf_addc(&path, 'a');
	req.query = sfn_buf_str(&q);
	req.path = sfn_buf_str(&path);
	sfn_sigv4_signer_init(&s);
	st = sfn_sigv4_sign_headers(&s, &creds, &p, &req, &r);
	sfn_sigv4_result_free(&r);
	sfn_sigv4_signer_wipe(&s);
	sfn_buf_free(&q);
	sfn_buf_free(&path);
	return st;
}

static void param_limit(struct test_state *t)
{
	CHECK(sign_sized(SFN_SIGV4_MAX_PARAMS, 1) == SFN_OK);
	CHECK(sign_sized(SFN_SIGV4_MAX_PARAMS + 1, 1) == SFN_ERR_LIMIT);
}

static void text_limit(struct test_state *t)
{
	/* the canonical request of path "/": its length without the path */
	struct sfn_sigv4_header h = { "Host", "h" };
	struct sfn_sigv4_request req = { "GET", "/", NULL, &h, 1, "", 0 };
	struct sfn_sigv4_params p = params(1440938160);
	struct sfn_sigv4_signer s;
	struct sfn_sigv4_result r;
	size_t rest;

	sfn_sigv4_signer_init(&s);
	CHECK(sfn_sigv4_sign_headers(&s, &creds, &p, &req, &r) == SFN_OK);
	rest = r.canonical.len - 1;
	sfn_sigv4_result_free(&r);
	sfn_sigv4_signer_wipe(&s);
	CHECK(sign_sized(0, SFN_SIGV4_MAX_TEXT - rest) == SFN_OK);
	CHECK(sign_sized(0, SFN_SIGV4_MAX_TEXT - rest + 1) == SFN_ERR_LIMIT);
}

static void bad_requests(struct test_state *t)
{
	struct sfn_sigv4_credentials none = { NULL, NULL, NULL };
	struct sfn_sigv4_signer s;

	sfn_sigv4_signer_init(&s);
	CHECK(sign_at(&s, 1440938160, &none) == SFN_ERR_USAGE);
	CHECK(!s.have_key);
}

const struct test sfn_tests_sigv4[] = {
	{ "path_encoded_again", path_encoded_again },
	{ "uri_encode", uri_encode },
	{ "key_cache", key_cache },
	{ "secret_never_shown", secret_never_shown },
	{ "header_limit", header_limit },
	{ "param_limit", param_limit },
	{ "text_limit", text_limit },
	{ "bad_requests", bad_requests },
	{ NULL, NULL },
};
