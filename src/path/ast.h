/* The syntax tree of a parsed JsonPath, shared by the parser and the
 * evaluator. All of it lives in the path's arena. Private to src/path. */
#ifndef SFN_PATH_AST_H
#define SFN_PATH_AST_H

#include <stdint.h>

#include "sfn/path.h"
#include "sfn/util.h"

enum sel_kind { SEL_NAME, SEL_WILD, SEL_INDEX, SEL_SLICE, SEL_FILTER };

struct slice {
	int has_start, has_end, has_step;
	int64_t start, end, step;
};

struct expr;

struct selector {
	enum sel_kind kind;
	const char *name;    /* SEL_NAME */
	int64_t index;       /* SEL_INDEX */
	struct slice slice;  /* SEL_SLICE */
	struct expr *filter; /* SEL_FILTER */
};

struct segment {
	int descendant; /* ".." */
	int bracketed;  /* written with [ ] */
	struct selector *sels;
	size_t nsels;
	unsigned col; /* where it starts in the text, from 1 */
	unsigned end_col;
};

/* A query inside a filter: @... (relative) or $... (absolute). */
struct query {
	int relative;
	struct segment *segs;
	size_t nsegs;
	int singular; /* only name and index selectors, no descendants */
};

enum expr_kind {
	E_OR,
	E_AND,
	E_NOT,
	E_CMP,
	E_TEST,
	E_FUNC,
	E_STRING,
	E_NUMBER,
	E_TRUE,
	E_FALSE,
	E_NULL,
	E_QUERY
};

enum cmp_op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE };

enum func_id { F_LENGTH, F_COUNT, F_MATCH, F_SEARCH, F_VALUE };

/* The type of a function's result (RFC 9535 2.4.1). */
enum ftype { T_VALUE, T_LOGICAL, T_NODES };

struct expr {
	enum expr_kind kind;
	enum cmp_op op;     /* E_CMP */
	struct expr *a, *b; /* operands */
	const char *str;    /* E_STRING */
	double num;         /* E_NUMBER */
	struct query query; /* E_QUERY, E_TEST (when not a function) */
	enum func_id func;  /* E_FUNC */
	struct expr *args[2];
	size_t nargs;
	void *regex; /* E_FUNC match/search with a literal */
};

struct sfn_path {
	enum sfn_path_dialect dialect;
	enum sfn_path_root root;
	const char *variable; /* $name */
	struct segment *segs;
	size_t nsegs;
	const char *text;
	struct sfn_arena arena;
};

#endif
