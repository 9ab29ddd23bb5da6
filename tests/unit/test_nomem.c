/* Out of memory on purpose: cJSON's allocator is swapped for one whose
 * Nth call fails, for each N in turn, and every such failure must come
 * back as SFN_ERR_NOMEM, never as partial output. cJSON's hooks are
 * process-global, so each test puts the ordinary ones back. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "sfn/diag.h"
#include "sfn/json.h"
#include "sfn/jsonata.h"
#include "sfn/util.h"
#include "test.h"

static long allocs_left; /* calls that succeed before the one that fails */
static int failed;       /* the failure happened */

static void *failing_malloc(size_t n)
{
	if (allocs_left-- == 0) {
		failed = 1;
		return NULL;
	}
	return malloc(n);
}

/* Makes cJSON's allocation number N (from 0) fail, and only that one. */
static void fail_after(long n)
{
	cJSON_Hooks hooks = { failing_malloc, free };

	allocs_left = n;
	failed = 0;
	cJSON_InitHooks(&hooks);
}

static void normal_hooks(void)
{
	cJSON_InitHooks(NULL);
}

/* The SARIF and JSON reports are built as cJSON trees: whichever
 * allocation fails, rendering says so and prints nothing; with enough
 * memory it succeeds. */
static void render_nomem(struct test_state *t, enum sfn_format format,
                         long at_least)
{
	struct sfn_render_opts ro = { format, NULL, 0, "0", 0 };
	struct sfn_loc loc = { "f.json", 2, 7, 2, 10 };
	struct sfn_diags d;
	enum sfn_status st;
	long n;

	sfn_diags_init(&d);
	sfn_diag_add(&d, SFN_RULE_JSON_SYNTAX, &loc, "/a", "bad literal");
	for (n = 0, failed = 1; failed && n < 100000; n++) {
		struct sfn_buf out;

		sfn_buf_init(&out, 1 << 20);
		fail_after(n);
		st = sfn_diags_render(&d, &ro, &out);
		normal_hooks();
		if (st != (failed ? SFN_ERR_NOMEM : SFN_OK) ||
		    (st != SFN_OK && out.len != 0))
			test_fail(t, __FILE__, __LINE__,
			          "allocation %ld failed: status %d, %zu bytes",
			          n, (int) st, out.len);
		sfn_buf_free(&out);
	}
	sfn_diags_free(&d);
	CHECK(n > at_least); /* the failures were real */
}

static void sarif_nomem(struct test_state *t)
{
	render_nomem(t, SFN_FORMAT_SARIF, 100); /* one per rule at least */
}

static void json_nomem(struct test_state *t)
{
	render_nomem(t, SFN_FORMAT_JSON, 10);
}

/* The YAML reader builds its tree with cJSON: whichever allocation fails,
 * it returns SFN_ERR_NOMEM and no document, never a document with a piece
 * missing; with enough memory it reads the whole. */
static void yaml_nomem(struct test_state *t)
{
	static const char text[] = "a: &x [1, two, {k: !Ref B}]\n"
	                           "b: *x\n"
	                           "c: !GetAtt Role.Arn\n"
	                           "d: {a: 1, a: 2}\n";
	static const char want[] = "{\"a\":[1,\"two\",{\"k\":{\"Ref\":\"B\"}}],"
	                           "\"b\":[1,\"two\",{\"k\":{\"Ref\":\"B\"}}],"
	                           "\"c\":{\"Fn::GetAtt\":[\"Role\",\"Arn\"]},"
	                           "\"d\":{\"a\":1,\"a\":2}}";
	long n;

	for (n = 0, failed = 1; failed && n < 100000; n++) {
		struct sfn_json_doc *doc = NULL;
		struct sfn_diags d;
		enum sfn_status st;
		char *got = NULL;

		sfn_diags_init(&d);
		fail_after(n);
		st = sfn_yaml_parse(text, sizeof(text) - 1, "t.yaml", &d, &doc);
		normal_hooks();
		if (doc != NULL)
			got = cJSON_PrintUnformatted(sfn_json_root(doc));
		/* a failure may be survived, but only with the whole tree */
		if (!(st == SFN_ERR_NOMEM && doc == NULL && failed) &&
		    !(st == SFN_OK && got != NULL && strcmp(got, want) == 0))
			test_fail(t, __FILE__, __LINE__,
			          "allocation %ld failed: status %d, %s", n,
			          (int) st, got ? got : "no document");
		free(got);
		sfn_json_doc_free(doc);
		sfn_diags_free(&d);
	}
	CHECK(n > 10);
}

/* A JSONata result is handed back as a cJSON tree: whichever allocation
 * fails (a node, or the copy of a member's key), the evaluation returns
 * SFN_ERR_NOMEM and no tree, never one with a member missing. */
static void jsonata_nomem(struct test_state *t)
{
	static const char expr[] = "{\"a\": \"x\", \"b\": [1, {\"c\": true, "
	                           "\"d\": null}], \"e\": $}";
	static const char want[] = "{\"a\":\"x\",\"b\":[1,{\"c\":true,"
	                           "\"d\":null}],\"e\":{\"k\":[2]}}";
	cJSON *in = cJSON_Parse("{\"k\": [2]}");
	struct sfn_jsonata *e = NULL;
	long n;

	CHECK(in != NULL);
	CHECK_INT(sfn_jsonata_parse(expr, sizeof(expr) - 1, &e, NULL), SFN_OK);
	for (n = 0, failed = 1; failed && n < 100000; n++) {
		enum sfn_status st;
		cJSON *r = NULL;
		char *got = NULL;

		fail_after(n);
		st = sfn_jsonata_eval(e, in, NULL, NULL, &r, NULL);
		normal_hooks();
		if (r != NULL)
			got = cJSON_PrintUnformatted(r);
		if (!(st == SFN_ERR_NOMEM && r == NULL && failed) &&
		    !(st == SFN_OK && got != NULL && strcmp(got, want) == 0))
			test_fail(t, __FILE__, __LINE__,
			          "allocation %ld failed: status %d, %s", n,
			          (int) st, got ? got : "no result");
		free(got);
		cJSON_Delete(r);
	}
	sfn_jsonata_free(e);
	cJSON_Delete(in);
	CHECK(n > 10);
}

const struct test sfn_tests_nomem[] = {
	{ "sarif_nomem", sarif_nomem },
	{ "json_nomem", json_nomem },
	{ "yaml_nomem", yaml_nomem },
	{ "jsonata_nomem", jsonata_nomem },
	{ NULL, NULL },
};
