/* The value of a field of a JSONata state: "{% %}" strings evaluated by
 * the JSONata engine in Step Functions' dialect with $states and the
 * workflow variables bound, templates walked, everything else copied;
 * failures become States.QueryEvaluationError. Knows nothing of state
 * types or of the interpreter. */
#include "config.h"

#include <string.h>

#include "sfn/exec.h"
#include "sfn/jsonata.h"
#include "sfn/model.h"

/* One evaluation of one field. */
struct jfield {
	const char *field;
	const struct sfn_asl_jsonata *slots;
	size_t nslots, next; /* where the next slot is looked for first */
	const struct sfn_exec_states *states;
	cJSON *bindings; /* {"states": {...}, name: value, ...}: references */
	struct sfn_error *err;
	const char *path;               /* $states.input's file, or NULL */
	struct sfn_jsonata_error *jerr; /* the engine's error, or NULL */
};

int sfn_exec_is_jsonata(const char *s, size_t n)
{
	return n >= 4 && memcmp(s, "{%", 2) == 0 &&
	       memcmp(s + n - 2, "%}", 2) == 0;
}

/* Adds a reference to ITEM as KEY; 0 when memory ran out (the node
 * cJSON made is freed: it would not free it itself). */
static int add_ref(cJSON *obj, const char *key, const cJSON *item)
{
	cJSON *ref;

	if (item == NULL)
		return 1;
	ref = cJSON_Duplicate(item, 0);
	if (ref == NULL)
		return 0;
	/* a shallow copy whose children and strings stay the item's */
	cJSON_free(ref->valuestring);
	ref->valuestring = item->valuestring;
	ref->child = item->child;
	ref->type |= cJSON_IsReference;
	if (!cJSON_AddItemToObject(obj, key, ref)) {
		cJSON_Delete(ref);
		return 0;
	}
	return 1;
}

static cJSON *bindings_of(const struct sfn_exec_states *s)
{
	cJSON *b = cJSON_CreateObject(), *st = cJSON_CreateObject();
	int ok = b != NULL && st != NULL;

	for (const cJSON *v = s->vars ? s->vars->child : NULL; ok && v != NULL;
	     v = v->next)
		ok = add_ref(b, v->string, v);
	ok = ok && add_ref(st, "input", s->input) &&
	     add_ref(st, "context", s->context) &&
	     add_ref(st, "result", s->result) &&
	     add_ref(st, "errorOutput", s->error_output);
	if (ok && cJSON_AddItemToObject(b, "states", st))
		return b;
	cJSON_Delete(st); /* not B's: adding it failed or was not tried */
	cJSON_Delete(b);
	return NULL;
}

static const struct sfn_jsonata *compiled_for(struct jfield *j, const cJSON *v)
{
	for (size_t k = 0; k < j->nslots; k++) {
		size_t i = (j->next + k) % j->nslots;

		if (j->slots[i].node == v) {
			j->next = i + 1;
			return j->slots[i].compiled;
		}
	}
	return NULL;
}

static enum sfn_status failed(struct jfield *j, const char *expr, size_t len,
                              const struct sfn_jsonata_error *e)
{
	if (e == NULL)
		return sfn_error_set(j->err, SFN_EXEC_QUERY_ERROR,
		                     "The JSONata expression '%.*s' specified "
		                     "for the field '%s' returned nothing "
		                     "(undefined).",
		                     (int) len, expr, j->field);
	if (j->jerr != NULL)
		*j->jerr = *e;
	return sfn_error_set(j->err, SFN_EXEC_QUERY_ERROR,
	                     "The JSONata expression '%.*s' specified for the "
	                     "field '%s' threw an error during evaluation: "
	                     "%s %s",
	                     (int) len, expr, j->field, e->code, e->message);
}

/* Where a document read from a file is bound. */
static const struct sfn_jsonata_place states_input = { "states", "input" };

static enum sfn_status evaluate(struct jfield *j, const cJSON *v, cJSON **out)
{
	const char *expr = v->valuestring + 2;
	size_t len = strlen(v->valuestring) - 4;
	const struct sfn_jsonata *e = compiled_for(j, v);
	struct sfn_jsonata *mine = NULL;
	struct sfn_jsonata_error err;
	struct sfn_jsonata_opts o = { SFN_JSONATA_STATES, NULL,
		                      j->states->random,
		                      j->states->random_ctx };
	enum sfn_status st = SFN_OK;

	if (e == NULL) {
		st = sfn_jsonata_parse(expr, len, &mine, &err);
		e = mine;
	}
	if (st == SFN_OK && j->path != NULL)
		st = sfn_jsonata_eval_file(e, j->path, &states_input,
		                           j->bindings, &o, out, &err);
	else if (st == SFN_OK)
		st = sfn_jsonata_eval_opts(e, NULL, j->bindings, &o, out, &err);
	sfn_jsonata_free(mine);
	if (j->path != NULL && st != SFN_OK && st != SFN_ERR_NOMEM &&
	    err.code[0] == '\0')
		return st; /* the file's: every JSONata error has a code */
	if (st == SFN_ERR_SYNTAX || st == SFN_ERR_LIMIT)
		return failed(j, expr, len, &err);
	if (st == SFN_OK && *out == NULL)
		return failed(j, expr, len, NULL);
	return st;
}

static enum sfn_status value_of(struct jfield *j, const cJSON *v, size_t depth,
                                cJSON **out);

static enum sfn_status container(struct jfield *j, const cJSON *v, size_t depth,
                                 cJSON **out)
{
	cJSON *c =
	        cJSON_IsArray(v) ? cJSON_CreateArray() : cJSON_CreateObject();
	enum sfn_status st = c ? SFN_OK : SFN_ERR_NOMEM;

	if (depth >= SFN_EXEC_TEMPLATE_MAX_DEPTH)
		st = SFN_ERR_LIMIT;
	for (const cJSON *m = v->child; st == SFN_OK && m != NULL;
	     m = m->next) {
		cJSON *mv = NULL;
		int added;

		st = value_of(j, m, depth + 1, &mv);
		if (st != SFN_OK)
			break;
		added = cJSON_IsArray(c)
		                ? cJSON_AddItemToArray(c, mv)
		                : cJSON_AddItemToObject(c, m->string, mv);
		if (!added) {
			cJSON_Delete(mv);
			st = SFN_ERR_NOMEM;
		}
	}
	if (st != SFN_OK) {
		cJSON_Delete(c);
		c = NULL;
	}
	*out = c;
	return st;
}

static enum sfn_status value_of(struct jfield *j, const cJSON *v, size_t depth,
                                cJSON **out)
{
	*out = NULL;
	if (cJSON_IsString(v) &&
	    sfn_exec_is_jsonata(v->valuestring, strlen(v->valuestring)))
		return evaluate(j, v, out);
	if (cJSON_IsArray(v) || cJSON_IsObject(v))
		return container(j, v, depth, out);
	*out = cJSON_Duplicate(v, 1);
	return *out ? SFN_OK : SFN_ERR_NOMEM;
}

enum sfn_status sfn_exec_jsonata_value(const cJSON *value, const char *field,
                                       const struct sfn_asl_jsonata *slots,
                                       size_t nslots,
                                       const struct sfn_exec_states *states,
                                       cJSON **out, struct sfn_error *err)
{
	struct jfield j = { field, slots, nslots, 0,   states,
		            NULL,  err,   NULL,   NULL };
	enum sfn_status st;

	*out = NULL;
	j.bindings = bindings_of(states);
	if (j.bindings == NULL)
		return SFN_ERR_NOMEM;
	st = value_of(&j, value, 0, out);
	cJSON_Delete(j.bindings);
	return st;
}

enum sfn_status sfn_exec_jsonata_file(const char *expr, const char *field,
                                      const char *path,
                                      const struct sfn_exec_states *states,
                                      cJSON **out, struct sfn_error *err)
{
	return sfn_exec_jsonata_one(expr, field, path, states, out, err, NULL);
}

enum sfn_status sfn_exec_jsonata_one(const char *expr, const char *field,
                                     const char *path,
                                     const struct sfn_exec_states *states,
                                     cJSON **out, struct sfn_error *err,
                                     struct sfn_jsonata_error *jerr)
{
	/* $states.input's place, first as the service has it, until the
	 * engine puts the document there */
	static const cJSON place = { NULL, NULL, NULL, cJSON_NULL,
		                     NULL, 0,    0.0,  NULL };
	struct sfn_exec_states s = *states;
	struct jfield j = { field, NULL, 0, 0, &s, NULL, err, path, jerr };
	cJSON *node;
	enum sfn_status st;

	*out = NULL;
	if (jerr != NULL)
		jerr->code[0] = '\0';
	if (path != NULL)
		s.input = &place;
	node = cJSON_CreateString(expr);
	j.bindings = bindings_of(&s);
	st = node != NULL && j.bindings != NULL ? evaluate(&j, node, out)
	                                        : SFN_ERR_NOMEM;
	cJSON_Delete(j.bindings);
	cJSON_Delete(node);
	return st;
}
