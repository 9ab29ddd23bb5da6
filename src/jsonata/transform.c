/* The transform operator | pattern | update [, delete] |: a function
 * that deep-copies its argument, then merges the update object into and
 * deletes the named keys from each value the pattern selects in the copy.
 * What the clauses make for one value but the update object is scratch,
 * given back before the next (scratch.c). Knows nothing of ASL. */
#include "config.h"

#include "jsonata/eval.h"

static int update(struct jn_ctx *c, struct jn_node *n, struct jn_val *m,
                  struct jn_env *env)
{
	struct jn_scratch s;
	struct jn_val *u;

	Sfn_jn_scratch_begin(c, &s);
	if (Sfn_jn_eval(c, n->rhs, m, env, &u) != 0)
		return -1;
	if (u == NULL)
		return Sfn_jn_scratch_end(c, &s, &u);
	if (!Sfn_jn_is_obj(u))
		return Sfn_jn_fail(c, "T2011", n->pos,
		                   "The insert/update clause of the transform "
		                   "expression must evaluate to an object");
	if (Sfn_jn_scratch_end(c, &s, &u) != 0)
		return -1;
	for (size_t i = 0; Sfn_jn_is_obj(m) && i < u->u.obj.n; i++) {
		if (Sfn_jn_set(c, m, u->u.obj.m[i].key, u->u.obj.m[i].val) != 0)
			return -1;
	}
	return 0;
}

static int delete (struct jn_ctx *c, struct jn_node *n, struct jn_val *m,
                   struct jn_env *env)
{
	struct jn_scratch s;
	struct jn_val *d, *none = NULL;
	size_t count;

	if (n->third == NULL)
		return 0;
	Sfn_jn_scratch_begin(c, &s);
	if (Sfn_jn_eval(c, n->third, m, env, &d) != 0)
		return -1;
	if (d == NULL)
		return Sfn_jn_scratch_end(c, &s, &none);
	count = Sfn_jn_is_arr(d) ? d->u.arr.n : 1;
	for (size_t i = 0; i < count; i++) {
		struct jn_val *k = Sfn_jn_is_arr(d) ? d->u.arr.v[i] : d;

		if (!Sfn_jn_is_str(k))
			return Sfn_jn_fail(
			        c, "T2012", n->pos,
			        "The delete clause of the transform "
			        "expression must evaluate to a string or "
			        "array of strings");
	}
	for (size_t i = 0; Sfn_jn_is_obj(m) && i < count; i++)
		Sfn_jn_del(m, (Sfn_jn_is_arr(d) ? d->u.arr.v[i] : d)->u.str.s);
	return Sfn_jn_scratch_end(c, &s, &none); /* deleting made nothing */
}

int Sfn_jn_transform(struct jn_ctx *c, struct jn_fn *fn, struct jn_val *obj,
                     size_t pos, struct jn_val **out)
{
	struct jn_node *n = fn->node;
	struct jn_val *r, *matches;
	size_t count;

	(void) pos;
	*out = NULL;
	if (obj == NULL)
		return 0;
	r = Sfn_jn_copy(c, obj);
	if (r == NULL || Sfn_jn_eval(c, n->lhs, r, fn->env, &matches) != 0)
		return -1;
	count = matches == NULL          ? 0
	        : Sfn_jn_is_arr(matches) ? matches->u.arr.n
	                                 : 1;
	for (size_t i = 0; i < count; i++) {
		struct jn_val *m =
		        Sfn_jn_is_arr(matches) ? matches->u.arr.v[i] : matches;

		if (update(c, n, m, fn->env) != 0 ||
		    delete (c, n, m, fn->env) != 0)
			return -1;
	}
	*out = r;
	return 0;
}
