/* Tokens of JSONata expressions, produced by the re2c lexer in
 * grammar/jsonata_lex.re. Private to src/jsonata; knows nothing of the
 * syntax tree. */
#ifndef SFN_JSONATA_LEXER_H
#define SFN_JSONATA_LEXER_H

#include <stddef.h>

#include "sfn/util.h"

enum jn_tok {
	JT_END,
	JT_OP,     /* OP holds the operator text */
	JT_NAME,   /* a field name (plain or `quoted`) */
	JT_VAR,    /* $name: TEXT without the '$' */
	JT_STRING, /* decoded text */
	JT_NUMBER,
	JT_VALUE, /* true, false, null: OP holds the word */
	JT_REGEX  /* TEXT is the pattern, FLAGS the flags */
};

struct jn_token {
	enum jn_tok kind;
	const char *op; /* static text of an operator or value word */
	size_t start;   /* byte offset of the first character */
	size_t end;     /* byte offset past the last */
	char *text;     /* arena copy: name, variable, string, pattern */
	size_t len;     /* of TEXT */
	double num;
	char flags[4]; /* regex flags: i, m */
};

struct jn_lexer {
	const unsigned char *start; /* the expression; NUL after LIM */
	const unsigned char *cur;
	const unsigned char *lim;
	struct sfn_arena *arena;
	const char *code; /* error code when Sfn_jn_lex fails */
	size_t err_at;
};

void Sfn_jn_lexer_init(struct jn_lexer *lx, struct sfn_arena *arena,
                       const char *text, size_t len);
/* Reads the next token. PREFIX tells that an operand is expected, where
 * '/' opens a regular expression. Returns 0, or -1 with CODE and ERR_AT
 * set. */
int Sfn_jn_lex(struct jn_lexer *lx, int prefix, struct jn_token *t);

#endif
