/* $formatInteger, $parseInteger and $formatNumber: XPath F&O 3.1
 * pictures, with the decimal-format properties of $formatNumber's third
 * argument. Text is handled as code points. Knows nothing of ASL. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jsonata/fn.h"
#include "jsonata/picture.h"

static int picture_of(struct jn_ctx *c, struct jn_val *pic, size_t pos,
                      struct jn_ipic *out)
{
	unsigned long *cp;
	size_t n;
	int rc;

	if (Sfn_jn_codepoints(c, pic->u.str.s, pic->u.str.len, &cp, &n) != 0)
		return -1;
	rc = Sfn_jn_pic_parse(cp, n, out);
	if (rc == -3131)
		return Sfn_jn_fail(
		        c, "D3131", pos,
		        "In a decimal digit pattern, all digits must be "
		        "from the same decimal group");
	if (rc != 0)
		return Sfn_jn_fail(
		        c, "D3130", pos,
		        "Formatting or parsing an integer as a sequence "
		        "starting with %s is not supported by this "
		        "implementation",
		        pic->u.str.s);
	return 0;
}

int Sfn_jn_fn_format_integer(JN_FN_ARGS)
{
	struct jn_ipic pic;
	struct sfn_buf b;

	(void) n, (void) in, (void) env;
	*out = NULL;
	if (a[0] == NULL || a[1] == NULL)
		return 0;
	if (!isfinite(a[0]->u.n)) /* from -4 % 0: no integer to write */
		return Sfn_jn_fail(c, "D3001", pos,
		                   "Attempting to invoke formatInteger "
		                   "function on Infinity or NaN");
	if (picture_of(c, a[1], pos, &pic) != 0)
		return -1;
	sfn_buf_init(&b, c->max_memory);
	sfn_buf_add(&b, "", 0);
	Sfn_jn_pic_format(a[0]->u.n, &pic, &b);
	return Sfn_jn_take_text(c, &b, out);
}

int Sfn_jn_fn_parse_integer(JN_FN_ARGS)
{
	struct jn_ipic pic;
	unsigned long *cp;
	size_t len;

	(void) n, (void) in, (void) env;
	*out = NULL;
	if (a[0] == NULL || a[1] == NULL)
		return 0;
	if (picture_of(c, a[1], pos, &pic) != 0 ||
	    Sfn_jn_codepoints(c, a[0]->u.str.s, a[0]->u.str.len, &cp, &len) !=
	            0)
		return -1;
	*out = Sfn_jn_num(c, Sfn_jn_pic_read(cp, len, &pic));
	return *out == NULL ? -1 : 0;
}

/* ---- $formatNumber --------------------------------------------------- */

enum {
	P_DEC,
	P_GROUP,
	P_EXP,
	P_MINUS,
	P_PERCENT,
	P_MILLE,
	P_ZERO,
	P_DIGIT,
	P_PATTERN,
	P_COUNT
};

static const char *const prop_names[P_COUNT] = {
	"decimal-separator",
	"grouping-separator",
	"exponent-separator",
	"minus-sign",
	"percent",
	"per-mille",
	"zero-digit",
	"digit",
	"pattern-separator",
};

struct cps {
	unsigned long *v;
	size_t n;
};

struct fmt {
	unsigned long prop[P_COUNT];
	struct jn_ctx *c;
};

struct part {
	struct cps sub, prefix, suffix, active, mantissa, integer, fraction;
	struct cps exponent;
	int has_exponent;
	/* analysis */
	size_t groups[PIC_MAX_GROUPS], ngroups, regular;
	size_t fgroups[PIC_MAX_GROUPS], nfgroups;
	long min_int, scaling, min_frac, max_frac, min_exp;
};

static int is_digit(const struct fmt *f, unsigned long ch)
{
	return ch >= f->prop[P_ZERO] && ch < f->prop[P_ZERO] + 10;
}

static int is_active(const struct fmt *f, unsigned long ch)
{
	return is_digit(f, ch) || ch == f->prop[P_DEC] ||
	       ch == f->prop[P_EXP] || ch == f->prop[P_GROUP] ||
	       ch == f->prop[P_DIGIT] || ch == f->prop[P_PATTERN];
}

static struct cps slice(struct cps s, size_t from, size_t to)
{
	struct cps r = { s.v + from, to > from ? to - from : 0 };

	return r;
}

static long index_of(struct cps s, unsigned long ch, size_t from)
{
	for (size_t i = from; i < s.n; i++) {
		if (s.v[i] == ch)
			return (long) i;
	}
	return -1;
}

static long last_index_of(struct cps s, unsigned long ch)
{
	for (size_t i = s.n; i-- > 0;) {
		if (s.v[i] == ch)
			return (long) i;
	}
	return -1;
}

static size_t count_digits(const struct fmt *f, struct cps s, int optional)
{
	size_t n = 0;

	for (size_t i = 0; i < s.n; i++)
		n += is_digit(f, s.v[i]) ||
		     (optional && s.v[i] == f->prop[P_DIGIT]);
	return n;
}

static void split_parts(const struct fmt *f, struct part *p)
{
	size_t pre = p->sub.n, suf = p->sub.n;
	long exp, dec;

	for (size_t i = 0; i < p->sub.n; i++) {
		if (is_active(f, p->sub.v[i]) &&
		    p->sub.v[i] != f->prop[P_EXP]) {
			pre = i;
			break;
		}
	}
	for (size_t i = p->sub.n; i-- > 0;) {
		if (is_active(f, p->sub.v[i]) &&
		    p->sub.v[i] != f->prop[P_EXP]) {
			suf = i + 1;
			break;
		}
	}
	if (pre == p->sub.n)
		suf = pre;
	p->prefix = slice(p->sub, 0, pre);
	p->suffix = slice(p->sub, suf, p->sub.n);
	p->active = slice(p->sub, pre, suf);
	exp = index_of(p->sub, f->prop[P_EXP], pre);
	if (exp == -1 || (size_t) exp > suf) {
		p->mantissa = p->active;
		p->has_exponent = 0;
	} else {
		p->mantissa = slice(p->active, 0, (size_t) exp - pre);
		p->exponent =
		        slice(p->active, (size_t) exp - pre + 1, p->active.n);
		p->has_exponent = 1;
	}
	dec = index_of(p->mantissa, f->prop[P_DEC], 0);
	if (dec == -1) {
		p->integer = p->mantissa;
		p->fraction = p->suffix;
	} else {
		p->integer = slice(p->mantissa, 0, (size_t) dec);
		p->fraction =
		        slice(p->mantissa, (size_t) dec + 1, p->mantissa.n);
	}
}

static int check_marks(const struct fmt *f, const struct part *p)
{
	struct cps s = p->sub;

	if (index_of(s, f->prop[P_DEC], 0) != last_index_of(s, f->prop[P_DEC]))
		return 3081;
	if (index_of(s, f->prop[P_PERCENT], 0) !=
	    last_index_of(s, f->prop[P_PERCENT]))
		return 3082;
	if (index_of(s, f->prop[P_MILLE], 0) !=
	    last_index_of(s, f->prop[P_MILLE]))
		return 3083;
	if (index_of(s, f->prop[P_PERCENT], 0) != -1 &&
	    index_of(s, f->prop[P_MILLE], 0) != -1)
		return 3084;
	if (count_digits(f, p->mantissa, 1) == 0)
		return 3085;
	for (size_t i = 0; i < p->active.n; i++) {
		if (!is_active(f, p->active.v[i]))
			return 3086;
	}
	return 0;
}

static int check_groups(const struct fmt *f, const struct part *p)
{
	struct cps s = p->sub;
	long dec = index_of(s, f->prop[P_DEC], 0);
	unsigned long g = f->prop[P_GROUP];

	if (dec != -1) {
		if ((dec > 0 && s.v[dec - 1] == g) ||
		    ((size_t) dec + 1 < s.n && s.v[dec + 1] == g))
			return 3087;
	} else if (p->integer.n > 0 && p->integer.v[p->integer.n - 1] == g) {
		return 3088;
	}
	for (size_t i = 0; i + 1 < s.n; i++) {
		if (s.v[i] == g && s.v[i + 1] == g)
			return 3089;
	}
	return 0;
}

static int check_digits(const struct fmt *f, const struct part *p)
{
	long opt = index_of(p->integer, f->prop[P_DIGIT], 0);

	if (opt != -1 &&
	    count_digits(f, slice(p->integer, 0, (size_t) opt), 0) > 0)
		return 3090;
	opt = last_index_of(p->fraction, f->prop[P_DIGIT]);
	if (opt != -1 &&
	    count_digits(f, slice(p->fraction, (size_t) opt, p->fraction.n),
	                 0) > 0)
		return 3091;
	if (p->has_exponent && p->exponent.n > 0 &&
	    (index_of(p->sub, f->prop[P_PERCENT], 0) != -1 ||
	     index_of(p->sub, f->prop[P_MILLE], 0) != -1))
		return 3092;
	if (p->has_exponent &&
	    (p->exponent.n == 0 ||
	     count_digits(f, p->exponent, 0) != p->exponent.n))
		return 3093;
	return 0;
}

static int validate(const struct fmt *f, const struct part *p)
{
	int any = 0;

	for (size_t i = 0; i < p->sub.n; i++)
		any |= is_active(f, p->sub.v[i]) &&
		       p->sub.v[i] != f->prop[P_EXP];
	if (!any)
		return 3086; /* no digit, separator or sign to place at all */
	int e1 = check_marks(f, p), e2 = check_groups(f, p),
	    e3 = check_digits(f, p);

	/* the reference keeps the last error it finds */
	return e3 ? e3 : e2 ? e2 : e1;
}

static size_t gcd(size_t a, size_t b)
{
	return b == 0 ? a : gcd(b, a % b);
}

static void grouping(const struct fmt *f, struct part *p)
{
	size_t factor = 0;

	p->ngroups = p->nfgroups = 0;
	for (size_t i = 0; i < p->integer.n && p->ngroups < PIC_MAX_GROUPS;
	     i++) {
		if (p->integer.v[i] == f->prop[P_GROUP])
			p->groups[p->ngroups++] = count_digits(
			        f, slice(p->integer, i, p->integer.n), 1);
	}
	for (size_t i = 0; i < p->fraction.n && p->nfgroups < PIC_MAX_GROUPS;
	     i++) {
		if (p->fraction.v[i] == f->prop[P_GROUP])
			p->fgroups[p->nfgroups++] =
			        count_digits(f, slice(p->fraction, 0, i), 1);
	}
	for (size_t i = 0; i < p->ngroups; i++)
		factor = gcd(p->groups[i], factor);
	p->regular = factor;
	for (size_t k = 1; factor > 0 && k <= p->ngroups; k++) {
		int found = 0;

		for (size_t i = 0; i < p->ngroups; i++)
			found |= p->groups[i] == k * factor;
		if (!found)
			p->regular = 0;
	}
}

static void analyse(const struct fmt *f, struct part *p)
{
	grouping(f, p);
	p->min_int = (long) count_digits(f, p->integer, 0);
	p->scaling = p->min_int;
	p->min_frac = (long) count_digits(f, p->fraction, 0);
	p->max_frac = (long) count_digits(f, p->fraction, 1);
	if (p->min_int == 0 && p->max_frac == 0) {
		if (p->has_exponent)
			p->min_frac = p->max_frac = 1;
		else
			p->min_int = 1;
	}
	if (p->has_exponent && p->min_int == 0 &&
	    index_of(p->integer, f->prop[P_DIGIT], 0) != -1)
		p->min_int = 1;
	if (p->min_int == 0 && p->min_frac == 0)
		p->min_frac = 1;
	p->min_exp =
	        p->has_exponent ? (long) count_digits(f, p->exponent, 0) : 0;
}

/* The text being built, as code points. */
struct out {
	unsigned long v[1200];
	size_t n;
};

static void insert(struct out *o, size_t at, unsigned long ch)
{
	if (o->n >= sizeof(o->v) / sizeof(o->v[0]) || at > o->n)
		return;
	memmove(o->v + at + 1, o->v + at, (o->n - at) * sizeof(o->v[0]));
	o->v[at] = ch;
	o->n++;
}

static long find(const struct out *o, unsigned long ch)
{
	for (size_t i = 0; i < o->n; i++) {
		if (o->v[i] == ch)
			return (long) i;
	}
	return -1;
}

/* Bullets 7 to 9: digits of |V| with DP decimals, trimmed and padded. */
static void mantissa_text(const struct fmt *f, const struct part *p, double v,
                          struct out *o)
{
	char text[400];
	long dec, pad;

	snprintf(text, sizeof(text), "%.*f", (int) p->max_frac, fabs(v));
	o->n = 0;
	for (const char *t = text; *t && o->n < 1000; t++)
		o->v[o->n++] = *t == '.' ? f->prop[P_DEC]
		                         : f->prop[P_ZERO] +
		                                   (unsigned long) (*t - '0');
	if (find(o, f->prop[P_DEC]) == -1)
		o->v[o->n++] = f->prop[P_DEC];
	while (o->n > 0 && o->v[0] == f->prop[P_ZERO]) {
		memmove(o->v, o->v + 1, --o->n * sizeof(o->v[0]));
	}
	while (o->n > 0 && o->v[o->n - 1] == f->prop[P_ZERO])
		o->n--;
	dec = find(o, f->prop[P_DEC]);
	for (pad = p->min_int - dec; pad > 0; pad--)
		insert(o, 0, f->prop[P_ZERO]);
	dec = find(o, f->prop[P_DEC]);
	for (pad = p->min_frac - ((long) o->n - dec - 1); pad > 0; pad--)
		insert(o, o->n, f->prop[P_ZERO]);
}

/* Bullets 10 to 12: grouping separators, a trailing separator dropped. */
static void group_text(const struct fmt *f, const struct part *p, struct out *o)
{
	long dec = find(o, f->prop[P_DEC]);

	if (p->regular > 0) {
		long count = (dec - 1) / (long) p->regular;

		for (long g = 1; g <= count; g++)
			insert(o, (size_t) (dec - g * (long) p->regular),
			       f->prop[P_GROUP]);
	} else {
		for (size_t i = 0; i < p->ngroups; i++) {
			if (dec >= (long) p->groups[i])
				insert(o, (size_t) dec - p->groups[i],
				       f->prop[P_GROUP]);
			dec++;
		}
	}
	dec = find(o, f->prop[P_DEC]);
	for (size_t i = 0; i < p->nfgroups; i++)
		insert(o, p->fgroups[i] + (size_t) dec + 1, f->prop[P_GROUP]);
	dec = find(o, f->prop[P_DEC]);
	if (p->max_frac == 0 || (o->n > 0 && o->v[o->n - 1] == f->prop[P_DEC]))
		o->n--;
}

static void exponent_text(const struct fmt *f, const struct part *p,
                          long exponent, struct out *o)
{
	char text[32];
	long len;

	snprintf(text, sizeof(text), "%ld",
	         exponent < 0 ? -exponent : exponent);
	len = (long) strlen(text);
	o->v[o->n++] = f->prop[P_EXP];
	if (exponent < 0)
		o->v[o->n++] = f->prop[P_MINUS];
	for (long pad = p->min_exp - len; pad > 0; pad--)
		o->v[o->n++] = f->prop[P_ZERO];
	for (const char *t = text; *t; t++)
		o->v[o->n++] = f->prop[P_ZERO] + (unsigned long) (*t - '0');
}

/* $round's half-to-even at DP decimals. */
static double round_dp(struct jn_ctx *c, double v, long dp)
{
	struct jn_val *args[2], *r;

	args[0] = Sfn_jn_num(c, v);
	args[1] = Sfn_jn_num(c, (double) dp);
	if (args[0] == NULL || args[1] == NULL ||
	    Sfn_jn_fn_round(c, args, 2, NULL, NULL, 0, &r) != 0 || r == NULL)
		return v;
	return r->u.n;
}

static int format(const struct fmt *f, const struct part *p, double v,
                  struct sfn_buf *b)
{
	struct out *o = sfn_arena_alloc(f->c->arena, sizeof(*o));
	double m = v;
	long exponent = 0;

	if (o == NULL)
		return Sfn_jn_nomem(f->c);
	if (index_of(p->sub, f->prop[P_PERCENT], 0) != -1)
		m = v * 100;
	else if (index_of(p->sub, f->prop[P_MILLE], 0) != -1)
		m = v * 1000;
	if (p->min_exp > 0) {
		double maxm = pow(10, (double) p->scaling);
		double minm = pow(10, (double) p->scaling - 1);

		while (m != 0 && fabs(m) < minm) {
			m *= 10;
			exponent--;
		}
		while (fabs(m) > maxm) {
			m /= 10;
			exponent++;
		}
	}
	m = round_dp(f->c, m, p->max_frac);
	mantissa_text(f, p, m, o);
	group_text(f, p, o);
	if (p->min_exp > 0)
		exponent_text(f, p, exponent, o);
	for (size_t i = 0; i < p->prefix.n; i++)
		insert(o, i, p->prefix.v[i]);
	for (size_t i = 0; i < p->suffix.n; i++)
		insert(o, o->n, p->suffix.v[i]);
	{
		struct jn_val *t = Sfn_jn_from_codepoints(f->c, o->v, 0, o->n);

		if (t == NULL)
			return -1;
		sfn_buf_add(b, t->u.str.s, t->u.str.len);
	}
	return 0;
}

static int properties(struct jn_ctx *c, struct jn_val *opts, struct fmt *f)
{
	static const char defaults[P_COUNT] = { '.', ',', 'e', '-', '%',
		                                0,   '0', '#', ';' };

	f->c = c;
	for (int i = 0; i < P_COUNT; i++)
		f->prop[i] =
		        i == P_MILLE ? 0x2030 : (unsigned long) defaults[i];
	for (int i = 0; Sfn_jn_is_obj(opts) && i < P_COUNT; i++) {
		struct jn_val *v = Sfn_jn_get(opts, prop_names[i]);
		unsigned long *cp;
		size_t n;

		if (!Sfn_jn_is_str(v) || v->u.str.len == 0)
			continue;
		if (Sfn_jn_codepoints(c, v->u.str.s, v->u.str.len, &cp, &n) !=
		    0)
			return -1;
		f->prop[i] = cp[0];
	}
	return 0;
}

/* The sub-pictures of PIC: positive and negative. */
static int sub_pictures(struct jn_ctx *c, const struct fmt *f,
                        struct jn_val *pic, struct part *parts, size_t pos)
{
	struct cps all;
	long semi;

	memset(parts, 0, 2 * sizeof(*parts));
	if (Sfn_jn_codepoints(c, pic->u.str.s, pic->u.str.len, &all.v, &all.n))
		return -1;
	semi = index_of(all, f->prop[P_PATTERN], 0);
	if (semi != -1 &&
	    index_of(all, f->prop[P_PATTERN], (size_t) semi + 1) != -1)
		return Sfn_jn_fail(c, "D3080", pos,
		                   "The format-number picture string must not "
		                   "contain more than one pattern separator");
	parts[0].sub = semi == -1 ? all : slice(all, 0, (size_t) semi);
	parts[1].sub = semi == -1 ? all : slice(all, (size_t) semi + 1, all.n);
	return semi == -1 ? 1 : 2;
}

int Sfn_jn_fn_format_number(JN_FN_ARGS)
{
	struct part parts[2];
	struct fmt f;
	struct sfn_buf b;
	int count, err;

	(void) n, (void) in, (void) env;
	*out = NULL;
	if (a[0] == NULL || a[1] == NULL)
		return 0;
	if (properties(c, a[2], &f) != 0)
		return -1;
	count = sub_pictures(c, &f, a[1], parts, pos);
	if (count < 0)
		return -1;
	for (int i = 0; i < count; i++) {
		split_parts(&f, &parts[i]);
		err = validate(&f, &parts[i]);
		if (err != 0) {
			char code[8];

			snprintf(code, sizeof(code), "D%d", err);
			return Sfn_jn_fail(
			        c, code, pos,
			        "The picture string of $formatNumber is "
			        "not valid (%s)",
			        code);
		}
		analyse(&f, &parts[i]);
	}
	sfn_buf_init(&b, c->max_memory);
	sfn_buf_add(&b, "", 0);
	if (count == 1 && a[0]->u.n < 0) {
		struct jn_val *minus =
		        Sfn_jn_from_codepoints(c, &f.prop[P_MINUS], 0, 1);

		if (minus != NULL)
			sfn_buf_add(&b, minus->u.str.s, minus->u.str.len);
	}
	err = format(&f, &parts[count == 2 && a[0]->u.n < 0], a[0]->u.n, &b);
	if (err != 0) {
		sfn_buf_free(&b);
		return -1;
	}
	return Sfn_jn_take_text(c, &b, out);
}
