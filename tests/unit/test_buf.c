/* Growable buffer: appends, the size cap at and past its edge, sticky
 * failures, taking the string. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>

#include "sfn/util.h"
#include "test.h"

static void appends(struct test_state *t)
{
	struct sfn_buf b;

	sfn_buf_init(&b, 1000);
	CHECK_STR(sfn_buf_str(&b), "");
	CHECK(sfn_buf_adds(&b, "abc") == SFN_OK);
	CHECK(sfn_buf_addc(&b, '-') == SFN_OK);
	CHECK(sfn_buf_printf(&b, "%d/%s", 42, "x") == SFN_OK);
	CHECK(sfn_buf_add(&b, "\0z", 2) == SFN_OK);
	CHECK_INT(b.len, 10);
	CHECK_STR(sfn_buf_str(&b), "abc-42/x");
	CHECK(b.data[9] == 'z' && b.data[10] == '\0');
	sfn_buf_free(&b);
}

static void cap_edge(struct test_state *t)
{
	struct sfn_buf b;

	sfn_buf_init(&b, 8);
	CHECK(sfn_buf_adds(&b, "12345678") == SFN_OK);
	CHECK_INT(b.len, 8);
	CHECK(sfn_buf_addc(&b, '9') == SFN_ERR_LIMIT);
	CHECK(b.status == SFN_ERR_LIMIT);
	CHECK(sfn_buf_adds(&b, "") == SFN_ERR_LIMIT); /* sticky */
	CHECK(sfn_buf_take(&b) == NULL);
	sfn_buf_reset(&b);
	CHECK(sfn_buf_printf(&b, "%s", "123456789") == SFN_ERR_LIMIT);
	sfn_buf_free(&b);
}

/* Printed straight into the room there: up to the cap exactly, then
 * nothing past it; text longer than the room still goes in whole. */
static void printf_in_room(struct test_state *t)
{
	struct sfn_buf b;

	sfn_buf_init(&b, 8);
	CHECK(sfn_buf_reserve(&b, 8) == SFN_OK);
	CHECK(sfn_buf_printf(&b, "%s", "1234") == SFN_OK);
	CHECK(sfn_buf_printf(&b, "%d", 5678) == SFN_OK);
	CHECK_STR(sfn_buf_str(&b), "12345678");
	CHECK(sfn_buf_printf(&b, "%s", "9") == SFN_ERR_LIMIT);
	sfn_buf_free(&b);
	sfn_buf_init(&b, 100);
	CHECK(sfn_buf_reserve(&b, 2) == SFN_OK);
	CHECK(sfn_buf_printf(&b, "%s-%d", "abcdefghij", 42) == SFN_OK);
	CHECK(sfn_buf_printf(&b, "%c", '!') == SFN_OK);
	CHECK_STR(sfn_buf_str(&b), "abcdefghij-42!");
	CHECK_INT(b.len, 14);
	sfn_buf_free(&b);
}

static void grows_far(struct test_state *t)
{
	struct sfn_buf b;

	sfn_buf_init(&b, 1 << 20);
	for (int i = 0; i < 10000; i++)
		sfn_buf_printf(&b, "%04d", i % 10000);
	CHECK(b.status == SFN_OK);
	CHECK_INT(b.len, 40000);
	CHECK(memcmp(b.data + 39996, "9999", 4) == 0);
	sfn_buf_free(&b);
}

static void take(struct test_state *t)
{
	struct sfn_buf b;
	char *s;

	sfn_buf_init(&b, 100);
	s = sfn_buf_take(&b);
	CHECK_STR(s, "");
	free(s);
	sfn_buf_adds(&b, "hello");
	s = sfn_buf_take(&b);
	CHECK_STR(s, "hello");
	CHECK(b.data == NULL && b.len == 0);
	free(s);
	sfn_buf_free(&b);
}

static enum sfn_status cut_printf(struct sfn_buf *b, size_t limit, int *cut,
                                  const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static enum sfn_status cut_printf(struct sfn_buf *b, size_t limit, int *cut,
                                  const char *fmt, ...)
{
	enum sfn_status status;
	va_list ap;

	va_start(ap, fmt);
	status = sfn_buf_vprintf_cut(b, limit, cut, fmt, ap);
	va_end(ap);
	return status;
}

/* Cut on a character boundary at and past the limit, "\xe6\x97\xa5" being
 * one three-byte character. */
static void printf_cut(struct test_state *t)
{
	struct sfn_buf b;
	int cut = -1;

	sfn_buf_init(&b, 100);
	CHECK(cut_printf(&b, 5, &cut, "%s", "abcde") == SFN_OK);
	CHECK_STR(sfn_buf_str(&b), "abcde");
	CHECK_INT(cut, 0);
	sfn_buf_reset(&b);
	CHECK(cut_printf(&b, 5, &cut, "%s", "abcdef") == SFN_OK);
	CHECK_STR(sfn_buf_str(&b), "abcde");
	CHECK_INT(cut, 1);
	for (size_t limit = 2; limit <= 4; limit++) {
		sfn_buf_reset(&b);
		CHECK(cut_printf(&b, limit, &cut, "ab%s", "\xe6\x97\xa5z") ==
		      SFN_OK);
		CHECK_STR(sfn_buf_str(&b), "ab");
		CHECK_INT(cut, 1);
	}
	sfn_buf_reset(&b);
	CHECK(cut_printf(&b, 5, &cut, "ab%s", "\xe6\x97\xa5z") == SFN_OK);
	CHECK_STR(sfn_buf_str(&b), "ab\xe6\x97\xa5");
	CHECK(cut_printf(&b, 0, &cut, "%s", "more") == SFN_OK); /* appends */
	CHECK_STR(sfn_buf_str(&b), "ab\xe6\x97\xa5");
	sfn_buf_cut(&b, 2);
	CHECK_STR(sfn_buf_str(&b), "ab");
	sfn_buf_free(&b);
	sfn_buf_init(&b, 4); /* the buffer's own cap still fails */
	CHECK(cut_printf(&b, 10, NULL, "%s", "123456") == SFN_ERR_LIMIT);
	sfn_buf_free(&b);
}

const struct test sfn_tests_buf[] = {
	{ "appends", appends },
	{ "cap_edge", cap_edge },
	{ "grows_far", grows_far },
	{ "take", take },
	{ "printf_in_room", printf_in_room },
	{ "printf_cut", printf_cut },
	{ NULL, NULL },
};
