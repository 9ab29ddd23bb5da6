/* The raw parse tree rewritten into the form the evaluator walks: dotted
 * expressions become paths of steps, predicates become stages of their
 * step, focus and index bindings mark tuple steps, lambdas get tail calls
 * marked. Mirrors what the reference does after parsing; knows nothing
 * of evaluation. */
#include "config.h"

#include <string.h>

#include "jsonata/ancestry.h"

struct jn_node *Sfn_jn_node_new(struct jn_ctx *c, enum jn_ntype type,
                                size_t pos)
{
	struct jn_node *n = sfn_arena_alloc(c->arena, sizeof(*n));

	if (n == NULL) {
		Sfn_jn_nomem(c);
		return NULL;
	}
	n->type = type;
	n->pos = pos;
	return n;
}

int Sfn_jn_list_push(struct jn_ctx *c, struct jn_list *l, struct jn_node *n)
{
	void *v = l->v;

	if (Sfn_jn_grow(c, &v, l->n, &l->cap, sizeof(*l->v)) != 0)
		return -1;
	l->v = v;
	l->v[l->n++] = n;
	return 0;
}

static int process(struct jn_ctx *c, struct jn_node *e, struct jn_node **out);

static int process_list(struct jn_ctx *c, struct jn_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		if (process(c, l->v[i], &l->v[i]) != 0)
			return -1;
	}
	return 0;
}

static struct jn_node *as_path(struct jn_ctx *c, struct jn_node *step)
{
	struct jn_node *path;

	if (step->type == N_PATH)
		return step;
	path = Sfn_jn_node_new(c, N_PATH, step->pos);
	if (path == NULL || Sfn_jn_list_push(c, &path->items, step) != 0)
		return NULL;
	return path;
}

static struct jn_node *last_step(struct jn_node *path)
{
	return path->items.v[path->items.n - 1];
}

/* Literal steps: strings become names, numbers and values are refused;
 * a step keeping singleton arrays makes the path keep them. */
static int check_steps(struct jn_ctx *c, struct jn_node *path)
{
	for (size_t i = 0; i < path->items.n; i++) {
		struct jn_node *s = path->items.v[i];

		if (s->type == N_NUMBER || s->type == N_VALUE)
			return Sfn_jn_fail(
			        c, "S0213", s->pos,
			        "The literal value %s cannot be used as "
			        "a step within a path expression",
			        s->str != NULL ? s->str : "");
		if (s->type == N_STRING)
			s->type = N_NAME;
		if (s->keep_array)
			path->keep_singleton = 1;
	}
	return 0;
}

/* lhs . rhs */
static int dot(struct jn_ctx *c, struct jn_node *e, struct jn_node **out)
{
	struct jn_node *l, *r, *path;

	if (process(c, e->lhs, &l) != 0 || process(c, e->rhs, &r) != 0)
		return -1;
	path = Sfn_jn_node_new(c, N_PATH, e->pos);
	if (path == NULL)
		return -1;
	if (l->type == N_PARENT && Sfn_jn_push_ancestry(c, path, l) != 0)
		return -1;
	if (l->type == N_PATH) {
		*path = *l;
		path->memo = NULL;
		memset(&path->items, 0, sizeof(path->items));
		for (size_t i = 0; i < l->items.n; i++) {
			if (Sfn_jn_list_push(c, &path->items, l->items.v[i]) !=
			    0)
				return -1;
		}
	} else if (Sfn_jn_list_push(c, &path->items, l) != 0) {
		return -1;
	}
	if (r->type == N_PATH) {
		for (size_t i = 0; i < r->items.n; i++) {
			if (Sfn_jn_list_push(c, &path->items, r->items.v[i]) !=
			    0)
				return -1;
		}
	} else {
		r->stages = r->preds;
		memset(&r->preds, 0, sizeof(r->preds));
		if (Sfn_jn_list_push(c, &path->items, r) != 0)
			return -1;
	}
	if (check_steps(c, path) != 0)
		return -1;
	if (path->items.v[0]->type == N_ARRAY)
		path->items.v[0]->cons_array = 1;
	if (last_step(path)->type == N_ARRAY)
		last_step(path)->cons_array = 1;
	*out = path;
	return Sfn_jn_resolve_ancestry(c, path);
}

static int push_stage(struct jn_ctx *c, struct jn_list *l, enum jn_ntype type,
                      struct jn_node *e, size_t pos)
{
	struct jn_node *s = Sfn_jn_node_new(c, type, pos);

	if (s == NULL)
		return -1;
	s->lhs = e;
	return Sfn_jn_list_push(c, l, s);
}

/* lhs [ rhs ] */
static int pred(struct jn_ctx *c, struct jn_node *e, struct jn_node **out)
{
	struct jn_node *r, *step, *p;
	int stages = 0;

	if (process(c, e->lhs, &r) != 0)
		return -1;
	step = r;
	if (r->type == N_PATH && r->items.n > 0) {
		step = last_step(r);
		stages = 1;
	}
	if (step->group != NULL)
		return Sfn_jn_fail(c, "S0209", e->pos,
		                   "A predicate cannot follow a grouping "
		                   "expression in a step");
	if (process(c, e->rhs, &p) != 0)
		return -1;
	for (size_t i = 0; p->seeking != NULL && i < p->seeking->n; i++) {
		struct jn_slot *slot = p->seeking->v[i];

		if (slot->level != 1)
			slot->level--;
		else if (Sfn_jn_seek_parent(c, step, slot) != 0)
			return -1;
	}
	if ((p->seeking != NULL && Sfn_jn_push_ancestry(c, step, p) != 0) ||
	    push_stage(c, stages ? &step->stages : &step->preds, N_FILTER, p,
	               e->pos) != 0)
		return -1;
	*out = r;
	return 0;
}

/* lhs { pairs } */
static int group(struct jn_ctx *c, struct jn_node *e, struct jn_node **out)
{
	struct jn_node *r;

	if (process(c, e->lhs, &r) != 0)
		return -1;
	if (r->group != NULL)
		return Sfn_jn_fail(c, "S0210", e->pos,
		                   "Each step can only have one grouping "
		                   "expression");
	if (process_list(c, &e->rhs->items) != 0)
		return -1;
	r->group = e->rhs;
	*out = r;
	return 0;
}

/* lhs @ $var */
static int focus(struct jn_ctx *c, struct jn_node *e, struct jn_node **out)
{
	struct jn_node *r, *step;

	if (process(c, e->lhs, &r) != 0)
		return -1;
	step = r->type == N_PATH ? last_step(r) : r;
	if (step->stages.n > 0 || step->preds.n > 0)
		return Sfn_jn_fail(
		        c, "S0215", e->pos,
		        "A context variable binding must precede any "
		        "predicates on a step");
	if (step->type == N_SORT)
		return Sfn_jn_fail(
		        c, "S0216", e->pos,
		        "A context variable binding must precede the "
		        "'order-by' clause on a step");
	if (e->keep_array)
		step->keep_array = 1;
	step->focus = e->str;
	step->tuple = 1;
	*out = r;
	return 0;
}

/* lhs # $var */
static int position(struct jn_ctx *c, struct jn_node *e, struct jn_node **out)
{
	struct jn_node *r, *step;

	if (process(c, e->lhs, &r) != 0)
		return -1;
	if (r->type == N_PATH) {
		step = last_step(r);
	} else {
		step = r;
		r = as_path(c, r);
		if (r == NULL)
			return -1;
		step->stages = step->preds;
		memset(&step->preds, 0, sizeof(step->preds));
	}
	if (step->stages.n == 0) {
		step->index = e->str;
	} else {
		struct jn_node *s = Sfn_jn_node_new(c, N_INDEX, e->pos);

		if (s == NULL || Sfn_jn_list_push(c, &step->stages, s) != 0)
			return -1;
		s->str = e->str;
	}
	step->tuple = 1;
	*out = r;
	return 0;
}

/* lhs ^ ( terms ) */
static int sort(struct jn_ctx *c, struct jn_node *e, struct jn_node **out)
{
	struct jn_node *r, *s;

	if (process(c, e->lhs, &r) != 0)
		return -1;
	if (r->type != N_PATH) {
		r = as_path(c, r);
		if (r == NULL)
			return -1;
	}
	s = Sfn_jn_node_new(c, N_SORT, e->pos);
	if (s == NULL)
		return -1;
	s->items = e->items;
	for (size_t i = 0; i < s->items.n; i++) {
		if (process(c, s->items.v[i]->lhs, &s->items.v[i]->lhs) != 0 ||
		    Sfn_jn_push_ancestry(c, s, s->items.v[i]->lhs) != 0)
			return -1;
	}
	if (Sfn_jn_list_push(c, &r->items, s) != 0)
		return -1;
	*out = r;
	return Sfn_jn_resolve_ancestry(c, r);
}

/* Marks calls in tail position of a lambda body as thunks, so that the
 * trampoline in Sfn_jn_apply runs them without growing the stack. */
static void tail_calls(struct jn_node *body)
{
	if (body == NULL)
		return;
	if (body->type == N_CALL && body->preds.n == 0 && body->group == NULL) {
		body->thunk = 1;
	} else if (body->type == N_CONDITION) {
		tail_calls(body->rhs);
		tail_calls(body->third);
	} else if (body->type == N_BLOCK && body->items.n > 0) {
		tail_calls(body->items.v[body->items.n - 1]);
	}
}

static int neg(struct jn_ctx *c, struct jn_node *e, struct jn_node **out)
{
	if (process(c, e->lhs, &e->lhs) != 0)
		return -1;
	if (e->lhs->type == N_NUMBER) {
		e->lhs->num = -e->lhs->num;
		*out = e->lhs;
		return 0;
	}
	*out = e;
	return 0;
}

static int block(struct jn_ctx *c, struct jn_node *e, struct jn_node **out)
{
	if (process_list(c, &e->items) != 0)
		return -1;
	for (size_t i = 0; i < e->items.n; i++) {
		struct jn_node *p = e->items.v[i];

		if (Sfn_jn_push_ancestry(c, e, p) != 0)
			return -1;
		if (p->cons_array ||
		    (p->type == N_PATH && p->items.v[0]->cons_array))
			e->cons_array = 1;
	}
	*out = e;
	return 0;
}

static int operands(struct jn_ctx *c, struct jn_node *e, struct jn_node **out)
{
	if ((e->lhs != NULL && process(c, e->lhs, &e->lhs) != 0) ||
	    (e->rhs != NULL && process(c, e->rhs, &e->rhs) != 0) ||
	    (e->third != NULL && process(c, e->third, &e->third) != 0) ||
	    process_list(c, &e->items) != 0)
		return -1;
	if (e->type != N_LAMBDA && e->type != N_TRANSFORM &&
	    e->type != N_CALL && e->type != N_PARTIAL &&
	    ((e->lhs != NULL && Sfn_jn_push_ancestry(c, e, e->lhs) != 0) ||
	     (e->rhs != NULL && Sfn_jn_push_ancestry(c, e, e->rhs) != 0) ||
	     (e->third != NULL && Sfn_jn_push_ancestry(c, e, e->third) != 0)))
		return -1;
	for (size_t i = 0; e->type != N_LAMBDA && i < e->items.n; i++) {
		if (Sfn_jn_push_ancestry(c, e, e->items.v[i]) != 0)
			return -1;
	}
	if (e->type == N_LAMBDA)
		tail_calls(e->rhs);
	if (e->type == N_APPLY)
		e->keep_array = e->lhs->keep_array || e->rhs->keep_array;
	*out = e;
	return 0;
}

static int dispatch(struct jn_ctx *c, struct jn_node *e, struct jn_node **out)
{
	switch (e->type) {
	case N_RAW_DOT:
		return dot(c, e, out);
	case N_RAW_PRED:
		return pred(c, e, out);
	case N_RAW_GROUP:
		return group(c, e, out);
	case N_RAW_FOCUS:
		return focus(c, e, out);
	case N_RAW_INDEX:
		return position(c, e, out);
	case N_RAW_SORT:
		return sort(c, e, out);
	case N_NEG:
		return neg(c, e, out);
	case N_BLOCK:
		return block(c, e, out);
	case N_PARENT:
		*out = e;
		return Sfn_jn_parent_slot(c, e);
	case N_NAME:
		*out = as_path(c, e);
		if (*out != NULL && e->keep_array)
			(*out)->keep_singleton = 1;
		return *out == NULL ? -1 : 0;
	default:
		return operands(c, e, out);
	}
}

static int process(struct jn_ctx *c, struct jn_node *e, struct jn_node **out)
{
	int keep = e->keep_array;

	if (e->memo != NULL) {
		*out = e->memo;
		return 0;
	}
	if (dispatch(c, e, out) != 0)
		return -1;
	if (keep)
		(*out)->keep_array = 1;
	e->memo = *out;
	return 0;
}

int Sfn_jn_process(struct jn_ctx *c, struct jn_node *raw, struct jn_node **out)
{
	if (process(c, raw, out) != 0)
		return -1;
	if ((*out)->type == N_PARENT ||
	    ((*out)->seeking != NULL && (*out)->seeking->n > 0))
		return Sfn_jn_fail(
		        c, "S0217", (*out)->pos,
		        "The object representing the 'parent' cannot be "
		        "derived from this expression");
	return 0;
}
