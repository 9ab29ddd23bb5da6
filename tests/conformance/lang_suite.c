/* The .sfn language against machines other linters' authors wrote: each
 * tests/lang/NAME.sfn names, on its first line ("# from: FILE"), a valid
 * machine of $SFN_SHARED/conformance/asl-lint/valid, and must compile,
 * without an error, to exactly that definition (compared as JSON values:
 * key order and number spelling aside). */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/json.h"
#include "sfn/lang.h"
#include "suite.h"

#define LANG_MIN_CASES 25 /* the rewrites this runner must find */

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

/* Compiles SFN and compares its one machine with the original. */
static int check_case(const char *dir, const char *file)
{
	char path[8192], orig[4096], from[256];
	char *text = NULL, *json = NULL;
	size_t len, jlen;
	struct sfn_lang_unit *unit = NULL;
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags d;
	int ok = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	sfn_diags_init(&d);
	if (sfn_read_file(path, SFN_LANG_MAX_BYTES, &text, &len) != SFN_OK ||
	    !from_line(text, from, sizeof(from))) {
		printf("FAIL lang/%s: unreadable, or no '# from:' line\n",
		       file);
		goto done;
	}
	snprintf(orig, sizeof(orig), "%s/conformance/asl-lint/valid/%s",
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

int main(void)
{
	const char *src = getenv("SFN_SRCDIR");
	char dir[4096];
	char *names[1024];
	size_t n = 0, passed = 0;
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
	while ((e = readdir(dp)) != NULL && n < 1024) {
		size_t l = strlen(e->d_name);

		if (l > 4 && strcmp(e->d_name + l - 4, ".sfn") == 0)
			names[n++] = strdup(e->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof(names[0]), by_name);
	for (size_t i = 0; i < n; i++) {
		passed += names[i] != NULL && check_case(dir, names[i]);
		free(names[i]);
	}
	if (n < LANG_MIN_CASES)
		printf("FAIL lang: %zu rewrites, fewer than %d\n", n,
		       LANG_MIN_CASES);
	return passed == n && n >= LANG_MIN_CASES ? 0 : 1;
}
