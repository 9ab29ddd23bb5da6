/* The .sfn language against machines other linters' authors wrote: each
 * tests/lang/NAME.sfn names, on its first line ("# from: FILE"), a valid
 * machine of $SFN_SHARED/conformance/asl-lint/valid, and must compile,
 * without an error, to exactly that definition (compared as JSON values:
 * key order and number spelling aside). Every machine of that folder
 * that sfnc lint accepts must have such a rewrite: the language can say
 * all of them. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/asl.h"
#include "sfn/json.h"
#include "sfn/lang.h"
#include "suite.h"

#define LANG_MIN_CASES 25   /* the rewrites this runner must find */
#define LANG_MAX_CASES 1024 /* files read from tests/lang */

/* Whether sfnc lint finds an error in the definition at PATH (1), none
 * (0), or cannot read it (-1). */
static int lint_fails(const char *path)
{
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags d;
	char *text;
	size_t len;
	int fails = -1;

	if (sfn_read_file(path, SFN_JSON_MAX_BYTES, &text, &len) != SFN_OK)
		return -1;
	sfn_diags_init(&d);
	if (sfn_json_parse(text, len, path, NULL, &d, &doc) == SFN_OK) {
		sfn_asl_validate(doc, sfn_json_root(doc), NULL, &d);
		fails = d.errors > 0;
	}
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	free(text);
	return fails;
}

static int from_line(const char *text, char *name, size_t size)
{
	const char *tag = "# from: ";
	size_t n = strcspn(text, "\n");

	if (strncmp(text, tag, strlen(tag)) != 0 || n - strlen(tag) >= size)
		return 0;
	memcpy(name, text + strlen(tag), n - strlen(tag));
	name[n - strlen(tag)] = '\0';
	return 1;
}

static const char *first_message(const struct sfn_diags *d)
{
	return d->count > 0 ? d->items[0].message : "no machine";
}

/* Compiles SFN and compares its one machine with the original, whose
 * name goes to FROM. */
static int check_case(const char *dir, const char *file, char *from)
{
	char path[8192], orig[8192];
	char *text = NULL, *json = NULL;
	size_t len, jlen;
	struct sfn_lang_unit *unit = NULL;
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags d;
	int ok = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	sfn_diags_init(&d);
	if (sfn_read_file(path, SFN_LANG_MAX_BYTES, &text, &len) != SFN_OK ||
	    !from_line(text, from, 256)) {
		printf("FAIL lang/%s: unreadable, or no '# from:' line\n",
		       file);
		goto done;
	}
	snprintf(orig, sizeof(orig), "%s/conformance/asl-lint/valid/%.255s",
	         suite_root(), from);
	if (sfn_read_file(orig, SFN_JSON_MAX_BYTES, &json, &jlen) != SFN_OK ||
	    sfn_json_parse(json, jlen, orig, NULL, &d, &doc) != SFN_OK) {
		printf("FAIL lang/%s: cannot read %s\n", file, orig);
		goto done;
	}
	if (sfn_lang_compile(text, len, path, &d, &unit) != SFN_OK ||
	    d.errors > 0 || sfn_lang_machine_count(unit) != 1)
		printf("FAIL lang/%s: %s\n", file, first_message(&d));
	else if (!cJSON_Compare(sfn_lang_machine_asl(unit, 0),
	                        sfn_json_root(doc), 1))
		printf("FAIL lang/%s: the compiled ASL differs from %s\n", file,
		       from);
	else
		ok = printf("ok lang/%s\n", file) > 0;
done:
	sfn_lang_free(unit);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	free(text);
	free(json);
	return ok;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Every machine of the valid folder that lint accepts is among the
 * FROM[0, N) rewritten; returns how many are not. */
static size_t uncovered(char (*from)[256], size_t n)
{
	char dir[4096], path[8192];
	struct dirent *e;
	size_t missing = 0;
	DIR *dp;

	snprintf(dir, sizeof(dir), "%s/conformance/asl-lint/valid",
	         suite_root());
	dp = opendir(dir);
	if (dp == NULL) {
		printf("FAIL lang: cannot open %s\n", dir);
		return 1;
	}
	while ((e = readdir(dp)) != NULL) {
		size_t i = 0;

		if (e->d_name[0] == '.')
			continue;
		while (i < n && strcmp(from[i], e->d_name) != 0)
			i++;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (i == n && lint_fails(path) == 0) {
			printf("FAIL lang/coverage: %s has no .sfn rewrite\n",
			       e->d_name);
			missing++;
		}
	}
	closedir(dp);
	if (missing == 0)
		printf("ok lang/coverage\n");
	return missing;
}

int main(void)
{
	const char *src = getenv("SFN_SRCDIR");
	char dir[4096];
	char *names[LANG_MAX_CASES];
	static char from[LANG_MAX_CASES][256];
	size_t n = 0, passed = 0, missing;
	struct dirent *e;
	DIR *dp;

	if (!suite_root_present())
		return suite_absent("lang", LANG_MIN_CASES);
	snprintf(dir, sizeof(dir), "%s/tests/lang", src ? src : ".");
	dp = opendir(dir);
	if (dp == NULL) {
		printf("FAIL lang: cannot open %s\n", dir);
		return 1;
	}
	while ((e = readdir(dp)) != NULL && n < LANG_MAX_CASES) {
		size_t l = strlen(e->d_name);

		if (l > 4 && strcmp(e->d_name + l - 4, ".sfn") == 0)
			names[n++] = strdup(e->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof(names[0]), by_name);
	for (size_t i = 0; i < n; i++) {
		from[i][0] = '\0';
		passed +=
		        names[i] != NULL && check_case(dir, names[i], from[i]);
		free(names[i]);
	}
	missing = uncovered(from, n);
	if (n < LANG_MIN_CASES)
		printf("FAIL lang: %zu rewrites, fewer than %d\n", n,
		       LANG_MIN_CASES);
	return passed == n && n >= LANG_MIN_CASES && missing == 0 ? 0 : 1;
}
