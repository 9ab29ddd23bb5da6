/* Diagnostic sets: severities, counting, ordering, registry lookups. */
#include "config.h"

#include "sfn/diag.h"
#include "test.h"

static void registry(struct test_state *t)
{
	CHECK_INT(sfn_rule_find("json-syntax"), SFN_RULE_JSON_SYNTAX);
	CHECK_INT(sfn_rule_find("SFN1002"), SFN_RULE_JSON_DUPLICATE_KEY);
	CHECK_INT(sfn_rule_find("no-such-rule"), -1);
	CHECK_STR(sfn_rule_get(SFN_RULE_JSON_SYNTAX)->code, "SFN1001");
	CHECK(sfn_rule_get(SFN_RULE_COUNT) == NULL);
	for (int i = 0; i < SFN_RULE_COUNT; i++) {
		const struct sfn_rule *r = sfn_rule_get((enum sfn_rule_id) i);

		CHECK(sfn_rule_find(r->name) == i); /* names are unique */
		CHECK(sfn_rule_find(r->code) == i); /* codes are unique */
	}
}

static void add_and_count(struct test_state *t)
{
	struct sfn_diags d;
	struct sfn_loc loc = { "a.json", 2, 3, 2, 4 };
	char name[] = "b.json";

	sfn_diags_init(&d);
	sfn_diag_add(&d, SFN_RULE_JSON_SYNTAX, &loc, "/x", "bad %d", 1);
	loc.file = name;
	sfn_diag_add(&d, SFN_RULE_JSON_DUPLICATE_KEY, &loc, NULL, "dup");
	name[0] = 'z'; /* the set keeps its own copy */
	sfn_diag_add(&d, SFN_RULE_JSON_SYNTAX, NULL, NULL, "nowhere");
	CHECK_INT(d.count, 3);
	CHECK_INT(d.errors, 2);
	CHECK_INT(d.warnings, 1);
	CHECK_STR(d.items[0].message, "bad 1");
	CHECK_STR(d.items[0].pointer, "/x");
	CHECK_STR(d.items[1].loc.file, "b.json");
	CHECK(d.items[2].loc.file == NULL && d.items[2].loc.line == 0);
	CHECK(d.items[1].severity == SFN_SEV_WARNING);
	sfn_diags_free(&d);
}

static void disabled_rule(struct test_state *t)
{
	struct sfn_diags d;

	sfn_diags_init(&d);
	sfn_diags_set_severity(&d, SFN_RULE_JSON_DUPLICATE_KEY, SFN_SEV_OFF);
	sfn_diags_set_severity(&d, SFN_RULE_JSON_NUL_CHAR, SFN_SEV_ERROR);
	sfn_diag_add(&d, SFN_RULE_JSON_DUPLICATE_KEY, NULL, NULL, "x");
	sfn_diag_add(&d, SFN_RULE_JSON_NUL_CHAR, NULL, NULL, "y");
	CHECK_INT(d.count, 1);
	CHECK_INT(d.errors, 1);
	CHECK_INT(d.warnings, 0);
	sfn_diags_free(&d);
}

static void sort_is_stable(struct test_state *t)
{
	static const struct {
		const char *f;
		unsigned l, c;
	} in[] = {
		{ "b", 1, 1 }, { "a", 9, 2 }, { "a", 2, 5 },
		{ "a", 2, 5 }, { "a", 2, 1 }, { "b", 1, 1 },
	};
	static const char *const want[] = { "4", "2", "3", "1", "0", "5" };
	struct sfn_diags d;

	sfn_diags_init(&d);
	for (int i = 0; i < 6; i++) {
		struct sfn_loc loc = { in[i].f, in[i].l, in[i].c, 0, 0 };

		sfn_diag_add(&d, SFN_RULE_JSON_SYNTAX, &loc, NULL, "%d", i);
	}
	sfn_diags_sort(&d);
	for (int i = 0; i < 6; i++)
		CHECK_STR(d.items[i].message, want[i]);
	sfn_diags_free(&d);
}

static void formats(struct test_state *t)
{
	CHECK_INT(sfn_format_parse("text"), SFN_FORMAT_TEXT);
	CHECK_INT(sfn_format_parse("sarif"), SFN_FORMAT_SARIF);
	CHECK_INT(sfn_format_parse("github"), SFN_FORMAT_GITHUB);
	CHECK_INT(sfn_format_parse("json"), SFN_FORMAT_JSON);
	CHECK_INT(sfn_format_parse("xml"), -1);
}

static void text_caret(struct test_state *t)
{
	static const char src[] = "{\n\t\"k\": tru,\n}\n";
	struct sfn_source s = { "f.json", src, sizeof(src) - 1 };
	struct sfn_render_opts ro = { SFN_FORMAT_TEXT, &s, 1, "0" };
	struct sfn_loc loc = { "f.json", 2, 7, 2, 10 };
	struct sfn_diags d;
	struct sfn_buf out;

	sfn_diags_init(&d);
	sfn_diag_add(&d, SFN_RULE_JSON_SYNTAX, &loc, NULL, "bad literal");
	sfn_buf_init(&out, 4096);
	CHECK(sfn_diags_render(&d, &ro, &out) == SFN_OK);
	CHECK_STR(sfn_buf_str(&out),
	          "f.json:2:7: error: bad literal [json-syntax]\n"
	          "    2 | \t\"k\": tru,\n"
	          "      | \t     ^~~\n");
	sfn_buf_free(&out);
	sfn_diags_free(&d);
}

const struct test sfn_tests_diag[] = {
	{ "registry", registry },
	{ "add_and_count", add_and_count },
	{ "disabled_rule", disabled_rule },
	{ "sort_is_stable", sort_is_stable },
	{ "formats", formats },
	{ "text_caret", text_caret },
	{ NULL, NULL },
};
