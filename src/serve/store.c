/* The in-memory store of the server: every machine and execution record
 * in arrays (in the order they came), found by ARN through string maps.
 * Knows nothing of HTTP or of the protocol. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve/db.h"
#include "serve/store.h"
#include "sfn/mock.h"
#include "sfn/model.h"
#include "sfn/run.h"
#include "sfn/serve.h"
#include "sfn/util.h"

struct Sfn_serve_store {
	struct Sfn_serve_machine **all; /* deleted ones too: they own runs */
	size_t nall, capall;
	struct Sfn_serve_machine **live; /* creation order */
	size_t nlive, caplive;
	struct sfn_strmap machines; /* ARN -> live machine, or NULL */
	struct Sfn_serve_exec **execs;
	size_t nexecs, capexecs;
	struct sfn_strmap by_arn; /* ARN -> execution */
	struct Sfn_serve_db *db;  /* NULL: memory only */
	enum sfn_status status;   /* of the database's writes */
};

enum sfn_status Sfn_store_new(struct Sfn_serve_store **out)
{
	*out = calloc(1, sizeof(**out));
	if (*out == NULL)
		return SFN_ERR_NOMEM;
	sfn_strmap_init(&(*out)->machines);
	sfn_strmap_init(&(*out)->by_arn);
	return SFN_OK;
}

void Sfn_store_free(struct Sfn_serve_store *store)
{
	if (store == NULL)
		return;
	/* the database first: executions aborted now stay RUNNING there,
	 * for the next server on it to find and settle */
	Sfn_db_close(store->db);
	store->db = NULL;
	/* executions first: their runs borrow the machines' models */
	for (size_t i = 0; i < store->nexecs; i++)
		Sfn_store_exec_free(store->execs[i]);
	for (size_t i = 0; i < store->nall; i++)
		Sfn_store_machine_free(store->all[i]);
	free(store->execs);
	free(store->all);
	free(store->live);
	sfn_strmap_free(&store->machines);
	sfn_strmap_free(&store->by_arn);
	free(store);
}

enum sfn_status Sfn_store_open(struct Sfn_serve_store *store, const char *path,
                               const struct Sfn_db_loader *loader, char *why,
                               size_t len)
{
	struct Sfn_serve_db *db;
	enum sfn_status st = Sfn_db_open(path, &db, why, len);

	if (st != SFN_OK)
		return st;
	/* records read back have rows already: only what settling them
	 * changes is written */
	store->db = db;
	st = Sfn_db_load(db, store, loader);
	if (st == SFN_OK)
		st = store->status;
	if (st != SFN_OK) {
		snprintf(why, len, "%s", Sfn_db_error(db));
		Sfn_db_close(db);
		store->db = NULL;
	}
	return st;
}

enum sfn_status Sfn_store_status(const struct Sfn_serve_store *store,
                                 const char **why)
{
	*why = store->db ? Sfn_db_error(store->db) : "";
	return store->status;
}

/* Whether the database takes writes; a failed write (ST) stops them. */
static int writing(struct Sfn_serve_store *store)
{
	return store->db != NULL && store->status == SFN_OK;
}

static enum sfn_status wrote(struct Sfn_serve_store *store, enum sfn_status st)
{
	if (st != SFN_OK && store->status == SFN_OK)
		store->status = st;
	return st;
}

struct Sfn_serve_machine *Sfn_store_machine_new(const char *arn,
                                                const char *name,
                                                const char *definition)
{
	struct Sfn_serve_machine *m = calloc(1, sizeof(*m));

	if (m == NULL)
		return NULL;
	m->arn = strdup(arn);
	m->name = strdup(name);
	m->definition = strdup(definition);
	if (m->arn == NULL || m->name == NULL || m->definition == NULL) {
		Sfn_store_machine_free(m);
		return NULL;
	}
	return m;
}

void Sfn_store_machine_free(struct Sfn_serve_machine *m)
{
	if (m == NULL)
		return;
	while (m->retired != NULL) {
		struct Sfn_serve_retired *r = m->retired;

		m->retired = r->next;
		sfn_asl_machine_free(r->asl);
		sfn_json_doc_free(r->doc);
		free(r);
	}
	sfn_asl_machine_free(m->asl);
	sfn_json_doc_free(m->doc);
	free(m->arn);
	free(m->name);
	free(m->type);
	free(m->role_arn);
	free(m->definition);
	free(m->execs);
	free(m);
}

enum sfn_status Sfn_store_machine_add(struct Sfn_serve_store *store,
                                      struct Sfn_serve_machine *m)
{
	enum sfn_status st;

	if (store->nlive >= SFN_SERVE_MAX_MACHINES)
		return SFN_ERR_LIMIT;
	if (m->db_id == 0 && writing(store) &&
	    wrote(store, Sfn_db_machine_put(store->db, m)) != SFN_OK)
		return SFN_ERR_IO;
	st = sfn_vec_reserve(&store->all, &store->capall, store->nall + 1,
	                     sizeof(m), SFN_VEC_UNCAPPED);
	if (st == SFN_OK)
		st = sfn_vec_reserve(&store->live, &store->caplive,
		                     store->nlive + 1, sizeof(m),
		                     SFN_VEC_UNCAPPED);
	if (st == SFN_OK)
		st = sfn_strmap_set(&store->machines, m->arn, m);
	if (st != SFN_OK)
		return st;
	store->all[store->nall++] = m;
	store->live[store->nlive++] = m;
	return SFN_OK;
}

struct Sfn_serve_machine *Sfn_store_machine_get(struct Sfn_serve_store *store,
                                                const char *arn)
{
	return sfn_strmap_get(&store->machines, arn);
}

void Sfn_store_machine_delete(struct Sfn_serve_store *store,
                              struct Sfn_serve_machine *m)
{
	size_t i = 0;

	while (i < store->nlive && store->live[i] != m)
		i++;
	if (i == store->nlive)
		return;
	memmove(store->live + i, store->live + i + 1,
	        (store->nlive - i - 1) * sizeof(m));
	store->nlive--;
	m->deleted = 1;
	/* the key stays: M lives on until the store is freed */
	(void) sfn_strmap_set(&store->machines, m->arn, NULL);
	(void) Sfn_store_machine_changed(store, m);
}

enum sfn_status Sfn_store_machine_changed(struct Sfn_serve_store *store,
                                          struct Sfn_serve_machine *m)
{
	if (!writing(store) || m->db_id == 0)
		return store->status;
	return wrote(store, Sfn_db_machine_update(store->db, m));
}

/* ALL is in the order machines were added, so in their rows' order. */
struct Sfn_serve_machine *Sfn_store_machine_by_id(struct Sfn_serve_store *store,
                                                  int64_t id)
{
	size_t lo = 0, hi = store->nall;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (store->all[mid]->db_id == id)
			return store->all[mid];
		if (store->all[mid]->db_id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

size_t Sfn_store_machines(struct Sfn_serve_store *store,
                          struct Sfn_serve_machine ***out)
{
	*out = store->live;
	return store->nlive;
}

struct Sfn_serve_exec *Sfn_store_exec_new(struct Sfn_serve_machine *m,
                                          const char *arn, const char *name,
                                          const char *input)
{
	struct Sfn_serve_exec *e = calloc(1, sizeof(*e));

	if (e == NULL)
		return NULL;
	e->machine = m;
	e->arn = strdup(arn);
	e->name = strdup(name);
	e->input = strdup(input);
	if (e->arn == NULL || e->name == NULL || e->input == NULL) {
		Sfn_store_exec_free(e);
		return NULL;
	}
	return e;
}

void Sfn_store_exec_free(struct Sfn_serve_exec *e)
{
	if (e == NULL)
		return;
	if (e->run != NULL && !sfn_run_done(e->run))
		sfn_run_abort(e->run);
	sfn_run_free(e->run);
	sfn_mock_free(e->mock);
	free(e->arn);
	free(e->name);
	free(e->input);
	free(e->stop_error);
	free(e->stop_cause);
	cJSON_Delete(e->history);
	cJSON_Delete(e->output);
	free(e->error);
	free(e->cause);
	free(e);
}

enum sfn_status Sfn_store_exec_add(struct Sfn_serve_store *store,
                                   struct Sfn_serve_exec *e)
{
	struct Sfn_serve_machine *m = e->machine;
	enum sfn_status st;

	if (store->nexecs >= SFN_SERVE_MAX_EXECUTIONS)
		return SFN_ERR_LIMIT;
	if (e->db_id == 0 && writing(store) && m->db_id != 0 &&
	    wrote(store, Sfn_db_exec_put(store->db, e)) != SFN_OK)
		return SFN_ERR_IO;
	st = sfn_vec_reserve(&store->execs, &store->capexecs, store->nexecs + 1,
	                     sizeof(e), SFN_VEC_UNCAPPED);
	if (st == SFN_OK)
		st = sfn_vec_reserve(&m->execs, &m->cap, m->nexecs + 1,
		                     sizeof(e), SFN_VEC_UNCAPPED);
	if (st == SFN_OK)
		st = sfn_strmap_set(&store->by_arn, e->arn, e);
	if (st != SFN_OK)
		return st;
	store->execs[store->nexecs++] = e;
	m->execs[m->nexecs++] = e;
	e->store = store;
	return SFN_OK;
}

struct Sfn_serve_exec *Sfn_store_exec_get(struct Sfn_serve_store *store,
                                          const char *arn)
{
	return sfn_strmap_get(&store->by_arn, arn);
}

enum sfn_status Sfn_store_exec_stopped(struct Sfn_serve_store *store,
                                       struct Sfn_serve_exec *e)
{
	if (!writing(store) || e->db_id == 0)
		return store->status;
	return wrote(store, Sfn_db_exec_stop(store->db, e));
}

void Sfn_store_exec_event(void *ctx, const cJSON *event)
{
	struct Sfn_serve_exec *e = ctx;

	if (e->store != NULL && writing(e->store) && e->db_id != 0)
		(void) wrote(e->store,
		             Sfn_db_event_add(e->store->db, e, event));
}
