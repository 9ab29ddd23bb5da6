/* The server's store of state machines and executions, behind a small
 * interface so that a database can take its place: records go in, are
 * found by ARN and listed in order. This one keeps everything in memory
 * for the life of the server. Knows nothing of HTTP or of the protocol.
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
struct sfn_mock;

struct Sfn_serve_machine {
	char *arn, *name, *type, *role_arn;
	char *definition;            /* the text as given */
	struct sfn_json_doc *doc;    /* the definition, parsed */
	struct sfn_asl_machine *asl; /* its model */
	int64_t created_ms;
	int deleted;
	struct Sfn_serve_exec **execs; /* in start order */
	size_t nexecs, cap;
};

struct Sfn_serve_exec {
	char *arn, *name;
	char *input; /* compact JSON text */
	struct Sfn_serve_machine *machine;
	int64_t start_ms, stop_ms; /* stop_ms 0 until seen ended */
	struct sfn_run *run;
	struct sfn_mock *mock;         /* its test case's, or NULL */
	char *stop_error, *stop_cause; /* StopExecution's, or NULL */
};

struct Sfn_serve_store;

enum sfn_status Sfn_store_new(struct Sfn_serve_store **out);
void Sfn_store_free(struct Sfn_serve_store *store);

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

#endif
