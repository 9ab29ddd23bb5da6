/* AWS Signature Version 4 over OpenSSL: the canonical request, the string
 * to sign, the signing key and the signature, for the Authorization header
 * or a presigned query string. Knows nothing of HTTP transports, of where
 * credentials come from, or of any one service.
 *
 * Secrets: the secret access key is only read; the derived signing key
 * lives in a struct sfn_sigv4_signer, is derived once per
 * date/region/service/access key and wiped (Sfn_wipe) when it is
 * replaced and by sfn_sigv4_signer_wipe. Nothing here makes diagnostics. */
#ifndef SFN_SIGV4_H
#define SFN_SIGV4_H

#include <stddef.h>
#include <stdint.h>

#include "sfn/util.h"

#define SFN_SIGV4_MAX_HEADERS 64          /* headers of one request */
#define SFN_SIGV4_MAX_PARAMS  128         /* query parameters */
#define SFN_SIGV4_MAX_TEXT    (64 * 1024) /* canonical request, query, path */

/* Borrowed for the time of a call. SESSION_TOKEN may be NULL. */
struct sfn_sigv4_credentials {
	const char *access_key_id;
	const char *secret_access_key;
	const char *session_token;
};

struct sfn_sigv4_header {
	const char *name;  /* as sent: "Host", "Content-Type", ... */
	const char *value; /* as sent; folded lines and runs of blanks are
	                      collapsed for signing */
};

/* The request as it goes on the wire. */
struct sfn_sigv4_request {
	const char *method;
	const char *path;  /* as sent, already URI-encoded once: the model ID
	                      "a:b" travels as "a%3Ab" */
	const char *query; /* after '?', as sent; NULL or "" when none */
	const struct sfn_sigv4_header *headers; /* Host included */
	size_t header_count;
	const void *body;
	size_t body_len;
};

struct sfn_sigv4_params {
	const char *region;
	const char *service; /* the signing name: "bedrock", "sts", ... */
	int64_t time;        /* seconds since the epoch, UTC */
	/* 1 for every service but S3: remove "." and ".." segments and
	 * repeated slashes, then encode the path again (SigV4 encodes the
	 * already-encoded path of services other than S3). */
	int normalize;
	int sign_body;          /* add and sign x-amz-content-sha256 */
	int omit_session_token; /* add the token after signing (unsigned) */
	long expires;           /* query signing: X-Amz-Expires seconds */
};

/* The signing key cache. Zero it with sfn_sigv4_signer_init. */
struct sfn_sigv4_signer {
	unsigned char key[32]; /* kSigning, valid when have_key */
	unsigned char id[32];  /* SHA-256 of what the key was derived for:
	                          date, region, service, key ID and secret */
	int have_key;
	unsigned long derivations; /* how often a key was derived (tests) */
};

void sfn_sigv4_signer_init(struct sfn_sigv4_signer *signer);
/* Wipes the cached key; the signer may be used again. */
void sfn_sigv4_signer_wipe(struct sfn_sigv4_signer *signer);

/* Up to four headers the caller adds to the request, in this order:
 * X-Amz-Security-Token, X-Amz-Date, x-amz-content-sha256, Authorization. */
#define SFN_SIGV4_ADDED_MAX 4

/* What signing made. Every stage is kept so tests compare each one. The
 * authorization value and the query hold the signature: callers never
 * print them. Free with sfn_sigv4_result_free (which wipes them). */
struct sfn_sigv4_result {
	struct sfn_buf canonical;      /* the canonical request */
	struct sfn_buf string_to_sign; /* AWS4-HMAC-SHA256\n... */
	char signature[65];            /* lowercase hex */
	char amz_date[17];             /* 20150830T123600Z */
	char payload_hash[65];         /* SHA-256 of the body, hex */
	struct sfn_buf authorization;  /* header signing: the header value */
	struct sfn_buf query;          /* query signing: the query to send, the
	                                  request's own parameters first */
	struct sfn_sigv4_header added[SFN_SIGV4_ADDED_MAX]; /* header
	                         signing: headers to add; values point here */
	size_t added_count;
};

/* Signs REQ for the Authorization header. SFN_ERR_LIMIT past a limit
 * above, SFN_ERR_USAGE on a request that cannot be signed (no method, a
 * time gmtime cannot convert), SFN_ERR_IO when libcrypto (opened at the
 * first signature) cannot be loaded, SFN_ERR_NOMEM. RESULT is always
 * initialised; free it even on failure. */
enum sfn_status sfn_sigv4_sign_headers(struct sfn_sigv4_signer *signer,
                                       const struct sfn_sigv4_credentials *c,
                                       const struct sfn_sigv4_params *p,
                                       const struct sfn_sigv4_request *req,
                                       struct sfn_sigv4_result *result);
/* Signs REQ as a presigned URL: RESULT->query is the query to send. */
enum sfn_status sfn_sigv4_sign_query(struct sfn_sigv4_signer *signer,
                                     const struct sfn_sigv4_credentials *c,
                                     const struct sfn_sigv4_params *p,
                                     const struct sfn_sigv4_request *req,
                                     struct sfn_sigv4_result *result);
void sfn_sigv4_result_free(struct sfn_sigv4_result *result);

/* Appends S to OUT with every byte but A-Z a-z 0-9 - . _ ~ encoded as
 * %XX (uppercase hex); '/' too unless KEEP_SLASH. */
enum sfn_status sfn_sigv4_uri_encode(struct sfn_buf *out, const char *s,
                                     size_t n, int keep_slash);

#endif
