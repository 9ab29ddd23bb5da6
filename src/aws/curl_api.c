/* The table of libcurl's functions and its loading at first use. Knows
 * nothing of what the functions are called for. */
#include "config.h"

#include <stddef.h>

#include "aws/curl_api.h"
#include "util/dynlib.h"

static struct Sfn_curl_api table;
const struct Sfn_curl_api *const Sfn_curl = &table;

#define SFN_CURL_ENTRY(f) { "curl_" #f, offsetof(struct Sfn_curl_api, f) },
static const struct Sfn_dynlib_fn fns[] = { SFN_CURL_FUNCTIONS(
	SFN_CURL_ENTRY) };
#undef SFN_CURL_ENTRY

static struct Sfn_dynlib lib = {
	SFN_CURL_SONAME, SFN_CURL_PACKAGE, fns,  sizeof(fns) / sizeof(fns[0]),
	&table,          sizeof(table),    NULL, ""
};

enum sfn_status Sfn_curl_load(const char **why)
{
	return Sfn_dynlib_load(&lib, why);
}
