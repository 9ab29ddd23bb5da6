/* JSON writer: numbers, escapes (each kind at every place of a string
 * read eight bytes at a time), layout. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/jsonout.h"
#include "sfn/utf8.h"
#include "test.h"

static const char *num(struct sfn_buf *b, double d)
{
	sfn_buf_reset(b);
	sfn_jsonout_number(d, b);
	return sfn_buf_str(b);
}

static void numbers(struct test_state *t)
{
	struct sfn_buf b;

	sfn_buf_init(&b, 100);
	CHECK_STR(num(&b, 0), "0");
	CHECK_STR(num(&b, -0.0), "0");
	CHECK_STR(num(&b, 42), "42");
	CHECK_STR(num(&b, -7), "-7");
	CHECK_STR(num(&b, 0.1), "0.1");
	CHECK_STR(num(&b, 1.5e300), "1.5e+300");
	CHECK_STR(num(&b, 0.1 + 0.2), "0.30000000000000004");
	CHECK_STR(num(&b, 9007199254740992.0), "9007199254740992");
	/* the integer fast path's edge: below 1e15, then %g's form */
	CHECK_STR(num(&b, 999999999999999.0), "999999999999999");
	CHECK_STR(num(&b, -999999999999999.0), "-999999999999999");
	CHECK_STR(num(&b, 1e15), "1e+15");
	CHECK_STR(num(&b, -1e15), "-1e+15");
	CHECK_STR(num(&b, NAN), "null");
	sfn_buf_free(&b);
}

static void strings(struct test_state *t)
{
	struct sfn_buf b;

	sfn_buf_init(&b, 100);
	sfn_jsonout_string("a\"b\\c\n\t\x01/é", &b);
	CHECK_STR(sfn_buf_str(&b), "\"a\\\"b\\\\c\\n\\t\\u0001/é\"");
	sfn_buf_free(&b);
}

static void layout(struct test_state *t)
{
	cJSON *v = cJSON_Parse("{\"a\":[1,{},[]],\"b\":{\"c\":null}}");
	struct sfn_buf b;

	CHECK(v != NULL);
	sfn_buf_init(&b, 1000);
	sfn_jsonout_value(v, SFN_JSONOUT_COMPACT, &b);
	CHECK_STR(sfn_buf_str(&b), "{\"a\":[1,{},[]],\"b\":{\"c\":null}}");
	sfn_buf_reset(&b);
	sfn_jsonout_value(v, SFN_JSONOUT_PRETTY, &b);
	CHECK_STR(sfn_buf_str(&b), "{\n  \"a\": [\n    1,\n    {},\n    []\n"
	                           "  ],\n  \"b\": {\n    \"c\": null\n  }\n}");
	sfn_buf_free(&b);
	cJSON_Delete(v);
}

/* Indentation deeper than the writer's run of 64 spaces is whole: the
 * 1 at depth 35 stands after a line break and 70 spaces. */
static void deep_layout(struct test_state *t)
{
	char text[80];
	cJSON *v;
	struct sfn_buf b;
	const char *s, *one;
	size_t spaces = 0;

	memset(text, '[', 35);
	text[35] = '1';
	memset(text + 36, ']', 35);
	text[71] = '\0';
	v = cJSON_Parse(text);
	CHECK(v != NULL);
	sfn_buf_init(&b, 100000);
	sfn_jsonout_value(v, SFN_JSONOUT_PRETTY, &b);
	s = sfn_buf_str(&b);
	one = strchr(s, '1');
	CHECK(one != NULL);
	while (one != NULL && one - spaces > s &&
	       one[-1 - (long) spaces] == ' ')
		spaces++;
	CHECK(spaces == 70);
	CHECK(one != NULL && one[-71] == '\n');
	sfn_buf_free(&b);
	cJSON_Delete(v);
}

/* Whatever the bytes, the output is valid UTF-8: broken sequences become
 * U+FFFD, valid ones at the edges (U+10FFFF) pass through. */
static void broken_utf8(struct test_state *t)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\"" },
		{ "a\xffz", "\"a\xef\xbf\xbdz\"" },
		{ "\xf4\x90\x80\x80", /* U+110000: four replacements */
		  "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"" },
		{ "\xed\xa0\x80", /* a surrogate */
		  "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"" },
		{ "\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\"" }, /* overlong */
		{ "x\xe6\x97", "\"x\xef\xbf\xbd\"" }, /* cut at the end */
		{ "\xe6\x97\n", "\"\xef\xbf\xbd\\n\"" },
	};
	struct sfn_buf b;

	sfn_buf_init(&b, 100);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sfn_buf_reset(&b);
		sfn_jsonout_string(cases[i].in, &b);
		CHECK_STR(sfn_buf_str(&b), cases[i].want);
		CHECK(sfn_utf8_valid(b.data, b.len));
	}
	sfn_buf_free(&b);
}

/* One byte sequence to write and what it becomes. */
static const struct {
	const char *in, *out;
} specials[] = {
	{ "\"", "\\\"" },
	{ "\\", "\\\\" },
	{ "\n", "\\n" },
	{ "\x01", "\\u0001" },
	{ "\x1f", "\\u001f" },
	{ " ", " " },
	{ "\x7f", "\x7f" },
	{ "!", "!" },
	{ "#", "#" },
	{ "[", "[" },
	{ "]", "]" },
	{ "\xc3\xa9", "\xc3\xa9" },
	{ "\xff", "\xef\xbf\xbd" },
	{ "\xe2\x82", "\xef\xbf\xbd" },
};

/* Each special sequence at every place of 'a' runs from 0 to 19 bytes
 * long, against the text put together piece by piece. */
static void escapes_everywhere(struct test_state *t)
{
	struct sfn_buf b;

	sfn_buf_init(&b, 1000);
	for (size_t k = 0; k < sizeof(specials) / sizeof(specials[0]); k++)
		for (size_t len = 0; len < 20; len++)
			for (size_t at = 0; at <= len; at++) {
				char in[64], want[64];

				snprintf(in, sizeof(in), "%.*s%s%.*s", (int) at,
				         "aaaaaaaaaaaaaaaaaaaa", specials[k].in,
				         (int) (len - at),
				         "aaaaaaaaaaaaaaaaaaaa");
				snprintf(want, sizeof(want), "\"%.*s%s%.*s\"",
				         (int) at, "aaaaaaaaaaaaaaaaaaaa",
				         specials[k].out, (int) (len - at),
				         "aaaaaaaaaaaaaaaaaaaa");
				sfn_buf_reset(&b);
				CHECK_INT(sfn_jsonout_string(in, &b), SFN_OK);
				CHECK_STR(sfn_buf_str(&b), want);
			}
	sfn_buf_free(&b);
}

/* TEXT with a backslash before each quote and backslash: what a JSON
 * string literal holds of JSON text without control characters. */
static void backslashed(const char *text, char *out)
{
	for (; *text != '\0'; text++) {
		if (*text == '"' || *text == '\\')
			*out++ = '\\';
		*out++ = *text;
	}
	*out = '\0';
}

/* A string inside a string: each special sequence at every place, as
 * sfn_jsonout_string writes it with its quotes and backslashes escaped
 * once more; control characters in escape_text's input escaped. */
static void escaped_strings(struct test_state *t)
{
	struct sfn_buf b, once;

	sfn_buf_init(&b, 1000);
	sfn_buf_init(&once, 1000);
	for (size_t k = 0; k < sizeof(specials) / sizeof(specials[0]); k++)
		for (size_t len = 0; len < 20; len++)
			for (size_t at = 0; at <= len; at++) {
				char in[64], want[160];

				snprintf(in, sizeof(in), "%.*s%s%.*s", (int) at,
				         "aaaaaaaaaaaaaaaaaaaa", specials[k].in,
				         (int) (len - at),
				         "aaaaaaaaaaaaaaaaaaaa");
				sfn_buf_reset(&once);
				sfn_jsonout_string(in, &once);
				backslashed(sfn_buf_str(&once), want);
				sfn_buf_reset(&b);
				CHECK_INT(sfn_jsonout_string_escaped(in, 1, &b),
				          SFN_OK);
				CHECK_STR(sfn_buf_str(&b), want);
			}
	sfn_buf_reset(&b);
	sfn_jsonout_string_escaped("abc", 0, &b);
	CHECK_STR(sfn_buf_str(&b), "abc");
	sfn_buf_reset(&b);
	sfn_jsonout_string_escaped("a\"b\n", 0, &b);
	CHECK_STR(sfn_buf_str(&b), "a\\\\\\\"b\\\\n");
	sfn_buf_reset(&b);
	sfn_jsonout_string_escaped("a\"b\\c\n", 1, &b);
	CHECK_STR(sfn_buf_str(&b), "\\\"a\\\\\\\"b\\\\\\\\c\\\\n\\\"");
	sfn_buf_reset(&b);
	CHECK_INT(sfn_jsonout_escape_text("{\"k\":\x01\t\xc3\xa9}", 10, &b),
	          SFN_OK);
	CHECK_STR(sfn_buf_str(&b), "{\\\"k\\\":\\u0001\\t\xc3\xa9}");
	sfn_buf_free(&b);
	sfn_buf_free(&once);
}

/* A raw value is JSON text: printed as it stands, never quoted. */
static void raw_values(struct test_state *t)
{
	cJSON *v = cJSON_CreateArray();
	struct sfn_buf b;

	cJSON_AddItemToArray(v, cJSON_CreateRaw("\"a\\\"b\""));
	cJSON_AddItemToArray(v, cJSON_CreateString("\"a\\\"b\""));
	sfn_buf_init(&b, 1000);
	CHECK_INT(sfn_jsonout_value(v, SFN_JSONOUT_COMPACT, &b), SFN_OK);
	CHECK_STR(sfn_buf_str(&b), "[\"a\\\"b\",\"\\\"a\\\\\\\"b\\\"\"]");
	sfn_buf_free(&b);
	cJSON_Delete(v);
}

/* Pretty text, its indentation copied eight spaces at a time where
 * there is room, fits a buffer capped at exactly its length and fails
 * one byte short. */
static void pretty_cap(struct test_state *t)
{
	cJSON *v = cJSON_Parse("{\"a\":[{\"deep\":{\"deeper\":[1,"
	                       "{\"x\":\"y\"}]}}],\"b\":[]}");
	struct sfn_buf b;
	size_t len;
	char *want;

	sfn_buf_init(&b, 10000);
	CHECK_INT(sfn_jsonout_value(v, SFN_JSONOUT_PRETTY, &b), SFN_OK);
	len = b.len;
	want = strdup(sfn_buf_str(&b));
	sfn_buf_free(&b);
	sfn_buf_init(&b, len);
	CHECK_INT(sfn_jsonout_value(v, SFN_JSONOUT_PRETTY, &b), SFN_OK);
	CHECK_STR(sfn_buf_str(&b), want);
	sfn_buf_free(&b);
	sfn_buf_init(&b, len - 1);
	CHECK_INT(sfn_jsonout_value(v, SFN_JSONOUT_PRETTY, &b), SFN_ERR_LIMIT);
	sfn_buf_free(&b);
	free(want);
	cJSON_Delete(v);
}

/* The buffer's cap holds at its edge: the text and quotes fit exactly,
 * or one byte short fails with nothing half-written kept. */
static void string_cap(struct test_state *t)
{
	struct sfn_buf b;

	sfn_buf_init(&b, 12);
	CHECK_INT(sfn_jsonout_string("abcdefgh\n", &b), SFN_OK);
	CHECK_STR(sfn_buf_str(&b), "\"abcdefgh\\n\"");
	sfn_buf_free(&b);
	sfn_buf_init(&b, 11);
	CHECK_INT(sfn_jsonout_string("abcdefgh\n", &b), SFN_ERR_LIMIT);
	CHECK_INT((int) b.len, 0);
	sfn_buf_free(&b);
}

/* The plain prefix: eight bytes at a time and one by one, stopped by a
 * quote, a backslash, a control character, a non-ASCII byte or N. */
static void plain_prefix(struct test_state *t)
{
	static const struct {
		const char *s;
		size_t n, want;
	} cases[] = {
		{ "", 0, 0 },
		{ "Type", 4, 4 },
		{ "Type", 2, 2 },
		{ "max_tokens_to_sample", 20, 20 },
		{ "max_tokens_to_sample", 13, 13 },
		{ "abcdefgh\"ij", 11, 8 },
		{ "abcdefghi\\j", 11, 9 },
		{ "a\nb", 3, 1 },
		{ "abcdefghijklmno\x01", 16, 15 },
		{ "ab\xc3\xa9", 4, 2 },
		{ "~ \x7f!", 4, 4 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_INT((int) sfn_jsonout_plain(cases[i].s, cases[i].n),
		          (int) cases[i].want);
}

const struct test sfn_tests_jsonout[] = {
	{ "numbers", numbers },
	{ "strings", strings },
	{ "layout", layout },
	{ "broken_utf8", broken_utf8 },
	{ "deep_layout", deep_layout },
	{ "escapes_everywhere", escapes_everywhere },
	{ "string_cap", string_cap },
	{ "escaped_strings", escaped_strings },
	{ "raw_values", raw_values },
	{ "pretty_cap", pretty_cap },
	{ "plain_prefix", plain_prefix },
	{ NULL, NULL },
};
