/* The table of libsqlite3's functions and its loading at first use.
 * Knows nothing of what the functions are called for. */
#include "config.h"

#include <stddef.h>

#include "serve/sqlite_api.h"
#include "util/dynlib.h"

static struct Sfn_sqlite_api table;
const struct Sfn_sqlite_api *const Sfn_sqlite = &table;

#define SFN_SQLITE_ENTRY(f)                                                    \
	{ "sqlite3_" #f, offsetof(struct Sfn_sqlite_api, f) },
static const struct Sfn_dynlib_fn fns[] = { SFN_SQLITE_FUNCTIONS(
	SFN_SQLITE_ENTRY) };
#undef SFN_SQLITE_ENTRY

static struct Sfn_dynlib lib = { SFN_SQLITE_SONAME,
	                         SFN_SQLITE_PACKAGE,
	                         fns,
	                         sizeof(fns) / sizeof(fns[0]),
	                         &table,
	                         sizeof(table),
	                         NULL,
	                         "" };

enum sfn_status Sfn_sqlite_load(const char **why)
{
	return Sfn_dynlib_load(&lib, why);
}
