/* Built-ins that take a string or a regular expression: $contains,
 * $split, $replace (with $n substitutions or a function), $match.
 * Matching walks successive matches as the reference's matcher objects
 * do, refusing a later empty match (D1004). Knows nothing of ASL. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jsonata/fn.h"

struct walk {
	void *re;           /* a regular expression, or NULL: FN */
	struct jn_val *fn;  /* a matcher function written in JSONata */
	struct jn_env *env; /* where FN is called */
	const char *s;
	size_t len;
	size_t last;      /* lastIndex: where the next search starts */
	int first;        /* no match taken yet */
	size_t ms, me;    /* bytes of the current match */
	struct jn_val *m; /* the current match object */
};

static int is_regex(const struct jn_val *v)
{
	return Sfn_jn_is_fn(v) && v->u.fn->kind == JF_REGEX;
}

/* A user matcher's result M: checked, its offsets as bytes. */
static int custom_match(struct jn_ctx *c, struct walk *w, size_t pos)
{
	struct jn_val *start = Sfn_jn_get(w->m, "start"),
	              *end = Sfn_jn_get(w->m, "end");

	if (w->m == NULL)
		return 0;
	if (!Sfn_jn_is_num(start) || !Sfn_jn_is_num(end) ||
	    !Sfn_jn_is_str(Sfn_jn_get(w->m, "match")))
		return Sfn_jn_fail(
		        c, "T1010", pos,
		        "The matcher function argument passed to "
		        "function does not return the correct object "
		        "structure");
	w->ms = Sfn_jn_u16_to_byte(w->s, w->len, start->u.n);
	w->me = Sfn_jn_u16_to_byte(w->s, w->len, end->u.n);
	if (w->me < w->ms)
		w->me = w->ms;
	return 0;
}

/* The next match of a matcher function: its first call, then next(). */
static int custom_next(struct jn_ctx *c, struct walk *w, int first, size_t pos)
{
	struct jn_val *arg = Sfn_jn_strn(c, w->s, w->len), *next;

	if (arg == NULL)
		return -1;
	next = first ? w->fn : Sfn_jn_get(w->m, "next");
	w->m = NULL;
	if (!Sfn_jn_is_fn(next))
		return 0;
	if (Sfn_jn_apply(c, next, &arg, first ? 1 : 0, NULL, w->env, pos,
	                 &w->m) != 0)
		return -1;
	return custom_match(c, w, pos);
}

static int walk_next(struct jn_ctx *c, struct walk *w, size_t pos)
{
	int first = w->first;

	if (w->re == NULL) {
		w->first = 0;
		return custom_next(c, w, first, pos);
	}
	w->first = 0;
	w->m = NULL;
	if (!first && w->last >= w->len)
		return 0;
	if (Sfn_jn_regex_exec(c, w->re, w->s, w->len, w->last, &w->m, &w->ms,
	                      &w->me) != 0)
		return -1;
	if (w->m != NULL && !first && w->ms == w->me)
		return Sfn_jn_fail(
		        c, "D1004", pos,
		        "Regular expression matches zero length string");
	if (w->m != NULL)
		w->last = w->me;
	return 0;
}

static int walk_start(struct jn_ctx *c, struct walk *w, struct jn_val *re,
                      struct jn_val *s, struct jn_env *env, size_t pos)
{
	memset(w, 0, sizeof(*w));
	if (!Sfn_jn_is_fn(re))
		return Sfn_jn_fail(
		        c, "T1010", pos,
		        "The matcher function argument passed to "
		        "function does not return the correct object "
		        "structure");
	w->re = is_regex(re) ? re->u.fn->node->re : NULL;
	w->fn = re;
	w->env = env;
	w->s = s->u.str.s;
	w->len = s->u.str.len;
	w->first = 1;
	return walk_next(c, w, pos);
}

static const char *find(const char *s, size_t len, const char *t, size_t tlen,
                        size_t from)
{
	for (size_t i = from; i + tlen <= len; i++) {
		if (memcmp(s + i, t, tlen) == 0)
			return s + i;
	}
	return NULL;
}

int Sfn_jn_fn_contains(JN_FN_ARGS)
{
	struct walk w;
	int found;

	(void) n, (void) in, (void) env;
	*out = NULL;
	if (a[0] == NULL || a[1] == NULL)
		return 0;
	if (Sfn_jn_is_str(a[1])) {
		found = find(a[0]->u.str.s, a[0]->u.str.len, a[1]->u.str.s,
		             a[1]->u.str.len, 0) != NULL;
	} else {
		if (walk_start(c, &w, a[1], a[0], env, pos) != 0)
			return -1;
		found = w.m != NULL;
	}
	*out = Sfn_jn_bool(c, found);
	return *out == NULL ? -1 : 0;
}

static int limit_of(struct jn_ctx *c, struct jn_val *l, const char *code,
                    size_t pos, double *limit)
{
	*limit = INFINITY;
	if (l == NULL)
		return 0;
	if (l->u.n < 0)
		return Sfn_jn_fail(
		        c, code, pos,
		        "Third argument of function must evaluate to a "
		        "positive number");
	*limit = l->u.n; /* counts compare with it: 0.5 allows one */
	return 0;
}

static int push_str(struct jn_ctx *c, struct jn_val *r, const char *s,
                    size_t len)
{
	struct jn_val *v = Sfn_jn_strn(c, s, len);

	return v == NULL ? -1 : Sfn_jn_push(c, r, v);
}

static int split_chars(struct jn_ctx *c, struct jn_val *s, double limit,
                       struct jn_val *r)
{
	unsigned long *cp;
	size_t len;

	if (Sfn_jn_codepoints(c, s->u.str.s, s->u.str.len, &cp, &len) != 0)
		return -1;
	for (size_t i = 0; i < len && (double) i < limit; i++) {
		struct jn_val *v = Sfn_jn_from_codepoints(c, cp, i, i + 1);

		if (v == NULL || Sfn_jn_push(c, r, v) != 0)
			return -1;
	}
	return 0;
}

static int split_string(struct jn_ctx *c, struct jn_val *s, struct jn_val *sep,
                        double limit, struct jn_val *r)
{
	size_t from = 0;
	const char *at;

	if (sep->u.str.len == 0)
		return split_chars(c, s, limit, r);
	while ((double) r->u.arr.n < limit) {
		at = find(s->u.str.s, s->u.str.len, sep->u.str.s,
		          sep->u.str.len, from);
		if (at == NULL)
			return push_str(c, r, s->u.str.s + from,
			                s->u.str.len - from);
		if (push_str(c, r, s->u.str.s + from,
		             (size_t) (at - s->u.str.s) - from) != 0)
			return -1;
		from = (size_t) (at - s->u.str.s) + sep->u.str.len;
	}
	return 0;
}

static int split_regex(struct jn_ctx *c, struct jn_val *s, struct jn_val *re,
                       double limit, struct jn_env *env, size_t pos,
                       struct jn_val *r)
{
	struct walk w;
	size_t start = 0;
	double count = 0;

	if (walk_start(c, &w, re, s, env, pos) != 0)
		return -1;
	if (w.m == NULL)
		return Sfn_jn_push(c, r, s);
	while (w.m != NULL && count < limit) {
		if (push_str(c, r, s->u.str.s + start, w.ms - start) != 0)
			return -1;
		start = w.me;
		if (walk_next(c, &w, pos) != 0)
			return -1;
		count++;
	}
	if (count < limit)
		return push_str(c, r, s->u.str.s + start, s->u.str.len - start);
	return 0;
}

int Sfn_jn_fn_split(JN_FN_ARGS)
{
	struct jn_val *r;
	double limit;

	(void) n, (void) in, (void) env;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	if (limit_of(c, a[2], "D3020", pos, &limit) != 0)
		return -1;
	r = *out = Sfn_jn_arr(c);
	if (r == NULL)
		return -1;
	if (limit == 0)
		return 0;
	if (Sfn_jn_is_str(a[1])) /* JavaScript's split: a whole limit */
		return split_string(c, a[0], a[1], floor(limit), r);
	return split_regex(c, a[0], a[1], limit, env, pos, r);
}

/* "$n" references in a replacement string, as the reference reads
 * them: $$ is a dollar, $0 the match, $n the longest group number that
 * exists. */
static void substitute(const struct jn_val *rep, const struct jn_val *m,
                       struct sfn_buf *b)
{
	const struct jn_val *g = Sfn_jn_get(m, "groups");
	const char *s = rep->u.str.s;
	size_t len = rep->u.str.len, ng = g->u.arr.n;
	int maxd = ng == 0 ? 1 : (int) floor(log10((double) ng)) + 1;

	for (size_t i = 0; i < len; i++) {
		if (s[i] != '$' || i + 1 >= len) {
			sfn_buf_addc(b, s[i]);
			continue;
		}
		if (s[i + 1] == '$' || s[i + 1] == '0') {
			const struct jn_val *v = Sfn_jn_get(m, "match");

			if (s[i + 1] == '$')
				sfn_buf_addc(b, '$');
			else
				sfn_buf_add(b, v->u.str.s, v->u.str.len);
			i++;
			continue;
		}
		int d = 0;
		size_t idx = 0;

		while (d < maxd && i + 1 + d < len && s[i + 1 + d] >= '0' &&
		       s[i + 1 + d] <= '9')
			idx = idx * 10 + (size_t) (s[i + 1 + d++] - '0');
		if (d > 1 && idx > ng) {
			idx /= 10;
			d--;
		}
		if (d == 0) {
			sfn_buf_addc(b, '$');
			continue;
		}
		if (ng > 0 && idx >= 1 && idx <= ng && g->u.arr.v[idx - 1])
			sfn_buf_add(b, g->u.arr.v[idx - 1]->u.str.s,
			            g->u.arr.v[idx - 1]->u.str.len);
		i += (size_t) d;
	}
}

static int replacement(struct jn_ctx *c, struct jn_val *rep, struct walk *w,
                       struct jn_env *env, size_t pos, struct sfn_buf *b)
{
	struct jn_val *v;

	if (Sfn_jn_is_str(rep)) {
		substitute(rep, w->m, b);
		return 0;
	}
	if (Sfn_jn_apply(c, rep, &w->m, 1, NULL, env, pos, &v) != 0)
		return -1;
	if (!Sfn_jn_is_str(v))
		return Sfn_jn_fail(
		        c, "D3012", pos,
		        "Attempted to replace a matched string with a "
		        "non-string value");
	sfn_buf_add(b, v->u.str.s, v->u.str.len);
	return 0;
}

static int replace_regex(struct jn_ctx *c, struct jn_val **a, double limit,
                         struct jn_env *env, size_t pos, struct sfn_buf *b)
{
	struct walk w;
	size_t start = 0;
	double count = 0;

	if (walk_start(c, &w, a[1], a[0], env, pos) != 0)
		return -1;
	while (w.m != NULL && count < limit) {
		sfn_buf_add(b, a[0]->u.str.s + start, w.ms - start);
		if (replacement(c, a[2], &w, env, pos, b) != 0)
			return -1;
		start = w.me;
		count++;
		if (walk_next(c, &w, pos) != 0)
			return -1;
	}
	sfn_buf_add(b, a[0]->u.str.s + start, a[0]->u.str.len - start);
	return 0;
}

static void replace_string(struct jn_val **a, double limit, struct sfn_buf *b)
{
	const char *s = a[0]->u.str.s, *at;
	size_t from = 0;
	double count = 0;

	while (count < limit && (at = find(s, a[0]->u.str.len, a[1]->u.str.s,
	                                   a[1]->u.str.len, from)) != NULL) {
		sfn_buf_add(b, s + from, (size_t) (at - s) - from);
		sfn_buf_add(b, a[2]->u.str.s, a[2]->u.str.len);
		from = (size_t) (at - s) + a[1]->u.str.len;
		count++;
	}
	sfn_buf_add(b, s + from, a[0]->u.str.len - from);
}

int Sfn_jn_fn_replace(JN_FN_ARGS)
{
	struct sfn_buf b;
	double limit;
	int rc = 0;

	(void) n, (void) in;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	if (Sfn_jn_is_str(a[1]) && a[1]->u.str.len == 0)
		return Sfn_jn_fail(
		        c, "D3010", pos,
		        "Second argument of replace function cannot be "
		        "an empty string");
	if (limit_of(c, a[3], "D3011", pos, &limit) != 0)
		return -1;
	sfn_buf_init(&b, c->max_memory);
	sfn_buf_add(&b, "", 0);
	if (Sfn_jn_is_str(a[1]) && Sfn_jn_is_str(a[2]))
		replace_string(a, limit, &b);
	else if (Sfn_jn_is_str(a[1]))
		rc = Sfn_jn_fail(c, "D3012", pos,
		                 "Attempted to replace a matched string with a "
		                 "non-string value");
	else
		rc = replace_regex(c, a, limit, env, pos, &b);
	if (rc == 0 && b.status == SFN_OK)
		*out = Sfn_jn_strn(c, sfn_buf_str(&b), b.len);
	sfn_buf_free(&b);
	if (rc != 0)
		return -1;
	return *out == NULL ? Sfn_jn_nomem(c) : 0;
}

static int match_entry(struct jn_ctx *c, struct walk *w, struct jn_val *r)
{
	struct jn_val *e = Sfn_jn_obj(c);

	if (e == NULL || Sfn_jn_set(c, e, "match", Sfn_jn_get(w->m, "match")) ||
	    Sfn_jn_set(c, e, "index", Sfn_jn_get(w->m, "start")) ||
	    Sfn_jn_set(c, e, "groups", Sfn_jn_get(w->m, "groups")))
		return -1;
	return Sfn_jn_push(c, r, e);
}

int Sfn_jn_fn_match(JN_FN_ARGS)
{
	struct jn_val *r;
	struct walk w;
	double limit, count = 0;

	(void) n, (void) in, (void) env;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	if (limit_of(c, a[2], "D3040", pos, &limit) != 0)
		return -1;
	r = *out = Sfn_jn_seq(c);
	if (r == NULL || limit == 0)
		return r == NULL ? -1 : 0;
	if (walk_start(c, &w, a[1], a[0], env, pos) != 0)
		return -1;
	while (w.m != NULL && count < limit) {
		if (match_entry(c, &w, r) != 0 || walk_next(c, &w, pos) != 0)
			return -1;
		count++;
	}
	return 0;
}
