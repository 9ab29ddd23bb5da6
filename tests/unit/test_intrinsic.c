/* Intrinsic functions: parsing (every argument kind, escapes, errors with
 * their columns), definition-time checks, and every function's results,
 * limits and errors, with the AWS documentation's examples verbatim and
 * results recorded on the service. */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "sfn/intrinsic.h"
#include "sfn/jsonout.h"
#include "sfn/path.h"
#include "test.h"

/* ---- a fake environment ---------------------------------------------------
 * Paths are looked up in a small cJSON input: "$", ".name", "['name']",
 * "[N]"; "$$" reads the context object, "$name" a variable. */

struct fake {
	cJSON *input, *context, *vars;
	unsigned char next; /* the next "random" byte */
	int fail_random;
};

static const char *segment(const char *p, char *name, size_t cap)
{
	size_t n = 0;
	char end = '\0';

	if (*p == '.') {
		p++;
	} else if (p[0] == '[' && p[1] == '\'') {
		p += 2;
		end = '\'';
	} else if (*p == '[') {
		p++;
		end = ']';
	}
	while (*p != '\0' && *p != end && (end || (*p != '.' && *p != '[')) &&
	       n + 1 < cap)
		name[n++] = *p++;
	name[n] = '\0';
	if (end == '\'')
		p++;
	return end != '\0' && *p == ']' ? p + 1 : p;
}

static const cJSON *walk(const cJSON *v, const char *p)
{
	char name[64];

	while (v != NULL && *p != '\0') {
		int index = *p == '[' && p[1] != '\'';

		p = segment(p, name, sizeof(name));
		if (index && cJSON_IsArray(v))
			v = cJSON_GetArrayItem(v, (int) strtol(name, NULL, 10));
		else if (!index && cJSON_IsObject(v))
			v = cJSON_GetObjectItemCaseSensitive(v, name);
		else
			v = NULL;
	}
	return v;
}

static const cJSON *lookup(const struct fake *f, const char *path)
{
	char var[32];
	size_t n = 0;

	if (strncmp(path, "$$", 2) == 0)
		return walk(f->context, path + 2);
	if (path[1] == '\0' || path[1] == '.' || path[1] == '[')
		return walk(f->input, path + 1);
	for (path++; *path && *path != '.' && *path != '[' && n < 31; path++)
		var[n++] = *path;
	var[n] = '\0';
	return walk(cJSON_GetObjectItemCaseSensitive(f->vars, var), path);
}

static enum sfn_status resolve(void *ctx, const char *path, cJSON **value,
                               struct sfn_error *err)
{
	const struct fake *f = ctx;
	const cJSON *v = lookup(f, path);
	char *input, *cause;
	size_t n;

	if (v != NULL) {
		*value = cJSON_Duplicate(v, 1);
		return SFN_OK;
	}
	input = cJSON_PrintUnformatted(f->input);
	n = strlen(path) + strlen(input) + 100;
	cause = malloc(n);
	snprintf(cause, n,
	         "The JsonPath argument for the field '%s' could "
	         "not be found in the input '%s'",
	         path, input);
	free(input);
	err->name = strdup("States.Runtime");
	err->cause = cause;
	return SFN_ERR_FAILED;
}

static int fake_random(void *ctx, unsigned char *buf, size_t n)
{
	struct fake *f = ctx;

	for (size_t i = 0; i < n; i++)
		buf[i] = f->next++;
	return f->fail_random ? 0 : 1;
}

/* Reads JSON written with ' for " (for readable tables). */
static cJSON *json(const char *text)
{
	char *copy = strdup(text != NULL ? text : "{}");
	cJSON *v;

	for (char *p = copy; *p; p++) {
		if (*p == '\'')
			*p = '"';
	}
	v = cJSON_Parse(copy);
	free(copy);
	return v;
}

struct outcome {
	enum sfn_status status;
	char *text; /* the result as compact JSON */
	struct sfn_error err;
};

static void outcome_free(struct outcome *o)
{
	free(o->text);
	sfn_error_clear(&o->err);
}

/* Parses EXPR and evaluates it against INPUT. */
static struct outcome run_with(const char *expr, const char *input,
                               struct fake *f)
{
	struct outcome o = { SFN_ERR_USAGE, NULL, { NULL, NULL } };
	struct sfn_intrinsic_env env = { resolve, fake_random, f };
	struct sfn_intrinsic *call;
	struct sfn_diags d;
	cJSON *result = NULL;

	f->input = json(input);
	sfn_diags_init(&d);
	if (sfn_intrinsic_parse(expr, NULL, &d, &call) == SFN_OK) {
		o.status = sfn_intrinsic_eval(call, &env, &result, &o.err);
		sfn_intrinsic_free(call);
	}
	if (result != NULL) {
		struct sfn_buf b;

		sfn_buf_init(&b, 1 << 24);
		sfn_jsonout_value(result, SFN_JSONOUT_COMPACT, &b);
		o.text = sfn_buf_take(&b);
		cJSON_Delete(result);
	}
	sfn_diags_free(&d);
	cJSON_Delete(f->input);
	return o;
}

static struct outcome run(const char *expr, const char *input)
{
	struct fake f = { NULL, NULL, NULL, 0, 0 };

	f.context = json("{'Execution':{'Id':'arn:x','Name':'run-1'},"
	                 "'StateMachine':{'Id':'arn:sm','Name':'Main'}}");
	f.vars = json("{'greeting':'hi','cfg':{'n':[5,6]}}");
	{
		struct outcome o = run_with(expr, input, &f);

		cJSON_Delete(f.context);
		cJSON_Delete(f.vars);
		return o;
	}
}

struct eval_case {
	const char *expr, *input;
	const char *result; /* compact JSON; NULL: an error is expected */
	const char *detail; /* the error's detail after the service prefix */
};

static int check_case(struct test_state *t, const struct eval_case *c)
{
	struct outcome o = run(c->expr, c->input);
	char want[4096];
	int ok;

	if (c->result != NULL) {
		ok = o.status == SFN_OK && strcmp(o.text, c->result) == 0;
		if (!ok)
			test_fail(t, __FILE__, __LINE__,
			          "%s: got %s (%s), "
			          "want %s",
			          c->expr, o.text ? o.text : "-",
			          o.err.cause ? o.err.cause : "", c->result);
		outcome_free(&o);
		return ok;
	}
	snprintf(want, sizeof(want),
	         "The function '%s' had the following "
	         "error: %s",
	         c->expr, c->detail);
	ok = o.status == SFN_ERR_FAILED && o.err.name != NULL &&
	     strcmp(o.err.name, "States.Runtime") == 0 &&
	     strcmp(o.err.cause, want) == 0;
	if (!ok)
		test_fail(t, __FILE__, __LINE__,
		          "%s: status %d, result %s, "
		          "cause %s",
		          c->expr, o.status, o.text ? o.text : "-",
		          o.err.cause ? o.err.cause : "-");
	outcome_free(&o);
	return ok;
}

static void run_cases(struct test_state *t, const struct eval_case *cases,
                      size_t n)
{
	for (size_t i = 0; i < n; i++)
		check_case(t, &cases[i]);
}

#define RUN_CASES(cases) run_cases(t, cases, sizeof(cases) / sizeof(*cases))
#define INVALID(fn)      "Invalid arguments in States." fn

/* ---- parsing ----------------------------------------------------------- */

/* Every argument kind reaches evaluation intact. */
static const struct eval_case parse_cases[] = {
	{ "States.Array('a', 1, -2.5e1, 0.125, 1E2, true, false, null)", NULL,
	  "[\"a\",1,-25,0.125,100,true,false,null]", NULL },
	{ "States.Array($.x, $$.Execution.Name, $greeting, $cfg.n[1])",
	  "{'x':[1]}", "[[1],\"run-1\",\"hi\",6]", NULL },
	{ "States.Array($, $['a b'], $.c['x,y)'], $.l[0])",
	  "{'a b':1,'c':{'x,y)':2},'l':[3]}",
	  "[{\"a b\":1,\"c\":{\"x,y)\":2},\"l\":[3]},1,2,3]", NULL },
	{ "States.Array('it\\'s', '\\{\\}', 'a\\\\b', '{\"k\": [1]}')", NULL,
	  "[\"it's\",\"{}\",\"a\\\\b\",\"{\\\"k\\\": [1]}\"]", NULL },
	{ "States.Array( $.a , $.b )", "{'a':1,'b':2}", "[1,2]", NULL },
	{ "States.Array(\t1,\n2\r)", NULL, "[1,2]", NULL },
	{ "States.Array(States.Array(), States.Array(1,States.Array(2)))", NULL,
	  "[[],[1,[2]]]", NULL },
	{ "States.StringSplit('Hello\nWorld', '\n')", NULL,
	  "[\"Hello\",\"World\"]", NULL },
	{ "States.Array('é→🚀', '')", NULL, "[\"é→🚀\",\"\"]", NULL },
	{ "States.Array(1e309)", NULL, "[null]", NULL },
};

static void parse_kinds(struct test_state *t)
{
	RUN_CASES(parse_cases);
}

static const struct {
	const char *text;
	unsigned col;
	const char *message;
} parse_errors[] = {
	{ "", 1,
	  "expected a function name such as States.Format, found end "
	  "of input" },
	{ " States.UUID()", 1,
	  "expected a function name such as "
	  "States.Format, found white space" },
	{ "States.UUID ()", 12,
	  "expected '(' right after the function name "
	  "States.UUID, found white space" },
	{ "States.UUID)", 12,
	  "expected '(' right after the function name "
	  "States.UUID, found ')'" },
	{ "States.UUID(", 13,
	  "expected an argument: a 'string', a number, "
	  "true, false, null, a path or a function call, "
	  "found end of input" },
	{ "States.UUID(,)", 13,
	  "expected an argument: a 'string', a number, "
	  "true, false, null, a path or a function "
	  "call, found ','" },
	{ "States.UUID($", 14,
	  "expected ',' or ')' after argument 1 of "
	  "States.UUID, found end of input (to close "
	  "'(' at column 12)" },
	{ "States.UUID() trailing", 14,
	  "expected the end of the text after "
	  "the call, found white space" },
	{ "States.UUID()\n", 14,
	  "expected the end of the text after the "
	  "call, found white space" },
	{ "States.UUID()x", 14,
	  "expected the end of the text after the "
	  "call, found 'x'" },
	{ "States.Array(1,)", 16,
	  "expected an argument: a 'string', a "
	  "number, true, false, null, a path or a "
	  "function call, found ')'" },
	{ "States.Array(1 2)", 16,
	  "expected ',' or ')' after argument 1 of "
	  "States.Array, found '2' (to close '(' at "
	  "column 13)" },
	{ "States.Array('abc)", 14,
	  "string is not closed: missing the "
	  "closing '''" },
	{ "States.Array('a\\')", 14,
	  "string is not closed: missing the "
	  "closing '''" },
	{ "States.Array('a\\", 16,
	  "open escape '\\' at the end of the text; "
	  "write \\\\ for a backslash" },
	{ "States.Base64Decode('YWJj\\nZA==')", 26,
	  "invalid escape '\\n' "
	  "in a string; the valid "
	  "escapes are \\' \\{ \\} "
	  "and \\\\" },
	{ "States.Array('\\é')", 15,
	  "invalid escape '\\é' in a string; the "
	  "valid escapes are \\' \\{ \\} and \\\\" },
	{ "States.Array('\\ ')", 15,
	  "invalid escape: '\\' followed by white "
	  "space; the valid escapes are \\' \\{ "
	  "\\} and \\\\" },
	{ "States.Array(01)", 14,
	  "invalid number '01': leading zeros are "
	  "not allowed" },
	{ "States.Array(1.)", 14,
	  "invalid number '1.': expected a digit "
	  "after '.'" },
	{ "States.Array(-)", 14,
	  "invalid number '-': expected a digit after "
	  "'-'" },
	{ "States.Array(1e+)", 14,
	  "invalid number '1e+': expected a digit "
	  "in the exponent" },
	{ "States.Array(.5)", 14,
	  "expected an argument: a 'string', a "
	  "number, true, false, null, a path or a "
	  "function call, found '.'" },
	{ "States.Array(True)", 14,
	  "unexpected 'True': expected an "
	  "argument: a 'string', a number, true, "
	  "false, null, a path or a function call" },
	{ "States.Array(States.Array)", 26,
	  "expected '(' right after the "
	  "function name States.Array, "
	  "found ')'" },
	{ "States.Array($.a['x)", 18,
	  "path is not closed: the quote ' has "
	  "no matching '" },
	{ "States.Array($.a[0", 17,
	  "path is not closed: '[' has no "
	  "matching ']'" },
	{ "States.Format('é', x)", 20,
	  "unexpected 'x': expected an "
	  "argument: a 'string', a number, true, "
	  "false, null, a path or a function "
	  "call" },
};

static void parse_rejects(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(parse_errors) / sizeof(*parse_errors);
	     i++) {
		struct sfn_intrinsic *call = (struct sfn_intrinsic *) &call;
		struct sfn_diags d;
		enum sfn_status st;

		sfn_diags_init(&d);
		st = sfn_intrinsic_parse(parse_errors[i].text, NULL, &d, &call);
		if (st != SFN_ERR_SYNTAX || call != NULL || d.count != 1 ||
		    d.items[0].loc.col != parse_errors[i].col ||
		    d.items[0].loc.line != 1 ||
		    d.items[0].rule != SFN_RULE_INTRINSIC_SYNTAX ||
		    strcmp(d.items[0].message, parse_errors[i].message) != 0)
			test_fail(t, __FILE__, __LINE__,
			          "%s: status %d, %zu "
			          "diagnostics: %u: %s",
			          parse_errors[i].text, st, d.count,
			          d.count ? d.items[0].loc.col : 0,
			          d.count ? d.items[0].message : "");
		sfn_diags_free(&d);
	}
}

/* Diagnostics point at AT plus the offending character's column. */
static void parse_location(struct test_state *t)
{
	struct sfn_loc at = { "m.json", 5, 20, 5, 40 };
	struct sfn_intrinsic *call;
	struct sfn_diags d;

	sfn_diags_init(&d);
	CHECK(sfn_intrinsic_parse("States.UUID(,)", &at, &d, &call) ==
	      SFN_ERR_SYNTAX);
	CHECK_INT(d.count, 1);
	CHECK_STR(d.items[0].loc.file, "m.json");
	CHECK_INT(d.items[0].loc.line, 5);
	CHECK_INT(d.items[0].loc.col, 32);
	CHECK_INT(d.items[0].loc.end_col, 33);
	sfn_diags_free(&d);
	sfn_diags_init(&d);
	CHECK(sfn_intrinsic_parse("States.Array(True)", &at, &d, &call) ==
	      SFN_ERR_SYNTAX);
	CHECK_INT(d.items[0].loc.col, 33);
	CHECK_INT(d.items[0].loc.end_col, 37);
	sfn_diags_free(&d);
}

/* Builds DEPTH nested States.Array calls around 1. */
static char *nested(int depth, const char *name)
{
	size_t n = (size_t) depth * (strlen(name) + 2) + 2;
	char *s = malloc(n), *p = s;

	for (int i = 0; i < depth; i++) {
		memcpy(p, name, strlen(name));
		p += strlen(name);
		*p++ = '(';
	}
	*p++ = '1';
	for (int i = 0; i < depth; i++)
		*p++ = ')';
	*p = '\0';
	return s;
}

static void parse_depth(struct test_state *t)
{
	char *ok = nested(SFN_INTRINSIC_MAX_DEPTH, "States.Array");
	char *bad = nested(SFN_INTRINSIC_MAX_DEPTH + 1, "States.Array");
	struct sfn_intrinsic *call;
	struct sfn_diags d;
	enum sfn_status st1, st2;

	sfn_diags_init(&d);
	st1 = sfn_intrinsic_parse(ok, NULL, &d, &call);
	sfn_intrinsic_free(call);
	st2 = sfn_intrinsic_parse(bad, NULL, &d, &call);
	free(ok);
	free(bad);
	CHECK(st1 == SFN_OK && st2 == SFN_ERR_SYNTAX && call == NULL);
	CHECK_INT(d.count, 1);
	CHECK_INT(d.items[0].loc.col, 32 * 13 + 1);
	CHECK_STR(d.items[0].message, "function calls are nested more than "
	                              "32 deep");
	sfn_diags_free(&d);
}

static void is_call(struct test_state *t)
{
	CHECK(sfn_intrinsic_is_call("States.UUID()"));
	CHECK(sfn_intrinsic_is_call("States.Nope"));
	CHECK(!sfn_intrinsic_is_call("$.States"));
	CHECK(!sfn_intrinsic_is_call(" States.UUID()"));
	CHECK(!sfn_intrinsic_is_call("states.UUID()"));
	CHECK(!sfn_intrinsic_is_call(NULL));
}

/* ---- definition-time checks ------------------------------------------- */

static const struct {
	const char *text;
	enum sfn_rule_id rule;
	unsigned col;
	const char *message;
} check_errors[] = {
	{ "States.Fromat('x')", SFN_RULE_INTRINSIC_UNKNOWN, 1,
	  "unknown intrinsic function 'States.Fromat'; did you mean "
	  "'States.Format'?" },
	{ "States.format('x')", SFN_RULE_INTRINSIC_UNKNOWN, 1,
	  "unknown intrinsic function 'States.format'; did you mean "
	  "'States.Format'?" },
	{ "Format('x')", SFN_RULE_INTRINSIC_UNKNOWN, 1,
	  "unknown intrinsic function 'Format'; did you mean "
	  "'States.Format'?" },
	{ "states.format('x')", SFN_RULE_INTRINSIC_UNKNOWN, 1,
	  "unknown intrinsic function 'states.format'; did you mean "
	  "'States.Format'?" },
	{ "States.ArrayLength($.a..)", SFN_RULE_PATH_SYNTAX, 25,
	  "expected a member name or '*', found the end of the expression" },
	/* near a plain path, parsed */
	{ "States.ArrayLength($.a.)", SFN_RULE_PATH_SYNTAX, 24,
	  "expected a member name or '*', found the end of the expression" },
	{ "States.Array(1, States.Array($$.x[0)))", SFN_RULE_PATH_SYNTAX, 36,
	  "expected ',' or ']' to close the '[' at column 5, found ')'" },
	{ "States.Foo()", SFN_RULE_INTRINSIC_UNKNOWN, 1,
	  "unknown intrinsic function 'States.Foo'; the service defines the "
	  "eighteen States.* functions only" },
	{ "States.Array(States.Nope())", SFN_RULE_INTRINSIC_UNKNOWN, 14,
	  "unknown intrinsic function 'States.Nope'; the service defines the "
	  "eighteen States.* functions only" },
	{ "States.MathAdd(1)", SFN_RULE_INTRINSIC_ARITY, 1,
	  "States.MathAdd takes 2 arguments, found 1" },
	{ "States.MathRandom(1)", SFN_RULE_INTRINSIC_ARITY, 1,
	  "States.MathRandom takes 2 to 3 arguments, found 1" },
	{ "States.Format()", SFN_RULE_INTRINSIC_ARITY, 1,
	  "States.Format takes at least 1 argument, found 0" },
	{ "States.ArrayLength()", SFN_RULE_INTRINSIC_ARITY, 1,
	  "States.ArrayLength takes 1 argument, found 0" },
	{ "States.Hash('hello','SHA-256','extra')", SFN_RULE_INTRINSIC_ARITY, 1,
	  "States.Hash takes 2 arguments, found 3" },
	{ "States.MathAdd('2', 1)", SFN_RULE_INTRINSIC_ARG_TYPE, 16,
	  "argument 1 of States.MathAdd must be a number, found a string "
	  "'2'" },
	{ "States.ArrayLength(5)", SFN_RULE_INTRINSIC_ARG_TYPE, 20,
	  "argument 1 of States.ArrayLength must be an array, found a number "
	  "5" },
	{ "States.StringSplit(null, ',')", SFN_RULE_INTRINSIC_ARG_TYPE, 20,
	  "argument 1 of States.StringSplit must be a string, found null" },
	{ "States.JsonMerge($.a, 'x', false)", SFN_RULE_INTRINSIC_ARG_TYPE, 23,
	  "argument 2 of States.JsonMerge must be an object, found a string "
	  "'x'" },
	{ "States.ArrayGetItem($.a, true)", SFN_RULE_INTRINSIC_ARG_TYPE, 26,
	  "argument 2 of States.ArrayGetItem must be a number, found a "
	  "boolean true" },
	{ "States.Hash('x', 'sha-256')", SFN_RULE_INTRINSIC_ARG_TYPE, 18,
	  "argument 2 of States.Hash ('sha-256') is not an algorithm the "
	  "service supports: MD5, SHA-1, SHA-256, SHA-384 or SHA-512 (names "
	  "are case-sensitive)" },
	{ "States.ArrayPartition($.a, 0.6)", SFN_RULE_INTRINSIC_ARG_TYPE, 28,
	  "argument 2 of States.ArrayPartition (0.6) must be a positive "
	  "integer (fractions are truncated)" },
	{ "States.ArrayRange(1, 5, 0.49)", SFN_RULE_INTRINSIC_ARG_TYPE, 25,
	  "argument 3 of States.ArrayRange (0.49) must not be 0 (fractions "
	  "are truncated)" },
	{ "States.ArrayRange(1, 3e9, 1)", SFN_RULE_INTRINSIC_ARG_TYPE, 22,
	  "argument 2 of States.ArrayRange (3e9) must lie between "
	  "-2147483648 and 2147483647" },
	{ "States.MathAdd(2147483647.5, 0)", SFN_RULE_INTRINSIC_ARG_TYPE, 16,
	  "argument 1 of States.MathAdd (2147483647.5) must lie between "
	  "-2147483648 and 2147483647" },
	/* a function's first and last value rules, and the table's last */
	{ "States.ArrayRange(3e9, 5, 1)", SFN_RULE_INTRINSIC_ARG_TYPE, 19,
	  "argument 1 of States.ArrayRange (3e9) must lie between "
	  "-2147483648 and 2147483647" },
	{ "States.MathAdd(0, 2147483647.5)", SFN_RULE_INTRINSIC_ARG_TYPE, 19,
	  "argument 2 of States.MathAdd (2147483647.5) must lie between "
	  "-2147483648 and 2147483647" },
	{ "States.MathRandom(1, 3e9)", SFN_RULE_INTRINSIC_ARG_TYPE, 22,
	  "argument 2 of States.MathRandom (3e9) must lie between "
	  "-2147483648 and 2147483647" },
	{ "States.JsonMerge($.a, $.b, true)", SFN_RULE_INTRINSIC_ARG_TYPE, 28,
	  "argument 3 of States.JsonMerge (true) must be false: the service "
	  "merges shallowly only" },
	{ "States.Format('Hello {', $.x)", SFN_RULE_INTRINSIC_ARG_TYPE, 22,
	  "invalid template: '{' is not followed by '}' (write \\{ for a "
	  "literal brace)" },
	{ "States.Format('\\{}', $.x)", SFN_RULE_INTRINSIC_ARG_TYPE, 18,
	  "invalid template: '}' has no '{' before it (write \\} for a "
	  "literal brace)" },
	{ "States.Format('{} {}', $.x)", SFN_RULE_INTRINSIC_ARITY, 1,
	  "the template of States.Format has 2 placeholders but 1 value "
	  "follows it" },
	{ "States.Format('x', 1, 2)", SFN_RULE_INTRINSIC_ARITY, 1,
	  "the template of States.Format has 0 placeholders but 2 values "
	  "follow it" },
	/* the documentation's nesting example has three placeholders for
	 * two values; the service would fail it at run time */
	{ "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit("
	  "States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2),"
	  " '.'), 0), States.ArrayGetItem(States.StringSplit("
	  "States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2),"
	  " '.'), 1))",
	  SFN_RULE_INTRINSIC_ARITY, 1,
	  "the template of States.Format has 3 placeholders but 2 values "
	  "follow it" },
	{ "States.Array(States.MathAdd('a', 1))", SFN_RULE_INTRINSIC_ARG_TYPE,
	  29,
	  "argument 1 of States.MathAdd must be a number, found a string "
	  "'a'" },
};

static void check_rejects(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(check_errors) / sizeof(*check_errors);
	     i++) {
		struct sfn_intrinsic *call;
		struct sfn_diags d;
		size_t n;

		sfn_diags_init(&d);
		CHECK(sfn_intrinsic_parse(check_errors[i].text, NULL, &d,
		                          &call) == SFN_OK);
		n = sfn_intrinsic_check(call, NULL, &d);
		if (n != 1 || d.count != 1 ||
		    d.items[0].rule != check_errors[i].rule ||
		    d.items[0].loc.col != check_errors[i].col ||
		    strcmp(d.items[0].message, check_errors[i].message) != 0)
			test_fail(t, __FILE__, __LINE__,
			          "%s: %zu errors: %u: "
			          "%s",
			          check_errors[i].text, n,
			          d.count ? d.items[0].loc.col : 0,
			          d.count ? d.items[0].message : "");
		sfn_intrinsic_free(call);
		sfn_diags_free(&d);
	}
}

/* What the service accepts must pass, however odd. */
static const char *const check_clean[] = {
	"States.Format('{}.{}', States.ArrayGetItem(States.StringSplit("
	"States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), "
	"'.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
	"States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))",
	"States.UUID(123)",
	"States.UUID('x', $.y, null)",
	"States.JsonMerge($.json1, $.json2, 'false')",
	"States.JsonMerge($.json1, $.json2, false)",
	"States.Hash(123, 'MD5')",
	"States.Format($.template, $.name)",
	"States.Format('no placeholders')",
	"States.Format('Welcome to {} {}\\'s playlist.', $.first, $.last)",
	"States.JsonToString('x')",
	"States.Array()",
	"States.ArrayPartition($.inputArray,4)",
	"States.MathAdd($.value1, $.step)",
	"States.MathRandom($.start, $.end, -7)",
	"States.ArrayRange(5.4, -0.6, -2.4)",
	"States.ArrayContains($.a, null)",
	/* plain paths, which the checker tells without parsing them */
	"States.Array($, $.a, $._b9, $.A.b_c.D1, $$.Execution.Input.p)",
};

static void check_accepts(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(check_clean) / sizeof(*check_clean);
	     i++) {
		struct sfn_intrinsic *call;
		struct sfn_diags d;

		sfn_diags_init(&d);
		CHECK(sfn_intrinsic_parse(check_clean[i], NULL, &d, &call) ==
		      SFN_OK);
		if (sfn_intrinsic_check(call, NULL, &d) != 0 || d.count != 0)
			test_fail(t, __FILE__, __LINE__, "%s: %s",
			          check_clean[i], d.items[0].message);
		sfn_intrinsic_free(call);
		sfn_diags_free(&d);
	}
}

/* The checker takes $ or $$ and .NAME segments as valid without parsing
 * them: the path parser must agree, with no finding at all. */
static void plain_paths_parse(struct test_state *t)
{
	static const char *const plain[] = {
		"$",
		"$.a",
		"$._b9",
		"$.A.b_c.D1",
		"$$.Execution.Input.p",
		"$$.Map.Item.Value",
	};

	for (size_t i = 0; i < sizeof(plain) / sizeof(*plain); i++) {
		struct sfn_path *p = NULL;
		struct sfn_diags d;

		sfn_diags_init(&d);
		CHECK_INT(sfn_path_parse(plain[i], SFN_PATH_AWS, NULL, &d, &p),
		          SFN_OK);
		CHECK_INT((int) d.count, 0);
		sfn_path_free(p);
		sfn_diags_free(&d);
	}
}

/* Ten nested calls are allowed; the eleventh is reported once. */
static void check_depth(struct test_state *t)
{
	char *ten = nested(10, "States.Array");
	char *twelve = nested(12, "States.Array");
	struct sfn_intrinsic *a, *b;
	struct sfn_diags d;
	size_t n1, n2;

	sfn_diags_init(&d);
	CHECK(sfn_intrinsic_parse(ten, NULL, &d, &a) == SFN_OK);
	CHECK(sfn_intrinsic_parse(twelve, NULL, &d, &b) == SFN_OK);
	n1 = sfn_intrinsic_check(a, NULL, &d);
	n2 = sfn_intrinsic_check(b, NULL, &d);
	sfn_intrinsic_free(a);
	sfn_intrinsic_free(b);
	free(ten);
	free(twelve);
	CHECK_INT(n1, 0);
	CHECK_INT(n2, 1);
	CHECK_INT(d.items[0].rule, SFN_RULE_INTRINSIC_SYNTAX);
	CHECK_INT(d.items[0].loc.col, 10 * 13 + 1);
	CHECK_STR(d.items[0].message, "intrinsic functions are nested 11 deep "
	                              "here; the service allows at most 10 in "
	                              "one field");
	sfn_diags_free(&d);
}

/* Several findings in one call; a disabled rule adds nothing. */
static void check_counts(struct test_state *t)
{
	struct sfn_intrinsic *call;
	struct sfn_diags d;
	struct sfn_loc at = { "f.json", 3, 10, 3, 60 };

	sfn_diags_init(&d);
	CHECK(sfn_intrinsic_parse("States.MathAdd('a', States.Nope(), 3)", &at,
	                          &d, &call) == SFN_OK);
	CHECK_INT(sfn_intrinsic_check(call, &at, &d), 3);
	CHECK_INT(d.items[1].loc.col, 10 + 15);
	CHECK_INT(d.items[1].loc.line, 3);
	sfn_diags_free(&d);
	sfn_diags_init(&d);
	sfn_diags_set_severity(&d, SFN_RULE_INTRINSIC_ARITY, SFN_SEV_OFF);
	CHECK_INT(sfn_intrinsic_check(call, &at, &d), 2);
	sfn_intrinsic_free(call);
	sfn_diags_free(&d);
}

/* ---- functions --------------------------------------------------------- */

#define NOT_FOUND(path, input)                                                 \
	"The JsonPath argument for the field '" path "' could not be found "   \
	"in the input '" input "'"

static const struct eval_case format_cases[] = {
	/* the documentation's and the specification's examples */
	{ "States.Format('Hello, my name is {}.', $.name)",
	  "{'name':'Arnav','template':'Hello, my name is {}.'}",
	  "\"Hello, my name is Arnav.\"", NULL },
	{ "States.Format($.template, $.name)",
	  "{'name':'Arnav','template':'Hello, my name is {}.'}",
	  "\"Hello, my name is Arnav.\"", NULL },
	{ "States.Format('Your name is {}, we are in the year {}', $.name, "
	  "2020)",
	  "{'name':'Foo'}", "\"Your name is Foo, we are in the year 2020\"",
	  NULL },
	{ "States.Format('Welcome to {} {}\\'s playlist.', $.firstName, "
	  "$.lastName)",
	  "{'firstName':'John','lastName':'Doe'}",
	  "\"Welcome to John Doe's playlist.\"", NULL },
	/* recorded on the service */
	{ "States.Format('Formatting argument {}.', $.FunctionInput)",
	  "{'FunctionInput':null}", "\"Formatting argument null.\"", NULL },
	{ "States.Format('Formatting argument {}.', $.FunctionInput)",
	  "{'FunctionInput':1.1}", "\"Formatting argument 1.1.\"", NULL },
	{ "States.Format('Formatting arguments fst={} and snd={}.', $.fst, "
	  "$.snd)",
	  "{'fst':{'Arg1':1,'Arg2':[]},'snd':{'Arg1':1,'Arg2':[]}}",
	  "\"Formatting arguments fst={Arg1=1, Arg2=[]} and snd={Arg1=1, "
	  "Arg2=[]}.\"",
	  NULL },
	{ "States.Format('Formatting arguments fst={} and snd={}.', "
	  "$$.Execution.Name, $$.StateMachine)",
	  NULL,
	  "\"Formatting arguments fst=run-1 and snd={Id=arn:sm, Name=Main}.\"",
	  NULL },
	{ "States.Format('{} {} {}', 'x', 2, true)", NULL, "\"x 2 true\"",
	  NULL },
	{ "States.Format('no placeholders')", NULL, "\"no placeholders\"",
	  NULL },
	{ "States.Format('  {}  ', 'x')", NULL, "\"  x  \"", NULL },
	{ "States.Format('{}', $.s)", "{'s':'{\\'Arg1\\': 1}'}",
	  "\"{\\\"Arg1\\\": 1}\"", NULL },
	{ "States.Format('{}', $.nope)", "{'other':1}", NULL,
	  NOT_FOUND("$.nope", "{\"other\":1}") },
	{ "States.Format('{}', $.nul)", "{'nul':null}", "\"null\"", NULL },
	{ "States.Format('Name: \\'{}\\', Surname: \"{}\"', $.n, $.s)",
	  "{'n':'Gabriel','s':'Moreira'}",
	  "\"Name: 'Gabriel', Surname: \\\"Moreira\\\"\"", NULL },
	/* rendering as Java's toString() */
	{ "States.Format('{}', $.a)", "{'a':[1,'a',null,true,1.5,{'k':'v'}]}",
	  "\"[1, a, null, true, 1.5, {k=v}]\"", NULL },
	{ "States.Format('{} {} {} {}', 1e-7, 12345678.5, 1e21, 0.001)", NULL,
	  "\"1.0E-7 1.23456785E7 1.0E21 0.001\"", NULL },
	{ "States.Format('{} {}', -0, 9007199254740991)", NULL,
	  "\"0 9007199254740991\"", NULL },
	{ "States.Format('\\{\\} {} \\\\', 'x')", NULL, "\"{} x \\\\\"", NULL },
	{ "States.Format($.t, 'x')", "{'t':'a\\\\{}'}", "\"a\\\\x\"", NULL },
	/* errors */
	{ "States.Format('Hello {', 'x')", NULL, NULL,
	  "Invalid template in States.Format: matching '}' not found for "
	  "'{'." },
	{ "States.Format('Hello {{}}')", NULL, NULL,
	  "Invalid template in States.Format: matching '}' not found for "
	  "'{'." },
	{ "States.Format('}')", NULL, NULL,
	  "Invalid template in States.Format: matching '{' not found for "
	  "'}'." },
	{ "States.Format('{} {}', 'x')", NULL, NULL,
	  "Invalid arguments in States.Format: number of arguments do not "
	  "match the occurrences of {}." },
	{ "States.Format('{}', 'x', 'y')", NULL, NULL,
	  "Invalid arguments in States.Format: number of arguments do not "
	  "match the occurrences of {}." },
	{ "States.Format($.n)", "{'n':123}", NULL, INVALID("Format") },
	{ "States.Format()", NULL, NULL, INVALID("Format") },
};

static void fn_format(struct test_state *t)
{
	RUN_CASES(format_cases);
}

static const struct eval_case json_cases[] = {
	{ "States.StringToJson($.escapedJsonString)",
	  "{'escapedJsonString':'{\\'foo\\': \\'bar\\'}'}", "{\"foo\":\"bar\"}",
	  NULL },
	{ "States.StringToJson('{\"constant_in_literal\": \"false\"}')", NULL,
	  "{\"constant_in_literal\":\"false\"}", NULL },
	{ "States.StringToJson($.s)", "{'s':''}", "null", NULL },
	{ "States.StringToJson($.s)", "{'s':' '}", "null", NULL },
	{ "States.StringToJson('null')", NULL, "null", NULL },
	{ "States.StringToJson('-0')", NULL, "0", NULL },
	{ "States.StringToJson('1.1')", NULL, "1.1", NULL },
	{ "States.StringToJson('true')", NULL, "true", NULL },
	{ "States.StringToJson('\"HelloWorld\"')", NULL, "\"HelloWorld\"",
	  NULL },
	{ "States.StringToJson('[1, 2, \"HelloWorld\"]')", NULL,
	  "[1,2,\"HelloWorld\"]", NULL },
	{ "States.StringToJson(' {\"a\":1} ')", NULL, "{\"a\":1}", NULL },
	{ "States.StringToJson('{bad json}')", NULL, NULL,
	  INVALID("StringToJson") },
	{ "States.StringToJson('{\"a\":1')", NULL, NULL,
	  INVALID("StringToJson") },
	{ "States.StringToJson('undefined')", NULL, NULL,
	  INVALID("StringToJson") },
	{ "States.StringToJson('1 2')", NULL, NULL, INVALID("StringToJson") },
	{ "States.StringToJson(12)", NULL, NULL, INVALID("StringToJson") },
	{ "States.StringToJson($.o)", "{'o':{}}", NULL,
	  INVALID("StringToJson") },
	{ "States.StringToJson($.a, $.b)", "{'a':'1','b':'2'}", NULL,
	  INVALID("StringToJson") },
	{ "States.JsonToString($.o)", "{'o':{'Arg1':1,'Arg2':[]}}",
	  "\"{\\\"Arg1\\\":1,\\\"Arg2\\\":[]}\"", NULL },
	{ "States.JsonToString($.someJson)",
	  "{'someJson':{'name':'Foo','year':2020}}",
	  "\"{\\\"name\\\":\\\"Foo\\\",\\\"year\\\":2020}\"", NULL },
	{ "States.JsonToString($.a)", "{'a':[1,2,'HelloWorld']}",
	  "\"[1,2,\\\"HelloWorld\\\"]\"", NULL },
	{ "States.JsonToString('x')", NULL, "\"\\\"x\\\"\"", NULL },
	{ "States.JsonToString(1.1)", NULL, "\"1.1\"", NULL },
	{ "States.JsonToString(null)", NULL, "\"null\"", NULL },
	{ "States.JsonToString($)", "{'b':[true,null],'a':{}}",
	  "\"{\\\"b\\\":[true,null],\\\"a\\\":{}}\"", NULL },
	{ "States.JsonToString($.s)", "{'s':'é\\u001f\\n\\\\/'}",
	  "\"\\\"é\\\\u001F\\\\n\\\\\\\\/\\\"\"", NULL },
	{ "States.JsonToString($.n)", "{'n':{'x':1e300}}",
	  "\"{\\\"x\\\":1.0E300}\"", NULL },
	{ "States.JsonToString()", NULL, NULL, INVALID("JsonToString") },
	{ "States.JsonToString($.nope)", "{}", NULL,
	  NOT_FOUND("$.nope", "{}") },
	/* JsonMerge: keys in java.util.HashMap order, as recorded */
	{ "States.JsonMerge($.json1, $.json2, false)",
	  "{'json1':{'a':{'a1':1,'a2':2},'b':2},"
	  "'json2':{'a':{'a3':1,'a4':2},'c':3}}",
	  "{\"a\":{\"a3\":1,\"a4\":2},\"b\":2,\"c\":3}", NULL },
	{ "States.JsonMerge($.json1, $.json2, false)",
	  "{'json1':{'a':{'a1':1,'a2':2},'b':2,'d':3},"
	  "'json2':{'a':{'a3':1,'a4':2},'c':3,'d':4}}",
	  "{\"a\":{\"a3\":1,\"a4\":2},\"b\":2,\"c\":3,\"d\":4}", NULL },
	{ "States.JsonMerge(States.StringToJson('{\"constant_in_literal\": "
	  "\"false\"}'), $$.Execution.Input, false)",
	  NULL, NULL,
	  "The JsonPath argument for the field '$$.Execution.Input' could not "
	  "be found in the input '{}'" },
	{ "States.JsonMerge(States.StringToJson('{\"constant_in_literal\": "
	  "\"false\"}'), $.input_field, false)",
	  "{'input_field':{'constant_input_field':'constant_value'}}",
	  "{\"constant_input_field\":\"constant_value\","
	  "\"constant_in_literal\":\"false\"}",
	  NULL },
	{ "States.JsonMerge($.a, $.b, false)",
	  "{'a':{'zeta':1,'alpha':1,'Mike':1,'b':1,'A1':1,'longer_key':1,"
	  "'x':1},'b':{'y':1,'z':1,'w':1,'q':1,'r':1,'s':1,'t':1}}",
	  "{\"zeta\":1,\"b\":1,\"A1\":1,\"q\":1,\"Mike\":1,\"r\":1,\"s\":1,"
	  "\"t\":1,\"alpha\":1,\"w\":1,\"x\":1,\"y\":1,\"z\":1,"
	  "\"longer_key\":1}",
	  NULL },
	{ "States.JsonMerge($.a, $.b, 'false')", "{'a':{},'b':{}}", "{}",
	  NULL },
	{ "States.JsonMerge($.a, $.b, false)", "{'a':{'k':[1]},'b':{'k':null}}",
	  "{\"k\":null}", NULL },
	{ "States.JsonMerge($.a, $.b, true)", "{'a':{},'b':{}}", NULL,
	  INVALID("JsonMerge") },
	{ "States.JsonMerge($.a, $.b, false)", "{'a':[],'b':{}}", NULL,
	  INVALID("JsonMerge") },
	{ "States.JsonMerge($.a, $.b, false)", "{'a':{},'b':null}", NULL,
	  INVALID("JsonMerge") },
	{ "States.JsonMerge($.a, $.b)", "{'a':{},'b':{}}", NULL,
	  INVALID("JsonMerge") },
};

static void fn_json(struct test_state *t)
{
	RUN_CASES(json_cases);
}

static const struct eval_case split_cases[] = {
	{ "States.StringSplit($.inputString, $.splitter)",
	  "{'inputString':'1,2,3,4,5','splitter':','}",
	  "[\"1\",\"2\",\"3\",\"4\",\"5\"]", NULL },
	{ "States.StringSplit($.inputString, $.splitter)",
	  "{'inputString':'This.is+a,test=string','splitter':'.+,='}",
	  "[\"This\",\"is\",\"a\",\"test\",\"string\"]", NULL },
	{ "States.StringSplit($.s, ',')", "{'s':' '}", "[\" \"]", NULL },
	{ "States.StringSplit($.s, ',')", "{'s':' , '}", "[\" \",\" \"]",
	  NULL },
	{ "States.StringSplit($.s, ',')", "{'s':', , ,'}", "[\" \",\" \"]",
	  NULL },
	{ "States.StringSplit($.s, ',')", "{'s':',,,,'}", "[]", NULL },
	{ "States.StringSplit($.s, ',')", "{'s':'a,,b'}", "[\"a\",\"b\"]",
	  NULL },
	{ "States.StringSplit($.s, ',')", "{'s':',a,b,'}", "[\"a\",\"b\"]",
	  NULL },
	{ "States.StringSplit($.s, ',')", "{'s':''}", "[]", NULL },
	{ "States.StringSplit($.s, $.d)",
	  "{'s':'split on T and \\nnew line','d':'T\\n'}",
	  "[\"split on \",\" and \",\"new line\"]", NULL },
	{ "States.StringSplit('a.b|c+d', '|')", NULL, "[\"a.b\",\"c+d\"]",
	  NULL },
	{ "States.StringSplit('1a2b3ab4', 'ab')", NULL,
	  "[\"1\",\"2\",\"3\",\"4\"]", NULL },
	{ "States.StringSplit('abc', '')", NULL, "[\"abc\"]", NULL },
	{ "States.StringSplit('x→y🚀z', '🚀→')", NULL, "[\"x\",\"y\",\"z\"]",
	  NULL },
	{ "States.StringSplit(1, ',')", NULL, NULL, INVALID("StringSplit") },
	{ "States.StringSplit('a', null)", NULL, NULL, INVALID("StringSplit") },
	{ "States.StringSplit($.s, $.d)", "{'s':'a','d':[',']}", NULL,
	  INVALID("StringSplit") },
	{ "States.StringSplit(false, ',')", NULL, NULL,
	  INVALID("StringSplit") },
};

static void fn_string_split(struct test_state *t)
{
	RUN_CASES(split_cases);
}

static const struct eval_case array_cases[] = {
	{ "States.Array($.Id)", "{'Id':123456}", "[123456]", NULL },
	{ "States.Array('Foo', 2020, $.someJson, null)",
	  "{'someJson':{'random':'abcdefg'}}",
	  "[\"Foo\",2020,{\"random\":\"abcdefg\"},null]", NULL },
	{ "States.Array()", "{}", "[]", NULL },
	{ "States.Array(false, '', 0, null)", NULL, "[false,\"\",0,null]",
	  NULL },
	{ "States.ArrayPartition($.inputArray,4)",
	  "{'inputArray':[1,2,3,4,5,6,7,8,9]}", "[[1,2,3,4],[5,6,7,8],[9]]",
	  NULL },
	{ "States.ArrayPartition($.a, 2.6)", "{'a':[1,2,3,4,5]}",
	  "[[1,2],[3,4],[5]]", NULL },
	{ "States.ArrayPartition($.a, 2147483647)", "{'a':[1,[2],{'c':3}]}",
	  "[[1,[2],{\"c\":3}]]", NULL },
	{ "States.ArrayPartition($.a, 1)", "{'a':[]}", "[]", NULL },
	{ "States.ArrayPartition($.a, 0.6)", "{'a':[1,2,3]}", NULL,
	  INVALID("ArrayPartition") },
	{ "States.ArrayPartition($.a, -1)", "{'a':[1]}", NULL,
	  INVALID("ArrayPartition") },
	{ "States.ArrayPartition($.a, 2147483648)", "{'a':[1]}", NULL,
	  INVALID("ArrayPartition") },
	{ "States.ArrayPartition($.a, '2')", "{'a':[1]}", NULL,
	  INVALID("ArrayPartition") },
	{ "States.ArrayPartition('not-array', 2)", NULL, NULL,
	  INVALID("ArrayPartition") },
	{ "States.ArrayPartition($.a)", "{'a':[1]}", NULL,
	  INVALID("ArrayPartition") },
	{ "States.ArrayContains($.inputArray, $.lookingFor)",
	  "{'inputArray':[1,2,3,4,5,6,7,8,9],'lookingFor':5}", "true", NULL },
	{ "States.ArrayContains($.a, 5)", "{'a':[1,2,3]}", "false", NULL },
	{ "States.ArrayContains($.a, null)", "{'a':[1,null,3]}", "true", NULL },
	{ "States.ArrayContains($.a, null)", "{'a':[]}", "false", NULL },
	{ "States.ArrayContains($.a, $.v)", "{'a':[[1,2,3],2],'v':[1,2,3]}",
	  "true", NULL },
	{ "States.ArrayContains($.a, $.v)",
	  "{'a':[{'1':2,'2':[]}],'v':{'1':2,'2':[]}}", "true", NULL },
	{ "States.ArrayContains($.a, $.v)",
	  "{'a':[{'a':1}],'v':{'a':1,"
	  "'extra':null}}",
	  "false", NULL },
	{ "States.ArrayContains($.a, $.t)",
	  "{'a':[{'a':1,'b':2}],"
	  "'t':{'b':2,'a':1}}",
	  "false", NULL },
	{ "States.ArrayContains($.a, true)", "{'a':['true','false','maybe']}",
	  "true", NULL },
	{ "States.ArrayContains($.a, 9007199254740991)",
	  "{'a':['-1','9007199254740991']}", "true", NULL },
	{ "States.ArrayContains($.a, false)", "{'a':[0,1,-1,-1.5]}", "false",
	  NULL },
	{ "States.ArrayContains('x', 1)", NULL, NULL,
	  INVALID("ArrayContains") },
	{ "States.ArrayContains($.a, 2, 999)", "{'a':[]}", NULL,
	  INVALID("ArrayContains") },
	{ "States.ArrayRange(1, 9, 2)", NULL, "[1,3,5,7,9]", NULL },
	{ "States.ArrayRange(0, 10, 3)", NULL, "[0,3,6,9]", NULL },
	{ "States.ArrayRange(1, 9, 9)", NULL, "[1]", NULL },
	{ "States.ArrayRange(-2, 2, 2)", NULL, "[-2,0,2]", NULL },
	{ "States.ArrayRange(3, 3, -1)", NULL, "[3]", NULL },
	{ "States.ArrayRange(5, 1, -2)", NULL, "[5,3,1]", NULL },
	{ "States.ArrayRange(5, 1, 1)", NULL, "[]", NULL },
	{ "States.ArrayRange(1, 5, -1)", NULL, "[]", NULL },
	{ "States.ArrayRange(1.4, 5.6, 2.2)", NULL, "[1,3,5]", NULL },
	{ "States.ArrayRange(1.6, 1.4, 1)", NULL, "[1]", NULL },
	{ "States.ArrayRange(5.4, -0.6, -2.4)", NULL, "[5,3,1]", NULL },
	{ "States.ArrayLength(States.ArrayRange(1, 1000, 1))", NULL, "1000",
	  NULL },
	{ "States.ArrayLength(States.ArrayRange(1000, 1, -1))", NULL, "1000",
	  NULL },
	{ "States.ArrayRange(1, 1001, 1)", NULL, NULL, INVALID("ArrayRange") },
	{ "States.ArrayRange(1001, 1, -1)", NULL, NULL, INVALID("ArrayRange") },
	{ "States.ArrayRange(-2147483648, 2147483647, 1)", NULL, NULL,
	  INVALID("ArrayRange") },
	{ "States.ArrayRange(1, 5, 0.49)", NULL, NULL, INVALID("ArrayRange") },
	{ "States.ArrayRange('a', 5, 1)", NULL, NULL, INVALID("ArrayRange") },
	{ "States.ArrayRange(1, 5)", NULL, NULL, INVALID("ArrayRange") },
	{ "States.ArrayGetItem($.inputArray, $.index)",
	  "{'inputArray':[1,2,3,4,5,6,7,8,9],'index':5}", "6", NULL },
	{ "States.ArrayGetItem($.a, 1.2)", "{'a':[10,20,30]}", "20", NULL },
	{ "States.ArrayGetItem($.a, 0)", "{'a':[{'k':[1]}]}", "{\"k\":[1]}",
	  NULL },
	{ "States.ArrayGetItem(States.Array('x','y','z'),1)", NULL, "\"y\"",
	  NULL },
	{ "States.ArrayGetItem($.a, 999)", "{'a':[]}", "null", NULL },
	{ "States.ArrayGetItem($.a, 3)", "{'a':[10,20,30]}", NULL,
	  INVALID("ArrayGetItem") },
	{ "States.ArrayGetItem($.a, -1)", "{'a':[10,20,30]}", NULL,
	  INVALID("ArrayGetItem") },
	{ "States.ArrayGetItem($.a, '1')", "{'a':[10,20,30]}", NULL,
	  INVALID("ArrayGetItem") },
	{ "States.ArrayGetItem($.a, 0)", "{'a':{'0':1}}", NULL,
	  INVALID("ArrayGetItem") },
	{ "States.ArrayLength($.inputArray)",
	  "{'inputArray':[1,2,3,4,5,6,7,8,9]}", "9", NULL },
	{ "States.ArrayLength($.a)", "{'a':[]}", "0", NULL },
	{ "States.ArrayLength($.a)", "{'a':[[1,2],[3]]}", "2", NULL },
	{ "States.ArrayLength($.a)", "{'a':'abc'}", NULL,
	  INVALID("ArrayLength") },
	{ "States.ArrayLength($.a)", "{'a':{}}", NULL, INVALID("ArrayLength") },
	/* ArrayUnique: java.util.HashSet order, as recorded */
	{ "States.ArrayUnique($.a)", "{'a':[1,2,3,3,3,3,3,3,4]}", "[1,2,3,4]",
	  NULL },
	{ "States.ArrayUnique($.a)", "{'a':[true,false,true,false]}",
	  "[false,true]", NULL },
	{ "States.ArrayUnique($.a)", "{'a':[[1,2],[1,2],[2,1]]}",
	  "[[2,1],[1,2]]", NULL },
	{ "States.ArrayUnique($.a)", "{'a':[null,null,1,null]}", "[null,1]",
	  NULL },
	{ "States.ArrayUnique($.a)", "{'a':[1,'1',1.0,'01']}",
	  "[1,\"1\",\"01\"]", NULL },
	{ "States.ArrayUnique($.a)", "{'a':['a','b','a','c','b']}",
	  "[\"a\",\"b\",\"c\"]", NULL },
	{ "States.ArrayUnique($.a)", "{'a':[{'a':1,'b':2},{'b':2,'a':1}]}",
	  "[{\"a\":1,\"b\":2}]", NULL },
	{ "States.ArrayUnique($.a)", "{'a':[]}", "[]", NULL },
	{ "States.ArrayUnique($.a)",
	  "{'a':['k0','k7','k1','k8','k2','k9','k3','k10','k4','k11','k5',"
	  "'k12','k6','k0','k7','k1','k8','k2','k9','k3',100000,3000000000,"
	  "1.5,true]}",
	  "[\"k11\",\"k10\",\"k12\",true,3000000000,100000,\"k0\",\"k1\","
	  "\"k2\",\"k3\",\"k4\",\"k5\",\"k6\",\"k7\",\"k8\",\"k9\",1.5]",
	  NULL },
	{ "States.ArrayUnique('not-array')", NULL, NULL,
	  INVALID("ArrayUnique") },
};

static void fn_array(struct test_state *t)
{
	RUN_CASES(array_cases);
}

/* A string of N copies of C inside a call: "States.Fn('ccc...'REST)". */
static char *long_call(const char *fn, size_t n, char c, const char *rest)
{
	size_t len = strlen(fn) + n + strlen(rest) + 8;
	char *s = malloc(len);

	snprintf(s, len, "%s('", fn);
	memset(s + strlen(s), c, n);
	snprintf(s + strlen(fn) + 2 + n, len - strlen(fn) - 2 - n, "'%s)",
	         rest);
	return s;
}

static int succeeds(const char *expr)
{
	struct outcome o = run(expr, NULL);
	int ok = o.status == SFN_OK;

	outcome_free(&o);
	return ok;
}

/* The 10,000-character limits, at and past the edge. */
static void fn_encode_limits(struct test_state *t)
{
	static const char *const fns[] = { "States.Base64Encode",
		                           "States.Base64Decode",
		                           "States.Hash" };

	for (size_t i = 0; i < 3; i++) {
		const char *rest = i == 2 ? ", 'MD5'" : "";
		char *at = long_call(fns[i], 10000, 'A', rest);
		char *past = long_call(fns[i], 10001, 'A', rest);
		int ok_at = succeeds(at), ok_past = succeeds(past);

		free(at);
		free(past);
		CHECK(ok_at);
		CHECK(!ok_past);
	}
	{
		/* characters count as Java's UTF-16 units: U+1F680 is two */
		struct sfn_buf b;
		int ok_at, ok_past;

		sfn_buf_init(&b, 1 << 20);
		sfn_buf_adds(&b, "States.Base64Encode('");
		for (int i = 0; i < 5000; i++)
			sfn_buf_adds(&b, "\xf0\x9f\x9a\x80");
		sfn_buf_adds(&b, "')");
		ok_at = succeeds(sfn_buf_str(&b));
		b.len -= 2;
		sfn_buf_adds(&b, "a')");
		ok_past = succeeds(sfn_buf_str(&b));
		sfn_buf_free(&b);
		CHECK(ok_at);
		CHECK(!ok_past);
	}
}

static const struct eval_case encode_cases[] = {
	{ "States.Base64Encode($.input)", "{'input':'Data to encode'}",
	  "\"RGF0YSB0byBlbmNvZGU=\"", NULL },
	{ "States.Base64Encode('hello')", NULL, "\"aGVsbG8=\"", NULL },
	{ "States.Base64Encode('')", NULL, "\"\"", NULL },
	{ "States.Base64Encode(' ')", NULL, "\"IA==\"", NULL },
	{ "States.Base64Encode('✓')", NULL, "\"4pyT\"", NULL },
	{ "States.Base64Encode('こんにちは')", NULL, "\"44GT44KT44Gr44Gh44Gv\"",
	  NULL },
	{ "States.Base64Encode('🚀')", NULL, "\"8J+agA==\"", NULL },
	{ "States.Base64Encode($.s)", "{'s':'line1\\nline2'}",
	  "\"bGluZTEKbGluZTI=\"", NULL },
	{ "States.Base64Encode(123)", NULL, NULL, INVALID("Base64Encode") },
	{ "States.Base64Encode($.o)", "{'o':{}}", NULL,
	  INVALID("Base64Encode") },
	{ "States.Base64Encode('a', 'b')", NULL, NULL,
	  INVALID("Base64Encode") },
	/* the documentation says "Decoded data"; the service decodes */
	{ "States.Base64Decode($.base64)", "{'base64':'RGF0YSB0byBlbmNvZGU='}",
	  "\"Data to encode\"", NULL },
	{ "States.Base64Decode('aGVsbG8=')", NULL, "\"hello\"", NULL },
	{ "States.Base64Decode('')", NULL, "\"\"", NULL },
	{ "States.Base64Decode('4pyT')", NULL, "\"✓\"", NULL },
	{ "States.Base64Decode('44GT44KT44Gr44Gh44Gv')", NULL, "\"こんにちは\"",
	  NULL },
	{ "States.Base64Decode(' YWJjZA== ')", NULL, "\"abcd\"", NULL },
	{ "States.Base64Decode('YWJj\nZA==')", NULL, "\"abcd\"", NULL },
	{ "States.Base64Decode('abc')", NULL, "\"i\xef\xbf\xbd\"", NULL },
	{ "States.Base64Decode('ab==cd')", NULL, "\"i\"", NULL },
	{ "States.Base64Decode('!!!invalid!!!')", NULL,
	  "\"\xef\xbf\xbd{\xda\x96'\"", NULL },
	{ "States.Base64Decode('YWJjAGRlZg==')", NULL, "\"abc\"", NULL },
	{ "States.Base64Decode(States.Base64Encode($.s))", "{'s':'round ✓'}",
	  "\"round ✓\"", NULL },
	{ "States.Base64Decode(1)", NULL, NULL, INVALID("Base64Decode") },
	{ "States.Base64Decode()", NULL, NULL, INVALID("Base64Decode") },
	/* the documentation's digest has a typo (39 digits) */
	{ "States.Hash($.Data, $.Algorithm)",
	  "{'Data':'input data','Algorithm':'SHA-1'}",
	  "\"aaff4a450a104cd177d28d18d74485e8cae074b7\"", NULL },
	{ "States.Hash('hello', 'MD5')", NULL,
	  "\"5d41402abc4b2a76b9719d911017c592\"", NULL },
	{ "States.Hash('hello', 'SHA-1')", NULL,
	  "\"aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d\"", NULL },
	{ "States.Hash('hello', 'SHA-256')", NULL,
	  "\"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
	  "\"",
	  NULL },
	{ "States.Hash('hello', 'SHA-384')", NULL,
	  "\"59e1748777448c69de6b800d7a33bbfb9ff1b463e44354c3553bcdb9c666fa90"
	  "125a3c79f90397bdf5f6a13de828684f\"",
	  NULL },
	{ "States.Hash('hello', 'SHA-512')", NULL,
	  "\"9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca7"
	  "2323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043\"",
	  NULL },
	{ "States.Hash('', 'SHA-256')", NULL,
	  "\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	  "\"",
	  NULL },
	{ "States.Hash('✓', 'SHA-256')", NULL,
	  "\"1dabba21cdad44541f6b15796f8d22978fc7ea10c46aeceeeeb66c23b3ac7604"
	  "\"",
	  NULL },
	{ "States.Hash('🚀', 'SHA-256')", NULL,
	  "\"ebbc0b2870eb323f2b6cffa5c493ceef81ae7eb36afc73d4e0367301631daec5"
	  "\"",
	  NULL },
	{ "States.Hash('Data to encode', 'MD5')", NULL,
	  "\"ca405671828a177e26947171bbe1e352\"", NULL },
	{ "States.Hash(123, 'MD5')", NULL,
	  "\"202cb962ac59075b964b07152d234b70\"", NULL },
	{ "States.Hash($.o, 'SHA-256')", "{'o':{}}",
	  "\"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
	  "\"",
	  NULL },
	{ "States.Hash('data', 'sha-256')", NULL, NULL, INVALID("Hash") },
	{ "States.Hash('data', 'SHA256')", NULL, NULL, INVALID("Hash") },
	{ "States.Hash('data', '')", NULL, NULL, INVALID("Hash") },
	{ "States.Hash('data', 123)", NULL, NULL, INVALID("Hash") },
	{ "States.Hash('hello')", NULL, NULL, INVALID("Hash") },
	{ "States.Hash($.nope, 'MD5')", "{'a':1}", NULL,
	  NOT_FOUND("$.nope", "{\"a\":1}") },
};

static void fn_encode(struct test_state *t)
{
	RUN_CASES(encode_cases);
}

static const struct eval_case math_cases[] = {
	{ "States.MathAdd($.value1, $.step)", "{'value1':111,'step':-1}", "110",
	  NULL },
	{ "States.MathAdd(-9, 3)", NULL, "-6", NULL },
	{ "States.MathAdd(1.49, 1.50)", NULL, "3", NULL },
	{ "States.MathAdd(1.50, 1.51)", NULL, "4", NULL },
	{ "States.MathAdd(-1.49, -1.50)", NULL, "-2", NULL },
	{ "States.MathAdd(-1.50, -1.51)", NULL, "-3", NULL },
	{ "States.MathAdd(-1.5, -1.51)", NULL, "-3", NULL },
	{ "States.MathAdd(1.6, 2.7)", NULL, "5", NULL },
	{ "States.MathAdd(0.1, 0.2)", NULL, "0", NULL },
	{ "States.MathAdd(0.5, -0.5)", NULL, "1", NULL },
	{ "States.MathAdd(2.5, -2.5)", NULL, "1", NULL },
	{ "States.MathAdd(0.49999999999999994, 0)", NULL, "0", NULL },
	{ "States.MathAdd(2147483647, 0)", NULL, "2147483647", NULL },
	{ "States.MathAdd(-2147483648, 0)", NULL, "-2147483648", NULL },
	{ "States.MathAdd(2147483646, 1)", NULL, "2147483647", NULL },
	{ "States.MathAdd(-2147483647, -1)", NULL, "-2147483648", NULL },
	{ "States.MathAdd(2147483647, 1)", NULL, NULL, INVALID("MathAdd") },
	{ "States.MathAdd(-2147483648, -1)", NULL, NULL, INVALID("MathAdd") },
	{ "States.MathAdd(3000000000, 0)", NULL, NULL, INVALID("MathAdd") },
	{ "States.MathAdd('2', 1)", NULL, NULL, INVALID("MathAdd") },
	{ "States.MathAdd($.firstNumber, $.secondNumber)",
	  "{'firstNumber':1,'secondNumber':'NOT A NUMBER'}", NULL,
	  INVALID("MathAdd") },
	{ "States.MathAdd(null, 1)", NULL, NULL, INVALID("MathAdd") },
	{ "States.MathAdd(true, 1)", NULL, NULL, INVALID("MathAdd") },
	{ "States.MathAdd(1e309, 1)", NULL, NULL, INVALID("MathAdd") },
	{ "States.MathAdd(1)", NULL, NULL, INVALID("MathAdd") },
	/* seeded: java.util.Random, checked against OpenJDK 17 */
	{ "States.MathRandom(-5, 5, 42)", NULL, "-5", NULL },
	{ "States.MathRandom(1, 100, 42)", NULL, "63", NULL },
	{ "States.MathRandom(0, 999, 3)", NULL, "239", NULL },
	{ "States.MathRandom(2147483640, 2147483647, 1)", NULL, "2147483644",
	  NULL },
	{ "States.MathRandom(0, 1000, -7)", NULL, "662", NULL },
	{ "States.MathRandom(0, 16, 0)", NULL, "11", NULL },
	{ "States.MathRandom(-5.9, 5.9, 42.7)", NULL, "-5", NULL },
	{ "States.MathRandom(1, 1)", NULL, NULL, INVALID("MathRandom") },
	{ "States.MathRandom(10, 5)", NULL, NULL, INVALID("MathRandom") },
	{ "States.MathRandom(1.49, 1.49)", NULL, NULL, INVALID("MathRandom") },
	{ "States.MathRandom(1.4, 1.6)", NULL, NULL, INVALID("MathRandom") },
	{ "States.MathRandom(-2147483648, 2147483647)", NULL, NULL,
	  INVALID("MathRandom") },
	{ "States.MathRandom('1', 5)", NULL, NULL, INVALID("MathRandom") },
	{ "States.MathRandom(1, 5, null)", NULL, NULL, INVALID("MathRandom") },
	{ "States.MathRandom(1, 5, '3')", NULL, NULL, INVALID("MathRandom") },
	{ "States.MathRandom(1)", NULL, NULL, INVALID("MathRandom") },
	{ "States.MathRandom(1, 2, 3, 4)", NULL, NULL, INVALID("MathRandom") },
	/* the fake generator's bytes 0..7 seed Random(0x0001020304050607) */
	{ "States.MathRandom(1.6, 5.4)", NULL, "1", NULL },
};

static void fn_math(struct test_state *t)
{
	RUN_CASES(math_cases);
}

static void fn_uuid(struct test_state *t)
{
	struct outcome a = run("States.UUID()", NULL);
	struct outcome b = run("States.UUID(123, 'x', $.a, null)", "{'a':1}");
	struct fake f = { NULL, NULL, NULL, 0, 1 };
	struct outcome c = run_with("States.UUID( )", NULL, &f);
	int ok_a = a.status == SFN_OK, ok_b = b.status == SFN_OK;

	CHECK(ok_a && ok_b);
	CHECK_STR(a.text, "\"00010203-0405-4607-8809-0a0b0c0d0e0f\"");
	CHECK_STR(b.text, a.text);
	outcome_free(&a);
	outcome_free(&b);
	CHECK(c.status == SFN_ERR_FAILED);
	CHECK_STR(c.err.cause, "The function 'States.UUID( )' had the "
	                       "following error: No random numbers could be "
	                       "generated");
	outcome_free(&c);
}

/* ---- evaluation in general --------------------------------------------- */

static const struct eval_case general_cases[] = {
	/* a nested failure names the whole expression */
	{ "States.Array(States.MathAdd('a', 1))", NULL, NULL,
	  INVALID("MathAdd") },
	{ "States.Format('{}', States.ArrayGetItem($.a, 5))", "{'a':[1]}", NULL,
	  INVALID("ArrayGetItem") },
	{ "States.Nope(1)", NULL, NULL,
	  "The function 'States.Nope' is not a "
	  "known intrinsic function" },
	{ "States.Array($.a, $.b)", "{'a':1}", NULL,
	  NOT_FOUND("$.b", "{\"a\":1}") },
	{ "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit("
	  "States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2),"
	  " '.'), 0), States.ArrayGetItem(States.StringSplit("
	  "States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2),"
	  " '.'), 1))",
	  "{'ImageRecipe':{'Arn':'arn:aws:imagebuilder:us-east-1:1:"
	  "image-recipe/my.recipe/1.0.0'}}",
	  NULL,
	  "Invalid arguments in States.Format: number of arguments do not "
	  "match the occurrences of {}." },
	{ "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit("
	  "States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2),"
	  " '.'), 0), States.ArrayGetItem(States.StringSplit("
	  "States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2),"
	  " '.'), 1))",
	  "{'ImageRecipe':{'Arn':'arn:aws:imagebuilder:us-east-1:1:"
	  "image-recipe/my.recipe/1.0.0'}}",
	  "\"1.0\"", NULL },
};

static void eval_general(struct test_state *t)
{
	RUN_CASES(general_cases);
}

static enum sfn_status nomem_resolve(void *ctx, const char *path, cJSON **value,
                                     struct sfn_error *err)
{
	(void) ctx;
	(void) path;
	(void) err;
	*value = cJSON_CreateNull(); /* a value left behind is freed */
	return SFN_ERR_NOMEM;
}

static enum sfn_status custom_resolve(void *ctx, const char *path,
                                      cJSON **value, struct sfn_error *err)
{
	(void) ctx;
	(void) path;
	(void) value;
	err->name = strdup("States.Custom");
	err->cause = strdup("Filter: [0] can only be applied to arrays. "
	                    "Current context is: 1");
	return SFN_ERR_FAILED;
}

static enum sfn_status eval_text(const char *text,
                                 const struct sfn_intrinsic_env *env,
                                 cJSON **result, struct sfn_error *err)
{
	struct sfn_intrinsic *call;
	struct sfn_diags d;
	enum sfn_status st;

	sfn_diags_init(&d);
	st = sfn_intrinsic_parse(text, NULL, &d, &call);
	if (st == SFN_OK)
		st = sfn_intrinsic_eval(call, env, result, err);
	sfn_intrinsic_free(call);
	sfn_diags_free(&d);
	return st;
}

/* Resolver outcomes: none at all, out of memory, its own error. */
static void eval_resolvers(struct test_state *t)
{
	struct sfn_intrinsic_env nomem = { nomem_resolve, NULL, NULL };
	struct sfn_intrinsic_env custom = { custom_resolve, NULL, NULL };
	struct sfn_error err = { NULL, NULL };
	cJSON *result = (cJSON *) &result;

	CHECK(eval_text("States.Array($.a)", NULL, &result, &err) ==
	      SFN_ERR_FAILED);
	CHECK(result == NULL);
	CHECK_STR(err.name, "States.Runtime");
	CHECK_STR(err.cause, "The function 'States.Array($.a)' had the "
	                     "following error: The JsonPath argument for the "
	                     "field '$.a' could not be found in the input");
	CHECK(eval_text("States.Array($.a)", &nomem, &result, &err) ==
	      SFN_ERR_NOMEM);
	CHECK(eval_text("States.Array($.other[0])", &custom, &result, &err) ==
	      SFN_ERR_FAILED);
	CHECK_STR(err.name, "States.Custom");
	CHECK_STR(err.cause, "The function 'States.Array($.other[0])' had "
	                     "the following error: Filter: [0] can only be "
	                     "applied to arrays. Current context is: 1");
	sfn_error_clear(&err);
	CHECK(err.name == NULL && err.cause == NULL);
	sfn_error_clear(NULL);
	sfn_intrinsic_free(NULL);
	/* an unseeded MathRandom and UUID with OpenSSL's generator */
	CHECK(eval_text("States.MathRandom(0, 3)", NULL, &result, &err) ==
	      SFN_OK);
	CHECK(result->valuedouble >= 0 && result->valuedouble < 3);
	cJSON_Delete(result);
	CHECK(eval_text("States.UUID()", NULL, &result, &err) == SFN_OK);
	CHECK_INT(strlen(result->valuestring), 36);
	CHECK(result->valuestring[14] == '4');
	cJSON_Delete(result);
}

const struct test sfn_tests_intrinsic[] = {
	{ "parse_kinds", parse_kinds },
	{ "parse_rejects", parse_rejects },
	{ "parse_location", parse_location },
	{ "parse_depth", parse_depth },
	{ "is_call", is_call },
	{ "check_rejects", check_rejects },
	{ "check_accepts", check_accepts },
	{ "plain_paths_parse", plain_paths_parse },
	{ "check_depth", check_depth },
	{ "check_counts", check_counts },
	{ "format", fn_format },
	{ "json", fn_json },
	{ "string_split", fn_string_split },
	{ "array", fn_array },
	{ "encode", fn_encode },
	{ "encode_limits", fn_encode_limits },
	{ "math", fn_math },
	{ "uuid", fn_uuid },
	{ "eval_general", eval_general },
	{ "eval_resolvers", eval_resolvers },
	{ NULL, NULL },
};
