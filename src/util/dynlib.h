/* A shared library opened at first use rather than at start: its
 * functions resolved by name into a caller's table of function pointers,
 * the handle kept open for the process. Knows nothing of which library
 * or what its functions do. */
#ifndef SFN_UTIL_DYNLIB_H
#define SFN_UTIL_DYNLIB_H

#include <stddef.h>

#include "sfn/status.h"

/* One function of the table: its name and the offset of its slot. */
struct Sfn_dynlib_fn {
	const char *name;
	size_t offset; /* offsetof the function pointer in the table */
};

/* A library and its table, filled on the first successful load. */
struct Sfn_dynlib {
	const char *soname;  /* the file dlopen looks for */
	const char *package; /* the Debian package that installs it */
	const struct Sfn_dynlib_fn *fns;
	size_t nfns;
	void *table;   /* the struct of function pointers FNS fills */
	size_t size;   /* of TABLE */
	void *handle;  /* NULL until loaded; never closed */
	char why[256]; /* the reason of the last failure */
};

/* Opens LIB and resolves each of its functions, once: later calls return
 * at once. SFN_ERR_IO when the library or a function is missing, with
 * *WHY (LIB->why) naming the library, the package and the loader's
 * reason; the table is then left empty and a later call tries again.
 * The process is single-threaded: no lock. */
enum sfn_status Sfn_dynlib_load(struct Sfn_dynlib *lib, const char **why);

#endif
