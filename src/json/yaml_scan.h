/* What the fast YAML reader's two files share: the scanner's state, the
 * scalar tokens it reads (yaml_scalar.c) and small helpers. Private to
 * the fast reader (yaml_fast.c, yaml_scalar.c). */
#ifndef SFN_JSON_YAML_SCAN_H
#define SFN_JSON_YAML_SCAN_H

#include <stddef.h>

#include "json/doc.h"
#include "json/each.h"

/* Resources.*.Properties.Definition.States is a mapping this deep (the
 * document's own is 0). */
#define YAML_EACH_DEPTH 5

struct mark {
	unsigned line, col; /* from 0, as libyaml's */
};

struct yfast {
	const char *p;   /* scan position in the text, which a NUL ends */
	const char *end; /* that NUL */
	const char *line_start; /* the start of p's line */
	unsigned line;          /* p's line, from 0 */
	int ascii;              /* no byte above 0x7f: columns are bytes */
	char *out, *out_end;    /* decoded strings, in the arena */
	struct sfn_json_doc *doc;
	struct sfn_json_placed *slab; /* nodes not handed out yet */
	size_t slab_left;
	/* Sfn_yaml_fast_each: the mappings and keys down to the node being
	 * read (a sequence leaves its depth's mapping NULL), to find the
	 * mapping whose members go to EACH one at a time; a member being
	 * read so takes its nodes from the scratch arena's slab */
	const struct sfn_json_each *each;
	cJSON *maps[YAML_EACH_DEPTH];
	const char *keys[YAML_EACH_DEPTH + 1];
	int handed;    /* that mapping was found: no other is */
	int in_member; /* nodes go to the scratch arena */
	struct sfn_json_placed *scratch_slab;
	size_t scratch_left;
	int flow_indent; /* the block indentation around a flow collection */
	int gave_up;
	enum sfn_status status; /* SFN_OK or SFN_ERR_NOMEM */
};

/* A scalar token scanned: its decoded value and where it stood. */
struct scalar {
	const char *start,
	        *after; /* the token's first byte and past its last */
	char *value;    /* in the arena, NUL-terminated */
	int plain;
	int multi_line;                   /* over several lines: never a key */
	struct mark start_mark, end_mark; /* its span */
};

static inline int give_up(struct yfast *y)
{
	y->gave_up = 1;
	return 0;
}

static inline int blankz(char c)
{
	return c == ' ' || c == '\n' || c == '\0';
}

/* Whether byte C is printable ASCII. */
static inline int printable(char c)
{
	return (unsigned char) c - 0x20u < 0x5fu;
}

static inline unsigned column(const struct yfast *y, const char *p)
{
	unsigned n = 0;

	if (y->ascii)
		return (unsigned) (p - y->line_start);
	for (const char *q = y->line_start; q < p; q++)
		n += ((unsigned char) *q & 0xc0) != 0x80;
	return n;
}

/* P on the current line. */
static inline struct mark mark_of(const struct yfast *y, const char *p)
{
	struct mark m = { y->line, column(y, p) };

	return m;
}

/* "---" or "..." and a blank at a line start: a document marker. */
static inline int is_marker(const char *p)
{
	return ((p[0] == '-' && p[1] == '-' && p[2] == '-') ||
	        (p[0] == '.' && p[1] == '.' && p[2] == '.')) &&
	       blankz(p[3]);
}

static inline void new_line(struct yfast *y, const char *p)
{
	y->line++;
	y->line_start = p;
}

/* The length of the character at P, a byte outside printable ASCII in a
 * scalar or a comment, when libyaml reads it as printable; else 0. */
size_t Sfn_yaml_other_char(struct yfast *y, const char *p);
/* A scalar token at y->p in block context (FLOW 0, block indentation
 * INDENT) or in a flow collection, into S; 0 when the reader gave up or
 * memory ran out. */
int Sfn_yaml_scalar(struct yfast *y, struct scalar *s, int flow, int indent);
/* A literal or folded block scalar at y->p, in block indentation INDENT,
 * into S; its span ends at *END. */
int Sfn_yaml_block_scalar(struct yfast *y, int indent, struct scalar *s,
                          struct mark *end);

#endif
