/* Payload templates (Parameters, ResultSelector, ItemSelector, and Assign
 * in JSONPath states) run from their compiled form: a "key.$" member takes
 * the value of its path or intrinsic function call, objects are walked at
 * any depth (inside arrays too), and everything else is copied as it
 * stands. The text form compiles, then runs; compiling refuses a template
 * nested past SFN_EXEC_TEMPLATE_MAX_DEPTH, so the walk's recursion is
 * bounded by it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "exec/exec_int.h"
#include "sfn/intrinsic.h"
#include "sfn/json.h"

struct run {
	const struct sfn_exec_data *data;
	const struct sfn_exec_store *store;
	struct sfn_error *err;
	enum sfn_status status;
};

static cJSON *walk(struct run *r, const struct sfn_exec_template *t);

/* A path argument of an intrinsic call, parsed when the call was
 * compiled (one the store lacks did not parse), with the service's
 * message when it selects nothing. */
static enum sfn_status resolve(void *ctx, const char *path, cJSON **value,
                               struct sfn_error *err)
{
	const struct run *r = ctx;
	const struct sfn_path *p = Sfn_exec_store_find_path(r->store, path);
	enum sfn_status st = SFN_ERR_SYNTAX;
	char *input;

	*value = NULL;
	if (p != NULL)
		st = sfn_exec_lookup_path(p, r->data, value, NULL);
	if (st != SFN_OK && st != SFN_ERR_SYNTAX && st != SFN_ERR_FAILED)
		return st;
	if (st == SFN_OK && *value != NULL)
		return SFN_OK;
	input = Sfn_exec_json_text(r->data->input);
	st = sfn_error_set(err, "States.Runtime",
	                   "The JsonPath argument for the field '%s' could "
	                   "not be found in the input '%s'",
	                   path, input ? input : "");
	free(input);
	return st;
}

static enum sfn_status not_found(struct run *r, const cJSON *m)
{
	char *input = Sfn_exec_json_text(r->data->input);
	enum sfn_status st;

	st = sfn_error_set(r->err, "States.Runtime",
	                   "The JSONPath '%s' specified for the field '%s' "
	                   "could not be found in the input '%s'",
	                   m->valuestring, m->string, input ? input : "");
	free(input);
	return st;
}

/* The value of a "key.$" member: a path or an intrinsic function call. */
static enum sfn_status dynamic(struct run *r, const struct sfn_exec_template *t,
                               cJSON **out)
{
	struct sfn_intrinsic_env env = { resolve, NULL, r };
	enum sfn_status st;

	*out = NULL;
	switch (t->kind) {
	case TMPL_PATH:
		st = sfn_exec_lookup_path(t->path, r->data, out, NULL);
		return st == SFN_OK && *out == NULL ? not_found(r, t->src) : st;
	case TMPL_BAD_PATH:
		return not_found(r, t->src);
	case TMPL_CALL:
		return sfn_intrinsic_eval(t->call, &env, out, r->err);
	case TMPL_BAD_CALL:
		return sfn_error_set(r->err, "States.Runtime",
		                     "The function '%s' had the following "
		                     "error: %s",
		                     t->src->valuestring, t->why);
	default:
		return sfn_error_set(r->err, "States.Runtime",
		                     "The value for the field '%s' must be a "
		                     "STRING that contains a JSONPath or an "
		                     "intrinsic function call",
		                     t->src->string);
	}
}

/* The value of member T, named T->key. */
static cJSON *member(struct run *r, const struct sfn_exec_template *t)
{
	cJSON *v = NULL;

	if (t->kind == TMPL_COPY || t->kind == TMPL_OBJECT ||
	    t->kind == TMPL_ARRAY)
		v = walk(r, t);
	else
		r->status = dynamic(r, t, &v);
	if (v == NULL)
		return NULL;
	free(v->string); /* a copied node keeps its old key */
	v->string = strdup(t->key);
	if (v->string == NULL) {
		cJSON_Delete(v);
		r->status = SFN_ERR_NOMEM;
		return NULL;
	}
	return v;
}

static cJSON *container(struct run *r, const struct sfn_exec_template *t)
{
	int object = t->kind == TMPL_OBJECT;
	cJSON *c = object ? cJSON_CreateObject() : cJSON_CreateArray();

	for (const struct sfn_exec_template *m = t->child; c && m;
	     m = m->next) {
		cJSON *item = object ? member(r, m) : walk(r, m);

		if (item == NULL) {
			cJSON_Delete(c);
			return NULL;
		}
		cJSON_AddItemToArray(c, item);
	}
	if (c == NULL)
		r->status = SFN_ERR_NOMEM;
	return c;
}

static cJSON *walk(struct run *r, const struct sfn_exec_template *t)
{
	cJSON *copy;

	if (t->kind == TMPL_OBJECT || t->kind == TMPL_ARRAY)
		return container(r, t);
	copy = cJSON_Duplicate(t->src, 0);
	if (copy == NULL)
		r->status = SFN_ERR_NOMEM;
	else if (copy->string != NULL) {
		free(copy->string);
		copy->string = NULL;
	}
	return copy;
}

enum sfn_status sfn_exec_payload_compiled(const struct sfn_exec_template *tmpl,
                                          const struct sfn_exec_data *data,
                                          cJSON **out, struct sfn_error *err)
{
	struct run r = { data, tmpl->store, err, SFN_OK };

	*out = walk(&r, tmpl);
	if (*out == NULL && r.status == SFN_OK)
		r.status = SFN_ERR_NOMEM;
	return r.status;
}

enum sfn_status Sfn_exec_call_run(const struct sfn_intrinsic *call,
                                  const struct sfn_exec_store *store,
                                  const struct sfn_exec_data *data, cJSON **out,
                                  struct sfn_error *err)
{
	struct run r = { data, store, err, SFN_OK };
	struct sfn_intrinsic_env env = { resolve, NULL, &r };

	return sfn_intrinsic_eval(call, &env, out, err);
}

enum sfn_status sfn_exec_payload(const cJSON *tmpl,
                                 const struct sfn_exec_data *data, cJSON **out,
                                 struct sfn_error *err)
{
	struct sfn_exec_store *store = sfn_exec_store_new();
	struct sfn_exec_template *t;
	enum sfn_status st;

	*out = NULL;
	if (store == NULL)
		return SFN_ERR_NOMEM;
	st = sfn_exec_template_compile(tmpl, store, &t);
	if (st == SFN_OK)
		st = sfn_exec_payload_compiled(t, data, out, err);
	sfn_exec_store_free(store);
	return st;
}
