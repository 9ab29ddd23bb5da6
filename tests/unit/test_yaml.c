/* YAML reader: typing of scalars, CloudFormation tags, anchors, the
 * locations of keys and values, and errors. */
#include "config.h"

#include <stdlib.h>

#include "sfn/json.h"
#include "sfn/util.h"
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

/* Appends N copies of ITEM, comma-separated, to BUF. */
static void items(struct sfn_buf *buf, const char *item, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sfn_buf_printf(buf, "%s%s", i ? ", " : "", item);
}

/* Parses TEXT; returns the status and, on failure, the message. */
static enum sfn_status parse_status(const char *text, size_t len,
                                    struct sfn_diags *d)
{
	struct sfn_json_doc *doc = NULL;
	enum sfn_status st;

	sfn_diags_init(d);
	st = sfn_yaml_parse(text, len, "t.yaml", d, &doc);
	sfn_json_doc_free(doc);
	return st;
}

/* Appends N sequences nested in each other: [[...]]. */
static void nested(struct sfn_buf *buf, int n)
{
	for (int i = 0; i < n; i++)
		sfn_buf_addc(buf, '[');
	for (int i = 0; i < n; i++)
		sfn_buf_addc(buf, ']');
}

/* Parses all of TEXT, then frees it. */
static enum sfn_status parse_taken(struct sfn_buf *text, struct sfn_diags *d)
{
	enum sfn_status st = parse_status(sfn_buf_str(text), text->len, d);

	sfn_buf_free(text);
	return st;
}

/* TEXT[0, EDGE) reads cleanly; the whole of TEXT, one step more, fails
 * with a json-limit error at LINE:COL saying MESSAGE. Frees TEXT. */
static void edge_and_past(struct test_state *t, struct sfn_buf *text,
                          size_t edge, unsigned line, unsigned col,
                          const char *message)
{
	struct sfn_diags d;
	enum sfn_status at, past;
	size_t count;

	at = parse_status(sfn_buf_str(text), edge, &d);
	count = d.count;
	sfn_diags_free(&d);
	past = parse_taken(text, &d);
	CHECK_INT(at, SFN_OK);
	CHECK_INT(count, 0);
	CHECK_INT(past, SFN_ERR_LIMIT);
	CHECK_INT(d.count, 1);
	CHECK(d.items[0].rule == SFN_RULE_JSON_LIMIT);
	CHECK_INT(d.items[0].loc.line, line);
	CHECK_INT(d.items[0].loc.col, col);
	CHECK_STR(d.items[0].message, message);
	sfn_diags_free(&d);
}

/* s: 1 (anchored), a list of 999 scalars (anchored: 1,000 nodes), then
 * 1,000 aliases of the list: exactly SFN_YAML_MAX_ALIAS_NODES copied;
 * one more alias of the scalar is one node past. */
static void alias_budget(struct test_state *t)
{
	struct sfn_buf text;
	size_t edge;

	CHECK_INT(SFN_YAML_MAX_ALIAS_NODES, 1000 * 1000);
	sfn_buf_init(&text, 1 << 20);
	sfn_buf_adds(&text, "s: &s 1\na: &a [");
	items(&text, "1", 999);
	sfn_buf_adds(&text, "]\nb: [");
	items(&text, "*a", 1000);
	sfn_buf_adds(&text, "]\n");
	edge = text.len;
	sfn_buf_adds(&text, "c: *s\n");
	CHECK(text.status == SFN_OK);
	edge_and_past(t, &text, edge, 4, 4,
	              "aliases copy more than 1000000 nodes in all "
	              "(SFN_YAML_MAX_ALIAS_NODES)");
}

/* Nine aliases of nine aliases of ... ("billion laughs"): stops at the
 * budget, early, instead of building 9^10 nodes. */
static void billion_laughs(struct test_state *t)
{
	struct sfn_buf text;
	struct sfn_diags d;

	sfn_buf_init(&text, 1 << 16);
	sfn_buf_adds(&text, "l0: &l0 [");
	items(&text, "lol", 9);
	for (int i = 1; i < 10; i++) {
		char alias[8];

		snprintf(alias, sizeof(alias), "*l%d", i - 1);
		sfn_buf_printf(&text, "]\nl%d: &l%d [", i, i);
		items(&text, alias, 9);
	}
	sfn_buf_adds(&text, "]\n");
	CHECK(text.status == SFN_OK);
	CHECK_INT(parse_taken(&text, &d), SFN_ERR_LIMIT);
	CHECK_INT(d.count, 1);
	CHECK_INT(d.items[0].loc.line, 7); /* l6 holds 9^7 nodes */
	sfn_diags_free(&d);
}

/* An alias copies its anchor's depth: at the limit it fits, one level
 * deeper it is refused. */
static void alias_depth(struct test_state *t)
{
	struct sfn_buf text;
	size_t edge;

	sfn_buf_init(&text, 1 << 16);
	sfn_buf_adds(&text, "a: &a ");
	nested(&text, SFN_JSON_MAX_DEPTH - 1);
	sfn_buf_adds(&text, "\nb: *a\n");
	edge = text.len;
	sfn_buf_adds(&text, "c: [*a]\n");
	CHECK(text.status == SFN_OK);
	edge_and_past(t, &text, edge, 3, 5,
	              "this alias nests mappings and sequences deeper than "
	              "1000 levels");
}

/* Mappings and sequences nest SFN_JSON_MAX_DEPTH levels, the document's
 * own mapping included; the bracket that opens one more is refused. */
static void nesting(struct test_state *t)
{
	struct sfn_buf text;
	size_t edge;

	sfn_buf_init(&text, 1 << 16);
	sfn_buf_adds(&text, "a: ");
	nested(&text, SFN_JSON_MAX_DEPTH - 1);
	sfn_buf_adds(&text, "\n");
	edge = text.len;
	sfn_buf_adds(&text, "b: ");
	nested(&text, SFN_JSON_MAX_DEPTH);
	sfn_buf_adds(&text, "\n");
	CHECK(text.status == SFN_OK);
	edge_and_past(t, &text, edge, 2, 3 + SFN_JSON_MAX_DEPTH,
	              "mappings and sequences nest deeper than 1000 levels");
}

/* Each duplicate is found once, in a mapping of many keys. */
static void many_keys(struct test_state *t)
{
	struct sfn_buf text;
	struct sfn_diags d;

	sfn_buf_init(&text, 1 << 20);
	for (int i = 0; i < 5000; i++)
		sfn_buf_printf(&text, "k%d: %d\n", i % 4000, i);
	CHECK(text.status == SFN_OK);
	CHECK_INT(parse_taken(&text, &d), SFN_OK);
	CHECK_INT(d.count, 1000);
	CHECK_INT(d.items[0].loc.line, 4001);
	CHECK_STR(d.items[999].message, "duplicate key \"k999\"");
	sfn_diags_free(&d);
}

const struct test sfn_tests_yaml[] = {
	{ "documents", documents },
	{ "locations", locations },
	{ "errors", errors },
	{ "duplicate_keys", duplicate_keys },
	{ "alias_budget", alias_budget },
	{ "billion_laughs", billion_laughs },
	{ "alias_depth", alias_depth },
	{ "nesting", nesting },
	{ "many_keys", many_keys },
	{ NULL, NULL },
};
