/* Where each node of a tree built by cJSON's allocator stood in its text:
 * spans by node address. Private to src/json: the YAML reader uses it (the
 * JSON reader keeps locations beside its arena nodes). */
#ifndef SFN_JSON_LOCMAP_H
#define SFN_JSON_LOCMAP_H

#include <cjson/cJSON.h>

#include "sfn/json.h"

/* Where one node stood: its value and, for an object member, its key
 * (key_line 0 when none). A key never spans lines. */
struct sfn_json_where {
	struct sfn_span value;
	unsigned key_line, key_col, key_end_col;
};

/* Fills W from the spans (KEY may be NULL). Inline: the fast YAML
 * reader places every node so. */
static inline void Sfn_json_where_set(struct sfn_json_where *w,
                                      const struct sfn_span *value,
                                      const struct sfn_span *key)
{
	w->value = *value;
	w->key_line = key ? key->line : 0;
	w->key_col = key ? key->col : 0;
	w->key_end_col = key ? key->end_col : 0;
}
/* Reads W into VALUE and KEY (either may be NULL); 0 when W is unknown
 * or, asking for KEY, holds none. */
int Sfn_json_where_get(const struct sfn_json_where *w, struct sfn_span *value,
                       struct sfn_span *key);

struct sfn_locmap_entry;

struct sfn_locmap {
	struct sfn_locmap_entry *slots; /* in put order until sorted */
	size_t cap;
	size_t count;
	int sorted; /* sorted by node since the last put */
};

void Sfn_locmap_init(struct sfn_locmap *map);
void Sfn_locmap_free(struct sfn_locmap *map);
/* Records NODE's value span and, for object members, its key span (KEY
 * may be NULL). */
/* Room for N entries in all. */
enum sfn_status Sfn_locmap_reserve(struct sfn_locmap *map, size_t n);
enum sfn_status Sfn_locmap_put(struct sfn_locmap *map, const cJSON *node,
                               const struct sfn_span *value,
                               const struct sfn_span *key);
int Sfn_locmap_get(const struct sfn_locmap *map, const cJSON *node,
                   struct sfn_span *value, struct sfn_span *key);

#endif
