/* The YAML 1.2 core schema: which value a plain scalar stands for. Both
 * YAML readers type their plain scalars here, so that they agree. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "json/yaml.h"
#include "util/ascii_scan.h"

static int digits(const char **s)
{
	const char *p = *s;

	while (**s >= '0' && **s <= '9')
		(*s)++;
	return *s > p;
}

/* [-+]? [0-9]+ */
static int is_int(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	return digits(&s) && *s == '\0';
}

/* [-+]? ( "." [0-9]+ | [0-9]+ ( "." [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
static int is_float(const char *s)
{
	int whole;

	if (*s == '-' || *s == '+')
		s++;
	whole = digits(&s);
	if (*s == '.') {
		s++;
		if (!digits(&s) && !whole)
			return 0;
	} else if (!whole) {
		return 0;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			s++;
		if (!digits(&s))
			return 0;
	}
	return *s == '\0';
}

static int is_radix(const char *s, const char *prefix, const char *set)
{
	if (strncmp(s, prefix, 2) != 0 || s[2] == '\0')
		return 0;
	return strspn(s + 2, set) == strlen(s + 2);
}

static int among(const char *s, const char *const *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, set[i]) == 0)
			return 1;
	return 0;
}

int Sfn_yaml_core_type(const char *s, double *num)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	static const char *const trues[] = { "true", "True", "TRUE" };
	static const char *const falses[] = { "false", "False", "FALSE" };

	/* most plain scalars are words: one test settles them */
	if ((*s >= '0' && *s <= '9') || *s == '-' || *s == '+' || *s == '.') {
		if (is_int(s) || is_float(s)) {
			const char *i = s + (*s == '+');

			if (!Sfn_ascii_small_integer(
			            (const unsigned char *) i,
			            (const unsigned char *) i + strlen(i), num))
				*num = strtod(s, NULL);
			return cJSON_Number;
		}
		if (is_radix(s, "0x", "0123456789abcdefABCDEF") ||
		    is_radix(s, "0o", "01234567")) {
			*num = (double) strtoull(s + 2, NULL,
			                         s[1] == 'x' ? 16 : 8);
			return cJSON_Number;
		}
		return cJSON_String;
	}
	if (among(s, nulls, 5))
		return cJSON_NULL;
	if (among(s, trues, 3))
		return cJSON_True;
	if (among(s, falses, 3))
		return cJSON_False;
	return cJSON_String;
}
