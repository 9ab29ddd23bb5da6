/* Opening a shared library at first use: dlopen by soname, dlsym of each
 * function named in the caller's table. Knows nothing of the libraries
 * themselves. */
#include "config.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "util/dynlib.h"

static enum sfn_status refuse(struct Sfn_dynlib *lib, const char *reason,
                              const char **why)
{
	*why = lib->why;
	snprintf(lib->why, sizeof(lib->why),
	         "cannot load %s (%s): install the Debian package '%s'",
	         lib->soname, reason ? reason : "not found", lib->package);
	return SFN_ERR_IO;
}

/* Each function into its slot; the name of the first one missing. */
static const char *resolve(struct Sfn_dynlib *lib, void *handle)
{
	for (size_t i = 0; i < lib->nfns; i++) {
		void *sym;

		(void) dlerror();
		sym = dlsym(handle, lib->fns[i].name);
		if (sym == NULL)
			return lib->fns[i].name;
		/* POSIX: a function's address survives the trip through
		 * void *; memcpy keeps ISO C's object/function line. */
		memcpy((char *) lib->table + lib->fns[i].offset, &sym,
		       sizeof(sym));
	}
	return NULL;
}

enum sfn_status Sfn_dynlib_load(struct Sfn_dynlib *lib, const char **why)
{
	void *handle;
	const char *missing;

	if (lib->handle != NULL)
		return SFN_OK;
	handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	if (handle == NULL)
		return refuse(lib, dlerror(), why);
	missing = resolve(lib, handle);
	if (missing != NULL) {
		memset(lib->table, 0, lib->size);
		(void) dlclose(handle);
		return refuse(lib, missing, why);
	}
	lib->handle = handle;
	return SFN_OK;
}
