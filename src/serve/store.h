/* The server's store of state machines and executions: records go in,
 * are found by ARN and listed in order. Every record is in memory for
 * the life of the server; with a database (Sfn_store_open, db.h) each
 * change is also written there as it happens, and the records found
 * there at start are read back. Knows nothing of HTTP or of the
 * protocol.
 *
 * Ownership: the store owns every record added to it (a machine's
 * document and model; an execution's run and mock) and frees them in
 * Sfn_store_free. A deleted machine stays until then, since its
 * executions may still be running; it is no longer found. */
#ifndef SFN_SERVE_STORE_H
#define SFN_SERVE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "sfn/json.h"
#include "sfn/status.h"

struct sfn_asl_machine;
struct sfn_run;
struct sfn_serve;
struct sfn_mock;

struct Sfn_serve_machine {
	char *arn, *name, *type, *role_arn;
	char *definition;            /* the text as given */
	struct sfn_json_doc *doc;    /* the definition, parsed */
	struct sfn_asl_machine *asl; /* its model */
	/* Models an UpdateStateMachine replaced: executions started before
	 * it run on to their end on them, so they live as long as M. */
	struct Sfn_serve_retired *retired;
	int64_t created_ms;
	int64_t db_id; /* its row in the database; 0: none yet */
	int deleted;
	struct Sfn_serve_exec **execs; /* in start order */
	size_t nexecs, cap;
};

struct Sfn_serve_retired {
	struct sfn_json_doc *doc;
	struct sfn_asl_machine *asl;
	struct Sfn_serve_retired *next;
};

struct Sfn_serve_exec {
	char *arn, *name;
	char *input; /* compact JSON text */
	struct Sfn_serve_machine *machine;
	int64_t start_ms, stop_ms; /* stop_ms 0 until seen ended */
	struct sfn_run *run;
	struct sfn_mock *mock;         /* its test case's, or NULL */
	char *stop_error, *stop_cause; /* StopExecution's, or NULL */
	int64_t db_id;                 /* its row in the database; 0: none */
	struct Sfn_serve_store *store; /* once added */
	struct sfn_serve *srv;         /* that started it, or NULL */
	/* An execution read back from the database has no run (run NULL):
	 * it ended, before the server stopped or by its restart (exec.c). */
	int state;           /* enum sfn_run_state */
	cJSON *history;      /* {"events": [...]} */
	cJSON *output;       /* a succeeded one's, or NULL */
	char *error, *cause; /* a failed or timed out one's, or NULL */
};

struct Sfn_serve_store;

enum sfn_status Sfn_store_new(struct Sfn_serve_store **out);
void Sfn_store_free(struct Sfn_serve_store *store);

struct Sfn_db_loader;
/* Keeps the records in database file PATH from now on, after reading
 * those it holds through LOADER (db.h). SFN_ERR_IO with the reason in
 * WHY[0, LEN). */
enum sfn_status Sfn_store_open(struct Sfn_serve_store *store, const char *path,
                               const struct Sfn_db_loader *loader, char *why,
                               size_t len);
/* SFN_OK, or the failure of a database write after which the store no
 * longer writes (its message in *WHY). */
enum sfn_status Sfn_store_status(const struct Sfn_serve_store *store,
                                 const char **why);

/* A new machine record, zeroed but for its strings (copied); the caller
 * fills in the rest and adds it, or frees it with Sfn_store_machine_free. */
struct Sfn_serve_machine *Sfn_store_machine_new(const char *arn,
                                                const char *name,
                                                const char *definition);
void Sfn_store_machine_free(struct Sfn_serve_machine *m);
/* Takes M over. SFN_ERR_LIMIT past SFN_SERVE_MAX_MACHINES live ones. */
enum sfn_status Sfn_store_machine_add(struct Sfn_serve_store *store,
                                      struct Sfn_serve_machine *m);
/* The live machine of ARN, or NULL. */
struct Sfn_serve_machine *Sfn_store_machine_get(struct Sfn_serve_store *store,
                                                const char *arn);
void Sfn_store_machine_delete(struct Sfn_serve_store *store,
                              struct Sfn_serve_machine *m);
/* Writes M's changed definition, role or type to the database. */
enum sfn_status Sfn_store_machine_changed(struct Sfn_serve_store *store,
                                          struct Sfn_serve_machine *m);
/* The machine of database row ID (deleted ones too), or NULL. */
struct Sfn_serve_machine *Sfn_store_machine_by_id(struct Sfn_serve_store *store,
                                                  int64_t id);
/* The live machines in creation order into *OUT (the store's array, up
 * to the next change) and their count. */
size_t Sfn_store_machines(struct Sfn_serve_store *store,
                          struct Sfn_serve_machine ***out);

/* A new execution record of M, its strings copied. */
struct Sfn_serve_exec *Sfn_store_exec_new(struct Sfn_serve_machine *m,
                                          const char *arn, const char *name,
                                          const char *input);
void Sfn_store_exec_free(struct Sfn_serve_exec *e);
/* Takes E over, listed under its machine. SFN_ERR_LIMIT past
 * SFN_SERVE_MAX_EXECUTIONS. */
enum sfn_status Sfn_store_exec_add(struct Sfn_serve_store *store,
                                   struct Sfn_serve_exec *e);
struct Sfn_serve_exec *Sfn_store_exec_get(struct Sfn_serve_store *store,
                                          const char *arn);
/* Writes E's stop error and cause to the database. */
enum sfn_status Sfn_store_exec_stopped(struct Sfn_serve_store *store,
                                       struct Sfn_serve_exec *e);
/* sfn_run_opts.on_event for execution E (CTX): writes EVENT to the
 * database once E is added. */
void Sfn_store_exec_event(void *ctx, const cJSON *event);

#endif
