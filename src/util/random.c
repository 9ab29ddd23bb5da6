/* Random bytes through getrandom(2), retried after a signal and for a
 * short read. Knows nothing of what they are for. */
#include "config.h"

#include <errno.h>
#include <sys/random.h>

#include "util/random.h"

int Sfn_random_bytes(void *buf, size_t n)
{
	unsigned char *p = buf;

	while (n > 0) {
		ssize_t got = getrandom(p, n, 0);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return 0;
		p += got;
		n -= (size_t) got;
	}
	return 1;
}
