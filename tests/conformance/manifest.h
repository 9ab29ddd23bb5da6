/* The ASL lint corpus's manifest ($SFN_SHARED/conformance/asl-lint/
 * manifest.json), shared by the runners that walk its cases. */
#ifndef SFN_TEST_MANIFEST_H
#define SFN_TEST_MANIFEST_H

#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "sfn/util.h"

/* Reads DIR/manifest.json into a tree the caller deletes; NULL (after
 * printing a skip line naming WHAT, ending with NOTE) when it cannot be
 * read. */
static inline cJSON *manifest_load(const char *dir, const char *what,
                                   const char *note)
{
	char path[8192];
	char *text;
	size_t len;
	cJSON *m;

	snprintf(path, sizeof(path), "%s/manifest.json", dir);
	if (sfn_read_file(path, (size_t) 1 << 24, &text, &len) != SFN_OK) {
		printf("skip %s: %s not found%s\n", what, path, note);
		return NULL;
	}
	m = cJSON_Parse(text);
	free(text);
	return m;
}

/* The first case of manifest M, or NULL. */
static inline const cJSON *manifest_cases(const cJSON *m)
{
	const cJSON *cases = cJSON_GetObjectItem(m, "cases");

	return cases ? cases->child : NULL;
}

#endif
