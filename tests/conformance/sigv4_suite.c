/* The SigV4 signing suite (aws-c-auth's v4 cases) over sfn_sigv4: each
 * case signed for the Authorization header and as a presigned query, and
 * every stage (canonical request, string to sign, signature, signed
 * request) compared byte for byte with the suite's file. Reads
 * $SFN_SHARED/conformance/sigv4/v4; see suite.h for a missing root. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "sfn/sigv4.h"
#include "suite.h"

#define FILE_MAX (256 * 1024)

/* One case's request.txt, cut up. */
struct raw_request {
	char *text; /* the file, cut in place */
	char *method;
	char *path;
	char *query; /* NULL when the URI has no '?' */
	char *version;
	struct sfn_buf header_lines; /* the header lines as written */
	struct sfn_sigv4_header headers[SFN_SIGV4_MAX_HEADERS];
	struct sfn_buf values[SFN_SIGV4_MAX_HEADERS]; /* folded lines kept */
	size_t header_count;
	const char *body;
	size_t body_len;
};

/* One case's context.json. */
struct context {
	cJSON *json; /* owns the strings below */
	struct sfn_sigv4_credentials creds;
	struct sfn_sigv4_params params;
};

static char *read_text(const char *dir, const char *name, size_t *len)
{
	char path[8192 + 256];
	char *text = NULL;
	size_t n = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (sfn_read_file(path, FILE_MAX, &text, &n) != SFN_OK)
		return NULL;
	if (len != NULL)
		*len = n;
	return text;
}

/* "METHOD URI VERSION": the URI may hold spaces. */
static int parse_request_line(struct raw_request *r, char *line)
{
	char *sp1 = strchr(line, ' '), *sp2 = strrchr(line, ' ');
	char *q;

	if (sp1 == NULL || sp2 == sp1)
		return 0;
	*sp1 = *sp2 = '\0';
	r->method = line;
	r->path = sp1 + 1;
	r->version = sp2 + 1;
	q = strchr(r->path, '?');
	if (q != NULL) {
		*q = '\0';
		r->query = q + 1;
	}
	return 1;
}

/* A header line, or a folded continuation of the one before. */
static int parse_header_line(struct raw_request *r, const char *line)
{
	const char *colon = strchr(line, ':');
	struct sfn_buf *v;

	sfn_buf_printf(&r->header_lines, "%s\n", line);
	if ((line[0] == ' ' || line[0] == '\t') && r->header_count > 0) {
		v = &r->values[r->header_count - 1];
		sfn_buf_printf(v, "\n%s", line);
		/* the buffer may have moved: name, NUL, value */
		r->headers[r->header_count - 1].name = v->data;
		r->headers[r->header_count - 1].value =
		        v->data + strlen(v->data) + 1;
		return v->status == SFN_OK;
	}
	if (colon == NULL || r->header_count == SFN_SIGV4_MAX_HEADERS)
		return 0;
	v = &r->values[r->header_count];
	sfn_buf_init(v, FILE_MAX);
	sfn_buf_add(v, line, (size_t) (colon - line));
	sfn_buf_addc(v, '\0');
	sfn_buf_adds(v, colon + 1);
	r->headers[r->header_count].name = v->data;
	r->headers[r->header_count].value = v->data + (colon - line) + 1;
	r->header_count++;
	return v->status == SFN_OK;
}

static int parse_request(struct raw_request *r, char *text, size_t len)
{
	char *p = text, *nl;
	int ok = 1;

	memset(r, 0, sizeof(*r));
	r->text = text;
	sfn_buf_init(&r->header_lines, FILE_MAX);
	sfn_buf_adds(&r->header_lines, "");
	nl = strchr(p, '\n');
	if (nl == NULL)
		return 0;
	*nl = '\0';
	ok = parse_request_line(r, p);
	p = nl + 1;
	while (ok && *p != '\0' && *p != '\n') {
		nl = strchr(p, '\n');
		if (nl != NULL)
			*nl = '\0';
		ok = parse_header_line(r, p);
		p = nl ? nl + 1 : p + strlen(p);
	}
	if (*p == '\n')
		p++;
	r->body = p;
	r->body_len = len - (size_t) (p - text);
	return ok;
}

static void free_request(struct raw_request *r)
{
	for (size_t i = 0; i < r->header_count; i++)
		sfn_buf_free(&r->values[i]);
	sfn_buf_free(&r->header_lines);
	free(r->text);
}

static const char *str_at(const cJSON *obj, const char *a, const char *b)
{
	const cJSON *o = cJSON_GetObjectItemCaseSensitive(obj, a);

	if (b != NULL)
		o = cJSON_GetObjectItemCaseSensitive(o, b);
	return cJSON_IsString(o) ? o->valuestring : NULL;
}

static int flag(const cJSON *obj, const char *name)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, name));
}

/* "2015-08-30T12:36:00Z" as seconds since the epoch. */
static int parse_time(const char *s, int64_t *out)
{
	int y, mo, d, h, mi, sec;
	static const int before[] = { 0,   31,  59,  90,  120, 151,
		                      181, 212, 243, 273, 304, 334 };
	int64_t days;

	if (s == NULL ||
	    sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &sec) !=
	            6 ||
	    mo < 1 || mo > 12)
		return 0;
	days = (int64_t) (y - 1970) * 365 + (y - 1969) / 4 - (y - 1901) / 100 +
	       (y - 1601) / 400 + before[mo - 1] + d - 1;
	if (mo > 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		days++;
	*out = ((days * 24 + h) * 60 + mi) * 60 + sec;
	return 1;
}

static int parse_context(struct context *c, const char *text)
{
	const cJSON *exp;

	memset(c, 0, sizeof(*c));
	c->json = cJSON_Parse(text);
	if (c->json == NULL)
		return 0;
	c->creds.access_key_id =
	        str_at(c->json, "credentials", "access_key_id");
	c->creds.secret_access_key =
	        str_at(c->json, "credentials", "secret_access_key");
	c->creds.session_token = str_at(c->json, "credentials", "token");
	c->params.region = str_at(c->json, "region", NULL);
	c->params.service = str_at(c->json, "service", NULL);
	c->params.normalize = flag(c->json, "normalize");
	c->params.sign_body = flag(c->json, "sign_body");
	c->params.omit_session_token = flag(c->json, "omit_session_token");
	exp = cJSON_GetObjectItemCaseSensitive(c->json,
	                                       "expiration_in_seconds");
	c->params.expires = cJSON_IsNumber(exp) ? (long) exp->valuedouble : 0;
	return parse_time(str_at(c->json, "timestamp", NULL), &c->params.time);
}

/* Compares GOT with DIR/MODE-WHAT.txt; prints why not on a mismatch. */
static int same(const char *dir, const char *name, const char *mode,
                const char *what, const char *got, size_t got_len)
{
	char file[256];
	size_t len;
	char *want;
	int ok;

	snprintf(file, sizeof(file), "%s-%s.txt", mode, what);
	want = read_text(dir, file, &len);
	ok = want != NULL && len == got_len && memcmp(want, got, len) == 0;
	if (!ok)
		printf("FAIL conformance/sigv4/%s: %s differs:\n--- want\n%s\n"
		       "--- got\n%.*s\n",
		       name, file, want ? want : "(unreadable)", (int) got_len,
		       got);
	free(want);
	return ok;
}

/* The request as signing changes it, for the signed-request file. */
static void signed_request(struct sfn_buf *out, const struct raw_request *r,
                           const struct sfn_sigv4_result *res, int query)
{
	if (query)
		sfn_buf_printf(out, "%s %s?%s %s\n", r->method, r->path,
		               sfn_buf_str(&res->query), r->version);
	else
		sfn_buf_printf(out, "%s %s%s%s %s\n", r->method, r->path,
		               r->query ? "?" : "", r->query ? r->query : "",
		               r->version);
	sfn_buf_adds(out, sfn_buf_str(&r->header_lines));
	for (size_t i = 0; !query && i < res->added_count; i++)
		sfn_buf_printf(out, "%s:%s\n", res->added[i].name,
		               res->added[i].value);
	sfn_buf_addc(out, '\n');
	sfn_buf_add(out, r->body, r->body_len);
}

/* Signs one way (MODE "header" or "query") and checks the four files. */
static int check_mode(const char *dir, const char *name, const char *mode,
                      const struct context *c, const struct raw_request *r,
                      struct sfn_sigv4_signer *signer)
{
	struct sfn_sigv4_request req = { r->method,  r->path,         r->query,
		                         r->headers, r->header_count, r->body,
		                         r->body_len };
	struct sfn_sigv4_result res;
	struct sfn_buf out;
	int query = mode[0] == 'q';
	enum sfn_status st;
	int ok;

	st = query ? sfn_sigv4_sign_query(signer, &c->creds, &c->params, &req,
	                                  &res)
	           : sfn_sigv4_sign_headers(signer, &c->creds, &c->params, &req,
	                                    &res);
	sfn_buf_init(&out, FILE_MAX);
	signed_request(&out, r, &res, query);
	ok = st == SFN_OK;
	if (!ok)
		printf("FAIL conformance/sigv4/%s: %s signing: %s\n", name,
		       mode, sfn_status_str(st));
	ok = ok && same(dir, name, mode, "canonical-request",
	                res.canonical.data, res.canonical.len);
	ok = ok && same(dir, name, mode, "string-to-sign",
	                res.string_to_sign.data, res.string_to_sign.len);
	ok = ok && same(dir, name, mode, "signature", res.signature,
	                strlen(res.signature));
	ok = ok && same(dir, name, mode, "signed-request", out.data, out.len);
	sfn_buf_free(&out);
	sfn_sigv4_result_free(&res);
	return ok;
}

/* Runs case NAME in both modes; prints its line; 1 when it passed. */
static int run_case(const char *root, const char *name,
                    struct sfn_sigv4_signer *signer)
{
	char dir[8192];
	char *ctx_text, *req_text;
	size_t req_len = 0;
	struct context c = { 0 };
	struct raw_request r = { 0 };
	int ok;

	snprintf(dir, sizeof(dir), "%s/%s", root, name);
	ctx_text = read_text(dir, "context.json", NULL);
	req_text = read_text(dir, "request.txt", &req_len);
	ok = ctx_text && req_text && parse_context(&c, ctx_text) &&
	     parse_request(&r, req_text, req_len);
	if (!ok) {
		printf("FAIL conformance/sigv4/%s: unreadable case\n", name);
		free(req_text);
	} else {
		ok = check_mode(dir, name, "header", &c, &r, signer) &&
		     check_mode(dir, name, "query", &c, &r, signer);
	}
	if (ok)
		printf("ok conformance/sigv4/%s\n", name);
	if (r.text != NULL)
		free_request(&r);
	cJSON_Delete(c.json);
	free(ctx_text);
	return ok;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The case folders, sorted; NULL when there are none. */
static char **list_cases(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	struct dirent *e;

	*n = 0;
	while (d != NULL && (e = readdir(d)) != NULL) {
		char **grown;

		if (e->d_name[0] == '.')
			continue;
		grown = realloc(names, (*n + 1) * sizeof(*names));
		if (grown == NULL)
			break;
		names = grown;
		names[*n] = strdup(e->d_name);
		if (names[*n] == NULL)
			break;
		(*n)++;
	}
	if (d != NULL)
		closedir(d);
	if (names != NULL)
		qsort(names, *n, sizeof(*names), by_name);
	return names;
}

int main(void)
{
	struct sfn_sigv4_signer signer;
	char dir[4096];
	size_t n;
	char **names;
	int failed = 0;

	if (!suite_root_present())
		return suite_absent("conformance/sigv4", SUITE_SIGV4_CASES);
	snprintf(dir, sizeof(dir), "%s/conformance/sigv4/v4", suite_root());
	names = list_cases(dir, &n);
	if (!suite_count("conformance/sigv4", dir, n, SUITE_SIGV4_CASES))
		failed++;
	sfn_sigv4_signer_init(&signer);
	for (size_t i = 0; i < n; i++) {
		failed += !run_case(dir, names[i], &signer);
		free(names[i]);
	}
	free(names);
	/* Every case has the same date, region, service and keys: one key
	 * derived for all of them. */
	if (n > 0 && signer.derivations != 1) {
		printf("FAIL conformance/sigv4/key-cache: %lu keys derived\n",
		       signer.derivations);
		failed++;
	} else if (n > 0) {
		printf("ok conformance/sigv4/key-cache\n");
	}
	sfn_sigv4_signer_wipe(&signer);
	return failed ? 1 : 0;
}
