/* Arena allocator with checkpoints: blocks chained newest first; a mark
 * remembers the head block and its fill level. Releasing to a mark keeps
 * one ordinary block released for the next block needed, so that a mark
 * taken near the end of a block and released after every small piece of
 * work does not malloc and free a block each time. Knows nothing of what
 * it stores. */
#define _DEFAULT_SOURCE 1 /* madvise(MADV_HUGEPAGE) */

#include "config.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "sfn/util.h"

#define HUGE_PAGE ((size_t) 2 << 20) /* a transparent huge page on x86-64 */

struct sfn_arena_block {
	struct sfn_arena_block *prev; /* older block */
	size_t size;                  /* payload bytes */
	size_t used;                  /* payload bytes handed out */
	alignas(max_align_t) unsigned char data[];
};

#define ALIGN (alignof(max_align_t))

void sfn_arena_init(struct sfn_arena *arena)
{
	arena->head = NULL;
	arena->block_size = SFN_ARENA_BLOCK_SIZE;
	arena->total = 0;
	arena->spare = NULL;
	arena->limit = 0;
	arena->grow_to = 0;
}

size_t sfn_arena_block_for(size_t len, size_t per_byte)
{
	const size_t min = SFN_ARENA_BLOCK_SIZE, max = (size_t) 256 << 20;
	size_t n;

	if (per_byte == 0 || len > max / per_byte)
		return per_byte == 0 ? min : max;
	n = len * per_byte > min ? len * per_byte : min;
	/* a large block is made of whole huge pages (see huge_block) */
	return n > SFN_HUGE_WORTH ? (n + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1) : n;
}

static size_t round_up(size_t n)
{
	return (n + ALIGN - 1) & ~(ALIGN - 1);
}

/* Debug builds give every allocation an exact-size block of its own, so an
 * overflow runs off the malloc'd region where sanitizers can see it. */
static size_t block_payload(const struct sfn_arena *arena, size_t need)
{
#ifdef SFN_ARENA_DEBUG
	(void) arena;
	return need;
#else
	return need > arena->block_size ? need : arena->block_size;
#endif
}

void sfn_advise_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	uintptr_t first = ((uintptr_t) p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	uintptr_t last = ((uintptr_t) p + n) & ~(HUGE_PAGE - 1);

	if (last > first)
		(void) madvise((void *) first, last - first, MADV_HUGEPAGE);
#else
	(void) p;
	(void) n;
#endif
}

void *sfn_alloc_huge(size_t n, size_t *size)
{
	int huge = n > SFN_HUGE_WORTH && n <= SIZE_MAX - HUGE_PAGE;
	size_t whole = huge ? (n + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1) : n;
	void *p = huge ? aligned_alloc(HUGE_PAGE, whole) : malloc(n);

	if (p != NULL && huge)
		sfn_advise_huge(p, whole);
	*size = p != NULL ? whole : 0;
	return p;
}

/* Whether a block of PAYLOAD bytes is made of whole huge pages from a
 * huge page boundary: a large block is filled from its start, and pages
 * touched one by one cost the kernel about as much as the work done in
 * them (a page fault takes microseconds in a virtual machine). */
static int huge_block(size_t payload)
{
#ifdef SFN_ARENA_DEBUG
	(void) payload;
	return 0;
#else
	return payload > SFN_HUGE_WORTH;
#endif
}

/* A block of at least PAYLOAD bytes in whole huge pages, its header in
 * the first. */
static struct sfn_arena_block *new_huge_block(size_t payload)
{
	struct sfn_arena_block *b;
	size_t whole;

	if (payload > SIZE_MAX - sizeof(*b) - HUGE_PAGE)
		return NULL;
	whole = (sizeof(*b) + payload + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	b = aligned_alloc(HUGE_PAGE, whole);
	if (b == NULL)
		return NULL;
	sfn_advise_huge(b, whole);
	b->size = whole - sizeof(*b);
	return b;
}

static struct sfn_arena_block *new_block(struct sfn_arena *arena, size_t need)
{
	size_t payload = block_payload(arena, need);
	struct sfn_arena_block *b;

	if (payload > SIZE_MAX - sizeof(*b))
		return NULL;
	if (huge_block(payload)) {
		/* the header comes out of the block size's whole pages
		 * when the allocation leaves room for it */
		b = new_huge_block(payload - sizeof(*b) >= need
		                           ? payload - sizeof(*b)
		                           : need);
		if (b == NULL)
			return NULL;
	} else if (arena->spare != NULL && arena->spare->size >= payload) {
		b = arena->spare;
		arena->spare = NULL;
	} else {
		b = malloc(sizeof(*b) + payload);
		if (b == NULL)
			return NULL;
		b->size = payload;
	}
	b->prev = arena->head;
	b->used = 0;
	arena->head = b;
	if (arena->grow_to > arena->block_size)
		arena->block_size = arena->block_size > arena->grow_to / 2
		                            ? arena->grow_to
		                            : arena->block_size * 2;
	return b;
}

/* alloc_raw when the head block has no room (or there is none). */
static void *alloc_slow(struct sfn_arena *arena, size_t size, int aligned)
{
	struct sfn_arena_block *b = arena->head;
	size_t start;

	if (size == 0)
		size = 1;
	if (size > SIZE_MAX - ALIGN)
		return NULL;
	/* checked here only: past the limit, an allocation in the head
	 * block's room is one a caller's own budget check still sees, but
	 * a block's malloc is what a huge size would reach */
	if (arena->limit != 0 &&
	    (arena->total > arena->limit || size > arena->limit - arena->total))
		return NULL;
	start = b == NULL ? 0 : aligned ? round_up(b->used) : b->used;
#ifdef SFN_ARENA_DEBUG
	start = b == NULL ? 0 : b->size; /* always a block of its own */
#endif
	if (b == NULL || start > b->size || b->size - start < size) {
		b = new_block(arena, size);
		if (b == NULL)
			return NULL;
		start = 0;
	}
	b->used = start + size;
	arena->total += size;
	return b->data + start;
}

/* SIZE bytes, not cleared, aligned for any object when ALIGNED (else
 * packed: strings need no alignment). The common case, room in the head
 * block, is told here inline: the parser and the lowering make tens of
 * thousands of small pieces. */
static inline void *alloc_raw(struct sfn_arena *arena, size_t size, int aligned)
{
#ifndef SFN_ARENA_DEBUG
	struct sfn_arena_block *b = arena->head;

	if (b != NULL && size != 0) {
		size_t start = aligned ? round_up(b->used) : b->used;

		if (start <= b->size && b->size - start >= size) {
			b->used = start + size;
			arena->total += size;
			return b->data + start;
		}
	}
#endif
	return alloc_slow(arena, size, aligned);
}

void *sfn_arena_alloc(struct sfn_arena *arena, size_t size)
{
	void *p = alloc_raw(arena, size, 1);

	if (p != NULL)
		memset(p, 0, size);
	return p;
}

void *sfn_arena_alloc_raw(struct sfn_arena *arena, size_t size)
{
	return alloc_raw(arena, size, 1);
}

char *sfn_arena_strndup(struct sfn_arena *arena, const char *s, size_t n)
{
	char *p = n < SIZE_MAX ? alloc_raw(arena, n + 1, 0) : NULL;

	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *sfn_arena_strdup(struct sfn_arena *arena, const char *s)
{
	return sfn_arena_strndup(arena, s, strlen(s));
}

struct sfn_arena_mark sfn_arena_checkpoint(const struct sfn_arena *arena)
{
	struct sfn_arena_mark mark;

	mark.block = arena->head;
	mark.used = arena->head ? arena->head->used : 0;
	mark.total = arena->total;
	return mark;
}

/* B, released, becomes the spare block if it is an ordinary one and
 * there is none (never in debug builds, whose blocks are each one
 * allocation for the sanitizers); else it is freed. */
static void keep_or_free(struct sfn_arena *arena, struct sfn_arena_block *b)
{
#ifndef SFN_ARENA_DEBUG
	if (arena->spare == NULL && b->size == arena->block_size) {
		arena->spare = b;
		return;
	}
#else
	(void) arena;
#endif
	free(b);
}

void sfn_arena_release(struct sfn_arena *arena, struct sfn_arena_mark mark)
{
	while (arena->head != NULL && arena->head != mark.block) {
		struct sfn_arena_block *prev = arena->head->prev;

		keep_or_free(arena, arena->head);
		arena->head = prev;
	}
	if (arena->head != NULL)
		arena->head->used = mark.used;
	arena->total = mark.total;
}

int sfn_arena_owns(const struct sfn_arena *arena, const void *p)
{
	uintptr_t q = (uintptr_t) p; /* blocks are distinct objects */

	for (const struct sfn_arena_block *b = arena->head; b; b = b->prev)
		if (q >= (uintptr_t) b->data &&
		    q - (uintptr_t) b->data < b->used)
			return 1;
	return 0;
}

int sfn_arena_since(const struct sfn_arena *arena, struct sfn_arena_mark mark,
                    const void *p)
{
	uintptr_t q = (uintptr_t) p; /* blocks are distinct objects */

	for (const struct sfn_arena_block *b = arena->head; b; b = b->prev) {
		size_t from = b == mark.block ? mark.used : 0;

		if (q >= (uintptr_t) b->data + from &&
		    q - (uintptr_t) b->data < b->used)
			return 1;
		if (b == mark.block)
			break;
	}
	return 0;
}

void sfn_arena_reuse(struct sfn_arena *arena)
{
#ifdef SFN_ARENA_DEBUG
	/* every block freed: a pointer into what was dropped is a use after
	 * free for the sanitizers, not memory quietly handed out again */
	struct sfn_arena_mark start = { NULL, 0, 0 };

	sfn_arena_release(arena, start);
#else
	struct sfn_arena_block *b = arena->head;

	while (b != NULL && b->prev != NULL) {
		struct sfn_arena_block *prev = b->prev;

		free(b);
		b = prev;
	}
	arena->head = b;
	if (b != NULL)
		b->used = 0;
	arena->total = 0;
#endif
}

void sfn_arena_free(struct sfn_arena *arena)
{
	struct sfn_arena_mark start = { NULL, 0, 0 };

	sfn_arena_release(arena, start);
	free(arena->spare);
	arena->spare = NULL;
}
