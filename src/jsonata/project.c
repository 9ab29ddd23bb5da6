/* What an expression can read of its input, found once after parsing, so
 * that the input is built with only that: "store.book.author" reads the
 * author of each book, so the other members of the books, and of the
 * store, are never copied into the evaluation arena. Every value a path
 * yields, and every input the expression reaches in a way this file does
 * not follow (a wildcard, '$', '%', a function that reads its context,
 * $eval, a tuple binding), is kept whole; but what a path hands to the
 * function of $map(path, function($v, $i, $a) {...}) is followed into
 * the function's parameters, so that "$map(store.book, function($b) {
 * $b.price })" reads only the price of each book. The same walk finds
 * what the expression reads of one variable's value
 * ("$v.store.book.author"), for a document bound to a variable rather
 * than given as the input. Knows nothing of ASL. */
#include "config.h"

#include <string.h>

#include "jsonata/jsonata_int.h"

/* A lambda's parameter in scope and what it stands for (P NULL: values
 * the expression made, or read whole). */
struct scope {
	const char *name;
	struct jn_proj *p;
	const struct scope *up;
};

struct walk {
	struct jn_ctx *c;
	struct jn_proj *root;  /* the input ($$) */
	struct jn_proj absorb; /* what values made by the expression read */
	size_t depth;
	const struct scope *scope; /* parameters of the lambdas around */
	int map_rebound;      /* "map" is bound: $map is not the built-in */
	const char *var;      /* the variable followed too (no '$'), or NULL */
	struct jn_proj *vars; /* what is read of its value, when VAR is set */
};

static int walk(struct walk *w, struct jn_node *n, struct jn_proj *p);

static void whole(struct jn_proj *p)
{
	p->whole = 1;
}

/* Where the walk loses track: the input and the variable's value are
 * read whole. */
static void whole_all(struct walk *w)
{
	whole(w->root);
	if (w->vars != NULL)
		whole(w->vars);
}

/* Whether N is the variable the walk follows. */
static int is_var(const struct walk *w, const struct jn_node *n)
{
	return w->var != NULL && n->type == N_VARIABLE &&
	       strcmp(n->str, w->var) == 0;
}

/* The member NAME of what P stands for. */
static struct jn_proj *member(struct walk *w, struct jn_proj *p,
                              const char *name)
{
	struct jn_proj *k;

	if (p->whole)
		return p;
	for (k = p->kids; k != NULL; k = k->next) {
		if (strcmp(k->name, name) == 0)
			return k;
	}
	k = sfn_arena_alloc(w->c->arena, sizeof(*k));
	if (k == NULL) {
		Sfn_jn_nomem(w->c);
		return NULL;
	}
	k->name = name;
	k->next = p->kids;
	p->kids = k;
	return k;
}

static int walk_list(struct walk *w, const struct jn_list *l, struct jn_proj *p)
{
	for (size_t i = 0; i < l->n; i++) {
		if (walk(w, l->v[i], p) != 0)
			return -1;
	}
	return 0;
}

/* Whether NAME is a built-in that reads its context when an argument is
 * missing ('-' in its signature) in either dialect: the expression is
 * parsed before anyone says which dialect evaluates it. */
static int reads_context(const char *name)
{
	static const struct sfn_jsonata_opts states = { SFN_JSONATA_STATES,
		                                        NULL, NULL, NULL };
	struct jn_ctx c = { 0 };
	const struct jn_builtin *bi = Sfn_jn_builtin_find(&c, name);

	if (bi != NULL && strchr(bi->sig, '-') != NULL)
		return 1;
	c.opts = &states;
	bi = Sfn_jn_builtin_find(&c, name);
	return bi != NULL && strchr(bi->sig, '-') != NULL;
}

/* The parameter in scope that variable N names, or NULL. */
static const struct scope *bound(const struct walk *w, const struct jn_node *n)
{
	if (n->type != N_VARIABLE || n->len == 0)
		return NULL;
	for (const struct scope *s = w->scope; s != NULL; s = s->up) {
		if (strcmp(s->name, n->str) == 0)
			return s;
	}
	return NULL;
}

/* A parameter's value taken as it is, or a built-in that reads its
 * context, named where the function is taken. */
static void variable(struct walk *w, const struct jn_node *n, struct jn_proj *p)
{
	const struct scope *s = bound(w, n);

	if (s != NULL) {
		if (s->p != NULL)
			whole(s->p);
	} else if (is_var(w, n)) {
		whole(w->vars); /* its value goes on: a path does not read it */
	} else if (n->len == 0)
		whole(p);
	else if (strcmp(n->str, "$") == 0)
		whole(w->root);
	else if (strcmp(n->str, "eval") == 0)
		whole_all(w);
	else if (reads_context(n->str))
		whole(p);
}

/* The stages, predicates and group of step ST, whose values P stands for;
 * what the step then yields. */
static struct jn_proj *step_tail(struct walk *w, struct jn_node *st,
                                 struct jn_proj *p)
{
	for (size_t i = 0; i < st->stages.n; i++) {
		struct jn_node *s = st->stages.v[i];

		if (s->type != N_FILTER) {
			whole(p); /* an index binding: tuples */
			continue;
		}
		if (walk(w, s->lhs, p) != 0)
			return NULL;
	}
	if (walk_list(w, &st->preds, p) != 0)
		return NULL;
	if (st->group == NULL)
		return p;
	if (walk_list(w, &st->group->items, p) != 0)
		return NULL;
	return &w->absorb;
}

/* One step of a path over the values P stands for: what it yields. */
static struct jn_proj *step(struct walk *w, struct jn_node *st,
                            struct jn_proj *p)
{
	struct jn_proj *next = &w->absorb;
	const struct scope *s;

	if (st->focus != NULL || st->index != NULL || st->tuple) {
		/* the step's values are bound: whatever it reads is whole */
		whole(p);
		next = p;
		if (walk(w, st, p) != 0)
			return NULL;
	} else if ((s = bound(w, st)) != NULL) {
		next = s->p != NULL ? s->p : &w->absorb;
	} else if (st->type == N_NAME) {
		next = member(w, p, st->str);
	} else if (st->type == N_VARIABLE && st->len == 0) {
		next = p;
	} else if (st->type == N_VARIABLE && strcmp(st->str, "$") == 0) {
		next = w->root;
	} else if (is_var(w, st)) {
		next = w->vars;
	} else if (st->type == N_SORT) {
		for (size_t k = 0; k < st->items.n; k++) {
			if (walk(w, st->items.v[k]->lhs, p) != 0)
				return NULL;
		}
		next = p;
	} else if (walk(w, st, p) != 0) {
		return NULL;
	}
	if (next == NULL)
		return NULL;
	return step_tail(w, st, next);
}

/* The steps of path N: each reads the values the one before yields;
 * what the last yields (NULL when memory ran out). */
static struct jn_proj *steps(struct walk *w, struct jn_node *n,
                             struct jn_proj *p)
{
	for (size_t i = 0; i < n->items.n && p != NULL; i++)
		p = step(w, n->items.v[i], p);
	return p;
}

/* A path: what the last step yields is read whole, unless a group-by
 * reads it. */
static int path(struct walk *w, struct jn_node *n, struct jn_proj *p)
{
	p = steps(w, n, p);
	if (p == NULL)
		return -1;
	if (n->group != NULL)
		return walk_list(w, &n->group->items, p);
	whole(p);
	return 0;
}

/* What the value of N stands for when it is handed on rather than read
 * whole: what a path or a parameter yields, else values N makes (or
 * reads whole). NULL when memory ran out. */
static struct jn_proj *yields(struct walk *w, struct jn_node *n,
                              struct jn_proj *p)
{
	const struct scope *s = bound(w, n);

	if (s != NULL && n->preds.n == 0 && n->group == NULL)
		return s->p != NULL ? s->p : &w->absorb;
	if (n->type == N_PATH && n->group == NULL && n->preds.n == 0)
		return steps(w, n, p);
	if (n->type == N_NAME) {
		p = member(w, p, n->str);
		return p != NULL ? step_tail(w, n, p) : NULL;
	}
	return walk(w, n, p) == 0 ? &w->absorb : NULL;
}

/* Lambda N's body, its parameters standing for ARGS[0..NARGS) (NULL:
 * made values), the others for made values. */
static int lambda(struct walk *w, struct jn_node *n, struct jn_proj *p,
                  struct jn_proj *const *args, size_t nargs)
{
	const struct scope *saved = w->scope;
	int rc;

	if (n->sig != NULL) /* a '-' in it gives it its caller's context */
		whole_all(w);
	for (size_t i = 0; i < n->items.n; i++) {
		struct scope *s = sfn_arena_alloc(w->c->arena, sizeof(*s));

		if (s == NULL)
			return Sfn_jn_nomem(w->c);
		s->name = n->items.v[i]->str;
		s->p = i < nargs ? args[i] : NULL;
		s->up = w->scope;
		w->scope = s;
	}
	rc = walk(w, n->rhs, p);
	w->scope = saved;
	return rc;
}

/* $map(ARRAY, function($v, $i, $a) {...}) with the built-in $map: the
 * function is given the values ARRAY yields and the array, so what it
 * reads of $v and $a is all that is read of them. */
static int is_map_call(const struct walk *w, const struct jn_node *n)
{
	return !w->map_rebound && n->type == N_CALL && n->items.n == 2 &&
	       n->lhs->type == N_VARIABLE && strcmp(n->lhs->str, "map") == 0 &&
	       bound(w, n->lhs) == NULL &&
	       n->items.v[0]->type != N_PLACEHOLDER &&
	       n->items.v[1]->type == N_LAMBDA && n->items.v[1]->sig == NULL;
}

static int map_call(struct walk *w, struct jn_node *n, struct jn_proj *p)
{
	struct jn_proj *args[3];

	args[0] = args[2] = yields(w, n->items.v[0], p);
	args[1] = NULL; /* the index, a number */
	if (args[0] == NULL)
		return -1;
	return lambda(w, n->items.v[1], p, args, 3);
}

/* The predicates and group-by of N read what N yields: made values, or
 * input values a path under N has made whole. */
static int yielded(struct walk *w, struct jn_node *n)
{
	if (walk_list(w, &n->preds, &w->absorb) != 0)
		return -1;
	return n->group != NULL ? walk_list(w, &n->group->items, &w->absorb)
	                        : 0;
}

static int walk_node(struct walk *w, struct jn_node *n, struct jn_proj *p)
{
	switch (n->type) {
	case N_PATH:
		return path(w, n, p);
	case N_NAME:
		p = member(w, p, n->str);
		if (p == NULL || step_tail(w, n, p) == NULL)
			return -1;
		whole(p);
		return 0;
	case N_VARIABLE: /* $x[$$.a = 1]: predicates may read the input */
		variable(w, n, p);
		return yielded(w, n);
	case N_WILDCARD:
	case N_DESCENDANT:
		whole(p);
		return yielded(w, n);
	case N_PARENT: /* the parent of any value read */
		whole_all(w);
		return yielded(w, n);
	case N_LAMBDA:
		return lambda(w, n, p, NULL, 0) != 0 ? -1 : yielded(w, n);
	case N_CALL:
		if (!is_map_call(w, n))
			break;
		return map_call(w, n, p) != 0 ? -1 : yielded(w, n);
	case N_TRANSFORM: /* reads its argument, not its context */
		p = &w->absorb;
		break;
	default:
		break;
	}
	if ((n->lhs != NULL && walk(w, n->lhs, p) != 0) ||
	    (n->rhs != NULL && walk(w, n->rhs, p) != 0) ||
	    (n->third != NULL && walk(w, n->third, p) != 0) ||
	    walk_list(w, &n->items, p) != 0 || walk_list(w, &n->stages, p) != 0)
		return -1;
	return yielded(w, n);
}

static int walk(struct walk *w, struct jn_node *n, struct jn_proj *p)
{
	int rc;

	if (n == NULL)
		return 0;
	if (++w->depth > SFN_JSONATA_MAX_READ_DEPTH) {
		whole_all(w);
		w->depth--;
		return 0;
	}
	rc = walk_node(w, n, p);
	w->depth--;
	return rc;
}

/* Whether N binds "map" with := anywhere (or nests too deep to tell):
 * then a call of $map may not be the built-in's. */
static int binds_map(const struct jn_node *n, size_t depth)
{
	const struct jn_list *lists[3];

	if (n == NULL)
		return 0;
	if (depth > SFN_JSONATA_MAX_READ_DEPTH ||
	    (n->type == N_BIND && n->lhs != NULL && n->lhs->str != NULL &&
	     strcmp(n->lhs->str, "map") == 0))
		return 1;
	if (binds_map(n->lhs, depth + 1) || binds_map(n->rhs, depth + 1) ||
	    binds_map(n->third, depth + 1) || binds_map(n->group, depth + 1))
		return 1;
	lists[0] = &n->items;
	lists[1] = &n->stages;
	lists[2] = &n->preds;
	for (size_t k = 0; k < 3; k++) {
		for (size_t i = 0; i < lists[k]->n; i++) {
			if (binds_map(lists[k]->v[i], depth + 1))
				return 1;
		}
	}
	return 0;
}

/* The walk of ROOT from its input, following the variable VAR (NULL:
 * none) too. */
static int project(struct walk *w, struct jn_node *root)
{
	w->map_rebound = binds_map(root, 0);
	w->root = sfn_arena_alloc(w->c->arena, sizeof(*w->root));
	if (w->root == NULL)
		return Sfn_jn_nomem(w->c);
	if (w->var != NULL) {
		w->vars = sfn_arena_alloc(w->c->arena, sizeof(*w->vars));
		if (w->vars == NULL)
			return Sfn_jn_nomem(w->c);
	}
	w->absorb.whole = 1;
	return walk(w, root, w->root);
}

int Sfn_jn_project(struct jn_ctx *c, struct jn_node *root, struct jn_proj **out)
{
	struct walk w = { c, NULL, { 0 }, 0, NULL, 0, NULL, NULL };

	*out = NULL;
	if (project(&w, root) != 0)
		return -1;
	*out = w.root;
	return 0;
}

int Sfn_jn_project_var(struct jn_ctx *c, struct jn_node *root, const char *var,
                       struct jn_proj **out)
{
	struct walk w = { c, NULL, { 0 }, 0, NULL, 0, var, NULL };

	*out = NULL;
	if (project(&w, root) != 0)
		return -1;
	*out = w.vars;
	return 0;
}

const struct jn_proj *Sfn_jn_proj_member(const struct jn_proj *p,
                                         const char *key, size_t len, int *keep)
{
	*keep = 1;
	if (p == NULL || p->whole)
		return NULL;
	for (const struct jn_proj *k = p->kids; k != NULL; k = k->next) {
		if (strncmp(k->name, key, len) == 0 && k->name[len] == '\0')
			return k;
	}
	*keep = 0;
	return NULL;
}
