/* Random bytes from the kernel (getrandom), for States.UUID,
 * States.MathRandom, $uuid and $random alike: libcrypto's RAND_bytes draws
 * on the same source and would be loaded for it (util/crypto_api.h). */
#ifndef SFN_UTIL_RANDOM_H
#define SFN_UTIL_RANDOM_H

#include <stddef.h>

/* Fills the N bytes at BUF; 1 on success, 0 when the kernel would not. */
int Sfn_random_bytes(void *buf, size_t n);

#endif
