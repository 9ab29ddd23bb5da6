/* Spans of the nodes the JSON reader locates by one byte offset: lines
 * and columns, where a value ends and where its key stood are read again
 * from the text when a finding asks. Private to src/json. */
#ifndef SFN_JSON_OFFSETS_H
#define SFN_JSON_OFFSETS_H

#include <stddef.h>
#include <stdint.h>

#include "sfn/json.h"

/* A parsed JSON text and the start of each of its lines, found on the
 * first question. Closing quotes of strings may have been overwritten by
 * NULs (the reader ends strings in place): they are read as quotes. */
struct sfn_json_text {
	const char *text;
	size_t len;
	uint32_t *lines; /* offsets of line starts, NULL until asked */
	size_t nlines;
	/* the last position asked for: a later offset on the same line
	 * counts its column from there, so that many findings on one long
	 * line cost the line once, not once each */
	size_t at_line, at_off;
	unsigned at_col;
};

/* The value starting at byte OFF and, when KEY is not NULL, the key of
 * the member it is the value of. 0 when memory ran out for the line
 * table. */
int Sfn_json_text_spans(struct sfn_json_text *t, size_t off,
                        struct sfn_span *value, struct sfn_span *key);
/* The same, with the end of the value known: byte END (0: found by
 * walking the value's text). */
int Sfn_json_text_spans_to(struct sfn_json_text *t, size_t off, size_t end,
                           struct sfn_span *value, struct sfn_span *key);
/* The end of a container whose last value starts at byte LAST, LEVELS
 * containers deep in it (1: the container's own last member or
 * element): past as many closing brackets, with only blanks between;
 * 0 when the text does not read so. */
size_t Sfn_json_text_close(const struct sfn_json_text *t, size_t last,
                           size_t levels);
/* Line and column of byte OFF; 0 when memory ran out for the lines. */
int Sfn_json_text_point(struct sfn_json_text *t, size_t off, unsigned *line,
                        unsigned *col);
/* Where, counted from RAW (the first byte after a string's opening
 * quote; the string ends by LIM), the character or escape stands that
 * gives byte OFF of the string's value: escapes (\", \\, \n, \u00e9, a
 * surrogate pair) give one to four bytes of it. Past the value's end:
 * the closing quote. */
size_t Sfn_json_text_inside(const char *raw, const char *lim, size_t off);
void Sfn_json_text_free(struct sfn_json_text *t);

#endif
