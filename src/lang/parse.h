/* The .sfn front end's parsing state, shared by the re2c lexer
 * (grammar/sfn_lex.re) and the bison parser (grammar/sfn.y): the input,
 * the open brackets, the arena the tree is built in, the diagnostics.
 * Private to the lang piece; knows nothing of ASL. */
#ifndef SFN_LANG_PARSE_H
#define SFN_LANG_PARSE_H

#include <stddef.h>

#include "lang/ast.h"
#include "sfn/diag.h"
#include "sfn/lang.h"

struct lang_lexer {
	const unsigned char *start, *cur, *lim; /* lim points at a NUL */
	unsigned line, col;                     /* where cur stands */
	unsigned depth;                         /* brackets open */
	unsigned open_line[SFN_LANG_MAX_DEPTH]; /* where each was opened */
	unsigned open_col[SFN_LANG_MAX_DEPTH];
	char open_ch[SFN_LANG_MAX_DEPTH];
	const unsigned char *last, *last_end; /* the last token's text */
	size_t calls; /* intrinsic calls read, to size the known map */
};

struct lang_ctx {
	struct lang_lexer lx;
	struct sfn_arena *arena; /* strings and lowered trees: the unit's */
	/* the .sfn tree's nodes (items, values, members, conditions), dropped
	 * once the machines are lowered: their strings are in ARENA */
	struct sfn_arena *nodes;
	struct sfn_diags *diags;
	const char *file;
	struct lang_item *stacks;  /* the result, in order */
	unsigned errors;           /* syntax errors reported */
	unsigned last_error_line;  /* one syntax error a line */
	int fatal;                 /* a limit was hit: stop reporting */
	int nomem;                 /* the arena ran out */
	int checked;               /* the checks found nothing */
	struct sfn_strmap models;  /* the stack being lowered: its models */
	const char *region;        /* ... and the region of its ARNs */
	struct sfn_strmap params;  /* ... and its params */
	struct sfn_lang_ref *refs; /* the machine being lowered: where it */
	size_t ref_count, ref_cap; /* uses a param */
	/* paths and calls checked: text to SFN_ASL_KNOWN_PATH or
	 * SFN_ASL_KNOWN_CALL, for the ASL rules, when without a finding,
	 * else to a value with neither bit (lower.c) */
	struct sfn_strmap known;
};

/* The lexer (sfn_lex.c) and the parser (sfn_parse.c). */
void Sfn_lang_lexer_init(struct lang_lexer *lx, const char *text, size_t len);
/* Reports a syntax error at SPAN (one a line, none after a fatal one). */
void Sfn_lang_syntax_error(struct lang_ctx *ctx, const struct sfn_span *span,
                           const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* Reports that a limit was hit at SPAN and stops the parse. */
void Sfn_lang_limit_error(struct lang_ctx *ctx, const struct sfn_span *span,
                          const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* Runs the parser; the tree goes to CTX->stacks. */
enum sfn_status Sfn_lang_parse_run(struct lang_ctx *ctx);

/* The location of SPAN in CTX's file. */
struct sfn_loc Sfn_lang_loc(const struct lang_ctx *ctx,
                            const struct sfn_span *span);

#endif
