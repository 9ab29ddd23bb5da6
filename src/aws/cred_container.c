/* Container credentials (ECS, EKS Pod Identity): a GET of
 * AWS_CONTAINER_CREDENTIALS_RELATIVE_URI on 169.254.170.2 or of
 * AWS_CONTAINER_CREDENTIALS_FULL_URI (HTTPS, or HTTP to a loopback or
 * container host), with the authorization token from the environment or
 * its file. A blocking libcurl easy call, made before the event loop
 * runs; knows nothing of signing. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "aws/aws_int.h"
#include "aws/curl_api.h"
#include "sfn/util.h"
#include "util/wipe.h"

#define ECS_HOST       "http://169.254.170.2"
#define TOKEN_FILE_MAX 16384 /* the authorization token's file */

static const char *env(const struct sfn_aws_options *opt, const char *name)
{
	const char *v = sfn_aws_getenv(opt, name);

	return v != NULL && v[0] != '\0' ? v : NULL;
}

int Sfn_Aws_container_configured(const struct sfn_aws_options *opt)
{
	return env(opt, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") != NULL ||
	       env(opt, "AWS_CONTAINER_CREDENTIALS_FULL_URI") != NULL;
}

/* Hosts a FULL_URI may reach over plain HTTP, as the AWS CLI allows. */
static int allowed_http_host(const char *host)
{
	static const char *const hosts[] = { "localhost",      "::1",
		                             "[::1]",          "169.254.170.2",
		                             "169.254.170.23", "fd00:ec2::23",
		                             "[fd00:ec2::23]", NULL };

	if (strncmp(host, "127.", 4) == 0)
		return 1;
	for (size_t i = 0; hosts[i] != NULL; i++)
		if (strcmp(host, hosts[i]) == 0)
			return 1;
	return 0;
}

static int allowed_full_uri(const char *uri)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL;
	int ok = u != NULL && curl_url_set(u, CURLUPART_URL, uri, 0) == 0 &&
	         curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == 0 &&
	         curl_url_get(u, CURLUPART_HOST, &host, 0) == 0 &&
	         (strcmp(scheme, "https") == 0 ||
	          (strcmp(scheme, "http") == 0 && allowed_http_host(host)));

	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return ok;
}

/* The URL to GET, malloc'd; NULL with ERR set when it is not allowed. */
static char *container_url(const struct sfn_aws_options *opt,
                           struct sfn_error *err)
{
	const char *rel = env(opt, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
	const char *full = env(opt, "AWS_CONTAINER_CREDENTIALS_FULL_URI");
	struct sfn_buf b;

	sfn_buf_init(&b, SFN_AWS_VALUE_MAX);
	if (rel != NULL) {
		sfn_buf_printf(&b, ECS_HOST "%s%s", rel[0] == '/' ? "" : "/",
		               rel);
	} else if (allowed_full_uri(full)) {
		sfn_buf_adds(&b, full);
	} else {
		sfn_error_set(err, "AWS.CredentialsError",
		              "AWS_CONTAINER_CREDENTIALS_FULL_URI must use "
		              "HTTPS, or HTTP to a loopback or container host");
		return NULL;
	}
	return sfn_buf_take(&b);
}

/* "Authorization: TOKEN" from the token file or variable; NULL when
 * neither is set (*ST SFN_OK) or on failure. */
static char *auth_header(const struct sfn_aws_options *opt, enum sfn_status *st,
                         struct sfn_error *err)
{
	const char *file = env(opt, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
	const char *token = env(opt, "AWS_CONTAINER_AUTHORIZATION_TOKEN");
	char *text = NULL;
	size_t len = 0;
	struct sfn_buf b;

	*st = SFN_OK;
	if (file != NULL) {
		*st = sfn_read_file(file, TOKEN_FILE_MAX, &text, &len);
		if (*st != SFN_OK) {
			*st = sfn_error_set(err, "AWS.CredentialsError",
			                    "%s: cannot read the authorization "
			                    "token",
			                    file);
			return NULL;
		}
		while (len > 0 &&
		       (text[len - 1] == '\n' || text[len - 1] == '\r'))
			text[--len] = '\0';
		token = text;
	}
	if (token == NULL)
		return NULL;
	sfn_buf_init(&b, TOKEN_FILE_MAX + 32);
	sfn_buf_printf(&b, "Authorization: %s", token);
	if (text != NULL)
		Sfn_wipe(text, len);
	free(text);
	if (b.status != SFN_OK)
		*st = b.status;
	return sfn_buf_take(&b);
}

static size_t on_data(char *data, size_t size, size_t n, void *ctx)
{
	struct sfn_buf *body = ctx;

	return sfn_buf_add(body, data, size * n) == SFN_OK ? size * n : 0;
}

/* The GET itself; *CODE is the HTTP status. */
static CURLcode get(const char *url, struct curl_slist *headers,
                    int64_t timeout, struct sfn_buf *body, long *code)
{
	CURL *easy = curl_easy_init();
	CURLcode rc = CURLE_OUT_OF_MEMORY;

	*code = 0;
	if (easy == NULL)
		return rc;
	curl_easy_setopt(easy, CURLOPT_URL, url);
	curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, (long) timeout);
	curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(easy, CURLOPT_WRITEDATA, body);
	rc = curl_easy_perform(easy);
	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, code);
	curl_easy_cleanup(easy);
	return rc;
}

static enum sfn_status fetch(const struct sfn_aws_options *opt, const char *url,
                             const char *auth, struct sfn_aws_credentials *out,
                             struct sfn_error *err)
{
	int64_t timeout = opt->container_timeout_ms > 0
	                          ? opt->container_timeout_ms
	                          : SFN_AWS_CONTAINER_TIMEOUT_MS;
	struct curl_slist *headers = NULL;
	struct sfn_buf body;
	enum sfn_status st = SFN_OK;
	CURLcode rc;
	long code;

	sfn_buf_init(&body, SFN_AWS_CONTAINER_MAX_BYTES);
	if (auth != NULL && (headers = curl_slist_append(NULL, auth)) == NULL)
		return SFN_ERR_NOMEM;
	rc = get(url, headers, timeout, &body, &code);
	if (rc == CURLE_WRITE_ERROR && body.status == SFN_ERR_LIMIT)
		st = sfn_error_set(
		        err, "AWS.CredentialsError",
		        "container credentials: the answer is larger "
		        "than %d bytes",
		        SFN_AWS_CONTAINER_MAX_BYTES);
	else if (rc != CURLE_OK)
		st = sfn_error_set(err, "AWS.CredentialsError",
		                   "container credentials from %s: %s", url,
		                   curl_easy_strerror(rc));
	else if (code != 200)
		st = sfn_error_set(err, "AWS.CredentialsError",
		                   "container credentials from %s: HTTP %ld",
		                   url, code);
	else
		st = Sfn_Aws_credentials_from_json(
		        sfn_buf_str(&body), 0, "Token", "container credentials",
		        out, err);
	for (struct curl_slist *h = headers; h != NULL; h = h->next)
		Sfn_wipe(h->data, strlen(h->data)); /* the token */
	curl_slist_free_all(headers);
	if (body.data != NULL)
		Sfn_wipe(body.data, body.cap);
	sfn_buf_free(&body);
	return st;
}

enum sfn_status Sfn_Aws_container_credentials(const struct sfn_aws_options *opt,
                                              struct sfn_aws_credentials *out,
                                              struct sfn_error *err)
{
	enum sfn_status st = SFN_OK;
	const char *why;
	char *url, *auth;

	if (Sfn_curl_load(&why) != SFN_OK)
		return sfn_error_set(err, "AWS.CredentialsError",
		                     "container credentials: %s", why);
	url = container_url(opt, err);
	auth = url ? auth_header(opt, &st, err) : NULL;
	if (url == NULL)
		st = err->name != NULL ? SFN_ERR_FAILED : SFN_ERR_NOMEM;
	else if (st == SFN_OK)
		st = fetch(opt, url, auth, out, err);
	if (auth != NULL)
		Sfn_wipe(auth, strlen(auth));
	free(auth);
	free(url);
	return st;
}
