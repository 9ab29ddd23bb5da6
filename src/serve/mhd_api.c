/* The table of libmicrohttpd's functions and its loading at first use.
 * Knows nothing of what the functions are called for. */
#include "config.h"

#include "serve/mhd_api.h"
#include "util/dynlib.h"

static struct Sfn_mhd_api table;
const struct Sfn_mhd_api *const Sfn_mhd = &table;

#define SFN_MHD_ENTRY(f) { "MHD_" #f, offsetof(struct Sfn_mhd_api, f) },
static const struct Sfn_dynlib_fn fns[] = { SFN_MHD_FUNCTIONS(SFN_MHD_ENTRY) };
#undef SFN_MHD_ENTRY

static struct Sfn_dynlib lib = {
	SFN_MHD_SONAME, SFN_MHD_PACKAGE, fns,  sizeof(fns) / sizeof(fns[0]),
	&table,         sizeof(table),   NULL, ""
};

enum sfn_status Sfn_mhd_load(const char **why)
{
	return Sfn_dynlib_load(&lib, why);
}
