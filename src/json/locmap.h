/* Where each node of a parsed JSON tree stood in its text: a hash table
 * from node address to spans. Private to the JSON reader. */
#ifndef SFN_JSON_LOCMAP_H
#define SFN_JSON_LOCMAP_H

#include <cjson/cJSON.h>

#include "sfn/json.h"

struct sfn_locmap_entry;

struct sfn_locmap {
	struct sfn_locmap_entry *slots;
	size_t cap; /* a power of two, or 0 */
	size_t count;
};

void sfn_locmap_init(struct sfn_locmap *map);
void sfn_locmap_free(struct sfn_locmap *map);
/* Records NODE's value span and, for object members, its key span (KEY
 * may be NULL). */
enum sfn_status sfn_locmap_put(struct sfn_locmap *map, const cJSON *node,
                               const struct sfn_span *value,
                               const struct sfn_span *key);
int sfn_locmap_get(const struct sfn_locmap *map, const cJSON *node,
                   struct sfn_span *value, struct sfn_span *key);

#endif
