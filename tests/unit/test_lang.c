/* The .sfn front end's limits, each at and past its edge: file size,
 * bracket nesting, token length, syntax errors before giving up;
 * lowering facts golden files do not show (several machines, spans); and
 * the ASL rules skipping what the front end checked already. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/asl.h"
#include "sfn/json.h"
#include "sfn/lang.h"
#include "sfn/util.h"
#include "test.h"

struct outcome {
	enum sfn_status status;
	size_t errors, limits, syntax, machines;
};

static struct outcome compile(const char *text, size_t len)
{
	struct sfn_diags d;
	struct sfn_lang_unit *unit = NULL;
	struct outcome o = { 0, 0, 0, 0, 0 };

	sfn_diags_init(&d);
	o.status = sfn_lang_compile(text, len, "t.sfn", &d, &unit);
	o.errors = d.errors;
	for (size_t i = 0; i < d.count; i++) {
		o.limits += d.items[i].rule == SFN_RULE_SFN_LIMIT;
		o.syntax += d.items[i].rule == SFN_RULE_SFN_SYNTAX;
	}
	o.machines = unit != NULL ? sfn_lang_machine_count(unit) : 0;
	sfn_lang_free(unit);
	sfn_diags_free(&d);
	return o;
}

/* "stack S { machine M { pass P { result X } } }" with X the literal
 * given, built in BUF. */
static const char *with_result(struct sfn_buf *buf, const char *open,
                               const char *mid, const char *close, size_t n)
{
	sfn_buf_adds(buf, "stack S { machine M { pass P { result ");
	for (size_t i = 0; i < n; i++)
		sfn_buf_adds(buf, open);
	sfn_buf_adds(buf, mid);
	for (size_t i = 0; i < n; i++)
		sfn_buf_adds(buf, close);
	sfn_buf_adds(buf, " } } }\n");
	return sfn_buf_str(buf);
}

/* Brackets: stack, machine and pass open three; the result the rest. */
static void depth_case(struct test_state *t, size_t arrays, int ok)
{
	struct sfn_buf buf;
	struct outcome o;

	sfn_buf_init(&buf, 1 << 20);
	with_result(&buf, "[", "1", "]", arrays);
	o = compile(sfn_buf_str(&buf), buf.len);
	sfn_buf_free(&buf);
	CHECK_INT(o.limits, ok ? 0 : 1);
	CHECK_INT(o.status, ok ? SFN_OK : SFN_ERR_LIMIT);
}

static void depth_at_limit(struct test_state *t)
{
	depth_case(t, SFN_LANG_MAX_DEPTH - 3, 1);
}

static void depth_past_limit(struct test_state *t)
{
	depth_case(t, SFN_LANG_MAX_DEPTH - 2, 0);
}

/* A path token of exactly N bytes: $.aaa... */
static void token_case(struct test_state *t, size_t n, int ok)
{
	struct sfn_buf buf, path;
	struct outcome o;

	sfn_buf_init(&buf, 1 << 20);
	sfn_buf_init(&path, 1 << 20);
	sfn_buf_adds(&path, "$.");
	while (path.len < n)
		sfn_buf_addc(&path, 'a');
	sfn_buf_adds(&buf, "stack S { machine M { pass P { result_path ");
	sfn_buf_adds(&buf, sfn_buf_str(&path));
	sfn_buf_adds(&buf, " } } }\n");
	o = compile(sfn_buf_str(&buf), buf.len);
	sfn_buf_free(&buf);
	sfn_buf_free(&path);
	CHECK_INT(o.limits, ok ? 0 : 1);
	CHECK_INT(o.syntax, 0);
}

static void token_at_limit(struct test_state *t)
{
	token_case(t, SFN_LANG_MAX_TOKEN, 1);
}

static void token_past_limit(struct test_state *t)
{
	token_case(t, SFN_LANG_MAX_TOKEN + 1, 0);
}

/* N lines with one syntax error each. */
static void errors_case(struct test_state *t, size_t n, int ok)
{
	struct sfn_buf buf;
	struct outcome o;

	sfn_buf_init(&buf, 1 << 20);
	sfn_buf_adds(&buf, "stack S { machine M {\n");
	for (size_t i = 0; i < n; i++)
		sfn_buf_adds(&buf, "pass P { comment = }\n");
	sfn_buf_adds(&buf, "} }\n");
	o = compile(sfn_buf_str(&buf), buf.len);
	sfn_buf_free(&buf);
	CHECK_INT(o.syntax, ok ? n : SFN_LANG_MAX_ERRORS);
	CHECK_INT(o.limits, ok ? 0 : 1);
}

static void errors_at_limit(struct test_state *t)
{
	errors_case(t, SFN_LANG_MAX_ERRORS, 1);
}

static void errors_past_limit(struct test_state *t)
{
	errors_case(t, SFN_LANG_MAX_ERRORS + 1, 0);
}

/* A file of N bytes: a machine, then a comment filling the rest. */
static void size_case(struct test_state *t, size_t n, int ok)
{
	const char *head = "stack S { machine M { succeed D } }\n#";
	char *text = malloc(n + 1);
	struct outcome o;

	CHECK(text != NULL);
	memset(text, 'x', n);
	memcpy(text, head, strlen(head));
	text[n] = '\0';
	o = compile(text, n);
	free(text);
	CHECK_INT(o.status, ok ? SFN_OK : SFN_ERR_LIMIT);
	CHECK_INT(o.limits, ok ? 0 : 1);
	CHECK_INT(o.machines, ok ? 1 : 0);
}

static void size_at_limit(struct test_state *t)
{
	size_case(t, SFN_LANG_MAX_BYTES, 1);
}

static void size_past_limit(struct test_state *t)
{
	size_case(t, SFN_LANG_MAX_BYTES + 1, 0);
}

/* A condition nested LEVELS deep: LEVELS - 2 nots around an or whose
 * second operand is an and (two levels). */
static void cond_case(struct test_state *t, size_t levels, int ok)
{
	struct sfn_buf buf;
	struct outcome o;

	sfn_buf_init(&buf, 1 << 20);
	sfn_buf_adds(&buf, "stack S { machine M { choice C { when");
	for (size_t i = 0; i + 2 < levels; i++)
		sfn_buf_adds(&buf, " not");
	sfn_buf_adds(&buf, " ($.a == 1 or $.b == 2 and $.c == 3)");
	sfn_buf_adds(&buf, " -> D } succeed D } }\n");
	o = compile(sfn_buf_str(&buf), buf.len);
	sfn_buf_free(&buf);
	CHECK_INT(o.status, ok ? SFN_OK : SFN_ERR_LIMIT);
	CHECK_INT(o.limits, ok ? 0 : 1);
	CHECK_INT(o.errors, ok ? 0 : 1);
}

static void cond_at_limit(struct test_state *t)
{
	cond_case(t, SFN_LANG_MAX_COND_DEPTH, 1);
}

static void cond_past_limit(struct test_state *t)
{
	cond_case(t, SFN_LANG_MAX_COND_DEPTH + 1, 0);
}

/* N comparisons joined by OP ("and" or "or"): one level, however many,
 * lowered to one And (Or) of N rules. */
static void flat_case(struct test_state *t, size_t n, const char *op,
                      const char *key)
{
	struct sfn_buf buf;
	struct sfn_diags d;
	struct sfn_lang_unit *unit = NULL;
	const cJSON *asl, *rule;

	sfn_buf_init(&buf, 1 << 22);
	sfn_buf_adds(&buf, "stack S { machine M { choice C { when $.a == 0");
	for (size_t i = 1; i < n; i++)
		sfn_buf_printf(&buf, " %s $.a == %zu", op, i);
	sfn_buf_adds(&buf, " -> D } succeed D } }\n");
	CHECK_INT(buf.status, SFN_OK);
	sfn_diags_init(&d);
	CHECK_INT(sfn_lang_compile(sfn_buf_str(&buf), buf.len, "t.sfn", &d,
	                           &unit),
	          SFN_OK);
	CHECK_INT(d.errors, 0);
	asl = unit != NULL ? sfn_lang_machine_asl(unit, 0) : NULL;
	rule = cJSON_GetArrayItem(
	        cJSON_GetObjectItem(
	                cJSON_GetObjectItem(cJSON_GetObjectItem(asl, "States"),
	                                    "C"),
	                "Choices"),
	        0);
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(rule, key)), n);
	CHECK_INT(cJSON_GetObjectItem(
	                  cJSON_GetArrayItem(cJSON_GetObjectItem(rule, key),
	                                     (int) n - 1),
	                  "NumericEquals")
	                  ->valuedouble,
	          n - 1);
	sfn_lang_free(unit);
	sfn_diags_free(&d);
	sfn_buf_free(&buf);
}

static void flat_and(struct test_state *t)
{
	flat_case(t, 10000, "and", "And");
}

static void flat_or(struct test_state *t)
{
	flat_case(t, 10000, "or", "Or");
}

/* N nots in a row fill the parser's stack before any rule reduces. */
static void stack_case(struct test_state *t, size_t nots, int ok)
{
	struct sfn_buf buf;
	struct outcome o;

	sfn_buf_init(&buf, 1 << 20);
	sfn_buf_adds(&buf, "stack S { machine M { choice C { when");
	for (size_t i = 0; i < nots; i++)
		sfn_buf_adds(&buf, " not");
	sfn_buf_adds(&buf, " $.a == 1 -> D } succeed D } }\n");
	o = compile(sfn_buf_str(&buf), buf.len);
	sfn_buf_free(&buf);
	CHECK_INT(o.status, SFN_ERR_LIMIT);
	CHECK_INT(o.limits, 1);
	(void) ok;
}

static void stack_past_limit(struct test_state *t)
{
	stack_case(t, SFN_LANG_MAX_STACK, 0);
}

/* Every machine of every stack, in order; a NUL byte is an error. */
static void machines_in_order(struct test_state *t)
{
	const char *text = "stack A { machine X { succeed D } }\n"
	                   "stack B { machine Y { succeed D }\n"
	                   "          machine Z { succeed D } }\n";
	struct sfn_diags d;
	struct sfn_lang_unit *unit = NULL;

	sfn_diags_init(&d);
	CHECK_INT(sfn_lang_compile(text, strlen(text), "t.sfn", &d, &unit),
	          SFN_OK);
	CHECK_INT(sfn_lang_machine_count(unit), 3);
	CHECK_STR(sfn_lang_machine_stack(unit, 2), "B");
	CHECK_STR(sfn_lang_machine_name(unit, 2), "Z");
	CHECK(sfn_lang_machine_asl(unit, 3) == NULL);
	sfn_lang_free(unit);
	sfn_diags_free(&d);
}

static void nul_byte(struct test_state *t)
{
	const char text[] = "stack A { machine X {\0 succeed D } }";
	struct outcome o = compile(text, sizeof(text) - 1);

	CHECK_INT(o.status, SFN_ERR_SYNTAX);
	CHECK_INT(o.syntax, 1);
}

/* Errors the ASL rules find in a definition whose "a.$" is TEXT, told
 * that TEXT is of KIND (0: told nothing). */
/* Errors of a machine of N passes, each with parameter x: EXPR. */
static size_t passes_errors(const char *expr, size_t n)
{
	struct sfn_buf b;
	struct outcome o;

	sfn_buf_init(&b, (size_t) 1 << 16);
	sfn_buf_adds(&b, "stack S { machine M {");
	for (size_t i = 0; i < n; i++)
		sfn_buf_printf(&b, " pass P%zu { parameters { x: %s } }", i,
		               expr);
	sfn_buf_adds(&b, " } }");
	o = compile(sfn_buf_str(&b), b.len);
	sfn_buf_free(&b);
	return o.status == SFN_OK ? o.errors : (size_t) -1;
}

/* The front end checks a call or path text once when it is clean; one
 * with a finding stays in its known map under a value of neither kind
 * and is reported wherever it stands. */
static void repeated_expressions(struct test_state *t)
{
	size_t one = passes_errors("States.Nope(1)", 1);

	CHECK(one > 0 && one != (size_t) -1);
	CHECK_INT((int) passes_errors("States.Nope(1)", 3), (int) (3 * one));
	one = passes_errors("States.Format('{} {}', $.a)", 1);
	CHECK(one > 0 && one != (size_t) -1);
	CHECK_INT((int) passes_errors("States.Format('{} {}', $.a)", 2),
	          (int) (2 * one));
	CHECK_INT((int) passes_errors("States.Format('{}', $.a)", 3), 0);
	CHECK_INT((int) passes_errors("$.a.b", 3), 0);
}

static size_t errors_known(const char *text, uintptr_t kind)
{
	char def[256];
	struct sfn_diags d;
	struct sfn_json_doc *doc = NULL;
	struct sfn_strmap known;
	size_t errors = (size_t) -1;

	snprintf(def, sizeof(def),
	         "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": "
	         "\"Pass\", \"Parameters\": {\"a.$\": \"%s\"}, "
	         "\"End\": true}}}",
	         text);
	sfn_diags_init(&d);
	sfn_strmap_init(&known);
	if (kind == 0 || sfn_strmap_set(&known, text, (void *) kind) == SFN_OK)
		if (sfn_json_parse(def, strlen(def), "k.asl.json", NULL, &d,
		                   &doc) == SFN_OK) {
			sfn_asl_validate_known(doc, sfn_json_root(doc), NULL,
			                       &known, &d);
			errors = d.errors;
		}
	sfn_json_doc_free(doc);
	sfn_strmap_free(&known);
	sfn_diags_free(&d);
	return errors;
}

/* A text known as what it is is not parsed again (a broken path told
 * clean goes unreported: the teller's word is taken); known as the
 * other kind, or not known, it is. */
static void known_expressions(struct test_state *t)
{
	CHECK_INT((int) errors_known("$.a[", 0), 1);
	CHECK_INT((int) errors_known("$.a[", SFN_ASL_KNOWN_PATH), 0);
	CHECK_INT((int) errors_known("$.a[", SFN_ASL_KNOWN_CALL), 1);
	CHECK_INT((int) errors_known("States.Nope(1)", 0), 1);
	CHECK_INT((int) errors_known("States.Nope(1)", SFN_ASL_KNOWN_CALL), 0);
	CHECK_INT((int) errors_known("States.Nope(1)", SFN_ASL_KNOWN_PATH), 1);
}

/* A pass state of N clauses, c0 to c(N-2) and c0 again: one duplicate
 * found, whether the block is short enough to be searched (at most
 * LANG_SHORT_BLOCK, 16, clauses) or long enough for a map. */
static void duplicate_case(struct test_state *t, size_t n)
{
	struct sfn_buf buf;
	struct sfn_diags d;
	struct sfn_lang_unit *unit = NULL;
	size_t dups = 0;

	sfn_buf_init(&buf, 1 << 20);
	sfn_buf_adds(&buf, "stack S { machine M { pass P {");
	for (size_t i = 0; i + 1 < n; i++)
		sfn_buf_printf(&buf, " c%zu 1", i);
	sfn_buf_adds(&buf, " c0 2 } } }\n");
	sfn_diags_init(&d);
	sfn_lang_compile(sfn_buf_str(&buf), buf.len, "t.sfn", &d, &unit);
	for (size_t i = 0; i < d.count; i++)
		dups += d.items[i].rule == SFN_RULE_SFN_DUPLICATE_FIELD;
	CHECK_INT((int) dups, 1);
	sfn_lang_free(unit);
	sfn_diags_free(&d);
	sfn_buf_free(&buf);
}

static void duplicate_clauses(struct test_state *t)
{
	duplicate_case(t, 2);
	duplicate_case(t, 16);
	duplicate_case(t, 17);
	duplicate_case(t, 200);
}

/* Columns count code points, also past tokens the lexer moves over
 * eight bytes at a time: a block comment over two lines and a string
 * with two-byte characters before the stray '@' at line 3, column 54. */
static void columns_after_long_tokens(struct test_state *t)
{
	static const char text[] =
	        "stack S { machine M { pass P {\n"
	        "/* \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\n"
	        " abcdefghijklmnop */ result \""
	        "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	        "\xc3\xa9\xc3\xa9\xc3\xa9-abcdefghijkl\" @ } } }\n";
	struct sfn_diags d;
	struct sfn_lang_unit *unit = NULL;

	sfn_diags_init(&d);
	(void) sfn_lang_compile(text, sizeof(text) - 1, "t.sfn", &d, &unit);
	CHECK(d.count >= 1);
	if (d.count >= 1) {
		CHECK_INT(d.items[0].loc.line, 3);
		CHECK_INT(d.items[0].loc.col, 54);
	}
	sfn_lang_free(unit);
	sfn_diags_free(&d);
}

/* Number literals as strtod reads them: integers of up to 15 digits are
 * read without it, longer ones and fractions by it, "-0" negative. */
static void number_values(struct test_state *t)
{
	static const char text[] =
	        "stack S { machine M { pass P { result [0, 7, -42, "
	        "999999999999999, 1234567890123456789, 2.5, -0, 1e3] } } }\n";
	static const double want[] = {
		0,   7, -42, 999999999999999.0, 1234567890123456789.0,
		2.5, 0, 1000
	};
	struct sfn_diags d;
	struct sfn_lang_unit *unit = NULL;
	const cJSON *list;

	sfn_diags_init(&d);
	CHECK_INT(sfn_lang_compile(text, sizeof(text) - 1, "t.sfn", &d, &unit),
	          SFN_OK);
	list = cJSON_GetObjectItem(
	        cJSON_GetObjectItem(
	                cJSON_GetObjectItem(
	                        unit != NULL ? sfn_lang_machine_asl(unit, 0)
	                                     : NULL,
	                        "States"),
	                "P"),
	        "Result");
	CHECK_INT(cJSON_GetArraySize(list), 8);
	for (int i = 0; i < cJSON_GetArraySize(list) && i < 8; i++)
		CHECK(cJSON_GetArrayItem(list, i)->valuedouble == want[i]);
	CHECK(cJSON_GetArraySize(list) == 8 &&
	      1 / cJSON_GetArrayItem(list, 6)->valuedouble < 0);
	sfn_lang_free(unit);
	sfn_diags_free(&d);
}

/* A task state of NAME whose Resource is TEXT itself (not a copy), as
 * the lowering shares one string among the tasks of an integration. */
static void shared_task(cJSON *states, const char *name, const char *text,
                        const char *next)
{
	cJSON *s = cJSON_AddObjectToObject(states, name);

	cJSON_AddStringToObject(s, "Type", "Task");
	cJSON_AddItemToObject(s, "Resource", cJSON_CreateStringReference(text));
	if (next != NULL)
		cJSON_AddStringToObject(s, "Next", next);
	else
		cJSON_AddTrueToObject(s, "End");
}

/* The checker keeps the last Resource parsed by its text's address:
 * two tasks sharing one unknown pattern are both reported, a third with
 * another text is parsed again and not. */
static void shared_resources(struct test_state *t)
{
	static const char bad[] = "arn:aws:states:::lambda:invoke.bogus";
	static const char good[] = "arn:aws:states:::lambda:invoke";
	cJSON *def = cJSON_CreateObject();
	cJSON *states = cJSON_AddObjectToObject(def, "States");
	struct sfn_json_doc *doc;
	struct sfn_diags d;
	size_t unknown = 0;

	cJSON_AddStringToObject(def, "StartAt", "A");
	shared_task(states, "A", bad, "B");
	shared_task(states, "B", bad, "C");
	shared_task(states, "C", good, NULL);
	doc = sfn_json_doc_wrap_take(def, "r.asl.json");
	CHECK(doc != NULL);
	sfn_diags_init(&d);
	if (doc != NULL)
		sfn_asl_validate(doc, sfn_json_root(doc), NULL, &d);
	for (size_t i = 0; i < d.count; i++)
		if (d.items[i].rule == SFN_RULE_ASL_RESOURCE_UNKNOWN) {
			CHECK(strncmp(d.items[i].pointer, "/States/C", 9) != 0);
			unknown++;
		}
	CHECK_INT(unknown, 2);
	sfn_diags_free(&d);
	sfn_json_doc_free(doc);
}

const struct test sfn_tests_lang[] = {
	{ "known-expressions", known_expressions },
	{ "repeated-expressions", repeated_expressions },
	{ "depth-at-limit", depth_at_limit },
	{ "depth-past-limit", depth_past_limit },
	{ "token-at-limit", token_at_limit },
	{ "token-past-limit", token_past_limit },
	{ "errors-at-limit", errors_at_limit },
	{ "errors-past-limit", errors_past_limit },
	{ "size-at-limit", size_at_limit },
	{ "size-past-limit", size_past_limit },
	{ "cond-at-limit", cond_at_limit },
	{ "cond-past-limit", cond_past_limit },
	{ "cond-flat-and", flat_and },
	{ "cond-flat-or", flat_or },
	{ "stack-past-limit", stack_past_limit },
	{ "machines-in-order", machines_in_order },
	{ "nul-byte", nul_byte },
	{ "duplicate-clauses", duplicate_clauses },
	{ "columns-after-long-tokens", columns_after_long_tokens },
	{ "number-values", number_values },
	{ "shared-resources", shared_resources },
	{ NULL, NULL },
};
