/* MD5 over bytes in memory, for names that must match another tool's
 * hashing (CDK's logical IDs). Not for anything secret.
 *
 * Our own RFC 1321 code rather than OpenSSL's: compiling a stack needs
 * nothing else of libcrypto, so that it is not loaded at all (binding
 * its symbols costs about 2.5 million instructions, most of the
 * tutorial's compile; EVP's first digest another 6 million, loading the
 * configuration and fetching a provider). tests/unit checks the RFC's
 * vectors and each block boundary. */
#ifndef SFN_UTIL_MD5_H
#define SFN_UTIL_MD5_H

#include <stddef.h>
#include <stdint.h>

#include "sfn/status.h"

#define SFN_MD5_LEN 16 /* bytes of a digest */

struct sfn_md5 {
	uint32_t h[4];           /* the state: A, B, C, D */
	uint64_t len;            /* bytes hashed so far */
	unsigned char block[64]; /* the part of a block not hashed yet */
};

void Sfn_md5_init(struct sfn_md5 *m);
void Sfn_md5_update(struct sfn_md5 *m, const void *data, size_t n);
/* Writes the digest; always SFN_OK (the status is kept for callers that
 * may hash another way). */
enum sfn_status Sfn_md5_final(struct sfn_md5 *m,
                              unsigned char out[SFN_MD5_LEN]);

#endif
