/* String built-ins: $string, $substring, $substringBefore,
 * $substringAfter, $lowercase, $uppercase, $length, $trim, $pad, $join.
 * Lengths and positions count code points, as the reference's
 * Array.from does. Knows nothing of ASL. */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "jsonata/fn.h"

int Sfn_jn_codepoints(struct jn_ctx *c, const char *s, size_t len,
                      unsigned long **cp, size_t *n)
{
	const unsigned char *p = (const unsigned char *) s;
	unsigned long *v = sfn_arena_alloc(c->arena, (len + 1) * sizeof(*v));
	size_t k = 0;

	if (v == NULL)
		return Sfn_jn_nomem(c);
	for (size_t i = 0; i < len;) {
		unsigned long ch = p[i];
		size_t more = ch >= 0xf0   ? 3
		              : ch >= 0xe0 ? 2
		              : ch >= 0xc0 ? 1
		                           : 0;

		ch &= more == 3 ? 0x07 : more == 2 ? 0x0f : more ? 0x1f : 0xff;
		for (i++; more > 0 && i < len; more--, i++)
			ch = (ch << 6) | (p[i] & 0x3f);
		v[k++] = ch;
	}
	*cp = v;
	*n = k;
	return 0;
}

struct jn_val *Sfn_jn_from_codepoints(struct jn_ctx *c, const unsigned long *cp,
                                      size_t from, size_t to)
{
	char *buf = sfn_arena_alloc(c->arena, (to - from) * 4 + 1);
	size_t k = 0;

	if (buf == NULL) {
		Sfn_jn_nomem(c);
		return NULL;
	}
	for (size_t i = from; i < to; i++)
		k += Sfn_jn_utf8_put(cp[i], buf + k);
	return Sfn_jn_strn(c, buf, k);
}

int Sfn_jn_fn_string(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env;
	if (Sfn_jn_string_of(c, a[0], a[1] != NULL && a[1]->u.b, out) != 0) {
		c->err->position = pos;
		return -1;
	}
	return 0;
}

/* JavaScript's slice index: the number truncated, negatives counting
 * from LEN, clamped. */
static size_t slice_index(double i, size_t len)
{
	i = trunc(i);
	if (i < 0)
		i += (double) len;
	if (i < 0)
		return 0;
	return i > (double) len ? len : (size_t) i;
}

int Sfn_jn_fn_substring(JN_FN_ARGS)
{
	unsigned long *cp;
	size_t len, from, to;
	double start, count;

	(void) n, (void) in, (void) env, (void) pos;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	if (a[1] == NULL) { /* slice(undefined): all; slice(undefined, NaN) */
		*out = a[2] == NULL ? a[0] : Sfn_jn_strn(c, "", 0);
		return *out == NULL ? -1 : 0;
	}
	if (Sfn_jn_codepoints(c, a[0]->u.str.s, a[0]->u.str.len, &cp, &len))
		return -1;
	/* the reference's arithmetic, on the numbers as given: only slice
	 * truncates */
	start = a[1]->u.n;
	if ((double) len + start < 0)
		start = 0;
	from = slice_index(start, len);
	to = len;
	if (a[2] != NULL) {
		count = a[2]->u.n;
		if (count <= 0)
			from = to = 0;
		else
			to = slice_index(start >= 0
			                         ? start + count
			                         : (double) len + start + count,
			                 len);
	}
	*out = Sfn_jn_from_codepoints(c, cp, from, to < from ? from : to);
	return *out == NULL ? -1 : 0;
}

static const char *find(const struct jn_val *s, const struct jn_val *t)
{
	if (t->u.str.len == 0)
		return s->u.str.s;
	if (t->u.str.len > s->u.str.len)
		return NULL;
	for (size_t i = 0; i + t->u.str.len <= s->u.str.len; i++) {
		if (memcmp(s->u.str.s + i, t->u.str.s, t->u.str.len) == 0)
			return s->u.str.s + i;
	}
	return NULL;
}

static int before_after(struct jn_ctx *c, struct jn_val **a, int after,
                        struct jn_val **out)
{
	const char *at;
	size_t off;

	*out = a[0];
	if (a[0] == NULL || a[1] == NULL)
		return 0;
	at = find(a[0], a[1]);
	if (at == NULL)
		return 0;
	off = (size_t) (at - a[0]->u.str.s);
	if (after)
		*out = Sfn_jn_strn(c, at + a[1]->u.str.len,
		                   a[0]->u.str.len - off - a[1]->u.str.len);
	else
		*out = Sfn_jn_strn(c, a[0]->u.str.s, off);
	return *out == NULL ? -1 : 0;
}

int Sfn_jn_fn_substring_before(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env, (void) pos;
	return before_after(c, a, 0, out);
}

int Sfn_jn_fn_substring_after(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env, (void) pos;
	return before_after(c, a, 1, out);
}

static int change_case(struct jn_ctx *c, struct jn_val *s, int upper,
                       struct jn_val **out)
{
	char *buf;

	*out = NULL;
	if (s == NULL)
		return 0;
	*out = Sfn_jn_strn(c, s->u.str.s, s->u.str.len);
	if (*out == NULL)
		return -1;
	buf = (char *) (*out)->u.str.s;
	for (size_t i = 0; i < s->u.str.len; i++) {
		unsigned char ch = (unsigned char) buf[i];

		if (ch < 0x80)
			buf[i] = (char) (upper ? toupper(ch) : tolower(ch));
	}
	return 0;
}

int Sfn_jn_fn_lowercase(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env, (void) pos;
	return change_case(c, a[0], 0, out);
}

int Sfn_jn_fn_uppercase(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env, (void) pos;
	return change_case(c, a[0], 1, out);
}

int Sfn_jn_fn_length(JN_FN_ARGS)
{
	unsigned long *cp;
	size_t len;

	(void) n, (void) in, (void) env, (void) pos;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	if (Sfn_jn_codepoints(c, a[0]->u.str.s, a[0]->u.str.len, &cp, &len))
		return -1;
	*out = Sfn_jn_num(c, (double) len);
	return *out == NULL ? -1 : 0;
}

static int blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

int Sfn_jn_fn_trim(JN_FN_ARGS)
{
	const char *s;
	char *buf;
	size_t k = 0, len;

	(void) n, (void) in, (void) env, (void) pos;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	s = a[0]->u.str.s;
	len = a[0]->u.str.len;
	buf = sfn_arena_alloc(c->arena, len + 1);
	if (buf == NULL)
		return Sfn_jn_nomem(c);
	for (size_t i = 0; i < len; i++) {
		if (!blank(s[i]))
			buf[k++] = s[i];
		else if (i == 0 || !blank(s[i - 1]))
			buf[k++] = ' ';
	}
	if (k > 0 && buf[k - 1] == ' ')
		k--;
	if (k > 0 && buf[0] == ' ')
		*out = Sfn_jn_strn(c, buf + 1, k - 1);
	else
		*out = Sfn_jn_strn(c, buf, k);
	return *out == NULL ? -1 : 0;
}

int Sfn_jn_fn_pad(JN_FN_ARGS)
{
	unsigned long *cp, *pc, *all;
	size_t len, plen, need, k = 0;
	double width;
	const char *fill =
	        a[2] != NULL && a[2]->u.str.len > 0 ? a[2]->u.str.s : " ";

	(void) n, (void) in, (void) env, (void) pos;
	*out = a[1] == NULL ? a[0] : NULL; /* no width: nothing to add */
	if (a[0] == NULL || a[1] == NULL)
		return 0;
	width = trunc(a[1]->u.n);
	if (Sfn_jn_codepoints(c, a[0]->u.str.s, a[0]->u.str.len, &cp, &len) ||
	    Sfn_jn_codepoints(c, fill, strlen(fill), &pc, &plen))
		return -1;
	if (!(fabs(width) > (double) len)) { /* NaN (-4 % 0) too */
		*out = a[0];
		return 0;
	}
	/* the arena's budget bounds the width; past what size_t counts in
	 * bytes, no budget could hold it */
	if (fabs(width) > (double) (SIZE_MAX / (2 * sizeof(*all))))
		return Sfn_jn_nomem(c);
	need = (size_t) fabs(width) - len;
	all = sfn_arena_alloc(c->arena, (len + need) * sizeof(*all));
	if (all == NULL)
		return Sfn_jn_nomem(c);
	if (width > 0)
		for (size_t i = 0; i < len; i++)
			all[k++] = cp[i];
	for (size_t i = 0; i < need; i++)
		all[k++] = pc[i % plen];
	if (width < 0)
		for (size_t i = 0; i < len; i++)
			all[k++] = cp[i];
	*out = Sfn_jn_from_codepoints(c, all, 0, k);
	return *out == NULL ? -1 : 0;
}

int Sfn_jn_fn_join(JN_FN_ARGS)
{
	struct sfn_buf b;
	const char *sep = a[1] != NULL ? a[1]->u.str.s : "";

	(void) n, (void) in, (void) env, (void) pos;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	sfn_buf_init(&b, c->max_memory);
	sfn_buf_add(&b, "", 0);
	for (size_t i = 0; i < a[0]->u.arr.n; i++) {
		if (i > 0)
			sfn_buf_add(&b, sep,
			            a[1] != NULL ? a[1]->u.str.len : 0);
		sfn_buf_add(&b, a[0]->u.arr.v[i]->u.str.s,
		            a[0]->u.arr.v[i]->u.str.len);
	}
	return Sfn_jn_take_text(c, &b, out);
}
