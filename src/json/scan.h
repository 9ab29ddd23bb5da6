/* A validating JSON scanner for streaming path evaluation: it walks JSON
 * text without building a tree, accepting exactly what the JSON reader
 * accepts (an error sends the caller back to the reader for the located
 * diagnostic). It lives beside the reader, whose rules it keeps; the
 * streaming path evaluator (src/path/stream.c) is its user. */
#ifndef SFN_JSON_SCAN_H
#define SFN_JSON_SCAN_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "sfn/util.h"

struct sfn_scan {
	const unsigned char *p;   /* next byte */
	const unsigned char *end; /* end of input; *end is NUL */
	int error;                /* the text is not valid JSON */
};

/* Moves past white space: the first byte is tested here, as most often
 * there is none; a run goes to Sfn_scan_ws_run. */
void Sfn_scan_ws_run(struct sfn_scan *sc);
static inline void Sfn_scan_ws(struct sfn_scan *sc)
{
	if (sc->p >= sc->end || *sc->p <= ' ')
		Sfn_scan_ws_run(sc);
}
/* How many bytes from P on are plain string bytes: printable ASCII other
 * than '"' and '\\'. */
size_t Sfn_scan_plain_run(const unsigned char *p, const unsigned char *end);
/* A string at p (which is '"'): validates it and moves past it. When KEY
 * is not NULL, its decoded value (cut at a \u0000, as the reader keeps
 * it) goes there. Returns 0 on error. */
int Sfn_scan_string(struct sfn_scan *sc, struct sfn_buf *key);
/* Validates any value at p and moves past it; DEPTH is its nesting. */
int Sfn_scan_skip(struct sfn_scan *sc, unsigned depth);
/* Skips the value at p in text Sfn_scan_skip has validated already:
 * faster, as it only follows strings and brackets. */
void Sfn_scan_skip_valid(struct sfn_scan *sc);
/* Writes the validated value at p to OUT as sfn_jsonout would write it
 * parsed (PRETTY: two-space layout at DEPTH; else compact), and moves
 * past it. TMP is scratch space. */
void Sfn_scan_transcode(struct sfn_scan *sc, int pretty, int depth,
                        struct sfn_buf *tmp, struct sfn_buf *out);
/* Builds the validated value at p as a read-only cJSON tree in ARENA
 * (never to be passed to cJSON_Delete) and moves past it; NULL when the
 * arena runs out of memory. */
const cJSON *Sfn_scan_build(struct sfn_scan *sc, struct sfn_arena *arena,
                            struct sfn_buf *tmp);
/* The same, but of an object only the members NAMES[0, N) lists are
 * built (what a filter reads of it); other values are built whole. */
const cJSON *Sfn_scan_build_some(struct sfn_scan *sc, struct sfn_arena *arena,
                                 struct sfn_buf *tmp, const char *const *names,
                                 size_t n);
/* A number, true, false or null at p. */
int Sfn_scan_scalar(struct sfn_scan *sc);

#endif
