/* What the filters of a path read of the element they test (needs.h).
 * Knows nothing of how the element is read. */
#include "config.h"

#include <string.h>

#include "path/needs.h"

static void add_need(struct Sfn_path_needs *nd, const struct query *q)
{
	const struct segment *first = q->nsegs ? &q->segs[0] : NULL;

	if (first == NULL || first->descendant || first->nsels != 1 ||
	    first->sels[0].kind != SEL_NAME ||
	    nd->n == SFN_PATH_NEEDS_MAX_NAMES) {
		nd->full = 1;
		return;
	}
	for (size_t i = 0; i < nd->n; i++)
		if (strcmp(nd->names[i], first->sels[0].name) == 0)
			return;
	nd->names[nd->n++] = first->sels[0].name;
}

void Sfn_path_collect_needs(struct Sfn_path_needs *nd, const struct expr *e)
{
	if (e == NULL)
		return;
	if (e->kind == E_QUERY && e->query.relative)
		add_need(nd, &e->query);
	for (size_t i = 0; i < e->nargs; i++)
		Sfn_path_collect_needs(nd, e->args[i]);
	Sfn_path_collect_needs(nd, e->a);
	Sfn_path_collect_needs(nd, e->b);
}
