/* The evaluator's core: the dispatch over node types, paths with their
 * sequence and flattening rules, steps, predicates, tuple streams for
 * focus (@) and index (#) bindings, wildcards and descendants. Operators
 * live in ops.c, calls in call.c. Knows nothing of ASL. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "jsonata/eval.h"

#define TRY(x)                                                                 \
	do {                                                                   \
		if ((x) != 0)                                                  \
			return -1;                                             \
	} while (0)

int Sfn_jn_lookup_key(struct jn_ctx *c, struct jn_val *in, const char *key,
                      struct jn_val **out)
{
	struct jn_val *r, *m;

	*out = NULL;
	if (Sfn_jn_is_obj(in)) {
		*out = Sfn_jn_get(in, key);
		return 0;
	}
	if (!Sfn_jn_is_arr(in))
		return 0;
	r = Sfn_jn_seq(c);
	if (r == NULL)
		return -1;
	for (size_t i = 0; i < in->u.arr.n; i++) {
		TRY(Sfn_jn_lookup_key(c, in->u.arr.v[i], key, &m));
		TRY(Sfn_jn_append_flat(c, r, m));
	}
	*out = r;
	return 0;
}

static void flatten_into(struct jn_ctx *c, struct jn_val *v, struct jn_val *r,
                         int *rc)
{
	if (!Sfn_jn_is_arr(v)) {
		if (*rc == 0 && Sfn_jn_push(c, r, v) != 0)
			*rc = -1;
		return;
	}
	for (size_t i = 0; i < v->u.arr.n; i++)
		flatten_into(c, v->u.arr.v[i], r, rc);
}

static int wildcard(struct jn_ctx *c, struct jn_val *in, struct jn_val **out)
{
	struct jn_val *r = Sfn_jn_seq(c);
	int rc = 0;

	*out = r;
	if (r == NULL)
		return -1;
	if (Sfn_jn_is_arr(in) && (in->flags & JN_OUTER) && in->u.arr.n > 0)
		in = in->u.arr.v[0];
	if (!Sfn_jn_is_obj(in) && !Sfn_jn_is_arr(in))
		return 0;
	for (size_t i = 0;
	     i < (Sfn_jn_is_obj(in) ? in->u.obj.n : in->u.arr.n) && rc == 0;
	     i++) {
		struct jn_val *v =
		        Sfn_jn_is_obj(in) ? in->u.obj.m[i].val : in->u.arr.v[i];

		if (Sfn_jn_is_arr(v)) {
			r->flags &= ~JN_SEQ; /* $append makes a plain array */
			flatten_into(c, v, r, &rc);
		} else if (v != NULL) {
			rc = Sfn_jn_push(c, r, v);
		}
	}
	return rc;
}

static int descend(struct jn_ctx *c, struct jn_val *in, struct jn_val *r)
{
	if (in == NULL)
		return 0;
	if (!Sfn_jn_is_arr(in))
		TRY(Sfn_jn_push(c, r, in));
	if (Sfn_jn_is_arr(in)) {
		for (size_t i = 0; i < in->u.arr.n; i++)
			TRY(descend(c, in->u.arr.v[i], r));
	} else if (Sfn_jn_is_obj(in)) {
		for (size_t i = 0; i < in->u.obj.n; i++)
			TRY(descend(c, in->u.obj.m[i].val, r));
	}
	return 0;
}

static int descendants(struct jn_ctx *c, struct jn_val *in, struct jn_val **out)
{
	struct jn_val *r = Sfn_jn_seq(c);

	*out = NULL;
	if (r == NULL)
		return -1;
	if (in == NULL)
		return 0;
	TRY(descend(c, in, r));
	*out = r->u.arr.n == 1 ? r->u.arr.v[0] : r;
	return 0;
}

struct jn_env *Sfn_jn_tuple_env(struct jn_ctx *c, struct jn_env *env,
                                struct jn_val *tuple)
{
	struct jn_env *e = Sfn_jn_env_new(c, env);

	for (size_t i = 0;
	     e != NULL && Sfn_jn_is_obj(tuple) && i < tuple->u.obj.n; i++) {
		if (Sfn_jn_bind(c, e, tuple->u.obj.m[i].key,
		                tuple->u.obj.m[i].val) != 0)
			return NULL;
	}
	return e;
}

static int all_numbers(const struct jn_val *v)
{
	for (size_t i = 0; i < v->u.arr.n; i++) {
		if (!Sfn_jn_is_num(v->u.arr.v[i]))
			return 0;
	}
	return 1;
}

static int keep_if_index(struct jn_ctx *c, struct jn_val *res, size_t index,
                         size_t n, struct jn_val *item, struct jn_val *r)
{
	for (size_t k = 0; k < res->u.arr.n; k++) {
		double i = floor(res->u.arr.v[k]->u.n);

		if (i < 0)
			i += (double) n;
		if (i == (double) index)
			TRY(Sfn_jn_push(c, r, item));
	}
	return 0;
}

/* A literal index: member I of IN (from the end when negative). */
static int pick(struct jn_ctx *c, double i, struct jn_val *in, struct jn_val *r,
                struct jn_val **out)
{
	struct jn_val *res;

	i = floor(i);
	if (i < 0)
		i += (double) in->u.arr.n;
	if (i < 0 || i >= (double) in->u.arr.n)
		return 0;
	res = in->u.arr.v[(size_t) i];
	if (Sfn_jn_is_arr(res))
		*out = res;
	else if (res != NULL)
		return Sfn_jn_push(c, r, res);
	return 0;
}

int Sfn_jn_filter(struct jn_ctx *c, struct jn_node *pred, struct jn_val *in,
                  struct jn_env *env, struct jn_val **out)
{
	struct jn_val *r = Sfn_jn_seq(c), *res, *ctx;
	struct jn_env *e;
	int tuples = in != NULL && (in->flags & JN_TUPLE);

	*out = r;
	if (r == NULL)
		return -1;
	if (tuples)
		r->flags |= JN_TUPLE;
	if (!Sfn_jn_is_arr(in)) {
		in = Sfn_jn_seq_of(c, in);
		if (in == NULL)
			return -1;
	}
	if (pred->type == N_NUMBER)
		return pick(c, pred->num, in, r, out);
	for (size_t i = 0; i < in->u.arr.n; i++) {
		ctx = in->u.arr.v[i];
		e = env;
		if (tuples) {
			ctx = Sfn_jn_get(in->u.arr.v[i], "@");
			e = Sfn_jn_tuple_env(c, env, in->u.arr.v[i]);
			if (e == NULL)
				return -1;
		}
		TRY(Sfn_jn_eval(c, pred, ctx, e, &res));
		if (Sfn_jn_is_num(res)) {
			res = Sfn_jn_seq_of(c, res);
			if (res == NULL)
				return -1;
		}
		if (Sfn_jn_is_arr(res) && all_numbers(res))
			TRY(keep_if_index(c, res, i, in->u.arr.n,
			                  in->u.arr.v[i], r));
		else if (Sfn_jn_truthy(res))
			TRY(Sfn_jn_push(c, r, in->u.arr.v[i]));
	}
	return 0;
}

static int stages(struct jn_ctx *c, struct jn_list *st, struct jn_val *in,
                  struct jn_env *env, struct jn_val **out)
{
	for (size_t s = 0; s < st->n; s++) {
		struct jn_node *stage = st->v[s];

		if (stage->type == N_FILTER) {
			TRY(Sfn_jn_filter(c, stage->lhs, in, env, &in));
			continue;
		}
		for (size_t i = 0; Sfn_jn_is_arr(in) && i < in->u.arr.n; i++) {
			struct jn_val *n = Sfn_jn_num(c, (double) i);

			if (n == NULL ||
			    Sfn_jn_set(c, in->u.arr.v[i], stage->str, n) != 0)
				return -1;
		}
	}
	*out = in;
	return 0;
}

/* Flattens the results of one step into a sequence. */
static int flatten_step(struct jn_ctx *c, struct jn_val *results, int last,
                        struct jn_val **out)
{
	struct jn_val *r;

	if (last && results->u.arr.n == 1 &&
	    Sfn_jn_is_arr(results->u.arr.v[0]) &&
	    !(results->u.arr.v[0]->flags & JN_SEQ)) {
		*out = results->u.arr.v[0];
		return 0;
	}
	r = *out = Sfn_jn_seq(c);
	if (r == NULL)
		return -1;
	for (size_t i = 0; i < results->u.arr.n; i++) {
		struct jn_val *v = results->u.arr.v[i];

		if (!Sfn_jn_is_arr(v) || (v->flags & JN_CONS))
			TRY(Sfn_jn_push(c, r, v));
		else
			TRY(Sfn_jn_append_flat(c, r, v));
	}
	return 0;
}

/* The filters of step ST applied to its result *RES for one item. */
static int step_filters(struct jn_ctx *c, struct jn_node *st,
                        struct jn_env *env, struct jn_val **res)
{
	for (size_t s = 0; s < st->stages.n; s++) {
		if (st->stages.v[s]->type == N_FILTER)
			TRY(Sfn_jn_filter(c, st->stages.v[s]->lhs, *res, env,
			                  res));
	}
	return 0;
}

/* step() over a single item, as flatten_step would shape it, without the
 * sequence of one result in between. */
static int step_one(struct jn_ctx *c, struct jn_node *st, struct jn_val *item,
                    struct jn_env *env, int last, struct jn_val **out)
{
	struct jn_val *res, *r;

	TRY(Sfn_jn_eval(c, st, item, env, &res));
	TRY(step_filters(c, st, env, &res));
	if (last && Sfn_jn_is_arr(res) && !(res->flags & JN_SEQ)) {
		*out = res;
		return 0;
	}
	r = *out = Sfn_jn_seq(c);
	if (r == NULL)
		return -1;
	if (res == NULL)
		return 0;
	if (!Sfn_jn_is_arr(res) || (res->flags & JN_CONS))
		return Sfn_jn_push(c, r, res);
	return Sfn_jn_append_flat(c, r, res);
}

static int step(struct jn_ctx *c, struct jn_node *st, struct jn_val *in,
                struct jn_env *env, int last, struct jn_val **out)
{
	struct jn_val *results, *res;

	if (st->type == N_SORT) {
		TRY(Sfn_jn_sort(c, st, in, env, &res));
		return stages(c, &st->stages, res, env, out);
	}
	if (in->u.arr.n == 1)
		return step_one(c, st, in->u.arr.v[0], env, last, out);
	results = Sfn_jn_seq(c);
	if (results == NULL)
		return -1;
	for (size_t i = 0; i < in->u.arr.n; i++) {
		TRY(Sfn_jn_eval(c, st, in->u.arr.v[i], env, &res));
		TRY(step_filters(c, st, env, &res));
		if (res != NULL)
			TRY(Sfn_jn_push(c, results, res));
	}
	return flatten_step(c, results, last, out);
}

static struct jn_val *tuple_copy(struct jn_ctx *c, struct jn_val *t)
{
	struct jn_val *r = Sfn_jn_obj(c);

	for (size_t i = 0; r != NULL && i < t->u.obj.n; i++) {
		if (Sfn_jn_set(c, r, t->u.obj.m[i].key, t->u.obj.m[i].val) != 0)
			return NULL;
	}
	return r;
}

static int tuple_add(struct jn_ctx *c, struct jn_node *st, struct jn_val *base,
                     struct jn_val *res, size_t b, int res_tuples,
                     struct jn_val *r)
{
	struct jn_val *t = tuple_copy(c, base), *v = res->u.arr.v[b], *n;

	if (t == NULL)
		return -1;
	if (res_tuples) {
		for (size_t i = 0; i < v->u.obj.n; i++)
			TRY(Sfn_jn_set(c, t, v->u.obj.m[i].key,
			               v->u.obj.m[i].val));
	} else {
		if (st->focus != NULL) {
			TRY(Sfn_jn_set(c, t, st->focus, v));
			TRY(Sfn_jn_set(c, t, "@", Sfn_jn_get(base, "@")));
		} else {
			TRY(Sfn_jn_set(c, t, "@", v));
		}
		if (st->index != NULL) {
			n = Sfn_jn_num(c, (double) b);
			if (n == NULL || Sfn_jn_set(c, t, st->index, n) != 0)
				return -1;
		}
		if (st->ancestor != NULL)
			TRY(Sfn_jn_set(c, t, st->ancestor->label,
			               Sfn_jn_get(base, "@")));
	}
	return Sfn_jn_push(c, r, t);
}

static int tuple_sort(struct jn_ctx *c, struct jn_node *st, struct jn_val *in,
                      struct jn_val *tuples, struct jn_env *env,
                      struct jn_val **out)
{
	struct jn_val *sorted, *r, *t, *n;

	if (tuples != NULL) {
		TRY(Sfn_jn_sort(c, st, tuples, env, &r));
		return stages(c, &st->stages, r, env, out);
	}
	TRY(Sfn_jn_sort(c, st, in, env, &sorted));
	r = Sfn_jn_seq(c);
	if (r == NULL)
		return -1;
	r->flags |= JN_TUPLE;
	for (size_t i = 0; Sfn_jn_is_arr(sorted) && i < sorted->u.arr.n; i++) {
		t = Sfn_jn_obj(c);
		if (t == NULL ||
		    Sfn_jn_set(c, t, "@", sorted->u.arr.v[i]) != 0 ||
		    Sfn_jn_push(c, r, t) != 0)
			return -1;
		if (st->index != NULL) {
			n = Sfn_jn_num(c, (double) i);
			if (n == NULL || Sfn_jn_set(c, t, st->index, n) != 0)
				return -1;
		}
	}
	return stages(c, &st->stages, r, env, out);
}

static int initial_tuples(struct jn_ctx *c, struct jn_val *in,
                          struct jn_val **out)
{
	struct jn_val *r = Sfn_jn_seq(c), *t;

	*out = r;
	if (r == NULL)
		return -1;
	r->flags |= JN_TUPLE;
	for (size_t i = 0; i < in->u.arr.n; i++) {
		t = Sfn_jn_obj(c);
		if (t == NULL || Sfn_jn_set(c, t, "@", in->u.arr.v[i]) != 0 ||
		    Sfn_jn_push(c, r, t) != 0)
			return -1;
	}
	return 0;
}

static int tuple_step(struct jn_ctx *c, struct jn_node *st, struct jn_val *in,
                      struct jn_val *tuples, struct jn_env *env,
                      struct jn_val **out)
{
	struct jn_val *r, *res, *base;
	struct jn_env *e;

	if (st->type == N_SORT)
		return tuple_sort(c, st, in, tuples, env, out);
	r = Sfn_jn_seq(c);
	if (r == NULL)
		return -1;
	r->flags |= JN_TUPLE;
	if (tuples == NULL)
		TRY(initial_tuples(c, in, &tuples));
	for (size_t i = 0; i < tuples->u.arr.n; i++) {
		base = tuples->u.arr.v[i];
		e = Sfn_jn_tuple_env(c, env, base);
		if (e == NULL)
			return -1;
		TRY(Sfn_jn_eval(c, st, Sfn_jn_get(base, "@"), e, &res));
		if (res == NULL)
			continue;
		if (!Sfn_jn_is_arr(res)) {
			res = Sfn_jn_seq_of(c, res);
			if (res == NULL)
				return -1;
		}
		for (size_t b = 0; b < res->u.arr.n; b++)
			TRY(tuple_add(c, st, base, res, b,
			              (res->flags & JN_TUPLE) != 0, r));
	}
	return stages(c, &st->stages, r, env, out);
}

static int path_end(struct jn_ctx *c, struct jn_node *n, int tuple_stream,
                    struct jn_val *tuples, struct jn_val *r, struct jn_env *env,
                    struct jn_val **out)
{
	if (tuple_stream && n->tuple) {
		r = tuples;
	} else if (tuple_stream) {
		r = Sfn_jn_seq(c);
		if (r == NULL)
			return -1;
		for (size_t i = 0; tuples != NULL && i < tuples->u.arr.n; i++)
			TRY(Sfn_jn_push(c, r,
			                Sfn_jn_get(tuples->u.arr.v[i], "@")));
	}
	if (n->keep_singleton && Sfn_jn_is_arr(r)) {
		if ((r->flags & JN_CONS) && !(r->flags & JN_SEQ)) {
			r = Sfn_jn_seq_of(c, r);
			if (r == NULL)
				return -1;
		}
		r->flags |= JN_KEEP;
	}
	if (n->group != NULL)
		return Sfn_jn_group(c, n->group, tuple_stream ? tuples : r, env,
		                    out);
	*out = r;
	return 0;
}

static int path(struct jn_ctx *c, struct jn_node *n, struct jn_val *input,
                struct jn_env *env, struct jn_val **out)
{
	struct jn_val *in = input, *r = NULL, *tuples = NULL;
	int tuple_stream = 0;

	if (n->items.v[0]->type == N_VARIABLE || !Sfn_jn_is_arr(input))
		in = Sfn_jn_seq_of(c, input);
	if (in == NULL)
		return -1;
	for (size_t i = 0; i < n->items.n; i++) {
		struct jn_node *st = n->items.v[i];

		tuple_stream |= st->tuple;
		if (i == 0 && st->cons_array)
			TRY(Sfn_jn_eval(c, st, in, env, &r));
		else if (tuple_stream)
			TRY(tuple_step(c, st, in, tuples, env, &tuples));
		else
			TRY(step(c, st, in, env, i + 1 == n->items.n, &r));
		if (!tuple_stream &&
		    (r == NULL || (Sfn_jn_is_arr(r) && r->u.arr.n == 0)))
			break;
		if (st->focus == NULL) {
			in = Sfn_jn_is_arr(r) ? r : Sfn_jn_seq_of(c, r);
			if (in == NULL)
				return -1;
		}
	}
	return path_end(c, n, tuple_stream, tuples, r, env, out);
}

static int variable(struct jn_ctx *c, struct jn_node *n, struct jn_val *in,
                    struct jn_env *env, struct jn_val **out)
{
	int found;

	if (n->len == 0) {
		*out = Sfn_jn_is_arr(in) && (in->flags & JN_OUTER)
		               ? in->u.arr.v[0]
		               : in;
		return 0;
	}
	*out = Sfn_jn_lookup(c, env, n->str, &found);
	if (!found)
		return Sfn_jn_builtin_value(c, n->str, out);
	return 0;
}

static int literal(struct jn_ctx *c, struct jn_node *n, struct jn_val **out)
{
	if (n->type == N_NUMBER) {
		*out = Sfn_jn_num(c, n->num);
	} else if (n->type == N_STRING) {
		*out = Sfn_jn_strn(c, n->str, n->len);
	} else if (strcmp(n->str, "null") == 0) {
		*out = Sfn_jn_null(c);
	} else {
		*out = Sfn_jn_bool(c, n->str[0] == 't');
	}
	return *out == NULL ? -1 : 0;
}

static int dispatch(struct jn_ctx *c, struct jn_node *n, struct jn_val *in,
                    struct jn_env *env, struct jn_val **out)
{
	*out = NULL;
	switch (n->type) {
	case N_PATH:
		return path(c, n, in, env, out);
	case N_NAME:
		return Sfn_jn_lookup_key(c, in, n->str, out);
	case N_NUMBER:
	case N_STRING:
	case N_VALUE:
		return literal(c, n, out);
	case N_WILDCARD:
		return wildcard(c, in, out);
	case N_DESCENDANT:
		return descendants(c, in, out);
	case N_VARIABLE:
		return variable(c, n, in, env, out);
	case N_PARENT: {
		int found;

		*out = Sfn_jn_lookup(c, env, n->slot->label, &found);
		return 0;
	}
	default:
		return Sfn_jn_eval_op(c, n, in, env, out);
	}
}

int Sfn_jn_eval(struct jn_ctx *c, struct jn_node *n, struct jn_val *input,
                struct jn_env *env, struct jn_val **out)
{
	struct jn_val *r;
	int rc = -1;

	if (++c->depth > c->max_depth) {
		c->limit = 1;
		Sfn_jn_fail(c, "U1001", n->pos,
		            "Stack overflow error: Check for non-terminating "
		            "recursive function.  Consider rewriting as "
		            "tail-recursive.");
		goto out;
	}
	if (Sfn_jn_budget(c, n->pos) != 0 ||
	    dispatch(c, n, input, env, &r) != 0)
		goto out;
	for (size_t i = 0; i < n->preds.n; i++) {
		if (Sfn_jn_filter(c, n->preds.v[i]->lhs, r, env, &r) != 0)
			goto out;
	}
	if (n->type != N_PATH && n->group != NULL &&
	    Sfn_jn_group(c, n->group, r, env, &r) != 0)
		goto out;
	if (Sfn_jn_is_arr(r) && (r->flags & JN_SEQ) && !(r->flags & JN_TUPLE)) {
		if (n->keep_array)
			r->flags |= JN_KEEP;
		r = Sfn_jn_collapse(r);
	}
	*out = r;
	rc = 0;
out:
	c->depth--;
	return rc;
}
