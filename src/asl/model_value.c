/* The ASL model's field values: spans, payload templates (compiled) or
 * JSONata payloads (slots for their expressions), path fields, numbers
 * and strings with their *Path twins, error name lists. Paths and calls
 * come from the store the validator filled: nothing is parsed twice. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "asl/model_int.h"

void Sfn_ml_fail(struct loader *l, enum sfn_status st)
{
	if (l->status == SFN_OK)
		l->status = st;
}

void *Sfn_ml_alloc(struct loader *l, size_t n)
{
	void *p = sfn_arena_alloc(l->arena, n);

	if (p == NULL)
		Sfn_ml_fail(l, SFN_ERR_NOMEM);
	else
		memset(p, 0, n);
	return p;
}

char *Sfn_ml_printf(struct loader *l, const char *fmt, ...)
{
	struct sfn_buf b;
	va_list ap;
	enum sfn_status st;
	char *s = NULL;

	sfn_buf_init(&b, (size_t) 1 << 20);
	va_start(ap, fmt);
	st = sfn_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (st == SFN_OK)
		s = sfn_arena_strdup(l->arena, sfn_buf_str(&b));
	sfn_buf_free(&b);
	if (s == NULL)
		Sfn_ml_fail(l, SFN_ERR_NOMEM);
	return s;
}

void Sfn_ml_limit(struct loader *l, const cJSON *node, const char *what,
                  int limit)
{
	struct sfn_loc at = sfn_asl_loc(l->m, Sfn_ml_span(l, node));

	sfn_diag_add(l->diags, SFN_RULE_ASL_FIELD_VALUE, &at, NULL,
	             "%s are nested more than %d deep: the model's limit", what,
	             limit);
	Sfn_ml_fail(l, SFN_ERR_LIMIT);
}

struct sfn_span Sfn_ml_span(const struct loader *l, const cJSON *node)
{
	struct sfn_span s = { 0, 0, 0, 0 };

	if (node != NULL)
		sfn_json_value_span(l->m->doc, node, &s);
	return s;
}

const cJSON *Sfn_ml_get(const cJSON *obj, const char *name)
{
	/* the first byte rules out most members without a call */
	for (const cJSON *m = obj ? obj->child : NULL; m; m = m->next)
		if (m->string && m->string[0] == name[0] &&
		    strcmp(m->string, name) == 0)
			return m;
	return NULL;
}

char *Sfn_ml_concat(struct loader *l, const char *a, const char *b,
                    const char *c)
{
	size_t na = strlen(a), nb = strlen(b), nc = strlen(c);
	char *s = sfn_arena_alloc(l->arena, na + nb + nc + 1);

	if (s == NULL) {
		Sfn_ml_fail(l, SFN_ERR_NOMEM);
		return NULL;
	}
	memcpy(s, a, na);
	memcpy(s + na, b, nb);
	memcpy(s + na + nb, c, nc + 1);
	return s;
}

const char *Sfn_ml_string(const cJSON *obj, const char *name)
{
	return cJSON_GetStringValue(Sfn_ml_get(obj, name));
}

static int is_jsonata(const char *s, size_t n)
{
	return n >= 4 && strncmp(s, "{%", 2) == 0 &&
	       strcmp(s + n - 2, "%}") == 0;
}

struct sfn_asl_jsonata *Sfn_ml_jsonata(struct loader *l, const cJSON *v)
{
	const char *s = cJSON_GetStringValue(v);
	size_t n = s ? strlen(s) : 0;
	struct sfn_asl_jsonata *j;

	if (s == NULL || !is_jsonata(s, n))
		return NULL;
	j = Sfn_ml_alloc(l, sizeof(*j));
	if (j == NULL)
		return NULL;
	j->node = v;
	j->expr = s + 2;
	j->len = n - 4;
	j->span = Sfn_ml_span(l, v);
	return j;
}

/* The "{% %}" strings of V at any depth, counted (OUT NULL) or stored;
 * containers nested as deep as a payload template may be. */
static size_t find_exprs(struct loader *l, const cJSON *v,
                         struct sfn_asl_jsonata *out, size_t n, size_t depth)
{
	const char *s = cJSON_GetStringValue(v);
	struct sfn_asl_jsonata *j;

	if (s != NULL && is_jsonata(s, strlen(s))) {
		if (out != NULL && (j = Sfn_ml_jsonata(l, v)) != NULL)
			out[n] = *j;
		return n + 1;
	}
	if (!cJSON_IsObject(v) && !cJSON_IsArray(v))
		return n;
	if (depth >= SFN_EXEC_TEMPLATE_MAX_DEPTH) {
		Sfn_ml_fail(l, SFN_ERR_LIMIT);
		return n;
	}
	for (const cJSON *c = v->child; c != NULL; c = c->next)
		n = find_exprs(l, c, out, n, depth + 1);
	return n;
}

/* "{% %}" slots of a JSONata payload. */
static void jsonata_payload(struct loader *l, const cJSON *v,
                            struct sfn_asl_payload *out)
{
	out->nexprs = find_exprs(l, v, NULL, 0, 0);
	if (out->nexprs == 0 || l->status != SFN_OK)
		return;
	out->exprs = Sfn_ml_alloc(l, out->nexprs * sizeof(*out->exprs));
	if (out->exprs != NULL)
		find_exprs(l, v, out->exprs, 0, 0);
}

void Sfn_ml_payload(struct loader *l, const cJSON *v,
                    struct sfn_asl_payload *out)
{
	struct sfn_exec_template *t = NULL;
	enum sfn_status st;

	memset(out, 0, sizeof(*out));
	if (v == NULL || l->status != SFN_OK)
		return;
	out->json = v;
	out->span = Sfn_ml_span(l, v);
	if (l->lang == SFN_ASL_JSONPATH) {
		st = sfn_exec_template_compile(v, l->store, &t);
		out->tmpl = t;
	} else {
		jsonata_payload(l, v, out);
		st = l->status;
		l->status = SFN_OK; /* recorded again below, once */
	}
	if (st == SFN_ERR_LIMIT)
		Sfn_ml_limit(l, v, "the objects and arrays of a payload",
		             SFN_EXEC_TEMPLATE_MAX_DEPTH);
	else if (st != SFN_OK)
		Sfn_ml_fail(l, st);
}

void Sfn_ml_path(struct loader *l, const cJSON *v, int reference,
                 struct sfn_asl_path *out)
{
	enum sfn_status st;

	st = sfn_exec_field_compile(v, reference, l->store, NULL, &out->field);
	if (st != SFN_OK)
		Sfn_ml_fail(l, st);
	out->span = Sfn_ml_span(l, v);
}

/* Field NAME"Path" of OBJ: its value, and its path (or call) parsed. */
static const cJSON *twin(struct loader *l, const cJSON *obj, const char *name,
                         const struct sfn_path **path,
                         const struct sfn_intrinsic **call)
{
	char twin_name[64];
	const cJSON *v;
	const char *text;
	enum sfn_status st = SFN_OK;

	/* NAME is one of the model's field names, all short */
	snprintf(twin_name, sizeof(twin_name), "%sPath", name);
	v = Sfn_ml_get(obj, twin_name);
	text = cJSON_GetStringValue(v);

	if (text == NULL)
		return NULL;
	if (text[0] == '$')
		st = sfn_exec_store_path(l->store, text, NULL, path);
	else if (call != NULL)
		st = sfn_exec_store_call(l->store, text, NULL, call);
	if (st != SFN_OK && st != SFN_ERR_SYNTAX)
		Sfn_ml_fail(l, st);
	return v;
}

void Sfn_ml_number(struct loader *l, const cJSON *obj, const char *name,
                   struct sfn_asl_number *out)
{
	const cJSON *v = Sfn_ml_get(obj, name);

	memset(out, 0, sizeof(*out));
	if (cJSON_IsNumber(v)) {
		out->how = SFN_ASL_LITERAL;
		out->value = v->valuedouble;
	} else if (v != NULL && (out->expr = Sfn_ml_jsonata(l, v)) != NULL) {
		out->how = SFN_ASL_EXPR;
	} else if ((v = twin(l, obj, name, &out->path, NULL)) != NULL) {
		out->how = SFN_ASL_PATH;
	}
	out->span = Sfn_ml_span(l, v);
}

void Sfn_ml_text(struct loader *l, const cJSON *obj, const char *name,
                 struct sfn_asl_text *out)
{
	const cJSON *v = Sfn_ml_get(obj, name);

	memset(out, 0, sizeof(*out));
	if (v != NULL && l->lang == SFN_ASL_JSONATA &&
	    (out->expr = Sfn_ml_jsonata(l, v)) != NULL) {
		out->how = SFN_ASL_EXPR;
	} else if (cJSON_IsString(v)) {
		out->how = SFN_ASL_LITERAL;
		out->value = v->valuestring;
	} else if ((v = twin(l, obj, name, &out->path, &out->call)) != NULL) {
		out->how = SFN_ASL_PATH;
	}
	out->span = Sfn_ml_span(l, v);
}

void Sfn_ml_errors(struct loader *l, const cJSON *list,
                   struct sfn_asl_errors *out)
{
	size_t n = cJSON_IsArray(list) ? (size_t) cJSON_GetArraySize(list) : 0,
	       i = 0;

	memset(out, 0, sizeof(*out));
	if (n == 0)
		return;
	out->names = Sfn_ml_alloc(l, n * sizeof(*out->names));
	if (out->names == NULL)
		return;
	for (const cJSON *e = list->child; e != NULL; e = e->next)
		if (cJSON_IsString(e))
			out->names[i++] = e->valuestring;
	out->count = i;
}
