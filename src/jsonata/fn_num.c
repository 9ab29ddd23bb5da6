/* Numeric built-ins: $sum, $count, $max, $min, $average, $number,
 * $abs, $floor, $ceil, $round (half to even), $sqrt, $power, $random,
 * $formatBase. Arguments arrive checked against their signatures. Knows
 * nothing of ASL. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonata/fn.h"

static int number_out(struct jn_ctx *c, double d, struct jn_val **out)
{
	*out = Sfn_jn_num(c, d);
	return *out == NULL ? -1 : 0;
}

static size_t count_of(const struct jn_val *a)
{
	return a == NULL ? 0 : a->u.arr.n;
}

int Sfn_jn_fn_sum(JN_FN_ARGS)
{
	double t = 0;

	(void) n, (void) in, (void) env, (void) pos;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	for (size_t i = 0; i < a[0]->u.arr.n; i++)
		t += a[0]->u.arr.v[i]->u.n;
	return number_out(c, t, out);
}

int Sfn_jn_fn_count(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env, (void) pos;
	return number_out(c, (double) count_of(a[0]), out);
}

static int extreme(struct jn_ctx *c, struct jn_val *a, int max,
                   struct jn_val **out)
{
	double best;

	*out = NULL;
	if (count_of(a) == 0)
		return 0;
	best = a->u.arr.v[0]->u.n;
	for (size_t i = 1; i < a->u.arr.n; i++) {
		double v = a->u.arr.v[i]->u.n;

		if (max ? v > best : v < best)
			best = v;
	}
	return number_out(c, best, out);
}

int Sfn_jn_fn_max(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env, (void) pos;
	return extreme(c, a[0], 1, out);
}

int Sfn_jn_fn_min(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env, (void) pos;
	return extreme(c, a[0], 0, out);
}

int Sfn_jn_fn_average(JN_FN_ARGS)
{
	double t = 0;

	(void) n, (void) in, (void) env, (void) pos;
	*out = NULL;
	if (count_of(a[0]) == 0)
		return 0;
	for (size_t i = 0; i < a[0]->u.arr.n; i++)
		t += a[0]->u.arr.v[i]->u.n;
	return number_out(c, t / (double) a[0]->u.arr.n, out);
}

/* JSON number syntax, or 0x/0o/0b integers, as $number accepts. */
static int parse_number(const char *s, double *d)
{
	const char *p = s;
	char *end;
	int base = 0;

	if (s[0] == '0' && strchr("xXoObB", s[1]) != NULL && s[1] != '\0') {
		base = strchr("xX", s[1]) ? 16 : strchr("oO", s[1]) ? 8 : 2;
		if (s[2] == '\0')
			return 0;
		*d = (double) strtoull(s + 2, &end, base);
		return *end == '\0';
	}
	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return 0;
	*d = strtod(s, &end);
	if (*end != '\0' || !isfinite(*d))
		return 0;
	for (p = s; *p != '\0'; p++) {
		if (*p == '.' && (p[1] < '0' || p[1] > '9'))
			return 0;
	}
	return 1;
}

int Sfn_jn_fn_number(JN_FN_ARGS)
{
	struct jn_val *v = a[0];
	double d;

	(void) n, (void) in, (void) env;
	*out = NULL;
	if (v == NULL)
		return 0;
	if (v->kind == JN_NUM) {
		*out = v;
		return 0;
	}
	if (v->kind == JN_BOOL)
		return number_out(c, v->u.b ? 1 : 0, out);
	if (v->kind == JN_STR && parse_number(v->u.str.s, &d))
		return number_out(c, d, out);
	return Sfn_jn_fail(c, "D3030", pos, "Unable to cast value to a number");
}

static int unary(struct jn_ctx *c, struct jn_val *v, double (*f)(double),
                 struct jn_val **out)
{
	*out = NULL;
	if (v == NULL)
		return 0;
	return number_out(c, f(v->u.n) + 0.0, out);
}

int Sfn_jn_fn_abs(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env, (void) pos;
	return unary(c, a[0], fabs, out);
}

int Sfn_jn_fn_floor(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env, (void) pos;
	return unary(c, a[0], floor, out);
}

int Sfn_jn_fn_ceil(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env, (void) pos;
	return unary(c, a[0], ceil, out);
}

int Sfn_jn_fn_sqrt(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env;
	if (a[0] != NULL && a[0]->u.n < 0)
		return Sfn_jn_fail(c, "D3060", pos,
		                   "The sqrt function cannot be applied to a "
		                   "negative number");
	return unary(c, a[0], sqrt, out);
}

int Sfn_jn_fn_power(JN_FN_ARGS)
{
	double r;

	(void) n, (void) in, (void) env;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	r = pow(a[0]->u.n, a[1] != NULL ? a[1]->u.n : NAN);
	if (!isfinite(r))
		return Sfn_jn_fail(
		        c, "D3061", pos,
		        "The power function has resulted in a value "
		        "that cannot be represented as a JSON number");
	return number_out(c, r, out);
}

/* D shifted by E decimal places through its text, as the reference
 * does with "e" notation to avoid binary rounding. */
static double shift(double d, int e)
{
	char text[32], buf[64];
	char *x;
	long exp10 = 0;

	Sfn_jn_numtext(d, text);
	x = strchr(text, 'e');
	if (x != NULL) {
		exp10 = strtol(x + 1, NULL, 10);
		*x = '\0';
	}
	snprintf(buf, sizeof(buf), "%se%ld", text, exp10 + e);
	return strtod(buf, NULL);
}

int Sfn_jn_fn_round(JN_FN_ARGS)
{
	double v, r, p = a[1] != NULL ? trunc(a[1]->u.n) : 0;
	int prec;

	(void) n, (void) in, (void) env, (void) pos;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	/* past a double's 308 decimal places a precision changes nothing,
	 * or rounds everything to 0; a NaN one (from -4 % 0) gives NaN */
	if (isnan(p))
		return number_out(c, p, out);
	if (fabs(p) > 308)
		return number_out(c, p > 0 ? a[0]->u.n : 0.0, out);
	prec = (int) p;
	v = prec != 0 ? shift(a[0]->u.n, prec) : a[0]->u.n;
	r = floor(v + 0.5);
	if (fabs(r - v) == 0.5 && fmod(fabs(r), 2) == 1)
		r -= 1;
	if (prec != 0)
		r = shift(r, -prec);
	return number_out(c, r == 0 ? 0.0 : r, out);
}

int Sfn_jn_fn_random(JN_FN_ARGS)
{
	(void) a, (void) n, (void) in, (void) env, (void) pos;
	c->seed = c->seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return number_out(c, (double) (c->seed >> 11) / 9007199254740992.0,
	                  out);
}

/* A rounded as $round rounds it (a number) into *OUT. */
static int rounded(struct jn_ctx *c, struct jn_val *a, struct jn_val *in,
                   struct jn_env *env, size_t pos, double *out)
{
	struct jn_val *r[2] = { a, NULL }, *v;

	if (Sfn_jn_fn_round(c, r, 1, in, env, pos, &v) != 0)
		return -1;
	*out = v->u.n;
	return 0;
}

/* The reference's value.toString(radix), both rounded: base 10 is the
 * number's text ("1e+21" from 1e21 up); the digits of another base,
 * from the last, 1024 at most (base 2 of the largest double). */
int Sfn_jn_fn_format_base(JN_FN_ARGS)
{
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	char buf[1100], *p = buf + sizeof(buf) - 1;
	double v, value, radix = 10;

	(void) n;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	if (rounded(c, a[0], in, env, pos, &value) != 0 ||
	    (a[1] != NULL && rounded(c, a[1], in, env, pos, &radix) != 0))
		return -1;
	if (!(radix >= 2 && radix <= 36)) /* NaN too */
		return Sfn_jn_fail(
		        c, "D3100", pos,
		        "The radix of the formatBase function must be "
		        "between 2 and 36");
	if (!isfinite(value)) { /* as JavaScript's toString(radix) */
		*out = Sfn_jn_str(c, isnan(value) ? "NaN"
		                     : value > 0  ? "Infinity"
		                                  : "-Infinity");
		return *out == NULL ? -1 : 0;
	}
	if (radix == 10) {
		Sfn_jn_numtext(value, buf);
		*out = Sfn_jn_str(c, buf);
		return *out == NULL ? -1 : 0;
	}
	v = fabs(value);
	*p = '\0';
	do {
		*--p = digits[(int) fmod(v, radix)];
		v = floor(v / radix);
	} while (v > 0 && p > buf + 1);
	if (value < 0)
		*--p = '-';
	*out = Sfn_jn_str(c, p);
	return *out == NULL ? -1 : 0;
}
