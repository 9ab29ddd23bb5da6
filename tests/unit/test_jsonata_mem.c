/* JSONata engine's memory: results written as JSON text through a sink
 * (sfn_jsonata_eval_write, sfn_jsonata_eval_text_write) print the bytes
 * sfn_jsonout prints for the tree sfn_jsonata_eval returns, in pieces,
 * and a failing sink is reported; per-element calls give their scratch
 * memory back and keep their values whole (JN_SCRATCH_MAX_DEPTH at and
 * past its edge). */
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

const struct test sfn_tests_jn_mem[] = {
	{ "write_same", write_same },
	{ "write_pieces", write_pieces },
	{ "write_error", write_error },
	{ "scratch_values", scratch_values },
	{ "scratch_released", scratch_released },
	{ "text_checked", text_checked },
	{ "text_depth_limit", text_depth_limit },
	{ "file_input", file_input },
	{ NULL, NULL },
};
