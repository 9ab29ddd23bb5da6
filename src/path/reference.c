/* Reference Paths: the subset of paths that name exactly one node, with
 * dot names, quoted bracket names and non-negative indexes only. */
#include "config.h"

#include "path/ast.h"

/* What is wrong with SEG in a Reference Path, or NULL when nothing. */
static const char *forbidden(const struct segment *seg)
{
	if (seg->descendant)
		return "the descendant operator '..'";
	if (seg->nsels != 1)
		return "a union ','";
	switch (seg->sels[0].kind) {
	case SEL_WILD:
		return "a wildcard '*'";
	case SEL_SLICE:
		return "a slice ':'";
	case SEL_FILTER:
		return "a filter '?'";
	case SEL_INDEX:
		return seg->sels[0].index < 0 ? "a negative index" : NULL;
	case SEL_NAME:
		return NULL;
	}
	return NULL;
}

int sfn_path_check_reference(const struct sfn_path *path,
                             const struct sfn_loc *at, struct sfn_diags *diags)
{
	struct sfn_loc loc = { NULL, 1, 0, 1, 0 };

	for (size_t i = 0; i < path->nsegs; i++) {
		const char *what = forbidden(&path->segs[i]);

		if (what == NULL)
			continue;
		if (at != NULL)
			loc = *at;
		loc.end_line = loc.line;
		loc.col = (loc.col ? loc.col - 1 : 0) + path->segs[i].col;
		loc.end_col =
		        loc.col + (path->segs[i].end_col - path->segs[i].col);
		sfn_diag_add(diags, SFN_RULE_PATH_NOT_REFERENCE, &loc, NULL,
		             "a Reference Path names a single node: %s is "
		             "not allowed here",
		             what);
		return 0;
	}
	return 1;
}

size_t sfn_path_length(const struct sfn_path *path)
{
	return path->nsegs;
}

int sfn_path_step(const struct sfn_path *path, size_t i, const char **name,
                  long *index)
{
	const struct segment *seg;

	if (i >= path->nsegs)
		return 0;
	seg = &path->segs[i];
	if (seg->descendant || seg->nsels != 1)
		return 0;
	*name = seg->sels[0].kind == SEL_NAME ? seg->sels[0].name : NULL;
	*index =
	        seg->sels[0].kind == SEL_INDEX ? (long) seg->sels[0].index : -1;
	return seg->sels[0].kind == SEL_NAME || seg->sels[0].kind == SEL_INDEX;
}
