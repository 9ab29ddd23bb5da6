/* Function signatures ("<s-nn?:s>"): parsing, and checking a call's
 * arguments against them as the reference does, through the string of
 * one type letter per argument matched against one pattern per
 * parameter (greedy, with backtracking). Knows nothing of evaluation. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "jsonata/jsonata_int.h"

#define SIG_MAX_PARAMS 32 /* parameters in one signature */

struct jn_param {
	char cls[16];    /* type letters accepted, 'm' for missing */
	char ctxcls[16]; /* '-': letters the context may have */
	char quant;      /* 0, '?' or '+' */
	char type;       /* a, f, s, ..., '(' for a choice */
	char subtype;    /* <s> of a<s>, 0 for none */
	int context;     /* '-': the context stands in when missing */
};

struct jn_sig {
	struct jn_param p[SIG_MAX_PARAMS];
	size_t n;
};

static int sig_error(struct jn_ctx *c, const char *code, size_t pos)
{
	return Sfn_jn_fail(c, code, pos,
	                   code[4] == '1'
	                           ? "Type parameters can only be applied "
	                             "to functions and arrays"
	                           : "Choice groups containing "
	                             "parameterized types are not "
	                             "supported");
}

/* The length of the bracketed group opening at S[I], or 0. */
static size_t closing(const char *s, size_t len, size_t i, char open,
                      char close)
{
	int depth = 0;

	for (size_t k = i; k < len; k++) {
		depth += s[k] == open;
		depth -= s[k] == close;
		if (depth == 0)
			return k;
	}
	return 0;
}

static void set_class(struct jn_param *p, const char *letters, char type)
{
	snprintf(p->cls, sizeof(p->cls), "%s", letters);
	p->type = type;
}

/* One symbol of the signature at TEXT[*I]; *ADDED when a parameter was
 * completed. */
static int symbol(struct jn_ctx *c, const char *t, size_t len, size_t *i,
                  struct jn_sig *s, size_t pos)
{
	struct jn_param *cur = &s->p[s->n],
	                *prev = s->n ? &s->p[s->n - 1] : NULL;
	char ch = t[*i], buf[16];
	size_t end;

	switch (ch) {
	case 's':
	case 'n':
	case 'b':
	case 'l':
	case 'o':
		snprintf(buf, sizeof(buf), "%cm", ch);
		set_class(cur, buf, ch);
		break;
	case 'a':
	case 'x':
		set_class(cur, "asnblfom", ch);
		break;
	case 'f':
		set_class(cur, "f", ch);
		break;
	case 'j':
		set_class(cur, "asnblom", ch);
		break;
	case '(':
		end = closing(t, len, *i, '(', ')');
		if (end == 0 || end - *i - 1 > 12)
			return sig_error(c, "S0402", pos);
		if (memchr(t + *i, '<', end - *i) != NULL)
			return sig_error(c, "S0402", pos);
		snprintf(buf, sizeof(buf), "%.*sm", (int) (end - *i - 1),
		         t + *i + 1);
		set_class(cur, buf, '(');
		*i = end;
		break;
	case '-':
	case '?':
	case '+':
		if (prev == NULL)
			return 0;
		if (ch == '-') {
			prev->context = 1;
			memcpy(prev->ctxcls, prev->cls, sizeof(prev->cls));
			ch = '?';
		}
		prev->quant = ch;
		return 0;
	case '<':
		if (prev == NULL || (prev->type != 'a' && prev->type != 'f'))
			return sig_error(c, "S0401", pos);
		end = closing(t, len, *i, '<', '>');
		if (end == 0)
			return sig_error(c, "S0401", pos);
		prev->subtype = t[*i + 1];
		*i = end;
		return 0;
	default:
		return 0;
	}
	if (++s->n == SIG_MAX_PARAMS)
		return sig_error(c, "S0402", pos);
	return 0;
}

int Sfn_jn_sig_parse(struct jn_ctx *c, const char *text, size_t len, size_t pos,
                     struct jn_sig **out)
{
	struct jn_sig *s = sfn_arena_alloc(c->arena, sizeof(*s));

	*out = s;
	if (s == NULL)
		return Sfn_jn_nomem(c);
	for (size_t i = 1; i < len && text[i] != ':'; i++) {
		if (symbol(c, text, len, &i, s, pos) != 0)
			return -1;
	}
	return 0;
}

static char letter(const struct jn_val *v)
{
	static const char letters[] = {
		[JN_NULL] = 'l', [JN_BOOL] = 'b', [JN_NUM] = 'n',
		[JN_STR] = 's',  [JN_ARR] = 'a',  [JN_OBJ] = 'o',
		[JN_FN] = 'f'
	};

	return v == NULL ? 'm' : letters[v->kind];
}

/* Matches parameters from PI on at SYM[SI] the way a regular expression
 * of one group per parameter would (greedy, backtracking). LENS receives
 * each parameter's match length. ANCHORED: the match must end with SYM;
 * otherwise *END receives where it ends after parameter NP - 1. */
static int match(const struct jn_sig *s, size_t np, size_t pi, const char *sym,
                 size_t si, int anchored, size_t *lens, size_t *end)
{
	const struct jn_param *p = &s->p[pi];
	size_t max = 0, min = 1;

	if (pi == np) {
		*end = si;
		return !anchored || sym[si] == '\0';
	}
	while (sym[si + max] != '\0' && strchr(p->cls, sym[si + max]) &&
	       (p->quant == '+' || max < 1))
		max++;
	if (p->quant == '?')
		min = 0;
	for (size_t k = max + 1; k-- > min;) {
		lens[pi] = k;
		if (match(s, np, pi + 1, sym, si + k, anchored, lens, end))
			return 1;
	}
	return 0;
}

static int mismatch(struct jn_ctx *c, const struct jn_sig *s, const char *sym,
                    size_t pos)
{
	size_t lens[SIG_MAX_PARAMS], good = 0, end;

	for (size_t k = 1; k <= s->n; k++) {
		if (!match(s, k, 0, sym, 0, 0, lens, &end))
			break;
		good = end;
	}
	return Sfn_jn_fail(c, "T0410", pos,
	                   "Argument %zu of function does not match function "
	                   "signature",
	                   good + 1);
}

static int array_ok(const struct jn_param *p, const struct jn_val *arg,
                    char single, size_t len)
{
	char first;

	if (p->subtype == 0)
		return 1;
	if (single != 'a')
		return len == 1 && single == p->subtype;
	if (arg->u.arr.n == 0)
		return 1;
	first = letter(arg->u.arr.v[0]);
	if (first != p->subtype)
		return 0;
	for (size_t i = 1; i < arg->u.arr.n; i++) {
		if (letter(arg->u.arr.v[i]) != first)
			return 0;
	}
	return 1;
}

static const char *plural(char subtype)
{
	switch (subtype) {
	case 'a':
		return "arrays";
	case 'b':
		return "booleans";
	case 'f':
		return "functions";
	case 'n':
		return "numbers";
	case 'o':
		return "objects";
	default:
		return "strings";
	}
}

/* One matched argument of an 'a' parameter: checked, wrapped in an
 * array unless it is one. */
static int array_arg(struct jn_ctx *c, const struct jn_param *p,
                     struct jn_val *arg, char single, size_t len, size_t index,
                     size_t pos, struct jn_val **out)
{
	*out = NULL;
	if (single == 'm')
		return 0;
	if (!array_ok(p, arg, single, len))
		return Sfn_jn_fail(
		        c, "T0412", pos,
		        "Argument %zu of function must be an array of %s",
		        index + 1, plural(p->subtype));
	if (single == 'a') {
		*out = arg;
		return 0;
	}
	*out = Sfn_jn_arr(c);
	return *out == NULL ? -1 : Sfn_jn_push(c, *out, arg);
}

static int validated(struct jn_ctx *c, const struct jn_sig *s,
                     struct jn_val **args, size_t n, const char *sym,
                     const size_t *lens, struct jn_val *input, size_t pos,
                     struct jn_val **res, size_t *nres)
{
	size_t ai = 0, k = 0, si = 0;

	for (size_t pi = 0; pi < s->n; pi++) {
		const struct jn_param *p = &s->p[pi];

		if (lens[pi] == 0) {
			if (p->context && !strchr(p->ctxcls, letter(input)))
				return Sfn_jn_fail(
				        c, "T0411", pos,
				        "Context value of function does "
				        "not match its signature (argument "
				        "%zu)",
				        ai + 1);
			if (p->context) {
				res[k++] = input;
			} else {
				res[k++] = ai < n ? args[ai] : NULL;
				ai++;
			}
			continue;
		}
		for (size_t m = 0; m < lens[pi]; m++, si++) {
			struct jn_val *arg = ai < n ? args[ai] : NULL;

			if (p->type == 'a' &&
			    array_arg(c, p, arg, sym[si], lens[pi], ai, pos,
			              &arg) != 0)
				return -1;
			res[k++] = arg;
			ai++;
		}
	}
	*nres = k;
	return 0;
}

int Sfn_jn_sig_check(struct jn_ctx *c, const struct jn_sig *sig,
                     struct jn_val ***args, size_t *nargs, struct jn_val *input,
                     size_t pos)
{
	size_t lens[SIG_MAX_PARAMS], end, n = *nargs;
	char *sym = sfn_arena_alloc(c->arena, n + 1);
	struct jn_val **res;

	if (sym == NULL)
		return Sfn_jn_nomem(c);
	if (Sfn_jn_is_arr(input) && (input->flags & JN_OUTER))
		input = input->u.arr.v[0];
	for (size_t i = 0; i < n; i++)
		sym[i] = letter((*args)[i]);
	if (!match(sig, sig->n, 0, sym, 0, 1, lens, &end))
		return mismatch(c, sig, sym, pos);
	res = sfn_arena_alloc(c->arena, (sig->n + n + 1) * sizeof(*res));
	if (res == NULL)
		return Sfn_jn_nomem(c);
	if (validated(c, sig, *args, n, sym, lens, input, pos, res, nargs) != 0)
		return -1;
	*args = res;
	return 0;
}
