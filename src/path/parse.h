/* The JsonPath parser's state and the helpers its two files share:
 * parse.c (queries, segments, selectors) and parse_filter.c (filter
 * expressions). Private to src/path. */
#ifndef SFN_PATH_PARSE_H
#define SFN_PATH_PARSE_H

#include "path/ast.h"
#include "path/lexer.h"

struct sfn_pparser {
	struct sfn_plexer lx;
	struct sfn_ptoken tok; /* current token */
	struct sfn_path *path;
	struct sfn_diags *diags;
	const struct sfn_loc *at;
	int aws;                     /* the Step Functions dialect */
	int failed;                  /* a diagnostic was reported */
	unsigned depth;              /* nesting inside filters, see basic() */
	unsigned in_filter;          /* filters being parsed */
	const unsigned char *col_at; /* last position Sfn_pp_column counted */
	unsigned col;                /* and its column */
};

unsigned Sfn_pp_column(struct sfn_pparser *p, const unsigned char *pos);
/* Reports the first error only; later ones would be noise. */
void Sfn_pp_report(struct sfn_pparser *p, enum sfn_rule_id rule,
                   const unsigned char *from, const unsigned char *to,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* "expected WHAT, found TOKEN" (or the lexer's message); returns 0. */
int Sfn_pp_expected(struct sfn_pparser *p, const char *what);
/* A path-unsupported error at the current token; returns 0. */
int Sfn_pp_unsupported(struct sfn_pparser *p, const char *what);
void Sfn_pp_next(struct sfn_pparser *p);
void Sfn_pp_skip_blank(struct sfn_pparser *p);
int Sfn_pp_accept(struct sfn_pparser *p, enum sfn_ptok kind);
void *Sfn_pp_alloc(struct sfn_pparser *p, size_t n);
const char *Sfn_pp_copy(struct sfn_pparser *p, const void *s, size_t n);
int Sfn_pp_integer(struct sfn_pparser *p, int64_t *out);
/* segments = *(S segment), appended to *SEGS. */
int Sfn_path_segments(struct sfn_pparser *p, struct segment **segs, size_t *n);
/* Only single name or index selectors, no descendants: at most one
 * node (a definite path, an RFC 9535 singular query). */
int Sfn_pp_singular(const struct segment *segs, size_t n);
/* filter = logical-or-expr; NULL after an error. */
struct expr *Sfn_pp_filter(struct sfn_pparser *p);

#endif
