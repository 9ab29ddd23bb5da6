/* Growable buffer: appends, the size cap at and past its edge, sticky
 * failures, taking the string. */
#include "config.h"

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

const struct test sfn_tests_buf[] = {
	{ "appends", appends },
	{ "cap_edge", cap_edge },
	{ "grows_far", grows_far },
	{ "take", take },
	{ NULL, NULL },
};
