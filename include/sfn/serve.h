/* sfnc serve: the Step Functions API in the AWS JSON 1.0 protocol over
 * the interpreter, on the process's one event loop. State machines and
 * executions live in a store; each execution is an sfn_run on the loop,
 * so many run at once without a thread each. Knows nothing of the
 * command line; the HTTP transport is one file (src/serve/http.c).
 *
 * Ownership: a server borrows the loop, the MockConfigFile document and
 * the integrations (all must outlive it); it owns its machines, its
 * executions and their histories, and sfn_serve_free aborts the
 * executions still running (with a database they stay RUNNING there,
 * to be found ABORTED by the next server on it). A reply's body belongs to the
 * caller. */
#ifndef SFN_SERVE_H
#define SFN_SERVE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "sfn/diag.h"
#include "sfn/integration.h"
#include "sfn/json.h"
#include "sfn/loop.h"
#include "sfn/sigv4.h"
#include "sfn/util.h"

/* Named limits. */
#define SFN_SERVE_MAX_BODY                                                     \
	1048576 /* bytes of a request body, as the service's quota:            \
	           413 RequestEntityTooLargeException */
#define SFN_SERVE_MAX_HEADERS                                                  \
	16384 /* bytes of a request's line and headers: 431                    \
	         RequestHeaderSectionTooLarge */
#define SFN_SERVE_MAX_CONNECTIONS 256  /* clients connected at once */
#define SFN_SERVE_MAX_RESULTS     1000 /* maxResults of a listing */
#define SFN_SERVE_DEFAULT_RESULTS 100  /* maxResults when not given */
#define SFN_SERVE_MAX_MACHINES                                                 \
	10000 /* state machines: StateMachineLimitExceeded */
#define SFN_SERVE_MAX_EXECUTIONS                                               \
	1000000                /* executions kept: ExecutionLimitExceeded */
#define SFN_SERVE_MAX_DEPTH 64 /* nesting of a request's JSON body */
#define SFN_SERVE_TEST_MAX_SECONDS                                             \
	300 /* a TestState run, as the service's: then States.Timeout */

/* The error of an execution that was running when the server stopped,
 * found by a server started again on the same database: it is ABORTED,
 * its history ends with an ExecutionAborted event with this error and
 * a cause that says why. */
#define SFN_SERVE_RESTART_ERROR "sfnc.ServerStopped"

struct sfn_serve;

struct sfn_serve_opts {
	const char *region;  /* of every ARN; NULL: us-east-1 */
	const char *account; /* of every ARN; NULL: 123456789012 */
	/* A MockConfigFile: StartExecution on "ARN#CASE" runs test case
	 * CASE of the machine (by its name there); NULL: none. */
	const struct sfn_json_doc *mock;
	const struct sfn_integrations *integrations; /* may be NULL */
	size_t max_body;                             /* 0: SFN_SERVE_MAX_BODY */
	/* --require-sigv4: every request must carry a Signature Version 4
	 * made with these credentials (borrowed); NULL: none is checked. */
	const struct sfn_sigv4_credentials *require_sigv4;
};

struct sfn_serve_reply;

/* Receives a reply that sfn_serve_handle left pending (REPLY->body is
 * the callee's to free), from the loop. */
typedef void (*sfn_serve_done_fn)(void *ctx, struct sfn_serve_reply *reply);

/* A request as the transport received it. BODY[LEN] must be a NUL byte
 * that is not part of the body. */
struct sfn_serve_request {
	const char *method;       /* "POST" */
	const char *path;         /* "/" */
	const char *target;       /* X-Amz-Target, or NULL */
	const char *content_type; /* Content-Type, or NULL */
	const char *body;
	size_t len;
	int too_large; /* the body passed max_body and was not kept */
	/* For an answer that waits (StartSyncExecution): DONE(DONE_CTX,
	 * reply) gets it later; NULL: such an operation answers 500. */
	sfn_serve_done_fn done;
	void *done_ctx;
	/* Every header as received (for require_sigv4); may be NULL. */
	const struct sfn_sigv4_header *headers;
	size_t nheaders;
	/* The request line and headers as received, in bytes; past
	 * SFN_SERVE_MAX_HEADERS the answer is 431. 0: not counted. */
	size_t header_bytes;
};

struct sfn_serve_reply {
	unsigned status; /* HTTP status: 200, 400, 413, 431, 500; 0: pending */
	struct sfn_buf body; /* JSON text; the caller frees it */
};

/* A server on LOOP (borrowed). SFN_ERR_USAGE for a region or account
 * other than 1 to 32 lower-case letters, digits and '-'; SFN_ERR_NOMEM. */
enum sfn_status sfn_serve_new(const struct sfn_serve_opts *opts,
                              struct sfn_loop *loop, struct sfn_serve **out);
void sfn_serve_free(struct sfn_serve *srv);

/* Keeps the server's machines, executions and histories in the SQLite
 * file PATH (created when missing) from now on, every change written
 * as it happens; first reads back what it holds: the machines, and the
 * executions with their histories, those that were running ended as
 * ABORTED (SFN_SERVE_RESTART_ERROR). Call it before any machine is
 * added. SFN_ERR_IO with the reason in WHY[0, LEN) when the file cannot
 * be opened, is no database of this schema, or a record is damaged;
 * SFN_ERR_USAGE when the server holds records already; SFN_ERR_NOMEM.
 * After a failed write the server answers 500 to every request. */
enum sfn_status sfn_serve_open_db(struct sfn_serve *srv, const char *path,
                                  char *why, size_t len);

/* Answers REQ as the service would: REPLY is initialised here, its body
 * the operation's result or an error shape {"__type", "message"}. Never
 * fails: a failure of the server itself (memory) is a 500 reply. An
 * operation that waits (StartSyncExecution) leaves REPLY pending (status
 * 0, an empty body) and calls REQ->done once with the answer. */
void sfn_serve_handle(struct sfn_serve *srv,
                      const struct sfn_serve_request *req,
                      struct sfn_serve_reply *reply);
/* Forgets the pending reply of DONE_CTX (its client went): its done
 * function is not called. */
void sfn_serve_cancel(struct sfn_serve *srv, void *done_ctx);

/* Creates state machine NAME from DEF (copied) as CreateStateMachine
 * does; TEMPLATE: DEF comes from a CloudFormation template ("${...}"
 * values stand for unknown ones). Its findings go to DIAGS. *ARN is the
 * machine's ARN (the server's). SFN_ERR_SYNTAX for a definition with
 * errors, SFN_ERR_USAGE for a name the service refuses or one taken by
 * another definition, SFN_ERR_LIMIT, SFN_ERR_NOMEM. */
enum sfn_status sfn_serve_add_machine(struct sfn_serve *srv, const char *name,
                                      const cJSON *def, int template,
                                      struct sfn_diags *diags,
                                      const char **arn);

/* Listens on HOST (an IPv4 or IPv6 address; NULL: 127.0.0.1) and PORT
 * (0: any free one) with the request limits above, serving requests from
 * the loop. SFN_ERR_USAGE for a HOST that is no address, SFN_ERR_IO
 * when the socket cannot be bound (errno) or libmicrohttpd, opened at
 * first use, cannot be loaded, each with a message in *WHY (static
 * text). */
enum sfn_status sfn_serve_listen(struct sfn_serve *srv, const char *host,
                                 unsigned port, const char **why);
/* The port listened on, once listening; else 0. */
unsigned sfn_serve_port(const struct sfn_serve *srv);

#endif
