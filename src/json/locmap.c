/* Where each node of a parsed tree stood: entries appended in parse order
 * (fast, sequential), sorted by node address on the first lookup. Most
 * documents are checked without ever asking where a node was, and then
 * this costs one append per node. Key spans are stored without an end
 * line: a key never spans lines. */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json/locmap.h"

struct sfn_locmap_entry {
	const cJSON *node;
	struct sfn_json_where where;
	unsigned seq; /* order of the put, so that the last one wins */
};

int Sfn_json_where_get(const struct sfn_json_where *w, struct sfn_span *value,
                       struct sfn_span *key)
{
	if (w->value.line == 0)
		return 0;
	if (value != NULL)
		*value = w->value;
	if (key != NULL) {
		if (w->key_line == 0)
			return 0;
		key->line = key->end_line = w->key_line;
		key->col = w->key_col;
		key->end_col = w->key_end_col;
	}
	return 1;
}

void Sfn_locmap_init(struct sfn_locmap *map)
{
	map->slots = NULL;
	map->cap = 0;
	map->count = 0;
	map->sorted = 1;
}

void Sfn_locmap_free(struct sfn_locmap *map)
{
	free(map->slots);
	Sfn_locmap_init(map);
}

enum sfn_status Sfn_locmap_reserve(struct sfn_locmap *map, size_t n)
{
	return sfn_vec_reserve(&map->slots, &map->cap, n, sizeof(*map->slots),
	                       UINT_MAX);
}

enum sfn_status Sfn_locmap_put(struct sfn_locmap *map, const cJSON *node,
                               const struct sfn_span *value,
                               const struct sfn_span *key)
{
	struct sfn_locmap_entry *e;
	enum sfn_status status;

	if (map->count >= map->cap) { /* room told without a call */
		status = Sfn_locmap_reserve(map, map->count + 1);
		if (status != SFN_OK)
			return status;
	}
	e = &map->slots[map->count];
	e->node = node;
	Sfn_json_where_set(&e->where, value, key);
	e->seq = (unsigned) map->count++;
	map->sorted = 0;
	return SFN_OK;
}

static int by_node(const void *a, const void *b)
{
	const struct sfn_locmap_entry *x = a, *y = b;
	uintptr_t p = (uintptr_t) x->node, q = (uintptr_t) y->node;

	if (p != q)
		return p < q ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The last entry put for NODE, or NULL. */
static const struct sfn_locmap_entry *find(struct sfn_locmap *map,
                                           const cJSON *node)
{
	size_t lo = 0, hi = map->count;

	if (!map->sorted) {
		qsort(map->slots, map->count, sizeof(*map->slots), by_node);
		map->sorted = 1;
	}
	while (lo < hi) { /* the first entry past NODE */
		size_t mid = lo + (hi - lo) / 2;

		if ((uintptr_t) map->slots[mid].node <= (uintptr_t) node)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || map->slots[lo - 1].node != node)
		return NULL;
	return &map->slots[lo - 1];
}

int Sfn_locmap_get(const struct sfn_locmap *map, const cJSON *node,
                   struct sfn_span *value, struct sfn_span *key)
{
	const struct sfn_locmap_entry *e;

	if (map->count == 0 || node == NULL)
		return 0;
	/* sorting on demand changes only the order of the entries */
	e = find((struct sfn_locmap *) map, node);
	return e != NULL && Sfn_json_where_get(&e->where, value, key);
}
