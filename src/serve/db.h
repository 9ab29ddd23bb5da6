/* The server's records in SQLite (--db): state machines, executions and
 * each execution's history events, written as they happen so that a
 * server killed and started again on the same file finds them all. The
 * schema is versioned (PRAGMA user_version). Knows nothing of HTTP, of
 * the protocol or of how an execution runs.
 *
 * Ownership: the handle owns its connection; records are borrowed for
 * each call. Sfn_db_load hands the records it makes to the store. */
#ifndef SFN_SERVE_DB_H
#define SFN_SERVE_DB_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "serve/store.h"
#include "sfn/status.h"

/* The version of the schema this code writes and reads. */
#define SFN_SERVE_DB_VERSION 1

struct Sfn_serve_db;

/* Opens (or creates) the database file PATH (":memory:" too).
 * SFN_ERR_IO with SQLite's message in WHY[0, LEN) when it cannot be
 * opened, is no database, or has another schema version. */
enum sfn_status Sfn_db_open(const char *path, struct Sfn_serve_db **out,
                            char *why, size_t len);
void Sfn_db_close(struct Sfn_serve_db *db);
/* The message of the last failure (SQLite's). */
const char *Sfn_db_error(const struct Sfn_serve_db *db);

/* Each write is one transaction; SFN_ERR_IO when SQLite fails. */
/* Inserts M, setting M->db_id. */
enum sfn_status Sfn_db_machine_put(struct Sfn_serve_db *db,
                                   struct Sfn_serve_machine *m);
/* Rewrites M's definition, role, type and deleted mark. */
enum sfn_status Sfn_db_machine_update(struct Sfn_serve_db *db,
                                      const struct Sfn_serve_machine *m);
/* Inserts E (its machine stored already), setting E->db_id. */
enum sfn_status Sfn_db_exec_put(struct Sfn_serve_db *db,
                                struct Sfn_serve_exec *e);
/* Rewrites E's stop error and cause (StopExecution's). */
enum sfn_status Sfn_db_exec_stop(struct Sfn_serve_db *db,
                                 const struct Sfn_serve_exec *e);
/* Appends history event EVENT of E. */
enum sfn_status Sfn_db_event_add(struct Sfn_serve_db *db,
                                 const struct Sfn_serve_exec *e,
                                 const cJSON *event);

/* What Sfn_db_load calls for each record it made, in the order they
 * were stored: a machine (ctx, M) to load its model, an execution (ctx,
 * E, EVENTS: its history array, taken over) to settle it. A status other
 * than SFN_OK stops the load. */
struct Sfn_db_loader {
	enum sfn_status (*machine)(void *ctx, struct Sfn_serve_machine *m);
	enum sfn_status (*exec)(void *ctx, struct Sfn_serve_exec *e,
	                        cJSON *events);
	void *ctx;
};

/* Reads every record into STORE (machines, then executions with their
 * events), calling LOADER for each before it is added. */
enum sfn_status Sfn_db_load(struct Sfn_serve_db *db,
                            struct Sfn_serve_store *store,
                            const struct Sfn_db_loader *loader);

#endif
