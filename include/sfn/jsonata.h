/* JSONata 2.x: parse an expression once into a compiled form, then
 * evaluate it against any number of inputs. Knows nothing of ASL, states
 * or the interpreter: Step Functions' $states variable is an ordinary
 * binding here.
 *
 * Ownership: a struct sfn_jsonata belongs to the caller
 * (sfn_jsonata_free). Inputs and bindings are borrowed for the length of
 * one call and never changed. A result is a new cJSON tree the caller owns
 * (cJSON_Delete), or NULL when the expression yields nothing ("undefined"
 * in JSONata's terms). Errors are values of struct sfn_jsonata_error,
 * which owns nothing. */
#ifndef SFN_JSONATA_H
#define SFN_JSONATA_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "sfn/status.h"

#define SFN_JSONATA_MAX_LENGTH  65536 /* bytes in one expression */
#define SFN_JSONATA_MAX_NESTING 200   /* syntactic nesting when parsing */
#define SFN_JSONATA_MAX_DEPTH   500   /* evaluation depth (U1001 past it) */
#define SFN_JSONATA_MAX_STEPS   50000000UL /* evaluated nodes (U1001) */
#define SFN_JSONATA_MAX_MEMORY  ((size_t) 256 << 20) /* arena bytes */
#define SFN_JSONATA_MAX_WIDTH   1024 /* a date/time marker's width (U1003) */
/* Syntax depth to which the engine follows what an expression reads of
 * its input, so as to copy only that; past it the whole input is copied. */
#define SFN_JSONATA_MAX_READ_DEPTH 400

/* JSONata's error: CODE is the reference implementation's ("S0202",
 * "T2001", "D3001", "U1001", ...), POSITION the byte offset in the
 * expression just past the offending token (0 when unknown), MESSAGE an
 * English sentence. */
struct sfn_jsonata_error {
	char code[8];      /* NUL-terminated */
	size_t position;   /* byte offset in the expression */
	char message[256]; /* NUL-terminated, possibly truncated */
};

/* What one evaluation may spend. Zero fields take the defaults above.
 * Past MAX_DEPTH (stack overflow), TIME_MS (0: no bound) or MAX_STEPS
 * (timeout) evaluation stops with "U1001", the code the reference's test
 * harness gives both; past MAX_MEMORY with "U1003". */
struct sfn_jsonata_budget {
	size_t max_depth;        /* nested evaluations */
	unsigned long max_steps; /* evaluated nodes in all */
	size_t max_memory;       /* bytes of evaluation arena */
	unsigned long time_ms;   /* wall clock, 0 for none */
};

struct sfn_jsonata;

/* Which functions an evaluation sees. STATES is Step Functions' dialect:
 * JSONata 2.0 without $eval, plus $partition, $range, $hash, $random with
 * an optional seed, $uuid and $parse (docs/jsonata.md). */
enum sfn_jsonata_dialect { SFN_JSONATA_STANDARD, SFN_JSONATA_STATES };

#define SFN_JSONATA_MAX_RANGE 1000 /* members of one $range result */

/* How to evaluate. BUDGET may be NULL for the defaults. RANDOM, when
 * not NULL, fills BUF with N random bytes and returns 1 ($uuid and
 * $random without a seed in the STATES dialect); without it they come
 * from OpenSSL. */
struct sfn_jsonata_opts {
	enum sfn_jsonata_dialect dialect;
	const struct sfn_jsonata_budget *budget;
	int (*random)(void *ctx, unsigned char *buf, size_t n);
	void *random_ctx;
};

/* Parses EXPR (LEN bytes, UTF-8). On a syntax error fills ERR (when not
 * NULL) and returns SFN_ERR_SYNTAX; SFN_ERR_LIMIT past
 * SFN_JSONATA_MAX_LENGTH bytes or SFN_JSONATA_MAX_NESTING levels (ERR
 * then says S0xxx too). */
enum sfn_status sfn_jsonata_parse(const char *expr, size_t len,
                                  struct sfn_jsonata **out,
                                  struct sfn_jsonata_error *err);
void sfn_jsonata_free(struct sfn_jsonata *expr);

/* Whether EXPR calls the variable $NAME ($NAME(...), NAME without the
 * '$'); *POSITION is then the byte offset of the first such call's '$'.
 * A function bound to that name in the expression counts too: this is
 * what the text says, not what evaluation will find. */
int sfn_jsonata_find_call(const struct sfn_jsonata *expr, const char *name,
                          size_t *position);

/* Evaluates EXPR with INPUT (NULL: undefined) as its context. BINDINGS,
 * when not NULL, is an object whose members become variables ($name).
 * BUDGET may be NULL for the defaults. On success *RESULT is a new tree or
 * NULL (undefined). A JSONata error fills ERR and returns SFN_ERR_SYNTAX;
 * a spent budget returns SFN_ERR_LIMIT with ERR set (U1001 for depth). */
enum sfn_status sfn_jsonata_eval(const struct sfn_jsonata *expr,
                                 const cJSON *input, const cJSON *bindings,
                                 const struct sfn_jsonata_budget *budget,
                                 cJSON **result, struct sfn_jsonata_error *err);

/* sfn_jsonata_eval over the JSON document TEXT[0, LEN) (TEXT[LEN] must be
 * a NUL, as sfn_read_file leaves it) instead of a tree: only the members
 * the expression can read are built, with no cJSON tree in between, so
 * that an expression over a large document needs little more memory than
 * the text and what it reads. TEXT is read as sfn_json_parse reads it;
 * when it is not JSON, SFN_ERR_SYNTAX with an empty ERR code (the JSON
 * reader then says where). */
enum sfn_status sfn_jsonata_eval_text(const struct sfn_jsonata *expr,
                                      const char *text, size_t len,
                                      const cJSON *bindings,
                                      const struct sfn_jsonata_budget *budget,
                                      cJSON **result,
                                      struct sfn_jsonata_error *err);

/* Where a result goes as JSON text: WRITE is given it piece by piece
 * (CTX its first argument) and returns 0 when it took them. */
struct sfn_jsonata_sink {
	int (*write)(void *ctx, const char *text, size_t len);
	void *ctx;
};

/* sfn_jsonata_eval and sfn_jsonata_eval_text with the result written to
 * SINK as compact JSON (the bytes sfn_jsonout_value prints for the tree
 * they would return; nothing when it is undefined) instead of built as a
 * cJSON tree: a large result needs neither the tree nor all its text at
 * once. SFN_ERR_IO when the sink fails; a failed evaluation writes
 * nothing. SINK NULL drops the result unwritten. */
enum sfn_status sfn_jsonata_eval_write(const struct sfn_jsonata *expr,
                                       const cJSON *input,
                                       const cJSON *bindings,
                                       const struct sfn_jsonata_budget *budget,
                                       const struct sfn_jsonata_sink *sink,
                                       struct sfn_jsonata_error *err);
enum sfn_status sfn_jsonata_eval_text_write(
        const struct sfn_jsonata *expr, const char *text, size_t len,
        const cJSON *bindings, const struct sfn_jsonata_budget *budget,
        const struct sfn_jsonata_sink *sink, struct sfn_jsonata_error *err);

/* sfn_jsonata_eval_text_write over the JSON document in the file PATH
 * ("-": standard input), mapped rather than read where it can be
 * (sfn_map_file): the pages already read leave memory as reading goes
 * on, so that the document does not stay in memory whole. SFN_ERR_IO
 * (errno set, ERR's code empty) when the file cannot be read,
 * SFN_ERR_LIMIT past SFN_JSON_MAX_BYTES. */
enum sfn_status sfn_jsonata_eval_file_write(
        const struct sfn_jsonata *expr, const char *path, const cJSON *bindings,
        const struct sfn_jsonata_budget *budget,
        const struct sfn_jsonata_sink *sink, struct sfn_jsonata_error *err);

/* Where sfn_jsonata_eval_file binds a document: the member MEMBER of the
 * object that is the value of $VAR (Step Functions' $states.input is
 * { "states", "input" }). */
struct sfn_jsonata_place {
	const char *var;    /* the variable's name, without the '$' */
	const char *member; /* a key of its object */
};

/* sfn_jsonata_eval_opts over the JSON document in the file PATH, read as
 * sfn_jsonata_eval_file_write reads it, which is not the input (there is
 * none: $ is undefined) but the value of AT's member of the object bound
 * to $VAR: BINDINGS' member VAR, whose member of that name, when it has
 * one, is replaced in its place (a new object when VAR is no object).
 * Only what the expression can read through $VAR is built; where that
 * cannot be told, the whole document is. The file's troubles are
 * SFN_ERR_IO (errno set), SFN_ERR_LIMIT past SFN_JSON_MAX_BYTES and
 * SFN_ERR_SYNTAX when it is not JSON, each with ERR's code empty. */
enum sfn_status sfn_jsonata_eval_file(const struct sfn_jsonata *expr,
                                      const char *path,
                                      const struct sfn_jsonata_place *at,
                                      const cJSON *bindings,
                                      const struct sfn_jsonata_opts *opts,
                                      cJSON **result,
                                      struct sfn_jsonata_error *err);

/* sfn_jsonata_eval with OPTS (NULL: the standard dialect, default
 * budget). */
enum sfn_status sfn_jsonata_eval_opts(const struct sfn_jsonata *expr,
                                      const cJSON *input, const cJSON *bindings,
                                      const struct sfn_jsonata_opts *opts,
                                      cJSON **result,
                                      struct sfn_jsonata_error *err);

/* Appends the text JavaScript prints for D (String(d)): shortest
 * round-trip digits, exponent form from 1e21 up and below 1e-6, "-0" as
 * "0". At most 32 bytes with the NUL. Returns the length. */
size_t sfn_jsonata_number_text(double d, char out[32]);

#endif
