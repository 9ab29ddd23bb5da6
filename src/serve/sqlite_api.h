/* libsqlite3, opened at first use (util/dynlib.h) so that only sfnc serve
 * --db pays for loading it (about 1.4 million instructions of relocations
 * before main when linked). The server's database file includes this
 * header instead of <sqlite3.h>: the names of SQLite's functions become
 * calls through the table. Knows nothing of what is stored. */
#ifndef SFN_SERVE_SQLITE_API_H
#define SFN_SERVE_SQLITE_API_H

#include <sqlite3.h>

#include "sfn/status.h"

/* The functions we call; each slot has the type sqlite3.h declares. */
#define SFN_SQLITE_FUNCTIONS(X)                                                \
	X(bind_int64)                                                          \
	X(bind_null)                                                           \
	X(bind_text)                                                           \
	X(busy_timeout)                                                        \
	X(clear_bindings)                                                      \
	X(close)                                                               \
	X(column_int)                                                          \
	X(column_int64)                                                        \
	X(column_text)                                                         \
	X(errmsg)                                                              \
	X(exec)                                                                \
	X(finalize)                                                            \
	X(last_insert_rowid)                                                   \
	X(open_v2)                                                             \
	X(prepare_v2)                                                          \
	X(prepare_v3)                                                          \
	X(reset)                                                               \
	X(step)

#define SFN_SQLITE_SLOT(f) __typeof__(sqlite3_##f) *f;
struct Sfn_sqlite_api {
	SFN_SQLITE_FUNCTIONS(SFN_SQLITE_SLOT)
};
#undef SFN_SQLITE_SLOT

/* The table: empty until Sfn_sqlite_load succeeds. */
extern const struct Sfn_sqlite_api *const Sfn_sqlite;

/* Loads libsqlite3 (SFN_SQLITE_SONAME) once per process, before the
 * first database is opened. SFN_ERR_IO when it cannot be loaded, with
 * *WHY (static text) naming the library and the package. */
enum sfn_status Sfn_sqlite_load(const char **why);

#define sqlite3_bind_int64        (*Sfn_sqlite->bind_int64)
#define sqlite3_bind_null         (*Sfn_sqlite->bind_null)
#define sqlite3_bind_text         (*Sfn_sqlite->bind_text)
#define sqlite3_busy_timeout      (*Sfn_sqlite->busy_timeout)
#define sqlite3_clear_bindings    (*Sfn_sqlite->clear_bindings)
#define sqlite3_close             (*Sfn_sqlite->close)
#define sqlite3_column_int        (*Sfn_sqlite->column_int)
#define sqlite3_column_int64      (*Sfn_sqlite->column_int64)
#define sqlite3_column_text       (*Sfn_sqlite->column_text)
#define sqlite3_errmsg            (*Sfn_sqlite->errmsg)
#define sqlite3_exec              (*Sfn_sqlite->exec)
#define sqlite3_finalize          (*Sfn_sqlite->finalize)
#define sqlite3_last_insert_rowid (*Sfn_sqlite->last_insert_rowid)
#define sqlite3_open_v2           (*Sfn_sqlite->open_v2)
#define sqlite3_prepare_v2        (*Sfn_sqlite->prepare_v2)
#define sqlite3_prepare_v3        (*Sfn_sqlite->prepare_v3)
#define sqlite3_reset             (*Sfn_sqlite->reset)
#define sqlite3_step              (*Sfn_sqlite->step)

#endif
