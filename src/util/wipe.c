/* Zeroing that survives optimisation, as OPENSSL_cleanse does it: memset
 * called through a volatile pointer, which the compiler cannot see
 * through. Knows nothing of what the bytes held. */
#include "config.h"

#include <string.h>

#include "util/wipe.h"

static void *(*const volatile zero)(void *, int, size_t) = memset;

void Sfn_wipe(void *p, size_t n)
{
	zero(p, 0, n);
}
