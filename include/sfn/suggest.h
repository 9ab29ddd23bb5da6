/* "Did you mean": the known name closest to a misspelled one, by edit
 * distance (insertions, deletions, substitutions and swaps of adjacent
 * characters, ASCII case ignored). The one helper every suggestion uses:
 * fields, state types and names, commands, options, rules, intrinsic
 * functions. Knows nothing of where the names come from. */
#ifndef SFN_SUGGEST_H
#define SFN_SUGGEST_H

#include <stddef.h>

/* Names longer than this (in bytes) get no suggestion and suggest
 * nothing: the distance table is one row of this size. */
#define SFN_SUGGEST_MAX_LENGTH 64

/* The edit distance of A[0, LA) and B[0, LB), ASCII case ignored; both
 * lengths at most SFN_SUGGEST_MAX_LENGTH, else (size_t) -1. */
size_t sfn_suggest_distance(const char *a, size_t la, const char *b, size_t lb);

/* A search for the closest candidate to one misspelled name. */
struct sfn_suggest {
	const char *name; /* the misspelled name */
	size_t len;       /* its length */
	size_t max;       /* largest distance still worth suggesting */
	const char *best; /* closest candidate so far, or NULL */
	size_t best_dist; /* its distance */
};

/* Starts a search for NAME[0, LEN). Only candidates within about a third
 * of NAME's length (at most 3 edits) are suggested, and a name that
 * differs in case alone always is. */
void sfn_suggest_init(struct sfn_suggest *s, const char *name, size_t len);
/* Considers CANDIDATE (NUL-terminated); the first of equally close ones
 * wins. A candidate equal to the name itself is not suggested. */
void sfn_suggest_add(struct sfn_suggest *s, const char *candidate);
/* Considers CANDIDATE[0, LEN) on behalf of SHOWN (what to suggest), even
 * when it equals the name: "Format" for "States.Format". */
void sfn_suggest_add_as(struct sfn_suggest *s, const char *candidate,
                        size_t len, const char *shown);
/* The closest candidate, or NULL when none is close enough. */
const char *sfn_suggest_best(const struct sfn_suggest *s);

#endif
