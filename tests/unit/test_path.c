/* JsonPath: parse errors with their columns and rules in both dialects,
 * reference-path checks, definiteness, and the places where the aws
 * dialect's semantics differ from RFC 9535. (The RFC 9535 compliance
 * suite covers the standard dialect case by case.) */
#include "config.h"

#include <stdlib.h>

#include "path/tape.h"
#include "sfn/json.h"
#include "sfn/jsonout.h"
#include "sfn/path.h"
#include "test.h"

static const struct {
	const char *expr;
	enum sfn_path_dialect dialect;
	unsigned col; /* 0: parses */
	enum sfn_rule_id rule;
	const char *message;
} parses[] = {
	{ "$", SFN_PATH_AWS, 0, 0, NULL },
	{ "$$.Execution.Input.x", SFN_PATH_AWS, 0, 0, NULL },
	{ "$var.a[0]", SFN_PATH_AWS, 0, 0, NULL },
	{ "$.foo-bar.&Ж中", SFN_PATH_AWS, 0, 0, NULL },
	{ "$.abc.['def ghi']", SFN_PATH_AWS, 0, 0, NULL },
	{ "$.a[?(@.b == 'x' || !(@.c < 2))]", SFN_PATH_AWS, 0, 0, NULL },
	{ "$[0:2]", SFN_PATH_AWS, 0, 0, NULL },
	{ "$.foo-bar", SFN_PATH_RFC9535, 6, SFN_RULE_PATH_SYNTAX,
	  "unexpected character '-' (expected '.', '..', '[' or the end of "
	  "the path)" },
	{ "$$.x", SFN_PATH_RFC9535, 1, SFN_RULE_PATH_SYNTAX,
	  "expected '$', found '$$'" },
	{ "x", SFN_PATH_AWS, 1, SFN_RULE_PATH_SYNTAX,
	  "expected a path starting with '$', found 'x'" },
	{ "$.a b", SFN_PATH_AWS, 4, SFN_RULE_PATH_SYNTAX,
	  "blank in a dot name: write ['name with blanks']" },
	{ "$['a'", SFN_PATH_AWS, 6, SFN_RULE_PATH_SYNTAX,
	  "expected ',' or ']' to close the '[' at column 2, found the end "
	  "of the expression" },
	{ "$['a\\x']", SFN_PATH_AWS, 5, SFN_RULE_PATH_SYNTAX,
	  "invalid escape in string" },
	{ "$['a\\\"b']", SFN_PATH_AWS, 0, 0, NULL },
	{ "$[\"a\\'b\"]", SFN_PATH_AWS, 0, 0, NULL },
	{ "$['a\\\"b']", SFN_PATH_RFC9535, 5, SFN_RULE_PATH_SYNTAX,
	  "invalid escape: only the enclosing quote may be escaped" },
	{ "$[01]", SFN_PATH_RFC9535, 4, SFN_RULE_PATH_SYNTAX,
	  "expected ',' or ']' to close the '[' at column 2, found '1'" },
	{ "$[9007199254740992]", SFN_PATH_RFC9535, 3, SFN_RULE_PATH_SYNTAX,
	  "integer 9007199254740992 is out of range (at most 2^53-1 in "
	  "size)" },
	{ "$.a.length()", SFN_PATH_AWS, 11, SFN_RULE_PATH_UNSUPPORTED,
	  "a function call such as length(): Step Functions does not "
	  "support it in paths" },
	{ "$[?(@.a =~ /x/)]", SFN_PATH_AWS, 9, SFN_RULE_PATH_UNSUPPORTED,
	  "a regular-expression filter '=~': Step Functions does not "
	  "support it in paths" },
	{ "$[?(@.a subsetof ['x'])]", SFN_PATH_AWS, 9,
	  SFN_RULE_PATH_UNSUPPORTED,
	  "a lexical operator such as 'in' or "
	  "'subsetof': Step Functions does not support it in paths" },
	{ "$[?(@.a < $.b)]", SFN_PATH_AWS, 11, SFN_RULE_PATH_UNSUPPORTED,
	  "a filter that refers to another value of the document: Step "
	  "Functions does not support it in paths" },
	{ "$[?length(@.a)]", SFN_PATH_RFC9535, 4, SFN_RULE_PATH_SYNTAX,
	  "a filter needs a condition, not a value" },
	{ "$[?@..a == 1]", SFN_PATH_RFC9535, 4, SFN_RULE_PATH_SYNTAX,
	  "a comparison needs values on both sides: literals, singular "
	  "queries or value functions" },
	{ "$[?foo(@)]", SFN_PATH_RFC9535, 4, SFN_RULE_PATH_SYNTAX,
	  "unknown function 'foo' (length, count, match, search or value)" },
	{ "$[0:1:2]", SFN_PATH_AWS, 6, SFN_RULE_PATH_UNSUPPORTED,
	  "a slice step: Step Functions does not support it in paths" },
};

static void parse_errors(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(parses) / sizeof(parses[0]); i++) {
		struct sfn_diags d;
		struct sfn_path *p;
		enum sfn_status st;

		sfn_diags_init(&d);
		st = sfn_path_parse(parses[i].expr, parses[i].dialect, NULL, &d,
		                    &p);
		if (parses[i].col == 0 && (st != SFN_OK || d.count != 0))
			test_fail(t, __FILE__, __LINE__, "%s: refused: %s",
			          parses[i].expr,
			          d.count ? d.items[0].message : "?");
		if (parses[i].col != 0 &&
		    (st != SFN_ERR_SYNTAX || d.count != 1 ||
		     d.items[0].loc.col != parses[i].col ||
		     d.items[0].rule != parses[i].rule ||
		     strcmp(d.items[0].message, parses[i].message) != 0))
			test_fail(t, __FILE__, __LINE__, "%s: col %u: %s",
			          parses[i].expr,
			          d.count ? d.items[0].loc.col : 0,
			          d.count ? d.items[0].message : "accepted");
		sfn_path_free(p);
		sfn_diags_free(&d);
	}
}

/* Step Functions' single-quoted name with an escaped double quote names
 * the member a"b; the other quote escaped likewise. */
static void aws_quote_escape(struct test_state *t)
{
	cJSON *doc = cJSON_Parse("{\"a\\\"b\": 1, \"c'd\": 2}");
	struct sfn_nodelist out = { NULL, NULL, 0, 0 };
	struct sfn_diags d;
	struct sfn_path *p = NULL;

	sfn_diags_init(&d);
	CHECK(sfn_path_parse("$['a\\\"b']", SFN_PATH_AWS, NULL, &d, &p) ==
	      SFN_OK);
	CHECK(sfn_path_eval(p, doc, 0, &out, NULL) == SFN_OK);
	CHECK_INT(out.count, 1);
	CHECK_INT(out.nodes[0]->valueint, 1);
	sfn_nodelist_free(&out);
	sfn_path_free(p);
	CHECK(sfn_path_parse("$[\"c\\'d\"]", SFN_PATH_AWS, NULL, &d, &p) ==
	      SFN_OK);
	CHECK(sfn_path_eval(p, doc, 0, &out, NULL) == SFN_OK);
	CHECK_INT(out.count, 1);
	CHECK_INT(out.nodes[0]->valueint, 2);
	sfn_nodelist_free(&out);
	sfn_path_free(p);
	sfn_diags_free(&d);
	cJSON_Delete(doc);
}

/* HEAD, then OPEN K times, MIDDLE, CLOSE K times, TAIL (malloc'd). */
static char *repeat(const char *head, const char *open, size_t k,
                    const char *middle, const char *close, const char *tail)
{
	size_t n = strlen(head) + k * (strlen(open) + strlen(close)) +
	           strlen(middle) + strlen(tail) + 1;
	char *s = malloc(n), *p = s;

	if (s == NULL)
		return NULL;
	p += snprintf(p, n, "%s", head);
	for (size_t i = 0; i < k; i++)
		p += snprintf(p, n - (size_t) (p - s), "%s", open);
	p += snprintf(p, n - (size_t) (p - s), "%s", middle);
	for (size_t i = 0; i < k; i++)
		p += snprintf(p, n - (size_t) (p - s), "%s", close);
	snprintf(p, n - (size_t) (p - s), "%s", tail);
	return s;
}

/* Each form nests one level per repetition, plus one for the innermost
 * test; every one of them counts toward SFN_PATH_MAX_DEPTH. */
static const struct {
	enum sfn_path_dialect dialect;
	const char *head, *open, *middle, *close, *tail;
} nestings[] = {
	{ SFN_PATH_AWS, "$[?", "!", "@.a", "", "]" },
	{ SFN_PATH_RFC9535, "$[?", "!", "@.a", "", "]" },
	{ SFN_PATH_AWS, "$[?", "(", "@.a", ")", "]" },
	{ SFN_PATH_RFC9535, "$[?@", "[?@", "", "]", "]" },
	{ SFN_PATH_RFC9535, "$[?", "length(", "@.a", ")", " == 1]" },
};

static enum sfn_status parse_nested(size_t i, size_t levels,
                                    struct sfn_diags *d)
{
	char *expr =
	        repeat(nestings[i].head, nestings[i].open, levels - 1,
	               nestings[i].middle, nestings[i].close, nestings[i].tail);
	struct sfn_path *p = NULL;
	enum sfn_status st = SFN_ERR_NOMEM;

	if (expr != NULL)
		st = sfn_path_parse(expr, nestings[i].dialect, NULL, d, &p);
	sfn_path_free(p);
	free(expr);
	return st;
}

static void filter_depth(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(nestings) / sizeof(nestings[0]); i++) {
		static const char want[] = "filter nests deeper than 64 "
		                           "levels ('!', parentheses, "
		                           "function calls and filters count)";
		struct sfn_diags d;
		enum sfn_status at, past, far;

		sfn_diags_init(&d);
		at = parse_nested(i, SFN_PATH_MAX_DEPTH, &d);
		if (at != SFN_OK || d.count != 0)
			test_fail(t, __FILE__, __LINE__, "form %zu at %d: %s",
			          i, SFN_PATH_MAX_DEPTH,
			          d.count ? d.items[0].message : "refused");
		past = parse_nested(i, SFN_PATH_MAX_DEPTH + 1, &d);
		far = parse_nested(i, 5000, &d);
		if (past != SFN_ERR_SYNTAX || far != SFN_ERR_SYNTAX ||
		    d.count != 2 || strcmp(d.items[0].message, want) != 0 ||
		    strcmp(d.items[1].message, want) != 0)
			test_fail(t, __FILE__, __LINE__, "form %zu past: %s", i,
			          d.count ? d.items[d.count - 1].message : "?");
		sfn_diags_free(&d);
	}
}

/* A long chain of '!' once overflowed the stack. */
static void filter_not_chain(struct test_state *t)
{
	char *expr = repeat("$[?(", "!", 60000, "@.a", "", ")]");
	struct sfn_diags d;
	struct sfn_path *p;

	CHECK(expr != NULL);
	sfn_diags_init(&d);
	CHECK(sfn_path_parse(expr, SFN_PATH_AWS, NULL, &d, &p) ==
	      SFN_ERR_SYNTAX);
	free(expr);
	CHECK_INT(d.count, 1);
	/* "(" is level 1, so the 64th '!' (column 4 + 64) would be 65 */
	CHECK_INT(d.items[0].loc.col, 4 + 64);
	sfn_diags_free(&d);
}

static void location_offset(struct test_state *t)
{
	struct sfn_loc at = { "m.json", 7, 20, 7, 30 };
	struct sfn_diags d;
	struct sfn_path *p;

	sfn_diags_init(&d);
	CHECK(sfn_path_parse("$.a[", SFN_PATH_AWS, &at, &d, &p) ==
	      SFN_ERR_SYNTAX);
	CHECK_STR(d.items[0].loc.file, "m.json");
	CHECK_INT(d.items[0].loc.line, 7);
	CHECK_INT(d.items[0].loc.col, 24);
	sfn_diags_free(&d);
}

static const struct {
	const char *expr;
	int reference;
	const char *message;
} references[] = {
	{ "$", 1, NULL },
	{ "$.a.b[0]['c d'].e", 1, NULL },
	{ "$.a[*]", 0,
	  "a Reference Path names a single node: a wildcard '*' "
	  "is not allowed here" },
	{ "$..a", 0,
	  "a Reference Path names a single node: the descendant "
	  "operator '..' is not allowed here" },
	{ "$.a[0,1]", 0,
	  "a Reference Path names a single node: a union ',' "
	  "is not allowed here" },
	{ "$.a[1:]", 0,
	  "a Reference Path names a single node: a slice ':' "
	  "is not allowed here" },
	{ "$.a[-1]", 0,
	  "a Reference Path names a single node: a negative "
	  "index is not allowed here" },
	{ "$.a[?(@.b)]", 0,
	  "a Reference Path names a single node: a filter "
	  "'?' is not allowed here" },
};

static void reference_paths(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(references) / sizeof(references[0]);
	     i++) {
		struct sfn_diags d;
		struct sfn_path *p;

		sfn_diags_init(&d);
		CHECK(sfn_path_parse(references[i].expr, SFN_PATH_AWS, NULL, &d,
		                     &p) == SFN_OK);
		CHECK_INT(sfn_path_check_reference(p, NULL, &d),
		          references[i].reference);
		CHECK_INT(sfn_path_is_definite(p),
		          references[i].reference ||
		                  strstr(references[i].expr, "-1"));
		if (!references[i].reference) {
			CHECK(d.items[0].rule == SFN_RULE_PATH_NOT_REFERENCE);
			CHECK_STR(d.items[0].message, references[i].message);
		}
		sfn_path_free(p);
		sfn_diags_free(&d);
	}
}

/* Evaluates EXPR in DIALECT on DOC; returns the values, compact. */
static char *eval(const char *expr, enum sfn_path_dialect dialect,
                  const char *doc)
{
	cJSON *root = cJSON_Parse(doc), *a = cJSON_CreateArray();
	struct sfn_diags d;
	struct sfn_path *p;
	struct sfn_nodelist l;
	char *out = NULL;

	sfn_diags_init(&d);
	if (sfn_path_parse(expr, dialect, NULL, &d, &p) == SFN_OK &&
	    sfn_path_eval(p, root, 0, &l, NULL) == SFN_OK) {
		for (size_t i = 0; i < l.count; i++)
			cJSON_AddItemToArray(a, cJSON_Duplicate(l.nodes[i], 1));
		out = cJSON_PrintUnformatted(a);
		sfn_nodelist_free(&l);
	}
	sfn_path_free(p);
	sfn_diags_free(&d);
	cJSON_Delete(a);
	cJSON_Delete(root);
	return out;
}

static const struct {
	const char *expr, *doc, *aws, *rfc;
} semantics[] = {
	/* Jayway filters an object as a whole; RFC 9535 its members. */
	{ "$.o[?(@.k == 1)]", "{\"o\":{\"k\":1,\"m\":{\"k\":1}}}",
	  "[{\"k\":1,\"m\":{\"k\":1}}]", "[{\"k\":1}]" },
	/* Step Functions' @ never matches scalars. */
	{ "$.a[?(@ > 1)]", "{\"a\":[1,2,3]}", "[]", "[2,3]" },
	/* A missing operand makes every Jayway comparison false. */
	{ "$.a[?(@.x != 1)]", "{\"a\":[{\"x\":1},{\"y\":2}]}", "[]",
	  "[{\"y\":2}]" },
	{ "$.a[-1]", "{\"a\":[1,2,3]}", "[3]", "[3]" },
	{ "$.a[0:2]", "{\"a\":[1,2,3,4]}", "[1,2]", "[1,2]" },
	{ "$..x", "{\"x\":1,\"a\":[{\"x\":2}]}", "[1,2]", "[1,2]" },
};

static void dialect_semantics(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(semantics) / sizeof(semantics[0]); i++) {
		char *aws =
		        eval(semantics[i].expr, SFN_PATH_AWS, semantics[i].doc);
		char *rfc = eval(semantics[i].expr, SFN_PATH_RFC9535,
		                 semantics[i].doc);
		int ok = aws && rfc && !strcmp(aws, semantics[i].aws) &&
		         !strcmp(rfc, semantics[i].rfc);

		if (!ok)
			test_fail(t, __FILE__, __LINE__, "%s: aws %s, rfc %s",
			          semantics[i].expr, aws ? aws : "?",
			          rfc ? rfc : "?");
		free(aws);
		free(rfc);
	}
}

static void miss(struct test_state *t)
{
	cJSON *root = cJSON_Parse("{\"a\":{\"b\":[1]}}");
	struct sfn_path_miss m = { 0, 0, NULL, NULL };
	struct sfn_diags d;
	struct sfn_path *p;
	struct sfn_nodelist l;

	sfn_diags_init(&d);
	CHECK(sfn_path_parse("$.a.b[3].c", SFN_PATH_AWS, NULL, &d, &p) ==
	      SFN_OK);
	CHECK(sfn_path_eval(p, root, 0, &l, &m) == SFN_OK);
	CHECK_INT(l.count, 0);
	CHECK_INT(m.segment, 2);
	CHECK_INT(m.col, 6);
	CHECK_STR(m.canonical, "$['a']['b'][3]['c']");
	CHECK_STR(m.message, "index 3 is out of range: the array at "
	                     "$['a']['b'] has 1 element");
	sfn_path_miss_clear(&m);
	sfn_nodelist_free(&l);
	sfn_path_free(p);
	sfn_diags_free(&d);
	cJSON_Delete(root);
}

static enum sfn_status collect(void *ctx, const char *text, size_t len)
{
	return sfn_buf_add(ctx, text, len);
}

/* A union of N decreasing indexes over [0, N): streamed in selector
 * order up to SFN_PATH_STREAM_MAX_UNION selectors, refused past it. */
static void stream_union(struct test_state *t, size_t n, int streams)
{
	struct sfn_buf expr, doc, want, got;
	struct sfn_path_stream_opts so = { SFN_JSONOUT_COMPACT, 1, collect,
		                           &got, 0 };
	struct sfn_path *p = NULL;
	struct sfn_diags d;
	size_t count = 0;

	sfn_buf_init(&expr, 1 << 20);
	sfn_buf_init(&doc, 1 << 20);
	sfn_buf_init(&want, 1 << 20);
	sfn_buf_init(&got, 1 << 20);
	sfn_diags_init(&d);
	for (size_t i = 0; i < n; i++) {
		sfn_buf_printf(&expr, "%s%zu", i ? "," : "$[", n - 1 - i);
		sfn_buf_printf(&doc, "%s%zu", i ? "," : "[", i);
		sfn_buf_printf(&want, "%s%zu", i ? "," : "[", n - 1 - i);
	}
	sfn_buf_addc(&expr, ']');
	sfn_buf_addc(&doc, ']');
	sfn_buf_addc(&want, ']');
	CHECK(sfn_path_parse(sfn_buf_str(&expr), SFN_PATH_RFC9535, NULL, &d,
	                     &p) == SFN_OK);
	CHECK_INT(sfn_path_streamable(p), streams);
	CHECK(sfn_path_stream(p, sfn_buf_str(&doc), doc.len, &so, &count) ==
	      (streams ? SFN_OK : SFN_ERR_USAGE));
	if (streams) {
		CHECK_INT(count, n);
		CHECK_STR(sfn_buf_str(&got), sfn_buf_str(&want));
	}
	sfn_path_free(p);
	sfn_diags_free(&d);
	sfn_buf_free(&expr);
	sfn_buf_free(&doc);
	sfn_buf_free(&want);
	sfn_buf_free(&got);
}

static void stream_union_limit(struct test_state *t)
{
	stream_union(t, SFN_PATH_STREAM_MAX_UNION, 1);
	stream_union(t, SFN_PATH_STREAM_MAX_UNION + 1, 0);
}

/* Which forms stream (the others are evaluated on the tree). */
static const struct {
	const char *expr;
	enum sfn_path_dialect dialect;
	int streams;
} stream_forms[] = {
	{ "$['b','a']", SFN_PATH_RFC9535, 1 },
	{ "$[2,0,-1]", SFN_PATH_RFC9535, 1 },
	{ "$[::-1][5:0:-2]", SFN_PATH_RFC9535, 1 },
	{ "$..book[*].author", SFN_PATH_RFC9535, 1 },
	{ "$..book[*].author", SFN_PATH_AWS, 1 },
	{ "$.a..[0].b", SFN_PATH_RFC9535, 1 },
	{ "$[1,0]..x", SFN_PATH_RFC9535, 1 },
	{ "$..a..b", SFN_PATH_RFC9535, 0 },
	{ "$..a[1,0]", SFN_PATH_RFC9535, 0 },
	{ "$..[1,0]", SFN_PATH_RFC9535, 0 },
	{ "$[?@.a][1,0]", SFN_PATH_RFC9535, 1 },
	{ "$[?(@.a)][1,0]", SFN_PATH_AWS, 0 },
	{ "$..book[?(@.price < 10)]", SFN_PATH_AWS, 0 },
	{ "$..book[?@.price < 10].title", SFN_PATH_RFC9535, 1 },
	{ "$[1,?@.a]", SFN_PATH_RFC9535, 0 },
};

static void stream_kinds(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(stream_forms) / sizeof(stream_forms[0]);
	     i++) {
		struct sfn_path *p = NULL;
		struct sfn_diags d;

		sfn_diags_init(&d);
		CHECK(sfn_path_parse(stream_forms[i].expr,
		                     stream_forms[i].dialect, NULL, &d,
		                     &p) == SFN_OK);
		if (p != NULL &&
		    sfn_path_streamable(p) != stream_forms[i].streams)
			test_fail(t, __FILE__, __LINE__, "%s: streams %d",
			          stream_forms[i].expr,
			          !stream_forms[i].streams);
		sfn_path_free(p);
		sfn_diags_free(&d);
	}
}

/* Bytes after a scalar a Jayway filter has tested are validated: the
 * stream refuses such text as the reader does. */
static void stream_filter_garbage(struct test_state *t)
{
	static const char doc[] = "[1\xff\xff,[2],[]]";
	struct sfn_buf got;
	struct sfn_path_stream_opts so = { SFN_JSONOUT_COMPACT, 1, collect,
		                           &got, 0 };
	struct sfn_path *p = NULL;
	struct sfn_diags d;
	size_t count;

	sfn_buf_init(&got, 1 << 20);
	sfn_diags_init(&d);
	CHECK(sfn_path_parse("$[?(@[1])][0]", SFN_PATH_AWS, NULL, &d, &p) ==
	      SFN_OK);
	CHECK(p != NULL && sfn_path_streamable(p));
	CHECK(sfn_path_stream(p, doc, strlen(doc), &so, &count) ==
	      SFN_ERR_SYNTAX);
	CHECK_INT(got.len, 0);
	sfn_path_free(p);
	sfn_diags_free(&d);
	sfn_buf_free(&got);
}

/* ---- the tape evaluator ------------------------------------------------- */

/* What the tree gives, written as sfnc jsonpath writes it: one value for
 * a definite aws path (nothing when it misses), else an array. */
static void tree_text(const struct sfn_path *p, const cJSON *root, int style,
                      int wrap, int paths, struct sfn_buf *out)
{
	struct sfn_nodelist l;
	cJSON *a;

	if (sfn_path_eval(p, root, paths, &l, NULL) != SFN_OK) {
		sfn_buf_adds(out, "<error>");
		return;
	}
	if (!wrap && l.count == 1) {
		a = paths ? cJSON_CreateString(l.paths[0])
		          : cJSON_Duplicate(l.nodes[0], 1);
	} else {
		a = cJSON_CreateArray();
		for (size_t i = 0; i < l.count; i++)
			cJSON_AddItemToArray(
			        a, paths ? cJSON_CreateString(l.paths[i])
			                 : cJSON_Duplicate(l.nodes[i], 1));
	}
	if (wrap || l.count > 0)
		sfn_jsonout_value(a, style, out);
	cJSON_Delete(a);
	sfn_nodelist_free(&l);
}

static const char tape_doc[] =
        "{\"store\":{\"book\":[{\"category\":\"ref\",\"author\":\"Nigel\","
        "\"price\":8.95,\"tags\":[\"a\",\"b\"]},{\"category\":\"fiction\","
        "\"author\":\"Evelyn\",\"price\":12.99,\"isbn\":\"0-1\",\"stock\":"
        "{\"qty\":0,\"author\":{\"x\":1}}},{\"author\":\"J\\u00e9\","
        "\"price\":22,\"tags\":[]}],\"bicycle\":{\"color\":\"red\","
        "\"price\":19.95}},\"expensive\":10,\"e\\\"sc\":{\"a\\\\\":[1,\"\\\"\","
        "{\"b\":null}]},\"k\\u0000cut\":true,\"n\":[[1,[2,[3]]],{},[],-0.5e3]}";

/* Every kind of segment and selector, both dialects' filters, queries
 * on $ inside filters, unions in selector order, negative indexes,
 * backward slices and '..' anywhere. */
static const struct {
	const char *expr;
	enum sfn_path_dialect dialect;
} tape_paths[] = {
	{ "$", SFN_PATH_AWS },
	{ "$.store.book[0].author", SFN_PATH_AWS },
	{ "$.store.book[5].author", SFN_PATH_AWS },
	{ "$.store.book[-1]", SFN_PATH_AWS },
	{ "$..book..author", SFN_PATH_AWS },
	{ "$..book..author", SFN_PATH_RFC9535 },
	{ "$..author..x", SFN_PATH_RFC9535 },
	{ "$..book[2,0,-1].price", SFN_PATH_RFC9535 },
	{ "$..[1,0]", SFN_PATH_RFC9535 },
	{ "$..['price','author']", SFN_PATH_RFC9535 },
	{ "$..*", SFN_PATH_RFC9535 },
	{ "$..*", SFN_PATH_AWS },
	{ "$..[*]..[0]", SFN_PATH_RFC9535 },
	{ "$.store.book[::-1].price", SFN_PATH_RFC9535 },
	{ "$.store.book[-1:0:-2]", SFN_PATH_RFC9535 },
	{ "$.n[0:10:0]", SFN_PATH_RFC9535 },
	{ "$..book[?(@.price < 10)]", SFN_PATH_AWS },
	{ "$..[?(@.price < 10)]", SFN_PATH_AWS },
	{ "$..[?(@.author)].price", SFN_PATH_AWS },
	{ "$[?(@.a)][1,0]", SFN_PATH_AWS },
	{ "$.store[?(@.color == 'red')]", SFN_PATH_AWS },
	{ "$..book[?@.price < $.expensive].author", SFN_PATH_RFC9535 },
	{ "$..[?@.price > value($..book[0].price)]", SFN_PATH_RFC9535 },
	{ "$..[?@ == $.n[0][0]]", SFN_PATH_RFC9535 },
	{ "$..[?count($..author) > 3]", SFN_PATH_RFC9535 },
	{ "$..[?value($.store.bicycle.color) == 'red' && @.qty == 0]",
	  SFN_PATH_RFC9535 },
	{ "$..[?length(@) > 2]", SFN_PATH_RFC9535 },
	{ "$..[?match(@.author, 'J.*')]", SFN_PATH_RFC9535 },
	{ "$..[?search(@, 'ic')]", SFN_PATH_RFC9535 },
	{ "$..[?@.tags[0]]", SFN_PATH_RFC9535 },
	{ "$..[?!@.tags]", SFN_PATH_RFC9535 },
	{ "$[1,?@.a]", SFN_PATH_RFC9535 },
	{ "$['e\"sc']['a\\\\'][1]", SFN_PATH_RFC9535 },
	{ "$['k']", SFN_PATH_RFC9535 },
	/* the text around a member name is not part of it */
	{ "$.store.book[0]['Nigel\",\"price']", SFN_PATH_RFC9535 },
	{ "$..['Nigel\",\"price']", SFN_PATH_RFC9535 },
	{ "$..['a\\\\']", SFN_PATH_RFC9535 },
	{ "$..n[0][1][1][0]", SFN_PATH_AWS },
	{ "$.n[?(@[0])]", SFN_PATH_AWS },
	{ "$.n[?@ == 1]", SFN_PATH_RFC9535 },
};

static enum sfn_status tape_text(const struct sfn_path *p, const char *doc,
                                 int style, int wrap, int paths,
                                 struct sfn_buf *out)
{
	struct sfn_path_stream_opts so = { style, wrap, collect, out, 0 };
	size_t count;

	return sfn_path_tape(p, doc, strlen(doc), &so, paths, &count);
}

/* The tape prints what the tree finds: values and normalized paths,
 * compact and pretty. */
static void tape_agrees(struct test_state *t)
{
	cJSON *root = cJSON_Parse(tape_doc);

	CHECK(root != NULL);
	for (size_t i = 0; root && i < sizeof(tape_paths) / sizeof(*tape_paths);
	     i++) {
		struct sfn_path *p = NULL;
		struct sfn_diags d;

		sfn_diags_init(&d);
		if (sfn_path_parse(tape_paths[i].expr, tape_paths[i].dialect,
		                   NULL, &d, &p) != SFN_OK)
			test_fail(t, __FILE__, __LINE__, "%s: %s",
			          tape_paths[i].expr,
			          d.count ? d.items[0].message : "?");
		for (int mode = 0; p != NULL && mode < 4; mode++) {
			int style = mode & 1 ? SFN_JSONOUT_PRETTY
			                     : SFN_JSONOUT_COMPACT;
			int wrap = tape_paths[i].dialect == SFN_PATH_RFC9535 ||
			           !sfn_path_is_definite(p);
			struct sfn_buf want, got;

			sfn_buf_init(&want, 1 << 20);
			sfn_buf_init(&got, 1 << 20);
			tree_text(p, root, style, wrap, mode >> 1, &want);
			CHECK(tape_text(p, tape_doc, style, wrap, mode >> 1,
			                &got) == SFN_OK);
			if (strcmp(sfn_buf_str(&want), sfn_buf_str(&got)) != 0)
				test_fail(t, __FILE__, __LINE__,
				          "%s (mode %d): tree %s, tape %s",
				          tape_paths[i].expr, mode,
				          sfn_buf_str(&want),
				          sfn_buf_str(&got));
			sfn_buf_free(&want);
			sfn_buf_free(&got);
		}
		sfn_path_free(p);
		sfn_diags_free(&d);
	}
	cJSON_Delete(root);
}

static enum sfn_status tape_run(const char *expr, const char *doc,
                                size_t max_entries, size_t max_nodes,
                                struct sfn_buf *out)
{
	struct sfn_path_stream_opts so = { SFN_JSONOUT_COMPACT, 1, collect, out,
		                           0 };
	struct Sfn_tape_limits limits = { max_entries, max_nodes };
	struct sfn_path *p = NULL;
	struct sfn_diags d;
	enum sfn_status st;
	size_t count;

	sfn_diags_init(&d);
	st = sfn_path_parse(expr, SFN_PATH_RFC9535, NULL, &d, &p);
	if (st == SFN_OK)
		st = Sfn_path_tape_limited(p, doc, strlen(doc), &so, 0, &limits,
		                           &count);
	sfn_path_free(p);
	sfn_diags_free(&d);
	return st;
}

/* The tape's limits, at and past their edges: entries in the tape
 * ([1,[2,3]] has five), nodes in one list ($..* on it finds four), and
 * nesting (the reader's). Bad text writes nothing. */
static void tape_limits(struct test_state *t)
{
	struct sfn_buf out, deep;
	const size_t big = SFN_PATH_TAPE_MAX_NODES;

	sfn_buf_init(&out, 1 << 20);
	sfn_buf_init(&deep, 1 << 20);
	CHECK(tape_run("$..*", "[1,[2,3]]", 5, big, &out) == SFN_OK);
	CHECK_STR(sfn_buf_str(&out), "[1,[2,3],2,3]");
	CHECK(tape_run("$..*", "[1,[2,3]]", 4, big, &out) == SFN_ERR_LIMIT);
	sfn_buf_reset(&out);
	CHECK(tape_run("$..*", "[1,[2,3]]", 5, 4, &out) == SFN_OK);
	CHECK_STR(sfn_buf_str(&out), "[1,[2,3],2,3]");
	sfn_buf_reset(&out);
	CHECK(tape_run("$..*", "[1,[2,3]]", 5, 3, &out) == SFN_ERR_LIMIT);
	CHECK_INT(out.len, 0);
	CHECK(tape_run("$..*", "[1,[2,3]", 5, big, &out) == SFN_ERR_SYNTAX);
	CHECK(tape_run("$..*", "[1,[2,3]] x", 5, big, &out) == SFN_ERR_SYNTAX);
	CHECK(tape_run("$..*", "[1,\"\\ud800\"]", 5, big, &out) ==
	      SFN_ERR_SYNTAX);
	CHECK_INT(out.len, 0);
	for (size_t i = 0; i < SFN_JSON_MAX_DEPTH; i++)
		sfn_buf_addc(&deep, '[');
	for (size_t i = 0; i < SFN_JSON_MAX_DEPTH; i++)
		sfn_buf_addc(&deep, ']');
	/* $[0] wrapped in an array is the document again */
	CHECK(tape_run("$[0]", sfn_buf_str(&deep), big, big, &out) == SFN_OK);
	CHECK_STR(sfn_buf_str(&out), sfn_buf_str(&deep));
	sfn_buf_reset(&out);
	sfn_buf_reset(&deep);
	for (size_t i = 0; i <= SFN_JSON_MAX_DEPTH; i++)
		sfn_buf_addc(&deep, '[');
	for (size_t i = 0; i <= SFN_JSON_MAX_DEPTH; i++)
		sfn_buf_addc(&deep, ']');
	CHECK(tape_run("$[0]", sfn_buf_str(&deep), big, big, &out) ==
	      SFN_ERR_SYNTAX);
	CHECK_INT(out.len, 0);
	sfn_buf_free(&out);
	sfn_buf_free(&deep);
}

const struct test sfn_tests_path[] = {
	{ "aws_quote_escape", aws_quote_escape },
	{ "parse_errors", parse_errors },
	{ "location_offset", location_offset },
	{ "filter_depth", filter_depth },
	{ "filter_not_chain", filter_not_chain },
	{ "reference_paths", reference_paths },
	{ "dialect_semantics", dialect_semantics },
	{ "miss", miss },
	{ "stream_union_limit", stream_union_limit },
	{ "stream_kinds", stream_kinds },
	{ "stream_filter_garbage", stream_filter_garbage },
	{ "tape_agrees", tape_agrees },
	{ "tape_limits", tape_limits },
	{ NULL, NULL },
};
