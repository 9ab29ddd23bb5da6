/* The compiled forms of input and output processing: a store parses each
 * text once; compiled templates and fields give what the text forms give
 * (which are wrappers over them), run after run. */
#include "config.h"

#include <stdlib.h>

#include "sfn/exec.h"
#include "sfn/intrinsic.h"
#include "sfn/jsonout.h"
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

const struct test sfn_tests_compiled[] = {
	{ "templates_agree", templates_agree },
	{ "parsed_once", parsed_once },
	{ "template_depth", template_depth },
	{ "fields_agree", fields_agree },
	{ NULL, NULL },
};
