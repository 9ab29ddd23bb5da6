/* MD5 (RFC 1321) over bytes in memory, for names that must match another
 * tool's hashing (CDK's logical IDs): no library to start up for a few
 * short strings. Not for anything secret. */
#ifndef SFN_UTIL_MD5_H
#define SFN_UTIL_MD5_H

#include <stddef.h>
#include <stdint.h>

#define SFN_MD5_LEN 16 /* bytes of a digest */

struct sfn_md5 {
	uint32_t h[4];
	uint64_t total;        /* bytes seen */
	unsigned char blk[64]; /* the block being filled */
	size_t used;           /* bytes of BLK filled */
};

void Sfn_md5_init(struct sfn_md5 *m);
void Sfn_md5_update(struct sfn_md5 *m, const void *data, size_t n);
void Sfn_md5_final(struct sfn_md5 *m, unsigned char out[SFN_MD5_LEN]);

#endif
