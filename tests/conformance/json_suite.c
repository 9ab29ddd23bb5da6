/* JSONTestSuite over the JSON reader: every y_ case accepted, every n_
 * case rejected with a located diagnostic, every i_ case handled without
 * a crash (its verdict printed, and documented in docs/json.md). Reads
 * $SFN_SHARED/conformance/json/test_parsing; reports every case as skipped
 * when that folder is missing. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/json.h"

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The case files, sorted, as a NULL-terminated malloc'd list. */
static char **list_cases(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t cap = 0;
	struct dirent *e;

	*n = 0;
	if (d == NULL)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		if (*n + 1 >= cap) {
			cap = cap ? cap * 2 : 512;
			names = realloc(names, cap * sizeof(*names));
		}
		names[(*n)++] = strdup(e->d_name);
	}
	closedir(d);
	if (names != NULL)
		qsort(names, *n, sizeof(*names), by_name);
	return names;
}

/* Runs one case; prints its line; returns 1 when it passed. */
static int run_case(const char *dir, const char *name)
{
	char path[8192];
	char *text;
	size_t len;
	struct sfn_diags d;
	struct sfn_json_doc *doc = NULL;
	enum sfn_status st;
	int ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (sfn_read_file(path, SFN_JSON_MAX_BYTES, &text, &len) != SFN_OK) {
		printf("FAIL conformance/json/%s: cannot read\n", name);
		return 0;
	}
	sfn_diags_init(&d);
	st = sfn_json_parse(text, len, name, NULL, &d, &doc);
	if (name[0] == 'y') {
		ok = st == SFN_OK && d.errors == 0;
	} else if (name[0] == 'n') {
		ok = st != SFN_OK && d.errors > 0 && d.count > 0 &&
		     d.items[d.count - 1].loc.line > 0;
	} else {
		ok = (st == SFN_OK) == (d.errors == 0);
		printf("# i-verdict %s: %s%s%s\n", name,
		       st == SFN_OK ? "accepted" : "rejected: ",
		       st == SFN_OK && d.count ? " with a warning: " : "",
		       d.count ? d.items[d.count - 1].message : "");
	}
	if (ok)
		printf("ok conformance/json/%s\n", name);
	else
		printf("FAIL conformance/json/%s: %s%s\n", name,
		       st == SFN_OK ? "accepted" : "rejected: ",
		       d.count ? d.items[d.count - 1].message : "");
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	free(text);
	return ok;
}

int main(void)
{
	const char *shared = getenv("SFN_SHARED");
	char dir[4096];
	char **names;
	size_t n;
	int failed = 0;

	snprintf(dir, sizeof(dir), "%s/conformance/json/test_parsing",
	         shared ? shared : "../shared");
	names = list_cases(dir, &n);
	if (names == NULL) {
		printf("skip conformance/json: %s not found (318 cases)\n",
		       dir);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		failed += !run_case(dir, names[i]);
		free(names[i]);
	}
	free(names);
	return failed ? 1 : 0;
}
