/* MD5 through OpenSSL's low-level functions (see md5.h for why not EVP).
 * Knows nothing of what is hashed. */
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include "config.h"

#include "util/md5.h"

void Sfn_md5_init(struct sfn_md5 *m)
{
	m->ok = MD5_Init(&m->ctx) == 1;
}

void Sfn_md5_update(struct sfn_md5 *m, const void *data, size_t n)
{
	if (m->ok)
		m->ok = MD5_Update(&m->ctx, data, n) == 1;
}

enum sfn_status Sfn_md5_final(struct sfn_md5 *m, unsigned char out[SFN_MD5_LEN])
{
	if (m->ok)
		m->ok = MD5_Final(out, &m->ctx) == 1;
	return m->ok ? SFN_OK : SFN_ERR_FAILED;
}
