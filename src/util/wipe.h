/* Wiping secrets (keys, tokens, signatures) from memory before it is
 * freed or reused, without libcrypto (util/crypto_api.h: most commands
 * never load it, yet free credentials they read). */
#ifndef SFN_UTIL_WIPE_H
#define SFN_UTIL_WIPE_H

#include <stddef.h>

/* Zeroes the N bytes at P; the compiler may not drop it as a dead store. */
void Sfn_wipe(void *p, size_t n);

#endif
