/* Boolean, type, error and evaluation built-ins: $boolean, $not,
 * $exists, $type, $error, $assert, $eval; and time in ISO 8601 form
 * ($now, $millis, $fromMillis, $toMillis without pictures). Knows
 * nothing of ASL. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jsonata/datetime.h"

static int bool_out(struct jn_ctx *c, int b, struct jn_val **out)
{
	*out = Sfn_jn_bool(c, b);
	return *out == NULL ? -1 : 0;
}

int Sfn_jn_fn_boolean(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env, (void) pos;
	*out = NULL;
	return a[0] == NULL ? 0 : bool_out(c, Sfn_jn_truthy(a[0]), out);
}

int Sfn_jn_fn_not(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env, (void) pos;
	*out = NULL;
	return a[0] == NULL ? 0 : bool_out(c, !Sfn_jn_truthy(a[0]), out);
}

int Sfn_jn_fn_exists(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env, (void) pos;
	return bool_out(c, a[0] != NULL, out);
}

int Sfn_jn_fn_type(JN_FN_ARGS)
{
	static const char *const names[] = {
		[JN_NULL] = "null",   [JN_BOOL] = "boolean",
		[JN_NUM] = "number",  [JN_STR] = "string",
		[JN_ARR] = "array",   [JN_OBJ] = "object",
		[JN_FN] = "function",
	};

	(void) n, (void) in, (void) env, (void) pos;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	*out = Sfn_jn_str(c, names[a[0]->kind]);
	return *out == NULL ? -1 : 0;
}

int Sfn_jn_fn_error(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env, (void) out;
	return Sfn_jn_fail(c, "D3137", pos, "%s",
	                   a[0] != NULL ? a[0]->u.str.s
	                                : "$error() function evaluated");
}

int Sfn_jn_fn_assert(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env;
	*out = NULL;
	if (a[0] != NULL && a[0]->u.b)
		return 0;
	return Sfn_jn_fail(c, "D3141", pos, "%s",
	                   a[1] != NULL ? a[1]->u.str.s
	                                : "$assert() statement failed");
}

int Sfn_jn_fn_eval(JN_FN_ARGS)
{
	struct sfn_jsonata_error *outer = c->err, inner = { 0 };
	struct jn_node *root;
	struct jn_val *focus = a[1] != NULL ? a[1] : in;
	int rc;

	(void) n;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	c->err = &inner;
	c->pins++; /* the tree's parent slots join the context's list */
	rc = Sfn_jn_parse(c, a[0]->u.str.s, a[0]->u.str.len, &root);
	c->err = outer;
	if (rc != 0) {
		c->failed = 0;
		return Sfn_jn_fail(
		        c, "D3120", pos,
		        "Syntax error in expression passed to function "
		        "eval: %s",
		        inner.message);
	}
	if (Sfn_jn_is_arr(focus) && !(focus->flags & JN_SEQ)) {
		focus = Sfn_jn_seq_of(c, focus);
		if (focus == NULL)
			return -1;
		focus->flags |= JN_OUTER;
	}
	if (Sfn_jn_eval(c, root, focus, env, out) != 0) {
		if (c->limit)
			return -1;
		c->failed = 0;
		return Sfn_jn_fail(
		        c, "D3121", pos,
		        "Dynamic error evaluating the expression passed "
		        "to function eval: %s",
		        c->err->message);
	}
	return 0;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return floor((double) ts.tv_sec * 1000.0 + (double) ts.tv_nsec / 1e6);
}

static int iso_text(struct jn_ctx *c, double ms, struct jn_val **out)
{
	return Sfn_jn_format_datetime(c, ms, NULL, NULL, 0, out);
}

int Sfn_jn_fn_now(JN_FN_ARGS)
{
	(void) a, (void) n, (void) in, (void) env, (void) pos;
	return iso_text(c, now_ms(), out);
}

int Sfn_jn_fn_millis(JN_FN_ARGS)
{
	(void) a, (void) n, (void) in, (void) env, (void) pos;
	*out = Sfn_jn_num(c, now_ms());
	return *out == NULL ? -1 : 0;
}

int Sfn_jn_fn_from_millis(JN_FN_ARGS)
{
	(void) n, (void) in, (void) env;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	return Sfn_jn_format_datetime(
	        c, a[0]->u.n, a[1] != NULL ? a[1]->u.str.s : NULL,
	        a[2] != NULL ? a[2]->u.str.s : NULL, pos, out);
}

/* Reads DIGITS digits at *P into *V. */
static int digits(const char **p, int count, long *v)
{
	*v = 0;
	for (int i = 0; i < count; i++, (*p)++) {
		if (**p < '0' || **p > '9')
			return 0;
		*v = *v * 10 + (**p - '0');
	}
	return 1;
}

static int time_part(const char **p, long *h, long *mi, long *s, double *f)
{
	*h = *mi = *s = 0;
	*f = 0;
	if (**p == '\0')
		return 1;
	if (**p != 'T' || (++*p, !digits(p, 2, h)) || *(*p)++ != ':' ||
	    !digits(p, 2, mi))
		return 0;
	if (**p == ':' && (++*p, !digits(p, 2, s)))
		return 0;
	if (**p == '.') {
		char *end;

		*f = strtod(*p, &end);
		*p = end;
	}
	return 1;
}

static int zone(const char *p, long *minutes)
{
	long zh, zm;

	*minutes = 0;
	if (*p == '\0' || (*p == 'Z' && p[1] == '\0'))
		return 1;
	if (*p != '+' && *p != '-')
		return 0;
	{
		const char *q = p + 1;

		if (!digits(&q, 2, &zh))
			return 0;
		if (*q == ':')
			q++;
		if (!digits(&q, 2, &zm) || *q != '\0')
			return 0;
	}
	*minutes = (*p == '-' ? -1 : 1) * (zh * 60 + zm);
	return 1;
}

int Sfn_jn_fn_to_millis(JN_FN_ARGS)
{
	const char *p;
	long y, mo = 1, d = 1, h, mi, s, tz;
	double f;

	(void) n, (void) in, (void) env;
	*out = NULL;
	if (a[0] == NULL)
		return 0;
	if (a[1] != NULL)
		return Sfn_jn_parse_datetime(c, a[0], a[1], pos, out);
	p = a[0]->u.str.s;
	if (!digits(&p, 4, &y) || (*p == '-' && (++p, !digits(&p, 2, &mo))) ||
	    (*p == '-' && (++p, !digits(&p, 2, &d))) ||
	    !time_part(&p, &h, &mi, &s, &f) || !zone(p, &tz))
		return Sfn_jn_fail(
		        c, "D3110", pos,
		        "The timestamp cannot be parsed as ISO 8601");
	*out = Sfn_jn_num(
	        c, (double) sfn_days_from_civil(y, mo, d) * 86400000.0 +
	                   (double) ((h * 60 + mi - tz) * 60 + s) * 1000.0 +
	                   floor(f * 1000.0 + 0.5));
	return *out == NULL ? -1 : 0;
}
