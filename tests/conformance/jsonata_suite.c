/* The JSONata reference implementation's language-neutral test suite
 * over the engine: every case's result, undefined result or error code
 * compared exactly (numbers as doubles, object members in any order).
 * Cases listed in tests/conformance/jsonata-known-failures.tsv (id, tab,
 * reason) are reported as skipped with their reason; a listed case that
 * passes, or an unlisted case that fails, fails the run, so the list only
 * shrinks. Reads $SFN_SHARED/conformance/jsonata. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/jsonata.h"
#include "sfn/util.h"
#include "suite.h"

#define SUITE_CASES  SUITE_JSONATA_CASES
#define MAX_FILE     (1u << 26) /* bytes of one case or dataset file */
#define MAX_ENTRIES  4096       /* groups, or cases in one group */
#define STEPS_PER_MS 1000UL     /* evaluation steps a millisecond buys */

struct known {
	char **ids;
	char **reasons;
	int *seen;
	size_t n;
};

struct tally {
	size_t passed, failed, skipped, fixed;
};

static int is_surrogate(const char *p, const char *range)
{
	return p[0] == '\\' && p[1] == 'u' && (p[2] | 0x20) == 'd' &&
	       p[3] != '\0' && strchr(range, p[3] | 0x20) != NULL;
}

/* TEXT with lone UTF-16 surrogate escapes, which JSON text may hold but
 * cJSON refuses, turned into escaped backslashes: inside an expression
 * they then reach the JSONata lexer, which reads the same escape. */
static char *escape_surrogates(const char *text)
{
	size_t len = strlen(text), k = 0;
	char *out = malloc(2 * len + 1);

	for (size_t i = 0; out != NULL && i < len; i++) {
		if (is_surrogate(text + i, "89ab") &&
		    is_surrogate(text + i + 6, "cdef")) {
			memcpy(out + k, text + i, 12);
			k += 12;
			i += 11;
			continue;
		}
		if (is_surrogate(text + i, "89abcdef"))
			out[k++] = '\\';
		out[k++] = text[i];
	}
	if (out != NULL)
		out[k] = '\0';
	return out;
}

static cJSON *read_json(const char *path)
{
	char *text, *retry;
	size_t len;
	cJSON *j;

	if (sfn_read_file(path, MAX_FILE, &text, &len) != SFN_OK)
		return NULL;
	j = cJSON_Parse(text);
	if (j == NULL) {
		retry = escape_surrogates(text);
		j = retry != NULL ? cJSON_Parse(retry) : NULL;
		free(retry);
	}
	free(text);
	return j;
}

/* Exact JSON equality: numbers compared as doubles, members in any
 * order. */
static int same(const cJSON *a, const cJSON *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	if ((a->type & 0xff) != (b->type & 0xff))
		return 0;
	if (cJSON_IsNumber(a))
		return a->valuedouble == b->valuedouble;
	if (cJSON_IsString(a))
		return strcmp(a->valuestring, b->valuestring) == 0;
	if (cJSON_IsArray(a) || cJSON_IsObject(a)) {
		if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b))
			return 0;
		for (const cJSON *x = a->child, *y = b->child; x != NULL;
		     x = x->next, y = y->next) {
			const cJSON *m =
			        cJSON_IsObject(a)
			                ? cJSON_GetObjectItemCaseSensitive(
			                          b, x->string)
			                : y;

			if (!same(x, m))
				return 0;
		}
	}
	return 1;
}

static int load_known(const char *path, struct known *k)
{
	char *text, *line, *save = NULL;
	size_t len;

	memset(k, 0, sizeof(*k));
	if (sfn_read_file(path, MAX_FILE, &text, &len) != SFN_OK)
		return -1;
	k->ids = calloc(SUITE_CASES + 1, sizeof(*k->ids));
	k->reasons = calloc(SUITE_CASES + 1, sizeof(*k->reasons));
	k->seen = calloc(SUITE_CASES + 1, sizeof(*k->seen));
	for (line = strtok_r(text, "\n", &save);
	     line != NULL && k->ids && k->reasons && k->seen &&
	     k->n < SUITE_CASES;
	     line = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(line, '\t');

		if (line[0] == '#' || tab == NULL)
			continue;
		*tab = '\0';
		k->ids[k->n] = strdup(line);
		k->reasons[k->n++] = strdup(tab + 1);
	}
	free(text);
	return 0;
}

static void free_known(struct known *k)
{
	for (size_t i = 0; i < k->n; i++) {
		free(k->ids[i]);
		free(k->reasons[i]);
	}
	free(k->ids);
	free(k->reasons);
	free(k->seen);
}

static long known_index(const struct known *k, const char *id)
{
	for (size_t i = 0; i < k->n; i++) {
		if (strcmp(k->ids[i], id) == 0)
			return (long) i;
	}
	return -1;
}

/* The input of case C: its data, or its dataset (NULL: undefined). */
static cJSON *input_of(const char *root, const cJSON *c, int *owned)
{
	const cJSON *ds = cJSON_GetObjectItem(c, "dataset");
	char path[4096];

	*owned = 0;
	if (cJSON_GetObjectItem(c, "data") != NULL)
		return cJSON_GetObjectItem(c, "data");
	if (!cJSON_IsString(ds))
		return NULL;
	snprintf(path, sizeof(path), "%s/datasets/%s.json", root,
	         ds->valuestring);
	*owned = 1;
	return read_json(path);
}

/* The case's depth limit, and its time limit as a number of evaluation
 * steps (STEPS_PER_MS), so that slow builds (valgrind) give the same
 * answers. */
static void budget_of(const cJSON *c, struct sfn_jsonata_budget *b)
{
	const cJSON *depth = cJSON_GetObjectItem(c, "depth");
	const cJSON *ms = cJSON_GetObjectItem(c, "timelimit");

	memset(b, 0, sizeof(*b));
	if (cJSON_IsNumber(depth))
		b->max_depth = (size_t) depth->valuedouble;
	if (cJSON_IsNumber(ms))
		b->max_steps = (unsigned long) ms->valuedouble * STEPS_PER_MS;
}

/* The expression of case C: "expr", or the text of "expr-file" in DIR
 * (*OWNED then set: free it). */
static const char *expr_of(const char *dir, const cJSON *c, char **owned)
{
	const cJSON *expr = cJSON_GetObjectItem(c, "expr");
	const cJSON *file = cJSON_GetObjectItem(c, "expr-file");
	char path[2048];
	size_t len;

	*owned = NULL;
	if (cJSON_IsString(expr))
		return expr->valuestring;
	if (!cJSON_IsString(file))
		return NULL;
	snprintf(path, sizeof(path), "%.1400s/%.400s", dir, file->valuestring);
	if (sfn_read_file(path, MAX_FILE, owned, &len) != SFN_OK)
		return NULL;
	return *owned;
}

/* The error code case C expects: "code", or "error": {"code"}. */
static const cJSON *code_of(const cJSON *c)
{
	const cJSON *code = cJSON_GetObjectItem(c, "code");

	if (code == NULL)
		code = cJSON_GetObjectItem(cJSON_GetObjectItem(c, "error"),
		                           "code");
	return code;
}

/* Runs case C of the group in DIR; returns 1 when it passed, else fills
 * WHY. */
static int run_case(const char *root, const char *dir, const cJSON *c,
                    char *why, size_t size)
{
	char *owned_expr;
	const char *expr = expr_of(dir, c, &owned_expr);
	const cJSON *code = code_of(c);
	const cJSON *want = cJSON_GetObjectItem(c, "result");
	struct sfn_jsonata_error err;
	struct sfn_jsonata_budget budget;
	struct sfn_jsonata *e = NULL;
	cJSON *in, *got = NULL;
	enum sfn_status st;
	int owned, ok;
	char *text;

	if (expr == NULL) {
		snprintf(why, size, "no expression");
		return 0;
	}
	in = input_of(root, c, &owned);
	budget_of(c, &budget);
	st = sfn_jsonata_parse(expr, strlen(expr), &e, &err);
	if (st == SFN_OK)
		st = sfn_jsonata_eval(e, in, cJSON_GetObjectItem(c, "bindings"),
		                      &budget, &got, &err);
	if (cJSON_IsString(code)) {
		ok = st != SFN_OK && strcmp(err.code, code->valuestring) == 0;
	} else if (want != NULL) {
		ok = st == SFN_OK && same(want, got);
	} else {
		ok = st == SFN_OK && got == NULL;
	}
	text = got != NULL ? cJSON_PrintUnformatted(got) : NULL;
	if (st != SFN_OK)
		snprintf(why, size, "error %s: %.200s", err.code, err.message);
	else
		snprintf(why, size, "got %.300s", text ? text : "undefined");
	free(text);
	cJSON_Delete(got);
	sfn_jsonata_free(e);
	if (owned)
		cJSON_Delete(in);
	free(owned_expr);
	return ok;
}

static void report(const struct known *k, const char *id, int ok,
                   const char *why, struct tally *t)
{
	long i = known_index(k, id);

	if (i >= 0)
		k->seen[i] = 1;
	if (ok && i < 0) {
		printf("ok conformance/jsonata/%s\n", id);
		t->passed++;
	} else if (ok) {
		printf("FAIL conformance/jsonata/%s: passes now; remove it "
		       "from jsonata-known-failures.tsv\n",
		       id);
		t->fixed++;
	} else if (i >= 0) {
		printf("skip conformance/jsonata/%s: %s\n", id, k->reasons[i]);
		t->skipped++;
	} else {
		printf("FAIL conformance/jsonata/%s: %s\n", id, why);
		t->failed++;
	}
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The names in DIR, sorted; *N of them. */
static char **list_dir(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	char **names = calloc(MAX_ENTRIES, sizeof(*names));
	struct dirent *de;

	*n = 0;
	while (d != NULL && names != NULL && (de = readdir(d)) != NULL &&
	       *n < MAX_ENTRIES) {
		if (de->d_name[0] != '.')
			names[(*n)++] = strdup(de->d_name);
	}
	if (d != NULL)
		closedir(d);
	if (names != NULL)
		qsort(names, *n, sizeof(*names), by_name);
	return names;
}

static void free_list(char **names, size_t n)
{
	for (size_t i = 0; names != NULL && i < n; i++)
		free(names[i]);
	free(names);
}

static void run_file(const char *root, const char *group, const char *file,
                     const struct known *k, struct tally *t)
{
	char path[2048], dir[2048], id[512], why[600];
	cJSON *j;
	size_t base = strlen(file) - 5; /* without ".json" */

	snprintf(path, sizeof(path), "%.1000s/groups/%.400s/%.400s", root,
	         group, file);
	snprintf(dir, sizeof(dir), "%.1000s/groups/%.400s", root, group);
	j = read_json(path);
	if (j == NULL) {
		printf("FAIL conformance/jsonata/%s/%s: unreadable\n", group,
		       file);
		t->failed++;
		return;
	}
	if (cJSON_IsArray(j)) {
		int i = 0;

		for (cJSON *c = j->child; c != NULL; c = c->next, i++) {
			snprintf(id, sizeof(id), "%s/%.*s[%d]", group,
			         (int) base, file, i);
			report(k, id, run_case(root, dir, c, why, sizeof(why)),
			       why, t);
		}
	} else {
		snprintf(id, sizeof(id), "%s/%.*s", group, (int) base, file);
		report(k, id, run_case(root, dir, j, why, sizeof(why)), why, t);
	}
	cJSON_Delete(j);
}

static void run_group(const char *root, const char *group,
                      const struct known *k, struct tally *t)
{
	char dir[2048];
	size_t n;
	char **files;

	snprintf(dir, sizeof(dir), "%.1000s/groups/%.400s", root, group);
	files = list_dir(dir, &n);
	for (size_t i = 0; i < n; i++) {
		if (strlen(files[i]) > 5 &&
		    strcmp(files[i] + strlen(files[i]) - 5, ".json") == 0)
			run_file(root, group, files[i], k, t);
	}
	free_list(files, n);
}

static int finish(const struct known *k, const struct tally *t)
{
	size_t total = t->passed + t->failed + t->skipped + t->fixed;
	int bad = t->failed > 0 || t->fixed > 0;

	for (size_t i = 0; i < k->n; i++) {
		if (!k->seen[i]) {
			printf("FAIL conformance/jsonata/%s: listed in "
			       "jsonata-known-failures.tsv but not in the "
			       "suite\n",
			       k->ids[i]);
			bad = 1;
		}
	}
	if (total != SUITE_CASES) {
		printf("FAIL conformance/jsonata: ran %zu cases, the suite has "
		       "%d\n",
		       total, SUITE_CASES);
		bad = 1;
	}
	printf("# jsonata conformance: %zu of %zu cases pass (%.1f%%), %zu "
	       "known failures\n",
	       t->passed, total, 100.0 * (double) t->passed / (double) total,
	       t->skipped);
	return bad;
}

int main(void)
{
	const char *src = getenv("SFN_SRCDIR");
	char root[1024], dir[2048], list[2048];
	struct known k;
	struct tally t = { 0 };
	char **groups;
	size_t n;
	int bad;

	if (!suite_root_present())
		return suite_absent("conformance/jsonata", SUITE_JSONATA_CASES);
	snprintf(root, sizeof(root), "%.900s/conformance/jsonata",
	         suite_root());
	snprintf(dir, sizeof(dir), "%.1000s/groups", root);
	snprintf(list, sizeof(list),
	         "%.1500s/tests/conformance/jsonata-known-failures.tsv",
	         src ? src : ".");
	groups = list_dir(dir, &n);
	if (n == 0) { /* the root is there, the suite is not: a failure */
		printf("FAIL conformance/jsonata: %s not found or empty\n",
		       dir);
		free_list(groups, n);
		return 1;
	}
	if (load_known(list, &k) != 0) {
		printf("FAIL conformance/jsonata: cannot read %s\n", list);
		free_list(groups, n);
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		run_group(root, groups[i], &k, &t);
	bad = finish(&k, &t);
	free_known(&k);
	free_list(groups, n);
	return bad;
}
