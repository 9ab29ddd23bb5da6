/* Functions the evaluator's files share: eval.c (paths), ops.c
 * (operators and constructors), call.c (functions). Private to
 * src/jsonata. */
#ifndef SFN_JSONATA_EVAL_H
#define SFN_JSONATA_EVAL_H

#include "jsonata/jsonata_int.h"

/* Keeps the members of IN for which PRED holds (or whose index it
 * names). */
int Sfn_jn_filter(struct jn_ctx *c, struct jn_node *pred, struct jn_val *in,
                  struct jn_env *env, struct jn_val **out);
/* The sort step ST over IN (a sequence or tuple stream). */
int Sfn_jn_sort(struct jn_ctx *c, struct jn_node *st, struct jn_val *in,
                struct jn_env *env, struct jn_val **out);
/* The object constructor (group-by) GROUP over IN. */
int Sfn_jn_group(struct jn_ctx *c, struct jn_node *group, struct jn_val *in,
                 struct jn_env *env, struct jn_val **out);
/* lookup(input, key): a member, or over an array the members of each
 * element flattened one level ($lookup and name steps). */
int Sfn_jn_lookup_key(struct jn_ctx *c, struct jn_val *in, const char *key,
                      struct jn_val **out);
/* Every node type not handled in eval.c. */
int Sfn_jn_eval_op(struct jn_ctx *c, struct jn_node *n, struct jn_val *in,
                   struct jn_env *env, struct jn_val **out);
/* The function value of a built-in ($sum, ...), or undefined. */
int Sfn_jn_builtin_value(struct jn_ctx *c, const char *name,
                         struct jn_val **out);
/* A frame binding each member of TUPLE. */
struct jn_env *Sfn_jn_tuple_env(struct jn_ctx *c, struct jn_env *env,
                                struct jn_val *tuple);
/* Calls, partial applications, lambdas, ~>, transforms, regexes. */
int Sfn_jn_eval_call(struct jn_ctx *c, struct jn_node *n, struct jn_val *in,
                     struct jn_env *env, struct jn_val **out);
int Sfn_jn_eval_partial(struct jn_ctx *c, struct jn_node *n, struct jn_val *in,
                        struct jn_env *env, struct jn_val **out);
int Sfn_jn_eval_apply(struct jn_ctx *c, struct jn_node *n, struct jn_val *in,
                      struct jn_env *env, struct jn_val **out);
int Sfn_jn_make_fn(struct jn_ctx *c, enum jn_fkind kind, struct jn_node *n,
                   struct jn_val *in, struct jn_env *env, struct jn_val **out);
/* A stable merge sort of the N values in V; LESS(a, b) > 0 when B must
 * come before A. */
int Sfn_jn_merge_sort(struct jn_ctx *c, struct jn_val **v, size_t n,
                      int (*greater)(struct jn_ctx *c, void *arg,
                                     struct jn_val *a, struct jn_val *b,
                                     int *gt),
                      void *arg);

#endif
