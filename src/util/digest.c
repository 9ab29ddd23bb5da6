/* Digests by name and version 4 UUIDs, for States.Hash, States.UUID and
 * JSONata's $hash and $uuid alike (see digest.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "util/crypto_api.h"
#include "util/digest.h"

static const char *const names[] = { "MD5", "SHA-1", "SHA-256", "SHA-384",
	                             "SHA-512" };

/* The index of NAME in names, or -1. */
static int find(const char *name)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(name, names[i]) == 0)
			return (int) i;
	}
	return -1;
}

int Sfn_digest_known(const char *name)
{
	return find(name) >= 0;
}

/* The EVP digest of names[I]; libcrypto is loaded. */
static const EVP_MD *evp(int i)
{
	switch (i) {
	case 0:
		return EVP_md5();
	case 1:
		return EVP_sha1();
	case 2:
		return EVP_sha256();
	case 3:
		return EVP_sha384();
	default:
		return EVP_sha512();
	}
}

enum sfn_status Sfn_digest(const char *name, const void *data, size_t n,
                           unsigned char out[SFN_DIGEST_MAX], unsigned *len,
                           const char **why)
{
	int i = find(name);
	enum sfn_status st;

	*len = 0;
	if (i < 0)
		return SFN_ERR_USAGE;
	st = Sfn_crypto_load(why);
	if (st != SFN_OK)
		return st;
	return EVP_Digest(data, n, out, len, evp(i), NULL) == 1
	               ? SFN_OK
	               : SFN_ERR_FAILED;
}

void Sfn_uuid4_text(unsigned char b[16], char text[37])
{
	b[6] = (unsigned char) ((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char) ((b[8] & 0x3f) | 0x80);
	snprintf(text, 37,
	         "%02x%02x%02x%02x-%02x%02x-%02x%02x-"
	         "%02x%02x-%02x%02x%02x%02x%02x%02x",
	         b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
	         b[10], b[11], b[12], b[13], b[14], b[15]);
}
