/* A tape: a compact, read-only index of validated JSON text, built in one
 * pass by the scanner's rules. Each value (not member names) is one
 * 8-byte entry: where it starts in the text and, for a container, the
 * entry past its last descendant, so skipping a subtree is O(1). Values
 * are decoded from the text only when read; a member's name is found
 * just before its value. The tape path evaluator (src/path/tape.c) is its
 * user. */
#ifndef SFN_JSON_TAPE_H
#define SFN_JSON_TAPE_H

#include <stddef.h>
#include <stdint.h>

#include "sfn/util.h"

/* Entries a tape may hold: every value takes two bytes of text or more
 * (with its separator), so a text of SFN_JSON_MAX_BYTES fits. */
#define SFN_TAPE_MAX_ENTRIES ((size_t) (SFN_JSON_MAX_BYTES / 2 + 2))

/* An entry's AT holds the value's kind in its top two bits, so walks
 * that only look at kinds leave the text alone, and in the next one
 * whether its member name has an escape (else the name is compared where
 * it stands); offsets take the 29 bits left (SFN_JSON_MAX_BYTES is
 * 2^29). */
#define SFN_TAPE_OBJECT      ((uint32_t) 1 << 30)
#define SFN_TAPE_ARRAY       ((uint32_t) 2 << 30)
#define SFN_TAPE_KIND_MASK   ((uint32_t) 3 << 30)
#define SFN_TAPE_ESCAPED_KEY ((uint32_t) 1 << 29)
#define SFN_TAPE_AT_MASK     (SFN_TAPE_ESCAPED_KEY - 1)
#define SFN_TAPE_MAX_TEXT    ((size_t) 1 << 29)

struct sfn_tape_entry {
	uint32_t at;   /* the value's kind, and its first byte's offset */
	uint32_t next; /* the entry after the value and its descendants */
};

/* Text pages a tape over a mapped file gives back (sfn_file_drop) as
 * reads move on: past STEP bytes further, all but the last WINDOW bytes
 * before the read. A read behind them starts a new walk. */
#define SFN_TAPE_DROP_STEP   ((size_t) 2 << 20)
#define SFN_TAPE_DROP_WINDOW ((size_t) 1 << 20)

struct sfn_tape {
	const unsigned char *text; /* borrowed; text[len] is NUL */
	size_t len;
	struct sfn_tape_entry *e;
	size_t n, cap;
	int mapped;        /* TEXT is a file mapping: pages may be dropped */
	size_t kept, seen; /* text before KEPT was given back; reads reached
	                      SEEN */
};

/* Validates TEXT[0, LEN) as the reader would (nesting within
 * SFN_JSON_MAX_DEPTH) and indexes it in at most MAX_ENTRIES entries.
 * SFN_ERR_SYNTAX for text the reader refuses (or deeper than the limit:
 * the reader then gives the located message), SFN_ERR_LIMIT past
 * MAX_ENTRIES or for text past 4 GiB, SFN_ERR_NOMEM. */
enum sfn_status Sfn_tape_build(struct sfn_tape *t, const char *text, size_t len,
                               size_t max_entries, int mapped);
void Sfn_tape_free(struct sfn_tape *t);

static inline int Sfn_tape_is_object(const struct sfn_tape *t, size_t i)
{
	return (t->e[i].at & SFN_TAPE_KIND_MASK) == SFN_TAPE_OBJECT;
}
static inline int Sfn_tape_is_array(const struct sfn_tape *t, size_t i)
{
	return (t->e[i].at & SFN_TAPE_KIND_MASK) == SFN_TAPE_ARRAY;
}
/* Where entry I's value starts in the text, noted as a read (see
 * SFN_TAPE_DROP_STEP): inline while no pages are to be given back. */
const unsigned char *Sfn_tape_read_far(struct sfn_tape *t, size_t at);
static inline const unsigned char *Sfn_tape_read(struct sfn_tape *t, size_t i)
{
	size_t at = t->e[i].at & SFN_TAPE_AT_MASK;

	if (!t->mapped || (at >= t->kept && at <= t->seen + SFN_TAPE_DROP_STEP))
		return t->text + at;
	return Sfn_tape_read_far(t, at);
}
/* Whether the member name of entry I (whose parent is an object) is
 * NAME, LEN bytes; PLAIN: NAME has no '"' nor '\\'. */
int Sfn_tape_key_is(struct sfn_tape *t, size_t i, const char *name, size_t len,
                    int plain, struct sfn_buf *tmp);
/* The member name of the value at entry I, whose parent is an object:
 * its raw text (between the quotes) at *RAW, *RAWLEN bytes; returns
 * whether it holds escapes (then decode it with Sfn_tape_key_decode). */
int Sfn_tape_key(struct sfn_tape *t, size_t i, const char **raw,
                 size_t *rawlen);
/* The decoded name (cut at a \u0000, as the reader keeps it) into OUT. */
void Sfn_tape_key_decode(struct sfn_tape *t, size_t i, struct sfn_buf *out);

#endif
