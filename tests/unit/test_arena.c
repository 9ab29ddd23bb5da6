/* Arena: alignment, zeroing, large requests, checkpoints, ownership, the
 * spare block. */
#include "config.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "sfn/util.h"
#include "test.h"

static void aligned_and_zeroed(struct test_state *t)
{
	struct sfn_arena a;

	sfn_arena_init(&a);
	for (size_t n = 1; n < 100; n += 7) {
		unsigned char *p = sfn_arena_alloc(&a, n);

		CHECK(p != NULL);
#ifndef SFN_ARENA_DEBUG
		CHECK((uintptr_t) p % alignof(max_align_t) == 0);
#endif
		for (size_t i = 0; i < n; i++)
			CHECK(p[i] == 0);
		p[n - 1] = 0xff;
	}
	sfn_arena_free(&a);
}

static void larger_than_a_block(struct test_state *t)
{
	struct sfn_arena a;
	char *big, *small;

	sfn_arena_init(&a);
	small = sfn_arena_alloc(&a, 10);
	big = sfn_arena_alloc(&a, SFN_ARENA_BLOCK_SIZE * 3);
	CHECK(small != NULL && big != NULL);
	big[SFN_ARENA_BLOCK_SIZE * 3 - 1] = 'x';
	CHECK(sfn_arena_alloc(&a, SIZE_MAX) == NULL);
	CHECK(sfn_arena_alloc(&a, SIZE_MAX - 8) == NULL);
	sfn_arena_free(&a);
}

static void checkpoint_release(struct test_state *t)
{
	struct sfn_arena a;
	struct sfn_arena_mark m;
	char *keep, *again;

	sfn_arena_init(&a);
	keep = sfn_arena_strdup(&a, "kept");
	m = sfn_arena_checkpoint(&a);
	for (int i = 0; i < 1000; i++)
		CHECK(sfn_arena_alloc(&a, 1000) != NULL);
	CHECK(a.total > 1000 * 1000);
	sfn_arena_release(&a, m);
	CHECK_INT(a.total, m.total);
	CHECK_STR(keep, "kept");
	again = sfn_arena_strndup(&a, "scratch space", 7);
	CHECK_STR(again, "scratch");
	sfn_arena_release(&a, m);
	CHECK_STR(keep, "kept");
	sfn_arena_free(&a);
	CHECK(a.head == NULL);
}

static void release_to_empty(struct test_state *t)
{
	struct sfn_arena a;
	struct sfn_arena_mark m;

	sfn_arena_init(&a);
	m = sfn_arena_checkpoint(&a);
	CHECK(sfn_arena_alloc(&a, 5) != NULL);
	sfn_arena_release(&a, m);
	CHECK(a.head == NULL);
	CHECK_INT(a.total, 0);
	sfn_arena_free(&a);
}

static void owns_what_it_handed_out(struct test_state *t)
{
	struct sfn_arena a, other;
	char *first, *big, *after, outside[8];
	struct sfn_arena_mark m;

	sfn_arena_init(&a);
	sfn_arena_init(&other);
	CHECK(!sfn_arena_owns(&a, outside));
	first = sfn_arena_alloc(&a, 16);
	big = sfn_arena_alloc(&a, SFN_ARENA_BLOCK_SIZE * 2);
	CHECK(sfn_arena_owns(&a, first) && sfn_arena_owns(&a, first + 15));
	CHECK(sfn_arena_owns(&a, big + SFN_ARENA_BLOCK_SIZE * 2 - 1));
	CHECK(!sfn_arena_owns(&a, outside));
	CHECK(!sfn_arena_owns(&other, first));
	m = sfn_arena_checkpoint(&a);
	after = sfn_arena_alloc(&a, 32);
	CHECK(sfn_arena_owns(&a, after));
	sfn_arena_release(&a, m);
	CHECK(sfn_arena_owns(&a, first));
	CHECK(!sfn_arena_owns(&a, after)); /* given back */
	sfn_arena_free(&a);
	CHECK(!sfn_arena_owns(&a, outside));
}

/* What was handed out after a mark, in the mark's block and in blocks
 * after it, and nothing before it; from an empty arena's mark, all. */
static void since_a_mark(struct test_state *t)
{
	struct sfn_arena a;
	struct sfn_arena_mark empty, m;
	char *before, *same, *big, outside[8];

	sfn_arena_init(&a);
	empty = sfn_arena_checkpoint(&a);
	before = sfn_arena_alloc(&a, 16);
	m = sfn_arena_checkpoint(&a);
	CHECK(!sfn_arena_since(&a, m, before));
	CHECK(!sfn_arena_since(&a, m, before + 15));
	same = sfn_arena_alloc(&a, 16);
	big = sfn_arena_alloc(&a, SFN_ARENA_BLOCK_SIZE * 2);
	CHECK(sfn_arena_since(&a, m, same));
	CHECK(sfn_arena_since(&a, m, big));
	CHECK(sfn_arena_since(&a, m, big + SFN_ARENA_BLOCK_SIZE * 2 - 1));
	CHECK(!sfn_arena_since(&a, m, before));
	CHECK(!sfn_arena_since(&a, m, outside));
	CHECK(sfn_arena_since(&a, empty, before));
	sfn_arena_release(&a, m);
	CHECK(!sfn_arena_since(&a, m, same)); /* given back */
	sfn_arena_free(&a);
}

/* A block released to a mark is kept for the next block needed, one at
 * most, so that a mark released over and over at a block's end does not
 * allocate a block each time; a block larger than ordinary is freed.
 * Debug builds keep none (each allocation is a block of its own). */
static void spare_block(struct test_state *t)
{
	struct sfn_arena a;
	struct sfn_arena_mark m;
	char *first, *again, *big;

	sfn_arena_init(&a);
	CHECK(sfn_arena_alloc(&a, SFN_ARENA_BLOCK_SIZE - 64) != NULL);
	m = sfn_arena_checkpoint(&a);
	first = sfn_arena_alloc(&a, 128); /* past the block: a new one */
	CHECK(first != NULL);
	first[0] = 'x';
	sfn_arena_release(&a, m);
	CHECK(!sfn_arena_owns(&a, first));
	again = sfn_arena_alloc(&a, 128);
	CHECK(again != NULL && again[0] == 0); /* zeroed again */
#ifndef SFN_ARENA_DEBUG
	CHECK(again == first);
#endif
	CHECK(a.spare == NULL);
	sfn_arena_release(&a, m);
#ifndef SFN_ARENA_DEBUG
	CHECK(a.spare != NULL);
#else
	CHECK(a.spare == NULL);
#endif
	big = sfn_arena_alloc(&a, SFN_ARENA_BLOCK_SIZE * 2);
	CHECK(big != NULL && big != first);
	sfn_arena_release(&a, m);
	CHECK(!sfn_arena_owns(&a, big));
	sfn_arena_free(&a);
	CHECK(a.head == NULL && a.spare == NULL);
}

/* Reuse empties the arena but keeps its oldest block: what was handed
 * out is no longer owned, the next allocation comes from that block
 * again, and blocks added after it are given back. */
static void reuse_keeps_the_oldest_block(struct test_state *t)
{
	struct sfn_arena a;
	char *first, *big, *again;

	sfn_arena_init(&a);
	sfn_arena_reuse(&a); /* an empty arena stays empty */
	CHECK(a.head == NULL && a.total == 0);
	first = sfn_arena_alloc(&a, 16);
	big = sfn_arena_alloc(&a, SFN_ARENA_BLOCK_SIZE * 2);
	CHECK(first != NULL && big != NULL);
	sfn_arena_reuse(&a);
	CHECK(a.total == 0);
	CHECK(!sfn_arena_owns(&a, first) && !sfn_arena_owns(&a, big));
	again = sfn_arena_alloc(&a, 16);
	CHECK(again != NULL && sfn_arena_owns(&a, again));
#ifndef SFN_ARENA_DEBUG
	CHECK(again == first); /* the same memory, no new block */
#endif
	CHECK(a.total == 16);
	sfn_arena_free(&a);
}

#define HUGE_PAGE ((size_t) 2 << 20) /* as the arena knows it */

/* Makes A an arena of blocks of four huge pages; its first 100 bytes. */
static unsigned char *huge_arena(struct sfn_arena *a)
{
	sfn_arena_init(a);
	a->block_size = 4 * HUGE_PAGE;
	return sfn_arena_alloc(a, 100);
}

/* A block of several huge pages is whole huge pages from a boundary,
 * its first bytes handed out just past the block's header; what follows
 * in it is handed out after that; it is owned, writable and released
 * like any other. */
static void huge_blocks_start_aligned(struct test_state *t)
{
	struct sfn_arena a;
	unsigned char *big = huge_arena(&a), *next;

	next = sfn_arena_alloc(&a, 100);
	CHECK(big != NULL && next != NULL);
#ifndef SFN_ARENA_DEBUG
	CHECK((uintptr_t) big % HUGE_PAGE <= 64);        /* past the header */
	CHECK(next > big && next < big + 4 * HUGE_PAGE); /* the same block */
#endif
	CHECK(sfn_arena_owns(&a, big) && sfn_arena_owns(&a, next + 99));
	memset(big, 1, 100);
	CHECK(sfn_arena_alloc(&a, 4 * HUGE_PAGE) != NULL); /* one of its own */
	CHECK(a.total == 200 + 4 * HUGE_PAGE);
	sfn_advise_huge(big, 0); /* advice on nothing is no fault */
	sfn_arena_free(&a);
}

/* A huge block holds what is asked of it even when that leaves no room
 * for the block's header within the block size: at the edge and one
 * byte either side, every byte writable. */
static void huge_block_edges(struct test_state *t)
{
	for (size_t d = 0; d < 3; d++) {
		struct sfn_arena a;
		size_t n = 4 * HUGE_PAGE - 64 - 1 + d;
		unsigned char *p;

		sfn_arena_init(&a);
		a.block_size = 4 * HUGE_PAGE;
		p = sfn_arena_alloc(&a, n);
		CHECK(p != NULL && sfn_arena_owns(&a, p + n - 1));
		if (p != NULL)
			memset(p, 1, n);
		sfn_arena_free(&a);
	}
}

/* Reuse hands a huge block out from its start again. */
static void reuse_keeps_huge_alignment(struct test_state *t)
{
	struct sfn_arena a;
	unsigned char *first = huge_arena(&a), *again;

	CHECK(first != NULL);
	sfn_arena_reuse(&a);
	CHECK(!sfn_arena_owns(&a, first));
	again = sfn_arena_alloc(&a, 100);
	CHECK(again != NULL && sfn_arena_owns(&a, again));
#ifndef SFN_ARENA_DEBUG
	CHECK((uintptr_t) again % HUGE_PAGE <= 64);
	CHECK(again == first); /* the same block, from the same place */
#endif
	CHECK(a.total == 100);
	sfn_arena_free(&a);
}

/* sfn_alloc_huge: up to SFN_HUGE_WORTH, exactly what was asked; past
 * it, whole huge pages from a boundary; every byte writable. */
static void alloc_huge_sizes(struct test_state *t)
{
	static const struct {
		size_t n, size; /* asked, got */
	} cases[] = {
		{ 1, 1 },
		{ SFN_HUGE_WORTH, SFN_HUGE_WORTH },
		{ SFN_HUGE_WORTH + 1, HUGE_PAGE },
		{ HUGE_PAGE, HUGE_PAGE },
		{ HUGE_PAGE + 1, 2 * HUGE_PAGE },
		{ 3411834, 2 * HUGE_PAGE },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t size = 7;
		char *p = sfn_alloc_huge(cases[i].n, &size);

		CHECK(p != NULL);
		CHECK_INT(size, cases[i].size);
		if (cases[i].n > SFN_HUGE_WORTH)
			CHECK((uintptr_t) p % HUGE_PAGE == 0);
		memset(p, 1, size);
		free(p);
	}
}

/* An arena's limit: allocations up to it are made, one past it gets
 * NULL and leaves the arena as it was; none (0) is no limit. */
static void limit_edge(struct test_state *t)
{
	struct sfn_arena a;
	const size_t lim = (size_t) 1 << 20;

	sfn_arena_init(&a);
	CHECK_INT(a.limit, 0);
	a.limit = lim;
	CHECK(sfn_arena_alloc(&a, 1000) != NULL);
	CHECK(sfn_arena_alloc(&a, lim - 1000 + 1) == NULL);
	CHECK_INT(a.total, 1000);
	CHECK(sfn_arena_alloc(&a, lim - 1000) != NULL);
	CHECK_INT(a.total, lim);
	CHECK(sfn_arena_alloc(&a, (size_t) 81 << 50) == NULL);
	sfn_arena_free(&a);
}

/* sfn_arena_block_for: in proportion to the input, within its bounds,
 * and whole huge pages past SFN_HUGE_WORTH. */
static void block_for_sizes(struct test_state *t)
{
	CHECK_INT(sfn_arena_block_for(10, 8), SFN_ARENA_BLOCK_SIZE);
	CHECK_INT(sfn_arena_block_for(SFN_HUGE_WORTH / 8, 8), SFN_HUGE_WORTH);
	CHECK_INT(sfn_arena_block_for(SFN_HUGE_WORTH / 8 + 1, 8), HUGE_PAGE);
	CHECK_INT(sfn_arena_block_for(260727, 8), HUGE_PAGE);
	CHECK_INT(sfn_arena_block_for(HUGE_PAGE / 8 + 1, 8), 2 * HUGE_PAGE);
	CHECK_INT(sfn_arena_block_for((size_t) -1, 8), (size_t) 256 << 20);
	CHECK_INT(sfn_arena_block_for(5, 0), SFN_ARENA_BLOCK_SIZE);
}

const struct test sfn_tests_arena[] = {
	{ "alloc_huge_sizes", alloc_huge_sizes },
	{ "huge_blocks_start_aligned", huge_blocks_start_aligned },
	{ "huge_block_edges", huge_block_edges },
	{ "block_for_sizes", block_for_sizes },
	{ "limit_edge", limit_edge },
	{ "reuse_keeps_the_oldest_block", reuse_keeps_the_oldest_block },
	{ "reuse_keeps_huge_alignment", reuse_keeps_huge_alignment },
	{ "aligned_and_zeroed", aligned_and_zeroed },
	{ "larger_than_a_block", larger_than_a_block },
	{ "checkpoint_release", checkpoint_release },
	{ "release_to_empty", release_to_empty },
	{ "owns_what_it_handed_out", owns_what_it_handed_out },
	{ "since_a_mark", since_a_mark },
	{ "spare_block", spare_block },
	{ NULL, NULL },
};
