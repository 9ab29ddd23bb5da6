/* Writing cJSON values as JSON text: pretty (two-space indent) or compact,
 * with numbers printed as the shortest text that reads back to the same
 * double. Used by every piece that prints JSON. */
#ifndef SFN_JSONOUT_H
#define SFN_JSONOUT_H

#include <cjson/cJSON.h>

#include "sfn/util.h"

enum sfn_jsonout_style {
	SFN_JSONOUT_PRETTY, /* two-space indentation, one member a line */
	SFN_JSONOUT_COMPACT /* no white space at all */
};

/* Appends VALUE to OUT. Non-finite numbers, which JSON cannot express,
 * print as null; a cJSON_Raw value is JSON text, written as it stands. */
enum sfn_status sfn_jsonout_value(const cJSON *value,
                                  enum sfn_jsonout_style style,
                                  struct sfn_buf *out);
/* The same, for a value that stands DEPTH levels deep in a pretty
 * layout: nested lines are indented to that depth. */
enum sfn_status sfn_jsonout_value_at(const cJSON *value,
                                     enum sfn_jsonout_style style, int depth,
                                     struct sfn_buf *out);
/* Appends S as a JSON string literal, quotes included. Control
 * characters are escaped; bytes that are not valid UTF-8 (overlong forms,
 * surrogates, stray or truncated sequences) are written as U+FFFD, one
 * for each maximal broken part, so the output is always valid UTF-8. */
enum sfn_status sfn_jsonout_string(const char *s, struct sfn_buf *out);
/* Appends TEXT[0, N), valid UTF-8 (JSON text this writer made, say), as
 * it stands inside a JSON string literal, without the quotes: quotes,
 * backslashes and control characters escaped, every other byte as is. */
enum sfn_status sfn_jsonout_escape_text(const char *text, size_t n,
                                        struct sfn_buf *out);
/* Appends S as sfn_jsonout_string writes it, escaped as it stands inside
 * a JSON string: \"a\\\\b\" for a\b, or without the quotes (QUOTES 0)
 * a\\\\b. */
enum sfn_status sfn_jsonout_string_escaped(const char *s, int quotes,
                                           struct sfn_buf *out);
/* How many of the first N bytes of S go into a JSON string as they are,
 * before the first that does not: printable ASCII other than the quote
 * and the backslash. */
size_t sfn_jsonout_plain(const char *s, size_t n);
/* Appends the shortest decimal text that reads back as D. */
enum sfn_status sfn_jsonout_number(double d, struct sfn_buf *out);

#endif
