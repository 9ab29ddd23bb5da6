/* SigV4 canonical forms: the URI path (dot segments and repeated slashes
 * removed, encoded again), the sorted and encoded query, the sorted
 * headers with folded and repeated blanks collapsed. Knows nothing of
 * keys, hashing or transports. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aws/sigv4_int.h"

static int unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

enum sfn_status sfn_sigv4_uri_encode(struct sfn_buf *out, const char *s,
                                     size_t n, int keep_slash)
{
	static const char hex[] = "0123456789ABCDEF";

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char) s[i];

		if (unreserved(c) || (keep_slash && c == '/')) {
			sfn_buf_addc(out, (char) c);
		} else {
			char esc[3] = { '%', hex[c >> 4], hex[c & 15] };

			sfn_buf_add(out, esc, sizeof(esc));
		}
	}
	return out->status;
}

/* ---- path --------------------------------------------------------------- */

/* Appends the segment S[0..N) unless it is empty or ".", drops the last
 * kept one for "..": the RFC 3986 dot-segment removal, with empty segments
 * (repeated slashes) dropped as SigV4 does. */
static void push_segment(struct sfn_buf *norm, const char *s, size_t n)
{
	if (n == 0 || (n == 1 && s[0] == '.'))
		return;
	if (n == 2 && s[0] == '.' && s[1] == '.') {
		while (norm->len > 0 && norm->data[norm->len - 1] != '/')
			norm->len--;
		if (norm->len > 0)
			norm->len--; /* the slash before it */
		if (norm->data != NULL)
			norm->data[norm->len] = '\0';
		return;
	}
	sfn_buf_addc(norm, '/');
	sfn_buf_add(norm, s, n);
}

static enum sfn_status normalize_path(struct sfn_buf *norm, const char *path)
{
	size_t len = strlen(path);
	const char *p = path;

	while (*p != '\0') {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t) (slash - p) : strlen(p);

		push_segment(norm, p, n);
		p += n;
		if (*p == '/')
			p++;
	}
	if (norm->len == 0 || (len > 0 && path[len - 1] == '/'))
		sfn_buf_addc(norm, '/');
	return norm->status;
}

enum sfn_status Sfn_Sigv4_canon_path(struct sfn_buf *out, const char *path,
                                     int normalize)
{
	struct sfn_buf norm;
	enum sfn_status st;

	if (path == NULL || path[0] == '\0')
		path = "/";
	if (!normalize)
		return sfn_sigv4_uri_encode(out, path, strlen(path), 1);
	sfn_buf_init(&norm, SFN_SIGV4_MAX_TEXT);
	st = normalize_path(&norm, path);
	if (st == SFN_OK)
		st = sfn_sigv4_uri_encode(out, norm.data, norm.len, 1);
	sfn_buf_free(&norm);
	return st;
}

/* ---- query -------------------------------------------------------------- */

struct param {
	char *key;   /* encoded */
	char *value; /* encoded */
};

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The canonical encoding of S[0..N): decoded (%XX) then encoded, so a
 * parameter sent encoded or not signs the same. */
static char *canon_component(const char *s, size_t n)
{
	struct sfn_buf dec, enc;

	sfn_buf_init(&dec, SFN_SIGV4_MAX_TEXT);
	sfn_buf_init(&enc, SFN_SIGV4_MAX_TEXT);
	sfn_buf_adds(&dec, ""); /* "" rather than NULL when empty */
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 &&
		    hexval(s[i + 2]) >= 0) {
			sfn_buf_addc(&dec, (char) (hexval(s[i + 1]) * 16 +
			                           hexval(s[i + 2])));
			i += 2;
		} else {
			sfn_buf_addc(&dec, s[i]);
		}
	}
	if (dec.status == SFN_OK)
		sfn_buf_adds(&enc, "");
	if (dec.status == SFN_OK)
		sfn_sigv4_uri_encode(&enc, dec.data, dec.len, 0);
	sfn_buf_free(&dec);
	if (dec.status != SFN_OK) {
		sfn_buf_free(&enc);
		return NULL;
	}
	return sfn_buf_take(&enc);
}

static int by_param(const void *a, const void *b)
{
	const struct param *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c != 0 ? c : strcmp(x->value, y->value);
}

static enum sfn_status add_param(struct param *ps, size_t *n, const char *k,
                                 size_t klen, const char *v, size_t vlen)
{
	if (*n == SFN_SIGV4_MAX_PARAMS)
		return SFN_ERR_LIMIT;
	ps[*n].key = canon_component(k, klen);
	ps[*n].value = canon_component(v, vlen);
	(*n)++;
	return ps[*n - 1].key && ps[*n - 1].value ? SFN_OK : SFN_ERR_NOMEM;
}

/* Splits QUERY at '&' and each piece at its first '='. */
static enum sfn_status split_query(struct param *ps, size_t *n,
                                   const char *query)
{
	const char *p = query;
	enum sfn_status st = SFN_OK;

	while (st == SFN_OK && p != NULL && *p != '\0') {
		const char *amp = strchr(p, '&');
		size_t len = amp ? (size_t) (amp - p) : strlen(p);
		const char *eq = memchr(p, '=', len);

		if (len > 0 && eq != NULL)
			st = add_param(ps, n, p, (size_t) (eq - p), eq + 1,
			               len - (size_t) (eq - p) - 1);
		else if (len > 0)
			st = add_param(ps, n, p, len, "", 0);
		p = amp ? amp + 1 : NULL;
	}
	return st;
}

enum sfn_status Sfn_Sigv4_canon_query(struct sfn_buf *out, const char *query,
                                      const struct sfn_sigv4_header *extra,
                                      size_t n)
{
	struct param *ps = calloc(SFN_SIGV4_MAX_PARAMS, sizeof(*ps));
	size_t count = 0;
	enum sfn_status st;

	if (ps == NULL)
		return SFN_ERR_NOMEM;
	st = split_query(ps, &count, query);
	for (size_t i = 0; st == SFN_OK && i < n; i++)
		st = add_param(ps, &count, extra[i].name, strlen(extra[i].name),
		               extra[i].value, strlen(extra[i].value));
	if (st == SFN_OK)
		qsort(ps, count, sizeof(*ps), by_param);
	for (size_t i = 0; st == SFN_OK && i < count; i++)
		sfn_buf_printf(out, "%s%s=%s", i ? "&" : "", ps[i].key,
		               ps[i].value);
	for (size_t i = 0; i < count; i++) {
		free(ps[i].key);
		free(ps[i].value);
	}
	free(ps);
	return st != SFN_OK ? st : out->status;
}

/* ---- headers ------------------------------------------------------------ */

struct hdr {
	char *name;  /* lowercase */
	char *value; /* trimmed, blanks collapsed */
	size_t order;
};

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* VALUE trimmed, each run of blanks (folded lines included) one space. */
static char *canon_value(const char *value)
{
	struct sfn_buf b;

	sfn_buf_init(&b, SFN_SIGV4_MAX_TEXT);
	sfn_buf_adds(&b, "");
	while (blank(*value))
		value++;
	for (const char *p = value; *p != '\0'; p++) {
		if (!blank(*p))
			sfn_buf_addc(&b, *p);
		else if (p[1] != '\0' && !blank(p[1]))
			sfn_buf_addc(&b, ' ');
	}
	if (b.len > 0 && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	return sfn_buf_take(&b);
}

static char *lower(const char *s)
{
	char *l = strdup(s);

	for (char *p = l; p != NULL && *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char) (*p - 'A' + 'a');
	return l;
}

static int by_header(const void *a, const void *b)
{
	const struct hdr *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static enum sfn_status add_header(struct hdr *hs, size_t *n,
                                  const struct sfn_sigv4_header *h)
{
	if (*n == SFN_SIGV4_MAX_HEADERS)
		return SFN_ERR_LIMIT;
	hs[*n].name = lower(h->name);
	hs[*n].value = canon_value(h->value);
	hs[*n].order = *n;
	(*n)++;
	return hs[*n - 1].name && hs[*n - 1].value ? SFN_OK : SFN_ERR_NOMEM;
}

/* Writes the sorted headers, values of one name joined by ','. */
static void write_headers(struct sfn_buf *out, struct sfn_buf *signed_headers,
                          const struct hdr *hs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int same = i > 0 && strcmp(hs[i].name, hs[i - 1].name) == 0;

		if (same) {
			sfn_buf_printf(out, ",%s", hs[i].value);
			continue;
		}
		if (i > 0) {
			sfn_buf_addc(out, '\n');
			sfn_buf_addc(signed_headers, ';');
		}
		sfn_buf_printf(out, "%s:%s", hs[i].name, hs[i].value);
		sfn_buf_adds(signed_headers, hs[i].name);
	}
	if (n > 0)
		sfn_buf_addc(out, '\n');
}

enum sfn_status Sfn_Sigv4_canon_headers(struct sfn_buf *out,
                                        struct sfn_buf *signed_headers,
                                        const struct sfn_sigv4_request *req,
                                        const struct sfn_sigv4_header *extra,
                                        size_t n)
{
	struct hdr *hs = calloc(SFN_SIGV4_MAX_HEADERS, sizeof(*hs));
	size_t count = 0;
	enum sfn_status st = SFN_OK;

	if (hs == NULL)
		return SFN_ERR_NOMEM;
	for (size_t i = 0; st == SFN_OK && i < req->header_count; i++)
		st = add_header(hs, &count, &req->headers[i]);
	for (size_t i = 0; st == SFN_OK && i < n; i++)
		st = add_header(hs, &count, &extra[i]);
	if (st == SFN_OK) {
		qsort(hs, count, sizeof(*hs), by_header);
		write_headers(out, signed_headers, hs, count);
		st = out->status != SFN_OK ? out->status
		                           : signed_headers->status;
	}
	for (size_t i = 0; i < count; i++) {
		free(hs[i].name);
		free(hs[i].value);
	}
	free(hs);
	return st;
}
