/* UTF-8, once for every piece: encoding, decoding with the reason a
 * sequence is broken, validation, counting, truncation on a character
 * boundary and terminal display width. Knows nothing of JSON or ASL. */
#ifndef SFN_UTF8_H
#define SFN_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "sfn/util.h"

#define SFN_UTF8_MAX_CP      0x10ffffu /* the last code point */
#define SFN_UTF8_REPLACEMENT 0xfffd    /* stands for what does not decode */
#define SFN_UTF8_SEQ_MAX     4         /* bytes of the longest sequence */

enum sfn_utf8_error {
	SFN_UTF8_OK = 0,
	SFN_UTF8_BAD_LEAD,  /* a continuation byte, 0xF8..0xFF */
	SFN_UTF8_TRUNCATED, /* too few continuation bytes */
	SFN_UTF8_OVERLONG,  /* not the shortest form: 0xC0 0xAF for '/' */
	SFN_UTF8_SURROGATE, /* U+D800..U+DFFF */
	SFN_UTF8_TOO_BIG    /* past U+10FFFF */
};

/* Decodes the sequence at S[0,N), N >= 1. Returns the bytes it takes: the
 * whole sequence when it is valid, else its maximal valid prefix (at least
 * one byte, as Unicode's "maximal subpart" rule says), with *CP set to
 * U+FFFD. *ERR (when not NULL) says why. */
size_t sfn_utf8_decode(const char *s, size_t n, uint32_t *cp,
                       enum sfn_utf8_error *err);
/* Decodes the sequence at S, a NUL-terminated string with S[0] != 0; the
 * NUL ends a truncated sequence. */
size_t sfn_utf8_next(const char *s, uint32_t *cp);
/* Writes CP's sequence to OUT; returns its length, or 0 for a surrogate
 * or a value past U+10FFFF. */
size_t sfn_utf8_encode(uint32_t cp, char out[SFN_UTF8_SEQ_MAX]);
/* Appends CP to BUF; a code point that cannot be encoded appends U+FFFD. */
enum sfn_status sfn_utf8_put(struct sfn_buf *buf, uint32_t cp);
/* Appends S[0,N) with every broken sequence replaced by U+FFFD. */
enum sfn_status sfn_utf8_put_clean(struct sfn_buf *buf, const char *s,
                                   size_t n);
/* The offset of the first byte of S[0,N) that does not decode, or N. */
size_t sfn_utf8_valid_prefix(const char *s, size_t n);
/* Whether S[0,N) is valid UTF-8. */
int sfn_utf8_valid(const char *s, size_t n);
/* Characters in S[0,N): bytes that do not continue a sequence, so valid
 * text counts code points and each stray byte counts as one. */
size_t sfn_utf8_count(const char *s, size_t n);
/* UTF-16 code units in S[0, N), valid UTF-8: what Java's and
 * JavaScript's string lengths count (a character past U+FFFF is two). */
size_t sfn_utf8_utf16_len(const char *s, size_t n);
/* The byte offset of character K (from 0, counted as sfn_utf8_count
 * counts) in S[0,N), or N when S holds fewer. */
size_t sfn_utf8_skip(const char *s, size_t n, size_t k);
/* The longest length <= MAX at which S[0,N) can be cut without splitting
 * a sequence. */
size_t sfn_utf8_truncate(const char *s, size_t n, size_t max);
/* The same for the NUL-terminated S, as an int for printf's "%.*s": the
 * bytes of S's longest prefix of at most MAX bytes that cuts no character
 * (MAX at most INT_MAX). */
int sfn_utf8_fit(const char *s, size_t max);
/* Columns CP takes on a terminal: 2 for East Asian Wide and Fullwidth
 * (emoji included), 0 for combining marks and zero-width characters, 1
 * otherwise. Control characters count 1; callers escape them. */
int sfn_utf8_width(uint32_t cp);

/* How one character shows on a terminal, never raw when it could drive
 * it: C0 controls and DEL as "\xHH", C1 controls as "\uHHHH", each byte
 * that does not decode as "\xHH", anything else as itself. */
struct sfn_utf8_shown {
	char text[12];  /* what to print, NUL-terminated */
	size_t len;     /* bytes of TEXT */
	size_t used;    /* bytes of the source it stands for */
	unsigned width; /* terminal columns it takes */
};

/* Fills C for the character at S[0,N), N >= 1. */
void sfn_utf8_show(const char *s, size_t n, struct sfn_utf8_shown *c);
/* Appends S[0,N) shown that way. */
enum sfn_status sfn_utf8_put_shown(struct sfn_buf *buf, const char *s,
                                   size_t n);

#endif
