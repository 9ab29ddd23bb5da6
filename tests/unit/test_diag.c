/* Diagnostic sets: severities, counting, ordering, registry lookups. */
#include "config.h"

#include <stdarg.h>

#include "sfn/diag.h"
#include "sfn/utf8.h"
#include "test.h"

static void add_where(struct sfn_diags *d, const struct sfn_loc *loc,
                      const char *pointer, const char *where, ...)
{
	va_list ap;

	va_start(ap, where);
	sfn_diag_vadd(d, SFN_RULE_JSON_SYNTAX, loc, pointer, where, "n %d", ap);
	va_end(ap);
}

static void registry(struct test_state *t)
{
	CHECK_INT(sfn_rule_find("json-syntax"), SFN_RULE_JSON_SYNTAX);
	CHECK_INT(sfn_rule_find("SFN1002"), SFN_RULE_JSON_DUPLICATE_KEY);
	CHECK_INT(sfn_rule_find("no-such-rule"), -1);
	CHECK_STR(sfn_rule_get(SFN_RULE_JSON_SYNTAX)->code, "SFN1001");
	CHECK(sfn_rule_get(SFN_RULE_COUNT) == NULL);
	for (int i = 0; i < SFN_RULE_COUNT; i++) {
		const struct sfn_rule *r = sfn_rule_get((enum sfn_rule_id) i);

		CHECK(sfn_rule_find(r->name) == i); /* names are unique */
		CHECK(sfn_rule_find(r->code) == i); /* codes are unique */
	}
}

static void add_and_count(struct test_state *t)
{
	struct sfn_diags d;
	struct sfn_loc loc = { "a.json", 2, 3, 2, 4 };
	char name[] = "b.json";

	sfn_diags_init(&d);
	sfn_diag_add(&d, SFN_RULE_JSON_SYNTAX, &loc, "/x", "bad %d", 1);
	loc.file = name;
	sfn_diag_add(&d, SFN_RULE_JSON_DUPLICATE_KEY, &loc, NULL, "dup");
	name[0] = 'z'; /* the set keeps its own copy */
	sfn_diag_add(&d, SFN_RULE_JSON_SYNTAX, NULL, NULL, "nowhere");
	CHECK_INT(d.count, 3);
	CHECK_INT(d.errors, 2);
	CHECK_INT(d.warnings, 1);
	CHECK_STR(d.items[0].message, "bad 1");
	CHECK_STR(d.items[0].pointer, "/x");
	CHECK_STR(d.items[1].loc.file, "b.json");
	CHECK(d.items[2].loc.file == NULL && d.items[2].loc.line == 0);
	CHECK(d.items[1].severity == SFN_SEV_WARNING);
	sfn_diags_free(&d);
}

static void disabled_rule(struct test_state *t)
{
	struct sfn_diags d;

	sfn_diags_init(&d);
	sfn_diags_set_severity(&d, SFN_RULE_JSON_DUPLICATE_KEY, SFN_SEV_OFF);
	sfn_diags_set_severity(&d, SFN_RULE_JSON_NUL_CHAR, SFN_SEV_ERROR);
	sfn_diag_add(&d, SFN_RULE_JSON_DUPLICATE_KEY, NULL, NULL, "x");
	sfn_diag_add(&d, SFN_RULE_JSON_NUL_CHAR, NULL, NULL, "y");
	CHECK_INT(d.count, 1);
	CHECK_INT(d.errors, 1);
	CHECK_INT(d.warnings, 0);
	sfn_diags_free(&d);
}

static void sort_is_stable(struct test_state *t)
{
	static const struct {
		const char *f;
		unsigned l, c;
	} in[] = {
		{ "b", 1, 1 }, { "a", 9, 2 }, { "a", 2, 5 },
		{ "a", 2, 5 }, { "a", 2, 1 }, { "b", 1, 1 },
	};
	static const char *const want[] = { "4", "2", "3", "1", "0", "5" };
	struct sfn_diags d;

	sfn_diags_init(&d);
	for (int i = 0; i < 6; i++) {
		struct sfn_loc loc = { in[i].f, in[i].l, in[i].c, 0, 0 };

		sfn_diag_add(&d, SFN_RULE_JSON_SYNTAX, &loc, NULL, "%d", i);
	}
	sfn_diags_sort(&d);
	for (int i = 0; i < 6; i++)
		CHECK_STR(d.items[i].message, want[i]);
	sfn_diags_free(&d);
}

static void formats(struct test_state *t)
{
	CHECK_INT(sfn_format_parse("text"), SFN_FORMAT_TEXT);
	CHECK_INT(sfn_format_parse("sarif"), SFN_FORMAT_SARIF);
	CHECK_INT(sfn_format_parse("github"), SFN_FORMAT_GITHUB);
	CHECK_INT(sfn_format_parse("json"), SFN_FORMAT_JSON);
	CHECK_INT(sfn_format_parse("xml"), -1);
}

static void text_caret(struct test_state *t)
{
	static const char src[] = "{\n\t\"k\": tru,\n}\n";
	struct sfn_source s = { "f.json", src, sizeof(src) - 1 };
	struct sfn_render_opts ro = { SFN_FORMAT_TEXT, &s, 1, "0", 0 };
	struct sfn_loc loc = { "f.json", 2, 7, 2, 10 };
	struct sfn_diags d;
	struct sfn_buf out;

	sfn_diags_init(&d);
	sfn_diag_add(&d, SFN_RULE_JSON_SYNTAX, &loc, NULL, "bad literal");
	sfn_buf_init(&out, 4096);
	CHECK(sfn_diags_render(&d, &ro, &out) == SFN_OK);
	CHECK_STR(sfn_buf_str(&out),
	          "f.json:2:7: error: bad literal [json-syntax]\n"
	          "    2 | \t\"k\": tru,\n"
	          "      | \t     ^~~\n");
	sfn_buf_free(&out);
	sfn_diags_free(&d);
}

/* The caret under wide characters (two columns), combining marks (none)
 * and escaped control characters (as wide as their escape). */
static void text_caret_wide(struct test_state *t)
{
	static const char src[] = "\"\xe6\x97\xa5\" \"e\xcc\x81\" "
	                          "\"\x1b\" \"\xf0\x9f\x98\x80\" x\n";
	static const struct {
		unsigned col, end_col;
		const char *caret;
	} cases[] = {
		{ 2, 3, "  ^~\n" },                   /* U+65E5 */
		{ 6, 8, "       ^\n" },               /* e + U+0301 */
		{ 11, 12, "           ^~~~\n" },      /* ESC as \x1b */
		{ 15, 16, "                  ^~\n" }, /* U+1F600 */
		{ 18, 19, "                      ^\n" },
	};
	struct sfn_source s = { "f", src, sizeof(src) - 1 };
	struct sfn_render_opts ro = { SFN_FORMAT_TEXT, &s, 1, "0", 0 };
	struct sfn_buf out;

	sfn_buf_init(&out, 4096);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sfn_loc loc = { "f", 1, cases[i].col, 1,
			               cases[i].end_col };
		struct sfn_diags d;
		const char *got;

		sfn_diags_init(&d);
		sfn_diag_add(&d, SFN_RULE_JSON_SYNTAX, &loc, NULL, "m\x07");
		sfn_buf_reset(&out);
		CHECK(sfn_diags_render(&d, &ro, &out) == SFN_OK);
		got = sfn_buf_str(&out);
		CHECK(strstr(got, "m\\x07 [json-syntax]") != NULL);
		CHECK(strstr(got, "    1 | \"\xe6\x97\xa5\" \"e\xcc\x81\" "
		                  "\"\\x1b\"") != NULL);
		CHECK_STR(strrchr(got, '|') + 1, cases[i].caret);
		sfn_diags_free(&d);
	}
	sfn_buf_free(&out);
}

/* A message of N bytes: N - 1 ASCII bytes, then MB (one character). */
static const char *long_message(struct sfn_diags *d, size_t n, const char *mb)
{
	char text[SFN_DIAG_MESSAGE_MAX * 2];
	size_t k = strlen(mb);

	memset(text, 'x', n - k);
	memcpy(text + n - k, mb, k + 1);
	sfn_diag_add(d, SFN_RULE_JSON_SYNTAX, NULL, NULL, "%s", text);
	return d->items[d->count - 1].message;
}

/* Messages are valid UTF-8, cut on a character boundary at the cap. */
static void message_cap(struct test_state *t)
{
	const size_t max = SFN_DIAG_MESSAGE_MAX, mark = 3;
	struct sfn_diags d;
	const char *m;

	sfn_diags_init(&d);
	m = long_message(&d, max, "y"); /* at the cap: kept whole */
	CHECK_INT(strlen(m), max);
	CHECK(m[max - 1] == 'y');
	m = long_message(&d, max + 1, "y"); /* past it: cut, marked */
	CHECK_INT(strlen(m), max);
	CHECK_STR(m + max - mark - 1, "x...");
	/* a three-byte character ending at the cap stays; one that
	 * straddles it is dropped whole */
	for (size_t end = max - 1; end <= max + 2; end++) {
		m = long_message(&d, end, "\xe6\x97\xa5");
		CHECK(sfn_utf8_valid(m, strlen(m)));
		CHECK(strlen(m) <= max);
		CHECK_STR(m + strlen(m) - 4,
		          end <= max ? "x\xe6\x97\xa5" : "x...");
	}
	/* past the cap, a four-byte character ending at the mark stays */
	m = long_message(&d, max + 1, "\xf0\x9f\x98\x80xxxx");
	CHECK_INT(strlen(m), max);
	CHECK_STR(m + max - mark - 4, "\xf0\x9f\x98\x80...");
	/* broken bytes become U+FFFD */
	sfn_diag_add(&d, SFN_RULE_JSON_SYNTAX, NULL, NULL, "a%sb", "\xff\xe6");
	CHECK_STR(d.items[d.count - 1].message, "a\xef\xbf\xbd\xef\xbf\xbd"
	                                        "b");
	CHECK(d.status == SFN_OK);
	sfn_diags_free(&d);
}

/* The pointer and the service's location travel together, and copy. */
static void where_and_copy(struct test_state *t)
{
	struct sfn_loc loc = { "a.json", 2, 3, 2, 4 }, moved = loc;
	struct sfn_diags d, e;

	sfn_diags_init(&d);
	sfn_diags_init(&e);
	sfn_diag_add(&d, SFN_RULE_JSON_SYNTAX, &loc, "/States/a~1b/Choices/0",
	             "m");
	CHECK(d.items[0].where == NULL);
	add_where(&d, &loc, "/States/a~1b/Choices/0", "/States/a/b/Choices[0]",
	          2);
	CHECK_STR(d.items[1].pointer, "/States/a~1b/Choices/0");
	CHECK_STR(d.items[1].where, "/States/a/b/Choices[0]");
	moved.line = 7;
	sfn_diag_copy(&e, &d.items[1], &moved);
	CHECK_INT(e.count, 1);
	CHECK_INT(e.items[0].loc.line, 7);
	CHECK_STR(e.items[0].where, "/States/a/b/Choices[0]");
	CHECK_STR(e.items[0].pointer, "/States/a~1b/Choices/0");
	CHECK_STR(e.items[0].message, "n 2");
	sfn_diags_free(&d);
	sfn_diags_free(&e);
}

const struct test sfn_tests_diag[] = {
	{ "registry", registry },
	{ "add_and_count", add_and_count },
	{ "disabled_rule", disabled_rule },
	{ "sort_is_stable", sort_is_stable },
	{ "formats", formats },
	{ "text_caret", text_caret },
	{ "text_caret_wide", text_caret_wide },
	{ "message_cap", message_cap },
	{ "where_and_copy", where_and_copy },
	{ NULL, NULL },
};
