/* MD5 over bytes in memory, for names that must match another tool's
 * hashing (CDK's logical IDs). Not for anything secret.
 *
 * OpenSSL's MD5_* functions, not EVP: EVP's first digest loads the
 * OpenSSL configuration and fetches a provider, about 6 million
 * instructions, twice a whole compile of the tutorial's stack; MD5_*
 * hash at once. They are deprecated since OpenSSL 3.0 but kept; md5.c is
 * the one place that calls them. */
#ifndef SFN_UTIL_MD5_H
#define SFN_UTIL_MD5_H

#include <stddef.h>

#include <openssl/md5.h>

#include "sfn/status.h"

#define SFN_MD5_LEN 16 /* bytes of a digest */

struct sfn_md5 {
	MD5_CTX ctx;
	int ok; /* every call so far succeeded */
};

void Sfn_md5_init(struct sfn_md5 *m);
void Sfn_md5_update(struct sfn_md5 *m, const void *data, size_t n);
/* Writes the digest; SFN_ERR_FAILED when a call on M failed. */
enum sfn_status Sfn_md5_final(struct sfn_md5 *m,
                              unsigned char out[SFN_MD5_LEN]);

#endif
