/* What a JSONata expression refers to that Step Functions restricts
 * ($$, $states.errorOutput, the input at the top level): a tokenizer
 * that follows the alternation of operands and operators and the
 * brackets. The JSONata parser (src/jsonata) has already accepted the
 * expression; this scan knows nothing of its syntax tree. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "asl/jsonata.h"

struct lexer {
	const char *s, *p;
	int want_operand; /* an operand must come next */
	int just_opened;  /* the last token was an opening bracket */
	int after_dot;    /* the last token was the path operator '.' */
	unsigned bars;    /* transform delimiters seen: | loc | update | */
	struct sfn_jsonata_facts *facts;
	char stack[SFN_ASL_JSONATA_MAX_BRACKETS]; /* open brackets */
	size_t depth;
	const char *err;
	size_t at;
};

static int fail(struct lexer *l, const char *msg)
{
	l->err = msg;
	l->at = (size_t) (l->p - l->s);
	return 0;
}

static int is_name(char c, int first)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (!first && c >= '0' && c <= '9') || (c & 0x80);
}

static int digits(struct lexer *l)
{
	const char *start = l->p;

	while (*l->p >= '0' && *l->p <= '9')
		l->p++;
	return l->p > start;
}

/* An operand where one is expected; two in a row do not parse. */
static int operand(struct lexer *l)
{
	if (!l->want_operand)
		return fail(l, "expected an operator between two values");
	l->want_operand = 0;
	return 1;
}

static int operator(struct lexer *l)
{
	if (l->want_operand)
		return fail(l, "an operator has no value before it");
	l->want_operand = 1;
	return 1;
}

static int string(struct lexer *l, char quote)
{
	for (l->p++; *l->p != quote; l->p++) {
		if (*l->p == '\0')
			return fail(l, "String literal must be terminated by a "
			               "matching quote");
		if (*l->p == '\\' && l->p[1] != '\0')
			l->p++;
	}
	l->p++;
	return operand(l);
}

static int number(struct lexer *l)
{
	digits(l);
	if (*l->p == '.' && l->p[1] >= '0' && l->p[1] <= '9') {
		l->p++;
		digits(l);
	}
	if (*l->p == 'e' || *l->p == 'E') {
		l->p++;
		if (*l->p == '+' || *l->p == '-')
			l->p++;
		if (!digits(l))
			return fail(l, "a number needs digits in its exponent");
	}
	return operand(l);
}

static int open(struct lexer *l, char c)
{
	if (l->depth == SFN_ASL_JSONATA_MAX_BRACKETS)
		return fail(l, "brackets nest too deep");
	l->stack[l->depth++] = c;
	l->p++;
	l->want_operand = 1; /* (a), [1], {"k": v} */
	l->just_opened = 1;
	return 1;
}

static int close(struct lexer *l, char c)
{
	char want = c == ')' ? '(' : c == ']' ? '[' : '{';
	char opened = l->depth ? l->stack[l->depth - 1] : 0;

	if (opened != want)
		return fail(l, "a closing bracket does not match the open one");
	/* empty (), [] and {} are values too */
	if (l->want_operand && !l->just_opened)
		return fail(l, "an operator has no value after it");
	l->depth--;
	l->p++;
	l->want_operand = 0;
	return 1;
}

/* Brackets: after a value, "(" calls, "[" filters, "{" groups. */
static int bracket(struct lexer *l, char c)
{
	if (c == ')' || c == ']' || c == '}')
		return close(l, c);
	if (!l->want_operand)
		l->want_operand = 1;
	return open(l, c);
}

static int regex(struct lexer *l)
{
	for (l->p++; *l->p != '/'; l->p++) {
		if (*l->p == '\0')
			return fail(l,
			            "No terminating / in regular expression");
		if (*l->p == '\\' && l->p[1] != '\0')
			l->p++;
	}
	for (l->p++; *l->p >= 'a' && *l->p <= 'z'; l->p++)
		;
	return operand(l);
}

/* Names, variables and the words that are operators. */
static int is_keyword(const char *s, size_t n)
{
	static const char *const words[] = { "true", "false", "null",
		                             "function", NULL };

	for (size_t i = 0; words[i] != NULL; i++)
		if (strlen(words[i]) == n && strncmp(s, words[i], n) == 0)
			return 1;
	return 0;
}

/* "$" or a field name that stands at the top level of the expression
 * (not a path step, not inside brackets, not a call): the service
 * refuses it, as no input is in context there. */
static void top_level_reference(struct lexer *l, const char *s, size_t n)
{
	const char *next = l->p + strspn(l->p, " \t\r\n");

	if (l->depth > 0 || l->bars % 3 != 0 || l->after_dot ||
	    !l->want_operand || *next == '(' || l->facts->top_name[0] != '\0' ||
	    is_keyword(s, n) || (s[0] == '$' && n > 1))
		return;
	snprintf(l->facts->top_name, sizeof(l->facts->top_name), "%.*s",
	         (int) (n < 60 ? n : 60), s);
	l->facts->top_at = (size_t) (s - l->s);
}

static int word(struct lexer *l)
{
	const char *start = l->p;
	size_t n;

	if (*l->p == '$') {
		l->p++;
		if (*l->p == '$')
			l->p++;
	}
	while (is_name(*l->p, 0))
		l->p++;
	n = (size_t) (l->p - start);
	if (n >= 2 && start[0] == '$' && start[1] == '$' &&
	    !l->facts->context) {
		l->facts->context = 1;
		l->facts->context_at = (size_t) (start - l->s);
	}
	if (n == 7 && strncmp(start, "$states", 7) == 0 &&
	    strncmp(l->p, ".errorOutput", 12) == 0 && !is_name(l->p[12], 0) &&
	    !l->facts->error_output) {
		l->facts->error_output = 1;
		l->facts->error_output_at = (size_t) (start - l->s);
	}
	if ((n == 3 && !strncmp(start, "and", 3)) ||
	    (n == 2 && (!strncmp(start, "or", 2) || !strncmp(start, "in", 2))))
		return l->want_operand ? operand(l) : operator(l);
	top_level_reference(l, start, n);
	return operand(l);
}

static const char *const two_char[] = { "!=", "<=", ">=", ":=", "~>",
	                                "..", "**", "??", "?:", NULL };

static int symbol(struct lexer *l)
{
	char c = *l->p;

	for (size_t i = 0; two_char[i] != NULL; i++) {
		if (strncmp(l->p, two_char[i], 2) == 0) {
			l->p += 2;
			if (!strcmp(two_char[i], "**") && l->want_operand)
				return operand(l); /* descendants */
			return operator(l);
		}
	}
	l->p++;
	if (c == '|') {
		l->bars++; /* transform delimiters: | location | update | */
		return 1;
	}
	if (l->want_operand && (c == '-' || c == '<' || c == '>'))
		return 1; /* unary minus; sort order ^(<x), ^(>x) */
	if (l->want_operand && c == '?')
		return operand(l); /* a placeholder: $f(?, 2) */
	if (l->want_operand && (c == '*' || c == '%'))
		return operand(l); /* wildcard; parent */
	if (strchr("+-*/%&=<>?:.,@#^|;!", c) == NULL)
		return fail(l, "a character JSONata does not know");
	return operator(l);
}

static int token(struct lexer *l)
{
	char c = *l->p;

	if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
		l->p++;
		return 1;
	}
	if (c == '/' && l->p[1] == '*') {
		const char *end = strstr(l->p + 2, "*/");

		if (end == NULL)
			return fail(l, "a comment is not closed");
		l->p = end + 2;
		return 1;
	}
	if (c == '"' || c == '\'')
		return string(l, c);
	if (c == '`')
		return string(l, '`');
	if (c >= '0' && c <= '9')
		return number(l);
	if (strchr("()[]{}", c))
		return bracket(l, c);
	if (c == '/' && l->want_operand)
		return regex(l);
	if (c == '$' || is_name(c, 1))
		return word(l);
	return symbol(l);
}

void Sfn_asl_jsonata_facts(const char *expr, struct sfn_jsonata_facts *facts)
{
	struct lexer l;

	memset(&l, 0, sizeof(l));
	memset(facts, 0, sizeof(*facts));
	l.facts = facts;
	l.s = l.p = expr;
	l.want_operand = 1;
	while (*l.p != '\0') {
		int blank = strchr(" \t\r\n", *l.p) != NULL;
		const char *start = l.p;

		if (!token(&l))
			break; /* what it read so far stands */
		if (!blank)
			l.after_dot = l.p - start == 1 && *start == '.';
		if (!blank && l.p > l.s)
			l.just_opened = l.p[-1] == '(' || l.p[-1] == '[' ||
			                l.p[-1] == '{';
	}
}
