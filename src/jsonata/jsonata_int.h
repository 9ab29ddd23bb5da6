/* Private to src/jsonata: the value model, the syntax tree, the
 * evaluation context and the functions the engine's files share (prefix
 * jn_). Knows nothing of ASL or the interpreter.
 *
 * Values live in the evaluation arena; NULL is JSONata's "undefined". A
 * sequence is an array value flagged JN_SEQ: paths produce them and they
 * collapse to their one member (unless JN_KEEP) when a node's value is
 * taken. */
#ifndef SFN_JSONATA_INT_H
#define SFN_JSONATA_INT_H

#include <stddef.h>

#include "sfn/jsonata.h"
#include "sfn/util.h"

/* ---- values ------------------------------------------------------------ */

enum jn_kind { JN_NULL, JN_BOOL, JN_NUM, JN_STR, JN_ARR, JN_OBJ, JN_FN };

#define JN_SEQ   1u  /* a sequence, not a JSON array */
#define JN_KEEP  2u  /* a singleton sequence stays an array */
#define JN_CONS  4u  /* made by an array constructor: not flattened */
#define JN_OUTER 8u  /* the wrapper around an array input */
#define JN_TUPLE 16u /* a stream of tuples (focus/index bindings) */

struct jn_val;
struct jn_fn;

struct jn_member {
	const char *key; /* NUL-terminated */
	struct jn_val *val;
};

struct jn_val {
	enum jn_kind kind;
	unsigned flags; /* JN_SEQ, ... */
	union {
		int b;
		double n;
		struct {
			const char *s; /* NUL-terminated too */
			size_t len;
		} str;
		struct {
			struct jn_val **v;
			size_t n, cap;
		} arr;
		struct {
			struct jn_member *m;
			size_t n, cap;
		} obj;
		struct jn_fn *fn;
	} u;
};

/* ---- syntax tree --------------------------------------------------------- */

enum jn_ntype {
	N_PATH,
	N_BINARY,
	N_NEG,
	N_ARRAY,
	N_OBJECT,
	N_NAME,
	N_STRING,
	N_NUMBER,
	N_VALUE, /* true, false, null: VAL */
	N_WILDCARD,
	N_DESCENDANT,
	N_PARENT,
	N_CONDITION,
	N_BLOCK,
	N_BIND,
	N_REGEX,
	N_CALL,
	N_PARTIAL,
	N_PLACEHOLDER,
	N_VARIABLE,
	N_LAMBDA,
	N_APPLY,
	N_TRANSFORM,
	N_SORT,
	N_FILTER, /* a predicate stage: LHS */
	N_INDEX,  /* an index binding stage: STR */
	/* raw forms, only between the parser and Sfn_jn_process */
	N_RAW_DOT,
	N_RAW_PRED,
	N_RAW_GROUP,
	N_RAW_FOCUS,
	N_RAW_INDEX,
	N_RAW_SORT,
	N_RAW_OPERATOR
};

enum jn_op {
	OP_NONE,
	OP_ADD,
	OP_SUB,
	OP_MUL,
	OP_DIV,
	OP_MOD,
	OP_EQ,
	OP_NE,
	OP_LT,
	OP_LE,
	OP_GT,
	OP_GE,
	OP_AND,
	OP_OR,
	OP_CONCAT,
	OP_RANGE,
	OP_IN,
	OP_ELVIS,
	OP_COALESCE
};

struct jn_sig;

/* Where a parent operator '%' finds its value: the input of the step
 * LEVEL steps up, bound under LABEL in the tuple stream. */
struct jn_slot {
	char label[16]; /* "!0", "!1", ... */
	int level;
	size_t index; /* in the context's ancestry list */
};

struct jn_slots {
	struct jn_slot **v;
	size_t n, cap;
};

struct jn_list {
	struct jn_node **v;
	size_t n, cap;
};

struct jn_node {
	enum jn_ntype type;
	enum jn_op op;
	size_t pos;            /* byte offset just past the token */
	const char *str;       /* name, string, variable, focus */
	size_t len;            /* of STR */
	double num;            /* number literal */
	struct jn_val *val;    /* literal value (N_VALUE, N_STRING, ...) */
	struct jn_node *lhs;   /* operands, condition, procedure, pattern */
	struct jn_node *rhs;   /* operand, then-branch, update, body */
	struct jn_node *third; /* else-branch, delete clause */
	struct jn_list items;  /* steps, block parts, args, pairs, terms */
	struct jn_list stages; /* filters and index bindings of a step */
	struct jn_list preds;  /* predicates of a non-step node */
	struct jn_node *group; /* group-by object constructor (N_OBJECT) */
	const char *focus;     /* @ binding */
	const char *index;     /* # binding */
	struct jn_sig *sig;    /* lambda signature */
	void *re;              /* compiled regex (pcre2_code) */
	unsigned keep_array : 1, cons_array : 1, tuple : 1, keep_singleton : 1,
	        descending : 1, thunk : 1;
	struct jn_node *memo;     /* the processed form of a raw node */
	struct jn_slot *slot;     /* parent operator: its binding */
	struct jn_slot *ancestor; /* a step binding its input for '%' */
	struct jn_slots *seeking; /* parent slots not yet resolved */
};

/* ---- errors and context -------------------------------------------------- */

struct jn_env;

struct jn_ctx {
	struct sfn_arena *arena;
	struct sfn_jsonata_error *err;
	struct jn_env *global;
	size_t depth, max_depth;
	unsigned long steps, max_steps;
	size_t max_memory;
	double deadline;         /* monotonic seconds, 0 for none */
	struct jn_list *regexes; /* regex nodes made while parsing */
	struct jn_list *calls;   /* variables called while parsing */
	struct jn_list ancestry; /* parent operator nodes, by slot index */
	struct jn_sig **bsigs;   /* built-ins' parsed signatures */
	unsigned long long seed; /* $random's generator state */
	const struct sfn_jsonata_opts *opts; /* dialect, random source */
	unsigned long pins;      /* made to outlive any scratch (scratch.c) */
	struct sfn_arena *spare; /* the scratch's copies go through, or NULL */
	int failed;              /* an error is recorded in ERR */
	int limit;               /* the error is a spent budget */
};

/* Records the error CODE at POS with a printf-style message; returns -1
 * so that callers may write "return Sfn_jn_fail(...)". */
int Sfn_jn_fail(struct jn_ctx *c, const char *code, size_t pos, const char *fmt,
                ...) __attribute__((format(printf, 4, 5)));
int Sfn_jn_nomem(struct jn_ctx *c);
void Sfn_jn_set_deadline(struct jn_ctx *c, unsigned long ms);

/* ---- values (value.c) ---------------------------------------------------- */

struct jn_val *Sfn_jn_new(struct jn_ctx *c, enum jn_kind kind);
/* Grows the arena array *V (N used, *CAP slots of SIZE bytes) so that
 * it holds one more. */
int Sfn_jn_grow(struct jn_ctx *c, void **v, size_t n, size_t *cap, size_t size);
/* Makes the text in B (then freed) a string value. */
int Sfn_jn_take_text(struct jn_ctx *c, struct sfn_buf *b, struct jn_val **out);
/* Writes code point CH as UTF-8 (lone surrogates too); the byte count. */
size_t Sfn_jn_utf8_put(unsigned long ch, char u[4]);
struct jn_val *Sfn_jn_num(struct jn_ctx *c, double n);
struct jn_val *Sfn_jn_bool(struct jn_ctx *c, int b);
struct jn_val *Sfn_jn_null(struct jn_ctx *c);
struct jn_val *Sfn_jn_strn(struct jn_ctx *c, const char *s, size_t len);
struct jn_val *Sfn_jn_str(struct jn_ctx *c, const char *s);
struct jn_val *Sfn_jn_arr(struct jn_ctx *c);
struct jn_val *Sfn_jn_seq(struct jn_ctx *c);
struct jn_val *Sfn_jn_obj(struct jn_ctx *c);
int Sfn_jn_push(struct jn_ctx *c, struct jn_val *a, struct jn_val *v);
int Sfn_jn_set(struct jn_ctx *c, struct jn_val *o, const char *key,
               struct jn_val *v);
struct jn_val *Sfn_jn_get(const struct jn_val *o, const char *key);
int Sfn_jn_del(struct jn_val *o, const char *key);
int Sfn_jn_is_arr(const struct jn_val *v);
int Sfn_jn_is_num(const struct jn_val *v);
int Sfn_jn_is_str(const struct jn_val *v);
int Sfn_jn_is_fn(const struct jn_val *v);
int Sfn_jn_is_obj(const struct jn_val *v);
/* Deep equality as JSONata's isDeepEqual: numbers by value. */
int Sfn_jn_equal(const struct jn_val *a, const struct jn_val *b);
struct jn_val *Sfn_jn_from_cjson(struct jn_ctx *c, const cJSON *j);
/* A new cJSON tree for V; functions become "" as JSON.stringify would
 * drop them. NULL with ERR set when memory runs out. */
int Sfn_jn_to_cjson(struct jn_ctx *c, const struct jn_val *v, cJSON **out);
/* Makes ROOM, N elements or members, the table of the array or object V
 * at its exact size. */
void Sfn_jn_set_table(struct jn_val *v, void *room, size_t n);
struct jn_val *Sfn_jn_copy(struct jn_ctx *c, const struct jn_val *v);
/* A copy of array or object V with a table of its own, its members
 * shared. */
struct jn_val *Sfn_jn_shallow(struct jn_ctx *c, const struct jn_val *v);
/* Writes V (NULL: nothing) to SINK as compact JSON, the text
 * sfn_jsonout prints for Sfn_jn_to_cjson's tree (write.c). */
enum sfn_status Sfn_jn_write(struct jn_ctx *c, const struct jn_val *v,
                             const struct sfn_jsonata_sink *sink);
/* A sequence holding V, undefined included (createSequence(v)). */
struct jn_val *Sfn_jn_seq_of(struct jn_ctx *c, struct jn_val *v);
/* Appends V to sequence/array A flattening V one level if an array. */
int Sfn_jn_append_flat(struct jn_ctx *c, struct jn_val *a, struct jn_val *v);
/* $append semantics: a new array. */
struct jn_val *Sfn_jn_append(struct jn_ctx *c, struct jn_val *a,
                             struct jn_val *b);
/* A sequence's value as a node yields it: empty → undefined, one member
 * → that member (unless JN_KEEP). */
struct jn_val *Sfn_jn_collapse(struct jn_val *v);
/* JSONata's $boolean; -1 for functions (false). */
int Sfn_jn_truthy(const struct jn_val *v);
/* String(d) as JavaScript prints it. */
size_t Sfn_jn_numtext(double d, char out[32]);
/* $string's rendering of V into B (JSON.stringify with JSONata's number
 * rules; PRETTY indents by two). */
int Sfn_jn_stringify(struct jn_ctx *c, const struct jn_val *v, int pretty,
                     struct sfn_buf *b);
/* $string of V: strings as they are, functions as "", the rest as
 * compact JSON (PRETTY: indented); D3001 for non-finite numbers. */
int Sfn_jn_string_of(struct jn_ctx *c, struct jn_val *v, int pretty,
                     struct jn_val **out);
/* The byte offset of UTF-16 index U in the UTF-8 text S. */
size_t Sfn_jn_u16_to_byte(const char *s, size_t len, double u);
/* Length in UTF-16 code units of the UTF-8 text S. */

/* ---- scratch memory of per-element calls (scratch.c) -------------------- */

/* Containers nested in a value a scratch copies out; a value nested
 * deeper keeps its scratch. */
#define JN_SCRATCH_MAX_DEPTH 64

struct jn_scratch {
	struct sfn_arena_mark mark; /* the arena before the call */
	unsigned long pins;         /* the context's pins then */
};

/* Marks the arena before a call whose one surviving value is passed to
 * Sfn_jn_scratch_end. */
void Sfn_jn_scratch_begin(struct jn_ctx *c, struct jn_scratch *s);
/* Gives back what was made since S but *V (NULL: nothing), which is
 * copied and *V set to the copy; keeps it all when a pin was made since,
 * or *V holds a function made since or nests containers past
 * JN_SCRATCH_MAX_DEPTH. */
int Sfn_jn_scratch_end(struct jn_ctx *c, const struct jn_scratch *s,
                       struct jn_val **v);

/* ---- what an expression reads of its input (project.c) ------------------ */

/* A member the expression may read, or the input itself (NAME NULL). */
struct jn_proj {
	const char *name;     /* the member's key */
	struct jn_proj *kids; /* members read below it */
	struct jn_proj *next; /* the next member of the same value */
	int whole;            /* read whole: keep everything below */
};

/* What the processed expression ROOT reads of its input, in C's arena. */
int Sfn_jn_project(struct jn_ctx *c, struct jn_node *root,
                   struct jn_proj **out);
/* What ROOT reads of the value of the variable $VAR (VAR without the
 * '$'), in C's arena: a document bound to it is built with only that. */
int Sfn_jn_project_var(struct jn_ctx *c, struct jn_node *root, const char *var,
                       struct jn_proj **out);
/* What P reads below its member KEY (LEN bytes): NULL for all of it;
 * *KEEP is 0 when P does not read the member at all. P NULL reads all. */
const struct jn_proj *Sfn_jn_proj_member(const struct jn_proj *p,
                                         const char *key, size_t len,
                                         int *keep);
/* Sfn_jn_from_cjson keeping only what P (NULL: everything) reads
 * (value.c). */
struct jn_val *Sfn_jn_from_cjson_some(struct jn_ctx *c, const cJSON *j,
                                      const struct jn_proj *p);
/* JSON text: TEXT[0, LEN), TEXT[LEN] a NUL; MAPPED as sfn_map_file
 * says (its pages may then be dropped once read). */
struct jn_text {
	const char *text;
	size_t len;
	int mapped;
};
/* The same from the JSON text IN, validated as it is read; an error with
 * an empty code when it is not JSON (input_text.c). */
int Sfn_jn_input_text(struct jn_ctx *c, const struct jn_text *in,
                      const struct jn_proj *p, struct jn_val **out);

/* ---- lexer and parser ---------------------------------------------------- */

struct jn_parsed {
	struct sfn_arena arena;
	struct jn_node *root;
	const char *text; /* the expression, NUL-terminated copy */
	size_t len;
};

int Sfn_jn_parse(struct jn_ctx *c, const char *text, size_t len,
                 struct jn_node **root);
/* Rewrites the parser's tree into the evaluated form (paths, stages,
 * tuple bindings), as the reference's AST post-processing does. */
int Sfn_jn_process(struct jn_ctx *c, struct jn_node *raw, struct jn_node **out);
struct jn_node *Sfn_jn_node_new(struct jn_ctx *c, enum jn_ntype type,
                                size_t pos);
int Sfn_jn_list_push(struct jn_ctx *c, struct jn_list *l, struct jn_node *n);

/* ---- signatures (sig.c) -------------------------------------------------- */

/* Parses a signature such as "<s-nn?:s>"; errors S0401/S0402. */
int Sfn_jn_sig_parse(struct jn_ctx *c, const char *text, size_t len, size_t pos,
                     struct jn_sig **out);
/* Checks ARGS against SIG and rewrites them in place (context value
 * inserted, singletons wrapped in arrays). NAME names the function in
 * messages. */
int Sfn_jn_sig_check(struct jn_ctx *c, const struct jn_sig *sig,
                     struct jn_val ***args, size_t *nargs, struct jn_val *input,
                     size_t pos);

/* ---- evaluation ---------------------------------------------------------- */

struct jn_binding {
	const char *name;
	struct jn_val *val;
};

struct jn_env {
	struct jn_env *parent;
	struct jn_binding *b;
	size_t n, cap;
};

struct jn_env *Sfn_jn_env_new(struct jn_ctx *c, struct jn_env *parent);
int Sfn_jn_bind(struct jn_ctx *c, struct jn_env *e, const char *name,
                struct jn_val *v);
/* *FOUND tells a binding to undefined from no binding. */
struct jn_val *Sfn_jn_lookup(struct jn_ctx *c, struct jn_env *e,
                             const char *name, int *found);

typedef int (*jn_native)(struct jn_ctx *c, struct jn_val **args, size_t n,
                         struct jn_val *input, struct jn_env *env, size_t pos,
                         struct jn_val **out);

struct jn_builtin {
	const char *name;
	const char *sig; /* JSONata signature text */
	jn_native fn;
	size_t arity; /* parameters a callback receives */
};

enum jn_fkind {
	JF_LAMBDA,
	JF_NATIVE,
	JF_PARTIAL,
	JF_REGEX,
	JF_TRANSFORM,
	JF_CHAIN,
	JF_MATCH_NEXT
};

struct jn_fn {
	enum jn_fkind kind;
	const struct jn_builtin *bi; /* JF_NATIVE */
	struct jn_sig *sig;          /* parsed signature, or NULL */
	struct jn_node *node;        /* lambda, transform or regex node */
	struct jn_env *env;          /* closure */
	struct jn_val *input;        /* lambda's context */
	struct jn_val *target;       /* partial/chain: the function applied */
	struct jn_val *second;       /* chain: applied after TARGET */
	struct jn_val **args;        /* partial: bound args */
	char *holes;                 /* partial: 1 where an arg is '?' */
	size_t nargs;
	const char *subject; /* regex match: text searched */
	size_t sublen, offset;
	int thunk; /* a tail call awaiting its trampoline */
};

int Sfn_jn_eval(struct jn_ctx *c, struct jn_node *n, struct jn_val *input,
                struct jn_env *env, struct jn_val **out);
/* Calls FN with ARGS; INPUT is the context for natives' '-' parameters. */
int Sfn_jn_apply(struct jn_ctx *c, struct jn_val *fn, struct jn_val **args,
                 size_t n, struct jn_val *input, struct jn_env *env, size_t pos,
                 struct jn_val **out);
/* Number of parameters FN declares. */
size_t Sfn_jn_arity(const struct jn_val *fn);
/* The built-in function NAME in C's dialect, or NULL. */
const struct jn_builtin *Sfn_jn_builtin_find(const struct jn_ctx *c,
                                             const char *name);
size_t Sfn_jn_builtin_count(void);
/* BI's parsed signature, made once per evaluation. */
int Sfn_jn_builtin_sig(struct jn_ctx *c, const struct jn_builtin *bi,
                       struct jn_sig **out);
/* The transform function FN applied to OBJ: a changed deep copy. */
int Sfn_jn_transform(struct jn_ctx *c, struct jn_fn *fn, struct jn_val *obj,
                     size_t pos, struct jn_val **out);
/* A regex (or a match's next()) called as a function. */
int Sfn_jn_regex_call(struct jn_ctx *c, struct jn_fn *fn, struct jn_val **args,
                      size_t n, struct jn_val **out);
int Sfn_jn_budget(struct jn_ctx *c, size_t pos);

/* ---- regular expressions (regex.c) ----------------------------------------
 */

/* Compiles /PATTERN/FLAGS with JavaScript semantics; S0301/S0302 style
 * errors at POS. */
int Sfn_jn_regex_compile(struct jn_ctx *c, const char *pat, size_t len,
                         const char *flags, size_t pos, void **out);
void Sfn_jn_regex_free(void *re);
/* The next match of RE in S from byte OFFSET: a match object
 * {match, start, end, groups} (UTF-16 offsets) or NULL when none. *END
 * receives the byte offset past the match (at least OFFSET + 1 for empty
 * matches). */
int Sfn_jn_regex_exec(struct jn_ctx *c, void *re, const char *s, size_t len,
                      size_t offset, struct jn_val **match, size_t *mstart,
                      size_t *mend);

#endif
