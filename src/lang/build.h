/* Building the .sfn syntax tree from the parser's actions: constructors
 * that allocate in the compilation's arena and lists with constant-time
 * append. A failed allocation marks the context and yields NULL, which
 * every constructor takes in place of a child. Knows nothing of ASL. */
#ifndef SFN_LANG_BUILD_H
#define SFN_LANG_BUILD_H

#include "lang/ast.h"

struct lang_ctx;

/* ITEMS, a block's, as a body: its clauses (every item but its states)
 * first, then its states, each in the order given. A walk for clauses
 * stops at the first state: the body of a machine of 100,000 states is
 * walked for its few clauses several times, and every item it passes is
 * a wait for memory. Its first item counts its states (nstates), which
 * a walk would count again as slowly. */
struct lang_item *Sfn_lang_body(struct lang_item *items);

struct lang_item *Sfn_lang_item_new(struct lang_ctx *ctx, enum lang_ikind kind,
                                    struct sfn_span span, const char *name,
                                    struct sfn_span name_span);
struct lang_item *Sfn_lang_item_append(struct lang_item *list,
                                       struct lang_item *item);
void Sfn_lang_item_call(struct lang_item *item, const char *fn,
                        struct sfn_span fn_span, struct lang_value *args);
void Sfn_lang_item_target(struct lang_item *item, const char *target,
                          struct sfn_span span);
void Sfn_lang_item_errors(struct lang_item *item, struct lang_value *errors,
                          struct lang_item *body);
void Sfn_lang_item_when(struct lang_item *item, struct lang_cond *cond,
                        struct lang_item *body);
/* A state: HEAD (from Sfn_lang_head_new) says what follows its name,
 * and its item becomes the state's (NULL: a new one). */
struct lang_item *Sfn_lang_head_new(struct lang_ctx *ctx, enum lang_head head,
                                    const char *fn, struct sfn_span span,
                                    struct lang_value *value);
struct lang_item *Sfn_lang_state_new(struct lang_ctx *ctx, int state,
                                     struct sfn_span span, const char *name,
                                     struct sfn_span name_span,
                                     struct lang_item *head,
                                     struct lang_item *body);

struct lang_value *Sfn_lang_value_new(struct lang_ctx *ctx,
                                      enum lang_vkind kind,
                                      struct sfn_span span, const char *text);
struct lang_value *Sfn_lang_bool_new(struct lang_ctx *ctx, struct sfn_span span,
                                     int b);
struct lang_value *Sfn_lang_value_append(struct lang_value *list,
                                         struct lang_value *v);
struct lang_value *Sfn_lang_object_new(struct lang_ctx *ctx,
                                       struct sfn_span span,
                                       struct lang_member *members);
struct lang_value *Sfn_lang_array_new(struct lang_ctx *ctx,
                                      struct sfn_span span,
                                      struct lang_value *items);
struct lang_member *Sfn_lang_member_new(struct lang_ctx *ctx, const char *key,
                                        struct sfn_span key_span,
                                        struct lang_value *value);
struct lang_member *Sfn_lang_member_append(struct lang_member *list,
                                           struct lang_member *m);

struct lang_cond *Sfn_lang_cond_pair(struct lang_ctx *ctx, enum lang_ckind kind,
                                     struct sfn_span span, struct lang_cond *a,
                                     struct lang_cond *b);
struct lang_cond *Sfn_lang_cond_cmp(struct lang_ctx *ctx, struct sfn_span span,
                                    struct lang_value *lhs, enum lang_cmp op,
                                    struct lang_value *rhs);
/* is_present($.x): TYPED's cast names the test. */
struct lang_cond *Sfn_lang_cond_test(struct lang_ctx *ctx, struct sfn_span span,
                                     struct lang_value *typed);

/* COND comment "TEXT". */
struct lang_cond *Sfn_lang_cond_comment(struct lang_cond *cond,
                                        struct sfn_span span, const char *text);

/* " (to close '{' opened at line 3)" when AT_EOF and a bracket is open,
 * else "". */
const char *Sfn_lang_open_note(struct lang_ctx *ctx, int at_eof);

#endif
