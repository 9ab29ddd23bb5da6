/* Scratch memory of a call made once per element ($map's and $filter's
 * function, a transform's update and delete clauses): a mark of the
 * evaluation arena is taken before the call; after it the one value that
 * survives is copied out (through an arena of its own), everything made
 * since the mark is given back, and the value copied in again. Values
 * made before the mark are shared, never copied: the engine never
 * changes a value made before a call to point at one made during it.
 * What does outlive a call (a cached signature, a compiled regex, $eval's
 * tree) is counted in the context's pins: a scratch with a pin since its
 * mark, or whose value holds a function made since (its closure), or
 * nests more than JN_SCRATCH_MAX_DEPTH containers deep, is kept whole. Knows
 * nothing of ASL. */
#include "config.h"

#include <string.h>

#include "jsonata/jsonata_int.h"

/* Copies VALUES made since the mark FROM_MARK of FROM into TO. */
struct copier {
	const struct sfn_arena *from;
	struct sfn_arena_mark since;
	struct sfn_arena *to;
	int keep; /* a function made since, or too deep: copy nothing */
	int nomem;
};

static int made_since(const struct copier *k, const void *p)
{
	return sfn_arena_since(k->from, k->since, p);
}

static struct jn_val *clone(struct copier *k, struct jn_val *v, size_t depth);

/* The members of container V (copied to R), cloned. */
static int clone_members(struct copier *k, const struct jn_val *v,
                         struct jn_val *r, size_t depth)
{
	int arr = v->kind == JN_ARR;
	size_t n = arr ? v->u.arr.n : v->u.obj.n;
	size_t size = arr ? sizeof(*v->u.arr.v) : sizeof(*v->u.obj.m);
	void *room = n > 0 ? sfn_arena_alloc(k->to, n * size) : NULL;

	if (n > 0 && room == NULL)
		return -1;
	Sfn_jn_set_table(r, room, n);
	for (size_t i = 0; i < n; i++) {
		struct jn_val *m = arr ? v->u.arr.v[i] : v->u.obj.m[i].val;
		struct jn_val *c = clone(k, m, depth + 1);

		if (m != NULL && c == NULL)
			return -1;
		if (arr) {
			r->u.arr.v[i] = c;
			continue;
		}
		r->u.obj.m[i].val = c;
		r->u.obj.m[i].key = v->u.obj.m[i].key;
		if (made_since(k, v->u.obj.m[i].key))
			r->u.obj.m[i].key =
			        sfn_arena_strdup(k->to, r->u.obj.m[i].key);
		if (r->u.obj.m[i].key == NULL)
			return -1;
	}
	return 0;
}

/* V with what was made since the mark copied into K's arena; NULL with
 * K->keep or K->nomem set when it cannot be. */
static struct jn_val *clone(struct copier *k, struct jn_val *v, size_t depth)
{
	struct jn_val *r;

	if (v == NULL || k->keep || !made_since(k, v))
		return v;
	if (v->kind == JN_FN || ((v->kind == JN_ARR || v->kind == JN_OBJ) &&
	                         depth >= JN_SCRATCH_MAX_DEPTH)) {
		k->keep = 1;
		return NULL;
	}
	r = sfn_arena_alloc(k->to, sizeof(*r));
	if (r == NULL) {
		k->nomem = 1;
		return NULL;
	}
	*r = *v;
	if (v->kind == JN_STR && made_since(k, v->u.str.s))
		r->u.str.s = sfn_arena_strndup(k->to, v->u.str.s, v->u.str.len);
	if ((v->kind == JN_STR && r->u.str.s == NULL) ||
	    ((v->kind == JN_ARR || v->kind == JN_OBJ) &&
	     clone_members(k, v, r, depth) != 0)) {
		k->nomem |= !k->keep;
		return NULL;
	}
	return r;
}

void Sfn_jn_scratch_begin(struct jn_ctx *c, struct jn_scratch *s)
{
	s->mark = sfn_arena_checkpoint(c->arena);
	s->pins = c->pins;
}

/* A number, boolean or null made since the mark: remade after it. */
static int keep_scalar(struct jn_ctx *c, const struct jn_scratch *s,
                       struct jn_val **v)
{
	struct jn_val keep = **v;

	sfn_arena_release(c->arena, s->mark);
	*v = Sfn_jn_new(c, keep.kind);
	if (*v == NULL)
		return -1;
	**v = keep;
	return 0;
}

/* *V copied out to SPARE, the scratch given back, and copied in again. */
static int keep_through(struct jn_ctx *c, const struct jn_scratch *s,
                        struct sfn_arena *spare, struct jn_val **v)
{
	struct copier out = { c->arena, s->mark, spare, 0, 0 };
	struct sfn_arena_mark all = { NULL, 0, 0 };
	struct copier in = { spare, all, c->arena, 0, 0 };
	struct jn_val *r = clone(&out, *v, 0);

	if (out.nomem)
		return Sfn_jn_nomem(c);
	if (out.keep)
		return 0; /* the scratch stays */
	sfn_arena_release(c->arena, s->mark);
	*v = clone(&in, r, 0);
	return in.nomem ? Sfn_jn_nomem(c) : 0;
}

int Sfn_jn_scratch_end(struct jn_ctx *c, const struct jn_scratch *s,
                       struct jn_val **v)
{
	struct sfn_arena_mark empty = { NULL, 0, 0 };
	struct sfn_arena spare;
	int rc;

	if (c->pins != s->pins)
		return 0;
	if (*v == NULL || !sfn_arena_since(c->arena, s->mark, *v)) {
		sfn_arena_release(c->arena, s->mark);
		return 0;
	}
	if ((*v)->kind == JN_NUM || (*v)->kind == JN_BOOL ||
	    (*v)->kind == JN_NULL)
		return keep_scalar(c, s, v);
	if (c->spare == NULL) {
		sfn_arena_init(&spare);
		rc = keep_through(c, s, &spare, v);
		sfn_arena_free(&spare);
		return rc;
	}
	rc = keep_through(c, s, c->spare, v);
	sfn_arena_release(c->spare, empty); /* keeps its block for the next */
	return rc;
}
