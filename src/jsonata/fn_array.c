/* Array, object and higher-order built-ins: $keys, $lookup, $append,
 * $spread, $merge, $reverse, $each, $sort, $shuffle, $distinct, $zip,
 * $sift, $clone, $map, $filter, $single, $reduce. Knows nothing of
 * ASL. */
#include "config.h"

#include <string.h>

#include "jsonata/fn.h"

#define TRY(x)                                                                 \
	do {                                                                   \
		if ((x) != 0)                                                  \
			return -1;                                             \
	} while (0)

int Sfn_jn_hof_call(struct jn_ctx *c, struct jn_val *f, struct jn_val *a1,
                    struct jn_val *a2, struct jn_val *a3, struct jn_env *env,
                    size_t pos, struct jn_val **out)
{
	struct jn_val *args[3] = { a1, a2, a3 };
	/* no function ($sift's is optional): T1006 from the call */
	size_t arity = Sfn_jn_is_fn(f) ? Sfn_jn_arity(f) : 1;

	return Sfn_jn_apply(c, f, args,
	                    arity < 1   ? 1
	                    : arity > 3 ? 3
	                                : arity,
	                    NULL, env, pos, out);
}

static int add_keys(struct jn_ctx *c, struct jn_val *v, struct jn_val *r)
{
	if (Sfn_jn_is_arr(v)) {
		for (size_t i = 0; i < v->u.arr.n; i++)
			TRY(add_keys(c, v->u.arr.v[i], r));
		return 0;
	}
	if (!Sfn_jn_is_obj(v))
		return 0;
	for (size_t i = 0; i < v->u.obj.n; i++) {
		int seen = 0;

		for (size_t k = 0; k < r->u.arr.n && !seen; k++)
			seen = strcmp(r->u.arr.v[k]->u.str.s,
			              v->u.obj.m[i].key) == 0;
		if (!seen)
			TRY(Sfn_jn_push(c, r,
			                Sfn_jn_str(c, v->u.obj.m[i].key)));
	}
	return 0;
}

int Sfn_jn_fn_keys(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env, (void) pos;
	*out = Sfn_jn_seq(c);
	return *out == NULL ? -1 : add_keys(c, a[0], *out);
}

int Sfn_jn_fn_lookup(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env, (void) pos;
	return Sfn_jn_lookup_key(c, a[0], a[1] != NULL ? a[1]->u.str.s : "",
	                         out);
}

int Sfn_jn_fn_append(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env, (void) pos;
	*out = Sfn_jn_append(c, a[0], a[1]);
	return *out == NULL && c->failed ? -1 : 0;
}

static int spread(struct jn_ctx *c, struct jn_val *v, struct jn_val **r)
{
	struct jn_val *o, *s = NULL;

	if (Sfn_jn_is_arr(v)) {
		for (size_t i = 0; i < v->u.arr.n; i++) {
			s = Sfn_jn_seq(c);
			if (s == NULL)
				return -1;
			TRY(spread(c, v->u.arr.v[i], &s));
			*r = Sfn_jn_append(c, *r, s);
		}
		return 0;
	}
	if (!Sfn_jn_is_obj(v)) {
		*r = Sfn_jn_append(c, *r, v);
		return 0;
	}
	/* pushed, as the reference does: an object of one member spreads
	 * to a sequence of one, which is that object (appended items make
	 * an array, which stays one) */
	for (size_t i = 0; i < v->u.obj.n; i++) {
		o = Sfn_jn_obj(c);
		if (o == NULL ||
		    Sfn_jn_set(c, o, v->u.obj.m[i].key, v->u.obj.m[i].val) !=
		            0 ||
		    Sfn_jn_push(c, *r, o) != 0)
			return -1;
	}
	return 0;
}

int Sfn_jn_fn_spread(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env, (void) pos;
	*out = NULL;
	if (!Sfn_jn_is_arr(a[0]) && !Sfn_jn_is_obj(a[0])) {
		*out = a[0];
		return 0;
	}
	*out = Sfn_jn_seq(c);
	return *out == NULL ? -1 : spread(c, a[0], out);
}

int Sfn_jn_fn_merge(JN_FN_ARGS)
{
	struct jn_val *r;

	(void) n, (void) in, (void) env, (void) pos;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	r = *out = Sfn_jn_obj(c);
	for (size_t i = 0; r != NULL && i < a[0]->u.arr.n; i++) {
		struct jn_val *o = a[0]->u.arr.v[i];

		for (size_t k = 0; k < o->u.obj.n; k++)
			TRY(Sfn_jn_set(c, r, o->u.obj.m[k].key,
			               o->u.obj.m[k].val));
	}
	return r == NULL ? -1 : 0;
}

int Sfn_jn_fn_reverse(JN_FN_ARGS)
{
	struct jn_val *r;

	(void) n, (void) in, (void) env, (void) pos;
	*out = a[0];
	if (a[0] == NULL || a[0]->u.arr.n <= 1)
		return 0;
	r = *out = Sfn_jn_arr(c);
	for (size_t i = a[0]->u.arr.n; r != NULL && i-- > 0;)
		TRY(Sfn_jn_push(c, r, a[0]->u.arr.v[i]));
	return r == NULL ? -1 : 0;
}

int Sfn_jn_fn_each(JN_FN_ARGS)
{
	struct jn_val *r, *v;

	(void) n, (void) in;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	r = *out = Sfn_jn_seq(c);
	for (size_t i = 0; r != NULL && i < a[0]->u.obj.n; i++) {
		TRY(Sfn_jn_hof_call(c, a[1], a[0]->u.obj.m[i].val,
		                    Sfn_jn_str(c, a[0]->u.obj.m[i].key), a[0],
		                    env, pos, &v));
		if (v != NULL)
			TRY(Sfn_jn_push(c, r, v));
	}
	return r == NULL ? -1 : 0;
}

struct cmp_arg {
	struct jn_val *fn;
	struct jn_env *env;
	size_t pos;
};

static int default_greater(struct jn_ctx *c, void *arg, struct jn_val *a,
                           struct jn_val *b, int *gt)
{
	(void) c, (void) arg;
	if (a->kind == JN_NUM)
		*gt = a->u.n > b->u.n;
	else
		*gt = strcmp(a->u.str.s, b->u.str.s) > 0;
	return 0;
}

static int fn_greater(struct jn_ctx *c, void *arg, struct jn_val *a,
                      struct jn_val *b, int *gt)
{
	struct cmp_arg *ca = arg;
	struct jn_val *args[2] = { a, b }, *r;

	TRY(Sfn_jn_apply(c, ca->fn, args, 2, NULL, ca->env, ca->pos, &r));
	*gt = Sfn_jn_truthy(r);
	return 0;
}

static int all_of(const struct jn_val *v, enum jn_kind kind)
{
	for (size_t i = 0; i < v->u.arr.n; i++) {
		if (v->u.arr.v[i] == NULL || v->u.arr.v[i]->kind != kind)
			return 0;
	}
	return 1;
}

int Sfn_jn_fn_sort(JN_FN_ARGS)
{
	struct cmp_arg ca = { a[1], env, pos };
	struct jn_val *r;

	(void) n, (void) in;
	*out = a[0];
	if (a[0] == NULL || a[0]->u.arr.n <= 1)
		return 0;
	if (a[1] == NULL && !all_of(a[0], JN_NUM) && !all_of(a[0], JN_STR))
		return Sfn_jn_fail(
		        c, "D3070", pos,
		        "The single argument form of the sort function "
		        "can only be applied to an array of strings or "
		        "an array of numbers.  Use the second argument "
		        "to specify a comparison function");
	r = *out = Sfn_jn_arr(c);
	if (r == NULL || Sfn_jn_append_flat(c, r, a[0]) != 0)
		return -1;
	return Sfn_jn_merge_sort(c, r->u.arr.v, r->u.arr.n,
	                         a[1] == NULL ? default_greater : fn_greater,
	                         &ca);
}

int Sfn_jn_fn_shuffle(JN_FN_ARGS)
{
	struct jn_val *r;

	(void) n, (void) in, (void) env, (void) pos;
	*out = a[0];
	if (a[0] == NULL || a[0]->u.arr.n <= 1)
		return 0;
	r = *out = Sfn_jn_arr(c);
	if (r == NULL || Sfn_jn_append_flat(c, r, a[0]) != 0)
		return -1;
	for (size_t i = r->u.arr.n - 1; i > 0; i--) {
		struct jn_val *t;
		size_t j;

		c->seed = c->seed * 6364136223846793005ULL + 1;
		j = (size_t) ((c->seed >> 33) % (i + 1));
		t = r->u.arr.v[i];
		r->u.arr.v[i] = r->u.arr.v[j];
		r->u.arr.v[j] = t;
	}
	return 0;
}

int Sfn_jn_fn_distinct(JN_FN_ARGS)
{
	struct jn_val *r;

	(void) n, (void) in, (void) env, (void) pos;
	*out = a[0];
	if (!Sfn_jn_is_arr(a[0]) || a[0]->u.arr.n <= 1)
		return 0;
	r = *out = (a[0]->flags & JN_SEQ) ? Sfn_jn_seq(c) : Sfn_jn_arr(c);
	for (size_t i = 0; r != NULL && i < a[0]->u.arr.n; i++) {
		int seen = 0;

		for (size_t k = 0; k < r->u.arr.n && !seen; k++)
			seen = Sfn_jn_equal(r->u.arr.v[k], a[0]->u.arr.v[i]);
		if (!seen)
			TRY(Sfn_jn_push(c, r, a[0]->u.arr.v[i]));
	}
	return r == NULL ? -1 : 0;
}

int Sfn_jn_fn_zip(JN_FN_ARGS)
{
	struct jn_val *r = Sfn_jn_arr(c), *t;
	size_t len = n > 0 ? (size_t) -1 : 0;

	(void) in, (void) env, (void) pos;
	*out = r;
	if (r == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		size_t l = Sfn_jn_is_arr(a[i]) ? a[i]->u.arr.n : 0;

		len = l < len ? l : len;
	}
	for (size_t k = 0; k < len; k++) {
		t = Sfn_jn_arr(c);
		if (t == NULL || Sfn_jn_push(c, r, t) != 0)
			return -1;
		for (size_t i = 0; i < n; i++)
			TRY(Sfn_jn_push(c, t, a[i]->u.arr.v[k]));
	}
	return 0;
}

int Sfn_jn_fn_sift(JN_FN_ARGS)
{
	struct jn_val *r, *v;

	(void) n, (void) in;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	r = Sfn_jn_obj(c);
	for (size_t i = 0; r != NULL && i < a[0]->u.obj.n; i++) {
		TRY(Sfn_jn_hof_call(c, a[1], a[0]->u.obj.m[i].val,
		                    Sfn_jn_str(c, a[0]->u.obj.m[i].key), a[0],
		                    env, pos, &v));
		if (Sfn_jn_truthy(v))
			TRY(Sfn_jn_set(c, r, a[0]->u.obj.m[i].key,
			               a[0]->u.obj.m[i].val));
	}
	if (r == NULL)
		return -1;
	*out = r->u.obj.n > 0 ? r : NULL;
	return 0;
}

int Sfn_jn_fn_clone(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env, (void) pos;
	*out = Sfn_jn_copy(c, a[0]);
	return *out == NULL && c->failed ? -1 : 0;
}

static int map_filter(struct jn_ctx *c, struct jn_val **a, int filter,
                      struct jn_env *env, size_t pos, struct jn_val **out)
{
	struct jn_val *r, *v, *idx;
	int pass;

	*out = NULL;
	if (a[0] == NULL)
		return 0;
	r = *out = Sfn_jn_seq(c);
	for (size_t i = 0; r != NULL && i < a[0]->u.arr.n; i++) {
		struct jn_scratch s;

		Sfn_jn_scratch_begin(c, &s);
		idx = Sfn_jn_num(c, (double) i);
		TRY(Sfn_jn_hof_call(c, a[1], a[0]->u.arr.v[i], idx, a[0], env,
		                    pos, &v));
		pass = filter && Sfn_jn_truthy(v);
		if (filter)
			v = NULL; /* only the verdict is kept */
		TRY(Sfn_jn_scratch_end(c, &s, &v));
		if (pass)
			TRY(Sfn_jn_push(c, r, a[0]->u.arr.v[i]));
		else if (!filter && v != NULL)
			TRY(Sfn_jn_push(c, r, v));
	}
	return r == NULL ? -1 : 0;
}

int Sfn_jn_fn_map(JN_FN_ARGS)
{
	(void) n, (void) in;
	return map_filter(c, a, 0, env, pos, out);
}

int Sfn_jn_fn_filter(JN_FN_ARGS)
{
	(void) n, (void) in;
	return map_filter(c, a, 1, env, pos, out);
}

int Sfn_jn_fn_single(JN_FN_ARGS)
{
	struct jn_val *v;
	int found = 0;

	(void) n, (void) in;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	for (size_t i = 0; i < a[0]->u.arr.n; i++) {
		int ok = 1;

		if (a[1] != NULL) {
			TRY(Sfn_jn_hof_call(c, a[1], a[0]->u.arr.v[i],
			                    Sfn_jn_num(c, (double) i), a[0],
			                    env, pos, &v));
			ok = Sfn_jn_truthy(v);
		}
		if (!ok)
			continue;
		if (found)
			return Sfn_jn_fail(
			        c, "D3138", pos,
			        "The $single() function expected exactly "
			        "1 matching result.  Instead it matched "
			        "more.");
		*out = a[0]->u.arr.v[i];
		found = 1;
	}
	if (!found)
		return Sfn_jn_fail(c, "D3139", pos,
		                   "The $single() function expected exactly 1 "
		                   "matching result.  Instead it matched 0.");
	return 0;
}

int Sfn_jn_fn_reduce(JN_FN_ARGS)
{
	size_t arity, i = 0;
	struct jn_val *args[4], *r;

	(void) n, (void) in;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	arity = Sfn_jn_arity(a[1]);
	if (arity < 2)
		return Sfn_jn_fail(
		        c, "D3050", pos,
		        "The second argument of reduce function must be "
		        "a function with at least two arguments");
	r = a[2];
	if (r == NULL && a[0]->u.arr.n > 0)
		r = a[0]->u.arr.v[i++];
	for (; i < a[0]->u.arr.n; i++) {
		args[0] = r;
		args[1] = a[0]->u.arr.v[i];
		args[2] = Sfn_jn_num(c, (double) i);
		args[3] = a[0];
		TRY(Sfn_jn_apply(c, a[1], args, arity > 4 ? 4 : arity, NULL,
		                 env, pos, &r));
	}
	*out = r;
	return 0;
}
