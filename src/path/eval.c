/* The JsonPath evaluator: segments and selectors over node lists, in
 * document order. Filters live in filter.c, normalized paths in
 * normalize.c. Knows nothing of states or the interpreter. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "path/eval.h"

void sfn_nodelist_free(struct sfn_nodelist *list)
{
	if (list->paths != NULL) {
		for (size_t i = 0; i < list->count; i++)
			free(list->paths[i]);
	}
	free(list->paths);
	free(list->nodes);
	memset(list, 0, sizeof(*list));
}

/* Room for one more node (and its path): both arrays share one
 * capacity, so each grows from the same CAP the same way. */
static int grow(struct evaluator *ev, struct sfn_nodelist *list)
{
	size_t need = list->count + 1, cap = list->cap, path_cap = list->cap;

	if (need <= cap) /* the common case: no call */
		return 1;
	if (sfn_vec_reserve(&list->nodes, &cap, need, sizeof(*list->nodes),
	                    SFN_VEC_UNCAPPED) != SFN_OK ||
	    (ev->want_paths && sfn_vec_reserve(&list->paths, &path_cap, need,
	                                       sizeof(*list->paths),
	                                       SFN_VEC_UNCAPPED) != SFN_OK)) {
		ev->status = SFN_ERR_NOMEM;
		return 0;
	}
	list->cap = cap;
	return 1;
}

void Sfn_pe_add(struct evaluator *ev, struct sfn_nodelist *list,
                const cJSON *node, const char *parent_path, const char *name,
                long index)
{
	struct sfn_buf path;

	if (ev->status != SFN_OK)
		return;
	if (list->count == list->cap && !grow(ev, list))
		return;
	if (ev->want_paths) {
		sfn_buf_init(&path, (size_t) 1 << 30);
		sfn_buf_adds(&path, parent_path ? parent_path : "$");
		if (parent_path != NULL)
			Sfn_pe_path_step(&path, name, index);
		list->paths[list->count] = sfn_buf_take(&path);
		if (list->paths[list->count] == NULL) {
			ev->status = SFN_ERR_NOMEM;
			return;
		}
	}
	list->nodes[list->count++] = node;
}

void Sfn_pe_slice_bounds(const struct slice *s, long len, long *lower,
                         long *upper, long *step)
{
	long st = s->has_step ? (long) s->step : 1;
	long start = s->has_start ? (long) s->start : (st >= 0 ? 0 : len - 1);
	long end = s->has_end ? (long) s->end : (st >= 0 ? len : -len - 1);

	if (start < 0)
		start += len;
	if (end < 0)
		end += len;
	if (st >= 0) {
		*lower = start < 0 ? 0 : start > len ? len : start;
		*upper = end < 0 ? 0 : end > len ? len : end;
	} else {
		*upper = start < -1 ? -1 : start > len - 1 ? len - 1 : start;
		*lower = end < -1 ? -1 : end > len - 1 ? len - 1 : end;
	}
	*step = st;
}

static void select_slice(struct evaluator *ev, const struct slice *s,
                         const cJSON *node, const char *path,
                         struct sfn_nodelist *out)
{
	long len = cJSON_GetArraySize(node), lower, upper, step;
	const cJSON **items;
	long i = 0;

	Sfn_pe_slice_bounds(s, len, &lower, &upper, &step);
	if (step == 0 || len == 0)
		return;
	items = malloc((size_t) len * sizeof(*items));
	if (items == NULL) {
		ev->status = SFN_ERR_NOMEM;
		return;
	}
	for (const cJSON *c = node->child; c != NULL; c = c->next)
		items[i++] = c;
	if (step > 0) {
		for (i = lower; i < upper; i += step)
			Sfn_pe_add(ev, out, items[i], path, NULL, i);
	} else {
		for (i = upper; lower < i; i += step)
			Sfn_pe_add(ev, out, items[i], path, NULL, i);
	}
	free(items);
}

static void select_index(struct evaluator *ev, int64_t index, const cJSON *node,
                         const char *path, struct sfn_nodelist *out)
{
	long len = cJSON_GetArraySize(node), i = (long) index;
	const cJSON *c = node->child;

	if (i < 0)
		i += len;
	if (i < 0 || i >= len)
		return;
	for (long k = 0; k < i; k++)
		c = c->next;
	Sfn_pe_add(ev, out, c, path, NULL, i);
}

/* Jayway applies a filter to an object as a whole; RFC 9535 to each of
 * its member values. */
static void select_filter(struct evaluator *ev, const struct expr *f,
                          const cJSON *node, const char *path,
                          struct sfn_nodelist *out)
{
	long i = 0;

	if (ev->aws && cJSON_IsObject(node)) {
		if (Sfn_pe_filter(ev, f, node))
			Sfn_pe_add(ev, out, node, path, NULL, -1);
		return;
	}
	for (const cJSON *c = node->child; c != NULL; c = c->next, i++) {
		/* Step Functions' @ matches objects, never scalars. */
		if (ev->aws && !cJSON_IsObject(c) && !cJSON_IsArray(c))
			continue;
		if (Sfn_pe_filter(ev, f, c))
			Sfn_pe_add(ev, out, c, path, c->string, i);
	}
}

static void select_one(struct evaluator *ev, const struct selector *s,
                       const cJSON *node, const char *path,
                       struct sfn_nodelist *out)
{
	long i = 0;

	switch (s->kind) {
	case SEL_NAME:
		if (cJSON_IsObject(node))
			for (const cJSON *c = node->child; c; c = c->next)
				if (strcmp(c->string, s->name) == 0) {
					Sfn_pe_add(ev, out, c, path, s->name,
					           -1);
					break;
				}
		break;
	case SEL_WILD:
		if (cJSON_IsObject(node) || cJSON_IsArray(node))
			for (const cJSON *c = node->child; c; c = c->next)
				Sfn_pe_add(ev, out, c, path, c->string, i++);
		break;
	case SEL_INDEX:
		if (cJSON_IsArray(node))
			select_index(ev, s->index, node, path, out);
		break;
	case SEL_SLICE:
		if (cJSON_IsArray(node))
			select_slice(ev, &s->slice, node, path, out);
		break;
	case SEL_FILTER:
		if (cJSON_IsObject(node) || cJSON_IsArray(node))
			select_filter(ev, s->filter, node, path, out);
		break;
	}
}

static void apply_selectors(struct evaluator *ev, const struct segment *seg,
                            const cJSON *node, const char *path,
                            struct sfn_nodelist *out)
{
	for (size_t k = 0; k < seg->nsels && ev->status == SFN_OK; k++)
		select_one(ev, &seg->sels[k], node, path, out);
}

/* A descendant segment visits NODE, then its children depth first, in
 * document order, applying the selectors at each. One level of recursion
 * per level of the document: the readers (and cJSON_Parse) keep documents
 * within SFN_JSON_MAX_DEPTH. */
static void descend(struct evaluator *ev, const struct segment *seg,
                    const cJSON *node, const char *path,
                    struct sfn_nodelist *out)
{
	struct sfn_nodelist kids = { NULL, NULL, 0, 0 };
	long i = 0;

	apply_selectors(ev, seg, node, path, out);
	if (!cJSON_IsObject(node) && !cJSON_IsArray(node))
		return;
	for (const cJSON *c = node->child; c != NULL; c = c->next, i++)
		Sfn_pe_add(ev, &kids, c, path, c->string, i);
	for (size_t k = 0; k < kids.count && ev->status == SFN_OK; k++)
		descend(ev, seg, kids.nodes[k],
		        kids.paths ? kids.paths[k] : NULL, out);
	sfn_nodelist_free(&kids);
}

void Sfn_pe_segments(struct evaluator *ev, const struct segment *segs, size_t n,
                     struct sfn_nodelist *in)
{
	for (size_t s = 0; s < n && ev->status == SFN_OK; s++) {
		struct sfn_nodelist out = { NULL, NULL, 0, 0 };

		for (size_t k = 0; k < in->count && ev->status == SFN_OK; k++) {
			const char *path = in->paths ? in->paths[k] : NULL;

			if (segs[s].descendant)
				descend(ev, &segs[s], in->nodes[k], path, &out);
			else
				apply_selectors(ev, &segs[s], in->nodes[k],
				                path, &out);
		}
		sfn_nodelist_free(in);
		*in = out;
	}
}

enum sfn_status sfn_path_eval(const struct sfn_path *path, const cJSON *root,
                              int want_paths, struct sfn_nodelist *out,
                              struct sfn_path_miss *miss)
{
	struct evaluator ev = { root,       path->dialect == SFN_PATH_AWS,
		                want_paths, SFN_OK,
		                NULL,       NULL };

	memset(out, 0, sizeof(*out));
	Sfn_pe_add(&ev, out, root, NULL, NULL, -1);
	Sfn_pe_segments(&ev, path->segs, path->nsegs, out);
	if (ev.status != SFN_OK) {
		sfn_nodelist_free(out);
		return ev.status;
	}
	if (miss != NULL && out->count == 0 && ev.aws &&
	    sfn_path_is_definite(path))
		return Sfn_pe_explain_miss(path, root, miss);
	return SFN_OK;
}
