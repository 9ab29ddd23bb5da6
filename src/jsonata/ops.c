/* Operators and constructors: arithmetic, comparison, boolean, string
 * concatenation, range and inclusion; array and object constructors
 * (group-by), conditions, blocks, bindings and sorting. Knows nothing of
 * ASL. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jsonata/eval.h"

#define TRY(x)                                                                 \
	do {                                                                   \
		if ((x) != 0)                                                  \
			return -1;                                             \
	} while (0)

#define RANGE_MAX 1e7 /* members the range operator may make (D2014) */

static const char *op_text(enum jn_op op)
{
	static const char *const texts[] = {
		[OP_ADD] = "+", [OP_SUB] = "-",    [OP_MUL] = "*",
		[OP_DIV] = "/", [OP_MOD] = "%",    [OP_EQ] = "=",
		[OP_NE] = "!=", [OP_LT] = "<",     [OP_LE] = "<=",
		[OP_GT] = ">",  [OP_GE] = ">=",    [OP_AND] = "and",
		[OP_OR] = "or", [OP_CONCAT] = "&", [OP_RANGE] = "..",
		[OP_IN] = "in",
	};

	return texts[op] != NULL ? texts[op] : "?";
}

static int numeric(struct jn_ctx *c, struct jn_node *n, struct jn_val *l,
                   struct jn_val *r, struct jn_val **out)
{
	double a, b, v;

	if (l != NULL && (!Sfn_jn_is_num(l) || isnan(l->u.n)))
		return Sfn_jn_fail(
		        c, "T2001", n->pos,
		        "The left side of the %s operator must evaluate "
		        "to a number",
		        op_text(n->op));
	if (r != NULL && (!Sfn_jn_is_num(r) || isnan(r->u.n)))
		return Sfn_jn_fail(c, "T2002", n->pos,
		                   "The right side of the %s operator must "
		                   "evaluate to a number",
		                   op_text(n->op));
	if (l == NULL || r == NULL)
		return 0;
	a = l->u.n;
	b = r->u.n;
	if (!isfinite(a) || !isfinite(b))
		return Sfn_jn_fail(c, "D1001", n->pos, "Number out of range");
	switch (n->op) {
	case OP_ADD:
		v = a + b;
		break;
	case OP_SUB:
		v = a - b;
		break;
	case OP_MUL:
		v = a * b;
		break;
	case OP_DIV:
		v = a / b;
		break;
	default:
		v = fmod(a, b);
		break;
	}
	*out = Sfn_jn_num(c, v);
	return *out == NULL ? -1 : 0;
}

static int comparable(const struct jn_val *v)
{
	return v == NULL || v->kind == JN_STR || v->kind == JN_NUM;
}

static int compare_values(const struct jn_val *l, const struct jn_val *r)
{
	int cmp;

	if (l->kind == JN_NUM)
		return l->u.n < r->u.n ? -1 : l->u.n > r->u.n ? 1 : 0;
	cmp = strcmp(l->u.str.s, r->u.str.s);
	return cmp < 0 ? -1 : cmp > 0 ? 1 : 0;
}

static int comparison(struct jn_ctx *c, struct jn_node *n, struct jn_val *l,
                      struct jn_val *r, struct jn_val **out)
{
	int cmp, res;

	if (!comparable(l) || !comparable(r))
		return Sfn_jn_fail(c, "T2010", n->pos,
		                   "The expressions either side of operator %s "
		                   "must evaluate to numeric or string values",
		                   op_text(n->op));
	if (l == NULL || r == NULL)
		return 0;
	if (l->kind != r->kind)
		return Sfn_jn_fail(
		        c, "T2009", n->pos,
		        "The values either side of operator %s must be "
		        "of the same data type",
		        op_text(n->op));
	cmp = compare_values(l, r);
	if (l->kind == JN_NUM && (isnan(l->u.n) || isnan(r->u.n)))
		cmp = 2; /* unordered: every comparison is false */
	switch (n->op) {
	case OP_LT:
		res = cmp == -1;
		break;
	case OP_LE:
		res = cmp == -1 || cmp == 0;
		break;
	case OP_GT:
		res = cmp == 1;
		break;
	default:
		res = cmp == 1 || cmp == 0;
		break;
	}
	*out = Sfn_jn_bool(c, res);
	return *out == NULL ? -1 : 0;
}

static int concat(struct jn_ctx *c, struct jn_val *l, struct jn_val *r,
                  struct jn_val **out)
{
	struct jn_val *ls, *rs;
	char *s;
	size_t ln, rn;

	TRY(Sfn_jn_string_of(c, l, 0, &ls));
	TRY(Sfn_jn_string_of(c, r, 0, &rs));
	ln = ls != NULL ? ls->u.str.len : 0;
	rn = rs != NULL ? rs->u.str.len : 0;
	s = sfn_arena_alloc(c->arena, ln + rn + 1);
	if (s == NULL)
		return Sfn_jn_nomem(c);
	if (ln > 0)
		memcpy(s, ls->u.str.s, ln);
	if (rn > 0)
		memcpy(s + ln, rs->u.str.s, rn);
	*out = Sfn_jn_strn(c, s, ln + rn);
	return *out == NULL ? -1 : 0;
}

static int range(struct jn_ctx *c, struct jn_node *n, struct jn_val *l,
                 struct jn_val *r, struct jn_val **out)
{
	struct jn_val *a;

	if (l != NULL && (!Sfn_jn_is_num(l) || l->u.n != floor(l->u.n)))
		return Sfn_jn_fail(
		        c, "T2003", n->pos,
		        "The left side of the range operator (..) must "
		        "evaluate to an integer");
	if (r != NULL && (!Sfn_jn_is_num(r) || r->u.n != floor(r->u.n)))
		return Sfn_jn_fail(c, "T2004", n->pos,
		                   "The right side of the range operator (..) "
		                   "must evaluate to an integer");
	if (l == NULL || r == NULL || l->u.n > r->u.n)
		return 0;
	if (r->u.n - l->u.n + 1 > RANGE_MAX)
		return Sfn_jn_fail(c, "D2014", n->pos,
		                   "The size of the sequence allocated by the "
		                   "range operator (..) must not exceed 1e7.  "
		                   "Attempted to allocate %.0f.",
		                   r->u.n - l->u.n + 1);
	a = *out = Sfn_jn_seq(c);
	if (a == NULL)
		return -1;
	for (double v = l->u.n; v <= r->u.n; v++) {
		if ((fmod(v, 4096) == 0 && Sfn_jn_budget(c, n->pos) != 0) ||
		    Sfn_jn_push(c, a, Sfn_jn_num(c, v)) != 0)
			return -1;
	}
	return 0;
}

static int includes(struct jn_ctx *c, struct jn_val *l, struct jn_val *r,
                    struct jn_val **out)
{
	int found = 0;

	if (l != NULL && r != NULL) {
		size_t n = Sfn_jn_is_arr(r) ? r->u.arr.n : 1;

		for (size_t i = 0; i < n && !found; i++) {
			struct jn_val *m = Sfn_jn_is_arr(r) ? r->u.arr.v[i] : r;

			if (m != NULL &&
			    (m->kind == JN_ARR || m->kind == JN_OBJ ||
			     m->kind == JN_FN))
				found = m == l;
			else
				found = Sfn_jn_equal(m, l);
		}
	}
	*out = Sfn_jn_bool(c, found);
	return *out == NULL ? -1 : 0;
}

static int boolean(struct jn_ctx *c, struct jn_node *n, struct jn_val *in,
                   struct jn_env *env, struct jn_val **out)
{
	struct jn_val *l, *r = NULL;
	int lb, res;

	TRY(Sfn_jn_eval(c, n->lhs, in, env, &l));
	lb = Sfn_jn_truthy(l);
	if ((n->op == OP_AND && !lb) || (n->op == OP_OR && lb)) {
		res = lb;
	} else {
		TRY(Sfn_jn_eval(c, n->rhs, in, env, &r));
		res = Sfn_jn_truthy(r);
	}
	*out = Sfn_jn_bool(c, res);
	return *out == NULL ? -1 : 0;
}

static int binary(struct jn_ctx *c, struct jn_node *n, struct jn_val *in,
                  struct jn_env *env, struct jn_val **out)
{
	struct jn_val *l, *r;

	if (n->op == OP_AND || n->op == OP_OR)
		return boolean(c, n, in, env, out);
	TRY(Sfn_jn_eval(c, n->lhs, in, env, &l));
	TRY(Sfn_jn_eval(c, n->rhs, in, env, &r));
	switch (n->op) {
	case OP_ADD:
	case OP_SUB:
	case OP_MUL:
	case OP_DIV:
	case OP_MOD:
		return numeric(c, n, l, r, out);
	case OP_EQ:
	case OP_NE:
		*out = Sfn_jn_bool(c, l != NULL && r != NULL &&
		                              Sfn_jn_equal(l, r) ==
		                                      (n->op == OP_EQ));
		return *out == NULL ? -1 : 0;
	case OP_CONCAT:
		return concat(c, l, r, out);
	case OP_RANGE:
		return range(c, n, l, r, out);
	case OP_IN:
		return includes(c, l, r, out);
	default:
		return comparison(c, n, l, r, out);
	}
}

static int array(struct jn_ctx *c, struct jn_node *n, struct jn_val *in,
                 struct jn_env *env, struct jn_val **out)
{
	struct jn_val *a = Sfn_jn_arr(c), *v;

	*out = a;
	if (a == NULL)
		return -1;
	for (size_t i = 0; i < n->items.n; i++) {
		TRY(Sfn_jn_eval(c, n->items.v[i], in, env, &v));
		if (v == NULL)
			continue;
		if (n->items.v[i]->type == N_ARRAY)
			TRY(Sfn_jn_push(c, a, v));
		else
			TRY(Sfn_jn_append_flat(c, a, v));
	}
	if (n->cons_array)
		a->flags |= JN_CONS;
	return 0;
}

/* reduceTupleStream: one tuple whose members gather those of all. */
static struct jn_val *reduce_tuples(struct jn_ctx *c, struct jn_val *data)
{
	struct jn_val *r, *t;

	if (!Sfn_jn_is_arr(data))
		return data;
	r = Sfn_jn_obj(c);
	for (size_t i = 0; r != NULL && i < data->u.arr.n; i++) {
		t = data->u.arr.v[i];
		for (size_t k = 0; k < t->u.obj.n; k++) {
			const char *key = t->u.obj.m[k].key;
			struct jn_val *v = t->u.obj.m[k].val;

			if (i > 0)
				v = Sfn_jn_append(c, Sfn_jn_get(r, key), v);
			if ((i > 0 && v == NULL && c->failed) ||
			    Sfn_jn_set(c, r, key, v) != 0)
				return NULL;
		}
	}
	return r;
}

struct group_entry {
	const char *key;
	struct jn_val *data; /* the item, or the array OWN made */
	size_t pair;
	int own; /* DATA is this group's own array: append in place */
};

static int group_key(struct jn_ctx *c, struct jn_node *g, struct jn_val *item,
                     int reduce, struct jn_env *env, size_t pair,
                     struct jn_val **key)
{
	struct jn_env *e = env;
	struct jn_val *ctx = item;

	if (reduce) {
		e = Sfn_jn_tuple_env(c, env, item);
		if (e == NULL)
			return -1;
		ctx = Sfn_jn_get(item, "@");
	}
	TRY(Sfn_jn_eval(c, g->items.v[2 * pair], ctx, e, key));
	if (*key != NULL && !Sfn_jn_is_str(*key))
		return Sfn_jn_fail(c, "T1003", g->pos,
		                   "Key in object structure must evaluate to a "
		                   "string; got: %s",
		                   (*key)->kind == JN_NUM ? "a number"
		                                          : "a value");
	return 0;
}

/* The reference's append(data, item), a new array each time, made in
 * place once the group has an array of its own: linear, not quadratic,
 * in the group's size. */
static int group_append(struct jn_ctx *c, struct group_entry *e,
                        struct jn_val *item)
{
	struct jn_val *a;

	if (item == NULL)
		return 0;
	if (e->own)
		return Sfn_jn_append_flat(c, e->data, item);
	a = Sfn_jn_append(c, e->data, item);
	if (a == NULL)
		return c->failed ? -1 : 0;
	e->own = a != e->data && a != item;
	e->data = a;
	return 0;
}

/* The group of KEY among the N of GROUPS, or NULL. */
static struct group_entry *group_find(struct group_entry *groups, size_t n,
                                      const struct jn_val *key)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(groups[i].key, key->u.str.s) == 0)
			return &groups[i];
	}
	return NULL;
}

/* A new group of KEY (in G, *N of them) holding ITEM. */
static int group_add(struct jn_ctx *c, struct group_entry **groups, size_t *n,
                     size_t *cap, struct jn_val *key, struct jn_val *item,
                     size_t pair)
{
	struct group_entry *e;

	if (*n == *cap) {
		size_t ncap = *cap == 0 ? 8 : *cap * 2;

		e = sfn_arena_alloc(c->arena, ncap * sizeof(*e));
		if (e == NULL)
			return Sfn_jn_nomem(c);
		if (*n > 0)
			memcpy(e, *groups, *n * sizeof(*e));
		*groups = e;
		*cap = ncap;
	}
	e = &(*groups)[(*n)++];
	e->key = key->u.str.s;
	e->data = item;
	e->pair = pair;
	e->own = 0;
	return 0;
}

/* ITEM into the group its key of pair PAIR names. What evaluating the
 * key made is scratch (scratch.c): given back, but for the key of a new
 * group. */
static int group_item(struct jn_ctx *c, struct jn_node *g,
                      struct group_entry **groups, size_t *n, size_t *cap,
                      struct jn_val *item, int reduce, struct jn_env *env,
                      size_t pair)
{
	struct jn_val *key, *none = NULL;
	struct group_entry *e;
	struct jn_scratch s;

	Sfn_jn_scratch_begin(c, &s);
	TRY(group_key(c, g, item, reduce, env, pair, &key));
	e = key != NULL ? group_find(*groups, *n, key) : NULL;
	if (e == NULL) {
		TRY(Sfn_jn_scratch_end(c, &s, &key));
		return key != NULL
		               ? group_add(c, groups, n, cap, key, item, pair)
		               : 0;
	}
	if (e->pair != pair)
		return Sfn_jn_fail(c, "D1009", g->pos,
		                   "Multiple key definitions evaluate to "
		                   "same key: %s",
		                   key->u.str.s);
	TRY(Sfn_jn_scratch_end(c, &s, &none));
	return group_append(c, e, item);
}

static int group_values(struct jn_ctx *c, struct jn_node *g,
                        struct group_entry *groups, size_t n, int reduce,
                        struct jn_env *env, struct jn_val *r)
{
	for (size_t i = 0; i < n; i++) {
		struct jn_val *ctx = groups[i].data, *v, *t;
		struct jn_env *e = env;

		if (reduce) {
			t = reduce_tuples(c, groups[i].data);
			if (t == NULL)
				return -1;
			ctx = Sfn_jn_get(t, "@");
			Sfn_jn_del(t, "@");
			e = Sfn_jn_tuple_env(c, env, t);
			if (e == NULL)
				return -1;
		}
		TRY(Sfn_jn_eval(c, g->items.v[2 * groups[i].pair + 1], ctx, e,
		                &v));
		if (v != NULL)
			TRY(Sfn_jn_set(c, r, groups[i].key, v));
	}
	return 0;
}

int Sfn_jn_group(struct jn_ctx *c, struct jn_node *g, struct jn_val *in,
                 struct jn_env *env, struct jn_val **out)
{
	struct group_entry *groups = NULL;
	size_t n = 0, cap = 0, pairs = g->items.n / 2;
	int reduce = in != NULL && (in->flags & JN_TUPLE);
	struct jn_val *r = Sfn_jn_obj(c);

	*out = r;
	if (r == NULL)
		return -1;
	if (!Sfn_jn_is_arr(in) || in->u.arr.n == 0)
		in = Sfn_jn_seq_of(c, Sfn_jn_is_arr(in) ? NULL : in);
	if (in == NULL)
		return -1;
	for (size_t i = 0; i < in->u.arr.n; i++) {
		for (size_t p = 0; p < pairs; p++)
			TRY(group_item(c, g, &groups, &n, &cap, in->u.arr.v[i],
			               reduce, env, p));
	}
	return group_values(c, g, groups, n, reduce, env, r);
}

struct sort_arg {
	struct jn_node *st;
	struct jn_env *env;
	int tuples;
};

static int term_value(struct jn_ctx *c, struct sort_arg *s, struct jn_node *t,
                      struct jn_val *v, struct jn_val **out)
{
	struct jn_env *e = s->env;

	if (s->tuples) {
		e = Sfn_jn_tuple_env(c, s->env, v);
		if (e == NULL)
			return -1;
		v = Sfn_jn_get(v, "@");
	}
	return Sfn_jn_eval(c, t->lhs, v, e, out);
}

static int sort_greater(struct jn_ctx *c, void *arg, struct jn_val *a,
                        struct jn_val *b, int *gt)
{
	struct sort_arg *s = arg;
	int comp = 0;

	for (size_t i = 0; comp == 0 && i < s->st->items.n; i++) {
		struct jn_node *t = s->st->items.v[i];
		struct jn_val *aa, *bb;

		TRY(term_value(c, s, t, a, &aa));
		TRY(term_value(c, s, t, b, &bb));
		if (aa == NULL || bb == NULL) {
			comp = aa == NULL ? (bb == NULL ? 0 : 1) : -1;
			continue;
		}
		if (!comparable(aa) || !comparable(bb))
			return Sfn_jn_fail(c, "T2008", s->st->pos,
			                   "The expressions within an order-by "
			                   "clause must evaluate to numeric or "
			                   "string values");
		if (aa->kind != bb->kind)
			return Sfn_jn_fail(
			        c, "T2007", s->st->pos,
			        "Type mismatch when comparing values in "
			        "order-by clause");
		comp = compare_values(aa, bb);
		comp = comp < 0 ? -1 : comp > 0 ? 1 : 0;
		if (t->descending)
			comp = -comp;
	}
	*gt = comp == 1;
	return 0;
}

static int merge(struct jn_ctx *c, struct jn_val **v, struct jn_val **tmp,
                 size_t n,
                 int (*gt)(struct jn_ctx *, void *, struct jn_val *,
                           struct jn_val *, int *),
                 void *arg)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;
	int g;

	if (n <= 1)
		return 0;
	TRY(merge(c, v, tmp, mid, gt, arg));
	TRY(merge(c, v + mid, tmp, n - mid, gt, arg));
	while (i < mid && j < n) {
		TRY(gt(c, arg, v[i], v[j], &g));
		tmp[k++] = g ? v[j++] : v[i++];
	}
	while (i < mid)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
	return 0;
}

int Sfn_jn_merge_sort(struct jn_ctx *c, struct jn_val **v, size_t n,
                      int (*greater)(struct jn_ctx *c, void *arg,
                                     struct jn_val *a, struct jn_val *b,
                                     int *gt),
                      void *arg)
{
	struct jn_val **tmp;

	if (n <= 1)
		return 0;
	tmp = sfn_arena_alloc(c->arena, n * sizeof(*tmp));
	if (tmp == NULL)
		return Sfn_jn_nomem(c);
	return merge(c, v, tmp, n, greater, arg);
}

int Sfn_jn_sort(struct jn_ctx *c, struct jn_node *st, struct jn_val *in,
                struct jn_env *env, struct jn_val **out)
{
	struct sort_arg s = { st, env, in != NULL && (in->flags & JN_TUPLE) };
	struct jn_val *r;

	*out = in;
	if (!Sfn_jn_is_arr(in) || in->u.arr.n <= 1)
		return 0;
	r = Sfn_jn_seq(c);
	if (r == NULL || Sfn_jn_append_flat(c, r, in) != 0)
		return -1;
	r->flags = in->flags;
	*out = r;
	return Sfn_jn_merge_sort(c, r->u.arr.v, r->u.arr.n, sort_greater, &s);
}

static int condition(struct jn_ctx *c, struct jn_node *n, struct jn_val *in,
                     struct jn_env *env, struct jn_val **out)
{
	struct jn_val *v;

	TRY(Sfn_jn_eval(c, n->lhs, in, env, &v));
	if (Sfn_jn_truthy(v))
		return Sfn_jn_eval(c, n->rhs, in, env, out);
	if (n->third != NULL)
		return Sfn_jn_eval(c, n->third, in, env, out);
	*out = NULL;
	return 0;
}

static int block(struct jn_ctx *c, struct jn_node *n, struct jn_val *in,
                 struct jn_env *env, struct jn_val **out)
{
	struct jn_env *e = Sfn_jn_env_new(c, env);

	*out = NULL;
	if (e == NULL)
		return -1;
	for (size_t i = 0; i < n->items.n; i++)
		TRY(Sfn_jn_eval(c, n->items.v[i], in, e, out));
	return 0;
}

static int bind(struct jn_ctx *c, struct jn_node *n, struct jn_val *in,
                struct jn_env *env, struct jn_val **out)
{
	TRY(Sfn_jn_eval(c, n->rhs, in, env, out));
	c->pins++; /* ENV may be older than a scratch mark (scratch.c) */
	return Sfn_jn_bind(c, env, n->lhs->str, *out);
}

static int negate(struct jn_ctx *c, struct jn_node *n, struct jn_val *in,
                  struct jn_env *env, struct jn_val **out)
{
	struct jn_val *v;

	TRY(Sfn_jn_eval(c, n->lhs, in, env, &v));
	*out = NULL;
	if (v == NULL)
		return 0;
	if (!Sfn_jn_is_num(v))
		return Sfn_jn_fail(c, "D1002", n->pos,
		                   "Cannot negate a non-numeric value");
	*out = Sfn_jn_num(c, -v->u.n);
	return *out == NULL ? -1 : 0;
}

int Sfn_jn_eval_op(struct jn_ctx *c, struct jn_node *n, struct jn_val *in,
                   struct jn_env *env, struct jn_val **out)
{
	switch (n->type) {
	case N_BINARY:
		return binary(c, n, in, env, out);
	case N_NEG:
		return negate(c, n, in, env, out);
	case N_ARRAY:
		return array(c, n, in, env, out);
	case N_OBJECT:
		return Sfn_jn_group(c, n, in, env, out);
	case N_CONDITION:
		return condition(c, n, in, env, out);
	case N_BLOCK:
		return block(c, n, in, env, out);
	case N_BIND:
		return bind(c, n, in, env, out);
	case N_SORT:
		return Sfn_jn_sort(c, n, in, env, out);
	case N_CALL:
		return Sfn_jn_eval_call(c, n, in, env, out);
	case N_PARTIAL:
		return Sfn_jn_eval_partial(c, n, in, env, out);
	case N_APPLY:
		return Sfn_jn_eval_apply(c, n, in, env, out);
	case N_LAMBDA:
		return Sfn_jn_make_fn(c, JF_LAMBDA, n, in, env, out);
	case N_TRANSFORM:
		return Sfn_jn_make_fn(c, JF_TRANSFORM, n, in, env, out);
	case N_REGEX:
		return Sfn_jn_make_fn(c, JF_REGEX, n, in, env, out);
	default:
		return Sfn_jn_fail(c, "S0206", n->pos,
		                   "Unknown expression type");
	}
}
