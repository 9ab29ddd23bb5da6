/* Intrinsic functions: parsing and evaluating the eighteen States.*
 * functions of the JSONPath query language, with the service's results,
 * limits and errors. Knows nothing of the interpreter: path arguments are
 * resolved through a callback the caller supplies.
 *
 * Ownership: a parsed call (struct sfn_intrinsic) belongs to the caller,
 * freed with sfn_intrinsic_free. Every cJSON value handed out is a new tree
 * the caller owns; values the resolver returns are taken over (freed by the
 * evaluator). Error strings in struct sfn_error are malloc'd and
 * freed with sfn_error_clear. */
#ifndef SFN_INTRINSIC_H
#define SFN_INTRINSIC_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "sfn/diag.h"

#define SFN_INTRINSIC_MAX_DEPTH 32 /* nesting of calls inside calls */

struct sfn_intrinsic;

/* Parses TEXT, the whole string value of a "key.$" field such as
 * "States.Format('Hi {}', $.name)". AT is where TEXT's first character
 * stands in the source (NULL: unknown); diagnostics point at AT plus the
 * offending character's column. Returns SFN_OK, SFN_ERR_SYNTAX (with a
 * diagnostic) or SFN_ERR_NOMEM. */
enum sfn_status sfn_intrinsic_parse(const char *text, const struct sfn_loc *at,
                                    struct sfn_diags *diags,
                                    struct sfn_intrinsic **call);

/* Whether TEXT looks like an intrinsic call (starts with "States."). */
int sfn_intrinsic_is_call(const char *text);

/* Definition-time checks on a parsed call and every nested call: unknown
 * function, wrong argument count, literal arguments of the wrong type.
 * Adds diagnostics; returns the number of errors added. */
size_t sfn_intrinsic_check(const struct sfn_intrinsic *call,
                           const struct sfn_loc *at, struct sfn_diags *diags);

struct sfn_intrinsic_env {
	/* Resolves a path argument: "$.x", "$$.Execution.Id", "$name.y".
	 * On success stores a new value in *VALUE (taken over) and returns
	 * SFN_OK; on failure fills ERR and returns SFN_ERR_FAILED. */
	enum sfn_status (*resolve)(void *ctx, const char *path, cJSON **value,
	                           struct sfn_error *err);
	/* Fills BUF with N random bytes (States.UUID, States.MathRandom
	 * without a seed). NULL: OpenSSL's RAND_bytes. */
	int (*random)(void *ctx, unsigned char *buf, size_t n);
	void *ctx;
};

/* Evaluates CALL. SFN_OK: *RESULT holds a new value. Otherwise ERR says
 * which error the service raises and why (SFN_ERR_FAILED), or memory ran
 * out (SFN_ERR_NOMEM). */
enum sfn_status sfn_intrinsic_eval(const struct sfn_intrinsic *call,
                                   const struct sfn_intrinsic_env *env,
                                   cJSON **result, struct sfn_error *err);

void sfn_intrinsic_free(struct sfn_intrinsic *call);

/* Calls FN with the text of every path argument of CALL and of the calls
 * nested in it, in order, as the resolver will receive it; stops at the
 * first status FN returns other than SFN_OK and returns it. */
typedef enum sfn_status sfn_intrinsic_path_fn(void *ctx, const char *path);
enum sfn_status sfn_intrinsic_each_path(const struct sfn_intrinsic *call,
                                        sfn_intrinsic_path_fn *fn, void *ctx);

#endif
