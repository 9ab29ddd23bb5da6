/* Scopes of the ASL model: the machine, each Parallel branch and each Map
 * processor, with their states in document order, a name map, StartAt
 * resolved; states are made first so that transitions resolve to
 * pointers while each one is filled. */
#include "config.h"

#include <string.h>

#include "asl/model_int.h"

int Sfn_ml_enter(struct loader *l, const cJSON *node)
{
	if (l->depth < SFN_ASL_MODEL_MAX_DEPTH) {
		l->depth++;
		return 1;
	}
	Sfn_ml_limit(l, node, "states and rules", SFN_ASL_MODEL_MAX_DEPTH);
	return 0;
}

/* Adds SCOPE to the machine's list, growing it in the arena. */
static void list_scope(struct loader *l, struct sfn_asl_scope *scope)
{
	struct sfn_asl_machine *m = l->m;
	size_t cap = m->mem->scopes_cap;
	struct sfn_asl_scope **grown;

	if (m->nscopes == cap) {
		cap = cap ? cap * 2 : 8;
		grown = Sfn_ml_alloc(l, cap * sizeof(*grown));
		if (grown == NULL)
			return;
		if (m->nscopes > 0)
			memcpy(grown, m->scopes, m->nscopes * sizeof(*grown));
		m->scopes = grown;
		m->mem->scopes_cap = cap;
	}
	m->scopes[m->nscopes++] = scope;
}

static enum sfn_asl_type type_of(const char *name)
{
	static const char *const names[] = { "Task",    "Parallel", "Map",
		                             "Pass",    "Wait",     "Choice",
		                             "Succeed", "Fail" };

	for (size_t i = 0; name != NULL && i < 8; i++)
		if (strcmp(names[i], name) == 0)
			return (enum sfn_asl_type) i;
	return SFN_ASL_PASS; /* the validator let no other type through */
}

/* Makes the states of SCOPE from the members of STATES, named. */
static void make_states(struct loader *l, struct sfn_asl_scope *scope,
                        const cJSON *states)
{
	size_t n = cJSON_IsObject(states) ? (size_t) cJSON_GetArraySize(states)
	                                  : 0,
	       i = 0;
	struct sfn_span key;

	scope->states = Sfn_ml_alloc(l, (n ? n : 1) * sizeof(*scope->states));
	if (scope->states == NULL ||
	    sfn_strmap_reserve(&scope->names, n) != SFN_OK) {
		Sfn_ml_fail(l, SFN_ERR_NOMEM);
		return;
	}
	for (const cJSON *m = n ? states->child : NULL; m; m = m->next, i++) {
		struct sfn_asl_state *s = Sfn_ml_alloc(l, sizeof(*s));

		if (s == NULL)
			return;
		s->name = m->string;
		s->type = type_of(Sfn_ml_string(m, "Type"));
		s->scope = scope;
		s->index = i;
		s->json = m;
		/* the key first: positions are counted on from the last
		 * one asked, and the key stands before its value */
		if (sfn_json_key_span(l->m->doc, m, &key))
			s->name_span = key;
		s->span = Sfn_ml_span(l, m);
		s->where =
		        Sfn_ml_concat(l, scope->where, "/States/", m->string);
		scope->states[i] = s;
		if (sfn_strmap_set(&scope->names, s->name, s) != SFN_OK)
			Sfn_ml_fail(l, SFN_ERR_NOMEM);
	}
	scope->nstates = i;
	l->m->nstates += i;
}

struct sfn_asl_state *Sfn_ml_target(const struct sfn_asl_state *s,
                                    const char *name)
{
	return name ? sfn_asl_find(s->scope, name) : NULL;
}

struct sfn_asl_scope *Sfn_ml_scope(struct loader *l, const cJSON *obj,
                                   struct sfn_asl_state *parent, size_t branch,
                                   const char *where)
{
	struct sfn_asl_scope *scope;
	const cJSON *states = Sfn_ml_get(obj, "States");

	if (!Sfn_ml_enter(l, obj))
		return NULL;
	scope = Sfn_ml_alloc(l, sizeof(*scope));
	if (scope == NULL)
		return NULL;
	sfn_strmap_init(&scope->names);
	list_scope(l, scope); /* listed first: freed even on failure */
	if (l->status != SFN_OK)
		return NULL; /* not listed: nothing of it to free */
	scope->parent = parent;
	scope->branch = branch;
	scope->depth = parent ? parent->scope->depth + 1 : 0;
	scope->where = where;
	scope->span = Sfn_ml_span(l, obj);
	make_states(l, scope, states);
	scope->start = sfn_asl_find(scope, Sfn_ml_string(obj, "StartAt"));
	for (size_t i = 0; l->status == SFN_OK && i < scope->nstates; i++)
		Sfn_ml_state(l, scope->states[i]);
	l->depth--;
	return scope;
}
