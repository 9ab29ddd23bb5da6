/* The ASL model's entry: validate with the shared rules (keeping every
 * parsed path and call), then load the machine's fields and its scopes;
 * and the lookups the model offers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "asl/asl_int.h"
#include "asl/model_int.h"

struct sfn_asl_state *sfn_asl_find(const struct sfn_asl_scope *scope,
                                   const char *name)
{
	return name ? sfn_strmap_get(&scope->names, name) : NULL;
}

struct sfn_loc sfn_asl_loc(const struct sfn_asl_machine *m,
                           struct sfn_span span)
{
	struct sfn_loc loc = { sfn_json_file(m->doc), span.line, span.col,
		               span.end_line, span.end_col };

	return loc;
}

struct sfn_exec_store *sfn_asl_store(const struct sfn_asl_machine *m)
{
	return m->mem->store;
}

struct sfn_arena *sfn_asl_arena(struct sfn_asl_machine *m)
{
	return &m->mem->arena;
}

enum sfn_status sfn_asl_defer(struct sfn_asl_machine *m, void (*fn)(void *p),
                              void *p)
{
	struct ml_deferred *d = sfn_arena_alloc(&m->mem->arena, sizeof(*d));

	if (d == NULL)
		return SFN_ERR_NOMEM;
	d->fn = fn;
	d->p = p;
	d->next = m->mem->deferred;
	m->mem->deferred = d;
	return SFN_OK;
}

void sfn_asl_machine_free(struct sfn_asl_machine *m)
{
	if (m == NULL)
		return;
	for (struct ml_deferred *d = m->mem->deferred; d != NULL; d = d->next)
		d->fn(d->p);
	for (size_t i = 0; i < m->nscopes; i++)
		sfn_strmap_free(&m->scopes[i]->names);
	sfn_exec_store_free(m->mem->store);
	sfn_arena_free(&m->mem->arena);
	free(m->mem);
	free(m);
}

static struct sfn_asl_machine *new_machine(const struct sfn_json_doc *doc,
                                           const cJSON *def)
{
	struct sfn_asl_machine *m = calloc(1, sizeof(*m));

	if (m == NULL)
		return NULL;
	m->mem = calloc(1, sizeof(*m->mem));
	if (m->mem != NULL)
		m->mem->store = sfn_exec_store_new();
	if (m->mem == NULL || m->mem->store == NULL) {
		free(m->mem);
		free(m);
		return NULL;
	}
	sfn_arena_init(&m->mem->arena);
	m->doc = doc;
	m->json = def;
	return m;
}

/* QueryLanguage, Comment, Version, TimeoutSeconds; then the states. */
static void load_machine(struct loader *l)
{
	struct sfn_asl_machine *m = l->m;
	const char *lang = Sfn_ml_string(m->json, "QueryLanguage");
	const cJSON *timeout = Sfn_ml_get(m->json, "TimeoutSeconds");

	m->language = lang && strcmp(lang, "JSONata") == 0 ? SFN_ASL_JSONATA
	                                                   : SFN_ASL_JSONPATH;
	m->comment = Sfn_ml_string(m->json, "Comment");
	m->version = Sfn_ml_string(m->json, "Version");
	m->has_timeout = cJSON_IsNumber(timeout);
	m->timeout_seconds = m->has_timeout ? timeout->valuedouble : 0;
	m->top = Sfn_ml_scope(l, m->json, NULL, 0, "");
}

enum sfn_status sfn_asl_load(const struct sfn_json_doc *doc, const cJSON *def,
                             const struct sfn_asl_opts *opts,
                             struct sfn_diags *diags,
                             struct sfn_asl_machine **out)
{
	struct sfn_asl_machine *m = new_machine(doc, def);
	size_t errors = diags->errors;
	struct loader l;

	*out = NULL;
	if (m == NULL)
		return SFN_ERR_NOMEM;
	Sfn_asl_validate(doc, def, opts, diags, m->mem->store);
	/* with rules turned off, anything may come through: the loader
	 * checks the shapes it walks, but needs an object to start */
	if (diags->status != SFN_OK || diags->errors > errors ||
	    !cJSON_IsObject(def)) {
		sfn_asl_machine_free(m);
		return diags->status != SFN_OK ? diags->status : SFN_ERR_SYNTAX;
	}
	memset(&l, 0, sizeof(l));
	l.m = m;
	l.arena = &m->mem->arena;
	l.store = m->mem->store;
	l.diags = diags;
	load_machine(&l);
	if (l.status != SFN_OK) {
		sfn_asl_machine_free(m);
		return l.status;
	}
	*out = m;
	return SFN_OK;
}
