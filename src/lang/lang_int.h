/* Shared by the files of the .sfn front end past the parser: the clause
 * table, the checks, the lowering to ASL, located diagnostics. Private to
 * the lang piece. */
#ifndef SFN_LANG_INT_H
#define SFN_LANG_INT_H

#include <cjson/cJSON.h>

#include "lang/parse.h"

/* Where a clause may stand: a bit per state kind, then these. */
enum {
	LW_MACHINE = 1u << LS_COUNT,
	LW_RETRY = LW_MACHINE << 1,
	LW_CATCH = LW_MACHINE << 2,
	LW_WHEN = LW_MACHINE << 3,
	LW_STACK = LW_MACHINE << 4,
	LW_BRANCH = LW_MACHINE << 5,
	LW_PARAM = LW_MACHINE << 6
};

enum lang_fmode {
	LF_VALUE,   /* any value; a path or call goes to path_key */
	LF_PAYLOAD, /* a payload template: "key.$" for paths and calls */
	LF_LITERAL, /* plain JSON: no paths, no calls */
	LF_ENUM,    /* a bare word mapped through the table's words */
	LF_OUTPUT,  /* a path or null: path_key; anything else: key */
	LF_NONE     /* not ASL (read by the compiler itself) */
};

struct lang_field {
	const char *word;     /* the clause's word: "result_path" */
	const char *key;      /* the ASL field: "ResultPath" */
	const char *path_key; /* for a path value: "SecondsPath", or NULL */
	unsigned where;       /* LW_* and 1u << LS_* bits */
	enum lang_fmode mode;
	const char *const *words; /* LF_ENUM: word, ASL value, word, ... */
};

/* The clause WORD, or NULL. */
const struct lang_field *Sfn_lang_field_find(const char *word);
/* The clause word closest to WORD among those allowed WHERE, or NULL. */
const char *Sfn_lang_field_closest(const char *word, unsigned where);
/* The ASL value of enum word W for F, or NULL. */
const char *Sfn_lang_field_enum(const struct lang_field *f, const char *w);
/* "pass", "task", ...: a state kind's word. */
const char *Sfn_lang_state_word(enum lang_state kind);

/* Adds an error of RULE at SPAN. */
void Sfn_lang_report(struct lang_ctx *ctx, enum sfn_rule_id rule,
                     const struct sfn_span *span, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

/* Checks names, references and clauses of every stack; returns the
 * number of errors found. */
size_t Sfn_lang_sema(struct lang_ctx *ctx);

/* Lowers MACHINE of STACK to an ASL definition, a tree in CTX's arena
 * (tree.c), with the span of every node recorded in SPANS: straight into
 * the document that wraps the tree (made with its root, then the
 * caller's), room made at once for about as many spans as MACHINE has
 * nodes. NULL when memory ran out. */
struct lang_spans {
	struct sfn_json_doc *doc; /* the tree's, or NULL */
	int nomem;
	int off; /* nodes' places not tracked */
};
cJSON *Sfn_lang_lower(struct lang_ctx *ctx, const struct lang_item *stack,
                      const struct lang_item *machine,
                      struct lang_spans *spans);
/* Records the spans of NODE (KEY may be NULL). */
void Sfn_lang_track(struct lang_spans *spans, const cJSON *node,
                    const struct sfn_span *value, const struct sfn_span *key);

/* The lowered tree's nodes (tree.c), in ARENA: never given to
 * cJSON_Delete. A string is borrowed (it must live as long as the
 * arena: the .sfn tree's text, a static word) unless copied. NULL when
 * memory ran out (or S is NULL). */
cJSON *Sfn_lang_tree_new(struct sfn_arena *arena, int type);
cJSON *Sfn_lang_tree_string(struct sfn_arena *arena, const char *s);
cJSON *Sfn_lang_tree_copy(struct sfn_arena *arena, const char *s);
cJSON *Sfn_lang_tree_number(struct sfn_arena *arena, double d);
cJSON *Sfn_lang_tree_bool(struct sfn_arena *arena, int b);
/* Appends ITEM to the array or object PARENT, under KEY (borrowed) for
 * an object; 0 when ITEM (or PARENT, KEY) is NULL. */
int Sfn_lang_tree_push(cJSON *parent, cJSON *item);
int Sfn_lang_tree_put(cJSON *obj, const char *key, cJSON *item);

/* Lowers a when's condition into RULE (an object); 0 on an error
 * (reported). */
int Sfn_lang_lower_cond(struct lang_ctx *ctx, const struct lang_cond *cond,
                        cJSON *rule, struct lang_spans *spans);
/* Parses and checks the path or intrinsic call V, diagnostics at V. */
int Sfn_lang_check_expr(struct lang_ctx *ctx, const struct lang_value *v);

/* Checks the policy clause IT (one IAM statement). */
void Sfn_lang_check_policy(struct lang_ctx *ctx, const struct lang_item *it);
/* The statements of MACHINE's policy clauses (a new array the caller
 * owns), or NULL when it has none or (*NOMEM set) memory ran out. */
cJSON *Sfn_lang_lower_policy(const struct lang_item *machine, int *nomem);

#endif
