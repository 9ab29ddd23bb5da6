/* The parent operator '%': while the tree is processed, each '%' gets a
 * slot, and the step whose input it denotes is found (seek) and marked
 * to bind that input under the slot's label in the tuple stream. Mirrors
 * the reference's ancestry resolution; knows nothing of evaluation. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "jsonata/ancestry.h"

static int slots_push(struct jn_ctx *c, struct jn_slots **l, struct jn_slot *s)
{
	struct jn_slots *v = *l;

	if (v == NULL) {
		v = *l = sfn_arena_alloc(c->arena, sizeof(*v));
		if (v == NULL)
			return Sfn_jn_nomem(c);
	}
	{
		void *nv = v->v;

		if (Sfn_jn_grow(c, &nv, v->n, &v->cap, sizeof(*v->v)) != 0)
			return -1;
		v->v = nv;
	}
	v->v[v->n++] = s;
	return 0;
}

int Sfn_jn_parent_slot(struct jn_ctx *c, struct jn_node *parent)
{
	struct jn_slot *s = sfn_arena_alloc(c->arena, sizeof(*s));

	if (s == NULL)
		return Sfn_jn_nomem(c);
	snprintf(s->label, sizeof(s->label), "!%zu", c->ancestry.n);
	s->level = 1;
	s->index = c->ancestry.n;
	parent->slot = s;
	return Sfn_jn_list_push(c, &c->ancestry, parent);
}

int Sfn_jn_push_ancestry(struct jn_ctx *c, struct jn_node *result,
                         struct jn_node *value)
{
	if (value->seeking != NULL) {
		for (size_t i = 0; i < value->seeking->n; i++) {
			if (slots_push(c, &result->seeking,
			               value->seeking->v[i]) != 0)
				return -1;
		}
	}
	if (value->type == N_PARENT)
		return slots_push(c, &result->seeking, value->slot);
	return 0;
}

int Sfn_jn_seek_parent(struct jn_ctx *c, struct jn_node *node,
                       struct jn_slot *slot)
{
	size_t i;

	switch (node->type) {
	case N_NAME:
	case N_WILDCARD:
		if (--slot->level == 0) {
			if (node->ancestor != NULL) /* reuse its label */
				memcpy(slot->label, node->ancestor->label,
				       sizeof(slot->label));
			node->ancestor = slot;
			node->tuple = 1;
		}
		return 0;
	case N_PARENT:
		slot->level++;
		return 0;
	case N_BLOCK:
		if (node->items.n == 0)
			return 0;
		node->tuple = 1;
		return Sfn_jn_seek_parent(c, node->items.v[node->items.n - 1],
		                          slot);
	case N_PATH:
		node->tuple = 1;
		for (i = node->items.n; i-- > 0 && slot->level > 0;) {
			if (Sfn_jn_seek_parent(c, node->items.v[i], slot) != 0)
				return -1;
		}
		return 0;
	default:
		return Sfn_jn_fail(
		        c, "S0217", node->pos,
		        "The object representing the 'parent' cannot be "
		        "derived from this expression");
	}
}

int Sfn_jn_resolve_ancestry(struct jn_ctx *c, struct jn_node *path)
{
	struct jn_node *last = path->items.v[path->items.n - 1];
	struct jn_slots *slots = last->seeking;
	size_t n = slots != NULL ? slots->n : 0;

	for (size_t k = 0; k <= n; k++) {
		struct jn_slot *slot;
		long i = (long) path->items.n - 2;

		if (k == n && last->type != N_PARENT)
			break;
		slot = k < n ? slots->v[k] : last->slot;
		while (slot->level > 0) {
			struct jn_node *step;

			if (i < 0) {
				if (slots_push(c, &path->seeking, slot) != 0)
					return -1;
				break;
			}
			step = path->items.v[i--];
			while (i >= 0 && step->focus != NULL &&
			       path->items.v[i]->focus != NULL)
				step = path->items.v[i--];
			if (Sfn_jn_seek_parent(c, step, slot) != 0)
				return -1;
		}
	}
	return 0;
}
