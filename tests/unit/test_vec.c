/* Growable arrays: doubling, pushes keep what was there (also across the
 * move into huge pages), the item cap at
 * and past its edge, overflow of the byte size, nothing changed on
 * failure. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "sfn/util.h"
#include "test.h"

static void push_many(struct test_state *t)
{
	int *items = NULL;
	size_t count = 0, cap = 0;

	for (int i = 0; i < 1000; i++)
		CHECK(sfn_vec_push(&items, &count, &cap, &i, sizeof(i), 5000) ==
		      SFN_OK);
	CHECK_INT(count, 1000);
	CHECK(cap >= 1000 && cap <= 2000);
	for (int i = 0; i < 1000; i++)
		CHECK_INT(items[i], i);
	free(items);
}

static void doubling(struct test_state *t)
{
	char *items = NULL;
	size_t cap = 0;

	CHECK(sfn_vec_reserve(&items, &cap, 1, 1, 100) == SFN_OK);
	CHECK_INT(cap, SFN_VEC_FIRST);
	CHECK(sfn_vec_reserve(&items, &cap, SFN_VEC_FIRST + 1, 1, 100) ==
	      SFN_OK);
	CHECK_INT(cap, 2 * SFN_VEC_FIRST);
	CHECK(sfn_vec_reserve(&items, &cap, 5, 1, 100) == SFN_OK); /* no-op */
	CHECK_INT(cap, 2 * SFN_VEC_FIRST);
	CHECK(sfn_vec_reserve(&items, &cap, 70, 1, 100) == SFN_OK);
	CHECK_INT(cap, 100); /* doubling stops at the cap */
	free(items);
}

/* Past SFN_HUGE_WORTH bytes an array moves into whole huge pages: what
 * was there is kept across the move, and the capacity is all their
 * room. */
static void huge_move(struct test_state *t)
{
	uint32_t *items = NULL;
	size_t count = 0, cap = 0;
	const size_t n = 3 * SFN_HUGE_WORTH / sizeof(uint32_t);
	size_t bad = 0;

	for (uint32_t i = 0; i < n; i++)
		CHECK(sfn_vec_push(&items, &count, &cap, &i, sizeof(i),
		                   SFN_VEC_UNCAPPED) == SFN_OK);
	for (uint32_t i = 0; i < n; i++)
		bad += items[i] != i;
	CHECK_INT(bad, 0);
	/* doubling's next size, in whole huge pages: all their room */
	CHECK_INT(cap, ((size_t) 2 << 20) / sizeof(uint32_t));
	CHECK((uintptr_t) items % ((size_t) 2 << 20) == 0);
	free(items);
}

static void cap_edge(struct test_state *t)
{
	long *items = NULL;
	size_t count = 0, cap = 0;
	long v = 7;

	for (int i = 0; i < 10; i++)
		CHECK(sfn_vec_push(&items, &count, &cap, &v, sizeof(v), 10) ==
		      SFN_OK);
	CHECK_INT(cap, 10);
	CHECK(sfn_vec_push(&items, &count, &cap, &v, sizeof(v), 10) ==
	      SFN_ERR_LIMIT);
	CHECK_INT(count, 10); /* unchanged */
	CHECK_INT(cap, 10);
	CHECK_INT(items[9], 7);
	free(items);
}

static void overflow(struct test_state *t)
{
	double *items = NULL;
	size_t cap = 0;

	/* more bytes than size_t holds: refused before any allocation */
	CHECK(sfn_vec_reserve(&items, &cap, SIZE_MAX / 4, sizeof(double),
	                      SIZE_MAX) == SFN_ERR_LIMIT);
	CHECK(items == NULL && cap == 0);
	CHECK(sfn_vec_reserve(&items, &cap, SIZE_MAX / sizeof(double) + 1,
	                      sizeof(double), SIZE_MAX) == SFN_ERR_LIMIT);
	CHECK(items == NULL && cap == 0);
}

const struct test sfn_tests_vec[] = {
	{ "push_many", push_many }, { "doubling", doubling },
	{ "huge_move", huge_move }, { "cap_edge", cap_edge },
	{ "overflow", overflow },   { NULL, NULL },
};
