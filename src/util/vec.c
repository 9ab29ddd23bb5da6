/* Growable arrays: overflow-checked doubling with a cap on the item
 * count; large ones grow fourfold, advised into huge pages. Knows nothing
 * of what the items are. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/util.h"

/* The capacity to grow CAP to for NEED items, or 0 past MAX. */
static size_t next_cap(size_t cap, size_t need, size_t max)
{
	size_t want = cap ? cap : SFN_VEC_FIRST;

	if (need > max)
		return 0;
	while (want < need)
		want = want > SIZE_MAX / 2 ? need : want * 2;
	return want < max ? want : max;
}

/* *ITEMS (*CAP items of SIZE bytes, at most SFN_HUGE_WORTH) moved into
 * whole huge pages, room for WANT items or more (at most MAX): an array
 * that grows large is filled soon after (a compile's spans of every node,
 * a template's text), and copying what it held costs less than faulting
 * its new pages in one by one. */
static enum sfn_status grow_huge(void *items, size_t *cap, size_t want,
                                 size_t size, size_t max)
{
	void *old, *grown;
	size_t got;

	memcpy(&old, items, sizeof(old));
	grown = sfn_alloc_huge(want * size, &got);
	if (grown == NULL)
		return SFN_ERR_NOMEM;
	if (old != NULL)
		memcpy(grown, old, *cap * size);
	free(old);
	memcpy(items, &grown, sizeof(grown));
	/* the whole pages' room, so the next growths may need no move */
	*cap = got / size < max ? got / size : max;
	return SFN_OK;
}

enum sfn_status sfn_vec_reserve(void *items, size_t *cap, size_t need,
                                size_t size, size_t max)
{
	void *old, *grown;
	size_t want;

	if (need <= *cap)
		return SFN_OK;
	want = next_cap(*cap, need, max);
	if (want == 0 || size == 0 || want > SIZE_MAX / size)
		return SFN_ERR_LIMIT;
	/* a large array grows fourfold: its pages are backed only once
	 * touched, so the room costs address space alone, and each move
	 * copies all it holds (realloc cannot have the kernel move an
	 * aligned block whose mapping madvise split) */
	if (want * size > SFN_HUGE_WORTH && want <= SIZE_MAX / size / 2)
		want = want * 2 < max ? want * 2 : max;
	memcpy(&old, items, sizeof(old));
	if (want * size > SFN_HUGE_WORTH && *cap * size <= SFN_HUGE_WORTH)
		return grow_huge(items, cap, want, size, max);
	grown = realloc(old, want * size);
	if (grown == NULL)
		return SFN_ERR_NOMEM;
	memcpy(items, &grown, sizeof(grown));
	*cap = want;
	/* advised again, its new pages fault in huge */
	if (want * size > SFN_HUGE_WORTH)
		sfn_advise_huge(grown, want * size);
	return SFN_OK;
}

enum sfn_status sfn_vec_push(void *items, size_t *count, size_t *cap,
                             const void *item, size_t size, size_t max)
{
	enum sfn_status status;
	unsigned char *base;

	if (*count == SIZE_MAX)
		return SFN_ERR_LIMIT;
	status = sfn_vec_reserve(items, cap, *count + 1, size, max);
	if (status != SFN_OK)
		return status;
	memcpy(&base, items, sizeof(base));
	memcpy(base + *count * size, item, size);
	(*count)++;
	return SFN_OK;
}
