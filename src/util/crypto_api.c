/* The table of libcrypto's functions and its loading at first use.
 * Knows nothing of what the functions are called for. */
#include "config.h"

#include <stddef.h>

#include "util/crypto_api.h"
#include "util/dynlib.h"

static struct Sfn_crypto_api table;
const struct Sfn_crypto_api *const Sfn_crypto = &table;

#define SFN_CRYPTO_ENTRY(f) { #f, offsetof(struct Sfn_crypto_api, f##_fn) },
static const struct Sfn_dynlib_fn fns[] = { SFN_CRYPTO_FUNCTIONS(
	SFN_CRYPTO_ENTRY) };
#undef SFN_CRYPTO_ENTRY

static struct Sfn_dynlib lib = { SFN_CRYPTO_SONAME,
	                         SFN_CRYPTO_PACKAGE,
	                         fns,
	                         sizeof(fns) / sizeof(fns[0]),
	                         &table,
	                         sizeof(table),
	                         NULL,
	                         "" };

enum sfn_status Sfn_crypto_load(const char **why)
{
	return Sfn_dynlib_load(&lib, why);
}
