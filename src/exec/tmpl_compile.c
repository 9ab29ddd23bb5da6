/* Payload templates compiled: the tree of a template with every "key.$"
 * value parsed once into a store (a path, or an intrinsic call and its
 * path arguments). Values that do not parse are kept to fail when the
 * template runs, as the service fails them. Knows nothing of states. */
#include "config.h"

#include <string.h>

#include "exec/exec_int.h"
#include "sfn/intrinsic.h"

struct compiler {
	struct sfn_exec_store *store;
	struct sfn_arena *arena;
	enum sfn_status status;
};

static struct sfn_exec_template *compile(struct compiler *c, const cJSON *v,
                                         size_t depth);

static int is_dynamic(const char *key)
{
	size_t n = strlen(key);

	return n >= 2 && key[n - 2] == '.' && key[n - 1] == '$';
}

static struct sfn_exec_template *node(struct compiler *c, const cJSON *v,
                                      enum tmpl_kind kind)
{
	struct sfn_exec_template *t = sfn_arena_alloc(c->arena, sizeof(*t));

	if (t == NULL) {
		c->status = SFN_ERR_NOMEM;
		return NULL;
	}
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->src = v;
	t->store = c->store;
	return t;
}

/* The first parse message, for a call's runtime error. */
static const char *first_message(struct compiler *c, struct sfn_diags *d)
{
	return sfn_arena_strdup(c->arena, d->count ? d->items[0].message
	                                           : "invalid call");
}

/* The value of a "key.$" member: a path or an intrinsic call. */
static void dynamic(struct compiler *c, struct sfn_exec_template *t)
{
	const char *text = cJSON_GetStringValue(t->src);
	struct sfn_diags diags;
	enum sfn_status st;

	if (text == NULL) {
		t->kind = TMPL_NOT_STRING;
		return;
	}
	if (text[0] == '$') {
		st = sfn_exec_store_path(c->store, text, NULL, &t->path);
		t->kind = st == SFN_OK ? TMPL_PATH : TMPL_BAD_PATH;
	} else {
		st = sfn_exec_store_call(c->store, text, NULL, &t->call);
		t->kind = st == SFN_OK ? TMPL_CALL : TMPL_BAD_CALL;
	}
	if (st == SFN_ERR_SYNTAX && t->kind == TMPL_BAD_CALL) {
		/* parsed again for the words: only calls that fail */
		sfn_diags_init(&diags);
		st = sfn_exec_store_call(c->store, text, &diags, &t->call);
		t->why = first_message(c, &diags);
		sfn_diags_free(&diags);
		if (st == SFN_ERR_NOMEM || t->why == NULL)
			c->status = SFN_ERR_NOMEM;
	} else if (st != SFN_OK && st != SFN_ERR_SYNTAX) {
		c->status = st;
	}
}

/* Member M: its output name, then its value. */
static struct sfn_exec_template *member(struct compiler *c, const cJSON *m,
                                        size_t depth)
{
	size_t n = strlen(m->string);
	int dyn = is_dynamic(m->string);
	struct sfn_exec_template *t =
	        dyn ? node(c, m, TMPL_PATH) : compile(c, m, depth);

	if (t == NULL)
		return NULL;
	t->key = sfn_arena_strndup(c->arena, m->string, dyn ? n - 2 : n);
	if (t->key == NULL)
		c->status = SFN_ERR_NOMEM;
	if (dyn)
		dynamic(c, t);
	return c->status == SFN_OK ? t : NULL;
}

/* Objects at any depth (inside arrays too) hold "key.$" members; array
 * elements that are strings stay strings. */
static struct sfn_exec_template *compile(struct compiler *c, const cJSON *v,
                                         size_t depth)
{
	int object = cJSON_IsObject(v);
	struct sfn_exec_template *t, **tail;

	if (!object && !cJSON_IsArray(v))
		return node(c, v, TMPL_COPY);
	if (depth >= SFN_EXEC_TEMPLATE_MAX_DEPTH) {
		c->status = SFN_ERR_LIMIT;
		return NULL;
	}
	t = node(c, v, object ? TMPL_OBJECT : TMPL_ARRAY);
	tail = t ? &t->child : NULL;
	for (const cJSON *m = v->child; t != NULL && m != NULL; m = m->next) {
		*tail = object ? member(c, m, depth + 1)
		               : compile(c, m, depth + 1);
		if (*tail == NULL)
			return NULL;
		tail = &(*tail)->next;
	}
	return t;
}

enum sfn_status sfn_exec_template_compile(const cJSON *tmpl,
                                          struct sfn_exec_store *store,
                                          struct sfn_exec_template **out)
{
	struct compiler c = { store, sfn_exec_store_arena(store), SFN_OK };

	*out = compile(&c, tmpl, 0);
	if (*out == NULL && c.status == SFN_OK)
		c.status = SFN_ERR_NOMEM;
	if (c.status != SFN_OK)
		*out = NULL;
	return c.status;
}

static void visit(const struct sfn_exec_template *t,
                  struct sfn_exec_template_expr *out, size_t cap, size_t *n)
{
	for (; t != NULL; t = t->next) {
		if (t->kind == TMPL_OBJECT || t->kind == TMPL_ARRAY) {
			visit(t->child, out, cap, n);
			continue;
		}
		if (t->kind == TMPL_COPY)
			continue;
		if (*n < cap) {
			out[*n].node = t->src;
			out[*n].path = t->path;
			out[*n].call = t->call;
		}
		(*n)++;
	}
}

size_t sfn_exec_template_exprs(const struct sfn_exec_template *tmpl,
                               struct sfn_exec_template_expr *out, size_t cap)
{
	size_t n = 0;

	/* the top node is alone: its NEXT is always NULL */
	visit(tmpl, out, cap, &n);
	return n;
}
