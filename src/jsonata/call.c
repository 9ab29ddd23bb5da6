/* Functions as values: lambdas with closures, built-ins, partial
 * application, the chain operator ~>, transforms and regular expression
 * matchers; Sfn_jn_apply runs tail calls on a trampoline so that tail
 * recursion does not grow the stack. Knows nothing of ASL. */
#include "config.h"

#include <string.h>

#include "jsonata/eval.h"

#define TRY(x)                                                                 \
	do {                                                                   \
		if ((x) != 0)                                                  \
			return -1;                                             \
	} while (0)

static struct jn_val *fn_value(struct jn_ctx *c, enum jn_fkind kind,
                               struct jn_fn **fn)
{
	struct jn_val *v = Sfn_jn_new(c, JN_FN);

	if (v == NULL)
		return NULL;
	*fn = sfn_arena_alloc(c->arena, sizeof(**fn));
	if (*fn == NULL) {
		Sfn_jn_nomem(c);
		return NULL;
	}
	(*fn)->kind = kind;
	v->u.fn = *fn;
	return v;
}

int Sfn_jn_make_fn(struct jn_ctx *c, enum jn_fkind kind, struct jn_node *n,
                   struct jn_val *in, struct jn_env *env, struct jn_val **out)
{
	struct jn_fn *fn;

	*out = fn_value(c, kind, &fn);
	if (*out == NULL)
		return -1;
	fn->node = n;
	fn->env = env;
	fn->input = in;
	fn->sig = n->sig;
	if (kind == JF_TRANSFORM)
		return Sfn_jn_sig_parse(c, "<(oa):o>", 8, n->pos, &fn->sig);
	return 0;
}

int Sfn_jn_builtin_value(struct jn_ctx *c, const char *name,
                         struct jn_val **out)
{
	const struct jn_builtin *bi = Sfn_jn_builtin_find(c, name);
	struct jn_fn *fn;

	*out = NULL;
	if (bi == NULL)
		return 0;
	*out = fn_value(c, JF_NATIVE, &fn);
	if (*out == NULL)
		return -1;
	fn->bi = bi;
	return Sfn_jn_builtin_sig(c, bi, &fn->sig);
}

size_t Sfn_jn_arity(const struct jn_val *v)
{
	const struct jn_fn *fn = v->u.fn;
	size_t n = 0;

	switch (fn->kind) {
	case JF_LAMBDA:
		return fn->node->items.n;
	case JF_NATIVE:
		return fn->bi->arity;
	case JF_PARTIAL:
		for (size_t i = 0; i < fn->nargs; i++)
			n += fn->args[i] == NULL;
		return n;
	case JF_CHAIN:
		return Sfn_jn_arity(fn->target);
	default:
		return 1;
	}
}

/* Evaluates the arguments in L; FIRST (when HAS_FIRST) comes before
 * them, as the left side of ~> does. */
static int args_of(struct jn_ctx *c, struct jn_list *l, struct jn_val *in,
                   struct jn_env *env, int has_first, struct jn_val *first,
                   struct jn_val ***args, size_t *n)
{
	size_t k = has_first ? 1 : 0;

	*n = l->n + k;
	*args = sfn_arena_alloc(c->arena, (*n + 1) * sizeof(**args));
	if (*args == NULL)
		return Sfn_jn_nomem(c);
	if (has_first)
		(*args)[0] = first;
	for (size_t i = 0; i < l->n; i++) {
		if (l->v[i]->type == N_PLACEHOLDER)
			continue;
		TRY(Sfn_jn_eval(c, l->v[i], in, env, &(*args)[k + i]));
	}
	return 0;
}

static int lambda(struct jn_ctx *c, struct jn_fn *fn, struct jn_val **args,
                  size_t n, struct jn_val **out)
{
	struct jn_env *e = Sfn_jn_env_new(c, fn->env);
	struct jn_list *params = &fn->node->items;

	if (e == NULL)
		return -1;
	for (size_t i = 0; i < params->n; i++)
		TRY(Sfn_jn_bind(c, e, params->v[i]->str,
		                i < n ? args[i] : NULL));
	return Sfn_jn_eval(c, fn->node->rhs, fn->input, e, out);
}

static int partial(struct jn_ctx *c, struct jn_fn *fn, struct jn_val **args,
                   size_t n, struct jn_val *in, struct jn_env *env, size_t pos,
                   struct jn_val **out)
{
	struct jn_val **all;
	size_t k = 0;

	all = sfn_arena_alloc(c->arena, (fn->nargs + 1) * sizeof(*all));
	if (all == NULL)
		return Sfn_jn_nomem(c);
	for (size_t i = 0; i < fn->nargs; i++) {
		all[i] = fn->args[i];
		if (fn->holes[i])
			all[i] = k < n ? args[k++] : NULL;
	}
	return Sfn_jn_apply(c, fn->target, all, fn->nargs, in, env, pos, out);
}

static int chain(struct jn_ctx *c, struct jn_fn *fn, struct jn_val **args,
                 size_t n, struct jn_val *in, struct jn_env *env, size_t pos,
                 struct jn_val **out)
{
	struct jn_val *mid;

	TRY(Sfn_jn_apply(c, fn->target, args, n, in, env, pos, &mid));
	return Sfn_jn_apply(c, fn->second, &mid, 1, in, env, pos, out);
}

static int apply_inner(struct jn_ctx *c, struct jn_val *f, struct jn_val **args,
                       size_t n, struct jn_val *in, struct jn_env *env,
                       size_t pos, struct jn_val **out)
{
	struct jn_fn *fn;

	*out = NULL;
	if (!Sfn_jn_is_fn(f))
		return Sfn_jn_fail(c, "T1006", pos,
		                   "Attempted to invoke a non-function");
	fn = f->u.fn;
	if (fn->sig != NULL)
		TRY(Sfn_jn_sig_check(c, fn->sig, &args, &n, in, pos));
	switch (fn->kind) {
	case JF_LAMBDA:
		return lambda(c, fn, args, n, out);
	case JF_NATIVE:
		return fn->bi->fn(c, args, n, in, env, pos, out);
	case JF_PARTIAL:
		return partial(c, fn, args, n, in, env, pos, out);
	case JF_CHAIN:
		return chain(c, fn, args, n, in, env, pos, out);
	case JF_TRANSFORM:
		return Sfn_jn_transform(c, fn, n > 0 ? args[0] : NULL, pos,
		                        out);
	case JF_REGEX:
	case JF_MATCH_NEXT:
		return Sfn_jn_regex_call(c, fn, args, n, out);
	}
	return 0;
}

static int is_thunk(const struct jn_val *v)
{
	return Sfn_jn_is_fn(v) && v->u.fn->thunk;
}

int Sfn_jn_apply(struct jn_ctx *c, struct jn_val *f, struct jn_val **args,
                 size_t n, struct jn_val *in, struct jn_env *env, size_t pos,
                 struct jn_val **out)
{
	struct jn_val *r, *next, **targs;
	size_t tn;

	if (apply_inner(c, f, args, n, in, env, pos, &r) != 0)
		return -1;
	while (is_thunk(r)) {
		struct jn_fn *t = r->u.fn;
		struct jn_node *call = t->node;

		if (Sfn_jn_budget(c, call->pos) != 0 ||
		    Sfn_jn_eval(c, call->lhs, t->input, t->env, &next) != 0 ||
		    args_of(c, &call->items, t->input, t->env, 0, NULL, &targs,
		            &tn) != 0 ||
		    apply_inner(c, next, targs, tn, t->input, t->env, call->pos,
		                &r) != 0)
			return -1;
	}
	*out = r;
	return 0;
}

static int not_function(struct jn_ctx *c, struct jn_node *n, struct jn_env *env,
                        const char *code, const char *what)
{
	struct jn_node *p = n->lhs;
	int found = 0;

	if (p->type == N_PATH && p->items.v[0]->type == N_NAME) {
		Sfn_jn_lookup(c, env, p->items.v[0]->str, &found);
		found |= Sfn_jn_builtin_find(c, p->items.v[0]->str) != NULL;
	}
	if (found)
		return Sfn_jn_fail(
		        c, code, n->pos,
		        "Attempted to %s a non-function. Did you mean "
		        "$%s?",
		        what, p->items.v[0]->str);
	return Sfn_jn_fail(c, code[4] == '5' ? "T1006" : "T1008", n->pos,
	                   "Attempted to %s a non-function", what);
}

static int call_with(struct jn_ctx *c, struct jn_node *n, struct jn_val *in,
                     struct jn_env *env, int has_first, struct jn_val *first,
                     struct jn_val **out)
{
	struct jn_val *f, **args;
	size_t nargs;

	TRY(Sfn_jn_eval(c, n->lhs, in, env, &f));
	if (f == NULL && n->lhs->type == N_PATH)
		return not_function(c, n, env, "T1005", "invoke");
	TRY(args_of(c, &n->items, in, env, has_first, first, &args, &nargs));
	return Sfn_jn_apply(c, f, args, nargs, in, env, n->pos, out);
}

int Sfn_jn_eval_call(struct jn_ctx *c, struct jn_node *n, struct jn_val *in,
                     struct jn_env *env, struct jn_val **out)
{
	if (n->thunk) {
		TRY(Sfn_jn_make_fn(c, JF_LAMBDA, n, in, env, out));
		(*out)->u.fn->thunk = 1;
		return 0;
	}
	return call_with(c, n, in, env, 0, NULL, out);
}

int Sfn_jn_eval_partial(struct jn_ctx *c, struct jn_node *n, struct jn_val *in,
                        struct jn_env *env, struct jn_val **out)
{
	struct jn_val *f, **args;
	struct jn_fn *fn;
	size_t nargs;

	TRY(args_of(c, &n->items, in, env, 0, NULL, &args, &nargs));
	TRY(Sfn_jn_eval(c, n->lhs, in, env, &f));
	if (f == NULL && n->lhs->type == N_PATH)
		return not_function(c, n, env, "T1007", "partially apply");
	if (!Sfn_jn_is_fn(f))
		return Sfn_jn_fail(
		        c, "T1008", n->pos,
		        "Attempted to partially apply a non-function");
	*out = fn_value(c, JF_PARTIAL, &fn);
	if (*out == NULL)
		return -1;
	fn->target = f;
	fn->args = args;
	fn->nargs = nargs;
	fn->holes = sfn_arena_alloc(c->arena, nargs + 1);
	if (fn->holes == NULL)
		return Sfn_jn_nomem(c);
	for (size_t i = 0; i < nargs; i++)
		fn->holes[i] = n->items.v[i]->type == N_PLACEHOLDER;
	return 0;
}

int Sfn_jn_eval_apply(struct jn_ctx *c, struct jn_node *n, struct jn_val *in,
                      struct jn_env *env, struct jn_val **out)
{
	struct jn_val *l, *f;
	struct jn_fn *fn;

	TRY(Sfn_jn_eval(c, n->lhs, in, env, &l));
	if (n->rhs->type == N_CALL)
		return call_with(c, n->rhs, in, env, 1, l, out);
	TRY(Sfn_jn_eval(c, n->rhs, in, env, &f));
	if (!Sfn_jn_is_fn(f))
		return Sfn_jn_fail(c, "T2006", n->pos,
		                   "The right side of the function application "
		                   "operator ~> must be a function");
	if (!Sfn_jn_is_fn(l))
		return Sfn_jn_apply(c, f, &l, 1, in, env, n->pos, out);
	*out = fn_value(c, JF_CHAIN, &fn);
	if (*out == NULL)
		return -1;
	fn->target = l;
	fn->second = f;
	return 0;
}
