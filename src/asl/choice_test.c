/* What a Choice rule's comparison decides, as the service decides it:
 * values of another type than the operator compares never match; strings
 * compare by UTF-16 code units (Java's compareTo); timestamps as
 * instants; StringMatches with '*' and '\' escapes. Knows nothing of
 * paths: the caller hands over the values. */
#include "config.h"

#include <string.h>

#include "sfn/choice.h"

/* The UTF-16 code unit at *S (advancing *S past a whole code point once
 * both units of a pair were given); *LOW holds a pending low surrogate. */
static unsigned next_unit(const unsigned char **s, unsigned *low)
{
	const unsigned char *p = *s;
	unsigned cp, n = 1;

	if (*low) {
		cp = *low;
		*low = 0;
		return cp;
	}
	if (p[0] >= 0xf0 && p[1] && p[2] && p[3]) {
		cp = ((p[0] & 7u) << 18) | ((p[1] & 63u) << 12) |
		     ((p[2] & 63u) << 6) | (p[3] & 63u);
		n = 4;
	} else if (p[0] >= 0xe0 && p[1] && p[2]) {
		cp = ((p[0] & 15u) << 12) | ((p[1] & 63u) << 6) | (p[2] & 63u);
		n = 3;
	} else if (p[0] >= 0xc0 && p[1]) {
		cp = ((p[0] & 31u) << 6) | (p[1] & 63u);
		n = 2;
	} else {
		cp = p[0];
	}
	*s = p + n;
	if (cp < 0x10000)
		return cp;
	*low = 0xdc00 + ((cp - 0x10000) & 0x3ff);
	return 0xd800 + ((cp - 0x10000) >> 10);
}

/* Java's String.compareTo: <0, 0 or >0. */
static int compare_utf16(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *) a;
	const unsigned char *q = (const unsigned char *) b;
	unsigned lp = 0, lq = 0;

	while ((*p || lp) && (*q || lq)) {
		unsigned x = next_unit(&p, &lp), y = next_unit(&q, &lq);

		if (x != y)
			return x < y ? -1 : 1;
	}
	return (*p || lp) - (*q || lq);
}

int sfn_choice_matches(const char *s, const char *pattern)
{
	const char *star = NULL, *resume = NULL;

	/* greedy with one backtrack point: the last '*' seen */
	while (*s) {
		if (*pattern == '*') {
			star = ++pattern;
			resume = s;
			continue;
		}
		if (*pattern == '\\' && pattern[1] != '\0' &&
		    pattern[1] == *s) {
			pattern += 2;
			s++;
			continue;
		}
		if (*pattern != '\\' && *pattern != '\0' && *pattern == *s) {
			pattern++;
			s++;
			continue;
		}
		if (star == NULL)
			return 0;
		pattern = star;
		s = ++resume;
	}
	while (*pattern == '*')
		pattern++;
	return *pattern == '\0';
}

static int ordered(enum sfn_choice_test_op test, int cmp)
{
	switch (test) {
	case SFN_CHOICE_EQ:
		return cmp == 0;
	case SFN_CHOICE_LT:
		return cmp < 0;
	case SFN_CHOICE_GT:
		return cmp > 0;
	case SFN_CHOICE_LE:
		return cmp <= 0;
	default:
		return cmp >= 0;
	}
}

static int compare_instants(const char *x, const char *y, int *cmp)
{
	struct sfn_instant a, b;

	if (!sfn_choice_timestamp(x, &a) || !sfn_choice_timestamp(y, &b))
		return 0;
	*cmp = a.seconds != b.seconds ? (a.seconds < b.seconds ? -1 : 1)
	       : a.nanos != b.nanos   ? (a.nanos < b.nanos ? -1 : 1)
	                              : 0;
	return 1;
}

static int type_test(enum sfn_choice_test_op test, const cJSON *v)
{
	switch (test) {
	case SFN_CHOICE_IS_NULL:
		return cJSON_IsNull(v);
	case SFN_CHOICE_IS_PRESENT:
		return v != NULL;
	case SFN_CHOICE_IS_NUMERIC:
		return cJSON_IsNumber(v);
	case SFN_CHOICE_IS_STRING:
		return cJSON_IsString(v);
	case SFN_CHOICE_IS_BOOLEAN:
		return cJSON_IsBool(v);
	default:
		return sfn_choice_timestamp(cJSON_GetStringValue(v), NULL);
	}
}

static int compare(const struct sfn_choice_op *op, const cJSON *v,
                   const cJSON *o)
{
	double x, y;
	int cmp = 0;

	switch (op->kind) {
	case SFN_CHOICE_NUMERIC:
		if (!cJSON_IsNumber(v) || !cJSON_IsNumber(o))
			return 0;
		x = v->valuedouble;
		y = o->valuedouble;
		return ordered(op->test, (x > y) - (x < y));
	case SFN_CHOICE_BOOLEAN:
		return cJSON_IsBool(v) && cJSON_IsBool(o) &&
		       cJSON_IsTrue(v) == cJSON_IsTrue(o);
	case SFN_CHOICE_TIMESTAMP:
		return cJSON_IsString(v) && cJSON_IsString(o) &&
		       compare_instants(v->valuestring, o->valuestring, &cmp) &&
		       ordered(op->test, cmp);
	default:
		if (!cJSON_IsString(v) || !cJSON_IsString(o))
			return 0;
		if (op->test == SFN_CHOICE_MATCHES)
			return sfn_choice_matches(v->valuestring,
			                          o->valuestring);
		return ordered(op->test,
		               compare_utf16(v->valuestring, o->valuestring));
	}
}

int sfn_choice_test(const struct sfn_choice_op *op, const cJSON *value,
                    const cJSON *operand)
{
	if (operand == NULL ||
	    (value == NULL && op->test != SFN_CHOICE_IS_PRESENT))
		return -1;
	if (op->kind == SFN_CHOICE_TYPE)
		return cJSON_IsBool(operand) &&
		       type_test(op->test, value) == cJSON_IsTrue(operand);
	return compare(op, value, operand);
}
