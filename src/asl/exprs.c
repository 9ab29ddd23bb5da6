/* Checks of expressions: paths through the shared path engine and
 * intrinsic function calls through the shared intrinsic engine, each
 * distinct text parsed once per machine (into the model's store when
 * one is being built). */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "asl/asl_int.h"
#include "json/each.h"
#include "sfn/intrinsic.h"

/* ---- paths --------------------------------------------------------------- */

/* Expressions already found good: machines repeat the same paths and
 * calls ("$.Payload", "$") in many states, and parsing them once is
 * enough. Keys are the definition's own strings, alive while it is
 * checked, or copies of those of a state read a member at a time, which
 * go with it (Sfn_json_doc_keep_string). */
enum { GOOD_PATH = 1, GOOD_REFERENCE = 2, GOOD_INTRINSIC = 4 };

static int known_good(const struct asl *a, const char *text, uintptr_t kind)
{
	uintptr_t front = a->known != NULL
	                          ? (uintptr_t) sfn_strmap_get(a->known, text)
	                          : 0;

	if (((front & SFN_ASL_KNOWN_PATH) && kind == GOOD_PATH) ||
	    ((front & SFN_ASL_KNOWN_CALL) && kind == GOOD_INTRINSIC))
		return 1;
	return ((uintptr_t) sfn_strmap_get(&a->good, text) & kind) != 0;
}

static void remember_good(struct asl *a, const char *text, uintptr_t kind)
{
	uintptr_t had = (uintptr_t) sfn_strmap_get(&a->good, text);

	if (had == 0 && a->doc != NULL)
		text = Sfn_json_doc_keep_string(a->doc, text);
	if (text == NULL ||
	    sfn_strmap_set(&a->good, text, (void *) (had | kind)) != SFN_OK)
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
	at = Sfn_asl_loc(a, v, 0);
	if (field != NULL)
		Sfn_asl_push(a, field);
	where = Sfn_asl_where(a);
	pointer = Sfn_asl_pointer(a);
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
	Sfn_asl_pop(a, depth);
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

void Sfn_asl_check_path(struct asl *a, const cJSON *v, const char *field,
                        int reference, int allow_null)
{
	const struct sfn_path *p = NULL;
	size_t first = a->diags->count;

	if (Sfn_asl_is_placeholder(a, v) || (allow_null && cJSON_IsNull(v)))
		return;
	if (!cJSON_IsString(v)) {
		Sfn_asl_check_string(a, v, field);
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

void Sfn_asl_check_result_path(struct asl *a, const cJSON *v, const char *field)
{
	const char *s = cJSON_GetStringValue(v);

	Sfn_asl_check_path(a, v, field, 1, 1);
	if (s == NULL || Sfn_asl_is_placeholder(a, v))
		return;
	if (strncmp(s, "$$", 2) == 0)
		Sfn_asl_report(
		        a, SFN_RULE_PATH_NOT_REFERENCE, v, 0, field,
		        "'%s' cannot write into the context object: it must "
		        "not begin with \"$$\"",
		        field);
	else if (s[0] == '$' && s[1] != '\0' && s[1] != '.' && s[1] != '[')
		Sfn_asl_report(
		        a, SFN_RULE_PATH_NOT_REFERENCE, v, 0, field,
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
void Sfn_asl_check_dynamic(struct asl *a, const cJSON *v, const char *field)
{
	const char *s = cJSON_GetStringValue(v);

	if (Sfn_asl_is_placeholder(a, v))
		return;
	if (s != NULL && s[0] == '$')
		Sfn_asl_check_path(a, v, field, 0, 0);
	else if (s != NULL && (sfn_intrinsic_is_call(s) || looks_like_call(s)))
		check_intrinsic(a, v, field);
	else
		Sfn_asl_report(
		        a, SFN_RULE_ASL_PAYLOAD, v, 0, field,
		        "The value for the field '%s' must be a valid JSONPath "
		        "or a valid intrinsic function call",
		        field);
}
