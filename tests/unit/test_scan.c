/* The streaming scanner's fast paths at their edges: runs of plain string
 * bytes found sixteen (SSE2) or eight (plain C) at a time, strings and
 * simple values taken inline, separators tested before white space. Each
 * text is copied into a buffer of its exact length, so that a read past
 * its end shows under valgrind and AddressSanitizer. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json/scan.h"
#include "util/ascii_scan.h"
#include "test.h"

/* TEXT[0, LEN) in a buffer of exactly LEN bytes (one, unread, when
 * empty). Not inlined: GCC 12 with the sanitizers, seeing the malloc, takes the
 * scanners' END (a bound, never read) for a read of uninitialized
 * memory one past the copy (-Wmaybe-uninitialized). */
__attribute__((noinline)) static unsigned char *exact(const char *text,
                                                      size_t len)
{
	unsigned char *b = malloc(len ? len : 1);

	if (b != NULL)
		memcpy(b, text, len);
	return b;
}

/* Bytes that end a run, and two that do not (0x20 and 0x7f). */
static const unsigned char enders[] = { 0x00, 0x01, 0x1f, '"',
	                                '\\', 0x80, 0xc3, 0xff };

/* Each scanner of runs: the one the build picked, plain C, SSE2. */
static size_t run_with(int which, const unsigned char *p,
                       const unsigned char *end)
{
	switch (which) {
	case 0:
		return Sfn_ascii_plain_run(p, end);
	case 1:
		return Sfn_ascii_plain_run_c(p, end);
	default:
#if SFN_ASCII_SSE2
		return Sfn_ascii_plain_run_sse2(p, end);
#else
		return Sfn_ascii_plain_run_c(p, end);
#endif
	}
}

/* Every length to 48 (three blocks) and every place of each ender in
 * it, including the last byte of a block and the first of the next. */
static void plain_run_edges(struct test_state *t)
{
	for (size_t n = 0; n <= 48; n++) {
		char text[48];

		memset(text, 'a', sizeof(text));
		if (n > 3) {
			text[1] = ' ';
			text[2] = 0x7f;
		}
		for (int w = 0; w < 3; w++) {
			unsigned char *b = exact(text, n);

			CHECK(b != NULL);
			CHECK_INT(run_with(w, b, b + n),
			          n); /* ends with the text */
			for (size_t k = 0; k < n; k++) {
				for (size_t e = 0; e < sizeof(enders); e++) {
					b[k] = enders[e];
					if (run_with(w, b, b + n) != k)
						test_fail(t, __FILE__, __LINE__,
						          "scanner %d, length "
						          "%zu: "
						          "byte %#x at %zu",
						          w, n, enders[e], k);
					b[k] = (unsigned char) text[k];
				}
			}
			free(b);
		}
	}
}

/* Validates the value TEXT[0, LEN) with Sfn_scan_skip; 1 when valid and
 * wholly read. */
static int skips(const char *text, size_t len)
{
	unsigned char *b = exact(text, len);
	struct sfn_scan sc = { b, b + len, 0 };
	int ok = Sfn_scan_skip(&sc, 0) && !sc.error && sc.p == b + len;

	free(b);
	return ok;
}

/* The same through the member walk of a container: [TEXT] */
static int skips_inside(const char *text, size_t len)
{
	char *wrapped = malloc(len + 2);
	int ok;

	if (wrapped == NULL)
		return -1;
	wrapped[0] = '[';
	memcpy(wrapped + 1, text, len);
	wrapped[len + 1] = ']';
	ok = skips(wrapped, len + 2);
	free(wrapped);
	return ok;
}

/* A string of N bytes around an insert at K: an escape, a two-byte
 * character, a bad byte, a control byte; and the text cut inside its
 * block. Both the value walk and the container walk must agree with the
 * rules, and the decoded key must be exact. */
static void string_edges(struct test_state *t)
{
	static const struct {
		const char *insert, *decoded; /* NULL: invalid */
	} kinds[] = { { "", "" },
		      { "\\n", "\n" },
		      { "\\u00e9", "\xc3\xa9" },
		      { "\xc3\xa9", "\xc3\xa9" },
		      { "\\\"", "\"" },
		      { "\xff", NULL },
		      { "\x1f", NULL },
		      { "\\x", NULL },
		      { "\xc3", NULL } };

	for (size_t n = 0; n <= 40; n++) {
		for (size_t k = 0; k <= n; k++) {
			for (size_t i = 0; i < sizeof(kinds) / sizeof(*kinds);
			     i++) {
				char text[128], want[128];
				size_t len;
				int valid = kinds[i].decoded != NULL;

				len = (size_t) snprintf(
				        text, sizeof(text), "\"%.*s%s%.*s\"",
				        (int) k,
				        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
				        "aa",
				        kinds[i].insert, (int) (n - k),
				        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
				        "bb");
				if (skips(text, len) != valid ||
				    skips_inside(text, len) != valid)
					test_fail(t, __FILE__, __LINE__,
					          "%s: valid is %d", text,
					          !valid);
				/* cut before the closing quote: never valid */
				CHECK(!skips(text, len - 1));
				if (!valid)
					continue;
				snprintf(want, sizeof(want), "%.*s%s%.*s",
				         (int) k,
				         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
				         "aaa",
				         kinds[i].decoded, (int) (n - k),
				         "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
				         "bbb");
				{
					unsigned char *b = exact(text, len);
					struct sfn_scan sc = { b, b + len, 0 };
					struct sfn_buf key;

					sfn_buf_init(&key, 1024);
					CHECK(Sfn_scan_string(&sc, &key));
					CHECK_STR(sfn_buf_str(&key), want);
					sfn_buf_free(&key);
					free(b);
				}
			}
		}
	}
}

/* Numbers the inline path takes, and those it hands on: the verdict and
 * the end must be those of the full rules. */
static void number_edges(struct test_state *t)
{
	static const struct {
		const char *text;
		int valid;
	} cases[] = {
		{ "7", 1 },
		{ "123", 1 },
		{ "1.5", 1 },
		{ "0", 1 },
		{ "0.25", 1 },
		{ "-3", 1 },
		{ "1e5", 1 },
		{ "1.5E-3", 1 },
		{ "01", 0 },
		{ "1.", 0 },
		{ ".5", 0 },
		{ "1a", 0 },
		{ "1.5x", 0 },
		{ "1-", 0 },
		{ "--1", 0 },
		{ "-", 0 },
		{ "1e", 0 },
		{ "1_", 0 },
		{ "2.e1", 0 },
		{ "1+", 0 },
		{ "true", 1 },
		{ "null", 1 },
		{ "false", 1 },
		{ "True", 0 },
		{ "nul", 0 },
		{ "truex", 0 },
		{ "[]", 1 },
		{ "{}", 1 },
		{ "[ ]", 1 },
		{ "[1,]", 0 },
		{ "[1 2]", 0 },
		{ "{\"a\" 1}", 0 },
		{ "{\"a\":1,}", 0 },
		{ " [ 1 , \"x\" ] ", 0 }, /* outer blanks */
		{ "[ 1 , \"x\" , { \"k\" : [ ] } ]", 1 },
		{ "{\n\t\"a\"\r\n:\t1\n,\"b\":\"c\"}", 1 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		size_t len = strlen(cases[i].text);

		if (skips(cases[i].text, len) != cases[i].valid)
			test_fail(t, __FILE__, __LINE__, "%s: valid is %d",
			          cases[i].text, !cases[i].valid);
		/* in an array the value ends at ']', which tests what may
		 * follow a number */
		if (cases[i].text[0] != ' ' &&
		    skips_inside(cases[i].text, len) != cases[i].valid)
			test_fail(t, __FILE__, __LINE__, "[%s]: valid is %d",
			          cases[i].text, !cases[i].valid);
	}
}

/* The inline path takes numbers up to SFN_SCAN_SIMPLE_DIGITS bytes; the
 * full rules then apply, up to a double's range. */
static void number_lengths(struct test_state *t)
{
	char text[400];
	unsigned char *b;
	size_t n = SFN_SCAN_SIMPLE_DIGITS;

	memset(text, '9', sizeof(text));
	b = exact(text, n);
	CHECK(b != NULL);
	CHECK(Sfn_scan_simple(b, b + n) == b + n);
	free(b);
	b = exact(text, n + 1);
	CHECK(b != NULL);
	CHECK(Sfn_scan_simple(b, b + n + 1) == NULL);
	free(b);
	CHECK(skips(text, n + 1));
	CHECK(skips(text, 300));
	CHECK(!skips(text, 310)); /* past a double's range */
	CHECK(!skips_inside(text, 310));
	text[1] = '.';
	CHECK(skips(text, 310)); /* 9.99...: in range */
}

/* A number that ends the text is read within it: written again and
 * built as a value without a NUL after it. */
static void number_at_end(struct test_state *t)
{
	/* as `sfnc jsonpath '$'` writes each (1e400 is refused before) */
	static const char *const texts[] = { "1.50", "-0.0e0", "1e300",
		                             "123456789012345678901" };
	static const char *const want[] = { "1.5", "0", "1e+300",
		                            "1.2345678901234568e+20" };

	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		size_t len = strlen(texts[i]);
		unsigned char *b = exact(texts[i], len);
		struct sfn_scan sc = { b, b + len, 0 };
		struct sfn_buf tmp, out;
		struct sfn_arena arena;
		const cJSON *v;
		double d;

		CHECK(b != NULL);
		sfn_buf_init(&tmp, 1024);
		sfn_buf_init(&out, 1024);
		Sfn_scan_transcode(&sc, 0, 0, &tmp, &out);
		CHECK(sc.p == b + len);
		if (strcmp(sfn_buf_str(&out), want[i]) != 0)
			test_fail(t, __FILE__, __LINE__, "%s written as %s",
			          texts[i], sfn_buf_str(&out));
		sfn_arena_init(&arena);
		sc.p = b;
		v = Sfn_scan_build(&sc, &arena, &tmp);
		d = strtod(texts[i], NULL);
		CHECK(v != NULL && cJSON_IsNumber(v) && v->valuedouble == d);
		CHECK(sc.p == b + len);
		sfn_arena_free(&arena);
		sfn_buf_free(&tmp);
		sfn_buf_free(&out);
		free(b);
	}
}

/* Runs of bytes that are no quote or bracket: each of the five, and
 * their neighbours that are not ('Z', 'z', '\\', '|'), at every place of
 * every length to 48, the text's end inside a block included. */
static void unstructured_run_edges(struct test_state *t)
{
	static const unsigned char stops[] = { '"', '[', ']', '{', '}' };
	static const unsigned char passes[] = { 'Z', 'z', '\\', '|', 0x80 };

	for (size_t n = 0; n <= 48; n++) {
		unsigned char *b = malloc(n ? n : 1);

		CHECK(b != NULL);
		for (size_t i = 0; i < n; i++)
			b[i] = passes[i % sizeof(passes)];
		CHECK_INT(Sfn_ascii_unstructured_run(b, b + n), n);
		for (size_t k = 0; k < n; k++) {
			unsigned char was = b[k];

			for (size_t e = 0; e < sizeof(stops); e++) {
				b[k] = stops[e];
				if (Sfn_ascii_unstructured_run(b, b + n) != k)
					test_fail(t, __FILE__, __LINE__,
					          "length %zu: '%c' at %zu", n,
					          stops[e], k);
			}
			b[k] = was;
		}
		free(b);
	}
}

/* Validated text is followed to the end of each value, whatever lies
 * between its brackets. */
static void skip_valid_ends(struct test_state *t)
{
	static const char *const texts[] = {
		"[]",
		"{}",
		"[1, 2.5e3, true, null]",
		"{\"a\": [\"]\", \"\\\"}\", {\"b\": {}}], \"c\": -0}",
		"[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]",
		"{\"long\": \"                                         \", "
		"\"x\": [                                      ]}",
	};

	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		size_t len = strlen(texts[i]);
		unsigned char *b = exact(texts[i], len);
		struct sfn_scan sc = { b, b + len, 0 };

		CHECK(b != NULL);
		CHECK(skips(texts[i], len));
		Sfn_scan_skip_valid(&sc);
		if (sc.p != b + len)
			test_fail(t, __FILE__, __LINE__, "%s: stopped at %zu",
			          texts[i], (size_t) (sc.p - b));
		free(b);
	}
}

/* Numbers of up to 15 digits without exponent are read without strtod:
 * the very same doubles, -0 included. */
static void decimal_values(struct test_state *t)
{
	uint64_t x = 0x9e3779b97f4a7c15u;

	for (int i = 0; i < 20000; i++) {
		char text[40];
		int digits, point, len;
		double want, got;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		digits = 1 + (int) (x % 17); /* 16 and 17: strtod's */
		point = (int) ((x >> 8) % (uint64_t) (digits + 1));
		len = 0;
		if (x & (1u << 20))
			text[len++] = '-';
		for (int d = 0; d < digits; d++) {
			if (d == point && d > 0)
				text[len++] = '.';
			text[len++] = (char) ('0' + (x >> (24 + d % 32)) % 10);
		}
		text[len] = '\0';
		want = strtod(text, NULL);
		got = Sfn_scan_strtod((const unsigned char *) text,
		                      (const unsigned char *) text + len,
		                      (const unsigned char *) text + len);
		if (memcmp(&want, &got, sizeof(want)) != 0)
			test_fail(t, __FILE__, __LINE__,
			          "%s: %.17g, want %.17g", text, got, want);
	}
}

/* What a filter reads of an object: the first member of each listed
 * name, found whether its name is written plainly or with escapes. */
static void build_some_names(struct test_state *t)
{
	static const struct {
		const char *text;
		double price;
	} cases[] = {
		{ "{\"a\":1,\"pr\\u0069ce\":5,\"price\":7,\"b\":[1]}", 5 },
		{ "{\"a\":\"x\",\"price\":7,\"pr\\u0069ce\":5}", 7 },
		{ "{\"pric\":1,\"prices\":2,\"price\":3.25}", 3.25 },
	};
	static const char *const names[] = { "price" };

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		size_t len = strlen(cases[i].text);
		unsigned char *b = exact(cases[i].text, len);
		struct sfn_scan sc = { b, b + len, 0 };
		struct sfn_arena arena;
		struct sfn_buf tmp;
		const cJSON *v;

		CHECK(b != NULL);
		sfn_arena_init(&arena);
		sfn_buf_init(&tmp, 1024);
		v = Sfn_scan_build_some(&sc, &arena, &tmp, names, 1);
		CHECK(v != NULL && cJSON_GetArraySize(v) == 1);
		CHECK_STR(v->child->string, "price");
		if (v->child->valuedouble != cases[i].price)
			test_fail(t, __FILE__, __LINE__, "%s: price %g",
			          cases[i].text, v->child->valuedouble);
		CHECK(sc.p == b + len);
		sfn_buf_free(&tmp);
		sfn_arena_free(&arena);
		free(b);
	}
}

const struct test sfn_tests_scan[] = {
	{ "build_some_names", build_some_names },
	{ "unstructured_run_edges", unstructured_run_edges },
	{ "skip_valid_ends", skip_valid_ends },
	{ "decimal_values", decimal_values },
	{ "number_at_end", number_at_end },
	{ "plain_run_edges", plain_run_edges },
	{ "string_edges", string_edges },
	{ "number_edges", number_edges },
	{ "number_lengths", number_lengths },
	{ NULL, NULL },
};
