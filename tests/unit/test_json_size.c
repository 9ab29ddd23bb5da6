/* Sfn_exec_json_size against the length of cJSON_PrintUnformatted: the
 * same count on numbers, escapes, unicode and nesting, and an early stop
 * past the limit. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "exec/exec_int.h"
#include "test.h"

static size_t printed(const cJSON *v)
{
	char *text = cJSON_PrintUnformatted(v);
	size_t n = text != NULL ? strlen(text) : SIZE_MAX;

	free(text);
	return n;
}

/* Each text is parsed and counted both ways. */
static const char *const texts[] = {
	"null",
	"true",
	"false",
	"0",
	"-0",
	"1",
	"-1",
	"2147483647",
	"-2147483648",
	"2147483648",
	"-2147483649",
	"1e300",
	"-1e-300",
	"0.1",
	"0.30000000000000004",
	"3.141592653589793",
	"1.5",
	"123456789012345678",
	"1e21",
	"999999999999999",
	"-999999999999999",
	"1000000000000000",
	"1e15",
	"-1e15",
	"5e-324",
	"1.7976931348623157e308",
	"\"\"",
	"\"abc\"",
	"\"a\\\"b\\\\c\\/d\"",
	"\"\\b\\f\\n\\r\\t\"",
	"\"\\u0001\\u001f\\u0000x\"",
	"\"\\u007f\\u0080\"",
	"\"h\\u00e9llo \\u4e16\\u754c \\ud83d\\ude00\"",
	"[]",
	"{}",
	"[1,[2,[3,[]]],{}]",
	"{\"a\":1,\"b\\n\":[true,false,null]}",
	"{\"\\u00e9\":{\"\":{\"x\":\"\\t\"}}}",
	"[0.1,0.2,-7,1e-7,\"\"]",
};

static void matches_print(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		cJSON *v = cJSON_Parse(texts[i]);

		CHECK(v != NULL);
		if (Sfn_exec_json_size(v, SIZE_MAX - 1) != printed(v)) {
			test_fail(t, __FILE__, __LINE__, "%s: %zu, printed %zu",
			          texts[i], Sfn_exec_json_size(v, SIZE_MAX - 1),
			          printed(v));
			cJSON_Delete(v);
			return;
		}
		cJSON_Delete(v);
	}
}

/* Numbers made, not parsed: NaN, infinities, random doubles. */
static void matches_numbers(struct test_state *t)
{
	double special[] = { NAN,     INFINITY,   -INFINITY,    1.0 / 3,
		             2.0 / 3, 1e15 + 0.3, 4294967296.5, -0.0 };
	unsigned seed = 12345;

	for (size_t i = 0; i < sizeof(special) / sizeof(special[0]); i++) {
		cJSON *v = cJSON_CreateNumber(special[i]);

		CHECK(v != NULL);
		CHECK_INT(Sfn_exec_json_size(v, SIZE_MAX - 1), printed(v));
		cJSON_Delete(v);
	}
	for (int i = 0; i < 2000; i++) {
		double d;
		cJSON *v;

		seed = seed * 1103515245u + 12345u;
		d = (double) seed / (double) (1u << 31) *
		    pow(10.0, (double) (int) (seed % 40) - 20);
		v = cJSON_CreateNumber(i % 2 ? d : -d);
		CHECK(v != NULL);
		CHECK_INT(Sfn_exec_json_size(v, SIZE_MAX - 1), printed(v));
		cJSON_Delete(v);
	}
}

/* Every byte value in a string, and raw text. */
static void matches_bytes(struct test_state *t)
{
	char s[256];
	cJSON *v, *raw;

	for (int i = 1; i < 256; i++)
		s[i - 1] = (char) i;
	s[255] = '\0';
	v = cJSON_CreateString(s);
	CHECK(v != NULL);
	CHECK_INT(Sfn_exec_json_size(v, SIZE_MAX - 1), printed(v));
	cJSON_Delete(v);
	raw = cJSON_CreateRaw("{\"pre\":1}");
	CHECK(raw != NULL);
	CHECK_INT(Sfn_exec_json_size(raw, SIZE_MAX - 1), 9);
	cJSON_Delete(raw);
}

/* NEST arrays around one number. */
static cJSON *nested(int nest)
{
	cJSON *v = cJSON_CreateNumber(7);

	for (int i = 0; i < nest && v != NULL; i++) {
		cJSON *a = cJSON_CreateArray();

		if (a == NULL || !cJSON_AddItemToArray(a, v)) {
			cJSON_Delete(a);
			cJSON_Delete(v);
			return NULL;
		}
		v = a;
	}
	return v;
}

/* At SFN_EXEC_JSON_SIZE_MAX_DEPTH and past it the count is the same. */
static void depth_edge(struct test_state *t)
{
	int depths[] = { SFN_EXEC_JSON_SIZE_MAX_DEPTH,
		         SFN_EXEC_JSON_SIZE_MAX_DEPTH + 1,
		         SFN_EXEC_JSON_SIZE_MAX_DEPTH + 5 };

	for (size_t i = 0; i < 3; i++) {
		cJSON *v = nested(depths[i]);

		CHECK(v != NULL);
		CHECK_INT(Sfn_exec_json_size(v, SIZE_MAX - 1),
		          2 * (size_t) depths[i] + 1);
		cJSON_Delete(v);
	}
}

/* At the limit the exact count; past it some count past it, found
 * without walking the rest. */
static void limit_edge(struct test_state *t)
{
	cJSON *v = cJSON_Parse("[\"abcdef\",[1,2,3],{\"k\":\"v\"}]");
	size_t n;

	CHECK(v != NULL);
	n = printed(v);
	CHECK_INT(Sfn_exec_json_size(v, n), n);
	CHECK(Sfn_exec_json_size(v, n - 1) > n - 1);
	CHECK(Sfn_exec_json_size(v, 3) > 3);
	CHECK(Sfn_exec_json_size(v, 0) > 0);
	CHECK_INT(Sfn_exec_json_size(NULL, 10), SIZE_MAX);
	cJSON_Delete(v);
}

const struct test sfn_tests_jsize[] = {
	{ "matches_print", matches_print },
	{ "matches_numbers", matches_numbers },
	{ "matches_bytes", matches_bytes },
	{ "depth_edge", depth_edge },
	{ "limit_edge", limit_edge },
	{ NULL, NULL },
};
