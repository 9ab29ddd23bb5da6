/* Member order never matters: every definition of the ASL lint corpus
 * ($SFN_SHARED/conformance/asl-lint) and every JSON input of the golden
 * lint tests is linted as written and again with the members of every
 * object in reverse order; the findings (rule and the service's location,
 * not line and column) must be the same. One "ok" line per file. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/asl.h"
#include "sfn/json.h"

#include "manifest.h"

#define MAX_FINDINGS 4096 /* per file; more is a failure of its own */

/* Reverses the members of every object under NODE (cJSON's own tree). */
static void reverse(cJSON *node)
{
	cJSON *m = node->child, *rev = NULL;

	for (cJSON *c = node->child; c != NULL; c = c->next)
		reverse(c);
	if (!cJSON_IsObject(node) || m == NULL)
		return;
	while (m != NULL) {
		cJSON *next = m->next;

		m->next = rev;
		if (rev != NULL)
			rev->prev = m;
		rev = m;
		m = next;
	}
	rev->prev = node->child; /* the old head is the new tail */
	node->child = rev;
}

static int by_text(const void *x, const void *y)
{
	return strcmp(*(char *const *) x, *(char *const *) y);
}

/* The findings of TEXT, as sorted "rule pointer" lines in OUT. */
static size_t findings(const char *text, size_t len, const char *name,
                       char **out)
{
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags d;
	size_t n = 0;

	sfn_diags_init(&d);
	if (sfn_json_parse(text, len, name, NULL, &d, &doc) == SFN_OK) {
		const cJSON *root = sfn_json_root(doc);

		if (sfn_asl_is_template(root))
			sfn_asl_validate_template(doc, text, len, &d);
		else
			sfn_asl_validate(doc, root, NULL, &d);
	}
	for (size_t i = 0; i < d.count && n < MAX_FINDINGS; i++) {
		const struct sfn_diag *g = &d.items[i];
		size_t size = strlen(g->pointer ? g->pointer : "") + 80;

		out[n] = malloc(size);
		if (out[n] == NULL)
			break;
		snprintf(out[n++], size, "%s %s", sfn_rule_get(g->rule)->name,
		         g->pointer ? g->pointer : "");
	}
	qsort(out, n, sizeof(*out), by_text);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	return n;
}

static void free_all(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
}

/* The first difference of two sorted lists, for the failure line. */
static void report(const char *name, char **a, size_t na, char **b, size_t nb)
{
	size_t i = 0;

	while (i < na && i < nb && strcmp(a[i], b[i]) == 0)
		i++;
	printf("FAIL reversed/%s: %zu findings as written, %zu reversed; "
	       "first difference: '%s' / '%s'\n",
	       name, na, nb, i < na ? a[i] : "-", i < nb ? b[i] : "-");
}

/* Whether the JSON reader takes TEXT without a word: duplicate keys make
 * member order matter by nature, and broken files have no members. */
static int reader_clean(const char *text, size_t len, const char *name)
{
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags d;
	int clean;

	sfn_diags_init(&d);
	clean = sfn_json_parse(text, len, name, NULL, &d, &doc) == SFN_OK &&
	        d.count == 0;
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	return clean;
}

/* 1 when FILE gives the same findings both ways, 0 when not, -1 when it
 * cannot be read or the reader has findings of its own. */
static int compare(const char *path, const char *name)
{
	static char *as[MAX_FINDINGS], *rev[MAX_FINDINGS];
	char *text, *flipped;
	size_t len, na, nr;
	cJSON *tree;
	int same;

	if (sfn_read_file(path, SFN_JSON_MAX_BYTES, &text, &len) != SFN_OK)
		return -1;
	tree = reader_clean(text, len, name) ? cJSON_ParseWithLength(text, len)
	                                     : NULL;
	if (tree == NULL) {
		printf("# reversed/%s: not compared (the reader has "
		       "findings)\n",
		       name);
		free(text);
		return -1;
	}
	reverse(tree);
	flipped = cJSON_Print(tree);
	cJSON_Delete(tree);
	na = findings(text, len, name, as);
	nr = flipped ? findings(flipped, strlen(flipped), name, rev) : 0;
	same = flipped != NULL && na == nr && na < MAX_FINDINGS;
	for (size_t i = 0; same && i < na; i++)
		same = strcmp(as[i], rev[i]) == 0;
	if (same)
		printf("ok reversed/%s (%zu findings)\n", name, na);
	else
		report(name, as, na, rev, nr);
	free_all(as, na);
	free_all(rev, nr);
	cJSON_free(flipped);
	free(text);
	return same;
}

/* The manifest's cases; returns how many were compared. */
static size_t corpus(const char *shared, size_t *failed)
{
	char dir[4096], path[8192];
	size_t n = 0;
	cJSON *m;

	snprintf(dir, sizeof(dir), "%s/conformance/asl-lint", shared);
	m = manifest_load(dir, "reversed/asl-lint", "");
	if (m == NULL)
		return 0;
	for (const cJSON *c = manifest_cases(m); c != NULL; c = c->next) {
		const char *file =
		        cJSON_GetStringValue(cJSON_GetObjectItem(c, "file"));
		char name[4200];
		int r;

		snprintf(path, sizeof(path), "%s/%s", dir, file);
		snprintf(name, sizeof(name), "asl-lint/%s", file);
		r = compare(path, name);
		*failed += r == 0;
		n += r >= 0;
	}
	cJSON_Delete(m);
	return n;
}

static int is_json(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

/* The JSON inputs of tests/golden/KIND that parse as JSON (some are
 * broken on purpose); returns how many were compared. */
static size_t golden(const char *srcdir, const char *kind, size_t *failed)
{
	char dir[4096], path[8192], name[4200];
	struct dirent *e;
	size_t n = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/tests/golden/%s", srcdir, kind);
	d = opendir(dir);
	if (d == NULL) {
		printf("skip reversed/golden/%s: %s not found\n", kind, dir);
		return 0;
	}
	while ((e = readdir(d)) != NULL) {
		int r;

		if (!is_json(e->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		snprintf(name, sizeof(name), "golden/%s/%s", kind, e->d_name);
		r = compare(path, name);
		*failed += r == 0;
		n += r >= 0;
	}
	closedir(d);
	return n;
}

int main(void)
{
	const char *shared = getenv("SFN_SHARED");
	const char *srcdir = getenv("SFN_SRCDIR");
	size_t failed = 0, n;

	n = corpus(shared ? shared : "../shared", &failed);
	n += golden(srcdir ? srcdir : ".", "asl", &failed);
	n += golden(srcdir ? srcdir : ".", "lint", &failed);
	printf("# reversed: %zu definitions and templates compared, %zu "
	       "differ\n",
	       n, failed);
	return failed ? 1 : 0;
}
