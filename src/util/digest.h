/* What the intrinsic functions and JSONata's Step Functions dialect share
 * about hashes and identifiers: a digest by the name both use, and the
 * text of a version 4 UUID. Knows nothing of either caller. */
#ifndef SFN_UTIL_DIGEST_H
#define SFN_UTIL_DIGEST_H

#include <openssl/evp.h>

/* The digest named MD5, SHA-1, SHA-256, SHA-384 or SHA-512; NULL for any
 * other name. */
const EVP_MD *Sfn_digest_named(const char *name);

/* B (16 random bytes) made a version 4, variant 1 UUID, written as
 * 8-4-4-4-12 lowercase hex digits into TEXT. */
void Sfn_uuid4_text(unsigned char b[16], char text[37]);

#endif
