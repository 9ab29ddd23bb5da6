/* The ASL linter over definitions other linters' authors wrote
 * ($SFN_SHARED/conformance/asl-lint, listed in manifest.json): every valid
 * one must give no error, every invalid one at least one (the headline
 * count). Cases whose verdict rests on the source tool's own stricter rule
 * ("doubt" in the manifest) must give the verdict verdicts/asl-doubt.tsv
 * records; cases where the service's recorded behaviour contradicts the
 * fixture are listed in verdicts/asl-disagree.tsv. Both are reported apart
 * from the headline (docs/conformance.md). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/asl.h"
#include "sfn/json.h"
#include "suite.h"

static const char *const verdicts[] = { "valid", "invalid", NULL };

struct tally {
	size_t pass, fail;                      /* the headline cases */
	size_t doubt, doubt_source, doubt_fail; /* table-checked doubt cases */
	size_t disagree, disagree_fail;         /* documented disagreements */
};

struct tables {
	struct suite_table doubt, disagree;
};

/* How many errors linting FILE gives; -1 when it cannot be read. */
static long lint_errors(const char *path, char *first, size_t size)
{
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags d;
	char *text;
	size_t len;
	long errors;

	if (sfn_read_file(path, SFN_JSON_MAX_BYTES, &text, &len) != SFN_OK)
		return -1;
	sfn_diags_init(&d);
	if (sfn_json_parse(text, len, path, NULL, &d, &doc) == SFN_OK)
		sfn_asl_validate(doc, sfn_json_root(doc), NULL, &d);
	errors = (long) d.errors;
	first[0] = '\0';
	for (size_t i = 0; i < d.count; i++)
		if (d.items[i].severity == SFN_SEV_ERROR) {
			snprintf(first, size, "%u:%u: %s", d.items[i].loc.line,
			         d.items[i].loc.col, d.items[i].message);
			break;
		}
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	free(text);
	return errors;
}

/* A case with neither doubt nor a row of its own: sfnc must agree with
 * the fixture. */
static void judge(const char *file, const char *want, long errors,
                  const char *first, struct tally *t)
{
	if (strcmp(want, errors == 0 ? "valid" : "invalid") == 0) {
		printf("ok conformance/asl-lint/%s\n", file);
		t->pass++;
		return;
	}
	printf("FAIL conformance/asl-lint/%s: expected %s, %ld error%s%s%s\n",
	       file, want, errors, errors == 1 ? "" : "s", first[0] ? ": " : "",
	       first);
	t->fail++;
}

/* A case listed as a documented disagreement: its row must hold the
 * opposite of the fixture's verdict, and sfnc must give the row's. */
static void judge_disagreement(struct tables *tb, const char *file,
                               const char *want, const char *got,
                               struct tally *t)
{
	const struct suite_row *row = suite_table_find(&tb->disagree, file);

	t->disagree++;
	if (strcmp(row->verdict, want) == 0) {
		printf("FAIL verdict/asl-lint/%s: %s lists it as a "
		       "disagreement, but with the fixture's own verdict\n",
		       file, tb->disagree.file);
		t->disagree_fail++;
	} else if (!suite_verdict(&tb->disagree, "verdict/asl-lint", file,
	                          got)) {
		t->disagree_fail++;
	}
}

static void run_case(const char *dir, const cJSON *c, struct tables *tb,
                     struct tally *t)
{
	const char *file = cJSON_GetStringValue(cJSON_GetObjectItem(c, "file"));
	const char *want =
	        cJSON_GetStringValue(cJSON_GetObjectItem(c, "expected"));
	const char *doubt =
	        cJSON_GetStringValue(cJSON_GetObjectItem(c, "doubt"));
	char path[8192], first[400];
	long errors;
	const char *got;

	if (file == NULL || want == NULL) {
		printf("FAIL conformance/asl-lint: a manifest case without "
		       "\"file\" or \"expected\"\n");
		t->fail++;
		return;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	errors = lint_errors(path, first, sizeof(first));
	if (errors < 0) {
		printf("FAIL conformance/asl-lint/%s: cannot read\n", file);
		t->fail++;
		return;
	}
	got = errors == 0 ? "valid" : "invalid";
	if (doubt != NULL) {
		t->doubt++;
		t->doubt_source += strcmp(got, want) == 0;
		t->doubt_fail += !suite_verdict(&tb->doubt, "verdict/asl-lint",
		                                file, got);
	} else if (suite_table_find(&tb->disagree, file) != NULL) {
		judge_disagreement(tb, file, want, got, t);
	} else {
		judge(file, want, errors, first, t);
	}
}

/* Runs every case of the manifest M; returns how many failed. */
static size_t run_all(const char *dir, const char *manifest, const cJSON *m,
                      struct tables *tb)
{
	const cJSON *cases = cJSON_GetObjectItem(m, "cases");
	struct tally t = { 0, 0, 0, 0, 0, 0, 0 };
	size_t failed;

	failed = !suite_count("conformance/asl-lint", manifest,
	                      (size_t) cJSON_GetArraySize(cases),
	                      SUITE_ASL_CASES);
	for (const cJSON *c = cases ? cases->child : NULL; c; c = c->next)
		run_case(dir, c, tb, &t);
	failed += suite_table_unseen(&tb->doubt, "verdict/asl-lint");
	failed += suite_table_unseen(&tb->disagree, "verdict/asl-lint");
	printf("# asl-lint: %zu of %zu cases agree with the fixtures; doubt "
	       "cases: %zu, %zu with the table's verdict (%zu of them the "
	       "source tool's); documented disagreements: %zu, %zu with the "
	       "table's verdict\n",
	       t.pass, t.pass + t.fail, t.doubt, t.doubt - t.doubt_fail,
	       t.doubt_source, t.disagree, t.disagree - t.disagree_fail);
	return failed + t.fail + t.doubt_fail + t.disagree_fail;
}

/* Reads and runs the manifest; returns how many cases failed. */
static size_t run_manifest(struct tables *tb)
{
	char dir[4096], manifest[8192];
	char *text = NULL;
	size_t len, failed;
	cJSON *m = NULL;

	snprintf(dir, sizeof(dir), "%s/conformance/asl-lint", suite_root());
	snprintf(manifest, sizeof(manifest), "%s/manifest.json", dir);
	if (sfn_read_file(manifest, (size_t) 1 << 24, &text, &len) == SFN_OK)
		m = cJSON_Parse(text);
	free(text);
	failed = run_all(dir, manifest, m, tb);
	cJSON_Delete(m);
	return failed;
}

int main(void)
{
	struct tables tb;
	size_t rows;
	int failed;

	memset(&tb, 0, sizeof(tb));
	if (!suite_table_load(&tb.doubt, "asl-doubt", verdicts,
	                      "verdict/asl-lint") ||
	    !suite_table_load(&tb.disagree, "asl-disagree", verdicts,
	                      "verdict/asl-lint")) {
		suite_table_free(&tb.doubt);
		suite_table_free(&tb.disagree);
		return 1;
	}
	rows = tb.doubt.count + tb.disagree.count;
	if (!suite_root_present()) {
		failed = suite_absent("conformance/asl-lint",
		                      SUITE_ASL_CASES - rows);
		failed |= suite_absent("verdict/asl-lint", rows);
	} else {
		failed = run_manifest(&tb) > 0;
	}
	suite_table_free(&tb.doubt);
	suite_table_free(&tb.disagree);
	return failed;
}
