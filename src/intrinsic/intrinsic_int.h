/* Private to src/intrinsic/: the parsed call tree, the function table and
 * the helpers the function families share. Nothing here is part of the
 * public API; the interpreter sees only include/sfn/intrinsic.h. */
#ifndef SFN_INTRINSIC_INT_H
#define SFN_INTRINSIC_INT_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "sfn/intrinsic.h"
#include "sfn/utf8.h"
#include "sfn/util.h"

#define INTR_SERVICE_DEPTH 10    /* calls nested in one field, per the docs */
#define INTR_MAX_CHARS     10000 /* Base64Encode/Decode and Hash input */
#define INTR_MAX_RANGE     1000  /* items States.ArrayRange may produce */
#define INTR_MAX_TEXT      ((size_t) 64 << 20) /* any string result we build */

enum intr_arg_kind {
	INTR_STRING,
	INTR_NUMBER,
	INTR_TRUE,
	INTR_FALSE,
	INTR_NULL,
	INTR_PATH,
	INTR_CALL
};

struct intr_arg {
	enum intr_arg_kind kind;
	size_t pos, end; /* byte offsets in the root's text */
	const char *str; /* STRING: decoded; PATH: the path */
	const char *raw; /* STRING: between the quotes, escaped */
	size_t raw_len;
	double num;                 /* NUMBER */
	struct sfn_intrinsic *call; /* CALL */
	struct intr_arg *next;      /* while parsing only */
};

struct sfn_intrinsic {
	struct sfn_arena *arena; /* the root's; every node lives in it */
	const char *text;        /* the root's copy of the whole text */
	const char *name;        /* "States.Format" */
	size_t pos, open, end;   /* name, '(' and just past ')' */
	size_t depth;            /* 1 for the outermost call */
	size_t nargs;
	struct intr_arg **args;
};

/* ---- diagnostics (loc.c) ---------------------------------------------- */

/* The column of byte POS of TEXT, which stands at AT (NULL: column 1 of
 * line 1); columns count code points. */
unsigned Sfn_intr_col(const struct sfn_loc *at, const char *text, size_t pos);
/* Adds a diagnostic for RULE spanning bytes [POS, END) of TEXT. */
void Sfn_intr_diag(struct sfn_diags *diags, enum sfn_rule_id rule,
                   const struct sfn_loc *at, const char *text, size_t pos,
                   size_t end, const char *fmt, ...)
        __attribute__((format(printf, 7, 8)));

/* ---- the function table (eval.c) -------------------------------------- */

enum intr_type { T_ANY, T_STRING, T_NUMBER, T_ARRAY, T_OBJECT };

struct intr_ctx {
	const struct sfn_intrinsic *call; /* the call being evaluated */
	const struct sfn_intrinsic *root; /* named in error causes */
	const struct sfn_intrinsic_env *env;
	struct sfn_error *err;
};

/* A handler may take values out of ARGV (leaving NULL); eval frees the
 * rest. On success it stores a new value in *OUT. */
typedef enum sfn_status intr_fn(struct intr_ctx *c, cJSON **argv, size_t argc,
                                cJSON **out);

#define INTR_MANY ((size_t) -1)

struct intr_func {
	const char *name;
	size_t min, max;         /* argument count; INTR_MANY: no limit */
	enum intr_type types[3]; /* of the first three arguments */
	intr_fn *run;
};

const struct intr_func *Sfn_intr_lookup(const char *name);
const struct intr_func *Sfn_intr_func_at(size_t i); /* NULL past the end */
enum intr_type Sfn_intr_arg_type(const struct intr_func *f, size_t i);

/* Fails the evaluation with States.Runtime and a detail; returns
 * SFN_ERR_FAILED (SFN_ERR_NOMEM when the message cannot be built). */
enum sfn_status Sfn_intr_fail(struct intr_ctx *c, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
/* "Invalid arguments in States.<Fn>", the service's wording. */
enum sfn_status Sfn_intr_invalid(struct intr_ctx *c);
/* Makes B's text the result (freeing B); a buffer past its cap fails the
 * evaluation, one out of memory returns SFN_ERR_NOMEM. */
enum sfn_status Sfn_intr_take_string(struct intr_ctx *c, struct sfn_buf *b,
                                     cJSON **out);
/* Fills BUF from the environment's generator or OpenSSL; 1 on success. */
int Sfn_intr_random(struct intr_ctx *c, unsigned char *buf, size_t n);

/* ---- the eighteen functions -------------------------------------------- */

intr_fn Sfn_intr_array, Sfn_intr_array_partition, Sfn_intr_array_contains,
        Sfn_intr_array_range, Sfn_intr_array_get_item, Sfn_intr_array_length,
        Sfn_intr_array_unique, Sfn_intr_json_merge, Sfn_intr_format,
        Sfn_intr_string_split, Sfn_intr_string_to_json, Sfn_intr_json_to_string,
        Sfn_intr_base64_encode, Sfn_intr_base64_decode, Sfn_intr_hash,
        Sfn_intr_math_add, Sfn_intr_math_random, Sfn_intr_uuid;

/* ---- numbers (fn_math.c) ------------------------------------------------ */

/* Java's (int) cast, refusing what does not fit: 1 when V is a number
 * whose truncation lies in int32. */
int Sfn_intr_trunc_int(const cJSON *v, int32_t *out);
/* Java's Math.round (ties toward +inf), refusing what leaves int32. */
int Sfn_intr_round_int(double d, int32_t *out);

/* Whether States.Hash knows algorithm NAME (fn_encode.c). */
int Sfn_intr_hash_known(const char *name);

/* ---- Format templates (fn_string.c) ------------------------------------ */

enum intr_tmpl { TMPL_OK, TMPL_OPEN, TMPL_CLOSE, TMPL_COUNT };

/* Expands template S[0,N) with VALS into OUT, or only counts its
 * placeholders when VALS is NULL. ESCAPES: S is a literal's raw text, in
 * which a backslash makes the next character literal. *COUNT receives the
 * placeholders seen; *BAD the offset of a stray brace. */
enum intr_tmpl Sfn_intr_template(const char *s, size_t n, int escapes,
                                 cJSON *const *vals, size_t nvals,
                                 struct sfn_buf *out, size_t *count,
                                 size_t *bad);

/* ---- rendering (render.c) ----------------------------------------------- */

/* Java toString() of the value the service would hold: strings bare,
 * objects {k=v, k2=v2}, arrays [a, b]. Format arguments, Hash data. */
void Sfn_intr_render_java(const cJSON *v, struct sfn_buf *out);
/* Compact JSON as Jackson writes it (JsonToString). */
void Sfn_intr_render_json(const cJSON *v, struct sfn_buf *out);

/* ---- Java collections (javahash.c) -------------------------------------- */

int32_t Sfn_intr_java_hash(const cJSON *v);
int Sfn_intr_java_equal(const cJSON *a, const cJSON *b);
/* Orders N values as a java.util.HashSet built from them would iterate,
 * dropping duplicates; MAP 0 sizes the table like new HashSet<>(list).
 * MAP 1 orders object members by name instead, as a new HashMap<>()
 * filled one put at a time would (a repeated name keeps its first place).
 * Fills ORDER (N slots) with indexes into VALS; returns how many, or
 * (size_t)-1 when memory ran out. */
size_t Sfn_intr_hash_order(cJSON *const *vals, size_t n, int map,
                           size_t *order);

/* Java's String.length of S: UTF-16 code units (javahash.c). */

#endif
