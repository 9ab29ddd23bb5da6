/* Out of memory on purpose: cJSON's allocator is swapped for one that
 * fails after a given number of calls, and every such failure must come
 * back as SFN_ERR_NOMEM, never as partial output. cJSON's hooks are
 * process-global, so each test puts the ordinary ones back. */
#include "config.h"

#include <stdlib.h>

#include <cjson/cJSON.h>

#include "sfn/diag.h"
#include "sfn/util.h"
#include "test.h"

static long allocs_left; /* calls that succeed before one fails */

static void *failing_malloc(size_t n)
{
	if (allocs_left-- <= 0)
		return NULL;
	return malloc(n);
}

static void fail_after(long n)
{
	cJSON_Hooks hooks = { failing_malloc, free };

	allocs_left = n;
	cJSON_InitHooks(&hooks);
}

static void normal_hooks(void)
{
	cJSON_InitHooks(NULL);
}

/* The SARIF report is built as a cJSON tree: whichever allocation fails,
 * rendering says so and prints nothing; with enough memory it succeeds. */
static void sarif_nomem(struct test_state *t)
{
	struct sfn_render_opts ro = { SFN_FORMAT_SARIF, NULL, 0, "0" };
	struct sfn_loc loc = { "f.json", 2, 7, 2, 10 };
	struct sfn_diags d;
	enum sfn_status st = SFN_ERR_NOMEM;
	long n;

	sfn_diags_init(&d);
	sfn_diag_add(&d, SFN_RULE_JSON_SYNTAX, &loc, "/a", "bad literal");
	for (n = 0; st == SFN_ERR_NOMEM && n < 100000; n++) {
		struct sfn_buf out;

		sfn_buf_init(&out, 1 << 20);
		fail_after(n);
		st = sfn_diags_render(&d, &ro, &out);
		normal_hooks();
		if (st == SFN_ERR_NOMEM && out.len != 0)
			test_fail(t, __FILE__, __LINE__,
			          "%ld allocations: partial output", n);
		sfn_buf_free(&out);
	}
	sfn_diags_free(&d);
	CHECK_INT(st, SFN_OK);
	CHECK(n > 100); /* one per rule at least: the failures were real */
}

const struct test sfn_tests_nomem[] = {
	{ "sarif_nomem", sarif_nomem },
	{ NULL, NULL },
};
