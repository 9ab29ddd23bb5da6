/* The transform operator | pattern | update [, delete] |: a function
 * that deep-copies its argument, then merges the update object into and
 * deletes the named keys from each value the pattern selects in the copy.
 * What the clauses make for one value but the update object is scratch,
 * given back before the next (scratch.c).
 *
 * A pattern of names only ("book", "a.b") selects values of the argument
 * itself, none inside another: then only the objects it selects and the
 * containers on the way to them are copied, and the rest is shared with
 * the argument (the engine never changes a value it did not just copy).
 * Should a selected object be reached twice (a value held in two places
 * of the argument), or lie deeper than COPY_MAX_DEPTH, the argument is
 * deep-copied as the reference does. Knows nothing of ASL. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "jsonata/eval.h"

#define COPY_MAX_DEPTH 256 /* containers followed to the selected values */

/* A selected object and its copy (NULL until the walk reaches it). */
struct chosen {
	const struct jn_val *from;
	struct jn_val *copy;
};

/* The copy of an argument for a pattern of names. */
struct sharing {
	struct jn_ctx *c;
	struct chosen *v; /* sorted by FROM */
	size_t n;
	int deep; /* deep-copy instead: shared or too deep */
};

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

static size_t count_of(const struct jn_val *matches)
{
	return matches == NULL          ? 0
	       : Sfn_jn_is_arr(matches) ? matches->u.arr.n
	                                : 1;
}

static struct jn_val *match_at(struct jn_val *matches, size_t i)
{
	return Sfn_jn_is_arr(matches) ? matches->u.arr.v[i] : matches;
}

/* Whether step ST is a plain name: no predicate, stage, group or
 * binding. */
static int plain_name(const struct jn_node *st)
{
	return st->type == N_NAME && st->stages.n == 0 && st->preds.n == 0 &&
	       st->group == NULL && st->focus == NULL && st->index == NULL &&
	       !st->tuple && st->ancestor == NULL && !st->keep_array;
}

/* Whether PATTERN is a path of plain names. */
static int names_only(const struct jn_node *pattern)
{
	if (pattern->type == N_NAME)
		return plain_name(pattern);
	if (pattern->type != N_PATH || pattern->group != NULL ||
	    pattern->preds.n > 0 || pattern->keep_singleton ||
	    pattern->keep_array)
		return 0;
	for (size_t i = 0; i < pattern->items.n; i++) {
		if (!plain_name(pattern->items.v[i]))
			return 0;
	}
	return 1;
}

static int by_address(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t) ((const struct chosen *) a)->from;
	uintptr_t y = (uintptr_t) ((const struct chosen *) b)->from;

	return x < y ? -1 : x > y;
}

static struct chosen *chosen_of(const struct sharing *k, const struct jn_val *v)
{
	struct chosen key = { v, NULL };

	return k->n == 0 ? NULL
	                 : bsearch(&key, k->v, k->n, sizeof(key), by_address);
}

/* Whether K's objects are in address order already, as the input's
 * often are (made in the order of its text). */
static int sorted(const struct sharing *k)
{
	for (size_t i = 1; i < k->n; i++) {
		if (by_address(&k->v[i - 1], &k->v[i]) > 0)
			return 0;
	}
	return 1;
}

/* The objects among MATCHES, sorted by address into K; K->deep when
 * one is there twice. */
static int choose(struct sharing *k, struct jn_val *matches)
{
	size_t count = count_of(matches);

	k->v = count > 0 ? malloc(count * sizeof(*k->v)) : NULL;
	if (count > 0 && k->v == NULL)
		return Sfn_jn_nomem(k->c);
	for (size_t i = 0; i < count; i++) {
		struct jn_val *m = match_at(matches, i);

		if (Sfn_jn_is_obj(m)) {
			k->v[k->n].from = m;
			k->v[k->n++].copy = NULL;
		}
	}
	if (!sorted(k))
		qsort(k->v, k->n, sizeof(*k->v), by_address);
	for (size_t i = 1; i < k->n; i++)
		k->deep |= k->v[i].from == k->v[i - 1].from;
	return 0;
}

/* V with the chosen objects under it copied, and the containers on the
 * way to them; V itself when none is under it. NULL when memory ran
 * out or K->deep is set. */
static struct jn_val *share(struct sharing *k, struct jn_val *v, size_t depth)
{
	struct chosen *ch;
	struct jn_val *r = NULL;
	int arr;
	size_t n;

	if (v == NULL || (v->kind != JN_ARR && v->kind != JN_OBJ))
		return v;
	if (depth > COPY_MAX_DEPTH) {
		k->deep = 1;
		return NULL;
	}
	ch = v->kind == JN_OBJ ? chosen_of(k, v) : NULL;
	if (ch != NULL) { /* nothing chosen lies inside a chosen object */
		if (ch->copy != NULL) {
			k->deep = 1; /* reached twice */
			return NULL;
		}
		return ch->copy = Sfn_jn_shallow(k->c, v);
	}
	arr = v->kind == JN_ARR;
	n = arr ? v->u.arr.n : v->u.obj.n;
	for (size_t i = 0; i < n; i++) {
		struct jn_val *m = arr ? v->u.arr.v[i] : v->u.obj.m[i].val;
		struct jn_val *s = share(k, m, depth + 1);

		if (s == NULL && m != NULL)
			return NULL;
		if (s == m)
			continue;
		if (r == NULL && (r = Sfn_jn_shallow(k->c, v)) == NULL)
			return NULL;
		if (arr)
			r->u.arr.v[i] = s;
		else
			r->u.obj.m[i].val = s;
	}
	return r != NULL ? r : v;
}

/* The clauses applied to each value MATCHES holds, objects through
 * their copies in K (NULL: the values themselves). */
static int apply_clauses(struct jn_ctx *c, struct jn_fn *fn,
                         struct jn_val *matches, const struct sharing *k)
{
	for (size_t i = 0; i < count_of(matches); i++) {
		struct jn_val *m = match_at(matches, i);
		struct chosen *ch =
		        k != NULL && Sfn_jn_is_obj(m) ? chosen_of(k, m) : NULL;

		if (ch != NULL)
			m = ch->copy;
		if (update(c, fn->node, m, fn->env) != 0 ||
		    delete (c, fn->node, m, fn->env) != 0)
			return -1;
	}
	return 0;
}

/* The transform with a pattern of names over OBJ, copying only what
 * changes: 1 when OBJ must be deep-copied instead. */
static int transform_shared(struct jn_ctx *c, struct jn_fn *fn,
                            struct jn_val *obj, struct jn_val **out)
{
	struct sharing k = { c, NULL, 0, 0 };
	struct jn_val *matches, *r = NULL;
	int rc = -1;

	if (Sfn_jn_eval(c, fn->node->lhs, obj, fn->env, &matches) != 0 ||
	    choose(&k, matches) != 0)
		goto done;
	if (!k.deep)
		r = share(&k, obj, 0);
	for (size_t i = 0; r != NULL && i < k.n; i++)
		k.deep |= k.v[i].copy == NULL; /* not found: not ours */
	if (k.deep) {
		rc = 1;
		goto done;
	}
	if (r == NULL || apply_clauses(c, fn, matches, &k) != 0)
		goto done;
	*out = r;
	rc = 0;
done:
	free(k.v);
	return rc;
}

int Sfn_jn_transform(struct jn_ctx *c, struct jn_fn *fn, struct jn_val *obj,
                     size_t pos, struct jn_val **out)
{
	struct jn_val *r, *matches;
	int rc;

	(void) pos;
	*out = NULL;
	if (obj == NULL)
		return 0;
	if (names_only(fn->node->lhs)) {
		rc = transform_shared(c, fn, obj, out);
		if (rc <= 0)
			return rc;
	}
	r = Sfn_jn_copy(c, obj);
	if (r == NULL ||
	    Sfn_jn_eval(c, fn->node->lhs, r, fn->env, &matches) != 0 ||
	    apply_clauses(c, fn, matches, NULL) != 0)
		return -1;
	*out = r;
	return 0;
}
