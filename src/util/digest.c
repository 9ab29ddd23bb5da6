/* Digests by name and version 4 UUIDs, for States.Hash, States.UUID and
 * JSONata's $hash and $uuid alike (see digest.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "util/digest.h"

const EVP_MD *Sfn_digest_named(const char *name)
{
	static const struct {
		const char *name;
		const EVP_MD *(*md)(void);
	} digests[] = {
		{ "MD5", EVP_md5 },        { "SHA-1", EVP_sha1 },
		{ "SHA-256", EVP_sha256 }, { "SHA-384", EVP_sha384 },
		{ "SHA-512", EVP_sha512 },
	};

	for (size_t i = 0; i < sizeof(digests) / sizeof(digests[0]); i++) {
		if (strcmp(name, digests[i].name) == 0)
			return digests[i].md();
	}
	return NULL;
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
