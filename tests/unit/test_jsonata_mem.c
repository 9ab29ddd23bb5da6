/* JSONata engine's memory: results written as JSON text through a sink
 * (sfn_jsonata_eval_write, sfn_jsonata_eval_text_write) print the bytes
 * sfn_jsonout prints for the tree sfn_jsonata_eval returns, in pieces,
 * and a failing sink is reported; per-element calls give their scratch
 * memory back and keep their values whole (JN_SCRATCH_MAX_DEPTH at and
 * past its edge), so do group-by keys; a transform shares what it does
 * not change (COPY_MAX_DEPTH at and past its edge); text input makes a
 * repeated scalar once (SHARED_STRING at and past its edge); $map's
 * function reads only what it reads of each item. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sfn/json.h"
#include "sfn/jsonata.h"
#include "sfn/jsonout.h"
#include "test.h"

/* A sink that keeps what it is given, counts the pieces and fails
 * from piece FAIL_AT on (0: never). */
struct collect {
	struct sfn_buf text;
	size_t pieces, fail_at;
};

static int collect(void *ctx, const char *text, size_t len)
{
	struct collect *c = ctx;

	c->pieces++;
	if (c->fail_at > 0 && c->pieces >= c->fail_at)
		return -1;
	return sfn_buf_add(&c->text, text, len) == SFN_OK ? 0 : -1;
}

/* EXPR over INPUT through the tree and through the sinks, text and tree
 * input: the three texts must be the same. */
static void same_text(struct test_state *t, const char *expr, const char *input)
{
	struct sfn_jsonata_error err;
	struct sfn_jsonata *e = NULL;
	struct collect from_text = { { 0 }, 0, 0 }, from_tree = { { 0 }, 0, 0 };
	struct sfn_jsonata_sink s1 = { collect, &from_text };
	struct sfn_jsonata_sink s2 = { collect, &from_tree };
	struct sfn_buf want;
	cJSON *in = cJSON_Parse(input), *r = NULL;

	sfn_buf_init(&want, SFN_JSONATA_MAX_MEMORY);
	sfn_buf_init(&from_text.text, SFN_JSONATA_MAX_MEMORY);
	sfn_buf_init(&from_tree.text, SFN_JSONATA_MAX_MEMORY);
	CHECK(in != NULL);
	CHECK_INT(sfn_jsonata_parse(expr, strlen(expr), &e, &err), SFN_OK);
	CHECK_INT(sfn_jsonata_eval(e, in, NULL, NULL, &r, &err), SFN_OK);
	if (r != NULL)
		CHECK_INT(sfn_jsonout_value(r, SFN_JSONOUT_COMPACT, &want),
		          SFN_OK);
	CHECK_INT(sfn_jsonata_eval_text_write(e, input, strlen(input), NULL,
	                                      NULL, &s1, &err),
	          SFN_OK);
	CHECK_INT(sfn_jsonata_eval_write(e, in, NULL, NULL, &s2, &err), SFN_OK);
	CHECK_STR(sfn_buf_str(&from_text.text), sfn_buf_str(&want));
	CHECK_STR(sfn_buf_str(&from_tree.text), sfn_buf_str(&want));
	CHECK_INT(from_text.pieces, r != NULL);
	cJSON_Delete(r);
	cJSON_Delete(in);
	sfn_jsonata_free(e);
	sfn_buf_free(&want);
	sfn_buf_free(&from_text.text);
	sfn_buf_free(&from_tree.text);
}

static void write_same(struct test_state *t)
{
	static const struct {
		const char *expr, *input;
	} cases[] = {
		{ "a", "{\"a\":[1,2.5,-0.0,1e300,true,false,null]}" },
		{ "{\"x\": a, \"y\": nothing, \"z\": [a, nothing, []]}",
		  "{\"a\":{}}" },
		{ "[1, nothing, 2, {}, [[]]]", "{}" },
		{ "s",
		  "{\"s\":\"tab\\t nl\\n q\\\" bs\\\\ \\u0001 \\u00e9\"}" },
		{ "{\"f\": function($x) { $x }, \"n\": -0}", "{}" },
		{ "$", "[1,[2,[3]],{\"k\\\"\":4}]" },
		{ "nothing", "{}" },
		{ "$string(0.1 + 0.2) & 'x'", "{}" },
		{ "0.1 + 0.2", "{}" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		same_text(t, cases[i].expr, cases[i].input);
}

/* A result of many times the writer's 64 KiB pieces comes in several,
 * and the same; a sink failing on its second piece stops the writer
 * with SFN_ERR_IO. */
static void write_pieces(struct test_state *t)
{
	const char *expr = "[1..20000].{\"i\": $, \"s\": \"abcdefgh\"}";
	struct sfn_jsonata_error err;
	struct sfn_jsonata *e = NULL;
	struct collect got = { { 0 }, 0, 0 }, failing = { { 0 }, 0, 2 };
	struct sfn_jsonata_sink s1 = { collect, &got };
	struct sfn_jsonata_sink s2 = { collect, &failing };
	struct sfn_buf want;
	cJSON *r = NULL;

	sfn_buf_init(&want, SFN_JSONATA_MAX_MEMORY);
	sfn_buf_init(&got.text, SFN_JSONATA_MAX_MEMORY);
	sfn_buf_init(&failing.text, SFN_JSONATA_MAX_MEMORY);
	CHECK_INT(sfn_jsonata_parse(expr, strlen(expr), &e, &err), SFN_OK);
	CHECK_INT(sfn_jsonata_eval(e, NULL, NULL, NULL, &r, &err), SFN_OK);
	CHECK_INT(sfn_jsonout_value(r, SFN_JSONOUT_COMPACT, &want), SFN_OK);
	CHECK_INT(sfn_jsonata_eval_write(e, NULL, NULL, NULL, &s1, &err),
	          SFN_OK);
	CHECK(want.len > 5 * 64 * 1024);
	CHECK(got.pieces >= 5);
	CHECK(want.len == got.text.len);
	CHECK(memcmp(sfn_buf_str(&want), sfn_buf_str(&got.text), want.len) ==
	      0);
	CHECK_INT(sfn_jsonata_eval_write(e, NULL, NULL, NULL, &s2, &err),
	          SFN_ERR_IO);
	CHECK_INT(failing.pieces, 2);
	CHECK_INT(sfn_jsonata_eval_write(e, NULL, NULL, NULL, NULL, &err),
	          SFN_OK); /* dropped unwritten */
	cJSON_Delete(r);
	sfn_jsonata_free(e);
	sfn_buf_free(&want);
	sfn_buf_free(&got.text);
	sfn_buf_free(&failing.text);
}

/* A failed evaluation writes nothing. */
static void write_error(struct test_state *t)
{
	const char *expr = "[1, 2, $error('no')]";
	struct sfn_jsonata_error err;
	struct sfn_jsonata *e = NULL;
	struct collect got = { { 0 }, 0, 0 };
	struct sfn_jsonata_sink s = { collect, &got };

	sfn_buf_init(&got.text, 1024);
	CHECK_INT(sfn_jsonata_parse(expr, strlen(expr), &e, &err), SFN_OK);
	CHECK_INT(sfn_jsonata_eval_text_write(e, "{}", 2, NULL, NULL, &s, &err),
	          SFN_ERR_SYNTAX);
	CHECK_STR(err.code, "D3137");
	CHECK_INT(got.pieces, 0);
	CHECK_INT(sfn_jsonata_eval_write(e, NULL, NULL, NULL, NULL, &err),
	          SFN_ERR_SYNTAX); /* with no sink too */
	sfn_jsonata_free(e);
	sfn_buf_free(&got.text);
}

/* EXPR over the JSON text INPUT with at most MAX_MEMORY bytes of arena
 * (0: the default), printed compactly into OUT ("!CODE" on an error). */
static void eval_mem(const char *expr, const char *input, size_t max_memory,
                     char *out, size_t size)
{
	struct sfn_jsonata_budget b = { 0, 0, max_memory, 0 };
	struct sfn_jsonata_error err;
	struct sfn_jsonata *e = NULL;
	enum sfn_status st = sfn_jsonata_parse(expr, strlen(expr), &e, &err);
	cJSON *r = NULL;
	char *text;

	if (st == SFN_OK)
		st = sfn_jsonata_eval_text(e, input, strlen(input), NULL, &b,
		                           &r, &err);
	text = st == SFN_OK && r != NULL ? cJSON_PrintUnformatted(r) : NULL;
	snprintf(out, size, "%s%s", st == SFN_OK ? "" : "!",
	         st != SFN_OK ? err.code
	         : text       ? text
	                      : "undefined");
	free(text);
	cJSON_Delete(r);
	sfn_jsonata_free(e);
}

/* What survives a per-element call is its value, whole: strings, keys
 * and containers made in the call, values made before it, and the
 * signatures, regexes and bindings the first call makes and later ones
 * use. */
static void scratch_values(struct test_state *t)
{
	static const struct {
		const char *expr, *input, *want;
	} cases[] = {
		{ "$map(a, function($v, $i) { {$string($i): [$v, {\"u\": "
		  "$uppercase(\"x\" & $v)}], \"n\": $i * 2} })",
		  "{\"a\":[\"p\",\"q\"]}",
		  "[{\"0\":[\"p\",{\"u\":\"XP\"}],\"n\":0},"
		  "{\"1\":[\"q\",{\"u\":\"XQ\"}],\"n\":2}]" },
		{ "$map(a, function($v) { $v })", "{\"a\":[{\"k\":[1]},2]}",
		  "[{\"k\":[1]},2]" },
		{ "$map(a, function($v) { function($x) { $x + $v } })"
		  "~> $map(function($f) { $f(10) })",
		  "{\"a\":[1,2]}", "[11,12]" },
		{ "$map(a, function($v) { ($x := $v * 3; $x + 1) })",
		  "{\"a\":[1,2]}", "[4,7]" },
		{ "$map(a, function($v) { $eval(\"[\" & $string($v) & \"]\") "
		  "})",
		  "{\"a\":[1,2]}", "[[1],[2]]" },
		{ "$map(a, function($v) { $replace($v, /b+/, \"-\") })",
		  "{\"a\":[\"abba\",\"cbd\"]}", "[\"a-a\",\"c-d\"]" },
		{ "$filter(a, function($v) { $v.k > 1 })",
		  "{\"a\":[{\"k\":1},{\"k\":2},{\"k\":3}]}",
		  "[{\"k\":2},{\"k\":3}]" },
		{ "$filter(a, function($v) { $v = 0 })", "{\"a\":[0,1,0]}",
		  "[0,0]" },
		{ "$ ~> | a | {\"v\": v * 2, \"s\": $string(v) & \"!\"}, "
		  "[\"d\"] |",
		  "{\"a\":[{\"v\":1,\"d\":0},{\"v\":2,\"d\":0}]}",
		  "{\"a\":[{\"v\":2,\"s\":\"1!\"},{\"v\":4,\"s\":\"2!\"}]}" },
	};
	char out[300];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		eval_mem(cases[i].expr, cases[i].input, 0, out, sizeof(out));
		CHECK_STR(out, cases[i].want);
	}
}

/* "$count($map([1..1000], function($i) { $count([1..300]) > 0 ? NEST :
 * 0 }))", NEST being $i in LEVELS array constructors: each call makes
 * some 16 KB of scratch, 16 MB in all unless given back. */
static char *nested_map(size_t levels)
{
	const char *head = "$count($map([1..1000], function($i) { "
	                   "$count([1..300]) > 0 ? ";
	const char *tail = " : 0 }))";
	size_t n = strlen(head) + 2 * levels + 2 + strlen(tail) + 1;
	char *s = malloc(n);
	size_t k;

	if (s == NULL)
		return NULL;
	k = (size_t) snprintf(s, n, "%s", head);
	for (size_t i = 0; i < levels; i++)
		s[k++] = '[';
	memcpy(s + k, "$i", 2);
	k += 2;
	for (size_t i = 0; i < levels; i++)
		s[k++] = ']';
	snprintf(s + k, n - k, "%s", tail);
	return s;
}

/* $map's calls give their scratch back: 1000 calls of 16 KB each fit in
 * 4 MiB, with results JN_SCRATCH_MAX_DEPTH (64) containers deep; one
 * level deeper the scratch is kept and the budget runs out. The same for
 * a transform's update clause. */
static void scratch_released(struct test_state *t)
{
	const size_t budget = (size_t) 4 << 20;
	char *at = nested_map(64), *past = nested_map(65), out[100];
	char *items = malloc(1000 * 8 + 16);
	size_t k = 0;

	CHECK(at != NULL && past != NULL && items != NULL);
	if (at == NULL || past == NULL || items == NULL)
		goto done;
	eval_mem(at, "{}", budget, out, sizeof(out));
	CHECK_STR(out, "1000");
	eval_mem(past, "{}", budget, out, sizeof(out));
	CHECK_STR(out, "!U1003");
	eval_mem(past, "{}", 0, out, sizeof(out));
	CHECK_STR(out, "1000");
	k = (size_t) snprintf(items, 16, "{\"a\":[");
	for (size_t i = 0; i < 1000; i++)
		k += (size_t) snprintf(items + k, 9, "%s{\"v\":1}",
		                       i ? "," : "");
	snprintf(items + k, 3, "]}");
	eval_mem("$sum(($ ~> | a | {\"v\": v + $count([1..300])} |).a.v)",
	         items, budget, out, sizeof(out));
	CHECK_STR(out, "301000");
done:
	free(at);
	free(past);
	free(items);
}

/* Text input is validated as it is read, in the members built and in
 * those skipped alike: what the JSON reader refuses is no input. */
static void text_checked(struct test_state *t)
{
	static const struct {
		const char *input, *want;
	} cases[] = {
		{ "{\"a\":[1,-2.5e1,true,false,null,\"\\u00e9\"]}",
		  "[1,-25,true,false,null,\"\u00e9\"]" },
		{ "{\"b\":[{},[],\"\\ud83d\\ude00\",0.5],\"a\":\"\xc3\xa9\"}",
		  "\"\u00e9\"" },
		{ "{\"a\":01}", "!" },
		{ "{\"a\":[1,]}", "!" },
		{ "{\"a\":[1 2]}", "!" },
		{ "{\"a\" 1}", "!" },
		{ "{1:2}", "!" },
		{ "{\"a\":tru}", "!" },
		{ "{\"a\":[1}", "!" },
		{ "{\"a\":\"\xc3\"}", "!" },
		{ "{\"a\":\"\t\"}", "!" },
		{ "{\"a\":1,\"b\":01}", "!" },
		{ "{\"a\":1,\"b\":[1,]}", "!" },
		{ "{\"a\":1,\"b\":\"\xff\"}", "!" },
		{ "{\"a\":1,\"b\":nul}", "!" },
		{ "{\"a\":1}}", "!" },
		{ "{\"a\":1", "!" },
		{ "{\"a\":0x10}", "!" },
		{ " ", "!" },
	};
	char out[100];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		eval_mem("a", cases[i].input, 0, out, sizeof(out));
		CHECK_STR(out, cases[i].want);
	}
}

/* "{"a":[[...[1]...]],"b":[[...[1]...]]}": A arrays in "a", B in "b". */
static char *deep_input(size_t a, size_t b)
{
	char *s = malloc(2 * (a + b) + 32);
	size_t k = 0;

	if (s == NULL)
		return NULL;
	for (int m = 0; m < 2; m++) {
		k += (size_t) snprintf(s + k, 8, "%s\"%c\":", m ? "," : "{",
		                       m ? 'b' : 'a');
		for (size_t i = 0; i < (m ? b : a); i++)
			s[k++] = '[';
		s[k++] = '1';
		for (size_t i = 0; i < (m ? b : a); i++)
			s[k++] = ']';
	}
	s[k++] = '}';
	s[k] = '\0';
	return s;
}

/* Text input nests as deep as the JSON reader reads (SFN_JSON_MAX_DEPTH
 * containers), in a member built ("a") and one skipped ("b"); one more
 * level is no JSON. */
static void text_depth_limit(struct test_state *t)
{
	const size_t edge = SFN_JSON_MAX_DEPTH - 1; /* the object is one */
	char *cases[] = { deep_input(edge, edge), deep_input(edge + 1, 1),
		          deep_input(1, edge + 1) };
	const char *want[] = { "1", "!", "!" };
	char out[100];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK(cases[i] != NULL);
		if (cases[i] != NULL)
			eval_mem("$count(a)", cases[i], 0, out, sizeof(out));
		CHECK_STR(out, want[i]);
		free(cases[i]);
	}
}

/* A file of some 9 MiB: {"a":"first","pad":[0,0,...],"z":"last"}. */
static int write_big(char *path)
{
	FILE *f = test_temp_file(path);

	if (f == NULL)
		return 0;
	fputs("{\"a\":\"first\",\"pad\":[0", f);
	for (size_t i = 0; i < ((size_t) 9 << 20) / 2; i++)
		fputs(",0", f);
	fputs("],\"z\":\"last\"}", f);
	return fclose(f) == 0;
}

/* A document in a file, mapped and dropped as it is read past 8 MiB,
 * gives what its text gives; a missing file is SFN_ERR_IO. */
static void file_input(struct test_state *t)
{
	const char *expr = "[a, $count(pad), z]";
	char path[] = "/tmp/sfn-jmem-XXXXXX";
	struct sfn_jsonata_error err;
	struct sfn_jsonata *e = NULL;
	struct collect got = { { 0 }, 0, 0 };
	struct sfn_jsonata_sink s = { collect, &got };

	sfn_buf_init(&got.text, 1024);
	CHECK(write_big(path));
	CHECK_INT(sfn_jsonata_parse(expr, strlen(expr), &e, &err), SFN_OK);
	CHECK_INT(sfn_jsonata_eval_file_write(e, path, NULL, NULL, &s, &err),
	          SFN_OK);
	CHECK_STR(sfn_buf_str(&got.text), "[\"first\",4718593,\"last\"]");
	unlink(path);
	CHECK_INT(sfn_jsonata_eval_file_write(e, path, NULL, NULL, &s, &err),
	          SFN_ERR_IO);
	CHECK_STR(err.code, "");
	sfn_jsonata_free(e);
	sfn_buf_free(&got.text);
}

/* A transform whose pattern is a path of names copies only what it
 * changes and shares the rest; a selected object held in two places
 * (deep-copied then), other patterns, deletions and updates that are no
 * object give what the reference gives (jsonata 2.0.5). */
static void transform_shared(struct test_state *t)
{
	static const char doc[] =
	        "{\"store\":{\"book\":[{\"t\":\"a\",\"p\":1,\"i\":\"x\","
	        "\"s\":{\"q\":2}},{\"t\":\"b\",\"p\":2,\"s\":{\"q\":3}}],"
	        "\"name\":\"S\"},\"n\":5}";
	static const struct {
		const char *expr, *want;
	} cases[] = {
		{ "store ~> | book | {\"p\": p * 2, \"z\": s}, [\"i\", \"t\"] "
		  "|",
		  "{\"book\":[{\"p\":2,\"s\":{\"q\":2},\"z\":{\"q\":2}},"
		  "{\"p\":4,\"s\":{\"q\":3},\"z\":{\"q\":3}}],\"name\":"
		  "\"S\"}" },
		{ "$ ~> | store.book.s | {\"q\": q + 1} |",
		  "{\"store\":{\"book\":[{\"t\":\"a\",\"p\":1,\"i\":\"x\","
		  "\"s\":{\"q\":3}},{\"t\":\"b\",\"p\":2,\"s\":{\"q\":4}}],"
		  "\"name\":\"S\"},\"n\":5}" },
		{ "store ~> | nothing | {\"z\": 1} |",
		  "{\"book\":[{\"t\":\"a\",\"p\":1,\"i\":\"x\",\"s\":{\"q\":"
		  "2}},{\"t\":\"b\",\"p\":2,\"s\":{\"q\":3}}],\"name\":"
		  "\"S\"}" },
		{ "($x := {\"a\": {\"v\": 1}}; {\"p\": $x, \"q\": $x} ~> | "
		  "p.a | {\"v\": 2} |)",
		  "{\"p\":{\"a\":{\"v\":2}},\"q\":{\"a\":{\"v\":1}}}" },
		{ "($x := {\"a\": {\"v\": 1}}; [$x, $x] ~> | a | {\"v\": 2} "
		  "|)",
		  "[{\"a\":{\"v\":2}},{\"a\":{\"v\":2}}]" },
		{ "($x := {\"v\": 1}; {\"p\": $x, \"q\": {\"r\": $x}} ~> | p "
		  "| {\"v\": 2} |)",
		  "{\"p\":{\"v\":2},\"q\":{\"r\":{\"v\":1}}}" },
		{ "{\"a\": [[{\"v\": 1}], {\"v\": 2}]} ~> | a | {\"v\": 0} |",
		  "{\"a\":[[{\"v\":1}],{\"v\":0}]}" },
		{ "{\"a\": [{\"b\": [{\"v\": 1}, {\"v\": 2}]}, {\"b\": "
		  "{\"v\": 3}}]} ~> | a.b | {\"w\": v} |",
		  "{\"a\":[{\"b\":[{\"v\":1,\"w\":1},{\"v\":2,\"w\":2}]},"
		  "{\"b\":{\"v\":3,\"w\":3}}]}" },
		{ "store ~> | book | 5 |", "!T2011" },
		{ "store ~> | book[p > 1] | {\"p\": 0} |",
		  "{\"book\":[{\"t\":\"a\",\"p\":1,\"i\":\"x\",\"s\":{\"q\":"
		  "2}},{\"t\":\"b\",\"p\":0,\"s\":{\"q\":3}}],\"name\":"
		  "\"S\"}" },
		{ "($t := | book | {\"p\": 0} |; [$t(store).book.p, "
		  "store.book.p])",
		  "[0,0,1,2]" },
	};
	char out[300];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		eval_mem(cases[i].expr, doc, 0, out, sizeof(out));
		CHECK_STR(out, cases[i].want);
	}
}

/* "{"pad":[0,0,...],"a":{"a":...{"a":{"v":1}}...}}": 100,000 zeros,
 * and the object {"v":1} DEPTH objects down; *EXPR the transform of
 * that object ("a.a. ... .a"), counting "pad" afterwards. */
static char *deep_object(size_t depth, char **expr)
{
	const char *head = "$count(($ ~> | ";
	const char *tail = " | {\"v\": 2} |).pad)";
	size_t n = 200000 + 8 * depth + 64, k = 0;
	char *s = malloc(n);

	*expr = malloc(strlen(head) + 2 * depth + strlen(tail) + 1);
	if (s == NULL || *expr == NULL) {
		free(s);
		return NULL;
	}
	k = (size_t) snprintf(s, n, "{\"pad\":[0");
	for (size_t i = 1; i < 100000; i++) {
		s[k++] = ',';
		s[k++] = '0';
	}
	k += (size_t) snprintf(s + k, n - k, "]");
	for (size_t i = 0; i < depth; i++)
		k += (size_t) snprintf(s + k, n - k, ",\"a\":{" + (i > 0));
	k += (size_t) snprintf(s + k, n - k, "\"v\":1");
	for (size_t i = 0; i <= depth; i++)
		s[k++] = '}';
	s[k] = '\0';
	k = (size_t) snprintf(*expr, strlen(head) + 1, "%s", head);
	for (size_t i = 0; i < depth; i++)
		k += (size_t) sprintf(*expr + k, "%s", i > 0 ? ".a" : "a");
	strcpy(*expr + k, tail);
	return s;
}

/* The copy a transform makes follows COPY_MAX_DEPTH (256) containers to
 * the objects it selects, sharing "pad" (800 KB of table) with the input:
 * it fits in 1.5 MiB of arena; one level deeper the argument is
 * deep-copied, "pad" too, and the budget runs out. A pattern that is not
 * a path of names deep-copies as well. */
static void transform_copy_depth(struct test_state *t)
{
	const size_t budget = (size_t) 3 << 19;
	char *at_expr = NULL, *past_expr = NULL, out[100];
	char *at = deep_object(256, &at_expr);
	char *past = deep_object(257, &past_expr);

	CHECK(at != NULL && past != NULL);
	if (at == NULL || past == NULL)
		goto done;
	eval_mem(at_expr, at, budget, out, sizeof(out));
	CHECK_STR(out, "100000");
	eval_mem(past_expr, past, budget, out, sizeof(out));
	CHECK_STR(out, "!U1003");
	eval_mem(past_expr, past, 0, out, sizeof(out));
	CHECK_STR(out, "100000");
	eval_mem("$count(($ ~> | a[true] | {\"v\": 2} |).pad)", at, budget, out,
	         sizeof(out));
	CHECK_STR(out, "!U1003");
	eval_mem("($ ~> | a | {\"v\": 2} |).a.v", "{\"a\":{\"v\":1}}", budget,
	         out, sizeof(out));
	CHECK_STR(out, "2");
done:
	free(at);
	free(past);
	free(at_expr);
	free(past_expr);
}

/* "{"a":[S,S,...]}": N copies of the string S (or the number 2.5 when S
 * is NULL). */
static char *repeated(const char *str, size_t n)
{
	size_t each = (str != NULL ? strlen(str) + 2 : 3) + 1;
	char *s = malloc(n * each + 16);
	size_t k = 0;

	if (s == NULL)
		return NULL;
	k = (size_t) sprintf(s, "{\"a\":[");
	for (size_t i = 0; i < n; i++) {
		if (str != NULL)
			k += (size_t) sprintf(s + k, "%s\"%s\"", i ? "," : "",
			                      str);
		else
			k += (size_t) sprintf(s + k, "%s2.5", i ? "," : "");
	}
	strcpy(s + k, "]}");
	return s;
}

/* Text input makes a string of up to SHARED_STRING (32) bytes, a number,
 * true, false or null once however often it is repeated: 50,000 strings
 * of 32 bytes fit in 1 MiB of arena (the array's table); of 33 bytes,
 * each is made and the budget runs out. */
static void scalars_shared(struct test_state *t)
{
	const size_t budget = (size_t) 1 << 20;
	const char *s32 = "abcdefghijklmnopqrstuvwxyz012345";
	const char *s33 = "abcdefghijklmnopqrstuvwxyz0123456";
	char *at = repeated(s32, 50000), *past = repeated(s33, 50000);
	char *nums = repeated(NULL, 50000), out[200];

	CHECK(at != NULL && past != NULL && nums != NULL);
	if (at == NULL || past == NULL || nums == NULL)
		goto done;
	eval_mem("$count(a)", at, budget, out, sizeof(out));
	CHECK_STR(out, "50000");
	eval_mem("$count(a)", past, budget, out, sizeof(out));
	CHECK_STR(out, "!U1003");
	eval_mem("$sum(a)", nums, budget, out, sizeof(out));
	CHECK_STR(out, "125000");
	eval_mem("a",
	         "{\"a\":[\"x\",1,\"x\",1.0,-0,0,true,false,null,true,"
	         "null,\"1\",\"x\",false]}",
	         0, out, sizeof(out));
	CHECK_STR(out, "[\"x\",1,\"x\",1,0,0,true,false,null,true,null,"
	               "\"1\",\"x\",false]");
	eval_mem("$map(a, function($v) { $v & \"!\" })",
	         "{\"a\":[\"x\",\"x\"]}", 0, out, sizeof(out));
	CHECK_STR(out, "[\"x!\",\"x!\"]");
done:
	free(at);
	free(past);
	free(nums);
}

/* A group-by gives back what evaluating each item's key made: 50,000
 * items grouped under a literal key fit in 2 MiB of arena. */
static void group_keys_released(struct test_state *t)
{
	char *in = repeated(NULL, 50000), out[100];

	CHECK(in != NULL);
	if (in == NULL)
		return;
	eval_mem("a{\"k\": [$count($), $sum($)]}", in, (size_t) 2 << 20, out,
	         sizeof(out));
	CHECK_STR(out, "{\"k\":[50000,125000]}");
	eval_mem("a{\"k\": $count($), \"k\": 1}", "{\"a\":[1]}", 0, out,
	         sizeof(out));
	CHECK_STR(out, "!D1009");
	free(in);
}

/* "{"book":[{"p":1,"pad":"<40 characters>"},...]}": N books. */
static char *padded_books(size_t n)
{
	char *s = malloc(n * 64 + 16);
	size_t k;

	if (s == NULL)
		return NULL;
	k = (size_t) sprintf(s, "{\"book\":[");
	for (size_t i = 0; i < n; i++)
		k += (size_t) sprintf(s + k, "%s{\"p\":1,\"pad\":\"%040zu\"}",
		                      i ? "," : "", i);
	strcpy(s + k, "]}");
	return s;
}

/* $map's function reads only "p" of each book, so only that is built:
 * 10,000 books fit in 1 MiB of arena; a function taking each book whole
 * needs their 40-byte strings too, and runs out. */
static void map_reads_memory(struct test_state *t)
{
	const size_t budget = (size_t) 1 << 20;
	char *in = padded_books(10000), out[100];

	CHECK(in != NULL);
	if (in == NULL)
		return;
	eval_mem("$sum($map(book, function($b) { $b.p }))", in, budget, out,
	         sizeof(out));
	CHECK_STR(out, "10000");
	eval_mem("$sum($map(book, function($b) { $count($keys($b)) }))", in,
	         budget, out, sizeof(out));
	CHECK_STR(out, "!U1003");
	eval_mem("$sum($map(book, function($b) { $count($keys($b)) }))", in, 0,
	         out, sizeof(out));
	CHECK_STR(out, "20000");
	free(in);
}

const struct test sfn_tests_jn_mem[] = {
	{ "write_same", write_same },
	{ "write_pieces", write_pieces },
	{ "write_error", write_error },
	{ "scratch_values", scratch_values },
	{ "scratch_released", scratch_released },
	{ "text_checked", text_checked },
	{ "text_depth_limit", text_depth_limit },
	{ "file_input", file_input },
	{ "transform_shared", transform_shared },
	{ "transform_copy_depth", transform_copy_depth },
	{ "scalars_shared", scalars_shared },
	{ "group_keys_released", group_keys_released },
	{ "map_reads_memory", map_reads_memory },
	{ NULL, NULL },
};
