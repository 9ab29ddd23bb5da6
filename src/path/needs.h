/* What the filters of a path read of the element they test, shared by
 * the streaming evaluator (stream.c) and the tape evaluator (tape.c):
 * when every query on @ starts with a member name (at most
 * SFN_PATH_NEEDS_MAX_NAMES of them), only those members need building;
 * else (FULL) the whole element. */
#ifndef SFN_PATH_NEEDS_H
#define SFN_PATH_NEEDS_H

#include <stddef.h>

#include "path/ast.h"

#define SFN_PATH_NEEDS_MAX_NAMES 16

struct Sfn_path_needs {
	int full;
	const char *names[SFN_PATH_NEEDS_MAX_NAMES];
	size_t n;
};

/* Adds what filter expression E reads of @ to ND. */
void Sfn_path_collect_needs(struct Sfn_path_needs *nd, const struct expr *e);

#endif
