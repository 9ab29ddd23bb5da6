/* The RFC 9535 JSONPath Compliance Test Suite over the path engine in
 * rfc9535 mode: invalid selectors must be refused, valid ones must give
 * the expected nodes and normalized paths (any of the listed results
 * where the order is not determined). Every failing case is listed by
 * name, and the totals are printed. Reads
 * $SFN_SHARED/conformance/jsonpath/cts.json, which must hold the whole
 * suite; see suite.h for a missing shared root. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/json.h"
#include "sfn/jsonout.h"
#include "sfn/path.h"
#include "suite.h"

static cJSON *nodes_as_array(const struct sfn_nodelist *l, int paths)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < l->count; i++)
		cJSON_AddItemToArray(a,
		                     paths ? cJSON_CreateString(l->paths[i])
		                           : cJSON_Duplicate(l->nodes[i], 1));
	return a;
}

/* Whether GOT equals WANT, or one of WANTS' entries (same index in
 * WANT_PATHS for the paths). */
static int matches(const cJSON *c, const cJSON *values, const cJSON *paths)
{
	const cJSON *want = cJSON_GetObjectItem(c, "result");
	const cJSON *want_paths = cJSON_GetObjectItem(c, "result_paths");
	const cJSON *alts = cJSON_GetObjectItem(c, "results");
	const cJSON *alt_paths = cJSON_GetObjectItem(c, "results_paths");

	if (want != NULL)
		return cJSON_Compare(want, values, 1) &&
		       (!want_paths || cJSON_Compare(want_paths, paths, 1));
	for (int i = 0; i < cJSON_GetArraySize(alts); i++) {
		if (cJSON_Compare(cJSON_GetArrayItem(alts, i), values, 1) &&
		    (!alt_paths ||
		     cJSON_Compare(cJSON_GetArrayItem(alt_paths, i), paths, 1)))
			return 1;
	}
	return 0;
}

static enum sfn_status collect(void *ctx, const char *text, size_t len)
{
	return sfn_buf_add(ctx, text, len);
}

/* The streaming evaluator must print exactly what the tree evaluator
 * finds: VALUES, as a compact array. Returns -1 when the selector does
 * not stream, else whether the two agree. */
static int stream_agrees(const struct sfn_path *p, const cJSON *doc,
                         const cJSON *values)
{
	struct sfn_buf want, got;
	struct sfn_path_stream_opts so = { SFN_JSONOUT_COMPACT, 1, collect,
		                           &got, 0 };
	char *text = cJSON_PrintUnformatted(doc);
	size_t count;
	int same;

	if (!sfn_path_streamable(p) || text == NULL) {
		free(text);
		return -1;
	}
	sfn_buf_init(&want, (size_t) 1 << 26);
	sfn_buf_init(&got, (size_t) 1 << 26);
	sfn_jsonout_value(values, SFN_JSONOUT_COMPACT, &want);
	same = sfn_path_stream(p, text, strlen(text), &so, &count) == SFN_OK &&
	       strcmp(sfn_buf_str(&want), sfn_buf_str(&got)) == 0;
	if (!same)
		printf("  stream gave %.200s\n", sfn_buf_str(&got));
	sfn_buf_free(&want);
	sfn_buf_free(&got);
	free(text);
	return same;
}

/* The tape evaluator must print exactly what the tree evaluator finds,
 * for every valid case: its VALUES and its normalized PATHS, as compact
 * arrays. */
static int tape_agrees(const struct sfn_path *p, const cJSON *doc,
                       const cJSON *values, const cJSON *paths)
{
	struct sfn_buf want, got;
	struct sfn_path_stream_opts so = { SFN_JSONOUT_COMPACT, 1, collect,
		                           &got, 0 };
	char *text = cJSON_PrintUnformatted(doc);
	size_t count;
	int same = 1;

	for (int as_paths = 0; as_paths < 2 && same && text; as_paths++) {
		sfn_buf_init(&want, (size_t) 1 << 26);
		sfn_buf_init(&got, (size_t) 1 << 26);
		sfn_jsonout_value(as_paths ? paths : values,
		                  SFN_JSONOUT_COMPACT, &want);
		same = sfn_path_tape(p, text, strlen(text), &so, as_paths,
		                     &count) == SFN_OK &&
		       strcmp(sfn_buf_str(&want), sfn_buf_str(&got)) == 0;
		if (!same)
			printf("  tape gave %.200s\n", sfn_buf_str(&got));
		sfn_buf_free(&want);
		sfn_buf_free(&got);
	}
	free(text);
	return text != NULL && same;
}

/* Runs one case; returns 1 when it passed. */
static int run_case(const cJSON *c, char *why, size_t size, int *streamed,
                    int *taped)
{
	const char *selector = cJSON_GetObjectItem(c, "selector")->valuestring;
	int invalid = cJSON_IsTrue(cJSON_GetObjectItem(c, "invalid_selector"));
	struct sfn_diags d;
	struct sfn_path *p = NULL;
	struct sfn_nodelist l;
	enum sfn_status st;
	int ok = 0;

	sfn_diags_init(&d);
	st = sfn_path_parse(selector, SFN_PATH_RFC9535, NULL, &d, &p);
	if (invalid) {
		ok = st == SFN_ERR_SYNTAX && d.errors > 0;
		snprintf(why, size, "accepted an invalid selector");
	} else if (st != SFN_OK) {
		snprintf(why, size, "refused: %s",
		         d.count ? d.items[0].message : "?");
	} else if (sfn_path_eval(p, cJSON_GetObjectItem(c, "document"), 1, &l,
	                         NULL) == SFN_OK) {
		cJSON *values = nodes_as_array(&l, 0);
		cJSON *paths = nodes_as_array(&l, 1);
		char *got = cJSON_PrintUnformatted(values);

		ok = matches(c, values, paths);
		snprintf(why, size, "got %.300s", got ? got : "?");
		*streamed = stream_agrees(p, cJSON_GetObjectItem(c, "document"),
		                          values);
		*taped = tape_agrees(p, cJSON_GetObjectItem(c, "document"),
		                     values, paths);
		free(got);
		cJSON_Delete(values);
		cJSON_Delete(paths);
		sfn_nodelist_free(&l);
	}
	sfn_path_free(p);
	sfn_diags_free(&d);
	return ok;
}

/* Runs every case of TESTS; returns how many failed. */
static size_t run_all(const cJSON *tests)
{
	size_t passed = 0, failed = 0, streamed = 0, stream_failed = 0;
	size_t taped = 0, tape_failed = 0;
	char why[400];

	for (cJSON *c = tests ? tests->child : NULL; c; c = c->next) {
		const char *name = cJSON_GetObjectItem(c, "name")->valuestring;
		int stream = -1, tape = -1;

		if (run_case(c, why, sizeof(why), &stream, &tape)) {
			printf("ok conformance/jsonpath/%s\n", name);
			passed++;
		} else {
			printf("FAIL conformance/jsonpath/%s: %s\n", name, why);
			failed++;
		}
		if (stream >= 0) {
			printf("%s conformance/jsonpath-stream/%s\n",
			       stream ? "ok" : "FAIL", name);
			streamed++;
			stream_failed += !stream;
		}
		if (tape >= 0) {
			printf("%s conformance/jsonpath-tape/%s\n",
			       tape ? "ok" : "FAIL", name);
			taped++;
			tape_failed += !tape;
		}
	}
	printf("# the streaming evaluator ran %zu of the cases\n", streamed);
	printf("# the tape evaluator ran %zu of the cases, %zu differ\n", taped,
	       tape_failed);
	printf("# rfc9535 compliance: %zu of %zu cases pass\n", passed,
	       passed + failed);
	return failed + stream_failed + tape_failed;
}

int main(void)
{
	char file[4096];
	char *text = NULL;
	size_t len, failed;
	cJSON *suite = NULL, *tests;

	if (!suite_root_present())
		return suite_absent("conformance/jsonpath", SUITE_CTS_CASES);
	snprintf(file, sizeof(file), "%s/conformance/jsonpath/cts.json",
	         suite_root());
	if (sfn_read_file(file, (size_t) 1 << 26, &text, &len) == SFN_OK)
		suite = cJSON_Parse(text);
	free(text);
	tests = cJSON_GetObjectItem(suite, "tests");
	failed = !suite_count("conformance/jsonpath", file,
	                      (size_t) cJSON_GetArraySize(tests),
	                      SUITE_CTS_CASES);
	failed += run_all(tests);
	cJSON_Delete(suite);
	return failed ? 1 : 0;
}
