/* What the intrinsic functions and JSONata's Step Functions dialect share
 * about hashes and identifiers: a digest by the name both use, and the
 * text of a version 4 UUID. Knows nothing of either caller. */
#ifndef SFN_UTIL_DIGEST_H
#define SFN_UTIL_DIGEST_H

#include <stddef.h>

#include "sfn/status.h"

#define SFN_DIGEST_MAX 64 /* bytes of the longest digest (SHA-512) */

/* Whether NAME is MD5, SHA-1, SHA-256, SHA-384 or SHA-512. Loads
 * nothing: lint asks it of every States.Hash. */
int Sfn_digest_known(const char *name);

/* The digest named NAME of the N bytes at DATA into OUT, its length into
 * *LEN, through libcrypto (loaded at the first call). SFN_ERR_USAGE for
 * a name Sfn_digest_known refuses; SFN_ERR_IO when libcrypto cannot be
 * loaded, with *WHY naming it and its package; SFN_ERR_FAILED when
 * OpenSSL fails. */
enum sfn_status Sfn_digest(const char *name, const void *data, size_t n,
                           unsigned char out[SFN_DIGEST_MAX], unsigned *len,
                           const char **why);

/* B (16 random bytes) made a version 4, variant 1 UUID, written as
 * 8-4-4-4-12 lowercase hex digits into TEXT. */
void Sfn_uuid4_text(unsigned char b[16], char text[37]);

#endif
