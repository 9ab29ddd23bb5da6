/* The server's records in SQLite: the schema (versioned), one prepared
 * statement per write, each write its own transaction, and the load of
 * every record at start. WAL journal with synchronous=NORMAL: a commit
 * survives the process being killed (not a power cut). Every sqlite3
 * status is checked. Knows nothing of HTTP or of the protocol. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve/db.h"
#include "serve/sqlite_api.h"
#include "sfn/util.h"

enum stmt {
	PUT_MACHINE,
	UPDATE_MACHINE,
	PUT_EXEC,
	STOP_EXEC,
	ADD_EVENT,
	NSTMTS
};

static const char *const sql[NSTMTS] = {
	[PUT_MACHINE] = "INSERT INTO machines (arn, name, type, role_arn, "
	                "definition, created_ms, deleted) "
	                "VALUES (?, ?, ?, ?, ?, ?, ?)",
	[UPDATE_MACHINE] = "UPDATE machines SET type = ?, role_arn = ?, "
	                   "definition = ?, deleted = ? WHERE id = ?",
	[PUT_EXEC] = "INSERT INTO executions (machine, arn, name, input, "
	             "start_ms) VALUES (?, ?, ?, ?, ?)",
	[STOP_EXEC] = "UPDATE executions SET stop_error = ?, stop_cause = ? "
	              "WHERE id = ?",
	[ADD_EVENT] = "INSERT INTO events (execution, id, event) "
	              "VALUES (?, ?, ?)",
};

static const char schema[] =
        "CREATE TABLE machines (id INTEGER PRIMARY KEY, arn TEXT NOT NULL, "
        "name TEXT NOT NULL, type TEXT NOT NULL, role_arn TEXT, "
        "definition TEXT NOT NULL, created_ms INTEGER NOT NULL, "
        "deleted INTEGER NOT NULL);"
        "CREATE TABLE executions (id INTEGER PRIMARY KEY, "
        "machine INTEGER NOT NULL REFERENCES machines (id), "
        "arn TEXT NOT NULL UNIQUE, name TEXT NOT NULL, input TEXT NOT NULL, "
        "start_ms INTEGER NOT NULL, stop_error TEXT, stop_cause TEXT);"
        "CREATE TABLE events (execution INTEGER NOT NULL "
        "REFERENCES executions (id), id INTEGER NOT NULL, "
        "event TEXT NOT NULL, PRIMARY KEY (execution, id));"
        "PRAGMA user_version = 1;";

struct Sfn_serve_db {
	sqlite3 *conn;
	sqlite3_stmt *stmts[NSTMTS];
	char error[256];
};

static enum sfn_status failed(struct Sfn_serve_db *db, const char *what)
{
	snprintf(db->error, sizeof(db->error), "%s: %s", what,
	         sqlite3_errmsg(db->conn));
	return SFN_ERR_IO;
}

const char *Sfn_db_error(const struct Sfn_serve_db *db)
{
	return db->error;
}

static int exec_sql(struct Sfn_serve_db *db, const char *text)
{
	return sqlite3_exec(db->conn, text, NULL, NULL, NULL) == SQLITE_OK;
}

/* The schema's version: 0 for a new, empty file. */
static enum sfn_status version(struct Sfn_serve_db *db, int *out)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(db->conn, "PRAGMA user_version", -1, &s,
	                            NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? SFN_OK : failed(db, "reading the version");
}

static enum sfn_status setup(struct Sfn_serve_db *db)
{
	int v = 0;

	if (sqlite3_busy_timeout(db->conn, 5000) != SQLITE_OK)
		return failed(db, "setting the database up");
	if (version(db, &v) != SFN_OK)
		return SFN_ERR_IO;
	if (v != 0 && v != SFN_SERVE_DB_VERSION) {
		snprintf(db->error, sizeof(db->error),
		         "the database has schema version %d; this sfnc "
		         "reads version %d",
		         v, SFN_SERVE_DB_VERSION);
		return SFN_ERR_IO;
	}
	if (!exec_sql(db, "PRAGMA journal_mode = WAL") ||
	    !exec_sql(db, "PRAGMA synchronous = NORMAL") ||
	    !exec_sql(db, "PRAGMA foreign_keys = ON"))
		return failed(db, "setting the database up");
	if (v == 0 && (!exec_sql(db, "BEGIN IMMEDIATE") ||
	               !exec_sql(db, schema) || !exec_sql(db, "COMMIT"))) {
		(void) exec_sql(db, "ROLLBACK");
		return failed(db, "creating the tables");
	}
	for (int i = 0; i < NSTMTS; i++)
		if (sqlite3_prepare_v3(db->conn, sql[i], -1,
		                       SQLITE_PREPARE_PERSISTENT, &db->stmts[i],
		                       NULL) != SQLITE_OK)
			return failed(db, "preparing a statement");
	return SFN_OK;
}

enum sfn_status Sfn_db_open(const char *path, struct Sfn_serve_db **out,
                            char *why, size_t len)
{
	struct Sfn_serve_db *db;
	const char *missing;
	enum sfn_status st;

	*out = NULL;
	st = Sfn_sqlite_load(&missing);
	if (st != SFN_OK) {
		snprintf(why, len, "%s", missing);
		return st;
	}
	db = calloc(1, sizeof(*db));
	if (db == NULL)
		return SFN_ERR_NOMEM;
	if (sqlite3_open_v2(path, &db->conn,
	                    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	                    NULL) != SQLITE_OK)
		st = failed(db, "opening");
	else
		st = setup(db);
	if (st != SFN_OK) {
		snprintf(why, len, "%s", db->error);
		Sfn_db_close(db);
		return st;
	}
	*out = db;
	return SFN_OK;
}

void Sfn_db_close(struct Sfn_serve_db *db)
{
	if (db == NULL)
		return;
	for (int i = 0; i < NSTMTS; i++)
		sqlite3_finalize(db->stmts[i]);
	sqlite3_close(db->conn);
	free(db);
}

/* ---- writes ------------------------------------------------------------- */

static int bind_text(sqlite3_stmt *s, int at, const char *text)
{
	if (text == NULL)
		return sqlite3_bind_null(s, at) == SQLITE_OK;
	return sqlite3_bind_text(s, at, text, -1, SQLITE_STATIC) == SQLITE_OK;
}

static int bind_int(sqlite3_stmt *s, int at, int64_t v)
{
	return sqlite3_bind_int64(s, at, v) == SQLITE_OK;
}

/* Runs statement S (bound: BOUND) as one transaction; *ID, when not
 * NULL, is the row inserted. */
static enum sfn_status run(struct Sfn_serve_db *db, enum stmt which, int bound,
                           int64_t *id)
{
	sqlite3_stmt *s = db->stmts[which];
	int rc = bound ? sqlite3_step(s) : SQLITE_ERROR;
	enum sfn_status st = SFN_OK;

	if (rc != SQLITE_DONE)
		st = failed(db, "writing");
	else if (id != NULL)
		*id = sqlite3_last_insert_rowid(db->conn);
	if (sqlite3_reset(s) != SQLITE_OK && st == SFN_OK)
		st = failed(db, "writing");
	if (sqlite3_clear_bindings(s) != SQLITE_OK && st == SFN_OK)
		st = failed(db, "writing");
	return st;
}

enum sfn_status Sfn_db_machine_put(struct Sfn_serve_db *db,
                                   struct Sfn_serve_machine *m)
{
	sqlite3_stmt *s = db->stmts[PUT_MACHINE];
	int bound = bind_text(s, 1, m->arn) && bind_text(s, 2, m->name) &&
	            bind_text(s, 3, m->type) && bind_text(s, 4, m->role_arn) &&
	            bind_text(s, 5, m->definition) &&
	            bind_int(s, 6, m->created_ms) && bind_int(s, 7, m->deleted);

	return run(db, PUT_MACHINE, bound, &m->db_id);
}

enum sfn_status Sfn_db_machine_update(struct Sfn_serve_db *db,
                                      const struct Sfn_serve_machine *m)
{
	sqlite3_stmt *s = db->stmts[UPDATE_MACHINE];
	int bound = bind_text(s, 1, m->type) && bind_text(s, 2, m->role_arn) &&
	            bind_text(s, 3, m->definition) &&
	            bind_int(s, 4, m->deleted) && bind_int(s, 5, m->db_id);

	return run(db, UPDATE_MACHINE, bound, NULL);
}

enum sfn_status Sfn_db_exec_put(struct Sfn_serve_db *db,
                                struct Sfn_serve_exec *e)
{
	sqlite3_stmt *s = db->stmts[PUT_EXEC];
	int bound = bind_int(s, 1, e->machine->db_id) &&
	            bind_text(s, 2, e->arn) && bind_text(s, 3, e->name) &&
	            bind_text(s, 4, e->input) && bind_int(s, 5, e->start_ms);

	return run(db, PUT_EXEC, bound, &e->db_id);
}

enum sfn_status Sfn_db_exec_stop(struct Sfn_serve_db *db,
                                 const struct Sfn_serve_exec *e)
{
	sqlite3_stmt *s = db->stmts[STOP_EXEC];
	int bound = bind_text(s, 1, e->stop_error) &&
	            bind_text(s, 2, e->stop_cause) && bind_int(s, 3, e->db_id);

	return run(db, STOP_EXEC, bound, NULL);
}

enum sfn_status Sfn_db_event_add(struct Sfn_serve_db *db,
                                 const struct Sfn_serve_exec *e,
                                 const cJSON *event)
{
	sqlite3_stmt *s = db->stmts[ADD_EVENT];
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(event, "id");
	char *text = cJSON_PrintUnformatted(event);
	enum sfn_status st;
	int bound;

	if (text == NULL)
		return SFN_ERR_NOMEM;
	bound = cJSON_IsNumber(id) && bind_int(s, 1, e->db_id) &&
	        bind_int(s, 2, (int64_t) id->valuedouble) &&
	        bind_text(s, 3, text);
	st = run(db, ADD_EVENT, bound, NULL);
	free(text);
	return st;
}

/* ---- loading ------------------------------------------------------------ */

static const char *column(sqlite3_stmt *s, int at)
{
	return (const char *) sqlite3_column_text(s, at);
}

/* A copy of column AT, NULL staying NULL; 0 when memory ran out. */
static int column_dup(sqlite3_stmt *s, int at, char **out)
{
	const char *t = column(s, at);

	*out = t ? strdup(t) : NULL;
	return t == NULL || *out != NULL;
}

/* The machine of the row at S, its model loaded by LOADER, added. */
static enum sfn_status load_machine(sqlite3_stmt *s,
                                    struct Sfn_serve_store *store,
                                    const struct Sfn_db_loader *loader)
{
	struct Sfn_serve_machine *m;
	enum sfn_status st;

	if (column(s, 1) == NULL || column(s, 2) == NULL ||
	    column(s, 5) == NULL)
		return SFN_ERR_IO;
	m = Sfn_store_machine_new(column(s, 1), column(s, 2), column(s, 5));
	if (m == NULL || !column_dup(s, 3, &m->type) ||
	    !column_dup(s, 4, &m->role_arn)) {
		Sfn_store_machine_free(m);
		return SFN_ERR_NOMEM;
	}
	m->db_id = sqlite3_column_int64(s, 0);
	m->created_ms = sqlite3_column_int64(s, 6);
	st = m->type ? loader->machine(loader->ctx, m) : SFN_ERR_IO;
	if (st == SFN_OK)
		st = Sfn_store_machine_add(store, m);
	if (st != SFN_OK) {
		Sfn_store_machine_free(m);
		return st;
	}
	if (sqlite3_column_int(s, 7))
		Sfn_store_machine_delete(store, m);
	return SFN_OK;
}

/* The events of execution ID, in order, as a new array. */
static enum sfn_status load_events(struct Sfn_serve_db *db, int64_t id,
                                   cJSON **out)
{
	sqlite3_stmt *s = NULL;
	cJSON *list = cJSON_CreateArray();
	enum sfn_status st = SFN_OK;
	int rc;

	*out = NULL;
	if (list == NULL)
		return SFN_ERR_NOMEM;
	rc = sqlite3_prepare_v2(db->conn,
	                        "SELECT event FROM events WHERE execution = ? "
	                        "ORDER BY id",
	                        -1, &s, NULL);
	if (rc == SQLITE_OK && !bind_int(s, 1, id))
		rc = SQLITE_ERROR;
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *t = column(s, 0);
		cJSON *ev = t ? cJSON_Parse(t) : NULL;

		if (ev == NULL || !cJSON_AddItemToArray(list, ev)) {
			cJSON_Delete(ev);
			st = t ? SFN_ERR_NOMEM : SFN_ERR_IO;
			break;
		}
		rc = SQLITE_OK;
	}
	if (st == SFN_OK && rc != SQLITE_DONE)
		st = failed(db, "reading the events");
	sqlite3_finalize(s);
	if (st != SFN_OK)
		cJSON_Delete(list);
	else
		*out = list;
	return st;
}

/* The execution of the row at S, settled by LOADER, added. */
static enum sfn_status load_exec(struct Sfn_serve_db *db, sqlite3_stmt *s,
                                 struct Sfn_serve_store *store,
                                 const struct Sfn_db_loader *loader)
{
	struct Sfn_serve_machine *m =
	        Sfn_store_machine_by_id(store, sqlite3_column_int64(s, 1));
	struct Sfn_serve_exec *e;
	cJSON *events = NULL;
	enum sfn_status st;

	if (m == NULL || column(s, 2) == NULL || column(s, 3) == NULL ||
	    column(s, 4) == NULL)
		return SFN_ERR_IO;
	e = Sfn_store_exec_new(m, column(s, 2), column(s, 3), column(s, 4));
	if (e == NULL || !column_dup(s, 6, &e->stop_error) ||
	    !column_dup(s, 7, &e->stop_cause)) {
		Sfn_store_exec_free(e);
		return SFN_ERR_NOMEM;
	}
	e->db_id = sqlite3_column_int64(s, 0);
	e->start_ms = sqlite3_column_int64(s, 5);
	st = load_events(db, e->db_id, &events);
	if (st == SFN_OK)
		st = loader->exec(loader->ctx, e, events);
	if (st == SFN_OK)
		st = Sfn_store_exec_add(store, e);
	if (st != SFN_OK)
		Sfn_store_exec_free(e);
	return st;
}

typedef enum sfn_status (*row_fn)(struct Sfn_serve_db *db, sqlite3_stmt *s,
                                  struct Sfn_serve_store *store,
                                  const struct Sfn_db_loader *loader);

static enum sfn_status machine_row(struct Sfn_serve_db *db, sqlite3_stmt *s,
                                   struct Sfn_serve_store *store,
                                   const struct Sfn_db_loader *loader)
{
	(void) db;
	return load_machine(s, store, loader);
}

/* Calls FN for each row of query TEXT. */
static enum sfn_status each_row(struct Sfn_serve_db *db, const char *text,
                                row_fn fn, struct Sfn_serve_store *store,
                                const struct Sfn_db_loader *loader)
{
	sqlite3_stmt *s = NULL;
	enum sfn_status st = SFN_OK;
	int rc = sqlite3_prepare_v2(db->conn, text, -1, &s, NULL);

	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		st = fn(db, s, store, loader);
		if (st != SFN_OK)
			break;
		rc = SQLITE_OK;
	}
	if (st == SFN_OK && rc != SQLITE_DONE)
		st = failed(db, "reading");
	else if (st == SFN_ERR_IO && db->error[0] == '\0')
		snprintf(db->error, sizeof(db->error),
		         "reading: a record is damaged");
	sqlite3_finalize(s);
	return st;
}

enum sfn_status Sfn_db_load(struct Sfn_serve_db *db,
                            struct Sfn_serve_store *store,
                            const struct Sfn_db_loader *loader)
{
	enum sfn_status st;

	/* one transaction: what settling the records writes, all or none */
	if (!exec_sql(db, "BEGIN IMMEDIATE"))
		return failed(db, "reading");
	st = each_row(db,
	              "SELECT id, arn, name, type, role_arn, definition, "
	              "created_ms, deleted FROM machines ORDER BY id",
	              machine_row, store, loader);
	if (st == SFN_OK)
		st = each_row(db,
		              "SELECT id, machine, arn, name, input, start_ms, "
		              "stop_error, stop_cause FROM executions "
		              "ORDER BY id",
		              load_exec, store, loader);
	if (st == SFN_OK && !exec_sql(db, "COMMIT"))
		st = failed(db, "writing");
	if (st != SFN_OK)
		(void) exec_sql(db, "ROLLBACK");
	return st;
}
