/* Checks of field values: numbers and their ranges, strings and enums,
 * paths through the shared path engine, payload templates and intrinsic
 * functions through the shared intrinsic engine, Assign, Task resources
 * (through the resource parser), and JSONata strings. */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asl/asl_int.h"
#include "asl/jsonata.h"
#include "sfn/intrinsic.h"
#include "sfn/path.h"
#include "sfn/resource.h"
#include "sfn/utf8.h"

static const char *type_name(const cJSON *v)
{
	switch (v->type & 0xff) {
	case cJSON_String:
		return "STRING";
	case cJSON_Number:
		return "NUMBER";
	case cJSON_True:
	case cJSON_False:
		return "BOOLEAN";
	case cJSON_NULL:
		return "NULL";
	case cJSON_Array:
		return "ARRAY";
	default:
		return "OBJECT";
	}
}

int asl_is_placeholder(const struct asl *a, const cJSON *v)
{
	const char *s = cJSON_GetStringValue(v);

	(void) a; /* definitions meant for substitution live outside
	             templates too (SAM DefinitionUri, CDK assets) */
	for (; s != NULL && (s = strchr(s, '$')) != NULL; s++)
		if (s[1] == '{')
			return 1;
	if (cJSON_IsString(v))
		return 0;
	return cJSON_IsObject(v) && v->child != NULL &&
	       v->child->next == NULL &&
	       (strcmp(v->child->string, "Ref") == 0 ||
	        strncmp(v->child->string, "Fn::", 4) == 0);
}

int asl_is_jsonata(const cJSON *v)
{
	const char *s = cJSON_GetStringValue(v);
	size_t n = s ? strlen(s) : 0;

	return n >= 4 && strncmp(s, "{%", 2) == 0 &&
	       strcmp(s + n - 2, "%}") == 0;
}

void asl_check_string(struct asl *a, const cJSON *v, const char *field)
{
	if (!cJSON_IsString(v) && !asl_is_placeholder(a, v))
		asl_report(a, SFN_RULE_ASL_FIELD_TYPE, v, 0, field,
		           "'%s' must be a string, found %s: Expected value of "
		           "type [STRING]",
		           field, type_name(v));
}

void asl_check_enum(struct asl *a, const cJSON *v, const char *field,
                    const char *const *values)
{
	const char *s = cJSON_GetStringValue(v), *best;
	char list[200] = "";

	if (asl_is_placeholder(a, v))
		return;
	for (size_t i = 0; values[i] != NULL; i++) {
		if (s != NULL && strcmp(s, values[i]) == 0)
			return;
		strncat(list, i ? ", " : "", sizeof(list) - strlen(list) - 1);
		strncat(list, values[i], sizeof(list) - strlen(list) - 1);
	}
	/* one allowed value: the list says it all */
	best = s != NULL && values[1] != NULL ? asl_closest(s, values) : NULL;
	asl_report(a, SFN_RULE_ASL_FIELD_VALUE, v, 0, field,
	           "'%s' must be one of [%s]: Value should be one of the "
	           "following: [%s]%s%s%s",
	           field, list, list, ASL_HINT(best));
}

void asl_check_number(struct asl *a, const cJSON *v, const char *field,
                      int integer, double min, double max)
{
	double d;

	if (asl_is_placeholder(a, v))
		return;
	if (a->jsonata && asl_is_jsonata(v)) {
		asl_check_jsonata(a, v, field);
		return;
	}
	if (cJSON_IsString(v) && v->valuestring[0] == '$')
		asl_report(a, SFN_RULE_ASL_NO_PATH, v, 0, field,
		           "'%s' holds a path, but only fields whose name ends "
		           "in \"Path\" take one (write '%sPath')",
		           field, field);
	if (!cJSON_IsNumber(v)) {
		asl_report(a, SFN_RULE_ASL_FIELD_TYPE, v, 0, field,
		           "'%s' must be %s, found %s: Expected value of type "
		           "%s",
		           field, integer ? "an integer" : "a number",
		           type_name(v), integer ? "Integer" : "Number");
		return;
	}
	d = v->valuedouble;
	if (integer && d != floor(d))
		asl_report(a, SFN_RULE_ASL_FIELD_TYPE, v, 0, field,
		           "'%s' must be an integer: Expected value of type "
		           "Integer",
		           field);
	else if (d < min)
		asl_report(a, SFN_RULE_ASL_FIELD_VALUE, v, 0, field,
		           "'%s' is below its minimum: Minimum value is %.17g",
		           field, min);
	else if (d > max)
		asl_report(a, SFN_RULE_ASL_FIELD_VALUE, v, 0, field,
		           "'%s' is above its maximum: Maximum value is %.17g",
		           field, max);
}

/* ---- paths --------------------------------------------------------------- */

/* Expressions already found good: machines repeat the same paths and
 * calls ("$.Payload", "$") in many states, and parsing them once is
 * enough. Keys are the definition's own strings, alive while it is
 * checked. */
enum { GOOD_PATH = 1, GOOD_REFERENCE = 2, GOOD_INTRINSIC = 4 };

static int known_good(const struct asl *a, const char *text, uintptr_t kind)
{
	return ((uintptr_t) sfn_strmap_get(&a->good, text) & kind) != 0;
}

static void remember_good(struct asl *a, const char *text, uintptr_t kind)
{
	uintptr_t had = (uintptr_t) sfn_strmap_get(&a->good, text);

	if (sfn_strmap_set(&a->good, text, (void *) (had | kind)) != SFN_OK)
		a->diags->status = SFN_ERR_NOMEM;
}

/* Moves the diagnostics added since FIRST, which the path and intrinsic
 * engines located within the text of the string V (line 1, columns from
 * 1), to where V stands in the file, under the current location plus
 * FIELD. Locations are looked up only when there is something to say. */
static void locate_new(struct asl *a, const cJSON *v, size_t first,
                       const char *field)
{
	struct sfn_loc at;
	size_t depth = a->depth;
	const char *where, *pointer;

	if (first == a->diags->count)
		return;
	at = asl_loc(a, v, 0);
	if (field != NULL)
		asl_push(a, field);
	where = asl_where(a);
	pointer = asl_pointer(a);
	for (size_t i = first; i < a->diags->count; i++) {
		struct sfn_diag *d = &a->diags->items[i];

		if (at.line > 0 && at.line == at.end_line) {
			/* one past the opening quote */
			d->loc.col += at.col;
			d->loc.end_col += at.col;
			d->loc.line = d->loc.end_line = at.line;
			d->loc.file = at.file;
		} else {
			d->loc = at; /* no columns inside a multi-line scalar */
		}
		d->pointer = sfn_arena_strdup(&a->diags->strings, pointer);
		d->where = sfn_arena_strdup(&a->diags->strings, where);
	}
	asl_pop(a, depth);
}

/* TEXT parsed, into the model's store when there is one (which keeps
 * it), else for the caller to free. */
static enum sfn_status parse_path(struct asl *a, const char *text,
                                  const struct sfn_path **p)
{
	struct sfn_path *own = NULL;
	enum sfn_status st;

	if (a->store != NULL)
		return sfn_exec_store_path(a->store, text, a->diags, p);
	st = sfn_path_parse(text, SFN_PATH_AWS, NULL, a->diags, &own);
	*p = own;
	return st;
}

void asl_check_path(struct asl *a, const cJSON *v, const char *field,
                    int reference, int allow_null)
{
	const struct sfn_path *p = NULL;
	size_t first = a->diags->count;

	if (asl_is_placeholder(a, v) || (allow_null && cJSON_IsNull(v)))
		return;
	if (!cJSON_IsString(v)) {
		asl_check_string(a, v, field);
		return;
	}
	if (known_good(a, v->valuestring,
	               reference ? GOOD_REFERENCE : GOOD_PATH))
		return;
	if (parse_path(a, v->valuestring, &p) == SFN_OK && reference)
		sfn_path_check_reference(p, NULL, a->diags);
	if (a->store == NULL)
		sfn_path_free((struct sfn_path *) p);
	if (first == a->diags->count)
		remember_good(a, v->valuestring,
		              reference ? GOOD_REFERENCE | GOOD_PATH
		                        : GOOD_PATH);
	locate_new(a, v, first, field);
}

void asl_check_result_path(struct asl *a, const cJSON *v, const char *field)
{
	const char *s = cJSON_GetStringValue(v);

	asl_check_path(a, v, field, 1, 1);
	if (s == NULL || asl_is_placeholder(a, v))
		return;
	if (strncmp(s, "$$", 2) == 0)
		asl_report(a, SFN_RULE_PATH_NOT_REFERENCE, v, 0, field,
		           "'%s' cannot write into the context object: it must "
		           "not begin with \"$$\"",
		           field);
	else if (s[0] == '$' && s[1] != '\0' && s[1] != '.' && s[1] != '[')
		asl_report(a, SFN_RULE_PATH_NOT_REFERENCE, v, 0, field,
		           "'%s' cannot write into a variable: use Assign to "
		           "set variables",
		           field);
}

/* ---- intrinsic functions and payload templates -------------------------- */

static void check_intrinsic(struct asl *a, const cJSON *v, const char *field)
{
	struct sfn_intrinsic *call = NULL;
	const struct sfn_intrinsic *kept = NULL;
	size_t first = a->diags->count;

	if (known_good(a, v->valuestring, GOOD_INTRINSIC))
		return;
	if (a->store != NULL) {
		if (sfn_exec_store_call(a->store, v->valuestring, a->diags,
		                        &kept) == SFN_OK)
			sfn_intrinsic_check(kept, NULL, a->diags);
	} else if (sfn_intrinsic_parse(v->valuestring, NULL, a->diags, &call) ==
	           SFN_OK) {
		sfn_intrinsic_check(call, NULL, a->diags);
	}
	sfn_intrinsic_free(call);
	if (first == a->diags->count)
		remember_good(a, v->valuestring, GOOD_INTRINSIC);
	locate_new(a, v, first, field);
}

/* NAME( with a name of letters, digits and dots: a call of some
 * function, maybe a misspelled intrinsic ("states.format(...)"). */
static int looks_like_call(const char *s)
{
	size_t n = 0;

	if (!isalpha((unsigned char) s[0]))
		return 0;
	while (isalnum((unsigned char) s[n]) || s[n] == '.')
		n++;
	return s[n] == '(';
}

/* The value of a "key.$" field: a path or an intrinsic function call. */
void asl_check_dynamic(struct asl *a, const cJSON *v, const char *field)
{
	const char *s = cJSON_GetStringValue(v);

	if (asl_is_placeholder(a, v))
		return;
	if (s != NULL && s[0] == '$')
		asl_check_path(a, v, field, 0, 0);
	else if (s != NULL && (sfn_intrinsic_is_call(s) || looks_like_call(s)))
		check_intrinsic(a, v, field);
	else
		asl_report(
		        a, SFN_RULE_ASL_PAYLOAD, v, 0, field,
		        "The value for the field '%s' must be a valid JSONPath "
		        "or a valid intrinsic function call",
		        field);
}

static int looks_dynamic(const char *s)
{
	return s != NULL &&
	       (strncmp(s, "$.", 2) == 0 || strncmp(s, "$$.", 3) == 0 ||
	        strncmp(s, "$[", 2) == 0 || sfn_intrinsic_is_call(s));
}

static int ends_dollar(const char *key)
{
	size_t n = strlen(key);

	return n >= 2 && strcmp(key + n - 2, ".$") == 0;
}

static void walk_template(struct asl *a, const cJSON *v);

/* The length of KEY without its ".$". */
static size_t stripped(const char *key)
{
	size_t n = strlen(key);

	return ends_dollar(key) ? n - 2 : n;
}

/* "a" and "a.$" in one template name the same output field; the States
 * Language forbids it (the service's verdict is not known: a warning).
 * Reported at "a.$", whichever comes first. */
static void check_renamed_twice(struct asl *a, const cJSON *obj, const cJSON *m)
{
	size_t n = stripped(m->string);

	for (const cJSON *o = obj->child; o != m; o = o->next)
		if (stripped(o->string) == n &&
		    strncmp(o->string, m->string, n) == 0 &&
		    strcmp(o->string, m->string) != 0) {
			const cJSON *dollar = ends_dollar(m->string) ? m : o;
			const cJSON *plain = dollar == m ? o : m;

			asl_report(a, SFN_RULE_ASL_PAYLOAD_DUPLICATE, dollar, 1,
			           NULL,
			           "'%s' and '%s' both give the field '%.*s'",
			           plain->string, dollar->string, (int) n,
			           m->string);
			return;
		}
}

static void template_member(struct asl *a, const cJSON *m)
{
	size_t len = asl_push(a, m->string);

	if (ends_dollar(m->string)) {
		asl_pop(a, len);
		asl_check_dynamic(a, m, m->string);
		return;
	}
	if (cJSON_IsString(m) && looks_dynamic(m->valuestring))
		asl_report(
		        a, SFN_RULE_ASL_NO_DOLLAR, m, 0, NULL,
		        "'%s' holds a path or intrinsic call but its name has "
		        "no \".$\": the value stays a plain string (write "
		        "'%s.$')",
		        m->string, m->string);
	walk_template(a, m);
	asl_pop(a, len);
}

/* Objects at any depth, inside arrays too, may hold "key.$" fields. One
 * level of recursion per level of the document, which the reader keeps
 * within SFN_JSON_MAX_DEPTH. */
static void walk_template(struct asl *a, const cJSON *v)
{
	size_t i = 0, len;

	if (cJSON_IsObject(v)) {
		for (const cJSON *m = v->child; m != NULL; m = m->next) {
			template_member(a, m);
			check_renamed_twice(a, v, m);
		}
		return;
	}
	if (!cJSON_IsArray(v))
		return;
	for (const cJSON *e = v->child; e != NULL; e = e->next, i++) {
		len = asl_push_index(a, i);
		walk_template(a, e);
		asl_pop(a, len);
	}
}

void asl_check_template(struct asl *a, const cJSON *v, const char *field)
{
	size_t len;

	/* The States Language takes any JSON here; objects and arrays may
	 * hold "key.$" fields at any depth. */
	if (asl_is_placeholder(a, v) ||
	    (!cJSON_IsObject(v) && !cJSON_IsArray(v)))
		return;
	len = asl_push(a, field);
	walk_template(a, v);
	asl_pop(a, len);
}

void asl_check_pass_result(struct asl *a, const cJSON *v)
{
	if (!cJSON_IsObject(v))
		return;
	for (const cJSON *m = v->child; m != NULL; m = m->next) {
		if (ends_dollar(m->string) && cJSON_IsString(m) &&
		    looks_dynamic(m->valuestring))
			asl_report(
			        a, SFN_RULE_ASL_PASS_RESULT_STATIC, m, 1,
			        "Result",
			        "Result is static: '%s' stays as "
			        "written and its path is never evaluated (use "
			        "Parameters)",
			        m->string);
		else
			asl_check_pass_result(a, m);
	}
}

/* ---- JSONata strings ------------------------------------------------------
 */

void asl_check_jsonata(struct asl *a, const cJSON *v, const char *field)
{
	const char *s = cJSON_GetStringValue(v);
	size_t n, at;
	const char *why;
	struct sfn_jsonata_facts facts;
	char *expr;

	if (s == NULL || !asl_is_jsonata(v))
		return;
	n = strlen(s);
	expr = strndup(s + 2, n - 4);
	if (expr == NULL)
		return;
	if (!sfn_asl_jsonata_check(expr, &facts, &at, &why))
		asl_report(a, SFN_RULE_ASL_JSONATA_SYNTAX, v, 0, field,
		           "the JSONata expression does not parse: %s (at "
		           "character %zu of it)",
		           why, at + 1);
	else if (facts.top_name[0] != '\0')
		asl_report(a, SFN_RULE_ASL_JSONATA_UNSUPPORTED, v, 0, field,
		           "Reference to '%s' at the top level is not "
		           "supported: the input is $states.input",
		           facts.top_name);
	else if (facts.context)
		asl_report(a, SFN_RULE_ASL_JSONATA_UNSUPPORTED, v, 0, field,
		           "Reference to '$$' is not supported: use "
		           "$states.context");
	else if (!a->in_catch && facts.error_output)
		asl_report(a, SFN_RULE_ASL_JSONATA_UNSUPPORTED, v, 0, field,
		           "Field '$states.errorOutput' does not exist: it is "
		           "only in a Catch's Output and Assign");
	free(expr);
}

/* JSONata strings nested anywhere in V (Arguments, Output, ...). */
static void walk_jsonata(struct asl *a, const cJSON *v, const char *field)
{
	size_t i = 0, len;

	if (cJSON_IsString(v)) {
		asl_check_jsonata(a, v, field);
		return;
	}
	for (const cJSON *c = v->child; c != NULL; c = c->next, i++) {
		len = cJSON_IsObject(v) ? asl_push(a, c->string)
		                        : asl_push_index(a, i);
		walk_jsonata(a, c, NULL);
		asl_pop(a, len);
	}
}

void asl_check_output(struct asl *a, const cJSON *v, const char *field)
{
	size_t len = asl_push(a, field);

	walk_jsonata(a, v, NULL);
	asl_pop(a, len);
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

void asl_check_assign(struct asl *a, const cJSON *v, const char *field)
{
	size_t len;

	if (!cJSON_IsObject(v)) {
		asl_report(a, SFN_RULE_ASL_FIELD_TYPE, v, 0, field,
		           "'%s' must be an object: Expected value of type "
		           "[OBJECT]",
		           field);
		return;
	}
	len = asl_push(a, field);
	for (const cJSON *m = v->child; m != NULL; m = m->next) {
		size_t n = strlen(m->string);
		int dynamic = !a->jsonata && ends_dollar(m->string);
		const char *why = bad_variable(m->string, dynamic ? n - 2 : n);

		if (why != NULL)
			asl_report(a, SFN_RULE_ASL_VARIABLE, m, 1, NULL,
			           "variable name '%.*s' %s",
			           (int) (dynamic ? n - 2 : n), m->string, why);
		if (dynamic)
			asl_check_dynamic(a, m, m->string);
		else if (a->jsonata)
			walk_jsonata(a, m, m->string);
	}
	asl_pop(a, len);
}

/* ---- Task resources ---------------------------------------------------------
 */

/* Lambda functions, activities and arn:PARTITION:states::: integrations
 * are what the service runs; other ARNs and URIs it may not know. */
void asl_check_resource(struct asl *a, const cJSON *v)
{
	const char *s = cJSON_GetStringValue(v);
	struct sfn_resource r;

	if (asl_is_placeholder(a, v))
		return;
	if (s == NULL) {
		asl_check_string(a, v, "Resource");
		return;
	}
	switch (sfn_resource_parse(s, &r)) {
	case SFN_RESOURCE_NOT_URI:
		asl_report(a, SFN_RULE_ASL_RESOURCE, v, 0, "Resource",
		           "Resource '%s' is not a URI: Value is not a valid "
		           "resource ARN",
		           s);
		return;
	case SFN_RESOURCE_URI:
		asl_report(a, SFN_RULE_ASL_RESOURCE_UNKNOWN, v, 0, "Resource",
		           "Resource '%s' is a URI but not an ARN: the States "
		           "Language allows it, the service accepts only ARNs",
		           s);
		return;
	case SFN_RESOURCE_INTEGRATION:
		if (r.pattern == SFN_PATTERN_UNKNOWN)
			asl_report(a, SFN_RULE_ASL_RESOURCE_UNKNOWN, v, 0,
			           "Resource",
			           "Resource '%s' ends in '%.*s', which is no "
			           "integration pattern (.sync, .sync:2, "
			           ".waitForTaskToken)",
			           s, (int) r.pattern_text.len,
			           r.pattern_text.ptr);
		return;
	case SFN_RESOURCE_LAMBDA:
	case SFN_RESOURCE_ACTIVITY:
		return;
	default:
		break;
	}
	asl_report(a, SFN_RULE_ASL_RESOURCE_UNKNOWN, v, 0, "Resource",
	           "Resource '%s' is neither a Lambda function, an activity "
	           "nor an arn:aws:states::: integration; the service may "
	           "not recognize it",
	           s);
}
