/* The length of the compact text cJSON_PrintUnformatted would give a
 * value, counted without building the text, stopping once past a limit:
 * how an execution checks its payload limit on every state. Knows cJSON's
 * printing rules, nothing of executions. */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec/exec_int.h"

/* Bytes of S printed as a JSON string, quotes included (cJSON escapes
 * the two-character forms below and every other control as \uXXXX). */
static size_t string_size(const char *s)
{
	size_t n = 2;

	if (s == NULL)
		return n;
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char) *s;

		if (strchr("\"\\\b\f\n\r\t", c) != NULL)
			n += 2;
		else if (c < 32)
			n += 6;
		else
			n += 1;
	}
	return n;
}

/* Digits of an integral D below 1e15 as %1.15g prints it, sign
 * included ("-0" too). */
static size_t integer_size(double d)
{
	long long i = (long long) fabs(d);
	size_t n = signbit(d) ? 2 : 1;

	for (; i >= 10; i /= 10)
		n++;
	return n;
}

/* cJSON's print_number: null for NaN and infinities, else %1.15g unless
 * that does not read back, then %1.17g. */
static size_t number_size(const cJSON *v)
{
	double d = v->valuedouble, back;
	char buf[32];
	int len;

	if (isnan(d) || isinf(d))
		return 4;
	if (fabs(d) < 1e15 && d == trunc(d))
		return integer_size(d);
	len = snprintf(buf, sizeof(buf), "%1.15g", d);
	back = strtod(buf, NULL);
	if (fabs(back - d) > fmax(fabs(back), fabs(d)) * DBL_EPSILON)
		len = snprintf(buf, sizeof(buf), "%1.17g", d);
	return len < 0 ? 0 : (size_t) len;
}

/* Past SFN_EXEC_JSON_SIZE_MAX_DEPTH a value is measured by printing it. */
static size_t printed_size(const cJSON *v)
{
	char *text = cJSON_PrintUnformatted(v);
	size_t n = text != NULL ? strlen(text) : SIZE_MAX;

	free(text);
	return n;
}

static size_t value_size(const cJSON *v, size_t limit, int depth);

/* Brackets, commas, keys and members; stops once past LIMIT. */
static size_t container_size(const cJSON *v, size_t limit, int depth)
{
	size_t n = 2;
	const cJSON *m;

	for (m = v->child; m != NULL && n <= limit; m = m->next) {
		size_t k = m != v->child ? 1 : 0;

		if (cJSON_IsObject(v))
			k += string_size(m->string) + 1;
		n += k;
		if (n > limit)
			break;
		k = value_size(m, limit - n, depth + 1);
		if (k == SIZE_MAX)
			return SIZE_MAX;
		n += k;
	}
	return n;
}

static size_t value_size(const cJSON *v, size_t limit, int depth)
{
	switch (v->type & 0xFF) {
	case cJSON_NULL:
	case cJSON_True:
		return 4;
	case cJSON_False:
		return 5;
	case cJSON_Number:
		return number_size(v);
	case cJSON_String:
		return string_size(v->valuestring);
	case cJSON_Raw:
		return v->valuestring != NULL ? strlen(v->valuestring)
		                              : SIZE_MAX;
	case cJSON_Array:
	case cJSON_Object:
		if (depth >= SFN_EXEC_JSON_SIZE_MAX_DEPTH)
			return printed_size(v);
		return container_size(v, limit, depth);
	default:
		return SIZE_MAX;
	}
}

size_t Sfn_exec_json_size(const cJSON *value, size_t limit)
{
	if (value == NULL)
		return SIZE_MAX;
	return value_size(value, limit, 0);
}
