/* Checks of payloads: templates ("key.$" members and what they hold),
 * a Pass state's Result, JSONata strings and the fields that hold them
 * (Output, Arguments), and Assign. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "asl/asl_int.h"
#include "asl/jsonata.h"
#include "sfn/intrinsic.h"
#include "sfn/jsonata.h"
#include "sfn/utf8.h"

static int looks_dynamic(const char *s)
{
	if (s == NULL)
		return 0;
	if (s[0] == '$') /* "$.", "$$." or "$[" */
		return s[1] == '.' || s[1] == '[' ||
		       (s[1] == '$' && s[2] == '.');
	return s[0] == 'S' && sfn_intrinsic_is_call(s);
}

/* Whether KEY ends in ".$"; asked of every member of every template. */
static int ends_dollar(const char *key)
{
	size_t n = strlen(key);

	return n >= 2 && key[n - 2] == '.' && key[n - 1] == '$';
}

static void walk_template(struct asl *a, const cJSON *v);

/* The length of KEY without its ".$". */
static size_t stripped(const char *key)
{
	size_t n = strlen(key);

	return ends_dollar(key) ? n - 2 : n;
}

/* Templates with fewer members than this are compared pair by pair: a
 * map for every template cost more than the checks of its values. */
#define SMALL_TEMPLATE 16

static void report_twice(struct asl *a, const cJSON *plain, const cJSON *dollar)
{
	Sfn_asl_report(a, SFN_RULE_ASL_PAYLOAD_DUPLICATE, dollar, 1, NULL,
	               "'%s' and '%s' both give the field '%.*s'",
	               plain->string, dollar->string,
	               (int) stripped(dollar->string), dollar->string);
}

/* The first member of OBJ without ".$" named NAME[0, N), or NULL. */
static const cJSON *plain_named(const cJSON *obj, const char *name, size_t n)
{
	if (n >= 2 && name[n - 2] == '.' && name[n - 1] == '$')
		return NULL; /* "x.$.$": a member "x.$" is no plain one */
	for (const cJSON *o = obj->child; o != NULL; o = o->next)
		if (strncmp(o->string, name, n) == 0 && o->string[n] == '\0')
			return o;
	return NULL;
}

/* The same, for a template of any size: one pass over the plain names
 * into a map, one over the "key.$" names; linear in the members. */
static void renamed_twice_by_map(struct asl *a, const cJSON *obj)
{
	struct sfn_strmap plain;
	const cJSON *m;

	sfn_strmap_init(&plain);
	for (m = obj->child; m != NULL; m = m->next)
		if (!ends_dollar(m->string) &&
		    sfn_strmap_put(&plain, m->string, (void *) m, NULL) !=
		            SFN_OK)
			a->diags->status = SFN_ERR_NOMEM;
	for (m = obj->child; m != NULL; m = m->next) {
		const cJSON *o;
		char *name;

		if (!ends_dollar(m->string))
			continue;
		name = sfn_arena_strndup(&a->refs, m->string,
		                         stripped(m->string));
		if (name == NULL) {
			a->diags->status = SFN_ERR_NOMEM;
			break;
		}
		o = sfn_strmap_get(&plain, name);
		if (o != NULL)
			report_twice(a, o, m);
	}
	sfn_strmap_free(&plain);
}

/* "a" and "a.$" in one template name the same output field; the States
 * Language forbids it (the service's verdict is not known: a warning).
 * Reported at "a.$", whichever comes first. */
static void check_renamed_twice(struct asl *a, const cJSON *obj)
{
	const cJSON *m, *o;
	size_t n = 0;

	for (m = obj->child; m != NULL && !ends_dollar(m->string); m = m->next)
		;
	if (m == NULL)
		return; /* no "key.$" member: nothing to compare */
	for (const cJSON *c = obj->child; c != NULL && n < SMALL_TEMPLATE;
	     c = c->next)
		n++;
	if (n >= SMALL_TEMPLATE) {
		renamed_twice_by_map(a, obj);
		return;
	}
	for (; m != NULL; m = m->next) {
		if (!ends_dollar(m->string))
			continue;
		o = plain_named(obj, m->string, stripped(m->string));
		if (o != NULL)
			report_twice(a, o, m);
	}
}

static void template_member(struct asl *a, const cJSON *m)
{
	size_t len = Sfn_asl_push(a, m->string);

	if (ends_dollar(m->string)) {
		Sfn_asl_pop(a, len);
		Sfn_asl_check_dynamic(a, m, m->string);
		return;
	}
	if (cJSON_IsString(m) && looks_dynamic(m->valuestring))
		Sfn_asl_report(
		        a, SFN_RULE_ASL_NO_DOLLAR, m, 0, NULL,
		        "'%s' holds a path or intrinsic call but its name has "
		        "no \".$\": the value stays a plain string (write "
		        "'%s.$')",
		        m->string, m->string);
	walk_template(a, m);
	Sfn_asl_pop(a, len);
}

/* Objects at any depth, inside arrays too, may hold "key.$" fields. One
 * level of recursion per level of the document, which the reader keeps
 * within SFN_JSON_MAX_DEPTH. */
static void walk_template(struct asl *a, const cJSON *v)
{
	size_t i = 0, len;

	if (cJSON_IsObject(v)) {
		for (const cJSON *m = v->child; m != NULL; m = m->next)
			template_member(a, m);
		check_renamed_twice(a, v);
		return;
	}
	if (!cJSON_IsArray(v))
		return;
	for (const cJSON *e = v->child; e != NULL; e = e->next, i++) {
		len = Sfn_asl_push_index(a, i);
		walk_template(a, e);
		Sfn_asl_pop(a, len);
	}
}

void Sfn_asl_check_template(struct asl *a, const cJSON *v, const char *field)
{
	size_t len;

	/* The States Language takes any JSON here; objects and arrays may
	 * hold "key.$" fields at any depth. */
	if (Sfn_asl_is_placeholder(a, v) ||
	    (!cJSON_IsObject(v) && !cJSON_IsArray(v)))
		return;
	len = Sfn_asl_push(a, field);
	walk_template(a, v);
	Sfn_asl_pop(a, len);
}

void Sfn_asl_check_pass_result(struct asl *a, const cJSON *v)
{
	if (!cJSON_IsObject(v))
		return;
	for (const cJSON *m = v->child; m != NULL; m = m->next) {
		if (ends_dollar(m->string) && cJSON_IsString(m) &&
		    looks_dynamic(m->valuestring))
			Sfn_asl_report(
			        a, SFN_RULE_ASL_PASS_RESULT_STATIC, m, 1,
			        "Result",
			        "Result is static: '%s' stays as "
			        "written and its path is never evaluated (use "
			        "Parameters)",
			        m->string);
		else
			Sfn_asl_check_pass_result(a, m);
	}
}

/* ---- JSONata strings ------------------------------------------------------
 */

/* Moves the finding just reported at the string V to byte AT of the
 * expression in it (the text after "{%"), in the file's own bytes. */
static void point_at(struct asl *a, const cJSON *v, size_t first, size_t at)
{
	if (a->diags->count > first)
		a->diags->items[first].loc =
		        sfn_json_string_loc(a->doc, v, at + 2);
}

/* What Step Functions refuses in an expression that parses: $eval,
 * $$, $states.errorOutput outside a catcher, the input at the top
 * level. */
static void check_dialect(struct asl *a, const cJSON *v, const char *field,
                          const char *expr, const struct sfn_jsonata *e)
{
	struct sfn_jsonata_facts facts;
	size_t first = a->diags->count, at;

	if (sfn_jsonata_find_call(e, "eval", &at)) {
		Sfn_asl_report(a, SFN_RULE_ASL_JSONATA_UNSUPPORTED, v, 0, field,
		               "Function '$eval' is not supported: use $parse");
		point_at(a, v, first, at);
		return;
	}
	Sfn_asl_jsonata_facts(expr, &facts);
	if (facts.top_name[0] != '\0') {
		Sfn_asl_report(a, SFN_RULE_ASL_JSONATA_UNSUPPORTED, v, 0, field,
		               "Reference to '%s' at the top level is not "
		               "supported: the input is $states.input",
		               facts.top_name);
		point_at(a, v, first, facts.top_at);
	} else if (facts.context) {
		Sfn_asl_report(a, SFN_RULE_ASL_JSONATA_UNSUPPORTED, v, 0, field,
		               "Reference to '$$' is not supported: use "
		               "$states.context");
		point_at(a, v, first, facts.context_at);
	} else if (!a->in_catch && facts.error_output) {
		Sfn_asl_report(
		        a, SFN_RULE_ASL_JSONATA_UNSUPPORTED, v, 0, field,
		        "Field '$states.errorOutput' does not exist: it is "
		        "only in a Catch's Output and Assign");
		point_at(a, v, first, facts.error_output_at);
	}
}

/* A "{% %}" string: parsed by the JSONata engine, whose limits
 * (SFN_JSONATA_MAX_LENGTH, SFN_JSONATA_MAX_NESTING) bound the cost; a
 * syntax error is reported at its token. */
void Sfn_asl_check_jsonata(struct asl *a, const cJSON *v, const char *field)
{
	const char *s = cJSON_GetStringValue(v);
	struct sfn_jsonata_error err;
	struct sfn_jsonata *e = NULL;
	size_t first = a->diags->count;
	enum sfn_status st;
	char *expr;

	if (s == NULL || !Sfn_asl_is_jsonata(v))
		return;
	expr = strndup(s + 2, strlen(s) - 4);
	if (expr == NULL) {
		a->diags->status = SFN_ERR_NOMEM;
		return;
	}
	st = sfn_jsonata_parse(expr, strlen(s) - 4, &e, &err);
	if (st == SFN_OK) {
		check_dialect(a, v, field, expr, e);
	} else if (st == SFN_ERR_NOMEM) {
		a->diags->status = SFN_ERR_NOMEM;
	} else {
		Sfn_asl_report(a, SFN_RULE_ASL_JSONATA_SYNTAX, v, 0, field,
		               "the JSONata expression does not parse: %s (%s)",
		               err.message, err.code);
		point_at(a, v, first, err.position);
	}
	sfn_jsonata_free(e);
	free(expr);
}

/* JSONata strings nested anywhere in V (Arguments, Output, ...). */
static void walk_jsonata(struct asl *a, const cJSON *v, const char *field)
{
	size_t i = 0, len;

	if (cJSON_IsString(v)) {
		Sfn_asl_check_jsonata(a, v, field);
		return;
	}
	for (const cJSON *c = v->child; c != NULL; c = c->next, i++) {
		len = cJSON_IsObject(v) ? Sfn_asl_push(a, c->string)
		                        : Sfn_asl_push_index(a, i);
		walk_jsonata(a, c, NULL);
		Sfn_asl_pop(a, len);
	}
}

void Sfn_asl_check_output(struct asl *a, const cJSON *v, const char *field)
{
	size_t len = Sfn_asl_push(a, field);

	walk_jsonata(a, v, NULL);
	Sfn_asl_pop(a, len);
}

/* ---- Assign ----------------------------------------------------------------
 */

/* A variable name: an identifier (letters, digits and '_', not starting
 * with a digit), at most 80 characters, and not the reserved "states". */
static const char *bad_variable(const char *name, size_t n)
{
	if (n == 0)
		return "is empty";
	if (n == 6 && strncmp(name, "states", 6) == 0)
		return "is reserved";
	if (name[0] >= '0' && name[0] <= '9')
		return "starts with a digit";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char) name[i];

		if (c < 0x80 && !(c == '_' || (c >= '0' && c <= '9') ||
		                  ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
			return "holds a character that is not a letter, digit "
			       "or '_'";
	}
	return sfn_utf8_count(name, n) > 80 ? "is longer than 80 characters"
	                                    : NULL;
}

void Sfn_asl_check_assign(struct asl *a, const cJSON *v, const char *field)
{
	size_t len;

	if (!cJSON_IsObject(v)) {
		Sfn_asl_report(a, SFN_RULE_ASL_FIELD_TYPE, v, 0, field,
		               "'%s' must be an object: Expected value of type "
		               "[OBJECT]",
		               field);
		return;
	}
	len = Sfn_asl_push(a, field);
	for (const cJSON *m = v->child; m != NULL; m = m->next) {
		size_t n = strlen(m->string);
		int dynamic = !a->jsonata && ends_dollar(m->string);
		const char *why = bad_variable(m->string, dynamic ? n - 2 : n);

		if (why != NULL)
			Sfn_asl_report(a, SFN_RULE_ASL_VARIABLE, m, 1, NULL,
			               "variable name '%.*s' %s",
			               (int) (dynamic ? n - 2 : n), m->string,
			               why);
		if (dynamic)
			Sfn_asl_check_dynamic(a, m, m->string);
		else if (a->jsonata)
			walk_jsonata(a, m, m->string);
	}
	Sfn_asl_pop(a, len);
}
