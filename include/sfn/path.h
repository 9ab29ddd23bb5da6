/* JsonPath: one parser for two dialects and one evaluator. "aws" is what
 * Step Functions accepts in Paths (Jayway-style, with $$ for the context
 * object and $name for workflow variables); "rfc9535" is RFC 9535 exactly.
 * Knows nothing of states or the interpreter.
 *
 * Ownership: a struct sfn_path belongs to the caller (sfn_path_free). A
 * node list borrows the nodes of the document it was evaluated on: it must
 * not outlive that document; its path strings are its own. */
#ifndef SFN_PATH_H
#define SFN_PATH_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "sfn/diag.h"

#define SFN_PATH_MAX_LENGTH 65536 /* characters in one expression */
#define SFN_PATH_MAX_DEPTH  64    /* nesting in filters: ! ( ) calls ?() */

enum sfn_path_dialect {
	SFN_PATH_AWS,    /* Step Functions (Jayway) */
	SFN_PATH_RFC9535 /* RFC 9535 */
};

enum sfn_path_root {
	SFN_PATH_ROOT_INPUT,   /* $ */
	SFN_PATH_ROOT_CONTEXT, /* $$ (aws) */
	SFN_PATH_ROOT_VARIABLE /* $name (aws) */
};

struct sfn_path;

/* Parses EXPR. AT is where EXPR's first character stands in a source file
 * (NULL: report columns within EXPR on line 1). On a syntax error adds a
 * diagnostic pointing at the offending character and returns
 * SFN_ERR_SYNTAX. */
enum sfn_status sfn_path_parse(const char *expr, enum sfn_path_dialect dialect,
                               const struct sfn_loc *at,
                               struct sfn_diags *diags, struct sfn_path **path);

/* Checks that PATH is a Reference Path (dot names, quoted bracket names,
 * non-negative indexes only). Adds a path-not-reference diagnostic naming
 * the first construct that is not allowed; returns 1 when it is one. */
int sfn_path_check_reference(const struct sfn_path *path,
                             const struct sfn_loc *at, struct sfn_diags *diags);

/* The segments of a Reference Path, one at a time: segment I (from 0)
 * names a member (*NAME set, *INDEX -1) or an element (*NAME NULL).
 * Returns 0 past the last segment or for a segment that is neither. */
size_t sfn_path_length(const struct sfn_path *path);
int sfn_path_step(const struct sfn_path *path, size_t i, const char **name,
                  long *index);

/* A definite path names at most one node; an indefinite one (wildcards,
 * slices, filters, unions, descendants) yields an array. */
int sfn_path_is_definite(const struct sfn_path *path);
enum sfn_path_root sfn_path_root_kind(const struct sfn_path *path);
/* The variable a $name path starts from, or NULL. */
const char *sfn_path_variable(const struct sfn_path *path);
const char *sfn_path_text(const struct sfn_path *path);
void sfn_path_free(struct sfn_path *path);

struct sfn_nodelist {
	const cJSON **nodes; /* borrowed from the document */
	char **paths;        /* normalized paths, when asked for */
	size_t count, cap;
};

void sfn_nodelist_free(struct sfn_nodelist *list);

/* Why an aws-dialect definite path selected nothing. */
struct sfn_path_miss {
	size_t segment;  /* index of the segment that matched nothing */
	unsigned col;    /* its column within the expression, from 1 */
	char *message;   /* what was there instead (malloc'd) */
	char *canonical; /* the whole path as Jayway prints it: $['a'][0] */
};

void sfn_path_miss_clear(struct sfn_path_miss *miss);

/* Evaluates PATH on ROOT, the document its root names ($: the input, $$:
 * the context object, $name: the variable's value; the caller picks). The
 * nodes found go to OUT in document order, with their normalized paths
 * when WANT_PATHS. For an aws definite path that finds nothing, MISS (if
 * not NULL) says where it broke. SFN_ERR_NOMEM or SFN_ERR_LIMIT on
 * failure. */
enum sfn_status sfn_path_eval(const struct sfn_path *path, const cJSON *root,
                              int want_paths, struct sfn_nodelist *out,
                              struct sfn_path_miss *miss);

/* ---- streaming ----------------------------------------------------------
 * For large documents: evaluates a path while scanning the JSON text, with
 * no tree; only selected values are parsed, one at a time. */

/* Selectors a union may have for sfn_path_stream to hold its results in
 * selector order (a longer one is evaluated on the tree). */
#define SFN_PATH_STREAM_MAX_UNION 64

struct sfn_path_stream_opts {
	int style; /* enum sfn_jsonout_style of each value */
	int wrap;  /* print the results as one array (else: one value) */
	/* Receives the output text in order, in pieces of about 1 MiB;
	 * returns SFN_OK to go on. */
	enum sfn_status (*flush)(void *ctx, const char *text, size_t len);
	void *ctx;
	int mapped; /* TEXT is sfn_map_file's mapping: pages the scan has
	               passed are given back (sfn_file_drop) */
};

/* Whether sfn_path_stream gives exactly sfn_path_eval's results for
 * PATH: the $ root, at most one '..' segment (in the aws dialect with no
 * filter after it or in it), no filter reading $, and unions other than
 * of increasing indexes (and slices going backwards) only with no '..' or
 * aws filter before them, with no filter and at most
 * SFN_PATH_STREAM_MAX_UNION selectors. */
int sfn_path_streamable(const struct sfn_path *path);

/* Evaluates PATH on the JSON TEXT[0, LEN) (TEXT[LEN] is NUL) and writes
 * the results through OPTS. *COUNT: how many. SFN_ERR_USAGE when PATH is
 * not streamable, SFN_ERR_SYNTAX when TEXT is not JSON the reader accepts
 * (the reader gives the located message); nothing is written then. */
enum sfn_status sfn_path_stream(const struct sfn_path *path, const char *text,
                                size_t len,
                                const struct sfn_path_stream_opts *opts,
                                size_t *count);

/* ---- tape ---------------------------------------------------------------
 * For large documents and the paths that do not stream: one validating
 * pass indexes the text in a compact read-only tape (8 bytes a value),
 * the path runs over it with sfn_path_eval's exact semantics, and only
 * the results (and, one at a time, the elements a filter tests) are
 * decoded from the text. */

/* Nodes one step of a path may hold on the tape (a larger result is
 * SFN_ERR_LIMIT). */
#define SFN_PATH_TAPE_MAX_NODES ((size_t) 1 << 28)

/* Evaluates PATH (its root must be $) on the JSON TEXT[0, LEN) (TEXT[LEN]
 * is NUL) and writes what sfn_path_eval finds through OPTS, as
 * sfn_path_stream does: the values, or with WANT_PATHS their normalized
 * paths as JSON strings. *COUNT: how many. SFN_ERR_USAGE for another
 * root; SFN_ERR_SYNTAX when TEXT is not JSON the reader accepts (nothing
 * is written then); SFN_ERR_LIMIT past SFN_PATH_TAPE_MAX_NODES;
 * SFN_ERR_NOMEM. */
enum sfn_status sfn_path_tape(const struct sfn_path *path, const char *text,
                              size_t len,
                              const struct sfn_path_stream_opts *opts,
                              int want_paths, size_t *count);

#endif
