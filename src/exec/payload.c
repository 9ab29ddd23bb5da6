/* Payload templates (Parameters, ResultSelector, ItemSelector, and Assign
 * in JSONPath states): a "key.$" member takes the value of its path or
 * intrinsic function call, objects are walked at any depth (inside arrays
 * too), and everything else is copied as it stands. A template may nest
 * SFN_JSON_MAX_DEPTH levels, as a document the reader accepts: the walk
 * recurses once per level. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "exec/exec_int.h"
#include "sfn/intrinsic.h"
#include "sfn/json.h"

static cJSON *walk(const cJSON *v, unsigned depth,
                   const struct sfn_exec_data *data, struct sfn_error *err,
                   enum sfn_status *st);

static int is_dynamic(const char *key)
{
	size_t n = strlen(key);

	return n >= 2 && key[n - 2] == '.' && key[n - 1] == '$';
}

/* The message the service gives for a path argument of an intrinsic
 * function that selects nothing. */
static enum sfn_status resolve(void *ctx, const char *path, cJSON **value,
                               struct sfn_error *err)
{
	const struct sfn_exec_data *data = ctx;
	enum sfn_status st = sfn_exec_lookup(path, data, value, NULL);
	char *input;

	if (st != SFN_OK && st != SFN_ERR_SYNTAX)
		return st;
	if (st == SFN_OK && *value != NULL)
		return SFN_OK;
	input = sfn_exec_json_text(data->input);
	st = sfn_error_set(err, "States.Runtime",
	                   "The JsonPath argument for the field '%s' could "
	                   "not be found in the input '%s'",
	                   path, input ? input : "");
	free(input);
	return st;
}

static enum sfn_status call(const char *text, const struct sfn_exec_data *d,
                            cJSON **out, struct sfn_error *err)
{
	struct sfn_intrinsic_env env = { resolve, NULL, (void *) d };
	struct sfn_intrinsic *fn;
	struct sfn_diags diags;
	enum sfn_status st;

	sfn_diags_init(&diags);
	st = sfn_intrinsic_parse(text, NULL, &diags, &fn);
	if (st == SFN_ERR_SYNTAX)
		st = sfn_error_set(err, "States.Runtime",
		                   "The function '%s' had the following "
		                   "error: %s",
		                   text,
		                   diags.count ? diags.items[0].message
		                               : "invalid call");
	sfn_diags_free(&diags);
	if (st != SFN_OK)
		return st;
	st = sfn_intrinsic_eval(fn, &env, out, err);
	sfn_intrinsic_free(fn);
	return st;
}

static enum sfn_status path_value(const char *key, const char *path,
                                  const struct sfn_exec_data *data, cJSON **out,
                                  struct sfn_error *err)
{
	char *input, *canonical = NULL;
	enum sfn_status st = sfn_exec_lookup(path, data, out, &canonical);

	free(canonical);
	if (st == SFN_ERR_SYNTAX || (st == SFN_OK && *out == NULL)) {
		input = sfn_exec_json_text(data->input);
		st = sfn_error_set(err, "States.Runtime",
		                   "The JSONPath '%s' specified for the field "
		                   "'%s' could not be found in the input '%s'",
		                   path, key, input ? input : "");
		free(input);
	}
	return st;
}

/* The value of a "key.$" member: a path or an intrinsic function call. */
static enum sfn_status dynamic(const cJSON *m, const struct sfn_exec_data *data,
                               cJSON **out, struct sfn_error *err)
{
	const char *text = cJSON_GetStringValue(m);

	*out = NULL;
	if (text == NULL)
		return sfn_error_set(err, "States.Runtime",
		                     "The value for the field '%s' must be a "
		                     "STRING that contains a JSONPath or an "
		                     "intrinsic function call",
		                     m->string);
	if (text[0] == '$')
		return path_value(m->string, text, data, out, err);
	return call(text, data, out, err);
}

/* The copy of member M, named without its ".$" when it has one. */
static cJSON *member(const cJSON *m, unsigned depth,
                     const struct sfn_exec_data *data, struct sfn_error *err,
                     enum sfn_status *st)
{
	cJSON *v;
	size_t n = strlen(m->string);

	if (!is_dynamic(m->string))
		v = walk(m, depth, data, err, st);
	else
		*st = dynamic(m, data, &v, err);
	if (v == NULL)
		return NULL;
	free(v->string); /* a copied node keeps its old key */
	v->string = is_dynamic(m->string) ? strndup(m->string, n - 2)
	                                  : strdup(m->string);
	if (v->string == NULL) {
		cJSON_Delete(v);
		*st = SFN_ERR_NOMEM;
		return NULL;
	}
	return v;
}

/* V, an object or array at level DEPTH (the template itself is 1). */
static cJSON *container(const cJSON *v, unsigned depth,
                        const struct sfn_exec_data *data, struct sfn_error *err,
                        enum sfn_status *st)
{
	cJSON *c;

	if (depth > SFN_JSON_MAX_DEPTH) {
		*st = SFN_ERR_LIMIT;
		return NULL;
	}
	c = cJSON_IsObject(v) ? cJSON_CreateObject() : cJSON_CreateArray();
	for (const cJSON *m = v->child; c != NULL && m != NULL; m = m->next) {
		cJSON *item = cJSON_IsObject(v)
		                      ? member(m, depth + 1, data, err, st)
		                      : walk(m, depth + 1, data, err, st);

		if (item == NULL) {
			cJSON_Delete(c);
			return NULL;
		}
		cJSON_AddItemToArray(c, item);
	}
	if (c == NULL)
		*st = SFN_ERR_NOMEM;
	return c;
}

/* Objects are walked wherever they stand; array elements that are
 * strings stay strings (a path is only a path behind a "key.$"). */
static cJSON *walk(const cJSON *v, unsigned depth,
                   const struct sfn_exec_data *data, struct sfn_error *err,
                   enum sfn_status *st)
{
	cJSON *copy;

	if (cJSON_IsObject(v) || cJSON_IsArray(v))
		return container(v, depth, data, err, st);
	copy = cJSON_Duplicate(v, 0);
	if (copy == NULL)
		*st = SFN_ERR_NOMEM;
	else if (copy->string != NULL) {
		free(copy->string);
		copy->string = NULL;
	}
	return copy;
}

enum sfn_status sfn_exec_payload(const cJSON *tmpl,
                                 const struct sfn_exec_data *data, cJSON **out,
                                 struct sfn_error *err)
{
	enum sfn_status st = SFN_OK;

	*out = walk(tmpl, 1, data, err, &st);
	if (*out == NULL && st == SFN_OK)
		st = SFN_ERR_NOMEM;
	return st;
}
