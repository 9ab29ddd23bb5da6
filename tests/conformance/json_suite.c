/* JSONTestSuite over the JSON reader: every y_ case accepted, every n_
 * case rejected with a located diagnostic (the headline count), every i_
 * case given the verdict the committed table verdicts/json-i.tsv records
 * (reported apart). Reads $SFN_SHARED/conformance/json/test_parsing, which
 * must hold the whole suite; see suite.h for a missing shared root. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/json.h"
#include "suite.h"

/* warned: accepted with a warning */
static const char *const verdicts[] = { "accepted", "warned", "rejected",
	                                NULL };

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Adds a copy of NAME to the list; 0 when memory runs out. */
static int add_name(char ***names, size_t *n, size_t *cap, const char *name)
{
	if (*n + 1 >= *cap) {
		size_t more = *cap ? *cap * 2 : 512;
		char **grown = realloc(*names, more * sizeof(**names));

		if (grown == NULL)
			return 0;
		*names = grown;
		*cap = more;
	}
	(*names)[*n] = strdup(name);
	return (*names)[(*n)++] != NULL;
}

/* The case files, sorted, as a malloc'd list (NULL when there are none or
 * the folder cannot be read). */
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
		if (!add_name(&names, n, &cap, e->d_name))
			break;
	}
	closedir(d);
	if (names != NULL)
		qsort(names, *n, sizeof(*names), by_name);
	return names;
}

/* A y_ case must be accepted, an n_ case rejected with a located
 * diagnostic; prints the case's line and returns 1 when it passed. */
static int judge(const char *name, enum sfn_status st,
                 const struct sfn_diags *d)
{
	int ok;

	if (name[0] == 'y')
		ok = st == SFN_OK && d->errors == 0;
	else
		ok = st != SFN_OK && d->errors > 0 && d->count > 0 &&
		     d->items[d->count - 1].loc.line > 0;
	if (ok)
		printf("ok conformance/json/%s\n", name);
	else
		printf("FAIL conformance/json/%s: %s%s\n", name,
		       st == SFN_OK ? "accepted" : "rejected: ",
		       d->count ? d->items[d->count - 1].message : "");
	return ok;
}

/* An i_ case must give the table's verdict, its status and diagnostics
 * telling the same story. */
static int judge_i(const char *name, enum sfn_status st,
                   const struct sfn_diags *d, struct suite_table *table)
{
	if ((st == SFN_OK) != (d->errors == 0)) {
		printf("FAIL verdict/json/%s: status %d with %zu errors\n",
		       name, (int) st, d->errors);
		suite_table_find(table, name);
		return 0;
	}
	return suite_verdict(table, "verdict/json", name,
	                     st != SFN_OK  ? "rejected"
	                     : d->warnings ? "warned"
	                                   : "accepted");
}

/* Runs one case; prints its line; returns 1 when it passed. */
static int run_case(const char *dir, const char *name,
                    struct suite_table *table)
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
	if (name[0] == 'i')
		ok = judge_i(name, st, &d, table);
	else
		ok = judge(name, st, &d);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	free(text);
	return ok;
}

/* Runs every case of DIR; returns how many failed. */
static int run_all(const char *dir, struct suite_table *table)
{
	size_t n;
	char **names = list_cases(dir, &n);
	int failed = 0;

	if (!suite_count("conformance/json", dir, n, SUITE_JSON_CASES))
		failed++;
	for (size_t i = 0; i < n; i++) {
		failed += !run_case(dir, names[i], table);
		free(names[i]);
	}
	free(names);
	failed += (int) suite_table_unseen(table, "verdict/json");
	return failed;
}

int main(void)
{
	struct suite_table table;
	char dir[4096];
	int failed;

	if (!suite_table_load(&table, "json-i", verdicts, "verdict/json"))
		return 1;
	if (!suite_root_present()) {
		failed = suite_absent("conformance/json",
		                      SUITE_JSON_CASES - table.count);
		failed |= suite_absent("verdict/json", table.count);
		suite_table_free(&table);
		return failed;
	}
	snprintf(dir, sizeof(dir), "%s/conformance/json/test_parsing",
	         suite_root());
	failed = run_all(dir, &table);
	suite_table_free(&table);
	return failed ? 1 : 0;
}
