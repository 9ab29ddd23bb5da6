/* UTF-8: decoding with the reason a sequence is broken (overlongs,
 * surrogates, past U+10FFFF, truncated), encoding at the edges, validation,
 * counting, truncation on a boundary, display width. */
#include "config.h"

#include "sfn/utf8.h"
#include "test.h"

static const struct {
	const char *in;
	size_t n;
	uint32_t cp;
	size_t used;
	enum sfn_utf8_error err;
} decodes[] = {
	{ "A", 1, 0x41, 1, SFN_UTF8_OK },
	{ "\x7f", 1, 0x7f, 1, SFN_UTF8_OK },
	{ "\xc2\x80", 2, 0x80, 2, SFN_UTF8_OK },
	{ "\xdf\xbf", 2, 0x7ff, 2, SFN_UTF8_OK },
	{ "\xe0\xa0\x80", 3, 0x800, 3, SFN_UTF8_OK },
	{ "\xed\x9f\xbf", 3, 0xd7ff, 3, SFN_UTF8_OK },
	{ "\xee\x80\x80", 3, 0xe000, 3, SFN_UTF8_OK },
	{ "\xef\xbf\xbf", 3, 0xffff, 3, SFN_UTF8_OK },
	{ "\xf0\x90\x80\x80", 4, 0x10000, 4, SFN_UTF8_OK },
	{ "\xf4\x8f\xbf\xbf", 4, 0x10ffff, 4, SFN_UTF8_OK },
	/* past U+10FFFF: U+110000 and leads that can only go further */
	{ "\xf4\x90\x80\x80", 4, 0xfffd, 1, SFN_UTF8_TOO_BIG },
	{ "\xf5\x80\x80\x80", 4, 0xfffd, 1, SFN_UTF8_TOO_BIG },
	/* surrogates U+D800 and U+DFFF */
	{ "\xed\xa0\x80", 3, 0xfffd, 1, SFN_UTF8_SURROGATE },
	{ "\xed\xbf\xbf", 3, 0xfffd, 1, SFN_UTF8_SURROGATE },
	/* overlong forms of '/', U+07FF and U+FFFF */
	{ "\xc0\xaf", 2, 0xfffd, 1, SFN_UTF8_OVERLONG },
	{ "\xc1\xbf", 2, 0xfffd, 1, SFN_UTF8_OVERLONG },
	{ "\xe0\x9f\xbf", 3, 0xfffd, 1, SFN_UTF8_OVERLONG },
	{ "\xf0\x8f\xbf\xbf", 4, 0xfffd, 1, SFN_UTF8_OVERLONG },
	/* truncated: the maximal valid prefix is used */
	{ "\xe2\x82", 2, 0xfffd, 2, SFN_UTF8_TRUNCATED },
	{ "\xe2\x82x", 3, 0xfffd, 2, SFN_UTF8_TRUNCATED },
	{ "\xf0\x9f\x98", 3, 0xfffd, 3, SFN_UTF8_TRUNCATED },
	{ "\xc3", 1, 0xfffd, 1, SFN_UTF8_TRUNCATED },
	{ "\xc3"
	  "A",
	  2, 0xfffd, 1, SFN_UTF8_TRUNCATED },
	/* bytes that cannot lead */
	{ "\x80", 1, 0xfffd, 1, SFN_UTF8_BAD_LEAD },
	{ "\xbf\xbf", 2, 0xfffd, 1, SFN_UTF8_BAD_LEAD },
	{ "\xf8\x88\x80\x80", 4, 0xfffd, 1, SFN_UTF8_BAD_LEAD },
	{ "\xff", 1, 0xfffd, 1, SFN_UTF8_BAD_LEAD },
};

static void decode(struct test_state *t)
{
	for (size_t i = 0; i < sizeof(decodes) / sizeof(decodes[0]); i++) {
		enum sfn_utf8_error err = (enum sfn_utf8_error) - 1;
		uint32_t cp = 0;
		size_t used =
		        sfn_utf8_decode(decodes[i].in, decodes[i].n, &cp, &err);

		CHECK_INT(i * 1000 + used, i * 1000 + decodes[i].used);
		CHECK_INT(cp, decodes[i].cp);
		CHECK_INT(i * 1000 + err, i * 1000 + decodes[i].err);
	}
}

static void encode(struct test_state *t)
{
	static const struct {
		uint32_t cp;
		const char *want; /* NULL: cannot be encoded */
	} cases[] = {
		{ 0, "" },
		{ 0x7f, "\x7f" },
		{ 0x80, "\xc2\x80" },
		{ 0x7ff, "\xdf\xbf" },
		{ 0x800, "\xe0\xa0\x80" },
		{ 0xd7ff, "\xed\x9f\xbf" },
		{ 0xd800, NULL },
		{ 0xdfff, NULL },
		{ 0xffff, "\xef\xbf\xbf" },
		{ 0x10000, "\xf0\x90\x80\x80" },
		{ 0x10ffff, "\xf4\x8f\xbf\xbf" },
		{ 0x110000, NULL },
		{ 0xffffffff, NULL },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char seq[SFN_UTF8_SEQ_MAX];
		size_t n = sfn_utf8_encode(cases[i].cp, seq);
		uint32_t back;

		if (cases[i].want == NULL) {
			CHECK_INT(n, 0);
			continue;
		}
		CHECK_INT(n, cases[i].cp == 0 ? 1 : strlen(cases[i].want));
		CHECK(memcmp(seq, cases[i].want, n) == 0);
		CHECK_INT(sfn_utf8_decode(seq, n, &back, NULL), n);
		CHECK_INT(back, cases[i].cp);
	}
}

static void put(struct test_state *t)
{
	struct sfn_buf b;

	sfn_buf_init(&b, 100);
	CHECK(sfn_utf8_put(&b, 0xe9) == SFN_OK);
	CHECK(sfn_utf8_put(&b, 0xd800) == SFN_OK);   /* becomes U+FFFD */
	CHECK(sfn_utf8_put(&b, 0x110000) == SFN_OK); /* becomes U+FFFD */
	CHECK_STR(sfn_buf_str(&b), "\xc3\xa9\xef\xbf\xbd\xef\xbf\xbd");
	sfn_buf_reset(&b);
	CHECK(sfn_utf8_put_clean(&b,
	                         "a\xff"
	                         "b\xe2\x82"
	                         "c\xed\xa0\x80",
	                         10) == SFN_OK);
	CHECK_STR(sfn_buf_str(&b), "a\xef\xbf\xbd"
	                           "b\xef\xbf\xbd"
	                           "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	CHECK(sfn_utf8_valid(b.data, b.len));
	sfn_buf_free(&b);
}

static void validate(struct test_state *t)
{
	CHECK(sfn_utf8_valid("", 0));
	CHECK(sfn_utf8_valid("plain \xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80",
	                     17));
	CHECK(sfn_utf8_valid("\xf4\x8f\xbf\xbf", 4));
	CHECK(!sfn_utf8_valid("\xf4\x90\x80\x80", 4));
	CHECK(!sfn_utf8_valid("\xed\xa0\x80", 3));
	CHECK(!sfn_utf8_valid("\xc0\x80", 2));
	CHECK(!sfn_utf8_valid("ab\xe6\x97", 4));
	CHECK_INT(sfn_utf8_valid_prefix("ab\xe6\x97", 4), 2);
	CHECK_INT(sfn_utf8_valid_prefix("\xc3\xa9\x80", 3), 2);
}

/* Counted eight bytes at a time: every start and length over text
 * mixing one- to four-byte characters (and a stray continuation byte)
 * gives what a byte by byte count gives. */
static void count_words(struct test_state *t)
{
	static const char text[] = "a\xc3\xa9"
	                           "b\xe6\x97\xa5\xf0\x9f\x98\x80"
	                           "cd\x80\xbf\xc3\xa9"
	                           "efgh\xe6\x97\xa5ij";
	size_t len = sizeof(text) - 1, bad = 0;

	for (size_t at = 0; at < len; at++)
		for (size_t n = 0; at + n <= len; n++) {
			size_t want = 0;

			for (size_t i = at; i < at + n; i++)
				want += ((unsigned char) text[i] & 0xc0) !=
				        0x80;
			bad += sfn_utf8_count(text + at, n) != want;
		}
	CHECK_INT(bad, 0);
	CHECK_INT(sfn_utf8_count(text, len), 15);
}

static void count(struct test_state *t)
{
	CHECK_INT(sfn_utf8_count("", 0), 0);
	CHECK_INT(sfn_utf8_count("abc", 3), 3);
	CHECK_INT(sfn_utf8_count("\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80", 9), 3);
	CHECK_INT(sfn_utf8_count("\xf4\x8f\xbf\xbf", 4), 1);
	CHECK_INT(sfn_utf8_count("\xff\xfe", 2), 2); /* stray bytes count */
	count_words(t);
	CHECK_INT(sfn_utf8_skip("a\xc3\xa9\xe6\x97\xa5z", 7, 0), 0);
	CHECK_INT(sfn_utf8_skip("a\xc3\xa9\xe6\x97\xa5z", 7, 1), 1);
	CHECK_INT(sfn_utf8_skip("a\xc3\xa9\xe6\x97\xa5z", 7, 2), 3);
	CHECK_INT(sfn_utf8_skip("a\xc3\xa9\xe6\x97\xa5z", 7, 3), 6);
	CHECK_INT(sfn_utf8_skip("a\xc3\xa9\xe6\x97\xa5z", 7, 4), 7);
	CHECK_INT(sfn_utf8_skip("a\xc3\xa9\xe6\x97\xa5z", 7, 99), 7);
	/* UTF-16 units: one below U+10000, two (a pair) from there */
	CHECK_INT(sfn_utf8_utf16_len("", 0), 0);
	CHECK_INT(sfn_utf8_utf16_len("a\xc3\xa9\xe6\x97\xa5", 6), 3);
	CHECK_INT(sfn_utf8_utf16_len("\xef\xbf\xbf\xf0\x90\x80\x80", 7), 3);
	CHECK_INT(sfn_utf8_utf16_len("\xf4\x8f\xbf\xbfz", 5), 3);
}

static void truncate(struct test_state *t)
{
	const char *s = "ab\xe6\x97\xa5z"; /* a b U+65E5 z */

	CHECK_INT(sfn_utf8_truncate(s, 6, 10), 6);
	CHECK_INT(sfn_utf8_truncate(s, 6, 6), 6);
	CHECK_INT(sfn_utf8_truncate(s, 6, 5), 5);
	CHECK_INT(sfn_utf8_truncate(s, 6, 4), 2); /* would cut U+65E5 */
	CHECK_INT(sfn_utf8_truncate(s, 6, 3), 2);
	CHECK_INT(sfn_utf8_truncate(s, 6, 2), 2);
	CHECK_INT(sfn_utf8_truncate(s, 6, 0), 0);
	CHECK_INT(sfn_utf8_truncate("\xf0\x9f\x98\x80", 4, 3), 0);
	CHECK_INT(sfn_utf8_fit(s, 4), 2);
	CHECK_INT(sfn_utf8_fit(s, 5), 5);
	CHECK_INT(sfn_utf8_fit(s, 100), 6);
	CHECK_INT(sfn_utf8_fit("", 3), 0);
	/* stray continuation bytes: any cut keeps valid text valid */
	CHECK_INT(sfn_utf8_truncate("\x80\x80\x80\x80\x80", 5, 4), 4);
}

static void width(struct test_state *t)
{
	CHECK_INT(sfn_utf8_width('a'), 1);
	CHECK_INT(sfn_utf8_width(0xe9), 1);    /* e acute */
	CHECK_INT(sfn_utf8_width(0x301), 0);   /* combining acute */
	CHECK_INT(sfn_utf8_width(0x20e3), 0);  /* enclosing keycap (Me) */
	CHECK_INT(sfn_utf8_width(0x200d), 0);  /* zero width joiner */
	CHECK_INT(sfn_utf8_width(0x10ff), 1);  /* before Hangul Jamo */
	CHECK_INT(sfn_utf8_width(0x1100), 2);  /* Hangul Jamo, first */
	CHECK_INT(sfn_utf8_width(0x65e5), 2);  /* CJK ideograph */
	CHECK_INT(sfn_utf8_width(0xac00), 2);  /* Hangul syllable */
	CHECK_INT(sfn_utf8_width(0xff01), 2);  /* fullwidth '!' */
	CHECK_INT(sfn_utf8_width(0xff61), 1);  /* halfwidth katakana dot */
	CHECK_INT(sfn_utf8_width(0x1f600), 2); /* emoji */
	CHECK_INT(sfn_utf8_width(0x2603), 1);  /* snowman, text style */
	CHECK_INT(sfn_utf8_width(0x20000), 2); /* CJK extension B */
	CHECK_INT(sfn_utf8_width(0x3fffd), 2); /* last of plane 3 */
	CHECK_INT(sfn_utf8_width(0x40000), 1);
	CHECK_INT(sfn_utf8_width(0xe0100), 0); /* variation selector 17 */
	CHECK_INT(sfn_utf8_width(0x10ffff), 1);
}

/* What reaches a terminal: escapes for C0, DEL, C1 and broken bytes,
 * everything else as it is, with its width. */
static void show(struct test_state *t)
{
	static const struct {
		const char *in;
		size_t n;
		const char *text;
		size_t used;
		unsigned width;
	} cases[] = {
		{ "a", 1, "a", 1, 1 },
		{ "\x1b[2J", 4, "\\x1b", 1, 4 },
		{ "\x7f", 1, "\\x7f", 1, 4 },
		{ "\t", 1, "\\x09", 1, 4 },
		{ "\xc2\x9b", 2, "\\u009b", 2, 6 },  /* C1 CSI */
		{ "\xc2\xa0", 2, "\xc2\xa0", 2, 1 }, /* no-break space */
		{ "\xff", 1, "\\xff", 1, 4 },
		{ "\xe6\x97", 2, "\\xe6", 1, 4 }, /* each stray byte alone */
		{ "\xe6\x97\xa5", 3, "\xe6\x97\xa5", 3, 2 },
		{ "\xcc\x81", 2, "\xcc\x81", 2, 0 },
	};
	struct sfn_buf b;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sfn_utf8_shown c;

		sfn_utf8_show(cases[i].in, cases[i].n, &c);
		CHECK_STR(c.text, cases[i].text);
		CHECK_INT(c.len, strlen(cases[i].text));
		CHECK_INT(i * 100 + c.used, i * 100 + cases[i].used);
		CHECK_INT(i * 100 + c.width, i * 100 + cases[i].width);
	}
	sfn_buf_init(&b, 100);
	CHECK(sfn_utf8_put_shown(&b, "x\x1b\xe6\x97y", 5) == SFN_OK);
	CHECK_STR(sfn_buf_str(&b), "x\\x1b\\xe6\\x97y");
	sfn_buf_free(&b);
}

const struct test sfn_tests_utf8[] = {
	{ "decode", decode }, { "encode", encode },
	{ "put", put },       { "validate", validate },
	{ "count", count },   { "truncate", truncate },
	{ "width", width },   { "show", show },
	{ NULL, NULL },
};
