/* Tokens of RFC 8259 JSON, produced by the re2c lexer in
 * grammar/json_lex.re. Private to the JSON reader. */
#ifndef SFN_JSON_LEXER_H
#define SFN_JSON_LEXER_H

#include "util/ascii_scan.h"
#include "sfn/json.h"
#include "sfn/util.h"

enum sfn_json_tok {
	JT_EOF,
	JT_LBRACE,
	JT_RBRACE,
	JT_LBRACKET,
	JT_RBRACKET,
	JT_COLON,
	JT_COMMA,
	JT_STRING,
	JT_NUMBER,
	JT_TRUE,
	JT_FALSE,
	JT_NULL,
	JT_ERROR /* err_at and err say what and where */
};

/* Where a token stands is worked out when asked (Sfn_json_token_span):
 * most tokens are never asked. */
struct sfn_json_token {
	enum sfn_json_tok kind;
	unsigned line;              /* its line */
	const unsigned char *begin; /* its bytes */
	const unsigned char *end;
	const unsigned char *base; /* BEGIN's column is BEGIN - BASE */
	unsigned cont;             /* bytes in it continuing UTF-8 sequences */
	struct sfn_span span;      /* where a JT_ERROR stands */
};

static inline struct sfn_span Sfn_json_token_span(
        const struct sfn_json_token *t)
{
	struct sfn_span s;

	if (t->kind == JT_ERROR)
		return t->span;
	s.line = s.end_line = t->line;
	s.col = (unsigned) (t->begin - t->base);
	s.end_col = (unsigned) (t->end - t->base) - t->cont;
	return s;
}

struct sfn_json_lexer {
	const unsigned char *cur;        /* next byte to read */
	const unsigned char *lim;        /* end of input; *lim is NUL */
	const unsigned char *line_start; /* first byte of the current line */
	unsigned line;                   /* current line, from 1 */
	unsigned cont;                   /* UTF-8 continuation bytes read
	                                    on the line so far */
	const unsigned char *col_at;     /* column cache: a position ... */
	unsigned col_val;                /* ... and its column */
	struct sfn_buf str;              /* decoded strings with escapes */
	const char *value;               /* value of a JT_STRING: in the */
	size_t value_len;                /* text, or str when decoded */
	int value_in_text;               /* which of the two */
	double number;                   /* value of a JT_NUMBER */
	int inexact;                     /* an integer that number rounds */
	const unsigned char *nul_at;     /* first \u0000 in the string */
	const unsigned char *err_at;     /* offending byte of a JT_ERROR */
	char err[200];                   /* its message */
	enum sfn_status status; /* SFN_ERR_NOMEM: a JT_ERROR for want of
	                           memory, not a fault of the text */
};

/* Every token from FROM on, and white space other than spaces and
 * newlines: the whole grammar (re2c), for what Sfn_json_lex's fast paths
 * leave. */
enum sfn_json_tok Sfn_json_lex_slow(struct sfn_json_lexer *lx,
                                    struct sfn_json_token *t,
                                    const unsigned char *from);

/* The token KIND from BEGIN to END holding CONT bytes that continue UTF-8
 * sequences. Outside strings every byte is ASCII and no token spans lines,
 * so a column is the byte offset in the line less the continuation bytes
 * before it: no byte is read twice. */
static inline enum sfn_json_tok Sfn_json_token_at(struct sfn_json_lexer *lx,
                                                  struct sfn_json_token *t,
                                                  enum sfn_json_tok kind,
                                                  const unsigned char *begin,
                                                  const unsigned char *end,
                                                  unsigned cont)
{
	t->kind = kind;
	t->line = lx->line;
	t->begin = begin;
	t->end = end;
	t->base = lx->line_start + lx->cont - 1;
	t->cont = cont;
	lx->cont += cont;
	lx->cur = end;
	return kind;
}

/* Spaces and newlines, the white space of pretty-printed JSON, skipped
 * from P on; any other byte is left for the caller. */
static inline const unsigned char *Sfn_json_skip_white(
        struct sfn_json_lexer *lx, const unsigned char *p)
{
	for (;;) {
		if (*p == ' ') {
			p = Sfn_ascii_space_stop(p + 1, lx->lim);
		} else if (*p == '\n') {
			lx->line++;
			lx->line_start = ++p;
			lx->cont = 0;
		} else {
			return p;
		}
	}
}

/* The next token. The common ones without the state machine, inline in
 * the reader: white space, punctuation and strings without escapes or
 * non-ASCII bytes, which are their own value in the text; the rest goes
 * to Sfn_json_lex_slow. */
static inline enum sfn_json_tok Sfn_json_lex(struct sfn_json_lexer *lx,
                                             struct sfn_json_token *t)
{
	static const unsigned char kinds[256] = {
		['{'] = JT_LBRACE,   ['}'] = JT_RBRACE, ['['] = JT_LBRACKET,
		[']'] = JT_RBRACKET, [':'] = JT_COLON,  [','] = JT_COMMA,
		['"'] = JT_STRING,
	};
	const unsigned char *p = Sfn_json_skip_white(lx, lx->cur), *end;
	enum sfn_json_tok kind = (enum sfn_json_tok) kinds[*p];

	if (kind == JT_STRING) {
		end = Sfn_ascii_plain_stop(p + 1, lx->lim);
		if (*end != '"')
			return Sfn_json_lex_slow(lx, t, p);
		lx->nul_at = NULL;
		lx->value = (const char *) p + 1;
		lx->value_len = (size_t) (end - p - 1);
		lx->value_in_text = 1;
		return Sfn_json_token_at(lx, t, JT_STRING, p, end + 1, 0);
	}
	if (kind != JT_EOF) /* JT_EOF: not one of the bytes above */
		return Sfn_json_token_at(lx, t, kind, p, p + 1, 0);
	return Sfn_json_lex_slow(lx, t, p);
}

void Sfn_json_lexer_init(struct sfn_json_lexer *lx, const char *text,
                         size_t len, size_t max_string);
void Sfn_json_lexer_free(struct sfn_json_lexer *lx);
/* Line and column of P, a position on the lexer's current line. */
void Sfn_json_lexer_pos(struct sfn_json_lexer *lx, const unsigned char *p,
                        unsigned *line, unsigned *col);

#endif
