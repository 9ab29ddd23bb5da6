/* JSONata engine: number text as JavaScript prints it, results and
 * errors through the public API, and every limit at and past its edge. */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "sfn/jsonata.h"
#include "test.h"

static const char *numtext(char buf[32], double d)
{
	sfn_jsonata_number_text(d, buf);
	return buf;
}

static void number_text(struct test_state *t)
{
	static const struct {
		double d;
		const char *want;
	} cases[] = {
		{ 0, "0" },
		{ -0.0, "0" },
		{ 42, "42" },
		{ -7.5, "-7.5" },
		{ 0.1 + 0.2, "0.30000000000000004" },
		{ 123.456, "123.456" },
		{ 1e20, "100000000000000000000" },
		{ 1e21, "1e+21" },
		{ 1.5e300, "1.5e+300" },
		{ 0.000001, "0.000001" },
		{ 1e-7, "1e-7" },
		{ 1.25e-7, "1.25e-7" },
		{ 5e-324, "5e-324" },
		{ 1.7976931348623157e308, "1.7976931348623157e+308" },
		{ 9007199254740993.0, "9007199254740992" },
		{ INFINITY, "Infinity" },
	};
	char buf[32];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_STR(numtext(buf, cases[i].d), cases[i].want);
}

/* R printed compactly into OUT ("undefined" when none, "!CODE" on an
 * error). */
static void print_result(enum sfn_status st,
                         const struct sfn_jsonata_error *err, const cJSON *r,
                         char *out, size_t size)
{
	if (st != SFN_OK) {
		snprintf(out, size, "!%s", err->code);
	} else if (r == NULL) {
		snprintf(out, size, "undefined");
	} else {
		char *text = cJSON_PrintUnformatted(r);

		snprintf(out, size, "%s", text ? text : "?");
		free(text);
	}
}

/* Evaluates EXPR over the JSON text INPUT (NULL: undefined); the result
 * printed compactly into OUT ("undefined" when none, "!CODE" on an
 * error). */
static enum sfn_status run_opts(const char *expr, const char *input,
                                const char *bindings,
                                const struct sfn_jsonata_opts *opts, char *out,
                                size_t size)
{
	struct sfn_jsonata_error err;
	struct sfn_jsonata *e;
	cJSON *in = input ? cJSON_Parse(input) : NULL;
	cJSON *b = bindings ? cJSON_Parse(bindings) : NULL;
	cJSON *r = NULL;
	enum sfn_status st = sfn_jsonata_parse(expr, strlen(expr), &e, &err);

	if (st == SFN_OK)
		st = sfn_jsonata_eval_opts(e, in, b, opts, &r, &err);
	print_result(st, &err, r, out, size);
	cJSON_Delete(r);
	cJSON_Delete(in);
	cJSON_Delete(b);
	sfn_jsonata_free(e);
	return st;
}

/* run() with INPUT given to the engine as text. */
static void run_text(const char *expr, const char *input, char *out,
                     size_t size)
{
	struct sfn_jsonata_error err;
	struct sfn_jsonata *e;
	cJSON *r = NULL;
	enum sfn_status st = sfn_jsonata_parse(expr, strlen(expr), &e, &err);

	if (st == SFN_OK)
		st = sfn_jsonata_eval_text(e, input, strlen(input), NULL, NULL,
		                           &r, &err);
	print_result(st, &err, r, out, size);
	cJSON_Delete(r);
	sfn_jsonata_free(e);
}

static enum sfn_status run(const char *expr, const char *input,
                           const char *bindings,
                           const struct sfn_jsonata_budget *budget, char *out,
                           size_t size)
{
	struct sfn_jsonata_opts o = { SFN_JSONATA_STANDARD, budget, NULL,
		                      NULL };

	return run_opts(expr, input, bindings, &o, out, size);
}

/* Bytes 0, 1, 2, ... from where *CTX stands; fails at 255. */
static int counting(void *ctx, unsigned char *buf, size_t n)
{
	unsigned char *next = ctx;

	for (size_t i = 0; i < n; i++) {
		if (*next == 255)
			return 0;
		buf[i] = (*next)++;
	}
	return 1;
}

/* EXPR in Step Functions' dialect, with the counting random source. */
static enum sfn_status states(const char *expr, const char *input, char *out,
                              size_t size)
{
	unsigned char next = 0;
	struct sfn_jsonata_opts o = { SFN_JSONATA_STATES, NULL, counting,
		                      &next };

	return run_opts(expr, input, NULL, &o, out, size);
}

/* Calls of a variable as the text writes them: the first one's '$';
 * a mention that is no call, or a call of another name, is none. */
static void find_call(struct test_state *t)
{
	static const struct {
		const char *expr;
		long at; /* -1: no call of $eval */
	} cases[] = {
		{ "$eval('1')", 0 },
		{ "  $string($eval(\"2\")) & $eval('3')", 10 },
		{ "$x.$eval('1')", 3 },
		{ "($f := $eval; 1)", -1 },
		{ "$evaluate(1) & eval(2) & '$eval(3)'", -1 },
		{ "$map([1], function($v) { $eval($v) })", 25 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct sfn_jsonata *e = NULL;
		size_t at = 99;
		int found;

		CHECK(sfn_jsonata_parse(cases[i].expr, strlen(cases[i].expr),
		                        &e, NULL) == SFN_OK);
		found = sfn_jsonata_find_call(e, "eval", &at);
		sfn_jsonata_free(e);
		CHECK_INT(found ? (long) at : -1, cases[i].at);
	}
}

/* An expression, its input's JSON text (NULL: undefined) and what it
 * gives, printed as run() prints it. */
struct expr_case {
	const char *expr, *input, *want;
};

/* Each of the N CASES evaluated in the standard dialect; a failure
 * names the case's expression. */
static void check_cases(struct test_state *t, const struct expr_case *cases,
                        size_t n)
{
	char out[200];

	for (size_t i = 0; i < n; i++) {
		run(cases[i].expr, cases[i].input, NULL, NULL, out,
		    sizeof(out));
		if (strcmp(out, cases[i].want) != 0)
			test_fail(t, __FILE__, __LINE__,
			          "%s over %s is \"%s\", want \"%s\"",
			          cases[i].expr,
			          cases[i].input ? cases[i].input : "undefined",
			          out, cases[i].want);
	}
}

#define CHECK_CASES(cases)                                                     \
	check_cases(t, cases, sizeof(cases) / sizeof(cases[0]))

static void results(struct test_state *t)
{
	static const struct expr_case cases[] = {
		{ "a.b", "{\"a\":{\"b\":null}}", "null" },
		{ "a.c", "{\"a\":{\"b\":1}}", "undefined" },
		{ "a.b", "{\"a\":[{\"b\":1},{\"b\":[2,3]}]}", "[1,2,3]" },
		{ "a[0].b[]", "{\"a\":[{\"b\":1}]}", "[1]" },
		{ "$sum(a.b) & 'x'", "{\"a\":[{\"b\":1},{\"b\":2}]}",
		  "\"3x\"" },
		{ "$string(1/3)", NULL, "\"0.333333333333333\"" },
		{ "[1..3].($ * 2)", NULL, "[2,4,6]" },
		{ "$length('\xf0\x9f\x98\x80x')", NULL, "2" },
		{ "$map([1,2], function($v){$v + 1})", NULL, "[2,3]" },
		{ "$eval('$contains(\"abc\", /B/i)')", NULL, "true" },
	};

	CHECK_CASES(cases);
}

static void bindings(struct test_state *t)
{
	char out[100];

	CHECK_INT(run("$x + $states.n", NULL, "{\"x\":1,\"states\":{\"n\":2}}",
	              NULL, out, sizeof(out)),
	          SFN_OK);
	CHECK_STR(out, "3");
}

static void errors(struct test_state *t)
{
	struct sfn_jsonata_error err;
	struct sfn_jsonata *e;
	char out[100];

	CHECK_INT(sfn_jsonata_parse("1 + ", 4, &e, &err), SFN_ERR_SYNTAX);
	CHECK_STR(err.code, "S0207");
	CHECK_INT(sfn_jsonata_parse("'abc", 4, &e, &err), SFN_ERR_SYNTAX);
	CHECK_STR(err.code, "S0101");
	CHECK_INT(run("'a' + 1", NULL, NULL, NULL, out, sizeof(out)),
	          SFN_ERR_SYNTAX);
	CHECK_STR(out, "!T2001");
	CHECK_INT(
	        run("$substring('a', 'b')", NULL, NULL, NULL, out, sizeof(out)),
	        SFN_ERR_SYNTAX);
	CHECK_STR(out, "!T0410");
}

/* A built-in's signature as the reference (jsonata 2.0.5 and 2.2.2)
 * checks it: a missing '-' parameter takes the context, which in Step
 * Functions is undefined ($substring(1, 2) is then $substring(undefined,
 * 1, 2): undefined, no error); a context of another type is T0411; an
 * argument that matches no parameter is T0410. INPUT NULL: undefined. */
static void signatures(struct test_state *t)
{
	static const struct expr_case cases[] = {
		{ "$substring(1, 2)", NULL, "undefined" },
		{ "$substring(1, 2)", "{\"a\":1}", "!T0411" },
		{ "$substring(1, 2)", "\"hello\"", "\"el\"" },
		{ "$substring(1)", NULL, "undefined" },
		{ "$substring(1)", "\"hello\"", "\"ello\"" },
		{ "$substring(1)", "5", "!T0411" },
		{ "$substring(\"hello\")", NULL, "!T0410" },
		{ "$substring(\"hello\", \"x\")", NULL, "!T0410" },
		{ "$substring()", NULL, "!T0410" },
		{ "$substring(\"a\", 1, 2, 3)", NULL, "!T0410" },
		{ "$substring(true, 1)", NULL, "!T0410" },
		{ "$substring(null, 1)", NULL, "!T0410" },
		{ "$substring([1], 1)", NULL, "!T0410" },
		{ "$uppercase()", NULL, "undefined" },
		{ "$uppercase()", "\"ab\"", "\"AB\"" },
		{ "$uppercase()", "5", "!T0411" },
		{ "$length()", "23", "!T0411" },
		{ "$pad(3)", "\"x\"", "\"x  \"" },
		{ "$pad(3)", "5", "!T0411" },
		{ "$formatBase()", "\"x\"", "!T0411" },
		{ "$number()", "\"x\"", "!D3030" },
		{ "$number()", "{\"a\":1}", "!T0411" },
		{ "$keys()", NULL, "undefined" },
		{ "$sift(function($v){true})", "{\"a\":1}", "{\"a\":1}" },
		{ "$sift(function($v){true})", "5", "!T0411" },
		{ "$each(function($v){$v})", "{\"a\":1}", "1" },
		{ "$each(function($v){$v})", "\"x\"", "!T0411" },
		{ "$string()", "5", "\"5\"" },
		{ "$fromMillis()", "\"x\"", "!T0411" },
		{ "$toMillis()", "5", "!T0411" },
		{ "$clone()", "5", "!T0411" },
	};

	CHECK_CASES(cases);
}

/* Values the reference computes as JavaScript does: $substring's
 * numbers untruncated until slice, $spread's one-member object a
 * sequence of one, $formatBase's radix rounded and base 10 as the
 * number's text, the limit of $replace, $match and a regex $split
 * compared with counts (a string $split's made whole). $sift without a
 * function and $pad past every budget fail where the reference throws
 * a JavaScript error; $base64decode's bytes are always text. */
static void builtin_values(struct test_state *t)
{
	static const struct expr_case cases[] = {
		{ "$substring(\"hello\", 0.5, 1.7)", NULL, "\"he\"" },
		{ "$substring(\"hello\", -1.5, 1.2)", NULL, "\"\"" },
		{ "$substring(\"hello\", $nothing, 2)", NULL, "\"\"" },
		{ "$substring(\"hello\", $nothing)", NULL, "\"hello\"" },
		{ "$spread({\"a\":1})", NULL, "{\"a\":1}" },
		{ "{\"x\": $spread({\"a\":1})}", NULL, "{\"x\":{\"a\":1}}" },
		{ "$spread({\"a\":1,\"b\":2})", NULL, "[{\"a\":1},{\"b\":2}]" },
		{ "$spread([{\"a\":1}])", NULL, "[{\"a\":1}]" },
		{ "$formatBase(10, 1.7)", NULL, "\"1010\"" },
		{ "$formatBase(1e21)", NULL, "\"1e+21\"" },
		{ "$formatBase(-1e300, 10)", NULL, "\"-1e+300\"" },
		{ "$formatBase(255, 16)", NULL, "\"ff\"" },
		{ "$formatBase(5, 1.4)", NULL, "!D3100" },
		{ "$formatBase(5, 36.5)", NULL, "\"5\"" },
		{ "$formatBase(2.5, 2)", NULL, "\"10\"" },
		{ "$string($length($formatBase(-1e300, 2)))", NULL, "\"998\"" },
		{ "$replace(\"aaaa\", \"a\", \"b\", 0.5)", NULL, "\"baaa\"" },
		{ "$replace(\"aaaa\", /a/, \"b\", 1.5)", NULL, "\"bbaa\"" },
		{ "$match(\"aaaa\", /a/, 0.5).index", NULL, "0" },
		{ "$split(\"a,b,c\", \",\", 1.5)", NULL, "[\"a\"]" },
		{ "$split(\"a,b,c\", /,/, 1.5)", NULL, "[\"a\",\"b\"]" },
		{ "$split(\"a,b,c\", \"\", 1.5)", NULL, "[\"a\"]" },
		{ "$split(\"a,b,c\", \",\", 0.5)", NULL, "[]" },
		{ "$sift({\"a\":1})", NULL, "!T1006" },
		{ "$sift({})", NULL, "undefined" },
		{ "$pad(\"a\", 1e300)", NULL, "!U1003" },
		{ "$pad(\"a\", -1e300)", NULL, "!U1003" },
		/* a timezone is ±HHMM: digits past the minutes are not read
		 * (they would overflow the offset) */
		{ "$fromMillis(1521801216617, \"[H01]:[m01] [Z]\", \"-0500\")",
		  NULL, "\"05:33 -05:00\"" },
		{ "$fromMillis(1521801216617, \"[H01]:[m01] [Z]\", "
		  "\"+0530999999999999999999999\")",
		  NULL, "\"16:03 +05:30\"" },
		/* numbers no integer holds (NaN from -4 % 0, 1e300) */
		{ "$pad(\"ab\", -4 % 0)", NULL, "\"ab\"" },
		{ "$round(1.5, 0 % 0)", NULL, "null" },
		{ "$round(1.5, 1e300)", NULL, "1.5" },
		{ "$round(1.5, 308)", NULL, "1.5" },
		{ "$round(123.456, -1e300)", NULL, "0" },
		{ "$round(125, -1)", NULL, "120" },
		{ "$formatBase(0 % 0, 2)", NULL, "\"NaN\"" },
		{ "$formatBase(100, 0 % 0)", NULL, "!D3100" },
		{ "$formatInteger(0 % 0, \"w\")", NULL, "!D3001" },
		/* bytes that are no UTF-8 decode as Java's decoder reads them
		 * (the reference, in Node, reads every byte as Latin-1) */
		{ "$base64decode(\"w6k=\")", NULL, "\"\xc3\xa9\"" },
		{ "$base64decode(\"/w==\")", NULL, "\"\xef\xbf\xbd\"" },
		{ "$length($base64decode(\"/2E=\"))", NULL, "2" },
	};

	CHECK_CASES(cases);
}

/* Step Functions' dialect: the six functions it adds, with the errors
 * of each, and $eval gone. */
static void dialect(struct test_state *t)
{
	static const struct {
		const char *expr, *want;
	} cases[] = {
		{ "$partition([1,2,3,4,5,6,7,8,9], 3)",
		  "[[1,2,3],[4,5,6],[7,8,9]]" },
		{ "$partition([1,2,3,4,5], 2)", "[[1,2],[3,4],[5]]" },
		{ "$partition([1,2], 5)", "[[1,2]]" },
		{ "$partition([], 2)", "[]" },
		{ "$partition(7, 1)", "[[7]]" },
		{ "$partition([1,2], 0)", "!D3201" },
		{ "$partition([1,2], 1.5)", "!D3201" },
		{ "$partition([1,2])", "!T0410" },
		{ "$partition([1,2], '2')", "!T0410" },
		{ "$range(0, 10, 2)", "[0,2,4,6,8,10]" },
		{ "$range(1, 9, 4)", "[1,5,9]" },
		{ "$range(10, 0, -5)", "[10,5,0]" },
		{ "$range(0, 5, -1)", "[]" },
		{ "$range(0, 0, 1)", "[0]" },
		{ "$range(1, 1000, 1)[-1]", "1000" },
		{ "$range(0, 1000, 1)", "!D3203" },
		{ "$range(0, 10, 0)", "!D3202" },
		{ "$range(0.5, 10, 1)", "!D3202" },
		{ "$range(0, 10)", "!T0410" },
		{ "$hash('input data', 'SHA-1')",
		  "\"aaff4a450a104cd177d28d18d74485e8cae074b7\"" },
		{ "$hash('abc', 'MD5')",
		  "\"900150983cd24fb0d6963f7d28e17f72\"" },
		{ "$length($hash('abc', 'SHA-512'))", "128" },
		{ "$hash('abc', 'SHA-999')", "!D3204" },
		{ "$hash(1, 'MD5')", "!T0410" },
		{ "$random(42) = $random(42)", "true" },
		{ "$random(42) = $random(43)", "false" },
		{ "$random(42) >= 0 and $random(42) < 1", "true" },
		{ "$random(1.5)", "!D3206" },
		{ "$random('x')", "!T0410" },
		{ "$random()", "1.5378700499724118e-05" },
		{ "$uuid()", "\"00010203-0405-4607-8809-0a0b0c0d0e0f\"" },
		{ "$parse('{\"a\": [1, true, null]}')",
		  "{\"a\":[1,true,null]}" },
		{ "$parse(' 3 ')", "3" },
		{ "$parse('{a}')", "!D3207" },
		{ "$parse('1 2')", "!D3207" },
		{ "$parse(3)", "!T0410" },
		{ "$eval('1')", "!T1006" },
		{ "$sum([1,2])", "3" },
	};
	char out[200];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		states(cases[i].expr, NULL, out, sizeof(out));
		CHECK_STR(out, cases[i].want);
	}
	/* the standard dialect has $eval and JSONata's $random only */
	run("$eval('1 + 1')", NULL, NULL, NULL, out, sizeof(out));
	CHECK_STR(out, "2");
	run("$uuid()", NULL, NULL, NULL, out, sizeof(out));
	CHECK_STR(out, "!T1006");
	run("$random(1)", NULL, NULL, NULL, out, sizeof(out));
	CHECK_STR(out, "!T0410");
}

/* A random source that fails: $uuid and $random() say so. */
static void dialect_no_random(struct test_state *t)
{
	unsigned char next = 250;
	struct sfn_jsonata_opts o = { SFN_JSONATA_STATES, NULL, counting,
		                      &next };
	char out[100];

	CHECK_INT(run_opts("$uuid()", NULL, NULL, &o, out, sizeof(out)),
	          SFN_ERR_SYNTAX);
	CHECK_STR(out, "!D3205");
	next = 250;
	CHECK_INT(run_opts("$random(7) < 1", NULL, NULL, &o, out, sizeof(out)),
	          SFN_OK);
	CHECK_STR(out, "true");
}

/* "(((1)))": LEVELS parse levels in all. */
static char *nested(size_t levels, char open, char close)
{
	char *s = malloc(2 * levels + 2);
	size_t k = 0;

	for (size_t i = 1; s != NULL && i < levels; i++)
		s[k++] = open;
	if (s != NULL)
		s[k++] = '1';
	for (size_t i = 1; s != NULL && i < levels; i++)
		s[k++] = close;
	if (s != NULL)
		s[k] = '\0';
	return s;
}

static void nesting_limit(struct test_state *t)
{
	char out[100];
	char *at = nested(SFN_JSONATA_MAX_NESTING, '(', ')');
	char *past = nested(SFN_JSONATA_MAX_NESTING + 1, '(', ')');
	enum sfn_status st_at, st_past;

	CHECK(at != NULL && past != NULL);
	st_at = run(at, NULL, NULL, NULL, out, sizeof(out));
	st_past = run(past, NULL, NULL, NULL, out, sizeof(out));
	free(at);
	free(past);
	CHECK_INT(st_at, SFN_OK);
	CHECK_INT(st_past, SFN_ERR_LIMIT);
	CHECK_STR(out, "!U1001");
}

static void depth_limit(struct test_state *t)
{
	struct sfn_jsonata_budget b = { 0 };
	char out[200];
	char *at = nested(50, '[', ']');
	char *past = nested(51, '[', ']');
	enum sfn_status st_at, st_past;

	b.max_depth = 50; /* 49 arrays around a number */
	CHECK(at != NULL && past != NULL);
	st_at = run(at, NULL, NULL, &b, out, sizeof(out));
	st_past = run(past, NULL, NULL, &b, out, sizeof(out));
	free(at);
	free(past);
	CHECK_INT(st_at, SFN_OK);
	CHECK_INT(st_past, SFN_ERR_LIMIT);
	CHECK_STR(out, "!U1001");
	CHECK_INT(run("($f := function($n){$n + $f($n)}; $f(1))", NULL, NULL,
	              NULL, out, sizeof(out)),
	          SFN_ERR_LIMIT);
	CHECK_STR(out, "!U1001");
}

static void tail_calls(struct test_state *t)
{
	struct sfn_jsonata_budget b = { 0 };
	char out[100];

	b.max_depth = 30; /* far less than the 10000 calls below */
	CHECK_INT(run("($f := function($n, $a){$n = 0 ? $a : $f($n - 1, $a + "
	              "1)}; $f(10000, 0))",
	              NULL, NULL, &b, out, sizeof(out)),
	          SFN_OK);
	CHECK_STR(out, "10000");
}

static void step_limit(struct test_state *t)
{
	struct sfn_jsonata_budget b = { 0 };
	char out[100];

	b.max_steps = 3; /* "1 + 2" evaluates three nodes */
	CHECK_INT(run("1 + 2", NULL, NULL, &b, out, sizeof(out)), SFN_OK);
	b.max_steps = 2;
	CHECK_INT(run("1 + 2", NULL, NULL, &b, out, sizeof(out)),
	          SFN_ERR_LIMIT);
	CHECK_STR(out, "!U1001");
}

/* Past the memory budget an evaluation stops with U1003; a size
 * computed from the data past it is refused before it reaches malloc
 * (with the default budget too). */
static void memory_limit(struct test_state *t)
{
	static const struct {
		const char *expr;
		int small; /* a 1 MiB budget, else the default */
		enum sfn_status st;
		const char *want;
	} cases[] = {
		{ "$count([1..1000])", 1, SFN_OK, "1000" },
		{ "$count([1..1000000])", 1, SFN_ERR_LIMIT, "!U1003" },
		{ "$length($pad('a', 1000))", 1, SFN_OK, "1000" },
		{ "$pad('a', 200000)", 1, SFN_ERR_LIMIT, "!U1003" },
		{ "$pad('a', 81e15)", 0, SFN_ERR_LIMIT, "!U1003" },
	};
	struct sfn_jsonata_budget b = { 0 };
	char out[100];

	b.max_memory = (size_t) 1 << 20;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK_INT(run(cases[i].expr, NULL, NULL,
		              cases[i].small ? &b : NULL, out, sizeof(out)),
		          cases[i].st);
		CHECK_STR(out, cases[i].want);
	}
}

/* A width modifier writes that many characters: at the limit it works,
 * past it the evaluation stops with U1003. */
static void width_limit(struct test_state *t)
{
	char expr[100], out[100], want[32];

	snprintf(expr, sizeof(expr), "$length($fromMillis(0, '[Y,%d]'))",
	         SFN_JSONATA_MAX_WIDTH);
	snprintf(want, sizeof(want), "%d", SFN_JSONATA_MAX_WIDTH);
	CHECK_INT(run(expr, NULL, NULL, NULL, out, sizeof(out)), SFN_OK);
	CHECK_STR(out, want);
	snprintf(expr, sizeof(expr), "$fromMillis(0, '[D,1-%d]')",
	         SFN_JSONATA_MAX_WIDTH + 1);
	CHECK_INT(run(expr, NULL, NULL, NULL, out, sizeof(out)), SFN_ERR_LIMIT);
	CHECK_STR(out, "!U1003");
	/* a year picture wider than a long's digits keeps the whole year */
	CHECK_INT(run("$fromMillis(0, '[Y0000000000000000000000000000001]')",
	              NULL, NULL, NULL, out, sizeof(out)),
	          SFN_OK);
	CHECK_STR(out, "\"0000000000000000000000000001970\"");
	CHECK_INT(run("$fromMillis(0, '[Y,99999999999999999999999]')", NULL,
	              NULL, NULL, out, sizeof(out)),
	          SFN_ERR_LIMIT);
	CHECK_STR(out, "!U1003");
}

static void length_limit(struct test_state *t)
{
	struct sfn_jsonata_error err;
	struct sfn_jsonata *e = NULL;
	char *s = malloc(SFN_JSONATA_MAX_LENGTH + 2);

	CHECK(s != NULL);
	memset(s, ' ', SFN_JSONATA_MAX_LENGTH + 1);
	s[0] = '1';
	CHECK_INT(sfn_jsonata_parse(s, SFN_JSONATA_MAX_LENGTH, &e, &err),
	          SFN_OK);
	sfn_jsonata_free(e);
	CHECK_INT(sfn_jsonata_parse(s, SFN_JSONATA_MAX_LENGTH + 1, &e, &err),
	          SFN_ERR_LIMIT);
	free(s);
}

/* Paths, filters, '%', '$', '$$', wildcards, focus and index bindings,
 * functions that read their context, group-by and transforms over a
 * document of which the engine builds only what each expression reads;
 * every result is the reference implementation's (jsonata 2.0.5). */
static void reads(struct test_state *t)
{
	static const char doc[] =
	        "{\"store\":{\"book\":[{\"t\":\"a\",\"p\":1,\"i\":\"x\","
	        "\"s\":{\"q\":2}},{\"t\":\"b\",\"p\":2,\"s\":{\"q\":3}}],"
	        "\"name\":\"S\"},\"n\":5}";
	static const struct {
		const char *expr, *want;
	} cases[] = {
		{ "store.book.t", "[\"a\",\"b\"]" },
		{ "store.book[i].t", "\"a\"" },
		{ "store.book[p > 1].s.q", "3" },
		{ "store.book.$keys()",
		  "[\"t\",\"p\",\"i\",\"s\",\"t\",\"p\",\"s\"]" },
		{ "($f := function($x)<o-:n>{$count($keys($x))}; "
		  "store.book.$f())",
		  "[4,3]" },
		{ "store.book.(%.name)", "[\"S\",\"S\"]" },
		{ "store.book.($$.n)", "[5,5]" },
		{ "store.*.t", "[\"a\",\"b\"]" },
		{ "**.q", "[2,3]" },
		{ "store.book{t: s.q}", "{\"a\":2,\"b\":3}" },
		{ "store.book@$b.{\"t\": $b.t, \"q\": $b.s.q}",
		  "[{\"t\":\"a\",\"q\":2},{\"t\":\"b\",\"q\":3}]" },
		{ "store.book#$i[$i = 1].t", "\"b\"" },
		{ "store.book^(>p).t", "[\"b\",\"a\"]" },
		{ "store ~> |book|{\"z\": 1}, [\"s\"]|",
		  "{\"book\":[{\"t\":\"a\",\"p\":1,\"i\":\"x\",\"z\":1},"
		  "{\"t\":\"b\",\"p\":2,\"z\":1}],\"name\":\"S\"}" },
		{ "$eval(\"store.name\")", "\"S\"" },
		{ "store.$lookup($, \"name\")", "\"S\"" },
		{ "$.store.book.$.t", "[\"a\",\"b\"]" },
		{ "store.book[0]",
		  "{\"t\":\"a\",\"p\":1,\"i\":\"x\",\"s\":{\"q\":2}}" },
		{ "store.book.s.%.t", "[\"a\",\"b\"]" },
		{ "store.book.$each(function($v, $k){$k})",
		  "[\"t\",\"p\",\"i\",\"s\",\"t\",\"p\",\"s\"]" },
		{ "($x := store.book; $x.i)", "\"x\"" },
		{ "store.book.(function(){$.i})()", "\"x\"" },
		{ "store.book.($f := $string; $f())",
		  "[\"{\\\"t\\\":\\\"a\\\",\\\"p\\\":1,\\\"i\\\":\\\"x\\\","
		  "\\\"s\\\":{\\\"q\\\":2}}\",\"{\\\"t\\\":\\\"b\\\","
		  "\\\"p\\\":2,\\\"s\\\":{\\\"q\\\":3}}\"]" },
		{ "store.book.*",
		  "[\"a\",1,\"x\",{\"q\":2},\"b\",2,{\"q\":3}]" },
		{ "$sum(store.book.(p * s.q))", "8" },
	};
	char out[300];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run(cases[i].expr, doc, NULL, NULL, out, sizeof(out));
		CHECK_STR(out, cases[i].want);
		run_text(cases[i].expr, doc, out, sizeof(out));
		CHECK_STR(out, cases[i].want);
	}
}

/* What a path hands to $map's function is built as far as the function
 * reads it: its parameters in scope (shadowed by an inner function's),
 * the array as third parameter, a parameter taken whole, a closure, a
 * $map rebound with := (not followed), predicates of a variable; every
 * result is the reference implementation's (jsonata 2.0.5). */
static void map_reads(struct test_state *t)
{
	static const char doc[] =
	        "{\"store\":{\"book\":[{\"t\":\"a\",\"p\":1,\"i\":\"x\","
	        "\"s\":{\"q\":2}},{\"t\":\"b\",\"p\":2,\"s\":{\"q\":3}}],"
	        "\"name\":\"S\"},\"n\":5}";
	static const char books[] =
	        "[{\"t\":\"a\",\"p\":1,\"i\":\"x\",\"s\":{\"q\":2}},"
	        "{\"t\":\"b\",\"p\":2,\"s\":{\"q\":3}}]";
	static const struct {
		const char *expr, *want;
	} cases[] = {
		{ "$map(store.book, function($b) { $b.p * $b.s.q })", "[2,6]" },
		{ "$map(store.book, function($b) { $b })", books },
		{ "$map(store.book, function($b) { $b.s })",
		  "[{\"q\":2},{\"q\":3}]" },
		{ "$map(store.book, function($b, $i, $a) { $a[$i].t & "
		  "$count($a) })",
		  "[\"a2\",\"b2\"]" },
		{ "$map(store.book, function($b) { (function($b) { $b })($b.s) "
		  "})",
		  "[{\"q\":2},{\"q\":3}]" },
		{ "$map(store.book, function($b) { $map($b.s, function($s) { "
		  "$s.q + $b.p }) })",
		  "[[3],[5]]" },
		{ "$map(store.book, function($b) { function() { $b.t } }) ~> "
		  "$map(function($f) { $f() })",
		  "[\"a\",\"b\"]" },
		{ "$map(store.book, function($b) { ($b := $b.s; $b.q) })",
		  "[2,3]" },
		{ "$map(store.book, function($b) { $keys($b) })",
		  "[[\"t\",\"p\",\"i\",\"s\"],[\"t\",\"p\",\"s\"]]" },
		{ "$map(store.book, function($b) { $b.$keys() })",
		  "[[\"t\",\"p\",\"i\",\"s\"],[\"t\",\"p\",\"s\"]]" },
		{ "$map(store.book[p > 1], function($b) { $b.t })", "\"b\"" },
		{ "$map(store.book.s, function($s) { $s.q })", "[2,3]" },
		{ "$map(store, function($x) { $x.name })", "\"S\"" },
		{ "($map := function($a, $f) { $a }; $map(store.book, "
		  "function($b) { $b.t }))",
		  books },
		{ "$map(store.book, function($$) { $$.t })", "[\"a\",\"b\"]" },
		{ "($x := [1, 2]; $x[$$.n = 5])", "[1,2]" },
		{ "$map(store.book, function($b) { [$b.p][$$.n = 5] })",
		  "[1,2]" },
	};
	char out[300];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run(cases[i].expr, doc, NULL, NULL, out, sizeof(out));
		CHECK_STR(out, cases[i].want);
		run_text(cases[i].expr, doc, out, sizeof(out));
		CHECK_STR(out, cases[i].want);
	}
}

/* The input given as text: what sfn_jsonata_eval would give, escapes,
 * duplicate keys (the last value, where the first stood) and nesting
 * included; text that is not JSON is refused. */
static void text_input(struct test_state *t)
{
	static const struct {
		const char *expr, *input, *want;
	} cases[] = {
		{ "a", " {\"a\" : [1, 2.5e1, true, false, null]} ",
		  "[1,25,true,false,null]" },
		{ "a", "{\"a\":1,\"b\":2,\"a\":3}", "3" },
		{ "$keys()", "{\"a\":1,\"b\":2,\"a\":3}", "[\"a\",\"b\"]" },
		{ "$.\"k\\\"\"", "{\"k\\\"\":\"\\u00e9\\n\"}",
		  "\"\u00e9\\n\"" },
		{ "x.y", "[{\"x\":{\"y\":1}},{\"x\":[{\"y\":2}]}]", "[1,2]" },
		{ "$", "\"s\"", "\"s\"" },
		{ "$count($)", "[]", "0" },
		{ "a", "{\"a\":1", "!" },
		{ "a", "{\"a\":1} x", "!" },
		{ "a", "", "!" },
	};
	char out[100];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run_text(cases[i].expr, cases[i].input, out, sizeof(out));
		CHECK_STR(out, cases[i].want);
	}
}

/* "a + a + ... + a", K terms: K levels of syntax. */
static char *chain(size_t k)
{
	char *s = malloc(4 * k + 1);
	size_t n = 0;

	for (size_t i = 0; s != NULL && i < k; i++) {
		memcpy(s + n, i == 0 ? "a" : " + a", i == 0 ? 1 : 4);
		n += i == 0 ? 1 : 4;
	}
	if (s != NULL)
		s[n] = '\0';
	return s;
}

/* {"a":1,"big":[0,0,...]}: "big" takes far more than 1 MiB of values. */
static char *big_input(size_t n)
{
	char *s = malloc(2 * n + 32);
	size_t k;

	if (s == NULL)
		return NULL;
	k = (size_t) snprintf(s, 32, "{\"a\":1,\"big\":[");
	for (size_t i = 0; i < n; i++) {
		s[k++] = '0';
		s[k++] = i + 1 < n ? ',' : ']';
	}
	s[k++] = '}';
	s[k] = '\0';
	return s;
}

/* Only what an expression reads of its input is built, up to
 * SFN_JSONATA_MAX_READ_DEPTH levels of syntax; deeper, all of it. */
static void read_depth_limit(struct test_state *t)
{
	struct sfn_jsonata_budget b = { 0 };
	char out[100], want[16];
	char *in = big_input(100000);
	char *at = chain(SFN_JSONATA_MAX_READ_DEPTH);
	char *past = chain(SFN_JSONATA_MAX_READ_DEPTH + 1);

	b.max_memory = (size_t) 1 << 20;
	CHECK(in != NULL && at != NULL && past != NULL);
	CHECK_INT(run("a", in, NULL, &b, out, sizeof(out)), SFN_OK);
	CHECK_STR(out, "1");
	CHECK_INT(run("$count(big)", in, NULL, &b, out, sizeof(out)),
	          SFN_ERR_LIMIT);
	CHECK_STR(out, "!U1003");
	CHECK_INT(run(at, in, NULL, &b, out, sizeof(out)), SFN_OK);
	snprintf(want, sizeof(want), "%d", SFN_JSONATA_MAX_READ_DEPTH);
	CHECK_STR(out, want);
	CHECK_INT(run(past, in, NULL, &b, out, sizeof(out)), SFN_ERR_LIMIT);
	CHECK_STR(out, "!U1003");
	free(in);
	free(at);
	free(past);
}

const struct test sfn_tests_jn[] = {
	{ "number_text", number_text },
	{ "results", results },
	{ "find_call", find_call },
	{ "bindings", bindings },
	{ "errors", errors },
	{ "signatures", signatures },
	{ "builtin_values", builtin_values },
	{ "nesting_limit", nesting_limit },
	{ "depth_limit", depth_limit },
	{ "tail_calls", tail_calls },
	{ "step_limit", step_limit },
	{ "memory_limit", memory_limit },
	{ "length_limit", length_limit },
	{ "reads", reads },
	{ "map_reads", map_reads },
	{ "read_depth_limit", read_depth_limit },
	{ "text_input", text_input },
	{ "width_limit", width_limit },
	{ "dialect", dialect },
	{ "dialect_no_random", dialect_no_random },
	{ NULL, NULL },
};
