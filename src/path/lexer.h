/* Tokens of JsonPath expressions (both dialects), produced by the re2c
 * lexer in grammar/path_lex.re. Private to the path piece. */
#ifndef SFN_PATH_LEXER_H
#define SFN_PATH_LEXER_H

#include <stddef.h>

#include "sfn/util.h"

enum sfn_ptok {
	PT_EOF,
	PT_WS,
	PT_ROOT,
	PT_CONTEXT,
	PT_VARIABLE,
	PT_AT,
	PT_DOT,
	PT_DOTDOT,
	PT_LBRACKET,
	PT_RBRACKET,
	PT_LPAREN,
	PT_RPAREN,
	PT_COMMA,
	PT_COLON,
	PT_STAR,
	PT_QUESTION,
	PT_EQ,
	PT_NE,
	PT_LT,
	PT_LE,
	PT_GT,
	PT_GE,
	PT_AND,
	PT_OR,
	PT_NOT,
	PT_MATCH,
	PT_STRING,
	PT_INT,
	PT_NUMBER,
	PT_TRUE,
	PT_FALSE,
	PT_NULL,
	PT_NAME,
	PT_REGEX,
	PT_ERROR
};

struct sfn_plexer {
	const unsigned char *start; /* the expression; NUL-terminated */
	const unsigned char *cur;
	const unsigned char *lim;
	struct sfn_buf str; /* decoded PT_STRING value */
	const char *err;    /* message of a PT_ERROR */
	const unsigned char *err_at;
	int aws; /* Step Functions: either quote may be escaped in a string */
};

struct sfn_ptoken {
	enum sfn_ptok kind;
	const unsigned char *begin, *end;
};

void Sfn_plexer_init(struct sfn_plexer *lx, const char *expr, size_t len);
void Sfn_plexer_free(struct sfn_plexer *lx);
enum sfn_ptok Sfn_plex(struct sfn_plexer *lx, struct sfn_ptoken *tok);
/* A member-name shorthand right after "." or "..". MODE 0: RFC 9535's
 * name-first name-char*; 1: Jayway's run up to '.', '[', '(' or a blank
 * (aws); 2: the same inside a filter, where operators end it too.
 * Returns its length (0: none there). */
size_t Sfn_plex_dotname(struct sfn_plexer *lx, int mode);

#endif
