/* Input and output processing, rule by rule as the States Language and
 * the Step Functions documentation state them: InputPath/OutputPath,
 * payload templates, ResultPath, and the service's error names and
 * causes; and their compiled forms, which the text forms wrap. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sfn/exec.h"
#include "sfn/intrinsic.h"
#include "sfn/json.h"
#include "sfn/jsonout.h"
#include "sfn/path.h"
#include "test.h"

/* JSON text with ` for " so that cases stay readable. */
static cJSON *json(const char *text)
{
	char *copy = strdup(text);
	cJSON *v;

	for (char *p = copy; *p; p++)
		if (*p == '`')
			*p = '"';
	v = cJSON_Parse(copy);
	free(copy);
	return v;
}

static char *compact(const cJSON *v)
{
	struct sfn_buf b;

	sfn_buf_init(&b, 1 << 20);
	sfn_jsonout_value(v, SFN_JSONOUT_COMPACT, &b);
	return sfn_buf_take(&b);
}

static const char *const context_text =
        "{`Execution`:{`Id`:`arn:x`,`Input`:{`prompt`:`hi`}},"
        "`State`:{`Name`:`S`}}";

static const struct {
	const char *field; /* JSON of the field; NULL: absent */
	const char *input;
	const char *want;  /* compact JSON, or NULL on failure */
	const char *cause; /* States.Runtime cause on failure */
} selects[] = {
	{ NULL, "{`a`:1}", "{\"a\":1}", NULL },
	{ "null", "{`a`:1}", "{}", NULL },
	{ "`$`", "{`a`:1}", "{\"a\":1}", NULL },
	{ "`$.a.b`", "{`a`:{`b`:[1,2]}}", "[1,2]", NULL },
	{ "`$.a[*].b`", "{`a`:[{`b`:1},{`c`:2},{`b`:3}]}", "[1,3]", NULL },
	{ "`$.a[*].z`", "{`a`:[{`b`:1}]}", "[]", NULL },
	{ "`$$.Execution.Input`", "{}", "{\"prompt\":\"hi\"}", NULL },
	{ "`$v.x`", "{}", "7", NULL },
	{ "`$.Payload`", "{`a`:1}", NULL,
	  "Invalid path '$.Payload' : No results for path: $['Payload']" },
	{ "`$.a[3]`", "{`a`:[1]}", NULL,
	  "Invalid path '$.a[3]' : No results for path: $['a'][3]" },
	{ "`$.a`", "null", NULL,
	  "Unable to apply Path transformation to null or empty input." },
};

static void select_paths(struct test_state *t)
{
	cJSON *context = json(context_text), *vars = json("{`v`:{`x`:7}}");

	for (size_t i = 0; i < sizeof(selects) / sizeof(selects[0]); i++) {
		cJSON *field = selects[i].field ? json(selects[i].field) : NULL;
		cJSON *input = json(selects[i].input), *out = NULL;
		struct sfn_exec_data data = { input, context, vars };
		struct sfn_error err = { NULL, NULL };
		enum sfn_status st = sfn_exec_select(field, &data, &out, &err);
		char *got = out ? compact(out) : NULL;

		if (selects[i].want != NULL &&
		    (st != SFN_OK || !got || strcmp(got, selects[i].want)))
			test_fail(t, __FILE__, __LINE__, "case %zu: %s", i,
			          got ? got : err.cause);
		if (selects[i].want == NULL &&
		    (st != SFN_ERR_FAILED || !err.name ||
		     strcmp(err.name, "States.Runtime") ||
		     strcmp(err.cause, selects[i].cause)))
			test_fail(t, __FILE__, __LINE__, "case %zu: %s", i,
			          err.cause ? err.cause : got);
		free(got);
		sfn_error_clear(&err);
		cJSON_Delete(out);
		cJSON_Delete(field);
		cJSON_Delete(input);
	}
	cJSON_Delete(context);
	cJSON_Delete(vars);
}

static const struct {
	const char *tmpl, *input, *want, *cause;
} payloads[] = {
	/* static values are copied; .$ keys lose the suffix */
	{ "{`comment`:`Selecting`,`MyDetails`:{`size.$`:`$.product.size`,"
	  "`exists.$`:`$.product.availability`,`StaticValue`:`foo`}}",
	  "{`product`:{`size`:`S`,`availability`:`in stock`}}",
	  "{\"comment\":\"Selecting\",\"MyDetails\":{\"size\":\"S\","
	  "\"exists\":\"in stock\",\"StaticValue\":\"foo\"}}",
	  NULL },
	/* a path without .$ is a plain string */
	{ "{`a`:`$.x`,`b.$`:`$.x`}", "{`x`:1}", "{\"a\":\"$.x\",\"b\":1}",
	  NULL },
	/* objects inside arrays are walked; strings in arrays are not */
	{ "{`l`:[`$.x`,{`v.$`:`$.x`},[{`w.$`:`$`}]]}", "{`x`:2}",
	  "{\"l\":[\"$.x\",{\"v\":2},[{\"w\":{\"x\":2}}]]}", NULL },
	/* indefinite paths give arrays, [] when nothing matches */
	{ "{`last.$`:`$.vals[3:]`,`first.$`:`$.vals[0]`,"
	  "`none.$`:`$.vals[?(@.q)]`}",
	  "{`vals`:[0,10,20,30,40,50]}",
	  "{\"last\":[30,40,50],\"first\":0,\"none\":[]}", NULL },
	/* context object, variables, intrinsic functions */
	{ "{`id.$`:`$$.Execution.Id`,`v.$`:`$v.x`,"
	  "`p.$`:\"States.Format('Hi {}', $$.Execution.Input.prompt)\","
	  "`n.$`:`States.MathAdd($.a, 2)`}",
	  "{`a`:1}", "{\"id\":\"arn:x\",\"v\":7,\"p\":\"Hi hi\",\"n\":3}",
	  NULL },
	/* a definite path that selects nothing fails */
	{ "{`address.$`:`$.application.address`}", "{`flagged`:false}", NULL,
	  "The JSONPath '$.application.address' specified for the field "
	  "'address.$' could not be found in the input '{\"flagged\":false}'" },
	{ "{`x.$`:\"States.Format('{}', $.nope)\"}", "{`other`:1}", NULL,
	  "The function 'States.Format('{}', $.nope)' had the following "
	  "error: The JsonPath argument for the field '$.nope' could not be "
	  "found in the input '{\"other\":1}'" },
	{ "{`x.$`:5}", "{}", NULL,
	  "The value for the field 'x.$' must be a STRING that contains a "
	  "JSONPath or an intrinsic function call" },
};

static void payload_templates(struct test_state *t)
{
	cJSON *context = json(context_text), *vars = json("{`v`:{`x`:7}}");

	for (size_t i = 0; i < sizeof(payloads) / sizeof(payloads[0]); i++) {
		cJSON *tmpl = json(payloads[i].tmpl);
		cJSON *input = json(payloads[i].input), *out = NULL;
		struct sfn_exec_data data = { input, context, vars };
		struct sfn_error err = { NULL, NULL };
		enum sfn_status st;
		char *got;

		CHECK(tmpl != NULL && input != NULL);
		st = sfn_exec_payload(tmpl, &data, &out, &err);
		got = out ? compact(out) : NULL;
		if (payloads[i].want != NULL &&
		    (st != SFN_OK || !got || strcmp(got, payloads[i].want)))
			test_fail(t, __FILE__, __LINE__, "case %zu: %s", i,
			          got ? got : err.cause);
		if (payloads[i].want == NULL &&
		    (st != SFN_ERR_FAILED || !err.cause ||
		     strcmp(err.name, "States.Runtime") ||
		     strcmp(err.cause, payloads[i].cause)))
			test_fail(t, __FILE__, __LINE__, "case %zu: %s", i,
			          err.cause ? err.cause : got);
		free(got);
		sfn_error_clear(&err);
		cJSON_Delete(out);
		cJSON_Delete(tmpl);
		cJSON_Delete(input);
	}
	cJSON_Delete(context);
	cJSON_Delete(vars);
}

static const struct {
	const char *field, *input, *result, *want, *cause;
} results[] = {
	{ NULL, "{`a`:1}", "6", "6", NULL },
	{ "`$`", "{`a`:1}", "6", "6", NULL },
	{ "null", "{`a`:1}", "6", "{\"a\":1}", NULL },
	/* the States Language's own examples */
	{ "`$.master.detail`", "{`master`:{`detail`:[1,2,3]}}", "6",
	  "{\"master\":{\"detail\":6}}", NULL },
	{ "`$.master.result.sum`", "{`master`:{`detail`:[1,2,3]}}", "6",
	  "{\"master\":{\"detail\":[1,2,3],\"result\":{\"sum\":6}}}", NULL },
	{ "`$.b.greeting`", "{`a`:1}", "`Hi!`",
	  "{\"a\":1,\"b\":{\"greeting\":\"Hi!\"}}", NULL },
	/* an existing member keeps its place */
	{ "`$.a`", "{`a`:1,`z`:2}", "{`n`:0}", "{\"a\":{\"n\":0},\"z\":2}",
	  NULL },
	/* an array element is replaced in place */
	{ "`$[1].payload`", "[{`a`:1},{`id`:7},4]", "{`s`:1}",
	  "[{\"a\":1},{\"id\":7,\"payload\":{\"s\":1}},4]", NULL },
	{ "`$.x`", "`foo`", "1", NULL,
	  "Unable to apply ReferencePath $.x to input \"foo\"" },
	{ "`$.a.b`", "{`a`:5}", "1", NULL,
	  "Unable to apply ReferencePath $.a.b to input {\"a\":5}" },
	{ "`$[3]`", "[1]", "1", NULL,
	  "Unable to apply ReferencePath $[3] to input [1]" },
	{ "`$$.Execution`", "{}", "1", NULL,
	  "Unable to apply ReferencePath $$.Execution to input {}" },
};

static void result_path(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(results) / sizeof(results[0]); i++) {
		cJSON *field = results[i].field ? json(results[i].field) : NULL;
		cJSON *input = json(results[i].input), *out = NULL;
		struct sfn_error err = { NULL, NULL };
		enum sfn_status st;
		char *got;

		st = sfn_exec_result_path_take(
		        field, input, json(results[i].result), &out, &err);
		got = out ? compact(out) : NULL;
		if (results[i].want != NULL &&
		    (st != SFN_OK || !got || strcmp(got, results[i].want)))
			test_fail(t, __FILE__, __LINE__, "case %zu: %s", i,
			          got ? got : err.cause);
		if (results[i].want == NULL &&
		    (st != SFN_ERR_FAILED || !err.cause ||
		     strcmp(err.name, "States.ResultPathMatchFailure") ||
		     strcmp(err.cause, results[i].cause)))
			test_fail(t, __FILE__, __LINE__, "case %zu: %s", i,
			          err.cause ? err.cause : got);
		free(got);
		sfn_error_clear(&err);
		cJSON_Delete(out);
		cJSON_Delete(field);
		cJSON_Delete(input);
	}
}

/* The raw input stays untouched: ResultPath works on a copy. */
static void inputs_not_changed(struct test_state *t)
{
	cJSON *input = json("{`a`:{`b`:1}}"), *field = json("`$.a.c`");
	cJSON *out = NULL;
	struct sfn_error err = { NULL, NULL };
	char *before = compact(input), *after;

	CHECK(sfn_exec_result_path_take(field, input, json("2"), &out, &err) ==
	      SFN_OK);
	after = compact(input);
	CHECK_STR(after, before);
	free(before);
	free(after);
	cJSON_Delete(out);
	cJSON_Delete(field);
	cJSON_Delete(input);
}

/* A path that does not parse is a syntax error (SFN_ERR_SYNTAX); an
 * evaluation the service would fail is SFN_ERR_FAILED, with the error. */
static void statuses(struct test_state *t)
{
	cJSON *tmpl = json("{`v.$`:`States.ArrayGetItem(States.Array(1), 5)`}");
	cJSON *input = json("{}"), *out = NULL;
	struct sfn_exec_data data = { input, NULL, input };
	struct sfn_error err = { NULL, NULL };

	CHECK(sfn_exec_lookup("$.a[", &data, &out, NULL) == SFN_ERR_SYNTAX);
	CHECK(out == NULL);
	CHECK(sfn_exec_payload(tmpl, &data, &out, &err) == SFN_ERR_FAILED);
	CHECK(out == NULL);
	CHECK_STR(err.name, "States.Runtime");
	CHECK(sfn_error_set(&err, "States.Custom", "%d", 1) == SFN_ERR_FAILED);
	CHECK_STR(err.cause, "1");
	CHECK_STR(sfn_status_str(SFN_ERR_FAILED), "the execution failed");
	sfn_error_clear(&err);
	cJSON_Delete(tmpl);
	cJSON_Delete(input);
}

/* ---- compiled forms -------------------------------------------------------
 * A store parses each text once; compiled templates and fields give what
 * the text forms give (which are wrappers over them), run after run. */

/* The output's compact text, or the error's cause. */
static char *outcome(enum sfn_status st, cJSON *out, struct sfn_error *err)
{
	struct sfn_buf b;

	sfn_buf_init(&b, 1 << 20);
	if (st == SFN_OK)
		sfn_jsonout_value(out, SFN_JSONOUT_COMPACT, &b);
	else
		sfn_buf_printf(&b, "%d %s: %s", (int) st, err->name,
		               err->cause);
	cJSON_Delete(out);
	sfn_error_clear(err);
	return sfn_buf_take(&b);
}

static const struct {
	const char *tmpl, *input;
} templates[] = {
	{ "{`a.$`:`$.x`,`b`:[`$.x`,{`c.$`:`$.x`}],`d`:{`e.$`:`$$.k`}}",
	  "{`x`:[1,2]}" },
	{ "{`f.$`:\"States.Format('{}-{}', $.x[0], States.ArrayLength($.x))\"}",
	  "{`x`:[1,2]}" },
	{ "{`v.$`:`$v.y`,`all.$`:`$.x[*]`}", "{`x`:[1,2]}" },
	{ "{`miss.$`:`$.nope`}", "{`x`:1}" },
	{ "{`bad.$`:`$.a[`}", "{`x`:1}" },
	{ "{`arg.$`:\"States.Format('{}', $.nope)\"}", "{`x`:1}" },
	{ "{`badarg.$`:\"States.Format('{}', $.a[)\"}", "{`x`:1}" },
	{ "{`call.$`:`States.Nope(`}", "{`x`:1}" },
	{ "{`num.$`:1}", "{}" },
	{ "[1,`s`,{`k.$`:`$`}]", "{`x`:1}" },
	{ "`plain`", "{}" },
};

#define NTEMPLATES (sizeof(templates) / sizeof(templates[0]))

static void templates_agree(struct test_state *t)
{
	struct sfn_exec_store *store = sfn_exec_store_new();
	cJSON *context = json("{`k`:`ctx`}"), *vars = json("{`v`:{`y`:3}}");

	CHECK(store != NULL);
	for (size_t i = 0; i < NTEMPLATES; i++) {
		cJSON *tmpl = json(templates[i].tmpl),
		      *in = json(templates[i].input);
		struct sfn_exec_data data = { in, context, vars };
		struct sfn_exec_template *ct = NULL;
		struct sfn_error err = { NULL, NULL };
		cJSON *out = NULL;
		char *text, *first, *second;
		enum sfn_status st;

		st = sfn_exec_payload(tmpl, &data, &out, &err);
		text = outcome(st, out, &err);
		CHECK_INT(sfn_exec_template_compile(tmpl, store, &ct), SFN_OK);
		st = sfn_exec_payload_compiled(ct, &data, &out, &err);
		first = outcome(st, out, &err);
		st = sfn_exec_payload_compiled(ct, &data, &out, &err);
		second = outcome(st, out, &err);
		if (strcmp(text, first) != 0 || strcmp(first, second) != 0)
			test_fail(t, __FILE__, __LINE__,
			          "case %zu: text %s, compiled %s then %s", i,
			          text, first, second);
		free(text);
		free(first);
		free(second);
		cJSON_Delete(in);
		cJSON_Delete(tmpl); /* after the store's last use of it */
	}
	sfn_exec_store_free(store);
	cJSON_Delete(context);
	cJSON_Delete(vars);
}

/* The same text in two fields, or as a call's argument, is parsed once. */
static void parsed_once(struct test_state *t)
{
	struct sfn_exec_store *store = sfn_exec_store_new();
	cJSON *tmpl = json("{`a.$`:`$.x`,`b`:{`c.$`:`$.x`},"
	                   "`d.$`:`States.JsonToString($.x)`,"
	                   "`e.$`:`States.JsonToString($.x)`,`f`:1}");
	struct sfn_exec_template_expr e[8];
	struct sfn_exec_template *ct;
	const struct sfn_path *p;
	const struct sfn_intrinsic *c;

	CHECK(store != NULL && tmpl != NULL);
	CHECK_INT(sfn_exec_template_compile(tmpl, store, &ct), SFN_OK);
	CHECK_INT(sfn_exec_template_exprs(ct, e, 8), 4);
	CHECK_INT(sfn_exec_template_exprs(ct, e, 1), 4);
	CHECK(e[0].path != NULL && e[0].path == e[1].path);
	CHECK(e[2].call != NULL && e[2].call == e[3].call);
	CHECK_STR(e[1].node->string, "c.$");
	CHECK_INT(sfn_exec_store_path(store, "$.x", NULL, &p), SFN_OK);
	CHECK(p == e[0].path);
	CHECK_INT(sfn_exec_store_call(store, "States.JsonToString($.x)", NULL,
	                              &c),
	          SFN_OK);
	CHECK(c == e[2].call);
	CHECK_INT(sfn_exec_store_path(store, "$.[", NULL, &p), SFN_ERR_SYNTAX);
	CHECK(p == NULL);
	sfn_exec_store_free(store);
	cJSON_Delete(tmpl);
}

/* Objects nested SFN_EXEC_TEMPLATE_MAX_DEPTH deep compile; one more does
 * not. */
static void template_depth(struct test_state *t)
{
	for (int extra = 0; extra < 2; extra++) {
		size_t n = SFN_EXEC_TEMPLATE_MAX_DEPTH + (size_t) extra;
		struct sfn_exec_store *store = sfn_exec_store_new();
		struct sfn_exec_template *ct;
		cJSON *root = cJSON_CreateObject(), *at = root;

		for (size_t i = 1; i < n; i++)
			at = cJSON_AddObjectToObject(at, "k");
		CHECK_INT(sfn_exec_template_compile(root, store, &ct),
		          extra ? SFN_ERR_LIMIT : SFN_OK);
		sfn_exec_store_free(store);
		cJSON_Delete(root);
	}
}

static const struct {
	const char *field; /* NULL: absent */
	int reference;
	enum sfn_exec_field_kind kind;
} fields[] = {
	{ NULL, 0, SFN_FIELD_ABSENT },  { "null", 0, SFN_FIELD_NULL },
	{ "`$.a`", 0, SFN_FIELD_PATH }, { "`$..a`", 0, SFN_FIELD_PATH },
	{ "`$..a`", 1, SFN_FIELD_BAD }, { "`$$.a`", 1, SFN_FIELD_BAD },
	{ "`$`", 1, SFN_FIELD_PATH },   { "`$.a[0].b`", 1, SFN_FIELD_PATH },
	{ "`$.a[`", 0, SFN_FIELD_BAD }, { "3", 0, SFN_FIELD_BAD },
};

/* Fields compile to their kind, and select and ResultPath agree with the
 * text forms. */
static void fields_agree(struct test_state *t)
{
	struct sfn_exec_store *store = sfn_exec_store_new();
	cJSON *in = json("{`a`:[{`b`:1}]}");
	struct sfn_exec_data data = { in, NULL, NULL };

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		cJSON *v = fields[i].field ? json(fields[i].field) : NULL;
		struct sfn_exec_field f;
		struct sfn_error err = { NULL, NULL };
		cJSON *out = NULL;
		char *a, *b;
		enum sfn_status st;

		CHECK_INT(sfn_exec_field_compile(v, fields[i].reference, store,
		                                 NULL, &f),
		          SFN_OK);
		CHECK_INT(f.kind, fields[i].kind);
		if (fields[i].reference) {
			st = sfn_exec_result_path_take(v, in, json("7"), &out,
			                               &err);
			a = outcome(st, out, &err);
			st = sfn_exec_result_field_take(&f, in, json("7"), &out,
			                                &err);
		} else {
			st = sfn_exec_select(v, &data, &out, &err);
			a = outcome(st, out, &err);
			st = sfn_exec_select_field(&f, &data, &out, &err);
		}
		b = outcome(st, out, &err);
		if (strcmp(a, b) != 0)
			test_fail(t, __FILE__, __LINE__, "case %zu: %s vs %s",
			          i, a, b);
		free(a);
		free(b);
		cJSON_Delete(v);
	}
	sfn_exec_store_free(store);
	cJSON_Delete(in);
}

/* A template of LEVELS nested containers: LEVELS - 1 arrays around an
 * object whose "v.$" reads $.x. */
static cJSON *nested_template(int levels)
{
	cJSON *t = cJSON_CreateObject();

	if (cJSON_AddStringToObject(t, "v.$", "$.x") == NULL) {
		cJSON_Delete(t);
		return NULL;
	}
	for (int i = 1; i < levels && t != NULL; i++) {
		cJSON *a = cJSON_CreateArray();

		if (!cJSON_AddItemToArray(a, t)) {
			cJSON_Delete(a);
			cJSON_Delete(t);
			return NULL;
		}
		t = a;
	}
	return t;
}

static enum sfn_status payload_at(int levels, const struct sfn_exec_data *d,
                                  cJSON **out)
{
	cJSON *tmpl = nested_template(levels);
	struct sfn_error err = { NULL, NULL };
	enum sfn_status st = SFN_ERR_NOMEM;

	*out = NULL;
	if (tmpl != NULL)
		st = sfn_exec_payload(tmpl, d, out, &err);
	sfn_error_clear(&err);
	cJSON_Delete(tmpl);
	return st;
}

/* The walk recurses per level: at SFN_EXEC_TEMPLATE_MAX_DEPTH the innermost
 * field is still evaluated, one level deeper is a limit, not a crash. */
static void payload_depth(struct test_state *t)
{
	cJSON *input = json("{`x`:1}"), *out, *inner;
	struct sfn_exec_data data = { input, NULL, NULL };
	enum sfn_status at, past;

	CHECK(input != NULL);
	at = payload_at(SFN_EXEC_TEMPLATE_MAX_DEPTH, &data, &out);
	inner = out;
	while (cJSON_IsArray(inner))
		inner = inner->child;
	CHECK_INT(at, SFN_OK);
	CHECK(cJSON_GetNumberValue(cJSON_GetObjectItem(inner, "v")) == 1);
	cJSON_Delete(out);
	past = payload_at(SFN_EXEC_TEMPLATE_MAX_DEPTH + 1, &data, &out);
	CHECK_INT(past, SFN_ERR_LIMIT);
	CHECK(out == NULL);
	cJSON_Delete(input);
}

/* ---- JSONata fields ------------------------------------------------------ */

static int zeros(void *ctx, unsigned char *buf, size_t n)
{
	(void) ctx;
	memset(buf, 0, n);
	return 1;
}

static const struct {
	const char *value; /* the field as written */
	const char *want;  /* compact JSON, or NULL on failure */
	const char *cause; /* States.QueryEvaluationError's */
} jsonata_fields[] = {
	{ "`{% $states.input.a %}`", "1", NULL },
	{ "`{%$states.input.a%}`", "1", NULL },
	{ "{`k`:`{% $states.input.a + 1 %}`,`lit`:`x`,`n`:null,"
	  "`arr`:[`{% $v %}`,3,{`deep`:`{% $states.result.r %}`}]}",
	  "{\"k\":2,\"lit\":\"x\",\"n\":null,\"arr\":[7,3,{\"deep\":5}]}",
	  NULL },
	{ "` {% 1 %}`", "\" {% 1 %}\"", NULL },
	{ "`{% 1 %} `", "\"{% 1 %} \"", NULL },
	/* wholly wrapped, so an expression, which does not parse */
	{ "`{% 1 %} tail {% 2 %}`", NULL,
	  "The JSONata expression ' 1 %} tail {% 2 ' specified for the field "
	  "'Output' threw an error during evaluation: S0211 The symbol } "
	  "cannot be used as a unary operator" },
	{ "`{%%}`", NULL,
	  "The JSONata expression '' specified for the field 'Output' threw "
	  "an error during evaluation: S0207 Unexpected end of expression" },
	{ "42", "42", NULL },
	{ "`{% $states.context.State.Name %}`", "\"S\"", NULL },
	{ "`{% $states.errorOutput.Error %}`", "\"E\"", NULL },
	{ "`{% $uuid() %}`", "\"00000000-0000-4000-8000-000000000000\"", NULL },
	{ "`{% $partition($range(1, 4, 1), 2) %}`", "[[1,2],[3,4]]", NULL },
	{ "`{% $ %}`", NULL,
	  "The JSONata expression ' $ ' specified for the field 'Output' "
	  "returned nothing (undefined)." },
	{ "{`a`:`{% $states.input.missing %}`}", NULL,
	  "The JSONata expression ' $states.input.missing ' specified for "
	  "the field 'Output' returned nothing (undefined)." },
	{ "`{% 'a' + 1 %}`", NULL,
	  "The JSONata expression ' 'a' + 1 ' specified for the field "
	  "'Output' threw an error during evaluation: T2001 The left side of "
	  "the + operator must evaluate to a number" },
	{ "`{% $eval('1') %}`", NULL,
	  "The JSONata expression ' $eval('1') ' specified for the field "
	  "'Output' threw an error during evaluation: T1006 Attempted to "
	  "invoke a non-function" },
};

static void jsonata_field(struct test_state *t)
{
	cJSON *input = json("{`a`:1}"), *ctx = json(context_text);
	cJSON *vars = json("{`v`:7}"), *result = json("{`r`:5}");
	cJSON *eo = json("{`Error`:`E`,`Cause`:`C`}");
	struct sfn_exec_states s = {
		input, ctx, result, eo, vars, zeros, NULL
	};

	for (size_t i = 0;
	     i < sizeof(jsonata_fields) / sizeof(jsonata_fields[0]); i++) {
		cJSON *v = json(jsonata_fields[i].value), *out = NULL;
		struct sfn_error err = { NULL, NULL };
		enum sfn_status st = sfn_exec_jsonata_value(v, "Output", NULL,
		                                            0, &s, &out, &err);

		CHECK(v != NULL);
		if (jsonata_fields[i].want != NULL) {
			char *text = out ? compact(out) : NULL;

			CHECK_STR(text ? text : jsonata_fields[i].value,
			          jsonata_fields[i].want);
			CHECK_INT(st, SFN_OK);
			free(text);
		} else {
			CHECK_INT(st, SFN_ERR_FAILED);
			CHECK(out == NULL);
			CHECK_STR(err.name, "States.QueryEvaluationError");
			CHECK_STR(err.cause, jsonata_fields[i].cause);
		}
		sfn_error_clear(&err);
		cJSON_Delete(out);
		cJSON_Delete(v);
	}
	cJSON_Delete(input);
	cJSON_Delete(ctx);
	cJSON_Delete(vars);
	cJSON_Delete(result);
	cJSON_Delete(eo);
}

/* Arrays nested LEVELS deep around one expression. */
static enum sfn_status jsonata_at(size_t levels, cJSON **out)
{
	cJSON *root = cJSON_CreateString("{% 1 %}"), *v;
	struct sfn_exec_states s = { NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	struct sfn_error err = { NULL, NULL };
	enum sfn_status st;

	for (size_t i = 0; i < levels; i++) {
		v = cJSON_CreateArray();
		cJSON_AddItemToArray(v, root);
		root = v;
	}
	st = sfn_exec_jsonata_value(root, "Output", NULL, 0, &s, out, &err);
	sfn_error_clear(&err);
	cJSON_Delete(root);
	return st;
}

static void jsonata_depth(struct test_state *t)
{
	cJSON *out = NULL;

	CHECK_INT(jsonata_at(SFN_EXEC_TEMPLATE_MAX_DEPTH, &out), SFN_OK);
	cJSON_Delete(out);
	CHECK_INT(jsonata_at(SFN_EXEC_TEMPLATE_MAX_DEPTH + 1, &out),
	          SFN_ERR_LIMIT);
	CHECK(out == NULL);
}

/* A path of names and indexes is followed without the evaluator's node
 * list: whatever it names (or not), sfn_exec_lookup gives a copy of what
 * the evaluator finds first, or nothing and the evaluator's canonical
 * miss. */
static void lookup_follows(struct test_state *t)
{
	static const char *const paths[] = {
		"$",
		"$.a",
		"$.a.b",
		"$['a']['b']",
		"$.l[0]",
		"$.l[2].x",
		"$.l[-1]",
		"$.l[-3]",
		"$.l[-4]",
		"$.l[3]",
		"$.l[9999999999]",
		"$.a[0]",
		"$.l.x",
		"$.dup",
		"$.a.b.c",
		"$.n",
		"$.z",
		"$.l[1]",
		"$.A",
	};
	cJSON *in = json("{`a`:{`b`:[1]},`l`:[1,null,{`x`:`y`}],"
	                 "`dup`:1,`dup`:2,`n`:null}");
	struct sfn_exec_data d = { in, NULL, NULL };

	for (size_t i = 0; i < sizeof(paths) / sizeof(*paths); i++) {
		struct sfn_path_miss miss = { 0, 0, NULL, NULL };
		struct sfn_nodelist l = { NULL, NULL, 0, 0 };
		struct sfn_diags diags;
		struct sfn_path *p = NULL;
		cJSON *got = NULL;
		char *canonical = NULL, *a, *b;

		sfn_diags_init(&diags);
		CHECK_INT(sfn_path_parse(paths[i], SFN_PATH_AWS, NULL, &diags,
		                         &p),
		          SFN_OK);
		sfn_diags_free(&diags);
		CHECK_INT(sfn_path_eval(p, in, 0, &l, &miss), SFN_OK);
		CHECK_INT(sfn_exec_lookup(paths[i], &d, &got, &canonical),
		          SFN_OK);
		if (l.count == 0) {
			CHECK(got == NULL);
			CHECK_STR(canonical, miss.canonical);
		} else {
			a = compact(got);
			b = compact(l.nodes[0]);
			if (strcmp(a, b) != 0)
				test_fail(t, __FILE__, __LINE__,
				          "%s: %s, not %s", paths[i], a, b);
			free(a);
			free(b);
		}
		cJSON_Delete(got);
		free(canonical);
		sfn_path_miss_clear(&miss);
		sfn_nodelist_free(&l);
		sfn_path_free(p);
	}
	cJSON_Delete(in);
}

const struct test sfn_tests_exec[] = {
	{ "lookup_follows", lookup_follows },
	{ "statuses", statuses },
	{ "compiled_templates_agree", templates_agree },
	{ "compiled_parsed_once", parsed_once },
	{ "compiled_template_depth", template_depth },
	{ "compiled_fields_agree", fields_agree },
	{ "select_paths", select_paths },
	{ "payload_templates", payload_templates },
	{ "result_path", result_path },
	{ "inputs_not_changed", inputs_not_changed },
	{ "payload_depth", payload_depth },
	{ "jsonata_field", jsonata_field },
	{ "jsonata_depth", jsonata_depth },
	{ NULL, NULL },
};
