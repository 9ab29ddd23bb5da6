/* Shared by the evaluator's files: node lists and the evaluation state.
 * Private to src/path. */
#ifndef SFN_PATH_EVAL_H
#define SFN_PATH_EVAL_H

#include "path/ast.h"

struct evaluator {
	const cJSON *root; /* what $ names inside filters */
	int aws;           /* Jayway semantics */
	int want_paths;    /* build normalized paths */
	enum sfn_status status;
	/* Without a tree (the tape evaluator), the nodes a query on $
	 * selects come from here, not from ROOT; they stay valid until the
	 * evaluation ends. NULL: ROOT is walked. */
	enum sfn_status (*root_query)(void *ctx, const struct query *q,
	                              struct sfn_nodelist *out);
	void *root_ctx;
};

/* Appends NODE (and, when paths are wanted, PARENT_PATH followed by the
 * step to it: a member NAME or an array INDEX) to LIST. */
void Sfn_pe_add(struct evaluator *ev, struct sfn_nodelist *list,
                const cJSON *node, const char *parent_path, const char *name,
                long index);
/* Applies SEGS[0, N) to the nodes of IN; the result replaces IN. */
void Sfn_pe_segments(struct evaluator *ev, const struct segment *segs, size_t n,
                     struct sfn_nodelist *in);
/* The RFC 9535 slice bounds (2.3.4.2.2) of S for an array of LEN
 * elements: a step above 0 selects LOWER, LOWER + STEP, ... below UPPER;
 * one below 0 selects UPPER, UPPER + STEP, ... above LOWER. */
void Sfn_pe_slice_bounds(const struct slice *s, long len, long *lower,
                         long *upper, long *step);
/* Whether the filter expression E holds for the node AT. */
int Sfn_pe_filter(struct evaluator *ev, const struct expr *e, const cJSON *at);
/* Appends to OUT a normalized-path step: ['name'] with RFC 9535 escapes,
 * or [index]. */
void Sfn_pe_path_step(struct sfn_buf *out, const char *name, long index);

/* Fills MISS for an aws definite PATH that found nothing on ROOT: which
 * segment broke, what stood there, and Jayway's canonical path. */
enum sfn_status Sfn_pe_explain_miss(const struct sfn_path *path,
                                    const cJSON *root,
                                    struct sfn_path_miss *miss);

#endif
