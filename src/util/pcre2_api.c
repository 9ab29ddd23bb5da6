/* The table of libpcre2-8's functions and its loading at first use.
 * Knows nothing of what the functions are called for. */
#include "config.h"

#include <stddef.h>

#include "util/pcre2_api.h"
#include "util/dynlib.h"

static struct Sfn_pcre2_api table;
const struct Sfn_pcre2_api *const Sfn_pcre2 = &table;

#define SFN_PCRE2_ENTRY(f) { #f, offsetof(struct Sfn_pcre2_api, f##_fn) },
static const struct Sfn_dynlib_fn fns[] = { SFN_PCRE2_FUNCTIONS(
	SFN_PCRE2_ENTRY) };
#undef SFN_PCRE2_ENTRY

static struct Sfn_dynlib lib = {
	SFN_PCRE2_SONAME, SFN_PCRE2_PACKAGE, fns,  sizeof(fns) / sizeof(fns[0]),
	&table,           sizeof(table),     NULL, ""
};

enum sfn_status Sfn_pcre2_load(const char **why)
{
	return Sfn_dynlib_load(&lib, why);
}
