/* The event loop's timer heap: a binary min-heap of caller-owned timers,
 * ordered by deadline then start order; each timer knows its slot, so a
 * cancel is O(log n). Knows nothing of clocks or polling. */
#include "config.h"

#include <stdlib.h>

#include "util/loop_int.h"

static int earlier(const struct sfn_timer *a, const struct sfn_timer *b)
{
	return a->due < b->due || (a->due == b->due && a->seq < b->seq);
}

static void place(struct sfn_timer_heap *heap, size_t i, struct sfn_timer *t)
{
	heap->items[i] = t;
	t->slot = i;
}

static void sift_up(struct sfn_timer_heap *heap, size_t i)
{
	struct sfn_timer *t = heap->items[i];

	while (i > 0 && earlier(t, heap->items[(i - 1) / 2])) {
		place(heap, i, heap->items[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	place(heap, i, t);
}

static void sift_down(struct sfn_timer_heap *heap, size_t i)
{
	struct sfn_timer *t = heap->items[i];

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= heap->count)
			break;
		if (c + 1 < heap->count &&
		    earlier(heap->items[c + 1], heap->items[c]))
			c++;
		if (!earlier(heap->items[c], t))
			break;
		place(heap, i, heap->items[c]);
		i = c;
	}
	place(heap, i, t);
}

void Sfn_timer_heap_free(struct sfn_timer_heap *heap)
{
	for (size_t i = 0; i < heap->count; i++)
		heap->items[i]->slot = SFN_TIMER_IDLE;
	free(heap->items);
	heap->items = NULL;
	heap->count = heap->cap = 0;
}

static enum sfn_status grow(struct sfn_timer_heap *heap, size_t max)
{
	size_t cap = heap->cap ? heap->cap * 2 : 16;
	struct sfn_timer **items;

	if (cap > max)
		cap = max;
	items = realloc(heap->items, cap * sizeof(*items));
	if (items == NULL)
		return SFN_ERR_NOMEM;
	heap->items = items;
	heap->cap = cap;
	return SFN_OK;
}

/* MAX bounds the count; the caller checks the limit across heaps. */
enum sfn_status Sfn_timer_heap_push(struct sfn_timer_heap *heap,
                                    struct sfn_timer *timer, size_t max)
{
	if (heap->count == heap->cap) {
		enum sfn_status st =
		        heap->cap < max ? grow(heap, max) : SFN_ERR_LIMIT;

		if (st != SFN_OK)
			return st;
	}
	heap->items[heap->count] = timer;
	sift_up(heap, heap->count++);
	return SFN_OK;
}

void Sfn_timer_heap_remove(struct sfn_timer_heap *heap, struct sfn_timer *timer)
{
	size_t i = timer->slot;
	struct sfn_timer *last = heap->items[--heap->count];

	timer->slot = SFN_TIMER_IDLE;
	if (last == timer)
		return;
	place(heap, i, last);
	if (i > 0 && earlier(last, heap->items[(i - 1) / 2]))
		sift_up(heap, i);
	else
		sift_down(heap, i);
}

struct sfn_timer *Sfn_timer_heap_top(const struct sfn_timer_heap *heap)
{
	return heap->count ? heap->items[0] : NULL;
}
