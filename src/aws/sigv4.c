/* SigV4 signing with OpenSSL's SHA-256 and HMAC (util/crypto_api.h): the
 * string to sign, the signing key (derived once per
 * date/region/service/credentials and wiped when replaced), the
 * signature, the Authorization header or presigned query. Knows nothing
 * of transports or of where credentials come from. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "aws/sigv4_int.h"
#include "util/crypto_api.h"
#include "util/wipe.h"

#define ALGORITHM "AWS4-HMAC-SHA256"

void sfn_sigv4_signer_init(struct sfn_sigv4_signer *signer)
{
	memset(signer, 0, sizeof(*signer));
}

void sfn_sigv4_signer_wipe(struct sfn_sigv4_signer *signer)
{
	Sfn_wipe(signer->key, sizeof(signer->key));
	Sfn_wipe(signer->id, sizeof(signer->id));
	signer->have_key = 0;
}

static void to_hex(char *out, const unsigned char *d, size_t n)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[2 * n] = '\0';
}

static int sha256(const void *data, size_t n, unsigned char out[32])
{
	return EVP_Digest(data, n, out, NULL, EVP_sha256(), NULL) == 1;
}

static int hmac(const unsigned char *key, size_t klen, const char *msg,
                size_t n, unsigned char out[32])
{
	unsigned int len = 32;

	return HMAC(EVP_sha256(), key, (int) klen, (const unsigned char *) msg,
	            n, out, &len) != NULL;
}

/* kSecret = "AWS4" + secret; kDate, kRegion, kService, kSigning. Every
 * intermediate key is wiped. */
static int derive(const char *secret, const char *date, const char *region,
                  const char *service, unsigned char out[32])
{
	unsigned char k[32];
	struct sfn_buf ksecret;
	int ok;

	sfn_buf_init(&ksecret, SFN_SIGV4_MAX_TEXT);
	sfn_buf_adds(&ksecret, "AWS4");
	sfn_buf_adds(&ksecret, secret);
	ok = ksecret.status == SFN_OK &&
	     hmac((unsigned char *) ksecret.data, ksecret.len, date,
	          strlen(date), k) &&
	     hmac(k, 32, region, strlen(region), k) &&
	     hmac(k, 32, service, strlen(service), k) &&
	     hmac(k, 32, "aws4_request", 12, out);
	if (ksecret.data != NULL)
		Sfn_wipe(ksecret.data, ksecret.cap);
	sfn_buf_free(&ksecret);
	Sfn_wipe(k, sizeof(k));
	return ok;
}

/* What a cached key was derived for, hashed so the secret is not kept. */
static int key_id(const struct sfn_sigv4_credentials *c, const char *date,
                  const struct sfn_sigv4_params *p, unsigned char id[32])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	const char *parts[] = { date, p->region, p->service, c->access_key_id,
		                c->secret_access_key };
	int ok = ctx != NULL && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);

	for (size_t i = 0; ok && i < sizeof(parts) / sizeof(*parts); i++)
		ok = EVP_DigestUpdate(ctx, parts[i], strlen(parts[i]) + 1);
	ok = ok && EVP_DigestFinal_ex(ctx, id, NULL);
	EVP_MD_CTX_free(ctx);
	return ok;
}

/* The cached signing key, derived again when what it is for changed. */
static int signing_key(struct sfn_sigv4_signer *s,
                       const struct sfn_sigv4_credentials *c, const char *date,
                       const struct sfn_sigv4_params *p)
{
	unsigned char id[32];
	int ok = key_id(c, date, p, id);

	if (ok && s->have_key && memcmp(id, s->id, sizeof(id)) == 0)
		return 1;
	sfn_sigv4_signer_wipe(s);
	if (ok &&
	    derive(c->secret_access_key, date, p->region, p->service, s->key)) {
		memcpy(s->id, id, sizeof(id));
		s->have_key = 1;
		s->derivations++;
	}
	Sfn_wipe(id, sizeof(id));
	return s->have_key;
}

static void result_init(struct sfn_sigv4_result *r)
{
	memset(r, 0, sizeof(*r));
	sfn_buf_init(&r->canonical, SFN_SIGV4_MAX_TEXT);
	sfn_buf_init(&r->string_to_sign, SFN_SIGV4_MAX_TEXT);
	sfn_buf_init(&r->authorization, SFN_SIGV4_MAX_TEXT);
	sfn_buf_init(&r->query, SFN_SIGV4_MAX_TEXT);
}

static void wipe_buf(struct sfn_buf *b)
{
	if (b->data != NULL)
		Sfn_wipe(b->data, b->cap);
	sfn_buf_free(b);
}

void sfn_sigv4_result_free(struct sfn_sigv4_result *r)
{
	sfn_buf_free(&r->canonical);
	sfn_buf_free(&r->string_to_sign);
	wipe_buf(&r->authorization);
	wipe_buf(&r->query);
	Sfn_wipe(r->signature, sizeof(r->signature));
	r->added_count = 0;
}

/* Fills the date, the scope's date and the payload hash; loads libcrypto
 * first (SFN_ERR_IO without it: sfnc loads it itself before signing, to
 * name the package). */
static enum sfn_status prepare(struct sfn_sigv4_result *r,
                               const struct sfn_sigv4_credentials *c,
                               const struct sfn_sigv4_params *p,
                               const struct sfn_sigv4_request *req)
{
	time_t t = (time_t) p->time;
	struct tm tm;
	unsigned char d[32];
	const char *why;

	if (Sfn_crypto_load(&why) != SFN_OK)
		return SFN_ERR_IO;
	if (req->method == NULL || c->access_key_id == NULL ||
	    c->secret_access_key == NULL || p->region == NULL ||
	    p->service == NULL || gmtime_r(&t, &tm) == NULL ||
	    strftime(r->amz_date, sizeof(r->amz_date), "%Y%m%dT%H%M%SZ", &tm) !=
	            16)
		return SFN_ERR_USAGE;
	if (!sha256(req->body ? req->body : "", req->body_len, d))
		return SFN_ERR_NOMEM;
	to_hex(r->payload_hash, d, sizeof(d));
	return SFN_OK;
}

/* Appends the scope "20150830/us-east-1/service/aws4_request". */
static void add_scope(struct sfn_buf *b, const struct sfn_sigv4_result *r,
                      const struct sfn_sigv4_params *p)
{
	sfn_buf_printf(b, "%.8s/%s/%s/aws4_request", r->amz_date, p->region,
	               p->service);
}

/* The string to sign and the signature, from the canonical request. */
static enum sfn_status sign(struct sfn_sigv4_signer *s,
                            const struct sfn_sigv4_credentials *c,
                            const struct sfn_sigv4_params *p,
                            struct sfn_sigv4_result *r)
{
	unsigned char d[32];
	char hex[65], date[9];

	if (r->canonical.status != SFN_OK)
		return r->canonical.status;
	if (!sha256(r->canonical.data, r->canonical.len, d))
		return SFN_ERR_NOMEM;
	to_hex(hex, d, sizeof(d));
	sfn_buf_printf(&r->string_to_sign, ALGORITHM "\n%s\n", r->amz_date);
	add_scope(&r->string_to_sign, r, p);
	sfn_buf_printf(&r->string_to_sign, "\n%s", hex);
	if (r->string_to_sign.status != SFN_OK)
		return r->string_to_sign.status;
	memcpy(date, r->amz_date, 8);
	date[8] = '\0';
	if (!signing_key(s, c, date, p) ||
	    !hmac(s->key, sizeof(s->key), r->string_to_sign.data,
	          r->string_to_sign.len, d))
		return SFN_ERR_NOMEM;
	to_hex(r->signature, d, sizeof(d));
	Sfn_wipe(d, sizeof(d));
	return SFN_OK;
}

/* METHOD\nPATH\nQUERY\n: the canonical request's first three lines. */
static enum sfn_status canon_start(struct sfn_sigv4_result *r,
                                   const struct sfn_sigv4_request *req,
                                   const struct sfn_sigv4_params *p,
                                   const struct sfn_sigv4_header *params,
                                   size_t n)
{
	enum sfn_status st;

	sfn_buf_printf(&r->canonical, "%s\n", req->method);
	st = Sfn_Sigv4_canon_path(&r->canonical, req->path, p->normalize);
	sfn_buf_addc(&r->canonical, '\n');
	if (st == SFN_OK)
		st = Sfn_Sigv4_canon_query(&r->canonical, req->query, params,
		                           n);
	sfn_buf_addc(&r->canonical, '\n');
	return st != SFN_OK ? st : r->canonical.status;
}

/* The headers block, signed list and payload hash that end it. */
static enum sfn_status canon_end(struct sfn_sigv4_result *r,
                                 const struct sfn_sigv4_request *req,
                                 const struct sfn_sigv4_header *extra, size_t n,
                                 struct sfn_buf *signed_headers)
{
	enum sfn_status st = Sfn_Sigv4_canon_headers(
	        &r->canonical, signed_headers, req, extra, n);

	if (st != SFN_OK)
		return st;
	sfn_buf_printf(&r->canonical, "\n%s\n%s", sfn_buf_str(signed_headers),
	               r->payload_hash);
	return r->canonical.status;
}

static void add_header(struct sfn_sigv4_result *r, const char *name,
                       const char *value)
{
	r->added[r->added_count].name = name;
	r->added[r->added_count].value = value;
	r->added_count++;
}

/* The headers header signing adds; the first N are signed. */
static size_t header_extras(struct sfn_sigv4_result *r,
                            const struct sfn_sigv4_credentials *c,
                            const struct sfn_sigv4_params *p,
                            struct sfn_sigv4_header *extra)
{
	size_t n = 0;

	if (c->session_token != NULL && !p->omit_session_token)
		extra[n++] = (struct sfn_sigv4_header){ "X-Amz-Security-Token",
			                                c->session_token };
	extra[n++] = (struct sfn_sigv4_header){ "X-Amz-Date", r->amz_date };
	if (p->sign_body)
		extra[n++] = (struct sfn_sigv4_header){ "x-amz-content-sha256",
			                                r->payload_hash };
	if (c->session_token != NULL)
		add_header(r, "X-Amz-Security-Token", c->session_token);
	add_header(r, "X-Amz-Date", r->amz_date);
	if (p->sign_body)
		add_header(r, "x-amz-content-sha256", r->payload_hash);
	return n;
}

enum sfn_status sfn_sigv4_sign_headers(struct sfn_sigv4_signer *signer,
                                       const struct sfn_sigv4_credentials *c,
                                       const struct sfn_sigv4_params *p,
                                       const struct sfn_sigv4_request *req,
                                       struct sfn_sigv4_result *r)
{
	struct sfn_sigv4_header extra[3];
	struct sfn_buf signed_headers;
	enum sfn_status st;
	size_t n;

	result_init(r);
	sfn_buf_init(&signed_headers, SFN_SIGV4_MAX_TEXT);
	st = prepare(r, c, p, req);
	if (st != SFN_OK)
		goto done;
	n = header_extras(r, c, p, extra);
	st = canon_start(r, req, p, NULL, 0);
	if (st == SFN_OK)
		st = canon_end(r, req, extra, n, &signed_headers);
	if (st == SFN_OK)
		st = sign(signer, c, p, r);
	if (st != SFN_OK)
		goto done;
	sfn_buf_printf(&r->authorization, ALGORITHM " Credential=%s/",
	               c->access_key_id);
	add_scope(&r->authorization, r, p);
	sfn_buf_printf(&r->authorization, ", SignedHeaders=%s, Signature=%s",
	               sfn_buf_str(&signed_headers), r->signature);
	st = r->authorization.status;
	if (st == SFN_OK)
		add_header(r, "Authorization", r->authorization.data);
done:
	sfn_buf_free(&signed_headers);
	return st;
}

/* The X-Amz-* parameters of query signing, in the order they are sent. */
struct query_params {
	struct sfn_buf credential;
	struct sfn_buf signed_headers;
	char expires[24];
	struct sfn_sigv4_header list[6];
	size_t n;
};

static enum sfn_status query_params(struct query_params *q,
                                    struct sfn_sigv4_result *r,
                                    const struct sfn_sigv4_credentials *c,
                                    const struct sfn_sigv4_params *p)
{
	sfn_buf_printf(&q->credential, "%s/", c->access_key_id);
	add_scope(&q->credential, r, p);
	snprintf(q->expires, sizeof(q->expires), "%ld", p->expires);
	q->list[q->n++] =
	        (struct sfn_sigv4_header){ "X-Amz-Algorithm", ALGORITHM };
	q->list[q->n++] =
	        (struct sfn_sigv4_header){ "X-Amz-Credential",
		                           sfn_buf_str(&q->credential) };
	q->list[q->n++] =
	        (struct sfn_sigv4_header){ "X-Amz-Date", r->amz_date };
	q->list[q->n++] =
	        (struct sfn_sigv4_header){ "X-Amz-SignedHeaders",
		                           sfn_buf_str(&q->signed_headers) };
	q->list[q->n++] =
	        (struct sfn_sigv4_header){ "X-Amz-Expires", q->expires };
	if (c->session_token != NULL)
		q->list[q->n++] =
		        (struct sfn_sigv4_header){ "X-Amz-Security-Token",
			                           c->session_token };
	return q->credential.status;
}

/* The query to send: the request's own, then ours in order, then the
 * signature. */
static enum sfn_status query_out(struct sfn_sigv4_result *r,
                                 const struct sfn_sigv4_request *req,
                                 const struct query_params *q)
{
	if (req->query != NULL && req->query[0] != '\0')
		sfn_buf_printf(&r->query, "%s&", req->query);
	for (size_t i = 0; i < q->n; i++) {
		sfn_buf_printf(&r->query, "%s=", q->list[i].name);
		sfn_sigv4_uri_encode(&r->query, q->list[i].value,
		                     strlen(q->list[i].value), 0);
		sfn_buf_addc(&r->query, '&');
	}
	sfn_buf_printf(&r->query, "X-Amz-Signature=%s", r->signature);
	return r->query.status;
}

enum sfn_status sfn_sigv4_sign_query(struct sfn_sigv4_signer *signer,
                                     const struct sfn_sigv4_credentials *c,
                                     const struct sfn_sigv4_params *p,
                                     const struct sfn_sigv4_request *req,
                                     struct sfn_sigv4_result *r)
{
	struct query_params q = { 0 };
	struct sfn_buf headers;
	enum sfn_status st;
	size_t signed_n;

	result_init(r);
	sfn_buf_init(&q.credential, SFN_SIGV4_MAX_TEXT);
	sfn_buf_init(&q.signed_headers, SFN_SIGV4_MAX_TEXT);
	sfn_buf_init(&headers, SFN_SIGV4_MAX_TEXT);
	st = prepare(r, c, p, req);
	if (st == SFN_OK) /* the signed list goes in the query: first */
		st = Sfn_Sigv4_canon_headers(&headers, &q.signed_headers, req,
		                             NULL, 0);
	if (st == SFN_OK)
		st = query_params(&q, r, c, p);
	signed_n = q.n;
	if (signed_n > 0 && c->session_token != NULL && p->omit_session_token)
		signed_n--; /* the token, last, is sent but not signed */
	if (st == SFN_OK)
		st = canon_start(r, req, p, q.list, signed_n);
	sfn_buf_printf(&r->canonical, "%s\n%s\n%s", sfn_buf_str(&headers),
	               sfn_buf_str(&q.signed_headers), r->payload_hash);
	if (st == SFN_OK)
		st = sign(signer, c, p, r);
	if (st == SFN_OK)
		st = query_out(r, req, &q);
	sfn_buf_free(&q.credential);
	sfn_buf_free(&q.signed_headers);
	sfn_buf_free(&headers);
	return st;
}
