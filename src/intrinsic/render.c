/* Text renderings of values as the service's Java engine makes them:
 * toString() of collections (Format arguments) and Jackson's compact JSON
 * (JsonToString). Knows nothing of the functions that use them. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intrinsic/intrinsic_int.h"

#define LONG_LIMIT 9223372036854775808.0 /* 2^63: Java long range */

/* The shortest digits that read back as D: "1234" and exponent 2 for
 * 12.34. */
static void shortest(double d, char digits[24], int *exp10)
{
	char e[40], *p, *o = digits;

	for (int prec = 0; prec <= 16; prec++) {
		snprintf(e, sizeof(e), "%.*e", prec, d);
		if (strtod(e, NULL) == d)
			break;
	}
	for (p = e; *p != 'e'; p++) {
		if (*p >= '0' && *p <= '9')
			*o++ = *p;
	}
	*o = '\0';
	*exp10 = (int) strtol(p + 1, NULL, 10);
}

static void plain(const char *digits, int x, struct sfn_buf *out)
{
	int n = (int) strlen(digits);

	if (x < 0) {
		sfn_buf_adds(out, "0.");
		for (int i = -1; i > x; i--)
			sfn_buf_addc(out, '0');
		sfn_buf_adds(out, digits);
		return;
	}
	for (int i = 0; i <= x; i++)
		sfn_buf_addc(out, i < n ? digits[i] : '0');
	sfn_buf_addc(out, '.');
	sfn_buf_adds(out, x + 1 < n ? digits + x + 1 : "0");
}

/* Java's Double.toString: plain between 10^-3 and 10^7, else
 * "1.5E-7" style. */
static void java_double(double d, struct sfn_buf *out)
{
	char digits[24];
	int x;

	if (d < 0) {
		sfn_buf_addc(out, '-');
		d = -d;
	}
	shortest(d, digits, &x);
	if (d >= 1e-3 && d < 1e7) {
		plain(digits, x, out);
		return;
	}
	sfn_buf_addc(out, digits[0]);
	sfn_buf_addc(out, '.');
	sfn_buf_adds(out, digits[1] != '\0' ? digits + 1 : "0");
	sfn_buf_printf(out, "E%d", x);
}

/* Integral values print as Java longs do, others as Java doubles. */
static void number(double d, struct sfn_buf *out)
{
	if (!isfinite(d)) {
		sfn_buf_adds(out, "null");
		return;
	}
	if (d == floor(d) && fabs(d) < LONG_LIMIT) {
		sfn_buf_printf(out, "%.0f", d == 0 ? 0.0 : d);
		return;
	}
	java_double(d, out);
}

void Sfn_intr_render_java(const cJSON *v, struct sfn_buf *out)
{
	int object = cJSON_IsObject(v);

	if (cJSON_IsString(v)) {
		sfn_buf_adds(out, v->valuestring);
	} else if (cJSON_IsNumber(v)) {
		number(v->valuedouble, out);
	} else if (cJSON_IsBool(v)) {
		sfn_buf_adds(out, cJSON_IsTrue(v) ? "true" : "false");
	} else if (object || cJSON_IsArray(v)) {
		sfn_buf_addc(out, object ? '{' : '[');
		for (const cJSON *e = v->child; e != NULL; e = e->next) {
			if (object) {
				sfn_buf_adds(out, e->string ? e->string : "");
				sfn_buf_addc(out, '=');
			}
			Sfn_intr_render_java(e, out);
			if (e->next != NULL)
				sfn_buf_adds(out, ", ");
		}
		sfn_buf_addc(out, object ? '}' : ']');
	} else {
		sfn_buf_adds(out, "null");
	}
}

/* A JSON string literal as Jackson escapes it: short escapes where JSON
 * has them, \u00XX (upper case) for other controls, the rest raw. */
static void json_string(const char *s, struct sfn_buf *out)
{
	static const char hex[] = "0123456789ABCDEF";
	static const char shorts[] = "\bb\tt\nn\ff\rr\"\"\\\\";

	sfn_buf_addc(out, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char) *s;
		const char *sh = NULL;

		if (c != 0)
			sh = memchr(shorts, c, sizeof(shorts) - 1);

		if (sh != NULL && (sh - shorts) % 2 == 0) {
			sfn_buf_addc(out, '\\');
			sfn_buf_addc(out, sh[1]);
		} else if (c < 0x20) {
			sfn_buf_adds(out, "\\u00");
			sfn_buf_addc(out, hex[c >> 4]);
			sfn_buf_addc(out, hex[c & 15]);
		} else {
			sfn_buf_addc(out, (char) c);
		}
	}
	sfn_buf_addc(out, '"');
}

/* Recurses once per level of V. Values come from documents the readers
 * (SFN_JSON_MAX_DEPTH) or cJSON_Parse (CJSON_NESTING_LIMIT) built, plus at
 * most one level per nested call (SFN_INTRINSIC_MAX_DEPTH), so the depth
 * is bounded without a check here. */
void Sfn_intr_render_json(const cJSON *v, struct sfn_buf *out)
{
	int object = cJSON_IsObject(v);

	if (cJSON_IsString(v)) {
		json_string(v->valuestring, out);
	} else if (object || cJSON_IsArray(v)) {
		sfn_buf_addc(out, object ? '{' : '[');
		for (const cJSON *e = v->child; e != NULL; e = e->next) {
			if (object) {
				json_string(e->string ? e->string : "", out);
				sfn_buf_addc(out, ':');
			}
			Sfn_intr_render_json(e, out);
			if (e->next != NULL)
				sfn_buf_addc(out, ',');
		}
		sfn_buf_addc(out, object ? '}' : ']');
	} else {
		Sfn_intr_render_java(v, out);
	}
}
