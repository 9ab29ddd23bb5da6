/* YAML reader: typing of scalars, CloudFormation tags, anchors, the
 * locations of keys and values, and errors. */
#include "config.h"

#include <stdlib.h>

#include "sfn/json.h"
#include "test.h"

static char *parse_compact(const char *text, struct sfn_diags *d,
                           struct sfn_json_doc **doc)
{
	sfn_diags_init(d);
	if (sfn_yaml_parse(text, strlen(text), "t.yaml", d, doc) != SFN_OK)
		return NULL;
	return cJSON_PrintUnformatted(sfn_json_root(*doc));
}

static const struct {
	const char *yaml, *json;
} docs[] = {
	{ "a: 1\nb: [true, null, ~, 2.5, -3, 0x1f, 0o17]\n",
	  "{\"a\":1,\"b\":[true,null,null,2.5,-3,31,15]}" },
	{ "a: '1'\nb: \"true\"\nc: yes\nd: 1.2.3\ne: \"\"\n",
	  "{\"a\":\"1\",\"b\":\"true\",\"c\":\"yes\",\"d\":\"1.2.3\","
	  "\"e\":\"\"}" },
	{ "r: !Ref Bucket\ns: !Sub 'arn:${AWS::Partition}:x'\n"
	  "g: !GetAtt Role.Arn\nj: !Join ['', [a, !Ref B]]\n",
	  "{\"r\":{\"Ref\":\"Bucket\"},\"s\":{\"Fn::Sub\":\"arn:${AWS::"
	  "Partition}:x\"},\"g\":{\"Fn::GetAtt\":[\"Role\",\"Arn\"]},"
	  "\"j\":{\"Fn::Join\":[\"\",[\"a\",{\"Ref\":\"B\"}]]}}" },
	{ "base: &b {x: 1}\ncopy: *b\n",
	  "{\"base\":{\"x\":1},\"copy\":{\"x\":1}}" },
	{ "text: |\n  line 1\n  line 2\n",
	  "{\"text\":\"line 1\\nline 2\\n\"}" },
};

static void documents(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		struct sfn_diags d;
		struct sfn_json_doc *doc = NULL;
		char *got = parse_compact(docs[i].yaml, &d, &doc);

		if (got == NULL || strcmp(got, docs[i].json) != 0)
			test_fail(t, __FILE__, __LINE__, "case %zu: %s", i,
			          got ? got
			              : (d.count ? d.items[0].message : "?"));
		free(got);
		sfn_json_doc_free(doc);
		sfn_diags_free(&d);
	}
}

static void locations(struct test_state *t)
{
	static const char text[] = "Resources:\n  Machine:\n    Type: x\n";
	struct sfn_diags d;
	struct sfn_json_doc *doc = NULL;
	struct sfn_span s;
	cJSON *machine, *type;
	char *got = parse_compact(text, &d, &doc);

	CHECK(got != NULL);
	free(got);
	machine = cJSON_GetObjectItem(sfn_json_root(doc), "Resources")->child;
	type = cJSON_GetObjectItem(machine, "Type");
	CHECK(sfn_json_key_span(doc, machine, &s));
	CHECK(s.line == 2 && s.col == 3 && s.end_col == 10);
	CHECK(sfn_json_key_span(doc, type, &s));
	CHECK(s.line == 3 && s.col == 5);
	CHECK(sfn_json_value_span(doc, type, &s));
	CHECK(s.line == 3 && s.col == 11 && s.end_col == 12);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
}

static void errors(struct test_state *t)
{
	static const struct {
		const char *yaml;
		unsigned line;
		enum sfn_rule_id rule;
	} bad[] = {
		{ "a: [1, 2\n", 2, SFN_RULE_YAML_SYNTAX },
		{ "a: *nope\n", 1, SFN_RULE_YAML_SYNTAX },
		{ "a: 1\n---\nb: 2\n", 2, SFN_RULE_YAML_SYNTAX },
		{ "", 1, SFN_RULE_YAML_SYNTAX },
		{ "? [a]\n: 1\n", 1, SFN_RULE_YAML_SYNTAX },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct sfn_diags d;
		struct sfn_json_doc *doc = NULL;

		sfn_diags_init(&d);
		CHECK(sfn_yaml_parse(bad[i].yaml, strlen(bad[i].yaml), "t.yaml",
		                     &d, &doc) != SFN_OK);
		CHECK(doc == NULL && d.count == 1);
		if (d.items[0].rule != bad[i].rule ||
		    d.items[0].loc.line != bad[i].line)
			test_fail(t, __FILE__, __LINE__, "case %zu: %u: %s", i,
			          d.items[0].loc.line, d.items[0].message);
		sfn_diags_free(&d);
	}
}

static void duplicate_keys(struct test_state *t)
{
	struct sfn_diags d;
	struct sfn_json_doc *doc = NULL;
	char *got = parse_compact("a: 1\nb: 2\na: 3\n", &d, &doc);

	CHECK(got != NULL);
	CHECK_INT(d.count, 1);
	CHECK(d.items[0].rule == SFN_RULE_JSON_DUPLICATE_KEY);
	CHECK_INT(d.items[0].loc.line, 3);
	free(got);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
}

const struct test sfn_tests_yaml[] = {
	{ "documents", documents },
	{ "locations", locations },
	{ "errors", errors },
	{ "duplicate_keys", duplicate_keys },
	{ NULL, NULL },
};
