/* Node-address hash table of source spans, open addressing. Key spans
 * are stored without an end line: a JSON string never spans lines. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "json/locmap.h"

struct sfn_locmap_entry {
	const cJSON *node; /* NULL: empty slot */
	struct sfn_span value;
	unsigned key_line; /* 0 when the node is no object member */
	unsigned key_col, key_end_col;
};

void sfn_locmap_init(struct sfn_locmap *map)
{
	map->slots = NULL;
	map->cap = 0;
	map->count = 0;
}

void sfn_locmap_free(struct sfn_locmap *map)
{
	free(map->slots);
	sfn_locmap_init(map);
}

static size_t hash_ptr(const void *p)
{
	uint64_t h = (uint64_t) (uintptr_t) p;

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	return (size_t) h;
}

static struct sfn_locmap_entry *slot(const struct sfn_locmap *map,
                                     const cJSON *node)
{
	size_t mask = map->cap - 1;

	for (size_t i = hash_ptr(node) & mask;; i = (i + 1) & mask) {
		if (map->slots[i].node == NULL || map->slots[i].node == node)
			return &map->slots[i];
	}
}

static enum sfn_status grow(struct sfn_locmap *map)
{
	struct sfn_locmap old = *map;
	size_t cap = map->cap ? map->cap * 2 : 256;

	map->slots = calloc(cap, sizeof(*map->slots));
	if (map->slots == NULL) {
		*map = old;
		return SFN_ERR_NOMEM;
	}
	map->cap = cap;
	for (size_t i = 0; i < old.cap; i++) {
		if (old.slots[i].node != NULL)
			*slot(map, old.slots[i].node) = old.slots[i];
	}
	free(old.slots);
	return SFN_OK;
}

enum sfn_status sfn_locmap_put(struct sfn_locmap *map, const cJSON *node,
                               const struct sfn_span *value,
                               const struct sfn_span *key)
{
	struct sfn_locmap_entry *e;

	if ((map->count + 1) * 4 > map->cap * 3 && grow(map) != SFN_OK)
		return SFN_ERR_NOMEM;
	e = slot(map, node);
	if (e->node == NULL)
		map->count++;
	e->node = node;
	e->value = *value;
	e->key_line = key ? key->line : 0;
	e->key_col = key ? key->col : 0;
	e->key_end_col = key ? key->end_col : 0;
	return SFN_OK;
}

int sfn_locmap_get(const struct sfn_locmap *map, const cJSON *node,
                   struct sfn_span *value, struct sfn_span *key)
{
	const struct sfn_locmap_entry *e;

	if (map->cap == 0 || node == NULL)
		return 0;
	e = slot(map, node);
	if (e->node == NULL)
		return 0;
	if (value != NULL)
		*value = e->value;
	if (key != NULL) {
		if (e->key_line == 0)
			return 0;
		key->line = key->end_line = e->key_line;
		key->col = e->key_col;
		key->end_col = e->key_end_col;
	}
	return 1;
}
