/* Text of JSONata values as the reference prints them: numbers as
 * JavaScript's String(n) (shortest round-trip digits, exponent form from
 * 1e21 up and below 1e-6), and $string's JSON.stringify with numbers cut
 * to 15 significant digits. Knows nothing of the syntax tree. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonata/jsonata_int.h"

/* The shortest digits that read back as D (> 0): "1234" and the decimal
 * exponent of the first digit. PREC_MAX 16 gives 17 significant. */
static void digits_of(double d, int prec_max, char digits[24], int *exp10)
{
	char e[40], *p, *o = digits;
	int prec = 0;

	for (; prec < prec_max; prec++) {
		snprintf(e, sizeof(e), "%.*e", prec, d);
		if (strtod(e, NULL) == d)
			break;
	}
	snprintf(e, sizeof(e), "%.*e", prec, d);
	for (p = e; *p != 'e'; p++) {
		if (*p >= '0' && *p <= '9')
			*o++ = *p;
	}
	while (o > digits + 1 && o[-1] == '0')
		o--;
	*o = '\0';
	*exp10 = (int) strtol(p + 1, NULL, 10);
}

/* Number::toString of ECMA-262 from DIGITS (k of them) and N, the
 * position of the decimal point (value = 0.DIGITS * 10^N). */
static size_t js_layout(const char *digits, int n, int neg, char out[32])
{
	int k = (int) strlen(digits), o = 0;

	if (neg)
		out[o++] = '-';
	if (k <= n && n <= 21) {
		o += snprintf(out + o, 32 - (size_t) o, "%s%0*d", digits, n - k,
		              0);
		if (n == k)
			out[--o] = '\0';
		return (size_t) o;
	}
	if (0 < n && n <= 21)
		return (size_t) (o + snprintf(out + o, 32 - (size_t) o,
		                              "%.*s.%s", n, digits,
		                              digits + n));
	if (-6 < n && n <= 0) {
		out[o++] = '0';
		out[o++] = '.';
		for (int i = n; i < 0; i++)
			out[o++] = '0';
		return (size_t) (o + snprintf(out + o, 32 - (size_t) o, "%s",
		                              digits));
	}
	return (size_t) (o + snprintf(out + o, 32 - (size_t) o, "%c%s%s%se%c%d",
	                              digits[0], k > 1 ? "." : "", digits + 1,
	                              "", n - 1 < 0 ? '-' : '+', abs(n - 1)));
}

size_t Sfn_jn_numtext(double d, char out[32])
{
	char digits[24];
	int x;

	if (isnan(d))
		return (size_t) snprintf(out, 32, "NaN");
	if (isinf(d))
		return (size_t) snprintf(out, 32, "%sInfinity",
		                         d < 0 ? "-" : "");
	if (d == 0)
		return (size_t) snprintf(out, 32, "0");
	digits_of(fabs(d), 16, digits, &x);
	return js_layout(digits, x + 1, d < 0, out);
}

size_t sfn_jsonata_number_text(double d, char out[32])
{
	return Sfn_jn_numtext(d, out);
}

/* Number(n.toPrecision(15)) printed: 15 significant digits at most. */
static int number15(double d, struct sfn_buf *b)
{
	char text[32], e[40];

	if (d != 0 && d != floor(d)) {
		snprintf(e, sizeof(e), "%.14e", d);
		d = strtod(e, NULL);
	}
	Sfn_jn_numtext(d, text);
	return sfn_buf_adds(b, text) == SFN_OK ? 0 : -1;
}

static int string_lit(const char *s, size_t len, struct sfn_buf *b)
{
	static const char hex[] = "0123456789abcdef";

	sfn_buf_addc(b, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char) s[i];
		const char *esc = strchr("\"\\\b\f\n\r\t", ch);

		if (ch != 0 && esc != NULL) {
			sfn_buf_addc(b, '\\');
			sfn_buf_addc(b, "\"\\bfnrt"[esc - "\"\\\b\f\n\r\t"]);
		} else if (ch < 0x20) {
			sfn_buf_adds(b, "\\u00");
			sfn_buf_addc(b, hex[ch >> 4]);
			sfn_buf_addc(b, hex[ch & 15]);
		} else {
			sfn_buf_addc(b, (char) ch);
		}
	}
	return sfn_buf_addc(b, '"') == SFN_OK ? 0 : -1;
}

static void indent(struct sfn_buf *b, int pretty, int depth)
{
	if (!pretty)
		return;
	sfn_buf_addc(b, '\n');
	for (int i = 0; i < depth * 2; i++)
		sfn_buf_addc(b, ' ');
}

static int stringify(struct jn_ctx *c, const struct jn_val *v, int pretty,
                     int depth, struct sfn_buf *b);

static int container(struct jn_ctx *c, const struct jn_val *v, int pretty,
                     int depth, struct sfn_buf *b)
{
	int arr = v->kind == JN_ARR, any = 0;
	size_t n = arr ? v->u.arr.n : v->u.obj.n;

	sfn_buf_addc(b, arr ? '[' : '{');
	for (size_t i = 0; i < n; i++) {
		const struct jn_val *m =
		        arr ? v->u.arr.v[i] : v->u.obj.m[i].val;

		if (m == NULL && !arr)
			continue;
		if (any)
			sfn_buf_addc(b, ',');
		any = 1;
		indent(b, pretty, depth + 1);
		if (!arr) {
			const char *k = v->u.obj.m[i].key;

			string_lit(k, strlen(k), b);
			sfn_buf_adds(b, pretty ? ": " : ":");
		}
		if (m == NULL)
			sfn_buf_adds(b, "null");
		else if (stringify(c, m, pretty, depth + 1, b) != 0)
			return -1;
	}
	if (any)
		indent(b, pretty, depth);
	return sfn_buf_addc(b, arr ? ']' : '}') == SFN_OK ? 0 : -1;
}

static int stringify(struct jn_ctx *c, const struct jn_val *v, int pretty,
                     int depth, struct sfn_buf *b)
{
	if (depth > (int) c->max_depth)
		return Sfn_jn_fail(c, "U1001", 0, "Stack overflow error");
	switch (v->kind) {
	case JN_NULL:
		return sfn_buf_adds(b, "null") == SFN_OK ? 0 : -1;
	case JN_BOOL:
		return sfn_buf_adds(b, v->u.b ? "true" : "false") == SFN_OK
		               ? 0
		               : -1;
	case JN_NUM:
		if (!isfinite(v->u.n))
			return Sfn_jn_fail(c, "D1001", 0,
			                   "Number out of range");
		return number15(v->u.n, b);
	case JN_STR:
		return string_lit(v->u.str.s, v->u.str.len, b);
	case JN_FN:
		return sfn_buf_adds(b, "\"\"") == SFN_OK ? 0 : -1;
	default:
		return container(c, v, pretty, depth, b);
	}
}

int Sfn_jn_stringify(struct jn_ctx *c, const struct jn_val *v, int pretty,
                     struct sfn_buf *b)
{
	if (stringify(c, v, pretty, 0, b) != 0)
		return c->failed ? -1 : Sfn_jn_nomem(c);
	return b->status == SFN_OK ? 0 : Sfn_jn_nomem(c);
}

int Sfn_jn_string_of(struct jn_ctx *c, struct jn_val *v, int pretty,
                     struct jn_val **out)
{
	struct sfn_buf b;
	int rc;

	if (v == NULL || v->kind == JN_STR) {
		*out = v;
		return 0;
	}
	if (v->kind == JN_FN) {
		*out = Sfn_jn_str(c, "");
		return *out == NULL ? -1 : 0;
	}
	if (v->kind == JN_NUM && !isfinite(v->u.n))
		return Sfn_jn_fail(c, "D3001", 0,
		                   "Attempting to invoke string function on "
		                   "Infinity or NaN");
	sfn_buf_init(&b, c->max_memory);
	rc = Sfn_jn_stringify(c, v, pretty, &b);
	if (rc == 0) {
		*out = Sfn_jn_strn(c, sfn_buf_str(&b), b.len);
		rc = *out == NULL ? -1 : 0;
	}
	sfn_buf_free(&b);
	return rc;
}
