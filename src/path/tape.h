/* The tape evaluator's entry with its limits as parameters, so tests can
 * reach their edges with small documents. Private to src/path and the
 * tests. */
#ifndef SFN_PATH_TAPE_H
#define SFN_PATH_TAPE_H

#include "sfn/path.h"

struct Sfn_tape_limits {
	size_t max_entries; /* values in the tape (SFN_TAPE_MAX_ENTRIES) */
	size_t max_nodes;   /* nodes in one list (SFN_PATH_TAPE_MAX_NODES) */
};

/* sfn_path_tape with LIMITS. */
enum sfn_status Sfn_path_tape_limited(const struct sfn_path *path,
                                      const char *text, size_t len,
                                      const struct sfn_path_stream_opts *opts,
                                      int want_paths,
                                      const struct Sfn_tape_limits *limits,
                                      size_t *count);

#endif
